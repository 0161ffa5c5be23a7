"""What the offline engine can be asked about: the 32 specialist families and the catalogue's entries, as one
list of topics for the classifier.

A catalogue entry that a family covers (SPECIALISTS) is not a topic of its own: its names and aliases join the
family's, and the family (the richer specialist) builds the scene. Every other entry is a topic whose scene
comes from its composer.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .base import families
from .catalogue import Entry, by_id, load
from .params import CJK

# catalogue id -> the family that animates it
SPECIALISTS = {
    "derivative": "derivative", "definite_integral": "integral", "limit": "limit", "taylor_series": "taylor",
    "chain_rule": "chain_rule", "fourier_series": "fourier_series", "geometric_series": "geometric_series",
    "harmonic_series": "harmonic_series", "exponential_growth_decay": "exponential_growth",
    "slope_field": "slope_field", "pythagorean_theorem": "pythagorean", "unit_circle": "unit_circle",
    "circle_area_circumference": "circle_area", "eulers_formula": "euler_formula",
    "vector_addition": "vector_addition", "dot_product": "dot_product",
    "linear_transformation": "linear_transformation", "determinant": "determinant", "eigenvectors": "eigenvectors",
    "matrix_multiplication": "matrix_multiplication", "complex_multiplication": "complex_multiplication",
    "binomial_distribution": "binomial", "normal_distribution": "normal_distribution",
    "central_limit_theorem": "central_limit", "bayes_theorem": "bayes", "simple_harmonic_motion": "simple_harmonic",
    "projectile_motion": "projectile", "gradient": "gradient_surface", "sieve_of_eratosthenes": "sieve",
    "binary_search": "binary_search", "stable_matching": "stable_matching",
}
TWINS = {family: entry for entry, family in SPECIALISTS.items()}


@dataclass(frozen=True)
class Topic:
    """One thing the classifier can choose: a family (kind "family") or a catalogue entry (kind "entry")."""

    key: str
    kind: str
    title_en: str
    title_zh: str
    description: str
    aliases: tuple[str, ...]
    texts: tuple[str, ...] = ()  # English sentences about it: description, definition, intuition, worked example
    formulas: tuple[str, ...] = ()  # its key formulas in LaTeX
    situations_zh: tuple[str, ...] = ()  # Chinese descriptions of where it is met (evidence words, not names)

    @property
    def catalogue_id(self) -> str | None:
        """The catalogue entry this topic stands for (a family's twin), or None."""
        return self.key if self.kind == "entry" else TWINS.get(self.key)

    @property
    def english_phrases(self) -> list[str]:
        """What the sentence model compares a request with: the English title, the longer English aliases and the
        sentences, without repeats."""
        mine = [self.title_en, *(a for a in self.aliases if not CJK.search(a) and len(a) > 3), *self.texts]
        return list(dict.fromkeys(mine))

    @property
    def entry(self) -> Entry | None:
        return by_id(self.catalogue_id) if self.catalogue_id else None


def _names(e: Entry) -> tuple[str, ...]:
    return (e.name, *e.aliases, e.name_zh, *e.aliases_zh)


def _texts(e: Entry) -> tuple[str, ...]:
    """An entry's English sentences: definition, intuition, worked example, what its variables mean, and the
    situations where it is met (a request often describes one instead of naming the concept)."""
    meanings = ", ".join(dict.fromkeys(v.meaning for v in e.variables))
    return e.definition, e.intuition, e.example.statement, *((meanings,) if meanings else ()), *e.situations


def _family_topic(key, fam, twin: Entry | None, taken: frozenset[str]) -> Topic:
    """A family with its twin's names; an alias that names another catalogue entry is left to that entry."""
    own = [a for a in fam.aliases if a.lower() not in taken]
    aliases = (*own, *(_names(twin) if twin else ()))
    description = fam.description + (f" {twin.definition}" if twin else "")
    return Topic(key, "family", fam.title_en, fam.title_zh, description, tuple(dict.fromkeys(aliases)),
                 (fam.description, *(_texts(twin) if twin else ())),
                 tuple(f.latex for f in twin.formulas) if twin else (), twin.situations_zh if twin else ())


def _entry_topic(e: Entry) -> Topic:
    return Topic(e.id, "entry", e.name, e.name_zh, e.definition, tuple(dict.fromkeys(_names(e))), _texts(e),
                 tuple(f.latex for f in e.formulas), e.situations_zh)


@functools.lru_cache(maxsize=1)
def topics() -> dict[str, Topic]:
    """Every topic by key: the families (with their catalogue twins' names) and the other catalogue entries."""
    others = [e for e in load() if e.id not in SPECIALISTS]
    taken = frozenset(n.lower() for e in others for n in _names(e))
    out = {k: _family_topic(k, f, by_id(TWINS[k]) if k in TWINS else None, taken) for k, f in families().items()}
    out.update((e.id, _entry_topic(e)) for e in others)
    return out


def catalogue_key(key: str) -> str:
    """The catalogue id a topic key stands for (a family's twin), else the key itself."""
    return TWINS.get(key, key)
