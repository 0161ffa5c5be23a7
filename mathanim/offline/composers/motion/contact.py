"""Momentum and balance: collisions with momentum bars, impulse, the lever and the centre of mass, energy on a
track, and fluids (a floating block, the Venturi tube)."""

from __future__ import annotations

import math
from collections.abc import Callable

from ..base import Ask
from ..physics_kit import BLUE, GREEN, ORANGE, RED, YELLOW, Draft, Reader, axis, fmt, pick, tr, wrap_rows

COLLISION = '''
head = heading(self, FORMULA)
track = Line([-6.8, 0.55, 0], [6.8, 0.55, 0], color=GREY_B, stroke_width=3)
self.play(Create(track), run_time=rt(0.5))
t = ValueTracker(-1)


def cart(k):
    w, col = WIDTHS[k], [BLUE, ORANGE][k]
    box = Rectangle(width=w, height=0.6, fill_color=col, fill_opacity=1, stroke_color=WHITE, stroke_width=2)
    return VGroup(box, say(MASS_TEXT[k], 22, BLACK).move_to(box))


def x_of(k, s):
    return CONTACT[k] + (BEFORE[k] if s < 0 else AFTER[k]) * s


carts = [cart(0), cart(1)]
for k in range(2):
    carts[k].add_updater(lambda m, k=k: m.move_to([x_of(k, t.get_value()), 0.86, 0]))
speeds = VGroup(*[say(V_TEXT[k], 22, [BLUE, ORANGE][k]).move_to([x_of(k, -1), 1.55, 0]) for k in range(2)])
self.add(*carts)
self.play(FadeIn(speeds), run_time=rt(0.6))
charts = VGroup()
for j, (rows, x0) in enumerate(zip(BARS, [-6.7, 0.3])):
    zero = x0 + 4.35
    axis = Line([zero, -0.55, 0], [zero, -2.75, 0], color=GREY_B)
    chart = VGroup(axis, say(PHASE[j], 24).move_to([zero, -0.2, 0]))
    for i, (p, text, col) in enumerate(rows):
        y = -0.85 - 0.7 * i
        bar = Rectangle(width=max(abs(p) * PSCALE, 0.02), height=0.36, stroke_width=0, fill_color=col,
                        fill_opacity=0.9)
        bar.move_to([zero + np.sign(p) * abs(p) * PSCALE / 2, y, 0])
        chart.add(bar, say(text, 20, col).move_to([x0, y, 0], aligned_edge=LEFT))
    chart.add(say(KE_TEXT[j], 22).move_to([x0, -3.2, 0], aligned_edge=LEFT))
    charts.add(chart)
self.play(FadeIn(charts[0]), run_time=rt(0.8))
self.play(t.animate.set_value(0), run_time=rt(2), rate_func=linear)
self.play(Flash(carts[0][0].get_right(), color=YELLOW), FadeOut(speeds), run_time=rt(0.5))
after = VGroup(*[say(U_TEXT[k], 22, [BLUE, ORANGE][k]).move_to([x_of(k, 1), 1.55, 0]) for k in range(2)])
self.play(t.animate.set_value(1), run_time=rt(2), rate_func=linear)
self.play(FadeIn(after), FadeIn(charts[1]), run_time=rt(0.8))
note = say(NOTE, 22, YELLOW).next_to(track, UP, buff=1.17)
self.play(FadeIn(note), run_time=rt(0.6))
self.wait(rt(2.5))
'''


def _carts(m: list[float], v: list[float], u: list[float]) -> dict:
    """Scene placement of two carts: widths, their centres at contact (t = 0) and speeds in scene units, so
    that one scene second before and after the contact they stay in the frame."""
    widths = [0.9 + 0.5 * (mi / max(m)) ** (1 / 3) for mi in m]
    contact = [-widths[0] / 2, widths[1] / 2]
    room = 6.5 - max(widths) - 1.0
    k = room / max(abs(x) for x in [*v, *u, 1e-9])
    return {"WIDTHS": widths, "CONTACT": contact, "BEFORE": [x * k for x in v], "AFTER": [x * k for x in u]}


def _bars(ask: Ask, m: list[float], v: list[float], u: list[float]) -> dict:
    """The momentum bar charts before and after, the kinetic energies, and their scale."""
    p_before, p_after = [mi * vi for mi, vi in zip(m, v, strict=False)], [mi * ui for mi, ui in zip(m, u, strict=False)]
    unit = "kg·m/s"
    rows = [[[p_before[0], f"p₁ = {fmt(p_before[0])} {unit}", BLUE], [p_before[1], f"p₂ = {fmt(p_before[1])} {unit}",
                                                                         ORANGE],
             [sum(p_before), f"p = {fmt(sum(p_before))} {unit}", YELLOW]],
            [[p_after[0], f"p₁' = {fmt(p_after[0])} {unit}", BLUE], [p_after[1], f"p₂' = {fmt(p_after[1])} {unit}",
                                                                        ORANGE],
             [sum(p_after), f"p' = {fmt(sum(p_after))} {unit}", YELLOW]]]
    ke = [sum(mi * x * x / 2 for mi, x in zip(m, vel, strict=False)) for vel in (v, u)]
    biggest = max(abs(p) for p in [*p_before, *p_after, sum(p_before)]) or 1.0
    return {"BARS": rows, "PSCALE": 1.75 / biggest, "KE_TEXT": [f"KE = {fmt(ke[0])} J", f"KE' = {fmt(ke[1])} J"],
            "PHASE": [tr(ask, "before", "碰撞前"), tr(ask, "after", "碰撞后")]}


