"""Interference and diffraction: two sources in a ripple tank, the double slit, the single slit, the grating,
and electrons building a double-slit pattern one by one."""

from __future__ import annotations

import math
import random

from ..base import Ask
from ..physics_kit import BLUE, GREY, YELLOW, Draft, Reader, fmt, pick, tr, wrap_rows

TWO_SOURCES = '''
head = heading(self, FORMULA)
S = [np.array([X0, YC + D / 2, 0]), np.array([X0, YC - D / 2, 0])]
t = ValueTracker(0)
BOX = (-6.75, 1.4, -3.65, 1.95)  # where the wavefronts are drawn: inside the planned body


def arc_in_box(c, rad):
    """The right half of a circle, only where it lies inside BOX (one broken line per piece)."""
    g = VGroup()
    run = []
    for f in np.linspace(-PI / 2, PI / 2, 48):
        p = c + rad * np.array([np.cos(f), np.sin(f), 0])
        if BOX[0] <= p[0] <= BOX[1] and BOX[2] <= p[1] <= BOX[3]:
            run.append(p)
        else:
            if len(run) > 1:
                g.add(VMobject(color=BLUE, stroke_width=2, stroke_opacity=0.7).set_points_as_corners(run))
            run = []
    if len(run) > 1:
        g.add(VMobject(color=BLUE, stroke_width=2, stroke_opacity=0.7).set_points_as_corners(run))
    return g


def crests():
    g = VGroup()
    for s in S:
        for k in range(int(9.5 / LAM) + 1):
            rad = (k + t.get_value() % 1) * LAM
            if 0.05 < rad < 9.5:
                g.add(arc_in_box(s, rad))
    return g


ripples = always_redraw(crests)
dots = VGroup(*[Dot(s, radius=0.1, color=ORANGE) for s in S])
self.add(ripples, dots)
self.play(t.animate.set_value(2), run_time=rt(3), rate_func=linear)
lines = VGroup()
for m, pts in ANTINODES:
    lines.add(VMobject(color=YELLOW, stroke_width=4).set_points_smoothly([p + [0] for p in pts]))
for m, pts in NODES:
    lines.add(DashedVMobject(VMobject(color=GREY_B, stroke_width=3).set_points_smoothly([p + [0] for p in pts]),
                             num_dashes=24))
tags = VGroup(*[say(text, 20, YELLOW).next_to(np.array(pos + [0]), RIGHT, buff=0.1) for text, pos in TAGS])
self.play(Create(lines), FadeIn(tags), t.animate.set_value(3.5), run_time=rt(2.5), rate_func=linear)
ripples.clear_updaters()
closing(self, (2.0, 6.9, -3.7, 2.0), 2)
'''


Y_CENTRE = -0.9  # the sources sit symmetrically about this height


def _hyperbola(delta: float, d: float, x0: float, x_end: float, y_lim: float) -> list[list[float]]:
    """Points right of x0 whose distances to the sources (x0, ±d/2) differ by delta (>0: nearer the lower)."""
    a, c = abs(delta) / 2, d / 2
    b = math.sqrt(max(c * c - a * a, 1e-12))
    pts = []
    for j in range(80):
        w = (x_end - x0) * j / 79
        u = a * math.sqrt(1 + (w / b) ** 2)
        y = u if delta > 0 else -u
        if abs(y) > y_lim:
            break
        pts.append([x0 + w, y + Y_CENTRE])
    return pts


