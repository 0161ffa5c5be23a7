"""Light as photons and polarised waves: Malus's law, the electromagnetic spectrum, photon energies, and the
Bohr atom's levels with the emitted wavelength."""

from __future__ import annotations

import math

from ..base import Ask
from ..physics_kit import ORANGE, YELLOW, Draft, Reader, fmt, tr, wrap_rows
from .interference import wavelength_colour

H, C, EV = 6.62607015e-34, 299792458.0, 1.602176634e-19

POLAR = '''
head = heading(self, FORMULA)
Y = 0.7
beam = Line([-6.7, Y, 0], [1.8, Y, 0], color=YELLOW, stroke_width=2)
self.play(Create(beam), run_time=rt(0.6))
star = VGroup(*[Line([-5.6, Y, 0] + 0.55 * np.array([np.cos(a), np.sin(a), 0]),
                     [-5.6, Y, 0] - 0.55 * np.array([np.cos(a), np.sin(a), 0]), color=YELLOW, stroke_width=3)
               for a in np.linspace(0, PI, 6, endpoint=False)])
p1 = VGroup(Ellipse(width=0.5, height=1.9, color=GREY_B).move_to([-3.8, Y, 0]),
            Line([-3.8, Y - 0.8, 0], [-3.8, Y + 0.8, 0], color=GREY_B, stroke_width=2))
e1 = Line([-2.6, Y - 0.55, 0], [-2.6, Y + 0.55, 0], color=YELLOW, stroke_width=4)
an = ValueTracker(0)


def analyser():
    a = an.get_value()
    d = np.array([np.sin(a), np.cos(a), 0])
    return VGroup(Ellipse(width=0.5, height=1.9, color=BLUE).move_to([-1.2, Y, 0]),
                  Line([-1.2, Y, 0] - 0.8 * d, [-1.2, Y, 0] + 0.8 * d, color=BLUE, stroke_width=3))


def out_field():
    a = an.get_value()
    d = np.array([np.sin(a), np.cos(a), 0])
    s = 0.55 * abs(np.cos(a))
    return Line([0.6, Y, 0] - s * d, [0.6, Y, 0] + s * d + 1e-3 * UP, color=YELLOW, stroke_width=4)


ana, out = always_redraw(analyser), always_redraw(out_field)
names = VGroup(say(WORDS[0], 20).next_to([-5.6, Y - 1.0, 0], DOWN, buff=0.1),
               say(WORDS[1], 20).next_to([-3.8, Y - 1.0, 0], DOWN, buff=0.1),
               say(WORDS[2], 20, BLUE).next_to([-1.2, Y - 1.0, 0], DOWN, buff=0.1))
self.play(FadeIn(star, p1, e1, names), run_time=rt(1))
self.play(FadeIn(ana, out), run_time=rt(0.6))
ax = Axes(x_range=[0, 90, 30], y_range=[0, 1, 0.5], x_length=5.0, y_length=1.6, tips=False,
          axis_config={"stroke_width": 2})
ax.shift(np.array([-6.0, -3.4, 0]) - ax.c2p(0, 0))
labs = VGroup(ticks(ax, [30, 60, 90], [0.5, 1]), say("I/I₁", 20, YELLOW).next_to(ax.y_axis.get_top(), RIGHT, buff=0.1),
              say("θ (°)", 20).next_to(ax.x_axis.get_right(), UP, buff=0.1))
curve = ax.plot(lambda x: np.cos(np.radians(x)) ** 2, x_range=[0, 90], color=YELLOW)
self.play(Create(ax), FadeIn(labs), Create(curve), run_time=rt(1))
panel = put(column(PANEL, 22), (2.6, 6.9, -3.7, 2.0))
self.play(FadeIn(panel[:NGIVEN]), run_time=rt(0.5))
for k, a in enumerate(ANGLES):
    dot = Dot(ax.c2p(a, np.cos(np.radians(a)) ** 2), color=ORANGE)
    self.play(an.animate.set_value(np.radians(a)), run_time=rt(1))
    self.play(FadeIn(dot), FadeIn(panel[NGIVEN + k]), run_time=rt(0.5))
self.wait(rt(2))
'''


