"""Probability, physics and algorithm families: values against sympy or independent checks, notes, code, renders.

Every family is built with default Params, with custom Params (one in Chinese) and with odd values; the computed
values are compared with sympy (or, for the algorithms, a plain independent implementation); the notes must carry
the values; the code must pass the guard; and every family is rendered once for real at preset "low".
"""

from __future__ import annotations

import bisect
import itertools
import math
import time
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction
from pathlib import Path

import pytest
import sympy as sp

from mathanim import render
from mathanim.config import Settings
from mathanim.job import Job
from mathanim.offline.base import Params, families
from mathanim.offline.common import num
from mathanim.offline.params import extract

KEYS = ["binomial", "normal_distribution", "central_limit", "bayes", "simple_harmonic", "projectile",
        "gradient_surface", "sieve", "binary_search", "stable_matching"]
x, y = sp.symbols("x y", real=True)


def build(key: str, concept: str = "", language: str = "en", **kw):
    return families()[key].build(Params(concept=concept or key, language=language, **kw))


def close(a, b, tol=1e-9) -> bool:
    return abs(float(sp.N(a)) - float(sp.N(b))) < tol


def check_common(lesson, key: str, zh: bool = False) -> None:
    """Guard accepts the code, notes have every section, the reasoning has a storyboard."""
    name, err = render.prepare(lesson.code, None)
    assert err is None, err
    assert name == lesson.scene_name
    assert lesson.family == key
    heads = ["## 定义", "## 直观理解", "## 动画时间线", "## 练习", "## 答案"] if zh else \
        ["## Definition", "## Intuition", "## Worked example", "## What the animation shows", "## Answer"]
    for h in heads:
        assert h in lesson.notes_md, h
    assert ("分镜：" if zh else "Storyboard:") in lesson.reasoning
    assert lesson.reasoning[0].startswith("识别为" if zh else "Recognised")


def test_all_ten_families_registered_with_aliases_in_both_languages():
    fams = families()
    for key in KEYS:
        fam = fams[key]
        assert fam.title_en and fam.title_zh and len(fam.description) > 40
        assert any(all(ord(ch) < 128 for ch in a) for a in fam.aliases)
        assert any(any(ord(ch) > 0x3000 for ch in a) for a in fam.aliases)


# ---------------------------------------------------------------------------------------------------- binomial

def binom_pmf(n, p):
    return [sp.binomial(n, k) * p ** k * (1 - p) ** (n - k) for k in range(n + 1)]


def test_binomial_default_matches_sympy():
    les = build("binomial")
    v = les.values
    p = sp.Rational(3, 10)
    assert v["pmf"] == binom_pmf(10, p)
    assert v["mean"] == 3 and v["variance"] == sp.Rational(21, 10)
    assert v["mode"] == 3 and v["p_mode"] == sp.binomial(10, 3) * p ** 3 * (1 - p) ** 7
    for s in ("2.1", "1.449", num(v["p_mode"])):
        assert s in les.notes_md
    check_common(les, "binomial")


def test_binomial_custom_chinese_and_odd_values():
    les = build("binomial", "二项分布 n=8, p=0.5", "zh", numbers={"n": 8, "p": 0.5})
    assert les.values["pmf"] == binom_pmf(8, sp.Rational(1, 2)) and les.values["mean"] == 4
    assert les.title == "二项分布" and "方差" in les.notes_md
    check_common(les, "binomial", zh=True)
    odd = build("binomial", numbers={"n": 0, "p": 1.5})
    assert odd.values["n"] == 1 and odd.values["p"] == 1  # clamped, and said so
    assert odd.values["pmf"] == [0, 1] and odd.values["variance"] == 0
    assert any("clamped" in r for r in odd.reasoning)
    pct = build("binomial", "n = 20 trials with 30% success", numbers={"n": 20, "p": 30})
    assert pct.values["p"] == sp.Rational(3, 10) and pct.values["mean"] == 6
    check_common(odd, "binomial")


# ---------------------------------------------------------------------------------------------------- normal

def test_normal_default_and_rule():
    les = build("normal_distribution")
    v = les.values
    assert close(v["prob"], sp.erf(1 / sp.sqrt(2)))
    assert [round(r, 4) for r in v["rule_float"]] == [0.6827, 0.9545, 0.9973]
    assert "0.6827" in les.notes_md and "0.9973" in les.notes_md
    check_common(les, "normal_distribution")


