"""Fields: electric field lines of point charges (traced numerically here), equipotentials, Gauss's law, the
field of a straight wire and of a solenoid, the parallel-plate capacitor, and magnetic forces on a moving charge
or a current-carrying wire."""

from __future__ import annotations

import math
import re

from ..base import Ask
from ..physics_kit import GREEN, YELLOW, Draft, Reader, fmt, pick, tr, wrap_rows
from .circuits import SYMBOLS

K, EPS0, MU0 = 8.9875517923e9, 8.8541878128e-12, 4e-7 * math.pi
CENTRE, SCALE = (-2.6, -0.9), 1.7  # where the charges' origin is drawn, scene units per unit of position
BOX = (-6.75, 1.6, -3.65, 1.95)  # where field lines may go: inside the planned body (physics_kit.BODY_PART)

CHARGES = '''
head = heading(self, FORMULA)
lines = VGroup()
for pts in LINES:
    path = VMobject(color=BLUE_B, stroke_width=2.5).set_points_smoothly([p + [0] for p in pts])
    mid = len(pts) // 2
    a, b = np.array(pts[mid] + [0]), np.array(pts[mid + 1] + [0])
    d = (b - a) / max(np.linalg.norm(b - a), 1e-6)
    tip = Triangle(color=BLUE_B, fill_opacity=1, stroke_width=0).scale(0.07).rotate(np.arctan2(d[1], d[0]) - PI / 2)
    lines.add(VGroup(path, tip.move_to(a)))
for r, text in RINGS:
    ring = DashedVMobject(Circle(radius=r, color=GREEN).move_to(np.array(SPOTS[0][:2] + [0])), num_dashes=36)
    lines.add(ring, say(text, 20, GREEN).next_to(np.array(SPOTS[0][:2] + [0]) + r * np.array([0.62, 0.78, 0]), UR,
                                                buff=0.05))
dots = VGroup()
for x, y, q in SPOTS:
    c = Circle(radius=0.24, fill_color=RED if q > 0 else BLUE, fill_opacity=1, stroke_color=WHITE).move_to([x, y, 0])
    dots.add(VGroup(c, say("+" if q > 0 else "−", 26, WHITE).move_to(c)))
self.play(FadeIn(dots), run_time=rt(0.6))
self.play(Create(lines, lag_ratio=0.02), run_time=rt(3))
for start, end, col in FORCES:
    self.play(GrowArrow(arrow(np.array(start + [0]), np.array(end + [0]), col, 6)), run_time=rt(0.6))
if SPHERE:
    s = ValueTracker(SPHERE[0])
    ball = always_redraw(lambda: Circle(radius=s.get_value(), color=YELLOW, fill_color=YELLOW, fill_opacity=0.12)
                         .move_to(np.array(SPOTS[0][:2] + [0])))
    self.play(FadeIn(ball), run_time=rt(0.6))
    self.play(s.animate.set_value(SPHERE[1]), run_time=rt(2))
closing(self, (2.1, 6.9, -3.7, 2.0), 2.5)
'''


def _field(charges: list, x: float, y: float) -> tuple[float, float]:
    """The field (up to k) of the charges [q, x, y] at (x, y), in scene coordinates."""
    ex = ey = 0.0
    for q, cx, cy in charges:
        dx, dy = x - cx, y - cy
        r3 = max((dx * dx + dy * dy) ** 1.5, 1e-6)
        ex, ey = ex + q * dx / r3, ey + q * dy / r3
    return ex, ey


