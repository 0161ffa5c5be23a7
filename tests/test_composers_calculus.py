"""The relation_plot, sequence_sum and derivation composers: every catalogue entry that uses them composes a scene
(not the formula card) that passes the guard, compiles and is clean under ruff's F rules, with the key formula in
its notes; the values shown are sympy's, checked here against independent computations; the request's numbers
drive the scene (named, a percentage, a unit, the one number left) and the request's own function is the subject
of a derivation; a wrong derivation step is caught; one scene per composer renders at low quality and a handful
pass the layout checker without a defect and last a lesson, not a flash."""

from __future__ import annotations

import dataclasses
import functools
import re
import subprocess
import sys
from pathlib import Path
from types import MappingProxyType

import pytest
import sympy as sp
from conftest import require
from test_composers_discrete import english_on_screen

from mathanim import render
from mathanim.config import Settings
from mathanim.job import Job
from mathanim.layout import report, run_probe
from mathanim.offline import catalogue
from mathanim.offline.base import Lesson, Params
from mathanim.offline.composers import COMPOSERS, Ask, Unsupported, compose
from mathanim.offline.families.calculus import quick
from mathanim.offline.params import extract

OURS = ("relation_plot", "sequence_sum", "derivation")
ENTRIES = [e for e in catalogue.load() if e.composer in OURS]
CARD = "FORMULAS = ["  # a constant only the formula card's scene has
x, n = sp.Symbol("x"), sp.Symbol("n")


@functools.cache
def lesson(entry_id: str, request: str = "") -> Lesson:
    """The lesson of a catalogue entry for a request (its name when none), checked for what every lesson needs."""
    e = catalogue.by_id(entry_id)
    les = compose(e, extract(request) if request else Params(concept=e.name))
    name, err = render.prepare(les.code, None)
    assert err is None, (entry_id, err)
    assert name == les.scene_name
    compile(les.code, f"<{entry_id}>", "exec")
    return les


def values(entry_id: str, request: str = "") -> dict:
    return lesson(entry_id, request).values


def same(a, b, tol: float = 1e-9) -> bool:
    """Exactly equal, or equal to `tol` relative (for values sympy keeps as floats)."""
    a, b = sp.sympify(a), sp.sympify(b)
    if a == b:
        return True
    if a.has(sp.oo, -sp.oo, sp.zoo) or b.has(sp.oo, -sp.oo, sp.zoo):
        return False
    return sp.simplify(a - b) == 0 or abs(complex(sp.N(a - b))) <= tol * max(1.0, abs(complex(sp.N(b))))


def test_the_three_composers_are_registered():
    assert all(name in COMPOSERS for name in OURS)
    assert len(ENTRIES) >= 100


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_every_entry_composes_its_own_scene_with_its_formula_in_the_notes(entry):
    les = lesson(entry.id)
    assert les.family == entry.composer and les.title == entry.name
    assert CARD not in les.code, f"{entry.id} fell back to the formula card"
    assert entry.formulas[0].latex in les.notes_md and "## Worked example" in les.notes_md
    assert not re.search(r"(?<!np\.)\b(nan|inf)\b", les.code)
    assert min(int(s) for s in re.findall(r"font_size=(\d+)", les.code)) >= 20
    assert "RT = 1.0  #" in les.code  # quick() can shorten it
    assert les.reasoning[0].startswith(f"Catalogue entry: {entry.name}")


