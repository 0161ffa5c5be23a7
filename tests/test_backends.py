"""The OpenAI-compatible backend against a real local HTTP server speaking SSE: styles, faults, key hygiene."""

from __future__ import annotations

import socket
from types import SimpleNamespace

import pytest
from fake_openai import FakeOpenAI, Reply, chunk, reply_chunks

from mathanim.backends import get_backend, openai_compat
from mathanim.backends.base import BackendError, Request
from mathanim.backends.openai_compat import OpenAICompatBackend
from mathanim.config import Settings
from mathanim.events import Code, Notes, Reasoning, Usage
from mathanim.result import ErrorInfo

KEY = "sk-test-8f3a9c1e77d24b0fa1b2c3d4e5f6a7b8"
SCENE = "from manim import *\n\n\nclass Parabola(Scene):\n    def construct(self):\n        self.wait(1)\n"
CONTENT = f"## Key formulas\n$$\\frac{{d}}{{dx}}x^2 = 2x$$\n\n```python\n{SCENE}```\n\n## Notes\nSlope $2x$.\n"
REASONING = "The user wants the derivative of x^2. I will show the tangent line."


def make(srv: FakeOpenAI, profile: str = "deepseek", key: str = KEY, **env) -> OpenAICompatBackend:
    values = {"DEEPSEEK_API_KEY": key, "MATHANIM_REQUEST_TIMEOUT": "2", "MATHANIM_MAX_RETRIES": "2", **env}
    backend = get_backend(profile, Settings.load(env=values, dotenv=False), base_url=srv.base_url, model="m1")
    backend.backoff_s = 0.01
    return backend


def collect(backend, request=None) -> tuple[list, BackendError | None]:
    events, err = [], None
    try:
        for ev in backend.stream(request or Request("derivative of x^2")):
            events.append(ev)
    except BackendError as e:
        err = e
    if err is not None:
        assert KEY not in str(err) and KEY not in repr(err.args), "the key leaked into an error"
    return events, err


def finals(events) -> tuple[str, str]:
    code = [e.text for e in events if isinstance(e, Code) and e.final]
    notes = [e.text for e in events if isinstance(e, Notes) and e.final]
    assert len(code) == 1 and len(notes) == 1
    return code[0], notes[0]


@pytest.mark.parametrize("style", ["deepseek", "vllm", "think", "think_close"])
def test_streaming_styles(style):
    with FakeOpenAI([Reply(reply_chunks(CONTENT, REASONING, style=style), keepalive=3)]) as srv:
        events, err = collect(make(srv, "deepseek" if style == "deepseek" else "local"))
    assert err is None
    assert "".join(e.text for e in events if isinstance(e, Reasoning)) == REASONING
    code, notes = finals(events)
    assert code == SCENE and notes.startswith("## Key formulas") and "Slope $2x$." in notes
    assert sum(isinstance(e, Code) and not e.final for e in events) > 5  # live snapshots while streaming
    assert [e for e in events if isinstance(e, Usage)] == [Usage(120, 340)]
    first_reasoning = next(i for i, e in enumerate(events) if isinstance(e, Reasoning))
    first_code = next(i for i, e in enumerate(events) if isinstance(e, Code))
    assert first_reasoning < first_code


def test_request_shape_and_prompts():
    with FakeOpenAI([Reply(reply_chunks(CONTENT))]) as srv:
        collect(make(srv))
    req = srv.requests[0]
    assert req["path"] == "/v1/chat/completions"
    assert req["headers"]["authorization"] == f"Bearer {KEY}"
    body = req["body"]
    assert body["model"] == "m1" and body["stream"] is True and body["stream_options"] == {"include_usage": True}
    system, user = body["messages"][0]["content"], body["messages"][-1]["content"]
    assert "LaTeX anchoring" in system and "0.22" in system and "```python" in system
    assert "derivative of x^2" in user


def test_repair_request_carries_code_error_and_history():
    err = ErrorInfo("runtime", "NameError: name 'ShowCreation' is not defined", line=6)
    history = ({"role": "user", "content": "earlier question"}, {"role": "assistant", "content": "earlier answer"})
    req = Request("derivative of x^2", attempt=2, previous_code=SCENE, error=err, history=history)
    with FakeOpenAI([Reply(reply_chunks(CONTENT))]) as srv:
        collect(make(srv), req)
    msgs = srv.requests[0]["body"]["messages"]
    assert [m["role"] for m in msgs] == ["system", "user", "assistant", "user"]
    assert "NameError: name 'ShowCreation' is not defined" in msgs[-1]["content"]
    assert "Scene line 6: self.wait(1)" in msgs[-1]["content"] and "class Parabola(Scene)" in msgs[-1]["content"]


def test_missing_key_names_the_variable_and_sends_nothing():
    with FakeOpenAI() as srv:
        events, err = collect(make(srv, key=""))
    assert err is not None and "DEEPSEEK_API_KEY" in str(err) and srv.requests == []