def test_normal_custom_chinese_and_odd():
    les = build("normal_distribution", "正态分布", "zh", numbers={"mu": 100, "sigma": 15}, bounds=(85, 130))
    want = (sp.erf(sp.Rational(30, 15) / sp.sqrt(2)) - sp.erf(sp.Rational(-15, 15) / sp.sqrt(2))) / 2
    assert close(les.values["prob"], want)
    assert num(want) in les.notes_md
    check_common(les, "normal_distribution", zh=True)
    odd = build("normal_distribution", numbers={"sigma": 0, "a": 3, "b": -1})
    assert odd.values["sigma"] == sp.Rational(1, 100)
    assert (odd.values["a"], odd.values["b"]) == (-1, 3)
    assert close(odd.values["prob"], (sp.erf(300 / sp.sqrt(2)) + sp.erf(100 / sp.sqrt(2))) / 2)
    check_common(odd, "normal_distribution")
    tail = build("normal_distribution", bounds=(float("-inf"), 1))  # a one-sided interval: P(X < 1)
    assert tail.values["a"] == -sp.oo and close(tail.values["prob"], (1 + sp.erf(1 / sp.sqrt(2))) / 2)
    assert r"-\infty" in tail.code and r"-\infty" in tail.notes_md
    check_common(tail, "normal_distribution")


# ---------------------------------------------------------------------------------------------------- CLT

def test_central_limit_default_exponential():
    les = build("central_limit")
    v = les.values
    assert v["mu"] == 1 and v["variance"] == 1 and v["ns"] == [1, 2, 5, 30]
    assert [sp.simplify(s - 1 / sp.sqrt(k)) for k, s in zip(v["ns"], v["se"], strict=True)] == [0] * 4
    assert "0.1826" in les.notes_md and "default_rng(7)" in les.code
    check_common(les, "central_limit")


def test_central_limit_uniform_chinese_and_odd():
    les = build("central_limit", "均匀分布的中心极限定理", "zh", numbers={"n": 12})
    u = sp.stats.Uniform("U", 0, 1)
    assert les.values["uniform"] and les.values["variance"] == sp.stats.variance(u) == sp.Rational(1, 12)
    assert les.values["se"][-1] == sp.sqrt(sp.Rational(1, 144)) and les.values["ns"] == [1, 2, 5, 12]
    assert "rng.uniform" in les.code and "1/12" in les.notes_md.replace("\\frac{1}{12}", "1/12")
    check_common(les, "central_limit", zh=True)
    assert build("central_limit", numbers={"n": 0}).values["ns"] == [1, 2]
    assert build("central_limit", numbers={"n": 10 ** 6}).values["n"] == 100


# ---------------------------------------------------------------------------------------------------- Bayes

def bayes(prev, sens, fpr) -> Fraction:
    prev, sens, fpr = Fraction(str(prev)), Fraction(str(sens)), Fraction(str(fpr))
    return sens * prev / (sens * prev + fpr * (1 - prev))


def test_bayes_default_posterior_exact():
    les = build("bayes")
    post = les.values["posterior"]
    assert isinstance(post, sp.Rational) and Fraction(int(post.p), int(post.q)) == bayes(0.01, 0.9, 0.09)
    assert (les.values["sick"], les.values["true_pos"], les.values["false_pos"]) == (10, 9, 89)
    assert num(post) in les.notes_md and sp.latex(post) in les.notes_md
    check_common(les, "bayes")