def collision(ask: Ask, r: Reader) -> Draft:
    """Two carts collide (elastic or sticking): their motion and momentum bars before and after."""
    if ask.settings.get("show") == "force_time_graph" or "v_before" in ask.settings:
        return impulse(ask, r)
    m = r.nums("masses", "mass", (0.01, 1e6), label="m₁, m₂")[:2]
    v = r.nums("velocities", "speed", (-1e4, 1e4), label="v₁, v₂")[:2]
    if v[0] <= v[1]:
        r.found.append(f"v₁ = {fmt(v[0])} ≤ v₂ = {fmt(v[1])}: they would not meet; v₂ = 0 and v₁ = {fmt(abs(v[0]) or 1)}")
        v = [abs(v[0]) or 1.0, 0.0]
    elastic = bool(ask.settings.get("elastic"))
    total = m[0] * v[0] + m[1] * v[1]
    if elastic:
        u = [((m[0] - m[1]) * v[0] + 2 * m[1] * v[1]) / sum(m), ((m[1] - m[0]) * v[1] + 2 * m[0] * v[0]) / sum(m)]
    else:
        u = [total / sum(m)] * 2
    ke = [sum(mi * x * x / 2 for mi, x in zip(m, vel, strict=False)) for vel in (v, u)]
    note = (tr(ask, "elastic: momentum and kinetic energy both conserved", "弹性碰撞：动量和动能都守恒") if elastic else
            tr(ask, f"momentum conserved; {fmt(ke[0] - ke[1])} J of KE lost", f"动量守恒；损失动能 {fmt(ke[0] - ke[1])} J"))
    consts = {**_carts(m, v, u), **_bars(ask, m, v, u), "MASS_TEXT": [f"{fmt(x)} kg" for x in m],
              "V_TEXT": [f"{fmt(x)} m/s" for x in v], "U_TEXT": [f"{fmt(x)} m/s" for x in u], "NOTE": note,
              "FORMULA": r"m_1 v_1 + m_2 v_2 = m_1 u_1 + m_2 u_2" if elastic else
              r"m_1 v_1 + m_2 v_2 = (m_1 + m_2)\, v"}
    facts = [f"total momentum {fmt(total)} kg·m/s before and after", f"velocities after: {fmt(u[0])} and {fmt(u[1])} m/s",
             f"kinetic energy {fmt(ke[0])} J → {fmt(ke[1])} J"]
    shots = [f"carts of {fmt(m[0])} kg and {fmt(m[1])} kg at {fmt(v[0])} and {fmt(v[1])} m/s",
             "momentum bars before the collision", "they collide " + ("elastically" if elastic else "and stick together"),
             f"after: {fmt(u[0])} and {fmt(u[1])} m/s; the total momentum bar is unchanged", note]
    return Draft(COLLISION, consts, shots, facts, {"u": u, "p": total, "ke": ke})


IMPULSE = '''
head = heading(self, FORMULA)
wall = Rectangle(width=0.3, height=1.8, fill_color=GREY_B, fill_opacity=1, stroke_width=0).move_to([-5.9, 1.0, 0])
self.play(FadeIn(wall), run_time=rt(0.5))
ball = Dot([-1.5, 1.0, 0], radius=0.22, color=ORANGE)
v_in = arrow([-1.2, 1.0, 0], [-1.2 - LEN[0], 1.0, 0], BLUE, 6)
v_in_lab = say(V_TEXT[0], 22, BLUE).next_to(v_in, UP, buff=0.1)
self.play(FadeIn(ball), GrowArrow(v_in), FadeIn(v_in_lab), run_time=rt(0.8))
self.play(ball.animate.move_to([-5.53, 1.0, 0]), FadeOut(v_in, v_in_lab), run_time=rt(1), rate_func=linear)
ax = Axes(x_range=TR, y_range=FR, x_length=5.6, y_length=2.4, tips=False, axis_config={"stroke_width": 2})
ax.shift(np.array([-5.6, -3.3, 0]) - ax.c2p(0, 0))
labs = VGroup(ticks(ax, tick_values(TR), tick_values(FR)), say("F (N)", 22, RED).next_to(ax.y_axis.get_top(), RIGHT, buff=0.12),
              say("t (ms)", 20).next_to(ax.x_axis.get_right(), UP, buff=0.12))
bump = ax.plot(lambda s: PEAK * np.sin(np.pi * s / DT_MS), x_range=[0, DT_MS], color=RED)
area = ax.get_area(bump, x_range=[0, DT_MS], color=RED, opacity=0.4)
avg = DashedLine(ax.c2p(0, F_AVG), ax.c2p(DT_MS, F_AVG), color=YELLOW)
self.play(Create(ax), FadeIn(labs), Flash(ball.get_left(), color=YELLOW), run_time=rt(1))
self.play(Create(bump), FadeIn(area), run_time=rt(1.2))
self.play(Create(avg), run_time=rt(0.6))
v_out = arrow([-5.0, 1.0, 0], [-5.0 + LEN[1], 1.0, 0], GREEN, 6)
v_out_lab = say(V_TEXT[1], 22, GREEN).next_to(v_out, UP, buff=0.1)
self.play(ball.animate.move_to([-1.0, 1.0, 0]), GrowArrow(v_out), FadeIn(v_out_lab), run_time=rt(1))
panel = put(column(PANEL, 22), (1.6, 6.9, -3.7, 2.0))
reveal(self, panel, 0.6)
self.wait(rt(2.5))
'''


