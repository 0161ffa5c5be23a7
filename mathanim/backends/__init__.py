"""Backends: generators of typed events, registered in one table (REGISTRY) that the CLI choices, the UI's
backend radio and its hints are built from. Adding a backend: its module, plus one row here."""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlparse

from ..config import Settings
from .base import Backend, BackendError, Request


@dataclass(frozen=True)
class BackendSpec:
    """One backend as the app offers it."""

    name: str
    label: str
    key_var: str | None  # the setting that holds its key, if it needs one
    trusted: bool  # its code runs without the model-oriented checks (it is still sandboxed)
    build: Callable[..., Backend]  # (settings, **overrides: base_url, model) -> Backend
    unavailable: Callable[[Settings], str]  # '' when it can be used, else why not (shown as a hint)


def reachable(base_url: str, timeout: float = 0.3) -> bool:
    """Whether something accepts TCP connections at the host and port of `base_url`."""
    url = urlparse(base_url)
    try:
        with socket.create_connection((url.hostname or "127.0.0.1", url.port or 80), timeout=timeout):
            return True
    except OSError:
        return False


def _deepseek_off(settings: Settings) -> str:
    return "" if settings.deepseek_api_key else "DeepSeek is off: set DEEPSEEK_API_KEY in .env"


def _local_off(settings: Settings) -> str:
    """'' when LOCAL_BASE_URL was set explicitly or the default address accepts connections."""
    if settings.local_base_url != Settings().local_base_url or reachable(settings.local_base_url):
        return ""
    return (f"Local is off: no model server answers at {settings.local_base_url} "
            "(start one with `make serve-local` or set LOCAL_BASE_URL)")


# The builders import their module on first use, not here: the offline engine loads sympy and an embedding
# model, the model backends the openai client; the page must not wait for either to show up.
def _offline(settings: Settings, **_) -> Backend:
    from ..offline.engine import OfflineBackend

    return OfflineBackend(settings)


def _openai_compat(name: str) -> Callable[..., Backend]:
    def build(settings: Settings, **overrides) -> Backend:
        from .openai_compat import OpenAICompatBackend

        return OpenAICompatBackend.from_profile(name, settings, **overrides)

    return build


REGISTRY: dict[str, BackendSpec] = {
    s.name: s
    for s in (
        BackendSpec("offline", "Offline (no network)", None, True, _offline, lambda settings: ""),
        BackendSpec("deepseek", "DeepSeek", "DEEPSEEK_API_KEY", False, _openai_compat("deepseek"), _deepseek_off),
        BackendSpec("local", "Local model", "LOCAL_API_KEY", False, _openai_compat("local"), _local_off),
    )
}
BACKENDS = tuple(REGISTRY)


def get_backend(name: str, settings: Settings, **overrides) -> Backend:
    """Build the backend called `name` (see REGISTRY); overrides: base_url, model."""
    if name not in REGISTRY:
        raise ValueError(f"unknown backend {name!r}; choose one of: {', '.join(BACKENDS)}")
    return REGISTRY[name].build(settings, **overrides)


def availability(settings: Settings) -> dict[str, str]:
    """name -> '' when the backend can be used, else the reason it cannot."""
    return {name: spec.unavailable(settings) for name, spec in REGISTRY.items()}


__all__ = ["BACKENDS", "REGISTRY", "Backend", "BackendError", "BackendSpec", "Request", "availability",
           "get_backend", "reachable"]
