"""Waves on a line and in the plane: the travelling wave (v = fλ), standing waves and harmonics, the Doppler
effect, the electromagnetic wave, and wave packets (the uncertainty relation)."""

from __future__ import annotations

import math

from ..base import Ask
from ..physics_kit import GREEN, RED, YELLOW, Draft, Reader, fmt, nice, tfmt, tr, wrap_rows

WAVE = '''
head = heading(self, FORMULA)
ax = Axes(x_range=[0, XMAX, XSTEP], y_range=[-A * 1.5, A * 1.5, A], x_length=8.8, y_length=3.2, tips=False,
          axis_config={"stroke_width": 2})
ax.shift(np.array([-5.9, -0.9, 0]) - ax.c2p(0, 0))
labs = VGroup(ticks(ax, tick_values([0, XMAX, XSTEP]), [-A, A]), say("x (m)", 20).next_to(ax.x_axis.get_right(), UP, buff=0.12),
              say("y (m)", 20).next_to(ax.y_axis.get_top(), RIGHT, buff=0.12))
t = ValueTracker(0)
K, W = 2 * np.pi / LAM, 2 * np.pi * F
wave = always_redraw(lambda: ax.plot(lambda x: A * np.sin(K * x - W * t.get_value()), x_range=[0, XMAX, XMAX / 160],
                                     color=BLUE))
self.play(Create(ax), FadeIn(labs), run_time=rt(0.8))
self.play(Create(wave), run_time=rt(1))
x0 = LAM * 0.25
lam = DoubleArrow(ax.c2p(x0, A * 1.25), ax.c2p(x0 + LAM, A * 1.25), buff=0, color=YELLOW, stroke_width=3)
lam_lab = say("λ = %s m" % LAM_TEXT, 22, YELLOW).next_to(lam, UP, buff=0.08)
amp = DoubleArrow(ax.c2p(x0, 0), ax.c2p(x0, A), buff=0, color=GREEN, stroke_width=3)
amp_lab = say("A = %s m" % A_TEXT, 22, GREEN).next_to(amp, RIGHT, buff=0.1)
self.play(GrowFromCenter(lam), FadeIn(lam_lab), GrowFromCenter(amp), FadeIn(amp_lab), run_time=rt(1))
self.play(FadeOut(lam, lam_lab, amp, amp_lab), run_time=rt(0.5))
probe = always_redraw(lambda: Dot(ax.c2p(PROBE_X, A * np.sin(K * PROBE_X - W * t.get_value())), radius=0.11, color=RED))
crest = always_redraw(lambda: Triangle(color=ORANGE, fill_opacity=1).scale(0.12).rotate(PI).move_to(
    ax.c2p(LAM / 4 + V * t.get_value(), A * 1.3)))
key = column([(PROBE_WORD, RED), (CREST_WORD, ORANGE)], 20).next_to(ax, DOWN, buff=0.45).align_to(ax, LEFT)
self.play(FadeIn(probe, crest, key), run_time=rt(0.6))
panel = put(column(PANEL, 22), (3.4, 6.9, -3.7, 2.0))
self.play(t.animate.set_value(2 / F), FadeIn(panel[:3]), run_time=rt(6), rate_func=linear)
reveal(self, panel[3:])
self.wait(rt(2))
'''


