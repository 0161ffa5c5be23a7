"""Periodic and rotational motion: a spring-mass oscillator with its x(t) graph, the pendulum, orbits (Kepler's
equal areas, launches at several speeds) and rotation (the rolling race, the spinning skater)."""

from __future__ import annotations

import math

from ..base import Ask
from ..physics_kit import BLUE, GREEN, ORANGE, RED, TEAL, YELLOW, Draft, Reader, fmt, nice, tr, wrap_rows

OSCILLATION = '''
head = heading(self, FORMULA)
wall = Line([-6.6, 0.25, 0], [-6.6, 1.65, 0], color=GREY_B, stroke_width=6)
floor = Line([-6.6, 0.25, 0], [-0.2, 0.25, 0], color=GREY_B, stroke_width=3)
eq = DashedLine([X_EQ, 0.1, 0], [X_EQ, 1.7, 0], color=GREY_B)
eq_lab = say("x = 0", 20).next_to(eq, UP, buff=0.08)
t = ValueTracker(0)


def pos(s):
    return X_EQ + AS * np.cos(W * s)


def spring():
    x1 = pos(t.get_value()) - 0.45
    xs = np.linspace(-6.6, x1, 26)
    ys = [0.75 + (0.18 * (-1) ** i if 1 < i < 24 else 0) for i in range(26)]
    return VMobject(color=BLUE_B, stroke_width=3).set_points_as_corners([[x, y, 0] for x, y in zip(xs, ys)])


block = always_redraw(lambda: Square(0.9, fill_color=ORANGE, fill_opacity=1, stroke_color=WHITE)
                      .move_to([pos(t.get_value()), 0.7, 0]))
coil = always_redraw(spring)
mass_lab = say(MASS_TEXT, 22).next_to(floor, DOWN, buff=0.12).align_to(floor, LEFT)
self.play(Create(wall), Create(floor), Create(eq), FadeIn(eq_lab, mass_lab), FadeIn(block, coil), run_time=rt(1))
ax = Axes(x_range=TR, y_range=YR, x_length=7.6, y_length=2.4, tips=False, axis_config={"stroke_width": 2})
ax.shift(np.array([-6.0, -2.15, 0]) - ax.c2p(0, 0))
labs = VGroup(ticks(ax, tick_values(TR), tick_values(YR)), say(X_UNIT, 22, ORANGE).next_to(ax.y_axis.get_top(), RIGHT, buff=0.12),
              say("t (s)", 20).next_to(ax.x_axis.get_right(), UP, buff=0.12))
curve = always_redraw(lambda: ax.plot(lambda s: A * np.cos(W * s), x_range=[0, max(t.get_value(), 1e-4), TR[1] / 200],
                                      color=ORANGE))
link = always_redraw(lambda: DashedLine([pos(t.get_value()), 0.2, 0],
                                        ax.c2p(t.get_value(), A * np.cos(W * t.get_value())), color=GREY_B,
                                        stroke_width=1.5))
self.play(Create(ax), FadeIn(labs), run_time=rt(1))
self.add(curve, link)
panel = put(column(PANEL, 22), (2.4, 6.9, -3.7, 2.0))
self.play(t.animate.set_value(2 * PERIOD), FadeIn(panel[0]), run_time=rt(6), rate_func=linear)
self.remove(link)
reveal(self, panel[1:], 0.6)
brace = BraceBetweenPoints(ax.c2p(0, -A), ax.c2p(PERIOD, -A), DOWN, buff=0.05, color=YELLOW)
self.play(FadeIn(brace), run_time=rt(0.6))
self.wait(rt(2))
'''