def two_sources(ask: Ask, r: Reader) -> Draft:
    """Two sources in step: crests cross, antinodal lines where δ = mλ, nodal lines where δ = (m + ½)λ."""
    lam = r.num("wavelength", "length", (1e-9, 1e4), names=("lambda", "λ"), label="λ")
    d = r.num("separation", "length", (1e-9, 1e5), names=("d",), label="d")
    ratio = d / lam
    lam_s = min(0.55, 3.2 / ratio)
    d_s, x0, x_end = ratio * lam_s, -6.4, 1.3
    m_max = int(math.floor(ratio + 1e-9))
    anti = [[m, _hyperbola(m * lam_s, d_s, x0, x_end, 2.55)] for m in range(-m_max, m_max + 1) if abs(m) < ratio]
    nodes = [[m, _hyperbola((m + 0.5) * lam_s, d_s, x0, x_end, 2.55)] for m in range(-m_max - 1, m_max + 1)
             if abs(m + 0.5) < ratio]
    tags = [[f"m = {abs(m)}", pts[-1]] for m, pts in anti if pts and pts[-1][0] > 1.0]
    rows = [f"d = {fmt(d)} m,  λ = {fmt(lam)} m", (tr(ask, "loud: δ = mλ", "加强：δ = mλ"), YELLOW),
            (tr(ask, "quiet: δ = (m + ½)λ", "减弱：δ = (m + ½)λ"), GREY),
            tr(ask, f"d/λ = {fmt(ratio)}: {len(anti)} loud lines", f"d/λ = {fmt(ratio)}：{len(anti)} 条加强线"),
            tr(ask, f"first quiet line: δ = {fmt(lam / 2)} m", f"第一条减弱线：δ = {fmt(lam / 2)} m")]
    consts = {"X0": x0, "YC": Y_CENTRE, "D": d_s, "LAM": lam_s, "ANTINODES": anti, "NODES": nodes, "TAGS": tags,
              "PANEL": wrap_rows(rows, 25), "FORMULA": r"\delta = m\lambda \qquad \delta = \left(m + \tfrac{1}{2}\right)\lambda"}
    facts = [f"{len(anti)} antinodal (loud) lines for d/λ = {fmt(ratio)}", f"smallest path difference for silence "
             f"λ/2 = {fmt(lam / 2)} m"]
    shots = [f"two sources {fmt(d)} m apart emit waves of wavelength {fmt(lam)} m in step",
             "their crests spread and cross", "yellow lines: path difference mλ (loud); dashed: (m + ½)λ (quiet)",
             f"{len(anti)} loud lines fit because d/λ = {fmt(ratio)}"]
    return Draft(TWO_SOURCES, consts, shots, facts, {"antinodal_lines": len(anti)})


SLIT = '''
head = heading(self, FORMULA)
BX, SX = -4.7, -0.3
pieces = VGroup()
edges = [-3.6] + [e for y in SLITS for e in (y - 0.06, y + 0.06)] + [1.9]
for lo, hi in zip(edges[::2], edges[1::2]):
    pieces.add(Rectangle(width=0.16, height=hi - lo, fill_color=GREY_B, fill_opacity=1, stroke_width=0)
               .move_to([BX, (lo + hi) / 2, 0]))
beam = VGroup(*[Line([-6.8, y, 0], [BX - 0.1, y, 0], color=COLOR, stroke_width=3) for y in np.linspace(-1.4, 1.4, 6)])
src_lab = say(SOURCE_WORD, 20, COLOR).next_to([-6.8, 1.5, 0], UP, buff=0.1).align_to([-6.8, 0, 0], LEFT)
screen = Line([SX, -3.6, 0], [SX, 1.9, 0], color=GREY_B, stroke_width=3)
self.play(FadeIn(pieces, screen), Create(beam), FadeIn(src_lab), run_time=rt(1))
fan = VGroup(*[Line([BX, ys, 0], [SX, yt, 0], color=COLOR, stroke_width=1.2, stroke_opacity=0.6)
               for ys in SLITS for yt in np.linspace(-3.4, 1.7, 9)])
self.play(Create(fan), run_time=rt(1))


def inten(y):
    u = (y - MID) / ENV * np.pi if ENV else 0.0
    env = np.sinc(u / np.pi) ** 2
    return env * (np.cos((y - MID) / FRINGE * np.pi) ** 2 if FRINGE else 1.0)


ys = np.linspace(-3.55, 1.85, 220)
if HITS:
    for batch in range(4):
        part = HITS[batch * len(HITS) // 4:(batch + 1) * len(HITS) // 4]
        self.play(FadeIn(VGroup(*[Dot([SX - 0.15 + 0.3 * (k % 7) / 7, y, 0], radius=0.025, color=COLOR) for k, y in
                                  enumerate(part, batch * 100)])), run_time=rt(0.9))
else:
    bands = VGroup(*[Rectangle(width=0.3, height=ys[1] - ys[0] + 0.002, stroke_width=0, fill_color=COLOR,
                               fill_opacity=float(inten(y))).move_to([SX, y, 0]) for y in ys])
    self.play(FadeIn(bands), run_time=rt(1))
curve = VMobject(color=WHITE, stroke_width=3).set_points_smoothly([[SX + 0.35 + 1.4 * inten(y), y, 0] for y in ys])
self.play(Create(curve), run_time=rt(1.2))
mark = BraceBetweenPoints([SX + 1.9, MID + SPAN[0], 0], [SX + 1.9, MID + SPAN[1], 0], RIGHT, color=YELLOW)
mark_lab = say(SPAN_TEXT, 22, YELLOW).next_to(mark, RIGHT, buff=0.1)
self.play(FadeIn(mark, mark_lab), run_time=rt(0.8))
note = say(NOT_TO_SCALE, 20).next_to([BX - 0.15, -3.5, 0], LEFT, buff=0.1)
panel = put(column(PANEL, 22), (3.5, 6.9, -3.7, 2.0))
self.play(FadeIn(note), run_time=rt(0.4))
reveal(self, panel)
self.wait(rt(2.5))
'''