def polarization(ask: Ask, r: Reader) -> Draft:
    """Unpolarised light through a polariser, then an analyser at θ: I = I₁cos²θ, dotted on the cos² curve."""
    angles = r.nums("angles_deg", "angle", (0, 90), label="θ", most=5)[:5]
    i0 = r.num("I_0", "", (1e-9, 1e9), names=("I0", "I"), default=1, label="I₀")
    i1 = i0 / 2
    frac = [0.0 if abs(a - 90) < 1e-9 else math.cos(math.radians(a)) ** 2 for a in angles]
    rows = [f"I₀ = {fmt(i0)} W/m²", f"I₁ = I₀/2 = {fmt(i1)} W/m²"]
    rows += [[f"θ = {fmt(a)}°: I = {fmt(i1 * q)} W/m²", ORANGE] for a, q in zip(angles, frac, strict=True)]
    consts = {"ANGLES": angles, "NGIVEN": 2, "PANEL": rows,
              "WORDS": [tr(ask, "unpolarised", "自然光"), tr(ask, "polariser", "起偏器"), tr(ask, "analyser", "检偏器")],
              "FORMULA": r"I = I_0\cos^2\theta"}
    facts = [f"after the first polariser I₁ = I₀/2 = {fmt(i1)} W/m²"]
    facts += [f"analyser at {fmt(a)}°: I = I₁cos²θ = {fmt(i1 * q)} W/m² ({fmt(q)} of I₁)"
              for a, q in zip(angles, frac, strict=True)]
    shots = ["unpolarised light meets a polariser: half the intensity passes, vibrating vertically",
             "an analyser turns to " + ", ".join(f"{fmt(a)}°" for a in angles),
             "the passing field is the projection E cos θ, the intensity I₁cos²θ", "each value is dotted on the cos² curve"]
    return Draft(POLAR, consts, shots, facts, {"fractions": frac})


SPECTRUM = '''
head = heading(self, FORMULA)
X0, PER = -6.4, 12.8 / 16
Y = 0.6


def xof(lam):
    return X0 + (np.log10(lam) + 12) * PER


bands = VGroup()
for lo, hi, col, name in REGIONS:
    box = Rectangle(width=xof(hi) - xof(lo), height=0.55, stroke_width=0, fill_color=col, fill_opacity=0.85)
    bands.add(box.move_to([(xof(lo) + xof(hi)) / 2, Y, 0]))
names = VGroup(*[say(name, 20).move_to([(xof(lo) + xof(hi)) / 2 + dx, Y + 0.55, 0])
                 for (lo, hi, col, name), dx in zip(REGIONS, SHIFTS)])
tick_labs = VGroup(*[say(text, 20).move_to([xof(10.0 ** e), Y - 0.5, 0]) for e, text in TICKS])
unit = say("λ (m)", 20).next_to(tick_labs[-1], DOWN, buff=0.12)
self.play(FadeIn(bands), run_time=rt(1))
self.play(FadeIn(names, tick_labs, unit), run_time=rt(1))
rainbow = VGroup(*[Rectangle(width=8.0 / 60 + 0.01, height=0.6, stroke_width=0, fill_color=c, fill_opacity=1)
                   .move_to([-4 + 8.0 * (k + 0.5) / 60, -1.45, 0]) for k, c in enumerate(RAINBOW)])
zoom = VGroup(DashedLine([xof(4e-7), Y - 0.3, 0], [-4, -1.15, 0], color=GREY_B),
              DashedLine([xof(7e-7), Y - 0.3, 0], [4, -1.15, 0], color=GREY_B))
nm = VGroup(*[say("%d nm" % w, 20).move_to([-4 + 8.0 * (w - 400) / 300, -2.0, 0]) for w in (400, 500, 600, 700)])
self.play(Create(zoom), FadeIn(rainbow), FadeIn(nm), run_time=rt(1.2))
mark = Triangle(color=YELLOW, fill_opacity=1).scale(0.14).rotate(PI).move_to([xof(MARK), Y + 0.95, 0])
mark_lab = say(MARK_TEXT, 22, YELLOW).next_to(mark, UP, buff=0.08)
if mark_lab.get_right()[0] > 6.9:
    mark_lab.shift((6.9 - mark_lab.get_right()[0]) * RIGHT)
if mark_lab.get_left()[0] < -6.9:
    mark_lab.shift((-6.9 - mark_lab.get_left()[0]) * RIGHT)
self.play(FadeIn(mark, mark_lab), run_time=rt(0.8))
panel = fit(column(PANEL, 22), 13).move_to([0, -3.05, 0])
reveal(self, panel)
self.wait(rt(2.5))
'''

