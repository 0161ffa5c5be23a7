"""Triangles drawn to scale: the laws of sines and cosines, the area ½ab sin C, Heron's formula, the angle sum
(parallel-line proof), the angle bisector theorem, and right-triangle trigonometry. Sides a, b, c lie opposite
the angles A, B, C (degrees); the request's `a = 7, A = 40°` (or three bare numbers) replace the entry's."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import sympy as sp

from ...common import latex, num
from ...params import normalize
from .kit import Draft, Figure, Frame, Reader, deg_tex, exact, figure_draft, seg_label, val_tex

D = sp.pi / 180


@dataclass(frozen=True)
class Tri:
    """A solved triangle: sides and angles (degrees), exact where sympy can keep them exact."""

    a: sp.Expr
    b: sp.Expr
    c: sp.Expr
    A: sp.Expr
    B: sp.Expr
    C: sp.Expr

    def points(self) -> dict[str, tuple[float, float]]:
        """C at the origin, B on the positive x-axis, A above."""
        b, C = float(self.b), float(self.C) * math.pi / 180
        return {"A": (b * math.cos(C), b * math.sin(C)), "B": (float(self.a), 0.0), "C": (0.0, 0.0)}


def _angle(v) -> sp.Expr:
    """An angle in degrees from an exact cosine (a rational number of degrees when it is one)."""
    deg = sp.acos(v) / D
    r = sp.nsimplify(sp.N(deg, 30), rational=True, tolerance=1e-12)
    return r if r.q <= 12 else sp.N(deg, 12)


def from_angles(a, A, B) -> Tri:
    s = lambda d: sp.sin(d * D)  # noqa: E731
    C = 180 - A - B
    return Tri(a, sp.radsimp(a * s(B) / s(A)), sp.radsimp(sp.expand_trig(a * s(C) / s(A))), A, B, C)


def from_sas(a, b, C) -> Tri:
    c = sp.sqrt(sp.nsimplify(a**2 + b**2 - 2 * a * b * sp.cos(C * D)))
    A = _angle(sp.radsimp((b**2 + c**2 - a**2) / (2 * b * c)))
    return Tri(a, b, c, A, 180 - A - C, C)


def from_sss(a, b, c) -> Tri:
    A = _angle(sp.Rational(1, 1) * (b**2 + c**2 - a**2) / (2 * b * c))
    B = _angle(sp.Rational(1, 1) * (a**2 + c**2 - b**2) / (2 * a * c))
    return Tri(a, b, c, A, B, 180 - A - B)


def _angle_ok(v) -> bool:
    return bool(v.is_positive) and float(v) < 180


def _read(r: Reader, mode: str) -> Tri:
    """The triangle the request (else the entry) describes, in the entry's mode; refused inputs are noted."""
    s, pos = r.ask.settings, r.positional(3)
    if mode == "sss" or r.given("c") and r.given("a") and r.given("b"):
        a, b, c = (r.num(n, d) for n, d in zip("abc", pos or s.get("sides", [5, 6, 7]), strict=True))
        if max(a, b, c) * 2 < a + b + c:
            return from_sss(a, b, c)
        r.notes.append(f"Sides {num(a)}, {num(b)}, {num(c)} break the triangle inequality: using the entry's.")
        return from_sss(*(exact(v) for v in s.get("sides", [5, 6, 7])))
    if mode == "sas" and pos and not DEGREES.search(normalize(r.ask.params.concept)) and max(pos) * 2 < sum(pos):
        r.notes.append(f"Three sides {', '.join(num(v) for v in pos)} and no angle: the angles are found from them.")
        return from_sss(*(exact(v) for v in pos))  # "law of cosines with sides 7, 8 and 9"
    if mode == "sas":
        a, b, C = pos or (s["a"], s["b"], s["angle_C_deg"])
        return from_sas(r.num("a", a), r.num("b", b), r.num("C", C, _angle_ok))
    words = None if pos or r.given("A", "B", "C") else _angles_and_side(r)
    if words is not None:
        pos = words
    A0, B0 = (pos[1:] if pos else s["angles_deg"][:2])
    a, A = r.num("a", pos[0] if pos else s.get("a", 6)), r.num("A", A0, _angle_ok)
    B = 180 - A - r.num("C", 0, _angle_ok) if r.given("C") and not r.given("B") else r.num("B", B0, _angle_ok)
    if A + B < 180 and B > 0:
        return from_angles(a, A, B)
    r.notes.append(f"Angles A = {num(A)}° and B = {num(B)}° leave nothing for C: using the entry's angles.")
    return from_angles(a, *(exact(v) for v in s["angles_deg"][:2]))


