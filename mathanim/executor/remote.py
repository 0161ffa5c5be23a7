"""The Celery executor: tasks go through the Redis broker to `make worker` processes (celery_app.py).

Progress comes back as the task's PROGRESS state in the result backend; Stop revokes the task with SIGTERM
(which the task turns into killing the render's process group) and marks it cancelled for a worker that has
not seen it yet. A broker that cannot be reached gives a typed "broker" error naming its URL within
seconds, or, with MATHANIM_RENDER_FALLBACK=local, the local pool runs the task and the outcome says so.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

import redis
from celery import states
from kombu.exceptions import OperationalError
from kombu.utils.url import maybe_sanitize_url

from ..sandbox.runner import ChildOutcome
from .base import Executor, ProgressEvent, SandboxTask, TaskHandle, failed, outcome_from_wire
from .celery_app import CANCEL_KEY, KEY_TTL_S, QUEUE, TASK, make_app
from .store import ArtifactStore
from .work import localize

log = logging.getLogger(__name__)
BROKER_ERRORS = (OperationalError, redis.RedisError, OSError)
QUEUED_POLL_S = 0.4


class CeleryHandle(TaskHandle):
    """A task sent to the workers."""

    no_worker_check_s = 10.0  # a task still queued after this long: is any worker connected at all?

    def __init__(self, executor: CeleryExecutor, task: SandboxTask, async_result):
        self.ex, self.task, self.res = executor, task, async_result
        self.outcome: ChildOutcome | None = None
        self.last_meta: dict | None = None
        self.sent, self.asked = time.monotonic(), False

    def events(self, poll_s: float = 0.1) -> Iterator[ProgressEvent]:
        while self.outcome is None:
            try:  # one read of the result backend per poll: the state and its progress or result
                meta = self.ex.app.backend.get_task_meta(self.res.id)
            except BROKER_ERRORS as e:
                self.outcome = failed("broker", f"lost the render broker at {self.ex.url} during the task: {e}")
                return
            state, info = meta.get("status"), meta.get("result")
            if state == "PROGRESS" and isinstance(info, dict) and info != self.last_meta:
                self.last_meta = info
                yield ProgressEvent(int(info["i"]), int(info["n"]), float(info["f"]), info.get("worker"))
            elif state in states.READY_STATES:
                self.outcome = self._finished(state, info)
                yield from self._last_progress()
                return
            elif state == "PENDING" and self._no_worker():
                return
            else:
                yield ProgressEvent(0, -1, 0.0)  # a tick: the consumer may cancel now
                # a queued task is read less often: sixteen waiting requests should not keep the app busy
                time.sleep(poll_s if state != "PENDING" else max(poll_s, QUEUED_POLL_S))

    def _no_worker(self) -> bool:
        """Once, after a while in the queue: with no worker connected, end the task with a clear error instead
        of waiting forever (a queue that is only busy keeps waiting: Stop ends that)."""
        if self.asked or time.monotonic() - self.sent < self.no_worker_check_s:
            return False
        self.asked = True
        try:
            if self.ex.app.control.ping(timeout=1.0, limit=1):  # the first reply is enough
                return False
        except BROKER_ERRORS:
            pass
        self.cancel()
        self.outcome = failed("broker", f"no render worker is connected to the broker at {self.ex.url}; "
                                        "start one with `make worker` (README, Render workers)")
        return True

    def _last_progress(self) -> Iterator[ProgressEvent]:
        """The end of a successful task at 1.0: its last PROGRESS state may have been overwritten by the result
        before a poll saw it."""
        last = self.last_meta or {}
        if self.outcome.ok and last and float(last.get("f", 0)) < 1.0:
            yield ProgressEvent(int(last["i"]), int(last["n"]), 1.0, last.get("worker"))

    def _finished(self, state: str, info) -> ChildOutcome:
        worker = (self.last_meta or {}).get("worker")
        if state == "SUCCESS" and isinstance(info, dict):
            out = localize(outcome_from_wire(info), self.ex.store, self.task)
        elif state == "REVOKED":
            out = failed("cancelled", "stopped by the user", worker)
        else:
            out = failed("internal", f"the render task ended in state {state}: {info!r}"[:400], worker)
        self._forget()
        return out

    def _forget(self) -> None:
        try:
            self.res.forget()
        except BROKER_ERRORS:
            pass

    def cancel(self) -> None:
        try:
            self.ex.redis.set(CANCEL_KEY.format(self.res.id), 1, ex=KEY_TTL_S)
            self.ex.app.control.revoke(self.res.id, terminate=True, signal="SIGTERM")
        except BROKER_ERRORS as e:
            log.warning("could not revoke render task %s: %s", self.res.id, e)
        worker = (self.last_meta or {}).get("worker")
        self.outcome = failed("cancelled", "stopped by the user", worker)

    def result(self) -> ChildOutcome:
        for _ in self.events():
            pass
        return self.outcome


class DoneHandle(TaskHandle):
    """A task that ended before it was sent (the broker is down)."""

    def __init__(self, outcome: ChildOutcome):
        self.outcome = outcome

    def events(self, poll_s: float = 0.1) -> Iterator[ProgressEvent]:
        return iter(())

    def cancel(self) -> None:
        pass

    def result(self) -> ChildOutcome:
        return self.outcome


class NoticeHandle(TaskHandle):
    """A task of the fallback executor, whose outcome carries why it did not run on the workers."""

    def __init__(self, inner: TaskHandle, notice: str):
        self.inner, self.notice = inner, notice

    def events(self, poll_s: float = 0.1) -> Iterator[ProgressEvent]:
        return self.inner.events(poll_s)

    def cancel(self) -> None:
        self.inner.cancel()

    def result(self) -> ChildOutcome:
        out = self.inner.result()
        out.notice = self.notice
        return out


class CeleryExecutor(Executor):
    """Sends tasks to the render workers through the broker at `broker`."""

    name = "celery"

    def __init__(self, store: ArtifactStore, broker: str, visibility_s: int, fallback: Executor | None = None):
        self.store, self.fallback = store, fallback
        self.url = maybe_sanitize_url(broker)  # never print a password
        self.app = make_app(broker, visibility_s)
        self.redis = redis.Redis.from_url(broker, socket_connect_timeout=2, socket_timeout=5)

    def submit(self, task: SandboxTask) -> TaskHandle:
        try:
            self.redis.ping()  # a dead broker answers in seconds here, not after Celery's retries
            res = self.app.send_task(TASK, args=[task.to_wire()], queue=QUEUE, retry=False)
        except BROKER_ERRORS as e:
            return self._unreachable(task, e)
        return CeleryHandle(self, task, res)

    def _unreachable(self, task: SandboxTask, e: Exception) -> TaskHandle:
        why = f"the render broker at {self.url} is unreachable ({type(e).__name__}: {str(e)[:160]})"
        if self.fallback is None:
            return DoneHandle(failed("broker", f"{why}; start Redis and `make worker`, or set "
                                               "MATHANIM_RENDER_FALLBACK=local to render here"))
        log.warning("%s; rendering on the local pool (MATHANIM_RENDER_FALLBACK=local)", why)
        return NoticeHandle(self.fallback.submit(task), f"{why}: rendered on the local pool instead")

    def close(self) -> None:
        self.redis.close()
        self.app.close()