def test_bayes_custom_chinese_percent_and_odd():
    les = build("bayes", "贝叶斯定理 患病率 2%", "zh",
                numbers={"prevalence": 2, "sensitivity": 0.95, "false_positive": 0.05})
    post = les.values["posterior"]
    assert Fraction(int(post.p), int(post.q)) == bayes(0.02, 0.95, 0.05)
    assert num(post) in les.notes_md
    check_common(les, "bayes", zh=True)
    # as the parameter extractor leaves it: the first bare percentage became p; the words decide
    worded = build("bayes", "a test with 95% sensitivity and 5% false positives for a disease with 0.5% prevalence",
                   numbers={"p": 0.95})
    assert worded.values["posterior"] == bayes(0.005, 0.95, 0.05)
    zh_worded = build("bayes", "患病率 2%，灵敏度 99%，特异度 95%", "zh", numbers={"p": 0.02, "specificity": 0.95})
    assert zh_worded.values["posterior"] == bayes(0.02, 0.99, 0.05) and zh_worded.values["fpr"] == sp.Rational(1, 20)
    odd = build("bayes", numbers={"prevalence": -3, "sensitivity": 1.5, "fpr": 0})
    assert odd.values["sensitivity"] == 1 and odd.values["posterior"] == 1  # no false positives: certain
    check_common(odd, "bayes")


# ---------------------------------------------------------------------------------------------------- SHM

def test_simple_harmonic_default_and_custom():
    les = build("simple_harmonic")
    v = les.values
    assert v["omega"] == 2 and v["period"] == sp.pi and v["x_t"] == sp.cos(2 * sp.Symbol("t", real=True))
    assert "3.142" in les.notes_md
    check_common(les, "simple_harmonic")
    zh = build("simple_harmonic", "简谐运动", "zh", numbers={"k": 9, "m": 4, "A": 0.5})
    assert zh.values["omega"] == sp.Rational(3, 2) and close(zh.values["period"], 4 * sp.pi / 3)
    assert zh.values["v_max"] == sp.Rational(3, 4) and num(4 * sp.pi / 3) in zh.notes_md
    check_common(zh, "simple_harmonic", zh=True)
    odd = build("simple_harmonic", numbers={"m": 0, "k": -5})
    assert odd.values["m"] == sp.Rational(1, 100) and odd.values["k"] == sp.Rational(1, 100)
    assert odd.values["omega"] == 1
    params = Params(concept="spring with omega = 5", numbers={"omega": 5, "m": 2})
    by_omega = families()["simple_harmonic"].build(params)
    assert by_omega.values["k"] == 50 and by_omega.values["omega"] == 5 and params.numbers == {"omega": 5, "m": 2}


def test_simple_harmonic_pendulum_variant():
    les = build("simple_harmonic", "单摆 L = 2 m", "zh", numbers={"L": 2})
    v = les.values
    assert v["pendulum"] and v["omega"] == sp.sqrt(sp.Rational(49, 5) / 2)
    assert close(v["period"], 2 * math.pi * math.sqrt(2 / 9.8)) and num(v["period"]) in les.notes_md
    assert "bob_at" in les.code and "spring()" not in les.code
    check_common(les, "simple_harmonic", zh=True)
    wide = build("simple_harmonic", "pendulum", numbers={"theta": 80, "L": 0})
    assert wide.values["A"] == 30 and wide.values["L"] == sp.Rational(1, 20)  # small-angle model: clamped


# ---------------------------------------------------------------------------------------------------- projectile

def projectile_formulas(v0, deg, g=9.8):
    th = math.radians(deg)
    return 2 * v0 * math.sin(th) / g, v0 ** 2 * math.sin(2 * th) / g, (v0 * math.sin(th)) ** 2 / (2 * g)


def test_projectile_default_and_custom():
    for kw, lang in (({}, "en"), ({"v0": 35, "angle": 30}, "zh"), ({"v0": -4, "angle": 95}, "en")):
        les = build("projectile", "抛体运动" if lang == "zh" else "", lang, numbers=kw)
        v = les.values
        T, R, H = projectile_formulas(float(v["v0"]), float(v["angle"]))
        assert close(v["flight_time"], T) and close(v["range"], R) and close(v["max_height"], H)
        for val in (v["flight_time"], v["range"], v["max_height"]):
            assert num(val) in les.notes_md
        check_common(les, "projectile", zh=lang == "zh")
    assert v["v0"] == sp.Rational(1, 2) and v["angle"] == 85  # the odd values were clamped
    assert build("projectile").values["flight_time"] == sp.sqrt(2) * 20 / sp.Rational(49, 5)
    moon = build("projectile", "projectile on the moon", numbers={"v0": 10, "angle": 45, "g": 1.62})
    assert close(moon.values["range"], 100 / 1.62) and "1.62" in moon.notes_md


def from_text(key: str, concept: str):
    """The family's lesson for `concept` with its numbers read as the engine reads them (extract)."""
    return families()[key].build(extract(concept))


