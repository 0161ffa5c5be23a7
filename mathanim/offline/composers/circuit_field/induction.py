"""Electromagnetic induction: a magnet through a coil with its flux and EMF graphs (Faraday's law), a rod sliding
on rails (motional EMF), and the transformer's turns ratio."""

from __future__ import annotations

from ..base import Ask
from ..physics_kit import GREEN, YELLOW, Draft, Reader, axis, fmt, pick, tr, wrap_rows
from .circuits import SYMBOLS

MAGNET = '''
head = heading(self, FORMULA)
coil = VGroup(*[Ellipse(width=0.4, height=1.7, color=ORANGE, stroke_width=4).move_to([x, 0.9, 0])
                for x in np.linspace(-3.2, -1.8, 6)])
coil_lab = say(N_TEXT, 22, ORANGE).next_to(coil, DOWN, buff=0.15)
t = ValueTracker(0)


def x_of(s):
    return -5.85 + 6.85 * s / T_END


magnet = always_redraw(lambda: VGroup(
    Rectangle(width=0.9, height=0.5, fill_color=RED, fill_opacity=1, stroke_width=0).move_to([x_of(t.get_value()) + 0.45, 0.9, 0]),
    Rectangle(width=0.9, height=0.5, fill_color=BLUE, fill_opacity=1, stroke_width=0).move_to([x_of(t.get_value()) - 0.45, 0.9, 0]),
    say("N", 20, WHITE).move_to([x_of(t.get_value()) + 0.45, 0.9, 0]), say("S", 20, WHITE).move_to([x_of(t.get_value()) - 0.45, 0.9, 0])))
self.play(Create(coil), FadeIn(coil_lab), FadeIn(magnet), run_time=rt(1))
graphs = []
for k, (yr, name, col, f) in enumerate([(PHI_R, "Φ (Wb)", BLUE, PHI), (EMF_R, "ε (V)", YELLOW, EMF)]):
    ax = Axes(x_range=TR, y_range=yr, x_length=4.0, y_length=1.9, tips=False, axis_config={"stroke_width": 2})
    ax.shift(np.array([-6.1 + 4.5 * k, -2.45, 0]) - ax.c2p(0, 0) + (0.0 if yr[0] >= 0 else -yr[0] / (yr[1] - yr[0]) * 1.9
                                                                   - 0.95) * UP)
    labs = VGroup(say(name, 22, col).next_to(ax.y_axis.get_top(), RIGHT, buff=0.1),
                  say("t (s)", 20).next_to(ax.x_axis.get_right(), DOWN, buff=0.1))
    curve = always_redraw(lambda ax=ax, f=f, col=col: ax.plot(f, x_range=[0, max(t.get_value(), 1e-4), T_END / 100],
                                                               color=col))
    graphs.append(ax)
    self.play(Create(ax), FadeIn(labs), run_time=rt(0.6))
    self.add(curve)
self.play(t.animate.set_value(T_END), run_time=rt(6), rate_func=linear)
avg = DashedLine(graphs[1].c2p(T0, AVG), graphs[1].c2p(T0 + DT, AVG), color=GREEN)
self.play(Create(avg), run_time=rt(0.6))
closing(self, (3.2, 6.9, -3.7, 2.0), 2)
'''

MAGNET_HELPERS = '''

def smooth(u):
    u = np.clip(u, 0, 1)
    return u * u * (3 - 2 * u)


def PHI(s):
    return PHI_MAX * smooth((s - T0) / DT) * (1 - smooth((s - T0 - DT - HOLD) / DT))


def EMF(s):
    h = T_END / 2000
    return -N * (PHI(s + h) - PHI(s - h)) / (2 * h)
'''


