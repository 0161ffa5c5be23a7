"""The Gradio app: a concept in; reasoning, code and notes streaming live; a video, a poster and downloads out.

The handlers are plain generators that consume mathanim.pipeline events. The pipeline runs in a worker thread
that feeds a queue, so the page is refreshed as soon as text arrives (coalesced, at most ~20 times a second),
and a generation that the user leaves or stops still ends cleanly and is written to the history.

Files: each browser session renders into its own folder under `media/sessions/<random token>/`; the media
folder is never an allowed path, so the only files the server hands out are the copies this module puts into
Gradio's cache for the session that asked for them (their URLs carry a keyed content hash).
"""

from __future__ import annotations

import html
import os
import queue
import re
import secrets
import shutil
import socket
import threading
import time
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import gradio as gr

from . import pipeline, render
from .backends.base import Backend, Request
from .config import Settings
from .events import Done, Error, Progress, Status, fold_text
from .presets import DEFAULT_FORMAT, DEFAULT_PRESET, FORMATS, PRESETS
from .result import Result
from .store import Generation, Store

BACKEND_LABELS = {"offline": "Offline (no network)", "deepseek": "DeepSeek", "local": "Local model"}
EXAMPLES = [
    "derivative of x^2 sin x",
    "Pythagorean theorem",
    "eigenvectors of [[2, 1], [1, 2]]",
    r"\int_0^1 x^2\,dx",
    "binomial distribution n=10, p=0.3",
    "勾股定理",
    "泰勒展开 e^x",
    "欧拉公式",
]
LATEX = [{"left": "$$", "right": "$$", "display": True}, {"left": "$", "right": "$", "display": False}]
STAGES = {"understand": "Understanding the concept", "generate": "Writing the scene", "fix": "Fixing known slips",
          "check": "Checking the scene", "layout": "Checking the layout", "render": "Rendering",
          "convert": "Converting", "done": "Done"}
ADVICE = {
    "syntax": "The scene code has a syntax error{where}: {msg}. Fix it in the Code pane and press "
              "“Render edited code”, or press Generate to try again.",
    "refused": "The safety check refused the scene{where}: {msg}. Remove that part in the Code pane and press "
               "“Render edited code”.",
    "latex": "The LaTeX{where} failed: {msg}. Correct the formula in the Code pane and press “Render edited code”.",
    "runtime": "The scene stopped with an error{where}: {msg}. Fix it in the Code pane and press "
               "“Render edited code”, or press Generate to try again.",
    "timeout": "The render took too long: {msg}. Choose a lower quality or a shorter scene and try again.",
    "resources": "The render ran out of memory or disk space: {msg}. Choose a lower quality and try again.",
    "no_scene": "No animation scene was found: {msg}. The code needs exactly one class that extends Scene.",
    "backend": "The backend failed: {msg}. Check its key or server, or switch to the Offline backend.",
    "cancelled": "Stopped as you asked. The panes keep what was produced; press Generate to start again.",
    "usage": "{msg}.",
    "layout": "The layout check found problems: {msg}. Press Generate to try again, or move things in the Code pane.",
    "internal": "Something went wrong inside the app: {msg}. Please try again; if it happens again, report it "
                "with the concept you typed.",
}
CSS = """
#reasoning textarea { color: var(--body-text-color-subdued) !important; opacity: 1 !important;
                      -webkit-text-fill-color: var(--body-text-color-subdued) !important; font-size: 0.85em; }
.ma-pane-label { font-size: var(--block-label-text-size); color: var(--block-label-text-color); }
#status { min-height: 1.6em; }
.ma-progress { height: 8px; border-radius: 4px; background: var(--neutral-200); overflow: hidden; }
.ma-bar { height: 100%; background: var(--color-accent); transition: width 0.2s; }
.ma-progress-label { font-size: 0.8em; color: var(--body-text-color-subdued); }
#downloads .label-clear-button { display: none; }  /* results are read-only */
"""
_END = object()


def explain(kind: str, message: str, line: int | None = None) -> str:
    """An error in plain words with what to do next; never a stack trace."""
    msg = clean_message(message)
    where = f" in line {line}" if line else ""
    return ADVICE.get(kind, ADVICE["internal"]).format(msg=msg, where=where)


