"""Concept families for probability, physics and algorithms.

binomial, normal_distribution, central_limit, bayes, simple_harmonic, projectile, gradient_surface, sieve,
binary_search, stable_matching. Each family reads its numbers from Params (with defaults and clamping), computes
the values with sympy (or, for the algorithms, runs the algorithm here at build time), and emits a scene, notes and
reasoning from those same values.
"""

from __future__ import annotations

import dataclasses
import math
import random
import re
import textwrap

import sympy as sp
from sympy import stats

from ..base import Family, Lesson, Params, register
from ..common import FIT_HELPER, NotesSpec, latex, notes_markdown, py, scene_module, tex, title_code
from ..common import num as _num
from ..quantities import name_key, names_another, quantities
from ..regions import Part, regions_literal


def num(v, digits: int = 4) -> str:
    """common.num without exponents: 12660 rather than 1.266e+04 (a scene label, not a lab report)."""
    s = _num(v, digits)
    if "e" in s:
        f = float(sp.N(v))
        s = f"{f:.0f}" if abs(f) >= 1 else f"{f:.8f}".rstrip("0")
    return s

# ----------------------------------------------------------------------------------------------------------------
# Shared helpers


class _Ctx:
    """Reads numbers from Params (defaults, clamping) and collects the reasoning lines that explain them."""

    def __init__(self, params: Params):
        self.p = dataclasses.replace(params, numbers=dict(params.numbers))  # a copy: families may fill in numbers
        self.zh = params.language == "zh"
        self.found: list[str] = []
        self._units = None  # the request's unnamed numbers with a unit, read when a family first asks for one

    def t(self, en: str, zh: str) -> str:
        return zh if self.zh else en

    def raw(self, names: tuple[str, ...]) -> float | None:
        for n in names:
            v = self.p.numbers.get(n)
            if v is not None:
                try:
                    v = float(v)
                except (TypeError, ValueError):
                    continue
                if math.isfinite(v):
                    return v
        return None

    def with_unit(self, names: tuple[str, ...], kind: str) -> float | None:
        """The request's next number with a unit of `kind` ("30 m/s" for a speed), in SI units, now used: first one
        whose word is one of `names` ("length 2 m"), else one whose word names no other quantity."""
        if self._units is None:
            self._units = [q for q in quantities(self.p.concept) if q.kind and not q.name]
        keys = {name_key(n) for n in names}
        for fits in (lambda q: q.word in keys, lambda q: not names_another(q, kind)):
            for i, q in enumerate(self._units):
                if q.kind == kind and fits(q):
                    return self._units.pop(i).value
        return None

    def number(self, names: tuple[str, ...], default, limits: tuple, integer: bool = False, label: str = "",
               kind: str = ""):
        """A named number from the text, else one with a unit of `kind`, else `default`; clamped to `limits` (the
        clamp is reported)."""
        label, (lo, hi) = label or names[0], limits
        v = self.raw(names)
        if v is None and kind:
            v = self.with_unit(names, kind)
        if v is None:
            self.found.append(self.t(f"{label} not given: using the default {num(default)}",
                                     f"未给出 {label}：使用默认值 {num(default)}"))
            return default
        c = min(max(v, lo), hi)
        c = int(round(c)) if integer else c
        if c != v:
            self.found.append(self.t(f"{label} = {num(v)} is outside [{num(lo)}, {num(hi)}]: clamped to {num(c)}",
                                     f"{label} = {num(v)} 超出范围 [{num(lo)}, {num(hi)}]：已限制为 {num(c)}"))
        else:
            self.found.append(self.t(f"{label} = {num(c)} (from the text)", f"{label} = {num(c)}（来自题目）"))
        return c

    def prob(self, names: tuple[str, ...], default: float, label: str, lo: float = 0.0, hi: float = 1.0) -> float:
        """A probability; '30%' style values (1 < v <= 100 with a % in the text) are read as percentages."""
        v = self.raw(names)
        if v is not None and 1 < v <= 100 and "%" in self.p.concept:
            self.found.append(self.t(f"{label} = {num(v)}% read as {num(v / 100)}",
                                     f"{label} = {num(v)}% 视为 {num(v / 100)}"))
            self.p.numbers[names[0]] = v / 100
        return float(self.number(names, default, (lo, hi), label=label))


def _fill(template: str, **kw) -> str:
    """Replace <<name>> placeholders in a scene-code template (no braces to escape, unlike str.format)."""
    out = textwrap.dedent(template)
    for k, v in kw.items():
        out = out.replace(f"<<{k}>>", str(v))
    if "<<" in out:
        raise ValueError(f"unfilled placeholder in template: {out[out.index('<<'):][:40]}")
    return out


def _texlist(items) -> str:
    """A Python list literal of raw LaTeX strings."""
    return "[" + ", ".join(tex(s) for s in items) + "]"


def _rat(v: float) -> sp.Rational:
    """An exact Rational for a decimal the user typed (0.3 -> 3/10), rounded to 6 decimals first."""
    return sp.Rational(str(round(float(v), 6)))


def _nice_step(span: float, max_ticks: int = 6) -> float:
    """A 1-2-2.5-5 x 10^k tick step giving at most `max_ticks` ticks over `span`."""
    span = max(float(span), 1e-9)
    base = 10 ** math.floor(math.log10(span / max_ticks))
    for m in (1, 2, 2.5, 5, 10):
        if span / (m * base) <= max_ticks:
            return m * base
    return 10 * base


# Numbers on axes and grids are Text (Pango, in-process): every distinct MathTex costs one LaTeX + dvisvgm run,
# about a second each, which dominated the render time of number-heavy scenes.
TICKS_HELPER = FIT_HELPER + '''

def tick_texts(axes, xs=(), ys=(), size=20):
    """Tick labels under the x axis and left of the y axis, as Text."""
    out = VGroup()
    for v in xs:
        out.add(Text(("%g" % v).replace("-", "\u2212"), font_size=size).next_to(axes.x_axis.n2p(v), DOWN, buff=0.15))
    for v in ys:
        out.add(Text(("%g" % v).replace("-", "\u2212"), font_size=size).next_to(axes.y_axis.n2p(v), LEFT, buff=0.15))
    return out
'''


@dataclasses.dataclass(frozen=True)
class _Draft:
    """What a family's build() computed, for _lesson() to assemble."""

    body: str  # construct()'s body after the title
    notes: str  # the study notes (markdown)
    computed: list[str]  # reasoning lines: the computed values
    shots: list[str]  # the storyboard, one line a shot
    values: dict
    base: str = "Scene"  # the scene's base class
    helpers: str = TICKS_HELPER  # module-level code before the scene class


# The layout plan's regions under the title: the key formulas' row (a formula across it, or one left and one
# right), and the body below it, where each family draws its figure and panel (probed inside it by the tests).
FORMULA_ROW = Part("formula", "formula", 13.62, 0.9, (0.0, 2.55))
BODY = Part("body", "graph", 13.62, 5.65, (0.0, -0.875))
TALL_BODY = Part("body", "graph", 13.62, 6.6, (0.0, -0.4))


def _lesson(fam: Family, ctx: _Ctx, d: _Draft) -> Lesson:
    """Assemble the Lesson: scene code (title + body), notes, reasoning (recognised, values, storyboard)."""
    title = fam.title(ctx.p)
    name = "".join(w.capitalize() for w in fam.key.split("_")) + "Scene"
    parts = (TALL_BODY,) if d.base == "ThreeDScene" else (FORMULA_ROW, BODY)  # a 3D scene's formulas sit in it
    planned = f"\nREGIONS = {regions_literal(title, parts)}  # the layout plan's\n"
    code = scene_module(name, textwrap.dedent(title_code(title)) + textwrap.dedent(d.body), d.base,
                        d.helpers + planned)
    head = ctx.t(f"Recognised: {fam.title_en} (family '{fam.key}')", f"识别为：{fam.title_zh}（概念族 {fam.key}）")
    story = [ctx.t(f"Shot {i}: {s}", f"镜头 {i}：{s}") for i, s in enumerate(d.shots, 1)]
    reasoning = [head, *ctx.p.notes, *ctx.found, *d.computed, ctx.t("Storyboard:", "分镜："), *story]
    return Lesson(fam.key, title, name, code, d.notes, reasoning, d.values)


def _notes(ctx: _Ctx, fam: Family, parts: dict, shots: list[str]) -> str:
    """notes_markdown() with the title in the user's language and the shots as the timeline."""
    return notes_markdown(NotesSpec(fam.title(ctx.p), parts["definition"], parts["intuition"], parts["example"], shots,
                                    parts["exercise"], parts["answer"], parts.get("extra", ""), zh=ctx.zh))


# ----------------------------------------------------------------------------------------------------------------
# Binomial distribution

BINOMIAL_BODY = r'''
n, p = <<n>>, <<p>>
probs = <<probs>>
mean, mode, ytop = <<mean>>, <<mode>>, <<ytop>>
k0, k1 = <<k0>>, <<k1>>  # the bars drawn: the others are too small to see
formula = MathTex(<<formula>>, font_size=38)
plan_fit(fit(formula, 12.5), REGIONS["formula"], UP)
# bar k sits at x = k - k0 + 1, so the y axis (drawn at x = 0) stays one slot left of the first bar
axes = Axes(x_range=[0, k1 - k0 + 2, 1], y_range=[0, ytop, <<ystep>>], x_length=8, y_length=4.2, tips=False,
            x_axis_config={"include_ticks": False})
axes.to_edge(LEFT, buff=0.9).to_edge(DOWN, buff=0.8)
step = 1 if k1 - k0 <= 15 else 5
klabels = VGroup(*[Text(str(k), font_size=20).next_to(axes.c2p(k - k0 + 1, 0), DOWN, buff=0.15)
                   for k in range(k0, k1 + 1) if k % step == 0], tick_texts(axes, ys=<<yticks>>, size=20))
klab = MathTex("k", font_size=30).next_to(axes.x_axis.get_right(), RIGHT, buff=0.15)
w = (axes.c2p(1, 0)[0] - axes.c2p(0, 0)[0]) * 0.8
bars = VGroup()
for k in range(k0, k1 + 1):
    h = max(axes.c2p(0, probs[k])[1] - axes.c2p(0, 0)[1], 0.002)
    bar = Rectangle(width=w, height=h, stroke_width=1, stroke_color=WHITE, fill_color=BLUE, fill_opacity=0.85)
    bars.add(bar.move_to(axes.c2p(k - k0 + 1, 0), aligned_edge=DOWN))
self.play(Write(title))
self.play(Write(formula))
self.play(Create(axes), FadeIn(klabels), FadeIn(klab))
self.play(LaggedStart(*[GrowFromEdge(b, DOWN) for b in bars], lag_ratio=0.08, run_time=2.5))
mline = DashedLine(axes.c2p(mean - k0 + 1, 0), axes.c2p(mean - k0 + 1, ytop), color=RED)
# the mean label leans away from the nearer side: the y-axis numbers on the left, the panel on the right
mlab = MathTex(<<mean_tex>>, font_size=30, color=RED).next_to(mline.get_top(), UR if mean < (k0 + k1) / 2 else UL,
                                                               buff=0.1)
self.play(bars[mode - k0].animate.set_fill(YELLOW), Create(mline), FadeIn(mlab))
panel = VGroup(*[MathTex(s, font_size=32) for s in <<panel>>]).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
fit(panel, config.frame_width / 2 - axes.get_right()[0] - 0.9)
panel.next_to(axes, RIGHT, buff=0.5).align_to(axes, UP)
panel[-1].set_color(YELLOW)
for line in panel:
    self.play(FadeIn(line, shift=0.2 * LEFT), run_time=0.7)
self.wait(2)
'''


