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
def _family_of(kind: str, s: dict) -> tuple[str, str] | None:
    """The concept family that animates this kind (and the setting it takes), if one does."""
    show, op = s.get("show"), s.get("operation")
    if kind == "vectors" and (op == "add" or op == "dot" and show == "projection"):
        return ("vector_addition" if op == "add" else "dot_product"), "vectors"
    if kind == "linear_map" and show in (None, "grid", "unit_square_area"):
        return ("determinant" if show == "unit_square_area" else "linear_transformation"), "matrix"
    if kind == "eigen" and show != "powers":
        return "eigenvectors", "matrix"
    if kind == "matrix_product" and show != "transpose":
        return "matrix_multiplication", "matrices"
    return None


def _specialist(ask: Ask, kind: str) -> Lesson | None:
    s = ask.settings
    found = _family_of(kind, s)
    if found is None:
        return None
    family, setting = found
    return specialist(ask, family, **{setting: s.get(setting)})


@composer("vector_matrix")
def vector_matrix(ask: Ask) -> Lesson:
    """The entry's kind with the request's vectors or matrices."""
    return run(ask, ask.settings["kind"], BUILDERS, _specialist)