REGIONS = [(1e-12, 1e-11, "#9A72AC", "γ"), (1e-11, 1e-8, "#6A5ACD", "X-ray"), (1e-8, 4e-7, "#7B68EE", "UV"),
           (4e-7, 7e-7, "#FFFFFF", ""), (7e-7, 1e-3, "#C0504D", "IR"), (1e-3, 0.1, "#E07B39", "microwave"),
           (0.1, 1e4, "#D4A017", "radio")]


def spectrum(ask: Ask, r: Reader) -> Draft:
    """The electromagnetic spectrum on a log scale, the visible band magnified, and the request's wave marked."""
    if ask.settings.get("show") == "photon_energy":
        return photons(ask, r)
    f = r.num("frequency", "frequency", (1, 1e22), names=("f",), default=1e8, label="f")
    lam = r.num("wavelength", "length", (1e-12, 1e4), names=("lambda", "λ"), default=C / f, label="λ")
    f = C / lam
    regions = [list(x) for x in REGIONS]
    regions[3][3] = ""
    names = {"γ": tr(ask, "γ", "γ 射线"), "X-ray": tr(ask, "X-ray", "X 射线"), "UV": tr(ask, "UV", "紫外"),
             "IR": tr(ask, "IR", "红外"), "microwave": tr(ask, "microwave", "微波"), "radio": tr(ask, "radio", "无线电")}
    for reg in regions:
        reg[3] = names.get(reg[3], reg[3])
    region = next((n for lo, hi, _, n in regions if lo <= lam < hi), names["radio"]) or tr(ask, "visible", "可见光")
    rows = [f"c = fλ = {fmt(C, 4)} m/s", (f"f = {fmt(f)} Hz  ⇒  λ = c/f = {fmt(lam)} m ({region})", YELLOW),
            tr(ask, "visible light: 400–700 nm, a tiny slice", "可见光：400–700 nm，只是很窄的一段")]
    consts = {"REGIONS": regions, "SHIFTS": [0, 0, 0, 0, 0, 0, 0], "MARK": lam, "MARK_TEXT": f"{fmt(lam)} m",
              "TICKS": [[e, "10" + str(e).replace("-", "⁻").translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))]
                        for e in range(-12, 5, 2)],
              "RAINBOW": [wavelength_colour(400 + 300 * (k + 0.5) / 60) for k in range(60)], "PANEL": rows,
              "FORMULA": r"c = f\lambda"}
    facts = [f"λ = c/f = {fmt(lam)} m for f = {fmt(f)} Hz ({region})"]
    shots = ["the spectrum from γ rays to radio on a logarithmic wavelength scale", "the visible band, magnified: 400 to 700 nm",
             f"the wave asked about, f = {fmt(f)} Hz, at λ = c/f = {fmt(lam)} m"]
    return Draft(SPECTRUM, consts, shots, facts, {"lambda": lam, "f": f})


