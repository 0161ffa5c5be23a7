"""The geometry and vector_matrix composers: every catalogue entry that uses them composes a scene that passes the
guard and compiles, whose notes carry the key formula, and which is drawn (not the formula card) for all but a
few; the values shown are sympy's (checked against independent computations); the request's numbers, points,
vectors and matrices drive the scene, and unusable ones are refused with a note; a handful of scenes, one per
scene template, render at low quality or pass the layout checker without a defect."""

from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path
from types import MappingProxyType

import pytest
import sympy as sp
from test_composers_discrete import english_on_screen

from mathanim import render
from mathanim.job import Job
from mathanim.layout import check_layout
from mathanim.offline import catalogue
from mathanim.offline.base import Lesson, Params
from mathanim.offline.composers import COMPOSERS, compose
from mathanim.offline.families.geometry_linear import quick
from mathanim.offline.params import extract

OURS = ("geometry", "vector_matrix")
ENTRIES = [e for e in catalogue.load() if e.composer in OURS]
CARD = "FORMULAS = ["  # a constant only the formula card's scene has


@functools.cache
def lesson(entry_id: str, request: str = "", language: str = "en") -> Lesson:
    """The lesson of a catalogue entry for a request (its name when none), checked for what every lesson needs."""
    e = catalogue.by_id(entry_id)
    p = extract(request) if request else Params(concept=e.name)
    p.language = language
    les = compose(e, p)
    name, err = render.prepare(les.code, None)
    assert err is None, (entry_id, err)
    assert name == les.scene_name
    compile(les.code, f"<{entry_id}>", "exec")
    return les


def value(les: Lesson, key: str):
    return sp.sympify(les.values[key])


def same(a, b) -> bool:
    """Exactly equal, or equal to 1e-9 (for values sympy keeps as floats)."""
    a, b = sp.sympify(a), sp.sympify(b)
    if isinstance(a, sp.MatrixBase) or isinstance(b, sp.MatrixBase):
        return sp.Matrix(a).shape == sp.Matrix(b).shape and all(same(x, y) for x, y in zip(a, b, strict=True))
    return sp.simplify(a - b) == 0 or abs(complex(sp.N(a - b))) < 1e-9


def test_both_composers_are_registered():
    assert all(name in COMPOSERS for name in OURS)
    assert len(ENTRIES) >= 80


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_every_entry_composes_a_valid_scene_with_its_formula_in_the_notes(entry):
    les = lesson(entry.id)
    assert les.family == entry.composer and les.title == entry.name
    assert entry.formulas[0].latex in les.notes_md
    assert les.notes_md.startswith(f"# {entry.name}\n") and "## Worked example" in les.notes_md
    assert not re.search(r"\b(nan|inf)\b", les.code)
    sizes = [int(s) for s in re.findall(r"font_size=(\d+)", les.code)]
    assert min(sizes) >= 20, (entry.id, min(sizes))
    assert "RT = 1.0  #" in les.code  # quick() can shorten it


def test_at_most_a_tenth_of_the_entries_fall_back_to_the_card():
    on_card = [e.id for e in ENTRIES if CARD in lesson(e.id).code]
    assert len(on_card) <= len(ENTRIES) // 10, on_card


@pytest.mark.parametrize("entry_id, key, odd", [
    ("law_of_sines", "construction", "tesseract"), ("ellipse", "conic", "cissoid"), ("sphere_volume_surface", "solid",
                                                                                      "torus"),
    ("thales_theorem", "theorem", "butterfly"), ("rotation_transformation", "transform", "shear"),
    ("gram_schmidt", "kind", "tensor"), ("cross_product", "operation", "wedge"), ("matrix_rank", "show", "jordan"),
])
def test_a_variant_the_composer_does_not_draw_gets_the_card_of_the_same_entry(entry_id, key, odd):
    e = catalogue.by_id(entry_id)
    assert CARD not in lesson(entry_id).code
    changed = dataclasses.replace(e, settings=MappingProxyType({**e.settings, key: odd}))
    les = compose(changed, Params(concept=e.name))
    assert CARD in les.code and les.title == e.name