def test_local_profile_needs_no_key():
    with FakeOpenAI([Reply(reply_chunks(CONTENT))]) as srv:
        events, err = collect(make(srv, "local", key=""))
    assert err is None and finals(events)[0] == SCENE


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_connection_refused_retries_then_fails_clearly(monkeypatch):
    settings = Settings.load(env={"MATHANIM_MAX_RETRIES": "2"}, dotenv=False)
    backend = OpenAICompatBackend.from_profile("local", settings, base_url=f"http://127.0.0.1:{free_port()}/v1")
    backend.backoff_s = 0.01
    waits: list[float] = []
    monkeypatch.setattr(openai_compat, "time", SimpleNamespace(sleep=waits.append))
    events, err = collect(backend)
    assert err is not None and err.kind == "backend" and events == []
    assert "cannot connect" in str(err) and "LOCAL_BASE_URL" in str(err)
    assert waits == [0.01, 0.02]  # three tries with doubling backoff, then the clear error


@pytest.mark.timeout(60)  # a hang guard only
def test_slow_server_times_out():
    with FakeOpenAI([Reply(reply_chunks(CONTENT), delay_s=5)]) as srv:
        events, err = collect(make(srv, MATHANIM_REQUEST_TIMEOUT="0.5", MATHANIM_MAX_RETRIES="0"))
    assert err is not None and err.kind == "backend" and "did not answer within 0.5 s" in str(err)
    assert events == [] and len(srv.requests) == 1  # nothing streamed, no retry after a timeout


@pytest.mark.timeout(60)  # a hang guard only
def test_stall_mid_stream_keeps_partial_output():
    half = CONTENT[: CONTENT.index("def construct")]
    with FakeOpenAI([Reply(reply_chunks(half, finish=None, usage=None), mode="stall", stall_s=30)]) as srv:
        events, err = collect(make(srv, MATHANIM_REQUEST_TIMEOUT="0.5"))
    assert err is not None and "stopped sending for more than 0.5 s" in str(err) and "middle of the code" in str(err)
    assert "class Parabola(Scene):" in finals(events)[0] and len(srv.requests) == 1  # a stall is not retried


def test_401_says_check_your_key_and_never_echoes_it():
    body = {"error": {"message": f"Authentication Fails, your api key: {KEY} is invalid", "type": "auth"}}
    with FakeOpenAI([Reply(status=401, body=body)]) as srv:
        backend = make(srv)
        _, err = collect(backend)
    assert "check your key (DEEPSEEK_API_KEY)" in str(err) and "401" in str(err)
    assert len(srv.requests) == 1  # no retry on a bad key
    assert KEY not in repr(backend) and KEY not in repr(backend.settings)


def test_403_is_a_key_problem_too():
    with FakeOpenAI([Reply(status=403, body={"error": {"message": "forbidden"}})]) as srv:
        _, err = collect(make(srv))
    assert "check your key (DEEPSEEK_API_KEY)" in str(err)


def test_429_then_success():
    script = [Reply(status=429, body={"error": {"message": "rate limited"}}, headers={"Retry-After": "0"}),
              Reply(reply_chunks(CONTENT, REASONING))]
    with FakeOpenAI(script) as srv:
        events, err = collect(make(srv))
    assert err is None and finals(events)[0] == SCENE and len(srv.requests) == 2


def test_500_retries_are_bounded():
    script = [Reply(status=500, body={"error": {"message": "boom"}}) for _ in range(5)]
    with FakeOpenAI(script) as srv:
        _, err = collect(make(srv, MATHANIM_MAX_RETRIES="2"))
    assert err is not None and "HTTP 500" in str(err) and "3 tries" in str(err)
    assert len(srv.requests) == 3


def test_404_names_the_model():
    with FakeOpenAI([Reply(status=404, body={"error": {"message": "The model `m1` does not exist."}})]) as srv:
        _, err = collect(make(srv, "local"))
    assert "'m1'" in str(err) and "LOCAL_MODEL" in str(err)


def test_connection_cut_mid_code_keeps_partial_output():
    half = CONTENT[: CONTENT.index("self.wait")]
    with FakeOpenAI([Reply(reply_chunks(half, REASONING, finish=None, usage=None), mode="cut")]) as srv:
        events, err = collect(make(srv))
    assert err is not None and "dropped mid-reply" in str(err) and "middle of the code" in str(err)
    code, notes = finals(events)
    assert code.startswith("from manim import *") and "def construct" in code and notes.startswith("## Key")


def test_stream_that_ends_without_finish_is_cut_off():
    half = CONTENT[: CONTENT.index("self.wait")]
    with FakeOpenAI([Reply(reply_chunks(half, finish=None, usage=None))]) as srv:
        events, err = collect(make(srv))
    assert err is not None and "cut off in the middle of the code" in str(err)
    assert "def construct" in finals(events)[0]


