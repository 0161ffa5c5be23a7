"""The local pool: the embedded default executor. Tasks run in a bounded pool of threads of the app's own
process, each starting its sandbox child; nothing else has to be started."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor

from ..sandbox.runner import ChildOutcome
from .base import Executor, ProgressEvent, SandboxTask, TaskHandle, failed
from .store import ArtifactStore
from .work import execute, localize

_DONE = object()


class LocalHandle(TaskHandle):
    """A task in the local pool: progress through a queue, cancel through the child's cancel switch."""

    def __init__(self):
        self.queue: queue.Queue = queue.Queue()
        self.stop = threading.Event()
        self.future: Future | None = None

    def on_progress(self, i: int, n: int, f: float) -> None:
        self.queue.put(ProgressEvent(i, n, f))

    def events(self, poll_s: float = 0.1) -> Iterator[ProgressEvent]:
        while True:
            try:
                item = self.queue.get(timeout=poll_s)
            except queue.Empty:
                yield ProgressEvent(0, -1, 0.0)  # a tick: the consumer may cancel now
                continue
            if item is _DONE:
                return
            yield item

    def cancel(self) -> None:
        self.stop.set()
        if self.future is not None and self.future.cancel():  # still queued: it never starts
            self.queue.put(_DONE)

    def result(self) -> ChildOutcome:
        if self.future is None or self.future.cancelled():
            return failed("cancelled", "stopped by the user")
        return self.future.result()


class LocalExecutor(Executor):
    """Tasks on a bounded thread pool of this process (settings.render_concurrency at once)."""

    name = "local"

    def __init__(self, store: ArtifactStore, pool: ThreadPoolExecutor):
        self.store, self.pool = store, pool  # the pool is shared by every local executor of the process

    def submit(self, task: SandboxTask) -> TaskHandle:
        handle = LocalHandle()
        handle.future = self.pool.submit(self._work, task, handle)
        return handle

    def _work(self, task: SandboxTask, handle: LocalHandle) -> ChildOutcome:
        try:
            if handle.stop.is_set():
                return failed("cancelled", "stopped by the user")
            return localize(execute(task, self.store, handle.on_progress, handle.stop), self.store, task)
        except Exception as e:  # noqa: BLE001 - a typed error for the caller, never a lost thread
            return failed("internal", f"the local render pool failed: {type(e).__name__}: {e}")
        finally:
            handle.queue.put(_DONE)