def clean_message(message: str, limit: int = 400) -> str:
    """The first meaningful part of an error message, without any traceback."""
    text = str(message or "").split("Traceback (most recent call last)")[0].strip()
    text = re.sub(r"\s+", " ", text).rstrip(".")
    return (text[: limit - 1] + "…") if len(text) > limit else (text or "no details")


# ----------------------------------------------------------------------------------------------- backends


def backend_availability(settings: Settings) -> dict[str, str]:
    """name -> '' when the backend can be used, else the reason it cannot (shown as a hint)."""
    reasons = {"offline": ""}
    reasons["deepseek"] = "" if settings.deepseek_api_key else "DeepSeek is off: set DEEPSEEK_API_KEY in .env"
    reasons["local"] = "" if _local_ready(settings) else (
        f"Local is off: no model server answers at {settings.local_base_url} "
        "(start one with `make serve-local` or set LOCAL_BASE_URL)")
    return reasons


def _local_ready(settings: Settings) -> bool:
    """True when LOCAL_BASE_URL was set explicitly or the default address accepts connections."""
    return settings.local_base_url != Settings().local_base_url or reachable(settings.local_base_url)


def reachable(base_url: str, timeout: float = 0.3) -> bool:
    """Whether something accepts TCP connections at the host and port of `base_url`."""
    url = urlparse(base_url)
    try:
        with socket.create_connection((url.hostname or "127.0.0.1", url.port or 80), timeout=timeout):
            return True
    except OSError:
        return False


class Backends:
    """The backends this app offers: factories, why some are off, and one shared instance each."""

    def __init__(self, settings: Settings, factories: Mapping[str, Callable[[], Backend]] | None = None):
        if factories is None:
            from .backends import get_backend

            self.reasons = backend_availability(settings)
            factories = {n: (lambda n=n: get_backend(n, settings)) for n in self.reasons}
        else:
            self.reasons = {n: "" for n in factories}
        self.factories = dict(factories)
        self._made: dict[str, Backend] = {}
        self._lock = threading.Lock()

    @property
    def available(self) -> list[str]:
        return [n for n, why in self.reasons.items() if not why]

    def hint(self) -> str:
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


# ----------------------------------------------------------------------------------------------- sessions


@dataclass
class Session:
    """One browser session: its own output folder, the cancel switch of its current job, its last result."""

    folder: Path
    cancel: threading.Event = field(default_factory=threading.Event)
    idle: threading.Event = field(default_factory=threading.Event)  # clear while a job streams to the page
    last: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.idle.set()

    def start(self) -> threading.Event:
        """A fresh cancel switch for a new job (an old Stop must not cancel the next job)."""
        self.cancel = threading.Event()
        return self.cancel

    def new_run(self, concept: str, prefix: str = "") -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        path = self.folder / f"{prefix}{stamp}-{pipeline.slugify(concept)}"
        path.mkdir(parents=True)
        return path


@dataclass
class Finished:
    """The end of a job: the Result, the files offered for download (kind -> path) and the history id."""

    result: Result
    files: dict[str, str]
    gen_id: int | None


def serve(path: str | Path | None) -> str | None:
    """A copy of `path` in Gradio's cache (the only place files are served from), or None."""
    if not path or not Path(path).is_file():
        return None
    from gradio import processing_utils, utils

    return processing_utils.save_file_to_cache(str(path), utils.get_upload_folder())


def file_stem(concept: str) -> str:
    """A download file name stem from the concept; keeps letters of any script (勾股定理.mp4)."""
    stem = re.sub(r"[^\w]+", "-", concept).strip("-_").lower()[:40].strip("-_")
    return stem or "animation"


def _link(src: str | Path, dst: Path) -> str:
    """Put `src` at `dst` under a friendly name (a hard link, or a copy across file systems)."""
    dst.unlink(missing_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)
    return str(dst)


