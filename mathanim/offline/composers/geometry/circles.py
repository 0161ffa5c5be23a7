"""Circles: arc length and sector area, the radian, the five circle theorems with their angles or lengths
measured live while a point moves, and the angle sum of a polygon by triangulation."""

from __future__ import annotations

import math
import re

import sympy as sp

from ...common import latex, num
from .kit import Draft, Figure, Frame, Reader, deg_tex, figure_draft, pick, seg_label, val_tex

R = 3.0  # the radius of a circle whose size does not matter (math units)


def polar(r: float, deg: float, c=(0.0, 0.0)) -> tuple[float, float]:
    return c[0] + r * math.cos(math.radians(deg)), c[1] + r * math.sin(math.radians(deg))


def arc_path(r: float, degs, c=(0.0, 0.0)) -> list[tuple[float, float]]:
    """Points on the circle through the angles `degs` in turn (2° steps)."""
    out = []
    for d0, d1 in zip(degs, degs[1:], strict=False):
        n = max(2, int(abs(d1 - d0) / 2))
        out += [polar(r, d0 + (d1 - d0) * k / n, c) for k in range(n + (d1 == degs[-1]))]
    return out


def circle_figure(r: float = R, extra=(), margin=0.6) -> Figure:
    """A figure around a circle of radius r centred on O = (0, 0)."""
    fig = Figure(Frame([(-r, -r), (r, r), *extra], margin=margin))
    fig.point("O", (0, 0))
    return fig


def _names(fig: Figure, r: float, named: dict[str, float], color="WHITE") -> list[list]:
    """Points on the circle at the given angles, named outside it; returns their label items."""
    items = []
    for name, deg in named.items():
        fig.point(name, polar(r, deg))
        items.append(fig.label(polar(r, deg), name, polar(1, deg), color, 34, dist=0.3))
    return items


def sector(r: Reader) -> Draft:
    """circle with sector_deg: arc length s = rθ and sector area ½r²θ."""
    rad, deg = r.num("r", r.setting("r", 6)), r.num(("theta", "angle", "deg"), r.setting("sector_deg", 60),
                                                      lambda v: 0 < v < 360)
    th = deg * sp.pi / 180
    s, area = rad * th, rad**2 * th / 2
    fig = circle_figure()
    labels = _names(fig, R, {"A": 0, "B": float(deg)})
    u = fig.f.unit
    fig.add(["circle", "O", R * u, "WHITE"], ["dot", "O"], ["seg", "O", "A", "WHITE", 3],
            seg_label(fig, ((0, 0), (R, 0)), f"r = {latex(rad)}", (0, 1)), *labels, rt=1.5)
    fig.add(["sector", "O", R * u, 0, float(th), "BLUE", 0.35], ["seg", "O", "B", "WHITE", 3],
            ["angle", "A", "O", "B", f"{latex(deg)}^\\circ", "YELLOW", 0.55],
            show=[f"\\theta = {latex(deg)}^\\circ = {latex(th)}\\ \\text{{rad}}"], rt=1.5)
    fig.add(["arc", "O", R * u, 0, float(th), "YELLOW", 7],
            show=["s = r\\theta", f"s = {latex(rad)}\\cdot {latex(th)} {val_tex(s)}"], rt=1.8)
    fig.add(show=["A = \\frac{1}{2}r^2\\theta", f"A = \\frac{{1}}{{2}}\\cdot {latex(rad)}^2\\cdot {latex(th)} "
                  f"{val_tex(area)}"], ops=[["indicate", "m0"]], rt=1.8)
    frac = th / (2 * sp.pi)
    fig.add(show=[f"\\frac{{\\theta}}{{2\\pi}} = {latex(frac)}\\ \\text{{of the circle}}"], rt=1.2)
    shots = [f"A circle of radius r = {latex(rad)} and the sector of angle θ = {latex(deg)}° = {latex(th)} rad.",
             f"The arc: s = rθ = {latex(s)} ≈ {num(s)}.", f"The sector: A = ½r²θ = {latex(area)} ≈ {num(area)}.",
             f"The sector is {latex(frac)} of the whole circle."]
    return figure_draft(fig, shots, {"s": s, "A": area, "theta": th})