H, M_E = 6.62607015e-34, 9.1093837015e-31


def wavelength_colour(nm: float) -> str:
    """An RGB hex colour for a wavelength in nm (outside 380-750 nm: a neutral light blue)."""
    if not 380 <= nm <= 750:
        return "#9CDCEB"
    stops = [(380, (0.5, 0, 1)), (440, (0.2, 0.2, 1)), (490, (0, 0.9, 1)), (510, (0, 1, 0.2)), (580, (1, 1, 0)),
             (645, (1, 0.15, 0)), (750, (0.9, 0, 0))]
    for (a, ca), (b, cb) in zip(stops, stops[1:], strict=False):
        if a <= nm <= b:
            f = (nm - a) / (b - a)
            rgb = [x + (y - x) * f for x, y in zip(ca, cb, strict=True)]
            return "#" + "".join(f"{round(255 * v):02X}" for v in rgb)
    return "#FF0000"


def _slit_consts(ask: Ask, fringe: float, env: float, span: list[float]) -> dict:
    """The constants every slit scene shares (pattern sizes in scene units)."""
    return {"FRINGE": fringe, "ENV": env, "MID": -0.85, "SPAN": span, "HITS": [],
            "SOURCE_WORD": tr(ask, "light", "光"), "NOT_TO_SCALE": tr(ask, "(not to scale)", "（未按比例）")}


def double_slit(ask: Ask, r: Reader) -> Draft:
    """Light through two slits: bright fringes where d sin θ = mλ, spaced λL/d on the screen."""
    lam = r.num("wavelength_nm", "length", (100, 2000), names=("lambda", "λ", "wavelength", "light"), si=1e9,
                label="λ (nm)")
    d = r.num("slit_distance_mm", "length", (0.005, 10), names=("d", "slits", "separation", "spacing"), si=1e3,
              label="d (mm)")
    screen = r.num("screen_m", "length", (0.05, 100), names=("L", "screen", "distance"), label="L (m)")
    dy = lam * 1e-9 * screen / (d * 1e-3)
    rows = [f"λ = {fmt(lam)} nm", f"d = {fmt(d)} mm,  L = {fmt(screen)} m", (f"Δy = λL/d = {fmt(dy * 1000)} mm", YELLOW),
            f"θ₁ = λ/d = {fmt(lam * 1e-9 / (d * 1e-3))} rad", tr(ask, "bright: d sin θ = mλ", "亮纹：d sin θ = mλ")]
    consts = {**_slit_consts(ask, 0.62, 2.48, [0.0, 0.62]), "SLITS": [-0.55, -1.15], "COLOR": wavelength_colour(lam),
              "SPAN_TEXT": f"Δy = {fmt(dy * 1000)} mm", "PANEL": wrap_rows(rows, 21),
              "FORMULA": r"d\sin\theta = m\lambda \qquad \Delta y = \frac{\lambda L}{d}"}
    facts = [f"fringe spacing Δy = λL/d = {fmt(dy * 1000)} mm", f"first bright fringe at θ = {fmt(lam * 1e-9 / (d * 1e-3))} rad"]
    shots = [f"light of {fmt(lam)} nm falls on two slits {fmt(d)} mm apart", "waves from the slits overlap on the screen",
             "bright and dark fringes form; the intensity curve beside them", f"neighbouring bright fringes are "
             f"Δy = λL/d = {fmt(dy * 1000)} mm apart at L = {fmt(screen)} m"]
    return Draft(SLIT, consts, shots, facts, {"dy": dy})