PHOTONS = '''
head = heading(self, FORMULA)
rows = VGroup()
for k, (lam_s, col, left, right, share) in enumerate(ROWS):
    y = 1.3 - 1.55 * k
    photon = FunctionGraph(lambda x, lam_s=lam_s, y=y: y + 0.3 * np.sin(2 * np.pi * (x + 6.2) / lam_s)
                           * np.exp(-((x + 3.8) / 1.5) ** 2), x_range=[-6.2, -1.5, 0.01], color=col, stroke_width=4)
    tip = arrow([-1.7, y, 0], [-1.3, y, 0], col, 4)
    lab = say(left, 22, col).next_to([-6.2, y + 0.45, 0], RIGHT, buff=0)
    bar = Rectangle(width=max(3.2 * share, 0.02), height=0.4, stroke_width=0, fill_color=col, fill_opacity=0.9)
    bar.move_to([-0.9 + 3.2 * share / 2, y, 0])
    value = say(right, 22, col).next_to([-0.9, y - 0.25, 0], DOWN, buff=0.05).align_to([-0.9, 0, 0], LEFT)
    self.play(Create(photon), GrowArrow(tip), FadeIn(lab), run_time=rt(1))
    self.play(GrowFromEdge(bar, LEFT), FadeIn(value), run_time=rt(0.7))
closing(self, (3.3, 6.9, -3.7, 2.0), 2.5)
'''


