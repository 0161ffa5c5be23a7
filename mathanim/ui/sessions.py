"""Browser sessions: each has its own output folder (a random name under `media/sessions/`), the cancel switch of
its current job and its last result; with basic auth on, each user also has their own history."""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import gradio as gr


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

    def new_run(self, slug: str, prefix: str = "") -> Path:
        """A new, empty output folder for one job, named by time and `slug`."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        path = self.folder / f"{prefix}{stamp}-{slug}"
        path.mkdir(parents=True)
        return path


class Sessions:
    """The sessions of every browser tab (one Session each, made on first use), and who owns the history."""

    def __init__(self, root: Path, auth: bool = False):
        self.root, self.auth = root, auth
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def get(self, request: gr.Request | None) -> Session:
        """The Session of this browser tab, made on first use with a random folder name."""
        key = getattr(request, "session_hash", None) or "default"
        with self._lock:
            if key not in self._sessions:
                self._sessions[key] = Session(self.root / secrets.token_hex(8))
            return self._sessions[key]

    def owner(self, request: gr.Request | None) -> str | None:
        """The history owner: the signed-in user when basic auth is on, else None (one shared history)."""
        return (getattr(request, "username", None) or "") if self.auth else None
