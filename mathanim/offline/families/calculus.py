"""Calculus, series and ODE families of the offline engine, plus the general formula explainer.

derivative, integral, limit, taylor, chain_rule, fourier_series, geometric_series, harmonic_series,
exponential_growth, slope_field, formula.

Each family computes with sympy first, then emits a scene whose constants are those computed values (as Python
literals) followed by fixed scene logic, and notes filled from the same values. The scenes share one layout: the
title on top, a graph on the left and a formula panel on the right (`panel()` scales it into its box).
"""

from __future__ import annotations

import math
import textwrap

import numpy as np
import sympy as sp
from sympy.printing.numpy import NumPyPrinter

from ..base import Family, Lesson, Params, register
from ..common import FIT_HELPER, latex, notes_markdown, num, py, scene_module, tex, title_code, x

# ---------------------------------------------------------------------------------------------------------------
# Code emitted into every scene of this module

SCENE_HELPERS = FIT_HELPER + '''
RT = 1.0  # run-time scale of every animation: 1 for the lesson (tests may shorten it)


def rt(seconds):
    """A run time (or wait) scaled by RT."""
    return seconds * RT


def make_axes(xr, yr, box=(-6.7, 0.4, -3.7, 2.5)):
    """Axes for x_range xr and y_range yr filling box = (x0, x1, y0, y1), with small tick numbers."""
    ax = Axes(x_range=xr, y_range=yr, x_length=box[1] - box[0], y_length=box[3] - box[2], tips=False,
              axis_config={"include_numbers": True, "font_size": 20, "stroke_width": 2})
    ax.move_to([(box[0] + box[1]) / 2, (box[2] + box[3]) / 2, 0])
    return ax


def plot_segments(ax, f, segments, color=BLUE, width=4):
    """The graph of f over each continuous segment (a pole or a gap splits the curve)."""
    return VGroup(*[ax.plot(f, x_range=[a, b, (b - a) / 160], color=color, stroke_width=width)
                    for a, b in segments])


def panel(items, box=(1.0, 7.0, -3.8, 2.6), buff=0.3):
    """Arrange items top-down inside box = (x0, x1, y0, y1), scaled down to fit."""
    group = VGroup(*items).arrange(DOWN, aligned_edge=LEFT, buff=buff)
    fit(group, box[1] - box[0] - 0.2, box[3] - box[2] - 0.2)
    group.move_to([(box[0] + box[1]) / 2, box[3] - 0.1 - group.height / 2, 0])
    return group
'''

GRAPH_BOX = (-6.7, 0.4, -3.7, 2.5)


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


def _lesson(fam: Family, p: Params, scene: str, body: str, notes: str, reasoning, values,
            base: str = "Scene") -> Lesson:
    code = scene_module(scene, body, base=base, helpers=SCENE_HELPERS)
    return Lesson(family=fam.key, title=fam.title(p), scene_name=scene, code=code, notes_md=notes,
                  reasoning=reasoning, values=values)


def _body(title: str, consts: str, logic: str) -> str:
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
    """The user's point (exact), or `default` when missing or where `ok(point)` is false."""
    if p.point is not None and math.isfinite(p.point):
        a = exact(p.point)
        if ok(a):
            return a
        caveats.append(tr(f"The point {num(a)} is not usable here: using {num(default)}.",
                          f"点 {num(a)} 在此不可用：改用 {num(default)}。"))
    return sp.sympify(default)


def _xrange_around(a: float, half: float = 4.0) -> tuple[float, float]:
    """A plotting interval of width 2*half around a, shifted to start at 0 when a is near the origin."""
    lo, hi = a - half, a + half
    return (round(lo, 3), round(hi, 3))


def _seg_of(segs, a: float):
    return next((s for s in segs if s[0] <= a <= s[1]), None)


