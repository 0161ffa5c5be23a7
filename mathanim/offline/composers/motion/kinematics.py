"""Motion along a line and in a plane: uniformly accelerated motion (x-t and v-t graphs), free fall, projectiles."""

from __future__ import annotations

import math
import re

from ...params import normalize
from ...quantities import convert
from ..base import Ask
from ..physics_kit import GREEN, ORANGE, Draft, Reader, axis, fmt, marks, tfmt, tr

_SPEED = r"(-?\d+(?:\.\d+)?)\s*(m/s|km/h|km/s)?"
FROM_TO = re.compile(rf"\bfrom\s+{_SPEED}\s+to\s+{_SPEED}(?![\w/])", re.I)  # "from 0 to 27 m/s"
REACHES = re.compile(r"\b(?:to|reach(?:es|ing)?|until)\s+(-?\d+(?:\.\d+)?)\s*(m/s|km/h|km/s)", re.I)
REST = re.compile(r"\b(?:from|at) rest\b|\bfrom a standstill\b|从静止|静止开始", re.I)
STOP = re.compile(r"\bto (?:rest|a stop|a standstill)\b|\bstops\b|\bcomes? to rest\b|停下|停止", re.I)  # v = 0

KINEMATICS = '''
head = heading(self, FORMULA)
road = NumberLine(x_range=ROAD, length=11.4, include_numbers=False, stroke_width=2).move_to([0, 1.45, 0])
road_nums = VGroup(*[say(("%g m" if v == ROAD_MARKS[-1] else "%g") % v, 20).next_to(road.n2p(v), DOWN, buff=0.12)
                     for v in ROAD_MARKS])
car = VGroup(RoundedRectangle(width=0.9, height=0.36, corner_radius=0.1, fill_color=BLUE, fill_opacity=1,
                              stroke_width=0),
             Dot([-0.25, -0.2, 0], radius=0.09, color=GREY_B), Dot([0.25, -0.2, 0], radius=0.09, color=GREY_B))
t = ValueTracker(0)
car.add_updater(lambda m: m.move_to(road.n2p(X(t.get_value())) + 0.32 * UP))
self.play(Create(road), FadeIn(road_nums, car), run_time=rt(1))
graphs = []
for i, (f, yr, name, col) in enumerate([(X, XR, "x (m)", BLUE), (V, VR, "v (m/s)", GREEN)]):
    ax = Axes(x_range=TR, y_range=yr, x_length=5.0, y_length=2.9, tips=False, axis_config={"stroke_width": 2})
    ax.shift(np.array([-5.9 + 6.6 * i, -3.4, 0]) - ax.c2p(TR[0], yr[0]))
    lab = VGroup(ticks(ax, tick_values(TR), tick_values(yr)), say(name, 22, col).next_to(ax.y_axis.get_top(), RIGHT, buff=0.12),
                 say("t (s)", 20).next_to(ax.x_axis.get_right(), UP, buff=0.12))
    curve = always_redraw(lambda ax=ax, f=f, col=col: ax.plot(f, x_range=[0, max(t.get_value(), 1e-3)], color=col))
    dot = always_redraw(lambda ax=ax, f=f, col=col: Dot(ax.c2p(t.get_value(), f(t.get_value())), color=col))
    graphs.append((ax, curve))
    self.play(Create(ax), FadeIn(lab), run_time=rt(0.8))
    self.add(curve, dot)
self.play(t.animate.set_value(T_MAX), run_time=rt(5), rate_func=linear)
ax_v = graphs[1][0]
area = ax_v.get_area(ax_v.plot(V, x_range=[0, T_MAX]), x_range=[0, T_MAX], color=GREEN, opacity=0.35)
self.play(FadeIn(area), run_time=rt(0.8))
result = column(RESULT, 24).next_to(road, DOWN, buff=0.55)
self.play(FadeIn(result, shift=0.2 * UP), run_time=rt(1))
self.wait(rt(2.5))
'''

