"""Typed events streamed from a backend and the generation loop to the UI and the CLI.

A backend yields Reasoning (a delta), Code and Notes (snapshots: the whole text so far), Usage, and (the
offline engine) Topic.
The generation loop adds Status, Progress, Preview, Error and Done.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union


@dataclass(frozen=True)
class Reasoning:
    text: str  # a delta: append it to what came before


@dataclass(frozen=True)
class Code:
    text: str  # the whole scene source so far
    final: bool = False


@dataclass(frozen=True)
class Notes:
    text: str  # the whole Markdown notes so far
    final: bool = False


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0


@dataclass(frozen=True)
class Topic:
    """What the offline engine recognised: the catalogue entry or family animated (None when nothing fits),
    and, when nothing fits, the nearest topics to offer instead."""

    key: str | None
    recognised: bool
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Status:
    stage: str  # understand | generate | continue | fix | check | layout | render | convert | done
    message: str = ""
    attempt: int = 1
    of: int = 1


@dataclass(frozen=True)
class Progress:
    fraction: float  # 0..1 of the current render
    label: str = ""
    worker: str | None = None  # the render worker that runs it; None: the local pool


@dataclass(frozen=True)
class Preview:
    path: str  # a PNG of the scene's last frame, from the fast check, before the full render
    seconds: float = 0.0  # from the start of the request


@dataclass(frozen=True)
class Error:
    kind: str
    message: str
    line: int | None = None
    hint: str = ""  # from manim's real API (api_hints.py), for the person or model fixing the code


@dataclass(frozen=True)
class StoryboardUpdate:
    """A lesson's storyboard so far (a model streams it), as the editable text; final=True once validated."""

    text: str
    titles: tuple[str, ...] = ()
    final: bool = False


@dataclass(frozen=True)
class SceneStatus:
    """One lesson scene's state: queued | narrating | writing | rendering | done | failed | retrying."""

    index: int  # 0-based, in storyboard order
    title: str
    state: str
    attempt: int = 0
    of: int = 1
    fraction: float = 0.0  # of the render, while rendering
    message: str = ""


@dataclass(frozen=True)
class Done:
    result: Any = field(repr=False)  # always a mathanim.result.Result


Event = Union[Reasoning, Code, Notes, Usage, Topic, Status, Progress, Preview, Error, StoryboardUpdate, SceneStatus,
              Done]


def fold_text(state: Any, ev: Any) -> bool:
    """Apply a Reasoning delta or a Code/Notes snapshot to `state` (anything with reasoning, code and notes
    attributes); False for every other event."""
    if isinstance(ev, Reasoning):
        state.reasoning += ev.text
    elif isinstance(ev, Code):
        state.code = ev.text
    elif isinstance(ev, Notes):
        state.notes = ev.text
    else:
        return False
    return True
