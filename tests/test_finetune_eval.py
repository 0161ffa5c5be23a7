"""`finetune eval`: a concept suite through two OpenAI-compatible endpoints (real local HTTP servers speaking
SSE, real sandboxed renders), reported side by side: first-try and after-repair render rates, repair rounds."""

from __future__ import annotations

import json

from fake_openai import FakeOpenAI, Reply, reply_chunks

from mathanim.finetune.eval import Endpoint, run_eval

GOOD = "from manim import *\n\n\nclass Dot1(Scene):\n    def construct(self):\n        self.play(FadeIn(Dot()), run_time=0.5)\n"
BAD = GOOD.replace("Dot()", "Dott()")


def _reply(code: str) -> Reply:
    return Reply(reply_chunks(f"## Key formulas\n$$x$$\n\n```python\n{code}```\n\n## Notes\nA dot.\n", "plan"))


def test_eval_base_vs_adapter(tmp_path, settings):
    suite = tmp_path / "suite.txt"
    suite.write_text("# one concept\na dot appears\n")
    with FakeOpenAI([_reply(BAD), _reply(GOOD)]) as base, FakeOpenAI([_reply(GOOD)]) as tuned:
        eps = [Endpoint.parse(f"base={base.base_url},qwen-base"), Endpoint.parse(f"adapter={tuned.base_url},manim-lora")]
        table = run_eval(eps, suite, tmp_path / "eval", max_rounds=3, settings=settings, layout=False)
        assert base.requests[0]["body"]["model"] == "qwen-base" and tuned.requests[0]["body"]["model"] == "manim-lora"
    reports = {r["label"]: r for r in json.loads((tmp_path / "eval" / "eval.json").read_text())}
    b, a = reports["base"]["summary"], reports["adapter"]["summary"]
    assert b["render_rate_first_try"] == 0.0 and b["render_rate_after_repairs"] == 1.0 and b["mean_repair_rounds"] == 1
    assert a["render_rate_first_try"] == 1.0 and a["mean_repair_rounds"] == 0
    assert reports["base"]["rows"][0]["attempts"] == 2 and len(base.requests) == 2
    assert "| render_rate_first_try | 0.0 | 1.0 |" in table and "base (qwen-base)" in table