DEGREES = re.compile(r"(\d+(?:\.\d+)?)\s*(?:°|degrees?\b|deg\b)")  # "40°", "60 degrees"
ANGLE_PAIR = re.compile(r"angles?\s+(?:of\s+)?(\d+(?:\.\d+)?)\s*(?:°|degrees?)?\s*(?:,|and)\s*(\d+(?:\.\d+)?)")


def _angles_and_side(r: Reader) -> tuple | None:
    """(a, A, B) from a request that names no vertex: two angles in degrees ("angles 40 and 60 degrees", "40°, 60°")
    and the side opposite the first ("side 10", "a = 10"); the side is the entry's when none is given."""
    text = normalize(r.ask.params.concept)
    m = ANGLE_PAIR.search(text)
    angles = [m.group(1), m.group(2)] if m else DEGREES.findall(text)
    if len(angles) != 2:
        return None
    side = re.search(r"\bside\s+(?:of\s+)?(?:length\s+)?(\d+(?:\.\d+)?)", text)
    a = exact(float(side.group(1))) if side else r.ask.params.numbers.get("a", r.setting("a", 6))
    r.notes.append(f"Angles {angles[0]}° and {angles[1]}° and the side {num(a)} opposite the first, from the request.")
    return exact(a), exact(float(angles[0])), exact(float(angles[1]))


def _mode(settings) -> str:
    if "sides" in settings:
        return "sss"
    return "sas" if "angle_C_deg" in settings else "asa"


def _base(t: Tri, extra=(), margin=0.75) -> tuple[Figure, dict]:
    """The figure with the triangle's vertices named (the frame also holds the `extra` math points)."""
    pts = t.points()
    fig = Figure(Frame([*pts.values(), *extra], margin=margin))
    for name, p in pts.items():
        fig.point(name, p)
    return fig, pts


def _draw(fig: Figure, pts: dict, rt=1.2) -> None:
    """Stage 1: the triangle and its vertex names (each outside, away from the centroid)."""
    g = [sum(p[i] for p in pts.values()) / 3 for i in (0, 1)]
    names = [fig.label(p, n, (p[0] - g[0], p[1] - g[1]), size=36, dist=0.35) for n, p in pts.items()]
    fig.add(["poly", ["A", "B", "C"], "BLUE", 0.15], *names, rt=rt)


def _side(fig, pts, side: str, tex: str, color="YELLOW") -> list:
    ends = {"a": ("B", "C"), "b": ("C", "A"), "c": ("A", "B")}[side]
    opposite = side.upper()
    return seg_label(fig, (pts[ends[0]], pts[ends[1]]), tex, pts[opposite], color)


def _corner(name: str, value, color="YELLOW", radius=0.5) -> list:
    others = {"A": ("B", "C"), "B": ("C", "A"), "C": ("A", "B")}[name]
    return ["angle", others[0], name, others[1], deg_tex(value), color, radius]


def _deg(v) -> str:
    return f"{latex(v)}^\\circ" if getattr(v, "is_Integer", False) else f"{num(v)}^\\circ"


def law_of_sines(t: Tri) -> Draft:
    R2 = sp.radsimp(t.a / sp.sin(t.A * D))
    circ = [(float(t.a) / 2, float(sp.sqrt(R2**2 / 4 - t.a**2 / 4)) * (1 if float(t.A) < 90 else -1))]
    r = float(R2) / 2
    fig, pts = _base(t, [(circ[0][0] + r * dx, circ[0][1] + r * dy) for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1))])
    fig.point("O", circ[0])
    _draw(fig, pts)
    fig.add(_side(fig, pts, "a", f"a = {latex(t.a)}"), _corner("A", t.A), _corner("B", t.B, "GREEN"),
            show=[f"C = 180^\\circ - A - B = {_deg(t.C)}"], rt=1.5)
    fig.add(_corner("C", t.C, "ORANGE"), show=[f"\\frac{{a}}{{\\sin A}} = \\frac{{{latex(t.a)}}}{{\\sin {_deg(t.A)}}} "
                                              f"{val_tex(R2)}"], rt=1.5)
    fig.add(_side(fig, pts, "b", "b", "GREEN"), show=[f"b = \\frac{{a \\sin B}}{{\\sin A}} {val_tex(t.b)}"], rt=1.5)
    fig.add(_side(fig, pts, "c", "c", "ORANGE"), show=[f"c = \\frac{{a \\sin C}}{{\\sin A}} {val_tex(t.c)}"], rt=1.5)
    fig.add(["circle", "O", r * fig.f.unit, "TEAL", 2.5], ["dot", "O", "TEAL"],
            show=[f"\\frac{{a}}{{\\sin A}} = \\frac{{b}}{{\\sin B}} = \\frac{{c}}{{\\sin C}} = 2R {val_tex(R2)}"],
            ops=[["indicate", 4]], rt=2)
    shots = [f"The triangle with a = {latex(t.a)}, A = {num(t.A)}°, B = {num(t.B)}°, drawn to scale.",
             f"C = 180° − A − B = {num(t.C)}°.", f"a / sin A = {num(R2)}: the common ratio.",
             f"b = a sin B / sin A ≈ {num(t.b)}, c = a sin C / sin A ≈ {num(t.c)}.",
             f"The circumcircle: its diameter 2R equals the ratio, {num(R2)}."]
    return figure_draft(fig, shots, {"a": t.a, "b": t.b, "c": t.c, "C": t.C, "2R": R2})