def _trace(charges: list, x: float, y: float, sign: float) -> list[list[float]]:
    """A field line from (x, y) along sign·E until it reaches another charge or leaves BOX (RK2, step 0.05)."""
    pts = [[x, y]]
    for _ in range(400):
        ex, ey = _field(charges, x, y)
        n = math.hypot(ex, ey) or 1.0
        mx, my = x + sign * 0.025 * ex / n, y + sign * 0.025 * ey / n
        ex, ey = _field(charges, mx, my)
        n = math.hypot(ex, ey) or 1.0
        x, y = x + sign * 0.05 * ex / n, y + sign * 0.05 * ey / n
        if not (BOX[0] < x < BOX[1] and BOX[2] < y < BOX[3]):
            break
        pts.append([round(x, 3), round(y, 3)])
        if any(math.hypot(x - cx, y - cy) < 0.22 for _, cx, cy in charges):
            break
    return pts[::2] + ([pts[-1]] if len(pts) % 2 == 0 else [])


def field_lines(charges: list, per_unit: int = 12) -> list[list[list[float]]]:
    """Lines starting around each positive charge (around the negative ones when there is none)."""
    sources = [c for c in charges if c[0] > 0] or charges
    sign = 1.0 if any(c[0] > 0 for c in charges) else -1.0
    lines = []
    for q, cx, cy in sources:
        n = max(6, int(per_unit * abs(q) / max(abs(c[0]) for c in charges)))
        for k in range(n):
            a = 2 * math.pi * (k + 0.5) / n
            line = _trace(charges, cx + 0.25 * math.cos(a), cy + 0.25 * math.sin(a), sign)
            if len(line) > 3:
                lines.append(line if sign > 0 else line[::-1])  # drawn in the direction of E
    return lines


def _scene_charges(given: list) -> list:
    """The catalogue's charges [q, x, y] as [q, scene x, scene y]."""
    return [[q, CENTRE[0] + SCALE * x, CENTRE[1] + SCALE * y] for q, x, y in given]


def _charges_draft(layout: dict, shots: list[str], facts: list[str], values: dict) -> Draft:
    """The point-charge scene: field lines traced here from the scene positions of the charges."""
    spots = layout.pop("SPOTS")
    consts = {"LINES": field_lines([[q, x, y] for x, y, q in spots]), "SPOTS": spots, "RINGS": [], "FORCES": [],
              "SPHERE": [], **layout}
    consts["PANEL"] = wrap_rows(consts["PANEL"], 28)
    return Draft(CHARGES, consts, shots, facts, values)


def coulomb(ask: Ask, r: Reader) -> Draft:
    """Two point charges: their field lines and the equal and opposite Coulomb forces F = k|q₁q₂|/r²."""
    given = [c for c in ask.settings.get("charges", [])][:2]
    alike = len([q for q in r.items if q.kind == "charge" and not q.name]) == 1 and \
        re.search(r"\b(?:two|both|each|identical|equal)\b|两个|相同", ask.params.concept, re.I)
    qs = r.nums("charge_values", "charge", (-1, 1), default=[g[0] * 1e-6 for g in given], label="q (C)")[:2]
    if alike:  # "two 1 μC charges": both are 1 μC
        qs = [qs[0], qs[0]]
        r.found.append(f"q₂ = q₁ = {fmt(qs[0])} C (two equal charges)")
    dist = r.num("r", "length", (1e-6, 1e6), names=("distance", "d"), default=0.1, label="r")
    f = K * abs(qs[0] * qs[1]) / dist ** 2
    attract = qs[0] * qs[1] < 0
    spots = [[x, y, q] for q, (_, x, y) in zip(qs, _scene_charges(given), strict=True)]
    (x1, y1, _), (x2, y2, _) = spots
    d = 1 if attract else -1
    forces = [[[x1 + 0.3 * d, y1], [x1 + 1.3 * d, y1], YELLOW], [[x2 - 0.3 * d, y2], [x2 - 1.3 * d, y2], YELLOW]]
    rows = [f"q₁ = {fmt(qs[0] * 1e6)} μC,  q₂ = {fmt(qs[1] * 1e6)} μC", f"r = {fmt(dist)} m",
            (f"F = k|q₁q₂|/r² = {fmt(f)} N", YELLOW),
            tr(ask, "attractive (unlike charges)" if attract else "repulsive (like charges)",
               "相互吸引（异种电荷）" if attract else "相互排斥（同种电荷）"),
            tr(ask, "equal and opposite on the two", "两电荷受力大小相等、方向相反"), f"k = {fmt(K, 4)} N·m²/C²"]
    facts = [f"F = k|q₁q₂|/r² = {fmt(f)} N, {'attractive' if attract else 'repulsive'}"]
    shots = ["two point charges and their field lines", "the Coulomb force on each, equal and opposite",
             f"F = k|q₁q₂|/r² = {fmt(f)} N for r = {fmt(dist)} m"]
    return _charges_draft({"SPOTS": spots, "FORCES": forces, "PANEL": rows,
                           "FORMULA": r"F = k\frac{q_1 q_2}{r^2}"}, shots, facts, {"F": f})