def wave(ask: Ask, r: Reader) -> Draft:
    """A travelling sine wave: λ and A marked, a particle bobbing in place, a crest moving at v = fλ."""
    amp = r.num("amplitude", "length", (1e-6, 1e3), names=("A",), label="A")
    lam = r.num("wavelength", "length", (1e-6, 1e6), names=("lambda", "lamda", "λ"), label="λ")
    f = r.num("frequency", "frequency", (1e-3, 1e12), names=("f",), label="f")
    v = f * lam
    xmax = 2.6 * lam
    rows = [f"A = {fmt(amp)} m", f"λ = {fmt(lam)} m", f"f = {fmt(f)} Hz", f"T = 1/f = {fmt(1 / f)} s",
            (f"v = fλ = {fmt(v)} m/s", YELLOW), f"k = 2π/λ = {fmt(2 * math.pi / lam)} rad/m"]
    consts = {"A": amp, "LAM": lam, "F": f, "V": v, "XMAX": xmax, "XSTEP": nice(xmax, 5), "PROBE_X": 1.75 * lam,
              "LAM_TEXT": fmt(lam), "A_TEXT": fmt(amp), "PANEL": wrap_rows(rows, 22),
              "PROBE_WORD": tr(ask, "a particle: moves up and down only", "介质质点：只上下振动"),
              "CREST_WORD": tr(ask, "a crest: travels at v", "波峰：以速度 v 前进"),
              "FORMULA": r"y = A\sin(kx - \omega t) \qquad v = f\lambda"}
    facts = [f"v = fλ = {fmt(f)}·{fmt(lam)} = {fmt(v)} m/s", f"T = 1/f = {fmt(1 / f)} s",
             f"k = 2π/λ = {fmt(2 * math.pi / lam)} rad/m", f"ω = 2πf = {fmt(2 * math.pi * f)} rad/s"]
    shots = ["the wave y = A sin(kx − ωt) on axes in metres", f"its wavelength λ = {fmt(lam)} m and amplitude A = "
             f"{fmt(amp)} m", "it travels right: a crest moves at v while a particle only bobs up and down",
             f"in one period T = {fmt(1 / f)} s the crest moves one wavelength: v = fλ = {fmt(v)} m/s"]
    return Draft(WAVE, consts, shots, facts, {"v": v, "T": 1 / f})


STANDING = '''
head = heading(self, FORMULA)
t = ValueTracker(0)
rows = VGroup()
for k, n in enumerate(HARMONICS):
    y = 1.2 - 1.75 * k
    x0, x1 = -6.0, 1.6
    ends = VGroup(Dot([x0, y, 0], color=GREY_B), Dot([x1, y, 0], color=GREY_B))
    env = VGroup(*[FunctionGraph(lambda x, s=s, n=n: y + s * 0.55 * np.sin(n * np.pi * (x - x0) / (x1 - x0)),
                                 x_range=[x0, x1], color=GREY_B, stroke_width=1.5) for s in (1, -1)])
    string = always_redraw(lambda n=n, y=y: FunctionGraph(
        lambda x: y + 0.55 * np.sin(n * np.pi * (x - x0) / (x1 - x0)) * np.cos(n * 2 * np.pi * t.get_value()),
        x_range=[x0, x1, (x1 - x0) / 200], color=[BLUE, GREEN, ORANGE, RED, TEAL][k % 5], stroke_width=4))
    nodes = VGroup(*[Dot([x0 + (x1 - x0) * j / n, y, 0], radius=0.07, color=YELLOW) for j in range(1, n)])
    lab = say(LABELS[k], 22, [BLUE, GREEN, ORANGE, RED, TEAL][k % 5]).next_to([x1, y, 0], RIGHT, buff=0.4)
    self.play(FadeIn(ends), Create(string), FadeIn(env), run_time=rt(0.7))
    self.play(FadeIn(nodes), FadeIn(lab), t.animate.increment_value(1), run_time=rt(1.5), rate_func=linear)
key = in_body(say(NODE_WORD, 20, YELLOW), DL)
self.play(FadeIn(key), t.animate.increment_value(2), run_time=rt(3), rate_func=linear)
note = in_body(say(NOTE, 22), DR)
self.play(FadeIn(note), t.animate.increment_value(1.5), run_time=rt(2), rate_func=linear)
self.wait(rt(1))
'''


def standing_wave(ask: Ask, r: Reader) -> Draft:
    """A string fixed at both ends vibrating in its first harmonics: nodes, λₙ = 2L/n, fₙ = nv/(2L)."""
    length = r.num("length", "length", (1e-3, 1e4), names=("L",), label="L")
    v = r.num("speed", "speed", (1e-3, 1e6), names=("v",), default=ask.entry.example.values.get("v", 340),
              label="v")
    harmonics = [int(n) for n in r.nums("harmonics", "", (1, 8), bare=True, label="harmonics", most=3)][:3]
    f1 = v / (2 * length)
    labels = [f"n = {n}: λ = {fmt(2 * length / n)} m, f = {fmt(n * f1)} Hz" for n in harmonics]
    consts = {"HARMONICS": harmonics, "LABELS": labels,
              "NODE_WORD": tr(ask, "yellow dots: nodes (never move)", "黄点：波节（静止不动）"),
              "NOTE": f"L = {fmt(length)} m, v = {fmt(v)} m/s: f₁ = v/2L = {fmt(f1)} Hz",
              "FORMULA": r"\lambda_n = \frac{2L}{n} \qquad f_n = \frac{n v}{2L}"}
    facts = [f"fundamental f₁ = v/(2L) = {fmt(f1)} Hz"] + [f"harmonic {n}: λ = {fmt(2 * length / n)} m, f = "
                                                           f"{fmt(n * f1)} Hz" for n in harmonics]
    shots = [f"a string of length {fmt(length)} m fixed at both ends", "harmonics " + ", ".join(map(str, harmonics))
             + " vibrate inside their envelopes", "the nodes stay still; n loops fit on the string: λₙ = 2L/n",
             f"fₙ = n·v/(2L): {', '.join(fmt(n * f1) + ' Hz' for n in harmonics)}"]
    return Draft(STANDING, consts, shots, facts, {"f1": f1})


