"""Circuits drawn as schematics: series and parallel resistors, a two-loop Kirchhoff circuit solved with sympy,
a single resistor's power, and the LC oscillator trading energy between its capacitor and its coil."""

from __future__ import annotations

import math

import sympy as sp

from ..base import Ask
from ..physics_kit import GREEN, ORANGE, WHITE, YELLOW, Draft, Reader, fmt, pick, tr, wrap_rows

SYMBOLS = '''

def _frame(a, b):
    a, b = np.array(a + [0] if len(a) == 2 else a, dtype=float), np.array(b + [0] if len(b) == 2 else b, dtype=float)
    d = (b - a) / np.linalg.norm(b - a)
    return a, b, d, np.array([-d[1], d[0], 0])


def resistor(a, b, col=WHITE):
    """A zigzag resistor from a to b, with its leads."""
    a, b, d, n = _frame(a, b)
    size = np.linalg.norm(b - a)
    s0, s1 = size / 2 - 0.45, size / 2 + 0.45
    pts = [a, a + s0 * d] + [a + (s0 + 0.9 * (k + 0.5) / 6) * d + 0.16 * (-1) ** k * n for k in range(6)]
    return VMobject(color=col, stroke_width=4).set_points_as_corners(pts + [a + s1 * d, b])


def plates(a, b, gap, first, second, col=WHITE):
    """Leads from a and b to two plates across the line at ±gap from the middle; first/second: (half length,
    stroke width) of the plate toward b and toward a."""
    a, b, d, n = _frame(a, b)
    m = (a + b) / 2
    return VGroup(Line(a, m - gap * d, color=col, stroke_width=4), Line(m + gap * d, b, color=col, stroke_width=4),
                  Line(m + gap * d - first[0] * n, m + gap * d + first[0] * n, color=col, stroke_width=first[1]),
                  Line(m - gap * d - second[0] * n, m - gap * d + second[0] * n, color=col, stroke_width=second[1]))


def battery(a, b, col=WHITE):
    """A cell from a to b: the long (+) plate toward b."""
    return plates(a, b, 0.09, (0.36, 4), (0.18, 9), col)


def capacitor_sym(a, b, col=WHITE):
    """Two equal plates between leads."""
    return plates(a, b, 0.1, (0.34, 5), (0.34, 5), col)


def inductor(a, b, col=WHITE):
    """Four loops of a coil between leads."""
    a, b, d, n = _frame(a, b)
    size = np.linalg.norm(b - a)
    s0 = size / 2 - 0.5
    arcs = VGroup(Line(a, a + s0 * d, color=col, stroke_width=4), Line(a + (s0 + 1.0) * d, b, color=col, stroke_width=4))
    for k in range(4):
        p, q = a + (s0 + 0.25 * k) * d, a + (s0 + 0.25 * (k + 1)) * d
        arcs.add(ArcBetweenPoints(p, q, angle=-PI, color=col, stroke_width=4))
    return arcs


def wire(*pts):
    """Wires through the points."""
    return VMobject(color=WHITE, stroke_width=4).set_points_as_corners([np.array(p + [0], dtype=float) for p in pts])


def flow(path, t, speed, count=10, col=YELLOW):
    """Charges moving along the closed path (a list of corners) at `speed` units per unit of t."""
    pts = [np.array(p + [0], dtype=float) for p in path] + [np.array(path[0] + [0], dtype=float)]
    lens = [np.linalg.norm(q - p) for p, q in zip(pts, pts[1:])]
    total = sum(lens)

    def at(s):
        s %= total
        for p, q, size in zip(pts, pts[1:], lens):
            if s <= size:
                return p + (q - p) * s / size
            s -= size
        return pts[0]

    return always_redraw(lambda: VGroup(*[Dot(at(speed * t.get_value() + k * total / count), radius=0.06, color=col)
                                          for k in range(count)]))
'''

