"""Backends: generators of typed events. `get_backend(name, settings)` builds one by name."""

from __future__ import annotations

from ..config import Settings
from .base import Backend, BackendError, Request

BACKENDS = ("offline", "deepseek", "local")


def get_backend(name: str, settings: Settings, **overrides) -> Backend:
    """Build the backend called `name` (offline | deepseek | local); overrides: base_url, model."""
    if name == "offline":
        from ..offline.engine import OfflineBackend

        return OfflineBackend(settings)
    if name in ("deepseek", "local"):
        from .openai_compat import OpenAICompatBackend

        return OpenAICompatBackend.from_profile(name, settings, **overrides)
    raise ValueError(f"unknown backend {name!r}; choose one of: {', '.join(BACKENDS)}")


__all__ = ["BACKENDS", "Backend", "BackendError", "Request", "get_backend"]