S = sp.sqrt
GEOMETRY_VALUES = [  # entry, key, value worked out by hand
    ("law_of_sines", "b", 10 * S(2)), ("law_of_sines", "2R", 20), ("law_of_cosines", "c", S(39)),
    ("triangle_area_sine", "S", 12), ("herons_formula", "S", 84), ("herons_formula", "r", 4),
    ("triangle_angle_sum", "C", 70), ("angle_bisector_theorem", "BD", 4), ("right_triangle_trigonometry", "sin",
                                                                           sp.Rational(3, 5)),
    ("inscribed_angle_theorem", "inscribed", 50), ("thales_theorem", "PB", 5), ("intersecting_chords_theorem", "PD", 6),
    ("tangent_secant_theorem", "PT", 6), ("cyclic_quadrilateral", "C", 110), ("arc_length_sector_area", "s", 2 * sp.pi),
    ("arc_length_sector_area", "A", 6 * sp.pi), ("radian_measure", "rad", 3 * sp.pi / 4), ("polygon_angle_sum", "each", 120),
    ("distance_formula", "d", 10), ("midpoint_formula", "Mx", 2), ("midpoint_formula", "My", 3),
    ("shoelace_formula", "A", 6), ("equation_of_circle", "r2", 9), ("polar_coordinates", "y", S(3)),
    ("complex_number_modulus", "modulus", 5), ("rose_curve", "value", sp.pi), ("cardioid", "value", 3 * sp.pi / 2),
    ("archimedean_spiral", "value", sp.pi), ("ellipse", "c", 4), ("hyperbola", "c", 5), ("conic_sections", "r0", 2),
    ("parabola_focus_directrix", "4p", 8), ("parametric_equations", "slope_t0", sp.Rational(3, 2)),
    ("rotation_transformation", "A'", sp.Matrix([-sp.Rational(1, 2), 2])),
    ("reflection_transformation", "A'", sp.Matrix([sp.Rational(1, 2), 2])),
    ("dilation_transformation", "A'", sp.Matrix([3, 1])), ("translation_transformation", "A'", sp.Matrix([5, -sp.Rational(3, 2)])),
    ("similar_triangles", "A'", sp.Matrix([4, 1])), ("inverse_function", "inverse", (sp.Symbol("x", real=True) - 3) / 2),
    ("inverse_trig_functions", "x0", sp.pi / 2), ("inverse_trig_functions", "y0", 1), ("sphere_volume_surface", "V", 36 * sp.pi),
    ("cylinder_volume_surface", "S", 28 * sp.pi), ("cone_volume_surface", "S", 15 * sp.pi), ("pyramid_volume", "V", 120),
    ("eulers_polyhedron_formula", "E", 30), ("volume_of_revolution", "V", 8 * sp.pi),
    ("difference_of_squares", "difference", 21), ("perfect_square_expansion", "square", 25),
    ("am_gm_inequality", "gap", sp.Rational(1, 2)),
]
MATRIX_VALUES = [
    ("vector_magnitude", "length", 7), ("angle_between_vectors", "theta", sp.pi / 4), ("vector_projection", "scalar", 3),
    ("cross_product", "cross", sp.Matrix([0, 0, 6])), ("cauchy_schwarz_inequality", "gap", 25),
    ("linear_combination", "combination", sp.Matrix([-1, 3])), ("linear_independence", "det", 0),
    ("gram_schmidt", "u2", sp.Matrix([-sp.Rational(2, 5), sp.Rational(6, 5)])), ("change_of_basis", "c", sp.Matrix([2, 1])),
    ("matrix_inverse", "inverse", sp.Matrix([[1, -1], [-1, 2]])), ("matrix_rank", "rank", 1),
    ("singular_value_decomposition", "sigma1", 3 * S(5)), ("diagonalization", "A^10", sp.Matrix([[89, 55], [55, 34]])),
    ("transpose_properties", "BtAt", sp.Matrix([[2, 4], [3, 7]])), ("linear_system_two_variables", "x", 2),
    ("cramers_rule", "x", 1), ("cramers_rule", "y", 2), ("gaussian_elimination", "x", 5), ("gaussian_elimination", "z", -2),
    ("gradient", "norm", 2 * S(10)), ("directional_derivative", "directional", 6), ("divergence", "div", 2),
    ("curl", "curl", 2), ("greens_theorem", "circulation", 2 * sp.pi), ("greens_theorem", "double_integral", 2 * sp.pi),
    ("divergence_theorem", "flux", 4 * sp.pi), ("stokes_theorem", "circulation", 2 * sp.pi),
]