def test_every_scene_is_clean_under_ruffs_f_rules(tmp_path):
    ruff = Path(sys.executable).with_name("ruff")
    if not ruff.exists():
        ruff = Path(require("ruff"))
    for e in ENTRIES:
        (tmp_path / f"{e.id}.py").write_text(lesson(e.id).code, encoding="utf-8")
    out = subprocess.run([str(ruff), "check", "--no-cache", "--isolated", "--select", "F", "--ignore", "F403,F405",
                          str(tmp_path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-3000:]


@pytest.mark.parametrize("name", OURS)
def test_fewer_than_a_tenth_of_each_composers_entries_are_left_to_the_card(name):
    mine = [e for e in ENTRIES if e.composer == name]
    on_card = []
    for e in mine:
        try:
            COMPOSERS[name](Ask(e, Params(concept=e.name)))
        except Unsupported:
            on_card.append(e.id)
    assert len(on_card) < len(mine) / 10, on_card


# -- relation_plot ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("entry_id, key, expected", [
    ("optimization", "maxima", [(12, 3, 9), (20, 5, 25), (28, 7, 49)]),
    ("mean_value_theorem", "c", 1),
    ("area_between_curves", "area", sp.Rational(1, 6)),
    ("average_value_of_function", "mean", 2 / sp.pi),
    ("intermediate_value_theorem", "root", sp.nsolve(x**3 - x - 1, x, 1.3)),
    ("improper_integral", "integrals", [(1, sp.oo), (2, 1)]),
    ("prime_number_theorem", "primepi", 168),
    ("first_law_of_thermodynamics", "work", [(100, 100 * sp.log(sp.Rational(5, 2))),
                                              (200, 200 * sp.log(sp.Rational(5, 2)))]),
    ("continuity", "limits", [(0, 1, 1, 1), (1, 1, 2, 2)]),
])
def test_relation_highlights_are_sympys_values(entry_id, key, expected):
    got = values(entry_id)[key]
    if isinstance(expected, list):
        assert len(got) == len(expected)
        assert all(same(a, b, 1e-7) for g, w in zip(got, expected, strict=True) for a, b in zip(g, w, strict=True))
    else:
        assert same(got, expected, 1e-7), got


def test_relation_arc_length_and_wiens_constant():
    got = values("arc_length")
    k = sp.Float(0.6667)
    exact = sp.Integral(sp.sqrt(1 + (sp.Rational(3, 2) * k) ** 2 * x), (x, 0, 3)).evalf(10)
    assert same(got["arc_length"], exact, 1e-6)
    assert float(got["chords"][-1][1]) < float(exact) and float(got["chords"][0][1]) < float(got["chords"][-1][1])
    assert all(abs(float(p) - 2897.8) < 3 for p in values("wiens_law")["peak_products"])  # b = 14388 / 4.965


@pytest.mark.parametrize("entry_id, text, param, want, x_hi", [
    ("boyles_law", "Boyle's law with k = 5", "k", 5, 5),
    ("compound_interest", "compound interest at 5% for 10 years", "r", sp.Rational(1, 20), 30),
    ("radioactive_half_life", "half-life of 5730 years", "T", 5730, 28650),
    ("ideal_gas_law", "ideal gas law at T = 350 K", "T", 350, 0.05),
    ("ohms_law", "Ohm's law with a 20 ohm resistor", "R", 20, 2),
    ("carnot_efficiency", "Carnot efficiency with T_h = 500", "T_h", 500, 400),
])
def test_the_requests_numbers_drive_the_relation(entry_id, text, param, want, x_hi):
    got = values(entry_id, text)
    assert same(got["user"], want) and any(same(v, want) for v in got["values"])
    assert str(got["param"]) == param and got["x_range"][1] == pytest.approx(x_hi)
    assert f"{param} = " in lesson(entry_id, text).reasoning[1]


@pytest.mark.parametrize("text", ["RC circuit with R = 1 kΩ and C = 100 μF",
                                  "RC circuit: a 100 uF capacitor discharging through 1 kΩ"])
def test_numbers_typed_with_other_units_are_converted_and_the_axis_follows_the_time_constant(text):
    got = values("rc_circuit", text)  # the variables are in Ω and F: 1 kΩ is 1000, 100 μF is 1e-4
    t = next(v for v in got["expr"].free_symbols if v.name == "t")
    assert got["user"] == 1000 and same(got["expr"].subs({got["param"]: 1000, t: sp.Rational(1, 10)}), 12 / sp.E)
    # τ = RC = 0.1 s for the request's curve (the catalogue's middle curve has 2 s): the axis spans tenths
    assert got["x_range"] == pytest.approx((0, 1))
    assert "1 kΩ" in " ".join(lesson("rc_circuit", text).reasoning)


def test_a_line_through_two_points_is_solved_for_its_slope_and_intercept():
    got = values("slope_intercept_form", "slope of the line through (1, 2) and (3, 8)")
    x = next(iter(got["expr"].free_symbols - {got["param"]}))
    assert got["values"] == [3] and got["expr"].subs({got["param"]: 3, x: 1}) == 2 and got["at"] == 3
    vertical = lesson("slope_intercept_form", "a line through (2, 5) and (2, 7)")  # x = 2 is no y = mx + b
    assert vertical.values["user"] is None and "no curve" in " ".join(vertical.reasoning)