def _two_sides(t: Tri, law: str) -> tuple[Figure, dict, tuple[float, float]]:
    """The triangle with sides a, b and the angle C between them marked, the foot H of the height from A, and
    the law the scene proves as its first panel line."""
    foot = (float(t.b * sp.cos(t.C * D)), 0.0)
    fig, pts = _base(t, [foot])
    fig.point("H", foot)
    _draw(fig, pts)
    outside = [["dash", "B", "H", "GREY_B"]] if foot[0] > float(t.a) else [["dash", "C", "H", "GREY_B"]] if foot[0] < 0 \
        else []
    fig.add(_side(fig, pts, "a", f"a = {latex(t.a)}"), _side(fig, pts, "b", f"b = {latex(t.b)}"),
            _corner("C", t.C), *outside, show=[law], rt=1.5)
    return fig, pts, foot


def law_of_cosines(t: Tri) -> Draft:
    fig, pts, foot = _two_sides(t, "c^2 = a^2 + b^2 - 2ab\\cos C")
    fig.add(["dash", "A", "H", "GREY_B"], ["right", "A", "H", "B" if foot[0] < float(t.a) else "C"],
            ["seg", "C", "H", "GREEN", 6], fig.label((foot[0] / 2, 0), "b\\cos C", (0, 1), "GREEN", 30),
            show=[("text", "drop the height from A", "GREEN")], rt=1.5)
    expand = (f"= {latex(t.a)}^2 + {latex(t.b)}^2 - 2\\cdot {latex(t.a)}\\cdot {latex(t.b)}\\cos {_deg(t.C)}")
    c2 = sp.nsimplify(t.c**2)
    fig.add(_side(fig, pts, "c", "c", "ORANGE"), show=[expand, f"c^2 {val_tex(c2)}"], rt=2)
    fig.add(show=[f"c {val_tex(t.c)}", f"A \\approx {_deg(t.A)},\\ B \\approx {_deg(t.B)}"],
            ops=[["indicate", 4]], rt=1.5)
    shots = [f"The triangle with a = {latex(t.a)}, b = {latex(t.b)} and the angle C = {num(t.C)}° between them.",
             "The altitude from A splits the triangle into two right triangles (b cos C along a).",
             f"c² = a² + b² − 2ab cos C = {latex(c2)}.", f"c = {latex(t.c)} ≈ {num(t.c)}."]
    return figure_draft(fig, shots, {"c": t.c, "c2": c2, "A": t.A, "B": t.B})


def area_sine(t: Tri) -> Draft:
    h = sp.radsimp(t.b * sp.sin(t.C * D))
    S = sp.radsimp(t.a * h / 2)
    fig, pts, foot = _two_sides(t, "S = \\frac{1}{2}\\,a\\,h")
    hx = fig.label(((pts["A"][0] + foot[0]) / 2, pts["A"][1] / 2), "h", (1, 0), "GREEN", 32, dist=0.3)
    fig.add(["seg", "A", "H", "GREEN", 5], ["right", "A", "H", "B"], hx,
            show=[f"h = b\\sin C = {latex(t.b)}\\sin {_deg(t.C)} {val_tex(h)}"], rt=1.5)
    fig.add(["poly", ["A", "B", "C"], "GREEN", 0.35, 0],
            show=[f"S = \\frac{{1}}{{2}}ab\\sin C = \\frac{{1}}{{2}}\\cdot {latex(t.a)}\\cdot {latex(t.b)}"
                  f"\\sin {_deg(t.C)}", f"S {val_tex(S)}"], ops=[["indicate", 3]], rt=2)
    shots = [f"Sides a = {latex(t.a)}, b = {latex(t.b)} with the angle C = {num(t.C)}° between them.",
             f"The height onto a: h = b sin C = {latex(h)}.", f"Area S = ½·a·h = ½ab sin C = {latex(S)}."]
    return figure_draft(fig, shots, {"h": h, "S": S})