def point_charge(ask: Ask, r: Reader) -> Draft:
    """One charge: its radial field lines, with E = kQ/r², equipotential circles V = kQ/r, or a Gaussian
    sphere whose flux Q/ε₀ does not depend on its radius."""
    q = r.num("Q", "charge", (-1, 1), names=("q",), default=1e-6, label="Q")
    show = ask.settings.get("show", "field_lines")
    spots = [[CENTRE[0], CENTRE[1], 1 if q > 0 else -1]]
    layout = {"SPOTS": spots, "FORMULA": r"E = k\frac{Q}{r^2}"}
    radii = [0.5, 1.0, 2.0]
    if show == "equipotentials":
        layout["RINGS"] = [[0.9 * x, f"{fmt(K * q / x / 1000)} kV"] for x in (1.0, 2.0, 3.0)]
        rows = [f"Q = {fmt(q * 1e6)} μC", "V = kQ/r:"] + [[f"   r = {fmt(x)} m: V = {fmt(K * q / x)} V", GREEN]
                                                           for x in (1.0, 2.0, 3.0)]
        rows += [tr(ask, "field lines cross them at right angles", "电场线与等势面垂直"),
                 tr(ask, f"W = qU: e through 100 V gains {fmt(1.602e-19 * 100)} J",
                    f"W = qU：电子经过 100 V 获得 {fmt(1.602e-19 * 100)} J")]
        layout.update(FORMULA=r"V = k\frac{Q}{r} \qquad W = qU")
    elif show == "gaussian_sphere":
        flux = q / EPS0
        layout["SPHERE"] = [0.8, 2.4]
        rows = [f"Q = {fmt(q * 1e6)} μC", (f"Φ = Q/ε₀ = {fmt(flux)} V·m", YELLOW),
                tr(ask, "the same for every closed surface around Q", "对任何包围 Q 的闭合曲面都相同"),
                f"E·4πr² = Q/ε₀ ⇒ E(1 m) = {fmt(flux / (4 * math.pi))} N/C"]
        layout.update(FORMULA=r"\oint \mathbf{E}\cdot d\mathbf{A} = \frac{Q}{\varepsilon_0}")
    else:
        rows = [f"Q = {fmt(q * 1e6)} μC", "E = kQ/r²:"] + [[f"   r = {fmt(x)} m: E = {fmt(K * abs(q) / x ** 2)} N/C",
                                                             YELLOW] for x in radii]
        rows += [tr(ask, "lines thin out as 1/r²", "电场线按 1/r² 变稀")]
    facts = [f"E = kQ/r² = {fmt(K * abs(q))} N/C at 1 m", f"V = kQ/r = {fmt(K * q)} V at 1 m",
             f"flux Q/ε₀ = {fmt(q / EPS0)} V·m"]
    shots = [f"a point charge of {fmt(q * 1e6)} μC", "its field lines spread out radially",
             {"equipotentials": "equipotential circles at V = kQ/r", "gaussian_sphere":
              "a Gaussian sphere grows: the same lines, the same flux, cross it"}.get(show, "the field weakens as 1/r²"),
             facts[0]]
    layout["PANEL"] = rows
    return _charges_draft(layout, shots, facts, {"E_1m": K * abs(q), "V_1m": K * q, "flux": q / EPS0})