def test_length_limit_is_reported():
    """A reply that is cut at the length limit is continued twice at most (tests/test_continuation.py), then
    reported."""
    with FakeOpenAI([Reply(reply_chunks(CONTENT[:80], finish="length")) for _ in range(3)]) as srv:
        _, err = collect(make(srv))
    assert err is not None and "length limit" in str(err) and len(srv.requests) == 3


def test_empty_reply():
    with FakeOpenAI([Reply([chunk({"role": "assistant", "content": ""}), chunk({}, finish="stop")])]) as srv:
        events, err = collect(make(srv))
    assert err is not None and "empty reply" in str(err) and finals(events) == ("", "")


def test_reasoning_only_reply_is_empty():
    with FakeOpenAI([Reply(reply_chunks("", REASONING))]) as srv:
        events, err = collect(make(srv))
    assert err is not None and "empty reply" in str(err)
    assert "".join(e.text for e in events if isinstance(e, Reasoning)) == REASONING


def test_garbage_sse_is_a_clear_error():
    with FakeOpenAI([Reply(reply_chunks("Some text ```python\nfrom manim", finish=None, usage=None),
                           raw_events=["<html>502 Bad Gateway</html>"])]) as srv:
        events, err = collect(make(srv))
    assert err is not None and "garbled stream" in str(err)
    assert finals(events)[1].startswith("Some text")


def test_html_page_instead_of_a_stream():
    with FakeOpenAI([Reply(body="<html><body>Welcome to nginx!</body></html>")]) as srv:
        _, err = collect(make(srv))
    assert err is not None and "no usable reply" in str(err)


def test_serve_local_script_prints_the_vllm_command_and_app_settings(tmp_path):
    import json
    import os
    import subprocess
    from pathlib import Path

    adapter = tmp_path / "adapter"
    adapter.mkdir()
    (adapter / "adapter_config.json").write_text(json.dumps({"r": 32}))
    script = Path(__file__).resolve().parent.parent / "scripts" / "serve_local.sh"
    env = {**os.environ, "DRY_RUN": "1", "PORT": "8123"}
    out = subprocess.run(["bash", str(script), "Qwen/Qwen3-8B", str(adapter), "manim-lora"], env=env,
                         capture_output=True, text=True, timeout=30, check=True).stdout
    assert "LOCAL_BASE_URL=http://127.0.0.1:8123/v1" in out and "LOCAL_MODEL=manim-lora" in out
    assert f"vllm serve Qwen/Qwen3-8B --host 127.0.0.1 --port 8123 --enable-lora --lora-modules manim-lora={adapter}" in out
    assert "--reasoning-parser qwen3" in out and "--max-lora-rank 32" in out


def write_library(folder):
    folder.mkdir()
    (folder / "derivative_tangent.py").write_text(
        '"""Derivative as the slope of the tangent line."""\nfrom manim import *\n\n\nclass DerivativeTangent(Scene):\n'
        '    def construct(self):\n        t = Text("Derivative: slope of the tangent")\n        self.play(Write(t))\n')
    (folder / "pythagoras.py").write_text(
        '"""Pythagorean theorem 勾股定理: squares on the sides of a right triangle."""\nfrom manim import *\n\n\n'
        'class Pythagoras(Scene):\n    def construct(self):\n        t = Text("勾股定理 a^2 + b^2 = c^2")\n'
        '        self.play(Write(t))\n')
    (folder / "fourier.py").write_text(
        '"""Fourier series of a square wave."""\nfrom manim import *\n\n\nclass Fourier(Scene):\n'
        '    def construct(self):\n        self.wait(1)\n')


def test_fewshot_retrieval_by_similarity(tmp_path):
    from mathanim import fewshot

    assert fewshot.retrieve("derivative", folder=tmp_path / "missing") == []
    assert fewshot.format_exemplars([]) == ""
    lib = tmp_path / "Animations"
    write_library(lib)
    assert fewshot.retrieve("derivative of x^2 at a point, tangent line", folder=lib)[0].name == "derivative_tangent"
    assert fewshot.retrieve("勾股定理", folder=lib)[0].name == "pythagoras"
    assert fewshot.retrieve("Fourier series", k=1, folder=lib)[0].name == "fourier"
    assert fewshot.retrieve("quantum chromodynamics", folder=lib) == []


def test_system_prompt_carries_exemplars_and_works_with_an_empty_library(tmp_path, monkeypatch):
    from mathanim import fewshot
    from mathanim.prompts import build_messages

    monkeypatch.setattr(fewshot, "ANIMATIONS", tmp_path / "empty")
    empty = build_messages(Request("derivative of x^2"))[0]["content"]
    assert "Examples of good scenes" not in empty and "LaTeX anchoring" in empty
    lib = tmp_path / "Animations"
    write_library(lib)
    monkeypatch.setattr(fewshot, "ANIMATIONS", lib)
    system = build_messages(Request("derivative of x^2"))[0]["content"]
    assert "Examples of good scenes" in system and "class DerivativeTangent(Scene)" in system
    assert "class Fourier" not in system