SERIES_PARALLEL = '''
head = heading(self, FORMULA)
t = ValueTracker(0)
rows = []
for k, (loop, parts, labels, speed, text) in enumerate(CIRCUITS):
    drawn = VGroup(*[wire(*w) for w in parts["wires"]])
    drawn.add(battery(*parts["battery"]))
    drawn.add(*[resistor(*r) for r in parts["resistors"]])
    names = VGroup(*[say(s, 22, col).move_to(np.array(p + [0])) for s, p, col in labels])
    self.play(Create(drawn), FadeIn(names), run_time=rt(1.2))
    self.add(flow(loop, t, speed))
    info = column(text, 22).move_to([3.6, 0.4 - 2.75 * k, 0])
    rows.append(info)
    reveal(self, info, 0.5)
    self.play(t.animate.increment_value(2), run_time=rt(2), rate_func=linear)
self.play(t.animate.increment_value(3), run_time=rt(3), rate_func=linear)
self.wait(rt(1))
'''


def _series(rs: list[float], v: float, top: float) -> tuple:
    """A series loop (battery on the left, resistors along the top) and its labels."""
    x0, x1, y0, y1 = -5.6, -1.0, top - 2.2, top
    n = len(rs)
    step = (x1 - x0) / n
    parts = {"wires": [[[x0, y0], [x1, y0], [x1, y1]]],
             "battery": [[x0, y0], [x0, y1]], "resistors": [[[x0 + step * k, y1], [x0 + step * (k + 1), y1]]
                                                           for k in range(n)]}
    i = v / sum(rs)
    labels = [[f"{fmt(v)} V", [x0 - 0.7, (y0 + y1) / 2], YELLOW]]
    labels += [[f"{fmt(r)} Ω", [x0 + step * (k + 0.5), y1 + 0.45], WHITE] for k, r in enumerate(rs)]
    labels += [[f"{fmt(i * r)} V", [x0 + step * (k + 0.5), y1 - 0.45], GREEN] for k, r in enumerate(rs)]
    return [[x0, y0], [x0, y1], [x1, y1], [x1, y0]], parts, labels, i


def _parallel(rs: list[float], v: float, top: float) -> tuple:
    """A parallel circuit (battery on the left, one vertical branch per resistor) and its labels."""
    x0, y0, y1 = -5.6, top - 2.2, top
    xs = [-3.7 + 1.5 * k for k in range(len(rs))]
    parts = {"wires": [[[x0, y0], [xs[-1], y0]], [[x0, y1], [xs[-1], y1]]], "battery": [[x0, y0], [x0, y1]],
             "resistors": [[[x, y1], [x, y0]] for x in xs]}
    labels = [[f"{fmt(v)} V", [x0 - 0.7, (y0 + y1) / 2], YELLOW]]
    labels += [[f"{fmt(r)} Ω", [x + 0.62, (y0 + y1) / 2 + 0.25], WHITE] for x, r in zip(xs, rs, strict=True)]
    labels += [[f"{fmt(v / r)} A", [x + 0.62, (y0 + y1) / 2 - 0.25], GREEN] for x, r in zip(xs, rs, strict=True)]
    return [[x0, y0], [x0, y1], [xs[-1], y1], [xs[-1], y0]], parts, labels, v / (1 / sum(1 / r for r in rs))


def series_parallel(ask: Ask, r: Reader) -> Draft:
    """The same resistors in series and in parallel on the same cell: total resistance, currents, voltages."""
    rs = r.nums("resistors", "resistance", (0.01, 1e7), label="R", bare=True, most=3)[:3]
    v = r.num("voltage", "voltage", (0.01, 1e6), names=("V", "U"), label="V")
    rs_, rp = sum(rs), 1 / sum(1 / x for x in rs)
    loop_s, parts_s, labels_s, i_s = _series(rs, v, 1.4)
    loop_p, parts_p, labels_p, _ = _parallel(rs, v, -1.3)
    names = "".join("₁₂₃"[k] for k in range(len(rs)))
    text_s = [tr(ask, "series:", "串联："), f"R_s = {' + '.join(fmt(x) for x in rs)} = {fmt(rs_)} Ω",
              (f"I = V/R_s = {fmt(i_s)} A", YELLOW), ("V = " + ", ".join(f"{fmt(i_s * x)}" for x in rs) + " V", GREEN)]
    text_p = [tr(ask, "parallel:", "并联："), f"1/R_p = Σ1/R ⇒ R_p = {fmt(rp)} Ω", (f"I = V/R_p = {fmt(v / rp)} A", YELLOW),
              ("I" + names[0] + ", … = " + ", ".join(f"{fmt(v / x)}" for x in rs) + " A", GREEN)]
    speed = 1.2 / max(i_s, v / rp)
    consts = {"CIRCUITS": [[loop_s, parts_s, labels_s, 0.3 + i_s * speed, text_s],
                           [loop_p, parts_p, labels_p, 0.3 + v / rp * speed, text_p]],
              "FORMULA": r"R_s = R_1 + R_2 \qquad \frac{1}{R_p} = \frac{1}{R_1} + \frac{1}{R_2}"}
    facts = [f"series: R_s = {fmt(rs_)} Ω, I = {fmt(i_s)} A, voltages " + ", ".join(f"{fmt(i_s * x)} V" for x in rs),
             f"parallel: R_p = {fmt(rp)} Ω, total current {fmt(v / rp)} A, branch currents "
             + ", ".join(f"{fmt(v / x)} A" for x in rs)]
    shots = ["the resistors in series on a cell: one path, the same current, the voltage shared",
             "the same resistors in parallel: the same voltage on each, the currents add",
             "moving dots show the current, faster where it is larger", *facts]
    return Draft(SERIES_PARALLEL, consts, shots, facts, {"R_s": rs_, "R_p": rp, "I_s": i_s, "I_p": v / rp},
                 SYMBOLS)