WIRE = '''
head = heading(self, FORMULA)
O = np.array([-2.6, -0.9, 0])
wire = VGroup(Circle(radius=0.22, color=WHITE, stroke_width=4).move_to(O), Dot(O, radius=0.07, color=WHITE))
i_lab = say(I_TEXT, 22).next_to(wire, DOWN, buff=0.15)
self.play(FadeIn(wire, i_lab), run_time=rt(0.6))
phase = ValueTracker(0)
rings = VGroup()
for rad in RADII:
    rings.add(Circle(radius=rad, color=BLUE, stroke_width=3).move_to(O))


def heads():
    g = VGroup()
    for k, rad in enumerate(RADII):
        for j in range(3):
            a = phase.get_value() / rad + 2 * PI * j / 3 + k
            p = O + rad * np.array([np.cos(a), np.sin(a), 0])
            g.add(Triangle(color=BLUE, fill_opacity=1, stroke_width=0).scale(0.08).rotate(a).move_to(p))
    return g


self.play(Create(rings, lag_ratio=0.3), run_time=rt(2))
tips = always_redraw(heads)
self.add(tips)
panel = put(column(PANEL, 22), (1.8, 6.9, -3.7, 2.0))
self.play(phase.animate.set_value(2), FadeIn(panel[:2]), run_time=rt(2), rate_func=linear)
for row in panel[2:]:
    self.play(FadeIn(row, shift=0.2 * LEFT), phase.animate.increment_value(0.6), run_time=rt(0.6), rate_func=linear)
self.play(phase.animate.increment_value(2), run_time=rt(2), rate_func=linear)
self.wait(rt(1))
'''


def straight_wire(ask: Ask, r: Reader) -> Draft:
    """A long wire seen end-on: circular field lines, B = μ₀I/(2πr) falling off as 1/r."""
    i = r.num("current", "current", (1e-6, 1e6), names=("I",), label="I")
    dist = r.num("r", "length", (1e-4, 100), names=("distance", "d"), default=0.05, label="r")
    b = MU0 * i / (2 * math.pi * dist)
    rows = [f"I = {fmt(i)} A {tr(ask, '(out of the page)', '（垂直纸面向外）')}", tr(ask, "right-hand rule: B circles "
                                                                                  "counter-clockwise", "右手定则：B 沿逆时针"),
            (f"B = μ₀I/(2πr) = {fmt(b)} T at {fmt(dist * 100)} cm", YELLOW)]
    rows += [f"   r = {fmt(x * dist * 100)} cm: {fmt(b / x)} T" for x in (2, 4)]
    rows += [tr(ask, "B ∝ 1/r", "B 与 r 成反比")]
    consts = {"RADII": [0.65, 1.3, 1.95, 2.6], "I_TEXT": f"I = {fmt(i)} A", "PANEL": wrap_rows(rows, 30),
              "FORMULA": r"B = \frac{\mu_0 I}{2\pi r}"}
    facts = [f"B = μ₀I/(2πr) = {fmt(b)} T at r = {fmt(dist)} m"]
    shots = [f"a long straight wire carrying {fmt(i)} A out of the page", "its magnetic field lines are circles around it",
             "their direction follows the right-hand rule", f"B = μ₀I/(2πr) = {fmt(b)} T at {fmt(dist * 100)} cm, halving "
             "each time r doubles"]
    return Draft(WIRE, consts, shots, facts, {"B": b})


