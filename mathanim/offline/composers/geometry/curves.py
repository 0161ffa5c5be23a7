"""Curves: polar curves traced by a rotating radius, parametric curves with their tangent, and the conics with
their foci (the ellipse's constant sum of distances, the hyperbola's constant difference, the parabola's focus
and directrix, the whole family r = l / (1 + e cos θ))."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

from ...common import latex, num
from .kit import Draft, Figure, Frame, Reader, exact, figure_draft, grid, line_through, pick, val_tex

theta, t = sp.symbols("theta t", real=True)
N = 181  # samples along a traced curve


def as_pi(v) -> sp.Expr:
    """A range end written as a decimal (3.1416, 18.85) as a multiple of π when it is one."""
    r = sp.nsimplify(float(v) / math.pi, rational=True, tolerance=1e-3)
    return r * sp.pi if r.q <= 12 and abs(float(r) * math.pi - float(v)) < 2e-3 else exact(v)


def sample(fx, fy, lo: float, hi: float, n: int = N) -> list[tuple[float, float]]:
    ts = np.linspace(lo, hi, n)
    return [(float(fx(v)), float(fy(v))) for v in ts]


def runs(points, box) -> list[list[tuple[float, float]]]:
    """The pieces of a sampled curve that lie inside box = (x0, x1, y0, y1) (math units)."""
    out, cur = [], []
    for p in points:
        if math.isfinite(p[0]) and math.isfinite(p[1]) and box[0] <= p[0] <= box[1] and box[2] <= p[1] <= box[3]:
            cur.append(p)
        elif cur:
            out.append(cur)
            cur = []
    return [c for c in ([*out, cur] if cur else out) if len(c) > 1]


def polar_rings(fig: Figure, top: int) -> list[list]:
    rings = [["circle", "O", k * fig.f.unit, "GREY", 1.2] for k in range(1, top + 1)]
    end = (top * 1.0, 0.0)
    rays = [["seg", "O", fig.at((end[0] * math.cos(a), end[0] * math.sin(a))), "GREY", 1.2]
            for a in np.linspace(0, 2 * math.pi, 12, endpoint=False)]
    return rings + rays


def polar_curve(r: Reader) -> Draft:
    s = r.ask.settings
    names = {k: r.num(k, s[k], lambda v: v.is_positive and v < 50) for k in ("a", "k") if k in s}
    expr = sp.sympify(s["curve"], locals={"theta": theta, **{k: sp.Symbol(k) for k in names}}).subs(
        {sp.Symbol(k): v for k, v in names.items()})
    lo, hi = (as_pi(v) for v in s.get("theta_range", [0, 2 * math.pi]))
    f = sp.lambdify(theta, expr, "math")
    pts = sample(lambda v: f(v) * math.cos(v), lambda v: f(v) * math.sin(v), float(lo), float(hi))
    top = max(1, math.ceil(max(math.hypot(*p) for p in pts)))
    fig = Figure(Frame([(-top, -top), (top, top)], margin=0.45))
    fig.point("O", (0, 0))
    fig.mover("P", pts)
    given = ",\\ ".join(f"{k} = {latex(v)}" for k, v in names.items())
    fig.add(*polar_rings(fig, top), show=[r.ask.entry.formulas[0].latex, *([given] if given else [])], rt=1.2)
    fig.add(["seg", "O", "P", "YELLOW", 3], ["dot", "P", "YELLOW"],
            show=[f"\\theta: {latex(lo)} \\to {latex(hi)}"], rt=0.8)
    fig.add(["trace", "P", "BLUE", 5], ops=[["move", "P", 1.0]], rt=6)
    spiral = sp.simplify(expr.subs(theta, theta + 2 * sp.pi) - expr)
    if spiral.is_number and spiral != 0:
        fig.add(show=[f"r(\\theta + 2\\pi) - r(\\theta) {val_tex(spiral)}"], rt=1.5)
        value, said = spiral, f"each turn moves out by 2πa = {latex(spiral)}"
    else:
        value = sp.simplify(sp.integrate(expr**2 / 2, (theta, lo, hi)))
        fig.add(show=[f"A = \\frac{{1}}{{2}}\\int_{{{latex(lo)}}}^{{{latex(hi)}}} r^2\\,d\\theta {val_tex(value)}"],
                ops=[["indicate", len(fig.lines)]], rt=1.8)
        said = f"the enclosed area ½∫r² dθ = {latex(value)}"
    shots = [f"The polar grid and r = {latex(expr)}.", f"The radius turns from θ = {latex(lo)} to {latex(hi)}; "
             "its tip traces the curve.", f"Then {said}."]
    return figure_draft(fig, shots, {"r": expr, "value": value})


def parametric(r: Reader) -> Draft:
    s = r.ask.settings
    xe, ye = (sp.sympify(s[k], locals={"t": t}) for k in ("x", "y"))
    lo, hi = (float(v) for v in s.get("t_range", [-2, 2]))
    t0 = r.num("t", 1 if lo < 1 < hi else (lo + hi) / 2, lambda v: lo <= v <= hi and sp.diff(xe, t).subs(t, v) != 0)
    dx, dy = sp.diff(xe, t), sp.diff(ye, t)
    slope = sp.simplify(dy / dx)
    at0 = sp.simplify(slope.subs(t, t0))
    fx, fy = sp.lambdify(t, xe, "math"), sp.lambdify(t, ye, "math")
    pts = sample(fx, fy, lo, hi)
    p0 = (float(xe.subs(t, t0)), float(ye.subs(t, t0)))
    v = (float(dx.subs(t, t0)), float(dy.subs(t, t0)))
    k = 1.2 / math.hypot(*v)
    fig = Figure(Frame([(0, 0), *pts], margin=0.6))
    fig.mover("P", pts)
    fig.point("T0", p0)
    fig.point("T1", (p0[0] - k * v[0], p0[1] - k * v[1]))
    fig.point("T2", (p0[0] + k * v[0], p0[1] + k * v[1]))
    fig.add(*grid(fig), show=[f"x = {latex(xe)},\\ y = {latex(ye)}"], rt=1.2)
    fig.add(["dot", "P", "YELLOW"], show=[f"t: {num(lo)} \\to {num(hi)}"], rt=0.8)
    fig.add(["trace", "P", "BLUE", 5], ops=[["move", "P", 1.0]], rt=5)
    fig.add(show=[f"\\frac{{dx}}{{dt}} = {latex(dx)},\\ \\frac{{dy}}{{dt}} = {latex(dy)}",
                  f"\\frac{{dy}}{{dx}} = \\frac{{dy/dt}}{{dx/dt}} = {latex(slope)}"], rt=2)
    fig.add(["seg", "T1", "T2", "ORANGE", 4], ["dot", "T0", "ORANGE"],
            fig.label(p0, f"t = {latex(t0)}", (1, -1), "ORANGE", 30),
            show=[f"t = {latex(t0)}:\\ \\frac{{dy}}{{dx}} {val_tex(at0)}"], ops=[["indicate", 4]], rt=1.8)
    shots = [f"The curve x = {latex(xe)}, y = {latex(ye)} traced as t runs from {num(lo)} to {num(hi)}.",
             f"dy/dx = (dy/dt)/(dx/dt) = {latex(slope)}.", f"At t = {latex(t0)} the tangent has slope {latex(at0)}."]
    return figure_draft(fig, shots, {"slope": slope, "slope_t0": at0})


def _foci(fig: Figure, c: float) -> list[list]:
    fig.point("F1", (-c, 0))
    fig.point("F2", (c, 0))
    return [["dot", "F1", "ORANGE"], ["dot", "F2", "ORANGE"], fig.label((-c, 0), "F_1", (0, -1), "ORANGE", 30),
            fig.label((c, 0), "F_2", (0, -1), "ORANGE", 30)]


def ellipse(r: Reader) -> Draft:
    a, b = r.num("a", r.setting("a", 5)), r.num("b", r.setting("b", 3))
    if b > a:
        r.notes.append(f"b = {num(b)} > a = {num(a)}: the axes are swapped, using a = {num(b)}, b = {num(a)}.")
        a, b = b, a
    elif b == a:
        r.notes.append("a = b is a circle, with both foci at the centre: using the entry's a and b.")
        a, b = exact(r.setting("a", 5)), exact(r.setting("b", 3))
    c = sp.sqrt(a**2 - b**2)
    af, bf = float(a), float(b)
    pts = sample(lambda u: af * math.cos(u), lambda u: bf * math.sin(u), 0.6, 0.6 + 2 * math.pi)
    fig = Figure(Frame([(-af, -bf - 0.9), (af, bf)], margin=0.5))
    fig.mover("P", pts)
    fig.add(*grid(fig, ticks=False), *_foci(fig, float(c)),
            show=[f"\\frac{{x^2}}{{{latex(a**2)}}} + \\frac{{y^2}}{{{latex(b**2)}}} = 1"], rt=1.5)
    fig.add(["seg", "P", "F1", "GREEN", 4], ["seg", "P", "F2", "BLUE", 4], ["dot", "P", "YELLOW"],
            ["readout", "PF_1 + PF_2 =", "len", [["P", "F1", 1], ["P", "F2", 1]],
                                          fig.at((0, -bf - 0.55)), 2],
            show=[f"c^2 = a^2 - b^2 = {latex(a**2)} - {latex(b**2)} = {latex(c**2)},\\ c {val_tex(c)}"], rt=1.5)
    fig.add(["trace", "P", "YELLOW", 5], ops=[["move", "P", 1.0]], show=[f"PF_1 + PF_2 = 2a = {latex(2 * a)}"], rt=6)
    fig.add(show=[f"e = \\frac{{c}}{{a}} {val_tex(c / a)}"], ops=[["indicate", 2]], rt=1.5)
    shots = [f"The foci F₁, F₂ = (±{latex(c)}, 0) of the ellipse with a = {latex(a)}, b = {latex(b)}.",
             "A point P moves so that PF₁ + PF₂ stays the same: the string construction draws the ellipse.",
             f"The sum is 2a = {latex(2 * a)}; c² = a² − b² = {latex(c**2)}; e = c/a = {latex(c / a)}."]
    return figure_draft(fig, shots, {"c": c, "e": c / a, "sum": 2 * a})


def hyperbola(r: Reader) -> Draft:
    a, b = r.num("a", r.setting("a", 3)), r.num("b", r.setting("b", 4))
    c = sp.sqrt(a**2 + b**2)
    af, bf, cf = float(a), float(b), float(c)
    X = 1.5 * cf
    box = (-X, X, -X * 0.75, X * 0.75)
    um = math.acosh(X / af)
    right = sample(lambda u: af * math.cosh(u), lambda u: bf * math.sinh(u), -um, um)
    left = [(-x, y) for x, y in right]
    fig = Figure(Frame([(box[0], box[2] - 1.0), (box[1], box[3])], margin=0.3))
    path = runs(right, box)[0]
    fig.mover("P", path[::-1] + path)
    asym = [line_through(fig, (0, 0), (af, k * bf), "TEAL", 2.5, "dash") for k in (1, -1)]
    fig.add(*grid(fig, ticks=False), *_foci(fig, cf),
            show=[f"\\frac{{x^2}}{{{latex(a**2)}}} - \\frac{{y^2}}{{{latex(b**2)}}} = 1"], rt=1.5)
    fig.add(*[fig.curve(piece, "YELLOW", 5) for piece in runs(left, box) + runs(right, box)], *asym,
            show=[f"y = \\pm\\frac{{b}}{{a}}x = \\pm {latex(b / a)}x"], rt=2)
    fig.add(["seg", "P", "F1", "GREEN", 4], ["seg", "P", "F2", "BLUE", 4], ["dot", "P", "WHITE"],
            ["readout", "PF_1 - PF_2 =", "len", [["P", "F1", 1], ["P", "F2", -1]], fig.at((0, box[2] - 0.55)), 2],
            show=[f"c^2 = a^2 + b^2 = {latex(c**2)},\\ c {val_tex(c)}"], rt=1.5)
    fig.add(ops=[["move", "P", 1.0]], show=[f"|PF_1 - PF_2| = 2a = {latex(2 * a)}"], rt=5)
    shots = [f"The hyperbola with a = {latex(a)}, b = {latex(b)}, its foci (±{latex(c)}, 0) and asymptotes "
             f"y = ±{latex(b / a)}x.", "P moves along the right branch: PF₁ − PF₂ stays 2a.",
             f"c² = a² + b² = {latex(c**2)}."]
    return figure_draft(fig, shots, {"c": c, "slope": b / a, "difference": 2 * a})


def parabola(r: Reader) -> Draft:
    p = r.num("p", r.setting("p", 2))
    pf = float(p)
    X = 4 * pf
    pts = sample(lambda u: u, lambda u: u * u / (4 * pf), -X * 0.95, X * 0.95)
    fig = Figure(Frame([(-X, -pf - 1.0), (X, X * X / (4 * pf))], margin=0.3))
    fig.mover("P", pts[40:] + pts[::-1] + pts[:41])
    fig.mover("Q", [(x, -pf) for x, _ in pts[40:] + pts[::-1] + pts[:41]])
    fig.point("F", (0, pf))
    fig.point("L1", (-X, -pf))
    fig.point("L2", (X, -pf))
    fig.add(*grid(fig, ticks=False), ["dot", "F", "ORANGE"], fig.label((0, pf), f"F(0, {latex(p)})", (1, 0.3),
                                                                      "ORANGE", 30),
            ["seg", "L1", "L2", "TEAL", 3], fig.label((-X, -pf), f"y = {latex(-p)}", (0.5, 1), "TEAL", 28, 0.45),
            show=[f"x^2 = 4py = {latex(4 * p)}y"], rt=1.5)
    fig.add(fig.curve(pts, "YELLOW", 5), show=[f"\\text{{focus }}(0, {latex(p)}),\\ \\text{{directrix }}y = {latex(-p)}"],
            rt=1.5)
    fig.add(["seg", "P", "F", "GREEN", 4], ["seg", "P", "Q", "BLUE", 4], ["dot", "P", "WHITE"],
            ["readout", "PF =", "len", [["P", "F", 1]], fig.at((-X * 0.55, X * X / (4 * pf) * 0.85)), 2, "", "GREEN"],
            ["readout", "PQ =", "len", [["P", "Q", 1]], fig.at((X * 0.55, X * X / (4 * pf) * 0.85)), 2, "", "BLUE"],
            rt=1.5)
    fig.add(ops=[["move", "P", 1.0], ["move", "Q", 1.0]], show=["PF = PQ"], rt=5)
    shots = [f"The focus F = (0, {latex(p)}) and the directrix y = {latex(-p)}.",
             f"The parabola x² = {latex(4 * p)}y.", "P moves along it: its distance to F equals its distance to the "
             "directrix."]
    return figure_draft(fig, shots, {"focus": p, "4p": 4 * p})


def polar_family(r: Reader) -> Draft:
    ecc = [exact(e) for e in r.setting("eccentricities", [0, 0.5, 1, 1.5])]
    l_ = r.num("l", r.setting("l", 1))
    lf = float(l_)
    box = (-4.2 * lf, 2.2 * lf, -2.4 * lf, 2.4 * lf)
    fig = Figure(Frame([(box[0], box[2]), (box[1], box[3])], margin=0.2))
    fig.point("O", (0, 0))
    fig.add(*grid(fig, ticks=False), ["dot", "O", "ORANGE"], show=["r = \\frac{l}{1 + e\\cos\\theta}"], rt=1.2)
    colors = ["BLUE", "GREEN", "YELLOW", "RED", "PURPLE"]
    kinds = {0: "circle", 1: "parabola"}
    for i, e in enumerate(ecc[:5]):
        fe = float(e)
        pts = sample(lambda u, fe=fe: lf * math.cos(u) / (1 + fe * math.cos(u)) if 1 + fe * math.cos(u) > 0.05
                     else math.inf, lambda u, fe=fe: lf * math.sin(u) / (1 + fe * math.cos(u))
                     if 1 + fe * math.cos(u) > 0.05 else math.inf, -math.pi, math.pi, 241)
        kind = kinds.get(fe, "ellipse" if fe < 1 else "hyperbola")
        fig.add(*[fig.curve(piece, colors[i], 4) for piece in runs(pts, box)],
                show=[("tex", f"e = {latex(e)}:\\ \\text{{{kind}}}", colors[i])], rt=1.5)
    ex = r.ask.entry.example.values
    e0, l0 = exact(ex.get("e", 0.5)), exact(ex.get("l", 3))
    fig.add(show=[f"e = {latex(e0)},\\ l = {latex(l0)}:\\ r(0) = \\frac{{{latex(l0)}}}{{1 + {latex(e0)}}} "
                  f"{val_tex(l0 / (1 + e0))}"], rt=1.5)
    shots = ["One focus at the origin and r = l/(1 + e cos θ).",
             "e = 0 gives a circle, 0 < e < 1 an ellipse, e = 1 a parabola, e > 1 a hyperbola.",
             f"For e = {latex(e0)}, l = {latex(l0)}: r(0) = {latex(l0 / (1 + e0))}."]
    return figure_draft(fig, shots, {"r0": l0 / (1 + e0)})


CONICS = {"ellipse": ellipse, "hyperbola": hyperbola, "parabola": parabola, "polar_family": polar_family}


def conic(r: Reader) -> Draft:
    return pick(CONICS, r.setting("conic"))(r)