@register
class Binomial(Family):
    key = "binomial"
    title_en = "Binomial distribution"
    title_zh = "二项分布"
    description = ("The binomial distribution: the number of successes in n independent trials with success "
                   "probability p, shown as a bar chart with mean np and variance np(1-p).")
    aliases = ("binomial distribution", "binomial", "bernoulli trials", "coin flips", "number of successes",
               "B(n,p)", "Bin(n, p)", "\\binom{n}{k} p^k", "n choose k p^k (1-p)^(n-k)", "二项分布", "二项式分布",
               "伯努利试验", "抛硬币", "成功次数的分布")

    def build(self, params: Params) -> Lesson:
        ctx = _Ctx(params)
        n = ctx.number(("n", "trials", "N"), 10, (1, 30), integer=True, label="n")
        fair = self._fair(ctx)
        p = fair if fair is not None else _rat(ctx.prob(("p", "prob", "probability"), 0.3, "p"))
        X = stats.Binomial("X", n, p)
        pmf = [sp.nsimplify(stats.density(X).dict.get(sp.Integer(k), 0)) for k in range(n + 1)]
        mean, var = sp.simplify(stats.E(X)), sp.simplify(stats.variance(X))
        asked = self._asked_k(ctx, n)
        mode = asked if asked is not None else max(range(n + 1), key=lambda k: (pmf[k], -k))
        p0 = sp.simplify((1 - p) ** n)
        seen = [k for k in range(n + 1) if pmf[k] >= sp.Rational(1, 2000)]
        k0, k1 = max(0, min(min(seen), max(seen) - 10)), max(seen)
        k1 = min(n, max(k1, k0 + 10))
        if (k0, k1) != (0, n):
            ctx.found.append(ctx.t(f"bars drawn for k = {k0}..{k1}; the others have P(X=k) < 0.0005",
                                   f"只画 k = {k0}..{k1} 的柱子；其余 P(X=k) < 0.0005"))
        values = {"window": (k0, k1), "n": n, "p": p, "pmf": pmf, "mean": mean, "variance": var, "std": sp.sqrt(var), "mode": mode,
                  "p_mode": pmf[mode], "p_zero": p0, "asked": asked is not None}
        return _lesson(self, ctx, _Draft(self._body(ctx, values), self._notes(ctx, values), self._computed(ctx, values),
                                         self._shots(ctx, values), values))

    @staticmethod
    def _fair(ctx: _Ctx) -> sp.Rational | None:
        """The p a request implies without naming it (a coin 1/2, a die's six 1/6), or None."""
        text = ctx.p.concept.lower()
        for words, p, en, zh in (((r"\bcoins?\b", "硬币", r"\bheads\b", r"\btails\b"), sp.Rational(1, 2), "a fair coin",
                                  "均匀硬币"),
                                 ((r"\bdic?e\b", "骰子", r"\bsix(?:es)?\b"), sp.Rational(1, 6), "a fair die", "均匀骰子")):
            if any(re.search(w, text) for w in words) and ctx.raw(("p", "prob", "probability")) is None:
                ctx.found.append(ctx.t(f"{en}: p = {p}", f"{zh}：p = {p}"))
                return p
        return None

    @staticmethod
    def _asked_k(ctx: _Ctx, n: int) -> int | None:
        """The k the request asks about ("3 heads in 5 flips", "exactly 2 successes", k = 4), if within 0..n."""
        k = ctx.raw(("k", "successes", "heads"))
        if k is None:
            m = re.search(r"(?:exactly\s+)?(\d+)\s*(?:heads|tails|successes|sixes|hits|次正面|个正面|次成功)", ctx.p.concept,
                          re.I) or re.search(r"\bexactly\s+(\d+)\b", ctx.p.concept, re.I)
            k = float(m.group(1)) if m else None
        if k is None or not float(k).is_integer() or not 0 <= k <= n:
            return None
        ctx.found.append(ctx.t(f"k = {int(k)} (from the text): P(X = {int(k)}) is marked",
                               f"k = {int(k)}（来自题目）：标出 P(X = {int(k)})"))
        return int(k)

    @staticmethod
    def _body(ctx: _Ctx, v: dict) -> str:
        n, p = v["n"], v["p"]
        top = max(float(q) for q in v["pmf"]) * 1.08
        k0, k1 = v["window"]
        ystep = next(s for s in (0.02, 0.05, 0.1, 0.2, 0.25) if math.ceil(top / s) <= 6)
        panel = [rf"n = {n},\; p = {num(p)}", rf"\mu = np = {num(v['mean'])}",
                 rf"\sigma^2 = np(1-p) = {num(v['variance'])}", rf"\sigma = {num(v['std'])}",
                 rf"P(X = {v['mode']}) = {num(v['p_mode'])}"]
        formula = rf"P(X=k)=\binom{{{n}}}{{k}}\,({num(p)})^k\,({num(1 - p)})^{{{n}-k}}"
        return _fill(BINOMIAL_BODY, n=n, p=py(p), probs=py(v["pmf"]), mean=py(v["mean"]), mode=v["mode"], k0=k0, k1=k1,
                     ytop=py(ystep * math.ceil(top / ystep)), ystep=py(ystep),
                     yticks=py([round(ystep * i, 6) for i in range(1, math.ceil(top / ystep) + 1)]),
                     formula=tex(formula), mean_tex=tex(rf"\mu = {num(v['mean'])}"), panel=_texlist(panel))

    @staticmethod
    def _computed(ctx: _Ctx, v: dict) -> list[str]:
        vals = (f"mean np = {num(v['mean'])}, variance np(1-p) = {num(v['variance'])}, "
                f"{ctx.t('the asked', '所求') if v['asked'] else ctx.t('most likely', '最可能的')} k = {v['mode']} with P = "
                f"{v['p_mode']} ≈ "
                f"{num(v['p_mode'])}")
        return [ctx.t("Computed with sympy.stats.Binomial: " + vals, "用 sympy.stats.Binomial 计算：" + vals)]

    @staticmethod
    def _shots(ctx: _Ctx, v: dict) -> list[str]:
        n, p = v["n"], num(v["p"])
        return [ctx.t(f"title and the formula P(X=k) = C({n},k) {p}^k (1-{p})^({n}-k)",
                      f"标题与公式 P(X=k) = C({n},k) {p}^k (1-{p})^({n}-k)"),
                ctx.t(f"axes for k = 0..{n}", f"画出 k = 0..{n} 的坐标轴"),
                ctx.t("the bars P(X=k) grow one after another", "柱状图 P(X=k) 依次长出"),
                ctx.t(f"the {'asked' if v['asked'] else 'most likely'} k = {v['mode']} turns yellow; a dashed line "
                      f"marks the mean {num(v['mean'])}",
                      f"{'所求的' if v['asked'] else '最可能的'} k = {v['mode']} 变黄；虚线标出均值 {num(v['mean'])}"),
                ctx.t(f"panel: mean {num(v['mean'])}, variance {num(v['variance'])}, sd {num(v['std'])}",
                      f"面板：均值 {num(v['mean'])}，方差 {num(v['variance'])}，标准差 {num(v['std'])}")]

    def _notes(self, ctx: _Ctx, v: dict) -> str:
        n, p, q = v["n"], latex(v["p"]), latex(1 - v["p"])
        k, pm = v["mode"], latex(v["p_mode"])
        calc = (rf"$\mu = np = {latex(v['mean'])}$, $\sigma^2 = np(1-p) = {latex(v['variance'])} \approx "
                rf"{num(v['variance'])}$, $\sigma \approx {num(v['std'])}$; $P(X = {k}) = \binom{{{n}}}{{{k}}}"
                rf"({p})^{{{k}}}({q})^{{{n - k}}} = {pm} \approx {num(v['p_mode'])}$")
        ex = ctx.t(rf"With $n = {n}$ and $p = {p}$: {calc}." + ("" if v["asked"] else
                                                                   rf" The most likely value is $k = {k}$."),
                   rf"取 $n = {n}$，$p = {p}$：{calc}。" + ("" if v["asked"] else rf"最可能的取值是 $k = {k}$。"))
        parts = {
            "definition": ctx.t(
                r"$X \sim \mathrm{B}(n, p)$ counts the successes in $n$ independent trials that each succeed "
                r"with probability $p$: $$P(X = k) = \binom{n}{k} p^k (1-p)^{n-k},\quad k = 0,\dots,n.$$",
                r"$X \sim \mathrm{B}(n, p)$ 表示 $n$ 次独立试验中成功的次数，每次成功的概率为 $p$："
                r"$$P(X = k) = \binom{n}{k} p^k (1-p)^{n-k},\quad k = 0,\dots,n.$$"),
            "intuition": ctx.t(
                r"$\binom{n}{k}$ counts the orders in which $k$ successes can appear; each order has probability "
                r"$p^k(1-p)^{n-k}$. The bars pile up around $np$, and their spread is $\sqrt{np(1-p)}$.",
                r"$\binom{n}{k}$ 是 $k$ 次成功出现位置的组合数，每种排列的概率都是 $p^k(1-p)^{n-k}$。"
                r"柱子集中在 $np$ 附近，离散程度为 $\sqrt{np(1-p)}$。"),
            "example": ex,
            "exercise": ctx.t(rf"For $n = {n}$, $p = {p}$, what is $P(X = 0)$?",
                              rf"当 $n = {n}$，$p = {p}$ 时，求 $P(X = 0)$。"),
            "answer": rf"$P(X = 0) = ({q})^{{{n}}} = {latex(v['p_zero'])} \approx {num(v['p_zero'])}$",
        }
        return _notes(ctx, self, parts, self._shots(ctx, v))


# ----------------------------------------------------------------------------------------------------------------
# Normal distribution


def _btex(v) -> str:
    """A bound in LaTeX: -\\infty, \\infty or the number."""
    return (r"\infty" if v > 0 else r"-\infty") if v in (sp.oo, -sp.oo) else num(v)

NORMAL_BODY = r'''
mu, sigma, a, b = <<mu>>, <<sigma>>, <<a>>, <<b>>
rule, colors = <<rule>>, [GREEN, TEAL, PURPLE]
peak = 1 / (sigma * np.sqrt(2 * np.pi))
axes = Axes(x_range=[mu - 4 * sigma, mu + 4 * sigma, sigma], y_range=[0, peak * 1.15, peak * 1.15],
            x_length=11.5, y_length=4.0, tips=False, y_axis_config={"include_ticks": False})
axes.to_edge(DOWN, buff=0.85).remove(axes.y_axis)  # no y axis: it would cut through the bell
ticks = VGroup(*[Text(s, font_size=22).next_to(axes.c2p(mu + k * sigma, 0), DOWN, buff=0.15)
                 for k, s in zip(range(-3, 4), <<ticks>>)])
curve = axes.plot(lambda t: np.exp(-((t - mu) / sigma) ** 2 / 2) * peak, color=YELLOW)
mline = DashedLine(axes.c2p(mu, 0), axes.c2p(mu, peak), color=GREY_B, stroke_width=2)
pdf = plan_fit(fit(MathTex(<<pdf>>, font_size=34), 6.6), REGIONS["formula"], UL)
label = fit(MathTex(<<prob_tex>>, font_size=34, color=BLUE), 6.0).match_y(pdf).to_edge(RIGHT, buff=0.5)
self.play(Write(title))
self.play(Write(pdf))
self.play(Create(axes), FadeIn(ticks))
self.play(Create(curve), run_time=1.5)
self.play(Create(mline), run_time=0.5)
area = axes.get_area(curve, x_range=(a, b), color=BLUE, opacity=0.55)
self.play(FadeIn(area), Write(label))
self.wait(1)
band = axes.get_area(curve, x_range=(mu - sigma, mu + sigma), color=colors[0], opacity=0.5)
pct = MathTex(<<pcts>>[0], font_size=30).move_to(axes.c2p(mu, peak * 0.25))
pct.add_background_rectangle(opacity=0.6, buff=0.05)
rlabel = fit(MathTex(<<rule_tex>>[0], font_size=34, color=colors[0]), 6.0).match_y(pdf).to_edge(RIGHT, buff=0.5)
self.play(FadeOut(area), FadeOut(label), FadeIn(band), FadeIn(pct), FadeIn(rlabel))
for k in (2, 3):
    nb = axes.get_area(curve, x_range=(mu - k * sigma, mu + k * sigma), color=colors[k - 1], opacity=0.5)
    npct = MathTex(<<pcts>>[k - 1], font_size=30).move_to(pct).add_background_rectangle(opacity=0.6, buff=0.05)
    nl = fit(MathTex(<<rule_tex>>[k - 1], font_size=34, color=colors[k - 1]), 6.0).move_to(rlabel, aligned_edge=RIGHT)
    self.play(Transform(band, nb), Transform(pct, npct), Transform(rlabel, nl), run_time=1.2)
    self.wait(0.6)
summary = fit(MathTex(<<summary>>, font_size=34), 6.0).move_to(rlabel, aligned_edge=RIGHT)
self.play(FadeOut(rlabel), FadeIn(summary))
self.wait(1.5)
'''


@register
class NormalDistribution(Family):
    key = "normal_distribution"
    title_en = "Normal distribution"
    title_zh = "正态分布"
    description = ("The normal (Gaussian) distribution: the bell curve with mean mu and standard deviation sigma, "
                   "the probability P(a < X < b) as a shaded area, and the 68-95-99.7 rule.")
    aliases = ("normal distribution", "gaussian distribution", "bell curve", "gaussian", "68-95-99.7 rule",
               "empirical rule", "N(mu, sigma^2)", "N(\\mu,\\sigma^2)", "z-score", "standard normal",
               "正态分布", "高斯分布", "钟形曲线", "标准正态分布", "68-95-99.7法则", "经验法则")

    def build(self, params: Params) -> Lesson:
        ctx = _Ctx(params)
        mu = _rat(ctx.number(("mu", "mean", "μ"), 0, (-1000, 1000), label="mu"))
        sigma = _rat(ctx.number(("sigma", "sd", "std", "σ"), 1, (0.01, 1000), label="sigma"))
        a, b = self._interval(ctx, mu, sigma)
        X = stats.Normal("X", mu, sigma)
        F = stats.cdf(X)
        prob = sp.simplify(F(b) - F(a))
        rule = [sp.erf(k / sp.sqrt(2)) for k in (1, 2, 3)]
        z = sp.Symbol("z")
        ex_p = sp.simplify(F(mu + 2 * sigma) - F(mu - sigma))
        values = {"mu": mu, "sigma": sigma, "a": a, "b": b, "prob": prob, "prob_float": float(prob),
                  "rule": rule, "rule_float": [float(r) for r in rule], "pdf": stats.density(X)(z),
                  "exercise": ex_p}
        return _lesson(self, ctx, _Draft(self._body(v := values), self._notes(ctx, v), self._computed(ctx, v),
                                         self._shots(ctx, v), v))

    @staticmethod
    def _interval(ctx: _Ctx, mu, sigma) -> tuple[sp.Rational, sp.Rational]:
        """(a, b) from params.bounds or numbers a, b; default mu -/+ sigma; swapped if reversed."""
        if ctx.p.bounds and not any(math.isnan(float(v)) for v in ctx.p.bounds):
            a, b = (_rat(v) if math.isfinite(float(v)) else sp.oo * (1 if v > 0 else -1) for v in ctx.p.bounds)
        else:
            ra, rb = ctx.raw(("a", "lower")), ctx.raw(("b", "upper"))
            a = _rat(ra) if ra is not None else mu - sigma
            b = _rat(rb) if rb is not None else mu + sigma
        if a > b:
            a, b = b, a
            ctx.found.append(ctx.t("the interval was reversed: swapped to a < b", "区间上下限颠倒：已交换"))
        if a == b:
            b = a + sigma
            ctx.found.append(ctx.t("an empty interval: widened to [a, a + sigma]", "区间为空：扩为 [a, a + sigma]"))
        ctx.found.append(ctx.t(f"interval: P({a} < X < {b})", f"区间：P({a} < X < {b})"))
        return a, b

    @staticmethod
    def _body(v: dict) -> str:
        mu, s, lo, hi = v["mu"], v["sigma"], v["mu"] - 4 * v["sigma"], v["mu"] + 4 * v["sigma"]
        a, b = min(max(v["a"], lo), hi), min(max(v["b"], lo), hi)  # the drawn part of the interval
        ticks = [num(mu + k * s).replace("-", "\u2212") for k in range(-3, 4)]
        pcts = [rf"{100 * r:.1f}\%" for r in v["rule_float"]]
        rule_tex = [rf"P(|X-\mu| < {k}\sigma) = {num(r)}" if k > 1 else rf"P(|X-\mu| < \sigma) = {num(r)}"
                    for k, r in zip((1, 2, 3), v["rule_float"], strict=True)]
        pdf = (rf"f(x)=\frac{{1}}{{\sigma\sqrt{{2\pi}}}}e^{{-\frac{{(x-\mu)^2}}{{2\sigma^2}}}},\ "
               rf"\mu={num(mu)},\ \sigma={num(s)}")
        return _fill(NORMAL_BODY, mu=py(mu), sigma=py(s), a=py(a), b=py(b), rule=py(v["rule_float"]),
                     ticks=repr(ticks), pdf=tex(pdf), prob_tex=tex(rf"P({_btex(v['a'])}<X<{_btex(v['b'])})={num(v['prob'])}"),
                     pcts=_texlist(pcts), rule_tex=_texlist(rule_tex), summary=tex(r"68\% - 95\% - 99.7\%"))

    @staticmethod
    def _computed(ctx: _Ctx, v: dict) -> list[str]:
        r = ", ".join(num(x) for x in v["rule_float"])
        pr = f"P({num(v['a'])} < X < {num(v['b'])}) = {v['prob']} ≈ {num(v['prob'])}"
        return [ctx.t(f"Computed with sympy (normal CDF via erf): {pr}", f"用 sympy 计算（正态分布函数用 erf）：{pr}"),
                ctx.t(f"68-95-99.7 rule: P(|X-mu| < k sigma) = erf(k/sqrt 2) = {r} for k = 1, 2, 3",
                      f"68-95-99.7 法则：P(|X-mu| < k sigma) = erf(k/√2) = {r}（k = 1, 2, 3）")]

    @staticmethod
    def _shots(ctx: _Ctx, v: dict) -> list[str]:
        mu, s = num(v["mu"]), num(v["sigma"])
        return [ctx.t(f"title and the density f(x) with mu = {mu}, sigma = {s}",
                      f"标题与密度函数 f(x)，mu = {mu}，sigma = {s}"),
                ctx.t("axes marked at mu + k sigma; the bell curve is drawn", "坐标轴标出 mu + k sigma；画出钟形曲线"),
                ctx.t(f"the area between {num(v['a'])} and {num(v['b'])} is shaded: P = {num(v['prob'])}",
                      f"阴影标出 {num(v['a'])} 到 {num(v['b'])} 之间的面积：P = {num(v['prob'])}"),
                ctx.t("bands of 1, 2, 3 sigma grow: 68.3%, 95.4%, 99.7%", "1、2、3 个 sigma 的区域依次展开：68.3%、95.4%、99.7%"),
                ctx.t("summary: the 68-95-99.7 rule", "总结：68-95-99.7 法则")]

    def _notes(self, ctx: _Ctx, v: dict) -> str:
        mu, s, a, b = (latex(v[k]) for k in ("mu", "sigma", "a", "b"))
        calc = (rf"$$P({a} < X < {b}) = \frac{{1}}{{2}}\left[\operatorname{{erf}}\frac{{b-\mu}}{{\sigma\sqrt2}}"
                rf" - \operatorname{{erf}}\frac{{a-\mu}}{{\sigma\sqrt2}}\right] = {latex(v['prob'])} "
                rf"\approx {num(v['prob'])}$$")
        rule = ", ".join(rf"$\operatorname{{erf}}({k}/\sqrt2) \approx {num(r)}$" for k, r in
                         zip((1, 2, 3), v["rule_float"], strict=True))
        parts = {
            "definition": ctx.t(
                r"A normal random variable $X \sim N(\mu, \sigma^2)$ has the density "
                r"$$f(x) = \frac{1}{\sigma\sqrt{2\pi}} e^{-\frac{(x-\mu)^2}{2\sigma^2}}.$$",
                r"正态随机变量 $X \sim N(\mu, \sigma^2)$ 的密度函数为 "
                r"$$f(x) = \frac{1}{\sigma\sqrt{2\pi}} e^{-\frac{(x-\mu)^2}{2\sigma^2}}.$$"),
            "intuition": ctx.t(
                r"The curve is centred at $\mu$ and its width is set by $\sigma$; probabilities are areas under it. "
                r"About 68%, 95% and 99.7% of the mass lie within 1, 2 and 3 standard deviations.",
                r"曲线以 $\mu$ 为中心，宽度由 $\sigma$ 决定；概率就是曲线下的面积。"
                r"约 68%、95%、99.7% 的概率落在 1、2、3 个标准差之内。"),
            "example": ctx.t(rf"For $\mu = {mu}$, $\sigma = {s}$: {calc} The rule: {rule}.",
                             rf"取 $\mu = {mu}$，$\sigma = {s}$：{calc} 经验法则：{rule}。"),
            "exercise": ctx.t(r"For the same $X$, find $P(\mu - \sigma < X < \mu + 2\sigma)$.",
                              r"对同一个 $X$，求 $P(\mu - \sigma < X < \mu + 2\sigma)$。"),
            "answer": rf"$\frac{{1}}{{2}}\left[\operatorname{{erf}}(\sqrt2) + \operatorname{{erf}}(1/\sqrt2)\right] "
                      rf"= {latex(v['exercise'])} \approx {num(v['exercise'])}$",
        }
        return _notes(ctx, self, parts, self._shots(ctx, v))