def radian(r: Reader) -> Draft:
    """circle with show = radian_arc: the radius laid along the circle subtends 1 rad ≈ 57.3°."""
    deg = r.num(("D", "deg", "angle"), r.ask.entry.example.values.get("D", 135), lambda v: 0 < v <= 720)
    fig = circle_figure(extra=[(R, R)])
    u = fig.f.unit
    labels = _names(fig, R, {"A": 0})
    fig.point("T", (R, R))
    fig.add(["circle", "O", R * u, "WHITE"], ["dot", "O"], ["seg", "O", "A", "YELLOW", 5],
            seg_label(fig, ((0, 0), (R, 0)), "r", (0, 1), "YELLOW"), *labels, rt=1.5)
    tan = fig.add(["seg", "A", "T", "YELLOW", 5], show=[("text", "lay the radius along the circle", "YELLOW")],
                  rt=1)[0]
    colors = ["YELLOW", "GREEN", "ORANGE"]
    fig.add(ops=[["morph", tan, ["k0", "arc", "O", R * u, 0, 1.0, "YELLOW", 8]], ["fade", tan]], rt=1.5)
    fig.point("U", polar(R, math.degrees(1)))
    fig.add(["seg", "O", "U", "WHITE", 3], ["angle", "A", "O", "U", "1\\ \\text{rad}", "YELLOW", 0.6],
            show=["\\theta = \\frac{s}{r} = 1\\ \\text{rad} \\approx 57.3^\\circ"], rt=1.5)
    arcs = [["arc", "O", R * u, k, min(1.0, math.pi - k), colors[k % 3], 8] for k in range(1, 4)]
    fig.add(*arcs, show=["\\pi\\ \\text{rad} = 180^\\circ"], rt=2)
    th = deg * sp.pi / 180
    fig.add(show=[f"\\theta = \\frac{{\\pi}}{{180}}D:\\ {latex(deg)}^\\circ = {latex(th)}\\ \\text{{rad}}"],
            ops=[["indicate", 3]], rt=1.5)
    shots = ["A circle and its radius r.", "The radius is bent onto the circle: an arc of length r.",
             "That arc subtends one radian, about 57.3°.", "π radii fit along half the circle: π rad = 180°.",
             f"{latex(deg)}° = {latex(th)} rad."]
    return figure_draft(fig, shots, {"rad": th, "one_rad_deg": 180 / sp.pi})


def inscribed(r: Reader) -> Draft:
    phi = r.num(("phi", "central", "angle"), (r.positional(1) or [r.setting("central_deg", 100)])[0],
                lambda v: 0 < v < 180)
    half = phi / 2
    a0, b0 = 270 - float(phi) / 2, 270 + float(phi) / 2
    fig = circle_figure(extra=[(0, -R - 1.1)])
    labels = _names(fig, R, {"A": a0, "B": b0})
    fig.mover("P", arc_path(R, [90, a0 - 25, b0 - 335, 90]))
    u = fig.f.unit
    fig.add(["circle", "O", R * u], ["dot", "O"], *labels, ["arc", "O", R * u, math.radians(a0),
                                                           math.radians(float(phi)), "YELLOW", 7], rt=1.5)
    fig.add(["seg", "O", "A", "BLUE", 3], ["seg", "O", "B", "BLUE", 3],
            ["angle", "A", "O", "B", deg_tex(phi), "BLUE", 0.5],
            show=[f"\\angle AOB = {deg_tex(phi)}\\ (\\text{{central}})"], rt=1.5)
    fig.add(["seg", "P", "A", "GREEN", 3], ["seg", "P", "B", "GREEN", 3], ["dot", "P", "GREEN"],
            ["tag", "P", "P", "O", "GREEN"], ["angle", "A", "P", "B", deg_tex(half), "GREEN", 0.5],
            ["readout", "\\angle APB =", "angle", ["A", "P", "B"], fig.at((0, -R - 0.75)), 1, "^\\circ", "GREEN"],
            show=[f"\\angle APB = \\frac{{1}}{{2}}\\angle AOB = {deg_tex(half)}"], rt=1.5)
    fig.add(ops=[["move", "P", 1.0]], show=[("text", "P moves on the arc: the angle stays", "GREEN")], rt=5)
    shots = [f"A circle, the arc AB and its central angle AOB = {num(phi)}°.",
             f"P on the circle sees the same arc under the inscribed angle APB = {num(half)}°.",
             "P moves along the circle: the measured angle stays half the central angle."]
    return figure_draft(fig, shots, {"central": phi, "inscribed": half})


