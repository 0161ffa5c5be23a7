"""The speech engines, in one table (REGISTRY) the CLI choices and the UI's voice radio are built from.
Adding an engine: its module (check, identity, synthesize and its ENGINE row), plus its name here."""

from __future__ import annotations

from .base import EngineSpec
from .espeak import ENGINE as ESPEAK
from .openai import ENGINE as OPENAI
from .piper import ENGINE as PIPER
from .silent import ENGINE as SILENT

REGISTRY: dict[str, EngineSpec] = {s.name: s for s in (PIPER, ESPEAK, OPENAI, SILENT)}
ENGINES = tuple(REGISTRY)


def engine(name: str) -> EngineSpec:
    """The engine called `name`; ValueError naming the choices for any other name."""
    if name not in REGISTRY:
        raise ValueError(f"unknown narration engine {name!r}; choose one of: {', '.join(ENGINES)}")
    return REGISTRY[name]
