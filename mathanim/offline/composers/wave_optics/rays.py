"""Ray optics: reflection, refraction with Snell's law (and total internal reflection), wavefronts crossing a
boundary, thin lenses and spherical mirrors (image from the lens equation), and a dispersing prism."""

from __future__ import annotations

import math
import re

from ..base import Ask, Unsupported
from ..physics_kit import ORANGE, RED, YELLOW, Draft, Reader, fmt, tr, wrap_rows
from .interference import wavelength_colour

REFLECT = '''
head = heading(self, FORMULA)
O = np.array([-2.4, -2.2, 0])
mirror = Line(O + 4.2 * LEFT, O + 4.2 * RIGHT, color=GREY_B, stroke_width=6)
hatch = VGroup(*[Line(O + x * RIGHT, O + x * RIGHT + 0.25 * (DOWN + LEFT), color=GREY_B, stroke_width=2)
                 for x in np.arange(-4.0, 4.2, 0.4)])
normal = DashedLine(O, O + 3.9 * UP, color=GREY_B)
n_lab = say(NORMAL_WORD, 20).next_to(O + 3.9 * UP, RIGHT, buff=0.1)
self.play(Create(mirror), FadeIn(hatch), Create(normal), FadeIn(n_lab), run_time=rt(1))
th = ValueTracker(ANGLES[0])


def ray_in():
    a = th.get_value()
    return arrow(O + 3.6 * np.array([-np.sin(a), np.cos(a), 0]), O, YELLOW, 5)


def ray_out():
    a = th.get_value()
    return arrow(O, O + 3.6 * np.array([np.sin(a), np.cos(a), 0]), ORANGE, 5)


def arcs():
    a = th.get_value()
    g = VGroup(Arc(radius=1.1, start_angle=PI / 2, angle=a, arc_center=O, color=YELLOW),
               Arc(radius=1.3, start_angle=PI / 2 - a, angle=a, arc_center=O, color=ORANGE))
    deg = "%.0f°" % np.degrees(a)
    g.add(say("θi = " + deg, 22, YELLOW).move_to(O + 1.75 * np.array([-np.sin(a / 2), np.cos(a / 2), 0]) + 0.55 * LEFT))
    g.add(say("θr = " + deg, 22, ORANGE).move_to(O + 1.95 * np.array([np.sin(a / 2), np.cos(a / 2), 0]) + 0.6 * RIGHT))
    return g


rin, rout, marks = always_redraw(ray_in), always_redraw(ray_out), always_redraw(arcs)
self.play(GrowArrow(rin), run_time=rt(0.8))
self.play(GrowArrow(rout), FadeIn(marks), run_time=rt(0.8))
panel = put(column(PANEL, 22), (2.5, 6.9, -3.7, 2.0))
reveal(self, panel)
for a in ANGLES[1:] + ANGLES[:1]:
    self.play(th.animate.set_value(a), run_time=rt(1.5))
self.wait(rt(2))
'''


def reflection(ask: Ask, r: Reader) -> Draft:
    """A ray on a mirror: the angle of reflection equals the angle of incidence, whatever the angle."""
    ang = r.num("incidence_deg", "angle", (1, 85), names=("angle", "theta"), label="θi")
    sweep = [ang] + [a for a in (20.0, 60.0) if abs(a - ang) > 5]
    rows = [f"θi = {fmt(ang)}°  ⇒  θr = {fmt(ang)}°", tr(ask, f"angle between the rays: {fmt(2 * ang)}°",
                                                          f"两光线夹角：{fmt(2 * ang)}°"),
            tr(ask, "angles from the normal", "角度从法线量起"), tr(ask, "all three rays in one plane",
                                                                  "入射光线、法线、反射光线共面")]
    consts = {"ANGLES": [math.radians(a) for a in sweep], "NORMAL_WORD": tr(ask, "normal", "法线"),
              "PANEL": wrap_rows(rows, 27), "FORMULA": r"\theta_r = \theta_i"}
    facts = [f"θr = θi = {fmt(ang)}°", f"angle between incident and reflected rays 2θi = {fmt(2 * ang)}°"]
    shots = ["a mirror and its normal", f"a ray arrives at {fmt(ang)}° to the normal and leaves at the same angle",
             "the incidence angle changes; the reflection angle follows it exactly"]
    return Draft(REFLECT, consts, shots, facts, {"theta_r": ang})


