"""A lesson, start to finish: storyboard → every scene in parallel (narration, code, checks, render, retries)
→ assembly (one MP4 with chapters, narration and subtitles) → the lesson document → Result.

`generate_lesson()` is a generator of events ending with Done(Result), like pipeline.generate: the CLI, the UI,
the bench and the tests consume it.
"""

from __future__ import annotations

import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from .. import pipeline
from ..backends.base import Backend, BackendError
from ..events import Event, SceneStatus, Status, StoryboardUpdate
from ..render import convert
from ..result import ErrorInfo, Result
from .board_text import from_text, to_text
from .context import LessonJob
from .document import missing_lines, write_document
from .scene_work import SceneRun, Shared, run_scene
from .storyboard import Storyboard, StoryboardError

SPEECH_SLOTS = 2  # scenes synthesizing speech at once (each speech engine process is CPU-bound)


def storyboard(concept: str, backend: Backend, lj: LessonJob, res: Result) -> Iterator[Event]:
    """The lesson's storyboard: the person's edited text, else the offline engine's, else a model's (streamed)."""
    if backend.trusted:
        from .offline_board import offline_storyboard  # loads the offline engine only where it is used

        yield Status("storyboard", "building the storyboard from the offline catalogue")
        board = offline_storyboard(concept, lj.job.settings)
        return from_text(lj.board_text, board) if lj.board_text else board  # unchanged scenes keep their code
    if lj.board_text:
        return from_text(lj.board_text)
    from .model_board import model_storyboard

    return (yield from model_storyboard(concept, backend, lj, res))


def _one_by_one(runs: list[SceneRun], sh: Shared) -> None:
    for r in runs:
        run_scene(r, sh)


def _threads(runs: list[SceneRun], sh: Shared) -> list[threading.Thread]:
    """A thread per scene (renders are bounded by the executor), or one for all when sequential."""
    if sh.lj.sequential:
        threads = [threading.Thread(target=_one_by_one, args=(runs, sh), daemon=True, name="lesson-scenes")]
    else:
        threads = [threading.Thread(target=run_scene, args=(r, sh), daemon=True, name=f"lesson-scene-{r.index + 1}")
                   for r in runs]
    for t in threads:
        t.start()
    return threads


def scenes(board: Storyboard, backend: Backend, lj: LessonJob) -> Iterator[Event]:
    """Every scene of `board` in its own thread (renders bounded by the executor); yields their SceneStatus
    events as they come; returns the SceneRuns in storyboard order."""
    out = Path(lj.job.out_dir)
    runs = [SceneRun(i, s, out / "scenes" / f"{i + 1:02d}") for i, s in enumerate(board.scenes)]
    q: queue.Queue = queue.Queue()
    sh = Shared(board, backend, lj, q.put, threading.Semaphore(SPEECH_SLOTS))
    for r in runs:
        yield SceneStatus(r.index, r.scene.title, "queued", 0, lj.attempts)
    threads = _threads(runs, sh)
    while any(t.is_alive() for t in threads) or not q.empty():
        try:
            yield q.get(timeout=0.1)
        except queue.Empty:
            continue
    return runs


def _audio_track(video: str, out: Path) -> str | None:
    """The narration track of the assembled video as its own file (copied, not re-encoded)."""
    dst = out / "narration.m4a"
    proc = subprocess.run(["ffmpeg", "-y", "-v", "error", "-i", video, "-vn", "-c:a", "copy", str(dst)],
                          capture_output=True, timeout=120)
    return str(dst) if proc.returncode == 0 and dst.is_file() else None


def assemble_runs(board: Storyboard, runs: list[SceneRun], lj: LessonJob, res: Result) -> ErrorInfo | None:
    """Join the rendered scenes into one MP4 (+ the other formats), audio and subtitles; fill the Result."""
    from .assemble import Part, assemble

    parts = [Part(Path(r.video), r.narration, r.scene.title) for r in runs if r.status == "done"]
    out = Path(lj.job.out_dir)
    lesson = assemble(parts, out, lj.crossfade)
    res.video, res.videos = str(lesson.video), {"mp4": str(lesson.video)}
    for fmt in lj.job.formats:
        if fmt != "mp4":
            dst = out / f"lesson.{fmt}"
            err = convert(lesson.video, fmt, dst, lj.job.preset)
            if err:
                return err
            res.videos[fmt] = str(dst)
    res.video = res.videos[lj.job.formats[0]]
    res.subtitles = {k: str(v) for k, v in lesson.subtitles.items()}
    res.audio = _audio_track(str(lesson.video), out) if any(p.narration and p.narration.audio for p in parts) else None
    res.seconds["video"] = round(lesson.seconds, 3)
    poster = next((r.poster for r in runs if r.poster), None)
    res.poster = str(shutil.copyfile(poster, out / "lesson.png")) if poster else None
    return None


def _fill(res: Result, board: Storyboard, runs: list[SceneRun]) -> None:
    res.scenes = [r.to_dict() for r in runs]
    res.attempts = sum(r.attempts for r in runs)
    res.topic, res.recognised, res.suggestions = board.topic, board.recognised, list(board.suggestions)
    res.tokens["prompt"] += sum(r.tokens[0] for r in runs)
    res.tokens["completion"] += sum(r.tokens[1] for r in runs)
    res.seconds["speech"] = round(sum(r.speech_s for r in runs), 3)