@pytest.mark.parametrize("concept, v0, deg, g", [
    ("a ball thrown at 30 m/s", 30, 45, 9.8),  # the issue's own example: the speed comes with its unit
    ("a ball thrown at 72 km/h at 30°", 20, 30, 9.8),
    ("projectile on the moon: 10 m/s at 45 degrees with gravity 1.6 m/s²", 10, 45, 1.6),
    ("v0 = 12 m/s, angle 60°", 12, 60, 9.8),
])
def test_projectile_reads_speeds_and_gravity_with_their_units(concept, v0, deg, g):
    v = from_text("projectile", concept).values
    assert (float(v["v0"]), float(v["angle"]), float(v["g"])) == (v0, deg, g)
    T, R, H = projectile_formulas(v0, deg, g)
    assert close(v["flight_time"], T) and close(v["range"], R) and close(v["max_height"], H)


def test_normal_distribution_reads_mean_and_standard_deviation_in_words():
    v = from_text("normal_distribution", "normal distribution with mean 100 and standard deviation 15").values
    assert (v["mu"], v["sigma"]) == (100, 15)


@pytest.mark.parametrize("concept, n, p, k", [
    ("probability of getting 3 heads in 5 coin flips", 5, sp.Rational(1, 2), 3),  # a coin is fair: not p = 0.3
    ("binomial: 2 sixes in 10 rolls of a die", 10, sp.Rational(1, 6), 2),
    ("抛 6 次硬币恰好 2 次正面的概率", 6, sp.Rational(1, 2), 2),
    ("8 tosses of a coin with p = 0.7: exactly 6 heads", 8, sp.Rational(7, 10), 6),  # a named p wins
])
def test_binomial_reads_the_coin_or_die_and_marks_the_asked_k(concept, n, p, k):
    v = from_text("binomial", concept).values
    assert (v["n"], v["p"], v["mode"], v["asked"]) == (n, p, k, True)
    assert v["p_mode"] == sp.binomial(n, k) * p ** k * (1 - p) ** (n - k)


@pytest.mark.parametrize("concept, target", [
    ("binary search for 7 in [1, 3, 5, 7, 9, 11]", 7), ("binary search for 4 in [1, 3, 5, 7, 9, 11]", 4),
    ("二分查找 [1, 3, 5, 7, 9] 中的 9", 9), ("binary search [2, 4, 6, 8] target = 6", 6),
])
def test_binary_search_target_is_the_number_outside_the_list(concept, target):
    v = from_text("binary_search", concept).values
    assert v["target"] == target and (v["array"][v["index"]] == target if v["index"] >= 0 else target not in v["array"])


def test_simple_harmonic_reads_mass_stiffness_and_amplitude_by_their_units():
    v = from_text("simple_harmonic", "a 0.5 kg mass on a 200 N/m spring, amplitude 0.1 m").values
    assert (v["m"], v["k"], v["A"]) == (sp.Rational(1, 2), 200, sp.Rational(1, 10))
    assert v["omega"] == 20  # sqrt(200 / 0.5)
    pend = from_text("simple_harmonic", "a pendulum 2.5 m long released at 8 degrees").values
    assert pend["pendulum"] and (pend["L"], pend["A"]) == (sp.Rational(5, 2), 8)


# ---------------------------------------------------------------------------------------------------- gradient

def test_gradient_default_and_custom_expression():
    les = build("gradient_surface")
    assert les.values["grad"] == (2 * x, 2 * y) and les.values["grad_at_point"] == (2, 1)
    assert les.values["grad_norm"] == sp.sqrt(5) and "2.236" in les.notes_md
    assert "class GradientSurfaceScene(ThreeDScene)" in les.code
    check_common(les, "gradient_surface")
    f = sp.sin(x) * y
    zh = build("gradient_surface", "梯度 sin(x) y", "zh", expr=f)
    assert zh.values["grad"] == (sp.diff(f, x), sp.diff(f, y))
    assert zh.values["grad_at_point"] == (sp.cos(1) / 2, sp.sin(1))
    assert "math.sin" in zh.code
    check_common(zh, "gradient_surface", zh=True)
    plain = sp.Symbol("x") ** 2 - sp.Symbol("y") ** 2  # symbols without assumptions are accepted too
    assert build("gradient_surface", expr=plain).values["grad"] == (2 * x, -2 * y)