REFRACT = '''
head = heading(self, FORMULA)
O = np.array([-2.4, -0.8, 0])
glass = Rectangle(width=8.8, height=2.9, stroke_width=0, fill_color=BLUE_E, fill_opacity=0.55).move_to(O + 1.45 * DOWN)
line = Line(O + 4.4 * LEFT, O + 4.4 * RIGHT, color=GREY_B, stroke_width=3)
normal = DashedLine(O + 2.7 * UP, O + 2.8 * DOWN, color=GREY_B)
media = VGroup(say(N1_TEXT, 22).move_to(O + 3.3 * LEFT + 0.45 * UP), say(N2_TEXT, 22).move_to(O + 3.3 * LEFT + 0.45 * DOWN))
self.play(FadeIn(glass), Create(line), Create(normal), FadeIn(media), run_time=rt(1))
L = 2.6
panel = put(column(PANEL, 22), (2.8, 6.9, -3.7, 2.0))
self.play(FadeIn(panel[:NGIVEN]), run_time=rt(0.5))
shown = VGroup()
for k, (a1, a2, text, tir) in enumerate(RAYS):
    p_in = O + L * np.array([-np.sin(a1), np.cos(a1), 0])
    g = VGroup(arrow(p_in, O, YELLOW, 5))
    refl = Line(O, O + L * np.array([np.sin(a1), np.cos(a1), 0]), color=YELLOW, stroke_width=5 if tir else 2,
                stroke_opacity=1 if tir else 0.45)
    g.add(Arc(radius=0.9, start_angle=PI / 2, angle=a1, arc_center=O, color=YELLOW))
    if tir:
        g.add(refl)
    else:
        g.add(arrow(O, O + L * np.array([np.sin(a2), -np.cos(a2), 0]), ORANGE, 5), refl,
              Arc(radius=0.9, start_angle=-PI / 2, angle=a2, arc_center=O, color=ORANGE))
    lab = panel[NGIVEN + k]
    self.play(FadeOut(shown), run_time=rt(0.3))
    self.play(GrowArrow(g[0]), Create(g[1]), run_time=rt(0.8))
    self.play(*[Create(m) for m in g[2:]], FadeIn(lab), run_time=rt(0.9))
    if WAVES and not tir:
        fronts = VGroup()
        d1, d2 = np.array([np.sin(a1), -np.cos(a1), 0]), np.array([np.sin(a2), -np.cos(a2), 0])
        for j in range(1, 5):
            for c, d, step in ((O - d1 * j * GAP[0], d1, GAP[0]), (O + d2 * j * GAP[1], d2, GAP[1])):
                perp = np.array([-d[1], d[0], 0])
                fronts.add(Line(c - 0.5 * perp, c + 0.5 * perp, color=WHITE, stroke_width=3))
        self.play(Create(fronts), run_time=rt(1))
        g.add(fronts)
    shown = g
    self.wait(rt(0.8))
reveal(self, panel[NGIVEN + len(RAYS):])
self.wait(rt(2))
'''


INDEX = {"vacuum": 1.0, "air": 1.0, "water": 1.33, "ice": 1.31, "oil": 1.47, "glass": 1.5, "perspex": 1.49,
         "acrylic": 1.49, "quartz": 1.46, "diamond": 2.42, "空气": 1.0, "玻璃": 1.5, "钻石": 2.42}


def indices(ask: Ask, r: Reader) -> tuple[float, float]:
    """n₁ and n₂: named (n1 = , n2 = ; two "n =" in the order written), else from the media the request names in
    order ("from water into glass": 1.33, 1.5), else the catalogue's."""
    two = sum(q.name == "n" for q in r.items) >= 2
    named = [r.maybe(key, "", (1, 4), names=names, label=label) for key, names, label in
             (("n_1", ("n1", "n") if two else ("n1",), "n₁"), ("n_2", ("n2", "n"), "n₂"))]
    media = sorted((m.start(), w) for w in INDEX for m in re.finditer(rf"(?<![a-z]){w}(?![a-z])", ask.params.concept.lower()))
    for i, (_, w) in enumerate(media[:2]):
        if named[i] is None and (i == 1 or len(media) == 2 or named[1] is not None):
            named[i] = INDEX[w]
            r.found.append(f"n{'₁₂'[i]} = {fmt(INDEX[w])} ({w})")
    n1 = named[0] if named[0] is not None else r.num("n_1", "", (1, 4), names=("n1",), bare=True, label="n₁")
    n2 = named[1] if named[1] is not None else r.num("n_2", "", (1, 4), names=("n2", "n"), bare=True, label="n₂")
    return n1, n2


