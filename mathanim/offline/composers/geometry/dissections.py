"""Algebra drawn as areas: a² − b² cut and rearranged into (a − b)(a + b), (a + b)² split into a², 2ab and b²,
and the arithmetic and geometric means in a semicircle (AM ≥ GM)."""

from __future__ import annotations

import math

import sympy as sp

from ...common import latex
from .kit import Draft, Figure, Frame, Reader, figure_draft, seg_label, val_tex


def _rect(x0, y0, x1, y1) -> list[tuple[float, float]]:
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def _ab(r: Reader, da, db, ok_b=None) -> tuple[sp.Expr, sp.Expr]:
    a = r.num("a", r.setting("a", da))
    b = r.num("b", r.setting("b", db), ok_b or (lambda v: v.is_positive and v < a))
    return a, b


def difference_of_squares(r: Reader) -> Draft:
    a, b = _ab(r, 5, 2)
    af, bf = float(a), float(b)
    fig = Figure(Frame([(0, 0), (af + bf, af)], margin=0.8))
    low, top = _rect(0, 0, af, af - bf), _rect(0, af - bf, af - bf, af)
    hole = _rect(af - bf, af - bf, af, af)
    big = fig.add(["poly", [fig.at(p) for p in _rect(0, 0, af, af)], "BLUE", 0.25],
                  seg_label(fig, ((0, 0), (af, 0)), f"a = {latex(a)}", (0, af), "BLUE", 30),
                  show=[f"a^2 = {latex(a**2)}"], rt=1.2)
    cut = fig.add(["poly", [fig.at(p) for p in hole], "RED", 0.5],
                  seg_label(fig, ((af - bf, af), (af, af)), f"b = {latex(b)}", (af, 0), "RED", 30),
                  show=[f"a^2 - b^2 = {latex(a**2)} - {latex(b**2)} = {latex(a**2 - b**2)}"], rt=1.5)
    pieces = fig.add(["poly", [fig.at(p) for p in low], "GREEN", 0.4], ["poly", [fig.at(p) for p in top], "TEAL", 0.4],
                     ops=[["fade", i] for i in big + cut], rt=1.2)
    c0 = fig.at(((af - bf) / 2, af - bf / 2))
    c1 = fig.at((af + bf / 2, (af - bf) / 2))
    fig.add(ops=[["rotate", pieces[1], pieces[1], -math.pi / 2, c0]], rt=1.2)
    fig.add(ops=[["shift", pieces[1], pieces[1], [c1[0] - c0[0], c1[1] - c0[1]]]],
            show=[("text", "the strip turns and moves to the side", "TEAL")], rt=1.5)
    fig.add(seg_label(fig, ((0, 0), (af + bf, 0)), f"a + b = {latex(a + b)}", (0, af), "YELLOW", 30),
            seg_label(fig, ((af + bf, 0), (af + bf, af - bf)), f"a - b = {latex(a - b)}", (0, 0), "YELLOW", 30),
            show=[f"(a - b)(a + b) = {latex(a - b)}\\cdot {latex(a + b)} = {latex((a - b) * (a + b))}"], rt=1.5)
    ex = r.ask.entry.example.values
    ea, eb = sp.Integer(ex.get("a", 51)), sp.Integer(ex.get("b", 49))
    fig.add(show=["a^2 - b^2 = (a - b)(a + b)", f"{latex(ea)}^2 - {latex(eb)}^2 = {latex(ea - eb)}\\cdot "
                  f"{latex(ea + eb)} = {latex(ea**2 - eb**2)}"], ops=[["indicate", 3]], rt=2)
    shots = [f"A square of side a = {latex(a)}; a square of side b = {latex(b)} is cut from its corner.",
             "The L-shape left is two strips; one turns and moves beside the other.",
             f"They form an (a − b) × (a + b) rectangle: a² − b² = (a − b)(a + b) = {latex(a**2 - b**2)}."]
    return figure_draft(fig, shots, {"difference": a**2 - b**2})


