"""Render executors: every sandboxed execution (fast check, layout probe, full render, conversion) is a
task submitted to one. `get_executor(settings)` picks the local pool, or Celery workers when
MATHANIM_RENDER_BROKER is set (see base.py for the interface)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from ..config import Settings
from .base import Executor, ProgressEvent, ProgressFn, SandboxTask, TaskHandle, run
from .local import LocalExecutor
from .store import ArtifactStore

__all__ = ["ArtifactStore", "Executor", "ProgressEvent", "ProgressFn", "SandboxTask", "TaskHandle",
           "get_executor", "run"]

_LOCK = threading.Lock()
_POOLS: dict[int, ThreadPoolExecutor] = {}
_REMOTE: dict[tuple, Executor] = {}


def local_pool(concurrency: int) -> ThreadPoolExecutor:
    """The process-wide thread pool of the local executor (one per concurrency, shared by every store)."""
    with _LOCK:
        if concurrency not in _POOLS:
            _POOLS[concurrency] = ThreadPoolExecutor(max(1, concurrency), thread_name_prefix="render")
        return _POOLS[concurrency]


def get_executor(settings: Settings) -> Executor:
    """The executor for these settings: Celery when a broker is set, else the local pool."""
    store = ArtifactStore(settings.media_dir)
    local = LocalExecutor(store, local_pool(settings.render_concurrency))
    if not settings.render_broker:
        return local
    key = (settings.render_broker, str(store.root), settings.render_fallback, settings.broker_visibility)
    with _LOCK:
        if key not in _REMOTE:
            from .remote import CeleryExecutor  # Celery is imported only where a broker is configured

            fallback = local if settings.render_fallback == "local" else None
            _REMOTE[key] = CeleryExecutor(store, settings.render_broker, settings.broker_visibility, fallback)
        return _REMOTE[key]