def impulse(ask: Ask, r: Reader) -> Draft:
    """A ball bounces off a wall: the change of momentum equals the area under the force-time graph."""
    m = r.num("mass", "mass", (1e-4, 1e4), names=("m",), label="m")
    v0 = r.num("v_before", "speed", (-1e4, 1e4), names=("v0", "u"), label="v₀")
    v1 = r.num("v_after", "speed", (-1e4, 1e4), names=("v",), label="v")
    dt = r.num("time", "time", (1e-5, 10), names=("t", "dt"), default=0.001, label="Δt")
    dp = m * (v1 - v0)
    f_avg = dp / dt
    peak = f_avg * math.pi / 2
    scale = 2.2 / max(abs(v0), abs(v1), 1e-9)
    rows = [f"m = {fmt(m)} kg", f"v₀ = {fmt(v0)} m/s,  v = {fmt(v1)} m/s", (f"Δp = m(v − v₀) = {fmt(dp)} kg·m/s", YELLOW),
            f"Δt = {fmt(dt * 1000)} ms", (f"F_avg = Δp/Δt = {fmt(f_avg)} N", RED),
            tr(ask, "area under F–t = impulse = Δp", "F–t 图下面积 = 冲量 = Δp")]
    consts = {"LEN": [abs(v0) * scale, abs(v1) * scale], "V_TEXT": [f"{fmt(abs(v0))} m/s", f"{fmt(abs(v1))} m/s"],
              "TR": axis(0, dt * 1000, 4), "FR": axis(0, peak, 3), "DT_MS": dt * 1000, "PEAK": peak, "F_AVG": f_avg,
              "PANEL": wrap_rows(rows, 30), "FORMULA": r"F\,\Delta t = m v - m v_0"}
    facts = [f"Δp = {fmt(dp)} kg·m/s", f"average force Δp/Δt = {fmt(f_avg)} N over {fmt(dt * 1000)} ms"]
    shots = [f"a {fmt(m)} kg ball arrives at {fmt(abs(v0))} m/s", "during the contact the wall's force rises and falls",
             "the area under the force-time graph is the impulse", f"it leaves at {fmt(abs(v1))} m/s",
             f"Δp = {fmt(dp)} kg·m/s, average force {fmt(f_avg)} N"]
    return Draft(IMPULSE, consts, shots, facts, {"dp": dp, "F": f_avg})


LEVER = '''
head = heading(self, FORMULA)
P = np.array([-2.2, -0.9, 0])
pivot = Triangle(fill_color=GREY_B, fill_opacity=1, stroke_width=0).scale(0.35).move_to(P + 0.3 * DOWN)
ground = Line(P + 0.6 * DOWN + 4.5 * LEFT, P + 0.6 * DOWN + 4.5 * RIGHT, color=GREY_B)
beam = Rectangle(width=HALF[0] + HALF[1], height=0.14, fill_color=GREY_A, fill_opacity=1, stroke_width=0)
beam.move_to(P + (HALF[1] - HALF[0]) / 2 * RIGHT)
self.play(FadeIn(pivot, ground, beam), run_time=rt(0.8))
loads = VGroup()
for k, side in enumerate([LEFT, RIGHT]):
    at = P + side * ARM[k]
    col = [BLUE, ORANGE][k]
    a = arrow(at + LEN[k] * UP, at + 0.08 * UP, col, 6)
    loads.add(VGroup(a, say(F_TEXT[k], 22, col).next_to(a, UP, buff=0.1)))
    d = BraceBetweenPoints(P, at, DOWN, buff=0.12, color=col) if k else BraceBetweenPoints(at, P, DOWN, buff=0.12,
                                                                                           color=col)
    loads.add(VGroup(d, say(D_TEXT[k], 22, col).next_to(d, DOWN, buff=0.08)))
for g in loads:
    self.play(FadeIn(g), run_time=rt(0.6))
panel = put(column(PANEL, 22), (2.4, 6.9, -3.7, 2.0))
reveal(self, panel[:-1], 0.6)
turning = VGroup(beam, *[g for g in loads[::2]])
self.play(Rotate(turning, TILT, about_point=P), run_time=rt(1.5))
self.play(FadeIn(panel[-1], shift=0.2 * LEFT), run_time=rt(0.6))
self.wait(rt(2.5))
'''


