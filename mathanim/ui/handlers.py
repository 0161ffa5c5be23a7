"""The event handlers behind the page, and the wiring of the page's events to them.

Handlers are plain generators over the named components: each update is {component: value} for what changed.
The pipeline runs in a worker thread that feeds a queue, so the page is refreshed as soon as text arrives
(coalesced, at most ~20 times a second), and a job that the user leaves or stops still ends cleanly and is
written to the history.

Every call into the rest of mathanim (pipeline, render, backends, presets) is one small function in the first
section below, so that they can move to the run context in one place.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import gradio as gr

from .. import backgrounds, pipeline
from ..backends import availability, get_backend
from ..backends.base import Backend
from ..config import Settings
from ..events import Done, Error
from ..job import Job
from ..presets import DEFAULT_FORMAT, DEFAULT_PRESET, FORMATS, PRESETS
from ..result import Result
from ..store import Store
from .files import collect_files, read_text
from .history import last_of, listing, pick, view_of
from .layout import Choices, Components
from .lesson import wire_lesson
from .sessions import Session, Sessions
from .texts import NO_CODE, NO_FORMAT, NO_QUALITY_OR_FORMAT, NOT_FOUND, STOPPED, backend_label, clean_message
from .view import Finished, View, refused

STUCK_S = 3.0  # after Stop, a worker silent this long is stuck (e.g. a stalled network read): end the job anyway


@dataclass(frozen=True)
class Run:
    """One job of one session: what was asked, where its files go, its cancel switch, who owns its history."""

    concept: str
    quality: str
    formats: list[str]
    folder: Path
    cancel: threading.Event
    session: Session
    owner: str | None
    background: str | None = None  # a name or a picture path (backgrounds.parse); None: a plain render
    candidates: int = 1

    def with_(self, **changes) -> Run:
        return replace(self, **changes)


# ----------------------------------------------------------------- calls into the pipeline, render, backends, presets


def make_backend(name: str, settings: Settings) -> Backend:
    """A new instance of the configured backend `name`."""
    return get_backend(name, settings)


def choices(settings: Settings, backends: Backends) -> Choices:
    """What the page's inputs offer: the usable backends, the quality presets, the output formats."""
    return Choices(backends=[(backend_label(n), n) for n in backends.available], backend_hint=backends.hint(),
                   qualities=[(p.label, p.name) for p in PRESETS.values()], quality=DEFAULT_PRESET,
                   formats=[(label, key) for key, label in FORMATS.items()], format=DEFAULT_FORMAT,
                   max_concept_chars=settings.max_concept_chars, backgrounds=BACKGROUND_CHOICES)


BACKGROUND_CHOICES = [("None (plain)", "none"), *((n.title(), n) for n in backgrounds.NAMES),
                      ("Your image (upload)", "image")]


def background_of(choice: str | None, picture: str | None) -> tuple[str | None, str]:
    """The background spec the picker asks for, and a plain-words problem ('' when fine)."""
    spec = picture if choice == "image" else choice
    if choice == "image" and not picture:
        return None, "Upload a background image, or choose another background."
    try:
        return (spec if backgrounds.parse(spec) else None), ""
    except ValueError as e:
        return None, clean_message(e) + "."


def concept_problem(concept: str, settings: Settings) -> str:
    """A plain-words problem with the concept (empty, too long…), or ''."""
    bad = pipeline.validate_concept(concept, settings)
    return bad.message[0].upper() + bad.message[1:] + "." if bad else ""


def choice_problem(quality: str, formats: list[str]) -> str:
    """A plain-words problem with the chosen quality and formats, or ''."""
    if quality not in PRESETS:
        return f"Choose a quality: {', '.join(PRESETS)}."
    if not formats or any(f not in FORMATS for f in formats):
        return NO_FORMAT
    return ""


def known_quality(quality: str) -> bool:
    """Whether `quality` names a preset."""
    return quality in PRESETS


def slug(concept: str) -> str:
    """The concept as a folder name."""
    return pipeline.slugify(concept)


def job_of(run: Run, settings: Settings) -> Job:
    """The pipeline's run context for one job of the page."""
    return Job.make(settings, run.quality, run.formats, run.folder, cancel=run.cancel,
                    background=backgrounds.parse(run.background), candidates=run.candidates)