def refraction(ask: Ask, r: Reader) -> Draft:
    """Rays crossing a boundary by Snell's law; beyond the critical angle, total internal reflection."""
    n1, n2 = indices(ask, r)
    given = ask.settings.get("incidence_deg", 30)
    angles = [r.num("incidence_deg", "angle", (0, 89), names=("angle", "theta"), label="θ₁")] \
        if not isinstance(given, list) else r.nums("incidence_deg", "angle", (0, 89), label="θ₁", most=4)
    rays, rows = [], [f"n₁ = {fmt(n1)},  n₂ = {fmt(n2)}"]
    for a in angles:
        s = n1 * math.sin(math.radians(a)) / n2
        tir = s > 1
        a2 = math.asin(min(s, 1.0))
        text = (tr(ask, f"θ₁ = {fmt(a)}°: reflected (TIR)", f"θ₁ = {fmt(a)}°：全反射") if tir else
                f"θ₁ = {fmt(a)}° → θ₂ = {fmt(math.degrees(a2))}°")
        rays.append([math.radians(a), a2, text, tir])
        rows.append((text, RED if tir else YELLOW))
    if n1 > n2:
        rows.append((f"θc = arcsin(n₂/n₁) = {fmt(math.degrees(math.asin(n2 / n1)))}°", ORANGE))
    waves = ask.settings.get("show") == "wavefronts"
    c = 299792458
    if waves:
        rows += [f"v₁ = c/n₁ = {fmt(c / n1)} m/s", f"v₂ = c/n₂ = {fmt(c / n2)} m/s", f"λ₂ = λ₁n₁/n₂ = {fmt(n1 / n2)} λ₁"]
    return _refraction_draft(ask, {"n1": n1, "n2": n2, "rays": rays, "rows": rows, "waves": waves})


def _refraction_draft(ask: Ask, v: dict) -> Draft:
    """The refraction scene from its computed rays."""
    n1, n2, rays = v["n1"], v["n2"], v["rays"]
    consts = {"RAYS": rays, "N1_TEXT": f"n₁ = {fmt(n1)}", "N2_TEXT": f"n₂ = {fmt(n2)}", "NGIVEN": 1,
              "WAVES": v["waves"], "GAP": [0.55, 0.55 * n1 / n2], "PANEL": v["rows"],
              "FORMULA": r"n_1\sin\theta_1 = n_2\sin\theta_2"}
    facts = [f"θ₁ = {fmt(math.degrees(a))}°: " + ("total internal reflection" if tir else
                                                    f"θ₂ = {fmt(math.degrees(b))}°") for a, b, _, tir in rays]
    if n1 > n2:
        facts.append(f"critical angle θc = arcsin(n₂/n₁) = {fmt(math.degrees(math.asin(n2 / n1)))}°")
    shots = [f"a boundary between n₁ = {fmt(n1)} and n₂ = {fmt(n2)}, with its normal",
             "each ray bends by Snell's law n₁ sin θ₁ = n₂ sin θ₂", *facts[: len(rays)]]
    if v["waves"]:
        shots.append("wavefronts crowd together where light is slower: λ shrinks by n₁/n₂")
    values = {"theta_2": [None if tir else math.degrees(b) for _, b, _, tir in rays]}
    return Draft(REFRACT, consts, shots, facts, values)