def lever(ask: Ask, r: Reader) -> Draft:
    """A lever with a load on each side: torques F·d compared; balanced, or it turns toward the larger one."""
    if "masses" in ask.settings:
        return centre_of_mass(ask, r)
    f = r.nums("forces", "force", (0.01, 1e7), label="F₁, F₂")[:2]
    d = r.nums("arms", "length", (0.01, 1e4), label="d₁, d₂")[:2]
    tau = [f[0] * d[0], f[1] * d[1]]
    k = 4.3 / max(d)
    diff = tau[0] - tau[1]
    balanced = abs(diff) <= 1e-9 * max(tau)
    verdict = (tr(ask, "τ₁ = τ₂: balanced", "τ₁ = τ₂：平衡") if balanced else
               tr(ask, f"net torque {fmt(abs(diff))} N·m: it turns", f"合力矩 {fmt(abs(diff))} N·m：转动"))
    rows = [f"τ₁ = F₁d₁ = {fmt(f[0])}·{fmt(d[0])} = {fmt(tau[0])} N·m", f"τ₂ = F₂d₂ = {fmt(f[1])}·{fmt(d[1])} = "
            f"{fmt(tau[1])} N·m", tr(ask, f"balance needs F₂ = τ₁/d₂ = {fmt(tau[0] / d[1])} N",
                                   f"平衡需要 F₂ = τ₁/d₂ = {fmt(tau[0] / d[1])} N"), (verdict, YELLOW)]
    consts = {"ARM": [d[0] * k, d[1] * k], "HALF": [d[0] * k + 0.3, d[1] * k + 0.3],
              "LEN": [0.6 + 1.2 * x / max(f) for x in f], "F_TEXT": [f"{fmt(x)} N" for x in f],
              "D_TEXT": [f"{fmt(x)} m" for x in d], "TILT": 0.0 if balanced else (0.18 if diff > 0 else -0.18),
              "PANEL": wrap_rows(rows, 28), "FORMULA": r"\tau = r F \sin\theta \qquad F_1 d_1 = F_2 d_2"}
    facts = [f"τ₁ = {fmt(tau[0])} N·m", f"τ₂ = {fmt(tau[1])} N·m", "balanced" if balanced else
             f"net torque {fmt(abs(diff))} N·m"]
    shots = ["a lever on a pivot", f"{fmt(f[0])} N at {fmt(d[0])} m on the left, {fmt(f[1])} N at {fmt(d[1])} m on the right",
             f"torques τ₁ = {fmt(tau[0])} N·m and τ₂ = {fmt(tau[1])} N·m", verdict]
    return Draft(LEVER, consts, shots, facts, {"tau": tau, "balanced": balanced})


COM = '''
head = heading(self, FORMULA)
line = NumberLine(x_range=XR, length=8.6, include_numbers=False, stroke_width=2).move_to([-2.1, -2.9, 0])
nums = VGroup(*[say("%g" % v, 20).next_to(line.n2p(v), DOWN, buff=0.12) for v in np.arange(XR[0], XR[1] + 1e-9, XR[2])])
unit = say("x (m)", 20).next_to(line, RIGHT, buff=0.15)
self.play(Create(line), FadeIn(nums, unit), run_time=rt(0.8))
Y = -0.7
rod = Line([line.n2p(min(POS))[0] - 0.3, Y, 0], [line.n2p(max(POS))[0] + 0.3, Y, 0], color=GREY_A, stroke_width=6)
balls = VGroup()
for x, m, size, col in zip(POS, MASS_TEXT, SIZES, [BLUE, ORANGE, GREEN, TEAL]):
    b = Circle(size, fill_color=col, fill_opacity=1, stroke_color=WHITE).move_to([line.n2p(x)[0], Y + size, 0])
    balls.add(VGroup(b, say(m, 20).next_to(b, UP, buff=0.1)))
self.play(Create(rod), FadeIn(balls), run_time=rt(1))
marker = Triangle(fill_color=YELLOW, fill_opacity=1, stroke_width=0).scale(0.3)
marker.move_to([line.n2p(XR[0])[0], Y - 0.3, 0])
self.play(FadeIn(marker), run_time=rt(0.4))
self.play(marker.animate.move_to([line.n2p(XC)[0], Y - 0.3, 0]), run_time=rt(2))
drop = DashedLine([line.n2p(XC)[0], Y - 0.55, 0], line.n2p(XC), color=YELLOW)
lab = say(XC_TEXT, 24, YELLOW).next_to(line.n2p(XC), UP, buff=0.5).shift(1.0 * RIGHT)
self.play(Create(drop), FadeIn(lab), run_time=rt(0.8))
panel = put(column(PANEL, 22), (3.0, 6.9, -3.7, 2.0))
reveal(self, panel, 0.6)
self.wait(rt(2.5))
'''


