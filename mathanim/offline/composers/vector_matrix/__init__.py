"""The `vector_matrix` composer: vectors, spans and bases, matrices as maps of the plane, products, eigenvalues,
linear systems and fields (see catalogue/README.md for each kind's settings). The request's vectors and matrix
replace the entry's; kinds a concept family already animates go to that family."""

from __future__ import annotations

from ...base import Lesson
from ..base import Ask, composer
from ..geometry.kit import run
from ..geometry.specialists import specialist
from . import fields, maps, spans, systems, vectors

BUILDERS = {
    "vectors": vectors.vectors,
    "span": spans.span,
    "orthogonalize": spans.gram_schmidt,
    "basis": spans.change_of_basis,
    "linear_map": maps.linear_map,
    "eigen": maps.powers,
    "matrix_product": maps.transpose,
    "system": systems.system,
    "row_reduction": systems.row_reduction,
    "gradient_field": fields.gradient_field,
    "vector_field": fields.vector_field,
}
FAMILIES = {  # (kind, operation or show) → the family that animates it, and the setting it takes
    ("vectors", "add"): ("vector_addition", "vectors"),
    ("vectors", "projection"): ("dot_product", "vectors"),
    ("linear_map", "grid"): ("linear_transformation", "matrix"),
    ("linear_map", "unit_square_area"): ("determinant", "matrix"),
    ("eigen", "vectors_that_stay_on_their_line"): ("eigenvectors", "matrix"),
    ("matrix_product", None): ("matrix_multiplication", "matrices"),
}


def _specialist(ask: Ask, kind: str) -> Lesson | None:
    s = ask.settings
    key = (kind, s.get("operation") if kind == "vectors" and s.get("operation") == "add" else s.get("show"))
    if key not in FAMILIES:
        return None
    family, setting = FAMILIES[key]
    return specialist(ask, family, **{setting: s.get(setting)})


@composer("vector_matrix")
def vector_matrix(ask: Ask) -> Lesson:
    """The entry's kind with the request's vectors or matrices."""
    return run(ask, ask.settings["kind"], BUILDERS, _specialist)