def collect_files(res: Result, out: Path) -> dict[str, str]:
    """The downloads of a result under friendly names in `out/downloads`, plus one zip with everything."""
    stem = file_stem(res.concept)
    dl = out / "downloads"
    dl.mkdir(exist_ok=True)
    wanted = [(fmt, res.videos.get(fmt), f"{stem}.{fmt}") for fmt in res.formats]
    wanted += [("py", res.code, f"{stem}.py"), ("notes_md", res.notes_md, f"{stem}-notes.md"),
               ("notes_tex", res.notes_tex, f"{stem}-notes.tex"), ("notes_pdf", res.notes_pdf, f"{stem}-notes.pdf"),
               ("poster", res.poster, f"{stem}.png"), ("reasoning", res.reasoning, f"{stem}-reasoning.txt")]
    files = {kind: _link(src, dl / name) for kind, src, name in wanted if src and Path(src).is_file()}
    if files:
        zip_path = dl / f"{stem}.zip"
        with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in files.values():
                zf.write(path, Path(path).name)
        files["zip"] = str(zip_path)
    return files


DOWNLOAD_ORDER = (*FORMATS, "py", "notes_md", "notes_tex", "notes_pdf", "zip")


def _read(path: str | None) -> str:
    return Path(path).read_text(encoding="utf-8") if path and Path(path).is_file() else ""


# ----------------------------------------------------------------------------------------------- view


@dataclass
class View:
    """What the panes show for one job, updated event by event."""

    reasoning: str = ""
    code: str = ""
    notes: str = ""
    stage: str = "generate"
    message: str = ""
    attempt: int = 1
    of: int = 1
    fixes: list[str] = field(default_factory=list)
    progress: tuple[float, str] | None = None
    problem: str = ""
    error: tuple[str, str, int | None] | None = None  # the last Error event: kind, message, line
    finished: Finished | None = None
    t0: float = field(default_factory=time.monotonic)
    _media: tuple | None = field(default=None, repr=False)

    def apply(self, ev: Any) -> None:
        """Fold one pipeline event into the view."""
        if fold_text(self, ev):
            return
        if isinstance(ev, Status):
            self._status(ev)
        elif isinstance(ev, Progress):
            self.progress = (max(0.0, min(1.0, ev.fraction)), ev.label)
        elif isinstance(ev, Error):
            self.problem, self.error = explain(ev.kind, ev.message, ev.line), (ev.kind, ev.message, ev.line)
        elif isinstance(ev, Finished):
            self.finished = ev

    def _status(self, ev: Status) -> None:
        self.stage, self.message = ev.stage, ev.message
        if ev.stage in ("generate", "render"):  # the stages that carry the round number
            self.attempt, self.of = ev.attempt, ev.of
        if ev.stage == "fix" and ev.message not in self.fixes:
            self.fixes.append(ev.message)
        if ev.stage == "generate":
            self.problem = ""  # a repair round starts: the earlier error is being dealt with
        if ev.stage == "render":
            self.progress = (0.0, "starting the renderer")

    def status_md(self) -> str:
        """The status line: stage, attempt n of N, fixes applied, elapsed time (or the outcome)."""
        fixes = f" · fixes: {'; '.join(self.fixes)}" if self.fixes else ""
        if self.finished:
            res = self.finished.result
            if res.ok:
                cached = " · from the cache" if res.cached else ""
                return (f"**Done** in {res.seconds.get('total', 0):.1f} s · {PRESETS[res.quality].resolution}"
                        f" · attempt {res.attempts} of {self.of}{cached}{fixes}")
            err = res.error or {}
            words = explain(err.get("kind", "internal"), err.get("message", ""), err.get("line"))
            return f"**{'Stopped' if err.get('kind') == 'cancelled' else 'Could not finish'}**: {words}"
        head = f"**{STAGES.get(self.stage, self.stage.title())}…** · attempt {self.attempt} of {self.of}"
        note = f" · {html.escape(self.problem)}" if self.problem else ""
        return f"{head} · {time.monotonic() - self.t0:.1f} s{fixes}{note}"

    def progress_html(self) -> str:
        if self.progress is None or (self.finished and self.finished.result.ok is False):
            return ""
        frac, label = (1.0, "finished") if self.finished else self.progress
        pct = round(frac * 100)
        return (f'<div class="ma-progress" role="progressbar" aria-valuenow="{pct}" aria-valuemin="0" '
                f'aria-valuemax="100"><div class="ma-bar" style="width:{pct}%"></div></div>'
                f'<div class="ma-progress-label">{html.escape(label)} · {pct}%</div>')

    def media(self) -> tuple[Any, Any, Any]:
        """(video, poster, downloads) for the player and the file list (copied to Gradio's cache once)."""
        if self._media is None:
            files = self.finished.files if self.finished else {}
            video = files.get("mp4") or files.get("webm")
            poster = files.get("poster") or files.get("gif")
            downloads = [serve(files[k]) for k in DOWNLOAD_ORDER if files.get(k)]
            self._media = (serve(video), serve(poster), downloads or None)
        return self._media


