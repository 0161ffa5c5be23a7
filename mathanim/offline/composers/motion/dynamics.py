"""Forces: free-body diagrams of blocks on a floor (net force, action and reaction, friction, work and kinetic
energy), the inclined plane, and uniform circular motion with its centripetal vector."""

from __future__ import annotations

import math

from ..base import Ask
from ..physics_kit import BLUE, GREEN, ORANGE, RED, YELLOW, Draft, Reader, fmt, tr, wrap_rows

FLOOR = '''
head = heading(self, FORMULA)
floor = Line([-6.8, FLOOR_Y, 0], [2.5, FLOOR_Y, 0], color=GREY_B, stroke_width=5)
self.play(Create(floor), run_time=rt(0.6))
bodies = []
for x, w, h, col, name in BLOCKS:
    box = Rectangle(width=w, height=h, fill_color=col, fill_opacity=1, stroke_color=WHITE, stroke_width=2)
    box.move_to([x, FLOOR_Y + h / 2, 0])
    bodies.append(VGroup(box, say(name, 24, BLACK).move_to(box)))
self.play(*[FadeIn(b) for b in bodies], run_time=rt(0.8))
ANCHOR = {"center": ORIGIN, "left": LEFT, "right": RIGHT, "top": UP, "bottom": DOWN}
for i, dx, dy, col, name, where in ARROWS:
    box = bodies[i][0]
    start = box.get_center() + ANCHOR[where] * np.array([box.width / 2, box.height / 2, 0])
    vec = arrow(start, start + np.array([dx, dy, 0]), col, 6)
    d = np.array([dx, dy, 0]) / max(np.hypot(dx, dy), 1e-6)
    lab = say(name, 22, col).next_to(vec.get_end(), d if abs(dx) < 0.01 or abs(dy) < 0.01 else np.sign(dy) * UP,
                                     buff=0.12)
    bodies[i].add(vec, lab)
    self.play(GrowArrow(vec), FadeIn(lab), run_time=rt(0.7))
panel = put(column(PANEL, 22), (2.1, 6.9, -3.7, 2.0))
reveal(self, panel[:GIVEN_ROWS], 0.5)
t = ValueTracker(0)
starts = [b.get_center() for b in bodies]
for b, c, (v0, a) in zip(bodies, starts, MOTION):
    b.add_updater(lambda m, c=c, v0=v0, a=a: m.move_to(c + (v0 * t.get_value() + a * t.get_value() ** 2 / 2) * RIGHT))
if BAR:
    frame = Rectangle(width=3.6, height=0.36, stroke_color=WHITE, stroke_width=2)
    frame.next_to(panel, DOWN, buff=0.45).align_to(panel, LEFT)
    fill = always_redraw(lambda: Rectangle(width=max(3.6 * (t.get_value() / DURATION) ** 2, 0.001), height=0.36,
                                           stroke_width=0, fill_color=GREEN, fill_opacity=0.9)
                         .align_to(frame, LEFT).align_to(frame, DOWN))
    bar_lab = say(BAR, 22, GREEN).next_to(frame, DOWN, buff=0.15).align_to(frame, LEFT)
    self.play(Create(frame), FadeIn(bar_lab), run_time=rt(0.5))
    self.add(fill)
self.play(t.animate.set_value(DURATION), run_time=rt(3.5), rate_func=linear)
for b in bodies:
    b.clear_updaters()
if MARKS:
    x0 = starts[0][0]
    v0, a = MOTION[0]
    dots = VGroup(*[Dot([x0 + v0 * s + a * s * s / 2, FLOOR_Y - 0.22, 0], radius=0.06, color=YELLOW)
                    for s in np.linspace(0, DURATION, 6)])
    self.play(FadeIn(dots, lag_ratio=0.2), run_time=rt(1))
reveal(self, panel[GIVEN_ROWS:], 0.6)
self.wait(rt(2.5))
'''

STAGE = (-6.7, 1.7)  # x range of the blocks, their arrows and labels (the panel is right of it)
DURATION = 3.0  # seconds of real time shown by the motion