DOPPLER = '''
head = heading(self, FORMULA)
t = ValueTracker(0)
Y = -0.8


def src(s):
    return np.array([X0 + VS * s, Y, 0])


def fronts():
    now = t.get_value()
    out = VGroup()
    for k in range(int(now / PERIOD) + 1):
        born = k * PERIOD
        rad = VW * (now - born)
        if 0.02 < rad < RMAX:
            out.add(Circle(radius=rad, color=BLUE, stroke_width=2).move_to(src(born)))
    return out


waves = always_redraw(fronts)
source = always_redraw(lambda: Dot(src(t.get_value()), radius=0.13, color=ORANGE))
ahead = VGroup(Dot([1.0, Y, 0], color=GREEN), say(AHEAD, 20, GREEN).next_to([1.0, Y, 0], DOWN, buff=0.3))
behind = VGroup(Dot([-6.5, Y, 0], color=RED), say(BEHIND, 20, RED).next_to([-6.5, Y, 0], DOWN, buff=0.3).shift(0.5 * RIGHT))
self.add(waves, source)
self.play(FadeIn(ahead, behind), run_time=rt(0.6))
self.play(t.animate.set_value(T_END), run_time=rt(6), rate_func=linear)
closing(self, (3.1, 6.9, -3.7, 2.0), 2)
'''


def doppler(ask: Ask, r: Reader) -> Draft:
    """A moving source emits circular wavefronts: bunched ahead, spread behind; the heard frequencies."""
    vs = r.num("source_speed", "speed", (0, 5000), names=("vs", "v_s"), label="v_s")
    v = r.num("wave_speed", "speed", (1, 1e6), names=("v", "c"), default=340, label="v")
    f = r.num("frequency", "frequency", (1e-3, 1e12), names=("f",), label="f")
    supersonic = vs >= v
    ratio = min(max(vs / v, 0.45), 0.9) if vs > 0 else 0.0
    f_ahead = f * v / (v - vs) if not supersonic else float("inf")
    f_behind = f * v / (v + vs)
    rows = [f"f = {fmt(f)} Hz, v = {fmt(v)} m/s", f"v_s = {fmt(vs)} m/s"]
    ahead, behind = tr(ask, "ahead", "前方"), tr(ask, "behind", "后方")
    rows += ([(f"{ahead}: f·v/(v − v_s) = {fmt(f_ahead)} Hz", GREEN)] if not supersonic else
             [(tr(ask, "faster than the waves: a shock cone", "超过波速：形成激波锥"), GREEN)])
    rows += [(f"{behind}: f·v/(v + v_s) = {fmt(f_behind)} Hz", RED)]
    rows += [f"λ {ahead} = {fmt((v - vs) / f)} m", f"λ {behind} = {fmt((v + vs) / f)} m"] if not supersonic else []
    if 0 < vs / v < 0.45:
        rows.append(tr(ask, f"(drawn with v_s = {fmt(ratio)}v to show it)", f"（图中按 v_s = {fmt(ratio)}v 放大画出）"))
    consts = {"X0": -4.2, "VW": 1.0, "VS": 1.0 * ratio, "PERIOD": 0.45, "T_END": 4.5, "RMAX": 2.7,
              "AHEAD": tr(ask, "listener ahead", "前方听者"), "BEHIND": tr(ask, "behind", "后方听者"),
              "PANEL": wrap_rows(rows, 24),
              "FORMULA": r"f_o = f\,\frac{v + v_o}{v - v_s}"}
    facts = [f"ahead f = {fmt(f_ahead)} Hz" if not supersonic else "the source outruns its waves (shock)",
             f"behind f = {fmt(f_behind)} Hz"]
    shots = [f"a source moving at {fmt(vs)} m/s emits waves at {fmt(f)} Hz", "each wavefront is centred where it was "
             "emitted: they bunch up ahead and spread out behind", f"a listener ahead hears {fmt(f_ahead)} Hz"
             if not supersonic else "ahead, nothing until the shock front", f"one behind hears {fmt(f_behind)} Hz"]
    return Draft(DOPPLER, consts, shots, facts, {"f_ahead": f_ahead, "f_behind": f_behind})