KINEMATICS_HELPERS = '''

def X(t):
    return V0 * t + A * t ** 2 / 2


def V(t):
    return V0 + A * t
'''


def speed_change(ask: Ask, r: Reader) -> tuple[float | None, float | None]:
    """(v₀, v) when the request gives a change of speed ("from 0 to 27 m/s", "from rest to 100 km/h", "reaches
    20 m/s"), in m/s; the numbers it used are taken from the reader. None for what it does not give."""
    text = normalize(ask.params.concept)
    m = FROM_TO.search(text)
    if m and (m.group(2) or m.group(4)):
        unit = m.group(4) or m.group(2)
        v0, v = (convert(float(m.group(i)), m.group(i + 1) or unit, "m/s") for i in (1, 3))
    else:
        m = REACHES.search(text)
        v0, v = (0.0 if REST.search(text) else None), (convert(float(m.group(1)), m.group(2), "m/s") if m else None)
        v = 0.0 if v is None and STOP.search(text) else v
    for value in (v0, v):
        if value is not None:
            r.drop(value)
    said = ([f"v₀ = {fmt(v0)} m/s"] if v0 is not None else []) + ([f"v = {fmt(v)} m/s"] if v is not None else [])
    if said:
        r.found.append(", ".join(said) + " (from the request)")
    return v0, v


def suvat(ask: Ask, r: Reader) -> tuple[float, float, float]:
    """v₀, a and t for the scene from what the request gives of v₀, v, a, t and s: a missing a or t is solved from
    v = v₀ + at and s = v₀t + ½at² ("from 0 to 27 m/s in 9 s": a = 3 m/s²), the rest is the catalogue's."""
    v0, v = speed_change(ask, r)
    if v0 is None:
        v0 = r.num("v_0", "speed", (-50, 100), names=("v0", "u"), label="v₀")
    a = r.maybe("a", "acceleration", (-20, 20), names=("acceleration",))
    t = r.maybe("t_max", "time", (0.5, 60), names=("t",), label="t")
    s = r.maybe("s", "length", (-1e4, 1e4), names=("d", "distance", "displacement"), label="s")
    if a is None or t is None:
        a, t = _solved(r, (v0, v, s), a, t)
    a = a if a is not None else r.num("a", "acceleration", (-20, 20), names=("acceleration",))
    t = t if t is not None else r.num("t_max", "time", (0.5, 60), names=("t",), label="t")
    return v0, a, t


def _solved(r: Reader, given: tuple, a: float | None, t: float | None) -> tuple[float | None, float | None]:
    """a or t solved from the others (v₀, v, s given; a and t when known), said in the reasoning."""
    v0, v, s = given
    if v is not None and a is None and t is None and s is not None and v0 + v > 0:
        t = 2 * s / (v0 + v)
        r.found.append(f"t = 2s/(v₀ + v) = {fmt(t)} s (computed)")
    if v is not None and a is None and t is not None:
        a = (v - v0) / t
        r.found.append(f"a = (v − v₀)/t = ({fmt(v)} − {fmt(v0)})/{fmt(t)} = {fmt(a)} m/s² (computed)")
    elif v is not None and t is None and a and (v - v0) / a > 0:
        t = (v - v0) / a
        r.found.append(f"t = (v − v₀)/a = {fmt(t)} s (computed)")
    elif s is not None and v is None and a is None and t is not None:
        a = 2 * (s - v0 * t) / t ** 2
        r.found.append(f"a = 2(s − v₀t)/t² = {fmt(a)} m/s² (computed)")
    elif s is not None and v is None and t is None and a is not None and v0 ** 2 + 2 * a * s >= 0 \
            and v0 + math.sqrt(v0 ** 2 + 2 * a * s) > 0:
        t = 2 * s / (v0 + math.sqrt(v0 ** 2 + 2 * a * s))
        r.found.append(f"t from s = v₀t + ½at²: {fmt(t)} s (computed)")
    return _drawable(r, "a", a, (-20, 20)), _drawable(r, "t", t, (0.5, 60))