# ---------------------------------------------------------------------------------------------------------------
# derivative


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
        title = self.title(p)
        consts = _consts(F=npcode(f), A=py(a), FA=py(fa), SLOPE=py(slope), H0=py(h0), XR=py(w["xr"]),
                         YR=py(w["yr"]), SEGS=py(w["segs"]), F_TEX=tex(f"f(x) = {latex(f)}"),
                         DF_TEX=tex(f"f'(x) = {latex(df)}"),
                         VAL_TEX=tex(f"f'({latex(a)}) = {latex(slope)}" + approx(slope)),
                         SEC_LABEL=tex(r"\frac{f(a+h)-f(a)}{h} ="))
        logic = '''
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
        sec_row[1].add_updater(lambda m: m.set_value(sec_slope()))
        self.play(FadeIn(P, scale=2), run_time=rt(0.8))
        self.play(Create(secant), FadeIn(Q), FadeIn(sec_row), run_time=rt(1.2))
        self.play(h.animate.set_value(H0 / 100), run_time=rt(4), rate_func=smooth)
        sec_row[1].clear_updaters()
        tangent = line_through(SLOPE, YELLOW)
        self.play(ReplacementTransform(secant, tangent), FadeOut(Q), run_time=rt(1))
        self.play(Write(df_tex), run_time=rt(1.5))
        self.play(Write(val_tex), Indicate(tangent), run_time=rt(1.5))
        self.wait(rt(2))
        '''
        ex_f = x**3 - 2 * x
        ex_ans = fval(sp.diff(ex_f, x), 2)
        zh = p.language == "zh"
        values = {"f": f, "df": df, "a": a, "f(a)": fa, "slope": slope, "exercise": ex_ans}
        notes = notes_markdown(
            title,
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
            [tr(f"Axes and the graph of $f(x) = {latex(f)}$.", f"坐标轴与 $f(x) = {latex(f)}$ 的图像。"),
             tr(f"The point $P = ({latex(a)}, {latex(fa)})$.", f"点 $P = ({latex(a)}, {latex(fa)})$。"),
             tr(f"A secant through $P$ and $Q$; $h$ shrinks from {num(h0)} towards 0 and the slope readout "
                "updates.", f"过 $P$、$Q$ 的割线；$h$ 从 {num(h0)} 缩小到接近 0，斜率读数随之变化。"),
             tr("The secant becomes the tangent line.", "割线变成切线。"),
             tr(f"The derivative $f'(x) = {latex(df)}$ and the value $f'({latex(a)}) = {latex(slope)}$.",
                f"导函数 $f'(x) = {latex(df)}$ 以及 $f'({latex(a)}) = {latex(slope)}$。")],
            tr(f"Find the slope of the tangent to $y = {latex(ex_f)}$ at $x = 2$.",
               f"求曲线 $y = {latex(ex_f)}$ 在 $x = 2$ 处切线的斜率。"),
            f"$y' = {latex(sp.diff(ex_f, x))}$, $y'(2) = {latex(ex_ans)}$.", zh=zh)
        reasoning = _reasoning(self, p, tr, caveats,
                               [f"f'(x) = {sp.sstr(df)}", f"f({num(a)}) = {sp.sstr(fa)}",
                                f"f'({num(a)}) = {sp.sstr(slope)} ≈ {num(slope)}"],
                               [tr("axes and graph of f", "坐标轴与 f 的图像"), tr("point P on the curve", "曲线上的点 P"),
                                tr(f"secant PQ with h shrinking from {num(h0)}", f"割线 PQ，h 从 {num(h0)} 缩小"),
                                tr("secant turns into the tangent", "割线变成切线"),
                                tr("derivative formula and slope value", "导函数与斜率值")])
        return _lesson(self, p, "DerivativeScene", _body(title, consts, logic), notes, reasoning, values)


# ---------------------------------------------------------------------------------------------------------------
# integral