OPTIC = '''
head = heading(self, FORMULA)
A = AXIS_Y
axis = Line([-6.8, A, 0], [2.7, A, 0], color=GREY_B, stroke_width=2)
if KIND == "converging":
    optic = Ellipse(width=0.34, height=4.6, color=BLUE, fill_color=BLUE, fill_opacity=0.25).move_to([X, A, 0])
elif KIND == "diverging":
    top, bot = [X, A + 2.3, 0], [X, A - 2.3, 0]
    optic = VGroup(ArcBetweenPoints(bot, top, angle=-0.5, color=BLUE), ArcBetweenPoints(bot, top, angle=0.5, color=BLUE),
                   Line([X - 0.25, A + 2.3, 0], [X + 0.25, A + 2.3, 0], color=BLUE),
                   Line([X - 0.25, A - 2.3, 0], [X + 0.25, A - 2.3, 0], color=BLUE))
else:
    bend = -0.4 if KIND == "concave" else 0.4
    optic = ArcBetweenPoints([X, A - 2.4, 0], [X, A + 2.4, 0], angle=bend, color=BLUE, stroke_width=6)
self.play(Create(axis), Create(optic), run_time=rt(1))
points = VGroup()
for x, name in POINTS:
    points.add(Dot([x, A, 0], radius=0.06, color=YELLOW), say(name, 20, YELLOW).next_to([x, A, 0], DOWN, buff=0.15))
obj = arrow([XO, A, 0], [XO, A + HO, 0], GREEN, 6)
obj_lab = say(OBJ_WORD, 20, GREEN).next_to(obj, UP, buff=0.1)
self.play(FadeIn(points), GrowArrow(obj), FadeIn(obj_lab), run_time=rt(1))
for (a, h, e), back, col in zip(RAYS, BACKS, [YELLOW, ORANGE, RED]):
    first = Line(a + [0], h + [0], color=col, stroke_width=3)
    second = Line(h + [0], e + [0], color=col, stroke_width=3)
    self.play(Create(first), run_time=rt(0.6))
    self.play(Create(second), run_time=rt(0.6))
    if back:
        self.play(Create(DashedLine(back[0] + [0], back[1] + [0], color=col, stroke_width=2)), run_time=rt(0.4))
if IMAGE:
    img = arrow([XI, A, 0], [XI, A + HI, 0], PURPLE, 6)
    img = DashedVMobject(img, num_dashes=8) if VIRTUAL else img
    img_lab = say(IMG_WORD, 20, PURPLE).next_to([XI, A + HI, 0], UP if HI > 0 else DOWN, buff=0.12)
    self.play(FadeIn(img), FadeIn(img_lab), run_time=rt(0.8))
closing(self, (3.0, 6.9, -3.7, 2.0), 2.5)
'''

BOX = (-6.7, 2.6, -3.7, 2.05)


def _clip(p: list[float], d: list[float]) -> list[float]:
    """Where the ray from p along d leaves BOX."""
    ts = []
    for i, (lo, hi) in enumerate(((BOX[0], BOX[1]), (BOX[2], BOX[3]))):
        if abs(d[i]) > 1e-12:
            ts.append(((hi if d[i] > 0 else lo) - p[i]) / d[i])
    t = max(min(ts), 0.0)
    return [p[0] + d[0] * t, p[1] + d[1] * t]


def _rays(x: float, axis_y: float, top: list[float], image: list[float], focus: float, real: bool) -> tuple:
    """The three principal rays from the object's top: to the optic (parallel, to its centre, via the focus),
    then through the image's top (real) or away from it (virtual, with the dashed extension back to it)."""
    y3 = axis_y + (top[1] - axis_y) * (x - focus) / (top[0] - focus) if abs(top[0] - focus) > 1e-9 else top[1]
    rays, backs = [], []
    for hit in ([x, top[1]], [x, axis_y], [x, y3]):
        d = [image[0] - hit[0], image[1] - hit[1]] if real else [hit[0] - image[0], hit[1] - image[1]]
        rays.append([top, hit, _clip(hit, d)])
        inside = BOX[0] <= image[0] <= BOX[1] and BOX[2] <= image[1] <= BOX[3]
        backs.append(None if real else [hit, image if inside else _clip(hit, [-d[0], -d[1]])])
    return rays, backs


def _layout(marks: list[float], u: float) -> tuple[float, float]:
    """Scale (scene units per cm) and x of the optic so that the marks (signed distances from the optic, left
    negative) fit in the box; marks farther than 3u (a far image) are left out."""
    marks = [m for m in marks if abs(m) <= 3 * max(u, 1e-9)]
    left, right = max(0.0, -min(marks)), max(0.0, max(marks))
    k = (BOX[1] - BOX[0] - 0.6) / max(left + right, 1e-9)
    return k, BOX[0] + 0.3 + k * left