def _drawable(r: Reader, name: str, v: float | None, limits: tuple[float, float]) -> float | None:
    """A computed value within what the scene can draw (the clamp is said)."""
    if v is None or limits[0] <= v <= limits[1]:
        return v
    r.found.append(f"{name} = {fmt(v)} is outside [{fmt(limits[0])}, {fmt(limits[1])}]: clamped")
    return min(max(v, limits[0]), limits[1])


def kinematics(ask: Ask, r: Reader) -> Draft:
    """A car on a road with its x-t and v-t graphs drawn as it moves; the area under v-t is the displacement."""
    v0, a, t_max = suvat(ask, r)
    ts = [t_max * i / 40 for i in range(41)]
    xs, vs = [v0 * s + a * s * s / 2 for s in ts], [v0 + a * s for s in ts]
    v_end, x_end = vs[-1], xs[-1]
    road = axis(min(0.0, *xs), max(xs), 6)
    facts = [f"v = v₀ + at = {fmt(v0)} + {fmt(a)}·{fmt(t_max)} = {fmt(v_end)} m/s",
             f"s = v₀t + ½at² = {fmt(x_end)} m", f"v² = v₀² + 2as: {fmt(v_end ** 2)} = {fmt(v0 ** 2 + 2 * a * x_end)}"]
    consts = {"V0": v0, "A": a, "T_MAX": t_max, "TR": axis(0, t_max, 4), "XR": axis(min(0.0, *xs), max(xs), 4),
              "VR": axis(min(0.0, *vs), max(vs), 4), "ROAD": road, "ROAD_MARKS": marks(road, False),
              "FORMULA": r"v = v_0 + a t \qquad s = v_0 t + \tfrac{1}{2} a t^2",
              "RESULT": [f"t = {fmt(t_max)} s:   v = {fmt(v_end)} m/s,   s = {fmt(x_end)} m   "
                         + tr(ask, "(green area under v–t)", "（v–t 图下绿色面积）")]}
    shots = ["the equations v = v₀ + at and s = v₀t + ½at²",
             f"a car starts at {fmt(v0)} m/s and accelerates at {fmt(a)} m/s² along a marked road",
             "its x-t graph (a parabola) and v-t graph (a straight line) are drawn as it moves",
             f"the area under the v-t graph is shaded: it equals the displacement {fmt(x_end)} m",
             f"after {fmt(t_max)} s: v = {fmt(v_end)} m/s and s = {fmt(x_end)} m"]
    return Draft(KINEMATICS, consts, shots, facts, {"v": v_end, "s": x_end}, KINEMATICS_HELPERS)