def _reach(arrows: list, i: int, width: float) -> tuple[float, float]:
    """How far block i's arrows and their labels reach left and right of its edges."""
    left = right = 0.0
    for j, dx, dy, _, name, _where in arrows:
        if j != i:
            continue
        label = 0.155 * len(name) + 0.15
        if abs(dy) < 1e-9:
            left, right = (max(left, -dx + label), right) if dx < 0 else (left, max(right, dx + label))
        else:
            side = max(0.0, label / 2 - width / 2)
            left, right = max(left, side - min(dx, 0)), max(right, side + max(dx, 0))
    return left, right


def _place(blocks: list, arrows: list, accels: list[float], v0s: list[float] | None = None) -> tuple[list, list]:
    """Blocks ([w, h, colour, name]) placed in the stage and their [v0, a] in scene units, so that the motion
    keeps every block, arrow and label inside the stage; one block, or two touching that move apart."""
    v0s = v0s or [0.0] * len(accels)
    reach = [_reach(arrows, i, b[0]) for i, b in enumerate(blocks)]
    travel = [abs(v * DURATION + a * DURATION ** 2 / 2) for v, a in zip(v0s, accels, strict=True)]
    widths = sum(b[0] for b in blocks) + reach[0][0] + reach[-1][1]
    k = 0.9 * (STAGE[1] - STAGE[0] - widths) / max(sum(travel), 1e-9)
    x = STAGE[0] + reach[0][0] + (travel[0] * k if len(blocks) > 1 else 0.0)
    placed = []
    for w, h, colour, name in blocks:
        placed.append([x + w / 2, w, h, colour, name])
        x += w
    return placed, [[v * k, a * k] for v, a in zip(v0s, accels, strict=True)]


def _floor_draft(layout: dict, shots: list[str], facts: list[str], values: dict) -> Draft:
    """The floor scene's Draft: blocks placed, motion scaled, panel rows wrapped."""
    blocks, motion = _place(layout.pop("BLOCKS"), layout["ARROWS"], *layout.pop("MOTION"))
    consts = {"FLOOR_Y": -1.7, "DURATION": DURATION, "BAR": "", "MARKS": True, **layout, "BLOCKS": blocks,
              "MOTION": motion}
    consts["PANEL"] = wrap_rows(consts["PANEL"], 28)
    return Draft(FLOOR, consts, shots, facts, values)


def _scale(forces: list[float], longest: float = 2.0) -> float:
    """Scene units per newton so that the largest force is `longest` long."""
    return longest / max(max(abs(f) for f in forces), 1e-9)


def net_force(ask: Ask, r: Reader) -> Draft:
    """A block pushed by several forces: their sum, a = ΣF/m, and the motion it causes (or its absence)."""
    given = r.nums("forces", "force", (-1e6, 1e6), label="F")
    forces = [[f, 0.0] if isinstance(f, float) and not isinstance(f, list) else list(f) for f in given]
    m = r.num("mass", "mass", (0.01, 1e6), names=("m",), label="m")
    net = sum(f[0] for f in forces)
    a = net / m
    k = _scale([f[0] for f in forces], 1.5)
    arrows = [[0, f[0] * k, 0.0, [BLUE, ORANGE, RED, GREEN][i % 4], f"{fmt(abs(f[0]))} N",
               "right" if f[0] > 0 else "left"] for i, f in enumerate(forces)]
    rows = [f"m = {fmt(m)} kg", "ΣF = " + " + ".join(fmt(f[0]) for f in forces).replace("+ −", "− ") + f" = {fmt(net)} N",
            (f"a = ΣF/m = {fmt(a)} m/s²", YELLOW),
            tr(ask, "equal spacing: constant velocity", "间距相等：匀速") if net == 0 else
            tr(ask, "growing spacing: it accelerates", "间距变大：加速")]
    motion = ([0.0], [1.0]) if net == 0 else ([a], [0.0])
    layout = {"BLOCKS": [[1.4, 1.0, BLUE, f"{fmt(m)} kg"]], "ARROWS": arrows, "MOTION": motion,
              "PANEL": rows, "GIVEN_ROWS": 2, "FORMULA": r"\sum \vec F = m\vec a \qquad \sum \vec F = 0 \;\Rightarrow\; \vec a = 0"}
    facts = [f"ΣF = {fmt(net)} N", f"a = ΣF/m = {fmt(a)} m/s²"]
    shots = ["a block on a smooth floor", "each force drawn to scale with its size",
             f"the forces add to {fmt(net)} N", "the block moves: equal-time marks show constant velocity"
             if net == 0 else f"the block accelerates at {fmt(a)} m/s²: equal-time marks spread out"]
    return _floor_draft(layout, shots, facts, {"net": net, "a": a})