def single_slit(ask: Ask, r: Reader) -> Draft:
    """Light through one slit: a wide central maximum, dark fringes where a sin θ = mλ."""
    lam = r.num("wavelength_nm", "length", (100, 2000), names=("lambda", "λ"), si=1e9, label="λ (nm)")
    a = r.num("slit_width_mm", "length", (0.001, 10), names=("a",), si=1e3, label="a (mm)")
    screen = r.num("screen_m", "length", (0.05, 100), names=("L",), default=1, label="L (m)")
    theta = math.asin(min(lam * 1e-9 / (a * 1e-3), 1))
    width = 2 * screen * math.tan(theta)
    rows = [f"λ = {fmt(lam)} nm", f"a = {fmt(a)} mm", ("sin θ₁ = λ/a", YELLOW), (f"θ₁ = {fmt(theta)} rad", YELLOW),
            f"L = {fmt(screen)} m: {tr(ask, 'centre', '中央亮纹')} {fmt(width * 1000)} mm",
            tr(ask, "dark: a sin θ = mλ", "暗纹：a sin θ = mλ")]
    consts = {**_slit_consts(ask, 0.0, 1.15, [-1.15, 1.15]), "SLITS": [-0.85], "COLOR": wavelength_colour(lam),
              "SPAN_TEXT": f"{fmt(width * 1000)} mm", "PANEL": wrap_rows(rows, 21),
              "FORMULA": r"a\sin\theta = m\lambda"}
    facts = [f"first dark fringe at θ = {fmt(theta)} rad", f"central maximum {fmt(width * 1000)} mm wide at L = {fmt(screen)} m"]
    shots = [f"light of {fmt(lam)} nm through a slit {fmt(a)} mm wide", "it spreads: a bright central band and weaker "
             "side bands", f"the first dark fringes at sin θ = λ/a, θ = {fmt(theta)} rad",
             f"the central band is {fmt(width * 1000)} mm wide on a screen {fmt(screen)} m away"]
    return Draft(SLIT, consts, shots, facts, {"theta": theta})


def electrons(ask: Ask, r: Reader) -> Draft:
    """Electrons pass a double slit one at a time; their hits build the fringes of λ = h/(mv)."""
    v = r.num("speed", "speed", (1e3, 2.9e8), names=("v",), default=1e6, label="v")
    lam = H / (M_E * v)
    rng = random.Random(7)
    hits = []
    while len(hits) < 360:
        y = rng.uniform(-3.45, 1.75)
        u = (y + 0.85) / 0.62 * math.pi
        w = (y + 0.85) / 2.48 * math.pi
        if rng.random() < math.cos(u) ** 2 * (math.sin(w) / w if w else 1.0) ** 2:
            hits.append(round(y, 3))
    rows = [f"v = {fmt(v)} m/s", f"m = {fmt(M_E)} kg", (f"λ = h/(mv) = {fmt(lam)} m", YELLOW),
            tr(ask, "one electron at a time: the fringes still build up", "电子一个一个通过，干涉条纹依然出现")]
    consts = {**_slit_consts(ask, 0.62, 2.48, [0.0, 0.62]), "SLITS": [-0.55, -1.15], "COLOR": BLUE, "HITS": hits,
              "SOURCE_WORD": tr(ask, "electrons", "电子"), "SPAN_TEXT": "λL/d", "PANEL": wrap_rows(rows, 21),
              "FORMULA": r"\lambda = \frac{h}{m v}"}
    facts = [f"de Broglie wavelength λ = h/(mv) = {fmt(lam)} m at v = {fmt(v)} m/s"]
    shots = [f"electrons at {fmt(v)} m/s are sent at a double slit", "each lands as one dot on the screen",
             "hit by hit the dots pile into bright and dark fringes", f"the wavelength that fits is λ = h/(mv) = {fmt(lam)} m"]
    return Draft(SLIT, consts, shots, facts, {"lambda": lam})


