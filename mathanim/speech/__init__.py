"""Speech: narration spoken offline (Piper, espeak-ng) or by an OpenAI-compatible endpoint, cached per sentence.
`voice_spec` maps the CLI/UI choices to a VoiceSpec; `narrate` speaks a list of sentences into one WAV with cues.
Every engine runs in a subprocess with a time limit (or over HTTP): no speech model is loaded into the app."""

from __future__ import annotations

from .base import Cue, EngineSpec, Narration, SpeechError, VoiceSpec
from .narrate import narrate
from .registry import ENGINES, REGISTRY, engine


def default_engine(language: str) -> str:
    """Piper for English (the bundled neural voice), espeak-ng for every other language."""
    return "piper" if (language or "en").lower().startswith("en") else "espeak"


def voice_spec(narration: str | None, voice: str | None, language: str, settings=None) -> VoiceSpec:
    """The VoiceSpec for the CLI/UI choices, checked now: ValueError for an unknown engine, a missing voice
    file, a language the engine cannot speak or an unusable endpoint configuration."""
    if settings is None:
        from ..config import Settings

        settings = Settings.load()
    name = (narration or default_engine(language)).strip().lower()
    spec = VoiceSpec(name, (voice or "").strip() or None, (language or "en").strip() or "en")
    return engine(name).check(spec, settings)


__all__ = ["ENGINES", "REGISTRY", "Cue", "EngineSpec", "Narration", "SpeechError", "VoiceSpec", "default_engine",
           "engine", "narrate", "voice_spec"]