def magnet_coil(ask: Ask, r: Reader) -> Draft:
    """A magnet pushed through a coil: the flux rises and falls, the EMF −N dΦ/dt is its slope, times N."""
    n = r.num("turns", "count", (1, 1e6), names=("N",), bare=True, label="N")
    d_phi = r.num("flux_change", "", (1e-9, 1e3), names=("Phi", "dPhi", "deltaphi"), label="ΔΦ")
    dt = r.num("time", "time", (1e-6, 1e4), names=("t", "dt", "deltat"), label="Δt")
    avg = n * d_phi / dt
    t0, hold = 0.6 * dt, 0.8 * dt
    t_end = 2 * t0 + 2 * dt + hold
    rows = [f"N = {fmt(n)}", f"ΔΦ = {fmt(d_phi)} Wb", f"Δt = {fmt(dt)} s",
            (f"ε = NΔΦ/Δt = {fmt(avg)} V {tr(ask, '(average)', '（平均）')}", GREEN),
            tr(ask, "flux rising: ε < 0; falling: ε > 0", "磁通增大：ε < 0；减小：ε > 0"),
            tr(ask, "Lenz: the current opposes the change", "楞次定律：感应电流阻碍磁通变化")]
    consts = {"N": n, "PHI_MAX": d_phi, "T0": t0, "DT": dt, "HOLD": hold, "T_END": t_end, "AVG": -avg,
              "TR": axis(0, t_end, 3), "PHI_R": axis(0, d_phi * 1.1, 2), "EMF_R": axis(-1.6 * avg, 1.6 * avg, 2),
              "N_TEXT": f"N = {fmt(n)}", "PANEL": wrap_rows(rows, 22),
              "FORMULA": r"\varepsilon = -N\frac{d\Phi}{dt} \qquad \Phi = B A\cos\theta"}
    facts = [f"average EMF while the flux changes: NΔΦ/Δt = {fmt(avg)} V",
             f"peak EMF (smooth rise) 1.5 × {fmt(avg)} = {fmt(1.5 * avg)} V"]
    shots = [f"a magnet moves through a coil of {fmt(n)} turns", "the flux through the coil rises, stays, then falls",
             "the EMF is −N times the slope of the flux: a pulse one way, then the other",
             f"average EMF NΔΦ/Δt = {fmt(avg)} V while ΔΦ = {fmt(d_phi)} Wb changes in {fmt(dt)} s"]
    return Draft(MAGNET, consts, shots, facts, {"emf": avg}, MAGNET_HELPERS)


ROD = '''
head = heading(self, FORMULA)
crosses = VGroup(*[VGroup(Line([x - 0.08, y - 0.08, 0], [x + 0.08, y + 0.08, 0]), Line([x - 0.08, y + 0.08, 0],
                                                                                [x + 0.08, y - 0.08, 0]))
                   .set_stroke(GREY_B, 2) for x in np.arange(-6.0, 2.0, 0.7) for y in np.arange(-3.2, 1.4, 0.7)])
self.play(FadeIn(crosses), run_time=rt(0.6))
YT, YB, XL = 0.8, -2.6, -5.8
rails = VGroup(Line([XL, YT, 0], [2.2, YT, 0], color=GREY_A, stroke_width=5), Line([XL, YB, 0], [2.2, YB, 0], color=GREY_A,
                                                                              stroke_width=5))
load = resistor([XL, YB], [XL, YT])
self.play(Create(rails), Create(load), run_time=rt(1))
x = ValueTracker(-3.6)
area = always_redraw(lambda: Rectangle(width=x.get_value() - XL, height=YT - YB, stroke_width=0, fill_color=BLUE,
                                       fill_opacity=0.25).move_to([(x.get_value() + XL) / 2, (YT + YB) / 2, 0]))
rod = always_redraw(lambda: Line([x.get_value(), YT + 0.25, 0], [x.get_value(), YB - 0.25, 0], color=ORANGE, stroke_width=9))
v_arrow = always_redraw(lambda: arrow([x.get_value() + 0.2, (YT + YB) / 2, 0], [x.get_value() + 1.3, (YT + YB) / 2, 0],
                                      GREEN, 5))
self.add(area, rod, v_arrow)
labs = VGroup(say(V_TEXT, 22, GREEN).move_to([0.6, 1.55, 0]), say(L_TEXT, 22, ORANGE).move_to([-2.2, 1.55, 0]))
self.play(FadeIn(labs), run_time=rt(0.5))
self.play(x.animate.set_value(-0.8), run_time=rt(3), rate_func=linear)
loop = CurvedArrow([-3.6, -1.4, 0], [-3.6, -0.2, 0], angle=-PI * 1.2 if CCW else PI * 1.2, color=YELLOW)
i_lab = say(I_WORD, 22, YELLOW).move_to([-4.3, -0.8, 0])
self.play(Create(loop), FadeIn(i_lab), x.animate.set_value(0.2), run_time=rt(1.5), rate_func=linear)
closing(self, (2.9, 6.9, -3.7, 2.0), 2)
'''


