"""The one path from concept to result: backend stream → fix → check → repair (≤ N) → render → notes → Result.

`generate()` is a generator of events that ends with Done(Result); the CLI, the UI and the tests consume it.
`render_code()` is the same path from given code (a scene file, code edited in the UI): the Result is built
only here, in `_deliver` and `finish`.
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from . import candidates, local_modules, repair
from .backends.base import Backend
from .config import Settings
from .events import Done, Error, Event, Status
from .job import Job
from .notes import write_notes
from .result import ErrorInfo, Result
from .stages import Attempt


def slugify(text: str, fallback: str = "animation") -> str:
    """A short ASCII file-name stem for `text`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-zA-Z0-9]+", "-", ascii_text).strip("-").lower()[:40].strip("-")
    return slug or fallback


def run_dir(settings: Settings, concept: str) -> Path:
    """A new, unique output folder for one request."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = settings.media_dir / "runs" / f"{stamp}-{slugify(concept)}"
    path.mkdir(parents=True, exist_ok=False)
    return path


def validate_concept(concept: str, settings: Settings) -> ErrorInfo | None:
    """A usage error for empty or oversized concepts, else None."""
    text = (concept or "").strip()
    if not text:
        return ErrorInfo("usage", "the concept is empty: type a math or science idea, e.g. 'derivative of x^2'")
    if len(text) > settings.max_concept_chars:
        return ErrorInfo("usage", f"the concept is {len(text)} characters long; the limit is "
                                  f"{settings.max_concept_chars}. Shorten it to the idea you want animated.")
    return None


def _new_result(job: Job, backend: str, concept: str) -> Result:
    return Result(backend=backend, concept=concept, quality=job.quality, formats=list(job.formats))


def _with_out_dir(job: Job, concept: str, res: Result) -> Job:
    out = job.out_dir or run_dir(job.settings, concept)
    out.mkdir(parents=True, exist_ok=True)
    res.out_dir = str(out)
    return job.with_(out_dir=out)


def generate(concept: str, backend: Backend, job: Job) -> Iterator[Event]:
    """Turn `concept` into a rendered animation with notes; yields events and ends with Done(Result).

    job.check_layout: report layout defects in Result.layout (model backends also get them back for repair);
    job.candidates: model backends write this many scenes in parallel and the best-scoring one is rendered.
    """
    t0 = time.monotonic()
    job = job.trusting(backend.trusted)
    res = _new_result(job, backend.name, concept)
    bad = validate_concept(concept, job.settings)
    if bad:
        yield from finish(res, bad, t0)
        return
    job = _with_out_dir(job, concept, res)
    try:
        if job.candidates > 1 and not job.trusted:
            att, history = yield from candidates.best_of(concept, backend, job, res)
        else:
            att, history = yield from repair.rounds(concept, backend, job, res, t0)
        if job.check_layout and not att.error:
            if att.layout is None:  # trusted scenes skip the per-round layout check
                yield from repair.check_layout(att, job, last=True)
            res.layout = att.layout
        res.reasoning = _write_text(Path(res.out_dir) / "reasoning.txt", "\n\n".join(h.reasoning for h in history))
        yield from _deliver(att, job, res, t0, (concept, backend))
    finally:
        job.close()


def render_code(code: str, job: Job, source: str = "file", concept: str = "") -> Iterator[Event]:
    """Render given code (a scene file, code edited in the UI) on the same path: fix, check with a preview,
    render, Result. Never trusted: it runs only in the sandbox. Its fast check may run as long as a render
    (the settings' ceiling): a long scene is what the person asked for, and endless ones meet the no-progress
    watchdog and the video-length cap, not a short flat limit."""
    t0 = time.monotonic()
    s = job.settings
    job = job.trusting(False).with_(check_s=max(s.check_timeout_s, s.render_timeout_s or s.render_ceiling_s))
    res = _new_result(job, source, concept or job.name)
    res.attempts = 1
    job = _with_out_dir(job, concept or job.name, res)
    try:
        att = Attempt(code=code)
        yield from repair.lint(att, job, t0)
        res.fixes = list(att.fixes) + local_modules.fix_notes(job.modules)
        if job.check_layout and att.error is None:
            yield from repair.check_layout(att, job, last=True)
            res.layout = att.layout
        yield from _deliver(att, job, res, t0, None)
    finally:
        job.close()


def _write_text(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def _deliver(att: Attempt, job: Job, res: Result, t0: float, asked: tuple | None) -> Iterator[Event]:
    """Write the code, render it (a trusted backend, `asked` = (concept, backend), may repair once), write
    the notes meanwhile, and finish the Result."""
    out = Path(res.out_dir)
    res.code = _write_text(out / "scene.py", att.code) if att.code else None
    if att.topic is not None:
        res.topic, res.recognised, res.suggestions = att.topic.key, att.topic.recognised, list(att.topic.suggestions)
    if att.preview:  # the fast check's frame, already shown: seconds from the start of the request
        res.preview, res.seconds["preview"] = att.preview, att.preview_s
    notes = _NotesWriter(att.notes, out, asked[0] if asked else job.name, res)  # the PDF compiles meanwhile
    if att.error:
        notes.join()
        yield from finish(res, att.error, t0)
        return
    yield Status("render", f"rendering at {job.quality}", res.attempts, job.max_rounds)
    concept, backend = asked or ("", None)
    rendered, outcome = yield from repair.render_with_repair(concept, att, backend, job, res)
    if rendered is not att:
        res.code = _write_text(out / "scene.py", rendered.code)
    res.seconds.update({f"render.{k}": round(v, 3) for k, v in outcome.seconds.items()})
    res.fixes += [f for f in outcome.fixes if f not in res.fixes]
    res.worker, res.background = outcome.worker, outcome.background
    if outcome.notice:  # e.g. the broker was unreachable and the local pool rendered instead
        yield Status("render", outcome.notice)
    if outcome.ok:
        res.videos, res.poster, res.cached = outcome.videos, outcome.poster, outcome.cached
        res.video = outcome.videos.get(job.formats[0])
    notes.join()
    yield from finish(res, outcome.error, t0)


class _NotesWriter:
    """Writes notes .md/.tex/.pdf in a background thread and fills the result's paths on join()."""

    def __init__(self, md: str, out: Path, title: str, res: Result):
        self.res, self.paths, self.t0 = res, {}, time.monotonic()
        self.thread = threading.Thread(target=self._work, args=(md, out, title), daemon=True) if md.strip() else None
        if self.thread:
            self.thread.start()

    def _work(self, md, out, title):
        try:
            self.paths = write_notes(md, out, "notes", title)
        except Exception as e:  # noqa: BLE001 - notes never sink a finished video
            self.paths = {"notes_md": _write_text(out / "notes.md", md), "error": str(e)}

    def join(self) -> None:
        if self.thread:
            self.thread.join()
            self.res.seconds["notes"] = round(time.monotonic() - self.t0, 3)
        p = self.paths
        self.res.notes_md, self.res.notes_tex, self.res.notes_pdf = p.get("notes_md"), p.get("notes_tex"), p.get("notes_pdf")


def finish(res: Result, error: ErrorInfo | None, t0: float, done: str = "finished") -> Iterator[Event]:
    """The request's last events: its total time, then Error or the `done` status, then Done(res)."""
    res.seconds["total"] = round(time.monotonic() - t0, 3)
    if error:
        res.status, res.error = "error", error.to_dict()
        yield Error(error.kind, error.message, error.line, error.hint)
    else:
        res.status = "ok"
        yield Status("done", done)
    yield Done(res)