# ----------------------------------------------------------------------------------------------------------------
# Central limit theorem

CLT_BODY = r'''
rng = np.random.default_rng(<<seed>>)
ns, mu, sd = <<ns>>, <<mu>>, <<sd>>
lo, hi, ytop = <<lo>>, <<hi>>, <<ytop>>
dist = plan_fit(fit(MathTex(<<dist>>, font_size=34), 12.5), REGIONS["formula"], UP)
axes = Axes(x_range=[lo, hi, <<xstep>>], y_range=[0, ytop, <<ystep>>], x_length=8.2, y_length=4.2, tips=False,
            )
axes.to_edge(LEFT, buff=0.9).to_edge(DOWN, buff=0.7)
nums = tick_texts(axes, xs=np.arange(lo + <<xstep>>, hi + 1e-9, <<xstep>>), ys=np.arange(<<ystep>>, ytop + 1e-9, <<ystep>>))
xlab = MathTex(r"\bar x", font_size=30).next_to(axes.x_axis.get_right(), RIGHT, buff=0.15)


def hist(n):
    means = <<sampler>>.mean(axis=1)
    # bins narrow with the spread sigma/sqrt(n), so the histogram resolves the bell for large n too
    nb = int(min(160, max(24, (hi - lo) * 2.5 * np.sqrt(n) / sd)))
    bins = np.linspace(lo, hi, nb + 1)
    counts, _ = np.histogram(means, bins=bins)
    dens = counts / (len(means) * (bins[1] - bins[0]))
    bars = VGroup()
    for i, d in enumerate(dens):
        if d <= 0:
            continue
        x0, y0 = axes.c2p(bins[i], 0)[:2]
        x1, y1 = axes.c2p(bins[i + 1], min(d, ytop))[:2]
        bar = Rectangle(width=x1 - x0, height=max(y1 - y0, 0.001), fill_color=BLUE, fill_opacity=0.75,
                        stroke_width=1, stroke_color=BLUE_E)
        bars.add(bar.move_to([x0, y0, 0], aligned_edge=DL))
    return bars


def normal(n):
    s = sd / np.sqrt(n)
    return axes.plot(lambda t: np.exp(-((t - mu) / s) ** 2 / 2) / (s * np.sqrt(2 * np.pi)), x_range=[lo, hi, 0.01],
                     color=YELLOW)


def panel(n, i):
    lines = VGroup(Text("n = %d" % n, font_size=40), MathTex(<<se_tex>>[i], font_size=30))
    return fit(lines.arrange(DOWN, aligned_edge=LEFT, buff=0.35), 4.0).next_to(axes, RIGHT, buff=0.5).align_to(axes, UP)


self.play(Write(title))
self.play(FadeIn(dist))
self.play(Create(axes), FadeIn(xlab), FadeIn(nums))
bars, info = hist(ns[0]), panel(ns[0], 0)
self.play(LaggedStart(*[GrowFromEdge(b, DOWN) for b in bars], lag_ratio=0.03), FadeIn(info), run_time=1.5)
self.wait(0.8)
curve = normal(ns[1])
for i, n in enumerate(ns[1:], 1):
    anims = [Transform(bars, hist(n)), Transform(info, panel(n, i))]
    anims.append(Create(curve) if i == 1 else Transform(curve, normal(n)))
    self.play(*anims, run_time=1.5)
    self.wait(0.7)
law = fit(MathTex(<<law>>, font_size=34, color=YELLOW), 4.2).next_to(info, DOWN, buff=0.6, aligned_edge=LEFT)
self.play(Write(law))
self.wait(1.5)
'''


@register
class CentralLimit(Family):
    key = "central_limit"
    title_en = "Central limit theorem"
    title_zh = "中心极限定理"
    description = ("The central limit theorem: the means of n independent samples from a skewed or uniform "
                   "distribution become approximately normal as n grows, with spread sigma/sqrt(n).")
    aliases = ("central limit theorem", "clt", "sample mean distribution", "sampling distribution of the mean",
               "averages become normal", "sum of random variables is normal", "sigma/sqrt(n)",
               "\\bar{X} \\sim N(\\mu, \\sigma^2/n)", "中心极限定理", "样本均值的分布", "抽样分布", "大数定律与中心极限")

    def build(self, params: Params) -> Lesson:
        ctx = _Ctx(params)
        n = ctx.number(("n", "N", "sample_size"), 30, (2, 100), integer=True, label="n")
        uniform = any(w in params.concept.lower() for w in ("uniform", "均匀"))
        X = stats.Uniform("X", 0, 1) if uniform else stats.Exponential("X", 1)
        ctx.found.append(ctx.t(f"population: {'Uniform(0, 1)' if uniform else 'Exponential(1) (skewed)'}",
                               f"总体分布：{'均匀分布 U(0, 1)' if uniform else '指数分布 Exp(1)（偏态）'}"))
        mu, var = stats.E(X), stats.variance(X)
        ns = [k for k in (1, 2, 5) if k < n] + [n]
        se = [sp.sqrt(var / k) for k in ns]
        values = {"uniform": uniform, "n": n, "ns": ns, "mu": mu, "variance": var, "sigma": sp.sqrt(var),
                  "se": se, "seed": 7, "exercise": sp.sqrt(var / 4 / n)}
        return _lesson(self, ctx, _Draft(self._body(values), self._notes(ctx, values), self._computed(ctx, values),
                                         self._shots(ctx, values), values))

    @staticmethod
    def _body(v: dict) -> str:
        n_max, uni = v["ns"][-1], v["uniform"]
        lo, hi = (0, 1) if uni else (0, 3)
        peak = 1 / (float(v["se"][-1]) * math.sqrt(2 * math.pi))
        ystep = _nice_step(max(peak, 1.0) * 1.1, 5)
        ytop = ystep * math.ceil(max(peak, 1.0) * 1.1 / ystep)
        sampler = "rng.uniform(0, 1, size=(4000, n))" if uni else "rng.exponential(1.0, size=(4000, n))"
        dist = (r"X \sim U(0,1):\ \mu = \tfrac12,\ \sigma = \tfrac{1}{\sqrt{12}} \approx 0.2887" if uni else
                r"X \sim \mathrm{Exp}(1)\ \text{(skewed)}:\ \mu = 1,\ \sigma = 1")
        se_tex = [rf"\sigma_{{\bar X}} = \frac{{\sigma}}{{\sqrt{{{k}}}}} = {num(s)}" for k, s in zip(v["ns"], v["se"], strict=True)]
        law = rf"\bar X \approx N\!\left({latex(v['mu'])},\ \frac{{{latex(v['variance'])}}}{{n}}\right)"
        return _fill(CLT_BODY, seed=v["seed"], ns=py(v["ns"]), mu=py(v["mu"]), sd=py(v["sigma"]), lo=lo, hi=hi,
                     ytop=py(ytop), ystep=py(ystep), xstep=py(0.25 if uni else 1), dist=tex(dist), sampler=sampler,
                     se_tex=_texlist(se_tex), law=tex(law)) + f"# n up to {n_max}\n"

    @staticmethod
    def _computed(ctx: _Ctx, v: dict) -> list[str]:
        se = ", ".join(f"n={k}: {num(s)}" for k, s in zip(v["ns"], v["se"], strict=True))
        head = f"mu = {v['mu']}, sigma^2 = {v['variance']}; sigma/sqrt(n): {se}"
        return [ctx.t("Computed with sympy.stats: " + head, "用 sympy.stats 计算：" + head),
                ctx.t(f"sample means simulated in the scene with a fixed seed ({v['seed']}), 4000 means per n",
                      f"场景中用固定随机种子（{v['seed']}）模拟，每个 n 取 4000 个样本均值")]

    @staticmethod
    def _shots(ctx: _Ctx, v: dict) -> list[str]:
        ns = ", ".join(str(k) for k in v["ns"][1:])
        return [ctx.t("title and the population with its mean and standard deviation", "标题与总体分布的均值和标准差"),
                ctx.t("axes for the sample mean", "样本均值的坐标轴"),
                ctx.t("n = 1: the histogram is the population itself", "n = 1：直方图就是总体分布本身"),
                ctx.t(f"n = {ns}: the histogram of means morphs and the normal curve N(mu, sigma^2/n) fits it "
                      "better and better", f"n = {ns}：样本均值的直方图逐步变形，正态曲线 N(mu, sigma^2/n) 越来越贴合"),
                ctx.t("the law: the sample mean is approximately normal", "结论：样本均值近似服从正态分布")]

    def _notes(self, ctx: _Ctx, v: dict) -> str:
        pop = r"U(0,1)" if v["uniform"] else r"\mathrm{Exp}(1)"
        rows = ", ".join(rf"$n = {k}$: ${latex(s)} \approx {num(s)}$" for k, s in zip(v["ns"], v["se"], strict=True))
        n = v["n"]
        parts = {
            "definition": ctx.t(
                r"If $X_1, \dots, X_n$ are independent with mean $\mu$ and variance $\sigma^2$, then "
                r"$$\bar X = \frac{1}{n}\sum_{i=1}^n X_i \approx N\!\left(\mu, \frac{\sigma^2}{n}\right)$$ for large $n$, "
                r"whatever the shape of the population.",
                r"若 $X_1, \dots, X_n$ 独立同分布，均值为 $\mu$、方差为 $\sigma^2$，则 $n$ 较大时 "
                r"$$\bar X = \frac{1}{n}\sum_{i=1}^n X_i \approx N\!\left(\mu, \frac{\sigma^2}{n}\right)$$，与总体形状无关。"),
            "intuition": ctx.t(
                r"Averaging cancels the extremes: the skew of single draws washes out, and the spread shrinks "
                r"like $1/\sqrt n$.",
                r"取平均会抵消极端值：单次抽样的偏斜被抹平，离散程度按 $1/\sqrt n$ 缩小。"),
            "example": ctx.t(
                rf"Population ${pop}$: $\mu = {latex(v['mu'])}$, $\sigma^2 = {latex(v['variance'])}$. "
                rf"Standard error $\sigma/\sqrt n$: {rows}.",
                rf"总体 ${pop}$：$\mu = {latex(v['mu'])}$，$\sigma^2 = {latex(v['variance'])}$。"
                rf"标准误 $\sigma/\sqrt n$：{rows}。"),
            "exercise": ctx.t(rf"How large is the standard error for $4n = {4 * n}$ samples?",
                              rf"样本量为 $4n = {4 * n}$ 时，标准误是多少？"),
            "answer": rf"$\sigma/\sqrt{{{4 * n}}} = {latex(v['exercise'])} \approx {num(v['exercise'])}$ "
                      + ctx.t("(half of the value for n)", "（是 n 时的一半）"),
        }
        return _notes(ctx, self, parts, self._shots(ctx, v))


# ----------------------------------------------------------------------------------------------------------------
# Bayes' theorem

BAYES_BODY = r'''
N, S, TP, FP = <<N>>, <<S>>, <<TP>>, <<FP>>
rows = 25
formula = plan_fit(fit(MathTex(<<formula>>, font_size=36), 12.5), REGIONS["formula"], UP)
# squares, not Dots: four corners each instead of eight curves keeps the 1000-icon frames cheap to draw
dots = VGroup(*[Square(0.13, stroke_width=0, fill_color=GREY_C, fill_opacity=1) for _ in range(N)])
for i, d in enumerate(dots):
    d.move_to([(i // rows) * 0.2, -(i % rows) * 0.2, 0])
dots.to_edge(LEFT, buff=0.5).to_edge(DOWN, buff=0.45)
keys = [(RED, <<lab_tp>>), (MAROON_B, <<lab_fn>>), (ORANGE, <<lab_fp>>), (GREY_C, <<lab_tn>>)]
legend = VGroup(*[VGroup(Square(0.18, stroke_width=0, fill_color=c, fill_opacity=1), Text(s, font_size=22)).arrange(RIGHT, buff=0.2)
                  for c, s in keys]).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
legend.next_to(dots, RIGHT, buff=0.6).align_to(dots, UP)
fit(legend, config.frame_width / 2 - legend.get_left()[0] - 0.4)
counts = VGroup(*[MathTex(s, font_size=30) for s in <<counts>>]).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
fit(counts, config.frame_width / 2 - legend.get_left()[0] - 0.4).next_to(legend, DOWN, buff=0.5, aligned_edge=LEFT)
self.play(Write(title))
self.play(Write(formula))
self.play(FadeIn(dots, lag_ratio=0.002), run_time=1.5)
self.play(dots[:S].animate.set_color(RED), FadeIn(legend[0]), FadeIn(legend[1]), FadeIn(counts[0]))
self.play(dots[TP:S].animate.set_color(MAROON_B), dots[S:S + FP].animate.set_color(ORANGE),
          FadeIn(legend[2]), FadeIn(legend[3]), FadeIn(counts[1]), run_time=1.5)
self.wait(0.5)
box = SurroundingRectangle(VGroup(dots[:TP], dots[S:S + FP]), color=YELLOW, buff=0.08)
self.play(dots[TP:S].animate.set_opacity(0.2), dots[S + FP:].animate.set_opacity(0.2), Create(box),
          FadeIn(counts[2]))
numeric = plan_fit(fit(MathTex(<<numeric>>, font_size=36, color=YELLOW), 12.5), REGIONS["formula"], UP)
self.play(FadeOut(formula, shift=0.3 * UP), FadeIn(numeric, shift=0.3 * UP), FadeIn(counts[3]))
self.wait(2)
'''


_RATE_WORDS = {  # regex -> (numbers key, label)
    "prevalence": ("prevalence", "prevalence"), "患病率": ("prevalence", "prevalence"),
    "发病率": ("prevalence", "prevalence"), "base rate": ("prevalence", "prevalence"),
    "sensitivity": ("sensitivity", "sensitivity"), "灵敏度": ("sensitivity", "sensitivity"),
    "敏感度": ("sensitivity", "sensitivity"), "true positive": ("sensitivity", "sensitivity"),
    "specificity": ("specificity", "specificity"), "特异度": ("specificity", "specificity"),
    "false[- ]positives?": ("fpr", "false positive rate"), "假阳性率?": ("fpr", "false positive rate"),
}