# ----------------------------------------------------------------------------------------------- the app


class App:
    """The handlers behind the page; one instance serves every session."""

    def __init__(self, settings: Settings, backends: Backends, auth: bool = False):
        self.settings, self.backends, self.auth = settings, backends, auth
        self.store = Store(settings.db_path)
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def session(self, request: gr.Request | None) -> Session:
        """The Session of this browser tab, made on first use with a random folder name."""
        key = getattr(request, "session_hash", None) or "default"
        with self._lock:
            if key not in self._sessions:
                folder = self.settings.media_dir / "sessions" / secrets.token_hex(8)
                self._sessions[key] = Session(folder)
            return self._sessions[key]

    def owner(self, request: gr.Request | None) -> str | None:
        """The history owner: the signed-in user when basic auth is on, else None (one shared history)."""
        return (getattr(request, "username", None) or "") if self.auth else None

    def check_input(self, concept: str, backend: str, quality: str, formats: list[str]) -> str:
        """A plain-words problem with the inputs, or ''."""
        bad = pipeline.validate_concept(concept, self.settings)
        if bad:
            return bad.message[0].upper() + bad.message[1:] + "."
        if backend not in self.backends.available:
            return self.backends.reasons.get(backend) or f"Choose a backend: {', '.join(self.backends.available)}."
        if quality not in PRESETS:
            return f"Choose a quality: {', '.join(PRESETS)}."
        if not formats or any(f not in FORMATS for f in formats):
            return "Choose at least one video format (MP4, GIF or WebM)."
        return ""

    # -- generate ---------------------------------------------------------------------------------------

    def generate(self, concept: str, backend: str, quality: str, formats: list[str],
                 request: gr.Request) -> Iterator[tuple]:
        """Stream one generation into the panes; ends with the video, the poster and the downloads."""
        view = View()
        yield self._outputs(view, clear=True)
        problem = self.check_input(concept, backend, quality, formats)
        try:
            engine = None if problem else self.backends.get(backend)
        except Exception as e:  # noqa: BLE001 - a backend that cannot start is reported, not raised
            problem = (f"The {BACKEND_LABELS.get(backend, backend)} backend could not start: {clean_message(e)}. "
                       "Choose another backend, or run `make run` to install what is missing")
        if problem:
            view.finished = Finished(Result(concept=concept, error={"kind": "usage", "message": problem}), {}, None)
            yield self._outputs(view)
            return
        sess, owner = self.session(request), self.owner(request)
        cancel, run = sess.start(), sess.new_run(concept)
        events = pipeline.generate(concept.strip(), engine, quality=quality, formats=list(formats),
                                   settings=self.settings, out_dir=run, cancel=cancel)
        yield from self._stream(events, view, lambda res: self._finish(res, run, sess, owner), sess)

    def _stream(self, events: Iterator, view: View, finish: Callable[[Result], Finished],
                sess: Session) -> Iterator[tuple]:
        """Run `events` in a worker thread and yield pane updates as they arrive (coalesced)."""
        q: queue.Queue = queue.Queue()
        threading.Thread(target=_pump, args=(events, q, finish), daemon=True).start()
        sess.idle.clear()
        try:
            yield from self._drain(q, view, sess.cancel)
        finally:
            sess.idle.set()

    def _drain(self, q: queue.Queue, view: View, cancel: threading.Event) -> Iterator[tuple]:
        stopped_at = None
        while True:
            if cancel.is_set() and stopped_at is None:
                stopped_at = time.monotonic()
            if stopped_at and time.monotonic() - stopped_at > 3 and not view.finished:
                # the worker is stuck (e.g. a stalled network read); it still writes the history when it ends
                res = Result(concept="", error={"kind": "cancelled", "message": "stopped by the user"})
                view.finished = Finished(res, {}, None)
                yield self._outputs(view)
                return
            shown = bool(view.reasoning or view.code or view.notes)
            items = [_get(q, 0.2 if stopped_at else 1.0)]
            while shown:  # until the first text is on screen it goes alone: a big code+notes batch renders slowly
                try:
                    items.append(q.get_nowait())
                except queue.Empty:
                    break
            for item in items:
                if item is not _END and item is not None:
                    view.apply(item)
            if _END in items and not view.finished:  # the worker failed before its result: say why
                kind, message, line = view.error or ("internal", "the job ended without a result", None)
                view.finished = Finished(Result(error={"kind": kind, "message": message, "line": line}), {}, None)
            yield self._outputs(view)
            if _END in items:
                return
            if shown:
                time.sleep(0.05)  # at most ~20 page updates a second; what arrives meanwhile is batched

    def _finish(self, res: Result, run: Path, sess: Session, owner: str | None) -> Finished:
        """Collect the downloads, remember the result for "Render edited code" and write the history."""
        files = collect_files(res, run)
        code, notes = _read(res.code), _read(res.notes_md)
        reasoning = _read(res.reasoning)
        gen_id = self.store.add_result(res, code=code, notes=notes, reasoning=reasoning, files=files,
                                       owner=owner or "")
        sess.last = {"concept": res.concept, "notes": notes, "reasoning": reasoning,
                     **{k: getattr(res, k) for k in ("notes_md", "notes_tex", "notes_pdf", "reasoning")}}
        return Finished(res, files, gen_id)

    def _outputs(self, view: View, clear: bool = False) -> tuple:
        """Values for [reasoning, code, notes, status, progress, video, poster, downloads]."""
        if view.finished:
            media = view.media()
        elif clear:
            media = (None, None, None)
        else:
            media = (gr.update(), gr.update(), gr.update())
        return (view.reasoning, view.code, view.notes, view.status_md(), view.progress_html(), *media)

    # -- render edited code, stop -----------------------------------------------------------------------

    def rerender(self, code: str, quality: str, formats: list[str], request: gr.Request) -> Iterator[tuple]:
        """Render the Code pane as it is now; the reasoning and notes panes are left alone."""
        sess, owner = self.session(request), self.owner(request)
        concept = sess.last.get("concept") or "edited code"
        view = View(code=code, notes=sess.last.get("notes", ""), reasoning=sess.last.get("reasoning", ""))
        view.stage = "render"
        if not (code or "").strip() or quality not in PRESETS or not formats:
            msg = "There is no code to render." if not (code or "").strip() else "Choose a quality and a format."
            view.finished = Finished(Result(concept=concept, error={"kind": "usage", "message": msg}), {}, None)
            yield self._outputs(view)[3:]
            return
        cancel, run = sess.start(), sess.new_run(concept, prefix="edited-")
        events = _render_events(code, concept, quality, list(formats), run, self.settings, cancel, sess.last)
        for out in self._stream(events, view, lambda res: self._finish(res, run, sess, owner), sess):
            yield out[3:]

    def stop(self, request: gr.Request) -> Any:
        """Set this session's cancel switch (the model stream stops, the render process is killed) and wait
        briefly for the job to show its own "Stopped" line; the event's `cancels=` is the backstop."""
        sess = self.session(request)
        sess.cancel.set()
        if sess.idle.wait(5):
            return gr.update()  # the job ended and already said so
        return "**Stopped**: " + ADVICE["cancelled"]

    def warm_up(self) -> None:
        """Build the offline backend (and let it load its models) before the first request needs it."""
        if "offline" not in self.backends.available:
            return
        try:
            engine = self.backends.get("offline")
            if callable(getattr(engine, "warm_up", None)):
                engine.warm_up()
            else:  # one throwaway lesson loads the classifier's model; the offline engine renders nothing itself
                for _ in engine.stream(Request("derivative of x^2")):
                    pass
        except Exception as e:  # noqa: BLE001 - the first request will report it in plain words
            print(f"offline backend not ready: {clean_message(e)}", flush=True)

    # -- history ----------------------------------------------------------------------------------------

    def history(self, request: gr.Request) -> tuple[list, list[list], list[int], list[int]]:
        """(gallery items, table rows, gallery ids, table ids) of this user's history."""
        owner = self.owner(request)
        gallery = [(serve(g.poster), f"#{g.id} {g.concept[:60]}") for g in self.store.gallery(owner=owner)]
        gens = self.store.list(100, owner=owner)
        rows = [[g.id, g.created.replace("T", " ")[:19], g.concept[:80], g.backend, g.preset, _outcome(g),
                 round(g.seconds.get("total", 0.0), 1)] for g in gens]
        return gallery, rows, [g.id for g in self.store.gallery(owner=owner)], [g.id for g in gens]

    def reopen(self, gen_id: int | None, request: gr.Request) -> tuple:
        """Show a past generation in the Create tab: its panes, video, poster and downloads."""
        gen = self.store.get(int(gen_id), owner=self.owner(request)) if gen_id is not None else None
        if gen is None:
            return (gr.update(),) * 10 + ("The history entry was not found.",)
        view = view_of(gen)
        self.session(request).last = {"concept": gen.concept, "notes": gen.notes, "reasoning": gen.reasoning,
                                      "notes_md": gen.files.get("notes_md"), "notes_tex": gen.files.get("notes_tex"),
                                      "notes_pdf": gen.files.get("notes_pdf")}
        return (gen.concept, gen.preset, *self._outputs(view), gr.Tabs(selected="create"), "")


