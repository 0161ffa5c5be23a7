"""The Result of one generation or render: exactly the CLI's JSON keys, shared by CLI, UI and history."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

ERROR_KINDS = (
    "syntax",  # the scene does not parse
    "refused",  # the security check refused it
    "latex",  # a Tex/MathTex string failed to compile
    "runtime",  # an exception while building the scene
    "timeout",  # wall-clock or CPU limit
    "resources",  # memory or file-size limit, output flood
    "no_scene",  # no Scene subclass, or several and none named
    "backend",  # the model backend failed (network, key, garbage)
    "cancelled",  # the user pressed Stop
    "usage",  # bad input from the user (empty concept, unknown preset)
    "layout",  # layout defects reported to a model as an error
    "broker",  # the render broker (MATHANIM_RENDER_BROKER) could not be reached
    "internal",  # our own bug: should never happen
)


@dataclass
class ErrorInfo:
    """A typed error, short enough to show a person and to hand to a model."""

    kind: str
    message: str
    line: int | None = None
    detail: str = ""  # e.g. the LaTeX log excerpt or the offending source line
    tex: str = ""  # the offending TeX string for latex errors
    hint: str = ""  # from manim's real API: the signature called, the closest existing names (api_hints.py)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in ("", None) or k in ("kind", "message", "line")}

    def for_model(self, code: str = "") -> str:
        """A compact description of the error for a repair prompt."""
        parts = [f"Error kind: {self.kind}", f"Message: {self.message}"]
        if self.line:
            parts.append(f"Scene line {self.line}: {source_line(code, self.line)}")
        if self.tex:
            parts.append(f"Offending TeX: {self.tex}")
        if self.detail:
            parts.append(f"Details:\n{self.detail}")
        if self.hint:
            parts.append(f"Hint from the installed manim's API: {self.hint}")
        return "\n".join(parts)


def source_line(code: str, line: int | None) -> str:
    """The stripped text of 1-based `line` in `code`, or '' if out of range."""
    lines = code.splitlines()
    if line and 1 <= line <= len(lines):
        return lines[line - 1].strip()
    return ""


@dataclass
class Result:
    """Everything one request produced. Paths are strings so the object is JSON-ready."""

    status: str = "error"  # "ok" or "error"
    backend: str = ""
    concept: str = ""
    quality: str = "low"
    formats: list[str] = field(default_factory=lambda: ["mp4"])
    attempts: int = 0
    video: str | None = None  # the first requested format
    videos: dict[str, str] = field(default_factory=dict)  # format -> path
    poster: str | None = None
    preview: str | None = None  # the fast check's last frame, shown while the full render runs
    code: str | None = None  # path of the .py
    notes_md: str | None = None
    notes_tex: str | None = None
    notes_pdf: str | None = None
    reasoning: str | None = None  # path of a text file with the streamed reasoning
    fixes: list[str] = field(default_factory=list)
    tokens: dict[str, int] = field(default_factory=lambda: {"prompt": 0, "completion": 0})
    layout: dict[str, Any] | None = None
    topic: str | None = None  # offline: the catalogue entry or family animated; None when nothing fits
    recognised: bool | None = None  # offline: whether the request is in the catalogue; None for model backends
    suggestions: list[str] = field(default_factory=list)  # offline, not recognised: the nearest topics
    candidates: list[dict[str, Any]] = field(default_factory=list)
    rounds: list[dict[str, Any]] = field(default_factory=list)  # per attempt: error, seconds, tokens
    seconds: dict[str, float] = field(default_factory=dict)  # per stage, plus "total"
    cached: bool = False
    worker: str | None = None  # the render worker that rendered the video; None: the local pool
    background: dict[str, Any] | None = None  # kind, source, seed, texts, dimmed, contrast_before/after; None: plain
    out_dir: str | None = None
    error: dict[str, Any] | None = None
    # lessons (--lesson): each scene's status ("done" | "failed"), attempts, video and seconds; the narration
    # track; the subtitle files by format ("srt", "vtt"); the storyboard as edited text
    scenes: list[dict[str, Any]] = field(default_factory=list)
    audio: str | None = None
    subtitles: dict[str, str] = field(default_factory=dict)
    storyboard: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @property
    def ok(self) -> bool:
        return self.status == "ok"
