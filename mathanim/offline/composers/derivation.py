"""The derivation composer: a derivation written line by line, each line morphing out of the one before, every
step checked by sympy (consecutive expressions equal; an equation's last line solving its first), with the
function beside it when there is one (f and the derived f', the area of a definite integral, a slice of a surface).

A request that names its own function ("product rule for x^3 e^x", "derivative of cos x from first principles")
gets the derivation for that function, built and checked by sympy; otherwise the entry's own steps are shown.
The scene is a fixed template reading constants (see formula_card.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.parsing.sympy_parser import parse_expr

from ..base import Lesson
from ..common import py, tex
from ..regions import Part, arranged, regions, sides
from .base import Ask, Unsupported, composer, entry_notes, symbols
from .relation_plot import (
    LogBase,
    Relation,
    canvas,
    clip_polyline,
    fmt,
    request_function,
    sample,
    scene_code,
    written_tex,
)

X, H = sp.Symbol("x"), sp.Symbol("h")
GRAPH = (1.55, 6.75, -3.3, 1.6)  # the axes' box under a one-line title (the scene's comes from the plan)
# the regions the layout plan solves under the title: the steps alone, or the steps beside the graph (its axes
# plus room for tick numbers, and the curve names above: AXES_INSET, left right bottom top)
STEPS_ALONE = Part("steps", "formula", 13.2, 6.4, (0.0, -0.5))
STEPS_BESIDE = Part("steps", "formula", 7.8, 6.4, (-3.0, -0.5))
GRAPH_PART = Part("graph", "graph", 5.6, 6.3, (4.1, -0.6))
AXES_INSET = (0.4, 0.0, 0.45, 1.3)
LONG = 200  # a step's LaTeX longer than this would be unreadably small: the derivation falls back to the card

LOGIC = '''
title = plan_fit(Text(TITLE, font_size=40), TITLE_BOX)
self.play(FadeIn(title, shift=DOWN * 0.3), run_time=rt(0.8))
box = BOX
steps = [MathTex(s, font_size=44) for s in STEPS]
links = [MathTex(c, font_size=44) if c else VMobject() for c in LINKS]
rows = VGroup(*[VGroup(l, s) for l, s in zip(links, steps)])
for (l, s) in rows:
    s.next_to(ORIGIN, RIGHT, buff=0.7)
    l.move_to([0.32, s.get_center()[1], 0])
rows.arrange(DOWN, aligned_edge=LEFT, buff=0.38)
check = MathTex(CHECK, font_size=34, color=GREEN) if CHECK else VMobject()
column = VGroup(rows, check).arrange(DOWN, aligned_edge=LEFT, buff=0.45)
fit(column, box[1] - box[0], box[3] - box[2])
column.move_to([(box[0] + box[1]) / 2, box[3] - column.height / 2, 0])
if GRAPH_XR:
    ax = make_axes(GRAPH_XR, GRAPH_YR, GRAPH_BOX)
    names = VGroup(*[MathTex(t, font_size=34, color=PALETTE[c]) for t, c in CURVE_LABELS])
    names.arrange(RIGHT, buff=0.5)
    if names.width > GRAPH_BOX[1] - GRAPH_BOX[0]:
        names.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
    fit(names, GRAPH_BOX[1] - GRAPH_BOX[0], 1.1)
    names.next_to(ax, UP, buff=0.2).align_to(ax, LEFT)
    self.play(Create(ax), run_time=rt(1))
    first = VGroup(*[polyline(ax, p, PALETTE[CURVES[0][1]]) for p in CURVES[0][0]])
    self.play(Create(first), FadeIn(names[0]), run_time=rt(1.2))
    if AREA:
        region = Polygon(*[ax.c2p(x, y) for x, y in AREA], color=PALETTE[CURVES[0][1]], fill_opacity=0.35,
                         stroke_width=0)
        self.play(FadeIn(region), run_time=rt(0.8))
self.play(Write(rows[0]), run_time=rt(1.2))
for before, row in zip(rows, rows[1:]):
    self.play(FadeIn(row[0]), TransformMatchingShapes(before[1].copy(), row[1]), run_time=rt(1.6))
    self.wait(rt(0.5))
self.play(Create(SurroundingRectangle(rows[-1][1], color=YELLOW, buff=0.12)), run_time=rt(0.8))
if CHECK:
    self.play(Write(check), run_time=rt(1))
if GRAPH_XR:
    for (pieces, c), name in zip(CURVES[1:], names[1:]):
        self.play(Create(VGroup(*[polyline(ax, p, PALETTE[c]) for p in pieces])), FadeIn(name), run_time=rt(1.5))
    for pts, c in MARKS:
        self.play(Create(polyline(ax, pts, PALETTE[c])), run_time=rt(1))
self.wait(rt(2.5))
'''


@dataclass
class Step:
    """One line: what is shown (unevaluated, in the order written) and its value; kind expr, eq or rel."""

    shown: object
    value: object
    kind: str
    written: bool = True  # as the catalogue wrote it (kept in its order), or built by sympy (printed in sympy's)


@dataclass
class Derivation:
    steps: list
    subject: object = None  # the function the derivation is about, when there is one
    own: bool = False  # built for the request's own function
    notes: list = field(default_factory=list)
    check: tuple | None = None  # (LaTeX, passed) when the lines were checked another way than check_line
    graph: object = None  # a Graph the lines come with (the request's own parabola and its roots)


def parse_step(entry, text: str) -> Step:
    """A step string as written (unevaluated) and as a value (evaluated)."""
    names = {n for n in re.findall(r"\b([A-Za-z_]\w*)\b(?!\s*\()", text) if not hasattr(sp, n) or len(n) == 1}
    local = symbols(entry, tuple(names - {"pi", "oo"}), text)
    value = sp.sympify(text, locals=dict(local))
    try:
        shown = parse_expr(text, local_dict=dict(local), evaluate=False)
    except Exception:  # noqa: BLE001 - a method call (.subs) needs evaluation
        shown = value
    kind = "eq" if isinstance(value, sp.Equality) else "rel" if isinstance(value, sp.core.relational.Relational) \
        else "expr"
    return Step(shown, value, kind)


def step_tex(e, written: bool = True) -> str:
    """LaTeX of a step as written (or, when sympy built it, in sympy's order); a symbol dydx as dy/dx."""
    names = {s: rf"\frac{{d{m.group(1)}}}{{d{m.group(2)}}}" for s in e.free_symbols
             if (m := re.fullmatch(r"d([A-Za-z])d([a-z])", s.name))}
    return written_tex(e, "none" if written else None, names)


def evaluate(e):
    """The value of a step: limits, derivatives, integrals and sums done; two-argument logs as ratios."""
    e = e.replace(lambda m: isinstance(m, LogBase), lambda m: sp.log(m.args[0]) / sp.log(m.args[1]))
    return e.doit()


def equal(a, b) -> bool:
    """Whether two expression steps are equal: symbolically, else at random points."""
    d = evaluate(a) - evaluate(b)
    try:
        if sp.simplify(d) == 0:
            return True
    except Exception:  # noqa: BLE001 - fall through to numbers
        pass
    free = sorted(d.free_symbols, key=str)
    rng = np.random.default_rng(7)
    for _ in range(4):
        point = {s: sp.Float(rng.uniform(0.3, 1.7)) for s in free}
        v = complex(sp.N(d.subs(point)))
        if not abs(v) < 1e-8:
            return False
    return True


def check_line(steps: list[Step]) -> tuple[str, bool | None]:
    """The sympy check under the derivation: consecutive expressions equal, or the last equation solving the
    first (an equation, an inequality, an ODE, an implicit or related rate). (LaTeX, passed); passed is None
    when there is nothing sympy can check (a system, a rewrite)."""
    if all(s.kind == "expr" for s in steps):
        ok = all(equal(a.value, b.value) for a, b in zip(steps, steps[1:], strict=False))
        return (r"\checkmark\ \text{sympy: each line equals the one before}" if ok else ""), ok
    first, last = steps[0], steps[-1]
    for check in (_rate_check, _ode_check, _solution_check):
        found = check(first, last)
        if found is not None:
            return found
    return _system_check(steps)


def _solution_check(first: Step, last: Step):
    """x = 5 solves 3x - 15 = 0; x > 3 has the solution set of 3x - 9 > 0."""
    a, b = first.value, last.value
    if first.kind == last.kind == "eq" and isinstance(b.lhs, sp.Symbol) and b.lhs in a.free_symbols \
            and b.lhs not in b.rhs.free_symbols:
        ok = sp.simplify((a.lhs - a.rhs).subs(b.lhs, b.rhs)) == 0
        return (rf"\checkmark\ {step_tex(last.shown)}\ \text{{solves}}\ {step_tex(first.shown)}" if ok else ""), ok
    if first.kind == last.kind == "rel" and len(a.free_symbols) == 1:
        v = next(iter(a.free_symbols))
        ok = sp.solveset(a, v, sp.S.Reals) == sp.solveset(b, v, sp.S.Reals)
        return (r"\checkmark\ \text{sympy: same solution set}" if ok else ""), ok
    return None


def _rate_check(first: Step, last: Step):
    """dy/dx from an implicit equation (sympy's idiff), or dV/dt from V = F(r) by the chain rule."""
    if not (first.kind == last.kind == "eq" and isinstance(last.value.lhs, sp.Symbol)):
        return None
    m = re.fullmatch(r"d([A-Za-z])d([a-z])", last.value.lhs.name)
    if not m:
        return None
    a, b = sp.Symbol(m.group(1)), sp.Symbol(m.group(2))
    eq = first.value
    if {a, b} <= eq.free_symbols:
        want = sp.idiff(eq.lhs - eq.rhs, a, b)
    elif eq.lhs == a:
        want = sum(sp.diff(eq.rhs, s) * sp.Symbol(f"d{s}d{b}") for s in eq.rhs.free_symbols)
    else:
        return None
    ok = sp.simplify(want - last.value.rhs) == 0
    return (rf"\checkmark\ \text{{sympy: }} {step_tex(last.shown)}" if ok else ""), ok


def _system_check(steps: list[Step]):
    """Equations that together fix every unknown (Lagrange's conditions): their solution satisfies the last."""
    eqs = [s.value for s in steps[:-1]]
    if not all(s.kind == "eq" for s in steps) or len(eqs) < 2:
        return "", None
    unknowns = sorted(set().union(*(e.free_symbols for e in eqs)), key=str)
    try:
        sols = sp.solve(eqs, unknowns, dict=True)
    except NotImplementedError:
        return "", None
    last = steps[-1].value
    if not sols or any(set(unknowns) - set(sol) for sol in sols):
        return "", None
    ok = all(sp.simplify((last.lhs - last.rhs).subs(sol)) == 0 for sol in sols)
    values = r",\ ".join(f"{step_tex(k)} = {step_tex(v)}" for k, v in sols[0].items())
    return (rf"\checkmark\ {values}\ \text{{satisfy}}\ {step_tex(steps[-1].shown)}" if ok else ""), ok


def _ode_check(first: Step, last: Step):
    """y = y_0 e^{kt} solves y' = k y: put the last line into the first and simplify."""
    funcs = [f for f in first.value.atoms(AppliedUndef)] if first.kind == "eq" else []
    if last.kind != "eq" or len(funcs) != 1 or not isinstance(last.value.lhs, sp.Symbol) \
            or funcs[0].func.__name__ != last.value.lhs.name:
        return None
    residual = (first.value.lhs - first.value.rhs).subs(funcs[0], last.value.rhs).doit()
    ok = sp.simplify(residual) == 0
    return (rf"\checkmark\ {step_tex(last.shown)}\ \text{{solves the equation}}" if ok else ""), ok


def links(steps: list[Step]) -> list[str]:
    """What stands before each line: = between expressions, ⇒ between equations that follow on, else nothing."""
    out = [""]
    for a, b in zip(steps, steps[1:], strict=False):
        if a.kind == b.kind == "expr":
            out.append("=")
        elif a.kind != "expr" and b.kind != "expr":
            fa, fb = a.value.free_symbols, b.value.free_symbols
            out.append(r"\Rightarrow" if fb <= fa or len(fa & fb) >= 2 else "")
        else:
            out.append("")
    return out


# ---------------------------------------------------------------------------------------------------------------
# The request's own function


def subject_of(ask: Ask, steps: list[Step]):
    """The function the entry's derivation is about: its `function`, what the first line differentiates or
    integrates, or f in a difference quotient (f(x + h) - f(x))/h."""
    if "function" in ask.settings:
        return parse_step(ask.entry, ask.settings["function"]).value
    first = steps[0].value
    if isinstance(first, sp.Derivative) and first.variables == (X,):
        return first.expr
    if isinstance(first, sp.Integral) and tuple(first.variables) == (X,):
        return first.function
    if isinstance(first, sp.Limit) and first.args[1] == H:
        num, den = sp.fraction(sp.together(first.args[0]))
        if den == H:
            return -sp.Add(*[t for t in sp.Add.make_args(sp.expand(num, deep=False)) if not t.has(H)])
    return None


def _rule_step(entry_id: str, g):
    """The middle line of a differentiation rule applied to g (product, quotient, chain), or None."""
    d = lambda e: sp.Derivative(e, X)  # noqa: E731 - short
    factors = [f for f in sp.Mul.make_args(g) if f.has(X)]
    if entry_id == "product_rule" and len(factors) >= 2:
        u, v = factors[0], sp.simplify(g / factors[0])
        return sp.Add(sp.Mul(d(u), v, evaluate=False), sp.Mul(u, d(v), evaluate=False), evaluate=False)
    if entry_id == "quotient_rule":
        u, v = sp.fraction(sp.together(g))
        if v.has(X):
            top = sp.Add(sp.Mul(d(u), v, evaluate=False), -sp.Mul(u, d(v), evaluate=False), evaluate=False)
            return sp.Mul(top, sp.Pow(sp.Pow(v, 2, evaluate=False), -1, evaluate=False), evaluate=False)
    if entry_id == "chain_rule":
        inner = g.args[0] if isinstance(g, sp.Function) and len(g.args) == 1 else g.base if g.is_Pow and \
            not g.exp.has(X) else None
        if inner is not None and inner != X:
            u = sp.Dummy("u")
            outer = (g.func(u) if isinstance(g, sp.Function) else u**g.exp)
            return sp.Mul(sp.diff(outer, u).subs(u, inner), d(inner), evaluate=False)
    return None


def own_steps(ask: Ask, steps: list[Step]) -> list[Step] | None:
    """The derivation for the request's own function of x, when it differs from the entry's and the entry's
    derivation is a limit quotient, a derivative or an integral; None otherwise."""
    g = request_function(ask)
    subject = subject_of(ask, steps)
    if g is None or subject is None or not g.free_symbols or g.free_symbols != {s for s in g.free_symbols
                                                                                 if s.name == "x"}:
        return None
    g = g.subs({s: X for s in g.free_symbols})
    first = steps[0].value
    if sp.simplify(g - subject) == 0 and not _new_bounds(ask, first):
        return None
    if isinstance(first, sp.Limit):
        q = (g.subs(X, X + H) - g) / H
        mid = sp.cancel(sp.expand(q)) if g.is_polynomial(X) else \
            sp.collect(sp.expand(sp.expand_trig(q)), [sp.sin(X), sp.cos(X), sp.exp(X)], func=sp.together)
        keep = mid != q and len(sp.latex(mid)) < 140
        lines = [sp.Limit(q, H, 0), *([sp.Limit(mid, H, 0)] if keep else []), final(g)]
    elif isinstance(first, sp.Derivative):
        middle = _rule_step(ask.entry.id, g)
        if middle is None and ask.entry.id in ("product_rule", "quotient_rule", "chain_rule"):
            return None  # the rule does not apply to g (not a product, quotient or composite): the entry's example
        lines = [sp.Derivative(g, X), *([middle] if middle is not None else []), final(g)]
    elif isinstance(first, sp.Integral):
        lines = _integral_lines(ask, first, g)
    else:
        return None
    return [Step(e, e, "expr", e.has(sp.UnevaluatedExpr)) for e in lines]  # F(b) - F(a) keeps its written order


def final(g):
    """g' in its shortest form (simplified, or factored over a common denominator)."""
    d = sp.diff(g, X)
    return min((sp.simplify(d), sp.factor(sp.cancel(d))), key=lambda e: len(sp.latex(e)))


def _new_bounds(ask: Ask, first) -> bool:
    """Whether the request gives other bounds for the entry's definite integral."""
    if not (isinstance(first, sp.Integral) and len(first.limits[0]) == 3 and ask.params.bounds):
        return False
    return tuple(float(v) for v in first.limits[0][1:]) != tuple(float(v) for v in ask.params.bounds)


def _integral_lines(ask: Ask, first, g) -> list:
    """∫ g (and F(b) − F(a) = value when the entry's integral is definite)."""
    F = sp.integrate(g, X, manual=True)  # the rule-based integrator: quick, or it gives up
    if F.has(sp.Integral):
        raise Unsupported("no antiderivative")
    if len(first.limits[0]) < 3:
        return [sp.Integral(g, X), F]
    a, b = (sp.nsimplify(v) for v in ask.params.bounds) if ask.params.bounds else first.limits[0][1:]
    u = sp.UnevaluatedExpr
    return [sp.Integral(g, (X, a, b)), sp.Add(F.subs(X, u(b)), -F.subs(X, u(a)), evaluate=False),
            sp.simplify(F.subs(X, b) - F.subs(X, a))]


# ---------------------------------------------------------------------------------------------------------------
# What is drawn beside the steps


@dataclass
class Graph:
    """Curves (data units) with their labels and colours, a shaded area and extra lines."""

    curves: list = field(default_factory=list)  # [expr in x, colour, label]
    lo: float = -3.0
    hi: float = 3.0
    area: tuple | None = None  # (expr, a, b)
    lines: list = field(default_factory=list)  # [points, colour]
    shot: str = ""


def area_view(steps: list[Step]) -> Graph | None:
    """A definite integral in x: its integrand with the area shaded."""
    for s in steps:
        e = s.value
        if isinstance(e, sp.Integral) and len(e.limits) == 1 and len(e.limits[0]) == 3 and e.limits[0][0] == X \
                and e.function.free_symbols <= {X}:
            a, b = (float(v) for v in e.limits[0][1:])
            pad = 0.25 * (b - a)
            value = evaluate(e)
            label = rf"\int_{{{step_tex(e.limits[0][1])}}}^{{{step_tex(e.limits[0][2])}}} {step_tex(e.function)}" \
                    rf"\,dx = {step_tex(value)}"
            return Graph([[e.function, 0, label]], a - pad, b + pad, (e.function, a, b),
                         shot=f"the integrand with the area from {fmt(a)} to {fmt(b)} shaded")
    return None


def function_view(ask: Ask, d: Derivation) -> Graph | None:
    """f and the derived function (f' or an antiderivative F) on one pair of axes."""
    f, result = d.subject, evaluate(d.steps[-1].value)
    if f is None or not f.free_symbols <= {X} or not result.free_symbols <= {X} or sp.simplify(f - result) == 0:
        return None
    integral = isinstance(d.steps[0].value, sp.Integral)
    name = "F(x)" if integral else "f'(x)"
    lo, hi = (-2 * float(sp.pi), 2 * float(sp.pi)) if _periodic(f) else (-3.0, 3.0)
    g = Graph([[f, 0, f"f(x) = {step_tex(f)}"], [result, 5, f"{name} = {step_tex(result)}"]], lo, hi,
              shot=f"f and {name} drawn together")
    if ask.settings.get("show") == "secant_to_tangent":
        x0, m = sp.Integer(1), result.subs(X, 1)
        y0 = f.subs(X, x0)
        g.lines = [[[(0, f.subs(X, 0)), (2, f.subs(X, 2))], 2], [[(x0 - 1.5, y0 - 1.5 * m), (x0 + 1.5, y0 + 1.5 * m)], 4]]
        g.shot += "; a secant through x = 0 and x = 2, then the tangent at x = 1 with slope f'(1)"
    return g


def _periodic(f) -> bool:
    """A trigonometric function of x itself (sin x, cos 2x): worth two periods on screen."""
    trig = f.atoms(sp.sin, sp.cos, sp.tan)
    return bool(trig) and all(sp.degree(t.args[0], X) == 1 for t in trig if t.args[0].is_polynomial(X))


def slice_view(ask: Ask, d: Derivation) -> Graph | None:
    """A surface f(x, y) cut at y = 1, with the derived function on the same slice."""
    if "surface" not in ask.settings:
        return None
    y = sp.Symbol("y")
    f = parse_step(ask.entry, ask.settings["surface"]).value.subs(y, 1)
    result = evaluate(d.steps[-1].value).subs(y, 1)
    if not (f.free_symbols <= {X} and result.free_symbols <= {X}):
        return None
    return Graph([[f, 0, f"f(x, 1) = {step_tex(f)}"],
                  [result, 5, rf"\frac{{\partial f}}{{\partial x}}(x, 1) = {step_tex(result)}"]],
                 shot="the surface cut at y = 1, with the partial derivative on the same slice")


def graph_constants(g: Graph | None) -> dict[str, str]:
    """The graph's data in axis units."""
    if g is None:
        return {"GRAPH_XR": "[]", "GRAPH_YR": "[]", "CURVES": "[]", "CURVE_LABELS": "[]", "AREA": "[]",
                "MARKS": "[]", "GRAPH_BOX": py(list(GRAPH))}
    samples = [sample(e, X, g.lo, g.hi)[1] for e, _, _ in g.curves]
    rel = Relation(X, "y", sp.Symbol("p"), g.curves[0][0], [], g.lo, g.hi)
    cv = canvas(rel, samples, [0])
    xs = np.linspace(g.lo, g.hi, 400)
    curves = [[clip_polyline(list(zip(xs, ys, strict=False)), cv, 2), c] for (_, c, _), ys in
              zip(g.curves, [sample(e, X, g.lo, g.hi, n=400)[1] for e, _, _ in g.curves], strict=False)]
    area = []
    if g.area:
        e, a, b = g.area
        ax_, ys = sample(e, X, a, b, n=120)
        area = [[cv.X(a), 0], *[[cv.X(p), max(min(cv.Y(q), cv.yr[1]), cv.yr[0])] for p, q in zip(ax_, ys, strict=False)],
                [cv.X(b), 0]]
    marks = [[pts, c] for line, c in g.lines for pts in clip_polyline([(float(p), float(q)) for p, q in line], cv)]
    return {"GRAPH_XR": py(cv.xr), "GRAPH_YR": py(cv.yr), "CURVES": py(curves),
            "CURVE_LABELS": repr([(label, c) for _, c, label in g.curves]), "AREA": py(area), "MARKS": py(marks),
            "GRAPH_BOX": py(list(GRAPH))}


def planned_boxes(title: str, graph: bool) -> dict[str, str]:
    """TITLE_BOX, BOX (the steps) and GRAPH_BOX (the axes inside the planned graph region) from the layout plan."""
    r = regions(title, arranged(title, sides((STEPS_BESIDE, GRAPH_PART))) if graph else (STEPS_ALONE,))
    out = {"TITLE_BOX": py(list(r["title"])), "BOX": py(list(r["steps"]))}
    if graph:
        g, (left, right, bottom, top) = r["graph"], AXES_INSET
        out["GRAPH_BOX"] = py([g[0] + left, g[1] - right, g[2] + bottom, g[3] - top])
    return out


# ---------------------------------------------------------------------------------------------------------------
# The composer


def derivation_of(ask: Ask) -> Derivation:
    """The entry's steps, or the request's own function's (or equation's), with the subject formula."""
    steps = [parse_step(ask.entry, s) for s in ask.settings["steps"]]
    solved = quadratic_solved(ask, steps)
    if solved is not None:
        return solved
    d = Derivation(steps, subject_of(ask, steps))
    mine = own_steps(ask, steps)
    g = request_function(ask)
    if mine is None and g is not None and not _about(g, [d.subject, *(st.value for st in steps)]):
        d.notes.append(f"This derivation is not built for the request's {sp.sstr(g)}: the entry's own example is "
                       "shown.")
    if mine is not None:
        _, ok = check_line(mine)
        if ok:
            d = Derivation(mine, _subject(mine), True)
            d.notes.append(f"The derivation is built for the request's own function {sp.sstr(d.subject)}.")
        else:
            d.notes.append("The request's function could not be checked step by step: the entry's derivation is shown.")
    return d


def _generic_quadratic(step: Step) -> bool:
    """Whether a step is a x² + b x + c = 0 with letters for coefficients (the formula's derivation)."""
    e = step.value
    if step.kind != "eq" or not e.lhs.is_polynomial(X) or sp.degree(e.lhs, X) != 2:
        return False
    return bool(e.lhs.free_symbols - {X}) and e.rhs == 0


def request_quadratic(ask: Ask):
    """The request's quadratic in x with real number coefficients ("solve x^2 - 5x + 6 = 0"), or None."""
    g = request_function(ask)
    if g is None or len(g.free_symbols) != 1 or next(iter(g.free_symbols)).name != "x":
        return None
    g = sp.expand(g.subs(next(iter(g.free_symbols)), X))
    if not g.is_polynomial(X) or sp.degree(g, X) != 2:
        return None
    coeffs = sp.Poly(g, X).all_coeffs()
    return g if all(c.is_real and c.is_number for c in coeffs) else None


def quadratic_solved(ask: Ask, steps: list[Step]) -> Derivation | None:
    """The request's own quadratic equation solved with the formula, when the entry derives the formula and the
    request gives an equation with numbers: its a, b, c, the discriminant, the formula with them, the roots
    (checked by putting them back), and the parabola with its roots marked."""
    g = request_quadratic(ask) if _generic_quadratic(steps[0]) else None
    if g is None:
        return None
    a, b, c = sp.Poly(g, X).all_coeffs()
    disc = sp.expand(b**2 - 4 * a * c)
    roots = sorted(sp.roots(g, X), key=lambda r: (sp.re(r), sp.im(r)))
    par = lambda v: f"({sp.latex(v)})" if v.could_extract_minus_sign() else sp.latex(v)  # noqa: E731 - short
    lines = [(f"{step_tex(g, False)} = 0", sp.Eq(g, 0)), (rf"a = {sp.latex(a)},\ b = {sp.latex(b)},\ c = {sp.latex(c)}",
                                                         None),
             (rf"\Delta = b^2 - 4ac = {par(b)}^2 - 4\cdot {par(a)}\cdot {par(c)} = {sp.latex(disc)}", disc),
             (rf"x = \frac{{-b \pm \sqrt{{\Delta}}}}{{2a}} = \frac{{{sp.latex(-b)} \pm {_root_tex(disc)}}}"
              rf"{{{sp.latex(2 * a)}}}", None), (_roots_tex(roots, disc), sp.FiniteSet(*roots))]
    ok = all(sp.simplify(g.subs(X, r)) == 0 for r in roots)
    check = (r"\checkmark\ \text{sympy: }" + r",\ ".join(f"f({sp.latex(r)}) = 0" for r in roots)) if ok else ""
    d = Derivation([Step(t, v, "eq") for t, v in lines], g, True, check=(check, ok), graph=_parabola(g, roots))
    d.notes.append(f"The request's own equation {sp.sstr(g)} = 0 is solved with the formula.")
    return d


def _root_tex(disc) -> str:
    """√Δ as LaTeX: its value when Δ is a perfect square (√25 is 5), else the root."""
    r = sp.sqrt(disc)
    return sp.latex(r) if r.is_Rational else rf"\sqrt{{{sp.latex(disc)}}}"


def _roots_tex(roots: list, disc) -> str:
    """The last line: two roots, a double root, or a complex pair."""
    if disc == 0:
        return rf"x = {sp.latex(roots[0])}\ \text{{(a double root)}}"
    shown = r",\ ".join(f"x_{i} = {sp.latex(r)}" for i, r in enumerate(roots, 1))
    return shown + (r"\ \text{(no real roots)}" if disc < 0 else "")


def _parabola(g, roots: list) -> Graph:
    """y = g(x) around its vertex, wide enough for its real roots, each marked on the x axis."""
    vertex = float(-sp.Poly(g, X).all_coeffs()[1] / (2 * sp.Poly(g, X).all_coeffs()[0]))
    real = [float(r) for r in roots if r.is_real]
    half = max([3.0, *(1.5 * abs(r - vertex) for r in real)])
    marks = [[[(r, -0.35), (r, 0.35)], 4] for r in real]
    where = f": roots at x = {', '.join(fmt(r) for r in real)}" if real else ": it does not meet the x axis"
    return Graph([[g, 0, f"y = {step_tex(g, False)}"]], vertex - half, vertex + half, lines=marks,
                 shot="the parabola y = " + sp.sstr(g) + where)


def _about(g, values) -> bool:
    """Whether g is one of the derivation's expressions (or one side of its equations) up to simplification."""
    for v in values:
        sides = (v.lhs, v.rhs, v.lhs - v.rhs) if isinstance(v, sp.Equality) else (v,)
        try:
            if any(isinstance(e, sp.Expr) and sp.simplify(evaluate(e) - g) == 0 for e in sides):
                return True
        except Exception:  # noqa: BLE001 - a value sympy cannot compare is not g
            continue
    return False


def _subject(steps: list[Step]):
    """The function a built derivation is about: what its first line differentiates or integrates."""
    first = steps[0].value
    if isinstance(first, (sp.Derivative, sp.Integral)):
        return first.function if isinstance(first, sp.Integral) else first.expr
    num, _ = sp.fraction(sp.together(first.args[0]))
    return -sp.Add(*[t for t in sp.Add.make_args(sp.expand(num, deep=False)) if not t.has(H)])


@composer("derivation")
def derivation(ask: Ask) -> Lesson:
    """The steps written line by line, checked by sympy, with the function (or area, or slice) beside them."""
    d = derivation_of(ask)
    shown = [s.shown if isinstance(s.shown, str) else step_tex(s.shown, s.written) for s in d.steps]
    if any(len(t) > LONG for t in shown):
        raise Unsupported("a step too long to read")
    check, ok = d.check or check_line(d.steps)
    if ok is False:
        raise Unsupported("the steps do not check")
    graph = d.graph or area_view(d.steps) or function_view(ask, d) or slice_view(ask, d)
    joins = [""] * len(d.steps) if d.check else links(d.steps)
    consts = {"TITLE": repr(ask.title), "STEPS": repr(shown), "LINKS": repr(joins), "CHECK": tex(check),
              **graph_constants(graph), **planned_boxes(ask.title, graph is not None)}
    name = ask.scene_name()
    shots = ([graph.curves[0][2] and f"the graph of ${graph.curves[0][2]}$"] if graph else []) + \
        [f"line {i + 1}: ${t}$" for i, t in enumerate(shown)] + \
        (["the last line boxed; " + ("sympy's check: $" + check + "$" if check else "the result")]) + \
        ([graph.shot] if graph else [])
    values = {"steps": [s.value for s in d.steps], "result": evaluate(d.steps[-1].value), "checked": ok,
              "subject": d.subject, "own": d.own}
    extra = f"## {'推导' if ask.zh else 'Derivation'}\n\n" + "\n".join(f"$${t}$$" for t in shown) + \
        (f"\n\n${check}$" if check else "")
    return Lesson(ask.entry.composer, ask.title, name, scene_code(name, consts, LOGIC),
                  entry_notes(ask, shots, extra), _reasoning(ask, d, ok, shots), values)


def _reasoning(ask: Ask, d: Derivation, ok, shots: list[str]) -> list[str]:
    """What was recognised, whose function, whether sympy checked it, then the shots."""
    e = ask.entry
    subject = f" about {sp.sstr(d.subject)}" if d.subject is not None else ""
    lines = [f"Catalogue entry: {e.name} ({e.area}), drawn by the derivation composer: {len(d.steps)} lines{subject}.",
             *d.notes]
    lines.append({True: "Checked with sympy: every step holds.", False: "sympy could not confirm every step.",
                  None: "These lines are a rewriting sympy does not check as a chain (a system or a change of form)."}[ok])
    return lines + [f"Shot {i}: {shot}" for i, shot in enumerate(shots, 1)]