def _outcome(gen: Generation) -> str:
    """ok, stopped, or the error kind (latex, timeout, backend…) for the history table."""
    if gen.status == "ok":
        return "ok"
    kind = (gen.error or {}).get("kind", "error")
    return "stopped" if kind == "cancelled" else f"failed: {kind}"


def view_of(gen: Generation) -> View:
    """A finished View rebuilt from a history entry."""
    res = Result(status=gen.status, backend=gen.backend, concept=gen.concept, quality=gen.preset,
                 formats=gen.formats, attempts=gen.attempts, seconds=gen.seconds, error=gen.error,
                 fixes=gen.fixes)
    view = View(reasoning=gen.reasoning, code=gen.code, notes=gen.notes, fixes=list(gen.fixes), of=gen.attempts)
    view.progress = (1.0, "finished") if gen.status == "ok" else None
    view.finished = Finished(res, {k: v for k, v in gen.files.items() if Path(v).is_file()}, gen.id)
    return view


def _pump(events: Iterator, q: queue.Queue, finish: Callable[[Result], Finished]) -> None:
    """Worker thread: pipeline events into the queue; Done becomes Finished after the history write."""
    try:
        for ev in events:
            q.put(finish(ev.result) if isinstance(ev, Done) else ev)
    except Exception as e:  # noqa: BLE001 - shown in plain words, the app keeps running
        q.put(Error("internal", clean_message(e)))
    finally:
        q.put(_END)


