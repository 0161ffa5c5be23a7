"""One lesson scene, start to finish, in its own thread: its narration first (speech.narrate), then its code
(offline: from the storyboard, steps timed to the cues; a model: prompts/lesson_scene.md through the same
lint/check/repair rounds as a single request), then its render on the render executor. A scene that fails is
retried alone, at most LessonJob.attempts times; it reports SceneStatus events through `emit`."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import repair, speech
from ..backends.base import Request
from ..events import Event, Progress, SceneStatus
from ..prompts import load_prompt, manim_version
from ..result import ErrorInfo, Result
from ..stages import Attempt, render_events
from .offline_scene import narrated_scene, step_times

STOP_KINDS = ("cancelled", "usage")  # no retry helps these


@dataclass
class SceneRun:
    """One scene's state and what it produced."""

    index: int
    scene: object  # storyboard.StoryScene
    folder: Path
    status: str = "queued"
    attempts: int = 0
    renders: int = 0  # full renders run (a cached one is not counted)
    narration: object = None  # speech.Narration
    video: str | None = None
    poster: str | None = None
    code: str | None = None
    notes: str = ""
    seconds: float = 0.0  # of video
    speech_s: float = 0.0  # wall time spent synthesizing its narration
    error: ErrorInfo | None = None
    tokens: list[int] = field(default_factory=lambda: [0, 0])

    def to_dict(self) -> dict:
        """The Result's `scenes` entry (status, attempts, video, seconds are the contract keys)."""
        audio = getattr(self.narration, "audio", None)
        return {"index": self.index, "title": self.scene.title, "status": self.status, "attempts": self.attempts,
                "renders": self.renders, "video": self.video, "seconds": round(self.seconds, 3), "code": self.code,
                "audio": str(audio) if audio else None, "error": self.error.to_dict() if self.error else None}


class ScenePrompt:
    """A backend whose first request for a scene is the lesson's scene prompt; a repair keeps it as context."""

    def __init__(self, backend, prompt: str):
        self.backend, self.prompt = backend, prompt
        self.name, self.trusted = backend.name, backend.trusted

    def warm_up(self) -> None:
        self.backend.warm_up()

    def stream(self, request: Request) -> Iterator[Event]:
        if request.is_repair:
            request = replace(request, history=({"role": "user", "content": self.prompt},))
        return self.backend.stream(replace(request, prompt=self.prompt))


def drain(gen, on_event: Callable[[Event], None] | None = None):
    """Run a generator of events to its end; returns its return value."""
    while True:
        try:
            ev = next(gen)
        except StopIteration as stop:
            return stop.value
        if on_event is not None:
            on_event(ev)


@dataclass(frozen=True)
class Shared:
    """What every scene thread of one lesson shares."""

    board: object  # storyboard.Storyboard
    backend: object  # backends.base.Backend
    lj: object  # context.LessonJob
    emit: Callable[[Event], None]
    slots: threading.Semaphore  # bounds concurrent speech synthesis

    def job_for(self, run: SceneRun):
        """The scene's own Job: its folder, one mp4 (the lesson converts the assembled video), any Scene class."""
        return self.lj.job.with_(out_dir=run.folder, name="scene", formats=("mp4",), scene=None)


def narrate(run: SceneRun, sh: Shared) -> None:
    """Speak the scene's sentences (at most `slots` scenes synthesize at once: speech is CPU-bound)."""
    sh.emit(SceneStatus(run.index, run.scene.title, "narrating"))
    with sh.slots:
        t0 = time.monotonic()
        run.narration = speech.narrate(list(run.scene.narration), sh.lj.voice, run.folder / "speech",
                                       sh.lj.job.settings)
        run.speech_s = time.monotonic() - t0


def scene_prompt(run: SceneRun, board) -> str:
    """prompts/lesson_scene.md for this scene, with each sentence's measured duration."""
    s, cues = run.scene, run.narration.cues
    times = step_times([c.start for c in cues], run.narration.seconds)
    lines = "\n".join(f"{i}. ({t:.1f} s) {c.text}" for i, (c, t) in enumerate(zip(cues, times, strict=True), 1))
    return load_prompt("lesson_scene", number=run.index + 1, count=len(board.scenes), lesson=board.title,
                       title=s.title, goal=s.goal or s.title, on_screen="; ".join(s.on_screen) or "(your choice)",
                       formulas="; ".join(s.formulas) or "(none)", sentences=lines, total=run.narration.seconds,
                       manim_version=manim_version())