def run_generation(run: Run, engine: Backend, settings: Settings) -> Iterator:
    """The pipeline's event stream for one generation, ending in Done(Result)."""
    return pipeline.generate(run.concept.strip(), engine, job_of(run, settings))


# ----------------------------------------------------------------------------------------------- backends


class Backends:
    """The backends this app offers: factories, why some are off, and one shared instance each."""

    def __init__(self, settings: Settings, factories: Mapping[str, Callable[[], Backend]] | None = None):
        if factories is None:
            self.reasons = availability(settings)
            factories = {n: (lambda n=n: make_backend(n, settings)) for n in self.reasons}
        else:
            self.reasons = {n: "" for n in factories}
        self.factories = dict(factories)
        self._made: dict[str, Backend] = {}
        self._lock = threading.Lock()

    @property
    def available(self) -> list[str]:
        """The names of the backends that can be used, in order."""
        return [n for n, why in self.reasons.items() if not why]

    def hint(self) -> str:
        """Why some backends are off, or that all are configured."""
        off = [why for why in self.reasons.values() if why]
        return " · ".join(off) if off else "All backends are configured."

    def get(self, name: str) -> Backend:
        """The shared instance of backend `name`, built on first use (heavy imports happen here)."""
        if name not in self.available:
            raise ValueError(self.reasons.get(name) or f"unknown backend {name!r}")
        with self._lock:
            if name not in self._made:
                self._made[name] = self.factories[name]()
            return self._made[name]

    def problem(self, name: str) -> str:
        """A plain-words problem with the chosen backend, or ''."""
        if name in self.available:
            return ""
        return self.reasons.get(name) or f"Choose a backend: {', '.join(self.available)}."


# ----------------------------------------------------------------------------------------------- the app