def _readable(nm: float) -> str:
    """The colour of a wavelength, lightened so that text in it reads on black (grey outside the visible)."""
    if not 380 <= nm <= 750:
        return "#BBBBBB"
    rgb = [int(wavelength_colour(nm)[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * 0.35):02X}" for c in rgb)


def photons(ask: Ask, r: Reader) -> Draft:
    """Photons of several wavelengths: shorter waves carry more energy, E = hf = hc/λ."""
    waves = r.nums("wavelengths_nm", "length", (10, 100000), default=[700, 530, 400], si=1e9, label="λ (nm)")[:3]
    energies = [H * C / (w * 1e-9) for w in waves]
    top = max(energies)
    rows = [[w * 0.004, _readable(w), f"λ = {fmt(w)} nm",
             f"{fmt(e / EV)} eV = {fmt(e)} J", e / top] for w, e in zip(waves, energies, strict=True)]
    panel = [f"h = {fmt(H, 4)} J·s", f"c = {fmt(C, 4)} m/s", "1 eV = 1.602×10⁻¹⁹ J",
             (tr(ask, "shorter λ, more energy", "波长越短，能量越大"), YELLOW)]
    consts = {"ROWS": rows, "PANEL": wrap_rows(panel, 22), "FORMULA": r"E = h f = \frac{h c}{\lambda}"}
    facts = [f"λ = {fmt(w)} nm: E = hc/λ = {fmt(e)} J = {fmt(e / EV)} eV" for w, e in zip(waves, energies, strict=True)]
    shots = ["photons drawn as short wave trains of different wavelengths", "each one's energy E = hc/λ as a bar",
             "the shortest wavelength carries the most energy", *facts]
    return Draft(PHOTONS, consts, shots, facts, {"energies": energies})


LEVELS = '''
head = heading(self, FORMULA)
lines = VGroup()
for n, y, text in LEVELS:
    if n:
        lines.add(Line([-3.8, y, 0], [0.2, y, 0], color=GREY_B, stroke_width=3))
labs = VGroup(*[say(text, 20).next_to([-3.8, y, 0], LEFT, buff=0.15) for n, y, text in LEVELS if text])
self.play(Create(lines), FadeIn(labs), run_time=rt(1.5))
Y_FROM, Y_TO = FROM_TO
e = Dot([-1.8, Y_FROM, 0], radius=0.13, color=BLUE)
self.play(FadeIn(e, scale=2), run_time=rt(0.6))
drop = arrow([-1.8, Y_FROM, 0], [-1.8, Y_TO, 0], YELLOW, 4)
self.play(GrowArrow(drop), e.animate.move_to([-1.8, Y_TO, 0]), run_time=rt(1))
wave = FunctionGraph(lambda x: (Y_FROM + Y_TO) / 2 + 0.25 * np.sin(2 * np.pi * (x + 1.5) / 0.5), x_range=[-1.5, 1.9, 0.01],
                     color=PHOTON_COLOR, stroke_width=4)
tip = arrow([1.8, (Y_FROM + Y_TO) / 2, 0], [2.3, (Y_FROM + Y_TO) / 2, 0], PHOTON_COLOR, 4)
self.play(Create(wave), GrowArrow(tip), run_time=rt(1.2))
closing(self, (2.7, 6.9, -3.7, 2.0), 2.5)
'''


def energy_levels(ask: Ask, r: Reader) -> Draft:
    """The hydrogen levels Eₙ = −13.6/n² eV; an electron drops m → n and emits a photon of λ = hc/ΔE."""
    levels = int(r.num("levels", "", (3, 8), label="levels"))
    pair = [int(q.value) for q in r.items if q.name == "n" and 1 <= q.value <= 12][:2]
    m, n = (pair if len(pair) == 2 else [int(x) for x in ask.settings.get("transition", [3, 2])])
    m, n = max(m, n), min(m, n)
    if m == n:
        m = n + 1
    levels = max(levels, m)
    energy = 13.6 * (1 / n ** 2 - 1 / m ** 2)
    lam = H * C / (energy * EV)

    def y_of(k: int) -> float:
        """The scene height of level k (energy to scale)."""
        return -3.4 + 5.2 * (1 - 1 / k ** 2)

    shown, crowd = [], []
    for k in range(1, levels + 1):
        y = y_of(k)
        alone = y_of(k + 1) - y > 0.36 and (k == 1 or y - y_of(k - 1) > 0.36)
        shown.append([k, y, f"n = {k}   {fmt(-13.6 / k ** 2)} eV" if alone else ""])
        crowd += [] if alone else [k]
    if crowd:
        shown.append([0, (y_of(crowd[0]) + y_of(crowd[-1])) / 2, f"n = {crowd[0]} … {crowd[-1]}"])
    series = {1: tr(ask, "Lyman (UV)", "莱曼系（紫外）"), 2: tr(ask, "Balmer (visible)", "巴耳末系（可见光）"),
              3: tr(ask, "Paschen (IR)", "帕邢系（红外）")}.get(n, "")
    rows = [tr(ask, f"from n = {m} to n = {n}:", f"从 n = {m} 跃迁到 n = {n}："), f"E = 13.6(1/{n}² − 1/{m}²) eV",
            (f"   = {fmt(energy)} eV", YELLOW), (f"λ = hc/E = {fmt(lam * 1e9)} nm", YELLOW)]
    rows += [tr(ask, f"series: {series}", f"{series}")] if series else []
    consts = {"LEVELS": shown, "FROM_TO": [y_of(m), y_of(n)], "PHOTON_COLOR": wavelength_colour(lam * 1e9),
              "PANEL": rows, "FORMULA": r"E_n = -\frac{13.6\ \mathrm{eV}}{n^2}"}
    facts = [f"photon energy 13.6(1/{n}² − 1/{m}²) = {fmt(energy)} eV", f"wavelength hc/E = {fmt(lam * 1e9)} nm"]
    shots = [f"the energy levels of hydrogen, n = 1 to {levels}", f"an electron on level {m} drops to level {n}",
             f"it emits a photon of {fmt(energy)} eV", f"its wavelength λ = hc/E = {fmt(lam * 1e9)} nm"]
    return Draft(LEVELS, consts, shots, facts, {"E": energy, "lambda_nm": lam * 1e9})


VARIANTS = {"polarization": polarization, "spectrum": spectrum, "energy_levels": energy_levels}