def third_law(ask: Ask, r: Reader) -> Draft:
    """Two skaters push off each other: equal and opposite forces, unequal accelerations."""
    ma, mb = r.nums("masses", "mass", (1, 1e4), label="masses")[:2]
    f = r.num("force", "force", (0.1, 1e6), names=("F",), label="F")
    aa, ab = f / ma, f / mb
    motion = ([-aa, ab], None)
    wa, wb = 1.1 + 0.5 * ma / max(ma, mb), 1.1 + 0.5 * mb / max(ma, mb)
    blocks = [[wa, 0.6 + 0.6 * ma / max(ma, mb), BLUE, f"A {fmt(ma)} kg"],
              [wb, 0.6 + 0.6 * mb / max(ma, mb), ORANGE, f"B {fmt(mb)} kg"]]
    arrows = [[0, -1.0, 0.0, YELLOW, f"{fmt(f)} N", "left"], [1, 1.0, 0.0, YELLOW, f"{fmt(f)} N", "right"]]
    rows = [f"F(A on B) = F(B on A) = {fmt(f)} N", (f"a(A) = F/m(A) = {fmt(aa)} m/s²", BLUE),
            (f"a(B) = F/m(B) = {fmt(ab)} m/s²", ORANGE),
            tr(ask, "same force, the lighter one speeds up more", "力相同，质量小的加速度大")]
    layout = {"BLOCKS": blocks, "ARROWS": arrows, "MOTION": motion, "PANEL": rows, "GIVEN_ROWS": 1, "MARKS": False,
              "FORMULA": r"\vec F_{AB} = -\vec F_{BA}"}
    facts = [f"both forces are {fmt(f)} N", f"a_A = {fmt(aa)} m/s²", f"a_B = {fmt(ab)} m/s²"]
    shots = [f"skaters A ({fmt(ma)} kg) and B ({fmt(mb)} kg) push on each other",
             f"the two forces: equal size ({fmt(f)} N), opposite directions, on different bodies",
             "they move apart, the lighter one faster", f"a_A = {fmt(aa)} m/s², a_B = {fmt(ab)} m/s²"]
    return _floor_draft(layout, shots, facts, {"a_A": aa, "a_B": ab})


def friction(ask: Ask, r: Reader) -> Draft:
    """A pushed box: weight, normal force, push and kinetic friction f = μN; the net force accelerates it."""
    m = r.num("mass", "mass", (0.01, 1e5), names=("m",), label="m")
    push = r.num("push", "force", (0, 1e7), names=("F",), label="F")
    mu = r.num("mu", "", (0, 2), names=("μ",), bare=True, label="μ")
    g = 9.8
    n = m * g
    sliding = push > mu * n
    fr = mu * n if sliding else push
    a = (push - fr) / m
    k = _scale([n, push, fr], 1.4)
    arrows = [[0, 0.0, -n * k, GREEN, f"mg = {fmt(n)} N", "center"], [0, 0.0, n * k, BLUE, f"N = {fmt(n)} N", "top"],
              [0, push * k, 0.0, ORANGE, f"F = {fmt(push)} N", "right"], [0, -fr * k, 0.0, RED, f"f = {fmt(fr)} N", "left"]]
    rows = [f"m = {fmt(m)} kg,  μ = {fmt(mu)}", f"N = mg = {fmt(n)} N", (f"f = μN = {fmt(mu * n)} N", RED) if sliding
            else (tr(ask, f"F ≤ μN: static f = {fmt(fr)} N", f"F ≤ μN：静摩擦 f = {fmt(fr)} N"), RED),
            f"ΣF = F − f = {fmt(push - fr)} N", (f"a = ΣF/m = {fmt(a)} m/s²", YELLOW)]
    layout = {"BLOCKS": [[1.4, 1.0, BLUE, f"{fmt(m)} kg"]], "ARROWS": arrows, "PANEL": rows, "GIVEN_ROWS": 1,
              "MOTION": ([a], None), "MARKS": a > 0, "FLOOR_Y": -0.9,
              "FORMULA": r"f = \mu N \qquad a = \frac{F - \mu m g}{m}"}
    facts = [f"N = mg = {fmt(n)} N", f"friction f = {fmt(fr)} N" + ("" if sliding else " (static: the box stays)"),
             f"a = {fmt(a)} m/s²"]
    shots = ["the free-body diagram: weight, normal force, push and friction", f"N = mg = {fmt(n)} N, f = μN",
             f"net force {fmt(push - fr)} N", f"the box accelerates at {fmt(a)} m/s²" if a > 0 else "the box stays put"]
    return _floor_draft(layout, shots, facts, {"friction": fr, "a": a})