def heron(t: Tri) -> Draft:
    s = (t.a + t.b + t.c) / 2
    S = sp.sqrt(sp.nsimplify(s * (s - t.a) * (s - t.b) * (s - t.c)))
    r_in = sp.radsimp(S / s)
    pts = t.points()
    w = [float(t.a), float(t.b), float(t.c)]
    inc = tuple(sum(w[i] * pts[n][k] for i, n in enumerate("ABC")) / sum(w) for k in (0, 1))
    fig, pts = _base(t)
    fig.point("I", inc)
    _draw(fig, pts)
    fig.add(*(_side(fig, pts, n, f"{n} = {latex(getattr(t, n))}") for n in "abc"),
            show=[f"s = \\frac{{a + b + c}}{{2}} = {latex(s)}"], rt=1.5)
    fig.add(show=[f"S = \\sqrt{{{latex(s)}\\cdot {latex(s - t.a)}\\cdot {latex(s - t.b)}\\cdot {latex(s - t.c)}}}",
                  f"S {val_tex(S)}"], ops=[["indicate", 2]], rt=2)
    fig.add(["circle", "I", float(r_in) * fig.f.unit, "GREEN", 3], ["dot", "I", "GREEN"],
            show=[("text", "check with the incircle:", "GREEN"), f"S = r\\,s = {latex(r_in)}\\cdot {latex(s)} "
                  f"{val_tex(S)}"], rt=2)
    shots = [f"The triangle with sides {latex(t.a)}, {latex(t.b)}, {latex(t.c)}.", f"Semi-perimeter s = {latex(s)}.",
             f"S = √(s(s − a)(s − b)(s − c)) = {latex(S)}.", f"Check: the incircle has r = S/s = {latex(r_in)}."]
    return figure_draft(fig, shots, {"s": s, "S": S, "r": r_in})


def angle_sum(t: Tri) -> Draft:
    """The line through A parallel to CB carries copies of C and B (alternate angles) beside A: a straight angle."""
    pts = t.points()
    L = 0.4 * float(t.a)
    ends = [(pts["A"][0] - L, pts["A"][1]), (pts["A"][0] + L, pts["A"][1])]
    fig, pts = _base(t, ends)
    fig.point("P", ends[0])
    fig.point("Q", ends[1])
    _draw(fig, pts)
    fig.add(_corner("A", t.A), _corner("B", t.B, "GREEN"), _corner("C", t.C, "ORANGE"),
            show=[f"A = {_deg(t.A)},\\ B = {_deg(t.B)},\\ C = {_deg(t.C)}"], rt=1.5)
    fig.add(["seg", "P", "Q", "TEAL", 3], show=[("text", "line through A parallel to CB", "TEAL")], rt=1.2)
    fig.add(["angle", "P", "A", "C", deg_tex(t.C), "ORANGE", 0.8], ["angle", "B", "A", "Q", deg_tex(t.B), "GREEN", 0.8],
            show=[("text", "alternate angles are equal", "WHITE")], rt=1.8)
    fig.add(show=[f"A + B + C = {_deg(t.A)} + {_deg(t.B)} + {_deg(t.C)} = 180^\\circ"], ops=[["indicate", 3]], rt=1.5)
    shots = [f"A triangle with angles {num(t.A)}°, {num(t.B)}°, {num(t.C)}°.",
             "A line through A parallel to CB.", "Alternate angles copy C and B beside A, along that straight line.",
             "Together they make a straight angle: A + B + C = 180°."]
    return figure_draft(fig, shots, {"A": t.A, "B": t.B, "C": t.C, "sum": t.A + t.B + t.C})