EM_WAVE = '''
head = heading(self, FORMULA)
O = np.array([-6.2, -1.0, 0])
DEPTH = np.array([0.55, -0.42, 0])
axis = Arrow(O, O + 8.3 * RIGHT, buff=0, color=GREY_B, stroke_width=3)
depth = DashedLine(O - 1.0 * DEPTH, O + 1.8 * DEPTH, color=GREY_B)
up = DashedLine(O + 1.6 * DOWN, O + 1.7 * UP, color=GREY_B)
names = VGroup(say("E", 26, BLUE).next_to(O + 1.7 * UP, RIGHT, buff=0.1),
               say("B", 26, RED).next_to(O + 1.8 * DEPTH, RIGHT, buff=0.1),
               say(DIR_WORD, 22).next_to(O + 8.3 * RIGHT, UP, buff=0.15).shift(0.6 * LEFT))
self.play(Create(axis), Create(depth), Create(up), FadeIn(names), run_time=rt(1))
t = ValueTracker(0)


def field(vec, col, amp):
    def build():
        g = VGroup()
        xs = np.linspace(0, 7.7, 40)
        pts = [O + x * RIGHT + amp * np.sin(2.2 * x - 2 * PI * t.get_value()) * vec for x in xs]
        g.add(VMobject(color=col, stroke_width=3).set_points_smoothly(pts))
        for x, p in zip(xs[::2], pts[::2]):
            g.add(Line(O + x * RIGHT, p, color=col, stroke_width=2))
        return g
    return always_redraw(build)


e_wave, b_wave = field(UP, BLUE, 1.4), field(DEPTH / np.linalg.norm(DEPTH), RED, 1.4)
self.add(e_wave, b_wave)
panel = put(column(PANEL, 22), (2.8, 6.9, -3.7, 2.0))
self.play(t.animate.set_value(2), FadeIn(panel[:2]), run_time=rt(5), rate_func=linear)
reveal(self, panel[2:])
self.play(t.animate.set_value(3), run_time=rt(2), rate_func=linear)
self.wait(rt(1))
'''


def em_wave(ask: Ask, r: Reader) -> Draft:
    """E and B oscillate in step, at right angles, travelling at c = 1/√(μ₀ε₀)."""
    mu0, eps0 = 4e-7 * math.pi, 8.8541878128e-12
    c = 1 / math.sqrt(mu0 * eps0)
    rows = [tr(ask, "E ⊥ B ⊥ direction of travel", "E ⊥ B ⊥ 传播方向"), tr(ask, "E and B in phase; E = cB",
                                                                            "E 与 B 同相；E = cB"),
            f"μ₀ = {fmt(mu0, 5)} T·m/A", f"ε₀ = {fmt(eps0, 4)} F/m", (f"c = 1/√(μ₀ε₀) = {fmt(c, 4)} m/s", YELLOW)]
    consts = {"DIR_WORD": tr(ask, "travel, at c", "传播方向（速度 c）"), "PANEL": wrap_rows(rows, 24),
              "FORMULA": r"\nabla \times \mathbf{E} = -\frac{\partial \mathbf{B}}{\partial t} \qquad "
                         r"c = \frac{1}{\sqrt{\mu_0 \epsilon_0}} = " + tfmt(c, 4) + r"\,\mathrm{m/s}"}
    facts = [f"c = 1/√(μ₀ε₀) = {fmt(c, 6)} m/s"]
    shots = ["the electric field (blue) oscillates vertically along the direction of travel",
             "the magnetic field (red) oscillates at right angles to it, in step", "the pattern travels at c",
             f"Maxwell's equations give c = 1/√(μ₀ε₀) = {fmt(c, 4)} m/s"]
    return Draft(EM_WAVE, consts, shots, facts, {"c": c})


