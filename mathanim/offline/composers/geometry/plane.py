"""The coordinate plane: the equation of a circle, the distance and midpoint formulas, the shoelace area; a
point in polar coordinates; a complex number's modulus and argument. Points in the request ("(1, 2) and (7, 10)")
replace the entry's."""

from __future__ import annotations

import math

import sympy as sp

from ...common import latex, num
from .circles import arc_path, polar
from .kit import Draft, Figure, Frame, Reader, exact, figure_draft, grid, seg_label, val_tex


def pt_tex(p) -> str:
    return "(" + ", ".join(latex(v) for v in p) + ")"


def request_points(r: Reader, k: int, default) -> list[tuple]:
    """`k` points (at least k when k < 0) from the request's pairs, else the entry's, as exact pairs."""
    got = [v for v in r.ask.params.vectors if len(v) == 2]
    if (len(got) == k or (k < 0 and len(got) >= -k)) and len({tuple(v) for v in got}) == len(got):
        try:
            return [tuple(exact(c) for c in v) for v in got]
        except ValueError:
            r.notes.append("The points given were unusable: using the entry's.")
    return [tuple(exact(c) for c in v) for v in default]


def plane_figure(points, margin=0.9) -> Figure:
    """A figure on a grid that shows the origin and `points` (math coordinates)."""
    return Figure(Frame([(0, 0), *[(float(x), float(y)) for x, y in points]], margin=margin))


def circle_equation(r: Reader) -> Draft:
    a, b, rad = (exact(v) for v in r.setting("circle", [2, -1, 3]))
    if r.ask.params.vectors[:1] and len(r.ask.params.vectors[0]) == 2:
        a, b = request_points(r, 1, [(a, b)])[0]
    rad = r.num("r", rad)
    c = (float(a), float(b))
    ring = [(c[0] + float(rad) * dx, c[1] + float(rad) * dy) for dx, dy in ((1, 1), (-1, -1))]
    fig = plane_figure(ring, margin=0.6)
    fig.point("C", c)
    path = arc_path(float(rad), [40, 400], c)
    fig.mover("P", path)
    fig.mover("Q", [(p[0], c[1]) for p in path])
    fig.add(*grid(fig), rt=1.2)
    fig.add(["circle", "C", float(rad) * fig.f.unit, "YELLOW"], ["dot", "C"],
            fig.label(c, f"C{pt_tex((a, b))}", (-1, -1), size=30),
            show=[f"\\text{{centre }}({latex(a)}, {latex(b)}),\\ r = {latex(rad)}"], rt=1.5)
    fig.add(["seg", "C", "P", "WHITE", 3], ["seg", "C", "Q", "GREEN", 4], ["seg", "Q", "P", "ORANGE", 4],
            ["dot", "P", "YELLOW"], ["tag", "P", "P", "C", "YELLOW"],
            ["readout", "|CP| =", "len", [["C", "P", 1]], fig.at((c[0], c[1] - float(rad) - 0.4)), 2],
            show=["(x - a)^2 + (y - b)^2 = r^2", f"(x {_signed(-a)})^2 + (y {_signed(-b)})^2 = {latex(rad**2)}"],
            rt=2)
    fig.add(ops=[["move", "P", 1.0], ["move", "Q", 1.0]], show=[("text", "every point P is r from C", "YELLOW")], rt=5)
    shots = [f"The circle with centre ({latex(a)}, {latex(b)}) and radius {latex(rad)} on the grid.",
             "A point P on the circle, with the horizontal and vertical legs from the centre.",
             f"P goes round: its distance to C stays {latex(rad)}, so (x − a)² + (y − b)² = r² = {latex(rad**2)}."]
    return figure_draft(fig, shots, {"a": a, "b": b, "r2": rad**2})


def _signed(v) -> str:
    return f"+ {latex(v)}" if v >= 0 else f"- {latex(-v)}"