def work_energy(ask: Ask, r: Reader) -> Draft:
    """A force pushes a cart over a distance: the work W = Fd cos θ becomes its kinetic energy. A request that
    gives a speed and no force ("a 1200 kg car at 20 m/s") is read backwards: the kinetic energy ½mv² is the work
    that gave it, and the force that does it over the distance follows."""
    f = r.maybe("force", "force", (0.1, 1e6), names=("F",), label="F")
    v = r.maybe("v", "speed", (0.01, 1e4), names=("speed", "velocity"), label="v") if f is None else None
    f = f if f is not None or v is not None else r.num("force", "force", (0.1, 1e6), names=("F",), label="F")
    d = r.num("distance", "length", (0.01, 1e5), names=("d", "s"), label="d")
    m = r.num("mass", "mass", (0.01, 1e5), names=("m",), label="m")
    ang = r.num("angle_deg", "angle", (0, 89), names=("angle", "theta"), default=0, label="θ")
    if v is not None:
        f = 0.5 * m * v * v / (d * math.cos(math.radians(ang)))
        r.found.append(f"KE = ½mv² = {fmt(0.5 * m * v * v)} J: from rest over {fmt(d)} m that takes F = {fmt(f)} N")
    w = f * d * math.cos(math.radians(ang))
    v = math.sqrt(2 * w / m)
    a = w / d / m
    c, s = math.cos(math.radians(ang)), math.sin(math.radians(ang))
    rows = [f"F = {fmt(f)} N,  d = {fmt(d)} m", f"m = {fmt(m)} kg,  θ = {fmt(ang)}°",
            (f"W = Fd cos θ = {fmt(w)} J", GREEN), (f"½mv² = W  ⇒  v = {fmt(v)} m/s", YELLOW)]
    arrows = [[0, 1.4 * c, 1.4 * s, ORANGE, f"F = {fmt(f)} N", "right"]]
    layout = {"BLOCKS": [[1.4, 0.8, BLUE, f"{fmt(m)} kg"]], "ARROWS": arrows, "MOTION": ([a], None), "PANEL": rows, "GIVEN_ROWS": 2, "BAR": f"KE = W = {fmt(w)} J",
              "FORMULA": r"W = F d \cos\theta = \tfrac{1}{2} m v^2 - \tfrac{1}{2} m v_0^2"}
    facts = [f"W = Fd cos θ = {fmt(w)} J", f"final speed from rest v = √(2W/m) = {fmt(v)} m/s"]
    shots = [f"a {fmt(f)} N force pushes a {fmt(m)} kg cart", f"over {fmt(d)} m it does W = {fmt(w)} J of work",
             "the kinetic energy bar fills as the work is done", f"from rest the cart reaches v = {fmt(v)} m/s"]
    return _floor_draft(layout, shots, facts, {"W": w, "v": v})


def forces(ask: Ask, r: Reader) -> Draft:
    """The forces variant: action and reaction, friction, work done, or a net force on one block."""
    s = ask.settings
    if s.get("pair"):
        return third_law(ask, r)
    if "mu" in s or s.get("surface"):
        return friction(ask, r)
    if "distance" in s:
        return work_energy(ask, r)
    return net_force(ask, r)