SOLENOID = '''
head = heading(self, FORMULA)
Y, X0, X1 = -0.9, -5.5, -1.1
inside = VGroup(*[arrow([X0 - 0.6, Y + dy, 0], [X1 + 0.6, Y + dy, 0], BLUE, 3) for dy in (-0.5, 0, 0.5)])
outside = VGroup(*[DashedVMobject(Ellipse(width=X1 - X0 + 1.8 + 0.5 * k, height=3.3 + 0.7 * k, color=BLUE)
                                  .move_to([(X0 + X1) / 2, Y, 0]), num_dashes=50) for k in range(2)])
turns = VGroup()
for x in np.linspace(X0, X1, 9):
    turns.add(Ellipse(width=0.35, height=2.0, color=ORANGE, stroke_width=4).move_to([x, Y, 0]))
    turns.add(say("⊙", 20, ORANGE).move_to([x, Y + 1.25, 0]), say("⊗", 20, ORANGE).move_to([x, Y - 1.25, 0]))
self.play(Create(turns), run_time=rt(1.5))
self.play(*[GrowArrow(a) for a in inside], run_time=rt(1.2))
self.play(Create(outside), run_time=rt(1.2))
poles = VGroup(say("S", 26, GREEN).move_to([X0 - 1.0, Y + 0.9, 0]).add_background_rectangle(opacity=0.9, buff=0.06),
               say("N", 26, RED).move_to([X1 + 1.0, Y + 0.9, 0]).add_background_rectangle(opacity=0.9, buff=0.06))
self.play(FadeIn(poles), run_time=rt(0.5))
closing(self, (2.2, 6.9, -3.7, 2.0), 2.5)
'''


def solenoid(ask: Ask, r: Reader) -> Draft:
    """A long coil: a uniform field inside, B = μ₀nI, closing outside like a bar magnet's."""
    n = r.num("turns_per_m", "per_metre", (1, 1e6), names=("n",), bare=True, label="n")
    i = r.num("current", "current", (1e-6, 1e5), names=("I",), label="I")
    b = MU0 * n * i
    rows = [f"n = {fmt(n)} {tr(ask, 'turns/m', '匝/米')}", f"I = {fmt(i)} A", (f"B = μ₀nI = {fmt(b)} T", YELLOW),
            tr(ask, "uniform inside, weak outside", "内部匀强，外部很弱"), tr(ask, "ends act as N and S poles",
                                                                          "两端相当于 N、S 极")]
    consts = {"PANEL": wrap_rows(rows, 28), "FORMULA": r"B = \mu_0 n I"}
    facts = [f"B = μ₀nI = {fmt(b)} T inside"]
    shots = [f"a solenoid with {fmt(n)} turns per metre carrying {fmt(i)} A", "inside, the field lines are straight "
             "and evenly spaced", "outside they close around like a bar magnet's", f"B = μ₀nI = {fmt(b)} T"]
    return Draft(SOLENOID, consts, shots, facts, {"B": b})


def field(ask: Ask, r: Reader) -> Draft:
    """Point charges, a straight wire or a solenoid."""
    charges = ask.settings.get("charges", [])
    table = {"straight_wire": straight_wire, "solenoid": solenoid,
             "charges": coulomb if len(charges) > 1 else point_charge}
    return pick(table, ask.settings.get("setup", "charges" if charges else ""))(ask, r)