def distance(r: Reader) -> Draft:
    (x1, y1), (x2, y2) = request_points(r, 2, r.setting("points", [[1, 2], [7, 10]]))
    dx, dy = x2 - x1, y2 - y1
    d = sp.sqrt(dx**2 + dy**2)
    fig = plane_figure([(x1, y1), (x2, y2)])
    for n, p in (("P", (x1, y1)), ("Q", (x2, y2)), ("K", (x2, y1))):
        fig.point(n, (float(p[0]), float(p[1])))
    fig.add(*grid(fig), rt=1.2)
    fig.add(["dot", "P", "YELLOW"], ["dot", "Q", "YELLOW"], fig.label((x1, y1), f"P_1{pt_tex((x1, y1))}",
                                                                     (-0.3, 1), "YELLOW", 28),
            fig.label((x2, y2), f"P_2{pt_tex((x2, y2))}", (0.2, 1), "YELLOW", 28), rt=1.2)
    fig.add(["seg", "P", "K", "GREEN", 4], ["seg", "K", "Q", "ORANGE", 4], ["right", "P", "K", "Q"],
            seg_label(fig, ((x1, y1), (x2, y1)), f"\\Delta x = {latex(dx)}", (x2, y2), "GREEN", 28),
            seg_label(fig, ((x2, y1), (x2, y2)), f"\\Delta y = {latex(dy)}", (x1, y1), "ORANGE", 28),
            show=[f"\\Delta x = {latex(x2)} - {_par(x1)} = {latex(dx)}", f"\\Delta y = {latex(y2)} - {_par(y1)} = "
                  f"{latex(dy)}"], rt=1.5)
    fig.add(["seg", "P", "Q", "YELLOW", 5], seg_label(fig, ((x1, y1), (x2, y2)), "d", (x2, y1), "YELLOW", 32),
            show=["d = \\sqrt{(x_2 - x_1)^2 + (y_2 - y_1)^2}", f"d = \\sqrt{{{_par(dx)}^2 + {_par(dy)}^2}} "
                  f"{val_tex(d)}"], ops=[["indicate", 3]], rt=2)
    shots = [f"The points ({latex(x1)}, {latex(y1)}) and ({latex(x2)}, {latex(y2)}) on the grid.",
             f"The legs: Δx = {latex(dx)}, Δy = {latex(dy)}.", f"Pythagoras: d = √(Δx² + Δy²) = {latex(d)}."]
    return figure_draft(fig, shots, {"d": d, "dx": dx, "dy": dy})


def _par(v) -> str:
    return f"({latex(v)})" if v < 0 else latex(v)


def midpoint(r: Reader) -> Draft:
    (x1, y1), (x2, y2) = request_points(r, 2, r.setting("points", [[-2, 5], [6, 1]]))
    m = ((x1 + x2) / 2, (y1 + y2) / 2)
    fig = plane_figure([(x1, y1), (x2, y2)])
    for n, p in (("P", (x1, y1)), ("Q", (x2, y2)), ("M", m), ("MX", (m[0], 0)), ("MY", (0, m[1]))):
        fig.point(n, (float(p[0]), float(p[1])))
    fig.add(*grid(fig), rt=1.2)
    fig.add(["seg", "P", "Q", "BLUE", 4], ["dot", "P", "YELLOW"], ["dot", "Q", "YELLOW"],
            fig.label((x1, y1), f"P_1{pt_tex((x1, y1))}", (0, 1), "YELLOW", 28),
            fig.label((x2, y2), f"P_2{pt_tex((x2, y2))}", (0, 1), "YELLOW", 28), rt=1.2)
    mid = fig.add(["dot", "M", "GREEN", 0.09], fig.label(m, f"M{pt_tex(m)}", (1, 1), "GREEN", 30),
            show=[f"M_x = \\frac{{x_1 + x_2}}{{2}} = \\frac{{{latex(x1)} + {_par(x2)}}}{{2}} = {latex(m[0])}"],
                  rt=1.5)[0]
    fig.add(["dash", "M", "MX", "GREEN"], ["dash", "M", "MY", "GREEN"],
            show=[f"M_y = \\frac{{y_1 + y_2}}{{2}} = \\frac{{{latex(y1)} + {_par(y2)}}}{{2}} = {latex(m[1])}"], rt=1.5)
    half = sp.sqrt(((x2 - x1) / 2) ** 2 + ((y2 - y1) / 2) ** 2)
    fig.add(show=[f"|P_1M| = |MP_2| {val_tex(half)}"], ops=[["indicate", mid]], rt=1.5)
    shots = [f"The points ({latex(x1)}, {latex(y1)}) and ({latex(x2)}, {latex(y2)}).",
             f"The midpoint averages the coordinates: M = ({latex(m[0])}, {latex(m[1])}).",
             "M is equally far from both ends."]
    return figure_draft(fig, shots, {"Mx": m[0], "My": m[1]})


