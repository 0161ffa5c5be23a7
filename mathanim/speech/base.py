"""The types every speech engine shares: what to say with which voice, and what came out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


class SpeechError(RuntimeError):
    """An engine failed to speak (it crashed, timed out, or returned no usable audio)."""


@dataclass(frozen=True)
class VoiceSpec:
    """Which engine speaks, with which voice, in which language."""

    engine: str  # "piper" | "espeak" | "openai" | "none"
    voice: str | None = None  # piper: None = bundled en_US-joe-medium, or a .onnx path; espeak/openai: a name
    language: str = "en"  # "en", "zh", ...; espeak picks its voice from it


@dataclass(frozen=True)
class Cue:
    """One subtitle: a stretch of text and when it is heard."""

    start: float  # seconds from the start of this narration
    end: float
    text: str


@dataclass(frozen=True)
class Narration:
    """The spoken narration of one scene: one WAV and a cue per sentence."""

    audio: Path | None  # one WAV for all sentences; None for engine "none"
    seconds: float  # measured length of the audio (for "none": estimated reading time)
    cues: tuple[Cue, ...]  # one per sentence, timed to the audio
    engine: str


@dataclass(frozen=True)
class EngineSpec:
    """One speech engine as the app offers it (each engine module defines its ENGINE row)."""

    name: str
    label: str
    check: Callable[[VoiceSpec, object], VoiceSpec]  # resolves the voice; ValueError when it cannot speak
    identity: Callable[[VoiceSpec, object], str]  # what the cache key depends on besides the text
    # speaks every (text, wav path) item; None for an engine that makes no audio
    synthesize: Callable[[list[tuple[str, Path]], VoiceSpec, object], None] | None