CAPACITOR = '''
head = heading(self, FORMULA)
XL, XR, Y = -4.6, -1.6, -0.6
plates = VGroup(Rectangle(width=0.14, height=3.2, fill_color=RED, fill_opacity=1, stroke_width=0).move_to([XL, Y, 0]),
                Rectangle(width=0.14, height=3.2, fill_color=BLUE, fill_opacity=1, stroke_width=0).move_to([XR, Y, 0]))
signs = VGroup(*[say("+", 28, RED).move_to([XL - 0.3, Y + dy, 0]) for dy in np.linspace(-1.3, 1.3, 6)],
               *[say("−", 28, BLUE).move_to([XR + 0.3, Y + dy, 0]) for dy in np.linspace(-1.3, 1.3, 6)])
leads = VGroup(wire([XL, Y - 1.6], [XL, -3.3], [-3.5, -3.3]), wire([-2.7, -3.3], [XR, -3.3], [XR, Y - 1.6]),
               battery([-3.5, -3.3], [-2.7, -3.3]))
v_lab = say(V_TEXT, 22, YELLOW).move_to([-3.1, -2.75, 0])
self.play(FadeIn(plates), Create(leads), FadeIn(v_lab), run_time=rt(1))
self.play(FadeIn(signs, lag_ratio=0.1), run_time=rt(1.2))
field = VGroup(*[arrow([XL + 0.15, Y + dy, 0], [XR - 0.15, Y + dy, 0], YELLOW, 3) for dy in np.linspace(-1.2, 1.2, 5)])
self.play(LaggedStart(*[GrowArrow(a) for a in field], lag_ratio=0.15), run_time=rt(1.2))
gap = BraceBetweenPoints([XL, Y + 1.7, 0], [XR, Y + 1.7, 0], UP, color=GREY_B)
gap_lab = say(D_TEXT, 22).next_to(gap, UP, buff=0.08)
self.play(FadeIn(gap, gap_lab), run_time=rt(0.6))
closing(self, (0.4, 6.9, -3.7, 2.0), 2.5)
'''


def capacitor(ask: Ask, r: Reader) -> Draft:
    """A parallel-plate capacitor on a cell: C = ε₀A/d, Q = CV, the uniform field V/d and the energy ½CV²."""
    v = r.num("voltage", "voltage", (1e-3, 1e6), names=("V", "U"), label="V")
    given = r.maybe("capacitance", "capacitance", (1e-15, 100), names=("C",), label="C")
    area = r.num("plate_area", "area", (1e-8, 1e4), names=("A",), label="A")
    gap = r.num("gap", "length", (1e-7, 10), names=("d",), label="d")
    cap = given or EPS0 * area / gap
    rows = ([f"A = {fmt(area)} m²,  d = {fmt(gap)} m", f"C = ε₀A/d = {fmt(cap)} F"] if not given else
            [f"C = {fmt(cap)} F"])
    rows += [f"V = {fmt(v)} V", (f"Q = CV = {fmt(cap * v)} C", YELLOW)]
    rows += [] if given else [f"E = V/d = {fmt(v / gap)} V/m"]
    rows += [(f"U = ½CV² = {fmt(cap * v * v / 2)} J", GREEN)]
    consts = {"V_TEXT": f"{fmt(v)} V", "D_TEXT": f"d = {fmt(gap)} m" if not given else "d",
              "PANEL": wrap_rows(rows, 36), "FORMULA": r"C = \frac{\epsilon_0 A}{d} \qquad Q = C V \qquad E = "
                                                       r"\tfrac{1}{2} C V^2"}
    facts = [f"C = {fmt(cap)} F", f"Q = CV = {fmt(cap * v)} C", f"stored energy ½CV² = {fmt(cap * v * v / 2)} J"]
    facts += [] if given else [f"field between the plates V/d = {fmt(v / gap)} V/m"]
    shots = ["two parallel plates connected to a cell", "charge +Q and −Q gathers on the plates",
             "a uniform field points from + to − between them", *facts[:3]]
    return Draft(CAPACITOR, consts, shots, facts, {"C": cap, "Q": cap * v, "U": cap * v * v / 2}, SYMBOLS)


GRID = '''
crosses = VGroup(*[VGroup(Line([x - 0.08, y - 0.08, 0], [x + 0.08, y + 0.08, 0]), Line([x - 0.08, y + 0.08, 0],
                                                                                [x + 0.08, y - 0.08, 0]))
                   .set_stroke(GREY_B, 2) for x in np.arange(-6.4, 1.8, 0.8) for y in np.arange(-3.4, 1.9, 0.8)])
b_lab = in_body(say(B_WORD, 22, GREY_B).add_background_rectangle(opacity=0.9, buff=0.06), DL)
'''