def oscillation(ask: Ask, r: Reader) -> Draft:
    """A block on a spring oscillating over its x(t) graph; ω, T, f, the top speed and the energy computed."""
    m = r.num("mass", "mass", (0.001, 1e4), names=("m",), label="m")
    k = r.num("k", "stiffness", (0.01, 1e7), names=("stiffness",), label="k")
    amp = r.num("amplitude", "length", (1e-4, 100), names=("A",), label="A")
    w = math.sqrt(k / m)
    per = 2 * math.pi / w
    rows = [f"m = {fmt(m)} kg,  k = {fmt(k)} N/m", (f"ω = √(k/m) = {fmt(w)} rad/s", YELLOW),
            (f"T = 2π√(m/k) = {fmt(per)} s", YELLOW), f"f = 1/T = {fmt(1 / per)} Hz", f"v_max = Aω = {fmt(amp * w)} m/s",
            f"E = ½kA² = {fmt(k * amp * amp / 2)} J"]
    consts = {"A": amp, "W": w, "PERIOD": per, "AS": 1.3, "X_EQ": -3.5, "TR": [0, 2 * per, nice(2 * per, 4)],
              "YR": [-amp, amp, amp], "MASS_TEXT": f"{fmt(m)} kg, k = {fmt(k)} N/m", "X_UNIT": "x (m)",
              "PANEL": wrap_rows(rows, 25), "FORMULA": r"x = A\cos(\omega t) \qquad \omega = \sqrt{\frac{k}{m}}"
              r" \qquad T = 2\pi\sqrt{\frac{m}{k}}"}
    facts = [f"ω = √(k/m) = {fmt(w)} rad/s", f"T = 2π√(m/k) = {fmt(per)} s", f"f = {fmt(1 / per)} Hz",
             f"top speed Aω = {fmt(amp * w)} m/s", f"energy ½kA² = {fmt(k * amp * amp / 2)} J"]
    shots = [f"a {fmt(m)} kg block on a {fmt(k)} N/m spring, pulled {fmt(amp)} m from equilibrium",
             "it oscillates while its position is plotted against time (slow motion)",
             f"two periods drawn: x = A cos ωt with ω = {fmt(w)} rad/s", f"one period T = {fmt(per)} s is braced"]
    return Draft(OSCILLATION, consts, shots, facts, {"omega": w, "T": per})



PENDULUM = '''
head = heading(self, FORMULA)
P = np.array([-3.7, 1.9, 0])
support = Line(P + 1.2 * LEFT, P + 1.2 * RIGHT, color=GREY_B, stroke_width=6)
t = ValueTracker(0)


def angle(s):
    return TH0 * np.cos(W * s)


def bob_at(s):
    return P + LS * np.array([np.sin(angle(s)), -np.cos(angle(s)), 0])


rest = DashedLine(P, P + LS * DOWN, color=GREY_B)
rod = always_redraw(lambda: Line(P, bob_at(t.get_value()), color=WHITE, stroke_width=3))
bob = always_redraw(lambda: Dot(bob_at(t.get_value()), radius=0.2, color=ORANGE))
pull = always_redraw(lambda: arrow(bob_at(t.get_value()), bob_at(t.get_value()) - 2.2 * np.sin(angle(t.get_value()))
                                   * np.array([np.cos(angle(t.get_value())), np.sin(angle(t.get_value())), 0])
                                   + 1e-3 * DOWN, RED, 5))
len_lab = say("L = " + L_TEXT, 22).next_to(rest, LEFT, buff=0.6)
self.play(Create(support), Create(rest), FadeIn(rod, bob, len_lab), run_time=rt(1))
ax = Axes(x_range=TR, y_range=YR, x_length=6.0, y_length=2.4, tips=False, axis_config={"stroke_width": 2})
ax.shift(np.array([0.6, -2.4, 0]) - ax.c2p(0, 0))
labs = VGroup(ticks(ax, tick_values(TR), tick_values(YR)), say("θ (°)", 22, ORANGE).next_to(ax.y_axis.get_top(), RIGHT, buff=0.12),
              say("t (s)", 20).next_to(ax.x_axis.get_right(), UP, buff=0.12))
curve = always_redraw(lambda: ax.plot(lambda s: DEG0 * np.cos(W * s), x_range=[0, max(t.get_value(), 1e-4),
                                      TR[1] / 200], color=ORANGE))
self.play(Create(ax), FadeIn(labs), FadeIn(pull), run_time=rt(1))
self.add(curve)
panel = put(column(PANEL, 22), (0.4, 6.9, -0.2, 2.0))
self.play(t.animate.set_value(2 * PERIOD), run_time=rt(6), rate_func=linear)
reveal(self, panel, 0.6)
self.wait(rt(2))
'''


