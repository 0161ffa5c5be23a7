"""The one protocol every backend follows: `stream(request)` yields typed events."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from ..events import Event
from ..result import ErrorInfo


@dataclass(frozen=True)
class Request:
    """What a backend is asked for. A repair request carries the previous code and its typed error."""

    concept: str
    quality: str = "low"
    attempt: int = 1
    previous_code: str | None = None
    error: ErrorInfo | None = None
    history: tuple[dict, ...] = field(default_factory=tuple)  # earlier chat messages, for model backends
    prompt: str = ""  # a ready first user turn in place of prompts/user.md (a lesson's storyboard or scene)
    system: str = ""  # a ready system prompt in place of prompts/system.md (a lesson's storyboard)
    layout_plan: str = ""  # a layout plan's JSON (mathanim/plan) the first user turn asks the scene to follow

    @property
    def is_repair(self) -> bool:
        return self.previous_code is not None and self.error is not None


class BackendError(Exception):
    """A backend failure with a message fit for a person (never contains a key)."""

    def __init__(self, message: str, kind: str = "backend"):
        super().__init__(message)
        self.kind = kind


class Backend(Protocol):
    name: str
    trusted: bool  # True: the code comes from our own templates (offline engine); False: a model wrote it

    def warm_up(self) -> None:
        """Load what the first request would otherwise wait for (models, imports); may do nothing."""
        ...

    def stream(self, request: Request) -> Iterator[Event]:
        """Yield Reasoning deltas, Code/Notes snapshots (a final=True one at the end) and Usage.

        Failures are raised as BackendError (after any partial output was yielded).
        """
        ...
