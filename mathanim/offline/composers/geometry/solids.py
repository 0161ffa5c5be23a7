"""Solids in a light ThreeDScene: sphere, cylinder, cone, square pyramid (each with its dimensions marked and the
volume and surface formulas filled in by sympy), the cube counted for Euler's polyhedron formula, and a solid of
revolution with its volume integral. The solid turns slowly; the panel stays fixed in the frame."""

from __future__ import annotations

import sympy as sp

from ...common import latex, py
from .kit import PANEL_BOX, Draft, Reader, exact, pick, val_tex

x = sp.Symbol("x", real=True)

SOLID_LOGIC = '''
self.set_camera_orientation(phi=66 * DEGREES, theta=-78 * DEGREES)
C = np.array([-3.4, 0.6, -0.4])
group, back = column([line_mob(line) for line in LINES], PANEL)
self.add_fixed_in_frame_mobjects(back)
self.play(FadeIn(back), run_time=rt(0.5))
style = dict(fill_opacity=0.55, stroke_width=0.6, stroke_color=BLUE_B, checkerboard_colors=[BLUE_D, BLUE_E])


def label(s, point, color=YELLOW):
    m = MathTex(s, font_size=42, color=color)
    self.add_fixed_orientation_mobjects(m)
    m.move_to(C + np.array(point))
    self.remove(m)
    return m


def write(*idx, extra=(), t=1.2):
    for i in idx:
        self.add_fixed_in_frame_mobjects(group[i])
        self.remove(group[i])
    self.play(*[Write(group[i]) for i in idx], *extra, run_time=rt(t))


def build():
    if KIND == "sphere":
        return Sphere(radius=R, resolution=(16, 8), **style)
    if KIND == "cylinder":
        return Cylinder(radius=R, height=H, resolution=(2, 16), **style)
    if KIND == "cone":
        return Cone(base_radius=R, height=H, resolution=(4, 16), show_base=True, **style).shift(H / 2 * OUT)
    if KIND == "revolution":
        return Surface(lambda u, v: np.array([u - MID, np.interp(u, XS, YS) * np.cos(v), np.interp(u, XS, YS) * np.sin(v)]),
                       u_range=[XS[0], XS[-1]], v_range=[0, TAU], resolution=(12, 16), **style)
    return Polyhedron(VERTS, FACES, faces_config={"fill_opacity": 0.45, "fill_color": BLUE_D},
                      graph_config={"vertex_config": {"radius": 0.05}, "edge_config": {"stroke_width": 3}})


if CURVE:  # the generating curve first, then the surface it sweeps
    profile = VMobject(color=YELLOW, stroke_width=5).set_points_as_corners([C + np.array(p) for p in CURVE])
    self.play(Create(profile), run_time=rt(1.2))
solid = build().shift(C)
self.play(FadeIn(solid), run_time=rt(1.5))
marks = VGroup(*[DashedLine(C + np.array(a), C + np.array(b), color=YELLOW, dash_length=0.12) for a, b in MARKS])
tags = [label(s, p) for s, p in TAGS]
self.play(Create(marks), *[FadeIn(m) for m in tags], run_time=rt(1.2))


def highlight(k):
    """The cube's vertices, edges and faces in turn, as they are counted; the other solids turn."""
    if KIND == "revolution":
        return []
    if KIND != "cube":
        if not k:
            return []
        turn = TAU / (2 * len(LINES))  # the labels move with the solid but keep facing the camera
        return [Rotate(VGroup(solid, marks), angle=turn, axis=OUT, about_point=C),
                *[m.animate.move_to(C + rotate_vector(m.get_center() - C, turn)) for m in tags]]
    if k > 2:
        return []
    part = [VGroup(*solid.graph.vertices.values()), VGroup(*solid.graph.edges.values()), solid.faces][k]
    return [Indicate(part, color=YELLOW, scale_factor=1.1)]


for k in range(len(LINES)):
    write(k, extra=highlight(k), t=1.5)
self.play(Indicate(group[len(LINES) - 1], color=YELLOW), run_time=rt(1))
self.wait(rt(1.5))
'''


def _scale(*dims) -> float:
    return 4.2 / max(float(d) for d in dims)


def _consts(kind: str, lines: list[str], marks, tags, **extra) -> str:
    out = {"KIND": repr(kind), "LINES": repr([["tex", s] for s in lines]), "PANEL": py(list(PANEL_BOX)), "CURVE": "[]",
           "MARKS": py(marks), "TAGS": repr([[s, [round(c, 3) for c in p]] for s, p in tags]),
           }
    out.update({k: v if isinstance(v, str) else py(v) for k, v in extra.items()})
    return "".join(f"{k} = {v}\n" for k, v in out.items())