def pendulum(ask: Ask, r: Reader) -> Draft:
    """A pendulum swinging with its restoring force, its θ(t) graph, and T = 2π√(L/g)."""
    length = r.num("length", "length", (0.01, 1000), names=("L", "l"), label="L")
    amp = r.num("amplitude_deg", "angle", (1, 30), names=("angle", "theta"), label="θ₀")
    g = r.num("g", "acceleration", (0.1, 100), default=9.8)
    w = math.sqrt(g / length)
    per = 2 * math.pi / w
    rows = [f"L = {fmt(length)} m,  g = {fmt(g)} m/s²,  θ₀ = {fmt(amp)}°", (f"T = 2π√(L/g) = {fmt(per)} s", YELLOW),
            f"f = 1/T = {fmt(1 / per)} Hz", tr(ask, "small swings: T does not depend on the mass or on θ₀",
                                              "小角度时：T 与质量和摆角无关"),
            (tr(ask, "red: the restoring force mg sin θ", "红色：回复力 mg sin θ"), RED)]
    consts = {"TH0": math.radians(amp), "DEG0": amp, "W": w, "PERIOD": per, "LS": 3.6, "L_TEXT": f"{fmt(length)} m",
              "TR": [0, 2 * per, nice(2 * per, 4)], "YR": [-amp, amp, amp], "PANEL": wrap_rows(rows, 34),
              "FORMULA": r"T = 2\pi\sqrt{\frac{L}{g}}"}
    facts = [f"T = 2π√(L/g) = {fmt(per)} s", f"f = {fmt(1 / per)} Hz", f"ω = √(g/L) = {fmt(w)} rad/s"]
    shots = [f"a pendulum of length {fmt(length)} m released at {fmt(amp)}°",
             "it swings with its restoring force mg sin θ; θ(t) is plotted",
             f"two periods of T = 2π√(L/g) = {fmt(per)} s", "the period does not depend on the mass (small angles)"]
    return Draft(PENDULUM, consts, shots, facts, {"T": per})


KEPLER = '''
head = heading(self, FORMULA)
orbit = VMobject(color=GREY_B, stroke_width=2).set_points_smoothly([p + [0] for p in PATH] + [PATH[0] + [0]])
sun = Dot(SUN + [0], radius=0.2, color=YELLOW)
sun_lab = say(SUN_WORD, 20, YELLOW).next_to(sun, DOWN, buff=0.12)
self.play(Create(orbit), FadeIn(sun, sun_lab), run_time=rt(1.2))
i = ValueTracker(0)


def at(v):
    k = int(v) % len(PATH)
    f = v - int(v)
    a, b = np.array(PATH[k] + [0]), np.array(PATH[(k + 1) % len(PATH)] + [0])
    return a + (b - a) * f


planet = always_redraw(lambda: Dot(at(i.get_value()), radius=0.13, color=BLUE))
self.play(FadeIn(planet), run_time=rt(0.4))
self.play(i.animate.set_value(len(PATH)), run_time=rt(4), rate_func=linear)
wedges = VGroup()
for start, col in zip(SECTORS, [TEAL, ORANGE]):
    pts = [SUN + [0]] + [PATH[(start + j) % len(PATH)] + [0] for j in range(SPAN + 1)]
    wedges.add(Polygon(*pts, stroke_width=1, stroke_color=col, fill_color=col, fill_opacity=0.55))
for w, start in zip(wedges, SECTORS):
    self.play(i.animate.set_value(len(PATH) + start), run_time=rt(0.6))
    self.play(i.animate.set_value(len(PATH) + start + SPAN), FadeIn(w), run_time=rt(1.2), rate_func=linear)
panel = put(column(PANEL, 22), (2.6, 6.9, -3.7, 2.0))
reveal(self, panel, 0.6)
self.wait(rt(2))
'''

G_CONST, M_EARTH, R_EARTH = 6.674e-11, 5.972e24, 6.371e6


def _kepler_path(e: float, a: float, n: int = 120) -> list[list[float]]:
    """n positions at equal times on an ellipse (semi-major axis a, focus at the origin), from perihelion."""
    out = []
    for j in range(n):
        mean = 2 * math.pi * j / n
        ecc = mean
        for _ in range(50):
            ecc -= (ecc - e * math.sin(ecc) - mean) / (1 - e * math.cos(ecc))
        out.append([a * (math.cos(ecc) - e), a * math.sqrt(1 - e * e) * math.sin(ecc)])
    return out