FREE_FALL = '''
head = heading(self, FORMULA)
ruler = NumberLine(x_range=HR, length=4.7, rotation=PI / 2, include_numbers=False, stroke_width=2)
ruler.shift(np.array([-4.8, -3.3, 0]) - ruler.n2p(0))
nums = VGroup(*[say("%g" % v, 20).next_to(ruler.n2p(v), LEFT, buff=0.12) for v in tick_values(HR)])
unit = say(HEIGHT_WORD, 20).next_to(ruler.get_top(), UP, buff=0.15)
ground = Line([-6.6, -3.3, 0], [-2.6, -3.3, 0], color=GREY_B, stroke_width=4)
t = ValueTracker(0)


def ball_at(s):
    return ruler.n2p(H - G * s ** 2 / 2) + 0.7 * RIGHT


ball = always_redraw(lambda: Dot(ball_at(t.get_value()), radius=0.14, color=ORANGE))
self.play(Create(ruler), FadeIn(nums, unit, ground), run_time=rt(1))
ax = Axes(x_range=TR, y_range=VR, x_length=5.6, y_length=3.3, tips=False, axis_config={"stroke_width": 2})
ax.shift(np.array([0.9, -3.3, 0]) - ax.c2p(0, 0))
labs = VGroup(ticks(ax, tick_values(TR), tick_values(VR)), say("v (m/s)", 22, GREEN).next_to(ax.y_axis.get_top(), RIGHT, buff=0.12),
              say("t (s)", 20).next_to(ax.x_axis.get_right(), UP, buff=0.12))
line = always_redraw(lambda: ax.plot(lambda s: G * s, x_range=[0, max(t.get_value(), 1e-3)], color=GREEN))
self.play(Create(ax), FadeIn(labs), FadeIn(ball), run_time=rt(1))
self.add(line)
self.play(t.animate.set_value(T), run_time=rt(3.5), rate_func=linear)
ghosts = VGroup(*[Dot(ball_at(k * T / STROBE), radius=0.08, color=GREY_B) for k in range(STROBE)])
area = ax.get_area(ax.plot(lambda s: G * s, x_range=[0, T]), x_range=[0, T], color=GREEN, opacity=0.35)
area_lab = say(AREA_LABEL, 22).move_to(ax.c2p(T * 0.62, G * T * 0.22))
self.play(FadeIn(ghosts), FadeIn(area), run_time=rt(1))
self.play(FadeIn(area_lab), run_time=rt(0.6))
panel = put(column(PANEL, 24), (0.9, 6.9, -0.5, 2.0))
reveal(self, panel, 0.7)
self.wait(rt(2.5))
'''


def free_fall(ask: Ask, r: Reader) -> Draft:
    """A ball dropped beside a height scale, strobe images at equal times, and its v-t graph whose area is h."""
    h = r.num("h", "length", (0.1, 10000), names=("height",), label="h")
    g = r.num("g", "acceleration", (0.1, 100), default=9.8)
    t = math.sqrt(2 * h / g)
    v = g * t
    facts = [f"t = √(2h/g) = √(2·{fmt(h)}/{fmt(g)}) = {fmt(t)} s", f"v = gt = {fmt(v)} m/s",
             f"h = ½gt² = {fmt(g * t * t / 2)} m (the area under v-t)"]
    consts = {"H": h, "G": g, "T": t, "HR": axis(0, h, 5), "TR": axis(0, t, 4), "VR": axis(0, v, 4), "STROBE": 6,
              "FORMULA": r"h = \tfrac{1}{2} g t^2 \qquad v = g t",
              "HEIGHT_WORD": tr(ask, "height (m)", "高度 (m)"),
              "AREA_LABEL": f"{tr(ask, 'area', '面积')} = {fmt(h)} m",
              "PANEL": [f"t = √(2h/g) = {fmt(t)} s", (f"v = gt = {fmt(v)} m/s", "#83C167")]}
    shots = ["the laws h = ½gt² and v = gt", f"a ball falls {fmt(h)} m beside a height scale",
             "its speed grows linearly on the v-t graph as it falls",
             f"strobe images at equal times spread out; the area under v-t is the {fmt(h)} m fallen",
             f"it lands after t = {fmt(t)} s at v = {fmt(v)} m/s"]
    return Draft(FREE_FALL, consts, shots, facts, {"t": t, "v": v})