def sliding_rod(ask: Ask, r: Reader) -> Draft:
    """A rod pulled along rails in a field: the swept area grows, ε = BLv, the current opposes the motion."""
    b = r.num("field", "field", (1e-9, 100), names=("B",), label="B")
    length = r.num("length", "length", (1e-4, 1e3), names=("L",), label="L")
    v = r.num("speed", "speed", (1e-6, 1e6), names=("v",), label="v")
    res = r.num("resistance", "resistance", (1e-6, 1e9), names=("R",), default=1, label="R")
    emf = b * length * v
    i = emf / res
    rows = [f"B = {fmt(b)} T, L = {fmt(length)} m", f"v = {fmt(v)} m/s", (f"ε = BLv = {fmt(emf)} V", YELLOW),
            f"R = {fmt(res)} Ω: I = ε/R = {fmt(i)} A", f"F = BIL = {fmt(b * i * length)} N {tr(ask, '(drag)', '（阻力）')}",
            tr(ask, "dΦ/dt = B·L·v", "dΦ/dt = B·L·v")]
    consts = {"CCW": True, "V_TEXT": f"v = {fmt(v)} m/s", "L_TEXT": f"L = {fmt(length)} m",
              "I_WORD": tr(ask, "I", "I"), "PANEL": wrap_rows(rows, 24), "FORMULA": r"\varepsilon = B L v"}
    facts = [f"ε = BLv = {fmt(emf)} V", f"current {fmt(i)} A through {fmt(res)} Ω", f"magnetic drag BIL = {fmt(b * i * length)} N"]
    shots = [f"rails in a {fmt(b)} T field into the page, closed by a resistor", f"a rod of length {fmt(length)} m "
             f"slides at {fmt(v)} m/s", "the enclosed area, and so the flux, grows at B·L·v",
             f"ε = BLv = {fmt(emf)} V drives a current counter-clockwise (Lenz)"]
    return Draft(ROD, consts, shots, facts, {"emf": emf}, SYMBOLS)