@register
class Bayes(Family):
    key = "bayes"
    title_en = "Bayes' theorem"
    title_zh = "贝叶斯定理"
    description = ("Bayes' theorem for a medical test on a population grid: prevalence, sensitivity and false "
                   "positive rate give the probability of disease given a positive test.")
    aliases = ("bayes theorem", "bayes' theorem", "bayes rule", "bayesian", "conditional probability",
               "posterior probability", "base rate fallacy", "false positive paradox", "medical test positive",
               "P(A|B) = P(B|A)P(A)/P(B)", "P(A \\mid B)", "贝叶斯定理", "贝叶斯公式", "条件概率", "后验概率",
               "假阳性", "基础比率谬误")

    def build(self, params: Params) -> Lesson:
        ctx = _Ctx(params)
        ctx.p = dataclasses.replace(params, numbers={**params.numbers, **self._rates_in_text(ctx)})
        if "specificity" in ctx.p.numbers and ctx.raw(("false_positive", "fpr", "false_positive_rate")) is None:
            spec = min(max(float(ctx.p.numbers["specificity"]), 0.0), 1.0)
            ctx.p.numbers["fpr"] = round(1 - spec, 6)
            ctx.found.append(ctx.t(f"specificity {num(spec)}: false positive rate = 1 - specificity",
                                   f"特异度 {num(spec)}：假阳性率 = 1 - 特异度"))
        prev = _rat(ctx.prob(("prevalence", "prior", "p"), 0.01, "prevalence", 0.001, 0.999))
        sens = _rat(ctx.prob(("sensitivity", "sens", "tpr", "true_positive"), 0.9, "sensitivity", 0.001, 1))
        fpr = _rat(ctx.prob(("false_positive", "fpr", "false_positive_rate"), 0.09, "false positive rate", 0, 0.999))
        pos = sens * prev + fpr * (1 - prev)
        post = sens * prev / pos
        N = 1000
        S = min(N, max(1, round(N * prev)))
        TP = round(S * sens)
        FP = round((N - S) * fpr)
        values = {"prevalence": prev, "sensitivity": sens, "fpr": fpr, "p_positive": pos, "posterior": post,
                  "population": N, "sick": S, "true_pos": TP, "false_pos": FP,
                  "exercise": sp.Rational(1, 1) * sens * post / (sens * post + fpr * (1 - post))}
        return _lesson(self, ctx, _Draft(self._body(ctx, values), self._notes(ctx, values), self._computed(ctx, values),
                                         self._shots(ctx, values), values))

    @staticmethod
    def _rates_in_text(ctx: _Ctx) -> dict[str, float]:
        """Percentages next to their names in the text ("1% prevalence", "灵敏度 90%"): a bare "90%" alone is
        ambiguous (the parameter extractor reads the first one as p), so the words decide here."""
        text, out = ctx.p.concept.lower(), {}
        for word, (key, _) in _RATE_WORDS.items():
            pats = (rf"(\d+(?:\.\d+)?)\s*%\s*(?:of\s+)?(?:the\s+)?{word}",
                    rf"{word}\s*(?:rate\s*)?(?:of|is|=|:|：|为|是)?\s*(\d+(?:\.\d+)?)\s*%")
            for pat in pats:
                m = re.search(pat, text)
                if m and key not in out:
                    out[key] = float(m.group(1)) / 100
        for key, v in out.items():
            label = next(lab for k, lab in _RATE_WORDS.values() if k == key)
            ctx.found.append(ctx.t(f"{label} = {num(v)} (read from the text)", f"{label} = {num(v)}（从题目中读出）"))
        return out

    @staticmethod
    def _body(ctx: _Ctx, v: dict) -> str:
        N, S, TP, FP = v["population"], v["sick"], v["true_pos"], v["false_pos"]
        p, se, f = (num(v[k]) for k in ("prevalence", "sensitivity", "fpr"))
        formula = r"P(D\mid +)=\frac{P(+\mid D)\,P(D)}{P(+\mid D)\,P(D)+P(+\mid \neg D)\,P(\neg D)}"
        numeric = (rf"P(D\mid +)=\frac{{{se}\cdot {p}}}{{{se}\cdot {p}+{f}\cdot {num(1 - v['prevalence'])}}}"
                   rf"={latex(v['posterior'])}\approx {num(v['posterior'])}")
        counts = [ctx.t(rf"\text{{sick: }} {S} \text{{ of }} {N}", rf"D: {S} / {N}"),
                  ctx.t(rf"\text{{test +: }} {TP} + {FP} = {TP + FP}", rf"+: {TP} + {FP} = {TP + FP}"),
                  rf"\frac{{{TP}}}{{{TP + FP}}} \approx {num(TP / max(TP + FP, 1))}",
                  rf"P(D\mid +) = {num(v['posterior'])}"]
        labels = [ctx.t("sick, test +", "患病，阳性"), ctx.t("sick, test -", "患病，阴性"),
                  ctx.t("healthy, test +", "健康，阳性"), ctx.t("healthy, test -", "健康，阴性")]
        return _fill(BAYES_BODY, N=N, S=S, TP=TP, FP=FP, formula=tex(formula), numeric=tex(numeric),
                     counts=_texlist(counts), **{f"lab_{k}": repr(s) for k, s in zip(("tp", "fn", "fp", "tn"),
                                                                                      labels, strict=True)})

    @staticmethod
    def _computed(ctx: _Ctx, v: dict) -> list[str]:
        s = (f"P(+) = {v['p_positive']} ≈ {num(v['p_positive'])}, "
             f"P(D|+) = {v['posterior']} ≈ {num(v['posterior'])}")
        grid = (f"grid of {v['population']}: {v['sick']} sick, {v['true_pos']} true positives, "
                f"{v['false_pos']} false positives")
        return [ctx.t("Computed with sympy Rationals: " + s, "用 sympy 有理数精确计算：" + s),
                ctx.t(grid, f"{v['population']} 人的点阵：{v['sick']} 人患病，{v['true_pos']} 个真阳性，"
                            f"{v['false_pos']} 个假阳性")]

    @staticmethod
    def _shots(ctx: _Ctx, v: dict) -> list[str]:
        return [ctx.t("title and Bayes' formula", "标题与贝叶斯公式"),
                ctx.t(f"a grid of {v['population']} people", f"{v['population']} 人的点阵"),
                ctx.t(f"{v['sick']} sick people turn red (prevalence {num(v['prevalence'])})",
                      f"{v['sick']} 名患者变红（患病率 {num(v['prevalence'])}）"),
                ctx.t(f"the test: {v['true_pos']} true positives, {v['false_pos']} false positives (orange)",
                      f"检测：{v['true_pos']} 个真阳性，{v['false_pos']} 个假阳性（橙色）"),
                ctx.t(f"only the positives stay lit; P(D|+) = {num(v['posterior'])}",
                      f"只保留阳性者；P(D|+) = {num(v['posterior'])}")]

    def _notes(self, ctx: _Ctx, v: dict) -> str:
        p, se, f = (latex(v[k]) for k in ("prevalence", "sensitivity", "fpr"))
        calc = (rf"$$P(D\mid +) = \frac{{{se}\cdot {p}}}{{{se}\cdot {p} + {f}\cdot(1-{p})}} = "
                rf"{latex(v['posterior'])} \approx {num(v['posterior'])}$$")
        parts = {
            "definition": ctx.t(
                r"Bayes' theorem turns $P(+\mid D)$ into $P(D\mid +)$: "
                r"$$P(D\mid +) = \frac{P(+\mid D)P(D)}{P(+\mid D)P(D) + P(+\mid \neg D)P(\neg D)}.$$",
                r"贝叶斯定理把 $P(+\mid D)$ 转换为 $P(D\mid +)$："
                r"$$P(D\mid +) = \frac{P(+\mid D)P(D)}{P(+\mid D)P(D) + P(+\mid \neg D)P(\neg D)}.$$"),
            "intuition": ctx.t(
                "Count people: among everyone who tests positive, what fraction is actually sick? When the "
                "disease is rare, the healthy majority produces many false positives.",
                "数人头：在所有检测阳性的人中，真正患病的占多少？疾病罕见时，大量健康人会产生许多假阳性。"),
            "example": ctx.t(
                rf"Prevalence $P(D) = {p}$, sensitivity $P(+\mid D) = {se}$, false-positive rate "
                rf"$P(+\mid \neg D) = {f}$: $P(+) = {latex(v['p_positive'])}$ and {calc}",
                rf"患病率 $P(D) = {p}$，灵敏度 $P(+\mid D) = {se}$，假阳性率 $P(+\mid \neg D) = {f}$："
                rf"$P(+) = {latex(v['p_positive'])}$，{calc}"),
            "exercise": ctx.t("The same person takes a second, independent test and is positive again. "
                              "What is the probability of disease now?",
                              "同一个人再做一次独立检测，结果仍为阳性。此时患病的概率是多少？"),
            "answer": rf"$\frac{{{se}\cdot P_1}}{{{se}\cdot P_1 + {f}(1-P_1)}} = {latex(v['exercise'])} \approx "
                      rf"{num(v['exercise'])}$, $P_1 = {latex(v['posterior'])}$",
        }
        return _notes(ctx, self, parts, self._shots(ctx, v))


# ----------------------------------------------------------------------------------------------------------------
# Simple harmonic motion

SHM_BODY = r'''
A, w, phi = <<A>>, <<w>>, <<phi>>
T = 2 * np.pi / w
eqs = plan_fit(fit(MathTex(<<eqs>>, font_size=34), 12.5), REGIONS["formula"], UP)
axes = Axes(x_range=[0, 2 * T, T / 2], y_range=[-1.2 * A, 1.2 * A, A], x_length=6.5, y_length=3.2, tips=False)
axes.to_edge(RIGHT, buff=0.6).shift(DOWN * 1.4)
tlab = MathTex("t", font_size=30).next_to(axes.x_axis.get_right(), RIGHT, buff=0.1)
xlab = MathTex(<<ylab>>, font_size=30).next_to(axes.y_axis.get_top(), UP, buff=0.1)
Tlab = MathTex(<<T_tex>>, font_size=26).next_to(axes.c2p(T, 0), DOWN, buff=0.2)
Tdot = Line(axes.c2p(T, -0.06 * A), axes.c2p(T, 0.06 * A), color=WHITE)
alab = MathTex(<<A_tex>>, font_size=26).next_to(axes.c2p(0, A), LEFT, buff=0.15)
cx = -4.2
tr = ValueTracker(0)


def pos(t):
    return A * np.cos(w * t + phi)


<<left>>
trace = always_redraw(lambda: axes.plot(pos, x_range=[0, max(tr.get_value(), 0.01 * T), T / 100], color=YELLOW))
dot = always_redraw(lambda: Dot(axes.c2p(tr.get_value(), pos(tr.get_value())), color=YELLOW))
self.play(Write(title))
self.play(Write(eqs))
self.play(Create(support), Create(axes), FadeIn(tlab, xlab))
self.play(*[FadeIn(m) for m in movers], FadeIn(dot))
self.add(trace)
self.play(tr.animate.set_value(2 * T), run_time=8, rate_func=linear)
self.play(FadeOut(link), FadeIn(Tlab, Tdot, alab))
self.wait(1.5)
'''

# The left half of the SHM scene: a mass on a spring, whose height lines up with the graph (a dashed link shows it).
SPRING_LEFT = '''
ceil_y = axes.c2p(0, 1.2 * A)[1] + 1.6
support = VGroup(Line([cx - 1, ceil_y, 0], [cx + 1, ceil_y, 0], stroke_width=6),
                 *[Line([cx - 0.9 + 0.25 * i, ceil_y, 0], [cx - 0.75 + 0.25 * i, ceil_y + 0.15, 0], stroke_width=2)
                   for i in range(8)],
                 DashedLine([cx - 1.2, axes.c2p(0, 0)[1], 0], axes.c2p(0, 0), color=GREY_B, stroke_width=2))


def block():
    return Square(0.6, fill_color=BLUE, fill_opacity=1, color=BLUE_E).move_to([cx, axes.c2p(0, pos(tr.get_value()))[1], 0])


def spring():
    top, bottom = ceil_y, axes.c2p(0, pos(tr.get_value()))[1] + 0.3
    ys = np.linspace(top, bottom, 20)
    pts = [[cx + (0.25 if i % 2 else -0.25) * (1 < i < 18), yy, 0] for i, yy in enumerate(ys)]
    return VMobject(color=GREY_A).set_points_as_corners(pts)


mass = always_redraw(block)
link = always_redraw(lambda: DashedLine(mass.get_right(), axes.c2p(tr.get_value(), pos(tr.get_value())), color=YELLOW,
                                        stroke_width=2, stroke_opacity=0.6))
movers = [always_redraw(spring), mass, link]
'''

# The left half for a pendulum: the bob swings by the angle theta(t) (in degrees) that the graph plots.
PENDULUM_LEFT = '''
piv = np.array([cx, axes.get_top()[1] + 0.4, 0])
rod_len = 3.3
support = VGroup(Line(piv + LEFT, piv + RIGHT, stroke_width=6),
                 *[Line(piv + LEFT * (0.9 - 0.25 * i), piv + LEFT * (0.75 - 0.25 * i) + UP * 0.15, stroke_width=2)
                   for i in range(8)],
                 DashedLine(piv, piv + DOWN * (rod_len + 0.3), color=GREY_B, stroke_width=2))


def bob_at():
    a = pos(tr.get_value()) * DEGREES
    return piv + rod_len * np.array([np.sin(a), -np.cos(a), 0])


rod = always_redraw(lambda: Line(piv, bob_at(), color=GREY_A, stroke_width=4))
bob = always_redraw(lambda: Dot(bob_at(), radius=0.22, color=BLUE))
link = VGroup()
movers = [rod, bob]
'''


