"""The stages a request passes through, as generators of events: the backend's stream (in a thread, so Stop
works even while a stream stalls), the fast check and the full render (in a thread, with Progress events).

Each stage takes the request's Job; none builds a Result (that happens once, in pipeline.py).
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from . import render
from .backends.base import Backend, BackendError, Request
from .backgrounds.stage import Finisher
from .events import Event, Progress, Topic, Usage, fold_text
from .job import Job
from .result import ErrorInfo

_END = object()


@dataclass
class Attempt:
    """What one round of the backend produced, and what checking it found."""

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
    preview: str | None = None  # the fast check's last frame
    preview_s: float = 0.0  # when it existed, in seconds from the start of the request
    finish_reason: str | None = None  # "length" when the backend stopped at its token limit
    topic: Topic | None = None  # what the offline engine recognised


def events_in_thread(backend: Backend, request: Request, cancel) -> Iterator[Event]:
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
    yield from _drain(q, cancel)


def _drain(q: queue.Queue, cancel) -> Iterator[Event]:
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


def stream_attempt(backend: Backend, request: Request, att: Attempt, cancel) -> Iterator[Event]:
    """Pass the backend's events through while collecting them into `att`."""
    for ev in events_in_thread(backend, request, cancel):
        if fold_text(att, ev):
            pass
        elif isinstance(ev, Usage):
            att.prompt_tokens += ev.prompt_tokens
            att.completion_tokens += ev.completion_tokens
            att.finish_reason = getattr(ev, "finish_reason", None) or att.finish_reason
        elif isinstance(ev, Topic):
            att.topic = ev
        yield ev


def render_events(code: str, job: Job, stats: dict) -> Iterator[Event]:
    """Run render.render in a thread and turn its progress callback into Progress events; returns the outcome."""
    q: queue.Queue = queue.Queue()

    def on_progress(i, n, f, worker=None):  # `worker` comes only from a Celery worker
        label = f"animation {i + 1} of {n}" if n else f"animation {i + 1}"
        q.put(Progress(f, label + (f" on {worker}" if worker else ""), worker))

    def work():
        try:
            finish = Finisher(code, job) if job.background else None
            q.put(render.render(code, job, stats, on_progress, finish))
        except Exception as e:  # noqa: BLE001 - reported as an internal error, never a crash of the app
            q.put(render.RenderOutcome(False, error=ErrorInfo("internal", f"render failed: {e}")))

    threading.Thread(target=work, daemon=True, name="render").start()
    while True:
        item = q.get()
        if isinstance(item, render.RenderOutcome):
            return item
        yield item


def since(t0: float) -> float:
    return round(time.monotonic() - t0, 3)