TRANSFORMER = '''
head = heading(self, FORMULA)
core = VGroup(Rectangle(width=4.6, height=3.0, stroke_color=GREY_B, stroke_width=14).move_to([-2.6, -0.3, 0]))
self.play(Create(core), run_time=rt(0.8))
prim = VGroup(*[Ellipse(width=1.0, height=0.22, color=ORANGE, stroke_width=4).move_to([-4.9, y, 0])
                for y in np.linspace(-1.4, 0.8, N_DRAWN[0])])
sec = VGroup(*[Ellipse(width=1.0, height=0.22, color=GREEN, stroke_width=4).move_to([-0.3, y, 0])
               for y in np.linspace(-0.9, 0.3, N_DRAWN[1])])
labs = VGroup(say(P_TEXT, 22, ORANGE).move_to([-4.9, 1.55, 0]), say(S_TEXT, 22, GREEN).move_to([-0.3, 1.55, 0]))
self.play(Create(prim), Create(sec), FadeIn(labs), run_time=rt(1.2))
t = ValueTracker(0)
ax = Axes(x_range=[0, 2, 1], y_range=[-1.1, 1.1, 1], x_length=3.6, y_length=1.3, tips=False,
          axis_config={"stroke_width": 2}).move_to([-2.6, -2.95, 0])
u1 = always_redraw(lambda: ax.plot(lambda s: AMPS[0] * np.sin(2 * PI * s), x_range=[0, max(t.get_value(), 1e-3), 0.01],
                                   color=ORANGE))
u2 = always_redraw(lambda: ax.plot(lambda s: AMPS[1] * np.sin(2 * PI * s), x_range=[0, max(t.get_value(), 1e-3), 0.01],
                                   color=GREEN))
key = VGroup(say("U₁", 20, ORANGE), say("U₂", 20, GREEN)).arrange(DOWN, buff=0.1).next_to(ax, LEFT, buff=0.2)
self.play(Create(ax), FadeIn(key), run_time=rt(0.6))
self.add(u1, u2)
panel = put(column(PANEL, 22), (1.6, 6.9, -3.7, 2.0))
self.play(t.animate.set_value(1), FadeIn(panel[:2]), run_time=rt(2.5), rate_func=linear)
for row in panel[2:]:
    self.play(FadeIn(row, shift=0.2 * LEFT), t.animate.increment_value(0.15), run_time=rt(0.6), rate_func=linear)
self.wait(rt(2))
'''


def transformer(ask: Ask, r: Reader) -> Draft:
    """Two coils on one core: the voltages are in the turns ratio, the currents in the inverse ratio."""
    n1, n2 = r.nums("turns", "count", (1, 1e7), label="N₁, N₂")[:2]
    u1 = r.num("voltage", "voltage", (1e-3, 1e7), names=("U1", "V1", "U", "V"), label="U₁")
    u2 = u1 * n2 / n1
    rows = [f"N₁ = {fmt(n1)},  N₂ = {fmt(n2)}", f"U₁ = {fmt(u1)} V", (f"U₂ = U₁·N₂/N₁ = {fmt(u2)} V", YELLOW),
            tr(ask, "step-down" if n2 < n1 else "step-up", "降压" if n2 < n1 else "升压") + f" ×{fmt(n2 / n1)}",
            tr(ask, f"ideal: I₂/I₁ = N₁/N₂ = {fmt(n1 / n2)}", f"理想变压器：I₂/I₁ = N₁/N₂ = {fmt(n1 / n2)}")]
    ratio = n2 / n1
    drawn = [10, max(2, min(10, round(10 * ratio)))] if n1 >= n2 else [max(2, min(10, round(10 / ratio))), 10]
    consts = {"N_DRAWN": drawn, "AMPS": [1.0, ratio] if ratio <= 1 else [1 / ratio, 1.0], "P_TEXT": f"N₁ = {fmt(n1)}",
              "S_TEXT": f"N₂ = {fmt(n2)}", "PANEL": wrap_rows(rows, 30),
              "FORMULA": r"\frac{U_1}{U_2} = \frac{N_1}{N_2}"}
    facts = [f"U₂ = U₁N₂/N₁ = {fmt(u2)} V", f"current ratio I₂/I₁ = N₁/N₂ = {fmt(n1 / n2)} (ideal)"]
    shots = [f"an iron core with {fmt(n1)} primary and {fmt(n2)} secondary turns", "an alternating voltage in the primary "
             "drives a changing flux through both coils", f"the secondary voltage is U₁·N₂/N₁ = {fmt(u2)} V"]
    return Draft(TRANSFORMER, consts, shots, facts, {"U2": u2})


def induction(ask: Ask, r: Reader) -> Draft:
    """The magnet and coil, the sliding rod, or the transformer."""
    table = {"sliding_rod": sliding_rod, "transformer": transformer, "magnet_through_coil": magnet_coil}
    return pick(table, ask.settings.get("setup", ""))(ask, r)


VARIANTS = {"induction": induction}
