"""Composers: parametrised scene builders that animate the catalogue's entries (see base.py for the contract).

Importing this package registers every composer module listed below.
"""

from __future__ import annotations

from . import (
    array_algorithm,  # noqa: F401  (registers the composer)
    circuit_field,  # noqa: F401  (registers the composer)
    derivation,  # noqa: F401  (registers the composer)
    formula_card,  # noqa: F401  (registers the composer)
    geometry,  # noqa: F401  (registers the composer)
    graph_algorithm,  # noqa: F401  (registers the composer)
    motion,  # noqa: F401  (registers the composer)
    number_theory,  # noqa: F401  (registers the composer)
    probability,  # noqa: F401  (registers the composer)
    relation_plot,  # noqa: F401  (registers the composer)
    sequence_sum,  # noqa: F401  (registers the composer)
    vector_matrix,  # noqa: F401  (registers the composer)
    wave_optics,  # noqa: F401  (registers the composer)
)
from .base import COMPOSERS, Ask, Unsupported, compose, compose_card, composer

__all__ = ["COMPOSERS", "Ask", "Unsupported", "compose", "compose_card", "composer"]
