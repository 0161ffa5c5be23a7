"""Geometry, linear-algebra and complex-number families: values equal sympy's, notes and reasoning carry them,
the code passes the guard, odd inputs degrade gracefully, and every family renders for real at low quality."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
import sympy as sp
from PIL import Image

from mathanim import render
from mathanim.job import Job
from mathanim.offline.base import Lesson, Params, families
from mathanim.offline.common import latex
from mathanim.offline.families.geometry_linear import _wrap, quick

KEYS = ["pythagorean", "unit_circle", "circle_area", "vector_addition", "dot_product", "linear_transformation",
        "determinant", "eigenvectors", "matrix_multiplication", "complex_multiplication", "euler_formula"]


def build(key: str, **kw) -> Lesson:
    """Build family `key` from Params(**kw), then check what every lesson must satisfy."""
    p = Params(concept=kw.pop("concept", key.replace("_", " ")), **kw)
    lesson = families()[key].build(p)
    scene, err = render.prepare(lesson.code, None)
    assert err is None, err
    assert scene == lesson.scene_name and lesson.family == key
    zh = p.language == "zh"
    assert lesson.title == (families()[key].title_zh if zh else families()[key].title_en)
    assert lesson.notes_md.startswith(f"# {lesson.title}\n")
    for heading in (["定义", "直观理解", "例题", "动画时间线", "练习", "答案"] if zh else
                    ["Definition", "Intuition", "Worked example", "What the animation shows", "Exercise", "Answer"]):
        assert f"## {heading}" in lesson.notes_md
    shot = "镜头" if zh else "Shot"
    assert lesson.reasoning[0].startswith("识别为" if zh else "Recognised")
    assert sum(line.startswith(shot) for line in lesson.reasoning) >= 3
    assert any(line.startswith("sympy 计算" if zh else "Computed with sympy") for line in lesson.reasoning)
    assert "RT = 1.0  #" in lesson.code and "RT = 0.2  #" in quick(lesson.code, 0.2)
    return lesson


def in_notes(lesson: Lesson, *values) -> None:
    for v in values:
        assert latex(v) in lesson.notes_md, (latex(v), lesson.notes_md)


def test_every_family_is_registered_with_aliases_in_both_languages():
    fams = families()
    for key in KEYS:
        fam = fams[key]
        assert fam.description and fam.title_en and fam.title_zh
        assert any(a.isascii() for a in fam.aliases) and any(not a.isascii() for a in fam.aliases)


def test_pythagorean_default_custom_and_hypotenuse_given():
    les = build("pythagorean")
    assert (les.values["a"], les.values["b"], les.values["c"]) == (3, 4, 5)
    in_notes(les, 9, 16, 25)
    les = build("pythagorean", numbers={"a": 5, "b": 12}, language="zh")
    assert les.values["c"] == sp.sqrt(5**2 + 12**2) == 13 and "c = 13" in les.notes_md
    les = build("pythagorean", numbers={"a": 1, "b": 1})
    assert les.values["c"] == sp.sqrt(2) and "\\sqrt{2}" in les.notes_md
    les = build("pythagorean", numbers={"a": 6, "c": 10})
    assert les.values["b"] == 8
    les = build("pythagorean", numbers={"a": -3, "b": float("nan")})  # unusable: defaults, said so
    assert (les.values["a"], les.values["b"]) == (3, 4) and "using a = 3" in " ".join(les.reasoning)


@pytest.mark.parametrize("concept, legs", [
    ("right triangle with legs 5 and 12", (5, 12)), ("Pythagorean theorem for a 5, 12, 13 triangle", (5, 12)),
    ("Pythagorean theorem for a 5, 6, 7 triangle", (3, 4)),  # not a right triangle: the default, said
])
def test_pythagorean_legs_written_without_names(concept, legs):
    les = build("pythagorean", concept=concept)
    assert (les.values["a"], les.values["b"]) == legs and les.values["c"] ** 2 == legs[0] ** 2 + legs[1] ** 2


def test_unit_circle_exact_values_and_degrees():
    les = build("unit_circle")
    assert les.values["sin"] == sp.sin(sp.pi / 6) == sp.Rational(1, 2)
    assert les.values["cos"] == sp.sqrt(3) / 2 and les.values["identity"] == 1
    in_notes(les, sp.Rational(1, 2), sp.sqrt(3) / 2)
    les = build("unit_circle", numbers={"theta": 135}, language="zh")  # > 2π: read as degrees
    assert les.values["theta"] == 3 * sp.pi / 4 and les.values["cos"] == -sp.sqrt(2) / 2
    assert "按角度制" in " ".join(les.reasoning)
    les = build("unit_circle", point=1.0)
    assert math.isclose(float(les.values["sin"]), math.sin(1.0)) and "0.8415" in les.notes_md


def test_circle_area_default_radius_and_diameter():
    les = build("circle_area")
    assert les.values["area"] == 4 * sp.pi and les.values["circumference"] == 4 * sp.pi
    in_notes(les, 4 * sp.pi)
    assert "12.57" in les.notes_md
    les = build("circle_area", numbers={"r": 0.5}, language="zh")
    assert les.values["area"] == sp.pi / 4 and "面积" in les.notes_md
    les = build("circle_area", numbers={"d": 10})
    assert les.values["r"] == 5 and les.values["area"] == 25 * sp.pi
    les = build("circle_area", numbers={"r": -2})
    assert les.values["r"] == 2


def test_vector_addition_custom_and_three_dimensional_input():
    les = build("vector_addition")
    assert list(les.values["sum"]) == [4, 3] and les.values["norm"] == 5
    les = build("vector_addition", vectors=[[2, -1], [-3, 0.5]], language="zh")
    s = sp.Matrix([2, -1]) + sp.Matrix([-3, sp.Rational(1, 2)])
    assert les.values["sum"] == s
    in_notes(les, s[1])
    les = build("vector_addition", vectors=[[1, 2, 3], [0, 0]])
    assert list(les.values["a"]) == [1, 2] and "first two" in " ".join(les.reasoning)


def test_dot_product_values_match_sympy():
    a, b = sp.Matrix([4, 1]), sp.Matrix([2, 3])
    les = build("dot_product")
    assert les.values["dot"] == a.dot(b) == 11
    assert sp.simplify(les.values["cos"] - a.dot(b) / (a.norm() * b.norm())) == 0
    assert math.isclose(float(les.values["theta_deg"]), math.degrees(math.acos(11 / math.sqrt(17 * 13))), rel_tol=1e-6)
    in_notes(les, 11, sp.sqrt(17))
    les = build("dot_product", vectors=[[1, 0], [0, 2]], language="zh")  # perpendicular
    assert les.values["dot"] == 0 and les.values["theta"] == sp.pi / 2 and "垂直" in " ".join(les.reasoning)
    les = build("dot_product", vectors=[[1, 1], [-2, -1]])
    assert les.values["dot"] == -3 and "angle > 90" in " ".join(les.reasoning)


def test_linear_transformation_columns_and_image():
    les = build("linear_transformation", matrix=[[2, 1], [1, 3]])
    m = sp.Matrix([[2, 1], [1, 3]])
    assert les.values["Mv"] == m * sp.Matrix([1, 2]) and les.values["det"] == 5
    assert list(les.values["col1"]) == [2, 1]
    in_notes(les, les.values["exercise"][0])
    les = build("linear_transformation", matrix=[[0, -1], [1, 0]], vectors=[[3, 1]], language="zh")
    assert list(les.values["Mv"]) == [-1, 3]
    les = build("linear_transformation", matrix=[[1, 2, 0], [0, 1, 0], [0, 0, 1]])  # 3x3: top-left block
    assert les.values["matrix"] == sp.Matrix([[1, 2], [0, 1]]) and "top-left" in " ".join(les.reasoning)


def test_determinant_positive_negative_singular():
    les = build("determinant")
    assert les.values["det"] == sp.Matrix([[3, 1], [1, 2]]).det() == 5
    in_notes(les, 5, 20)  # det A and det 2A
    les = build("determinant", matrix=[[1, 2], [3, 1]], language="zh")
    assert les.values["det"] == -5 and "定向翻转" in " ".join(les.reasoning)
    les = build("determinant", matrix=[[1, 2], [2, 4]])  # singular
    assert les.values["det"] == 0 and "collapses" in " ".join(les.reasoning)
    les = build("determinant", matrix=[[0.5, 0], [0, 0.25]])
    assert les.values["det"] == sp.Rational(1, 8)
    les = build("determinant", matrix=[[2, 0, 0], [0, 3, 0], [0, 0, 4]])
    assert les.values["det_given"] == 24


def test_eigenvectors_distinct_complex_repeated():
    les = build("eigenvectors")
    m = sp.Matrix([[2, 1], [1, 2]])
    assert les.values["eigenvalues"] == m.eigenvals() == {1: 1, 3: 1}
    for val, vec in les.values["eigenvects"]:
        assert m * vec == val * vec
    in_notes(les, les.values["charpoly"])
    les = build("eigenvectors", matrix=[[0, -1], [1, 0]], language="zh")
    assert les.values["case"] == "complex" and set(les.values["eigenvalues"]) == {sp.I, -sp.I}
    assert "没有实特征向量" in " ".join(les.reasoning)
    les = build("eigenvectors", matrix=[[2, 1], [0, 2]])
    assert les.values["case"] == "defective" and les.values["eigenvalues"] == {2: 2}
    les = build("eigenvectors", matrix=[[3, 0], [0, 3]])
    assert les.values["case"] == "scalar" and "every vector is an eigenvector" in " ".join(les.reasoning)
    les = build("eigenvectors", matrix=[[1, 2], [2, 4]])  # singular: λ = 0 and 5
    assert les.values["eigenvalues"] == {0: 1, 5: 1}


def test_matrix_multiplication_products_and_bad_shapes():
    les = build("matrix_multiplication")
    a, b = sp.Matrix([[1, 2], [3, 4]]), sp.Matrix([[5, 6], [7, 8]])
    assert les.values["C"] == a * b and les.values["BA"] == b * a
    in_notes(les, 19, 22, 43, 50)
    les = build("matrix_multiplication", matrices=[[[1, 2, 3]], [[1], [0], [2]]], language="zh")
    assert les.values["C"] == sp.Matrix([[7]])
    les = build("matrix_multiplication", matrices=[[[1, 2]], [[1, 2]]])  # 1x2 · 1x2: undefined either way
    assert les.values["A"] == a and "defaults" in " ".join(les.reasoning)
    les = build("matrix_multiplication", matrix=[[2, 0], [0, 2]])
    assert les.values["C"] == sp.Matrix([[10, 12], [14, 16]])


def test_complex_multiplication_from_expression_and_vectors():
    les = build("complex_multiplication")
    assert les.values["zw"] == sp.expand((1 + sp.I) * (2 + sp.I)) == 1 + 3 * sp.I
    assert les.values["abs_z"] == sp.sqrt(2) and les.values["arg_z"] == sp.pi / 4
    in_notes(les, 1 + 3 * sp.I)
    expr = sp.Mul(1 + 2 * sp.I, 3 + sp.I, evaluate=False)
    les = build("complex_multiplication", expr=expr, language="zh")
    assert les.values["zw"] == 1 + 7 * sp.I
    les = build("complex_multiplication", vectors=[[0, 1], [3, 4]])
    assert les.values["zw"] == -4 + 3 * sp.I and les.values["abs_zw"] == 5
    les = build("complex_multiplication", vectors=[[0, 0], [1, 1]])  # z = 0 is replaced, said so
    assert les.values["z"] == 1 + sp.I and "No usable z" in " ".join(les.reasoning)


def test_euler_formula_values():
    les = build("euler_formula")
    assert les.values["exp"] == sp.expand_complex(sp.exp(sp.I * sp.pi / 3))
    assert les.values["exp_pi"] == -1 and les.values["identity"] == 0
    in_notes(les, les.values["exp"])
    les = build("euler_formula", point=math.pi, language="zh")
    assert les.values["theta"] == sp.pi and les.values["exp"] == -1
    les = build("euler_formula", point=2.0)
    assert math.isclose(float(sp.re(les.values["exp"])), math.cos(2.0)) and "0.4161" in les.notes_md


def test_wrap_keeps_numbers_and_words_whole():
    assert _wrap("2) 伸缩 |z| ≈ 3.162 倍 and some more words here", 16).count("3.162") == 1
    assert all(len(line) <= 30 for line in _wrap("word " * 30).split("\n"))


@pytest.mark.parametrize("key, kw", [
    ("pythagorean", {}), ("unit_circle", {"language": "zh"}), ("circle_area", {}), ("vector_addition", {}),
    ("dot_product", {}), ("linear_transformation", {}), ("determinant", {"matrix": [[1, 2], [2, 4]]}),
    ("eigenvectors", {}), ("matrix_multiplication", {"language": "zh"}), ("complex_multiplication", {}),
    ("euler_formula", {}),
])
def test_family_renders_for_real(key, kw, settings, tmp_path):
    les = build(key, **kw)
    res = render.render(quick(les.code, 0.1), Job.make(settings, "low", ["mp4"], tmp_path, name=key))
    assert res.ok, res.error
    mp4 = Path(res.videos["mp4"])
    assert mp4.exists() and mp4.stat().st_size > 10_000
    poster = Image.open(res.poster)
    assert poster.size == (854, 480) and len(set(poster.convert("L").get_flattened_data())) > 20


@pytest.mark.parametrize("kw", [
    {"matrix": [[1e9, 0], [0, 1e-9]], "vectors": [[1e9], [float("nan"), 1]], "numbers": {"r": float("inf")}},
    {"matrix": [], "matrices": [[[1, 2]], [[3, 4]]], "vectors": [[0, 0, 5]], "point": float("nan")},
    {"matrix": [[1, "x"], [2]], "numbers": {"a": 0, "b": -2, "theta": 1e7}, "expr": sp.nan, "language": "zh"},
    {"matrix": [[0, 0], [0, 0]], "vectors": [[0, 0], [0, 0]], "expr": sp.Integer(0), "point": 720.0},
])
def test_odd_inputs_give_a_valid_scene_for_every_family(kw):
    for key in KEYS:
        les = build(key, **kw)
        assert not re.search(r"\b(nan|inf)\b", les.code), key  # only finite numbers reach the scene