INCLINE = '''
head = heading(self, FORMULA)
th = ANGLE
B = np.array([X0 + W, Y0, 0])
C = np.array([X0, Y0 + H, 0])
ramp = Polygon([X0, Y0, 0], B, C, fill_color=GREY_D, fill_opacity=1, stroke_color=GREY_B, stroke_width=3)
arc = Arc(radius=0.8, start_angle=PI - th, angle=th, arc_center=B, color=YELLOW)
arc_lab = say(ANGLE_TEXT, 22, YELLOW).next_to(arc, LEFT, buff=0.1).shift(0.12 * UP)
self.play(FadeIn(ramp), Create(arc), FadeIn(arc_lab), run_time=rt(1))
down = (B - C) / np.linalg.norm(B - C)
normal = np.array([np.sin(th), np.cos(th), 0])


def spot(frac):
    return C + (B - C) * frac + normal * 0.4


block = Square(0.8, fill_color=BLUE, fill_opacity=1, stroke_color=WHITE).rotate(-th).move_to(spot(0.22))
self.play(FadeIn(block), run_time=rt(0.5))
forces = VGroup()
for vec, col, name, side in FORCES:
    start = block.get_center()
    v = np.array(vec + [0])
    a = arrow(start, start + v, col, 6)
    forces.add(VGroup(a, say(name, 22, col).next_to(a.get_end(), side, buff=0.1)))
for f in forces:
    self.play(GrowArrow(f[0]), FadeIn(f[1]), run_time=rt(0.7))
panel = put(column(PANEL, 22), (2.6, 6.9, -3.7, 2.0))
reveal(self, panel, 0.5)
if SLIDES:
    self.play(FadeOut(forces), run_time=rt(0.4))
    self.play(block.animate.move_to(spot(0.86)), run_time=rt(2.5), rate_func=rate_functions.ease_in_quad)
self.wait(rt(2.5))
'''


def incline(ask: Ask, r: Reader) -> Draft:
    """A block on a ramp: weight, normal force and friction; a = g(sin θ − μ cos θ), then it slides (or not)."""
    ang = r.num("angle_deg", "angle", (5, 70), names=("angle", "theta"), label="θ")
    mu = r.num("mu", "", (0, 2), bare=True, label="μ")
    m = r.num("mass", "mass", (0.01, 1e5), names=("m",), label="m")
    g = 9.8
    th = math.radians(ang)
    along, into = m * g * math.sin(th), m * g * math.cos(th)
    slides = along > mu * into
    fr = mu * into if slides else along
    a = (along - fr) / m
    length = min(8.6 / math.cos(th), 4.4 / math.sin(th))  # the normal force and its label stay under the formula
    k = 1.7 / (m * g)
    down, normal = [math.cos(th), -math.sin(th)], [math.sin(th), math.cos(th)]
    forces = [[[0.0, -m * g * k], GREEN, f"mg = {fmt(m * g)} N", [0, -1, 0]],
              [[normal[0] * into * k, normal[1] * into * k], BLUE, f"N = {fmt(into)} N", [0, 1, 0]]]
    if fr > 0:
        forces.append([[-down[0] * fr * k, -down[1] * fr * k], RED, f"f = {fmt(fr)} N", [-1, 0, 0]])
    rows = [f"m = {fmt(m)} kg,  μ = {fmt(mu)}", f"mg sin θ = {fmt(along)} N", f"N = mg cos θ = {fmt(into)} N",
            (f"f = μN = {fmt(mu * into)} N" if slides else tr(ask, f"static f = {fmt(fr)} N", f"静摩擦 f = {fmt(fr)} N"), RED),
            (f"a = g(sin θ − μ cos θ) = {fmt(a)} m/s²" if slides else tr(ask, "a = 0: it stays", "a = 0：静止"), YELLOW)]
    consts = {"ANGLE": th, "X0": -6.4, "Y0": -3.4, "W": length * math.cos(th), "H": length * math.sin(th),
              "ANGLE_TEXT": f"{fmt(ang)}°", "FORCES": forces, "PANEL": wrap_rows(rows, 25), "SLIDES": slides,
              "FORMULA": r"a = g(\sin\theta - \mu\cos\theta)"}
    facts = [f"along the slope mg sin θ = {fmt(along)} N", f"N = mg cos θ = {fmt(into)} N",
             f"friction {fmt(fr)} N", f"a = {fmt(a)} m/s²"]
    shots = [f"a {fmt(ang)}° ramp with a {fmt(m)} kg block", "its weight, the normal force and friction, to scale",
             "the components of the weight along and across the slope",
             f"it slides down at a = {fmt(a)} m/s²" if slides else "friction holds it: it stays"]
    return Draft(INCLINE, consts, shots, facts, {"a": a})