def kepler(ask: Ask, r: Reader) -> Draft:
    """An elliptical orbit traced at Kepler's pace, two equal-time sectors of equal area, and T² ∝ a³."""
    e = r.num("eccentricity", "", (0, 0.85), names=("e",), bare=True, label="e")
    a_m = r.num("a", "length", (1e5, 1e13), names=("a",), default=6.771e6, label="a")
    per = 2 * math.pi * math.sqrt(a_m ** 3 / (G_CONST * M_EARTH))
    centre = [-3.0, -0.8]
    a_s = min(3.4, 2.7 / math.sqrt(1 - e * e))
    path = [[centre[0] + x + a_s * e, centre[1] + y] for x, y in _kepler_path(e, a_s)]
    rows = [f"e = {fmt(e)}", tr(ask, "1: ellipse, Sun at a focus", "1：椭圆轨道，太阳在焦点"),
            tr(ask, "2: equal areas in equal times", "2：相等时间扫过相等面积"),
            (tr(ask, "v(near)/v(far)", "v(近)/v(远)") + f" = (1+e)/(1−e) = {fmt((1 + e) / (1 - e))}", YELLOW),
            tr(ask, "3: T² = 4π²a³/(GM)", "3：T² = 4π²a³/(GM)"),
            (tr(ask, "around the Earth:", "绕地球："), YELLOW), (f"a = {fmt(a_m / 1000)} km ⇒ T = {fmt(per / 60)} min", YELLOW)]
    consts = {"PATH": path, "SUN": [centre[0] + a_s * e, centre[1]], "SECTORS": [114, 54], "SPAN": 12,
              "SUN_WORD": tr(ask, "Sun", "太阳"), "PANEL": wrap_rows(rows, 30),
              "FORMULA": r"\frac{T^2}{a^3} = \frac{4\pi^2}{G M}"}
    facts = [f"speed ratio perihelion/aphelion (1+e)/(1−e) = {fmt((1 + e) / (1 - e))}",
             f"T = 2π√(a³/GM) = {fmt(per)} s = {fmt(per / 60)} min for a = {fmt(a_m / 1000)} km around the Earth"]
    shots = [f"an orbit of eccentricity {fmt(e)} with the Sun at one focus",
             "the planet moves fast near the Sun and slowly far away (positions at equal times)",
             "two sectors swept in the same time have the same area",
             f"the third law: T² = 4π²a³/(GM); for a = {fmt(a_m / 1000)} km around the Earth T = {fmt(per / 60)} min"]
    return Draft(KEPLER, consts, shots, facts, {"T": per, "ratio": (1 + e) / (1 - e)})


LAUNCH = '''
head = heading(self, FORMULA)
O = np.array(CENTER + [0])
earth = Circle(radius=RE, fill_color=BLUE_E, fill_opacity=1, stroke_color=BLUE, stroke_width=2).move_to(O)
hill = Polygon(O + RE * UP + 0.35 * LEFT, O + (RO + 0.02) * UP, O + RE * UP + 0.35 * RIGHT, fill_color=GREEN_E,
               fill_opacity=1, stroke_width=0)
self.play(FadeIn(earth, hill), run_time=rt(1))
rows = column(ROWS, 22)
rows = put(rows, (2.8, 6.9, -3.7, 2.0))
for path, col, k in zip(PATHS, COLORS, range(len(PATHS))):
    curve = VMobject(color=col, stroke_width=4).set_points_smoothly([np.array(p + [0]) for p in path])
    ball = Dot(O + RO * UP, radius=0.09, color=col)
    self.play(FadeIn(rows[k]), FadeIn(ball), run_time=rt(0.4))
    self.play(Create(curve), MoveAlongPath(ball, curve), run_time=rt(2), rate_func=linear)
for row in rows[len(PATHS):]:
    self.play(FadeIn(row, shift=0.2 * LEFT), run_time=rt(0.6))
self.wait(rt(2))
'''


def _launch_path(k: float, centre: list[float], re: float, r0: float, bound: tuple) -> list[list[float]]:
    """The orbit of a body launched horizontally at k times the circular speed from radius r0 (scene units),
    until it hits the Earth, leaves the box `bound` (x0, x1, y0, y1) or closes."""
    pts = []
    for j in range(361):
        th = math.radians(j)
        den = 1 + (k * k - 1) * math.cos(th)
        rad = r0 * k * k / den if den > 1e-6 else 1e9
        x, y = centre[0] + rad * math.sin(th), centre[1] + rad * math.cos(th)
        if rad < re or not (bound[0] < x < bound[1] and bound[2] < y < bound[3]):
            break
        pts.append([x, y])
    return pts


