"""Parameter extraction: plain notation, LaTeX, unicode, matrices, vectors, named numbers, intervals, points, ODEs."""

from __future__ import annotations

import math

import pytest
import sympy as sp

from mathanim.offline.common import x, y
from mathanim.offline.params import extract, parse_number


@pytest.mark.parametrize("text, expected", [
    ("derivative of x^2 sin x", x**2 * sp.sin(x)),
    ("e^x", sp.exp(x)),
    ("求 x²sin x 在 x=1 处的导数", x**2 * sp.sin(x)),
    ("limit of sin(x)/x as x -> 0", sp.sin(x) / x),
    ("f(x) = x^3 - 3x", x**3 - 3 * x),
    ("chain rule sin(x^2)", sp.sin(x**2)),
    ("taylor series of cos x at 0", sp.cos(x)),
    ("1/x", 1 / x),
    ("sqrt(1 - x^2)", sp.sqrt(1 - x**2)),
    ("tangent to ln x at x=2", sp.log(x)),
])
def test_plain_formulas(text, expected):
    assert sp.simplify(extract(text).expr - expected) == 0


@pytest.mark.parametrize("text, expr, bounds, point", [
    (r"\int_0^1 x^2\,dx", x**2, (0, 1), None),
    (r"\int_{0}^{\pi} \sin x \, dx", sp.sin(x), (0, math.pi), None),
    (r"\frac{d}{dx}(x^2\sin x)", x**2 * sp.sin(x), None, None),
    (r"\lim_{x\to 0} \frac{\sin x}{x}", sp.sin(x) / x, None, 0.0),
    (r"$\lim_{t \to \infty} (1 + 1/t)^t$", (1 + 1 / x) ** x, None, math.inf),
])
def test_latex(text, expr, bounds, point):
    p = extract(text)
    assert sp.simplify(p.expr - expr) == 0
    assert p.bounds == (pytest.approx(bounds) if bounds else None)
    assert p.point == point


def test_matrices_vectors_and_numbers():
    p = extract("eigenvalues of [[2,1],[1,3]] and vectors (1, 2), <3,-1>; n = 10, p=0.3, σ = 2, 45°")
    assert p.matrix == [[2.0, 1.0], [1.0, 3.0]]
    assert p.vectors == [[1.0, 2.0], [3.0, -1.0]]
    assert p.numbers == {"n": 10.0, "p": 0.3, "sigma": 2.0, "angle": 45.0}
    assert extract("A = [2 1; 1 3]").matrix == [[2.0, 1.0], [1.0, 3.0]]
    assert extract("multiply [[1,2],[3,4]] by [[0,1],[1,0]]").matrices == [[[1, 2], [3, 4]], [[0, 1], [1, 0]]]


def test_intervals_points_and_counts():
    assert extract("integrate sin(x) from 0 to pi").bounds == pytest.approx((0, math.pi))
    assert extract("Riemann sum of x^2 on [0, 2] with 8 rectangles").bounds == (0, 2)
    assert extract("Riemann sum of x^2 on [0, 2] with 8 rectangles").numbers["n"] == 8
    assert extract("x^2 从 1 到 3 的定积分").bounds == (1, 3)
    assert extract("limit of 1/x as x approaches infinity").point == math.inf
    assert extract("taylor series of sin x with 7 terms").numbers["terms"] == 7
    assert extract("bayes with 1% prevalence").numbers["p"] == pytest.approx(0.01)


def test_odes():
    p = extract("dy/dt = 0.3y")
    assert p.equation.rhs == sp.Float(0.3) * y and p.numbers["k"] == pytest.approx(0.3)
    assert extract("slope field dy/dx = x - y").equation.rhs == x - y
    assert extract("dy/dt = ky").equation is not None


def test_language_and_garbage_never_raise():
    assert extract("勾股定理").language == "zh"
    assert extract("pythagoras").language == "en"
    for text in ["", "???", "x^^2 ++", "[[1,2],[3]]", "\\frac{", "lim x->", "n = 1e400", "(" * 300, "∫∫∫", "$$"]:
        p = extract(text)
        assert p.concept == text


def test_parse_number():
    assert parse_number("pi/2") == pytest.approx(math.pi / 2)
    assert parse_number("infinity") == math.inf
    assert parse_number("abc") is None


def test_words_that_python_warns_about_parse_quietly():
    """A phrase that is no formula can make Python's compiler warn inside sympy ("'str' object is not callable"),
    which printed on the console of `make test` and of the app's start; the parse still fails, quietly."""
    import warnings

    from sympy.parsing.sympy_parser import parse_expr

    text = "show that 'f'(x) is the slope"
    with warnings.catch_warnings(record=True) as control:
        warnings.simplefilter("always")
        with pytest.raises(TypeError):
            parse_expr("'f'(x)")
    assert any(issubclass(w.category, SyntaxWarning) for w in control)  # the input does make Python warn
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        p = extract(text)
    assert p.expr is None
    assert not [w for w in seen if issubclass(w.category, SyntaxWarning)]


@pytest.mark.parametrize("text, numbers", [
    ("area of a circle with radius 3", {"radius": 3}),
    ("a circle of diameter 10 cm", {"diameter": 10}),
    ("geometric series with first term 3 and ratio 1/2", {"a": 3, "r": 0.5}),
    ("arithmetic sequence with first term 2 and common difference 3", {"a": 2, "d": 3}),
    ("first term 4, r = 0.25", {"a": 4, "r": 0.25}),  # "=" wins over a word
    ("the ratio test", {}),
    ("半径为 5 的圆的面积", {"radius": 5}),  # Chinese: 为 joins the word and its number
    ("首项为 3，公比为 0.5 的等比数列", {"a": 3, "r": 0.5}),
])
def test_numbers_named_by_a_word(text, numbers):
    assert extract(text).numbers == numbers


def test_a_ratio_unit_is_a_quantity_not_a_formula():
    p = extract("a ball thrown at 30 m/s")
    assert p.expr is None and p.point is None
    assert extract("limit of sin x / x at 0").point == 0  # a point that is no speed still is one


@pytest.mark.parametrize("text, vectors", [
    ("mean median and mode of 3, 7, 7, 2, 9", [[3, 7, 7, 2, 9]]),
    ("insertion sort 5, 1, 4 and 2", [[5, 1, 4, 2]]),
    ("sequence 3, 7, 11, ... to 20 terms", [[3, 7, 11]]),
    ("angles 40, 60", []),  # two numbers are no data list
    ("the points (1, 2), (3, 4)", [[1, 2], [3, 4]]),
])
def test_a_bare_list_of_three_or_more_numbers_is_data(text, vectors):
    assert extract(text).vectors == vectors


def test_counts_that_end_a_range():
    assert extract("Tower of Hanoi with 4 disks").numbers == {"last": 4}
    assert extract("sieve of Eratosthenes up to 60").numbers == {"limit": 60}
    assert extract("sum up to 10 terms").numbers == {"terms": 10}  # terms, not a limit


@pytest.mark.parametrize("text, numbers", [
    ("normal distribution with mean 100 and standard deviation 15", {"mean": 100, "sd": 15}),
    ("mean is 5, sd 2", {"mean": 5, "sd": 2}),
    ("the mean of 3, 7, 9", {}),  # data, not a mean of 3
])
def test_statistics_words_name_numbers(text, numbers):
    assert extract(text).numbers == numbers
