"""Calculus, series and ODE families of the offline engine, plus the general formula explainer.

derivative, integral, limit, taylor, chain_rule, fourier_series, geometric_series, harmonic_series,
exponential_growth, slope_field, formula.

Each family computes with sympy first, then emits a scene whose constants are those computed values (as Python
literals) followed by fixed scene logic, and notes filled from the same values. The scenes share one layout: the
title on top, a graph on the left and a formula panel on the right (`panel()` scales it into its box).
"""

from __future__ import annotations

import math
import re
import textwrap
from dataclasses import dataclass

import numpy as np
import sympy as sp
from sympy.printing.numpy import NumPyPrinter

from ..base import Family, Lesson, Params, register
from ..common import FIT_HELPER, NotesSpec, latex, notes_markdown, num, py, scene_module, tex, title_code, x, y
from ..params import parse_number
from ..regions import GRAPH_LEFT, PANEL_RIGHT, arranged, regions_literal, sides

# ---------------------------------------------------------------------------------------------------------------
# Code emitted into every scene of this module

SCENE_HELPERS = FIT_HELPER + '''
RT = 1.0  # run-time scale of every animation: 1 for the lesson (tests may shorten it)


def rt(seconds):
    """A run time (or wait) scaled by RT."""
    return seconds * RT


REGIONS = {"graph": (-6.7, 0.4, -3.7, 2.5), "panel": (1.0, 7.0, -3.8, 2.6)}  # a family's scene sets the plan's after


def make_axes(xr, yr, box=None):
    """Axes for x_range xr and y_range yr filling box = (x0, x1, y0, y1) (the planned graph region), with small
    tick numbers."""
    box = box or REGIONS["graph"]
    readable = [max(abs(r[0]), abs(r[1])) < 1e4 and r[2] >= 1e-3 for r in (xr, yr)]  # else numbers collide
    ax = Axes(x_range=xr, y_range=yr, x_length=box[1] - box[0], y_length=box[3] - box[2], tips=False,
              axis_config={"font_size": 20, "stroke_width": 2},
              x_axis_config={"include_numbers": readable[0]}, y_axis_config={"include_numbers": readable[1]})
    ax.move_to([(box[0] + box[1]) / 2, (box[2] + box[3]) / 2, 0])
    return ax


def plot_segments(ax, f, segments, color=BLUE, width=4):
    """The graph of f over each continuous segment (a pole or a gap splits the curve)."""
    return VGroup(*[ax.plot(f, x_range=[a, b, (b - a) / 160], color=color, stroke_width=width)
                    for a, b in segments])


def panel(items, box=None, buff=0.3):
    """Arrange items top-down inside box = (x0, x1, y0, y1) (the planned panel region), scaled down to fit."""
    box = box or REGIONS["panel"]
    for item in items:  # a long formula shrinks alone instead of shrinking the whole panel
        fit(item, box[1] - box[0] - 0.2)
    group = VGroup(*items).arrange(DOWN, aligned_edge=LEFT, buff=buff)
    fit(group, box[1] - box[0] - 0.2, box[3] - box[2] - 0.2)
    group.move_to([(box[0] + box[1]) / 2, box[3] - 0.1 - group.height / 2, 0])
    return group
'''

LONG = 160  # LaTeX longer than this is not shown in a scene (it would be unreadably small); the notes have it


def quick(code: str, scale: float = 0.25) -> str:
    """The same scene with every run time multiplied by `scale` (a fast render for tests and previews)."""
    return code.replace("RT = 1.0  #", f"RT = {scale!r}  #", 1)


def npcode(e: sp.Expr) -> str:
    """A Python lambda (numpy) computing e(x) — pasted into the scene."""
    body = NumPyPrinter().doprint(sp.sympify(e)).replace("numpy.", "np.")
    return f"lambda x: {body}"


def _npfun(e: sp.Expr):
    f = sp.lambdify(x, e, "numpy")
    return lambda v: np.asarray(f(v), dtype=complex) * np.ones_like(v)


def nice_step(span: float, ticks: int = 6) -> float:
    """A 1-2-5 step giving about `ticks` ticks over `span`."""
    raw = max(span, 1e-9) / ticks
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
    return int(round(step)) if step >= 1 else float(f"{step:.1g}")


