"""The render-executor interface: submit a sandboxed task, follow its progress events, cancel it, get its result.

Two implementations: the local pool (`local.py`, the embedded default) and Celery workers behind a Redis broker
(`remote.py`). The pipeline, CLI and UI only ever call `run()` (through `render.sandbox_run`), so they do not
know which one runs. A task is plain JSON: paths in it are references into the artifact store (`store.py`),
so a worker on another machine resolves them against its own mount of the same store.
"""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field

from ..result import ErrorInfo
from ..sandbox.runner import ChildLimits, ChildOutcome

# (animation index, animations in all or 0, fraction 0..1[, worker name]): the worker is passed only when the
# task runs on a named worker, so callbacks written for three arguments keep working with the local pool.
ProgressFn = Callable[..., None]


@dataclass
class SandboxTask:
    """One sandboxed execution: `kind` "child" (check, layout probe, render) or "convert" (ffmpeg)."""

    kind: str
    work: str  # reference of the job folder in the artifact store
    spec: dict = field(default_factory=dict)  # child job fields; path fields are store references
    limits: dict = field(default_factory=dict)  # ChildLimits fields

    def to_wire(self) -> dict:
        return asdict(self)

    @classmethod
    def from_wire(cls, wire: dict) -> SandboxTask:
        return cls(wire["kind"], wire["work"], dict(wire.get("spec") or {}), dict(wire.get("limits") or {}))

    def child_limits(self) -> ChildLimits:
        return ChildLimits(**self.limits)


@dataclass(frozen=True)
class ProgressEvent:
    """Progress of a running task; `worker` is None on the local pool. A tick (total -1) carries no progress:
    it lets the consumer look at its cancel switch while a task is quiet."""

    index: int
    total: int
    fraction: float
    worker: str | None = None


def outcome_to_wire(out: ChildOutcome) -> dict:
    """A ChildOutcome as JSON (its `data` paths already turned into store references by the caller)."""
    return {"ok": out.ok, "data": out.data, "error": out.error.to_dict() if out.error else None,
            "output": out.output[-4000:], "seconds": out.seconds, "worker": out.worker, "notice": out.notice}


def outcome_from_wire(wire: dict) -> ChildOutcome:
    err = wire.get("error")
    return ChildOutcome(bool(wire.get("ok")), dict(wire.get("data") or {}), ErrorInfo(**err) if err else None,
                        wire.get("output", ""), float(wire.get("seconds", 0.0)), wire.get("worker"),
                        wire.get("notice", ""))


def failed(kind: str, message: str, worker: str | None = None, notice: str = "") -> ChildOutcome:
    return ChildOutcome(False, {}, ErrorInfo(kind, message), "", 0.0, worker, notice)


class TaskHandle(ABC):
    """A submitted task."""

    @abstractmethod
    def events(self, poll_s: float = 0.1) -> Iterator[ProgressEvent]:
        """Progress events until the task ends (then the iterator stops)."""

    @abstractmethod
    def cancel(self) -> None:
        """Stop the task: a queued one never starts; a running one has its whole process group killed."""

    @abstractmethod
    def result(self) -> ChildOutcome:
        """The outcome (call after `events` ended, or to wait for it)."""


class Executor(ABC):
    """Where sandboxed tasks run."""

    name: str = ""

    @abstractmethod
    def submit(self, task: SandboxTask) -> TaskHandle:
        """Queue `task`; never blocks on the task itself."""

    def close(self) -> None:  # noqa: B027 - optional: only executors with connections override it
        """Release connections (tests and benches build several executors)."""


def run(executor: Executor, task: SandboxTask, on_progress: ProgressFn | None = None,
        cancel: threading.Event | None = None) -> ChildOutcome:
    """Submit `task`, pass its progress to `on_progress`, cancel it when `cancel` is set, return its outcome."""
    t0 = time.monotonic()
    handle = executor.submit(task)
    for ev in handle.events():
        if cancel is not None and cancel.is_set():
            handle.cancel()
            break
        if on_progress is not None and ev.total >= 0:
            _report(on_progress, ev)
    out = handle.result()
    if cancel is not None and cancel.is_set() and not out.ok:
        out.error = ErrorInfo("cancelled", "stopped by the user")
    out.seconds = out.seconds or time.monotonic() - t0
    return out


def _report(on_progress: ProgressFn, ev: ProgressEvent) -> None:
    if ev.worker is None:
        on_progress(ev.index, ev.total, ev.fraction)
    else:
        on_progress(ev.index, ev.total, ev.fraction, ev.worker)