def _optic_draft(ask: Ask, g: dict, rows: list, shots: list[str]) -> Draft:
    """The lens or mirror scene from its geometry g (distances in cm, signed: left of the optic negative)."""
    k, x = _layout([-g["u"], g["image_x"], *g["marks"].values()], g["u"])
    ky = min(1.4 / g["h"], 2.3 / max(g["h"], abs(g["hi"])))
    axis_y = -0.8
    top = [x - g["u"] * k, axis_y + g["h"] * ky]
    image = [x + g["image_x"] * k, axis_y + g["hi"] * ky]
    focus = x + g["focus_x"] * k
    rays, backs = _rays(x, axis_y, top, image, focus, g["real"])
    shown = BOX[0] < image[0] < BOX[1] and BOX[2] < image[1] < BOX[3]
    consts = {"KIND": g["kind"], "X": x, "AXIS_Y": axis_y, "XO": top[0], "HO": top[1] - axis_y, "XI": image[0],
              "HI": image[1] - axis_y, "IMAGE": shown, "VIRTUAL": not g["real"], "RAYS": rays, "BACKS": backs,
              "POINTS": [[x + d * k, name] for name, d in g["marks"].items() if BOX[0] < x + d * k < BOX[1]],
              "OBJ_WORD": tr(ask, "object", "物"), "IMG_WORD": tr(ask, "image", "像"), "PANEL": wrap_rows(rows, 24),
              "FORMULA": g["formula"]}
    if not shown:
        consts["PANEL"] = wrap_rows(rows + [tr(ask, "(the image is beyond the drawing)", "（像在图外）")], 24)
    facts = [f"image distance v = {fmt(g['v'])} cm", f"magnification M = {fmt(g['m'])}", g["nature"]]
    return Draft(OPTIC, consts, shots, facts, {"v": g["v"], "M": g["m"]})


def _nature(ask: Ask, real: bool, m: float) -> str:
    """"real, inverted, smaller" and the like."""
    words = [tr(ask, "real", "实像") if real else tr(ask, "virtual", "虚像"),
             tr(ask, "inverted", "倒立") if m < 0 else tr(ask, "upright", "正立"),
             tr(ask, "larger", "放大") if abs(m) > 1 + 1e-9 else tr(ask, "smaller", "缩小") if abs(m) < 1 - 1e-9 else
             tr(ask, "same size", "等大")]
    return ", ".join(words) if not ask.zh else "、".join(words)


def _image(f: float, u: float) -> float:
    """v from 1/f = 1/u + 1/v (an object at the focus is moved a hair so the image is far, not infinite)."""
    if abs(u - f) < 1e-9 * max(abs(f), 1):
        u = f * (1 + 1e-3)
    return 1 / (1 / f - 1 / u)


def lens(ask: Ask, r: Reader) -> Draft:
    """A thin lens ray diagram: three principal rays, the image from 1/f = 1/u + 1/v, M = −v/u."""
    f = r.num("focal_length", "length", (-1e4, 1e4), names=("f", "focal", "length"), si=100, label="f (cm)")
    u = r.num("object_distance", "length", (0.01, 1e5), names=("u", "d_o", "object", "distance"), si=100,
              label="u (cm)")
    h = r.num("object_height", "length", (0.01, 1e4), names=("h", "height", "tall"), si=100, default=2, label="h (cm)")
    f = f if abs(f) > 1e-9 else 10.0
    v = _image(f, u)
    m = -v / u
    real = v > 0
    g = {"kind": "converging" if f > 0 else "diverging", "u": u, "v": v, "h": h, "hi": m * h, "m": m, "real": real,
         "image_x": v, "focus_x": -f, "marks": {"F": -abs(f), "F'": abs(f), "2F": -2 * abs(f), "2F'": 2 * abs(f)},
         "nature": _nature(ask, real, m), "formula": r"\frac{1}{f} = \frac{1}{u} + \frac{1}{v} \qquad M = -\frac{v}{u}"}
    rows = [f"f = {fmt(f)} cm,  u = {fmt(u)} cm", (f"1/v = 1/f − 1/u ⇒ v = {fmt(v)} cm", YELLOW),
            f"M = −v/u = {fmt(m)}", f"h' = M·h = {fmt(m * h)} cm", (g["nature"], ORANGE)]
    shots = [f"a {'converging' if f > 0 else 'diverging'} lens, f = {fmt(f)} cm, its focal points",
             f"an object {fmt(h)} cm tall at u = {fmt(u)} cm", "three principal rays: parallel then through F', "
             "through the centre undeviated, through F then parallel",
             f"they meet at v = {fmt(v)} cm: M = {fmt(m)}, {g['nature']}"]
    return _optic_draft(ask, g, rows, shots)