def _get(q: queue.Queue, timeout: float = 1.0):
    try:
        return q.get(timeout=timeout)
    except queue.Empty:
        return None  # nothing new: refresh the elapsed time on the status line


def _render_events(code, concept, quality, formats, out: Path, settings, cancel, last) -> Iterator:
    """The event stream of a render of edited code, ending in Done(Result) like pipeline.generate."""
    t0 = time.monotonic()
    res = Result(backend="edited", concept=concept, quality=quality, formats=formats, attempts=1, out_dir=str(out))
    res.code = str(out / "scene.py")
    Path(res.code).write_text(code, encoding="utf-8")
    res.notes_md, res.notes_tex, res.notes_pdf = (last.get(k) for k in ("notes_md", "notes_tex", "notes_pdf"))
    yield Status("render", f"rendering the edited code at {quality}")
    q: queue.Queue = queue.Queue()

    def work():
        progress = lambda i, n, f: q.put(Progress(f, f"animation {i + 1} of {n}" if n else f"animation {i + 1}"))  # noqa: E731
        q.put(render.render(code, None, quality, formats, out, settings, "animation", progress, cancel))

    threading.Thread(target=work, daemon=True).start()
    while not isinstance(item := q.get(), render.RenderOutcome):
        yield item
    res.seconds = {**{f"render.{k}": round(v, 3) for k, v in item.seconds.items()},
                   "total": round(time.monotonic() - t0, 3)}
    if item.ok:
        res.status, res.videos, res.poster, res.cached = "ok", item.videos, item.poster, item.cached
        res.video = item.videos.get(formats[0])
        yield Status("done", "finished")
    else:
        res.error = item.error.to_dict()
        yield Error(item.error.kind, item.error.message, item.error.line)
    yield Done(res)