def _draft(kind, lines, marks, tags, shots, values, **extra) -> Draft:
    return Draft(_consts(kind, lines, marks, tags, **extra) + SOLID_LOGIC, shots, values, lines, "ThreeDScene")


def sphere(r: Reader) -> Draft:
    rad = r.num("r", r.setting("r", 3))
    s = _scale(2 * rad)
    V, S = sp.Rational(4, 3) * sp.pi * rad**3, 4 * sp.pi * rad**2
    R = float(rad) * s
    lines = [f"r = {latex(rad)}", "V = \\frac{4}{3}\\pi r^3", f"V = \\frac{{4}}{{3}}\\pi\\cdot {latex(rad)}^3 {val_tex(V)}",
             f"S = 4\\pi r^2 = 4\\pi\\cdot {latex(rad)}^2 {val_tex(S)}"]
    shots = [f"A ball of radius r = {latex(rad)}, turning.", f"V = 4/3 πr³ = {latex(V)}.", f"S = 4πr² = {latex(S)}."]
    return _draft("sphere", lines, [[[0, 0, 0], [R, 0, 0]]], [["r", [R / 2, 0, 0.35]]], shots, {"V": V, "S": S}, R=R)


def cylinder(r: Reader) -> Draft:
    rad, h = r.num("r", r.setting("r", 2)), r.num("h", r.setting("h", 5))
    s = _scale(2 * rad, h)
    R, H = float(rad) * s, float(h) * s
    V, S = sp.pi * rad**2 * h, 2 * sp.pi * rad**2 + 2 * sp.pi * rad * h
    lines = [f"r = {latex(rad)},\\ h = {latex(h)}", f"V = \\pi r^2 h = \\pi\\cdot {latex(rad)}^2\\cdot {latex(h)} "
             f"{val_tex(V)}", f"S = 2\\pi r^2 + 2\\pi r h = {latex(2 * sp.pi * rad**2)} + {latex(2 * sp.pi * rad * h)}",
             f"S {val_tex(S)}"]
    marks = [[[0, 0, H / 2], [R, 0, H / 2]], [[R, 0, -H / 2], [R, 0, H / 2]]]
    tags = [["r", [R / 2, 0, H / 2 + 0.3]], ["h", [R + 0.35, 0, 0]]]
    shots = [f"A cylinder with r = {latex(rad)}, h = {latex(h)}.", f"Base area times height: V = πr²h = {latex(V)}.",
             f"Two discs and the rolled-out side: S = 2πr² + 2πrh = {latex(S)}."]
    return _draft("cylinder", lines, marks, tags, shots, {"V": V, "S": S}, R=R, H=H)


def cone(r: Reader) -> Draft:
    rad, h = r.num("r", r.setting("r", 3)), r.num("h", r.setting("h", 4))
    s = _scale(2 * rad, h)
    R, H = float(rad) * s, float(h) * s
    slant = sp.sqrt(rad**2 + h**2)
    V, S = sp.pi * rad**2 * h / 3, sp.pi * rad * slant
    lines = [f"r = {latex(rad)},\\ h = {latex(h)}", f"V = \\frac{{1}}{{3}}\\pi r^2 h {val_tex(V)}",
             f"l = \\sqrt{{r^2 + h^2}} {val_tex(slant)}", f"S = \\pi r l {val_tex(S)}"]
    marks = [[[0, 0, -H / 2], [R, 0, -H / 2]], [[0, 0, -H / 2], [0, 0, H / 2]], [[R, 0, -H / 2], [0, 0, H / 2]]]
    tags = [["r", [R / 2, 0, -H / 2 - 0.35]], ["h", [-0.35, 0, 0]], ["l", [R / 2 + 0.35, 0, 0.2]]]
    shots = [f"A cone with r = {latex(rad)}, h = {latex(h)}.", f"A third of the cylinder around it: V = πr²h/3 = "
             f"{latex(V)}.", f"Slant l = {latex(slant)}; lateral surface S = πrl = {latex(S)}."]
    return _draft("cone", lines, marks, tags, shots, {"V": V, "l": slant, "S": S}, R=R, H=H)


