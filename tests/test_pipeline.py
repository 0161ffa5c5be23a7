"""The generation loop with a scripted backend: events in order, repair after a typed error, bounded rounds,
partial output kept on failure, usage errors for bad concepts."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from mathanim.backends.base import BackendError, Request
from mathanim.events import Code, Done, Error, Notes, Reasoning, Status, Usage
from mathanim.job import Job
from mathanim.pipeline import generate

GOOD = """from manim import *

class Good(Scene):
    def construct(self):
        self.play(Create(Circle(color=BLUE)), run_time=0.4)
"""
BROKEN = GOOD.replace("Create(Circle(color=BLUE))", "Create(Circle(color=BLUE).no_such_method())")


class Scripted:
    """A backend that replays one reply per attempt and records the requests it got."""

    name = "scripted"
    trusted = False

    def __init__(self, replies):
        self.replies, self.requests = list(replies), []

    def stream(self, request: Request):
        self.requests.append(request)
        reply = self.replies[min(len(self.requests), len(self.replies)) - 1]
        if isinstance(reply, Exception):
            yield Reasoning("thinking...")
            raise reply
        yield Reasoning("Plan: draw a circle.")
        yield Code(reply, final=True)
        yield Notes("# Circle\n\nA circle is the set of points at distance $r$ from a centre.", final=True)
        yield Usage(100, 50)


def run(backend, settings, concept="a circle", **kw):
    events = list(generate(concept, backend, Job.make(settings, **kw)))
    assert isinstance(events[-1], Done)
    return events, events[-1].result


def test_success_first_try(settings):
    events, res = run(Scripted([GOOD]), settings)
    assert res.status == "ok" and res.attempts == 1 and Path(res.video).exists()
    kinds = [type(e).__name__ for e in events]
    assert kinds.index("Reasoning") < kinds.index("Code") < kinds.index("Notes") < kinds.index("Done")
    assert res.tokens == {"prompt": 100, "completion": 50}
    assert Path(res.reasoning).read_text().startswith("Plan")
    assert Path(res.notes_md).read_text().startswith("# Circle")


def test_repair_carries_the_typed_error_and_succeeds_in_two(settings):
    backend = Scripted([BROKEN, GOOD])
    events, res = run(backend, settings)
    assert res.status == "ok" and res.attempts == 2
    second = backend.requests[1]
    assert second.is_repair and second.previous_code == BROKEN
    assert second.error.kind == "runtime" and second.error.line == 5
    assert any(isinstance(e, Error) and e.kind == "runtime" for e in events)
    assert res.rounds[0]["error"]["kind"] == "runtime" and res.rounds[1]["error"] is None


def test_bounded_rounds_return_last_code_and_error(settings):
    backend = Scripted([BROKEN])
    _, res = run(backend, settings, max_rounds=2)
    assert res.status == "error" and res.attempts == 2 and len(backend.requests) == 2
    assert res.error["kind"] == "runtime" and Path(res.code).read_text() == BROKEN


def test_backend_failure_keeps_partial_output(settings):
    _, res = run(Scripted([BackendError("connection refused by the server")]), settings)
    assert res.status == "error" and res.error["kind"] == "backend" and res.attempts == 1
    assert Path(res.reasoning).read_text() == "thinking..."


def test_empty_and_huge_concepts_are_usage_errors(settings):
    for concept in ("", "   ", "x" * (settings.max_concept_chars + 1)):
        events, res = run(Scripted([GOOD]), settings, concept=concept)
        assert res.error["kind"] == "usage" and res.video is None


def test_status_events_and_cancel(settings):
    cancel = threading.Event()
    cancel.set()
    _, res = run(Scripted([GOOD]), settings, cancel=cancel)
    assert res.status == "error" and res.error["kind"] == "cancelled"
    events, _ = run(Scripted([GOOD]), settings)
    stages = [e.stage for e in events if isinstance(e, Status)]
    assert stages[0] == "generate" and "check" in stages and "render" in stages and stages[-1] == "done"


class Stalled:
    """A backend whose stream hangs after the first delta, like a server that stops sending, until released."""

    name = "stalled"
    trusted = False

    def __init__(self):
        self.release, self.resumed = threading.Event(), False

    def stream(self, request):
        yield Reasoning("starting…")
        self.release.wait(600)
        self.resumed = True
        yield Code(GOOD, final=True)


@pytest.mark.timeout(120)  # a hang guard only
def test_stop_ends_a_stalled_stream_at_once(settings):
    backend, cancel, events = Stalled(), threading.Event(), []
    try:
        for ev in generate("a circle", backend, Job.make(settings, cancel=cancel)):
            events.append(ev)
            if isinstance(ev, Reasoning):
                cancel.set()  # Stop, pressed after the first delta
        assert not backend.resumed  # the stream ended while the backend was still stalled: Stop ended it
    finally:
        backend.release.set()
    res = events[-1].result
    assert [type(e).__name__ for e in events[-2:]] == ["Error", "Done"] and events[-2].kind == "cancelled"
    assert res.error["kind"] == "cancelled" and res.video is None and not any(isinstance(e, Code) for e in events)
    assert Path(res.reasoning).read_text() == "starting…"  # what streamed before Stop is kept


class TrustedScripted(Scripted):
    """Like the offline engine: trusted, so the fast check is skipped and a broken scene fails in the render."""

    trusted = True


def test_trusted_backend_gets_one_repair_when_its_render_fails(settings):
    backend = TrustedScripted([BROKEN, GOOD])
    events, res = run(backend, settings)
    assert res.status == "ok" and res.attempts == 2 and Path(res.video).exists()
    assert backend.requests[1].is_repair and backend.requests[1].error.kind == "runtime"
    assert Path(res.code).read_text() == GOOD
    assert not any(isinstance(e, Status) and e.stage == "check" for e in events)  # trusted: no fast check


def test_preview_frame_comes_before_the_video_by_the_render_time(settings):
    """At medium the fast check's frame is shown (Preview) while the full render runs: its time plus the render
    time fit in the total, it precedes the first Progress event, and the result keeps it."""
    events, res = run(Scripted([GOOD]), settings, quality="medium")
    kinds = [type(e).__name__ for e in events]
    assert "Preview" in kinds and kinds.index("Preview") < kinds.index("Progress")
    preview = next(e for e in events if type(e).__name__ == "Preview")
    assert res.preview == preview.path and Path(res.preview).parent == Path(res.out_dir)
    assert res.seconds["preview"] + res.seconds["render.render"] <= res.seconds["total"]
    from PIL import Image

    assert Image.open(res.preview).size == (854, 480)  # the low-resolution check, not the video's poster


def test_trusted_scene_at_medium_gets_a_preview_too(settings):
    backend = TrustedScripted([GOOD])
    events, res = run(backend, settings, quality="medium")
    assert res.status == "ok" and res.preview and Path(res.preview).exists()
    assert any(isinstance(e, Status) and e.stage == "check" for e in events)