# ----------------------------------------------------------------------------------------------- layout


def build_ui(settings: Settings, backends: Mapping[str, Callable[[], Backend]] | None = None,
             auth: bool = False) -> gr.Blocks:
    """The Blocks page. `backends` (name -> factory) replaces the configured ones, e.g. in tests."""
    app = App(settings, Backends(settings, backends), auth)
    # delete_cache: Gradio's served copies older than a day go (the originals stay in the session folders)
    with gr.Blocks(title="mathanim — concept to animation", analytics_enabled=False,
                   delete_cache=(3600, 86400)) as demo:
        gr.Markdown("## mathanim — type a math or science concept, get an animation, its code and study notes")
        with gr.Tabs(elem_id="tabs") as tabs:
            with gr.Tab("Create", id="create"):
                w = _create_tab(app)
            with gr.Tab("History", id="history_tab"):
                h = _history_tab()
        _wire(demo, app, w, h, tabs)
    demo.mathanim = app  # for tests and scripts
    return demo


def _create_tab(app: App) -> dict[str, Any]:
    w: dict[str, Any] = {}
    with gr.Row():
        with gr.Column(scale=3):
            w["concept"] = gr.Textbox(label="Concept", lines=3, elem_id="concept",
                                      placeholder="e.g. derivative of x^2 sin x · 勾股定理 · \\int_0^1 x^2\\,dx",
                                      info=f"Up to {app.settings.max_concept_chars} characters.")
            gr.Examples(EXAMPLES, inputs=[w["concept"]], label="Examples (English and 中文)")
        with gr.Column(scale=2):
            names = app.backends.available
            w["backend"] = gr.Radio([(BACKEND_LABELS.get(n, n), n) for n in names], value=names[0],
                                    label="Backend", info=app.backends.hint(), elem_id="backend")
            w["quality"] = gr.Radio([(p.label, p.name) for p in PRESETS.values()], value=DEFAULT_PRESET,
                                    label="Quality", elem_id="quality")
            w["formats"] = gr.CheckboxGroup([(label, key) for key, label in FORMATS.items()],
                                            value=[DEFAULT_FORMAT], label="Formats", elem_id="formats")
            with gr.Row():
                w["generate"] = gr.Button("Generate", variant="primary", elem_id="generate")
                w["stop"] = gr.Button("Stop", variant="stop", elem_id="stop")
    w["status"] = gr.Markdown(elem_id="status")
    w["progress"] = gr.HTML(elem_id="progress")
    _panes(w)
    with gr.Row():
        w["video"] = gr.Video(label="Animation", elem_id="video", interactive=False, autoplay=True, loop=True)
        w["poster"] = gr.Image(label="Poster", elem_id="poster", interactive=False, type="filepath")
        w["downloads"] = gr.File(label="Downloads", file_count="multiple", elem_id="downloads", interactive=False)
    return w


def _panes(w: dict[str, Any]) -> None:
    with gr.Row(equal_height=False):
        with gr.Column(min_width=280):
            with gr.Accordion("Reasoning", open=True):
                w["reasoning"] = gr.Textbox(show_label=False, lines=20, max_lines=20, interactive=False,
                                            autoscroll=True, elem_id="reasoning")
        with gr.Column(min_width=320):
            w["code"] = gr.Code(language="python", label="Code (editable)", interactive=True, lines=20,
                                max_lines=20, elem_id="code")
            w["rerender"] = gr.Button("Render edited code", elem_id="rerender")
        with gr.Column(min_width=280):
            gr.Markdown("Study notes (Markdown with LaTeX)", elem_classes=["ma-pane-label"])
            w["notes"] = gr.Markdown(label="Study notes", show_label=True, latex_delimiters=LATEX, height=480,
                                     elem_id="notes", container=True)


def _history_tab() -> dict[str, Any]:
    h: dict[str, Any] = {}
    with gr.Column(elem_id="history"):
        h["refresh"] = gr.Button("Refresh", elem_id="history_refresh", size="sm")
        h["gallery"] = gr.Gallery(label="Posters (click to reopen)", columns=5, height=300, fit_columns=False,
                                  object_fit="contain", allow_preview=False, elem_id="history_gallery")
        h["table"] = gr.Dataframe(headers=["id", "when (UTC)", "concept", "backend", "quality", "status", "seconds"],
                                  interactive=False, elem_id="history_table", label="All generations (click to reopen)")
        h["message"] = gr.Markdown(elem_id="history_message")
    h["gallery_ids"], h["table_ids"] = gr.State([]), gr.State([])
    return h