def perfect_square(r: Reader) -> Draft:
    a, b = _ab(r, 3, 2, lambda v: v.is_positive and v < 50)
    af, bf = float(a), float(b)
    s = af + bf
    fig = Figure(Frame([(0, 0), (s, s)], margin=0.8))
    fig.add(["poly", [fig.at(p) for p in _rect(0, 0, s, s)], "WHITE", 0.0],
            seg_label(fig, ((0, 0), (af, 0)), "a", (0, s), "BLUE", 32),
            seg_label(fig, ((af, 0), (s, 0)), "b", (0, s), "ORANGE", 32),
            show=[f"(a + b)^2 = {latex(a + b)}^2 = {latex((a + b) ** 2)}"], rt=1.2)
    parts = [(_rect(0, 0, af, af), "BLUE", f"a^2 = {latex(a**2)}"), (_rect(af, af, s, s), "ORANGE", f"b^2 = {latex(b**2)}"),
             (_rect(af, 0, s, af), "GREEN", f"ab = {latex(a * b)}"), (_rect(0, af, af, s), "GREEN", f"ab = {latex(a * b)}")]
    for pts, color, label in parts:
        cx, cy = (pts[0][0] + pts[2][0]) / 2, (pts[0][1] + pts[2][1]) / 2
        fig.add(["poly", [fig.at(p) for p in pts], color, 0.4], ["tex", label, fig.at((cx, cy)), "WHITE", 30], rt=1)
    fig.add(show=["(a + b)^2 = a^2 + 2ab + b^2", f"= {latex(a**2)} + {latex(2 * a * b)} + {latex(b**2)} = "
                  f"{latex((a + b) ** 2)}"], rt=2)
    ex = r.ask.entry.example.values
    ea, eb = sp.Integer(ex.get("a", 100)), sp.Integer(ex.get("b", 3))
    fig.add(show=[f"({latex(ea)} + {latex(eb)})^2 = {latex(ea**2)} + {latex(2 * ea * eb)} + {latex(eb**2)} = "
                  f"{latex((ea + eb) ** 2)}"], ops=[["indicate", 1]], rt=1.8)
    shots = [f"A square of side a + b = {latex(a + b)}.", f"It splits into a² = {latex(a**2)}, b² = {latex(b**2)} "
             f"and two rectangles ab = {latex(a * b)}.", f"(a + b)² = a² + 2ab + b² = {latex((a + b) ** 2)}."]
    return figure_draft(fig, shots, {"square": (a + b) ** 2})


def am_gm(r: Reader) -> Draft:
    a, b = _ab(r, 4, 9, lambda v: v.is_positive and v < 200)
    af, bf = float(a), float(b)
    s, m = af + bf, (af + bf) / 2
    fig = Figure(Frame([(0, -0.18 * s), (s, m)], margin=0.7))
    for n, p in (("A", (0, 0)), ("B", (s, 0)), ("O", (m, 0))):
        fig.point(n, p)
    path = [af] * 10 + [af + (m - af) * k / 60 for k in range(61)] + [m] * 10
    fig.mover("C", [(c, 0) for c in path])
    fig.mover("D", [(c, math.sqrt(c * (s - c))) for c in path])
    names = [fig.label(p, n, d, size=32) for n, p, d in (("A", (0, 0), (-1, -0.5)), ("B", (s, 0), (1, -0.5)))]
    parts = fig.add(seg_label(fig, ((0, 0), (af, 0)), f"a = {latex(a)}", (0, 1), "BLUE", 28),
                    seg_label(fig, ((af, 0), (s, 0)), f"b = {latex(b)}", (0, 1), "ORANGE", 28),
                    ["seg", "A", "B", "WHITE", 3], ["arc", "O", m * fig.f.unit, 0, math.pi, "WHITE", 3], *names, rt=1.5)
    gm, am = sp.sqrt(a * b), (a + b) / 2
    fig.add(["seg", "C", "D", "GREEN", 5], ["dot", "D", "GREEN"], ["dash", "O", "D", "YELLOW"], ["tag", "C", "C", "D"],
            ["tag", "D", "D", "C", "GREEN"],
            show=[("tex", f"GM = CD = \\sqrt{{ab}} {val_tex(gm)}", "GREEN"),
                  ("tex", f"AM = r = \\frac{{a + b}}{{2}} {val_tex(am)}", "YELLOW")], rt=2)
    fig.add(show=[f"\\frac{{a + b}}{{2}} - \\sqrt{{ab}} {val_tex(am - gm)} \\ge 0"], rt=1.5)
    fig.add(["readout", "CD =", "len", [["C", "D", 1]], fig.at((m, -0.14 * s)), 2, "", "GREEN"],
            ops=[["move", "C", 1.0], ["move", "D", 1.0], ["fade", parts[0]], ["fade", parts[1]]],
            show=[("text", "equal only when a = b", "WHITE")], rt=4)
    shots = [f"AB = a + b = {latex(a + b)} is the diameter of a semicircle; C splits it into a and b.",
             f"The half-chord at C is √(ab) = {latex(gm)}; the radius is (a + b)/2 = {latex(am)}.",
             "A half-chord is never longer than the radius: AM ≥ GM, equal when C is the centre (a = b)."]
    return figure_draft(fig, shots, {"AM": am, "GM": gm, "gap": am - gm})


def area_dissection(r: Reader) -> Draft:
    """a² − b² (a difference of squares entry) or (a + b)² (any other)."""
    first = r.ask.entry.formulas[0].sympy.replace(" ", "")
    return difference_of_squares(r) if "a**2-b**2" in first else perfect_square(r)