TWO_LOOP = '''
head = heading(self, FORMULA)
t = ValueTracker(0)
drawn = VGroup(*[wire(*w) for w in WIRES], *[battery(*b) for b in BATTERIES], *[resistor(*r) for r in RESISTORS])
names = VGroup(*[say(s, 22, col).move_to(np.array(p + [0])) for s, p, col in LABELS])
self.play(Create(drawn), FadeIn(names), run_time=rt(1.5))
nodes = VGroup(*[Dot(np.array(p + [0]), radius=0.08) for p in NODES])
self.play(FadeIn(nodes), run_time=rt(0.4))
panel = put(column(PANEL, 22), (2.7, 6.9, -3.7, 2.0))
reveal(self, panel[:3], 0.7)
for path, speed in FLOWS:
    self.add(flow(path, t, speed, 8))
arrows = VGroup(*[arrow(np.array(a + [0]), np.array(b + [0]), YELLOW, 5) for a, b in CURRENTS])
tags = VGroup(*[say(s, 22, YELLOW).move_to(np.array(p + [0])) for s, p in TAGS])
self.play(t.animate.increment_value(2), FadeIn(arrows, tags), run_time=rt(2), rate_func=linear)
for row in panel[3:]:
    self.play(FadeIn(row, shift=0.2 * LEFT), t.animate.increment_value(0.6), run_time=rt(0.6), rate_func=linear)
self.play(t.animate.increment_value(3), run_time=rt(3), rate_func=linear)
self.wait(rt(1))
'''


def _solve_two_loop(e1: float, e2: float, r1: float, r2: float, r3: float) -> tuple[float, float, float]:
    """Branch currents (up through E1, up through E2, down through R3) from Kirchhoff's laws, by sympy."""
    i1, i2, i3 = sp.symbols("I1 I2 I3")
    sol = sp.solve([sp.Eq(i1 + i2, i3), sp.Eq(e1, i1 * r1 + i3 * r3), sp.Eq(e2, i2 * r2 + i3 * r3)], [i1, i2, i3])
    return float(sol[i1]), float(sol[i2]), float(sol[i3])