def launch(ask: Ask, r: Reader) -> Draft:
    """Newton's cannon: launches at several multiples of the circular speed fall back, orbit or escape."""
    speeds = r.nums("launch_speeds", "", (0.3, 1.6), default=[0.6, 0.8, 1.0], bare=True, label="speeds (× v₁)")
    m_body = r.num("M", "mass", (1e10, 1e35), default=M_EARTH, label="M")
    radius = r.num("R", "length", (1e3, 1e12), names=("r", "radius"), default=R_EARTH, label="R")
    v1 = math.sqrt(G_CONST * m_body / radius)
    v2 = math.sqrt(2) * v1
    centre, re = [-2.6, -0.5], 0.9
    r0 = re * 1.06
    colours = [RED, ORANGE, YELLOW, GREEN, TEAL, BLUE]
    paths = [_launch_path(k, centre, re, r0, (-6.7, 2.5, -3.6, 1.9)) for k in speeds]  # inside the planned body
    fate = [tr(ask, "falls back", "落回地面") if k < 1 else tr(ask, "circle", "圆轨道") if abs(k - 1) < 1e-9 else
            tr(ask, "ellipse", "椭圆轨道") if k < math.sqrt(2) else tr(ask, "escapes", "逃逸") for k in speeds]
    rows = [[f"{fmt(k)} v₁ = {fmt(k * v1 / 1000)} km/s: {f}", c] for k, f, c in zip(speeds, fate, colours, strict=False)]
    rows += [(f"v₁ = √(GM/R) = {fmt(v1 / 1000)} km/s", YELLOW), f"v₂ = √(2GM/R) = {fmt(v2 / 1000)} km/s"]
    escape = ask.settings.get("show") == "escape"
    consts = {"CENTER": centre, "RE": re, "RO": r0, "PATHS": paths, "COLORS": colours[: len(paths)],
              "ROWS": rows, "FORMULA": r"v_2 = \sqrt{\frac{2GM}{R}} = \sqrt{2}\,v_1" if escape else
              r"v_1 = \sqrt{\frac{G M}{R}}"}
    facts = [f"circular speed v₁ = √(GM/R) = {fmt(v1)} m/s", f"escape speed v₂ = √2·v₁ = {fmt(v2)} m/s"]
    shots = ["the Earth with a high mountain", "launches at " + ", ".join(f"{fmt(k)} v₁" for k in speeds),
             "slower than v₁ they fall back; at v₁ a circle; faster an ellipse; at √2·v₁ they escape",
             f"v₁ = {fmt(v1 / 1000)} km/s, v₂ = {fmt(v2 / 1000)} km/s"]
    return Draft(LAUNCH, consts, shots, facts, {"v1": v1, "v2": v2})


def orbit(ask: Ask, r: Reader) -> Draft:
    """Kepler's laws on an ellipse, or launches at several speeds (Newton's cannon, escape)."""
    return kepler(ask, r) if ask.settings.get("show") == "equal_areas" else launch(ask, r)


