"""The one path from concept to result: backend stream → fix → check → (repair) → render → notes → Result.

`generate()` is a generator of events that ends with Done(result); the CLI, the UI and the tests consume it.
"""

from __future__ import annotations

import queue
import re
import shutil
import threading
import time
import unicodedata
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from . import fixer, render
from .backends.base import Backend, BackendError, Request
from .config import Settings
from .events import Code, Done, Error, Event, Progress, Status, Usage, fold_text
from .result import ErrorInfo, Result


@dataclass
class Attempt:
    """What one round of the backend produced."""

    reasoning: str = ""
    code: str = ""
    notes: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    fixes: list[str] = field(default_factory=list)
    error: ErrorInfo | None = None
    seconds: float = 0.0
    check_stats: dict = field(default_factory=dict)  # num_plays and duration from the fast check
    layout: dict | None = None  # the layout report, when layout checking is on


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


_END = object()


def _events_in_thread(backend: Backend, request: Request, cancel) -> Iterator[Event]:
    """Run backend.stream in a worker thread so that Stop takes effect even while a stalled stream blocks.

    A BackendError (or any bug) in the worker is re-raised here; on cancel the worker is abandoned and ends at
    its own request timeout.
    """
    q: queue.Queue = queue.Queue()  # unbounded: an abandoned worker must never block on put()

    def work():
        try:
            for ev in backend.stream(request):
                q.put(ev)
                if cancel is not None and cancel.is_set():
                    return
        except Exception as e:  # noqa: BLE001 - handed over to the consuming thread
            q.put(e)
        finally:
            q.put(_END)

    threading.Thread(target=work, daemon=True, name="backend-stream").start()
    while True:
        if cancel is not None and cancel.is_set():
            raise BackendError("stopped by the user", kind="cancelled")
        try:
            item = q.get(timeout=0.1)
        except queue.Empty:
            continue
        if item is _END:
            return
        if isinstance(item, BackendError):
            raise item
        if isinstance(item, Exception):
            raise BackendError(f"the backend failed unexpectedly: {type(item).__name__}: {item}") from item
        yield item


def _stream_attempt(backend: Backend, request: Request, att: Attempt, cancel) -> Iterator[Event]:
    """Pass the backend's events through while collecting them into `att`."""
    for ev in _events_in_thread(backend, request, cancel):
        if not fold_text(att, ev) and isinstance(ev, Usage):
            att.prompt_tokens += ev.prompt_tokens
            att.completion_tokens += ev.completion_tokens
        yield ev


def _validate_attempt(att: Attempt, backend: Backend, settings: Settings, cancel, tex) -> Iterator[Event]:
    """Fix and check the attempt's code; sets att.error and att.code."""
    if not att.code.strip():
        att.error = ErrorInfo("syntax", "the reply contained no Python code block with a Scene")
        return
    fixed = fixer.fix(att.code)
    if fixed.fixes:
        att.code, att.fixes = fixed.code, fixed.fixes
        yield Status("fix", "; ".join(fixed.fixes))
        yield Code(att.code, final=True)
    scene, err = render.prepare(att.code, None)
    if err or getattr(backend, "trusted", False):
        att.error = err
        return
    yield Status("check", "running the scene to its last frame")
    outcome = render.check(att.code, scene, settings, cancel=cancel, tex=tex)
    att.error = outcome.error
    att.check_stats = outcome.stats


def _render_with_progress(code, quality, formats, out_dir, settings, cancel, stats, name, tex) -> Iterator[Event]:
    """Run render.render in a thread and turn its progress callback into Progress events."""
    q: queue.Queue = queue.Queue()

    def on_progress(i, n, f):
        q.put(Progress(f, f"animation {i + 1} of {n}" if n else f"animation {i + 1}"))

    def work():
        try:
            q.put(render.render(code, None, quality, formats, out_dir, settings, name, on_progress, cancel, stats, tex))
        except Exception as e:  # noqa: BLE001 - reported as an internal error, never a crash of the app
            q.put(render.RenderOutcome(False, error=ErrorInfo("internal", f"render failed: {e}")))

    threading.Thread(target=work, daemon=True).start()
    while True:
        item = q.get()
        if isinstance(item, render.RenderOutcome):
            yield Done(item)
            return
        yield item


