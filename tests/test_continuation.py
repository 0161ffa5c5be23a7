"""Cut-off replies: a reply that stops at the length limit (or leaves its code block open mid-code) is continued
and joined before any repair round is spent; one that keeps being cut off stops after a bounded number of
continuations with a clear error. Over real HTTP with the scripted server (tests/fake_openai.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_openai import FakeOpenAI, Reply, reply_chunks

from mathanim.backends import get_backend
from mathanim.backends.base import BackendError, Request
from mathanim.config import Settings
from mathanim.events import Code, Done, Notes, Status, Usage
from mathanim.extract import ends_broken, seam
from mathanim.job import Job
from mathanim.pipeline import generate

SCENE = '''from manim import *


class Growth(Scene):
    def construct(self):
        title = Text("Growth", font_size=36).to_edge(UP)
        circle = Circle(radius=1, color=BLUE)
        self.play(Write(title), Create(circle), run_time=0.4)
        self.play(circle.animate.scale(1.5), run_time=0.3)
'''
REPLY = f"## Key formula\n$$A = \\pi r^2$$\n\n```python\n{SCENE}```\n\n## Notes\nThe area grows as $r^2$.\n"
CUT = REPLY.index("Create(circle)") + len("Cre")  # mid-line, mid-name: no parser can finish this code


def backend(srv: FakeOpenAI):
    settings = Settings.load(env={"MATHANIM_REQUEST_TIMEOUT": "3", "MATHANIM_MAX_RETRIES": "0"}, dotenv=False)
    return get_backend("local", settings, base_url=srv.base_url, model="m")


def stream(script: list[Reply]) -> tuple[list, BackendError | None, list[dict]]:
    events, err = [], None
    with FakeOpenAI(script) as srv:
        try:
            events.extend(backend(srv).stream(Request("growth of a circle")))
        except BackendError as e:
            err = e
    return events, err, srv.requests


def final(events, kind) -> str:
    return next(e.text for e in events if isinstance(e, kind) and e.final)


def test_seam_drops_a_reopened_fence_a_repeated_line_or_a_restarted_file():
    prev = REPLY[:CUT]
    assert seam(prev, "ate(circle), run_time=0.4)\n", True) == (prev, "ate(circle), run_time=0.4)\n")
    repeated = "```python\n        self.play(Write(title), Create(circle), run_time=0.4)\n"
    assert seam(prev, repeated, True) == (prev, "ate(circle), run_time=0.4)\n")
    restart = "```python\nfrom manim import *\n\n\nclass Growth(Scene):\n"
    new_prev, head = seam(prev, restart, True)
    assert new_prev.endswith("```python\n") and head.startswith("from manim import *")
    assert seam("Some prose that was cu", "t here.\n", False) == ("Some prose that was cu", "t here.\n")


def test_ends_broken_only_for_code_cut_at_its_end():
    assert ends_broken(SCENE[:SCENE.index("Create(") + 3]) and ends_broken("def f():\n")
    assert not ends_broken(SCENE) and not ends_broken("x = )\n" + "y = 1\n" * 5)


@pytest.mark.parametrize("second", [
    REPLY[CUT:],  # exactly where it stopped
    "```python\n        self.play(Write(title), Create(circle), run_time=0.4)\n" + REPLY[REPLY.index("        self.play(circle"):],
])
def test_a_reply_cut_at_the_length_limit_is_continued_and_joined(second):
    first = Reply(reply_chunks(REPLY[:CUT], "Plan the scene.", style="vllm", usage=(100, 50), finish="length"))
    events, err, requests = stream([first, Reply(reply_chunks(second, usage=(160, 70)))])
    assert err is None, err
    assert final(events, Code) == SCENE and "The area grows" in final(events, Notes)
    assert [e for e in events if isinstance(e, Usage)] == [Usage(260, 120)]
    assert any(isinstance(e, Status) and e.stage == "continue" and "length limit" in e.message for e in events)
    asked = requests[1]["body"]["messages"]
    assert asked[-2] == {"role": "assistant", "content": REPLY[:CUT]}
    assert "cut off" in asked[-1]["content"] and asked[:-2] == requests[0]["body"]["messages"]


def test_an_unclosed_block_that_stops_mid_code_is_continued_without_a_length_finish():
    events, err, requests = stream([Reply(reply_chunks(REPLY[:CUT], finish="stop")),
                                    Reply(reply_chunks(REPLY[CUT:]))])
    assert err is None and final(events, Code) == SCENE and len(requests) == 2


def test_complete_code_with_cut_notes_needs_no_continuation():
    cut_in_notes = REPLY[:REPLY.index("grows")]
    events, err, requests = stream([Reply(reply_chunks(cut_in_notes, finish="length"))])
    assert err is None and final(events, Code) == SCENE and len(requests) == 1


def test_a_reply_cut_off_in_its_reasoning_is_not_continued():
    events, err, requests = stream([Reply(reply_chunks("", "Long thoughts", style="vllm", finish="length"))])
    assert err is not None and "empty reply" in str(err) and len(requests) == 1


def test_a_reply_that_keeps_being_cut_off_stops_after_two_continuations():
    pieces = [REPLY[:CUT - 40], REPLY[CUT - 40:CUT - 20], REPLY[CUT - 20:CUT], REPLY[CUT:]]
    script = [Reply(reply_chunks(p, finish="length")) for p in pieces]
    events, err, requests = stream(script)
    assert len(requests) == 3  # the first reply and two continuations; the fourth piece is never asked for
    assert err is not None and "still incomplete (the length limit) after 2 continuations" in str(err)
    assert final(events, Code) == SCENE[:SCENE.index("Create(") + 3] + "\n"  # the joined partial code is kept


def test_a_cut_off_scene_renders_after_continuing_and_counts_no_repair_round(settings):
    """The whole path: the continued reply is one runnable scene, checked and rendered in round 1."""
    script = [Reply(reply_chunks(REPLY[:CUT], finish="length", usage=(100, 50))),
              Reply(reply_chunks("```python\n" + REPLY[CUT - 12:], usage=(150, 60)))]
    with FakeOpenAI(script) as srv:
        b = get_backend("local", settings, base_url=srv.base_url, model="m")
        events = list(generate("growth of a circle", b, Job.make(settings, "low", max_rounds=2)))
    res = events[-1].result
    assert isinstance(events[-1], Done) and res.status == "ok", res.error
    assert res.attempts == 1 and len(res.rounds) == 1 and res.rounds[0]["error"] is None
    assert len(srv.requests) == 2 and res.tokens == {"prompt": 250, "completion": 110}
    assert Path(res.video).stat().st_size > 1000
    assert Path(res.code).read_text(encoding="utf-8").strip() == SCENE.strip()
