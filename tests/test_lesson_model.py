"""A lesson written by a model (the scripted OpenAI-compatible server over real HTTP), rendered for real:
the storyboard streams in scene by scene; scene 2 fails twice and renders on its third try while scene 1 is
rendered exactly once (renders counted); scene 3 never renders, and the lesson says which one is missing."""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from pathlib import Path

from conftest import require
from fake_openai import FakeOpenAI, Reply, reply_chunks

from mathanim import render
from mathanim.backends import get_backend
from mathanim.events import Done, SceneStatus, Status, StoryboardUpdate
from mathanim.job import Job
from mathanim.lesson.context import LessonJob
from mathanim.lesson.run import generate_lesson
from mathanim.speech import voice_spec

require("ffmpeg")
require("espeak-ng")

BOARD = {"title": "Circles", "language": "en", "scenes": [
    {"title": f"Part {i}", "goal": f"goal {i}", "narration": [f"This is part {i}."], "on_screen": [f"shape {i}"],
     "formulas": ["A = \\pi r^2"]} for i in (1, 2, 3)]}
GOOD = """```python
from manim import *

class Part{n}(Scene):
    def construct(self):
        self.play(FadeIn(Text("Part {n}")), run_time=0.5)
        self.wait(1)
```
Notes for part {n}: the area of a circle is $\\pi r^2$.
"""
BROKEN = """```python
from manim import *

class Part{n}(Scene):
    def construct(self):
        self.play(FadeIn(Text("Part {n} broken")), run_time=0.5)
        self.play(Create(undefined_shape_{n}))
```
"""


class LessonServer(FakeOpenAI):
    """Answers by what is asked (scenes are written in parallel, so the order of requests is not fixed)."""

    def __init__(self, board: str, good_after: dict[int, int]):
        super().__init__()
        self.board, self.good_after, self.asked = board, good_after, Counter()

    def next_reply(self, request: dict) -> Reply:
        with self.lock:
            self.requests.append(request)
            text = request["body"]["messages"][-1]["content"]
            if "Plan a narrated lesson" in text:
                self.asked["board"] += 1
                return Reply(reply_chunks(self.board, piece=40))
            n = int(re.search(r"Write scene (\d) of 3", text).group(1))
            self.asked[n] += 1
            good = self.asked[n] > self.good_after.get(n, 0)
        return Reply(reply_chunks((GOOD if good else BROKEN).replace("{n}", str(n)), piece=60))


def lesson(server: LessonServer, settings, out: Path, monkeypatch):
    """Run the lesson against `server`, counting the full renders of each scene (by its class name)."""
    renders: Counter = Counter()
    real = render.sandbox_run

    def counting(code, job, mode, *args, **kwargs):
        if mode == "render":
            renders[re.search(r"class Part(\d)", code).group(1)] += 1
        return real(code, job, mode, *args, **kwargs)

    monkeypatch.setattr(render, "sandbox_run", counting)
    backend = get_backend("local", settings, base_url=server.base_url, model="fake")
    job = Job.make(settings, "low", ["mp4"], out, max_rounds=1)
    events = list(generate_lesson("area of a circle", backend, LessonJob(job, voice_spec("espeak", None, "en"))))
    assert isinstance(events[-1], Done)
    return events[-1].result, events, renders


def chapters(path: str) -> list[str]:
    out = subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-of", "json", path], capture_output=True,
                         text=True, check=True).stdout
    return [c["tags"]["title"] for c in json.loads(out)["chapters"]]


def test_a_failing_scene_is_retried_alone_and_a_lost_one_is_named(settings, tmp_path, monkeypatch):
    with LessonServer(json.dumps(BOARD, indent=1), {2: 2, 3: 99}) as server:
        res, events, renders = lesson(server, settings, tmp_path / "lesson", monkeypatch)
    assert server.asked == {"board": 1, 1: 1, 2: 3, 3: 3}
    assert res.ok, res.error
    assert [(s["status"], s["attempts"]) for s in res.scenes] == [("done", 1), ("done", 3), ("failed", 3)]
    assert renders == {"1": 1, "2": 1} and [s["renders"] for s in res.scenes] == [1, 1, 0]
    assert chapters(res.video) == ["Part 1", "Part 2"]
    doc = Path(res.notes_md).read_text(encoding="utf-8")
    assert "## Missing scenes" in doc and "Scene 3 (Part 3) did not render after 3 attempt(s)" in doc
    assert "undefined_shape_3" in doc and "the area of a circle" in doc  # why it is missing; the scene's notes
    assert any(isinstance(e, Status) and "missing: Scene 3 (Part 3)" in e.message for e in events)
    retries = [e.attempt for e in events if isinstance(e, SceneStatus) and e.index == 1 and e.state == "retrying"]
    assert retries == [2, 3]
    boards = [e for e in events if isinstance(e, StoryboardUpdate)]
    assert [len(e.titles) for e in boards] == [1, 2, 3, 3] and boards[-1].final  # streamed scene by scene
    scene_prompt = next(r["body"]["messages"][-1]["content"] for r in server.requests
                        if "Write scene 1 of 3" in r["body"]["messages"][-1]["content"])
    assert re.search(r"1\. \(\d+\.\d s\) This is part 1\.", scene_prompt)  # the sentence's measured length


def test_a_storyboard_that_never_validates_is_a_clear_error(settings, tmp_path, monkeypatch):
    bad = json.dumps({"title": "x", "scenes": BOARD["scenes"][:2]})
    with LessonServer(bad, {}) as server:
        res, _, renders = lesson(server, settings, tmp_path / "bad", monkeypatch)
    assert server.asked == {"board": 2} and not renders
    assert res.error["kind"] == "backend"
    assert "not usable after 2 tries" in res.error["message"] and "2 scene(s)" in res.error["message"]
    second = server.requests[1]["body"]["messages"][-1]["content"]
    assert "previous storyboard could not be used" in second