def mirror(ask: Ask, r: Reader) -> Draft:
    """A spherical mirror ray diagram: f = R/2, the image from 1/f = 1/u + 1/v."""
    radius = r.num("radius", "length", (0.1, 1e5), names=("R",), si=100, label="R (cm)")
    u = r.num("object_distance", "length", (0.01, 1e5), names=("u", "d_o"), si=100, label="u (cm)")
    h = r.num("object_height", "length", (0.01, 1e4), names=("h",), si=100, default=2, label="h (cm)")
    concave = bool(ask.settings.get("concave", True)) and "convex" not in ask.params.concept.lower()
    f = radius / 2 if concave else -radius / 2
    v = _image(f, u)
    m = -v / u
    real = v > 0
    g = {"kind": "concave" if concave else "convex", "u": u, "v": v, "h": h, "hi": m * h, "m": m, "real": real,
         "image_x": -v, "focus_x": -f, "marks": {"F": -f, "C": -2 * f}, "nature": _nature(ask, real, m),
         "formula": r"f = \frac{R}{2} \qquad \frac{1}{f} = \frac{1}{u} + \frac{1}{v}"}
    rows = [f"R = {fmt(radius)} cm ⇒ f = {fmt(f)} cm", f"u = {fmt(u)} cm", (f"v = {fmt(v)} cm", YELLOW),
            f"M = −v/u = {fmt(m)}", (g["nature"], ORANGE)]
    shots = [f"a {'concave' if concave else 'convex'} mirror, R = {fmt(radius)} cm, focus F and centre C",
             f"an object at u = {fmt(u)} cm", "rays: parallel then through F, to the vertex and back symmetrically, "
             "through F then parallel", f"the image at v = {fmt(v)} cm, M = {fmt(m)}: {g['nature']}"]
    return _optic_draft(ask, g, rows, shots)


PRISM = '''
head = heading(self, FORMULA)
prism = Polygon(*[p + [0] for p in CORNERS], stroke_color=WHITE, fill_color=BLUE_E, fill_opacity=0.45)
self.play(DrawBorderThenFill(prism), run_time=rt(1))
white = Line(START + [0], HIT + [0], color=WHITE, stroke_width=5)
self.play(Create(white), run_time=rt(0.8))
inside = VGroup(*[Line(HIT + [0], q + [0], color=c, stroke_width=2) for q, c in zip(EXITS, COLORS)])
self.play(Create(inside), run_time=rt(0.8))
out = VGroup(*[Line(q + [0], e + [0], color=c, stroke_width=4) for q, e, c in zip(EXITS, ENDS, COLORS)])
self.play(Create(out), run_time=rt(1.2))
tags = VGroup(say(TAGS[0], 20, COLORS[0]).next_to(np.array(ENDS[0] + [0]), UR, buff=0.1),
              say(TAGS[1], 20, COLORS[-1]).next_to(np.array(ENDS[-1] + [0]), DR, buff=0.1))
self.play(FadeIn(tags), run_time=rt(0.6))
closing(self, (3.2, 6.9, -3.7, 2.0), 2.5)
'''


def _refract(d: tuple, normal: tuple, eta: float) -> tuple | None:
    """Snell's law in vector form: direction d entering across a surface with unit normal (toward d's side)."""
    cos_i = -(d[0] * normal[0] + d[1] * normal[1])
    k = 1 - eta * eta * (1 - cos_i * cos_i)
    if k < 0:
        return None
    c = eta * cos_i - math.sqrt(k)
    return (eta * d[0] + c * normal[0], eta * d[1] + c * normal[1])


def _hit(p: tuple, d: tuple, a: tuple, b: tuple) -> tuple:
    """Where the ray p + t d crosses the line through a and b."""
    ex, ey = b[0] - a[0], b[1] - a[1]
    den = d[0] * ey - d[1] * ex
    t = ((a[0] - p[0]) * ey - (a[1] - p[1]) * ex) / den
    return (p[0] + t * d[0], p[1] + t * d[1])