RACE = '''
head = heading(self, FORMULA)
X0, X1 = -5.2, 0.9
t = ValueTracker(0)
racers = VGroup()
for k, (name, acc, col) in enumerate(RACERS):
    y = 1.2 - 1.45 * k
    ground = Line([X0 - 0.4, y - 0.34, 0], [X1 + 0.4, y - 0.34, 0], color=GREY_B, stroke_width=3)
    lab = say(name, 22, col).next_to([X0 - 0.45, y - 0.1, 0], LEFT, buff=0.1)
    self.play(Create(ground), FadeIn(lab), run_time=rt(0.4))

    def body(k=k, acc=acc, col=col, y=y):
        s = min(acc * t.get_value() ** 2 / 2, LENGTH)
        c = np.array([X0 + (X1 - X0) * s / LENGTH, y, 0])
        roll = -s / RADIUS
        if SHAPES[k] == "hoop":
            wheel = Circle(0.32, color=col, stroke_width=8)
        else:
            wheel = Circle(0.32, color=col, fill_color=col, fill_opacity=0.9 if SHAPES[k] == "disc" else 0.6)
        spoke = Line(ORIGIN, 0.3 * np.array([np.cos(roll), np.sin(roll), 0]), color=WHITE, stroke_width=3)
        return VGroup(wheel, spoke).move_to(c)

    racers.add(always_redraw(body))
finish = DashedLine([X1 + 0.32, 1.65, 0], [X1 + 0.32, -2.15, 0], color=WHITE)
self.play(FadeIn(racers), Create(finish), run_time=rt(0.8))
panel = put(column(PANEL, 22), (2.7, 6.9, -3.7, 2.0))
self.play(FadeIn(panel[:2]), run_time=rt(0.6))
self.play(t.animate.set_value(T_END), run_time=rt(4), rate_func=linear)
for k, text in enumerate(TIMES):
    self.play(FadeIn(say(text, 22, RACERS[k][2]).move_to([X1 + 1.25, 1.2 - 1.45 * k + 0.45, 0])), run_time=rt(0.4))
reveal(self, panel[2:], 0.5)
self.wait(rt(2))
'''

SHAPE_K = {"hoop": 1.0, "ring": 1.0, "disc": 0.5, "cylinder": 0.5, "sphere": 0.4, "ball": 0.4,
           "shell": 2 / 3}


def race(ask: Ask, r: Reader) -> Draft:
    """A hoop, a disc and a sphere roll down the same slope: a = g sin θ/(1 + I/MR²) decides the winner."""
    shapes = [s for s in ask.settings.get("shapes", []) if s in SHAPE_K] or ["hoop", "disc", "sphere"]
    ang = r.num("angle_deg", "angle", (2, 80), names=("angle", "theta"), default=30, label="θ")
    length = r.num("length", "length", (0.1, 1000), names=("L", "d"), default=2, label="slope length")
    g = 9.8
    accs = [g * math.sin(math.radians(ang)) / (1 + SHAPE_K[s]) for s in shapes]
    times = [math.sqrt(2 * length / a) for a in accs]
    colours = [ORANGE, BLUE, GREEN, TEAL]
    names = {"hoop": tr(ask, "hoop", "圆环"), "ring": tr(ask, "ring", "圆环"), "disc": tr(ask, "disc", "圆盘"),
             "cylinder": tr(ask, "cylinder", "圆柱"), "sphere": tr(ask, "sphere", "实心球"),
             "ball": tr(ask, "ball", "球"), "shell": tr(ask, "shell", "球壳")}
    iname = {1.0: "MR²", 0.5: "½MR²", 0.4: "⅖MR²", 2 / 3: "⅔MR²"}
    rows = [tr(ask, f"down a {fmt(ang)}° slope, {fmt(length)} m", f"沿 {fmt(ang)}° 斜面滚下 {fmt(length)} m"),
            "a = g sin θ / (1 + I/MR²)"]
    rows += [[f"{names[s]} ({iname[SHAPE_K[s]]}): {fmt(a)} m/s²", c] for s, a, c in zip(shapes, accs, colours, strict=False)]
    rows += [tr(ask, "less inertia per mass: faster", "I/MR² 越小滚得越快")]
    consts = {"RACERS": [[names[s], a, c] for s, a, c in zip(shapes, accs, colours, strict=False)], "SHAPES": shapes,
              "LENGTH": length, "RADIUS": 0.32 * length / 6.1, "T_END": max(times) * 1.02,
              "TIMES": [f"{fmt(t)} s" for t in times], "PANEL": wrap_rows(rows, 28),
              "FORMULA": r"\tau = I\alpha \qquad a = \frac{g\sin\theta}{1 + I/(M R^2)}"}
    facts = [f"{s}: a = {fmt(a)} m/s², time {fmt(t)} s" for s, a, t in zip(shapes, accs, times, strict=False)]
    shots = ["three lanes, each a slope of the same angle", "a hoop, a disc and a solid sphere roll from rest",
             "the one with the least rotational inertia per mass wins", "their times are shown at the finish"]
    return Draft(RACE, consts, shots, facts, {"accelerations": accs, "times": times})