def shoelace(r: Reader) -> Draft:
    pts = request_points(r, -3, r.setting("polygon", [[0, 0], [4, 0], [1, 3]]))
    n = len(pts)
    terms = [pts[i][0] * pts[(i + 1) % n][1] - pts[(i + 1) % n][0] * pts[i][1] for i in range(n)]
    area = sp.Abs(sum(terms)) / 2
    fig = plane_figure(pts)
    names = [f"P_{{{i + 1}}}" for i in range(n)]
    for name, p in zip(names, pts, strict=True):
        fig.point(name, (float(p[0]), float(p[1])))
    g = [sum(float(p[k]) for p in pts) / n for k in (0, 1)]
    fig.add(*grid(fig, ticks=False), rt=1.2)
    poly = fig.add(["poly", names, "BLUE", 0.3], *(fig.label(p, f"{names[i]}{pt_tex(p)}", (float(p[0]) - g[0],
                                                                                    float(p[1]) - g[1]), "YELLOW", 26)
                                           for i, p in enumerate(pts)), rt=1.5)[0]
    fig.add(show=["A = \\frac{1}{2}\\left|\\sum (x_i y_{i+1} - x_{i+1} y_i)\\right|"], rt=1.2)
    for i in range(min(n, 3)):
        j = (i + 1) % n
        fig.add(show=[f"x_{i + 1}y_{j + 1} - x_{j + 1}y_{i + 1} = {latex(pts[i][0])}\\cdot {_par(pts[j][1])} - "
                      f"{latex(pts[j][0])}\\cdot {_par(pts[i][1])} = {latex(terms[i])}"], rt=1.2)
    more = " + \\dots" if n > 3 else ""
    fig.add(show=[f"A = \\frac{{1}}{{2}}\\left|{' + '.join(_par(t) for t in terms[:3])}{more}\\right|"], rt=1.5)
    fig.add(show=[f"A {val_tex(area)}"], ops=[["indicate", min(n, 3) + 2], ["indicate", poly]], rt=1.5)
    shots = [f"The polygon with vertices {', '.join(pt_tex(p) for p in pts)} on the grid.",
             "The shoelace sum: cross products of consecutive vertices.", f"Half its absolute value: A = {latex(area)}."]
    return figure_draft(fig, shots, {"A": area})


def polar_point(r: Reader) -> Draft:
    cart = _cartesian(r)
    if cart is not None:  # "polar coordinates of the point (3, 4)": r and θ found from x and y
        x, y = cart
        rad = sp.sqrt(x**2 + y**2)
        deg = sp.nsimplify(sp.atan2(y, x) * 180 / sp.pi % 360)
        deg = deg if deg.is_Rational else sp.Float(round(float(deg), 2))
        r.notes.append(f"The point ({sp.sstr(x)}, {sp.sstr(y)}) is Cartesian: r = √(x² + y²) = {sp.sstr(rad)}, "
                       f"θ = atan2(y, x) ≈ {num(deg)}°.")
    else:
        rad = r.num("r", r.setting("r", 2))
        deg = r.num(("theta", "angle", "deg"), r.setting("theta_deg", 60), lambda v: 0 < v < 360)
    th = deg * sp.pi / 180
    if cart is None:
        x, y = sp.nsimplify(rad * sp.cos(th)), sp.nsimplify(rad * sp.sin(th))
    top = math.ceil(float(rad))
    fig = Figure(Frame([(-top, -top), (top, top)], margin=0.5))
    fig.point("O", (0, 0))
    fig.point("P", (float(x), float(y)))
    fig.point("X", (float(x), 0))
    fig.point("E", (top, 0))
    rings = [["circle", "O", k * fig.f.unit, "GREY", 1.5] for k in range(1, top + 1)]
    rays = [["seg", "O", fig.at(polar(top, a)), "GREY", 1.5] for a in range(0, 360, 30)]
    fig.add(*rings, *rays, *(fig.label((k, 0), str(k), (1, -1), "GREY_B", 24, dist=0.2) for k in range(1, top + 1)),
            rt=1.5)
    fig.add(["angle", "E", "O", "P", f"{latex(deg)}^\\circ", "YELLOW", 0.6], ["seg", "O", "P", "YELLOW", 5],
            ["dot", "P", "YELLOW"], fig.label((float(x), float(y)), f"({latex(rad)}, {latex(deg)}^\\circ)",
                                              (float(x), float(y)), "YELLOW", 30),
            show=[f"r = {latex(rad)},\\ \\theta = {latex(deg)}^\\circ " + (f"= {latex(th)}" if deg.is_Rational else
                                                                    f"\\approx {num(float(th))}\\,\\text{{rad}}")],
            rt=1.8)
    fig.add(["dash", "P", "X", "GREEN"], ["seg", "O", "X", "ORANGE", 5],
            show=[f"x = r\\cos\\theta = {latex(rad)}\\cos {latex(deg)}^\\circ {val_tex(x)}",
                  f"y = r\\sin\\theta = {latex(rad)}\\sin {latex(deg)}^\\circ {val_tex(y)}"], rt=2)
    fig.add(show=[f"r^2 = x^2 + y^2 = {latex(sp.expand(x**2 + y**2))}"], ops=[["indicate", 3]], rt=1.5)
    shots = ["The polar grid: circles of constant r, rays of constant θ.",
             f"The point r = {latex(rad)}, θ = {latex(deg)}°: turn by θ, walk r.",
             f"Its Cartesian coordinates: x = r cos θ = {latex(x)}, y = r sin θ = {latex(y)}."]
    return figure_draft(fig, shots, {"x": x, "y": y, "r": rad, "theta_deg": deg})