def _trace(n: float, apex: float, incidence: float, corners: list) -> tuple | None:
    """(entry point, exit point, exit direction, deviation in degrees) of a ray through the prism."""
    top, left, right = corners
    half = math.radians(apex) / 2
    out_l = (-math.cos(half), math.sin(half))  # outward normal of the left face
    out_r = (math.cos(half), math.sin(half))
    p = (top[0] + 0.45 * (left[0] - top[0]), top[1] + 0.45 * (left[1] - top[1]))
    ang = math.atan2(out_l[1], out_l[0]) + math.pi + math.radians(incidence)
    d_in = (math.cos(ang), math.sin(ang))
    d1 = _refract(d_in, out_l, 1 / n)
    q = _hit(p, d1, top, right)
    d2 = _refract(d1, (-out_r[0], -out_r[1]), n)
    if d2 is None:
        return None
    dev = math.degrees(math.atan2(d_in[1], d_in[0]) - math.atan2(d2[1], d2[0]))
    return p, q, d2, abs(dev), d_in


def prism(ask: Ask, r: Reader) -> Draft:
    """White light through a prism: each colour bends by its own index, violet most."""
    apex = r.num("apex_deg", "angle", (10, 75), names=("A", "angle"), label="A")
    n_red = r.num("n_red", "", (1.0, 3), bare=True, label="n(red)")
    n_violet = r.num("n_violet", "", (1.0, 3), bare=True, label="n(violet)")
    n_mid = (n_red + n_violet) / 2
    incidence = math.degrees(math.asin(min(n_mid * math.sin(math.radians(apex) / 2), 1)))
    base_half = 2.9 * math.tan(math.radians(apex) / 2)
    corners = [(-3.0, 1.5), (-3.0 - base_half, -1.4), (-3.0 + base_half, -1.4)]
    waves = [700, 620, 580, 530, 480, 440, 400]
    traced = [_trace(n_red + (n_violet - n_red) * (700 - w) / 300, apex, incidence, corners) for w in waves]
    if any(t is None for t in traced):
        incidence = min(incidence + 15, 85)
        traced = [_trace(n_red + (n_violet - n_red) * (700 - w) / 300, apex, incidence, corners) for w in waves]
    if any(t is None for t in traced):  # totally reflected inside at any incidence: the card, not a crash
        raise Unsupported(f"prism A = {fmt(apex)}°, n = {fmt(n_red)}..{fmt(n_violet)}: no ray leaves the far face")
    p, _, _, _, d_in = traced[0]
    start = [p[0] - 3.2 * d_in[0], p[1] - 3.2 * d_in[1]]
    exits = [list(t[1]) for t in traced]
    ends = [[q[0] + 3.6 * t[2][0], q[1] + 3.6 * t[2][1]] for q, t in zip(exits, traced, strict=True)]
    dev_r, dev_v = traced[0][3], traced[-1][3]
    red, violet = tr(ask, "red", "红"), tr(ask, "violet", "紫")
    rows = [f"A = {fmt(apex)}°, i = {fmt(incidence)}°", f"n({red}) = {fmt(n_red)}", f"n({violet}) = {fmt(n_violet)}",
            (f"δ({red}) = {fmt(dev_r)}°", RED), (f"δ({violet}) = {fmt(dev_v)}°", "#B266FF"),
            (f"{tr(ask, 'spread', '色散角')} = {fmt(dev_v - dev_r)}°", YELLOW),
            tr(ask, "thin prism: δ ≈ (n−1)A", "薄棱镜：δ ≈ (n−1)A")]
    consts = {"CORNERS": [list(c) for c in corners], "START": start, "HIT": list(p), "EXITS": exits, "ENDS": ends,
              "COLORS": [wavelength_colour(w) for w in waves], "TAGS": [tr(ask, "red", "红"), tr(ask, "violet", "紫")],
              "PANEL": wrap_rows(rows, 23), "FORMULA": r"\delta = (n - 1)A \quad (\text{thin prism})"}
    facts = [f"deviation of red {fmt(dev_r)}°, of violet {fmt(dev_v)}° (exact, Snell at both faces)",
             f"angular spread {fmt(dev_v - dev_r)}°", f"thin-prism estimate for red: (n − 1)A = {fmt((n_red - 1) * apex)}°"]
    shots = [f"a {fmt(apex)}° prism", "a white ray enters its left face",
             "inside, each colour bends by its own refractive index", "they leave fanned out: red least, violet most",
             f"δ(red) = {fmt(dev_r)}°, δ(violet) = {fmt(dev_v)}°"]
    return Draft(PRISM, consts, shots, facts, {"dev_red": dev_r, "dev_violet": dev_v})


VARIANTS = {"reflection": reflection, "refraction": refraction, "lens": lens, "mirror": mirror, "prism": prism}