def _write_text(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def generate(concept: str, backend: Backend, *, quality: str = "low", formats: Sequence[str] = ("mp4",),
             settings: Settings | None = None, out_dir: Path | None = None, max_rounds: int | None = None,
             cancel: threading.Event | None = None, check_layout: bool = False,
             candidates: int = 1) -> Iterator[Event]:
    """Turn `concept` into a rendered animation with notes; yields events and ends with Done(Result).

    check_layout: report layout defects in Result.layout (and, for model backends, send them back for repair);
    candidates: model backends write this many scenes in parallel and the best-scoring one is rendered.
    """
    settings = settings or Settings.load()
    t0 = time.monotonic()
    res = Result(backend=backend.name, concept=concept, quality=quality, formats=list(formats))
    bad = validate_concept(concept, settings)
    if bad:
        yield from _finish(res, None, bad, t0)
        return
    out = Path(out_dir) if out_dir else run_dir(settings, concept)
    out.mkdir(parents=True, exist_ok=True)
    res.out_dir = str(out)
    rounds = max(1, max_rounds or settings.max_rounds)
    # TeX compiled by the fast check is reused by the full render of the same request
    tex = render.tex_cache(settings, settings.work_dir / f"tex-{uuid.uuid4().hex[:12]}", getattr(backend, "trusted", False))
    try:
        yield from _generate(concept, backend, quality, formats, settings, rounds, cancel, res, out, tex, t0,
                             _LayoutOpts(check_layout, max(1, candidates)))
    finally:
        if tex.private:
            shutil.rmtree(tex.private, ignore_errors=True)


def _generate(concept, backend, quality, formats, settings, rounds, cancel, res, out, tex, t0,
              opts: _LayoutOpts | None = None) -> Iterator[Event]:
    opts = opts or _LayoutOpts()
    if opts.candidates > 1 and not getattr(backend, "trusted", False):
        from .scoring import best_of

        att, history = yield from best_of(
            opts.candidates, lambda sub: _rounds(concept, backend, quality, settings, rounds, cancel, sub, tex, opts),
            concept, res, settings, quality, cancel, tex)
    else:
        att, history = yield from _rounds(concept, backend, quality, settings, rounds, cancel, res, tex, opts)
    if opts.check_layout and not att.error:
        yield from _final_layout(att, res, settings, quality, cancel, tex)
    res.code = _write_text(out / "scene.py", att.code) if att.code else None
    res.reasoning = _write_text(out / "reasoning.txt", "\n\n".join(h.reasoning for h in history))
    notes = _NotesWriter(att.notes, out, concept, res)  # compiles the PDF while the video renders
    if att.error:
        notes.join()
        yield from _finish(res, att, att.error, t0)
        return
    yield Status("render", f"rendering at {quality}", res.attempts, rounds)
    outcome = yield from _render_stage(att, quality, formats, out, settings, cancel, tex)
    if _repairable_render(outcome, backend, res, rounds):
        # a trusted backend skipped the fast check, so its scene can first fail here: one repair round
        yield Error(outcome.error.kind, outcome.error.message, outcome.error.line)
        request = Request(concept, quality, res.attempts + 1, att.code, outcome.error)
        fixed, res.attempts = Attempt(), res.attempts + 1
        yield Status("generate", f"repairing: {outcome.error.message}", res.attempts, rounds)
        yield from _stream_attempt(backend, request, fixed, cancel)
        yield from _validate_attempt(fixed, backend, settings, cancel, tex)
        res.rounds.append({"attempt": res.attempts, "error": outcome.error.to_dict()})
        if fixed.error is None:
            att = fixed
            res.code = _write_text(out / "scene.py", att.code)
            outcome = yield from _render_stage(att, quality, formats, out, settings, cancel, tex)
    res.seconds.update({f"render.{k}": round(v, 3) for k, v in outcome.seconds.items()})
    if outcome.ok:
        res.videos, res.poster, res.cached = outcome.videos, outcome.poster, outcome.cached
        res.video = outcome.videos.get(formats[0])
    notes.join()
    yield from _finish(res, att, outcome.error, t0)


SCENE_ERRORS = ("syntax", "refused", "latex", "runtime", "no_scene")


def _repairable_render(outcome, backend: Backend, res: Result, rounds: int) -> bool:
    return (not outcome.ok and getattr(backend, "trusted", False) and outcome.error is not None
            and outcome.error.kind in SCENE_ERRORS and res.attempts < rounds)


def _render_stage(att: Attempt, quality, formats, out, settings, cancel, tex) -> Iterator[Event]:
    """Render the attempt's code with Progress events; returns the RenderOutcome."""
    outcome = None
    for ev in _render_with_progress(att.code, quality, formats, out, settings, cancel, att.check_stats, "animation",
                                    tex):
        if isinstance(ev, Done):
            outcome = ev.result
        else:
            yield ev
    return outcome


def _rounds(concept, backend, quality, settings, rounds, cancel, res, tex, opts=None) -> Iterator[Event]:
    """Generate, fix and check up to `rounds` times; returns (last attempt, all attempts)."""
    history: list[Attempt] = []
    att = Attempt()
    for attempt in range(1, rounds + 1):
        prev = history[-1] if history else None
        request = Request(concept, quality, attempt, prev.code if prev else None, prev.error if prev else None)
        yield Status("generate", "writing the scene" if attempt == 1 else f"repairing: {prev.error.message}",
                     attempt, rounds)
        att, t_att = Attempt(), time.monotonic()
        history.append(att)
        res.attempts = attempt
        try:
            yield from _stream_attempt(backend, request, att, cancel)
            yield from _validate_attempt(att, backend, settings, cancel, tex)
            if opts is not None and opts.check_layout and att.error is None and not getattr(backend, "trusted", False):
                yield from _layout_attempt(att, settings, quality, cancel, tex, last=attempt == rounds)
        except BackendError as e:
            att.error = ErrorInfo(e.kind, str(e))
        att.seconds = time.monotonic() - t_att
        res.fixes += [f for f in att.fixes if f not in res.fixes]
        res.tokens["prompt"] += att.prompt_tokens
        res.tokens["completion"] += att.completion_tokens
        res.rounds.append({"attempt": attempt, "seconds": round(att.seconds, 3),
                           "error": att.error.to_dict() if att.error else None,
                           "tokens": [att.prompt_tokens, att.completion_tokens]})
        if att.error is None or att.error.kind in ("backend", "cancelled", "usage"):
            break
        yield Error(att.error.kind, att.error.message, att.error.line)
    return _best_layout_attempt(att, history), history


@dataclass
class _LayoutOpts:
    check_layout: bool = False
    candidates: int = 1


def _layout_attempt(att: Attempt, settings, quality, cancel, tex, last: bool) -> Iterator[Event]:
    """Check the layout of a scene that ran; its defects become a "layout" error unless this is the last round."""
    from . import layout

    yield Status("layout", "checking the layout")
    att.layout = layout.check_layout(att.code, None, settings, quality, cancel, tex)
    if att.layout["defects"] and not last:  # a failed probe (no report) never fails a scene that checked fine
        att.error = layout.as_error(att.layout)


def _best_layout_attempt(att: Attempt, history: list[Attempt]) -> Attempt:
    """If the last round failed after layout repairs, fall back to the best earlier scene that ran."""
    ran = [h for h in history if h.layout and not h.layout.get("error") and h.error is not None and h.error.kind == "layout"]
    if att.error is None or att.error.kind == "layout" or not ran:
        return att
    best = max(ran, key=lambda h: h.layout["score"])
    best.error = None
    return best


def _final_layout(att: Attempt, res: Result, settings, quality, cancel, tex) -> Iterator[Event]:
    """Result.layout for --check-layout: reuse the last check, or check now (the offline engine is not checked)."""
    from . import layout

    if att.layout is None:
        yield Status("layout", "checking the layout")
        att.layout = layout.check_layout(att.code, None, settings, quality, cancel, tex)
    res.layout = att.layout


class _NotesWriter:
    """Writes notes .md/.tex/.pdf in a background thread and fills the result's paths on join()."""

    def __init__(self, md: str, out: Path, title: str, res: Result):
        self.res, self.paths, self.t0 = res, {}, time.monotonic()
        self.thread = threading.Thread(target=self._work, args=(md, out, title), daemon=True) if md.strip() else None
        if self.thread:
            self.thread.start()

    def _work(self, md, out, title):
        try:
            from .notes import write_notes

            self.paths = write_notes(md, out, "notes", title)
        except Exception as e:  # noqa: BLE001 - notes never sink a finished video
            self.paths = {"notes_md": _write_text(out / "notes.md", md), "error": str(e)}

    def join(self) -> None:
        if self.thread:
            self.thread.join()
            self.res.seconds["notes"] = round(time.monotonic() - self.t0, 3)
        p = self.paths
        self.res.notes_md, self.res.notes_tex, self.res.notes_pdf = p.get("notes_md"), p.get("notes_tex"), p.get("notes_pdf")


def _finish(res: Result, att: Attempt | None, error: ErrorInfo | None, t0: float) -> Iterator[Event]:
    res.seconds["total"] = round(time.monotonic() - t0, 3)
    if error:
        res.status, res.error = "error", error.to_dict()
        yield Error(error.kind, error.message, error.line)
    else:
        res.status = "ok"
        yield Status("done", "finished")
    yield Done(res)