def bisector(t: Tri) -> Draft:
    bd, dc = t.a * t.c / (t.b + t.c), t.a * t.b / (t.b + t.c)
    pts = t.points()
    k = float(bd / t.a)
    foot = (pts["B"][0] + k * (pts["C"][0] - pts["B"][0]), pts["B"][1] + k * (pts["C"][1] - pts["B"][1]))
    fig, pts = _base(t)
    fig.point("D", foot)
    _draw(fig, pts)
    fig.add(_side(fig, pts, "b", f"AC = {latex(t.b)}"), _side(fig, pts, "c", f"AB = {latex(t.c)}"),
            show=["\\frac{BD}{DC} = \\frac{AB}{AC}"], rt=1.5)
    half = deg_tex(t.A / 2)
    fig.add(["seg", "A", "D", "GREEN", 4], ["angle", "B", "A", "D", half, "GREEN", 0.7],
            ["angle", "D", "A", "C", half, "GREEN", 1.0], fig.label(foot, "D", (0, -1), "GREEN", 34),
            show=[("text", "AD halves the angle at A", "GREEN")], rt=1.8)
    fig.add(seg_label(fig, (pts["B"], foot), f"BD {val_tex(bd)}", pts["A"], "ORANGE", 28),
            seg_label(fig, (foot, pts["C"]), f"DC {val_tex(dc)}", pts["A"], "TEAL", 28),
            show=[f"BD = \\frac{{a\\,c}}{{b + c}} = \\frac{{{latex(t.a)}\\cdot {latex(t.c)}}}{{{latex(t.b + t.c)}}}"
                  f" {val_tex(bd)}", f"\\frac{{BD}}{{DC}} = \\frac{{{latex(bd)}}}{{{latex(dc)}}} = "
                  f"\\frac{{{latex(t.c)}}}{{{latex(t.b)}}}"], ops=[["indicate", 3]], rt=2)
    shots = [f"Triangle with BC = {latex(t.a)}, AC = {latex(t.b)}, AB = {latex(t.c)}.",
             "The bisector of angle A meets BC at D.", f"BD = {latex(bd)}, DC = {latex(dc)}: BD/DC = AB/AC."]
    return figure_draft(fig, shots, {"BD": bd, "DC": dc})


VARIANTS = {"parallel_line": angle_sum, "bisector_from_A": bisector, "height": area_sine}


def triangle(r: Reader) -> Draft:
    """construction = triangle: the law the entry is about, on the request's triangle."""
    s = r.ask.settings
    t = _read(r, _mode(s))
    if s.get("show") in VARIANTS:
        return VARIANTS[s["show"]](t)
    return {"sss": heron, "sas": law_of_cosines, "asa": law_of_sines}[_mode(s)](t)


def right_triangle(r: Reader) -> Draft:
    """construction = right_triangle: sin, cos, tan of the angle θ at A as ratios of the sides."""
    a, b = r.num(("a", "opposite"), r.setting("a", 3)), r.num(("b", "adjacent"), r.setting("b", 4))
    c = sp.sqrt(a**2 + b**2)
    theta = sp.atan(a / b) / D
    fig = Figure(Frame([(0, 0), (float(b), 0), (float(b), float(a))], margin=0.8))
    for name, p in (("A", (0, 0)), ("C", (float(b), 0)), ("B", (float(b), float(a)))):
        fig.point(name, p)
    fig.add(["poly", ["A", "C", "B"], "BLUE", 0.15], ["right", "A", "C", "B"],
            *(fig.label(p, n, d, size=36) for n, p, d in (("A", (0, 0), (-1, -0.4)), ("C", (float(b), 0), (1, -1)),
                                                         ("B", (float(b), float(a)), (1, 0.4)))), rt=1.2)
    pa, pb, pc = (0, 0), (float(b), 0), (float(b), float(a))
    fig.add(["angle", "C", "A", "B", "\\theta", "YELLOW", 0.7],
            seg_label(fig, (pc, pb), f"a = {latex(a)}", pa, "RED"), seg_label(fig, (pa, pb), f"b = {latex(b)}", pc, "GREEN"),
            seg_label(fig, (pa, pc), f"c = {latex(c)}", pb, "YELLOW"),
            show=[("text", "a: opposite θ, b: adjacent, c: hypotenuse")], rt=1.5)
    lines = [f"\\sin\\theta = \\frac{{a}}{{c}} = {latex(a / c)}", f"\\cos\\theta = \\frac{{b}}{{c}} = {latex(b / c)}",
             f"\\tan\\theta = \\frac{{a}}{{b}} = {latex(a / b)}"]
    for line in lines:
        fig.add(show=[line], rt=1.2)
    fig.add(show=[f"\\theta = \\arctan {latex(a / b)} \\approx {num(theta)}^\\circ"], ops=[["indicate", 4]], rt=1.5)
    shots = [f"A right triangle with legs a = {latex(a)} (opposite θ) and b = {latex(b)} (adjacent), c = {latex(c)}.",
             f"sin θ = {latex(a / c)}, cos θ = {latex(b / c)}, tan θ = {latex(a / b)}.", f"θ ≈ {num(theta)}°."]
    return figure_draft(fig, shots, {"sin": a / c, "cos": b / c, "tan": a / b, "theta_deg": theta})