def _cartesian(r: Reader):
    """The request's point (x, y) when it names no r or θ and the point is not the origin, exactly; else None."""
    pts = [v for v in r.ask.params.vectors if len(v) == 2]
    if not pts or r.given("r", "theta", "angle", "deg") or not any(pts[0]):
        return None
    return exact(pts[0][0]), exact(pts[0][1])


def complex_modulus(r: Reader) -> Draft:
    e = r.ask.params.expr
    if e is not None and e.is_number and sp.im(e) != 0:
        a, b = sp.re(e), sp.im(e)
    else:
        a, b = request_points(r, 1, r.setting("points", [[3, 4]])[:1])[0]
    z = sp.sqrt(a**2 + b**2)
    th = sp.atan2(b, a) * 180 / sp.pi
    fig = plane_figure([(a, b)])
    for n, p in (("O", (0, 0)), ("Z", (a, b)), ("K", (a, 0)), ("E", (1, 0))):
        fig.point(n, (float(p[0]), float(p[1])))
    fig.add(*grid(fig, names=("\\mathrm{Re}", "\\mathrm{Im}")), rt=1.2)
    fig.add(["arrow", "O", "Z", "YELLOW"], fig.label((a, b), f"z = {latex(a + sp.I * b)}", (1, 1), "YELLOW", 30),
            rt=1.2)
    fig.add(["seg", "O", "K", "GREEN", 4], ["seg", "K", "Z", "ORANGE", 4],
            seg_label(fig, ((0, 0), (a, 0)), f"a = {latex(a)}", (a, b), "GREEN", 28),
            seg_label(fig, ((a, 0), (a, b)), f"b = {latex(b)}", (0, 0), "ORANGE", 28), rt=1.5)
    fig.add(seg_label(fig, ((0, 0), (a, b)), "|z|", (a, 0), "YELLOW", 30),
            show=[f"|z| = \\sqrt{{a^2 + b^2}} = \\sqrt{{{_par(a)}^2 + {_par(b)}^2}} {val_tex(z)}"], rt=1.5)
    tan = latex(b / a) if a else "\\infty"
    fig.add(["angle", "E", "O", "Z", "\\theta", "WHITE", 0.5],
            show=[f"\\tan\\theta = \\frac{{b}}{{a}} = {tan}",
                  f"\\theta \\approx {num(th)}^\\circ"], rt=1.5)
    fig.add(show=[f"z = {latex(z)}(\\cos\\theta + i\\sin\\theta)"], ops=[["indicate", 0]], rt=1.2)
    shots = [f"z = {latex(a + sp.I * b)} as the point ({latex(a)}, {latex(b)}) of the complex plane.",
             f"|z| = √(a² + b²) = {latex(z)}: the length of the arrow.", f"Its argument θ ≈ {num(th)}°."]
    return figure_draft(fig, shots, {"modulus": z, "arg_deg": th})


COORDINATE = {"right_triangle": distance, "midpoint": midpoint}


def coordinate_plane(r: Reader) -> Draft:
    if r.setting("circle"):
        return circle_equation(r)
    if r.setting("polygon"):
        return shoelace(r)
    return COORDINATE.get(r.setting("show"), distance)(r)