@register
class SimpleHarmonic(Family):
    key = "simple_harmonic"
    title_en = "Simple harmonic motion"
    title_zh = "简谐运动"
    description = ("Simple harmonic motion of a mass on a spring or a pendulum: x(t) = A cos(omega t + phi) with "
                   "angular frequency omega = sqrt(k/m) or sqrt(g/L), the oscillation plotted over time beside it.")
    aliases = ("simple harmonic motion", "harmonic oscillator", "mass on a spring", "spring oscillation",
               "hooke's law oscillation", "shm", "x(t) = A cos(omega t)", "\\omega = \\sqrt{k/m}", "pendulum",
               "oscillation period", "简谐运动", "简谐振动", "弹簧振子", "谐振子", "单摆", "胡克定律 振动")

    def build(self, params: Params) -> Lesson:
        ctx = _Ctx(params)
        t = sp.Symbol("t", real=True)
        if any(w in params.concept.lower() for w in ("pendulum", "摆")):
            v = self._pendulum(ctx)
        else:
            w = ctx.raw(("omega", "ω"))
            m = _rat(ctx.number(("m", "mass"), 1, (0.01, 10000), label="m", kind="mass"))
            if w is not None and ctx.raw(("k", "spring_constant")) is None:
                w = min(max(w, 0.1), 100)  # omega given instead of k: k = omega^2 m
                ctx.found.append(ctx.t(f"omega = {num(w)} given: k = omega^2 m", f"给出 omega = {num(w)}：k = omega^2 m"))
                ctx.p.numbers["k"] = float(_rat(w) ** 2 * m)
            k = _rat(ctx.number(("k", "spring_constant", "stiffness"), 4, (0.01, 10000), label="k",
                                kind="stiffness"))
            v = {"pendulum": False, "k": k, "m": m, "omega": sp.sqrt(k / m),
                 "A": _rat(ctx.number(("A", "amplitude", "a"), 1, (0.01, 100), label="A", kind="length"))}
        phi = _rat(ctx.number(("phi", "φ", "phase"), 0, (-10, 10), label="phi"))
        xt = v["A"] * sp.cos(v["omega"] * t + phi)
        T = sp.simplify(2 * sp.pi / v["omega"])
        v.update({"phi": phi, "period": T, "frequency": 1 / T, "x_t": xt, "v_max": v["A"] * v["omega"],
                  "a_max": v["A"] * v["omega"] ** 2, "x0": xt.subs(t, 0), "exercise": 2 * T})
        return _lesson(self, ctx, _Draft(self._body(v), self._notes(ctx, v), self._computed(ctx, v),
                                         self._shots(ctx, v), v))

    @staticmethod
    def _pendulum(ctx: _Ctx) -> dict:
        """A simple pendulum (small angles): omega = sqrt(g/L); the amplitude is an angle in degrees."""
        ctx.found.append(ctx.t("a pendulum: small-angle approximation", "单摆：小角度近似"))
        L = _rat(ctx.number(("L", "length", "l"), 1, (0.05, 100), label="L", kind="length"))
        g = sp.Rational(49, 5)
        return {"pendulum": True, "L": L, "g": g, "omega": sp.sqrt(g / L),
                "A": _rat(ctx.number(("A", "amplitude", "theta", "angle"), 10, (1, 30), label="theta0"))}

    @staticmethod
    def _symbols(v: dict) -> tuple[str, str, str]:
        """(displacement symbol, omega formula, omega with the values) in LaTeX."""
        if v["pendulum"]:
            return r"\theta", r"\sqrt{g/L}", rf"\sqrt{{9.8/{num(v['L'])}}}"
        return "x", r"\sqrt{k/m}", rf"\sqrt{{{num(v['k'])}/{num(v['m'])}}}"

    def _body(self, v: dict) -> str:
        sym, form, vals = self._symbols(v)
        unit = r"^\circ" if v["pendulum"] else ""
        xt = latex(v["x_t"]).replace(r"\cos", unit + r"\cos", 1) if unit and v["A"] != 1 else latex(v["x_t"])
        eqs = (rf"{sym}(t) = {xt} \qquad \omega={form}={vals}={num(v['omega'])}\,\mathrm{{rad/s}} \qquad "
               rf"T=\frac{{2\pi}}{{\omega}}={num(v['period'])}\,\mathrm{{s}}")
        amp = rf"\theta_0 = {num(v['A'])}^\circ" if v["pendulum"] else rf"A = {num(v['A'])}"
        return _fill(SHM_BODY, A=py(v["A"]), w=py(v["omega"]), phi=py(v["phi"]), eqs=tex(eqs), ylab=tex(sym),
                     T_tex=tex(rf"T = {num(v['period'])}"), A_tex=tex(amp),
                     left=textwrap.dedent(PENDULUM_LEFT if v["pendulum"] else SPRING_LEFT).strip("\n") + "\n")

    @staticmethod
    def _computed(ctx: _Ctx, v: dict) -> list[str]:
        form = "sqrt(g/L)" if v["pendulum"] else "sqrt(k/m)"
        s = (f"omega = {form} = {v['omega']} ≈ {num(v['omega'])} rad/s, T = 2 pi/omega = {v['period']} ≈ "
             f"{num(v['period'])} s, {'theta' if v['pendulum'] else 'x'}(t) = {v['x_t']}")
        return [ctx.t("Computed with sympy: " + s, "用 sympy 计算：" + s)]

    @staticmethod
    def _shots(ctx: _Ctx, v: dict) -> list[str]:
        T, p = num(v["period"]), v["pendulum"]
        return [ctx.t("title and the equations of motion, omega and T with the values", "标题与代入数值的运动方程、omega、T"),
                ctx.t("the pendulum hangs from its pivot" if p else "the spring hangs from the ceiling",
                      "单摆挂在支点上" if p else "弹簧挂在天花板上")
                + ctx.t("; the axes appear on the right", "；右侧出现坐标轴"),
                ctx.t(f"it oscillates for two periods (T = {T} s) while the graph is traced",
                      f"振动两个周期（T = {T} 秒），同时描出图像"),
                ctx.t("the period T and the amplitude are marked on the graph", "在图上标出周期 T 和振幅")]

    def _notes(self, ctx: _Ctx, v: dict) -> str:
        return _notes(ctx, self, self._pendulum_parts(ctx, v) if v["pendulum"] else self._spring_parts(ctx, v),
                      self._shots(ctx, v))

    @staticmethod
    def _calc(v: dict) -> str:
        sym, form, _ = SimpleHarmonic._symbols(v)
        return (rf"$\omega = {form} = {latex(v['omega'])} \approx {num(v['omega'])}$ rad/s, "
                rf"$T = 2\pi/\omega = {latex(v['period'])} \approx {num(v['period'])}$ s, "
                rf"${sym}(t) = {latex(v['x_t'])}$")

    @staticmethod
    def _spring_parts(ctx: _Ctx, v: dict) -> dict:
        k, m, calc = latex(v["k"]), latex(v["m"]), SimpleHarmonic._calc(v)
        calc += rf", $v_{{max}} = A\omega \approx {num(v['v_max'])}$, $a_{{max}} = A\omega^2 \approx {num(v['a_max'])}$"
        return {
            "definition": ctx.t(
                r"A mass $m$ on a spring of stiffness $k$ obeys $m\ddot x = -kx$, so "
                r"$$x(t) = A\cos(\omega t + \varphi),\qquad \omega = \sqrt{k/m},\qquad T = 2\pi/\omega.$$",
                r"劲度系数为 $k$ 的弹簧上挂质量 $m$ 的物体，满足 $m\ddot x = -kx$，因此 "
                r"$$x(t) = A\cos(\omega t + \varphi),\qquad \omega = \sqrt{k/m},\qquad T = 2\pi/\omega.$$"),
            "intuition": ctx.t(
                "The restoring force grows with the displacement, so the mass keeps overshooting the equilibrium: "
                "a stiffer spring (larger k) oscillates faster, a heavier mass slower. The period does not depend "
                "on the amplitude.",
                "回复力与位移成正比，物体不断越过平衡位置：弹簧越硬（k 越大）振动越快，质量越大越慢。周期与振幅无关。"),
            "example": ctx.t(rf"With $k = {k}$, $m = {m}$, $A = {latex(v['A'])}$, $\varphi = {latex(v['phi'])}$: "
                             + calc + ".",
                             rf"取 $k = {k}$，$m = {m}$，$A = {latex(v['A'])}$，$\varphi = {latex(v['phi'])}$："
                             + calc + "。"),
            "exercise": ctx.t("The mass is made four times heavier. What is the new period?",
                              "把质量变为原来的 4 倍，新的周期是多少？"),
            "answer": rf"$T' = 2\pi\sqrt{{4m/k}} = {latex(v['exercise'])} \approx {num(v['exercise'])}$ s"
                      + ctx.t(" (twice the old period)", "（是原来的 2 倍）"),
        }

    @staticmethod
    def _pendulum_parts(ctx: _Ctx, v: dict) -> dict:
        L, calc = latex(v["L"]), SimpleHarmonic._calc(v)
        return {
            "definition": ctx.t(
                r"A pendulum of length $L$ obeys $\ddot\theta = -\frac{g}{L}\sin\theta \approx -\frac{g}{L}\theta$ "
                r"for small angles, so $$\theta(t) = \theta_0\cos(\omega t + \varphi),\qquad \omega = \sqrt{g/L},"
                r"\qquad T = 2\pi\sqrt{L/g}.$$",
                r"摆长为 $L$ 的单摆满足 $\ddot\theta = -\frac{g}{L}\sin\theta$，小角度时近似为 $-\frac{g}{L}\theta$，因此 "
                r"$$\theta(t) = \theta_0\cos(\omega t + \varphi),\qquad \omega = \sqrt{g/L},\qquad T = 2\pi\sqrt{L/g}.$$"),
            "intuition": ctx.t(
                "Gravity pulls the bob back towards the bottom with a force nearly proportional to the angle, "
                "which is exactly simple harmonic motion. A longer pendulum swings more slowly; the mass does "
                "not matter.",
                "重力把摆球拉回最低点，回复力近似与角度成正比，这正是简谐运动。摆越长摆动越慢，与摆球质量无关。"),
            "example": ctx.t(rf"With $L = {L}$ m, $g = 9.8$ m/s², $\theta_0 = {latex(v['A'])}^\circ$: {calc}.",
                             rf"取 $L = {L}$ m，$g = 9.8$ m/s²，$\theta_0 = {latex(v['A'])}^\circ$：{calc}。"),
            "exercise": ctx.t("The pendulum is made four times longer. What is the new period?",
                              "把摆长变为原来的 4 倍，新的周期是多少？"),
            "answer": rf"$T' = 2\pi\sqrt{{4L/g}} = {latex(v['exercise'])} \approx {num(v['exercise'])}$ s"
                      + ctx.t(" (twice the old period)", "（是原来的 2 倍）"),
        }


# ----------------------------------------------------------------------------------------------------------------
# Projectile motion

PROJECTILE_BODY = r'''
v0, th, g = <<v0>>, <<theta>>, <<g>>
T, R, H = <<T>>, <<R>>, <<H>>
vx, vy0 = v0 * np.cos(th), v0 * np.sin(th)
given = plan_fit(fit(MathTex(<<given>>, font_size=34), 12.5), REGIONS["formula"], UP)
axes = Axes(x_range=[0, <<xmax>>, <<xstep>>], y_range=[0, <<ymax>>, <<ystep>>], x_length=<<xlen>>, y_length=<<ylen>>,
            tips=False)
axes.move_to([0, -0.7, 0]).align_to([0, -2.7, 0], DOWN)
nums = tick_texts(axes, xs=np.arange(<<xstep>>, <<xmax>> + 1e-9, <<xstep>>), ys=np.arange(<<ystep>>, <<ymax>> + 1e-9, <<ystep>>))
xlab = MathTex(r"x\,(\mathrm{m})", font_size=26).next_to(axes.x_axis.get_right(), RIGHT, buff=0.15)
ylab = MathTex(r"y\,(\mathrm{m})", font_size=26).next_to(axes.y_axis.get_top(), UP, buff=0.15)
traj = axes.plot(lambda x: x * np.tan(th) - g * x ** 2 / (2 * vx ** 2), x_range=[0, R], color=YELLOW)
tr = ValueTracker(0)
scale = 1.1 / v0


def at(t):
    return axes.c2p(vx * t, vy0 * t - g * t ** 2 / 2)


def arrow(dx, dy, color):
    start = at(tr.get_value())
    return Arrow(start, start + np.array([dx, dy, 0]) * scale + 1e-3 * RIGHT, buff=0, color=color,
                 stroke_width=4, max_tip_length_to_length_ratio=0.25)


ball = always_redraw(lambda: Dot(at(tr.get_value()), color=WHITE, radius=0.09))
avx = always_redraw(lambda: arrow(vx, 0, BLUE))
avy = always_redraw(lambda: arrow(0, vy0 - g * tr.get_value(), GREEN))
av = always_redraw(lambda: arrow(vx, vy0 - g * tr.get_value(), RED))
vlab = VGroup(MathTex(r"v_x", color=BLUE, font_size=30), MathTex(r"v_y", color=GREEN, font_size=30),
              MathTex(r"\vec v", color=RED, font_size=30)).arrange(RIGHT, buff=0.4).to_corner(DR, buff=0.3)
self.play(Write(title))
self.play(Write(given))
self.play(Create(axes), FadeIn(xlab, ylab, nums))
self.play(FadeIn(ball, avx, avy, av, vlab))
self.play(Create(traj), tr.animate.set_value(T), run_time=<<flight>>, rate_func=linear)
self.play(FadeOut(avx, avy, av))
hline = DashedLine(axes.c2p(0, H), axes.c2p(R / 2, H), color=GREEN)
hlab = MathTex(<<H_tex>>, font_size=28, color=GREEN).next_to(hline, UP, buff=0.1)
rline = Line(axes.c2p(0, 0), axes.c2p(R, 0), color=ORANGE, stroke_width=7)
results = plan_fit(fit(MathTex(<<results>>, font_size=34), 12.5), REGIONS["formula"], UP)
self.play(Create(hline), FadeIn(hlab), Create(rline))
self.play(FadeOut(given, shift=UP * 0.3), FadeIn(results, shift=UP * 0.3))
self.wait(2)
'''