def centre_of_mass(ask: Ask, r: Reader) -> Draft:
    """Masses on a light rod: the balance point x_c = Σm x / Σm, found by a sliding pivot."""
    m = r.nums("masses", "mass", (0.001, 1e6), label="masses", most=4)
    x = r.nums("positions", "length", (-1e4, 1e4), label="positions", most=len(m))[: len(m)]
    if len(x) < len(m) or len(set(x)) < len(x):
        m, x = m[:2], [0.0, max(abs(v) for v in x) or 1.0]
    xc = sum(a * b for a, b in zip(m, x, strict=False)) / sum(m)
    rows = ["Σm·x = " + " + ".join(f"{fmt(a)}·{fmt(b)}" for a, b in zip(m, x, strict=False))
            + f" = {fmt(sum(a * b for a, b in zip(m, x, strict=False)))} kg·m",
            f"Σm = {fmt(sum(m))} kg", (f"x_c = {fmt(xc)} m", YELLOW),
            tr(ask, "nearer the heavier mass", "更靠近质量大的一端")]
    consts = {"XR": axis(min(x), max(x), 5), "POS": x, "XC": xc, "MASS_TEXT": [f"{fmt(a)} kg" for a in m],
              "SIZES": [0.18 + 0.27 * (a / max(m)) ** (1 / 3) for a in m], "XC_TEXT": f"x_c = {fmt(xc)} m",
              "PANEL": wrap_rows(rows, 22), "FORMULA": r"x_c = \frac{m_1 x_1 + m_2 x_2}{m_1 + m_2}"}
    facts = [f"x_c = Σm·x/Σm = {fmt(xc)} m"]
    shots = ["masses " + ", ".join(f"{fmt(a)} kg at {fmt(b)} m" for a, b in zip(m, x, strict=False)),
             "a pivot slides along the rod to the balance point", f"the centre of mass x_c = {fmt(xc)} m"]
    return Draft(COM, consts, shots, facts, {"x_c": xc})


TRACK = '''
head = heading(self, FORMULA)
track = VMobject(color=GREY_B, stroke_width=5).set_points_smoothly([p + [0] for p in SHAPE])
marks = VGroup(*[say(text, 20).next_to(np.array(p + [0]), UP, buff=0.25) for p, text in zip(PEAKS, PEAK_TEXT)])
self.play(Create(track), FadeIn(marks), run_time=rt(1.2))
i = ValueTracker(0)


def at(v):
    k = min(int(v), len(PATH) - 2)
    f = min(v - k, 1.0)
    a, b = np.array(PATH[k] + [0]), np.array(PATH[k + 1] + [0])
    return a + (b - a) * f


ball = always_redraw(lambda: Dot(at(i.get_value()) + 0.16 * UP, radius=0.16, color=ORANGE))
base = -3.3
frames = VGroup()
for k, (name, col) in enumerate([("KE", RED), ("PE", BLUE)]):
    x = 2.6 + 0.9 * k
    frames.add(Rectangle(width=0.6, height=BAR_H, stroke_color=GREY_B).move_to([x, base + BAR_H / 2, 0]))
    frames.add(say(name, 20, col).move_to([x, base - 0.25, 0]))


def bar(k):
    e = (KE if k == 0 else PE)[min(int(i.get_value()), len(PATH) - 1)]
    h = max(BAR_H * e / TOTAL, 0.001)
    return Rectangle(width=0.6, height=h, stroke_width=0, fill_color=[RED, BLUE][k], fill_opacity=0.9).move_to(
        [2.6 + 0.9 * k, base + h / 2, 0])


bars = VGroup(always_redraw(lambda: bar(0)), always_redraw(lambda: bar(1)))
total = say(TOTAL_TEXT, 20).next_to(frames, UP, buff=0.15)
self.play(FadeIn(ball, frames, bars, total), run_time=rt(0.8))
panel = put(column(PANEL, 22), (4.1, 6.9, -3.7, 2.0))
self.play(FadeIn(panel[:2]), run_time=rt(0.5))
self.play(i.animate.set_value(len(PATH) - 1), run_time=rt(6), rate_func=linear)
reveal(self, panel[2:], 0.5)
self.wait(rt(2))
'''