def window(e: sp.Expr, xr: tuple[float, float], must=()) -> dict:
    """x/y ranges (with nice steps) and the continuous segments where e is real and finite on xr.

    `must` lists y values that have to be visible (e.g. a limit value or the tangent point).
    """
    a, b = xr
    xs = np.linspace(a, b, 801)
    with np.errstate(all="ignore"):
        try:
            vals = _npfun(e)(xs)
        except Exception:  # noqa: BLE001 - unknown numpy behaviour: treat as undefined everywhere
            vals = np.full(xs.shape, np.nan, dtype=complex)
    ok = np.isfinite(vals) & (np.abs(vals.imag) < 1e-9)
    ys = np.where(ok, vals.real, np.nan)
    finite = ys[ok]
    lo, hi = (np.percentile(finite, 3), np.percentile(finite, 97)) if finite.size else (-1.0, 1.0)
    lo, hi = min([lo, 0.0, *must]), max([hi, 0.0, *must])
    pad = 0.12 * max(hi - lo, 1.0)
    lo, hi = lo - pad, hi + pad
    ok &= (ys > lo - 2 * (hi - lo)) & (ys < hi + 2 * (hi - lo))
    segs, start = [], None
    for i, flag in enumerate(list(ok) + [False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            if i - 1 > start + 2:
                segs.append([float(xs[start]), float(xs[i - 1])])
            start = None
    xstep, ystep = nice_step(b - a), nice_step(hi - lo, 5)
    return {"xr": [_r(a), _r(b), xstep], "yr": [_r(math.floor(lo / ystep) * ystep),
                                                 _r(math.ceil(hi / ystep) * ystep), ystep],
            "segs": [[_r(s0), _r(s1)] for s0, s1 in segs] or [[_r(a), _r(b)]]}


def _r(v: float) -> float:
    return round(float(v), 4)


def fval(e: sp.Expr, at) -> sp.Expr:
    """e(at), simplified, exactly where sympy can."""
    return sp.simplify(e.subs(x, at))


def is_real_finite(v) -> bool:
    try:
        c = complex(sp.N(v))
    except (TypeError, ValueError):
        return False
    return math.isfinite(c.real) and abs(c.imag) < 1e-12


def exact(v) -> sp.Expr:
    """A user float as an exact number when it is a short rational (0.5 → 1/2), else a Float."""
    r = sp.Rational(v).limit_denominator(1000)
    if abs(float(r) - v) < 1e-9:
        return r
    known = sp.nsimplify(v, [sp.pi, sp.E], tolerance=1e-6)
    return known if known.free_symbols == set() and len(str(known)) < 12 else sp.Float(v, 6)


def approx(v) -> str:
    """LaTeX " \\approx 1.234" when v is not a plain integer, else ""."""
    v = sp.sympify(v)
    return "" if v.is_Integer or not is_real_finite(v) or (v.is_Float and num(v) == str(v)) else \
        r" \approx " + num(v)


def _tr(p: Params):
    zh = p.language == "zh"
    return lambda en, cn: cn if zh else en


def _consts(**kv) -> str:
    """Scene constants, one per line: NAME = literal."""
    return "".join(f"{k} = {v}\n" for k, v in kv.items())


def _mt(s: str) -> str:
    """Scene code for a MathTex of LaTeX s."""
    return f"MathTex({tex(s)})"


def _reasoning(fam: Family, p: Params, tr, caveats, computed, shots) -> list[str]:
    """Recognised, caveats, computed values, then the storyboard shot by shot."""
    concept = p.concept if len(p.concept) <= 80 else p.concept[:77] + "..."
    lines = [tr(f"Recognised: {fam.title_en} (family '{fam.key}') in \"{concept}\".",
                f"识别为：{fam.title_zh}（类别 {fam.key}），输入为“{concept}”。")]
    lines += list(caveats)
    lines += [tr("Computed with sympy: ", "sympy 计算：") + c for c in computed]
    lines += [tr(f"Shot {i}: ", f"镜头 {i}：") + s for i, s in enumerate(shots, 1)]
    return lines


@dataclass(frozen=True)
class _Draft:
    """What a family's build() computed, for _lesson() to assemble."""

    scene: str  # the scene class name
    body: str  # construct()'s body (see _body)
    notes: str  # the study notes (markdown)
    reasoning: list[str]
    values: dict
    base: str = "Scene"  # the scene's base class


def _lesson(fam: Family, p: Params, d: _Draft) -> Lesson:
    title = fam.title(p)  # the graph and the panel side by side, the side chosen by the learned prior
    planned = f"REGIONS = {regions_literal(title, arranged(title, sides((GRAPH_LEFT, PANEL_RIGHT))))}  # the plan's\n"
    code = scene_module(d.scene, d.body, base=d.base, helpers=SCENE_HELPERS + planned)
    return Lesson(family=fam.key, title=fam.title(p), scene_name=d.scene, code=code, notes_md=d.notes,
                  reasoning=d.reasoning, values=d.values)


def _body(title: str, consts: str, logic: str) -> str:
    """construct()'s body: the title, then the scene's constants, then the family's fixed scene logic (a module
    constant written at a method body's indentation, dedented here)."""
    return (textwrap.dedent(title_code(title)) + "self.play(FadeIn(title, shift=DOWN * 0.3), run_time=rt(0.8))\n"
            + consts + textwrap.dedent(logic))


def _function(p: Params, default: sp.Expr, tr, caveats: list[str], allow_y: bool = False) -> sp.Expr:
    """The user's function of x, or `default` (with a caveat) when none was given or it is unusable."""
    e = p.expr
    if e is not None and (e.free_symbols <= {x} or allow_y) and e.free_symbols:
        return e
    if e is not None:
        caveats.append(tr(f"The formula {sp.sstr(e)} is not a function of x alone: using {sp.sstr(default)}.",
                          f"公式 {sp.sstr(e)} 不是仅含 x 的函数：改用 {sp.sstr(default)}。"))
    else:
        caveats.append(tr(f"No function given: using f(x) = {sp.sstr(default)}.",
                          f"未给出函数：使用 f(x) = {sp.sstr(default)}。"))
    return default


def _point(p: Params, default, tr, caveats, ok) -> sp.Expr:
    """The user's point (exact), or `default` (or a nearby usable point) when missing or where ok() is false."""
    if p.point is not None and math.isfinite(p.point):
        a = exact(p.point)
        if ok(a):
            return a
        caveats.append(tr(f"The point {num(a)} is not usable here: choosing another.",
                          f"点 {num(a)} 在此不可用：改选其他点。"))
    for cand in (default, 1, 2, sp.Rational(1, 2), -1, 3):
        cand = sp.sympify(cand)
        if ok(cand):
            return cand
    return sp.sympify(default)


def _xrange_around(a: float, half: float = 4.0) -> tuple[float, float]:
    """A plotting interval of width 2*half around a, shifted to start at 0 when a is near the origin."""
    lo, hi = a - half, a + half
    return (round(lo, 3), round(hi, 3))


def _seg_of(segs, a: float):
    return next((s for s in segs if s[0] <= a <= s[1]), None)


# ---------------------------------------------------------------------------------------------------------------
# derivative


# the derivative scene (after its constants): a secant through P turns into the tangent as h shrinks
_DERIVATIVE_LOGIC = '''
        ax = make_axes(XR, YR)
        graph = plot_segments(ax, F, SEGS)
        f_tex = MathTex(F_TEX, color=BLUE)
        sec_row = VGroup(MathTex(SEC_LABEL), DecimalNumber(0, num_decimal_places=3)).arrange(RIGHT)
        df_tex, val_tex = MathTex(DF_TEX), MathTex(VAL_TEX, color=YELLOW)
        info = panel([f_tex, sec_row, df_tex, val_tex])
        self.play(Create(ax), run_time=rt(1.5))
        self.play(Create(graph), Write(f_tex), run_time=rt(2))
        h = ValueTracker(H0)
        P = Dot(ax.c2p(A, FA), color=YELLOW)
        Q = always_redraw(lambda: Dot(ax.c2p(A + h.get_value(), F(A + h.get_value())), color=ORANGE))

        def line_through(slope, color):
            d = ax.c2p(A + 1, FA + slope) - ax.c2p(A, FA)
            d = d / np.linalg.norm(d)
            return Line(P.get_center() - 1.6 * d, P.get_center() + 1.6 * d, color=color, stroke_width=4)

        def sec_slope():
            hv = h.get_value()
            return (F(A + hv) - FA) / hv

        secant = always_redraw(lambda: line_through(sec_slope(), ORANGE))
        sec_row[1].set_value(sec_slope())
        self.play(FadeIn(P, scale=2), run_time=rt(0.8))
        self.play(Create(secant), FadeIn(Q), FadeIn(sec_row), run_time=rt(1.2))
        sec_row[1].add_updater(lambda m: m.set_value(sec_slope()))  # after FadeIn: digits may come and go
        self.play(h.animate.set_value(H0 / 100), run_time=rt(4), rate_func=smooth)
        sec_row[1].clear_updaters()
        tangent = line_through(SLOPE, YELLOW)
        self.play(ReplacementTransform(secant, tangent), FadeOut(Q), run_time=rt(1))
        self.play(Write(df_tex), run_time=rt(1.5))
        self.play(Write(val_tex), Indicate(tangent), run_time=rt(1.5))
        self.wait(rt(2))
        '''


_DERIVATIVE_EXERCISE = x**3 - 2 * x  # the notes' exercise: the tangent's slope of y = x^3 - 2x at x = 2


@dataclass(frozen=True)
class _Tangent:
    """What a derivative lesson computed: f and f', the point a with f(a) and the slope there, the plotting window
    (see window()) and the secant's first width h0."""

    f: sp.Expr
    df: sp.Expr
    a: sp.Expr
    fa: sp.Expr
    slope: sp.Expr
    w: dict
    h0: float


@register
class Derivative(Family):
    key = "derivative"
    title_en = "The derivative as the slope of the tangent"
    title_zh = "导数：切线的斜率"
    description = ("The derivative of a function at a point: the slope of the tangent line, the limit of secant "
                   "slopes as h goes to zero; differentiation rules, instantaneous rate of change.")
    aliases = ("derivative", "differentiate", "differentiation", "tangent line", "slope of the tangent",
               "rate of change", "instantaneous rate", "d/dx", "dy/dx", "f'(x)", "\\frac{d}{dx}", "product rule",
               "导数", "求导", "微分", "切线", "切线斜率", "变化率", "导函数")

    def build(self, p: Params) -> Lesson:
        tr, caveats = _tr(p), []
        c = self._tangent(p, tr, caveats)
        body = _body(self.title(p), self._scene_consts(c), _DERIVATIVE_LOGIC)
        ex_ans = fval(sp.diff(_DERIVATIVE_EXERCISE, x), 2)
        values = {"f": c.f, "df": c.df, "a": c.a, "f(a)": c.fa, "slope": c.slope, "exercise": ex_ans}
        return _lesson(self, p, _Draft("DerivativeScene", body, self._notes(p, tr, c, ex_ans),
                                       self._reasoning_lines(p, tr, caveats, c), values))

    @staticmethod
    def _tangent(p: Params, tr, caveats: list[str]) -> _Tangent:
        """f, f' and a point where both are finite (x^2 at 1 when there is none), a window around it, and a first
        secant width h0 that keeps the secant's second point on the same piece of the curve."""
        f = _function(p, x**2 * sp.sin(x) if "sin" in p.concept else x**2, tr, caveats)
        df = sp.simplify(sp.diff(f, x))
        a = _point(p, 1, tr, caveats, lambda v: is_real_finite(fval(f, v)) and is_real_finite(fval(df, v)))
        if not (is_real_finite(fval(f, a)) and is_real_finite(fval(df, a))):
            f, df, a = x**2, 2 * x, sp.Integer(1)
            caveats.append(tr("f is not differentiable there: using f(x) = x^2 at a = 1.",
                              "f 在该点不可导：改用 f(x) = x^2，a = 1。"))
        fa, slope = fval(f, a), fval(df, a)
        w = window(f, _xrange_around(float(a), 3.5), must=[float(fa)])
        seg = _seg_of(w["segs"], float(a)) or [float(a) - 1, float(a) + 1]
        h0 = round(max(0.05, min(1.5, 0.9 * (seg[1] - float(a)))), 3)
        return _Tangent(f, df, a, fa, slope, w, h0)

    @staticmethod
    def _scene_consts(c: _Tangent) -> str:
        """The scene's constants: the curve and its window, the point, h0 and the panel's formulas."""
        f, df, a, fa, slope, w = c.f, c.df, c.a, c.fa, c.slope, c.w
        return _consts(F=npcode(f), A=py(a), FA=py(fa), SLOPE=py(slope), H0=py(c.h0), XR=py(w["xr"]),
                       YR=py(w["yr"]), SEGS=py(w["segs"]), F_TEX=tex(f"f(x) = {latex(f)}"),
                       DF_TEX=tex(f"f'(x) = {latex(df)}" if len(latex(df)) <= LONG else
                                  r"f'(x)\ \text{(see the notes)}"),
                       VAL_TEX=tex(f"f'({latex(a)}) = {latex(slope)}" + approx(slope)),
                       SEC_LABEL=tex(r"\frac{f(a+h)-f(a)}{h} ="))

    def _notes(self, p: Params, tr, c: _Tangent, ex_ans) -> str:
        """The study notes: the limit of difference quotients, the values at a, the shots and the exercise."""
        f, df, a, fa, slope, ex_f = c.f, c.df, c.a, c.fa, c.slope, _DERIVATIVE_EXERCISE
        return notes_markdown(NotesSpec(
            self.title(p),
            tr(r"The derivative of $f$ at $a$ is the limit of difference quotients, "
               r"$f'(a) = \lim_{h\to 0} \frac{f(a+h)-f(a)}{h}$: the slope of the tangent line at $(a, f(a))$.",
               r"函数 $f$ 在 $a$ 处的导数是差商的极限 $f'(a) = \lim_{h\to 0} \frac{f(a+h)-f(a)}{h}$，"
               r"即曲线在 $(a, f(a))$ 处切线的斜率。"),
            tr("Zoom in on a smooth curve and it looks straight; the slope of that straight piece is the derivative. "
               "Secant lines through two nearby points turn into the tangent as the second point slides in.",
               "把光滑曲线放大，它看起来像一条直线；这条直线的斜率就是导数。两点连成的割线，在第二个点不断靠近时变成切线。"),
            f"$$f(x) = {latex(f)}, \\qquad f'(x) = {latex(df)}$$\n\n"
            + tr(f"At $a = {latex(a)}$: $f(a) = {latex(fa)}$ and the slope is $f'({latex(a)}) = {latex(slope)}"
                 f"{approx(slope)}$.",
                 f"在 $a = {latex(a)}$ 处：$f(a) = {latex(fa)}$，斜率 $f'({latex(a)}) = {latex(slope)}"
                 f"{approx(slope)}$。"),
            self._timeline(tr, c),
            tr(f"Find the slope of the tangent to $y = {latex(ex_f)}$ at $x = 2$.",
               f"求曲线 $y = {latex(ex_f)}$ 在 $x = 2$ 处切线的斜率。"),
            f"$y' = {latex(sp.diff(ex_f, x))}$, $y'(2) = {latex(ex_ans)}$.", zh=p.language == "zh"))

    @staticmethod
    def _timeline(tr, c: _Tangent) -> list[str]:
        """The notes' account of the scene, shot by shot."""
        f, df, a, fa, slope = c.f, c.df, c.a, c.fa, c.slope
        return [tr(f"Axes and the graph of $f(x) = {latex(f)}$.", f"坐标轴与 $f(x) = {latex(f)}$ 的图像。"),
                tr(f"The point $P = ({latex(a)}, {latex(fa)})$.", f"点 $P = ({latex(a)}, {latex(fa)})$。"),
                tr(f"A secant through $P$ and $Q$; $h$ shrinks from {num(c.h0)} towards 0 and the slope readout "
                   "updates.", f"过 $P$、$Q$ 的割线；$h$ 从 {num(c.h0)} 缩小到接近 0，斜率读数随之变化。"),
                tr("The secant becomes the tangent line.", "割线变成切线。"),
                tr(f"The derivative $f'(x) = {latex(df)}$ and the value $f'({latex(a)}) = {latex(slope)}$.",
                   f"导函数 $f'(x) = {latex(df)}$ 以及 $f'({latex(a)}) = {latex(slope)}$。")]

    def _reasoning_lines(self, p: Params, tr, caveats: list[str], c: _Tangent) -> list[str]:
        """The reasoning: f', f(a) and f'(a), then the five shots."""
        a, slope, h0 = c.a, c.slope, c.h0
        return _reasoning(self, p, tr, caveats,
                          [f"f'(x) = {sp.sstr(c.df)}", f"f({num(a)}) = {sp.sstr(c.fa)}",
                           f"f'({num(a)}) = {sp.sstr(slope)} ≈ {num(slope)}"],
                          [tr("axes and graph of f", "坐标轴与 f 的图像"), tr("point P on the curve", "曲线上的点 P"),
                           tr(f"secant PQ with h shrinking from {num(h0)}", f"割线 PQ，h 从 {num(h0)} 缩小"),
                           tr("secant turns into the tangent", "割线变成切线"),
                           tr("derivative formula and slope value", "导函数与斜率值")])


# ---------------------------------------------------------------------------------------------------------------
# integral


def riemann_sum(f: sp.Expr, a, b, n: int, rule: str = "left") -> sp.Expr:
    """The n-rectangle Riemann sum of f on [a, b] (left or midpoint): exact for rational f and bounds."""
    dx = (b - a) / n
    shift = sp.Rational(1, 2) if rule == "mid" else 0
    if f.is_rational_function(x) and a.is_Rational and b.is_Rational:
        return sp.nsimplify(sum(f.subs(x, a + (i + shift) * dx) for i in range(n)) * dx)
    g = sp.lambdify(x, f, "math")
    return sp.Float(sum(g(float(a + (i + shift) * dx)) for i in range(n)) * float(dx), 15)


# the integral scene (after its constants): left rectangles get thinner, then the exact area is shaded
_INTEGRAL_LOGIC = '''
        ax = make_axes(XR, YR)
        graph = plot_segments(ax, F, SEGS)
        f_tex = MathTex(F_TEX, color=BLUE)
        def sum_row(n, s):
            return MathTex(r"n = %d,\\quad S_n \\approx %.4f" % (n, s))

        n_row = sum_row(NS[0], SUMS[0])
        anti_tex, int_tex = MathTex(ANTI_TEX), MathTex(INT_TEX, color=YELLOW)
        info = panel([f_tex, n_row, anti_tex, int_tex])
        self.play(Create(ax), run_time=rt(1.2))
        self.play(Create(graph), Write(f_tex), run_time=rt(1.5))
        curve = ax.plot(F, x_range=[A, B, (B - A) / 200])
        rects = ax.get_riemann_rectangles(curve, x_range=[A, B], dx=(B - A) / NS[0], input_sample_type="left",
                                          stroke_width=1, fill_opacity=0.6)
        self.play(Create(rects), FadeIn(n_row), run_time=rt(1.5))
        for n, s in zip(NS[1:], SUMS[1:]):
            new = ax.get_riemann_rectangles(curve, x_range=[A, B], dx=(B - A) / n, input_sample_type="left",
                                            stroke_width=max(0.2, 4 / n), fill_opacity=0.6)
            row = sum_row(n, s).move_to(n_row, aligned_edge=LEFT)
            self.play(Transform(rects, new), Transform(n_row, row), run_time=rt(1.2))
        area = ax.get_area(curve, x_range=[A, B], color=[BLUE, GREEN], opacity=0.55)
        self.play(FadeOut(rects), FadeIn(area), run_time=rt(1))
        self.play(Write(anti_tex), run_time=rt(1.2))
        self.play(Write(int_tex), run_time=rt(1.5))
        self.wait(rt(2))
        '''


@dataclass(frozen=True)
class _Area:
    """What an integral lesson computed: f on [a, b], an antiderivative F (an unevaluated Integral when sympy
    finds none), the exact area, the left sums for ns rectangles and the plotting window."""

    f: sp.Expr
    a: sp.Expr
    b: sp.Expr
    F: sp.Expr
    area: sp.Expr
    ns: list[int]
    sums: list[sp.Expr]
    w: dict


@register
class Integral(Family):
    key = "integral"
    title_en = "The definite integral as area"
    title_zh = "定积分：曲线下的面积"
    description = ("The definite integral of a function over an interval as the signed area under the curve, "
                   "approximated by Riemann sums of rectangles that converge as they get thinner; antiderivatives.")
    aliases = ("integral", "integrate", "integration", "area under the curve", "area under a curve", "riemann sum",
               "riemann", "antiderivative", "definite integral", "\\int", "fundamental theorem of calculus",
               "积分", "定积分", "不定积分", "曲线下面积", "黎曼和", "原函数", "微积分基本定理")

    def build(self, p: Params) -> Lesson:
        tr, caveats = _tr(p), []
        c = self._area(p, tr, caveats)
        body = _body(self.title(p), self._scene_consts(c), _INTEGRAL_LOGIC)
        ex_ans = sp.integrate(3 * x**2 + 1, (x, 0, 2))
        values = {"f": c.f, "a": c.a, "b": c.b, "antiderivative": c.F, "area": c.area,
                  "riemann": dict(zip(c.ns, c.sums, strict=False)), "exercise": ex_ans}
        return _lesson(self, p, _Draft("IntegralScene", body, self._notes(p, tr, c, ex_ans),
                                       self._reasoning_lines(p, tr, caveats, c), values))

    @staticmethod
    def _integrand(p: Params, tr, caveats: list[str]) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
        """f, a, b with a <= b; x^2 on [0, 2] when f is not finite on the interval, or it is empty or too wide."""
        f = _function(p, x**2, tr, caveats)
        a, b = (exact(p.bounds[0]), exact(p.bounds[1])) if p.bounds else (sp.Integer(0), sp.Integer(2))
        if not p.bounds:
            caveats.append(tr("No interval given: using [0, 2].", "未给出区间：使用 [0, 2]。"))
        if a > b:
            a, b = b, a
        if a == b or b - a > 40 or not all(is_real_finite(f.subs(x, v)) for v in np.linspace(float(a), float(b), 41)):
            caveats.append(tr("f is not finite on that interval (or it is empty): using x^2 on [0, 2].",
                              "f 在该区间上无界（或区间为空）：改用 x^2 与 [0, 2]。"))
            f, a, b = x**2, sp.Integer(0), sp.Integer(2)
        return f, a, b

    def _area(self, p: Params, tr, caveats: list[str]) -> _Area:
        """The integral, its antiderivative, the Riemann sums and a window with a fifth of [a, b] either side."""
        f, a, b = self._integrand(p, tr, caveats)
        F = sp.integrate(f, x)
        area = sp.simplify(sp.integrate(f, (x, a, b)))
        ns = [4, 8, 16, 32]
        sums = [riemann_sum(f, a, b, n) for n in ns]
        margin = (b - a) * sp.Rational(1, 5)
        w = window(f, (float(a - margin), float(b + margin)))
        return _Area(f, a, b, F, area, ns, sums, w)

    @staticmethod
    def _scene_consts(c: _Area) -> str:
        """The scene's constants: the curve and its window, the sums and the panel's formulas."""
        f, a, b, F, area, w = c.f, c.a, c.b, c.F, c.area, c.w
        anti = not F.has(sp.Integral)
        return _consts(F=npcode(f), A=py(a), B=py(b), NS=py(c.ns), SUMS=py([float(s) for s in c.sums]),
                       AREA=py(area), XR=py(w["xr"]), YR=py(w["yr"]), SEGS=py(w["segs"]),
                       F_TEX=tex(f"f(x) = {latex(f)}"),
                       INT_TEX=tex(f"\\int_{{{latex(a)}}}^{{{latex(b)}}} {latex(f)}\\,dx = {latex(area)}"
                                   + approx(area)),
                       ANTI_TEX=tex(f"F(x) = {latex(F)}" if anti else r"F' = f"))

    def _notes(self, p: Params, tr, c: _Area, ex_ans) -> str:
        """The study notes: area as a limit of sums, the integral with the table of sums, shots, exercise."""
        f, F, area, int_l = c.f, c.F, c.area, self._int_latex(c)
        table = "| n | " + tr("left sum", "左和") + " |\n|---|---|\n" + "\n".join(
            f"| {n} | {num(s, 6)} |" for n, s in zip(c.ns, c.sums, strict=False))
        return notes_markdown(NotesSpec(
            self.title(p),
            tr(r"The definite integral $\int_a^b f(x)\,dx$ is the signed area between the graph of $f$ and the "
               r"x-axis from $a$ to $b$: the limit of Riemann sums $\sum f(x_i)\,\Delta x$ as $\Delta x \to 0$.",
               r"定积分 $\int_a^b f(x)\,dx$ 是 $f$ 的图像与 x 轴在 $a$ 到 $b$ 之间围成的有向面积，"
               r"即黎曼和 $\sum f(x_i)\,\Delta x$ 在 $\Delta x \to 0$ 时的极限。"),
            tr("Cut the region into thin rectangles, add their areas, and make them thinner: the total settles on "
               "one number. The fundamental theorem says that number is F(b) - F(a) for any antiderivative F.",
               "把区域切成细长矩形，把面积加起来，再切得更细：总和会稳定到一个数。微积分基本定理说这个数等于 F(b) - F(a)。"),
            f"$$f(x) = {latex(f)}, \\qquad F(x) = {latex(F)}$$\n\n$${int_l} = {latex(area)}{approx(area)}$$\n\n"
            + table,
            self._timeline(tr, c),
            tr(r"Compute $\int_0^2 (3x^2 + 1)\,dx$.", r"计算 $\int_0^2 (3x^2 + 1)\,dx$。"),
            f"$x^3 + x \\big|_0^2 = {latex(ex_ans)}$.", zh=p.language == "zh"))

    @staticmethod
    def _int_latex(c: _Area) -> str:
        """The integral of f from a to b, in LaTeX."""
        return f"\\int_{{{latex(c.a)}}}^{{{latex(c.b)}}} {latex(c.f)}\\,dx"

    def _timeline(self, tr, c: _Area) -> list[str]:
        """The notes' account of the scene, shot by shot."""
        f, a, b, ns, int_l = c.f, c.a, c.b, c.ns, self._int_latex(c)
        return [tr(f"Axes and the graph of $f(x) = {latex(f)}$.", f"坐标轴与 $f(x) = {latex(f)}$ 的图像。"),
                tr(f"{ns[0]} left rectangles on $[{latex(a)}, {latex(b)}]$ with their sum.",
                   f"在 $[{latex(a)}, {latex(b)}]$ 上画 {ns[0]} 个左端点矩形及其面积和。"),
                tr("The rectangles get thinner: n = " + ", ".join(map(str, ns[1:])) + "; the sum approaches the area.",
                   "矩形变细：n = " + ", ".join(map(str, ns[1:])) + "；和逼近面积。"),
                tr("The exact area is shaded.", "精确面积被填充。"),
                tr(f"The antiderivative and ${int_l} = {latex(c.area)}$.", f"原函数与 ${int_l} = {latex(c.area)}$。")]

    def _reasoning_lines(self, p: Params, tr, caveats: list[str], c: _Area) -> list[str]:
        """The reasoning: F, the integral and the sums, then the five shots."""
        ns, sums = c.ns, c.sums
        return _reasoning(self, p, tr, caveats,
                          [f"F(x) = {sp.sstr(c.F)}", f"∫ from {num(c.a)} to {num(c.b)} = {sp.sstr(c.area)} ≈ "
                           f"{num(c.area)}"] + [f"S_{n} = {num(s, 6)}" for n, s in zip(ns, sums, strict=False)],
                          [tr("axes and graph", "坐标轴与图像"), tr(f"{ns[0]} rectangles", f"{ns[0]} 个矩形"),
                           tr("rectangles refine, sums converge", "矩形加细，和收敛"),
                           tr("exact area shaded", "填充精确面积"), tr("antiderivative and value", "原函数与积分值")])


# ---------------------------------------------------------------------------------------------------------------
# limit


def _clip_segments(e: sp.Expr, xr, yr) -> list[list[float]]:
    """Segments of xr where e stays inside yr (so a polynomial does not shoot off the axes)."""
    xs = np.linspace(xr[0], xr[1], 801)
    with np.errstate(all="ignore"):
        vals = _npfun(e)(xs)
    ok = np.isfinite(vals) & (np.abs(vals.imag) < 1e-9) & (vals.real >= yr[0]) & (vals.real <= yr[1])
    segs, start = [], None
    for i, flag in enumerate(list(ok) + [False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            if i - 1 > start + 1:
                segs.append([_r(xs[start]), _r(xs[i - 1])])
            start = None
    return segs


# the limit scene (after its constants): points slide towards a (or off to infinity) along the curve
_LIMIT_LOGIC = '''
        ax = make_axes(XR, YR)
        graph = plot_segments(ax, F, SEGS)
        f_tex = MathTex(F_TEX, color=BLUE)
        rows = VGroup(*[MathTex(r"x = %.6g \\;\\Rightarrow\\; f(x) = %.8g" % (xv, fv), font_size=32)
                        for xv, fv in ROWS]).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        lim_tex = MathTex(LIM_TEX, color=YELLOW)
        info = panel([f_tex, rows, lim_tex], buff=0.25)
        self.play(Create(ax), run_time=rt(1.2))
        self.play(Create(graph), Write(f_tex), run_time=rt(1.5))
        level = DashedLine(ax.c2p(XR[0], L), ax.c2p(XR[1], L), color=YELLOW, stroke_width=2)
        self.play(Create(level), run_time=rt(0.8))
        if INF:
            t = ValueTracker(XR[0] + 0.1 * (XR[1] - XR[0]) if DIR > 0 else XR[1] - 0.1 * (XR[1] - XR[0]))
            dot = always_redraw(lambda: Dot(ax.c2p(t.get_value(), F(t.get_value())), color=ORANGE))
            self.play(FadeIn(dot), run_time=rt(0.5))
            self.play(t.animate.set_value(XR[1] if DIR > 0 else XR[0]), FadeIn(rows, lag_ratio=0.3), run_time=rt(4))
        else:
            hole = Circle(radius=0.08, color=BLUE, fill_color=BLACK, fill_opacity=1).move_to(ax.c2p(A, L))
            if not DEFINED:
                self.play(FadeIn(hole), run_time=rt(0.5))
            span = 0.45 * (XR[1] - XR[0])
            h = ValueTracker(span)
            left = always_redraw(lambda: Dot(ax.c2p(A - h.get_value(), F(A - h.get_value())), color=ORANGE))
            right = always_redraw(lambda: Dot(ax.c2p(A + h.get_value(), F(A + h.get_value())), color=GREEN))
            self.play(FadeIn(left), FadeIn(right), run_time=rt(0.5))
            self.play(h.animate.set_value(span / 400), FadeIn(rows, lag_ratio=0.3), run_time=rt(4))
        self.play(Write(lim_tex), run_time=rt(1.5))
        self.wait(rt(2))
        '''


@dataclass(frozen=True)
class _Approach:
    """What a limit lesson computed: f, the point a (finite or ±oo), the limit L, whether a is infinite, the
    table of (x, f(x)) approaching a, whether f(a) is defined, and the plotting window."""

    f: sp.Expr
    a: sp.Expr
    L: sp.Expr
    inf: bool
    table: list[tuple[sp.Expr, sp.Expr]]
    defined: bool
    w: dict


@register
class Limit(Family):
    key = "limit"
    title_en = "Limits: approaching a value"
    title_zh = "函数极限"
    description = ("The limit of a function as x approaches a point or infinity: values of f(x) get arbitrarily "
                   "close to L from both sides, even where f is undefined; one-sided limits and asymptotes.")
    aliases = ("limit", "limits", "lim", "approaches", "tends to", "\\lim", "one-sided limit", "sin x / x",
               "epsilon delta", "asymptote", "函数极限", "极限", "趋近", "趋于", "左极限", "右极限", "重要极限")

    def build(self, p: Params) -> Lesson:
        tr, caveats = _tr(p), []
        c = self._approach(p, tr, caveats)
        body = _body(self.title(p), self._scene_consts(c), _LIMIT_LOGIC)
        ex_ans = sp.limit((x**2 - 4) / (x - 2), x, 2)
        values = {"f": c.f, "point": c.a, "limit": c.L, "table": c.table, "exercise": ex_ans}
        return _lesson(self, p, _Draft("LimitScene", body, self._notes(p, tr, c, ex_ans),
                                       self._reasoning_lines(p, tr, caveats, c), values))

    @staticmethod
    def _target(p: Params, tr, caveats: list[str]) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
        """f, the point a (0 when none is given) and the limit L there; sin(x)/x at 0 when L is not finite."""
        f = _function(p, sp.sin(x) / x, tr, caveats)
        pt = p.point if p.point is not None else 0.0
        a = sp.oo if pt == math.inf else -sp.oo if pt == -math.inf else exact(pt)
        L = sp.limit(f, x, a)
        if not is_real_finite(L):
            caveats.append(tr(f"The limit of {sp.sstr(f)} at {a} is {L} (not a finite number): showing sin(x)/x at 0.",
                              f"{sp.sstr(f)} 在 {a} 处的极限为 {L}（不是有限数）：改为演示 sin(x)/x 在 0 处。"))
            f, a = sp.sin(x) / x, sp.Integer(0)
            L = sp.limit(f, x, a)
        return f, a, L

    def _approach(self, p: Params, tr, caveats: list[str]) -> _Approach:
        """The limit and the walk towards it: x = ±10, ±100, ±1000 towards infinity, a ± 10^-k (k = 1..3) towards
        a finite point, with f's values there."""
        f, a, L = self._target(p, tr, caveats)
        inf = not a.is_finite
        if inf:
            xr = (0.0, 30.0) if a == sp.oo else (-30.0, 0.0)
            probes = [10, 100, 1000]
            xs = [sp.Integer(v) * (1 if a == sp.oo else -1) for v in probes]
        else:
            xr = _xrange_around(float(a), 4.0)
            xs = [a - sp.Rational(1, 10**k) for k in (1, 2, 3)] + [a + sp.Rational(1, 10**k) for k in (1, 2, 3)]
        table = [(xv, sp.N(f.subs(x, xv), 8)) for xv in xs]
        defined = not inf and is_real_finite(f.subs(x, a))
        w = window(f, xr, must=[float(L)])
        return _Approach(f, a, L, inf, table, defined, w)

    @staticmethod
    def _scene_consts(c: _Approach) -> str:
        """The scene's constants: the curve and its window, the point and its side, the table and the result."""
        f, a, L, inf, w = c.f, c.a, c.L, c.inf, c.w
        return _consts(F=npcode(f), A=py(0 if inf else a), L=py(L), INF=py(inf), DIR=py(1 if a == sp.oo else -1),
                       XR=py(w["xr"]), YR=py(w["yr"]), SEGS=py(w["segs"]), DEFINED=py(c.defined),
                       F_TEX=tex(f"f(x) = {latex(f)}"),
                       LIM_TEX=tex(f"\\lim_{{x \\to {latex(a)}}} {latex(f)} = {latex(L)}" + approx(L)),
                       ROWS=py([[float(xv), float(fv)] for xv, fv in c.table]))

    def _notes(self, p: Params, tr, c: _Approach, ex_ans) -> str:
        """The study notes: the definition, the limit with its table of values, the shots and the exercise."""
        f, L = c.f, c.L
        lim_l = f"\\lim_{{x \\to {latex(c.a)}}} {latex(f)}"
        tab = "| x | f(x) |\n|---|---|\n" + "\n".join(f"| {num(xv, 6)} | {num(fv, 8)} |" for xv, fv in c.table)
        return notes_markdown(NotesSpec(
            self.title(p),
            tr(r"$\lim_{x\to a} f(x) = L$ means $f(x)$ gets as close to $L$ as we like when $x$ is close enough to "
               r"$a$ (but not equal to it). The value $f(a)$ itself does not matter.",
               r"$\lim_{x\to a} f(x) = L$ 表示当 $x$ 足够接近 $a$（但不等于 $a$）时，$f(x)$ 可以任意接近 $L$；"
               r"$f(a)$ 本身的值无关紧要。"),
            tr("Walk towards the point along the curve from the left and from the right: if both walks head for "
               "the same height, that height is the limit.",
               "沿曲线从左右两侧走向该点：如果两边都趋向同一高度，这个高度就是极限。"),
            f"$${lim_l} = {latex(L)}{approx(L)}$$\n\n" + tab,
            [tr(f"The graph of $f(x) = {latex(f)}$.", f"$f(x) = {latex(f)}$ 的图像。"),
             tr(f"A dashed line at height $L = {latex(L)}$.", f"高度 $L = {latex(L)}$ 处的虚线。"),
             tr("Points slide along the curve towards the limit point while the table of values appears.",
                "点沿曲线滑向极限点，同时出现数值表。"),
             tr(f"The result ${lim_l} = {latex(L)}$.", f"结论 ${lim_l} = {latex(L)}$。")],
            tr(r"Find $\lim_{x\to 2} \frac{x^2-4}{x-2}$.", r"求 $\lim_{x\to 2} \frac{x^2-4}{x-2}$。"),
            f"$\\frac{{x^2-4}}{{x-2}} = x+2 \\to {latex(ex_ans)}$.", zh=p.language == "zh"))

    def _reasoning_lines(self, p: Params, tr, caveats: list[str], c: _Approach) -> list[str]:
        """The reasoning: the limit and the table, then the four shots."""
        return _reasoning(self, p, tr, caveats,
                          [f"lim x→{c.a} {sp.sstr(c.f)} = {sp.sstr(c.L)}"]
                          + [f"f({num(xv, 6)}) = {num(fv, 8)}" for xv, fv in c.table],
                          [tr("axes and graph", "坐标轴与图像"), tr("dashed line at L", "L 处虚线"),
                           tr("points approach from both sides; value table", "两侧的点逼近；数值表"),
                           tr("the limit statement", "极限结论")])


# ---------------------------------------------------------------------------------------------------------------
# taylor


SHOWN_TERMS = 4  # a longer polynomial would shrink below what a viewer can read at 480p


def ascending_tex(q, max_terms: int | None = None) -> str:
    """A polynomial in ascending powers, as a teacher writes a series; with max_terms, the middle terms become
    "+ \\cdots +" so the line keeps a readable size."""
    terms = sorted(sp.Add.make_args(sp.expand(q)), key=lambda t: sp.degree(t, x) if t.is_polynomial(x) else 0)
    if max_terms is None or len(terms) <= max_terms:
        return sp.latex(q, order="rev-lex")
    head = sp.latex(sp.Add(*terms[: max_terms - 1], evaluate=False), order="rev-lex")
    last = sp.latex(terms[-1])
    return f"{head} + \\cdots {'' if last.startswith('-') else '+ '}{last}"


# the Taylor scene (after its constants): polynomials of rising degree replace each other over f
_TAYLOR_LOGIC = '''
        ax = make_axes(XR, YR)
        graph = plot_segments(ax, F, SEGS, color=BLUE, width=6)
        f_tex, series_tex = MathTex(F_TEX, color=BLUE), MathTex(SERIES_TEX)
        info = panel([f_tex, series_tex, MathTex(P_TEX[0], color=YELLOW)])
        self.play(Create(ax), run_time=rt(1.2))
        self.play(Create(graph), Write(f_tex), run_time=rt(1.5))
        self.play(Write(series_tex), run_time=rt(1.5))
        dot = Dot(ax.c2p(A, F(A)), color=WHITE)
        self.play(FadeIn(dot, scale=2), run_time=rt(0.5))
        poly = plot_segments(ax, PS[0], PSEGS[0], color=YELLOW)
        label = info[2]
        self.play(Create(poly), Write(label), run_time=rt(1.2))
        for i in range(1, len(PS)):
            new_poly = plot_segments(ax, PS[i], PSEGS[i], color=YELLOW)
            new_label = fit(MathTex(P_TEX[i], color=YELLOW), info.width).move_to(label, aligned_edge=LEFT)
            self.play(Transform(poly, new_poly), Transform(label, new_label), run_time=rt(1.3))
            self.wait(rt(0.3))
        self.play(Indicate(label), run_time=rt(1))
        self.wait(rt(1.5))
        '''


@dataclass(frozen=True)
class _Expansion:
    """What a Taylor lesson computed: f, the point a, the degrees shown with their polynomials, the plotting
    window, and each polynomial's segments inside that window."""

    f: sp.Expr
    a: sp.Expr
    degs: list[int]
    shown: list[sp.Expr]
    w: dict
    segs: list[list[list[float]]]


@register
class Taylor(Family):
    key = "taylor"
    title_en = "Taylor polynomials approaching a function"
    title_zh = "泰勒展开：多项式逼近函数"
    description = ("Taylor and Maclaurin series: polynomials built from the derivatives at a point approximate a "
                   "function better and better as the degree grows; power series expansion.")
    aliases = ("taylor", "maclaurin", "taylor series", "taylor polynomial", "taylor expansion", "power series",
               "series expansion", "approximate with polynomials", "泰勒", "泰勒展开", "泰勒级数", "麦克劳林",
               "泰勒公式", "幂级数", "多项式逼近")

    def build(self, p: Params) -> Lesson:
        tr, caveats = _tr(p), []
        c = self._expansion(p, tr, caveats)
        body = _body(self.title(p), self._scene_consts(c), _TAYLOR_LOGIC)
        ex_ans = sp.series(sp.exp(x), x, 0, 4).removeO()
        values = {"f": c.f, "a": c.a, "degrees": c.degs, "polynomials": c.shown, "exercise": ex_ans}
        return _lesson(self, p, _Draft("TaylorScene", body, self._notes(p, tr, c, ex_ans),
                                       self._reasoning_lines(p, tr, caveats, c), values))

    @staticmethod
    def _polynomials(p: Params, tr, caveats: list[str]) -> tuple[sp.Expr, sp.Expr, list[sp.Expr]]:
        """f, a point where its first derivatives are finite, and its Taylor polynomials of degree 0..top (the
        user's number of terms, 9 by default, at most 14); sin(x) at 0 when sympy cannot expand f."""
        f = _function(p, sp.sin(x), tr, caveats)
        a = _point(p, 0, tr, caveats, lambda v: all(is_real_finite(sp.diff(f, x, k).subs(x, v)) for k in range(4)))
        top = int(min(max(p.numbers.get("terms", p.numbers.get("n", 9)), 1), 14))
        try:
            polys = [sp.expand(sp.series(f, x, a, k + 1).removeO()) for k in range(top + 1)]
        except Exception:  # noqa: BLE001 - sympy cannot expand it: fall back to sin at 0
            caveats.append(tr("No Taylor expansion found: using sin(x) at 0.", "无法展开：改用 sin(x) 在 0 处。"))
            f, a = sp.sin(x), sp.Integer(0)
            polys = [sp.expand(sp.series(f, x, a, k + 1).removeO()) for k in range(top + 1)]
        return f, a, polys

    def _expansion(self, p: Params, tr, caveats: list[str]) -> _Expansion:
        """The distinct polynomials (a degree that adds a zero term repeats the last one) and where they show."""
        f, a, polys = self._polynomials(p, tr, caveats)
        degs, shown = [], []
        for k, poly in enumerate(polys):
            if not shown or sp.simplify(poly - shown[-1]) != 0:
                degs.append(k)
                shown.append(poly)
        degs, shown = degs[-6:], shown[-6:]  # at most six stages keep the scene short
        w = window(f, _xrange_around(float(a), 5.0), must=[float(f.subs(x, a))])
        near_a = [[_r(float(a) - 0.1), _r(float(a) + 0.1)]]  # a polynomial nowhere inside the window: a stub at a
        segs = [_clip_segments(q, w["xr"][:2], w["yr"][:2]) or near_a for q in shown]
        return _Expansion(f, a, degs, shown, w, segs)

    @staticmethod
    def _scene_consts(c: _Expansion) -> str:
        """The scene's constants: the curve and its window, the polynomials with their segments and labels."""
        f, a, w, degs, shown = c.f, c.a, c.w, c.degs, c.shown
        return _consts(F=npcode(f), A=py(a), XR=py(w["xr"]), YR=py(w["yr"]), SEGS=py(w["segs"]),
                       PS="[" + ", ".join(npcode(q) for q in shown) + "]", PSEGS=py(c.segs), DEGS=py(degs),
                       P_TEX="[" + ", ".join(tex(f"P_{{{d}}}(x) = {ascending_tex(q, SHOWN_TERMS)}")
                                             for d, q in zip(degs, shown, strict=False)) + "]",
                       F_TEX=tex(f"f(x) = {latex(f)}"),
                       SERIES_TEX=tex(f"f(x) = \\sum_{{k=0}}^{{\\infty}} \\frac{{f^{{(k)}}({latex(a)})}}{{k!}}"
                                      + latex((x - a) ** sp.Symbol("k"))))

    def _notes(self, p: Params, tr, c: _Expansion, ex_ans) -> str:
        """The study notes: the Taylor formula, every polynomial in full, the shots and the exercise."""
        f, a, degs = c.f, c.a, c.degs
        lines = "\n".join(f"- $P_{{{d}}}(x) = {ascending_tex(q)}$" for d, q in zip(degs, c.shown, strict=False))
        return notes_markdown(NotesSpec(
            self.title(p),
            tr(r"The Taylor polynomial of degree $n$ of $f$ at $a$ is "
               r"$P_n(x) = \sum_{k=0}^{n} \frac{f^{(k)}(a)}{k!}(x-a)^k$: the polynomial that matches $f$ and its "
               r"first $n$ derivatives at $a$.",
               r"$f$ 在 $a$ 处的 $n$ 次泰勒多项式为 $P_n(x) = \sum_{k=0}^{n} \frac{f^{(k)}(a)}{k!}(x-a)^k$，"
               r"它在 $a$ 处与 $f$ 及其前 $n$ 阶导数都相等。"),
            tr("Each new term fixes one more derivative, so the polynomial hugs the curve over a wider stretch.",
               "每多一项就多匹配一阶导数，多项式贴合曲线的范围也更宽。"),
            f"$f(x) = {latex(f)}$, $a = {latex(a)}$:\n\n" + lines,
            [tr(f"The graph of $f(x) = {latex(f)}$ and the Taylor formula.", f"$f(x) = {latex(f)}$ 的图像与泰勒公式。"),
             tr(f"The point $a = {latex(a)}$.", f"展开点 $a = {latex(a)}$。"),
             tr("Polynomials of degree " + ", ".join(map(str, degs)) + " replace each other, closer each time.",
                "依次出现 " + ", ".join(map(str, degs)) + " 次多项式，越来越接近。")],
            tr(r"Write the Taylor polynomial of degree 3 of $e^x$ at 0.", r"写出 $e^x$ 在 0 处的 3 次泰勒多项式。"),
            f"$P_3(x) = {ascending_tex(ex_ans)}$.", zh=p.language == "zh"))

    def _reasoning_lines(self, p: Params, tr, caveats: list[str], c: _Expansion) -> list[str]:
        """The reasoning: the polynomials shown, then the three shots."""
        degs = c.degs
        return _reasoning(self, p, tr, caveats,
                          [f"P_{d}(x) = {sp.sstr(q)}" for d, q in zip(degs, c.shown, strict=False)],
                          [tr("graph of f and Taylor formula", "f 的图像与泰勒公式"), tr("expansion point", "展开点"),
                           tr(f"polynomials of degree {degs}", f"{degs} 次多项式依次出现")])


# ---------------------------------------------------------------------------------------------------------------
# chain rule

u = sp.Symbol("u")


def decompose(f: sp.Expr) -> tuple[sp.Expr, sp.Expr] | None:
    """(outer in u, inner in x) with f = outer(inner), inner not x itself; None when f is not a composition."""
    if isinstance(f, sp.Function) and len(f.args) == 1 and f.args[0] != x and f.args[0].has(x):
        return f.func(u), f.args[0]
    if isinstance(f, sp.Pow) and f.base != x and f.base.has(x) and not f.exp.has(x):
        return u**f.exp, f.base
    if isinstance(f, sp.Pow) and f.exp.has(x) and not f.base.has(x) and f.exp != x:
        return f.base**u, f.exp
    if isinstance(f, sp.Mul):
        coeff, rest = f.as_independent(x)
        inner = decompose(rest) if coeff != 1 else None
        if inner:
            return coeff * inner[0], inner[1]
    return None


# the chain-rule scene (after its constants): the chain x → u → y, the rule's parts, then the tangent
_CHAIN_RULE_LOGIC = '''
        boxes = VGroup(*[MathTex(s) for s in CHAIN]).arrange(RIGHT, buff=1.3)
        arrows = VGroup(*[Arrow(boxes[i].get_right(), boxes[i + 1].get_left(), buff=0.15, color=GREY_B)
                          for i in range(2)])
        names = VGroup(MathTex("g", color=GREEN).next_to(arrows[0], UP, buff=0.05),
                       MathTex("f", color=ORANGE).next_to(arrows[1], UP, buff=0.05))
        chain = fit(VGroup(boxes, arrows, names), 12.5).next_to(title, DOWN, buff=0.35)
        self.play(LaggedStart(*[FadeIn(m) for m in (boxes[0], arrows[0], names[0], boxes[1], arrows[1], names[1],
                                                    boxes[2])], lag_ratio=0.3), run_time=rt(2.5))
        top = chain.get_bottom()[1] - 0.3
        ax = make_axes(XR, YR, box=(-6.7, 0.2, -3.7, top - 0.2))
        graph = plot_segments(ax, F, SEGS)
        info = panel([MathTex(F_TEX, color=BLUE), MathTex(RULE_TEX), MathTex(PARTS_TEX), MathTex(RESULT_TEX),
                      MathTex(VAL_TEX, color=YELLOW)], box=(0.8, 7.0, -3.8, top))
        self.play(Create(ax), Create(graph), Write(info[0]), run_time=rt(1.5))
        for m in info[1:4]:
            self.play(Write(m), run_time=rt(1.2))
        d = ax.c2p(A + 1, FA + SLOPE) - ax.c2p(A, FA)
        d = d / np.linalg.norm(d)
        P = ax.c2p(A, FA)
        tangent = Line(P - 1.4 * d, P + 1.4 * d, color=YELLOW, stroke_width=4)
        self.play(FadeIn(Dot(P, color=YELLOW)), Create(tangent), Write(info[4]), run_time=rt(1.5))
        self.wait(rt(2))
        '''


_CHAIN_EXERCISE = (3 * x + 1) ** 5  # the notes' exercise: differentiate (3x + 1)^5


@dataclass(frozen=True)
class _Chain:
    """What a chain-rule lesson computed: f = outer(inner), the two derivatives and their product dy/dx, the
    point a with f(a) and the slope there, and the plotting window."""

    f: sp.Expr
    outer: sp.Expr  # in u
    inner: sp.Expr  # in x
    d_outer: sp.Expr
    d_inner: sp.Expr
    chain: sp.Expr
    a: sp.Expr
    fa: sp.Expr
    slope: sp.Expr
    w: dict


@register
class ChainRule(Family):
    key = "chain_rule"
    title_en = "The chain rule"
    title_zh = "链式法则"
    description = ("The chain rule for the derivative of a composite function f(g(x)): the outer derivative at "
                   "the inner function times the inner derivative; rates multiply through a chain.")
    aliases = ("chain rule", "composite function", "composition", "derivative of a composition", "f(g(x))",
               "nested function", "链式法则", "复合函数", "复合函数求导", "链式求导")

    def build(self, p: Params) -> Lesson:
        tr, caveats = _tr(p), []
        c = self._chain(p, tr, caveats)
        body = _body(self.title(p), self._scene_consts(c), _CHAIN_RULE_LOGIC)
        ex_ans = sp.diff(_CHAIN_EXERCISE, x)
        values = {"f": c.f, "outer": c.outer, "inner": c.inner, "outer'": c.d_outer, "inner'": c.d_inner,
                  "df": c.chain, "a": c.a, "slope": c.slope, "exercise": ex_ans}
        return _lesson(self, p, _Draft("ChainRuleScene", body, self._notes(p, tr, c, ex_ans),
                                       self._reasoning_lines(p, tr, caveats, c), values))

    @staticmethod
    def _composition(p: Params, tr, caveats: list[str]) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
        """f with its outer (in u) and inner function; sin(x^2) when f is not a composition."""
        f = _function(p, sp.sin(x**2), tr, caveats)
        parts = decompose(f)
        if parts is None:
            caveats.append(tr(f"{sp.sstr(f)} is not a composition: using sin(x^2).",
                              f"{sp.sstr(f)} 不是复合函数：改用 sin(x^2)。"))
            f = sp.sin(x**2)
            parts = decompose(f)
        outer, inner = parts
        return f, outer, inner

    def _chain(self, p: Params, tr, caveats: list[str]) -> _Chain:
        """The two derivatives, their product, and the tangent at a point where f and f' are finite."""
        f, outer, inner = self._composition(p, tr, caveats)
        d_outer, d_inner = sp.diff(outer, u), sp.diff(inner, x)
        chain = d_outer.subs(u, inner) * d_inner
        df = sp.diff(f, x)
        assert sp.simplify(chain - df) == 0  # the chain rule agrees with sympy's own derivative
        a = _point(p, 1, tr, caveats, lambda v: is_real_finite(fval(f, v)) and is_real_finite(fval(df, v)))
        fa, slope = fval(f, a), fval(df, a)
        w = window(f, _xrange_around(float(a), 3.0), must=[float(fa)])
        return _Chain(f, outer, inner, d_outer, d_inner, chain, a, fa, slope, w)

    @staticmethod
    def _scene_consts(c: _Chain) -> str:
        """The scene's constants: the curve and its window, the chain x → u → y and the panel's formulas (the
        product in general form when it is too long to read)."""
        outer, inner, d_outer, chain, a, slope, w = c.outer, c.inner, c.d_outer, c.chain, c.a, c.slope, c.w
        return _consts(F=npcode(c.f), A=py(a), FA=py(c.fa), SLOPE=py(slope), XR=py(w["xr"]), YR=py(w["yr"]),
                       SEGS=py(w["segs"]),
                       CHAIN="[" + ", ".join(tex(s) for s in (
                           "x", f"u = {latex(inner)}", f"y = {latex(outer)}")) + "]",
                       F_TEX=tex(f"y = {latex(c.f)}"),
                       RULE_TEX=tex(r"\frac{dy}{dx} = \frac{dy}{du}\cdot\frac{du}{dx}"),
                       PARTS_TEX=tex(f"\\frac{{dy}}{{du}} = {latex(d_outer)}, \\quad \\frac{{du}}{{dx}} = "
                                     f"{latex(c.d_inner)}"),
                       RESULT_TEX=tex(f"\\frac{{dy}}{{dx}} = {latex(chain)}" if len(latex(chain)) <= LONG else
                                      f"\\frac{{dy}}{{dx}} = {latex(d_outer.subs(u, sp.Symbol('u')))}"
                                      r"\big|_{u=g(x)} \cdot g'(x)"),
                       VAL_TEX=tex(f"\\left.\\frac{{dy}}{{dx}}\\right|_{{x={latex(a)}}} = {latex(slope)}"
                                   + approx(slope)))

    def _notes(self, p: Params, tr, c: _Chain, ex_ans) -> str:
        """The study notes: the rule, the parts and their product at a, the shots and the exercise."""
        f, outer, inner, d_outer, d_inner, chain, a, slope = (c.f, c.outer, c.inner, c.d_outer, c.d_inner, c.chain,
                                                              c.a, c.slope)
        return notes_markdown(NotesSpec(
            self.title(p),
            tr(r"If $y = f(u)$ and $u = g(x)$, then $\frac{dy}{dx} = f'(g(x))\,g'(x)$: "
               r"the derivative of the outer function at the inner one, times the derivative of the inner.",
               r"若 $y = f(u)$，$u = g(x)$，则 $\frac{dy}{dx} = f'(g(x))\,g'(x)$："
               r"外层函数在内层处的导数乘以内层函数的导数。"),
            tr("Rates multiply along a chain: if u changes 3 times as fast as x and y twice as fast as u, "
               "y changes 6 times as fast as x.", "变化率沿链条相乘：u 的变化是 x 的 3 倍，y 是 u 的 2 倍，则 y 是 x 的 6 倍。"),
            f"$y = {latex(f)}$, $u = {latex(inner)}$, $y = {latex(outer)}$.\n\n"
            f"$$\\frac{{dy}}{{du}} = {latex(d_outer)}, \\qquad \\frac{{du}}{{dx}} = {latex(d_inner)}$$\n\n"
            f"$$\\frac{{dy}}{{dx}} = {latex(chain)}, \\qquad \\left.\\frac{{dy}}{{dx}}\\right|_{{x={latex(a)}}} = "
            f"{latex(slope)}{approx(slope)}$$",
            [tr(f"The chain $x \\to u = {latex(inner)} \\to y = {latex(outer)}$.",
                f"链条 $x \\to u = {latex(inner)} \\to y = {latex(outer)}$。"),
             tr("The graph of the composite function.", "复合函数的图像。"),
             tr("The chain rule, the two derivatives, their product.", "链式法则、两个导数及其乘积。"),
             tr(f"The tangent at $x = {latex(a)}$ with slope ${latex(slope)}$.",
                f"$x = {latex(a)}$ 处斜率为 ${latex(slope)}$ 的切线。")],
            tr(f"Differentiate $y = {latex(_CHAIN_EXERCISE)}$.", f"求 $y = {latex(_CHAIN_EXERCISE)}$ 的导数。"),
            f"$y' = {latex(ex_ans)}$.", zh=p.language == "zh"))

    def _reasoning_lines(self, p: Params, tr, caveats: list[str], c: _Chain) -> list[str]:
        """The reasoning: the decomposition, the parts, the product and its value at a, then the four shots."""
        return _reasoning(self, p, tr, caveats,
                          [f"outer f(u) = {sp.sstr(c.outer)}, inner u = {sp.sstr(c.inner)}",
                           f"dy/du = {sp.sstr(c.d_outer)}, du/dx = {sp.sstr(c.d_inner)}",
                           f"dy/dx = {sp.sstr(c.chain)}", f"at x = {num(c.a)}: {sp.sstr(c.slope)} ≈ {num(c.slope)}"],
                          [tr("the chain x → u → y", "链条 x → u → y"), tr("graph of the composite", "复合函数图像"),
                           tr("rule, parts, product", "法则、分量、乘积"), tr("tangent and value", "切线与数值")])


# ---------------------------------------------------------------------------------------------------------------
# Fourier series

n_ = sp.Symbol("n", integer=True, positive=True)


def fourier_coefficients(f: sp.Expr | None, count: int) -> tuple[list, list, sp.Expr]:
    """(a_0..a_count, b_1..b_count) of f on [-pi, pi]; f None means the square wave sign(x)."""
    if f is None:
        a = [sp.Integer(0)] * (count + 1)
        b = [sp.simplify(2 / sp.pi * sp.integrate(sp.sin(k * x), (x, 0, sp.pi))) for k in range(1, count + 1)]
        return a, b, sp.Piecewise((-1, x < 0), (1, True))
    a = [sp.simplify(sp.integrate(f * sp.cos(k * x), (x, -sp.pi, sp.pi)) / sp.pi) for k in range(count + 1)]
    b = [sp.simplify(sp.integrate(f * sp.sin(k * x), (x, -sp.pi, sp.pi)) / sp.pi) for k in range(1, count + 1)]
    return a, b, f


def _partial_sums(a: list, b: list, count: int) -> tuple[list[int], list[sp.Expr]]:
    """The orders k of the partial sums S_k that add a nonzero term (S_0 always), with those sums: the last
    five at most, to keep the scene short."""
    terms = [a[0] / 2] + [a[k] * sp.cos(k * x) + b[k - 1] * sp.sin(k * x) for k in range(1, count + 1)]
    partial, stages, sums = sp.Integer(0), [], []
    for k, term in enumerate(terms):
        partial += term
        if term != 0 or k == 0:
            stages.append(k)
            sums.append(partial)
    return stages[-5:], sums[-5:]


# the Fourier scene (after its constants): partial sums replace each other over two periods of the wave
_FOURIER_LOGIC = '''
        ax = Axes(x_range=[-2 * PI, 2 * PI, PI / 2], y_range=YR, x_length=12.5, y_length=3.2, tips=False,
                  axis_config={"stroke_width": 2}).to_edge(DOWN, buff=0.35)
        ax.add(VGroup(*[MathTex(s, font_size=24).next_to(ax.c2p(v, 0), DOWN, buff=0.12)
                        for v, s in ((-PI, r"-\\pi"), (PI, r"\\pi"), (2 * PI, r"2\\pi"))]))
        f_tex, coef_tex = MathTex(F_TEX, color=BLUE), MathTex(COEF_TEX)
        top = VGroup(f_tex, coef_tex).arrange(DOWN, buff=0.2)
        room = title.get_bottom()[1] - ax.get_top()[1] - 0.3
        fit(top, 12.5, 0.6 * room).next_to(title, DOWN, buff=0.15)
        wave = ax.plot(WAVE, x_range=[-2 * PI, 2 * PI, 0.005], color=BLUE, stroke_width=3, use_smoothing=False)
        self.play(Create(ax), run_time=rt(1))
        self.play(Create(wave), Write(f_tex), run_time=rt(2))
        self.play(Write(coef_tex), run_time=rt(1.5))
        curve = ax.plot(SUMS[0], x_range=[-2 * PI, 2 * PI, 0.02], color=YELLOW, stroke_width=4)
        label = fit(MathTex(S_TEX[0], color=YELLOW), 12.5, 0.3 * room).next_to(top, DOWN, buff=0.3)
        self.play(Create(curve), Write(label), run_time=rt(1.2))
        for s, t in zip(SUMS[1:], S_TEX[1:]):
            new = ax.plot(s, x_range=[-2 * PI, 2 * PI, 0.02], color=YELLOW, stroke_width=4)
            new_label = fit(MathTex(t, color=YELLOW), 12.5, 0.3 * room).move_to(label)
            self.play(Transform(curve, new), Transform(label, new_label), run_time=rt(1.3))
        self.wait(rt(2))
        '''


@dataclass(frozen=True)
class _Fourier:
    """What a Fourier lesson computed: the number of harmonics, the user's function (None: the square wave),
    the coefficients a_0..a_count and b_1..b_count, the function expanded, and the partial sums shown."""

    count: int
    user: sp.Expr | None
    a: list[sp.Expr]
    b: list[sp.Expr]
    f: sp.Expr
    stages: list[int]
    sums: list[sp.Expr]


@register
class FourierSeries(Family):
    key = "fourier_series"
    title_en = "Fourier series of a square wave"
    title_zh = "傅里叶级数"
    description = ("Fourier series: a periodic function such as a square wave written as a sum of sines and "
                   "cosines; partial sums with more harmonics approach it (Gibbs overshoot at jumps).")
    aliases = ("fourier", "fourier series", "fourier transform", "square wave", "harmonics", "sum of sines",
               "gibbs phenomenon", "frequency decomposition", "傅里叶", "傅里叶变换", "傅里叶级数", "方波",
               "谐波", "频谱", "三角级数")

    def build(self, p: Params) -> Lesson:
        tr, caveats = _tr(p), []
        c = self._series(p, tr, caveats)
        body = _body(self._heading(p, tr, c.user), self._scene_consts(c), _FOURIER_LOGIC)
        values = {"a": c.a, "b": c.b, "stages": c.stages, "partial_sums": c.sums, "function": c.f,
                  "exercise": sp.simplify(2 / sp.pi * sp.integrate(sp.sin(3 * x), (x, 0, sp.pi)))}
        return _lesson(self, p, _Draft("FourierScene", body, self._notes(p, tr, c, values["exercise"]),
                                       self._reasoning_lines(p, tr, caveats, c), values))

    @staticmethod
    def _user_function(p: Params, tr, caveats: list[str]) -> sp.Expr | None:
        """The user's function of x when sympy can integrate it against sines (a polynomial, |x| or sign x);
        None for the square wave (asked for, or the fallback)."""
        user = p.expr if p.expr is not None and p.expr.free_symbols == {x} and "square" not in p.concept.lower() \
            and "方波" not in p.concept else None
        if user is not None and not (user.is_polynomial(x) or user in (sp.Abs(x), sp.sign(x))):
            caveats.append(tr(f"Fourier coefficients are computed for polynomials and |x|; {sp.sstr(user)} is not "
                              "one: using the square wave.", f"仅对多项式与 |x| 计算系数；{sp.sstr(user)} 不是：改用方波。"))
            user = None
        return user

    def _series(self, p: Params, tr, caveats: list[str]) -> _Fourier:
        """The coefficients of the user's function (the square wave's when they cannot be computed or are not
        finite) for the user's number of harmonics (9 by default, at most 15), and the partial sums."""
        count = int(min(max(p.numbers.get("terms", p.numbers.get("n", 9)), 1), 15))
        user = self._user_function(p, tr, caveats)
        try:
            a, b, f = fourier_coefficients(user, count)
        except Exception:  # noqa: BLE001 - sympy could not integrate it
            caveats.append(tr("Could not integrate that function: using the square wave.", "无法积分该函数：改用方波。"))
            user = None
            a, b, f = fourier_coefficients(None, count)
        if not all(is_real_finite(c) for c in a + b):
            user, (a, b, f) = None, fourier_coefficients(None, count)
        stages, sums = _partial_sums(a, b, count)
        return _Fourier(count, user, a, b, f, stages, sums)

    def _heading(self, p: Params, tr, user: sp.Expr | None) -> str:
        """The scene's and the notes' title: the family's for the square wave, else naming the function."""
        return self.title(p) if user is None else tr(f"Fourier series of {sp.sstr(user)}", f"{sp.sstr(user)} 的傅里叶级数")

    @staticmethod
    def _scene_consts(c: _Fourier) -> str:
        """The scene's constants: the periodic wave (the user's function repeated every 2 pi) and its y range,
        the partial sums with their labels, and the first five b_k."""
        user, b, stages, sums = c.user, c.b, c.stages, c.sums
        if user is None:
            wave = "lambda x: np.where(np.mod(x + np.pi, 2 * np.pi) - np.pi < 0, -1.0, 1.0)"
            yr = [-1.6, 1.6, 0.5]
        else:
            wave = f"lambda x: (lambda x: {npcode(user)[10:]})(np.mod(x + np.pi, 2 * np.pi) - np.pi)"
            yr = window(user, (-math.pi, math.pi))["yr"]
        b_l = ", ".join(f"b_{k} = {latex(b[k - 1])}" for k in range(1, min(c.count, 5) + 1))
        return _consts(WAVE=wave, YR=py(yr), STAGES=py(stages),
                       SUMS="[" + ", ".join(npcode(s) for s in sums) + "]",
                       S_TEX="[" + ", ".join(tex(f"S_{{{k}}}(x) = {latex(s)}")
                                             for k, s in zip(stages, sums, strict=True)) + "]",
                       F_TEX=tex(r"f(x) = \operatorname{sign}(x),\ -\pi < x < \pi" if user is None else
                                 f"f(x) = {latex(user)},\\ -\\pi < x < \\pi"),
                       COEF_TEX=tex(b_l))

    def _notes(self, p: Params, tr, c: _Fourier, ex_ans) -> str:
        """The study notes: the series and its coefficient integrals, the coefficients and partial sums, the shots
        and the exercise."""
        a, b, stages = c.a, c.b, c.stages
        coef_lines = "\n".join(f"- $a_{{{k}}} = {latex(a[k])}$, $b_{{{k}}} = {latex(b[k - 1])}$"
                               for k in range(1, c.count + 1))
        return notes_markdown(NotesSpec(
            self._heading(p, tr, c.user),
            tr(r"A $2\pi$-periodic function is written as $f(x) = \frac{a_0}{2} + \sum_{n\ge 1} (a_n\cos nx + "
               r"b_n \sin nx)$ with $a_n = \frac{1}{\pi}\int_{-\pi}^{\pi} f(x)\cos nx\,dx$ and "
               r"$b_n = \frac{1}{\pi}\int_{-\pi}^{\pi} f(x)\sin nx\,dx$.",
               r"周期为 $2\pi$ 的函数可写成 $f(x) = \frac{a_0}{2} + \sum_{n\ge 1} (a_n\cos nx + b_n \sin nx)$，"
               r"其中 $a_n = \frac{1}{\pi}\int_{-\pi}^{\pi} f(x)\cos nx\,dx$，"
               r"$b_n = \frac{1}{\pi}\int_{-\pi}^{\pi} f(x)\sin nx\,dx$。"),
            tr("Each sine is a pure tone; adding the right amounts of higher harmonics sharpens the shape. "
               "Near a jump the partial sums overshoot by about 9% however many terms you take (Gibbs).",
               "每个正弦是一个纯音；按正确的比例叠加更高次谐波，形状越来越清晰。在跳跃点附近部分和总会超出约 9%（吉布斯现象）。"),
            f"$a_0 = {latex(a[0])}$\n\n" + coef_lines + "\n\n"
            + "\n".join(f"- $S_{{{k}}}(x) = {latex(s)}$" for k, s in zip(stages, c.sums, strict=True)),
            [tr("The periodic function on two periods.", "两个周期内的周期函数。"),
             tr("Its first Fourier coefficients.", "前几个傅里叶系数。"),
             tr("Partial sums " + ", ".join(f"$S_{{{k}}}$" for k in stages) + " replace each other.",
                "部分和 " + ", ".join(f"$S_{{{k}}}$" for k in stages) + " 依次出现。")],
            tr(r"For the square wave, compute $b_3 = \frac{2}{\pi}\int_0^\pi \sin 3x\,dx$.",
               r"对方波计算 $b_3 = \frac{2}{\pi}\int_0^\pi \sin 3x\,dx$。"),
            f"$b_3 = {latex(ex_ans)}$.", zh=p.language == "zh"))

    def _reasoning_lines(self, p: Params, tr, caveats: list[str], c: _Fourier) -> list[str]:
        """The reasoning: a_0 and the b_k, then the three shots."""
        a, b, stages = c.a, c.b, c.stages
        return _reasoning(self, p, tr, caveats,
                          [f"a_0 = {sp.sstr(a[0])}"] + [f"b_{k} = {sp.sstr(b[k - 1])}" for k in range(1, c.count + 1)],
                          [tr("the periodic function", "周期函数"), tr("coefficients", "系数"),
                           tr(f"partial sums S_{stages}", f"部分和 S_{stages}")])


# ---------------------------------------------------------------------------------------------------------------
# geometric series


_TERMS = re.compile(r"(-?\d+(?:\.\d+)?(?:\s*/\s*\d+(?:\^\d+)?)?)\s*\+")


def _ratio(p: Params) -> sp.Expr | None:
    """The ratio of a geometric series from r = ..., or from a term like 1/2^n (term(n+1)/term(n))."""
    if "r" in p.numbers:
        return exact(p.numbers["r"])
    terms = [parse_number(t) for t in _TERMS.findall(p.concept)]
    if len(terms) >= 2 and all(terms) and abs(terms[1] / terms[0]) < 1:
        return exact(terms[1] / terms[0])
    if p.expr is not None and p.expr.free_symbols == {x}:
        q = sp.simplify(p.expr.subs(x, x + 1) / p.expr)
        if q.is_number:
            return q
    return None


def _first_term(p: Params, r) -> sp.Expr:
    """a from a = ..., from a written-out sum "1/2 + 1/4 + ...", or from the term formula at its start."""
    if p.numbers.get("a"):
        return exact(p.numbers["a"])
    terms = _TERMS.findall(p.concept)
    if len(terms) >= 2 and parse_number(terms[0]):
        return exact(parse_number(terms[0]))
    if p.expr is not None and p.expr.free_symbols == {x} and _ratio(p) == r:
        return sp.simplify(p.expr.subs(x, p.numbers.get("start", 1)))
    return sp.Integer(1)


# the geometric-series scene (after its constants): bars a r^k laid end to end along a number line
_GEOMETRIC_LOGIC = '''
        span = HI - LO
        line = NumberLine(x_range=[LO - 0.05 * span, HI + 0.1 * span, span / 4], length=12, include_numbers=False,
                          include_tip=False).shift(DOWN * 2.6)
        ticks = VGroup(*[MathTex(s, font_size=28).next_to(line.n2p(v), DOWN, buff=0.2)
                         for v, s in ((0, "0"), (TOTAL, "S"))])
        target = DashedLine(line.n2p(TOTAL) + UP * 4.4, line.n2p(TOTAL), color=YELLOW)
        series = fit(MathTex(SERIES_TEX), 12.5).next_to(title, DOWN, buff=0.25)
        self.play(Create(line), FadeIn(ticks), run_time=rt(1))
        self.play(Write(series), Create(target), run_time=rt(1.5))
        colors = [BLUE, GREEN, ORANGE, PURPLE, TEAL, PINK, GOLD, RED]
        prev, y0 = 0.0, series.get_bottom()[1] - 0.45
        label = None
        step = (y0 - line.get_center()[1] - 0.4) / len(PARTIALS)
        for i, s in enumerate(PARTIALS):
            y = y0 - i * step
            bar = Line(line.n2p(prev) + UP * (y - line.get_center()[1]), line.n2p(s) + UP * (y - line.get_center()[1]),
                       color=colors[i % len(colors)], stroke_width=10)
            new_label = MathTex(P_TEX[i], font_size=34)
            new_label.move_to([-4.5, line.get_center()[1] + 0.9, 0])
            anims = [Create(bar)] + ([Transform(label, new_label)] if label else [Write(new_label)])
            self.play(*anims, run_time=rt(0.9))
            label = label or new_label
            prev = s
        dot = Dot(line.n2p(PARTIALS[-1]), color=YELLOW)
        self.play(FadeIn(dot), Indicate(series), run_time=rt(1.2))
        self.wait(rt(2))
        '''


@dataclass(frozen=True)
class _Geometric:
    """What a geometric-series lesson computed: the first term a0, the ratio r, the sum and the partial sums."""

    a0: sp.Expr
    r: sp.Expr
    total: sp.Expr
    partials: list[sp.Expr]


@register
class GeometricSeries(Family):
    key = "geometric_series"
    title_en = "The geometric series"
    title_zh = "等比级数"
    description = ("The geometric series a + ar + ar^2 + ...: each term a fixed ratio of the last; for |r| < 1 "
                   "the partial sums converge to a/(1-r), like 1/2 + 1/4 + 1/8 + ... = 1.")
    aliases = ("geometric series", "geometric sum", "geometric progression", "infinite sum of halves",
               "zeno", "common ratio", "等比级数", "等比数列", "几何级数", "公比", "无穷等比")

    def build(self, p: Params) -> Lesson:
        tr, caveats = _tr(p), []
        c = self._series(p, tr, caveats)
        body = _body(self.title(p), self._scene_consts(c), _GEOMETRIC_LOGIC)
        k = sp.Symbol("k", integer=True, nonnegative=True)
        values = {"a": c.a0, "r": c.r, "sum": c.total, "partial_sums": c.partials,
                  "exercise": sp.summation(3 * sp.Rational(1, 3)**k, (k, 0, sp.oo))}
        return _lesson(self, p, _Draft("GeometricSeriesScene", body, self._notes(p, tr, c, values["exercise"]),
                                       self._reasoning_lines(p, tr, caveats, c), values))

    @staticmethod
    def _series(p: Params, tr, caveats: list[str]) -> _Geometric:
        """The user's convergent series (r = 1/2 when r is missing or |r| >= 1, a = 1 when a is unusable), its
        sum and its first eight partial sums."""
        r = _ratio(p)
        if r is None or not r.is_real or abs(r) >= 1 or r == 0:
            if r is not None:
                caveats.append(tr(f"With r = {r} the series does not converge: using r = 1/2.",
                                  f"r = {r} 时级数不收敛：改用 r = 1/2。"))
            r = sp.Rational(1, 2)
        a0 = _first_term(p, r)
        if not is_real_finite(a0) or a0 == 0:
            a0 = sp.Integer(1)
        k = sp.Symbol("k", integer=True, nonnegative=True)
        total = sp.summation(a0 * r**k, (k, 0, sp.oo))
        partials = [sp.summation(a0 * r**k, (k, 0, m)) for m in range(8)]
        return _Geometric(a0, r, total, partials)

    @staticmethod
    def _scene_consts(c: _Geometric) -> str:
        """The scene's constants: the series, its partial sums and the number line's span (0, the sum and every
        partial sum on it)."""
        a0, r, total, partials = c.a0, c.r, c.total, c.partials
        lo = min([0] + [float(s) for s in partials])
        hi = max([float(total)] + [float(s) for s in partials])
        return _consts(A0=py(a0), R=py(r), TOTAL=py(total), PARTIALS=py(partials), LO=py(lo), HI=py(hi),
                       SERIES_TEX=tex(f"\\sum_{{k=0}}^{{\\infty}} {'' if a0 == 1 else latex(a0)}"
                                      f"\\left({latex(r)}\\right)^{{k}} = \\frac{{a}}{{1-r}} = {latex(total)}"),
                       P_TEX="[" + ", ".join(tex(f"S_{{{m + 1}}} = {latex(s)}") for m, s in enumerate(partials)) + "]")

    def _notes(self, p: Params, tr, c: _Geometric, ex_ans) -> str:
        """The study notes: the sum formula and why, the partial sums, the shots and the exercise."""
        count = len(c.partials)
        return notes_markdown(NotesSpec(
            self.title(p),
            tr(r"A geometric series adds $a + ar + ar^2 + \dots$; for $|r| < 1$ its sum is $\frac{a}{1-r}$, "
               r"because $S_n = a\frac{1-r^{n}}{1-r}$ and $r^{n} \to 0$.",
               r"等比级数 $a + ar + ar^2 + \dots$ 在 $|r| < 1$ 时收敛于 $\frac{a}{1-r}$，因为 "
               r"$S_n = a\frac{1-r^{n}}{1-r}$ 且 $r^{n} \to 0$。"),
            tr("Each step covers the same fraction of the distance that is left, so you never pass the target "
               "but get as close as you like.", "每一步都走完剩余距离的固定比例，永远不会越过终点，却能无限接近。"),
            f"$a = {latex(c.a0)}$, $r = {latex(c.r)}$: $\\sum_{{k\\ge 0}} a r^k = {latex(c.total)}$\n\n"
            + "\n".join(f"- $S_{{{m + 1}}} = {latex(s)}$" for m, s in enumerate(c.partials)),
            [tr("A number line with 0 and the sum S marked.", "标出 0 与和 S 的数轴。"),
             tr("The series and its closed form.", "级数及其闭式。"),
             tr(f"Bars of length $ar^k$ for $k = 0..{count - 1}$, each starting where the last ended.",
                f"长度为 $ar^k$ 的线段（$k = 0..{count - 1}$），首尾相接。"),
             tr("The partial sums close in on S.", "部分和逼近 S。")],
            tr(r"Find $3 + 1 + \frac13 + \frac19 + \dots$", r"求 $3 + 1 + \frac13 + \frac19 + \dots$"),
            f"$\\frac{{3}}{{1 - 1/3}} = {latex(ex_ans)}$.", zh=p.language == "zh"))

    def _reasoning_lines(self, p: Params, tr, caveats: list[str], c: _Geometric) -> list[str]:
        """The reasoning: a, r, the sum and the partial sums, then the four shots."""
        return _reasoning(self, p, tr, caveats,
                          [f"a = {c.a0}, r = {c.r}, sum = {c.total}"]
                          + [f"S_{m + 1} = {s}" for m, s in enumerate(c.partials)],
                          [tr("number line", "数轴"), tr("series formula", "级数公式"),
                           tr("bars a r^k stacking towards S", "线段逐段逼近 S"), tr("limit highlighted", "极限高亮")])


# ---------------------------------------------------------------------------------------------------------------
# harmonic series


# the harmonic-series scene (after its constants): bars 1/k above the curve 1/x and its area
_HARMONIC_LOGIC = '''
        ax = make_axes([0, N + 1, max(1, (N + 1) // 6)], [0, 1.2, 0.5], box=(-6.7, 0.6, -3.7, 2.5))
        bars = VGroup(*[Rectangle(width=ax.c2p(1, 0)[0] - ax.c2p(0, 0)[0], height=ax.c2p(0, 1 / k)[1] - ax.c2p(0, 0)[1],
                                  stroke_width=1, stroke_color=WHITE, fill_color=BLUE, fill_opacity=0.6)
                        .move_to(ax.c2p(k, 0), aligned_edge=DL) for k in range(1, N + 1)])
        curve = ax.plot(lambda x: 1 / x, x_range=[0.85, N + 1, 0.02], color=YELLOW, stroke_width=4)
        info = panel([MathTex(SUM_TEX), MathTex(INT_TEX, color=YELLOW), MathTex(LIM_TEX)], box=(1.0, 7.0, -3.8, 2.5))
        self.play(Create(ax), run_time=rt(1))
        self.play(LaggedStart(*[GrowFromEdge(b, DOWN) for b in bars], lag_ratio=0.15), run_time=rt(3))
        self.play(Write(info[0]), run_time=rt(1.5))
        area = ax.get_area(curve, x_range=[1, N + 1], color=YELLOW, opacity=0.35)
        self.play(Create(curve), FadeIn(area), run_time=rt(1.5))
        self.play(Write(info[1]), run_time=rt(1.5))
        self.play(Write(info[2]), run_time=rt(1.5))
        self.wait(rt(2))
        '''


@dataclass(frozen=True)
class _Harmonic:
    """What a harmonic-series lesson computed: n, H_n, the integral's lower bound ln(n+1) and ln n + gamma."""

    n: int
    H: sp.Expr
    ln_bound: sp.Expr
    gamma_est: sp.Expr


@register
class HarmonicSeries(Family):
    key = "harmonic_series"
    title_en = "The harmonic series diverges"
    title_zh = "调和级数发散"
    description = ("The harmonic series 1 + 1/2 + 1/3 + 1/4 + ...: its terms go to zero yet the partial sums H_n "
                   "grow without bound, like ln n; the integral test with the area under 1/x.")
    aliases = ("harmonic series", "harmonic number", "sum of 1/n", "1/n series", "divergent series",
               "integral test", "调和级数", "调和数", "1/n 求和", "发散级数")

    def build(self, p: Params) -> Lesson:
        tr, caveats = _tr(p), []
        c = self._sums(p, tr, caveats)
        body = _body(self.title(p), self._scene_consts(c), _HARMONIC_LOGIC)
        k = sp.Symbol("k", integer=True, positive=True)
        values = {"n": c.n, "H_n": c.H, "ln(n+1)": c.ln_bound, "ln n + gamma": c.gamma_est,
                  "exercise": sp.summation(1 / k, (k, 1, 4))}
        return _lesson(self, p, _Draft("HarmonicSeriesScene", body, self._notes(p, tr, c, values["exercise"]),
                                       self._reasoning_lines(p, tr, caveats, c), values))

    @staticmethod
    def _sums(p: Params, tr, caveats: list[str]) -> _Harmonic:
        """H_n and its bounds for the user's n (10 when its bars would not fit on screen)."""
        n = int(p.numbers.get("n", p.numbers.get("terms", 10)))
        if not 3 <= n <= 40:
            caveats.append(tr(f"n = {n} does not fit on screen: using n = 10.", f"n = {n} 无法完整显示：改用 n = 10。"))
            n = 10
        k = sp.Symbol("k", integer=True, positive=True)
        H = sp.summation(1 / k, (k, 1, n))
        return _Harmonic(n, H, sp.log(n + 1), sp.log(n) + sp.EulerGamma)

    @staticmethod
    def _scene_consts(c: _Harmonic) -> str:
        """The scene's constants: n, H_n, ln(n+1) and the panel's three formulas."""
        n, H, ln_bound = c.n, c.H, c.ln_bound
        return _consts(N=n, H=py(H), LNB=py(ln_bound),
                       SUM_TEX=tex(f"H_{{{n}}} = \\sum_{{k=1}}^{{{n}}} \\frac{{1}}{{k}} = {latex(H)} "
                                   f"\\approx {num(H)}"),
                       INT_TEX=tex(f"H_{{{n}}} > \\int_1^{{{n + 1}}} \\frac{{dx}}{{x}} = \\ln {n + 1} \\approx "
                                   f"{num(ln_bound)}"),
                       LIM_TEX=tex(r"\ln(n+1) \to \infty \ \Rightarrow\ \sum_{k=1}^{\infty} \frac{1}{k} = \infty"))

    def _notes(self, p: Params, tr, c: _Harmonic, ex_ans) -> str:
        """The study notes: divergence and the integral test, H_n against its bounds, the shots, the exercise."""
        n, H = c.n, c.H
        return notes_markdown(NotesSpec(
            self.title(p),
            tr(r"The harmonic series is $\sum_{k=1}^{\infty} \frac{1}{k}$. Its partial sums $H_n$ grow without bound, "
               r"even though the terms tend to 0; in fact $H_n \approx \ln n + \gamma$ with $\gamma \approx 0.5772$.",
               r"调和级数为 $\sum_{k=1}^{\infty} \frac{1}{k}$。虽然各项趋于 0，部分和 $H_n$ 却无界增长；"
               r"实际上 $H_n \approx \ln n + \gamma$，$\gamma \approx 0.5772$。"),
            tr("Each bar 1/k stands above the curve 1/x on [k, k+1], so the bars hold more area than the curve; "
               "the curve's area ln(n+1) is unbounded.",
               "每个高为 1/k 的矩形都盖住 [k, k+1] 上曲线 1/x 下方的面积，而曲线下面积 ln(n+1) 无界。"),
            f"$$H_{{{n}}} = {latex(H)} \\approx {num(H, 6)}, \\qquad \\ln {n + 1} \\approx {num(c.ln_bound, 6)}, "
            f"\\qquad \\ln {n} + \\gamma \\approx {num(c.gamma_est, 6)}$$",
            [tr(f"Bars of height $1/k$ for $k = 1..{n}$.", f"高为 $1/k$ 的矩形，$k = 1..{n}$。"),
             tr(f"The partial sum $H_{{{n}}}$.", f"部分和 $H_{{{n}}}$。"),
             tr("The curve $1/x$ and its area from 1 to n+1 under the bars.", "曲线 $1/x$ 及其从 1 到 n+1 的面积。"),
             tr("The comparison with $\\ln(n+1)$ and divergence.", "与 $\\ln(n+1)$ 比较，得出发散。")],
            tr(r"Compute $H_4 = 1 + \frac12 + \frac13 + \frac14$.", r"计算 $H_4 = 1 + \frac12 + \frac13 + \frac14$。"),
            f"$H_4 = {latex(ex_ans)}$.", zh=p.language == "zh"))

    def _reasoning_lines(self, p: Params, tr, caveats: list[str], c: _Harmonic) -> list[str]:
        """The reasoning: H_n, ln(n+1) and ln n + gamma, then the four shots."""
        n, H = c.n, c.H
        return _reasoning(self, p, tr, caveats,
                          [f"H_{n} = {H} ≈ {num(H, 6)}", f"ln({n + 1}) ≈ {num(c.ln_bound, 6)}",
                           f"ln {n} + γ ≈ {num(c.gamma_est, 6)}"],
                          [tr("bars 1/k", "矩形 1/k"), tr("partial sum", "部分和"),
                           tr("curve 1/x and its area", "曲线 1/x 及面积"), tr("divergence", "发散")])


# ---------------------------------------------------------------------------------------------------------------
# exponential growth


DECAY = re.compile(r"deca|decreas|half[- ]?life|衰|减少", re.I)


def _rate(p: Params) -> sp.Expr:
    """k in dy/dt = k y: named, from an equation or a formula, else 1/2; negative when the request says decay
    ("exponential decay with k = 0.3" is y' = −0.3 y)."""
    k = _rate_given(p)
    return -k if k > 0 and DECAY.search(p.concept) else k


def _rate_given(p: Params) -> sp.Expr:
    for name in ("k", "r", "rate", "lambda", *(("p",) if "%" in p.concept else ())):  # "growth 3%": p = 0.03
        v = p.numbers.get(name)
        if v is not None and v != 0 and abs(v) <= 5:
            return exact(v)
    if p.equation is not None:
        q = sp.simplify(p.equation.rhs / y)
        if q.is_number and q != 0 and abs(q) <= 5:
            return q
    if p.expr is not None and p.expr.free_symbols == {x}:
        k = sp.simplify(sp.diff(p.expr, x) / p.expr)
        if k.is_number and k != 0 and abs(k) <= 5:
            return k
    return sp.Rational(1, 2)


# the exponential scene (after its constants): the solution, slope segments, doubling-time marks
_EXPONENTIAL_LOGIC = '''
        ax = make_axes(XR, YR)
        labels = ax.get_axis_labels(MathTex("t", font_size=30), MathTex("y", font_size=30))
        info = panel([MathTex(ODE_TEX), MathTex(SOL_TEX, color=BLUE), MathTex(T2_TEX, color=YELLOW)])
        self.play(Create(ax), FadeIn(labels), run_time=rt(1.2))
        self.play(Write(info[0]), run_time=rt(1.5))
        f = lambda t: Y0 * np.exp(K * t)
        curve = ax.plot(f, x_range=[0, T, T / 200], color=BLUE, stroke_width=5)
        self.play(Create(curve), Write(info[1]), run_time=rt(2.5))
        ticks = VGroup()
        for t in np.linspace(0, T, 6):
            d = ax.c2p(t + 1, f(t) + K * f(t)) - ax.c2p(t, f(t))
            d = d / np.linalg.norm(d)
            ticks.add(Line(ax.c2p(t, f(t)) - 0.45 * d, ax.c2p(t, f(t)) + 0.45 * d, color=ORANGE, stroke_width=4))
        self.play(LaggedStart(*[Create(m) for m in ticks], lag_ratio=0.2), run_time=rt(2))
        dots = VGroup(*[Dot(ax.c2p(t, v), color=YELLOW) for t, v in zip(MARKS, YS)])
        guides = VGroup(*[ax.get_vertical_line(ax.c2p(t, v), color=YELLOW, stroke_width=2) for t, v in zip(MARKS, YS)])
        self.play(FadeIn(dots), Create(guides), Write(info[2]), run_time=rt(2))
        self.wait(rt(2))
        '''


@dataclass(frozen=True)
class _Growth:
    """What an exponential-growth lesson computed: the rate k, y(0), the solution y(t), the doubling time (the
    half-life when k < 0) T2, and the solution at t = 0, T2, 2 T2, 3 T2."""

    k: sp.Expr
    y0: sp.Expr
    sol: sp.Expr
    T2: sp.Expr
    marks: list[sp.Expr]
    ys: list[sp.Expr]


@register
class ExponentialGrowth(Family):
    key = "exponential_growth"
    title_en = "Exponential growth: dy/dt = ky"
    title_zh = "指数增长：dy/dt = ky"
    description = ("Exponential growth and decay: a quantity whose rate of change is proportional to its size, "
                   "dy/dt = k y, solved by y = y0 e^{kt}; doubling time and half-life, compound interest, population.")
    aliases = ("exponential growth", "exponential decay", "dy/dt = ky", "doubling time", "half-life", "half life",
               "compound interest", "population growth", "e^x", "exponential function", "radioactive decay",
               "指数增长", "指数衰减", "倍增时间", "半衰期", "复利", "人口增长", "指数函数")

    def build(self, p: Params) -> Lesson:
        tr, caveats = _tr(p), []
        c = self._growth(p)
        body = _body(self.title(p), self._scene_consts(c), _EXPONENTIAL_LOGIC)
        values = {"k": c.k, "y0": c.y0, "solution": c.sol, "doubling_time" if c.k > 0 else "half_life": c.T2,
                  "marks": c.marks, "y_at_marks": c.ys, "exercise": sp.simplify(sp.log(2) / sp.Rational(1, 10))}
        return _lesson(self, p, _Draft("ExponentialGrowthScene", body, self._notes(p, tr, c, values["exercise"]),
                                       self._reasoning_lines(p, tr, caveats, c), values))

    @staticmethod
    def _growth(p: Params) -> _Growth:
        """dy/dt = k y solved with sympy for the user's rate and y(0) (1 when it is not in (0, 10^6)), and its
        values one doubling time (or half-life) apart."""
        k = _rate(p)
        y0v = p.numbers.get("y0", p.numbers.get("a", 1))
        y0 = exact(y0v) if y0v and 0 < y0v < 1e6 else sp.Integer(1)
        tt, Y = sp.Symbol("t"), sp.Function("y")
        sol = sp.dsolve(sp.Eq(Y(tt).diff(tt), k * Y(tt)), Y(tt), ics={Y(0): y0}).rhs
        T2 = sp.log(2) / abs(k)
        marks = [sp.Integer(0), T2, 2 * T2, 3 * T2]
        return _Growth(k, y0, sol, T2, marks, [sp.simplify(sol.subs(tt, m)) for m in marks])

    @staticmethod
    def _scene_consts(c: _Growth) -> str:
        """The scene's constants: k, y0, the marks, a window over three doubling times and the panel's formulas."""
        k, T2 = c.k, c.T2
        T = float(3 * T2)
        ymax = float(max(c.ys))
        return _consts(K=py(k), Y0=py(c.y0), T=py(T), MARKS=py(c.marks), YS=py(c.ys),
                       XR=py([0, _r(T * 1.05), nice_step(T * 1.05, 6)]),
                       YR=py([0, _r(ymax * 1.15), nice_step(ymax * 1.15, 5)]),
                       ODE_TEX=tex(f"\\frac{{dy}}{{dt}} = {latex(k)}\\,y, \\quad y(0) = {latex(c.y0)}"),
                       SOL_TEX=tex(f"y(t) = {latex(c.sol)}"),
                       T2_TEX=tex((r"T_{2} = " if k > 0 else r"T_{1/2} = ") + f"\\frac{{\\ln 2}}{{{latex(abs(k))}}}"
                                  f" \\approx {num(T2)}"))

    @staticmethod
    def _word(tr, c: _Growth) -> str:
        """The name of T2: the doubling time for growth, the half-life for decay."""
        return tr("doubling time", "倍增时间") if c.k > 0 else tr("half-life", "半衰期")

    def _notes(self, p: Params, tr, c: _Growth, ex_ans) -> str:
        """The study notes: the equation and its solution, the values one doubling time apart, the shots and the
        exercise."""
        k, y0, sol, T2, ys, word = c.k, c.y0, c.sol, c.T2, c.ys, self._word(tr, c)
        return notes_markdown(NotesSpec(
            self.title(p),
            tr(r"A quantity grows exponentially when its rate of change is proportional to its size: "
               r"$\frac{dy}{dt} = ky$. The solution is $y(t) = y_0 e^{kt}$ (growth for $k > 0$, decay for $k < 0$).",
               r"若变化率与自身大小成正比，即 $\frac{dy}{dt} = ky$，则为指数变化，解为 $y(t) = y_0 e^{kt}$"
               r"（$k > 0$ 增长，$k < 0$ 衰减）。"),
            tr("The bigger it is, the faster it grows: the tangent slopes get steeper in proportion to the height, "
               "so equal time steps multiply y by the same factor.",
               "越大增长越快：切线斜率与高度成正比，因此相等的时间间隔让 y 乘以相同的倍数。"),
            f"$$\\frac{{dy}}{{dt}} = {latex(k)}\\,y,\\ y(0) = {latex(y0)} \\;\\Rightarrow\\; y(t) = {latex(sol)}$$\n\n"
            + tr(f"The {word} is $\\frac{{\\ln 2}}{{{latex(abs(k))}}} \\approx {num(T2)}$; at $t = 0, T, 2T, 3T$ "
                 f"the values are " + ", ".join(f"${latex(v)}$" for v in ys) + ".",
                 f"{word}为 $\\frac{{\\ln 2}}{{{latex(abs(k))}}} \\approx {num(T2)}$；在 $t = 0, T, 2T, 3T$ 时取值 "
                 + ", ".join(f"${latex(v)}$" for v in ys) + "。"),
            [tr("Axes for t and y, and the differential equation.", "t、y 坐标轴与微分方程。"),
             tr(f"The solution curve $y = {latex(sol)}$.", f"解曲线 $y = {latex(sol)}$。"),
             tr("Tangent segments: slope proportional to height.", "切线段：斜率与高度成正比。"),
             tr(f"Points one {word} apart: the value doubles (halves) each time.", f"间隔一个{word}的点：每次翻倍（减半）。")],
            tr(r"A population grows with $k = 0.1$ per year. How long until it doubles?",
               r"某人口以 $k = 0.1$（每年）增长，多久翻倍？"),
            f"$T = \\frac{{\\ln 2}}{{0.1}} = {latex(ex_ans)} \\approx {num(ex_ans)}$.", zh=p.language == "zh"))

    def _reasoning_lines(self, p: Params, tr, caveats: list[str], c: _Growth) -> list[str]:
        """The reasoning: k and y0, the solution and the doubling time, then the four shots."""
        k, word = c.k, self._word(tr, c)
        return _reasoning(self, p, tr, caveats,
                          [f"k = {k}, y0 = {c.y0}", f"y(t) = {sp.sstr(c.sol)}", f"{word} = ln2/{abs(k)} ≈ {num(c.T2)}"],
                          [tr("axes and ODE", "坐标轴与方程"), tr("solution curve", "解曲线"),
                           tr("slope segments", "斜率线段"), tr(f"{word} marks", f"{word}标记")])


# ---------------------------------------------------------------------------------------------------------------
# slope field


def rk4_path(f, x0: float, y0: float, x1: float, steps: int = 200, bound: float = 50.0) -> list[list[float]]:
    """Points of the solution of y' = f(x, y) from (x0, y0) to x1 (RK4), stopping if it leaves |y| < bound."""
    h, pts, xv, yv = (x1 - x0) / steps, [[x0, y0]], x0, y0
    for _ in range(steps):
        k1 = f(xv, yv)
        k2 = f(xv + h / 2, yv + h * k1 / 2)
        k3 = f(xv + h / 2, yv + h * k2 / 2)
        k4 = f(xv + h, yv + h * k3)
        yv, xv = yv + h * (k1 + 2 * k2 + 2 * k3 + k4) / 6, xv + h
        if not math.isfinite(yv) or abs(yv) > bound:
            break
        pts.append([_r(xv), _r(yv)])
    return pts


def _safe_slope(rhs: sp.Expr):
    """rhs as a float function of (x, y): nan where it is undefined (a division by zero, a log of a negative)."""
    fnum = sp.lambdify((x, y), rhs, "math")

    def safe(xv, yv):
        try:
            v = float(fnum(xv, yv))
        except (ValueError, ZeroDivisionError, OverflowError, TypeError):
            return float("nan")
        return v

    return safe


# the slope-field scene (after its constants): the field on a grid, then the solution through (0, y0)
_SLOPE_FIELD_LOGIC = '''
        ax = Axes(x_range=[-4, 4, 1], y_range=[-3, 3, 1], x_length=8.4, y_length=6.3, tips=False,
                  axis_config={"include_numbers": True, "font_size": 20, "stroke_width": 2})
        ax.move_to([-2.4, -0.45, 0])
        info = panel([MathTex(ODE_TEX), MathTex(IC_TEX), MathTex(SOL_TEX, color=YELLOW)], box=(2.4, 7.0, -3.8, 2.6))
        self.play(Create(ax), Write(info[0]), run_time=rt(1.5))
        segs = VGroup()
        for gx, gy, s in GRID:
            d = np.array([1.0, s, 0.0])
            d = ax.c2p(gx + d[0], gy + d[1]) - ax.c2p(gx, gy)
            d = 0.17 * d / np.linalg.norm(d)
            c = interpolate_color(BLUE, RED, min(1.0, abs(s) / 3))
            segs.add(Line(ax.c2p(gx, gy) - d, ax.c2p(gx, gy) + d, color=c, stroke_width=3))
        self.play(LaggedStart(*[Create(m) for m in segs], lag_ratio=0.01), run_time=rt(3))
        start = Dot(ax.c2p(0, Y0), color=YELLOW)
        self.play(FadeIn(start, scale=2), Write(info[1]), run_time=rt(1))
        curve = VMobject(color=YELLOW, stroke_width=5).set_points_smoothly([ax.c2p(a, b) for a, b in PATH])
        self.play(Create(curve), run_time=rt(3))
        self.play(Write(info[2]), run_time=rt(1.5))
        self.wait(rt(2))
        '''


@dataclass(frozen=True)
class _Field:
    """What a slope-field lesson computed: dy/dx = rhs, y(0), the solution's points (RK4) and its closed form
    (None when sympy finds none), and the grid of (x, y, slope)."""

    rhs: sp.Expr
    y0: sp.Expr
    path: list[list[float]]
    sol: sp.Expr | None
    grid: list[list[float]]


@register
class SlopeField(Family):
    key = "slope_field"
    title_en = "Slope field of a differential equation"
    title_zh = "微分方程的斜率场（方向场）"
    description = ("A slope field (direction field) of a first-order differential equation dy/dx = f(x, y): short "
                   "segments with the prescribed slope everywhere, and a solution curve that follows them.")
    aliases = ("slope field", "direction field", "differential equation", "ode", "dy/dx =", "first order ode",
               "euler method", "solution curve", "initial value problem", "斜率场", "方向场", "微分方程",
               "常微分方程", "初值问题", "积分曲线")

    def build(self, p: Params) -> Lesson:
        tr, caveats = _tr(p), []
        c = self._field(p, tr, caveats)
        body = _body(self.title(p), self._scene_consts(c), _SLOPE_FIELD_LOGIC)
        Yf = sp.Function("Y")
        ex_sol = sp.dsolve(sp.Eq(Yf(x).diff(x), 2 * x), Yf(x), ics={Yf(0): 1}).rhs
        values = {"rhs": c.rhs, "y0": c.y0, "solution": c.sol, "path_points": len(c.path), "exercise": ex_sol}
        return _lesson(self, p, _Draft("SlopeFieldScene", body, self._notes(p, tr, c, ex_sol),
                                       self._reasoning_lines(p, tr, caveats, c), values))

    @staticmethod
    def _rhs(p: Params, tr, caveats: list[str]) -> sp.Expr:
        """f(x, y) of the user's dy/dx = f(x, y) (or of a bare formula in x and y); x - y when there is none or it
        has other symbols."""
        rhs = p.equation.rhs if p.equation is not None and isinstance(p.equation.lhs, sp.Derivative) else None
        if rhs is None or not rhs.free_symbols <= {x, y}:
            if rhs is not None:
                caveats.append(tr("The equation has unknown constants: using dy/dx = x - y.",
                                  "方程含未知常数：改用 dy/dx = x - y。"))
            elif p.expr is not None and p.expr.free_symbols <= {x, y} and p.expr.free_symbols:
                rhs = p.expr
            rhs = rhs if rhs is not None and rhs.free_symbols <= {x, y} else x - y
        return rhs

    def _field(self, p: Params, tr, caveats: list[str]) -> _Field:
        """The solution through (0, y0) (y0 = 1 when |y0| > 3) on [-4, 4] while it stays on screen, its closed
        form when sympy finds one, and the finite slopes on a grid of step 0.5."""
        rhs = self._rhs(p, tr, caveats)
        y0v = p.numbers.get("y0", 1.0)
        y0 = exact(y0v) if abs(y0v) <= 3 else sp.Integer(1)
        safe = _safe_slope(rhs)
        path = rk4_path(safe, 0.0, float(y0), 4.0)[::-1] + rk4_path(safe, 0.0, float(y0), -4.0)[1:]
        path = [q for q in path if abs(q[1]) <= 3.2] or [[0.0, float(y0)]]
        Yf = sp.Function("Y")
        try:
            sol = sp.dsolve(sp.Eq(Yf(x).diff(x), rhs.subs(y, Yf(x))), Yf(x), ics={Yf(0): y0}).rhs
        except Exception:  # noqa: BLE001 - no closed form: the curve is numerical only
            sol = None
        grid = [[xv, yv, safe(xv, yv)] for xv in np.arange(-4, 4.01, 0.5) for yv in np.arange(-3, 3.01, 0.5)]
        grid = [[_r(a), _r(b), _r(s)] for a, b, s in grid if math.isfinite(s)]
        return _Field(rhs, y0, path, sol, grid)

    @staticmethod
    def _scene_consts(c: _Field) -> str:
        """The scene's constants: the grid, the solution's points, y0 and the panel's formulas."""
        return _consts(GRID=py(c.grid), PATH=py(c.path), Y0=py(c.y0),
                       ODE_TEX=tex(f"\\frac{{dy}}{{dx}} = {latex(c.rhs)}"),
                       IC_TEX=tex(f"y(0) = {latex(c.y0)}"),
                       SOL_TEX=tex(f"y = {latex(c.sol)}" if c.sol is not None else r"\text{(numerical solution)}"))

    def _notes(self, p: Params, tr, c: _Field, ex_sol) -> str:
        """The study notes: slope fields and solutions, the problem and its solution, the shots and the exercise."""
        rhs, y0, sol = c.rhs, c.y0, c.sol
        return notes_markdown(NotesSpec(
            self.title(p),
            tr(r"A first-order equation $\frac{dy}{dx} = f(x, y)$ prescribes a slope at every point. Drawing short "
               r"segments with those slopes gives the slope field; solutions are curves tangent to it everywhere.",
               r"一阶方程 $\frac{dy}{dx} = f(x, y)$ 在每一点规定了斜率。按这些斜率画出的短线段构成斜率场；解曲线处处与之相切。"),
            tr("Drop a particle at the initial point and let it follow the little arrows: its track is the solution.",
               "把一个粒子放在初始点，让它顺着小线段走，它的轨迹就是解。"),
            f"$$\\frac{{dy}}{{dx}} = {latex(rhs)}, \\quad y(0) = {latex(y0)}$$\n\n"
            + (f"$$y(x) = {latex(sol)}$$" if sol is not None else
               tr("No closed form: the curve is computed numerically (RK4).", "无闭式解：曲线由 RK4 数值计算。")),
            [tr("Axes and the equation.", "坐标轴与方程。"),
             tr("Slope segments on a grid (red = steep).", "网格上的斜率线段（红色表示陡）。"),
             tr(f"The initial point $(0, {latex(y0)})$.", f"初始点 $(0, {latex(y0)})$。"),
             tr("The solution curve through it, following the field.", "经过该点、顺着斜率场的解曲线。")],
            tr(r"Solve $\frac{dy}{dx} = 2x$ with $y(0) = 1$.", r"解 $\frac{dy}{dx} = 2x$，$y(0) = 1$。"),
            f"$y = {latex(ex_sol)}$.", zh=p.language == "zh"))

    def _reasoning_lines(self, p: Params, tr, caveats: list[str], c: _Field) -> list[str]:
        """The reasoning: the problem, the solution and the number of segments, then the four shots."""
        return _reasoning(self, p, tr, caveats,
                          [f"dy/dx = {sp.sstr(c.rhs)}, y(0) = {c.y0}",
                           f"solution: {sp.sstr(c.sol) if c.sol is not None else 'numerical (RK4)'}",
                           f"{len(c.grid)} slope segments"],
                          [tr("axes and equation", "坐标轴与方程"), tr("slope segments", "斜率线段"),
                           tr("initial point", "初始点"), tr("solution curve", "解曲线")])


# ---------------------------------------------------------------------------------------------------------------
# the general formula explainer (also the fallback for unknown concepts)


def _real_roots(f: sp.Expr, lo: float, hi: float) -> list[sp.Expr]:
    """Real zeros of f inside [lo, hi] (exact where sympy finds them, at most six)."""
    try:
        sols = sp.solveset(f, x, sp.Interval(lo, hi))
        roots = list(sols)[:6] if isinstance(sols, sp.FiniteSet) else []
    except Exception:  # noqa: BLE001 - solveset gives up on some transcendental equations
        roots = []
    return [r for r in roots if is_real_finite(r)]


def short_title(concept: str, limit: int = 48) -> str:
    text = " ".join(concept.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# the formula scene (after its constants): what was recognised, then the graph and the panel line by line
_FORMULA_LOGIC = '''
        notes = VGroup(*[Text(s, font_size=22, color=GREY_B) for s in SAID]).arrange(DOWN, aligned_edge=LEFT)
        if SAID:
            fit(notes, 12.5, 1.2).to_edge(DOWN, buff=0.3)
            self.play(FadeIn(notes), run_time=rt(1))
        bottom = notes.get_top()[1] + 0.2 if SAID else -3.8
        eqs = [MathTex(s) for s in LINES]
        if PLOT:
            ax = make_axes(XR, YR, box=(-6.7, 0.4, bottom, 2.5))
            graph = plot_segments(ax, F, SEGS)
            info = panel(eqs, box=(1.0, 7.0, bottom, 2.6))
            self.play(Create(ax), run_time=rt(1.2))
            self.play(Create(graph), Write(info[0]), run_time=rt(2))
            for m in info[1:]:
                self.play(Write(m), run_time=rt(1.2))
            if ZEROS:
                self.play(LaggedStart(*[FadeIn(Dot(ax.c2p(z, 0), color=YELLOW), scale=2) for z in ZEROS],
                                      lag_ratio=0.3), run_time=rt(1.2))
        elif eqs:
            group = fit(VGroup(*eqs).arrange(DOWN, buff=0.4), 12.5, max(1.0, title.get_bottom()[1] - bottom - 0.6))
            group.move_to([0, (title.get_bottom()[1] + bottom) / 2, 0])
            for m in group:
                self.play(Write(m), run_time=rt(1.5))
        else:
            q = Text("?", font_size=120, color=BLUE).move_to([0, (title.get_bottom()[1] + bottom) / 2, 0])
            self.play(FadeIn(q, scale=0.5), run_time=rt(1.5))
        self.wait(rt(2.5))
        '''


@dataclass(frozen=True)
class _Explained:
    """What the formula explainer computed: the formula (None when there is none), whether it is plotted (a
    function of x alone), the values computed from it, the panel's lines and the plotting window (None when
    not plotted)."""

    f: sp.Expr | None
    plot: bool
    values: dict
    lines: list[str]
    w: dict | None


@register
class Formula(Family):
    key = "formula"
    title_en = "Formula explainer"
    title_zh = "公式讲解"
    description = ("A general formula explainer for any expression or function: plot it, simplify, factor, "
                   "differentiate, integrate and find its zeros.")
    aliases = ("formula", "expression", "function", "plot", "graph of", "simplify", "factor", "what is", "explain",
               "公式", "表达式", "函数图像", "画出", "化简", "因式分解")

    def build(self, p: Params) -> Lesson:
        tr = _tr(p)
        caveats = list(p.notes)
        title = short_title(p.concept)
        c = self._explain(p)
        body = _body(title, self._scene_consts(c, caveats), _FORMULA_LOGIC)
        ex_f, exercise, answer = self._exercise(tr, c)
        c.values["exercise"] = ex_f  # last: the reasoning lists every value before it
        return Lesson(family=self.key, title=title, scene_name="FormulaScene",
                      code=scene_module("FormulaScene", body, helpers=SCENE_HELPERS),
                      notes_md=self._notes(p, tr, c, caveats, (exercise, answer)),
                      reasoning=self._reasoning_lines(tr, title, caveats, c), values=c.values)

    @staticmethod
    def _forms(f: sp.Expr | None, plot: bool) -> tuple[dict, list[str]]:
        """f's simplified, expanded and factored forms, and the panel's first lines: f, then the first of those
        forms that differs from it and is short enough to read."""
        if f is None:
            return {}, []
        values = {"f": f, "simplified": sp.simplify(f), "expanded": sp.expand(f), "factored": sp.factor(f)}
        lines = [f"f(x) = {latex(f)}" if plot else latex(f)]
        for name in ("expanded", "factored", "simplified"):
            if values[name] != f and latex(values[name]) not in lines[-1] and len(latex(values[name])) < 90:
                lines.append(f"= {latex(values[name])}")
                break
        return values, lines

    @staticmethod
    def _analyse(f: sp.Expr, values: dict, lines: list[str]) -> dict:
        """Adds the derivative, the antiderivative (when sympy finds one) and the real zeros in the plotted
        window to `values` and to the panel's `lines`; returns the window."""
        values["derivative"] = sp.simplify(sp.diff(f, x))
        anti = sp.integrate(f, x)
        if not anti.has(sp.Integral):
            values["antiderivative"] = anti
        w = window(f, (-5.0, 5.0))
        values["zeros"] = _real_roots(f, w["xr"][0], w["xr"][1])
        lines.append(f"f'(x) = {latex(values['derivative'])}")
        if "antiderivative" in values:
            lines.append(f"\\int f\\,dx = {latex(anti)} + C")
        if values["zeros"]:
            lines.append("f(x) = 0:\\ x = " + ",\\ ".join(latex(r) for r in values["zeros"]))
        return w

    def _explain(self, p: Params) -> _Explained:
        """Everything computed from the user's formula (a function of x is also plotted and analysed)."""
        f = p.expr
        plot = f is not None and f.free_symbols == {x}
        values, lines = self._forms(f, plot)
        w = self._analyse(f, values, lines) if plot else None
        return _Explained(f, plot, values, lines, w)

    @staticmethod
    def _scene_consts(c: _Explained, caveats: list[str]) -> str:
        """The scene's constants: the first three things said about the input (shortened), the panel's lines,
        and the curve, its window and its zeros when plotted."""
        w = c.w
        said = [s if len(s) <= 90 else s[:89] + "…" for s in caveats if s][:3]
        return _consts(PLOT=py(c.plot), LINES="[" + ", ".join(tex(s) for s in c.lines) + "]",
                       SAID=repr(said), F=npcode(c.f) if c.plot else "None",
                       XR=py(w["xr"] if w else []), YR=py(w["yr"] if w else []), SEGS=py(w["segs"] if w else []),
                       ZEROS=py([float(r) for r in c.values.get("zeros", [])]))

    @staticmethod
    def _exercise(tr, c: _Explained) -> tuple[sp.Expr, str, str]:
        """(answer value, exercise, answer text): differentiate f when it is plotted, else factor a quadratic."""
        if c.plot:
            ex_f = sp.diff(c.f, x)
            exercise = tr(f"Differentiate $f(x) = {latex(c.f)}$.", f"求 $f(x) = {latex(c.f)}$ 的导数。")
            answer = f"$f'(x) = {latex(c.values['derivative'])}$."
        else:
            ex_f = sp.factor(x**2 - 5 * x + 6)
            exercise = tr("Factor $x^2 - 5x + 6$.", "因式分解 $x^2 - 5x + 6$。")
            answer = f"${latex(ex_f)}$."
        return ex_f, exercise, answer

    @staticmethod
    def _notes(p: Params, tr, c: _Explained, caveats: list[str], ex: tuple[str, str]) -> str:
        """The study notes: what was recognised, the computed lines, the shots, and the exercise `ex`."""
        found = "\n".join(f"- {s}" for s in caveats) or tr("- nothing beyond the words themselves",
                                                         "- 除文字本身外未识别出其他内容")
        worked = "\n\n".join(f"$${s}$$" for s in c.lines) if c.lines else tr("No formula was found in the text.",
                                                                             "文本中没有找到公式。")
        return notes_markdown(NotesSpec(
            short_title(p.concept),
            tr(f"You asked about: *{p.concept}*. What the engine recognised:\n\n{found}",
               f"你的问题：*{p.concept}*。引擎识别到的内容：\n\n{found}"),
            tr("A formula becomes clearer when you look at it several ways: its graph, a simpler equivalent form, "
               "how fast it changes (derivative) and where it is zero.",
               "从多个角度看公式会更清楚：它的图像、更简单的等价形式、变化快慢（导数）以及零点。"),
            worked,
            [tr("What was recognised (at the bottom).", "识别结果（底部）。")]
            + ([tr("Axes and the graph of $f$.", "坐标轴与 $f$ 的图像。")] if c.plot else [])
            + [tr("The formula and what sympy computed from it, line by line.", "公式及 sympy 的计算结果，逐行出现。")]
            + ([tr("Its real zeros marked on the x-axis.", "在 x 轴上标出实零点。")] if c.values.get("zeros") else []),
            ex[0], ex[1], zh=p.language == "zh"))

    @staticmethod
    def _reasoning_lines(tr, title: str, caveats: list[str], c: _Explained) -> list[str]:
        """The reasoning: the explainer's choice, what was recognised, every computed value, then the two shots."""
        computed = [f"{k}: {sp.sstr(v)}" for k, v in c.values.items() if k != "exercise"] or [
            tr("nothing to compute: no formula found", "无可计算内容：未找到公式")]
        reasoning = [tr(f"Treating \"{title}\" with the general formula explainer.", f"用通用公式讲解处理“{title}”。")]
        reasoning += caveats + [tr("Computed with sympy: ", "sympy 计算：") + s for s in computed]
        reasoning += [tr("Shot 1: the title and what was recognised", "镜头 1：标题与识别结果"),
                      tr("Shot 2: the formula, its graph and computed forms", "镜头 2：公式、图像与计算结果")]
        return reasoning
