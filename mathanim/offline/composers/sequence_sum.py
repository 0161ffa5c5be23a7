"""The sequence_sum composer: the terms of a sequence (from `term` in n, or a `recurrence` with `initial`) as bars
or dots, their partial sums, the limit as a dashed line; then, when the entry names a `function`, the function
with what the sequence does to it (partial-sum curves, Riemann rectangles, Newton's tangent steps).

Sympy computes every value shown; the scene is a fixed template reading constants (see formula_card.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import sympy as sp

from ..base import Lesson
from ..common import py, tex
from .base import Ask, Unsupported, composer, entry_notes, sympy_of
from .relation_plot import (
    GRAPH_BOX,
    Relation,
    canvas,
    clip_polyline,
    exact_number,
    fmt,
    fmt_tex,
    named_numbers,
    planned_boxes,
    request_function,
    sample,
    scene_code,
    tex_of,
    tidy,
    y_axis,
    y_window,
)

MAX_TERMS = 30

LOGIC = '''
title = plan_fit(Text(TITLE, font_size=40), TITLE_BOX)
self.play(FadeIn(title, shift=DOWN * 0.3), run_time=rt(0.8))
ax = Axes(x_range=XR, y_range=YR, x_length=GRAPH_BOX[1] - GRAPH_BOX[0], y_length=GRAPH_BOX[3] - GRAPH_BOX[2],
          tips=False, axis_config={"font_size": 20, "stroke_width": 2}, y_axis_config={"include_numbers": True})
ax.move_to([(GRAPH_BOX[0] + GRAPH_BOX[1]) / 2, (GRAPH_BOX[2] + GRAPH_BOX[3]) / 2, 0])
ticks = VGroup(*[MathTex(str(n), font_size=24).move_to([ax.c2p(i + 1, 0)[0], ax.get_bottom()[1] - 0.22, 0])
                 for i, n in enumerate(NS) if i % NSTEP == 0])
n_label = MathTex("n", font_size=32).move_to([ax.get_right()[0] + 0.25, ticks.get_center()[1], 0])
y_label = MathTex(Y_LABEL, font_size=32).next_to(ax.y_axis, UP, buff=0.12)
y_label.shift(RIGHT * max(0, 0.15 - config.frame_width / 2 - y_label.get_left()[0]))
key = MathTex(KEY_TEX, font_size=44)
term = MathTex(TERM_TEX, font_size=38, color=BLUE_B)
rows = {k: legend_row(t, PALETTE[c], d) for k, t, c, d in LEGEND}
legend = VGroup(*rows.values()).arrange(DOWN, aligned_edge=LEFT, buff=0.14)
info = VGroup(*[MathTex(t, font_size=34) for t in INFO]).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
slot = MathTex(STAGES[0][3] if STAGES else "0", font_size=34).set_opacity(0)
panel([key, term, legend] + ([info] if INFO else []) + ([slot] if STAGES else []), PANEL_BOX)
self.play(Create(ax), FadeIn(ticks), FadeIn(n_label), FadeIn(y_label), run_time=rt(1.2))
self.play(Write(key), run_time=rt(1.2))
self.play(Write(term), run_time=rt(1))
chart = VGroup(ax, ticks, n_label, y_label)
if BARS:
    marks = VGroup(*[Polygon(ax.c2p(i + 0.7, 0), ax.c2p(i + 1.3, 0), ax.c2p(i + 1.3, v), ax.c2p(i + 0.7, v),
                             color=BLUE, fill_opacity=0.75, stroke_width=1) for i, v in enumerate(TERMS)])
else:
    marks = VGroup(*[Dot(ax.c2p(i + 1, v), color=BLUE, radius=0.06) for i, v in enumerate(TERMS)])
values = VGroup(*[MathTex(t, font_size=22).next_to(m, UP if v >= 0 else DOWN, buff=0.06)
                  for t, m, v in zip(LABELS, marks, TERMS)])
self.play(LaggedStart(*[FadeIn(m, shift=0.2 * UP) for m in marks], lag_ratio=0.15), FadeIn(rows["terms"]),
          run_time=rt(2))
if LABELS:
    self.play(FadeIn(values), run_time=rt(0.8))
chart.add(marks, values)
for key_, pts, c in SERIES:
    dots = VGroup(*[Dot(ax.c2p(i + 1, v), color=PALETTE[c], radius=0.06) for i, v in pts])
    path = VMobject(color=PALETTE[c], stroke_width=3).set_points_as_corners([ax.c2p(i + 1, v) for i, v in pts])
    clear = [FadeOut(values)] if LABELS and values in self.mobjects else []  # the series would cover them
    self.play(Create(path), FadeIn(dots), FadeIn(rows[key_]), *clear, run_time=rt(1.5))
    if clear:
        chart.remove(values)
    chart.add(path, dots)
for pieces, c in REF:
    ref = VGroup(*[polyline(ax, [(x + 1, y) for x, y in p], PALETTE[c], True) for p in pieces])
    self.play(Create(ref), FadeIn(rows["ref"]), run_time=rt(1.2))
    chart.add(ref)
if LIMIT:
    line = DashedLine(ax.c2p(0, LIMIT[0]), ax.c2p(XR[1], LIMIT[0]), color=RED)
    self.play(Create(line), FadeIn(rows["limit"]), run_time=rt(1))
    chart.add(line)
for line in info:
    self.play(Write(line), run_time=rt(1))
if STAGES:
    self.play(FadeOut(chart), run_time=rt(0.8))
    ax2 = make_axes(XR2, YR2, GRAPH_BOX)
    target = VGroup(*[polyline(ax2, p, WHITE) for p in TARGET])
    self.play(Create(ax2), run_time=rt(1))
    self.play(Create(target), FadeIn(rows["target"]), run_time=rt(1.2))
    shown, note = None, None
    for kind, pieces, c, label in STAGES:
        if kind == 1:
            group = VGroup(*[Polygon(*[ax2.c2p(x, y) for x, y in p], color=PALETTE[c], fill_opacity=0.45,
                                     stroke_width=1) for p in pieces])
        else:
            group = VGroup(*[polyline(ax2, p, PALETTE[c]) for p in pieces])
        text = MathTex(label, font_size=34, color=PALETTE[c]).move_to(slot, aligned_edge=LEFT)
        anims = [FadeIn(text)] if note is None else [ReplacementTransform(note, text)]
        if kind == 2 or shown is None:
            anims.append(Create(group))
        else:
            anims.append(ReplacementTransform(shown, group))
        self.play(*anims, run_time=rt(1))
        shown, note = group, text
self.wait(rt(2))
'''


@dataclass
class Seq:
    """The sequence: its formula, values (exact), partial sums and limit, and what the request changed."""

    letter: str
    start: int
    term: object  # the n-th term (in n, and x for a series of functions), or None
    rec: object  # the next term in prev (and prev2), or None
    initial: list
    terms: list = field(default_factory=list)
    sums: list = field(default_factory=list)
    limit: object = None  # of the partial sums when drawn, else of the terms
    consts: dict = field(default_factory=dict)
    used: list = field(default_factory=list)
    function: object = None  # the entry's `function` in x (or the request's, for Newton's method)


N, K, X, PREV, PREV2 = (sp.Symbol(s) for s in ("n", "k", "x", "prev", "prev2"))


def _letter(ask: Ask) -> str:
    """The sequence's letter from the entry's variables (x_n, F_n, T_n), else a."""
    if ask.settings.get("partial_sums"):
        return "a"
    if ask.settings.get("show") == "riemann_rectangles":
        return "R"
    for v in ask.entry.variables:
        m = re.fullmatch(r"([A-Za-z])_n", v.symbol)
        if m and m.group(1) != "S":
            return m.group(1)
    return "a"


WORD_ALIASES = {"a": "a_1"}


def _request(ask: Ask, seq: Seq, s: dict) -> int:
    """Constants, the first value and the number of terms named in the request; returns the number of terms."""
    got = named_numbers(ask.params.concept, [*seq.consts, "x_0", "a_0", "y_0", "a_1"])
    # named by a word ("first term 5", "common ratio 0.2": params._WORD_NAMES; the first term is a_1 here)
    words = {WORD_ALIASES.get(k, k): v for k, v in ask.params.numbers.items()}
    got.update({k: v for k, v in words.items() if k in seq.consts and k not in got})
    got.update({k: v for k, v in _fitted(ask, seq).items() if k not in got})
    for k, v in got.items():
        if k in seq.consts:
            seq.consts[k] = exact_number(v)
            seq.used.append(f"{k} = {fmt(v)}")
        elif seq.rec is not None and seq.initial:
            seq.initial[0] = exact_number(v)
            seq.used.append(f"first value {fmt(v)}")
    count = int(s["n_terms"])
    asked = ask.params.numbers.get("terms")
    last = ask.params.numbers.get("last")  # "with 4 disks": up to T_4, the first index may be 0
    if last is not None and 3 <= last - seq.start + 1 <= MAX_TERMS:
        asked = last - seq.start + 1
    if asked and 3 <= asked <= MAX_TERMS:
        count = int(asked)
        seq.used.append(f"{count} terms")
    return count


def _fitted(ask: Ask, seq: Seq) -> dict:
    """The constants that make the entry's n-th term give the terms the request lists ("3, 7, 11, ...": a_1 = 3,
    d = 4), when the listed terms beyond those needed follow too; else nothing (and it is said)."""
    listed = ask.params.vectors[0] if ask.params.vectors else []
    names = list(seq.consts)
    if seq.term is None or not names or len(listed) < len(names) + 1:
        return {}
    syms = [sp.Symbol(k) for k in names]
    eqs = [sp.Eq(seq.term.subs(N, seq.start + i), exact_number(v)) for i, v in enumerate(listed[:len(names)])]
    try:
        sols = [sol for sol in sp.solve(eqs, syms, dict=True) if len(sol) == len(syms)]
    except (NotImplementedError, TypeError, ValueError):
        sols = []
    fits = [sol for sol in sols if all(sp.simplify(seq.term.subs(sol).subs(N, seq.start + i) - exact_number(v)) == 0
                                       for i, v in enumerate(listed))]
    if len(fits) != 1:
        seq.used.append(f"the terms {', '.join(fmt(v) for v in listed)} do not follow {sp.sstr(seq.term)}: not used")
        return {}
    return {str(k): v for k, v in fits[0].items()}


def sequence(ask: Ask) -> Seq:
    """The entry's sequence with the request's numbers in, its values and partial sums computed."""
    s, e = ask.settings, ask.entry
    consts = {k: exact_number(v) for k, v in s.get("constants", {}).items()}
    names = ("n", "k", "x", "prev", "prev2", *consts)
    term = sympy_of(e, s["term"], names) if "term" in s else None
    rec = sympy_of(e, s["recurrence"], names) if "recurrence" in s else None
    seq = Seq(_letter(ask), int(s["n_start"]), term, rec, [exact_number(v) for v in s.get("initial", [])],
              consts=consts)
    seq.function = _function(ask)
    count = _request(ask, seq, s)
    _own_newton(ask, seq)
    seq.terms = _values(seq, count)
    if s.get("partial_sums"):
        seq.sums = [sp.Add(*seq.terms[: i + 1]) for i in range(count)]
    return seq


def _own_newton(ask: Ask, seq: Seq) -> None:
    """Newton's iteration for the request's own function (x^2 - 3), when the entry's recurrence is Newton's
    iteration for its function and the request names another one with a usable derivative at the start."""
    g, f = request_function(ask), seq.function
    if seq.rec is None or f is None or g is None or len(g.free_symbols) != 1:
        return
    g = g.subs(next(iter(g.free_symbols)), X)
    newton = lambda h: PREV - (h / sp.diff(h, X)).subs(X, PREV)  # noqa: E731 - the iteration of h
    if sp.simplify(seq.rec - newton(f)) != 0 or sp.simplify(g - f) == 0 or not g.is_polynomial(X):
        return
    slope = sp.diff(g, X).subs(X, seq.initial[0])
    if slope == 0 or not sp.real_roots(sp.Poly(g, X)):
        seq.used.append(f"Newton's method needs a real root and f'(x_0) ≠ 0: {sp.sstr(g)} is not used")
        return
    seq.rec, seq.function = newton(g), g
    seq.used.append(f"f(x) = {sp.sstr(g)} (the request's function)")


def _values(seq: Seq, count: int) -> list:
    """The first `count` terms, exactly."""
    subs = {sp.Symbol(k): v for k, v in seq.consts.items()}
    if seq.term is not None:
        t = seq.term.subs(subs)
        return [sp.nsimplify(t.subs(N, i).doit()) if not t.has(sp.Float) else t.subs(N, i).doit()
                for i in range(seq.start, seq.start + count)]
    r, out = seq.rec.subs(subs), list(seq.initial)
    while len(out) < count:
        out.append(sp.simplify(r.subs({PREV: out[-1], PREV2: out[-2] if len(out) > 1 else 0})))
    return out[:count]


# ---------------------------------------------------------------------------------------------------------------
# What sympy says about it: limit, closed forms, ratios, references


def limit_of(ask: Ask, seq: Seq):
    """The limit the drawn values approach (the settings', the function's value, the series' sum, or the
    sequence's limit); None when there is none to draw (a divergent series)."""
    s = ask.settings
    if "limit" in s:
        v = sympy_of(ask.entry, s["limit"], ("n", "x"))
        return sp.together(v) if v.is_Add else v
    f = seq.function
    if f is not None and seq.term is not None and seq.term.has(X):
        return f.subs(X, seq.consts.get("x", 0))
    if f is not None and seq.rec is not None:
        roots = [r for r in sp.solve(f, X) if r.is_real]
        return min(roots, key=lambda r: abs(float(r - seq.terms[-1]))) if roots else None
    if seq.term is None or seq.term.has(X):
        return None
    term = seq.term.subs({sp.Symbol(k): v for k, v in seq.consts.items()})  # the request's a₁ and r in
    try:
        v = sp.summation(term, (N, seq.start, sp.oo)) if seq.sums else sp.limit(term, N, sp.oo)
    except Exception:  # noqa: BLE001 - sympy cannot say: draw no limit
        return None
    if not v.is_finite or v.has(sp.Sum, sp.Limit):
        return None
    drawn = seq.sums or seq.terms
    return v if abs(float(drawn[-1] - v)) < 0.5 * abs(float(drawn[0] - v)) else None  # approached on screen


def _function(ask: Ask):
    """The entry's `function` in x, if any."""
    return sympy_of(ask.entry, ask.settings["function"], ("x",)) if "function" in ask.settings else None


def closed_form(seq: Seq) -> str:
    """LaTeX of the partial sum S_n in closed form, or of a linear recurrence's solution; "" when none is short."""
    subs = {sp.Symbol(k): v for k, v in seq.consts.items()}
    try:
        if seq.term is not None and seq.sums and not seq.term.has(X, sp.Sum):
            k = sp.Symbol("k", integer=True)
            total = tidy(sp.summation(seq.term.subs(subs).subs(N, k), (k, seq.start, N)))
            text = f"S_n = {tex_of(sp.factor(total) if total.is_polynomial(N) else total)}"
        elif seq.rec is not None and _linear(seq.rec):
            text = f"{seq.letter}_n = {tex_of(_rsolve(seq, subs))}"
        else:
            return ""
    except Exception:  # noqa: BLE001 - no closed form sympy can find
        return ""
    return text if len(text) <= 60 and not re.search(r"Sum|sum|operatorname", text) else ""


def _linear(rec) -> bool:
    """Whether the recurrence is linear in prev and prev2 (rsolve can solve it)."""
    try:
        return sp.Poly(rec, PREV, PREV2).total_degree() <= 1
    except sp.PolynomialError:
        return False


def _rsolve(seq: Seq, subs: dict):
    """A linear recurrence's closed form from its first values."""
    y = sp.Function("y")
    n = sp.Symbol("n", integer=True)
    eq = y(n + 1) - seq.rec.subs(subs).subs({PREV: y(n), PREV2: y(n - 1)})
    init = {y(seq.start + i): v for i, v in enumerate(seq.initial)}
    sol = sp.rsolve(eq, y(n), init)
    if sol is None:
        raise ValueError("no solution")
    return tidy(sol.subs(n, N))


def ratios(seq: Seq):
    """a_{n+1}/a_n: its formula, its limit and its values (the ratio test)."""
    r = sp.simplify(seq.term.subs(N, N + 1) / seq.term)
    return r, sp.limit(r, N, sp.oo), [seq.terms[i + 1] / seq.terms[i] for i in range(len(seq.terms) - 1)]


def ode_reference(ask: Ask, seq: Seq):
    """The exact solution of the entry's ODE at the Euler steps x_n = n h (y(0) = the first value)."""
    xs, y = sp.Symbol("x"), sp.Function("y")
    g = sp.sympify(ask.settings["ode"], locals={"y": y(xs), "x": xs})
    sol = sp.dsolve(sp.Eq(y(xs).diff(xs), g), y(xs), ics={y(0): seq.initial[0]}).rhs
    h = seq.consts.get("h", 1)
    return sol, [(i, sol.subs(xs, (seq.start + i) * h)) for i in range(len(seq.terms))]


# ---------------------------------------------------------------------------------------------------------------
# The scene


def equals(v) -> str:
    """ "= 155", "= \\frac{255}{256} \\approx 0.9961" or "\\approx 2.718" for a computed value."""
    v = sp.sympify(v)
    if v.is_Integer:
        return f"= {v}"
    t = tex_of(v)
    if v.is_number and (v.is_Float or len(t) > 16):
        return rf"\approx {fmt_tex(v, 5)}"
    return f"= {t}" + (rf" \approx {fmt_tex(v, 5)}" if v.is_number and not v.is_Float else "")


@dataclass
class Chart:
    """What the first graph draws besides the terms, and the panel's lines."""

    series: list = field(default_factory=list)  # [legend key, [(index, value)], colour]
    ref: list = field(default_factory=list)  # [[(index, value)], colour]
    legend: list = field(default_factory=list)  # [key, label, colour, dashed]
    info: list = field(default_factory=list)
    shots: list = field(default_factory=list)
    values: dict = field(default_factory=dict)


def chart(ask: Ask, seq: Seq) -> Chart:
    """Partial sums, ratios, the reference curve and the limit, with their panel lines (at most three)."""
    s, ch = ask.settings, Chart()
    last = seq.start + len(seq.terms) - 1
    ch.legend.append(["terms", f"{seq.letter}_n", 0, False])
    if seq.sums:
        ch.series.append(["sums", list(enumerate(seq.sums)), 5])
        ch.legend.append(["sums", "S_n", 5, False])
        ch.info.append(f"S_{{{last}}} {equals(seq.sums[-1])}")
        ch.shots.append(f"the partial sums S_n, up to S_{last} = {fmt(seq.sums[-1], 6)}")
    if s.get("show") == "ratios" and seq.term is not None:
        _ratio_lines(seq, ch)
    if "ode" in s and seq.rec is not None:
        _ode_lines(ask, seq, ch, last)
    if "compare" in s and seq.sums:
        _compare_lines(ask, seq, ch, last)
    if s.get("show") == "coefficients":
        ch.info.append(rf"\sum_{{n={seq.start}}}^{{{last}}} {seq.letter}_n = {sp.Add(*seq.terms)}")
        ch.values["total"] = sp.Add(*seq.terms)
    form = closed_form(seq)
    if form:
        ch.info.append(form)
    _limit_lines(ask, seq, ch, last)
    ch.info = ch.info[:3]
    return ch


def _limit_lines(ask: Ask, seq: Seq, ch: Chart, last: int) -> None:
    """The limit (or the divergence) and, for a plain sequence, its last term."""
    seq.limit = limit_of(ask, seq)
    what = "S_n" if seq.sums else f"{seq.letter}_n"
    if seq.limit is not None:
        short = tex_of(seq.limit) if len(tex_of(seq.limit)) <= 28 else fmt_tex(sp.N(seq.limit), 6)
        ch.legend.append(["limit", rf"\text{{limit}}\ {short}", 2, True])
        exact = sp.sympify(seq.limit).is_Rational or short != tex_of(seq.limit)
        ch.info.append(rf"{what} \to {short}" + ("" if exact else rf" \approx {fmt(seq.limit, 5)}"))
        ch.shots.append(f"the limit {sp.sstr(seq.limit)} as a dashed line")
    elif seq.sums and not seq.terms[-1] == 0 and all(v >= 0 for v in seq.terms):
        ch.info.append(r"S_n \to \infty")
        ch.shots.append("the partial sums grow without bound")
    if not seq.sums and "ode" not in ask.settings:
        ch.info.insert(0, f"{seq.letter}_{{{last}}} {equals(seq.terms[-1])}")


def _ratio_lines(seq: Seq, ch: Chart) -> None:
    """The ratio test: the ratios as a series and their limit."""
    r, lim, vals = ratios(seq)
    ch.series.append(["ratios", list(enumerate(vals)), 1])
    ch.legend.append(["ratios", rf"\frac{{{seq.letter}_{{n+1}}}}{{{seq.letter}_n}}", 1, False])
    verdict = r"< 1\ \Rightarrow\ \text{converges}" if lim < 1 else r"> 1\ \Rightarrow\ \text{diverges}" \
        if lim > 1 else ""
    ch.info.append(rf"\frac{{{seq.letter}_{{n+1}}}}{{{seq.letter}_n}} = {tex_of(r)} \to {tex_of(lim)} {verdict}")
    ch.values.update(ratio=r, ratio_limit=lim)
    ch.shots.append(f"the ratios a(n+1)/a(n) = {sp.sstr(r)}, tending to {lim}")


def _ode_lines(ask: Ask, seq: Seq, ch: Chart, last: int) -> None:
    """Euler's steps beside the exact solution of the ODE."""
    sol, pts = ode_reference(ask, seq)
    ch.ref.append([[(i, v) for i, v in pts], 4])
    ch.legend.append(["ref", f"y = {tex_of(sol)}", 4, True])
    xs = (seq.start + len(seq.terms) - 1) * seq.consts.get("h", 1)
    ch.info.append(rf"{seq.letter}_{{{last}}} \approx {fmt(seq.terms[-1], 5)},\ y({fmt(xs)}) = "
                   rf"{tex_of(sol.subs(sp.Symbol('x'), xs))} \approx {fmt(pts[-1][1], 5)}")
    ch.values["exact"] = sol
    ch.shots.append(f"the exact solution y = {sol} beside the Euler steps (dashed)")


def _compare_lines(ask: Ask, seq: Seq, ch: Chart, last: int) -> None:
    """A reference curve (ln n beside the harmonic sums)."""
    g = sympy_of(ask.entry, ask.settings["compare"], ("n",))
    pts = [(i / 10, g.subs(N, seq.start + i / 10)) for i in range(0, 10 * (len(seq.terms) - 1) + 1)]
    ch.ref.append([[(i, v) for i, v in pts if sp.sympify(v).is_finite], 4])
    ch.legend.append(["ref", tex_of(g), 4, True])
    ch.info.append(rf"S_{{{last}}} - {tex_of(g.subs(N, last))} \approx {fmt(seq.sums[-1] - g.subs(N, last), 4)}")
    ch.shots.append(f"the curve {g} beside the partial sums (dashed)")


def chart_constants(seq: Seq, ch: Chart) -> dict[str, str]:
    """The first graph's data in axis units (x: the term's index from 1, y: scaled by a power of ten)."""
    count = len(seq.terms)
    drawn = [float(v) for v in seq.terms] + [float(v) for _, pts, _ in ch.series for _, v in pts]
    drawn += [float(v) for pts, _ in ch.ref for _, v in pts]
    lo, hi = y_window(np.array(drawn), [*drawn, *([float(seq.limit)] if seq.limit is not None else [])])
    sy, yr = y_axis(min(lo, 0), hi)
    spacing = (GRAPH_BOX[1] - GRAPH_BOX[0]) / (count + 1)
    labels = [fmt(v, 3) for v in seq.terms]
    show = count <= 12 and max(len(t) for t in labels) * 0.13 < 0.9 * spacing
    y = lambda v: round(float(v) / sy, 6)  # noqa: E731 - one scale for every series
    return {"XR": py([0, count + 1, 1]), "YR": py(yr), "NS": py(list(range(seq.start, seq.start + count))),
            "NSTEP": str(1 if count <= 12 else 2 if count <= 20 else 5), "TERMS": py([y(v) for v in seq.terms]),
            "BARS": str(count <= 15), "LABELS": repr(labels if show else []),
            "SERIES": repr([[k, [[i, y(v)] for i, v in pts], c] for k, pts, c in ch.series]),
            "REF": repr([[[[[round(i, 4), y(v)] for i, v in pts]], c] for pts, c in ch.ref]),
            "LIMIT": py([y(seq.limit)] if seq.limit is not None else []),
            "Y_LABEL": tex(f"{seq.letter}_n" + (rf"\ \left(10^{{{round(np.log10(sy))}}}\right)" if sy != 1 else ""))}


# ---------------------------------------------------------------------------------------------------------------
# The second graph: the function and what the sequence does to it


def _graph(f, lo: float, hi: float, must=()):
    """A canvas for f on [lo, hi] and f's graph as clipped pieces."""
    rel = Relation(X, "y", sp.Symbol("p"), f, [], float(lo), float(hi))
    xs, ys = sample(f, X, float(lo), float(hi), n=240)
    cv = canvas(rel, [ys], [0, *must])
    return cv, clip_polyline(list(zip(xs, ys, strict=False)), cv, 2)


def _curve(e, cv, lo: float, hi: float) -> list:
    xs, ys = sample(e, X, float(lo), float(hi), n=240)
    return clip_polyline([(a, b) for a, b in zip(xs, ys, strict=False) if np.isfinite(b)], cv, 2)


def approximations(ask: Ask, seq: Seq, f) -> tuple:
    """Partial sums of a series of functions (Taylor, Fourier) approaching f."""
    lo, hi = _domain(ask, f)
    cv, target = _graph(f, lo, hi)
    count, stages = len(seq.terms), []
    subs = {sp.Symbol(k): v for k, v in seq.consts.items() if k != "x"}
    for i, m in enumerate(sorted({1, 2, 4, count} & set(range(1, count + 1)))):
        part = sp.Add(*[seq.term.subs(subs).subs(N, seq.start + j).doit() for j in range(m)])
        poly = sp.latex(part, order="rev-lex") if part.is_polynomial(X) else ""
        label = f"S_{{{m}}}(x) = {poly}" if poly and len(poly) <= 48 else f"S_{{{m}}}(x)"
        stages.append([0, _curve(part, cv, lo, hi), i % 4, label])
    return cv, target, stages, f"partial sums S_1 … S_{count} as curves approaching f"


def _domain(ask: Ask, f) -> tuple:
    """The function's x range: the entry's interval, one period, or [-3, 3]."""
    if "interval" in ask.settings:
        return tuple(float(v) for v in ask.settings["interval"])
    return (-float(sp.pi), float(sp.pi)) if f.has(sp.sin, sp.cos) else (-3.0, 3.0)


def newton_steps(ask: Ask, seq: Seq, f) -> tuple:
    """Newton's tangent steps on the graph of f: from x_k up to the curve, then down the tangent to x_{k+1}."""
    xs = [float(v) for v in seq.terms]
    lo, hi = min(xs) - 0.5, max(xs) + 0.5
    cv, target = _graph(f, lo, hi)
    stages = []
    for k in range(min(4, len(xs) - 1)):
        fx = float(f.subs(X, seq.terms[k]))
        pieces = clip_polyline([(xs[k], 0), (xs[k], fx)], cv, 2) + clip_polyline([(xs[k], fx), (xs[k + 1], 0)], cv)
        stages.append([2, pieces, k % 4, rf"{seq.letter}_{{{seq.start + k + 1}}} {equals(seq.terms[k + 1])}"])
    return cv, target, stages, "the tangent at each x_n meets the axis at the next x_n"


def riemann(ask: Ask, seq: Seq, f) -> tuple:
    """Rectangles under f for n = 4, 8, 16 (right or left end points, as the entry's sum takes them)."""
    a, b = (exact_number(v) for v in ask.settings.get("interval", [0, 1]))
    cv, target = _graph(f, float(a), float(b))
    k = sp.Symbol("k", integer=True)
    right = sp.Sum(f.subs(X, a + k * (b - a) / 4) * (b - a) / 4, (k, 1, 4)).doit()
    shift = 1 if seq.term is None or sp.simplify(seq.term.subs(N, 4).doit() - right) == 0 else 0
    stages = []
    for i, n in enumerate((4, 8, 16)):
        w = (b - a) / n
        rects = [[(a + j * w, 0), (a + j * w, f.subs(X, a + (j + shift) * w)), (a + (j + 1) * w,
                                                                                f.subs(X, a + (j + shift) * w)),
                  (a + (j + 1) * w, 0)] for j in range(n)]
        total = sp.Add(*[f.subs(X, a + (j + shift) * w) * w for j in range(n)])
        stages.append([1, [[[cv.X(x), cv.Y(y)] for x, y in r] for r in rects], i % 4,
                       rf"n = {n}:\ R_{{{n}}} {equals(total)}"])
    return cv, target, stages, "rectangles for n = 4, 8, 16 under the curve"


def stages_of(ask: Ask, seq: Seq) -> tuple:
    """The second graph, when the entry names a function: (constants, legend row, shot) or empty."""
    f = seq.function
    if f is None:
        return {}, None, ""
    if ask.settings.get("show") == "riemann_rectangles":
        cv, target, stages, shot = riemann(ask, seq, f)
    elif seq.term is not None and seq.term.has(X):
        cv, target, stages, shot = approximations(ask, seq, f)
    elif seq.rec is not None:
        cv, target, stages, shot = newton_steps(ask, seq, f)
    else:
        return {}, None, ""
    consts = {"XR2": py(cv.xr), "YR2": py(cv.yr), "TARGET": py(target), "STAGES": repr(stages)}
    return consts, ["target", f"f(x) = {tex_of(f)}", 6, False], shot


@composer("sequence_sum")
def sequence_sum(ask: Ask) -> Lesson:
    """The terms as bars or dots, their partial sums and limit; the function and its approximations."""
    seq = sequence(ask)
    if any(not sp.sympify(v).is_real for v in seq.terms):
        raise Unsupported("terms that are not real numbers")
    ch = chart(ask, seq)
    second, row, shot = stages_of(ask, seq)
    legend = ch.legend + ([row] if row else [])
    term_tex = _term_tex(seq)
    consts = {"TITLE": repr(ask.title), "KEY_TEX": tex(ask.entry.formulas[0].latex), "TERM_TEX": tex(term_tex),
              "LEGEND": repr(legend), "INFO": repr(ch.info), **chart_constants(seq, ch),
              "STAGES": "[]", "XR2": "[]", "YR2": "[]", "TARGET": "[]", **second, **planned_boxes(ask.title)}
    name = ask.scene_name()
    shots = [f"the key formula ${ask.entry.formulas[0].latex}$ and the sequence ${term_tex}$",
             f"the terms for n = {seq.start} to {seq.start + len(seq.terms) - 1} as "
             + ("bars" if len(seq.terms) <= 15 else "dots"), *ch.shots, *([shot] if shot else [])]
    values = {"terms": seq.terms, "sums": seq.sums, "limit": seq.limit, **ch.values}
    return Lesson(ask.entry.composer, ask.title, name, scene_code(name, consts, LOGIC),
                  entry_notes(ask, shots, _notes_table(ask, seq, ch)), _reasoning(ask, seq, ch, shots), values)


def _term_tex(seq: Seq) -> str:
    """The sequence's rule as the panel shows it: a_n = … or a_{n+1} = … with the first values."""
    names = {PREV: sp.Symbol(f"{seq.letter}_n"), PREV2: sp.Symbol(f"{seq.letter}_{{n-1}}")}
    consts = {sp.Symbol(k): v for k, v in seq.consts.items() if k != "x"}
    if seq.term is not None:
        t = seq.term.subs(consts)
        shown = t.rewrite(sp.binomial) if isinstance(t, sp.Function) and t.rewrite(sp.binomial) != t else t
        at = rf",\ x = {tex_of(seq.consts['x'])}" if "x" in seq.consts and t.has(X) else ""
        return f"{seq.letter}_n = {tex_of(shown)}{at}"
    first = ",\\ ".join(f"{seq.letter}_{{{seq.start + i}}} = {tex_of(v)}" for i, v in enumerate(seq.initial))
    return f"{seq.letter}_{{n+1}} = {tex_of(seq.rec.subs(consts).subs(names))},\\ {first}"


def _notes_table(ask: Ask, seq: Seq, ch: Chart) -> str:
    """A section with the first terms (and partial sums) and the computed lines."""
    head = "| n | " + f"${seq.letter}_n$" + (" | $S_n$ |\n|---|---|---|\n" if seq.sums else " |\n|---|---|\n")
    rows = "\n".join(f"| {seq.start + i} | {fmt(v, 6)} |" + (f" {fmt(seq.sums[i], 6)} |" if seq.sums else "")
                     for i, v in enumerate(seq.terms[:12]))
    lines = "\n".join(f"- ${line}$" for line in ch.info)
    return f"## {'计算结果' if ask.zh else 'Computed values'}\n\n{head}{rows}\n\n{lines}"


def _reasoning(ask: Ask, seq: Seq, ch: Chart, shots: list[str]) -> list[str]:
    """What was recognised, what the request set, what sympy computed, then the shots."""
    e = ask.entry
    lines = [f"Catalogue entry: {e.name} ({e.area}), drawn by the sequence_sum composer: {_term_tex(seq)}, "
             f"{len(seq.terms)} terms from n = {seq.start}."]
    lines.append("Read from the request: " + "; ".join(seq.used) + "." if seq.used else
                 "No numbers for this sequence in the request: the catalogue's values are used.")
    lines += [f"Computed with sympy: ${line}$" for line in ch.info]
    return lines + [f"Shot {i}: {shot}" for i, shot in enumerate(shots, 1)]