GYRO = '''
head = heading(self, FORMULA)
''' + GRID + '''
self.play(FadeIn(crosses, b_lab), run_time=rt(0.8))
O = np.array([-2.4, -0.8, 0])
phi = ValueTracker(-PI / 2)


def at(a):
    return O + RS * np.array([np.cos(a), np.sin(a), 0])


path = always_redraw(lambda: Arc(radius=RS, start_angle=-PI / 2, angle=phi.get_value() + PI / 2, arc_center=O,
                                 color=YELLOW, stroke_width=3))
particle = always_redraw(lambda: Dot(at(phi.get_value()), radius=0.15, color=RED))
v_arrow = always_redraw(lambda: arrow(at(phi.get_value()), at(phi.get_value()) + 1.2 * np.array(
    [-np.sin(phi.get_value()), np.cos(phi.get_value()), 0]), BLUE, 5))
f_arrow = always_redraw(lambda: arrow(at(phi.get_value()), at(phi.get_value()) - 1.0 * np.array(
    [np.cos(phi.get_value()), np.sin(phi.get_value()), 0]), ORANGE, 5))
key = column([("v", BLUE), ("F = qv × B", ORANGE)], 22).add_background_rectangle(opacity=0.9, buff=0.06)
key.next_to(b_lab, UP, buff=0.15).align_to(b_lab, LEFT)
self.add(path, particle, v_arrow, f_arrow)
self.play(FadeIn(key), run_time=rt(0.5))
panel = put(column(PANEL, 22), (2.3, 6.9, -3.7, 2.0))
self.play(phi.animate.set_value(PI), FadeIn(panel[:2]), run_time=rt(3), rate_func=linear)
for row in panel[2:]:
    self.play(FadeIn(row, shift=0.2 * LEFT), phi.animate.increment_value(0.5), run_time=rt(0.6), rate_func=linear)
self.play(phi.animate.set_value(3 * PI / 2), run_time=rt(1.5), rate_func=linear)
self.wait(rt(1.5))
'''

M_P, Q_E = 1.67262192e-27, 1.602176634e-19


def gyration(ask: Ask, r: Reader) -> Draft:
    """A proton in a uniform field B into the page: qv × B points to the centre, r = mv/(qB), T = 2πm/(qB)."""
    ex = ask.entry.example.values
    v = r.num("speed_si", "speed", (1, 2.9e8), names=("v",), default=ex.get("v", 2e6), label="v")
    b = r.num("field", "field", (1e-9, 100), names=("B",), label="B")
    m = r.num("mass", "mass", (1e-31, 1e-20), names=("m",), default=ex.get("m", M_P), label="m")
    q = r.num("charge_si", "charge", (1e-20, 1e-10), names=("q",), default=ex.get("q", Q_E), label="q")
    rad, per = m * v / (q * b), 2 * math.pi * m / (q * b)
    rows = [f"v = {fmt(v)} m/s,  B = {fmt(b)} T", f"q = {fmt(q)} C,  m = {fmt(m)} kg", f"F = qvB = {fmt(q * v * b)} N",
            (f"r = mv/(qB) = {fmt(rad)} m", YELLOW), f"T = 2πm/(qB) = {fmt(per)} s",
            tr(ask, "F ⊥ v: the speed never changes", "F ⊥ v：速率不变")]
    consts = {"RS": 2.2, "B_WORD": tr(ask, "B into the page", "B 垂直纸面向里"), "PANEL": wrap_rows(rows, 28),
              "FORMULA": r"F = q v B\sin\theta \qquad r = \frac{m v}{q B}"}
    facts = [f"F = qvB = {fmt(q * v * b)} N", f"radius r = mv/(qB) = {fmt(rad)} m", f"period T = 2πm/(qB) = {fmt(per)} s"]
    shots = [f"a uniform magnetic field of {fmt(b)} T into the page", f"a proton enters at {fmt(v)} m/s",
             "the force qv × B is always at right angles to v: it bends the path into a circle",
             f"r = mv/(qB) = {fmt(rad)} m, one turn in {fmt(per)} s"]
    return Draft(GYRO, consts, shots, facts, {"r": rad, "T": per})