def _track_shape(heights: list[float], box: tuple) -> Callable[[float], list[float]]:
    """Scene points of a smooth track through the heights (cosine steps between them) and the map height → y."""
    x0, x1, y0, y1 = box
    top = max(heights) or 1.0
    n = len(heights) - 1

    def point(u: float) -> list[float]:
        """[x, y, height] at track parameter u (0 … number of segments)."""
        k = min(int(u), n - 1)
        s = u - k
        h = heights[k] + (heights[k + 1] - heights[k]) * (1 - math.cos(math.pi * s)) / 2
        return [x0 + (x1 - x0) * u / n, y0 + (y1 - y0) * h / top, h]

    return point


def _timed(point, n: int, g: float, h0: float, steps: int = 90) -> list[list[float]]:
    """Positions along the track at equal times (speed from energy conservation, v = √(2g(h0 − h)))."""
    fine = [point(n * j / 2000) for j in range(2001)]
    times = [0.0]
    for a, b in zip(fine, fine[1:], strict=False):
        ds = math.dist(a[:2], b[:2])
        v = math.sqrt(max(2 * g * (h0 - (a[2] + b[2]) / 2), 0.05))
        times.append(times[-1] + ds / v)
    out, j = [], 0
    for s in range(steps + 1):
        target = times[-1] * s / steps
        while j < len(times) - 1 and times[j] < target:
            j += 1
        out.append(fine[j])
    return out


def track(ask: Ask, r: Reader) -> Draft:
    """A ball rolls along a frictionless track from rest: KE and PE bars trade, their sum stays."""
    heights = r.nums("heights", "length", (0, 1e4), label="heights", most=6)
    m = r.num("mass", "mass", (1e-3, 1e5), names=("m",), label="m")
    g = 9.8
    h0 = heights[0]
    if max(heights[1:]) >= h0:
        heights = [h0] + [min(h, h0 * 0.95) for h in heights[1:]]
        r.found.append("a later point higher than the start is lowered below it (the ball could not reach it)")
    point = _track_shape(heights, (-6.3, 1.8, -3.2, 1.3))
    path = _timed(point, len(heights) - 1, g, h0)
    total = m * g * h0
    pe = [m * g * p[2] for p in path]
    ke = [max(total - e, 0.0) for e in pe]
    speeds = [math.sqrt(2 * g * (h0 - h)) for h in heights]
    rows = [f"m = {fmt(m)} kg", f"E = mgh₀ = {fmt(total)} J", "v = √(2g(h₀−h))"]
    rows += [[f"   {fmt(h)} m: {fmt(v)} m/s", YELLOW] for h, v in zip(heights[1:], speeds[1:], strict=False)]
    peaks = [point(k)[:2] for k in range(len(heights))]
    consts = {"SHAPE": [point((len(heights) - 1) * j / 200)[:2] for j in range(201)],
              "PATH": [p[:2] for p in path], "PEAKS": peaks, "PEAK_TEXT": [f"{fmt(h)} m" for h in heights],
              "KE": ke, "PE": pe, "TOTAL": total, "BAR_H": 2.3, "TOTAL_TEXT": f"KE + PE = {fmt(total)} J",
              "PANEL": rows, "FORMULA": r"\tfrac{1}{2} m v_1^2 + m g h_1 = \tfrac{1}{2} m v_2^2 + m g h_2"}
    facts = [f"total energy mgh₀ = {fmt(total)} J"] + [f"at {fmt(h)} m: v = {fmt(v)} m/s" for h, v in zip(heights, speeds, strict=False)]
    shots = ["a frictionless track through the heights " + ", ".join(f"{fmt(h)} m" for h in heights),
             "a ball starts from rest at the top", "it speeds up going down and slows going up: PE turns into KE and back",
             f"the sum KE + PE stays {fmt(total)} J", "its speed at each marked height from v = √(2g(h₀ − h))"]
    return Draft(TRACK, consts, shots, facts, {"speeds": speeds})


FLOAT = '''
head = heading(self, FORMULA)
tank = Rectangle(width=5.6, height=3.6, stroke_color=GREY_B, stroke_width=3).move_to([-3.2, -1.75, 0])
water = Rectangle(width=5.6, height=WATER_H, stroke_width=0, fill_color=BLUE_E, fill_opacity=0.8)
water.align_to(tank, DOWN).align_to(tank, LEFT)
surface_y = water.get_top()[1]
self.play(Create(tank), FadeIn(water), run_time=rt(0.8))
block = Rectangle(width=SIDE, height=SIDE, fill_color=ORANGE, fill_opacity=1, stroke_color=WHITE)
block.move_to([-3.2, surface_y + SIDE / 2 + 1.0, 0])
self.play(FadeIn(block), run_time=rt(0.4))
rest = surface_y + SIDE / 2 - DEPTH
self.play(block.animate.move_to([-3.2, rest - 0.35 * (1 if SINKS else 0), 0]), run_time=rt(1),
          rate_func=rate_functions.ease_in_quad)
if not SINKS:
    for amp in [0.25, -0.15, 0.08, 0]:
        self.play(block.animate.move_to([-3.2, rest + amp, 0]), run_time=rt(0.35))
c = block.get_center()
w_arrow = arrow(c, c + W_LEN * DOWN, RED, 6)
b_arrow = arrow(c + 0.12 * LEFT, c + 0.12 * LEFT + B_LEN * UP, GREEN, 6)
w_lab = say(W_TEXT, 22, RED).next_to(w_arrow.get_end(), RIGHT, buff=0.15)
b_lab = say(B_TEXT, 22, GREEN).next_to(b_arrow.get_end(), LEFT, buff=0.15)
self.play(GrowArrow(w_arrow), FadeIn(w_lab), run_time=rt(0.7))
self.play(GrowArrow(b_arrow), FadeIn(b_lab), run_time=rt(0.7))
panel = put(column(PANEL, 22), (0.6, 6.9, -3.7, 2.0))
reveal(self, panel, 0.6)
self.wait(rt(2.5))
'''