def two_loop(ask: Ask, r: Reader) -> Draft:
    """Two cells, three resistors: the junction rule and two loop rules, solved for the branch currents."""
    e1, e2 = r.nums("emfs", "voltage", (-1e5, 1e5), label="E₁, E₂")[:2]
    r1, r2, r3 = r.nums("resistors", "resistance", (0.01, 1e7), label="R₁, R₂, R₃", most=3)[:3]
    i1, i2, i3 = _solve_two_loop(e1, e2, r1, r2, r3)
    xl, xm, xr, yb, yt = -5.0, -2.1, 0.8, -3.0, 1.4
    ym = (yb + yt) / 2
    consts = {"WIRES": [[[xl, yb], [xr, yb]], [[xm, yb], [xm, ym - 0.9]], [[xm, ym + 0.9], [xm, yt]]],
              "BATTERIES": [[[xl, yb], [xl, yt]], [[xr, yb], [xr, yt]]],
              "RESISTORS": [[[xl, yt], [xm, yt]], [[xm, yt], [xr, yt]], [[xm, ym - 0.9], [xm, ym + 0.9]]],
              "NODES": [[xm, yt], [xm, yb]],
              "LABELS": [[f"E₁ = {fmt(e1)} V", [xl - 0.95, ym], ORANGE], [f"E₂ = {fmt(e2)} V", [xr + 0.95, ym], ORANGE],
                         [f"R₁ = {fmt(r1)} Ω", [(xl + xm) / 2, yt + 0.45], WHITE],
                         [f"R₂ = {fmt(r2)} Ω", [(xm + xr) / 2, yt + 0.45], WHITE],
                         [f"R₃ = {fmt(r3)} Ω", [xm + 0.95, ym + 0.3], WHITE]],
              "FLOWS": [[[[xl, yb], [xl, yt], [xm, yt], [xm, yb]], 0.3 + 0.5 * i1], [[[xr, yb], [xr, yt], [xm, yt],
                                                                                         [xm, yb]], 0.3 + 0.5 * i2]],
              "CURRENTS": _current_arrows(i1, i2, i3, (xl, xm, xr, yb, yt)),
              "TAGS": [[f"I₁ = {fmt(abs(i1))} A", [xl + 1.1, yb + 0.45]], [f"I₂ = {fmt(abs(i2))} A", [xr - 1.1, yb + 0.45]],
                       [f"I₃ = {fmt(abs(i3))} A", [xm + 0.95, ym - 0.3]]],
              "PANEL": wrap_rows([tr(ask, "junction: I₁ + I₂ = I₃", "节点：I₁ + I₂ = I₃"),
                                  f"{tr(ask, 'loop 1', '回路1')}: {fmt(e1)} = {fmt(r1)}I₁ + {fmt(r3)}I₃",
                                  f"{tr(ask, 'loop 2', '回路2')}: {fmt(e2)} = {fmt(r2)}I₂ + {fmt(r3)}I₃",
                                  (f"I₁ = {fmt(i1)} A", YELLOW), (f"I₂ = {fmt(i2)} A", YELLOW), (f"I₃ = {fmt(i3)} A", YELLOW),
                                  tr(ask, "a negative current flows the other way", "负号表示电流方向相反")], 26),
              "FORMULA": r"\sum I_{\text{in}} = \sum I_{\text{out}} \qquad \sum \varepsilon = \sum I R"}
    facts = [f"I₁ = {fmt(i1)} A (through E₁)", f"I₂ = {fmt(i2)} A (through E₂)", f"I₃ = {fmt(i3)} A (through R₃)",
             f"junction check: I₁ + I₂ = {fmt(i1 + i2)} A = I₃"]
    shots = ["a circuit of two loops sharing the middle branch", "the junction rule and one loop rule per loop",
             "sympy solves the three equations", *facts[:3]]
    return Draft(TWO_LOOP, consts, shots, facts, {"I1": i1, "I2": i2, "I3": i3}, SYMBOLS)


def _current_arrows(i1: float, i2: float, i3: float, box: tuple) -> list:
    """Short arrows along each branch in the direction its current really flows."""
    xl, xm, xr, yb, yt = box
    y = yb + 1.0
    out = []
    for x, up in ((xl, i1 >= 0), (xr, i2 >= 0)):
        out.append([[x + 0.35, y - 0.3], [x + 0.35, y + 0.3]] if up else [[x + 0.35, y + 0.3], [x + 0.35, y - 0.3]])
    out.append([[xm + 0.35, yb + 0.9], [xm + 0.35, yb + 0.3]] if i3 >= 0 else [[xm + 0.35, yb + 0.3], [xm + 0.35, yb + 0.9]])
    return out