def thales(r: Reader) -> Draft:
    """Thales: the angle in a semicircle is a right angle, so a² + b² = (2r)²."""
    if r.given("a") and r.given("b"):
        a, b = r.num("a", 6), r.num("b", 8)
        rad, deg = sp.sqrt(a**2 + b**2) / 2, 2 * sp.atan(a / b) * 180 / sp.pi
    else:
        rad, deg = r.num("r", 5), r.num(("theta", "angle"), r.setting("point_deg", 60), lambda v: 0 < v < 180)
        a, b = (sp.nsimplify(2 * rad * f(deg * sp.pi / 360)) for f in (sp.cos, sp.sin))
    fig = circle_figure(extra=[(0, -R - 1.1)])
    labels = _names(fig, R, {"A": 180, "B": 0})
    d0 = float(deg)
    fig.mover("P", arc_path(R, [d0, 160, 25, d0]))
    u = fig.f.unit
    fig.add(["circle", "O", R * u], ["seg", "A", "B", "BLUE", 4], ["dot", "O"], *labels,
            show=[f"AB = 2r = {latex(2 * rad)}"], rt=1.5)
    fig.add(["seg", "P", "A", "GREEN", 4], ["seg", "P", "B", "ORANGE", 4], ["dot", "P", "YELLOW"],
            ["tag", "P", "P", "O"], ["right", "A", "P", "B", "YELLOW", 0.25],
            ["readout", "\\angle APB =", "angle", ["A", "P", "B"], fig.at((0, -R - 0.75)), 1, "^\\circ", "YELLOW"],
            show=["\\angle APB = 90^\\circ"], rt=1.5)
    fig.add(ops=[["move", "P", 1.0]], show=[("text", "wherever P is, the angle is right", "YELLOW")], rt=5)
    fig.add(show=[f"PA = {latex(a)},\\ PB = {latex(b)}", "PA^2 + PB^2 = AB^2 = (2r)^2",
                  f"{latex(a**2)} + {latex(b**2)} = {latex(sp.expand(a**2 + b**2))} = {latex(2 * rad)}^2"],
            ops=[["indicate", 4]], rt=2)
    shots = [f"A circle of radius r = {latex(rad)} and its diameter AB.",
             "P on the circle: the angle APB is a right angle, measured live while P moves.",
             f"So PA² + PB² = AB²: {latex(a**2)} + {latex(b**2)} = {latex(sp.expand(4 * rad**2))}."]
    return figure_draft(fig, shots, {"r": rad, "PA": a, "PB": b})


def _circumcentre(p, q, s) -> tuple[float, float]:
    """The centre of the circle through three points (where the drawing goes; no value shown depends on it)."""
    (ax, ay), (bx, by), (cx, cy) = ((float(u), float(v)) for u, v in (p, q, s))
    d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by))
    ux = ((ax**2 + ay**2) * (by - cy) + (bx**2 + by**2) * (cy - ay) + (cx**2 + cy**2) * (ay - by)) / d
    uy = ((ax**2 + ay**2) * (cx - bx) + (bx**2 + by**2) * (ax - cx) + (cx**2 + cy**2) * (bx - ax)) / d
    return ux, uy


def chords(r: Reader) -> Draft:
    """Intersecting chords: PA·PB = PC·PD."""
    seg = r.ask.settings.get("segments", [3, 8, 4, 6])
    pa, pb, pc = (r.num(n, d) for n, d in zip((("PA", "a"), ("PB", "b"), ("PC", "c")), seg, strict=False))
    pd = pa * pb / pc
    u, w = (sp.cos(sp.pi / 9), sp.sin(sp.pi / 9)), (sp.cos(5 * sp.pi / 9), sp.sin(5 * sp.pi / 9))
    pts = {"A": (-pa * u[0], -pa * u[1]), "B": (pb * u[0], pb * u[1]), "C": (-pc * w[0], -pc * w[1]),
           "D": (pd * w[0], pd * w[1])}
    ox, oy = _circumcentre(pts["A"], pts["B"], pts["C"])
    rad = math.hypot(float(pts["A"][0]) - ox, float(pts["A"][1]) - oy)
    fpts = {k: (float(x), float(y)) for k, (x, y) in pts.items()}
    fig = Figure(Frame([(ox - rad, oy - rad), (ox + rad, oy + rad)], margin=0.6))
    fig.point("O", (ox, oy))
    fig.point("P", (0, 0))
    for k, p in fpts.items():
        fig.point(k, p)
    names = [fig.label(p, k, (p[0] - ox, p[1] - oy), size=34) for k, p in fpts.items()]
    fig.add(["circle", "O", rad * fig.f.unit], *names, rt=1.2)
    fig.add(["seg", "A", "B", "BLUE", 4], ["seg", "C", "D", "GREEN", 4], ["dot", "P", "YELLOW"],
            fig.label((0, 0), "P", (-1, 1), "YELLOW", 34), rt=1.2)
    lab = [seg_label(fig, ((0, 0), fpts[k]), f"{latex(v)}", (ox, oy + 0.001), c, 30)
           for k, v, c in (("A", pa, "BLUE"), ("B", pb, "BLUE"), ("C", pc, "GREEN"), ("D", pd, "GREEN"))]
    fig.add(*lab, show=[f"PA\\cdot PB = {latex(pa)}\\cdot {latex(pb)} = {latex(pa * pb)}",
                        f"PC\\cdot PD = {latex(pc)}\\cdot {latex(pd)} = {latex(pc * pd)}"], rt=2)
    fig.add(show=["PA\\cdot PB = PC\\cdot PD", f"PD = \\frac{{PA\\cdot PB}}{{PC}} {val_tex(pd)}"],
            ops=[["indicate", 2]], rt=1.8)
    shots = ["Two chords AB and CD of a circle cross at P.",
             f"PA = {latex(pa)}, PB = {latex(pb)}, PC = {latex(pc)}, PD = {latex(pd)}.",
             f"The products agree: PA·PB = PC·PD = {latex(pa * pb)}."]
    return figure_draft(fig, shots, {"PD": pd, "product": pa * pb})