@register
class Projectile(Family):
    key = "projectile"
    title_en = "Projectile motion"
    title_zh = "抛体运动"
    description = ("Projectile motion: a ball launched with speed v0 at an angle follows a parabola; the flight time, "
                   "range and maximum height, with the horizontal and vertical velocity components.")
    aliases = ("projectile motion", "projectile", "trajectory of a ball", "launch angle", "thrown ball parabola",
               "cannonball", "range of a projectile", "maximum height", "time of flight", "v0 sin theta",
               "R = v0^2 sin 2θ / g", "抛体运动", "斜抛运动", "平抛运动", "抛物线运动", "射程", "最大高度", "飞行时间")

    def build(self, params: Params) -> Lesson:
        ctx = _Ctx(params)
        v0 = _rat(ctx.number(("v0", "v", "speed", "velocity"), 20, (0.5, 500), label="v0", kind="speed"))
        deg = _rat(ctx.number(("angle", "theta", "θ", "alpha"), 45, (5, 85), label="angle"))
        g = _rat(ctx.number(("g", "gravity"), 9.8, (0.1, 100), label="g", kind="acceleration"))
        t = sp.Symbol("t", positive=True)
        th = deg * sp.pi / 180
        vx, vy = v0 * sp.cos(th), v0 * sp.sin(th)
        y = vy * t - g * t ** 2 / 2
        T = sp.nsimplify(sp.solve(sp.Eq(y, 0), t)[0])
        t_top = sp.solve(sp.diff(y, t), t)[0]
        values = {"v0": v0, "angle": deg, "g": g, "vx": vx, "vy0": vy, "flight_time": sp.simplify(T),
                  "range": sp.simplify(vx * T), "max_height": sp.simplify(y.subs(t, t_top)),
                  "t_top": sp.simplify(t_top), "y_t": y,
                  "exercise": sp.simplify(v0 ** 2 * sp.sin(2 * (sp.pi / 2 - th)) / g)}
        return _lesson(self, ctx, _Draft(self._body(values), self._notes(ctx, values), self._computed(ctx, values),
                                         self._shots(ctx, values), values))

    @staticmethod
    def _body(v: dict) -> str:
        R, H = float(v["range"]), float(v["max_height"])
        xspan, yspan = R * 1.08, H * 1.3
        xstep, ystep = _nice_step(xspan, 6), _nice_step(yspan, 4)
        xmax, ymax = xstep * math.ceil(xspan / xstep), ystep * math.ceil(yspan / ystep)
        s = min(11.5 / xmax, 4.2 / ymax)  # equal scales when the shape allows it
        xlen, ylen = min(max(xmax * s, 5.0), 11.5), min(max(ymax * s, 2.2), 4.2)
        given = (rf"v_0 = {num(v['v0'])}\,\mathrm{{m/s}},\ \theta = {num(v['angle'])}^\circ:\quad "
                 rf"v_x = v_0\cos\theta = {num(v['vx'])},\ v_{{y0}} = v_0\sin\theta = {num(v['vy0'])}")
        results = (rf"T = \frac{{2v_0\sin\theta}}{{g}} = {num(v['flight_time'])}\,\mathrm{{s}},\quad "
                   rf"R = v_x T = {num(v['range'])}\,\mathrm{{m}},\quad H = \frac{{v_{{y0}}^2}}{{2g}} = "
                   rf"{num(v['max_height'])}\,\mathrm{{m}}")
        return _fill(PROJECTILE_BODY, v0=py(v["v0"]), theta=py(v["angle"] * sp.pi / 180), g=py(v["g"]),
                     T=py(v["flight_time"]), R=py(R), H=py(H), given=tex(given), xmax=py(xmax), ymax=py(ymax),
                     xstep=py(xstep), ystep=py(ystep), xlen=py(xlen), ylen=py(ylen),
                     flight=py(min(max(float(v["flight_time"]), 3.0), 5.0)),
                     H_tex=tex(rf"H = {num(H)}\,\mathrm{{m}}"), results=tex(results))

    @staticmethod
    def _computed(ctx: _Ctx, v: dict) -> list[str]:
        s = (f"v_x = {num(v['vx'])} m/s, v_y0 = {num(v['vy0'])} m/s; solve y(t) = 0: T = {v['flight_time']} ≈ "
             f"{num(v['flight_time'])} s; range R = {num(v['range'])} m; y'(t) = 0 at t = {num(v['t_top'])} s: "
             f"H = {num(v['max_height'])} m (g = {num(v['g'])} m/s²)")
        return [ctx.t("Computed with sympy solve: " + s, "用 sympy solve 计算：" + s)]

    @staticmethod
    def _shots(ctx: _Ctx, v: dict) -> list[str]:
        return [ctx.t(f"title; v0 = {num(v['v0'])} m/s, angle {num(v['angle'])}° and the velocity components",
                      f"标题；v0 = {num(v['v0'])} m/s，角度 {num(v['angle'])}°，速度分量"),
                ctx.t("axes in metres", "以米为单位的坐标轴"),
                ctx.t(f"the ball flies for T = {num(v['flight_time'])} s with its velocity arrows v_x (constant), "
                      "v_y (shrinking, then negative) and v", f"小球飞行 T = {num(v['flight_time'])} 秒，速度箭头 v_x（不变）、"
                      "v_y（减小后反向）与 v"),
                ctx.t(f"the maximum height H = {num(v['max_height'])} m and the range R = {num(v['range'])} m "
                      "are marked", f"标出最大高度 H = {num(v['max_height'])} m 和射程 R = {num(v['range'])} m"),
                ctx.t("the results T, R, H replace the givens", "结果 T、R、H 替换已知条件")]

    def _notes(self, ctx: _Ctx, v: dict) -> str:
        v0, a = latex(v["v0"]), latex(v["angle"])
        calc = (rf"$v_x = {num(v['vx'])}$ m/s, $v_{{y0}} = {num(v['vy0'])}$ m/s; "
                rf"$T = {latex(v['flight_time'])} \approx {num(v['flight_time'])}$ s, "
                rf"$R = {latex(v['range'])} \approx {num(v['range'])}$ m, "
                rf"$H = {latex(v['max_height'])} \approx {num(v['max_height'])}$ m")
        parts = {
            "definition": ctx.t(
                r"Without air resistance, $x(t) = v_0\cos\theta\,t$ and $y(t) = v_0\sin\theta\,t - \tfrac12 g t^2$. "
                r"$$T = \frac{2v_0\sin\theta}{g},\qquad R = \frac{v_0^2\sin 2\theta}{g},\qquad "
                r"H = \frac{v_0^2\sin^2\theta}{2g}.$$",
                r"忽略空气阻力时，$x(t) = v_0\cos\theta\,t$，$y(t) = v_0\sin\theta\,t - \tfrac12 g t^2$。"
                r"$$T = \frac{2v_0\sin\theta}{g},\qquad R = \frac{v_0^2\sin 2\theta}{g},\qquad "
                r"H = \frac{v_0^2\sin^2\theta}{2g}.$$"),
            "intuition": ctx.t(
                "The horizontal velocity never changes; gravity only eats the vertical velocity, which shrinks to "
                "zero at the top and then points down. The path is a parabola.",
                "水平速度始终不变；重力只改变竖直速度：到最高点时为零，然后向下。轨迹是抛物线。"),
            "example": ctx.t(rf"With $v_0 = {v0}$ m/s, $\theta = {a}^\circ$, $g = {num(v['g'])}$ m/s²: {calc}.",
                             rf"取 $v_0 = {v0}$ m/s，$\theta = {a}^\circ$，$g = {num(v['g'])}$ m/s²：{calc}。"),
            "exercise": ctx.t(rf"What is the range for the complementary angle $90^\circ - {a}^\circ$?",
                              rf"若发射角改为余角 $90^\circ - {a}^\circ$，射程是多少？"),
            "answer": rf"$R = {latex(v['exercise'])} \approx {num(v['exercise'])}$ m"
                      + ctx.t(" (the same range)", "（射程相同）"),
        }
        return _notes(ctx, self, parts, self._shots(ctx, v))


# ----------------------------------------------------------------------------------------------------------------
# Gradient and a 3D surface

GRADIENT_BODY = r'''
z0, z1, zs = <<z0>>, <<z1>>, <<zstep>>
zp = z0 - 0.45 * (z1 - z0)  # the plane of the gradient field, below the surface so the arrows stay visible
px, py_ = <<px>>, <<py>>


def f(x, y):
    return <<f>>


def grad(x, y):
    return <<gx>>, <<gy>>


self.set_camera_orientation(phi=62 * DEGREES, theta=-55 * DEGREES, zoom=0.72)
self.add_fixed_in_frame_mobjects(title)
axes = ThreeDAxes(x_range=[-2, 2, 1], y_range=[-2, 2, 1], z_range=[z0, z1, zs], x_length=5, y_length=5,
                  z_length=3.0).shift(IN * 0.6)
surface = Surface(lambda u, v: axes.c2p(u, v, f(u, v)), u_range=[-2, 2], v_range=[-2, 2], resolution=(12, 12),
                  fill_opacity=0.7, checkerboard_colors=[BLUE_D, BLUE_E], stroke_width=0.5, stroke_color=BLUE_B)
arrows = VGroup()
for gx0 in np.linspace(-1.5, 1.5, 5):
    for gy0 in np.linspace(-1.5, 1.5, 5):
        dx, dy = grad(gx0, gy0)
        if (dx * dx + dy * dy) ** 0.5 > 1e-6:
            end = axes.c2p(gx0 + dx * <<ascale>>, gy0 + dy * <<ascale>>, zp)
            arrows.add(Arrow(axes.c2p(gx0, gy0, zp), end, buff=0, color=YELLOW, stroke_width=3,
                             max_tip_length_to_length_ratio=0.3))
point = Dot3D(axes.c2p(px, py_, f(px, py_)), color=RED, radius=0.08)
gdx, gdy = grad(px, py_)
garrow = Arrow(axes.c2p(px, py_, zp), axes.c2p(px + gdx * <<ascale>>, py_ + gdy * <<ascale>>, zp), buff=0,
               color=RED, stroke_width=6, max_tip_length_to_length_ratio=0.3)
drop = DashedLine(axes.c2p(px, py_, f(px, py_)), axes.c2p(px, py_, zp), color=RED)
plane = Square(side_length=axes.c2p(2, 0, 0)[0] - axes.c2p(-2, 0, 0)[0], stroke_width=1, stroke_color=GREY_B,
               fill_color=GREY_E, fill_opacity=0.35).move_to(axes.c2p(0, 0, zp))
lines = VGroup(*[MathTex(s, font_size=32) for s in <<lines>>]).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
body = REGIONS["body"]
plan_fit(lines, [body[0], body[0] + 4.2, body[2], body[3]], UL)
lines[2:].set_color(RED)
self.add_fixed_in_frame_mobjects(lines)
self.remove(lines)
self.play(Write(title))
self.play(Create(axes), Write(lines[0]))
self.play(Create(surface), run_time=1.5)
self.play(FadeIn(plane), LaggedStart(*[GrowArrow(a) for a in arrows], lag_ratio=0.05), Write(lines[1]), run_time=2)
self.play(FadeIn(point), Create(drop), GrowArrow(garrow), Write(lines[2]), Write(lines[3]))
self.begin_ambient_camera_rotation(rate=0.25)
self.wait(2.5)
self.stop_ambient_camera_rotation()
'''


@register
class GradientSurface(Family):
    key = "gradient_surface"
    title_en = "Gradient of a surface"
    title_zh = "曲面与梯度"
    description = ("The gradient of a function of two variables: the 3D surface z = f(x, y) with gradient arrows on "
                   "the plane below, pointing in the direction of steepest ascent.")
    aliases = ("gradient", "gradient vector", "surface z = f(x, y)", "3d surface", "steepest ascent",
               "gradient descent", "partial derivatives", "multivariable function", "nabla f", "\\nabla f",
               "grad f", "level curves", "梯度", "梯度向量", "曲面", "三维曲面", "偏导数", "多元函数", "最速上升方向",
               "梯度下降")

    def draws(self, params: Params) -> bool:
        """A point inside the drawn square |x|, |y| < 1.9; one outside it ("at (1, 2)") goes to the catalogue's
        gradient field, which draws any point rather than clamp it."""
        point = next((v for v in params.vectors if len(v) == 2), None)
        return point is None or all(abs(c) < 1.9 for c in point)

    def build(self, params: Params) -> Lesson:
        ctx = _Ctx(params)
        X, Y = sp.symbols("x y", real=True)
        f = self._function(ctx, X, Y)
        point = next((v for v in params.vectors if len(v) == 2), None)
        if point is not None and "x0" not in ctx.p.numbers and "y0" not in ctx.p.numbers:  # "at (1, 0.5)"
            ctx.p.numbers.update(x0=point[0], y0=point[1])
        gx, gy = sp.diff(f, X), sp.diff(f, Y)
        px = ctx.number(("x0", "px"), 1, (-1.9, 1.9), label="x0")
        py_ = ctx.number(("y0", "py"), 0.5, (-1.9, 1.9), label="y0")
        P = {X: _rat(px), Y: _rat(py_)}
        g0 = (sp.simplify(gx.subs(P)), sp.simplify(gy.subs(P)))
        values = {"f": f, "grad": (gx, gy), "point": (P[X], P[Y]), "grad_at_point": g0,
                  "grad_norm": sp.sqrt(g0[0] ** 2 + g0[1] ** 2), "f_at_point": sp.simplify(f.subs(P)),
                  "exercise": sp.simplify(gx.subs({X: 0, Y: 1})), "exercise_y": sp.simplify(gy.subs({X: 0, Y: 1}))}
        return _lesson(self, ctx, _Draft(self._body(values, X, Y), self._notes(ctx, values),
                                         self._computed(ctx, values), self._shots(ctx, values), values,
                                         base="ThreeDScene", helpers="import math\n" + FIT_HELPER))

    @staticmethod
    def _function(ctx: _Ctx, X, Y) -> sp.Expr:
        """params.expr when it is a finite function of x and y on [-2, 2]^2, else x^2 + y^2."""
        e, default = ctx.p.expr, X ** 2 + Y ** 2
        if e is None:
            ctx.found.append(ctx.t("no function given: using f(x, y) = x^2 + y^2", "未给出函数：使用 f(x, y) = x^2 + y^2"))
            return default
        names = {s.name: s for s in e.free_symbols}
        if not names or set(names) - {"x", "y"}:
            ctx.found.append(ctx.t(f"{e} is not a function of x and y: using x^2 + y^2",
                                   f"{e} 不是 x、y 的函数：改用 x^2 + y^2"))
            return default
        f = e.subs({s: {"x": X, "y": Y}[n] for n, s in names.items()})
        try:
            fn = sp.lambdify((X, Y), f, "math")
            vals = [float(fn(a / 5, b / 5)) for a in range(-10, 11) for b in range(-10, 11)]
            ok = all(math.isfinite(v) and abs(v) < 1e6 for v in vals) and "#" not in sp.pycode(f)
        except (TypeError, ValueError, ZeroDivisionError, OverflowError, NameError):
            ok = False
        if not ok:
            ctx.found.append(ctx.t(f"f = {f} is not finite on [-2, 2]^2: using x^2 + y^2",
                                   f"f = {f} 在 [-2, 2]^2 上不连续或无定义：改用 x^2 + y^2"))
            return default
        ctx.found.append(ctx.t(f"f(x, y) = {f} (from the text)", f"f(x, y) = {f}（来自题目）"))
        return f

    @staticmethod
    def _body(v: dict, X, Y) -> str:
        f, (gx, gy) = v["f"], v["grad"]
        fn, gfn = sp.lambdify((X, Y), f, "math"), sp.lambdify((X, Y), (gx, gy), "math")
        grid = [i / 5 for i in range(-10, 11)]
        zs = [float(fn(a, b)) for a in grid for b in grid]
        zstep = _nice_step(max(zs) - min(zs), 4)
        z0, z1 = zstep * math.floor(min(zs) / zstep), zstep * math.ceil(max(zs) / zstep)
        gmax = max(math.hypot(*(float(c) for c in gfn(a, b))) for a in grid[5:16:4] for b in grid[5:16:4])
        (px, py_), g0 = v["point"], v["grad_at_point"]
        lines = [rf"f(x,y) = {latex(f)}",
                 rf"\nabla f = \left({latex(gx)},\ {latex(gy)}\right)",
                 rf"\nabla f({num(px)}, {num(py_)}) = ({num(g0[0])}, {num(g0[1])})",
                 rf"|\nabla f({num(px)}, {num(py_)})| = {num(v['grad_norm'])}"]
        return _fill(GRADIENT_BODY, z0=py(z0), z1=py(z1 if z1 > z0 else z0 + 1), zstep=py(zstep), px=py(px),
                     py=py(py_), f=sp.pycode(f), gx=sp.pycode(gx), gy=sp.pycode(gy),
                     ascale=py(0.7 / gmax if gmax > 1e-9 else 1.0), lines=_texlist(lines))

    @staticmethod
    def _computed(ctx: _Ctx, v: dict) -> list[str]:
        (gx, gy), (px, py_), g0 = v["grad"], v["point"], v["grad_at_point"]
        s = (f"grad f = ({gx}, {gy}); at ({num(px)}, {num(py_)}): ({g0[0]}, {g0[1]}), "
             f"|grad f| = {v['grad_norm']} ≈ {num(v['grad_norm'])}")
        return [ctx.t("Computed with sympy diff: " + s, "用 sympy 求偏导：" + s)]

    @staticmethod
    def _shots(ctx: _Ctx, v: dict) -> list[str]:
        (px, py_) = v["point"]
        return [ctx.t(f"title; 3D axes and f(x, y) = {v['f']}", f"标题；三维坐标轴与 f(x, y) = {v['f']}"),
                ctx.t("the surface z = f(x, y) is drawn", "画出曲面 z = f(x, y)"),
                ctx.t("gradient arrows grow on the plane below the surface", "在曲面下方的平面上长出梯度箭头"),
                ctx.t(f"the point ({num(px)}, {num(py_)}) and its gradient (red) are highlighted",
                      f"突出显示点 ({num(px)}, {num(py_)}) 及其梯度（红色）"),
                ctx.t("the camera turns around the surface", "镜头绕曲面旋转")]

    def _notes(self, ctx: _Ctx, v: dict) -> str:
        f, (gx, gy), (px, py_), g0 = v["f"], v["grad"], v["point"], v["grad_at_point"]
        calc = (rf"$$\nabla f = \left({latex(gx)},\ {latex(gy)}\right),\qquad \nabla f({latex(px)}, {latex(py_)}) = "
                rf"\left({latex(g0[0])},\ {latex(g0[1])}\right),\quad |\nabla f| = {latex(v['grad_norm'])} \approx "
                rf"{num(v['grad_norm'])}$$")
        parts = {
            "definition": ctx.t(
                r"For $z = f(x, y)$ the gradient is the vector of partial derivatives "
                r"$$\nabla f = \left(\frac{\partial f}{\partial x}, \frac{\partial f}{\partial y}\right).$$",
                r"对 $z = f(x, y)$，梯度是偏导数组成的向量 "
                r"$$\nabla f = \left(\frac{\partial f}{\partial x}, \frac{\partial f}{\partial y}\right).$$"),
            "intuition": ctx.t(
                "At every point of the plane the gradient points in the direction in which the surface rises "
                "fastest; its length is that steepest slope. It is perpendicular to the level curves.",
                "在平面上每一点，梯度指向曲面上升最快的方向，其长度就是最大坡度；梯度与等高线垂直。"),
            "example": ctx.t(rf"For $f(x, y) = {latex(f)}$: {calc}", rf"对 $f(x, y) = {latex(f)}$：{calc}"),
            "exercise": ctx.t(r"Compute $\nabla f(0, 1)$.", r"求 $\nabla f(0, 1)$。"),
            "answer": rf"$\nabla f(0, 1) = \left({latex(v['exercise'])},\ {latex(v['exercise_y'])}\right)$",
        }
        return _notes(ctx, self, parts, self._shots(ctx, v))


