"""The bounded repair loop end to end: fake OpenAI server (real HTTP/SSE) → backend → fixer → sandboxed check →
repair request carrying the typed error → real render at "low"; and the CLI with --backend local."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from fake_openai import FakeOpenAI, Reply, reply_chunks

from mathanim.backends import get_backend
from mathanim.config import Settings
from mathanim.events import Done
from mathanim.job import Job
from mathanim.pipeline import generate

ROOT = Path(__file__).resolve().parent.parent
GOOD = '''from manim import *


class UnitCircle(Scene):
    def construct(self):
        title = Text("Unit circle", font_size=40).to_edge(UP)
        circle = Circle(radius=1.5, color=BLUE)
        self.play(Write(title), ShowCreation(circle), run_time=0.5)
        self.wait(0.2)
'''
# ShowCreation is fixed statically; the undefined helper is not, so the model has to repair it.
BROKEN = GOOD.replace("circle = Circle(radius=1.5, color=BLUE)", "circle = make_circle(radius=1.5)")


def reply(code: str, usage=(200, 300)) -> Reply:
    text = f"## Key formulas\n$$x^2 + y^2 = 1$$\n\n```python\n{code}```\n\n## Notes\nAll points at distance $1$.\n"
    return Reply(reply_chunks(text, "Plan: title, then the circle.", style="vllm", usage=usage))


def run(settings: Settings, base_url: str, **kw):
    backend = get_backend("local", settings, base_url=base_url, model="manim-lora")
    res = None
    for ev in generate("unit circle", backend, Job.make(settings, "low", **kw)):
        if isinstance(ev, Done):
            res = ev.result
    return res


def test_broken_then_fixed_succeeds_in_two_attempts_with_a_real_render(settings):
    with FakeOpenAI([reply(BROKEN, (200, 300)), reply(GOOD, (900, 250))]) as srv:
        res = run(settings, srv.base_url)
    assert res.status == "ok", res.error
    assert res.attempts == 2 and len(srv.requests) == 2
    assert Path(res.video).stat().st_size > 1000 and Path(res.poster).exists()
    assert res.tokens == {"prompt": 1100, "completion": 550}
    assert any("ShowCreation to Create" in f for f in res.fixes)
    assert res.rounds[0]["error"]["kind"] == "runtime" and res.rounds[1]["error"] is None
    repair = srv.requests[1]["body"]["messages"][-1]["content"]
    assert "NameError" in repair and "make_circle" in repair  # the typed error went back to the model
    assert "circle = make_circle(radius=1.5)" in repair and "Create(circle)" in repair  # the fixed code, too
    assert "Error kind: runtime" in repair
    assert Path(res.code).read_text() == GOOD.replace("ShowCreation", "Create")
    assert "All points at distance" in Path(res.notes_md).read_text()


def test_failure_after_the_bounded_rounds_keeps_the_last_code_and_error(settings):
    with FakeOpenAI([reply(BROKEN), reply(BROKEN), reply(GOOD)]) as srv:
        res = run(settings, srv.base_url, max_rounds=2)
    assert res.status == "error" and res.attempts == 2 and len(srv.requests) == 2
    assert res.error["kind"] == "runtime" and "make_circle" in res.error["message"]
    assert "make_circle" in Path(res.code).read_text() and res.video is None


def test_backend_fault_in_a_repair_round_ends_clearly(settings):
    half = GOOD[: GOOD.index("self.play")]
    cut = Reply(reply_chunks(f"```python\n{half}", finish=None, usage=None), mode="cut")
    with FakeOpenAI([reply(BROKEN), cut]) as srv:
        res = run(settings, srv.base_url)
    assert res.status == "error" and res.attempts == 2 and res.error["kind"] == "backend"
    assert "dropped mid-reply" in res.error["message"] and "middle of the code" in res.error["message"]
    assert Path(res.code).read_text().startswith("from manim import *")  # the partial scene is kept


def test_cli_with_the_local_backend(tmp_path):
    with FakeOpenAI([reply(BROKEN), reply(GOOD)]) as srv:
        env = {**os.environ, "MATHANIM_MEDIA_DIR": str(tmp_path / "media"), "DEEPSEEK_API_KEY": ""}
        p = subprocess.run([sys.executable, str(ROOT / "text_to_manim.py"), "unit circle", "--backend", "local",
                            "--base-url", srv.base_url, "--model", "my-lora", "--quality", "low", "--json"],
                           capture_output=True, text=True, env=env, timeout=300)
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout.strip().splitlines()[-1])
    assert data["status"] == "ok" and data["backend"] == "local" and data["attempts"] == 2
    assert any("ShowCreation" in f for f in data["fixes"])
    assert data["tokens"] == {"prompt": 400, "completion": 600}
    assert Path(data["video"]).exists()
    assert [r["body"]["model"] for r in srv.requests] == ["my-lora", "my-lora"]


def test_cli_deepseek_without_a_key_is_a_clear_error(tmp_path):
    env = {**os.environ, "MATHANIM_MEDIA_DIR": str(tmp_path / "media"), "DEEPSEEK_API_KEY": ""}
    p = subprocess.run([sys.executable, str(ROOT / "text_to_manim.py"), "unit circle", "--backend", "deepseek",
                        "--base-url", "http://127.0.0.1:9/v1", "--json"], capture_output=True, text=True, env=env,
                       cwd=tmp_path, timeout=120)
    data = json.loads(p.stdout.strip().splitlines()[-1])
    assert p.returncode == 1 and data["error"]["kind"] == "backend"
    assert "DEEPSEEK_API_KEY" in data["error"]["message"]