def test_gradient_rejects_unusable_expressions():
    for e in (1 / x, sp.Symbol("z") ** 2, sp.log(x)):
        les = build("gradient_surface", expr=e)
        assert les.values["f"] == x ** 2 + y ** 2
        assert any("x^2 + y^2" in r for r in les.reasoning)


# ---------------------------------------------------------------------------------------------------- sieve

def naive_primes(n):
    return [k for k in range(2, n + 1) if all(k % d for d in range(2, math.isqrt(k) + 1))]


def test_sieve_values_and_odd_n():
    les = build("sieve")
    assert les.values["primes"] == naive_primes(50) == list(sp.primerange(2, 51))
    assert les.values["count"] == 15 and les.values["sieving_primes"] == [2, 3, 5, 7]
    crossed = sorted(m for _, ms in les.values["steps"] for m in ms)
    assert crossed == [k for k in range(4, 51) if k not in naive_primes(50)]  # each composite exactly once
    assert r"\pi(50) = 15" in les.notes_md and "47" in les.notes_md
    check_common(les, "sieve")
    zh = build("sieve", "埃拉托斯特尼筛法 N=100", "zh", numbers={"N": 100})
    assert zh.values["count"] == 25 and zh.values["exercise"] == 46
    check_common(zh, "sieve", zh=True)
    assert build("sieve", numbers={"N": 0}).values["N"] == 10
    assert build("sieve", numbers={"N": 10 ** 5}).values["primes"] == naive_primes(200)


# ---------------------------------------------------------------------------------------------------- binary search

def check_search(v):
    arr, tgt, steps = v["array"], v["target"], v["steps"]
    i = bisect.bisect_left(arr, tgt)
    want = i if i < len(arr) and arr[i] == tgt else -1
    assert v["index"] == want and v["comparisons"] == len(steps) <= math.floor(math.log2(len(arr))) + 1
    for lo, mid, hi, _ in steps:  # the window always holds the target's insertion point
        assert lo <= mid <= hi and lo <= i <= hi + 1


def test_binary_search_default_custom_absent():
    les = build("binary_search")
    check_search(les.values)
    assert les.values["index"] >= 0 and les.values["array"] == sorted(les.values["array"])
    check_common(les, "binary_search")
    zh = build("binary_search", "二分查找", "zh", vectors=[[9, 3, 7, 1, 11, 5, 3]], numbers={"target": 6})
    assert zh.values["array"] == [1, 3, 5, 7, 9, 11] and zh.values["index"] == -1
    check_search(zh.values)
    assert "未找到" in zh.notes_md or "不在" in "".join(zh.reasoning)
    check_common(zh, "binary_search", zh=True)
    junk = build("binary_search", vectors=[[float("nan"), 4, float("inf"), 1e300, 2]], numbers={"target": 4})
    assert junk.values["array"] == [2, 4] and junk.values["index"] == 1
    big = build("binary_search", vectors=[list(range(50, 0, -1))], numbers={"target": 1})
    assert len(big.values["array"]) == 20 and big.values["index"] == 0
    check_search(big.values)


# ---------------------------------------------------------------------------------------------------- stable matching

def blocking_pairs(pa, pb, match):
    n, partner_of = len(pa), {b: a for a, b in enumerate(match)}
    return [(a, b) for a in range(n) for b in range(n)
            if pa[a].index(b) < pa[a].index(match[a]) and pb[b].index(a) < pb[b].index(partner_of[b])]


def proposer_optimal(pa, pb):
    stable = [m for m in itertools.permutations(range(len(pa))) if not blocking_pairs(pa, pb, m)]
    return [min((m[a] for m in stable), key=pa[a].index) for a in range(len(pa))]


