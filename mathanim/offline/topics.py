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

    @property
    def catalogue_id(self) -> str | None:
        """The catalogue entry this topic stands for (a family's twin), or None."""
        return self.key if self.kind == "entry" else TWINS.get(self.key)

    @property
    def entry(self) -> Entry | None:
        return by_id(self.catalogue_id) if self.catalogue_id else None


def _names(e: Entry) -> tuple[str, ...]:
    return (e.name, *e.aliases, e.name_zh, *e.aliases_zh)


def _family_topic(key, fam, twin: Entry | None) -> Topic:
    aliases = (*fam.aliases, *(_names(twin) if twin else ()))
    description = fam.description + (f" {twin.definition}" if twin else "")
    return Topic(key, "family", fam.title_en, fam.title_zh, description, tuple(dict.fromkeys(aliases)))


@functools.lru_cache(maxsize=1)
def topics() -> dict[str, Topic]:
    """Every topic by key: the families (with their catalogue twins' names) and the other catalogue entries."""
    out = {k: _family_topic(k, f, by_id(TWINS[k]) if k in TWINS else None) for k, f in families().items()}
    for e in load():
        if e.id not in SPECIALISTS:
            out[e.id] = Topic(e.id, "entry", e.name, e.name_zh, e.definition, tuple(dict.fromkeys(_names(e))))
    return out


def catalogue_key(key: str) -> str:
    """The catalogue id a topic key stands for (a family's twin), else the key itself."""
    return TWINS.get(key, key)