def floating(ask: Ask, r: Reader) -> Draft:
    """A block dropped into water settles with the fraction ρ_block/ρ_fluid under water (or sinks)."""
    rho_o = r.num("density_object", "density", (1, 30000), names=("rho",), label="ρ_block")
    rho_f = r.num("density_fluid", "density", (1, 30000), label="ρ_fluid")
    vol = r.num("volume", "volume", (1e-9, 1e3), names=("V",), default=0.001, label="V")
    g = 9.8
    weight = rho_o * vol * g
    sinks = rho_o > rho_f
    frac = 1.0 if sinks else rho_o / rho_f
    fb = rho_f * g * vol * frac
    side = 1.4
    k = 1.4 / max(weight, fb)
    block, fluid = tr(ask, "block", "物块"), tr(ask, "fluid", "液体")
    rows = [f"ρ({block}) = {fmt(rho_o)} kg/m³", f"ρ({fluid}) = {fmt(rho_f)} kg/m³", f"V = {fmt(vol * 1000)} L",
            f"W = ρ({block})·V·g = {fmt(weight)} N",
            (tr(ask, f"sinks: F_b = ρgV = {fmt(fb)} N < W", f"下沉：F浮 = ρgV = {fmt(fb)} N < W") if sinks else
             tr(ask, f"floats: F_b = W = {fmt(fb)} N", f"漂浮：F浮 = W = {fmt(fb)} N"), GREEN),
            (tr(ask, f"fraction under water = {fmt(frac)}", f"浸入水中的比例 = {fmt(frac)}"), YELLOW)]
    consts = {"SIDE": side, "DEPTH": side * frac, "WATER_H": 2.6, "SINKS": sinks, "W_LEN": weight * k,
              "B_LEN": fb * k, "W_TEXT": f"W = {fmt(weight)} N", "B_TEXT": f"F_b = {fmt(fb)} N",
              "PANEL": wrap_rows(rows, 34), "FORMULA": r"F_b = \rho_{\mathrm{fluid}}\, g\, V_{\mathrm{sub}}"}
    if sinks:
        consts["DEPTH"] = side + 0.1
    facts = [f"weight {fmt(weight)} N", f"buoyant force {fmt(fb)} N",
             "it sinks" if sinks else f"it floats with {fmt(frac)} of its volume under water"]
    shots = [f"a {fmt(rho_o)} kg/m³ block is dropped into a fluid of {fmt(rho_f)} kg/m³",
             "it bobs and settles" if not sinks else "it sinks", "its weight and the buoyant force ρ g V_sub",
             facts[-1]]
    return Draft(FLOAT, consts, shots, facts, {"fraction": frac, "F_b": fb})