@pytest.mark.parametrize("entry_id, key, expected", GEOMETRY_VALUES + MATRIX_VALUES)
def test_values_shown_are_sympys(entry_id, key, expected):
    les = lesson(entry_id)
    assert same(value(les, key), expected), (entry_id, key, les.values[key])


def test_specialist_variants_take_the_entry_settings_and_keep_the_entry_notes():
    les = lesson("vector_addition")
    assert les.values["sum"] == sp.Matrix([3, 4])  # the entry's (2, 1) + (1, 3), not the family's default
    assert "c_1 = a_1 + b_1" in les.notes_md and "specialist family vector_addition" in les.reasoning[0]
    les = lesson("unit_circle")
    assert les.values["sin"] == sp.Rational(1, 2)  # the entry's 30°
    les = lesson("determinant", "determinant of [[2, 3], [1, 4]]")
    assert les.values["det"] == 5  # the request's matrix wins over the entry's
    les = lesson("rotation_matrix")
    assert "Text('Rotation matrix', font_size=40)" in les.code  # the entry's title, not the family's


REQUESTS = [  # the request's own numbers drive the scene
    ("law_of_sines", "law of sines with a = 7, A = 40°, B = 60°", "b",
     7 * sp.sin(sp.pi / 3) / sp.sin(2 * sp.pi / 9)),
    ("law_of_sines", "law of sines for a triangle with angles 40 and 60 degrees and side 10", "b",
     10 * sp.sin(sp.pi / 3) / sp.sin(2 * sp.pi / 9)),  # no vertex named: two angles and the side opposite the first
    ("law_of_sines", "law of sines: 40°, 60°, side 10", "C", 80),
    ("law_of_cosines", "law of cosines a = 3, b = 5, C = 120 degrees", "c", 7),
    ("law_of_cosines", "law of cosines with sides 7, 8 and 9", "c", 9),  # three sides, no angle: SSS, not C = 9°
    ("polar_coordinates", "polar coordinates of the point (3, 4)", "r", 5),  # a Cartesian point: r and θ from it
    ("polar_coordinates", "polar coordinates of (-1, 1)", "theta_deg", 135),
    ("herons_formula", "heron's formula 5 6 7", "S", 6 * S(6)),
    ("distance_formula", "distance between (0, 0) and (3, 4)", "d", 5),
    ("polygon_angle_sum", "interior angles of an octagon", "each", 135),
    ("ellipse", "ellipse with a = 13 and b = 12", "c", 5),
    ("sphere_volume_surface", "volume of a sphere r = 2", "V", sp.Rational(32, 3) * sp.pi),
    ("cross_product", "cross product of (1, 2, 3) and (4, 5, 6)", "cross", sp.Matrix([-3, 6, -3])),
    ("dot_product", "dot product of (1, 2, 3) and (4, 5, 6)", "dot", 32),  # the plane family hands space over
    ("angle_between_vectors", "angle between (1, 0, 1) and (0, 1, 1)", "theta_deg", 60),
    ("vector_addition", "add (1, 2, 3) and (4, -5, 6)", "sum", sp.Matrix([5, -3, 9])),
    ("matrix_inverse", "inverse of [[4, 7], [2, 6]]", "inverse", sp.Matrix([[sp.Rational(3, 5), -sp.Rational(7, 10)],
                                                                           [-sp.Rational(1, 5), sp.Rational(2, 5)]])),
    ("gaussian_elimination", "gaussian elimination [[2, 1, -1, 8], [-3, -1, 2, -11], [-2, 1, 2, -3]]", "y", 3),
    ("gradient", "gradient of x^2 + y^2 at (1, 2)", "gradient", sp.Matrix([2, 4])),
]