GRATING = '''
head = heading(self, FORMULA)
G = np.array([-4.6, -0.9, 0])
grating = VGroup(*[Line(G + (y - 0.04) * UP, G + (y + 0.04) * UP, color=GREY_B, stroke_width=4)
                   for y in np.linspace(-1.6, 1.6, 17)])
beam = arrow(G + 2.0 * LEFT, G, COLOR, 5)
axis_line = DashedLine(G, G + 6.4 * RIGHT, color=GREY_B)
self.play(FadeIn(grating), GrowArrow(beam), Create(axis_line), run_time=rt(1))
rays = VGroup()
for m, th, text in ORDERS:
    d = np.array([np.cos(th), np.sin(th), 0])
    reach = min(5.0, 2.55 / max(abs(d[1]), 1e-9))
    ray = Line(G, G + reach * d, color=COLOR, stroke_width=4 if m == 0 else 3)
    lab = say(text, 20, COLOR).next_to(G + reach * d, RIGHT, buff=0.1)
    rays.add(VGroup(ray, lab))
for ray in rays:
    self.play(Create(ray[0]), FadeIn(ray[1]), run_time=rt(0.6))
closing(self, (3.3, 6.9, -3.7, 2.0), 2.5)
'''


def grating(ask: Ask, r: Reader) -> Draft:
    """A grating sends light into sharp orders at sin θ = mλ/d, as many as d/λ allows."""
    lines = r.num("lines_per_mm", "per_mm", (1, 5000), names=("N",), bare=True, label="lines/mm")
    lam = r.num("wavelength_nm", "length", (100, 2000), names=("lambda", "λ"), si=1e9, label="λ (nm)")
    d = 1e-3 / lines
    top = int(math.floor(d / (lam * 1e-9) + 1e-12))
    drawn = min(top, 3)
    orders = [[m, math.asin(m * lam * 1e-9 / d), ""] for m in range(-drawn, drawn + 1)]
    for o in orders:
        o[2] = f"m = {fmt(o[0])}: {fmt(math.degrees(o[1]))}°"
    rows = [f"d = 1/N = {fmt(d * 1e6)} μm", f"λ = {fmt(lam)} nm", tr(ask, f"orders up to m = {top} (d/λ = "
                                                                       f"{fmt(d / (lam * 1e-9))})",
                                                                       f"最高级次 m = {top}（d/λ = {fmt(d / (lam * 1e-9))}）")]
    rows += [(f"m = {m}: θ = {fmt(math.degrees(math.asin(m * lam * 1e-9 / d)))}°", YELLOW) for m in range(1, top + 1)]
    rows += [tr(ask, f"(drawn up to m = ±{drawn})", f"（图中画到 m = ±{drawn}）")] if drawn < top else []
    consts = {"ORDERS": orders, "COLOR": wavelength_colour(lam), "PANEL": wrap_rows(rows, 22),
              "FORMULA": r"d\sin\theta = m\lambda"}
    angles = [math.degrees(math.asin(m * lam * 1e-9 / d)) for m in range(1, top + 1)]
    facts = [f"d = {fmt(d)} m", f"highest order {top}"] + [f"order {m}: θ = {fmt(a)}°" for m, a in enumerate(angles, 1)]
    shots = [f"a grating with {fmt(lines)} lines per mm", f"light of {fmt(lam)} nm falls on it",
             "it leaves only in directions where d sin θ = mλ", f"orders up to m = {top}, "
             + ", ".join(f"{fmt(a)}°" for a in angles)]
    return Draft(GRATING, consts, shots, facts, {"angles": angles})


def interference(ask: Ask, r: Reader) -> Draft:
    """Two sources in a ripple tank, or the double slit."""
    table = {"double_slit": double_slit, "sources": two_sources}
    return pick(table, ask.settings.get("setup", "sources"))(ask, r)


def diffraction(ask: Ask, r: Reader) -> Draft:
    """The single slit, the grating, or electrons through a double slit."""
    table = {"grating": grating, "electron_double_slit": electrons, "single_slit": single_slit}
    return pick(table, ask.settings.get("setup", "single_slit"))(ask, r)


VARIANTS = {"interference": interference, "diffraction": diffraction}