PACKET = '''
head = heading(self, FORMULA)
top = Axes(x_range=[-6, 6, 2], y_range=[-1.2, 1.2, 1], x_length=7.6, y_length=2.2, tips=False,
           axis_config={"stroke_width": 2}).move_to([-2.9, 0.7, 0])
bottom = Axes(x_range=[-3, 3, 1], y_range=[0, 1.2, 1], x_length=7.6, y_length=1.9, tips=False,
              axis_config={"stroke_width": 2}).move_to([-2.9, -2.4, 0])
labs = VGroup(say("ψ(x)", 22, BLUE).next_to(top.y_axis.get_top(), RIGHT, buff=0.1),
              say("x", 22).next_to(top.x_axis.get_right(), UP, buff=0.1),
              say(P_WORD, 22, ORANGE).next_to(bottom.y_axis.get_top(), RIGHT, buff=0.1),
              say("p − p₀", 22).next_to(bottom.x_axis.get_right(), UP, buff=0.1))
self.play(Create(top), Create(bottom), FadeIn(labs), run_time=rt(1))
s = ValueTracker(WIDTHS[0])
psi = always_redraw(lambda: top.plot(lambda x: np.exp(-x ** 2 / (4 * s.get_value() ** 2)) * np.cos(K0 * x),
                                     x_range=[-6, 6, 0.04], color=BLUE))
env = always_redraw(lambda: top.plot(lambda x: np.exp(-x ** 2 / (4 * s.get_value() ** 2)), x_range=[-6, 6, 0.05],
                                     color=GREY_B, stroke_width=2))
phi = always_redraw(lambda: bottom.plot(lambda k: np.exp(-k ** 2 * s.get_value() ** 2), x_range=[-3, 3, 0.05],
                                        color=ORANGE))
self.play(Create(psi), Create(env), Create(phi), run_time=rt(1.2))
panel = put(column(PANEL, 22), (2.3, 6.9, -3.7, 2.0))
self.play(FadeIn(panel[:2]), run_time=rt(0.5))
for w, row in zip(WIDTHS[1:], panel[2:len(WIDTHS) + 1]):
    self.play(s.animate.set_value(w), run_time=rt(2))
    self.play(FadeIn(row), run_time=rt(0.5))
reveal(self, panel[len(WIDTHS) + 1:])
self.play(s.animate.set_value(WIDTHS[0]), run_time=rt(2))
self.wait(rt(1.5))
'''


def wave_packet(ask: Ask, r: Reader) -> Draft:
    """Gaussian wave packets of several widths and their momentum spreads: Δx·Δp = ħ/2 at best."""
    widths = r.nums("widths", "", (0.2, 3), bare=True, label="widths", most=4)[:4]
    dx = r.num("dx", "length", (1e-15, 1), names=("Δx", "deltax"), default=1e-10, label="Δx")
    hbar = 1.054571817e-34
    rows = ["Δp = ħ/(2Δx):"] + [f"Δx = {fmt(w)} → Δp = {fmt(1 / (2 * w))} ħ" for w in widths]
    rows += [(tr(ask, "narrower in x, wider in p", "x 越窄，p 越宽"), YELLOW),
             tr(ask, f"electron in {fmt(dx * 1e9)} nm:", f"限制在 {fmt(dx * 1e9)} nm 内的电子："),
             (f"Δp ≥ ħ/(2Δx) = {fmt(hbar / (2 * dx))} kg·m/s", YELLOW)]
    consts = {"WIDTHS": widths, "K0": 4.0, "P_WORD": tr(ask, "|φ(p)|: momentum", "|φ(p)|：动量分布"),
              "PANEL": wrap_rows(rows, 28), "FORMULA": r"\Delta x\,\Delta p \ge \frac{\hbar}{2}"}
    facts = [f"Gaussian packets: Δx·Δp = ħ/2 for widths {', '.join(fmt(w) for w in widths)}",
             f"confined to {fmt(dx)} m: Δp ≥ {fmt(hbar / (2 * dx))} kg·m/s"]
    shots = ["a wave packet ψ(x) (top) and its momentum distribution (bottom)",
             "the packet is made narrower and wider: its momentum spread does the opposite",
             "for a Gaussian Δx·Δp = ħ/2, the smallest product allowed",
             f"an electron confined to {fmt(dx)} m has Δp ≥ {fmt(hbar / (2 * dx))} kg·m/s"]
    return Draft(PACKET, consts, shots, facts, {"dp": hbar / (2 * dx)})


VARIANTS = {"wave": wave, "standing_wave": standing_wave, "doppler": doppler, "em_wave": em_wave, "wave_packet": wave_packet}