@pytest.mark.parametrize("text", ["log base 2 of 32", "log_2(32)", "log2 32"])
def test_log_base_b_of_x_marks_its_value(text):
    got = values("logarithm", text)
    assert (got["user"], got["at"]) == (2, 32) and "y(32) = 5" in lesson("logarithm", text).code


def test_the_value_at_the_requests_x_is_computed():
    got = values("compound_interest", "compound interest at 5% for 10 years")
    assert got["at"] == 10
    at = {sp.Rational(r): v for r, _, v in got["at_values"]}
    assert same(at[sp.Rational(1, 20)], 1000 * (1 + sp.Rational(1, 240)) ** 120)
    assert "A(10)" in lesson("compound_interest", "compound interest at 5% for 10 years").code


def test_numbers_that_are_not_the_parameters_are_left_alone():
    assert values("newtons_second_law", "Newton's 2nd law")["user"] is None  # "2nd" is not m = 2
    # a lone number of a constant's size is that constant: the principal, not the compounding periods
    assert "P = 2000" in " ".join(lesson("compound_interest", "compound interest 2000 at 4% for 5 years").reasoning)
    # "by 10 degrees" is a temperature change, not a specific heat of 10 J/(kg K)
    assert values("specific_heat_capacity", "specific heat: heating 2 kg of water by 10 degrees")["user"] is None
    got = values("normal_distribution", "normal distribution with sigma = -3")  # not a real curve: refused
    assert got["user"] is None and "not usable" in " ".join(lesson("normal_distribution",
                                                                   "normal distribution with sigma = -3").reasoning)


# -- sequence_sum -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("entry_id, check", [
    ("arithmetic_sequence", lambda v: v["terms"][:3] == [2, 5, 8] and v["sums"][-1] == 155),
    ("geometric_series", lambda v: v["limit"] == 1 and v["sums"][-1] == 1 - sp.Rational(1, 2**10)),
    ("taylor_series", lambda v: v["limit"] == sp.E and same(v["sums"][-1], sum(1 / sp.factorial(k) for k in range(10)))),
    ("harmonic_series", lambda v: v["sums"][-1] == sp.harmonic(20) and v["limit"] is None),
    ("newtons_method", lambda v: v["terms"][:3] == [1, sp.Rational(3, 2), sp.Rational(17, 12)]
     and v["limit"] == sp.sqrt(2)),
    ("euler_method", lambda v: v["terms"] == [sp.Rational(11, 10) ** k for k in range(10)] and v["exact"] == sp.exp(x)),
    ("tower_of_hanoi", lambda v: v["terms"] == [2**k - 1 for k in range(8)]),
    ("golden_ratio", lambda v: same(v["limit"], (1 + sp.sqrt(5)) / 2)
     and v["terms"][-1] == sp.fibonacci(13) / sp.fibonacci(12)),
    ("ratio_test", lambda v: same(v["ratio"], 2 / (n + 1)) and v["ratio_limit"] == 0),
    ("definite_integral", lambda v: v["terms"][3] == sp.Rational(5 * 9, 6 * 16) and v["limit"] == sp.Rational(1, 3)),
    ("catalan_numbers", lambda v: v["terms"] == [sp.catalan(k) for k in range(8)]),
    ("fourier_series", lambda v: v["limit"] == 1 and same(v["sums"][0], 4 * sp.sin(1) / sp.pi)),
])
def test_sequence_values_are_sympys(entry_id, check):
    assert check(values(entry_id)), values(entry_id)


def test_a_geometric_sequence_takes_its_first_term_and_ratio_from_words():
    v = values("geometric_sequence", "geometric series with first term 5 and common ratio 0.2")
    assert v["terms"][:3] == [5, 1, sp.Rational(1, 5)] and v["limit"] == sp.Rational(25, 4)