VENTURI = '''
head = heading(self, FORMULA)
top = VMobject(color=GREY_B, stroke_width=4).set_points_as_corners([[x, Y + hw, 0] for x, hw in WALL])
bottom = VMobject(color=GREY_B, stroke_width=4).set_points_as_corners([[x, Y - hw, 0] for x, hw in WALL])
fill = Polygon(*[[x, Y + hw, 0] for x, hw in WALL], *[[x, Y - hw, 0] for x, hw in WALL[::-1]], stroke_width=0,
               fill_color=BLUE_E, fill_opacity=0.6)
self.play(FadeIn(fill), Create(top), Create(bottom), run_time=rt(1))
t = ValueTracker(0)


def half(x):
    return np.interp(x, [p[0] for p in WALL], [p[1] for p in WALL])


def spot(k, j):
    s = (t.get_value() + k * TAU_END / 12) % TAU_END
    x = np.interp(s, TAU, XS)
    return [x, Y + half(x) * (j - 1) * 0.55, 0]


dots = VGroup(*[always_redraw(lambda k=k, j=j: Dot(spot(k, j), radius=0.06, color=WHITE)) for k in range(12)
                for j in range(3)])
self.add(dots)
tubes = VGroup()
for x, h, text in zip(TUBE_X, TUBE_H, TUBE_TEXT):
    base = Y + half(x)
    tube = Rectangle(width=0.4, height=2.2, stroke_color=GREY_B).move_to([x, base + 1.1, 0])
    col = Rectangle(width=0.4, height=h, stroke_width=0, fill_color=BLUE, fill_opacity=0.8)
    col.move_to([x, base + h / 2, 0])
    tubes.add(VGroup(tube, col, say(text, 20).next_to(tube, UP, buff=0.1)))
self.play(t.animate.set_value(TAU_END), FadeIn(tubes), run_time=rt(3), rate_func=linear)
speeds = VGroup(*[say(s, 22, YELLOW).move_to([x, Y - 1.55, 0]) for x, s in zip(TUBE_X, V_TEXT)])
self.play(t.animate.set_value(2 * TAU_END), FadeIn(speeds), run_time=rt(3), rate_func=linear)
panel = put(column(PANEL, 22), (2.8, 6.9, -3.7, 2.0))
for row in panel:
    self.play(FadeIn(row, shift=0.2 * LEFT), t.animate.increment_value(TAU_END / 4), run_time=rt(0.6),
              rate_func=linear)
self.wait(rt(1.5))
'''


def venturi(ask: Ask, r: Reader) -> Draft:
    """Water speeds up in a narrowing pipe (A₁v₁ = A₂v₂) and its pressure drops (Bernoulli)."""
    a1, a2 = r.nums("areas", "area", (1e-6, 1e4), label="A₁, A₂")[:2]
    v1 = r.num("v_1", "speed", (0.01, 100), names=("v1", "v"), label="v₁")
    rho = r.num("rho", "density", (1, 20000), default=1000, label="ρ")
    v2 = v1 * a1 / a2
    dp = rho * (v2 * v2 - v1 * v1) / 2
    dh = dp / (rho * 9.8)
    w1 = 0.9
    w2 = w1 * math.sqrt(a2 / a1)
    wall = [[-6.6, w1], [-4.0, w1], [-2.9, w2], [-0.9, w2], [0.2, w1], [2.2, w1]]
    xs = [-6.6 + 8.8 * j / 400 for j in range(401)]
    half = [_interp(x, wall) for x in xs]
    tau = [0.0]
    for j in range(400):
        tau.append(tau[-1] + (xs[j + 1] - xs[j]) * (half[j] / w1) ** 2)
    h1 = 1.9
    h2 = 0.7 if dp > 0 else h1  # two tubes: the drop is drawn at a fixed size, its value is labelled
    rows = [f"A₁ = {fmt(a1)}, A₂ = {fmt(a2)} (m²)", f"v₂ = A₁v₁/A₂ = {fmt(v2)} m/s",
            (f"Δp = ½ρ(v₂² − v₁²) = {fmt(dp)} Pa", YELLOW), f"Δh = Δp/(ρg) = {fmt(dh)} m",
            tr(ask, "faster flow, lower pressure", "流速大处压强小")]
    consts = {"Y": -1.5, "WALL": wall, "XS": xs, "TAU": tau, "TAU_END": tau[-1], "TUBE_X": [-5.3, -1.9],
              "TUBE_H": [h1, h2], "TUBE_TEXT": ["p₁", "p₂"], "V_TEXT": [f"v₁ = {fmt(v1)} m/s", f"v₂ = {fmt(v2)} m/s"],
              "PANEL": wrap_rows(rows, 26), "FORMULA": r"A_1 v_1 = A_2 v_2 \qquad p_1 + \tfrac{1}{2}\rho v_1^2 = "
              r"p_2 + \tfrac{1}{2}\rho v_2^2"}
    facts = [f"v₂ = A₁v₁/A₂ = {fmt(v2)} m/s", f"pressure drop Δp = {fmt(dp)} Pa", f"manometer difference {fmt(dh)} m"]
    shots = ["water flows through a pipe that narrows", "it moves faster in the narrow part (continuity)",
             "the pressure tubes show a lower pressure there", f"v₂ = {fmt(v2)} m/s and Δp = {fmt(dp)} Pa"]
    return Draft(VENTURI, consts, shots, facts, {"v2": v2, "dp": dp})


def _interp(x: float, pts: list[list[float]]) -> float:
    """The broken line through pts at x."""
    for (xa, ya), (xb, yb) in zip(pts, pts[1:], strict=False):
        if xa <= x <= xb:
            return ya + (yb - ya) * (x - xa) / (xb - xa)
    return pts[-1][1]


def fluid(ask: Ask, r: Reader) -> Draft:
    """The floating block or the Venturi tube."""
    table = {"venturi_tube": venturi, "floating_block": floating}
    return pick(table, ask.settings.get("setup", "floating_block"))(ask, r)


VARIANTS = {"collision": collision, "lever": lever, "track": track, "fluid": fluid}