def riemann_sum(f: sp.Expr, a, b, n: int, rule: str = "left") -> sp.Expr:
    """The n-rectangle Riemann sum of f on [a, b] (left or midpoint), exactly."""
    dx = (b - a) / n
    shift = sp.Rational(1, 2) if rule == "mid" else 0
    total = sp.nsimplify(sum(f.subs(x, a + (i + shift) * dx) for i in range(n)) * dx)
    return total if total.is_Rational else sp.Float(sp.N(total, 15), 15)


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
        F = sp.integrate(f, x)
        area = sp.simplify(sp.integrate(f, (x, a, b)))
        ns = [4, 8, 16, 32]
        sums = [riemann_sum(f, a, b, n) for n in ns]
        margin = (b - a) * sp.Rational(1, 5)
        w = window(f, (float(a - margin), float(b + margin)))
        title = self.title(p)
        anti = not F.has(sp.Integral)
        consts = _consts(F=npcode(f), A=py(a), B=py(b), NS=py(ns), SUMS=py([float(s) for s in sums]),
                         AREA=py(area), XR=py(w["xr"]), YR=py(w["yr"]), SEGS=py(w["segs"]),
                         F_TEX=tex(f"f(x) = {latex(f)}"),
                         INT_TEX=tex(f"\\int_{{{latex(a)}}}^{{{latex(b)}}} {latex(f)}\\,dx = {latex(area)}"
                                     + approx(area)),
                         ANTI_TEX=tex(f"F(x) = {latex(F)}" if anti else r"F' = f"))
        logic = '''
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
        _ex_f, ex_ans = 3 * x**2 + 1, sp.integrate(3 * x**2 + 1, (x, 0, 2))
        values = {"f": f, "a": a, "b": b, "antiderivative": F, "area": area,
                  "riemann": dict(zip(ns, sums, strict=False)), "exercise": ex_ans}
        int_l = f"\\int_{{{latex(a)}}}^{{{latex(b)}}} {latex(f)}\\,dx"
        table = "| n | " + tr("left sum", "左和") + " |\n|---|---|\n" + "\n".join(
            f"| {n} | {num(s, 6)} |" for n, s in zip(ns, sums, strict=False))
        notes = notes_markdown(
            title,
            tr(r"The definite integral $\int_a^b f(x)\,dx$ is the signed area between the graph of $f$ and the "
               r"x-axis from $a$ to $b$: the limit of Riemann sums $\sum f(x_i)\,\Delta x$ as $\Delta x \to 0$.",
               r"定积分 $\int_a^b f(x)\,dx$ 是 $f$ 的图像与 x 轴在 $a$ 到 $b$ 之间围成的有向面积，"
               r"即黎曼和 $\sum f(x_i)\,\Delta x$ 在 $\Delta x \to 0$ 时的极限。"),
            tr("Cut the region into thin rectangles, add their areas, and make them thinner: the total settles on "
               "one number. The fundamental theorem says that number is F(b) - F(a) for any antiderivative F.",
               "把区域切成细长矩形，把面积加起来，再切得更细：总和会稳定到一个数。微积分基本定理说这个数等于 F(b) - F(a)。"),
            f"$$f(x) = {latex(f)}, \\qquad F(x) = {latex(F)}$$\n\n$${int_l} = {latex(area)}{approx(area)}$$\n\n"
            + table,
            [tr(f"Axes and the graph of $f(x) = {latex(f)}$.", f"坐标轴与 $f(x) = {latex(f)}$ 的图像。"),
             tr(f"{ns[0]} left rectangles on $[{latex(a)}, {latex(b)}]$ with their sum.",
                f"在 $[{latex(a)}, {latex(b)}]$ 上画 {ns[0]} 个左端点矩形及其面积和。"),
             tr("The rectangles get thinner: n = " + ", ".join(map(str, ns[1:])) + "; the sum approaches the area.",
                "矩形变细：n = " + ", ".join(map(str, ns[1:])) + "；和逼近面积。"),
             tr("The exact area is shaded.", "精确面积被填充。"),
             tr(f"The antiderivative and ${int_l} = {latex(area)}$.", f"原函数与 ${int_l} = {latex(area)}$。")],
            tr(r"Compute $\int_0^2 (3x^2 + 1)\,dx$.", r"计算 $\int_0^2 (3x^2 + 1)\,dx$。"),
            f"$x^3 + x \\big|_0^2 = {latex(ex_ans)}$.", zh=p.language == "zh")
        reasoning = _reasoning(self, p, tr, caveats,
                               [f"F(x) = {sp.sstr(F)}", f"∫ from {num(a)} to {num(b)} = {sp.sstr(area)} ≈ {num(area)}"]
                               + [f"S_{n} = {num(s, 6)}" for n, s in zip(ns, sums, strict=False)],
                               [tr("axes and graph", "坐标轴与图像"), tr(f"{ns[0]} rectangles", f"{ns[0]} 个矩形"),
                                tr("rectangles refine, sums converge", "矩形加细，和收敛"),
                                tr("exact area shaded", "填充精确面积"), tr("antiderivative and value", "原函数与积分值")])
        return _lesson(self, p, "IntegralScene", _body(title, consts, logic), notes, reasoning, values)


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
        f = _function(p, sp.sin(x) / x, tr, caveats)
        pt = p.point if p.point is not None else 0.0
        a = sp.oo if pt == math.inf else -sp.oo if pt == -math.inf else exact(pt)
        L = sp.limit(f, x, a)
        if not is_real_finite(L):
            caveats.append(tr(f"The limit of {sp.sstr(f)} at {a} is {L} (not a finite number): showing sin(x)/x at 0.",
                              f"{sp.sstr(f)} 在 {a} 处的极限为 {L}（不是有限数）：改为演示 sin(x)/x 在 0 处。"))
            f, a = sp.sin(x) / x, sp.Integer(0)
            L = sp.limit(f, x, a)
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
        title = self.title(p)
        a_tex = latex(a)
        consts = _consts(F=npcode(f), A=py(0 if inf else a), L=py(L), INF=py(inf), DIR=py(1 if a == sp.oo else -1),
                         XR=py(w["xr"]), YR=py(w["yr"]), SEGS=py(w["segs"]), DEFINED=py(defined),
                         F_TEX=tex(f"f(x) = {latex(f)}"),
                         LIM_TEX=tex(f"\\lim_{{x \\to {a_tex}}} {latex(f)} = {latex(L)}" + approx(L)),
                         ROWS=py([[float(xv), float(fv)] for xv, fv in table]))
        logic = '''
        ax = make_axes(XR, YR)
        graph = plot_segments(ax, F, SEGS)
        f_tex = MathTex(F_TEX, color=BLUE)
        rows = VGroup(*[MathTex(r"x = %.6g \\;\\Rightarrow\\; f(x) = %.6f" % (xv, fv), font_size=32)
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
        ex_f = (x**2 - 4) / (x - 2)
        ex_ans = sp.limit(ex_f, x, 2)
        values = {"f": f, "point": a, "limit": L, "table": table, "exercise": ex_ans}
        lim_l = f"\\lim_{{x \\to {a_tex}}} {latex(f)}"
        tab = "| x | f(x) |\n|---|---|\n" + "\n".join(f"| {num(xv, 6)} | {num(fv, 8)} |" for xv, fv in table)
        notes = notes_markdown(
            title,
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
            f"$\\frac{{x^2-4}}{{x-2}} = x+2 \\to {latex(ex_ans)}$.", zh=p.language == "zh")
        reasoning = _reasoning(self, p, tr, caveats,
                               [f"lim x→{a} {sp.sstr(f)} = {sp.sstr(L)}"]
                               + [f"f({num(xv, 6)}) = {num(fv, 8)}" for xv, fv in table],
                               [tr("axes and graph", "坐标轴与图像"), tr("dashed line at L", "L 处虚线"),
                                tr("points approach from both sides; value table", "两侧的点逼近；数值表"),
                                tr("the limit statement", "极限结论")])
        return _lesson(self, p, "LimitScene", _body(title, consts, logic), notes, reasoning, values)


# ---------------------------------------------------------------------------------------------------------------
# taylor


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
        f = _function(p, sp.sin(x), tr, caveats)
        a = _point(p, 0, tr, caveats, lambda v: all(is_real_finite(sp.diff(f, x, k).subs(x, v)) for k in range(4)))
        top = int(min(max(p.numbers.get("terms", p.numbers.get("n", 9)), 1), 14))
        try:
            polys = [sp.expand(sp.series(f, x, a, k + 1).removeO()) for k in range(top + 1)]
        except Exception:  # noqa: BLE001 - sympy cannot expand it: fall back to sin at 0
            caveats.append(tr("No Taylor expansion found: using sin(x) at 0.", "无法展开：改用 sin(x) 在 0 处。"))
            f, a = sp.sin(x), sp.Integer(0)
            polys = [sp.expand(sp.series(f, x, a, k + 1).removeO()) for k in range(top + 1)]
        degs, shown = [], []
        for k, poly in enumerate(polys):
            if not shown or sp.simplify(poly - shown[-1]) != 0:
                degs.append(k)
                shown.append(poly)
        degs, shown = degs[-6:], shown[-6:]  # at most six stages keep the scene short
        w = window(f, _xrange_around(float(a), 5.0), must=[float(f.subs(x, a))])
        yr = w["yr"]
        segs = [_clip_segments(q, w["xr"][:2], yr[:2]) or [[_r(float(a) - 0.1), _r(float(a) + 0.1)]] for q in shown]
        title = self.title(p)
        consts = _consts(F=npcode(f), A=py(a), XR=py(w["xr"]), YR=py(yr), SEGS=py(w["segs"]),
                         PS="[" + ", ".join(npcode(q) for q in shown) + "]", PSEGS=py(segs), DEGS=py(degs),
                         P_TEX="[" + ", ".join(tex(f"P_{{{d}}}(x) = {latex(q)}") for d, q in zip(degs, shown, strict=False)) + "]",
                         F_TEX=tex(f"f(x) = {latex(f)}"),
                         SERIES_TEX=tex(f"f(x) = \\sum_{{k=0}}^{{\\infty}} \\frac{{f^{{(k)}}({latex(a)})}}{{k!}}"
                                        + latex((x - a) ** sp.Symbol("k"))))
        logic = '''
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
        ex_ans = sp.series(sp.exp(x), x, 0, 4).removeO()
        values = {"f": f, "a": a, "degrees": degs, "polynomials": shown, "exercise": ex_ans}
        lines = "\n".join(f"- $P_{{{d}}}(x) = {latex(q)}$" for d, q in zip(degs, shown, strict=False))
        notes = notes_markdown(
            title,
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
            f"$P_3(x) = {latex(ex_ans)}$.", zh=p.language == "zh")
        reasoning = _reasoning(self, p, tr, caveats, [f"P_{d}(x) = {sp.sstr(q)}" for d, q in zip(degs, shown, strict=False)],
                               [tr("graph of f and Taylor formula", "f 的图像与泰勒公式"), tr("expansion point", "展开点"),
                                tr(f"polynomials of degree {degs}", f"{degs} 次多项式依次出现")])
        return _lesson(self, p, "TaylorScene", _body(title, consts, logic), notes, reasoning, values)


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
        f = _function(p, sp.sin(x**2), tr, caveats)
        parts = decompose(f)
        if parts is None:
            caveats.append(tr(f"{sp.sstr(f)} is not a composition: using sin(x^2).",
                              f"{sp.sstr(f)} 不是复合函数：改用 sin(x^2)。"))
            f = sp.sin(x**2)
            parts = decompose(f)
        outer, inner = parts
        d_outer, d_inner = sp.diff(outer, u), sp.diff(inner, x)
        chain = d_outer.subs(u, inner) * d_inner
        df = sp.diff(f, x)
        assert sp.simplify(chain - df) == 0  # the chain rule agrees with sympy's own derivative
        a = _point(p, 1, tr, caveats, lambda v: is_real_finite(fval(f, v)) and is_real_finite(fval(df, v)))
        fa, slope = fval(f, a), fval(df, a)
        w = window(f, _xrange_around(float(a), 3.0), must=[float(fa)])
        title = self.title(p)
        consts = _consts(F=npcode(f), A=py(a), FA=py(fa), SLOPE=py(slope), XR=py(w["xr"]), YR=py(w["yr"]),
                         SEGS=py(w["segs"]),
                         CHAIN="[" + ", ".join(tex(s) for s in (
                             "x", f"u = {latex(inner)}", f"y = {latex(outer)}")) + "]",
                         F_TEX=tex(f"y = {latex(f)}"),
                         RULE_TEX=tex(r"\frac{dy}{dx} = \frac{dy}{du}\cdot\frac{du}{dx}"),
                         PARTS_TEX=tex(f"\\frac{{dy}}{{du}} = {latex(d_outer)}, \\quad \\frac{{du}}{{dx}} = "
                                       f"{latex(d_inner)}"),
                         RESULT_TEX=tex(f"\\frac{{dy}}{{dx}} = {latex(chain)}"),
                         VAL_TEX=tex(f"\\left.\\frac{{dy}}{{dx}}\\right|_{{x={latex(a)}}} = {latex(slope)}"
                                     + approx(slope)))
        logic = '''
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
        ex_f = (3 * x + 1) ** 5
        ex_ans = sp.diff(ex_f, x)
        values = {"f": f, "outer": outer, "inner": inner, "outer'": d_outer, "inner'": d_inner, "df": chain,
                  "a": a, "slope": slope, "exercise": ex_ans}
        notes = notes_markdown(
            title,
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
            tr(f"Differentiate $y = {latex(ex_f)}$.", f"求 $y = {latex(ex_f)}$ 的导数。"),
            f"$y' = {latex(ex_ans)}$.", zh=p.language == "zh")
        reasoning = _reasoning(self, p, tr, caveats,
                               [f"outer f(u) = {sp.sstr(outer)}, inner u = {sp.sstr(inner)}",
                                f"dy/du = {sp.sstr(d_outer)}, du/dx = {sp.sstr(d_inner)}",
                                f"dy/dx = {sp.sstr(chain)}", f"at x = {num(a)}: {sp.sstr(slope)} ≈ {num(slope)}"],
                               [tr("the chain x → u → y", "链条 x → u → y"), tr("graph of the composite", "复合函数图像"),
                                tr("rule, parts, product", "法则、分量、乘积"), tr("tangent and value", "切线与数值")])
        return _lesson(self, p, "ChainRuleScene", _body(title, consts, logic), notes, reasoning, values)