POWER = '''
head = heading(self, FORMULA)
t = ValueTracker(0)
loop = [[-6.0, -2.8], [-6.0, 1.2], [-1.4, 1.2], [-1.4, -2.8]]
drawn = VGroup(wire([-6.0, 1.2], [-4.6, 1.2]), wire([-2.8, 1.2], [-1.4, 1.2], [-1.4, -2.8], [-6.0, -2.8]),
               battery([-6.0, -2.8], [-6.0, 1.2]))
heater = resistor([-4.6, 1.2], [-2.8, 1.2])
names = VGroup(say(V_TEXT, 22, YELLOW).move_to([-5.1, -0.8, 0]), say(R_TEXT, 22).move_to([-3.7, 1.75, 0]))
self.play(Create(drawn), Create(heater), FadeIn(names), run_time=rt(1.2))
self.add(flow(loop, t, 1.2))
panel = put(column(PANEL, 22), (0.2, 6.9, -3.7, 2.0))
self.play(t.animate.increment_value(2), FadeIn(panel[0]), run_time=rt(2), rate_func=linear)
for row in panel[1:]:
    self.play(FadeIn(row, shift=0.2 * LEFT), t.animate.increment_value(0.7), run_time=rt(0.7), rate_func=linear)
self.play(heater.animate.set_color(ORANGE), t.animate.increment_value(2), run_time=rt(2), rate_func=linear)
self.wait(rt(1.5))
'''


def power(ask: Ask, r: Reader) -> Draft:
    """A resistor on a supply: the current, the power P = VI = I²R, and the energy used in an hour."""
    v = r.num("voltage", "voltage", (0.01, 1e6), names=("V", "U"), label="V")
    res = r.num("resistance", "resistance", (1e-3, 1e8), names=("R",), label="R")
    i = v / res
    p = v * i
    rows = [f"I = V/R = {fmt(v)}/{fmt(res)} = {fmt(i)} A", (f"P = VI = {fmt(p)} W", YELLOW), f"P = I²R = {fmt(i * i * res)} W",
            f"P = V²/R = {fmt(v * v / res)} W", tr(ask, f"in one hour: {fmt(p / 1000)} kWh = {fmt(p * 3600)} J",
                                                  f"一小时：{fmt(p / 1000)} kWh = {fmt(p * 3600)} J"),
            tr(ask, "the heater turns it all into heat (Joule)", "电热器把电能全部变成热（焦耳定律）")]
    consts = {"V_TEXT": f"{fmt(v)} V", "R_TEXT": f"{fmt(res)} Ω", "PANEL": wrap_rows(rows, 36),
              "FORMULA": r"P = V I = I^2 R = \frac{V^2}{R}"}
    facts = [f"I = V/R = {fmt(i)} A", f"P = VI = {fmt(p)} W", f"energy per hour {fmt(p * 3600)} J = {fmt(p / 1000)} kWh"]
    shots = [f"a {fmt(res)} Ω heater on {fmt(v)} V", f"the current I = V/R = {fmt(i)} A flows",
             f"it dissipates P = VI = I²R = {fmt(p)} W", "the heater glows: electrical energy becomes heat"]
    return Draft(POWER, consts, shots, facts, {"I": i, "P": p}, SYMBOLS)