WIRE_FORCE = '''
head = heading(self, FORMULA)
''' + GRID + '''
self.play(FadeIn(crosses, b_lab), run_time=rt(0.8))
rod = VGroup(Line([-5.6, -1.0, 0], [0.8, -1.0, 0], color=ORANGE, stroke_width=8))
i_arrow = arrow([-5.0, -0.55, 0], [-3.4, -0.55, 0], YELLOW, 5)
i_lab = say(I_TEXT, 22, YELLOW).next_to(i_arrow, UP, buff=0.1).add_background_rectangle(opacity=0.9, buff=0.06)
self.play(Create(rod), GrowArrow(i_arrow), FadeIn(i_lab), run_time=rt(1))
length = BraceBetweenPoints([-5.6, -1.1, 0], [0.8, -1.1, 0], DOWN, color=GREY_B)
l_lab = say(L_TEXT, 22).next_to(length, DOWN, buff=0.08).add_background_rectangle(opacity=0.9, buff=0.06)
self.play(FadeIn(length, l_lab), run_time=rt(0.6))
f_arrow = arrow([-1.2, -1.0, 0], [-1.2, 0.6, 0], GREEN, 6)
f_lab = say(F_TEXT, 22, GREEN).next_to(f_arrow, RIGHT, buff=0.1).add_background_rectangle(opacity=0.9, buff=0.06)
self.play(GrowArrow(f_arrow), FadeIn(f_lab), run_time=rt(0.8))
self.play(VGroup(rod, i_arrow, i_lab, f_arrow, f_lab).animate.shift(0.6 * UP), run_time=rt(1.5))
closing(self, (2.3, 6.9, -3.7, 2.0), 2.5)
'''


def wire_force(ask: Ask, r: Reader) -> Draft:
    """A current-carrying wire across a magnetic field: F = BIL sin θ, direction by F = IL × B."""
    i = r.num("current", "current", (1e-6, 1e6), names=("I",), label="I")
    length = r.num("length", "length", (1e-4, 1e4), names=("L",), label="L")
    b = r.num("field", "field", (1e-9, 100), names=("B",), label="B")
    ang = r.num("angle_deg", "angle", (0, 90), names=("angle", "theta"), default=90, label="θ")
    f = b * i * length * math.sin(math.radians(ang))
    rows = [f"B = {fmt(b)} T,  I = {fmt(i)} A", f"L = {fmt(length)} m,  θ = {fmt(ang)}°",
            (f"F = BIL sin θ = {fmt(f)} N", YELLOW), tr(ask, "direction: F = IL × B (left-hand rule)",
                                                      "方向：F = IL × B（左手定则）")]
    consts = {"B_WORD": tr(ask, "B into the page", "B 垂直纸面向里"), "I_TEXT": f"I = {fmt(i)} A",
              "L_TEXT": f"L = {fmt(length)} m", "F_TEXT": f"F = {fmt(f)} N", "PANEL": wrap_rows(rows, 26),
              "FORMULA": r"F = B I L \sin\theta"}
    facts = [f"F = BIL sin θ = {fmt(f)} N"]
    shots = [f"a field of {fmt(b)} T into the page", f"a wire {fmt(length)} m long carries {fmt(i)} A across it",
             f"it is pushed sideways with F = BIL sin θ = {fmt(f)} N"]
    return Draft(WIRE_FORCE, consts, shots, facts, {"F": f})


def magnetic_force(ask: Ask, r: Reader) -> Draft:
    """A charge circling in a field, or a wire pushed by it."""
    return wire_force(ask, r) if ask.settings.get("setup") == "wire" else gyration(ask, r)


VARIANTS = {"field": field, "capacitor": capacitor, "magnetic_force": magnetic_force}