PROJECTILE = '''
head = heading(self, FORMULA, 30)
ax = Axes(x_range=XR, y_range=YR, x_length=XLEN, y_length=YLEN, tips=False, axis_config={"stroke_width": 2})
ax.shift(np.array([-6.2, GROUND_Y, 0]) - ax.c2p(0, 0))
labs = VGroup(ticks(ax, tick_values(XR), tick_values(YR)), say("x (m)", 20).next_to(ax.x_axis.get_right(), UP, buff=0.12),
              say("y (m)", 20).next_to(ax.y_axis.get_top(), RIGHT, buff=0.12))
self.play(Create(ax), FadeIn(labs), run_time=rt(1))
VX, VY = V0 * np.cos(ANGLE), V0 * np.sin(ANGLE)


def at(s):
    return ax.c2p(VX * s, H0 + VY * s - G * s ** 2 / 2)


t = ValueTracker(0)
k = K
ball = always_redraw(lambda: Dot(at(t.get_value()), radius=0.1, color=WHITE))
vx_arrow = always_redraw(lambda: arrow(at(t.get_value()), at(t.get_value()) + k * VX * RIGHT + 1e-3 * UP, BLUE, 4))
vy_arrow = always_redraw(lambda: arrow(at(t.get_value()), at(t.get_value()) + k * (VY - G * t.get_value()) * UP
                                       + 1e-3 * RIGHT, GREEN, 4))
path = always_redraw(lambda: ax.plot(lambda x: H0 + x * np.tan(ANGLE) - G * x ** 2 / (2 * VX ** 2),
                                     x_range=[0, max(VX * t.get_value(), 1e-3)], color=YELLOW))
key = VGroup(MathTex(r"\\vec v_x", color=BLUE, font_size=30), MathTex(r"\\vec v_y", color=GREEN, font_size=30))
key.arrange(RIGHT, buff=0.4)
panel = put(column(GIVEN, 24), PANEL_BOX)
key.next_to(panel, DOWN, buff=0.3).align_to(panel, LEFT)
self.play(FadeIn(panel, key), FadeIn(ball, vx_arrow, vy_arrow), run_time=rt(1))
self.add(path)
self.play(t.animate.set_value(T), run_time=rt(4), rate_func=linear)
ghosts = VGroup(*[Dot(at(i * T / 8), radius=0.05, color=GREY_B) for i in range(1, 8)])
self.play(FadeOut(vx_arrow, vy_arrow, key), FadeIn(ghosts), run_time=rt(0.8))
top = ax.c2p(X_TOP, Y_TOP)
r_line = Line(ax.c2p(0, 0), ax.c2p(R, 0), color=ORANGE, stroke_width=7)
r_lab = say("R = %s m" % R_TEXT, 22, ORANGE).next_to(ax.c2p(R * 0.3, 0), UP, buff=0.2)
marks = VGroup(r_line, r_lab)
if X_TOP > 0:
    h_line = DashedLine(ax.c2p(X_TOP, 0), top, color=GREEN)
    marks.add(h_line, say("H = %s m" % H_TEXT, 22, GREEN).next_to(h_line, RIGHT, buff=0.12))
self.play(FadeIn(marks), run_time=rt(1))
results = column(RESULTS, 24).next_to(panel, DOWN, buff=0.3).align_to(panel, LEFT)
reveal(self, results, 0.6)
self.wait(rt(2.5))
'''


def projectile(ask: Ask, r: Reader) -> Draft:
    """The trajectory traced with the velocity components; range, top height and flight time labelled."""
    v0 = r.num("v_0", "speed", (0.5, 300), names=("v0", "v", "u", "speed", "velocity"), label="v₀")
    angle = r.num("angle_deg", "angle", (0, 89), names=("angle", "theta"), label="θ")
    h0 = r.num("height", "length", (0, 5000), names=("h", "high", "tall"), default=0, label="h₀")
    g = r.num("g", "acceleration", (0.1, 100), default=9.8)
    if h0 == 0 and angle < 1:
        angle = 1.0
        r.found.append("θ = 0 from the ground would not fly: θ = 1° is drawn")
    th = math.radians(angle)
    vx, vy = v0 * math.cos(th), v0 * math.sin(th)
    t = (vy + math.sqrt(vy * vy + 2 * g * h0)) / g
    rng, top = vx * t, h0 + vy * vy / (2 * g)
    return _projectile_draft(ask, {"v0": v0, "angle": angle, "h0": h0, "g": g, "t": t, "range": rng,
                                   "height": top, "vx": vx, "vy": vy})


