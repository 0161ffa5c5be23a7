"""The contract between the offline engine and its concept families.

A Family turns extracted Params into a Lesson: a Manim CE scene (source code), study notes in Markdown with
LaTeX, the reasoning lines streamed to the user, and the computed values (all from sympy) that tests compare
with sympy. Families register themselves with @register; `families()` returns them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sympy as sp


@dataclass
class Params:
    """What was understood from the user's text. Every field may be missing; families pick sane defaults."""

    concept: str  # the text as typed
    expr: sp.Expr | None = None  # main function/formula, in the symbol x (or x, y for surfaces)
    expr_text: str = ""  # the formula as it was found in the text
    equation: sp.Eq | None = None  # e.g. an ODE dy/dt = k y, or a = b
    matrix: list[list[float]] | None = None
    matrices: list[list[list[float]]] = field(default_factory=list)  # several, e.g. for products
    vectors: list[list[float]] = field(default_factory=list)
    numbers: dict[str, float] = field(default_factory=dict)  # named numbers: n=10, p=0.3, k=0.5
    bounds: tuple[float, float] | None = None  # integration interval, plot range
    point: float | None = None  # a = 1 for a derivative/limit point
    language: str = "en"  # "en" or "zh": the language of titles and notes
    notes: list[str] = field(default_factory=list)  # what was and was not recognised


@dataclass
class Lesson:
    """Everything a family produced for one request."""

    family: str
    title: str
    scene_name: str
    code: str
    notes_md: str
    reasoning: list[str]  # recognised, computed values, storyboard shot by shot
    values: dict[str, Any] = field(default_factory=dict)  # computed values, as sympy objects or numbers


class Family:
    """Base class of a concept family. Subclasses set the class attributes and implement build()."""

    key: str = ""  # e.g. "derivative"
    title_en: str = ""
    title_zh: str = ""
    description: str = ""  # one or two sentences in English, used for embedding similarity
    aliases: tuple[str, ...] = ()  # English and Chinese phrases that identify the family

    def build(self, params: Params) -> Lesson:
        raise NotImplementedError

    def draws(self, params: Params) -> bool:
        """Whether this family draws the request; when not, its catalogue entry's composer does (a plane family
        given vectors in space)."""
        return True

    def title(self, params: Params) -> str:
        return self.title_zh if params.language == "zh" and self.title_zh else self.title_en


_REGISTRY: dict[str, Family] = {}


def register(cls: type[Family]) -> type[Family]:
    """Class decorator: add one instance of `cls` to the registry under cls.key."""
    if not cls.key or cls.key in _REGISTRY:
        raise ValueError(f"family key missing or duplicated: {cls.key!r}")
    _REGISTRY[cls.key] = cls()
    return cls


def families() -> dict[str, Family]:
    """All registered families, importing the family modules on first use."""
    from . import families as _pkg  # noqa: F401  (importing registers them)

    return dict(_REGISTRY)