def pyramid(r: Reader) -> Draft:
    a, h = r.num(("a", "base"), r.setting("base", 6)), r.num("h", r.setting("h", 10))
    s = _scale(a * 1.2, h)
    A, H = float(a) * s / 2, float(h) * s
    verts = [[-A, -A, -H / 2], [A, -A, -H / 2], [A, A, -H / 2], [-A, A, -H / 2], [0, 0, H / 2]]
    faces = [[0, 1, 2, 3], [0, 1, 4], [1, 2, 4], [2, 3, 4], [3, 0, 4]]
    B = a**2
    V = B * h / 3
    lines = [f"B = a^2 = {latex(a)}^2 = {latex(B)}", f"h = {latex(h)}", "V = \\frac{1}{3}Bh",
             f"V = \\frac{{1}}{{3}}\\cdot {latex(B)}\\cdot {latex(h)} {val_tex(V)}"]
    marks = [[[0, 0, -H / 2], [0, 0, H / 2]], [[-A, -A, -H / 2], [A, -A, -H / 2]]]
    tags = [["h", [0.35, 0, 0]], ["a", [0, -A - 0.35, -H / 2]]]
    shots = [f"A square pyramid with base side {latex(a)} and height {latex(h)}.", f"Base area B = {latex(B)}.",
             f"V = Bh/3 = {latex(V)}: a third of the prism on the same base."]
    return _draft("pyramid", lines, marks, tags, shots, {"B": B, "V": V}, VERTS=verts, FACES=faces)


def cube(r: Reader) -> Draft:
    A = 1.6
    verts = [[sx * A, sy * A, sz * A] for sz in (-1, 1) for sy in (-1, 1) for sx in (-1, 1)]
    faces = [[0, 1, 3, 2], [4, 5, 7, 6], [0, 1, 5, 4], [2, 3, 7, 6], [0, 2, 6, 4], [1, 3, 7, 5]]
    ex = r.ask.entry.example.values
    Vx, Fx = ex.get("V", 12), ex.get("F", 20)
    lines = ["V = 8 \\text{ vertices}", "E = 12 \\text{ edges}", "F = 6 \\text{ faces}", "V - E + F = 8 - 12 + 6 = 2",
             f"V = {Vx},\\ F = {Fx}:\\ E = V + F - 2 = {Vx + Fx - 2}"]
    shots = ["A cube, turning.", "Count: 8 vertices, 12 edges, 6 faces.", "V − E + F = 2.",
             f"The same count for a solid with V = {Vx}, F = {Fx} gives E = {Vx + Fx - 2}."]
    return _draft("cube", lines, [], [], shots, {"euler": sp.Integer(2), "E": sp.Integer(Vx + Fx - 2)},
                  VERTS=verts, FACES=faces)


def revolution(r: Reader) -> Draft:
    f = sp.sympify(r.setting("curve", "sqrt(x)"), locals={"x": x})
    a, b = (exact(v) for v in r.setting("interval", [0, 4]))
    V = sp.simplify(sp.pi * sp.integrate(f**2, (x, a, b)))
    xs = [float(a) + (float(b) - float(a)) * k / 40 for k in range(41)]
    ys = [float(f.subs(x, v)) for v in xs]
    s = 4.2 / max(float(b - a), 2 * max(ys))
    XS, YS = [v * s for v in xs], [v * s for v in ys]
    mid = (XS[0] + XS[-1]) / 2
    lines = [f"y = {latex(f)},\\ {latex(a)} \\le x \\le {latex(b)}", "V = \\pi\\int_a^b y^2\\,dx",
             f"V = \\pi\\int_{{{latex(a)}}}^{{{latex(b)}}} {latex(sp.simplify(f**2))}\\,dx {val_tex(V)}"]
    marks = [[[XS[0] - mid, 0, 0], [XS[-1] - mid + 0.5, 0, 0]]]
    shots = [f"The curve y = {latex(f)} on [{latex(a)}, {latex(b)}] turned about the x-axis.",
             "Each slice is a disc of area πy².", f"V = π∫y² dx = {latex(V)}."]
    profile = [[round(u - mid, 3), 0, round(v, 3)] for u, v in zip(XS, YS, strict=True)]
    return _draft("revolution", lines, marks, [["x", [XS[-1] - mid + 0.75, 0, 0]]], shots, {"V": V},
                  XS=XS, YS=YS, MID=round(mid, 4), CURVE=profile)


SOLIDS = {"sphere": sphere, "cylinder": cylinder, "cone": cone, "square_pyramid": pyramid, "cube": cube,
          "revolution": revolution}


def solid(r: Reader) -> Draft:
    return pick(SOLIDS, r.setting("solid"))(r)
