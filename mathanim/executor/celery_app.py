"""The Celery app of the render workers and their one task. `make worker` runs
`celery -A mathanim.executor.celery_app worker` with this module's `app`, configured from the environment
(MATHANIM_RENDER_BROKER, MATHANIM_MEDIA_DIR for the artifact store, MATHANIM_BROKER_VISIBILITY).

Delivery: late acknowledgement and reject-on-worker-lost, so a job whose worker dies is delivered again
(a killed pool process: at once; a killed worker: after the broker's visibility timeout), with a Redis
counter capping attempts at MAX_ATTEMPTS so a scene that kills workers fails cleanly instead of looping.
"""

from __future__ import annotations

import functools
import os
import signal
import threading
import time

from celery import Celery

from ..config import Settings
from .base import SandboxTask, failed, outcome_to_wire
from .store import ArtifactStore
from .work import execute

QUEUE = "render"
TASK = "mathanim.sandbox"
MAX_ATTEMPTS = 2
ATTEMPTS_KEY = "mathanim:attempts:{}"
CANCEL_KEY = "mathanim:cancel:{}"
KEY_TTL_S = 24 * 3600
PROGRESS_EVERY_S = 0.2
LOCAL_ONLY = ("audit_hook", "check_tex")  # the tests' switches that take one wall away: never from the broker


def mutex_expire(visibility_s: int) -> int:
    """Seconds a dead worker's sweep lock outlives it: a sweep takes milliseconds (two sweepers at once restore
    nothing twice: kombu restores each job in a transaction on it)."""
    return max(2, min(10, visibility_s // 2))


def make_app(broker: str, visibility_s: int) -> Celery:
    """A Celery app on `broker` (Redis: broker and result backend). `visibility_s` must exceed the longest
    render: an unacknowledged job older than that is handed to another worker."""
    app = Celery("mathanim", broker=broker, backend=broker)
    transport = {"visibility_timeout": visibility_s, "socket_connect_timeout": 3,
                 # sweep for jobs of dead workers every few seconds (kombu's default sweeps about every 100 s)
                 "unacked_restore_interval": max(1, min(10, visibility_s // 10)), "unacked_restore_throttle": 1,
                 # the sweep's lock: a worker killed while it holds the lock (kombu's default: 300 s) stops every
                 # other worker's sweep, and with it the redelivery of the dead worker's job, for that long
                 "unacked_mutex_expire": mutex_expire(visibility_s)}
    app.conf.update(
        task_acks_late=True, task_reject_on_worker_lost=True, worker_prefetch_multiplier=1,
        task_default_queue=QUEUE, task_serializer="json", result_serializer="json", accept_content=["json"],
        result_expires=KEY_TTL_S, broker_transport_options=transport,
        result_backend_transport_options={"socket_connect_timeout": 3}, redis_socket_connect_timeout=3,
        broker_connection_timeout=3, broker_connection_retry_on_startup=True, worker_hijack_root_logger=False,
        task_track_started=True,
    )
    app.task(name=TASK, bind=True, acks_late=True, reject_on_worker_lost=True)(run_sandbox)
    return app


@functools.lru_cache(maxsize=1)
def _settings() -> Settings:
    return Settings.load()


def _store() -> ArtifactStore:
    return ArtifactStore(_settings().media_dir, absolute_ok=False)


def _task_of(wire: dict) -> SandboxTask:
    """The task as this worker runs it: without the tests' wall switches, within this worker's time ceiling."""
    task = SandboxTask.from_wire(wire)
    task.spec = {k: v for k, v in task.spec.items() if k not in LOCAL_ONLY}
    ceiling = float(_settings().render_ceiling_s)
    task.limits["wall_s"] = min(float(task.limits.get("wall_s") or ceiling), ceiling)
    task.limits["cpu_s"] = min(int(task.limits.get("cpu_s") or 0), int(ceiling * 2) + 5)  # 0: the runner's default
    return task


class _Reporter:
    """Progress from the sandbox child to the result backend, at most every PROGRESS_EVERY_S."""

    def __init__(self, task, worker: str):
        self.task, self.worker, self.last = task, worker, 0.0

    def __call__(self, i: int, n: int, f: float, force: bool = False) -> None:
        now = time.monotonic()
        if force or f >= 1.0 or now - self.last >= PROGRESS_EVERY_S:
            self.last = now
            self.task.update_state(state="PROGRESS", meta={"i": i, "n": n, "f": f, "worker": self.worker})


def _attempt(task) -> int:
    """Count this delivery of the job (a Redis counter shared by every worker)."""
    client = task.app.backend.client
    key = ATTEMPTS_KEY.format(task.request.id)
    n = client.incr(key)
    client.expire(key, KEY_TTL_S)
    return int(n)


def _sigterm_cancels(cancel: threading.Event):
    """revoke(terminate=True) signals this pool process only: turn SIGTERM into the child's cancel switch, so
    run_child kills the render's whole process group and returns."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, lambda *_: cancel.set())


def run_sandbox(self, wire: dict) -> dict:
    """The worker's task: one sandboxed execution (see work.execute); returns the outcome as JSON."""
    worker = self.request.hostname
    if self.app.backend.client.exists(CANCEL_KEY.format(self.request.id)):  # stopped before a worker saw it
        return outcome_to_wire(failed("cancelled", "stopped by the user", worker))
    if _attempt(self) > MAX_ATTEMPTS:
        msg = f"the render's worker died {MAX_ATTEMPTS} times while running this scene; it is not tried again"
        return outcome_to_wire(failed("resources", msg, worker))
    cancel = threading.Event()
    previous = _sigterm_cancels(cancel)
    report = _Reporter(self, worker)
    try:
        report(0, 0, 0.0, force=True)  # which worker took the job, before the child's first frame
        out = execute(_task_of(wire), _store(), report, cancel)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    if cancel.is_set():  # revoked with terminate: the render's group is dead; now end as billiard expects
        os._exit(128 + signal.SIGTERM)  # (a pool process that lived on would count its next crash as a revoke)
    out.worker = worker
    return outcome_to_wire(out)


def _from_environment() -> Celery:
    s = Settings.load()
    return make_app(s.render_broker or "redis://127.0.0.1:6379/0", s.broker_visibility)


app = _from_environment()