# ----------------------------------------------------------------------------------------------------------------
# Sieve of Eratosthenes

SIEVE_BODY = r'''
N = <<N>>
cols = 10 if N <= 100 else 20
steps, primes = <<steps>>, <<primes>>
rows = (N + cols - 1) // cols
c = min(0.66, 5.6 / rows, 6.6 / cols)
cells = VGroup()
for k in range(1, N + 1):
    sq = Square(c, stroke_width=1.5, stroke_color=GREY_B, fill_color=GREY_E, fill_opacity=0.0)
    lab = Text(str(k), font_size=int(40 * c))
    cells.add(VGroup(sq, lab.move_to(sq)))
cells.arrange_in_grid(rows=rows, cols=cols, buff=0)
fit(cells, 6.6, 5.8).to_edge(LEFT, buff=0.6)
cells.set_y((REGIONS["body"][2] + REGIONS["body"][3]) / 2)  # centred in the planned body
status_anchor = [cells.get_right()[0] + 0.5, cells.get_top()[1] - 0.3, 0]
self.play(Write(title))
self.play(FadeIn(cells, lag_ratio=0.01), run_time=1.5)
self.play(cells[0].animate.set_opacity(0.25), run_time=0.5)
status = VGroup()
rt = <<rt>>
for p, crossed in steps:
    new = fit(MathTex(<<step_tex>> % (p, p * p, p * p, p), font_size=34), 5.6).move_to(status_anchor, aligned_edge=UL)
    self.play(cells[p - 1][0].animate.set_fill(YELLOW, 0.8), FadeOut(status), FadeIn(new), run_time=0.5 * rt)
    status = new
    if crossed:
        self.play(LaggedStart(*[cells[m - 1].animate.set_opacity(0.25) for m in crossed], lag_ratio=0.1),
                  run_time=rt)
self.play(*[cells[q - 1][0].animate.set_fill(GREEN, 0.8) for q in primes], FadeOut(status))
result = VGroup(MathTex(<<count_tex>>, font_size=40, color=GREEN),
                *[MathTex(s, font_size=30) for s in <<prime_lines>>]).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
fit(result, 5.6, cells.height).move_to(status_anchor, aligned_edge=UL)
self.play(FadeIn(result, shift=0.2 * UP))
self.wait(2)
'''


@register
class Sieve(Family):
    key = "sieve"
    title_en = "Sieve of Eratosthenes"
    title_zh = "埃拉托斯特尼筛法"
    description = ("The sieve of Eratosthenes: on a grid of the numbers up to N, cross out the multiples of each "
                   "prime in turn; the numbers left are the primes.")
    aliases = ("sieve of eratosthenes", "eratosthenes", "prime sieve", "find all primes up to n", "prime numbers",
               "primes", "list of primes", "pi(n) prime counting", "埃拉托斯特尼筛法", "埃氏筛", "素数筛", "质数筛",
               "筛法求素数", "素数", "质数")

    def build(self, params: Params) -> Lesson:
        ctx = _Ctx(params)
        N = ctx.number(("N", "n", "limit", "max"), 50, (10, 200), integer=True, label="N")
        primes = list(sp.primerange(2, N + 1))
        crossed: set[int] = set()
        steps = []
        for p in sp.primerange(2, math.isqrt(N) + 1):
            new = [m for m in range(p * p, N + 1, p) if m not in crossed]
            crossed.update(new)
            steps.append((int(p), new))
        values = {"N": N, "primes": [int(p) for p in primes], "count": len(primes), "steps": steps,
                  "sieving_primes": [p for p, _ in steps], "exercise": int(sp.primepi(2 * N))}
        return _lesson(self, ctx, _Draft(self._body(ctx, values), self._notes(ctx, values), self._computed(ctx, values),
                                         self._shots(ctx, values), values))

    @staticmethod
    def _body(ctx: _Ctx, v: dict) -> str:
        per = 8
        chunks = [v["primes"][i:i + per] for i in range(0, len(v["primes"]), per)]
        lines = [",\\ ".join(str(p) for p in c) + (",\\ " if i < len(chunks) - 1 else "") for i, c in enumerate(chunks)]
        step_tex = ctx.t(r"p = %d:\ \text{cross out } %d, %d + %d, \dots", r"p = %d:\ %d, %d + %d, \dots")
        return _fill(SIEVE_BODY, N=v["N"], steps=repr([(p, m) for p, m in v["steps"]]), primes=py(v["primes"]),
                     rt=py(min(1.5, 8.0 / max(len(v["steps"]), 1))), step_tex=tex(step_tex),
                     count_tex=tex(rf"\pi({v['N']}) = {v['count']}"), prime_lines=_texlist(lines))

    @staticmethod
    def _computed(ctx: _Ctx, v: dict) -> list[str]:
        s = (f"primes up to {v['N']} (sympy.primerange): {v['count']} primes, {v['primes'][:12]}"
             f"{'...' if v['count'] > 12 else ''}; sieving primes <= sqrt(N): {v['sieving_primes']}")
        return [ctx.t("Computed: " + s, "计算结果：" + s)]

    @staticmethod
    def _shots(ctx: _Ctx, v: dict) -> list[str]:
        ps = ", ".join(str(p) for p in v["sieving_primes"])
        return [ctx.t(f"title; the numbers 1..{v['N']} in a grid of 10 columns", f"标题；1..{v['N']} 排成 10 列的方格"),
                ctx.t("1 is dimmed: it is not prime", "1 变暗：它不是素数"),
                ctx.t(f"for p = {ps}: p turns yellow and its multiples from p^2 on are crossed out",
                      f"依次取 p = {ps}：p 变黄，从 p^2 开始划去它的倍数"),
                ctx.t(f"the {v['count']} numbers left turn green: pi({v['N']}) = {v['count']} and the list of primes",
                      f"剩下的 {v['count']} 个数变绿：pi({v['N']}) = {v['count']}，并列出全部素数")]

    def _notes(self, ctx: _Ctx, v: dict) -> str:
        N = v["N"]
        plist = ", ".join(str(p) for p in v["primes"])
        parts = {
            "definition": ctx.t(
                r"The sieve lists $2, \dots, N$ and, for each prime $p \le \sqrt N$, crosses out $p^2, p^2 + p, "
                r"\dots$. The numbers never crossed out are exactly the primes up to $N$.",
                r"把 $2, \dots, N$ 列出来，对每个素数 $p \le \sqrt N$ 划去 $p^2, p^2 + p, \dots$；"
                r"从未被划去的数恰好是不超过 $N$ 的素数。"),
            "intuition": ctx.t(
                r"Every composite $n \le N$ has a prime factor $p \le \sqrt N$, so it is crossed out when that "
                r"$p$ is processed. Starting at $p^2$ is enough: smaller multiples have a smaller prime factor.",
                r"每个合数 $n \le N$ 都有一个不超过 $\sqrt N$ 的素因子 $p$，处理 $p$ 时就会被划去；"
                r"从 $p^2$ 开始即可，更小的倍数已被更小的素因子划去。"),
            "example": ctx.t(rf"For $N = {N}$ the sieving primes are ${v['sieving_primes']}$ and "
                             rf"$\pi({N}) = {v['count']}$: {plist}.",
                             rf"当 $N = {N}$ 时，用来筛的素数是 ${v['sieving_primes']}$，"
                             rf"$\pi({N}) = {v['count']}$：{plist}。"),
            "exercise": ctx.t(rf"How many primes are there up to $2N = {2 * N}$?", rf"不超过 $2N = {2 * N}$ 的素数有几个？"),
            "answer": rf"$\pi({2 * N}) = {v['exercise']}$",
        }
        return _notes(ctx, self, parts, self._shots(ctx, v))


# ----------------------------------------------------------------------------------------------------------------
# Binary search

BSEARCH_BODY = r'''
vals, steps, texts = <<vals>>, <<steps>>, <<texts>>
L = len(vals)
w = min(0.8, 12.0 / L)
header = plan_fit(fit(MathTex(<<header>>, font_size=34), 12.5), REGIONS["formula"], UP)
boxes = VGroup(*[Square(w, stroke_color=GREY_B, stroke_width=2) for _ in range(L)]).arrange(RIGHT, buff=0)
boxes.move_to(UP * 0.5)
nums = VGroup(*[fit(Text(s, font_size=36 * w), w * 0.8).move_to(b) for s, b in zip(vals, boxes)])
idx = VGroup(*[Text(str(i), font_size=24 * w, color=GREY_B).next_to(b, DOWN, buff=0.1)
               for i, b in enumerate(boxes)])


def pointer(i, name, color, depth):
    if depth == 0:
        tip = boxes[i].get_top() + UP * 0.05
        arr = Arrow(tip + UP * 0.7, tip, buff=0, color=color, stroke_width=4, max_tip_length_to_length_ratio=0.3)
        return VGroup(arr, MathTex(name, color=color, font_size=30).next_to(arr, UP, buff=0.08))
    # lo and hi sit side by side under the box (lo left, hi right, hi longer) so they never hide each other
    tip = idx[i].get_bottom() + DOWN * 0.08 + RIGHT * w * (0.22 if depth == 2 else -0.22)
    arr = Arrow(tip + DOWN * 0.55 * depth, tip, buff=0, color=color, stroke_width=4, max_tip_length_to_length_ratio=0.3)
    return VGroup(arr, MathTex(name, color=color, font_size=30).next_to(arr, DOWN, buff=0.08))


def counter(k):
    return Text(<<count_label>> + str(k), font_size=28).to_corner(DR, buff=0.5)


self.play(Write(title))
self.play(FadeIn(header), FadeIn(boxes), FadeIn(nums), FadeIn(idx))
ptrs, note, count = VGroup(), VGroup(), counter(0)
self.play(FadeIn(count))
for k, (lo, mid, hi, cmp) in enumerate(steps):
    out = [j for j in range(L) if j < lo or j > hi]
    new = VGroup(pointer(lo, r"\mathrm{lo}", BLUE, 1), pointer(mid, r"\mathrm{mid}", YELLOW, 0),
                 pointer(hi, r"\mathrm{hi}", RED, 2))
    text = fit(MathTex(texts[k], font_size=36), 12.5).move_to(DOWN * 2.6)
    anims = [FadeOut(ptrs), FadeIn(new), FadeOut(note), FadeIn(text), Transform(count, counter(k + 1))]
    anims += [boxes[j].animate.set_stroke(opacity=0.25) for j in out] + [nums[j].animate.set_opacity(0.25) for j in out]
    anims.append(boxes[mid].animate.set_fill(YELLOW, 0.35))
    self.play(*anims, run_time=1.0)
    self.wait(0.8)
    if cmp == "=":
        self.play(boxes[mid].animate.set_fill(GREEN, 0.7), Indicate(nums[mid]))
    else:
        self.play(boxes[mid].animate.set_fill(BLACK, 0), run_time=0.4)
    ptrs, note = new, text
final = fit(Text(<<final>>, font_size=30, color=<<final_color>>), 9).move_to(DOWN * 2.6)
self.play(FadeOut(note), FadeIn(final, shift=0.2 * UP))
self.wait(2)
'''


def binary_search_steps(arr: list, target) -> tuple[list[tuple[int, int, int, str]], int]:
    """The (lo, mid, hi, comparison) steps of binary search for target in sorted arr, and the index or -1."""
    lo, hi, steps = 0, len(arr) - 1, []
    while lo <= hi:
        mid = (lo + hi) // 2
        if arr[mid] == target:
            steps.append((lo, mid, hi, "="))
            return steps, mid
        cmp = "<" if arr[mid] < target else ">"
        steps.append((lo, mid, hi, cmp))
        lo, hi = (mid + 1, hi) if cmp == "<" else (lo, mid - 1)
    return steps, -1