def deliver(board: Storyboard, runs: list[SceneRun], lj: LessonJob, res: Result) -> Iterator[Event]:
    """Assemble what rendered, write the lesson document, say which scenes are missing; returns the error."""
    _fill(res, board, runs)
    for line in missing_lines(runs, board.language):
        yield Status("lesson", f"missing: {line}")
    if not any(r.status == "done" for r in runs):
        first = next((r.error for r in runs if r.error), None)
        return first if first and first.kind == "cancelled" else ErrorInfo(
            "runtime", "no scene of the lesson rendered: " + "; ".join(missing_lines(runs, board.language)))
    yield Status("assemble", f"joining {sum(r.status == 'done' for r in runs)} scene(s) with their narration")
    t0 = time.monotonic()
    try:
        err = assemble_runs(board, runs, lj, res)
    except Exception as e:  # noqa: BLE001 - ffmpeg or a bad part: a typed error, the rendered scenes are kept
        err = ErrorInfo("runtime", f"joining the scenes failed: {type(e).__name__}: {e}")
    res.seconds["assemble"] = round(time.monotonic() - t0, 3)
    doc = write_document(board, runs, Path(lj.job.out_dir))
    res.notes_md, res.notes_tex, res.notes_pdf = doc.get("notes_md"), doc.get("notes_tex"), doc.get("notes_pdf")
    return err


def _start(concept: str, backend: Backend, lj: LessonJob, res: Result) -> LessonJob:
    job = lj.job.trusting(backend.trusted)
    out = job.out_dir or pipeline.run_dir(job.settings, concept)
    out.mkdir(parents=True, exist_ok=True)
    res.out_dir = str(out)
    return lj.with_job(job.with_(out_dir=out))


def generate_lesson(concept: str, backend: Backend, lj: LessonJob) -> Iterator[Event]:
    """Turn `concept` into a narrated lesson; yields events and ends with Done(Result)."""
    t0 = time.monotonic()
    res = Result(backend=backend.name, concept=concept, quality=lj.job.quality, formats=list(lj.job.formats))
    bad = pipeline.validate_concept(concept, lj.job.settings) if not lj.board_text else None
    if bad:
        yield from pipeline.finish(res, bad, t0, "lesson finished")
        return
    lj = _start(concept, backend, lj, res)
    try:
        yield from _lesson(concept, backend, lj, res, t0)
    finally:
        lj.job.close()


def plan_lesson(concept: str, backend: Backend, lj: LessonJob) -> Iterator[Event]:
    """Only the storyboard, for the person to edit before rendering: StoryboardUpdate events, then Done(Result)
    whose `storyboard` is the text's file."""
    t0 = time.monotonic()
    res = Result(backend=backend.name, concept=concept, quality=lj.job.quality, formats=list(lj.job.formats))
    bad = pipeline.validate_concept(concept, lj.job.settings)
    if bad:
        yield from pipeline.finish(res, bad, t0, "lesson finished")
        return
    lj = _start(concept, backend, lj, res)
    try:
        board = yield from _planned(concept, backend, lj, res, t0)
        yield from pipeline.finish(res, None if board else ErrorInfo(**res.error), t0, "lesson finished")
    finally:
        lj.job.close()


def _planned(concept: str, backend: Backend, lj: LessonJob, res: Result, t0: float) -> Iterator[Event]:
    """The storyboard, written to storyboard.txt and shown (final); None with res.error set when it failed."""
    try:
        board = yield from storyboard(concept, backend, lj, res)
    except StoryboardError as e:
        res.error = ErrorInfo("usage" if lj.board_text else "backend", f"storyboard: {e}").to_dict()
        return None
    except BackendError as e:
        res.error = ErrorInfo(e.kind, str(e)).to_dict()
        return None
    except Exception as e:  # noqa: BLE001 - an engine bug ends the request with a typed error, not a traceback
        res.error = ErrorInfo("internal", f"the storyboard failed: {type(e).__name__}: {e}").to_dict()
        return None
    text = to_text(board)
    res.storyboard = str(_write(Path(res.out_dir) / "storyboard.txt", text))
    res.seconds["storyboard"] = round(time.monotonic() - t0, 3)
    yield StoryboardUpdate(text, tuple(s.title for s in board.scenes), final=True)
    return board


def _lesson(concept: str, backend: Backend, lj: LessonJob, res: Result, t0: float) -> Iterator[Event]:
    board = yield from _planned(concept, backend, lj, res, t0)
    if board is None:
        yield from pipeline.finish(res, ErrorInfo(**res.error), t0, "lesson finished")
        return
    t_scenes = time.monotonic()
    runs = yield from scenes(board, backend, lj)
    res.seconds["scenes"] = round(time.monotonic() - t_scenes, 3)  # narration, code and render of all scenes
    err = yield from deliver(board, runs, lj, res)
    yield from pipeline.finish(res, err, t0, "lesson finished")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