@pytest.mark.parametrize("n,seed,lang", [(None, None, "en"), (3, 11, "zh"), (5, 2, "en"), (9, 5, "en"), (0, 1, "en")])
def test_stable_matching_is_stable_and_proposer_optimal(n, seed, lang):
    numbers = {k: v for k, v in (("n", n), ("seed", seed)) if v is not None}
    les = build("stable_matching", "稳定匹配" if lang == "zh" else "", lang, numbers=numbers)
    v = les.values
    assert v["n"] == min(max(4 if n is None else n, 2), 5)
    assert sorted(v["matching"]) == list(range(v["n"]))
    assert blocking_pairs(v["pref_a"], v["pref_b"], v["matching"]) == []
    assert v["matching"] == proposer_optimal(v["pref_a"], v["pref_b"])
    assert v["proposals"] <= v["n"] ** 2 - v["n"] + 1
    pairs = [f"${v['names_a'][a]}$–${v['names_b'][b]}$" for a, b in enumerate(v["matching"])]
    assert all(p in les.notes_md for p in pairs)
    check_common(les, "stable_matching", zh=lang == "zh")


# ---------------------------------------------------------------------------------------------------- real renders

RENDER_CASES = {
    "binomial": dict(concept="二项分布", language="zh", numbers={"n": 12, "p": 0.4}),
    "normal_distribution": dict(numbers={"mu": 100, "sigma": 15}, bounds=(85, 130)),
    "central_limit": dict(),
    "bayes": dict(concept="贝叶斯定理", language="zh"),
    "simple_harmonic": dict(numbers={"k": 9, "m": 1}),
    "projectile": dict(),
    "gradient_surface": dict(),
    "sieve": dict(numbers={"N": 30}),
    "binary_search": dict(language="zh", numbers={"target": 40}),
    "stable_matching": dict(numbers={"n": 3}),
}


@pytest.fixture(scope="module")
def renders(tmp_path_factory):
    """Render every family once at preset "low", two at a time (each render is one sandboxed manim process)."""
    base = tmp_path_factory.mktemp("ppa_renders")
    settings = Settings.load(env={"MATHANIM_MEDIA_DIR": str(base / "media")}, dotenv=False)

    def one(key):
        kw = dict(RENDER_CASES[key])
        les = build(key, kw.pop("concept", ""), kw.pop("language", "en"), **kw)
        t0 = time.monotonic()
        res = render.render(les.code, Job.make(settings, "low", ["mp4"], base / key))
        return key, (res, time.monotonic() - t0)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(one, KEYS))


@pytest.mark.parametrize("key", KEYS)
def test_every_family_renders_at_low(renders, key):
    res, seconds = renders[key]
    assert res.ok, res.error
    mp4 = Path(res.videos["mp4"])
    assert mp4.exists() and mp4.stat().st_size > 10_000
    assert res.poster and Path(res.poster).stat().st_size > 1000
    assert 6 <= res.stats["duration"] <= 20, res.stats  # a short lesson, not a flash or a film
    print(f"{key}: rendered {res.stats['duration']:.1f} s of video in {seconds:.1f} s")


def test_odd_inputs_never_raise_and_always_give_guarded_code():
    """100 seeded random Params with hostile numbers (NaN, inf, huge, negative, zero) build and pass the guard."""
    import random

    rng = random.Random(1)
    names = ["n", "p", "k", "m", "A", "L", "v0", "angle", "mu", "sigma", "a", "b", "target", "N", "seed",
             "prevalence", "sensitivity", "fpr", "specificity", "omega", "g", "phi", "theta"]
    vals = [0, -1, 1, 0.5, 1.5, 100, -1e9, 1e9, float("nan"), float("inf"), 1e-12, 3, 37, 0.999]
    exprs = [x ** 2 + y, sp.exp(x * y), sp.tan(x), 1 / (x - y), sp.sqrt(x), sp.Integer(3), sp.Abs(x) + y]
    for i in range(100):
        kw = {"numbers": {nm: rng.choice(vals) for nm in rng.sample(names, 5)}, "language": rng.choice(["en", "zh"])}
        if rng.random() < 0.3:
            kw["bounds"] = (rng.choice(vals), rng.choice(vals))
        if rng.random() < 0.3:
            kw["vectors"] = [[rng.choice(vals) for _ in range(rng.randint(0, 6))]]
        if rng.random() < 0.3:
            kw["expr"] = rng.choice(exprs)
        les = build(KEYS[i % 10], rng.choice(["", "pendulum", "uniform", "50%", "单摆"]), **kw)
        assert render.prepare(les.code, None)[1] is None, (KEYS[i % 10], kw)