@register
class BinarySearch(Family):
    key = "binary_search"
    title_en = "Binary search"
    title_zh = "二分查找"
    description = ("Binary search in a sorted array: the lo, mid and hi pointers halve the search range at every "
                   "comparison until the target is found or the range is empty.")
    aliases = ("binary search", "bisection search", "search a sorted array", "half-interval search",
               "logarithmic search", "lo mid hi pointers", "O(log n) search", "二分查找", "二分搜索", "折半查找",
               "二分法查找", "有序数组查找")

    def build(self, params: Params) -> Lesson:
        ctx = _Ctx(params)
        arr = self._array(ctx)
        tgt = ctx.raw(("target", "t", "x", "k", "key", "value"))
        if tgt is None:  # "binary search for 7 in [1, 3, 5, 7]": the number outside the list
            outside = re.findall(r"(?<![A-Za-z0-9_.])-?\d+(?:\.\d+)?(?![A-Za-z0-9_.])", re.sub(r"[\[(<][^\])>]*[\])>]", " ",
                                                                            params.concept))
            tgt = float(outside[0]) if outside else None
        if tgt is None:
            tgt = arr[(2 * len(arr)) // 3]
            ctx.found.append(ctx.t(f"no target given: searching for {num(tgt)}", f"未给出目标：查找 {num(tgt)}"))
        else:
            tgt = int(tgt) if float(tgt).is_integer() else tgt
            ctx.found.append(ctx.t(f"target = {num(tgt)} (from the text)", f"目标 = {num(tgt)}（来自题目）"))
        steps, index = binary_search_steps(arr, tgt)
        values = {"array": arr, "target": tgt, "steps": steps, "index": index, "comparisons": len(steps),
                  "max_comparisons": math.floor(math.log2(len(arr))) + 1,
                  "exercise": math.floor(math.log2(1000)) + 1}
        return _lesson(self, ctx, _Draft(self._body(ctx, values), self._notes(ctx, values), self._computed(ctx, values),
                                         self._shots(ctx, values), values))

    @staticmethod
    def _array(ctx: _Ctx) -> list:
        """params.vectors[0] sorted (at most 20 distinct values), else 15 sorted numbers from a fixed seed."""
        given = [v for v in (ctx.p.vectors[0] if ctx.p.vectors else []) if math.isfinite(v) and abs(v) <= 1e9]
        if ctx.p.vectors and len(given) < len(ctx.p.vectors[0]):
            ctx.found.append(ctx.t("values that are not finite or beyond ±1e9 were left out", "去掉了非有限或超过 ±1e9 的数"))
        if len(set(given)) >= 2:
            arr = sorted({int(v) if float(v).is_integer() else float(v) for v in given})
            if len(arr) > 20:
                ctx.found.append(ctx.t(f"{len(arr)} values: keeping the smallest 20", f"共 {len(arr)} 个数：只保留最小的 20 个"))
                arr = arr[:20]
            ctx.found.append(ctx.t(f"array (sorted, without repeats): {arr}", f"数组（已排序、去重）：{arr}"))
            return arr
        arr = sorted(random.Random(4).sample(range(1, 100), 15))
        ctx.found.append(ctx.t(f"no array given: using {arr}", f"未给出数组：使用 {arr}"))
        return arr

    @staticmethod
    def _body(ctx: _Ctx, v: dict) -> str:
        arr, tgt = v["array"], v["target"]
        texts = []
        for lo, mid, hi, cmp in v["steps"]:
            head = rf"\mathrm{{lo}}={lo},\ \mathrm{{hi}}={hi},\ \mathrm{{mid}}={mid}:\ a[{mid}] = {num(arr[mid])}"
            tail = {"=": rf" = {num(tgt)}\ \checkmark", "<": rf" < {num(tgt)} \Rightarrow \mathrm{{lo}} = {mid + 1}",
                    ">": rf" > {num(tgt)} \Rightarrow \mathrm{{hi}} = {mid - 1}"}[cmp]
            texts.append(head + tail)
        n = v["comparisons"]
        final = (ctx.t(f"found at index {v['index']} after {n} comparisons", f"在下标 {v['index']} 处找到，比较了 {n} 次")
                 if v["index"] >= 0 else
                 ctx.t(f"lo > hi: {num(tgt)} is not in the array ({n} comparisons)",
                       f"lo > hi：数组中没有 {num(tgt)}（比较了 {n} 次）"))
        header = rf"\text{{target}} = {num(tgt)},\quad n = {len(arr)},\quad \lfloor\log_2 n\rfloor + 1 = {v['max_comparisons']}"
        return _fill(BSEARCH_BODY, vals=repr([num(a).replace("-", "\u2212") for a in arr]), steps=repr(v["steps"]), texts=_texlist(texts),
                     header=tex(header), count_label=repr(ctx.t("comparisons: ", "比较次数：")), final=repr(final),
                     final_color="GREEN" if v["index"] >= 0 else "RED")

    @staticmethod
    def _computed(ctx: _Ctx, v: dict) -> list[str]:
        trail = "; ".join(f"lo={lo} hi={hi} mid={mid}: a[mid]={num(v['array'][mid])} {c} {num(v['target'])}"
                          for lo, mid, hi, c in v["steps"])
        res = (ctx.t(f"found at index {v['index']}", f"在下标 {v['index']} 处找到") if v["index"] >= 0
               else ctx.t("not in the array", "不在数组中"))
        return [ctx.t(f"Ran binary search: {trail}", f"执行二分查找：{trail}"),
                ctx.t(f"{res} after {v['comparisons']} comparisons (at most {v['max_comparisons']})",
                      f"{res}，共比较 {v['comparisons']} 次（最多 {v['max_comparisons']} 次）")]

    @staticmethod
    def _shots(ctx: _Ctx, v: dict) -> list[str]:
        return [ctx.t(f"title; the sorted array of {len(v['array'])} numbers and the target {num(v['target'])}",
                      f"标题；{len(v['array'])} 个数的有序数组与目标 {num(v['target'])}"),
                ctx.t(f"{v['comparisons']} steps: the lo, mid, hi pointers move, the discarded half fades, the "
                      "comparison is written below", f"{v['comparisons']} 步：lo、mid、hi 指针移动，被排除的一半变暗，"
                      "下方写出比较结果"),
                ctx.t("the comparison counter in the corner goes up", "角落里的比较次数递增"),
                ctx.t("the result: " + ("found" if v["index"] >= 0 else "not found"),
                      "结果：" + ("找到" if v["index"] >= 0 else "未找到"))]

    def _notes(self, ctx: _Ctx, v: dict) -> str:
        arr, tgt = v["array"], num(v["target"])
        trail = ", ".join(rf"$a[{mid}] = {num(arr[mid])} {c} {tgt}$".replace("= =", "=")
                          for _, mid, _, c in v["steps"])
        res = (ctx.t(f"found at index {v['index']}", f"在下标 {v['index']} 处找到") if v["index"] >= 0
               else ctx.t("not found", "未找到"))
        parts = {
            "definition": ctx.t(
                r"Binary search looks for a target in a sorted array $a[0..n-1]$: compare it with the middle "
                r"element $a[\mathrm{mid}]$, $\mathrm{mid} = \lfloor(\mathrm{lo}+\mathrm{hi})/2\rfloor$, and keep "
                r"only the half that can still contain it.",
                r"二分查找在有序数组 $a[0..n-1]$ 中查找目标：与中间元素 $a[\mathrm{mid}]$"
                r"（$\mathrm{mid} = \lfloor(\mathrm{lo}+\mathrm{hi})/2\rfloor$）比较，只保留仍可能包含目标的一半。"),
            "intuition": ctx.t(
                r"Every comparison halves the range, so at most $\lfloor\log_2 n\rfloor + 1$ comparisons are needed.",
                r"每次比较都把范围减半，因此最多需要 $\lfloor\log_2 n\rfloor + 1$ 次比较。"),
            "example": ctx.t(rf"Array ${arr}$, target ${tgt}$: {trail}; {res} after {v['comparisons']} comparisons "
                             rf"(bound ${v['max_comparisons']}$).",
                             rf"数组 ${arr}$，目标 ${tgt}$：{trail}；{res}，比较 {v['comparisons']} 次"
                             rf"（上界 ${v['max_comparisons']}$）。"),
            "exercise": ctx.t("At most how many comparisons does binary search need for 1000 sorted numbers?",
                              "对 1000 个有序数做二分查找，最多需要比较几次？"),
            "answer": rf"$\lfloor\log_2 1000\rfloor + 1 = {v['exercise']}$",
        }
        return _notes(ctx, self, parts, self._shots(ctx, v))


# ----------------------------------------------------------------------------------------------------------------
# Gale-Shapley stable matching

MATCHING_BODY = r'''
n, pa, pb, events, msgs = <<n>>, <<pa>>, <<pb>>, <<events>>, <<msgs>>
na, nb = <<na>>, <<nb>>
gap = min(1.1, 5.2 / n)
ys = [gap * ((n - 1) / 2 - i) - 0.7 for i in range(n)]
A = VGroup(*[VGroup(Circle(0.3, color=BLUE, fill_opacity=0.3), Text(na[i], font_size=28)).move_to([-1.9, ys[i], 0])
             for i in range(n)])
B = VGroup(*[VGroup(Circle(0.3, color=PINK, fill_opacity=0.3), Text(nb[i], font_size=28)).move_to([1.9, ys[i], 0])
             for i in range(n)])
for g in A.submobjects + B.submobjects:
    g[1].move_to(g[0])
def prefs(names, order):
    return VGroup(*[Text(s, font_size=24) for s in sum([[names[j], ">"] for j in order], [])[:-1]]).arrange(RIGHT, buff=0.12)


PA = VGroup(*[prefs(nb, pa[i]).next_to(A[i], LEFT, buff=0.5) for i in range(n)])
PB = VGroup(*[prefs(na, pb[i]).next_to(B[i], RIGHT, buff=0.5) for i in range(n)])
heads = VGroup(Text(<<head_a>>, font_size=26, color=BLUE).next_to(A, UP, buff=0.35),
               Text(<<head_b>>, font_size=26, color=PINK).next_to(B, UP, buff=0.35))
heads[1].align_to(heads[0], UP)  # both words lack ascenders: align their x-height tops
self.play(Write(title))
self.play(FadeIn(A), FadeIn(B), FadeIn(heads), FadeIn(PA), FadeIn(PB))
status, lines, rt = VGroup(), {}, <<rt>>
for (a, b, ok, other), msg in zip(events, msgs):
    arrow = Arrow(A[a].get_right(), B[b].get_left(), buff=0.05, color=YELLOW, stroke_width=4)
    new = fit(Text(msg, font_size=26), 12.5).to_edge(DOWN, buff=0.35)
    self.play(GrowArrow(arrow), PA[a][2 * pa[a].index(b)].animate.set_color(YELLOW), FadeOut(status), FadeIn(new),
              run_time=0.5 * rt)
    status = new
    if ok:
        line = Line(A[a].get_right(), B[b].get_left(), color=GREEN, stroke_width=5)
        anims = [ReplacementTransform(arrow, line)]
        if other >= 0:
            anims += [FadeOut(lines.pop(b)), PA[other][2 * pa[other].index(b)].animate.set_opacity(0.25)]
        lines[b] = line
    else:
        anims = [arrow.animate.set_color(RED).set_opacity(0), PA[a][2 * pa[a].index(b)].animate.set_opacity(0.25)]
    self.play(*anims, run_time=0.5 * rt)
final = fit(Text(<<final>>, font_size=28, color=GREEN), 12.5).to_edge(DOWN, buff=0.35)
self.play(*[ln.animate.set_stroke(width=8) for ln in lines.values()], FadeOut(status), FadeIn(final))
self.wait(2)
'''


def gale_shapley(pa: list[list[int]], pb: list[list[int]]) -> tuple[list[int], list[tuple[int, int, bool, int]]]:
    """Proposer-optimal stable matching: match[a] = b, and the events (a, b, accepted, displaced or rival)."""
    n = len(pa)
    rank = [{a: r for r, a in enumerate(pb[b])} for b in range(n)]
    nxt, held, free, events = [0] * n, [-1] * n, list(range(n))[::-1], []
    while free:
        a = free.pop()
        b = pa[a][nxt[a]]
        nxt[a] += 1
        cur = held[b]
        if cur == -1 or rank[b][a] < rank[b][cur]:
            held[b] = a
            events.append((a, b, True, cur))
            if cur >= 0:
                free.append(cur)
        else:
            events.append((a, b, False, cur))
            free.append(a)
    match = [0] * n
    for b, a in enumerate(held):
        match[a] = b
    return match, events


@register
class StableMatching(Family):
    key = "stable_matching"
    title_en = "Stable matching (Gale–Shapley)"
    title_zh = "稳定匹配（盖尔-沙普利算法）"
    description = ("The Gale-Shapley algorithm for the stable marriage problem: proposers propose in order of "
                   "preference, receivers keep the best offer, until a stable matching with no blocking pair remains.")
    aliases = ("stable matching", "gale-shapley", "gale shapley algorithm", "stable marriage problem",
               "deferred acceptance", "college admissions matching", "blocking pair", "stable roommates",
               "稳定匹配", "稳定婚姻问题", "盖尔-沙普利算法", "延迟接受算法", "婚姻匹配", "GS算法")

    def build(self, params: Params) -> Lesson:
        ctx = _Ctx(params)
        n = ctx.number(("n", "N", "size", "pairs"), 4, (2, 5), integer=True, label="n")
        seed = ctx.number(("seed",), 3, (0, 10 ** 6), integer=True, label="seed")
        rng = random.Random(seed)
        pa = [rng.sample(range(n), n) for _ in range(n)]
        pb = [rng.sample(range(n), n) for _ in range(n)]
        match, events = gale_shapley(pa, pb)
        values = {"n": n, "seed": seed, "pref_a": pa, "pref_b": pb, "matching": match, "events": events,
                  "proposals": len(events), "names_a": [chr(65 + i) for i in range(n)],
                  "names_b": [str(i + 1) for i in range(n)], "max_proposals": n * n - n + 1}
        return _lesson(self, ctx, _Draft(self._body(ctx, values), self._notes(ctx, values), self._computed(ctx, values),
                                         self._shots(ctx, values), values))

    @staticmethod
    def _msg(ctx: _Ctx, v: dict, e: tuple) -> str:
        (a, b, ok, other), na, nb = e, v["names_a"], v["names_b"]
        A, B, Q = na[a], nb[b], na[other] if other >= 0 else ""
        if ok and other < 0:
            return ctx.t(f"{A} proposes to {B}: {B} is free and accepts", f"{A} 向 {B} 提议：{B} 空闲，接受")
        if ok:
            return ctx.t(f"{A} proposes to {B}: {B} prefers {A} to {Q}, so {Q} is free again",
                         f"{A} 向 {B} 提议：{B} 更喜欢 {A}，{Q} 重新空闲")
        return ctx.t(f"{A} proposes to {B}: rejected, {B} keeps {Q}", f"{A} 向 {B} 提议：被拒绝，{B} 保留 {Q}")

    def _body(self, ctx: _Ctx, v: dict) -> str:
        msgs = [self._msg(ctx, v, e) for e in v["events"]]
        pairs = ", ".join(f"{v['names_a'][a]}–{v['names_b'][b]}" for a, b in enumerate(v["matching"]))
        final = ctx.t(f"stable matching: {pairs} (no blocking pair)", f"稳定匹配：{pairs}（没有阻塞对）")
        return _fill(MATCHING_BODY, n=v["n"], pa=py(v["pref_a"]), pb=py(v["pref_b"]), events=repr(v["events"]),
                     msgs=repr(msgs), na=repr(v["names_a"]), nb=repr(v["names_b"]),
                     head_a=repr(ctx.t("proposers", "提议方")), head_b=repr(ctx.t("receivers", "接受方")),
                     rt=py(min(1.4, 10.0 / len(v["events"]))), final=repr(final))

    @staticmethod
    def _computed(ctx: _Ctx, v: dict) -> list[str]:
        na, nb = v["names_a"], v["names_b"]
        prefs = "; ".join(f"{na[i]}: {'>'.join(nb[j] for j in p)}" for i, p in enumerate(v["pref_a"]))
        prefs_b = "; ".join(f"{nb[i]}: {'>'.join(na[j] for j in p)}" for i, p in enumerate(v["pref_b"]))
        pairs = ", ".join(f"{na[a]}-{nb[b]}" for a, b in enumerate(v["matching"]))
        return [ctx.t(f"preferences from seed {v['seed']}: {prefs} | {prefs_b}",
                      f"由随机种子 {v['seed']} 生成的偏好：{prefs} | {prefs_b}"),
                ctx.t(f"Ran Gale–Shapley: {v['proposals']} proposals, matching {pairs}, checked: no blocking pair",
                      f"执行盖尔-沙普利算法：{v['proposals']} 次提议，匹配 {pairs}，已验证没有阻塞对")]

    @staticmethod
    def _shots(ctx: _Ctx, v: dict) -> list[str]:
        return [ctx.t(f"title; {v['n']} proposers and {v['n']} receivers with their preference lists",
                      f"标题；{v['n']} 个提议方与 {v['n']} 个接受方及其偏好列表"),
                ctx.t(f"{v['proposals']} proposals, one by one: a yellow arrow; accepted ones become green lines, "
                      "rejected ones turn red and vanish, and the used preference is greyed out",
                      f"依次进行 {v['proposals']} 次提议：黄色箭头；被接受的变成绿线，被拒绝的变红消失，用过的偏好变灰"),
                ctx.t("the final stable matching is drawn thick", "最终的稳定匹配加粗显示")]

    def _notes(self, ctx: _Ctx, v: dict) -> str:
        na, nb = v["names_a"], v["names_b"]
        pairs = ", ".join(f"${na[a]}$–${nb[b]}$" for a, b in enumerate(v["matching"]))
        table = "\n".join(f"- ${na[i]}$: {' > '.join(nb[j] for j in p)}" for i, p in enumerate(v["pref_a"]))
        table += "\n" + "\n".join(f"- ${nb[i]}$: {' > '.join(na[j] for j in p)}" for i, p in enumerate(v["pref_b"]))
        parts = {
            "definition": ctx.t(
                "A matching between two equal-sized groups is stable when no pair would both rather be with each "
                "other than with their partners (no blocking pair). Gale–Shapley: every free proposer proposes to "
                "the best receiver not yet tried; a receiver keeps the best offer so far and rejects the rest.",
                "两组人数相同的成员之间的匹配，如果不存在双方都更愿意彼此配对的一对（阻塞对），就称为稳定的。"
                "盖尔-沙普利算法：每个空闲的提议方向尚未提议过的最喜欢的接受方提议；接受方保留目前最好的提议，拒绝其余。"),
            "intuition": ctx.t(
                "Proposers move down their lists, receivers only ever trade up, so the process ends after at most "
                "n² - n + 1 proposals, and the result is stable and best possible for every proposer.",
                "提议方沿着偏好列表往下走，接受方只会越换越好，所以最多 n² - n + 1 次提议后结束，结果稳定且对每个提议方最优。"),
            "example": ctx.t(f"Preferences (seed {v['seed']}):\n\n{table}\n\n{v['proposals']} proposals give the "
                             f"matching {pairs}.",
                             f"偏好（随机种子 {v['seed']}）：\n\n{table}\n\n{v['proposals']} 次提议后得到匹配 {pairs}。"),
            "exercise": ctx.t(rf"At most how many proposals can Gale–Shapley make with $n = {v['n']}$?",
                              rf"当 $n = {v['n']}$ 时，盖尔-沙普利算法最多进行几次提议？"),
            "answer": rf"$n^2 - n + 1 = {v['max_proposals']}$",
        }
        return _notes(ctx, self, parts, self._shots(ctx, v))