@pytest.mark.parametrize("entry_id, text, key, expected", REQUESTS)
def test_the_requests_numbers_drive_the_scene(entry_id, text, key, expected):
    les = lesson(entry_id, text)
    assert same(value(les, key), expected), (text, les.values[key])


@pytest.mark.parametrize("entry_id, text, key, expected", [
    ("law_of_sines", "law of sines with a = 5, A = 100°, B = 90°", "C", 105),
    ("ellipse", "ellipse with a = 3 and b = 5", "c", 4),
    ("matrix_inverse", "inverse of [[1, 2], [2, 4]]", "det", 1),
    ("gram_schmidt", "gram schmidt of (1, 1) and (2, 2)", "coefficient", sp.Rational(4, 5)),
])
def test_unusable_input_falls_back_to_the_entry_and_says_so(entry_id, text, key, expected):
    les = lesson(entry_id, text)
    assert same(value(les, key), expected)
    assert any("using" in line for line in les.reasoning), les.reasoning


def test_chinese_request_gets_the_chinese_title_and_headings():
    les = lesson("thales_theorem", "泰勒斯定理", language="zh")
    assert les.title == catalogue.by_id("thales_theorem").name_zh and "## 定义" in les.notes_md


# one scene per template: the 3D solid and the elimination tableau render; the figure template (moving points with
# live readouts, a grid transformed by a matrix, field arrows) runs in the layout checker, which executes the scene
RENDERED = ["cone_volume_surface", "gaussian_elimination"]
LAID_OUT = ["thales_theorem", "matrix_inverse", "curl", "dot_product: (1, 2, 3) · (4, 5, 6)"]


@pytest.mark.parametrize("entry_id", RENDERED)
def test_scene_renders_for_real(entry_id, settings, tmp_path):
    les = lesson(entry_id)
    res = render.render(quick(les.code, 0.1), Job.make(settings, "low", ["mp4"], tmp_path, name=entry_id))
    assert res.ok, res.error
    assert Path(res.videos["mp4"]).stat().st_size > 10_000


@pytest.mark.parametrize("entry_id", LAID_OUT)
def test_scene_layout_has_no_defect(entry_id, settings):
    entry_id, _, request = entry_id.partition(": ")  # "entry: request" lays out the scene for that request
    report = check_layout(lesson(entry_id, request).code, Job.make(settings))
    assert "error" not in report, report.get("error")
    assert report["defects"] == [], [d["message"] for d in report["defects"]]
    assert report["animations"] >= 6


def test_figure_scenes_last_a_lesson_not_a_flash():
    for entry_id in ("law_of_sines", "ellipse", "gram_schmidt", "gradient", "polygon_angle_sum"):
        code = lesson(entry_id).code
        staged = sum(float(v) for v in re.findall(r"'(?:rt|wait)': ([\d.]+)", code))
        assert 8 <= staged + 3 <= 25, (entry_id, staged)


# -- a Chinese request: the panel's words are Chinese too (the checker is the discrete composers' test's) ------------

@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_a_chinese_request_gets_a_chinese_scene(entry):
    les = lesson(entry.id, entry.name_zh, language="zh")
    assert les.title == entry.name_zh
    assert english_on_screen(les.code) == [], entry.id


def test_a_chinese_figure_scene_lays_out_cleanly(settings):
    code = lesson("triangle_angle_sum", "三角形内角和", language="zh").code
    assert "内错角相等" in code
    report = check_layout(code, Job.make(settings))
    assert "error" not in report, report.get("error")
    assert report["defects"] == [], [d["message"] for d in report["defects"]]