def _projectile_formula(v: dict) -> str:
    """The range formula that fits the launch (from the ground, horizontal, or from a height at an angle)."""
    if v["h0"] == 0:
        return (r"R = \frac{v_0^2 \sin 2\theta}{g} = \frac{" + f"{fmt(v['v0'])}^2" + r"\,\sin "
                + f"{fmt(2 * v['angle'])}^\\circ}}{{{fmt(v['g'])}}} = {tfmt(v['range'])}" + r"\,\mathrm{m}")
    if v["angle"] == 0:
        return (r"x = v_0 t,\quad y = \tfrac{1}{2} g t^2 \;\Rightarrow\; R = v_0\sqrt{\frac{2h}{g}} = "
                + f"{tfmt(v['range'])}" + r"\,\mathrm{m}")
    return (r"y = h_0 + v_0 \sin\theta\, t - \tfrac{1}{2} g t^2 = 0 \;\Rightarrow\; t = " + f"{tfmt(v['t'])}"
            + r"\,\mathrm{s},\quad R = v_0 \cos\theta\, t")


def _projectile_draft(ask: Ask, v: dict) -> Draft:
    """The projectile scene from its computed values."""
    xr, yr = axis(0, v["range"] * 1.05, 5), axis(0, v["height"] * 1.12, 4)
    xlen = 8.2
    vy_land = math.sqrt(v["vy"] ** 2 + 2 * v["g"] * v["h0"])
    k = min(1.3 / v["v0"], 1.0 / max(vy_land, 1e-9))  # an arrow's length per m/s: the landing one at most 1
    lift = max(0.0, k * vy_land - 0.35)  # the ground rises so the landing arrow ends inside the planned body
    ylen = min(4.6 - lift, max(2.2, xlen * (yr[1] - yr[0]) / (xr[1] - xr[0])))
    given = [f"v₀ = {fmt(v['v0'])} m/s", f"θ = {fmt(v['angle'])}°"] + ([f"h₀ = {fmt(v['h0'])} m"] if v["h0"] else [])
    results = [f"t = {fmt(v['t'])} s", (f"R = {fmt(v['range'])} m", ORANGE)]
    results += [(f"H = {fmt(v['height'])} m", GREEN)] if v["vy"] > 0 else []
    x_top = v["vx"] * v["vy"] / v["g"]
    consts = {"V0": v["v0"], "ANGLE": math.radians(v["angle"]), "G": v["g"], "H0": v["h0"], "T": v["t"],
              "R": v["range"], "K": k, "GROUND_Y": -3.3 + lift, "X_TOP": x_top, "Y_TOP": v["height"], "XR": xr,
              "YR": yr, "XLEN": xlen, "YLEN": ylen,
              "H_TEXT": fmt(v["height"]), "R_TEXT": fmt(v["range"]), "GIVEN": given, "RESULTS": results,
              "PANEL_BOX": [2.9, 6.9, -3.6, 2.0], "FORMULA": _projectile_formula(v)}
    facts = [f"vₓ = v₀cos θ = {fmt(v['vx'])} m/s", f"v_y0 = v₀sin θ = {fmt(v['vy'])} m/s",
             f"time of flight t = {fmt(v['t'])} s", ("range R = v₀² sin 2θ / g = " if v["h0"] == 0 else "range R = vₓ t = ")
             + f"{fmt(v['range'])} m",
             ("highest point H = v₀² sin²θ / (2g) = " if v["h0"] == 0 else "highest point H = h₀ + v_y0²/(2g) = ")
             + f"{fmt(v['height'])} m"]
    shots = ["the range formula with the request's numbers", f"axes in metres; v₀ = {fmt(v['v0'])} m/s at {fmt(v['angle'])}°",
             "the ball flies along its parabola with its horizontal (constant) and vertical (shrinking, then "
             "reversing) velocity arrows", "equal-time ghost dots are evenly spaced horizontally",
             f"the top height H = {fmt(v['height'])} m and the range R = {fmt(v['range'])} m are marked; "
             f"flight time {fmt(v['t'])} s"]
    return Draft(PROJECTILE, consts, shots, facts, v)


VARIANTS = {"kinematics": kinematics, "free_fall": free_fall, "projectile": projectile}
