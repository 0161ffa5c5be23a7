"""The `geometry` composer: geometric constructions from the catalogue (triangles, circles, the coordinate plane,
curves, conics, transformations, solids), one module per kind of figure; see catalogue/README.md for the
settings of each construction. Variants a concept family already animates go to that family."""

from __future__ import annotations

from ...base import Lesson
from ..base import Ask, composer
from . import circles, curves, dissections, plane, solids, transforms, triangles
from .kit import run
from .specialists import points_as_complex, specialist

BUILDERS = {
    "triangle": triangles.triangle,
    "right_triangle": triangles.right_triangle,
    "circle": circles.circle,
    "circle_theorem": circles.circle_theorem,
    "polygon": circles.polygon,
    "coordinate_plane": plane.coordinate_plane,
    "polar_point": plane.polar_point,
    "complex_plane": plane.complex_modulus,
    "polar_curve": curves.polar_curve,
    "parametric_curve": curves.parametric,
    "conic": curves.conic,
    "transformation": transforms.transformation,
    "reflection_in_line": transforms.reflection_in_line,
    "solid": solids.solid,
    "area_dissection": dissections.area_dissection,
    "am_gm_semicircle": dissections.am_gm,
}


def _specialist(ask: Ask, variant: str) -> Lesson | None:
    """The family lesson for variants a family draws, else None."""
    s = ask.settings
    if variant == "right_triangle" and s.get("show") == "squares_on_sides":
        return specialist(ask, "pythagorean", {"a": s.get("a", 3), "b": s.get("b", 4)})
    if variant == "unit_circle":
        return specialist(ask, "unit_circle", {"deg": s.get("angle_deg", 30)})
    if variant == "circle" and s.get("show") == "unroll_into_triangle":
        return specialist(ask, "circle_area", {"r": s.get("r", 2)})
    if variant == "complex_plane" and s.get("operation") == "multiply":
        return specialist(ask, "complex_multiplication", **points_as_complex(s.get("points", [])))
    if variant == "complex_plane" and s.get("rotating_point"):
        return specialist(ask, "euler_formula", {"deg": s.get("angle_deg", 60)})
    return None


@composer("geometry")
def geometry(ask: Ask) -> Lesson:
    """The entry's construction with the request's numbers."""
    return run(ask, ask.settings["construction"], BUILDERS, _specialist)