def tangent_secant(r: Reader) -> Draft:
    """Tangent-secant: PT² = PA·PB for a tangent PT and a secant PAB from the same outside point P."""
    e = r.num(("PA", "a", "external"), r.setting("external", 4))
    w = r.num(("PB", "b", "whole"), r.setting("whole", 9), lambda v: v > e)
    t = sp.sqrt(e * w)
    ox, k = float(e + w) / 2, 0.55 * float(w - e) + 1
    rad = math.hypot(float(w - e) / 2, k)
    po = math.hypot(ox, k)
    beta = math.asin(rad / po) + math.atan2(k, ox)
    T = (float(t) * math.cos(beta), float(t) * math.sin(beta))
    fig = Figure(Frame([(0, 0), (ox - rad, k - rad), (ox + rad, k + rad), T], margin=0.6))
    for name, p in (("P", (0, 0)), ("A", (float(e), 0)), ("B", (float(w), 0)), ("O", (ox, k)), ("T", T)):
        fig.point(name, p)
    names = [fig.label(p, n, d, size=34) for n, p, d in (("P", (0, 0), (-1, -0.3)), ("A", (float(e), 0), (0, -1)),
                                                         ("B", (float(w), 0), (1, -0.5)), ("T", T, (-0.4, 1)))]
    fig.add(["circle", "O", rad * fig.f.unit], ["dot", "P", "YELLOW"], *names[:1], rt=1.2)
    fig.add(["seg", "P", "B", "BLUE", 4], ["dot", "A"], ["dot", "B"], *names[1:3],
            seg_label(fig, ((0, 0), (float(e), 0)), f"PA = {latex(e)}", (0, 1), "BLUE", 28),
            show=[f"PA = {latex(e)},\\ PB = {latex(w)}"], rt=1.5)
    fig.add(["seg", "P", "T", "GREEN", 4], ["dot", "T", "GREEN"], names[3], ["dash", "O", "T"],
            ["right", "P", "T", "O", "WHITE", 0.2], seg_label(fig, ((0, 0), T), "t", (ox, k), "GREEN", 32),
            show=[("text", "tangent PT ⟂ radius OT", "GREEN")], rt=1.5)
    fig.add(show=["PT^2 = PA\\cdot PB", f"PT^2 = {latex(e)}\\cdot {latex(w)} = {latex(e * w)}",
                  f"PT {val_tex(t)}"], ops=[["indicate", 4]], rt=2)
    shots = [f"A point P outside a circle; the secant through P meets it at A (PA = {latex(e)}) and B "
             f"(PB = {latex(w)}).", "The tangent from P touches the circle at T, perpendicular to the radius.",
             f"PT² = PA·PB = {latex(e * w)}, so PT = {latex(t)}."]
    return figure_draft(fig, shots, {"PT": t, "PT2": e * w})