@pytest.mark.parametrize("entry_id, text, consts, last", [
    ("arithmetic_sequence", "the sum of the arithmetic sequence 3, 7, 11, ... to 20 terms", {"a_1": 3, "d": 4}, 820),
    ("geometric_sequence", "geometric sequence 2, 6, 18, 54", {"a_1": 2, "r": 3}, 2 * (3 ** 8 - 1) // 2),
])
def test_listed_terms_fix_the_sequences_constants(entry_id, text, consts, last):
    v = values(entry_id, text)
    assert v["sums"][-1] == last and all(f"{k} = {c}" in " ".join(lesson(entry_id, text).reasoning)
                                         for k, c in consts.items())


def test_listed_terms_that_break_the_rule_are_said_and_not_used():
    les = lesson("arithmetic_sequence", "arithmetic sequence 1, 2, 4, 8")
    assert "do not follow" in " ".join(les.reasoning) and les.values["terms"][:3] == [2, 5, 8]


def test_tower_of_hanoi_with_n_disks_ends_at_t_n():
    assert values("tower_of_hanoi", "Tower of Hanoi with 4 disks")["terms"][-1] == 15


def test_the_requests_numbers_drive_the_sequence():
    got = values("arithmetic_sequence", "arithmetic sequence with a_1 = 5, d = 2")
    assert got["terms"][:3] == [5, 7, 9] and got["sums"][-1] == sum(5 + 2 * k for k in range(10))
    assert len(values("fibonacci_sequence", "fibonacci sequence, 15 terms")["terms"]) == 15
    assert values("newtons_method", "newton's method with x_0 = 2")["terms"][1] == sp.Rational(3, 2)


def test_newtons_method_runs_on_the_requests_function():
    got = values("newtons_method", "Newton's method for x^2 - 3")
    assert got["terms"][:3] == [1, 2, sp.Rational(7, 4)] and got["limit"] == sp.sqrt(3)
    assert r"f(x) = x^{2} - 3" in lesson("newtons_method", "Newton's method for x^2 - 3").code
    assert values("newtons_method", "Newton's method for x^2 + 1")["limit"] == sp.sqrt(2)  # no real root: refused


def test_the_sequence_panel_shows_the_closed_form_and_the_limit():
    code = lesson("sums_of_powers").code
    assert r"S_n = \\frac{n \\left(n + 1\\right) \\left(2 n + 1\\right)}{6}" in code
    assert r"S_n \\to 1" in lesson("geometric_series").code and "LIMIT = [1.0]" in lesson("geometric_series").code


# -- derivation ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, roots, last", [
    ("solve x^2 - 5x + 6 = 0", {2, 3}, "x_1 = 2"),
    ("the quadratic formula for 2x^2 + 3x - 2 = 0", {-2, sp.Rational(1, 2)}, "frac{1}{2}"),
    ("solve x^2 - 4x + 4 = 0", {2}, "double root"),
    ("solve x^2 + 2x + 5 = 0", {-1 - 2 * sp.I, -1 + 2 * sp.I}, "no real roots"),
])
def test_the_requests_own_quadratic_is_solved_with_the_formula(text, roots, last):
    les = lesson("quadratic_formula", text)
    assert set(les.values["result"]) == roots and les.values["checked"] and les.values["own"]
    assert last in les.code and "Delta" in les.code  # the discriminant line, then the roots


def test_a_derivation_that_is_not_about_the_requests_formula_says_so():
    les = lesson("product_rule", "product rule for x^2 + 1")  # no product: the entry's own example
    assert "not built for the request's x**2 + 1" in " ".join(les.reasoning)
    assert "not built" not in " ".join(lesson("quadratic_formula").reasoning)


def test_every_derivation_is_checked_by_sympy():
    for e in (e for e in ENTRIES if e.composer == "derivation"):
        assert values(e.id)["checked"] is True, e.id
        assert r"\checkmark" in lesson(e.id).code


@pytest.mark.parametrize("entry_id, text, subject, result, own", [
    ("derivatives_of_trig_functions", "show that the derivative of sin x is cos x", sp.sin(x), sp.cos(x), False),
    ("derivatives_of_trig_functions", "derivative of cos x from first principles", sp.cos(x), -sp.sin(x), True),
    ("derivative", "derivative of x^4 from first principles", x**4, 4 * x**3, True),
    ("product_rule", "product rule for x^3 e^x", x**3 * sp.exp(x), sp.diff(x**3 * sp.exp(x), x), True),
    ("quotient_rule", "quotient rule (x^2+1)/(x-1)", (x**2 + 1) / (x - 1), sp.diff((x**2 + 1) / (x - 1), x), True),
    ("chain_rule", "chain rule for cos(3x^2)", sp.cos(3 * x**2), -6 * x * sp.sin(3 * x**2), True),
    ("fundamental_theorem_of_calculus", "integrate x^2 from 0 to 2", x**2, sp.Rational(8, 3), True),
    ("antiderivative", "antiderivative of sin x", sp.sin(x), -sp.cos(x), True),
])
def test_the_subject_is_the_requests_function(entry_id, text, subject, result, own):
    v = values(entry_id, text)
    assert same(v["subject"], subject) and same(v["result"], result) and v["own"] is own and v["checked"] is True
    if own:
        assert "own function" in " ".join(lesson(entry_id, text).reasoning)