def _wire(demo: gr.Blocks, app: App, w: dict, h: dict, tabs: gr.Tabs) -> None:
    panes = [w[k] for k in ("reasoning", "code", "notes", "status", "progress", "video", "poster", "downloads")]
    limit = max(1, app.settings.render_concurrency)
    gen = w["generate"].click(app.generate, [w["concept"], w["backend"], w["quality"], w["formats"]], panes,
                              concurrency_limit=limit, concurrency_id="render", show_progress="hidden")
    again = w["rerender"].click(app.rerender, [w["code"], w["quality"], w["formats"]], panes[3:],
                                concurrency_limit=limit, concurrency_id="render", show_progress="hidden")
    w["stop"].click(app.stop, None, w["status"], concurrency_limit=None, queue=False).then(
        None, cancels=[gen, again], queue=False)
    hist = [h["gallery"], h["table"], h["gallery_ids"], h["table_ids"]]
    for done in (gen, again):
        done.then(app.history, None, hist, show_progress="hidden")
    h["refresh"].click(app.history, None, hist)
    demo.load(app.history, None, hist)
    reopen_out = [w["concept"], w["quality"], *panes, tabs, h["message"]]

    def reopen(ids: list[int], evt: gr.SelectData, request: gr.Request) -> tuple:
        return app.reopen(_pick(ids, evt.index), request)

    h["gallery"].select(reopen, [h["gallery_ids"]], reopen_out)
    h["table"].select(reopen, [h["table_ids"]], reopen_out)


def _pick(ids: list[int], index: Any) -> int | None:
    """The history id at a gallery index or a table [row, column] index."""
    row = index[0] if isinstance(index, (list, tuple)) else index
    return ids[row] if isinstance(row, int) and 0 <= row < len(ids) else None


# ----------------------------------------------------------------------------------------------- launch


def launch_options(env: Mapping[str, str]) -> dict[str, Any]:
    """launch() arguments from the environment: 127.0.0.1 unless GRADIO_SERVER_NAME says otherwise,
    GRADIO_SERVER_PORT, and sharing / basic auth only when MATHANIM_SHARE / MATHANIM_AUTH ask for them."""
    opts: dict[str, Any] = {"server_name": env.get("GRADIO_SERVER_NAME") or "127.0.0.1",
                            "server_port": int(env.get("GRADIO_SERVER_PORT") or 7860),
                            "share": env.get("MATHANIM_SHARE", "").strip().lower() in ("1", "true", "yes")}
    pairs = [p.split(":", 1) for p in env.get("MATHANIM_AUTH", "").split(",") if ":" in p]
    if pairs:
        opts["auth"] = [(u.strip(), pw) for u, pw in pairs]
    return opts


def launch(settings: Settings, env: Mapping[str, str] | None = None,
           backends: Mapping[str, Callable[[], Backend]] | None = None, **kwargs) -> gr.Blocks:
    """Build the page and serve it; blocks until the server stops unless prevent_thread_lock=True, in which
    case it returns the running Blocks (close it with .close())."""
    env = os.environ if env is None else env
    opts = {**launch_options(env), **kwargs}
    block = not opts.pop("prevent_thread_lock", False)
    demo = build_ui(settings, backends, auth=bool(opts.get("auth")))
    limit = max(1, settings.render_concurrency)
    demo.queue(default_concurrency_limit=limit, max_size=64)
    m = settings.media_dir.resolve()  # never served, even by a mistake elsewhere; Gradio's cache copies are
    blocked = [str(p) for p in (m / "sessions", m / "runs", m / "work", m / "cache", settings.db_path.resolve())]
    demo.launch(css=CSS, show_error=False, footer_links=[], prevent_thread_lock=True, blocked_paths=blocked, **opts)
    if env.get("MATHANIM_WARMUP", "1").strip().lower() not in ("0", "false", "no"):
        # the page is already served; the offline engine's imports and model load now happen in the background
        threading.Thread(target=demo.mathanim.warm_up, daemon=True).start()
    if block:
        demo.block_thread()
    return demo