LC = '''
head = heading(self, FORMULA)
t = ValueTracker(0)
drawn = VGroup(wire([-6.0, -1.4], [-6.0, -1.0]), wire([-6.0, 0.6], [-6.0, 1.0], [-2.4, 1.0], [-2.4, 0.6]),
               wire([-2.4, -1.0], [-2.4, -1.4], [-6.0, -1.4]), capacitor_sym([-6.0, -1.0], [-6.0, 0.6]),
               inductor([-2.4, 0.6], [-2.4, -1.0]))
names = VGroup(say(C_TEXT, 22).move_to([-5.0, -0.2, 0]), say(L_TEXT, 22).move_to([-1.2, -0.2, 0]))
self.play(Create(drawn), FadeIn(names), run_time=rt(1.2))


def q(s):
    return np.cos(2 * PI * s)


def sign(plus, at):
    """A drawn + (red) or − (blue) sign."""
    g = VGroup(Line(at + 0.1 * LEFT, at + 0.1 * RIGHT))
    if plus:
        g.add(Line(at + 0.1 * DOWN, at + 0.1 * UP))
    return g.set_stroke(RED if plus else BLUE, 4)


def charges():
    g = VGroup()
    k = int(round(4 * abs(q(t.get_value()))))
    for j in range(k):
        x = -6.3 + 0.2 * j
        g.add(sign(q(t.get_value()) > 0, np.array([x, 0.05, 0])), sign(q(t.get_value()) < 0, np.array([x, -0.45, 0])))
    return g


def bars():
    ue, ub = q(t.get_value()) ** 2, 1 - q(t.get_value()) ** 2
    return VGroup(Rectangle(width=0.5, height=max(1.8 * ue, 0.01), stroke_width=0, fill_color=BLUE, fill_opacity=0.9)
                  .move_to([0.3, -1.4 + 0.9 * ue, 0]),
                  Rectangle(width=0.5, height=max(1.8 * ub, 0.01), stroke_width=0, fill_color=ORANGE, fill_opacity=0.9)
                  .move_to([1.1, -1.4 + 0.9 * ub, 0]))


frames = VGroup(Rectangle(width=0.5, height=1.8, stroke_color=GREY_B).move_to([0.3, -0.5, 0]),
                Rectangle(width=0.5, height=1.8, stroke_color=GREY_B).move_to([1.1, -0.5, 0]),
                say("U_C", 20, BLUE).move_to([0.3, -1.7, 0]), say("U_L", 20, ORANGE).move_to([1.1, -1.7, 0]))
ax = Axes(x_range=[0, 2, 0.5], y_range=[-1.2, 1.2, 1], x_length=7.2, y_length=1.5, tips=False,
          axis_config={"stroke_width": 2})
ax.shift(np.array([-6.0, -3.0, 0]) - ax.c2p(0, 0))
key = VGroup(say("q", 20, BLUE).next_to(ax.y_axis.get_top(), RIGHT, buff=0.1),
             say("i", 20, ORANGE).next_to(ax.y_axis.get_top(), RIGHT, buff=0.45), say("t / T", 20).next_to(ax.x_axis.get_right(), UP, buff=0.1))
qc = always_redraw(lambda: ax.plot(q, x_range=[0, max(t.get_value(), 1e-3), 0.01], color=BLUE))
ic = always_redraw(lambda: ax.plot(lambda s: -np.sin(2 * PI * s), x_range=[0, max(t.get_value(), 1e-3), 0.01],
                                   color=ORANGE))
self.play(FadeIn(frames), Create(ax), FadeIn(key), run_time=rt(1))
self.add(always_redraw(charges), always_redraw(bars), qc, ic)
panel = put(column(PANEL, 22), (2.2, 6.9, -3.7, 2.0))
self.play(t.animate.set_value(1), FadeIn(panel[:2]), run_time=rt(4), rate_func=linear)
self.play(t.animate.set_value(2), *[FadeIn(r) for r in panel[2:]], run_time=rt(4), rate_func=linear)
self.wait(rt(1.5))
'''


def lc(ask: Ask, r: Reader) -> Draft:
    """Charge sloshing between a capacitor and a coil: energy trades between E and B at f = 1/(2π√(LC))."""
    ind = r.num("inductance", "inductance", (1e-9, 1e4), names=("L",), label="L")
    cap = r.num("capacitance", "capacitance", (1e-15, 10), names=("C",), label="C")
    f = 1 / (2 * math.pi * math.sqrt(ind * cap))
    rows = [f"L = {fmt(ind)} H", f"C = {fmt(cap)} F", (f"f = 1/(2π√(LC)) = {fmt(f)} Hz", YELLOW),
            f"T = 1/f = {fmt(1 / f)} s", f"ω = 1/√(LC) = {fmt(2 * math.pi * f)} rad/s",
            (tr(ask, "U_C + U_L stays constant", "U_C + U_L 保持不变"), GREEN)]
    consts = {"C_TEXT": f"C = {fmt(cap)} F", "L_TEXT": f"L = {fmt(ind)} H", "PANEL": wrap_rows(rows, 28),
              "FORMULA": r"f = \frac{1}{2\pi\sqrt{L C}}"}
    facts = [f"f = 1/(2π√(LC)) = {fmt(f)} Hz", f"period T = {fmt(1 / f)} s"]
    shots = ["a charged capacitor connected to a coil", "the charge flows off the plates: the current builds a "
             "magnetic field in the coil", "energy passes from the capacitor (U_C) to the coil (U_L) and back",
             f"q(t) and i(t) oscillate a quarter period apart with f = {fmt(f)} Hz"]
    return Draft(LC, consts, shots, facts, {"f": f}, SYMBOLS)


def circuit(ask: Ask, r: Reader) -> Draft:
    """The circuit variants: series and parallel, two loops, one resistor's power, the LC oscillator."""
    kind = ask.settings.get("circuit")
    table = {"series_parallel": series_parallel, "two_loop": two_loop, "single_resistor": power, "lc": lc}
    return pick(table, kind)(ask, r)


VARIANTS = {"circuit": circuit}
