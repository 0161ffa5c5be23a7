"""The calculus families: values match sympy, notes carry them, odd inputs degrade gracefully, every scene renders."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from mathanim import render
from mathanim.job import Job
from mathanim.offline.base import families
from mathanim.offline.common import latex, x
from mathanim.offline.families.calculus import ascending_tex, quick
from mathanim.offline.params import extract

KEYS = ["derivative", "integral", "limit", "taylor", "chain_rule", "fourier_series", "geometric_series",
        "harmonic_series", "exponential_growth", "slope_field", "formula"]


def build(key: str, concept: str):
    return families()[key].build(extract(concept))


def test_derivative_values():
    les = build("derivative", "derivative of x^2 sin x at x = 1")
    want = sp.diff(x**2 * sp.sin(x), x).subs(x, 1)
    assert sp.simplify(les.values["slope"] - want) == 0
    assert latex(les.values["slope"]) in les.notes_md and "2.223" in les.notes_md


def test_integral_values_and_riemann_sums():
    les = build("integral", r"\int_0^1 x^2\,dx")
    assert les.values["area"] == sp.Rational(1, 3) and r"\frac{1}{3}" in les.notes_md
    assert les.values["riemann"][4] == sp.Rational(7, 32)  # left sum: (0 + 1 + 4 + 9) / 64
    assert float(les.values["riemann"][32]) == pytest.approx(float(sum(sp.Rational(i, 32) ** 2 for i in range(32)) / 32))
    les = build("integral", "integrate sin(x) from 0 to pi")
    assert les.values["area"] == 2


def test_limit_values():
    assert build("limit", "limit of sin(x)/x as x -> 0").values["limit"] == 1
    assert build("limit", "limit of (1+1/x)^x as x approaches infinity").values["limit"] == sp.E
    les = build("limit", "函数极限 (1-cos x)/x^2 在 x 趋于 0")
    assert les.values["limit"] == sp.Rational(1, 2) and "## 定义" in les.notes_md


def test_taylor_values():
    les = build("taylor", "taylor series of e^x")
    assert sp.expand(les.values["polynomials"][-1] - sp.series(sp.exp(x), x, 0, 10).removeO()) == 0
    assert ascending_tex(les.values["polynomials"][-1]) in les.notes_md  # ascending powers, as a teacher writes
    assert ascending_tex(les.values["polynomials"][-1]).startswith("1 + x + ")


def test_chain_rule_values():
    les = build("chain_rule", "chain rule for sin(x^2)")
    assert sp.simplify(les.values["df"] - sp.diff(sp.sin(x**2), x)) == 0
    assert les.values["inner"] == x**2


def test_fourier_values():
    les = build("fourier_series", "fourier series of a square wave")
    assert les.values["b"][0] == 4 / sp.pi and les.values["b"][1] == 0 and les.values["b"][2] == 4 / (3 * sp.pi)
    les = build("fourier_series", "fourier series of x with 5 terms")
    assert les.values["b"][:3] == [2, -1, sp.Rational(2, 3)]


def test_series_values():
    les = build("geometric_series", "geometric series 1/2 + 1/4 + 1/8 + ...")
    assert les.values["sum"] == 1 and les.values["r"] == sp.Rational(1, 2)
    assert build("geometric_series", "geometric series r = 0.3").values["sum"] == sp.Rational(10, 7)
    les = build("harmonic_series", "harmonic series")
    assert les.values["H_n"] == sp.harmonic(10) and latex(sp.harmonic(10)) in les.notes_md


def test_ode_values():
    les = build("exponential_growth", "dy/dt = 0.3y")
    assert les.values["solution"] == sp.exp(sp.Rational(3, 10) * sp.Symbol("t"))
    assert les.values["doubling_time"] == sp.log(2) / sp.Rational(3, 10)
    les = build("slope_field", "slope field dy/dx = x - y")
    assert sp.simplify(les.values["solution"] - (x - 1 + 2 * sp.exp(-x))) == 0


def test_formula_explainer():
    les = build("formula", "x^3 - 3x + 1")
    assert les.values["derivative"] == 3 * x**2 - 3
    les = build("formula", "what is the meaning of life")
    assert les.values["exercise"] == (x - 3) * (x - 2)


@pytest.mark.parametrize("key, concept", [
    ("derivative", "derivative of 1/x at x = 0"), ("derivative", "derivative of sqrt(x) at x = -4"),
    ("integral", "integral of 1/x from -1 to 1"), ("integral", "integral of x from 3 to 3"),
    ("limit", "limit of 1/x as x -> 0"), ("limit", "limit of sin(1/x) as x -> 0"),
    ("taylor", "taylor series of ln(x) at 0"), ("taylor", "taylor series of x^2 with 500 terms"),
    ("chain_rule", "chain rule for x^2"), ("fourier_series", "fourier series of exp(x^2)"),
    ("geometric_series", "geometric series r = 2"), ("harmonic_series", "harmonic series n = 100000"),
    ("exponential_growth", "exponential growth k = 1000"), ("slope_field", "slope field dy/dx = 1/(x*y)"),
    ("formula", "x^2 + y^2 + z^2"), ("formula", ""),
])
def test_odd_inputs_give_a_lesson_and_say_why(key, concept):
    les = build(key, concept)
    name, err = render.prepare(les.code, None)
    assert err is None and name == les.scene_name
    assert les.notes_md.startswith("# ") and les.reasoning


# Animations/ holds full scenes of ten of these families (tests/test_animations.py renders them all); here the
# formula explainer and a Chinese lesson render, to keep the suite's render time down.
@pytest.mark.parametrize("key", ["formula", "exponential_growth"])
def test_calculus_scene_renders(key, settings, tmp_path):
    concept = {"derivative": "derivative of x^2 sin x", "integral": "integral of x^2 from 0 to 2",
               "limit": "limit of sin(x)/x as x -> 0", "taylor": "taylor series of cos x",
               "chain_rule": "chain rule sin(x^2)", "fourier_series": "fourier series of a square wave",
               "geometric_series": "1/2 + 1/4 + 1/8", "harmonic_series": "harmonic series",
               "exponential_growth": "指数增长 dy/dt = 0.5y", "slope_field": "slope field dy/dx = x - y",
               "formula": "x^3 - 3x + 1"}[key]
    les = build(key, concept)
    out = render.render(quick(les.code, 0.15), Job.make(settings, "low", ["mp4"], tmp_path, name=key))
    assert out.ok, out.error
    assert Path(out.videos["mp4"]).stat().st_size > 10_000 and Path(out.poster).exists()


@pytest.mark.parametrize("concept", [
    "derivative of (x^5 + 3x^4 - 2x^3 + x^2 - 7x + 1)*sin(x)*exp(-x/3) at x = 2",
    "chain rule for (x^3 + 2x^2 - 5x + 7)^12",
    "fourier series of x with 5 terms",
    "a very long concept text that somebody typed about entropy and information theory in physics x^2 + 3",
])
def test_layout_stays_clean_with_long_formulas(concept, settings):
    from mathanim.layout import check_layout
    from mathanim.offline.engine import understand

    report = check_layout(understand(concept, settings).lesson.code, Job.make(settings))
    assert "error" not in report, report
    assert not report["defects"], report["defects"]


def test_long_taylor_polynomials_stay_readable_in_ascending_powers(settings):
    """The 9th-degree polynomial shows fewer terms ("+ ⋯ +") in ascending powers instead of shrinking below a
    readable size; the layout checker, whose minimum matches what is legible, finds nothing small."""
    from mathanim.layout import check_layout
    from mathanim.offline.engine import understand

    u = understand("taylor series of e^x to order 9", settings)
    assert u.topic == "taylor_series"
    assert r"1 + x + \frac{x^{2}}{2} + \cdots + \frac{x^{9}}{362880}" in u.lesson.code
    assert r"$P_{9}(x) = 1 + x + \frac{x^{2}}{2} + \frac{x^{3}}{6}" in u.lesson.notes_md  # the notes: every term
    report = check_layout(u.lesson.code, Job.make(settings))
    assert "error" not in report and not [d for d in report["defects"] if d["kind"] == "small"], report["defects"]


@pytest.mark.parametrize("concept, k", [
    ("exponential decay with k = 0.3", sp.Rational(-3, 10)),  # decay: y' = -0.3 y, not growth
    ("exponential decay", sp.Rational(-1, 2)),
    ("exponential growth with k = 0.3", sp.Rational(3, 10)),
    ("dy/dt = -0.5y", sp.Rational(-1, 2)),
    ("population growth 3%", sp.Rational(3, 100)),
])
def test_exponential_rate_and_its_sign_follow_the_words(concept, k):
    assert build("exponential_growth", concept).values["k"] == k