CIRCULAR = '''
head = heading(self, FORMULA)
O = np.array(CENTER)
circle = Circle(radius=RS, color=GREY_B, stroke_width=2).move_to(O)
centre = Dot(O, color=WHITE)
r_lab = say("r = %s m" % R_TEXT, 22).next_to(O, DOWN, buff=0.2)
self.play(Create(circle), FadeIn(centre, r_lab), run_time=rt(1))
phi = ValueTracker(0)


def where(p):
    return O + RS * np.array([np.cos(p), np.sin(p), 0])


rod = always_redraw(lambda: Line(O, where(phi.get_value()), color=GREY_B, stroke_width=2))
ball = always_redraw(lambda: Dot(where(phi.get_value()), radius=0.14, color=ORANGE))
v_arrow = always_redraw(lambda: arrow(where(phi.get_value()), where(phi.get_value()) + 1.5 * np.array(
    [-np.sin(phi.get_value()), np.cos(phi.get_value()), 0]), BLUE, 6))
a_arrow = always_redraw(lambda: arrow(where(phi.get_value()), where(phi.get_value()) - 1.2 * np.array(
    [np.cos(phi.get_value()), np.sin(phi.get_value()), 0]), RED, 6))
self.play(FadeIn(rod, ball), GrowArrow(v_arrow), GrowArrow(a_arrow), run_time=rt(1))
key = in_body(column([("v: " + KEY[0], BLUE), ("a: " + KEY[1], RED)], 22), DL)
self.play(FadeIn(key), run_time=rt(0.5))
panel = put(column(PANEL, 24), (2.4, 6.9, -3.7, 2.0))
self.play(phi.animate.set_value(2 * PI), run_time=rt(4), rate_func=linear)
for row in panel:
    self.play(FadeIn(row, shift=0.2 * LEFT), phi.animate.increment_value(PI / 3), run_time=rt(0.7),
              rate_func=linear)
self.play(phi.animate.increment_value(PI), run_time=rt(2), rate_func=linear)
self.wait(rt(1.5))
'''


def circular(ask: Ask, r: Reader) -> Draft:
    """A ball on a circle with its tangential velocity and centripetal acceleration; a, F and T computed."""
    rad = r.num("r", "length", (0.01, 1e8), names=("radius",), label="r")
    v = r.num("v", "speed", (0.01, 1e5), names=("speed",), label="v")
    m = r.num("mass", "mass", (0.001, 1e6), names=("m",), default=1, label="m")
    a, per = v * v / rad, 2 * math.pi * rad / v
    rows = [f"r = {fmt(rad)} m,  v = {fmt(v)} m/s", f"m = {fmt(m)} kg", (f"a = v²/r = {fmt(a)} m/s²", RED),
            (f"F = mv²/r = {fmt(m * a)} N", RED), f"T = 2πr/v = {fmt(per)} s"]
    consts = {"CENTER": [-2.6, -0.9, 0], "RS": 2.3, "R_TEXT": fmt(rad), "PANEL": wrap_rows(rows, 24),
              "KEY": [tr(ask, "velocity (tangent)", "速度（切线）"), tr(ask, "acceleration (to the centre)", "加速度（指向圆心）")],
              "FORMULA": r"a = \frac{v^2}{r} \qquad F = \frac{m v^2}{r} \qquad T = \frac{2\pi r}{v}"}
    facts = [f"a = v²/r = {fmt(a)} m/s²", f"F = mv²/r = {fmt(m * a)} N", f"T = 2πr/v = {fmt(per)} s"]
    shots = [f"a ball goes round a circle of radius {fmt(rad)} m at {fmt(v)} m/s",
             "its velocity arrow is always tangent, its acceleration arrow always points to the centre",
             f"a = v²/r = {fmt(a)} m/s², the net force m v²/r = {fmt(m * a)} N",
             f"one turn takes T = {fmt(per)} s"]
    return Draft(CIRCULAR, consts, shots, facts, {"a": a, "F": m * a, "T": per})


VARIANTS = {"forces": forces, "incline": incline, "circular": circular}