def cyclic(r: Reader) -> Draft:
    """Cyclic quadrilateral: opposite angles add up to 180°."""
    A = r.num(("A", "angle"), (r.positional(1) or [r.setting("angle_A_deg", 70)])[0], lambda v: 20 <= v <= 160)
    C = 180 - A
    fig = circle_figure(extra=[(0, -R - 1.1)])
    bd = {"B": 270 - float(A), "C": 270.0, "D": 270 + float(A)}
    labels = _names(fig, R, bd)
    lo, hi = bd["D"] - 360 + 22, bd["B"] - 22
    fig.mover("A", arc_path(R, [90, hi, lo, 90]))
    u = fig.f.unit
    fig.add(["circle", "O", R * u], *labels, ["seg", "B", "C", "BLUE"], ["seg", "C", "D", "BLUE"], rt=1.5)
    fig.add(["seg", "A", "B", "BLUE"], ["seg", "D", "A", "BLUE"], ["dot", "A", "YELLOW"], ["tag", "A", "A", "O"],
            ["angle", "D", "A", "B", "", "YELLOW", 0.45], ["angle", "B", "C", "D", deg_tex(C), "GREEN", 0.45],
            show=[f"A = {deg_tex(A)},\\ C = {deg_tex(C)}"], rt=1.5)
    fig.add(["readout", "A =", "angle", ["D", "A", "B"], fig.at((-1.6, -R - 0.75)), 1, "^\\circ", "YELLOW"],
            ["readout", "C =", "angle", ["B", "C", "D"], fig.at((1.6, -R - 0.75)), 1, "^\\circ", "GREEN"],
            show=["A + C = 180^\\circ"], rt=1.2)
    fig.add(ops=[["move", "A", 1.0]], show=[("text", "A moves on its arc: A + C stays 180°", "YELLOW")], rt=5)
    fig.add(show=["\\text{arc } BCD + \\text{arc } DAB = 360^\\circ", "2A + 2C = 360^\\circ"],
            ops=[["indicate", 1]], rt=2)
    shots = [f"A quadrilateral ABCD inscribed in a circle, with A = {num(A)}°.",
             f"The opposite angle C = {num(C)}°.", "A slides along its arc: both angles stay, A + C = 180°.",
             "Each is half of an arc, and the two arcs make the whole circle."]
    return figure_draft(fig, shots, {"A": A, "C": C})


NAMED = {"triangle": 3, "square": 4, "pentagon": 5, "hexagon": 6, "heptagon": 7, "octagon": 8, "nonagon": 9,
         "decagon": 10, "五边形": 5, "六边形": 6, "八边形": 8}


def polygon(r: Reader) -> Draft:
    """polygon: the interior angles of an n-gon add up to (n − 2)·180°, by triangulation from one vertex."""
    named = next((v for k, v in NAMED.items() if re.search(k, r.ask.params.concept, re.I)), None)
    n = int(r.num("n", named or (r.positional(1) or [r.setting("n", 6)])[0], lambda v: v.is_integer and 3 <= v <= 12))
    total, each = (n - 2) * 180, sp.Rational((n - 2) * 180, n)
    fig = circle_figure()
    names = [f"V_{{{k + 1}}}" for k in range(n)]
    degs = [90 + 360 * k / n for k in range(n)]
    for name, d in zip(names, degs, strict=True):
        fig.point(name, polar(R, d))
    fig.add(["poly", names, "BLUE", 0.1], rt=1.5)
    diag = [["seg", names[0], names[k], "YELLOW", 3] for k in range(2, n - 1)]
    tris = [["poly", [names[0], names[k], names[k + 1]], ["TEAL", "GREEN"][k % 2], 0.3, 0] for k in range(1, n - 1)]
    fig.add(*diag, show=[f"n = {n}:\\ {n - 2}\\ \\text{{triangles}}"], rt=1.5)
    fig.add(*tris, show=[f"S = (n - 2)\\cdot 180^\\circ = {n - 2}\\cdot 180^\\circ = {total}^\\circ"], rt=2)
    marks = [["angle", names[k - 1], names[k], names[(k + 1) % n], deg_tex(each) if n <= 8 else "", "ORANGE", 0.35]
             for k in range(n)]
    fig.add(*marks, show=[f"\\text{{each}} = \\frac{{{total}^\\circ}}{{{n}}} = {deg_tex(each)}"],
            ops=[["indicate", 1]], rt=2)
    shots = [f"A regular polygon with n = {n} sides.", f"Diagonals from one vertex cut it into n − 2 = {n - 2} "
             "triangles.", f"Each triangle holds 180°: S = (n − 2)·180° = {total}°.",
             f"In the regular polygon each interior angle is {num(each)}°."]
    return figure_draft(fig, shots, {"S": sp.Integer(total), "each": each})


THEOREMS = {"inscribed_angle": inscribed, "thales": thales, "intersecting_chords": chords,
            "tangent_secant": tangent_secant, "cyclic_quadrilateral": cyclic}


def circle_theorem(r: Reader) -> Draft:
    return pick(THEOREMS, r.setting("theorem"))(r)


def circle(r: Reader) -> Draft:
    return radian(r) if r.setting("show") == "radian_arc" else sector(r)