def offline_code(run: SceneRun, language: str) -> str:
    """The scene source: the storyboard's own (the worked example's entry scene) on the first attempt, else a
    narrated text-and-formula scene whose steps follow the cues."""
    if run.scene.code and run.attempts == 1:
        return run.scene.code
    starts = [c.start for c in run.narration.cues]
    return narrated_scene(run.scene, starts, run.narration.seconds, language, f"LessonScene{run.index + 1}")


def write_code(run: SceneRun, sh: Shared, job) -> Attempt:
    """One attempt's checked code: offline through the fixer (trusted), a model through the repair rounds."""
    t0 = time.monotonic()
    if sh.backend.trusted:
        att = Attempt(code=offline_code(run, sh.lj.language))
        drain(repair.lint(att, job, t0))
        return att
    sub = Result()
    concept = f"{sh.board.title}: {run.scene.title}"
    att, _ = drain(repair.rounds(concept, ScenePrompt(sh.backend, scene_prompt(run, sh.board)), job, sub, t0))
    run.tokens[0] += sub.tokens["prompt"]
    run.tokens[1] += sub.tokens["completion"]
    run.notes = att.notes or run.notes
    return att


def render(run: SceneRun, att: Attempt, sh: Shared, job) -> bool:
    """Render the attempt's code (cached like single renders); True when the scene has its video."""
    last = [-1.0]

    def show(ev: Event) -> None:
        if isinstance(ev, Progress) and ev.fraction - last[0] >= 0.05:  # a few updates, not one per frame
            last[0] = ev.fraction
            sh.emit(SceneStatus(run.index, run.scene.title, "rendering", run.attempts, sh.lj.attempts, ev.fraction))

    sh.emit(SceneStatus(run.index, run.scene.title, "rendering", run.attempts, sh.lj.attempts))
    outcome = drain(render_events(att.code, job, att.check_stats), show)
    run.renders += 0 if outcome.cached else 1
    run.code = str(_write(run.folder / "scene.py", att.code))
    if not outcome.ok:
        run.error = outcome.error
        return False
    run.video, run.poster = outcome.videos.get("mp4"), outcome.poster
    run.seconds = float(outcome.stats.get("duration") or 0.0)
    return True


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def attempt(run: SceneRun, sh: Shared) -> bool:
    """One try of the scene: code, check, render. Sets run.error when it fails."""
    job = sh.job_for(run)
    state = "writing" if run.attempts == 1 else "retrying"
    why = run.error.message if run.error and run.attempts > 1 else ""
    sh.emit(SceneStatus(run.index, run.scene.title, state, run.attempts, sh.lj.attempts, message=why))
    run.error = None
    att = write_code(run, sh, job)
    if att.error is not None:
        run.code = str(_write(run.folder / "scene.py", att.code)) if att.code else run.code
        run.error = att.error
        return False
    return render(run, att, sh, job)


def run_scene(run: SceneRun, sh: Shared) -> None:
    """The whole scene: narration once, then up to lj.attempts tries; ends in status done or failed."""
    try:
        narrate(run, sh)
        while run.attempts < sh.lj.attempts and not sh.lj.job.cancelled():
            run.attempts += 1
            if attempt(run, sh):
                run.status = "done"
                break
            if run.error is not None and run.error.kind in STOP_KINDS:
                break
    except Exception as e:  # noqa: BLE001 - one scene's failure (speech, a bug) must not sink the lesson
        spoken = isinstance(e, (ValueError, speech.SpeechError))  # the narration could not be made
        run.error = ErrorInfo("runtime" if spoken else "internal",
                              f"{'narration failed' if spoken else 'the scene failed'}: {type(e).__name__}: {e}")
    if sh.lj.job.cancelled() and run.status != "done":
        run.error = ErrorInfo("cancelled", "stopped by the user")
    if run.status != "done":
        run.status = "failed"
    sh.emit(SceneStatus(run.index, run.scene.title, run.status, run.attempts, sh.lj.attempts, 1.0,
                        run.error.message if run.error else ""))