SKATER = '''
head = heading(self, FORMULA)
O = np.array([-3.2, -0.78, 0])
phi = ValueTracker(0)
reach = ValueTracker(REACH[0])


def figure():
    d = np.array([np.cos(phi.get_value()), np.sin(phi.get_value()), 0])
    r = reach.get_value()
    arms = VGroup(Line(O - r * d, O + r * d, color=ORANGE, stroke_width=10),
                  Dot(O + r * d, radius=0.16, color=ORANGE), Dot(O - r * d, radius=0.16, color=ORANGE))
    head_dot = Circle(0.5, fill_color=BLUE, fill_opacity=1, stroke_color=WHITE).move_to(O)
    nose = Dot(O + 0.35 * np.array([-d[1], d[0], 0]), radius=0.08, color=WHITE)
    return VGroup(arms, head_dot, nose)


skater = always_redraw(figure)
ring = DashedVMobject(Circle(2.6, color=GREY_B).move_to(O), num_dashes=40)
top = say(TOP_WORD, 20).next_to(ring, DOWN, buff=0.1)
self.play(FadeIn(skater), Create(ring), FadeIn(top), run_time=rt(1))
panel = put(column(PANEL, 22), (2.4, 6.9, -3.7, 2.0))
self.play(FadeIn(panel[0]), phi.animate.increment_value(W1 * 3), run_time=rt(3), rate_func=linear)
self.play(reach.animate.set_value(REACH[1]), phi.animate.increment_value((W1 + W2) * 0.5), run_time=rt(1),
          rate_func=linear)
self.play(FadeIn(panel[1]), phi.animate.increment_value(W2 * 3), run_time=rt(3), rate_func=linear)
for row in panel[2:]:
    self.play(FadeIn(row, shift=0.2 * LEFT), phi.animate.increment_value(W2 * 0.6), run_time=rt(0.6),
              rate_func=linear)
self.wait(rt(1.5))
'''


def skater(ask: Ask, r: Reader) -> Draft:
    """A spinning skater pulls in her arms: I drops, ω rises, L = Iω stays the same."""
    i1, i2 = r.nums("inertia", "", (0.01, 1e5), bare=True, label="I₁, I₂")[:2]
    w1 = r.num("omega_0", "angular_speed", (0.01, 100), names=("omega", "ω"), label="ω₁")
    w2 = i1 * w1 / i2
    rows = [f"I₁ = {fmt(i1)} kg·m²,  ω₁ = {fmt(w1)} rad/s", (f"I₂ = {fmt(i2)} kg·m²,  ω₂ = {fmt(w2)} rad/s", YELLOW),
            f"L = Iω = {fmt(i1 * w1)} kg·m²/s ({tr(ask, 'unchanged', '不变')})",
            f"ω₂ = I₁ω₁/I₂ = {fmt(w2)} rad/s", f"KE: {fmt(i1 * w1 ** 2 / 2)} J → {fmt(i2 * w2 ** 2 / 2)} J",
            tr(ask, "(her muscles do the extra work)", "（多出的动能来自手臂做功）")]
    consts = {"W1": w1, "W2": w2, "REACH": [2.3, 2.3 * math.sqrt(i2 / i1)], "PANEL": wrap_rows(rows, 28),
              "TOP_WORD": tr(ask, "seen from above", "俯视图"),
              "FORMULA": r"L = I\omega \qquad I_1\omega_1 = I_2\omega_2"}
    facts = [f"L = I₁ω₁ = {fmt(i1 * w1)} kg·m²/s", f"ω₂ = I₁ω₁/I₂ = {fmt(w2)} rad/s",
             f"kinetic energy {fmt(i1 * w1 ** 2 / 2)} J → {fmt(i2 * w2 ** 2 / 2)} J"]
    shots = [f"a skater seen from above spins at {fmt(w1)} rad/s with arms out",
             "she pulls her arms in: her moment of inertia drops", f"she spins faster, at {fmt(w2)} rad/s",
             "L = Iω is the same before and after; the kinetic energy grows"]
    return Draft(SKATER, consts, shots, facts, {"omega_2": w2})


def rotation(ask: Ask, r: Reader) -> Draft:
    """The rolling race, or the skater (angular momentum)."""
    shapes = ask.settings.get("shapes", [])
    return skater(ask, r) if "skater" in shapes or "inertia" in ask.settings else race(ask, r)


VARIANTS = {"orbit": orbit, "oscillation": oscillation, "pendulum": pendulum, "rotation": rotation}
