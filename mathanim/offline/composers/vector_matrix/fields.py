"""Fields: a gradient field over the level curves of f (the gradient at a point, perpendicular to its level curve;
the directional derivative), and vector fields with particles carried by the flow (divergence), a paddle wheel
(curl), the circulation round a boundary (Green, Stokes) and the flux out of a ball (divergence theorem). Every
number is sympy's; the arrows, level curves and particle paths are sampled here and drawn by the figure."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

from ...common import latex
from ..geometry.kit import Draft, Figure, Frame, Reader, exact, figure_draft, grid, val_tex
from .vectors import TILTED, flat, tup

x, y, z, t = sp.symbols("x y z t", real=True)


def field_arrows(fig: Figure, F, box, n=(11, 9), size=0.8) -> list:
    """Arrows of the plane field F = (P, Q) (numeric functions) on an n-grid of box, scaled to the spacing."""
    hx, hy = (box[1] - box[0]) / (2 * n[0]), (box[3] - box[2]) / (2 * n[1])
    xs, ys = np.linspace(box[0] + hx, box[1] - hx, n[0]), np.linspace(box[2] + hy, box[3] - hy, n[1])
    step = min(xs[1] - xs[0], ys[1] - ys[0])
    vals = [(a, b, *F(a, b)) for a in xs for b in ys]
    top = max(math.hypot(u, v) for _, _, u, v in vals) or 1.0
    out = []
    for a, b, u, v in vals:
        k = size * step / top
        if math.hypot(u, v) * k > 0.15 * step:
            out.append([fig.at((a - k * u / 2, b - k * v / 2)), fig.at((a + k * u / 2, b + k * v / 2))])
    return ["arrows", out, "BLUE_B", 2.5]


def level_segments(fig: Figure, fn, box, level: float, n: int = 36) -> list:
    """The level curve fn = level in box by marching squares, as segments in scene coordinates."""
    xs, ys = np.linspace(box[0], box[1], n + 1), np.linspace(box[2], box[3], n + 1)
    Z = np.array([[fn(a, b) for a in xs] for b in ys]) - level
    segs = []
    for j in range(n):
        for i in range(n):
            corners = [(xs[i], ys[j], Z[j, i]), (xs[i + 1], ys[j], Z[j, i + 1]), (xs[i + 1], ys[j + 1], Z[j + 1, i + 1]),
                       (xs[i], ys[j + 1], Z[j + 1, i])]
            cuts = []
            for (xa, ya, va), (xb, yb, vb) in zip(corners, corners[1:] + corners[:1], strict=True):
                if va * vb < 0:
                    s = va / (va - vb)
                    cuts.append(fig.at((xa + s * (xb - xa), ya + s * (yb - ya))))
            segs += [cuts[k:k + 2] for k in range(0, len(cuts) - 1, 2)]
    return segs


def levels(fig: Figure, fn, box, f0: float) -> list[list]:
    """Level curves of fn around the value f0 (the one through the point in teal)."""
    values = sorted({round(f0 * k, 6) for k in (0.2, 0.5, 1, 1.6, 2.4)} if f0 else {-1.0, 1.0, 2.0, 4.0})
    return [["segs", level_segments(fig, fn, box, v), "TEAL" if v == round(f0, 6) else "GREY_B", 2.5] for v in values]


def flow(F, start, T: float, steps: int = 60, box=None) -> list[tuple[float, float]]:
    """A particle path of the field (RK4), sampled uniformly in time; it stops at the edge of box."""
    p = np.array(start, dtype=float)
    path, h = [tuple(p)], T / steps
    for _ in range(steps):
        k1 = np.array(F(*p))
        k2 = np.array(F(*(p + h / 2 * k1)))
        k3 = np.array(F(*(p + h / 2 * k2)))
        k4 = np.array(F(*(p + h * k3)))
        q = p + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        if box is None or (box[0] <= q[0] <= box[1] and box[2] <= q[1] <= box[3]):
            p = q
        path.append(tuple(p))
    return path


def parse_field(r: Reader) -> list[sp.Expr]:
    return [sp.sympify(c, locals={"x": x, "y": y, "z": z}) for c in r.setting("field", ["x", "y"])]


def gradient_field(r: Reader) -> Draft:
    f = sp.sympify(r.setting("function", "x**2 + 3*y**2"), locals={"x": x, "y": y})
    if r.ask.params.expr is not None and r.ask.params.expr.free_symbols <= {x, y} and r.ask.params.expr.free_symbols:
        f = r.ask.params.expr
    vs = [v for v in r.ask.params.vectors if len(v) == 2]
    px, py_ = (exact(c) for c in (vs[0] if vs else r.setting("point", [1, 1])))
    g = [sp.diff(f, x), sp.diff(f, y)]
    gp = [sp.simplify(c.subs({x: px, y: py_})) for c in g]
    R = max(2.0, 1.7 * max(abs(float(px)), abs(float(py_))), max(abs(float(px)), abs(float(py_))) / 0.85 + 1.7)
    box = (-R, R, -R * 0.85, R * 0.85)
    fn, G = sp.lambdify((x, y), f, "math"), sp.lambdify((x, y), g, "math")
    fig = Figure(Frame([(box[0], box[2]), (box[1], box[3])], margin=0.35))
    fig.add(*grid(fig, ticks=False), *levels(fig, fn, box, float(f.subs({x: px, y: py_}))), show=[f"f = {latex(f)}"],
            rt=1.5)
    fig.add(field_arrows(fig, lambda a, b: G(a, b), box), show=[f"\\nabla f = {tup(g)}"], rt=1.5)
    norm = sp.sqrt(sum(c**2 for c in gp))
    k = 1.4 / float(norm) if norm != 0 else 0.0
    fig.point("P", (float(px), float(py_)))
    fig.point("G", (float(px) + k * float(gp[0]), float(py_) + k * float(gp[1])))
    fig.point("T", (float(px) - k * float(gp[1]), float(py_) + k * float(gp[0])))
    fig.add(["dot", "P", "YELLOW"], ["arrow", "P", "G", "YELLOW", 6],
            fig.label((float(px), float(py_)), f"({latex(px)}, {latex(py_)})", (-1, -1), "YELLOW", 28),
            show=[f"\\nabla f({latex(px)}, {latex(py_)}) = {tup(gp)}", f"|\\nabla f| {val_tex(norm)}"], rt=1.8)
    fig.add(["dash", "P", "T", "TEAL"], ["right", "G", "P", "T", "WHITE", 0.2],
            show=[("text", "steepest ascent, ⟂ to the level curve", "YELLOW")], rt=1.5)
    values = {"gradient": sp.Matrix(gp), "norm": norm}
    if r.setting("direction"):
        directional(r, fig, gp, (px, py_), values)
    shots = [f"The level curves of f = {latex(f)} and its gradient field ∇f = {tup(g)}.",
             f"At ({latex(px)}, {latex(py_)}): ∇f = {tup(gp)}, |∇f| = {latex(norm)}.",
             "The gradient points uphill, perpendicular to the level curve."]
    return figure_draft(fig, shots, values)


def directional(r: Reader, fig: Figure, gp, p, values: dict) -> None:
    u = [exact(c) for c in r.setting("direction")]
    n = sp.sqrt(u[0] ** 2 + u[1] ** 2)
    u = [c / n for c in u]
    d = sp.nsimplify(gp[0] * u[0] + gp[1] * u[1])
    fig.point("U", (float(p[0]) + 1.4 * float(u[0]), float(p[1]) + 1.4 * float(u[1])))
    fig.add(["arrow", "P", "U", "GREEN", 6], show=[f"\\vec u = {tup(u)}",
                                                   f"D_{{\\vec u}}f = \\nabla f\\cdot\\vec u = {latex(gp[0])}\\cdot "
                                                   f"{latex(u[0])} + {latex(gp[1])}\\cdot {latex(u[1])} {val_tex(d)}"],
            ops=[["indicate", 5]], rt=2)
    values["directional"] = d


def _box_and_fig(R: float = 2.0) -> tuple[tuple, Figure]:
    box = (-R, R, -R * 0.85, R * 0.85)
    fig = Figure(Frame([(box[0], box[2]), (box[1], box[3])], margin=0.35))
    fig.point("O", (0, 0))
    return box, fig


def divergence(r: Reader, F2) -> Draft:
    P, Q = F2
    div = sp.simplify(sp.diff(P, x) + sp.diff(Q, y))
    box, fig = _box_and_fig()
    Fn = sp.lambdify((x, y), [P, Q], "math")
    fig.add(*grid(fig, ticks=False), field_arrows(fig, Fn, box), show=[f"\\vec F = {tup(F2)}"], rt=1.5)
    seeds = [(0.35 * math.cos(a), 0.35 * math.sin(a)) for a in np.linspace(0, 2 * math.pi, 8, endpoint=False)]
    for k, s in enumerate(seeds):
        fig.mover(f"Q{k}", flow(Fn, s, 1.6, box=box))
    sq = [(0.9 + dx, 0.5 + dy) for dx, dy in ((-0.25, -0.25), (0.25, -0.25), (0.25, 0.25), (-0.25, 0.25))]
    edge = [tuple(np.array(sq[i]) + (np.array(sq[(i + 1) % 4]) - np.array(sq[i])) * s) for i in range(4)
            for s in np.linspace(0, 1, 10, endpoint=False)]
    moved = [flow(Fn, p, 0.6)[-1] for p in edge]
    fig.add(*[["dot", f"Q{k}", "YELLOW", 0.06] for k in range(len(seeds))],
            show=[f"\\nabla\\cdot\\vec F = \\frac{{\\partial P}}{{\\partial x}} + \\frac{{\\partial Q}}{{\\partial y}} = "
                  f"{latex(sp.diff(P, x))} + {latex(sp.diff(Q, y))} = {latex(div)}"], rt=1.5)
    fig.add(ops=[["move", f"Q{k}", 1.0] for k in range(len(seeds))], rt=3)
    box_id = fig.add(["poly", [fig.at(p) for p in edge], "GREEN", 0.3, 3],
                     show=[("text", "a small box swells: more flows out than in", "GREEN")], rt=1.2)[0]
    fig.add(ops=[["morph", box_id, ["m_out", "poly", [fig.at(p) for p in moved], "GREEN", 0.3, 3]]], rt=2)
    shots = [f"The field F = {tup(F2)}.", "Particles released near the origin are carried outwards.",
             f"∇·F = {latex(div)}: a small box grows as the flow carries it (net outflow)."]
    return figure_draft(fig, shots, {"div": div})


def curl(r: Reader, F2) -> Draft:
    P, Q = F2
    c = sp.simplify(sp.diff(Q, x) - sp.diff(P, y))
    box, fig = _box_and_fig()
    Fn = sp.lambdify((x, y), [P, Q], "math")
    fig.add(*grid(fig, ticks=False), field_arrows(fig, Fn, box), show=[f"\\vec F = {tup(F2)}"], rt=1.5)
    fig.point("W", (0.9, 0.6))
    wheel = fig.add(["paddle", "W", 0.45, "YELLOW"],
                    show=[f"(\\nabla\\times\\vec F)_z = \\frac{{\\partial Q}}{{\\partial x}} - \\frac{{\\partial P}}"
                          f"{{\\partial y}} = {latex(sp.diff(Q, x))} - ({latex(sp.diff(P, y))}) = {latex(c)}"], rt=1.5)[0]
    turn = float(c) / 2 * 3.0 if c.is_number else 1.5
    fig.add(ops=[["rotate", wheel, wheel, turn, "W"]], show=[("text", "a paddle wheel spins at curl / 2", "YELLOW")],
            rt=3)
    shots = [f"The field F = {tup(F2)} swirls around the origin.", f"curl F = ∂Q/∂x − ∂P/∂y = {latex(c)}.",
             "A paddle wheel placed in the flow spins: its rate is half the curl."]
    return figure_draft(fig, shots, {"curl": c})


def green(r: Reader, F2) -> Draft:
    P, Q = F2
    c = sp.simplify(sp.diff(Q, x) - sp.diff(P, y))
    sub = {x: sp.cos(t), y: sp.sin(t)}
    circ = sp.simplify(sp.integrate((P.subs(sub) * sp.diff(sp.cos(t), t) + Q.subs(sub) * sp.diff(sp.sin(t), t)),
                                    (t, 0, 2 * sp.pi)))
    rr, th = sp.symbols("rr th", positive=True)
    dbl = sp.simplify(sp.integrate(sp.integrate(c.subs({x: rr * sp.cos(th), y: rr * sp.sin(th)}) * rr, (rr, 0, 1)),
                                   (th, 0, 2 * sp.pi)))
    box, fig = _box_and_fig(1.8)
    Fn = sp.lambdify((x, y), [P, Q], "math")
    ring = [(math.cos(a), math.sin(a)) for a in np.linspace(0, 2 * math.pi, 121)]
    fig.mover("B", ring)
    fig.mover("B2", [(px + 0.5 * Fn(px, py_)[0], py_ + 0.5 * Fn(px, py_)[1]) for px, py_ in ring])
    fig.add(*grid(fig, ticks=False), field_arrows(fig, Fn, box), show=[f"\\vec F = {tup(F2)}"], rt=1.5)
    fig.add(["poly", [fig.at(p) for p in ring[:-1]], "GREEN", 0.2, 3],
            show=[f"\\iint_D \\left(\\frac{{\\partial Q}}{{\\partial x}} - \\frac{{\\partial P}}{{\\partial y}}\\right)"
                  f"dA = \\iint_D {latex(c)}\\,dA = {latex(dbl)}"], rt=1.8)
    fig.add(["dot", "B", "YELLOW"], ["arrow", "B", "B2", "YELLOW", 5], rt=0.8)
    fig.add(ops=[["move", "B", 1.0], ["move", "B2", 1.0]],
            show=[f"\\oint_C P\\,dx + Q\\,dy = {latex(circ)}"], rt=4)
    fig.add(show=[("text", "circulation on C = total curl inside", "YELLOW")], ops=[["indicate", 2]], rt=1.5)
    shots = [f"F = {tup(F2)} and the unit disc D with its boundary circle C.",
             f"The curl inside integrates to ∬ {latex(c)} dA = {latex(dbl)}.",
             f"Going once round C, F pushes along the path: the circulation is {latex(circ)}, the same."]
    return figure_draft(fig, shots, {"circulation": circ, "double_integral": dbl})


def flux_ball(r: Reader, F3) -> Draft:
    div = sp.simplify(sum(sp.diff(c, v) for c, v in zip(F3, (x, y, z), strict=True)))
    vol = sp.Rational(4, 3) * sp.pi
    box, fig = _box_and_fig(1.8)
    Fn = sp.lambdify((x, y), [F3[0].subs(z, 0), F3[1].subs(z, 0)], "math")
    fig.add(*grid(fig, ticks=False), field_arrows(fig, Fn, box), show=[f"\\vec F = {tup(F3)}",
                                                                       ("text", "slice z = 0 of the unit ball")],
            rt=1.5)
    normals = []
    for k, a in enumerate(np.linspace(0, 2 * math.pi, 8, endpoint=False)):
        fig.point(f"N{k}", (math.cos(a), math.sin(a)))
        fig.point(f"M{k}", (1.6 * math.cos(a), 1.6 * math.sin(a)))
        normals.append(["arrow", f"N{k}", f"M{k}", "YELLOW", 4])
    fig.add(["circle", "O", fig.f.unit, "GREEN", 4], *normals,
            show=[f"\\nabla\\cdot\\vec F = {latex(div)}"], rt=1.8)
    fig.add(show=[f"\\iiint_V \\nabla\\cdot\\vec F\\,dV = {latex(div)}\\cdot\\frac{{4}}{{3}}\\pi = {latex(div * vol)}",
                  f"\\oint_S \\vec F\\cdot\\vec n\\,dS = {latex(div * vol)}"], ops=[["indicate", 4]], rt=2)
    shots = [f"F = {tup(F3)} points straight out of the unit ball (slice z = 0 shown).", f"div F = {latex(div)}.",
             f"The outward flux equals the integral of the divergence: {latex(div)} · 4π/3 = {latex(div * vol)}."]
    return figure_draft(fig, shots, {"div": div, "flux": div * vol})


def tilt(v) -> tuple[float, float]:
    return flat(v, TILTED)


def stokes(r: Reader, F3) -> Draft:
    curl3 = sp.Matrix([sp.diff(F3[2], y) - sp.diff(F3[1], z), sp.diff(F3[0], z) - sp.diff(F3[2], x),
                       sp.diff(F3[1], x) - sp.diff(F3[0], y)]).applyfunc(sp.simplify)
    sub = {x: sp.cos(t), y: sp.sin(t), z: 0}
    circ = sp.simplify(sp.integrate(F3[0].subs(sub) * -sp.sin(t) + F3[1].subs(sub) * sp.cos(t), (t, 0, 2 * sp.pi)))
    fig = Figure(Frame([tilt(p) for p in ((-1.3, -1.3, 0), (1.3, 1.3, 0), (0, 0, 1.6), (1.3, -1.3, 0))], margin=0.6))
    mer = [["curve", [fig.at(tilt((math.sin(a) * math.cos(b), math.sin(a) * math.sin(b), math.cos(a))))
                      for a in np.linspace(0, math.pi / 2, 16)], "BLUE_B", 2] for b in np.linspace(0, math.pi, 6)]
    par = [["curve", [fig.at(tilt((math.sin(a) * math.cos(b), math.sin(a) * math.sin(b), math.cos(a))))
                      for b in np.linspace(0, 2 * math.pi, 48)], "BLUE_B", 2] for a in (0.5, 1.0)]
    rim = [(math.cos(b), math.sin(b), 0) for b in np.linspace(0, 2 * math.pi, 97)]
    fig.mover("B", [tilt(p) for p in rim])
    fig.mover("B2", [tilt((p[0] - 0.45 * p[1], p[1] + 0.45 * p[0], 0)) for p in rim])
    ups = []
    for k, (a, b) in enumerate(((0.0, 0.0), (0.7, 0.5), (0.7, 2.6), (0.7, 4.4))):
        base = (math.sin(a) * math.cos(b), math.sin(a) * math.sin(b), math.cos(a))
        fig.point(f"S{k}", tilt(base))
        fig.point(f"T{k}", tilt((base[0], base[1], base[2] + 0.5)))
        ups.append(["arrow", f"S{k}", f"T{k}", "RED", 4])
    fig.add(*mer, *par, ["curve", [fig.at(tilt(p)) for p in rim], "GREEN", 5], show=[f"\\vec F = {tup(F3)}"], rt=1.8)
    fig.add(*ups, show=[f"\\nabla\\times\\vec F = {tup(curl3)}"], rt=1.5)
    fig.add(["dot", "B", "YELLOW"], ["arrow", "B", "B2", "YELLOW", 5], rt=0.8)
    fig.add(ops=[["move", "B", 1.0], ["move", "B2", 1.0]], show=[f"\\oint_C \\vec F\\cdot d\\vec r = {latex(circ)}"],
            rt=4)
    fig.add(show=[f"\\iint_S (\\nabla\\times\\vec F)\\cdot\\vec n\\,dS = {latex(curl3[2])}\\cdot\\pi = "
                  f"{latex(curl3[2] * sp.pi)}", ("text", "any surface with the same rim gives the same flux")],
            ops=[["indicate", 3]], rt=2)
    shots = [f"F = {tup(F3)}, a hemisphere S and its rim C (the unit circle).", f"curl F = {tup(curl3)} (red).",
             f"Circulation round C: {latex(circ)} = flux of curl F through S (or through the flat disc)."]
    return figure_draft(fig, shots, {"curl": curl3, "circulation": circ})


def vector_field(r: Reader) -> Draft:
    F = parse_field(r)
    show, region = r.setting("show"), r.setting("region")
    if len(F) == 3:
        return flux_ball(r, F) if region == "unit_ball" else stokes(r, F)
    if show == "paddle_wheel":
        return curl(r, F)
    if show == "boundary_circulation":
        return green(r, F)
    return divergence(r, F)