class App:
    """The handlers behind the page; one instance serves every session. `c` holds the page's components."""

    def __init__(self, settings: Settings, backends: Backends, c: Components, auth: bool = False):
        self.settings, self.backends, self.c = settings, backends, c
        self.store = Store(settings.db_path)
        self.sessions = Sessions(settings.media_dir / "sessions", auth)

    def check_input(self, concept: str, backend: str, quality: str, formats: list[str]) -> str:
        """A plain-words problem with the inputs, or ''."""
        return (concept_problem(concept, self.settings) or self.backends.problem(backend)
                or choice_problem(quality, formats))

    def generate(self, concept: str, backend: str, quality: str, formats: list[str], request: gr.Request,
                 *extras) -> Iterator[dict]:
        """Stream one generation into the panes; ends with the video, the poster and the downloads.
        extras: the background picker's choice and upload, and the number of candidates (all optional)."""
        view = View()
        yield view.values(self.c, clear=True)
        background, background_image, candidates = (*extras[:3], *("none", None, 1)[len(extras[:3]):])
        bg, bg_problem = background_of(background, background_image)
        problem = self.check_input(concept, backend, quality, formats) or bg_problem
        engine, problem = (None, problem) if problem else self._engine(backend)
        if problem:
            view.finished = refused(concept, "usage", problem)
            yield view.values(self.c)
            return
        run = self._start(request, concept, quality, formats).with_(background=bg, candidates=int(candidates or 1))
        for shown in self._stream(run_generation(run, engine, self.settings), view, run):
            yield shown.values(self.c)

    def _engine(self, name: str) -> tuple[Backend | None, str]:
        """The backend `name`, or why it could not start (a broken backend is reported, not raised)."""
        try:
            return self.backends.get(name), ""
        except Exception as e:  # noqa: BLE001 - e.g. a missing package of the offline engine
            return None, (f"The {backend_label(name)} backend could not start: {clean_message(e)}. "
                          "Choose another backend, or run `make run` to install what is missing")

    def rerender(self, code: str, quality: str, formats: list[str], request: gr.Request,
                 background: str = "none", background_image: str | None = None) -> Iterator[dict]:
        """Render the Code pane as it is now; the reasoning and notes panes are left alone."""
        last = self.sessions.get(request).last
        concept = last.get("concept") or "edited code"
        view = View(code=code, notes=last.get("notes", ""), reasoning=last.get("reasoning", ""), stage="render")
        bg, bg_problem = background_of(background, background_image)
        problem = NO_CODE if not (code or "").strip() else (
            "" if known_quality(quality) and formats else NO_QUALITY_OR_FORMAT) or bg_problem
        if problem:
            view.finished = refused(concept, "usage", problem)
            yield view.values(self.c, text=False)
            return
        run = self._start(request, concept, quality, formats, prefix="edited-").with_(background=bg)
        for shown in self._stream(_render_events(code, run, self.settings), view, run):
            yield shown.values(self.c, text=False)

    def _start(self, request: gr.Request, concept: str, quality: str, formats: list[str],
               prefix: str = "") -> Run:
        """A new job of this session: a fresh cancel switch and its own output folder."""
        sess = self.sessions.get(request)
        cancel, folder = sess.start(), sess.new_run(slug(concept), prefix)
        return Run(concept, quality, list(formats), folder, cancel, sess, self.sessions.owner(request))

    def _stream(self, events: Iterator, view: View, run: Run) -> Iterator[View]:
        """Run `events` in a worker thread; yields `view` each time it changed (coalesced)."""
        q: queue.Queue = queue.Queue()
        finish = lambda res: self._finish(res, run)  # noqa: E731 - runs in the worker, after the render
        threading.Thread(target=_pump, args=(events, q, finish), daemon=True).start()
        run.session.idle.clear()
        try:
            yield from _drain(q, view, run.cancel)
        finally:
            run.session.idle.set()

    def _finish(self, res: Result, run: Run) -> Finished:
        """Collect the downloads, remember the result for "Render edited code" and write the history."""
        files = collect_files(res, run.folder)
        code, notes, reasoning = read_text(res.code), read_text(res.notes_md), read_text(res.reasoning)
        gen_id = self.store.add_result(res, code=code, notes=notes, reasoning=reasoning, files=files,
                                       owner=run.owner or "")
        run.session.last = {"concept": res.concept, "notes": notes, "reasoning": reasoning,
                            **{k: getattr(res, k) for k in ("notes_md", "notes_tex", "notes_pdf", "reasoning")}}
        return Finished(res, files, gen_id)

    def stop(self, request: gr.Request) -> dict:
        """Set this session's cancel switch (the model stream stops, the render process is killed) and wait
        briefly for the job to show its own "Stopped" line; the event's `cancels=` is the backstop."""
        sess = self.sessions.get(request)
        sess.cancel.set()
        if sess.idle.wait(5):
            return {self.c.status: gr.update()}  # the job ended and already said so
        return {self.c.status: STOPPED}

    def warm_up(self) -> None:
        """Build the offline backend (and let it load its models) before the first request needs it."""
        if "offline" not in self.backends.available:
            return
        try:
            self.backends.get("offline").warm_up()
        except Exception as e:  # noqa: BLE001 - the first request will report it in plain words
            print(f"offline backend not ready: {clean_message(e)}", flush=True)

    def history(self, request: gr.Request) -> dict:
        """The gallery and the table of this user's history, with the ids behind them."""
        gallery, rows, gallery_ids, table_ids = listing(self.store, self.sessions.owner(request))
        c = self.c
        return {c.history_gallery: gallery, c.history_table: rows, c.gallery_ids: gallery_ids,
                c.table_ids: table_ids}

    def reopen(self, ids: list[int], evt: gr.SelectData, request: gr.Request) -> dict:
        """A click on a gallery item or a table row: show that generation in the Create tab."""
        return self.open_entry(pick(ids, evt.index), request)

    def open_entry(self, gen_id: int | None, request: gr.Request) -> dict:
        """Show a past generation in the Create tab: its panes, video, poster and downloads."""
        gen = self.store.get(int(gen_id), owner=self.sessions.owner(request)) if gen_id is not None else None
        if gen is None:
            return {self.c.history_message: NOT_FOUND}
        self.sessions.get(request).last = last_of(gen)
        c = self.c
        return {c.concept: gen.concept, c.quality: gen.preset, **view_of(gen).values(c),
                c.tabs: gr.Tabs(selected="create"), c.history_message: ""}


# ----------------------------------------------------------------------------------------------- streaming

_END = object()  # the worker's last item


def _pump(events: Iterator, q: queue.Queue, finish: Callable[[Result], Finished]) -> None:
    """Worker thread: pipeline events into the queue; Done becomes Finished after the history write."""
    try:
        for ev in events:
            q.put(finish(ev.result) if isinstance(ev, Done) else ev)
    except Exception as e:  # noqa: BLE001 - shown in plain words, the app keeps running
        q.put(Error("internal", clean_message(e)))
    finally:
        q.put(_END)