def test_the_product_rule_shows_the_rule_itself():
    steps = values("product_rule", "product rule for x^3 e^x")["steps"]
    assert len(steps) == 3 and len(steps[1].atoms(sp.Derivative)) == 2


def test_a_wrong_step_is_caught_and_the_card_is_shown():
    e = catalogue.by_id("completing_the_square")
    bad = dataclasses.replace(e, settings=MappingProxyType({"steps": ["x**2 + 6*x + 5", "(x + 3)**2 - 5"]}))
    with pytest.raises(Unsupported):
        COMPOSERS["derivation"](Ask(bad, Params(concept=e.name)))
    assert CARD in compose(bad, Params(concept=e.name)).code


@pytest.mark.parametrize("entry_id, shown", [
    ("linear_equation", r"x = 5\ \text{solves}"),
    ("linear_inequality", r"\text{sympy: same solution set}"),
    ("implicit_differentiation", r"\frac{dy}{dx} = \frac{-x}{y}"),
    ("related_rates", r"\frac{dV}{dt} = 4 \pi r^{2} \frac{dr}{dt}"),
    ("separable_differential_equation", r"\text{solves the equation}"),
    ("lagrange_multipliers", r"x = 5,\ y = 5\ \text{satisfy}"),
])
def test_equations_are_checked_by_what_solves_them(entry_id, shown):
    assert values(entry_id)["checked"] is True and shown in lesson(entry_id).code


def test_a_wrong_solution_is_caught():
    e = catalogue.by_id("implicit_differentiation")
    bad = dataclasses.replace(e, settings=MappingProxyType({"steps": ["Eq(x**2 + y**2, 25)", "Eq(dydx, x/y)"]}))
    with pytest.raises(Unsupported):
        COMPOSERS["derivation"](Ask(bad, Params(concept=e.name)))


# -- rendering and layout -----------------------------------------------------------------------------------------

# one scene per composer renders; one more per composer (another template branch) goes through the layout checker
RENDERED = [("compound_interest", "compound interest at 5% for 10 years"), ("taylor_series", ""), ("derivative", "")]
LAID_OUT = [("continuity", ""), ("harmonic_series", ""), ("quotient_rule", "")]


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> Settings:
    """One media folder for the module's renders: the engine's scenes are trusted, so their TeX is compiled once."""
    return Settings.load(env={"MATHANIM_MEDIA_DIR": str(tmp_path_factory.mktemp("media"))}, dotenv=False)


@pytest.mark.parametrize("entry_id, text", RENDERED)
def test_scene_renders_for_real(entry_id, text, shared, tmp_path):
    les = lesson(entry_id, text)
    res = render.render(quick(les.code, 0.1), Job.make(shared, "low", ["mp4"], tmp_path, name=entry_id, trusted=True))
    assert res.ok, res.error
    assert Path(res.videos["mp4"]).stat().st_size > 10_000


@pytest.mark.parametrize("entry_id, text", LAID_OUT)
def test_scene_layout_has_no_defect_and_lasts_a_lesson(entry_id, text, shared):
    run = run_probe(lesson(entry_id, text).code, Job.make(shared, trusted=True))
    rep = report(run)
    assert "error" not in rep, rep.get("error")
    assert rep["defects"] == [], [d["message"] for d in rep["defects"]]
    assert rep["animations"] >= 6 and 8 <= run.duration <= 22, (rep["animations"], run.duration)


# -- a Chinese request: a Chinese title, LaTeX formulas and no English word on screen (the discrete test's checker) --

@pytest.mark.parametrize("entry_id", ["compound_interest", "harmonic_series", "quotient_rule", "mass_energy_equivalence"])
def test_a_chinese_request_gets_a_chinese_scene(entry_id):
    e = catalogue.by_id(entry_id)
    les = compose(e, extract(e.name_zh))
    assert les.title == e.name_zh and les.title in les.code
    assert english_on_screen(les.code) == [], entry_id


def test_a_chinese_formula_card_shows_symbols_and_the_result_in_chinese():
    e = catalogue.by_id("mass_energy_equivalence")
    code = COMPOSERS["formula_card"](Ask(e, extract(e.name_zh))).code
    assert "'E [J]'" in code and "例题结果：" in code and english_on_screen(code) == []