def _drain(q: queue.Queue, view: View, cancel: threading.Event) -> Iterator[View]:
    """Fold the worker's items into `view` batch by batch, yielding it after each, until the worker ends."""
    stopped_at = None
    while True:
        if cancel.is_set() and stopped_at is None:
            stopped_at, view.stopped = time.monotonic(), True
        if stopped_at and time.monotonic() - stopped_at > STUCK_S and not view.finished:
            # the worker is stuck; it still writes the history when it ends
            view.finished = refused("", "cancelled", "stopped by the user")
            yield view
            return
        shown = view.shows_text
        ended = _fold(view, _batch(q, 0.2 if stopped_at else 1.0, more=shown))
        yield view
        if ended:
            return
        if shown:
            time.sleep(0.05)  # at most ~20 page updates a second; what arrives meanwhile is batched


def _batch(q: queue.Queue, timeout: float, more: bool) -> list:
    """The next item (None when nothing came within `timeout`), with `more` everything else queued."""
    try:
        items = [q.get(timeout=timeout)]
    except queue.Empty:
        items = [None]  # nothing new: refresh the elapsed time on the status line
    while more:  # until the first text is on screen it goes alone: a big code+notes batch renders slowly
        try:
            items.append(q.get_nowait())
        except queue.Empty:
            break
    return items


def _fold(view: View, items: list) -> bool:
    """Apply `items` to `view`; True when the worker has ended (with a Finished, or failing before it)."""
    for item in items:
        if item is not _END and item is not None:
            view.apply(item)
    ended = any(item is _END for item in items)
    if ended and not view.finished:  # the worker failed before its result: say why
        kind, message, line = view.error or ("internal", "the job ended without a result", None)
        view.finished = Finished(Result(error={"kind": kind, "message": message, "line": line}), {}, None)
    return ended


# ----------------------------------------------------------------------------------------------- edited code


def _render_events(code: str, run: Run, settings: Settings) -> Iterator:
    """The event stream of a render of edited code: the pipeline's render_code (fix, check with a preview,
    render, Result), with the notes of the job it was edited from."""
    job = job_of(run, settings).with_(name="animation")
    for ev in pipeline.render_code(code, job, "edited", run.concept):
        if isinstance(ev, Done):
            for k in ("notes_md", "notes_tex", "notes_pdf"):
                setattr(ev.result, k, run.session.last.get(k))
        yield ev


# ----------------------------------------------------------------------------------------------- wiring


def _hold(buttons: list, on: bool):
    """A handler that turns `buttons` on or off (their visibility is left alone)."""
    return lambda: [gr.update(interactive=on) for _ in buttons]


def wire(demo: gr.Blocks, app: App) -> None:
    """Connect the page's events to the handlers: Generate, Render edited code, Stop, and the History tab."""
    c, limit = app.c, max(1, app.settings.render_concurrency)
    gen = c.generate.click(app.generate, [c.concept, c.backend, c.quality, c.formats, c.background,
                                          c.background_image, c.candidates], c.panes(),
                           concurrency_limit=limit, concurrency_id="render", show_progress="hidden")
    # a suggested topic goes into the concept box, ready for Generate
    c.suggestions.click(lambda sample: sample[0] if sample else "", c.suggestions, c.concept, queue=False)
    again = c.rerender.click(app.rerender, [c.code, c.quality, c.formats, c.background, c.background_image],
                             c.results(),
                             concurrency_limit=limit, concurrency_id="render", show_progress="hidden")
    # Stop sets the cancel switch first (the job ends itself and says so); cancels= ends what is left of it.
    # The start buttons stay off until that backstop has fired: a job started in between would be cancelled too.
    starts = c.starts()
    c.stop.click(_hold(starts, False), None, starts, queue=False).then(
        app.stop, None, c.status, concurrency_limit=None, queue=False).then(
        None, cancels=[gen, again], queue=False).then(_hold(starts, True), None, starts, queue=False)
    for done in (gen, again):
        done.then(app.history, None, c.history(), show_progress="hidden")
    c.history_refresh.click(app.history, None, c.history())
    demo.load(app.history, None, c.history())
    c.history_gallery.select(app.reopen, [c.gallery_ids], c.reopened())
    c.history_table.select(app.reopen, [c.table_ids], c.reopened())
    wire_lesson(app)  # the Lesson toggle, Generate lesson, Plan / Render storyboard (ui/lesson.py)
