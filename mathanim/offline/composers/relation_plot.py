"""The relation_plot composer: a relation y = f(x) drawn once for each value of a parameter, on labelled axes,
with the entry's key formula and the highlight its `show` names (tangent, area, maximum, slope field, ...).

Numbers in the request drive it: a named number (`k = 5`, `T_h = 500`), a percentage (a rate), a number with
the unit of the parameter or of x (`5730 years`, `for 10 years`), or else the one number left over. Sympy
computes every value shown; the scene is a fixed template reading constants (see formula_card.py).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np
import sympy as sp
from sympy.parsing.sympy_parser import parse_expr
from sympy.printing.numpy import NumPyPrinter

from ..base import Lesson
from ..common import latex, py, scene_module, tex
from ..families.calculus import SCENE_HELPERS, nice_step
from ..quantities import UNIT_AFTER, convert
from ..regions import Part, arranged, regions, sides
from .base import Ask, Unsupported, composer, entry_notes, symbols, sympy_of

NUM = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
GREEK = {"lamda": ("lambda", "λ"), "sigma": ("σ",), "rho": ("ρ",), "alpha": ("α",), "mu": ("μ",), "eta": ("η",),
         "theta": ("θ",), "omega": ("ω",), "tau": ("τ",), "Delta": ("Δ",)}
UNIT_WORDS = {"year": "years?|yrs?", "s": "s|secs?|seconds?", "K": "K|kelvin", "Ω": "Ω|ohms?", "m": "m|metres?|meters?",
              "Hz": "Hz|hertz", "N": "N|newtons?", "kg": "kg|kilograms?", "Pa": "Pa|pascals?", "V": "V|volts?",
              "A": "A|amps?|amperes?", "W": "W|watts?", "J": "J|joules?", "eV": "eV", "h": "h|hours?", "g": "g|grams?"}
PALETTE_SIZE = 5  # the scene's PALETTE: BLUE, GREEN, ORANGE, PURPLE, TEAL; YELLOW (index 5) marks the request's value
USER = 5
GRAPH_BOX = (-6.6, 0.0, -3.25, 2.35)  # the axes' box under a one-line title (the scene's come from the plan)
PANEL_BOX = (0.55, 6.95, -3.85, 2.75)
# the regions the layout plan solves under the title: the graph (its axes plus room for tick numbers and the
# axis labels: AXES_INSET, left right bottom top) on the left, the formula panel on the right
GRAPH_PART = Part("graph", "graph", 7.0, 6.5, (-3.3, -0.45))
PANEL_PART = Part("panel", "formula", 6.4, 6.6, (3.75, -0.55))
AXES_INSET = (0.4, 0.1, 0.45, 0.45)
LONG = 150  # LaTeX longer than this stays in the notes (it would be unreadably small in the panel)

SCENE_HELPERS_RP = SCENE_HELPERS + '''
PALETTE = [BLUE, GREEN, ORANGE, PURPLE, TEAL, YELLOW, WHITE]


def legend_row(label, color, dashed=False):
    """A short line in the curve's colour (dashed for a reference curve) and its label."""
    line = DashedLine(ORIGIN, 0.5 * RIGHT, color=color) if dashed else Line(ORIGIN, 0.5 * RIGHT, color=color)
    return VGroup(line.set_stroke(width=5), MathTex(label, font_size=36, color=color)).arrange(RIGHT, buff=0.15)


def polyline(ax, pts, color, dashed=False):
    """A polyline through data points pts (dashed for a reference)."""
    m = VMobject(color=color, stroke_width=3).set_points_as_corners([ax.c2p(a, b) for a, b in pts])
    return DashedVMobject(m, num_dashes=max(8, 3 * len(pts))) if dashed else m


def slope_mark(ax, x, y, s, length=0.26):
    """A short segment of slope s (in data units) centred on (x, y)."""
    d = ax.c2p(x + 1, y + s) - ax.c2p(x, y)
    d = d / np.linalg.norm(d) * length / 2
    return Line(ax.c2p(x, y) - d, ax.c2p(x, y) + d, color=GREY_B, stroke_width=2)


def touches(a, b, gap=0.04):
    """Whether the boxes of a and b overlap (a tick number under a marked point)."""
    return all(abs(a.get_center()[i] - b.get_center()[i]) < (a.length_over_dim(i) + b.length_over_dim(i)) / 2 + gap
               for i in (0, 1))


def mark(ax, x, y, color, hollow, guides):
    """A dot at (x, y) (hollow: an open circle), with dashed guides to the axes."""
    p = ax.c2p(x, y)
    dot = Circle(radius=0.09, color=color, stroke_width=3).move_to(p) if hollow else Dot(p, color=color)
    if not guides:
        return VGroup(dot)
    return VGroup(ax.get_vertical_line(p, color=color, stroke_width=2),
                  ax.get_horizontal_line(p, color=color, stroke_width=2), dot)
'''

LOGIC = '''
title = plan_fit(Text(TITLE, font_size=40), TITLE_BOX)
self.play(FadeIn(title, shift=DOWN * 0.3), run_time=rt(0.8))
ax = make_axes(XR, YR, GRAPH_BOX)
labels = VGroup(MathTex(X_LABEL, font_size=32).next_to(ax, DOWN, buff=0.12).align_to(ax, RIGHT),
                MathTex(Y_LABEL, font_size=32).next_to(ax.y_axis, UP, buff=0.12))
labels[1].shift(RIGHT * max(0, 0.15 - config.frame_width / 2 - labels[1].get_left()[0]))
key = MathTex(KEY_TEX, font_size=48)
rel = MathTex(REL_TEX, font_size=40, color=BLUE_B)
legend = VGroup(*[legend_row(t, PALETTE[c], d) for t, c, d in LEGEND])
legend.arrange_in_grid(cols=2 if len(LEGEND) > 3 else 1, col_alignments="l" * (2 if len(LEGEND) > 3 else 1),
                       buff=(0.45, 0.16))
info = VGroup(*[MathTex(t, font_size=34) for t in INFO]).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
panel([key, rel, legend] + ([info] if INFO else []), PANEL_BOX)
self.play(Create(ax), FadeIn(labels), run_time=rt(1.2))
self.play(Write(key), run_time=rt(1.2))
self.play(Write(rel), run_time=rt(1))
if SLOPES:
    self.play(Create(VGroup(*[slope_mark(ax, *s) for s in SLOPES])), run_time=rt(1.5))
graphs = []
for (p, segs, c, n), row in zip(CURVES, legend):
    graph = VGroup(*[ax.plot(lambda u, p=p: F(u, p), x_range=[a, b, (b - a) / n], color=PALETTE[c], stroke_width=4)
                     for a, b in segs])
    dim = [g.animate.set_stroke(opacity=0.3) for g in graphs] if DIM else []
    self.play(Create(graph), FadeIn(row), *dim, run_time=rt(1.2))
    graphs.append(graph)
for (pieces, c), row in zip(EXTRA, legend[len(CURVES):]):
    self.play(Create(VGroup(*[polyline(ax, pts, PALETTE[c], True) for pts in pieces])), FadeIn(row),
              run_time=rt(1.2))
for p, a, b, c, bound in AREAS:
    top = ax.plot(lambda u, p=p: F(u, p), x_range=[a, b, (b - a) / 120])
    low = ax.plot(lambda u, q=bound[0]: F(u, q), x_range=[a, b, (b - a) / 120]) if bound else None
    self.play(FadeIn(ax.get_area(top, x_range=[a, b], bounded_graph=low, color=PALETTE[c], opacity=0.4)),
              run_time=rt(1.2))
for p, x0, d, c in APPROACH:
    s = ValueTracker(d)
    dots = always_redraw(lambda p=p, x0=x0, s=s, c=c: VGroup(*[
        Dot(ax.c2p(x0 + k * s.get_value(), F(x0 + k * s.get_value(), p)), color=PALETTE[c]) for k in (-1, 1)]))
    self.add(dots)
    self.play(s.animate.set_value(d / 40), run_time=rt(2))
    self.remove(dots)
shown = None
for pts, c, dashed, replace in LINES:
    line = polyline(ax, pts, PALETTE[c], dashed)
    if replace and shown is not None:
        self.play(Transform(shown, line), run_time=rt(1))
    else:
        shown = line
        self.play(Create(line), run_time=rt(1))
if MARKS:
    marks = [mark(ax, *m[:2], PALETTE[m[2]], m[3], m[4]) for m in MARKS]
    numbers = [*getattr(ax.x_axis, "numbers", []), *getattr(ax.y_axis, "numbers", [])]
    covered = [t for t in numbers if any(touches(t, g[-1]) for g in marks)]
    self.play(LaggedStart(*[FadeIn(g) for g in marks], lag_ratio=0.3), *[FadeOut(t) for t in covered],
              run_time=rt(1.5))
if BISECT:
    span = Line(ax.c2p(BISECT[0][0], 0), ax.c2p(BISECT[0][1], 0), color=YELLOW, stroke_width=10)
    self.play(Create(span), run_time=rt(0.8))
    for a, b in BISECT[1:]:
        self.play(Transform(span, Line(ax.c2p(a, 0), ax.c2p(b, 0), color=YELLOW, stroke_width=10)),
                  run_time=rt(0.7))
for line in info:
    self.play(Write(line), run_time=rt(1))
self.wait(rt(2))
'''


# ---------------------------------------------------------------------------------------------------------------
# Numbers and LaTeX (also used by the sequence_sum and derivation composers)


def spellings(name: str) -> list[str]:
    """How a request may write the variable `name`: T_h, Th, T_{h}; lamda, lambda, λ."""
    out = [name, *GREEK.get(name, ())]
    if "_" in name:
        head, sub = name.split("_", 1)
        out += [head + sub, f"{head}_{{{sub}}}"]
    return out


def named_numbers(text: str, names) -> dict[str, float]:
    """The numbers the request gives by name (`k = 5`, `r = 5%`, `T_h: 500`), for the names listed."""
    return {name: n.value for name, n in named_in(text, names).items()}


@dataclass(frozen=True)
class Named:
    """A number the request gives by name: its value (in the variable's unit when it was typed with another unit
    of the same kind: "R = 1 kΩ" is 1000 for a variable in Ω), where the number starts, and how it was typed."""

    value: float
    pos: int
    typed: str = ""  # "1 kΩ" when a unit was converted, else ""


def named_in(text: str, names, units: dict | None = None) -> dict[str, Named]:
    """The named numbers of `text` for `names`; a unit typed after one is converted to `units[name]` when both
    measure the same thing."""
    found = {}
    for name in names:
        for s in spellings(name):
            m = re.search(rf"(?<![\w\\]){re.escape(s)}\s*(?:=|:|≈)\s*({NUM})\s*(%?)", text)
            if m:
                found[name] = _converted(float(m.group(1)) / (100 if m.group(2) else 1), m, text,
                                         (units or {}).get(name, ""))
                break
    return found


def _converted(value: float, m: re.Match, text: str, target: str) -> Named:
    """A named number, converted to `target` when a unit of the same kind follows it."""
    u = UNIT_AFTER.match(text, m.end()) if target and not m.group(2) else None
    v = convert(value, u.group(1), target) if u else None
    if v is None or v == value:
        return Named(value, m.start(1))
    return Named(v, m.start(1), f"{m.group(1)} {u.group(1)}")


def free_numbers(text: str) -> list[tuple[float, int, str]]:
    """Every number in the request that is not part of a word or a power (2nd, x^2, log2 are not):
    (value, position, what follows)."""
    out = []
    for m in re.finditer(rf"(?<![\w.^_\\]){NUM}", text):
        after = text[m.end():m.end() + 24]
        if re.match(r"[A-Za-z_^(]", after) and not any(unit_match(after, u) for u in UNIT_WORDS):
            continue
        out.append((float(m.group(0)), m.start(), after))
    return out


def request_function(ask: Ask):
    """The formula the request names (x^2 - 3, x^3 e^x), or None; a named number (x_0 = 2) is not one."""
    if re.fullmatch(rf"\s*[A-Za-z_]\w*(?:_\{{\w+\}})?\s*=\s*{NUM}\s*", ask.params.expr_text or ""):
        return None
    return ask.params.expr


def unit_match(after: str, unit: str) -> bool:
    """Whether the text right after a number names `unit` (years, K, Ω, ...)."""
    words = UNIT_WORDS.get(unit)
    if not words:
        return False
    return re.match(rf"\s*(?:{words})(?![A-Za-z])", after) is not None


def exact_number(v):
    """A settings or request number for sympy: an int stays exact, a simple decimal becomes a fraction (0.05 →
    1/20), a long one is recognised as e or π when it is one, anything else stays a decimal."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return sp.sympify(v)
    if float(v).is_integer() and abs(v) < 1e12:
        return sp.Integer(int(v))
    r = sp.Rational(repr(float(v)))
    if r.q <= 100:
        return r
    if len(repr(float(v))) >= 9:
        known = sp.nsimplify(v, [sp.E, sp.pi], tolerance=1e-8 * abs(v))
        if known.has(sp.E, sp.pi) and len(str(known)) < 10:
            return known
    return sp.Float(repr(float(v)))


def fmt(v, digits: int = 4) -> str:
    """A number as plain text: 5730, 0.05, 1.5e-12."""
    v = float(v)
    if v == 0 or 1e-3 <= abs(v) < 1e6:
        s = f"{v:.{digits}g}"
        return s if "e" not in s else f"{v:.0f}"
    return f"{v:.{max(digits - 2, 1)}g}".replace("e+", "e")


def fmt_tex(v, digits: int = 4) -> str:
    """A number as LaTeX: 5730, 0.05, 1.5 \\times 10^{-12} (e and π by name)."""
    v = sp.sympify(v)
    if v in (sp.E, sp.pi) or (v.is_Rational and v.q in (3, 6, 7, 9, 11, 12) and abs(v.p) < 100):
        return latex(v)
    s = fmt(v, digits)
    if "e" in s:
        mant, exp = s.split("e")
        return (f"{mant} \\times " if mant != "1" else "") + f"10^{{{int(exp)}}}"
    return s


class LogBase(sp.Function):
    """log_b(a), for printing only (sympy itself keeps log(a)/log(b))."""

    nargs = 2

    def _latex(self, printer):
        a, b = self.args
        return rf"\log_{{{printer._print(b)}}}{{\left({printer._print(a)}\right)}}"


def log_bases(e):
    """e with every log(a)/log(b) (and two-argument log) written as log_b(a), for printing."""

    def rebase(m):
        """log(a)/log(b) inside one product as log_b(a)."""
        inv = [f for f in m.args if f.is_Pow and f.exp == -1 and isinstance(f.base, sp.log)]
        logs = [f for f in m.args if isinstance(f, sp.log)]
        if len(inv) != 1 or len(logs) != 1:
            return m
        rest = [f for f in m.args if f is not inv[0] and f is not logs[0]]
        return sp.Mul(*rest, LogBase(logs[0].args[0], inv[0].base.args[0]), evaluate=False)

    e = e.replace(lambda m: isinstance(m, sp.log) and len(m.args) == 2, lambda m: LogBase(*m.args))
    return e.replace(lambda m: isinstance(m, sp.Mul), rebase)


def tex_of(e, bases: bool = True) -> str:
    """LaTeX as a teacher writes it: ln for the natural log, log_b for other bases, a two-sided limit as lim."""
    e = sp.sympify(e)
    return two_sided(sp.latex(log_bases(e) if bases else e, ln_notation=True))


def written_tex(e, order: str | None = "none", names: dict | None = None) -> str:
    """LaTeX of an expression as it was written (terms in their order; with `order=None` in sympy's): ln, log_b
    for a two-argument log, -c rather than (-1) c, no stray factor 1, a two-sided limit without 0^+."""
    s = sp.latex(_two_arg_logs(e), order=order, ln_notation=True, symbol_names=names or {})
    s = re.sub(r"\\left\(-1\\right\) ", "-", s)
    s = re.sub(r"(^|[{=(]\s*)1 \\frac\{1\}", r"\1\\frac{1}", s)
    return two_sided(s)


def _two_arg_logs(e):
    """Every log(a, b) as LogBase(a, b), rebuilding nothing else (so the written order survives)."""
    if e.is_Atom or not e.args:
        return e
    if isinstance(e, sp.log) and len(e.args) == 2:
        return LogBase(*e.args)
    args = [_two_arg_logs(a) for a in e.args]
    if args == list(e.args):
        return e
    try:
        return e.func(*args, evaluate=False)
    except TypeError:
        return e.func(*args)


def fold(e, subs: dict):
    """An unevaluated expression with `subs` put in at its leaves and its rational numbers folded: (20 - 0) → 20,
    k·1·20/d → 20 k/d (the number first in a product, in its written place in a sum); nothing else is evaluated,
    so the terms keep the order they were written in."""
    if e.is_Atom or not e.args:
        return subs.get(e, e)
    args = [fold(a, subs) for a in e.args]
    if isinstance(e, (sp.Mul, sp.Add)):
        return _fold_sum_or_product(e.func, args)
    try:
        out = e.func(*args, evaluate=False)
    except TypeError:  # a class without the switch (Piecewise pairs)
        out = e.func(*args)
    return e.func(*args) if all(a.is_Rational for a in args) and e.func(*args).is_Rational else out


def _fold_sum_or_product(func, args):
    nums = [a for a in args if a.is_Rational or a.is_Float]
    rest = [a for a in args if not (a.is_Rational or a.is_Float)]
    value = func(*nums) if nums else None
    if func is sp.Mul:
        lead = [] if value is None or value == 1 else [value]
        parts = lead + rest
    else:
        at = next((i for i, a in enumerate(args) if a.is_Rational or a.is_Float), len(args))
        parts = [a for a in args[:at] if a in rest] + ([value] if value not in (None, 0) else []) + \
            [a for a in args[at:] if a in rest]
    if not parts:
        return func()
    return func(*parts, evaluate=False) if len(parts) > 1 else parts[0]


def two_sided(s: str) -> str:
    """sympy writes a limit as x → 0^+ (its default direction); a teacher's two-sided limit has no sign."""
    return re.sub(r"(\\to [^{}]*?)\^\{?\+\}?\}", r"\1}", s)


def unit_tex(unit: str) -> str:
    """A unit string (m/s^2, Ω, J/(kg K), year) as LaTeX."""
    u = unit.replace("Ω", r"\Omega ").replace("°", r"^\circ ").replace("μ", r"\mu ").strip()
    if re.fullmatch(r"[A-Za-z][A-Za-z ]{3,}", u):
        return rf"\text{{{u}}}"
    return r"\mathrm{" + u.replace(" ", r"\,") + "}"


# ---------------------------------------------------------------------------------------------------------------
# The relation and the request's numbers


@dataclass
class Relation:
    """The entry's relation with its constants in: y = expr(x, p), drawn for each of `values` of p."""

    x: sp.Symbol
    y: str
    p: sp.Symbol
    expr: sp.Expr
    values: list
    lo: float
    hi: float
    user: object = None  # the parameter value the request gave, if any
    at: object = None  # an x value the request gave ("for 10 years"), if any
    used: list[str] = field(default_factory=list)  # what was read from the request, for the reasoning
    shown: object = None  # the relation as written in the catalogue (for the panel), when it parses so


def _variable(entry, name: str):
    """The entry's variable called `name`, if any."""
    return next((v for v in entry.variables if v.symbol == name), None)


def _rate_name(entry, names) -> str | None:
    """The name a bare percentage belongs to: a rate (its meaning says so, or its unit is 1/time)."""
    for name in names:
        v = _variable(entry, name)
        if v and ("rate" in v.meaning or v.unit.startswith("1/") or "efficiency" in v.meaning):
            return name
    return None


def read_request(ask: Ask, names: list[str], xname: str) -> tuple[dict, object, list[str]]:
    """Values for `names` (the parameter first, then the constants) and an x value, from the request: named
    numbers, then a percentage for a rate, then numbers with the unit of a name or of x, then the one number left.
    A number typed with another unit of the same kind ("1 kΩ", "100 μF", "2 L") is converted to the variable's."""
    text, e = ask.params.concept, ask.entry
    units = {n: v.unit for n in [*names, xname] if (v := _variable(e, n)) is not None}
    named = named_in(text, [*names, xname], units)
    got = {k: n.value for k, n in named.items()}
    at = got.pop(xname, None)
    used = [f"{k} = {fmt(n.value)}" + (f" {units[k]} (named: {n.typed})" if n.typed else " (named)")
            for k, n in named.items() if k != xname]
    starts = {n.pos for n in named.values()}
    pending = [n for n in free_numbers(text) if n[1] not in starts]
    rate = _rate_name(e, names)
    for v, pos, after in list(pending):
        if after.lstrip().startswith("%") and rate and rate not in got:
            got[rate] = v / 100
            used.append(f"{rate} = {fmt(v / 100)} (from {fmt(v)}%)")
            pending.remove((v, pos, after))
    at, more = _by_unit(e, pending, got, (names, xname), at)
    used += more
    if len(pending) == 1 and names[0] not in got and at is None and _bare(pending[0][2]):
        got[names[0]] = pending[0][0]
        used.append(f"{names[0]} = {fmt(pending[0][0])} (the number in the request)")
    elif len(pending) == 1 and _bare(pending[0][2]):  # the parameter is known: a lone number of a constant's size
        used += _lone_constant(e, pending[0][0], [n for n in names[1:] if n not in got], got)
    return got, at, used


def _lone_constant(e, v: float, free: list[str], got: dict) -> list[str]:
    """The one constant whose typical value is within ten times of `v` gets it ("compound interest 2000 at 4%":
    P = 2000, not n = 12), written into `got`; what was read, for the reasoning."""
    near = [n for n in free if (var := _variable(e, n)) is not None and var.typical
            and 0.1 <= abs(v / float(var.typical)) <= 10]
    if len(near) != 1:
        return []
    got[near[0]] = v
    return [f"{near[0]} = {fmt(v)} (the number in the request, of {near[0]}'s size)"]


def _bare(after: str) -> bool:
    """Whether a number has no unit after it: "by 10 degrees" or "2 kg" measure something, which is not the
    parameter unless its unit says so."""
    return not (UNIT_AFTER.match(after) or re.match(r"\s*(?:°|degrees?\b|%)", after)
                or any(unit_match(after, u) for u in UNIT_WORDS))


def _by_unit(e, pending, got, names_x, at):
    """Numbers followed by the unit of the parameter, a constant or x (`5730 years`), or by another unit of the
    same kind (`100 μF` for a variable in F, converted): the parameter first."""
    names, xname = names_x
    used = []
    for v, pos, after in list(pending):
        for name in [*names, xname]:
            var = _variable(e, name)
            taken = at is not None if name == xname else name in got
            value = None if var is None or taken else _in_unit(v, after, var.unit)
            if value is None:
                continue
            if name == xname:
                at = value
            else:
                got[name] = value
            typed = f": {fmt(v)} {UNIT_AFTER.match(after).group(1)}" if value != v else ""
            used.append(f"{name} = {fmt(value)} {var.unit} (from the unit{typed})")
            pending.remove((v, pos, after))
            break
    return at, used


def _in_unit(v: float, after: str, unit: str) -> float | None:
    """`v` in `unit` when the text after it names that unit or another of the same kind, else None."""
    if unit_match(after, unit):
        return v
    u = UNIT_AFTER.match(after)
    return convert(v, u.group(1), unit) if u else None


def _scale_free(expr, x, p) -> bool:
    """Whether x enters only as x/p (a half-life, a time constant): then a new p rescales the x range."""
    if p not in expr.free_symbols:
        return False
    return p not in sp.simplify(expr.subs(x, x * p)).free_symbols


def _decays(rel: Relation) -> bool:
    """Whether x sits in an exponent (growth or decay): then x = p is a characteristic time (a half-life)."""
    return any(rel.x in p.exp.free_symbols for p in rel.expr.atoms(sp.Pow)) or \
        any(rel.x in e.free_symbols for e in rel.expr.atoms(sp.exp))


def _values(rel: Relation, settings_values, user) -> list:
    """The request's value first (with the catalogue's values of a comparable size beside it), else the catalogue's."""
    base = [exact_number(v) for v in settings_values]
    if user is None:
        return base
    u = exact_number(user)
    near = [v for v in base if v != u and v != 0 and u != 0 and 1 / 20 < abs(float(v / u)) < 20]
    near.sort(key=lambda v: abs(math.log(abs(float(v / u)))))
    return sorted([u, *near[:2]], key=float)


def relation(ask: Ask) -> Relation:
    """The entry's relation with the request's numbers put in (named, percent, unit, or the one left over)."""
    s, e = ask.settings, ask.entry
    consts = dict(s.get("constants", {}))
    names = [s["param"], *consts]
    got, at, used = _log_request(ask) or read_request(ask, names, s["x"])
    raw = sympy_of(e, s["expr"], (s["x"], s["param"], *consts))
    through, solved = _through_points(ask, raw, consts, got)
    used += through
    at = ask.params.vectors[1][0] if solved and at is None else at  # the second point is marked on the curve
    consts.update({k: v for k, v in got.items() if k in consts})
    x, p = sp.Symbol(s["x"], real=True), sp.Symbol(s["param"], real=True)
    sym = {sp.Symbol(s["x"]): x, sp.Symbol(s["param"]): p}
    expr = raw.subs({sp.Symbol(k): exact_number(v) for k, v in consts.items()}).subs(sym)
    base = raw.subs({sp.Symbol(k): exact_number(v) for k, v in s.get("constants", {}).items()}).subs(sym)
    lo, hi = (float(v) for v in s["x_range"])
    rel = Relation(x, s["y"], p, expr, [], lo, hi, got.get(s["param"]), at, used)
    rel.shown = _written(ask, consts)
    # the one curve through the points, no others beside it
    rel.values = [exact_number(rel.user)] if solved else _values(rel, s["param_values"], rel.user)
    _fit_range(rel, s["param_values"], base)
    return rel


LOG_OF = (re.compile(rf"log(?:arithm)?\s*(?:base\s*|_\s*\{{?)({NUM})\}}?\s*(?:of\s*)?\(?\s*({NUM})", re.I),
          re.compile(rf"\blog({NUM})\s*\(?\s*({NUM})\b", re.I))  # "log base 2 of 32", "log_2(32)", "log2 32"


def _log_request(ask: Ask) -> tuple[dict, float, list[str]] | None:
    """For y = log_b(x): the base and the number of "log base 2 of 32" (b = 2, and x = 32 is marked), as
    read_request returns them; None for any other request or relation."""
    s = ask.settings
    if s["expr"].replace(" ", "") != f"log({s['x']},{s['param']})":
        return None
    for rx in LOG_OF:
        m = rx.search(ask.params.concept)
        if m and float(m.group(1)) > 0 and float(m.group(1)) != 1 and float(m.group(2)) > 0:
            b, x = float(m.group(1)), float(m.group(2))
            return {s["param"]: b}, x, [f"{s['param']} = {fmt(b)}, {s['x']} = {fmt(x)} (log base {fmt(b)} of {fmt(x)})"]
    return None


def _through_points(ask: Ask, raw, consts: dict, got: dict) -> tuple[list[str], bool]:
    """The parameter and one free constant that put the curve through the request's two points ("the line through
    (1, 2) and (3, 8)": m = 3, b = −1), written into `got`; (what was found, for the reasoning; whether solved)."""
    s = ask.settings
    pts = [v for v in ask.params.vectors if len(v) == 2]
    free = [s["param"], *(c for c in consts if c not in got)][:2]
    if len(pts) != 2 or s["param"] in got or len(free) < 2:
        return [], False
    known = raw.subs({sp.Symbol(k): exact_number(v) for k, v in {**consts, **got}.items() if k not in free})
    eqs = [sp.Eq(known.subs(sp.Symbol(s["x"]), exact_number(px)), exact_number(py)) for px, py in pts]
    try:
        sols = [sol for sol in sp.solve(eqs, [sp.Symbol(f) for f in free], dict=True)
                if len(sol) == len(free) and all(v.is_real for v in sol.values())]
    except (NotImplementedError, TypeError, ValueError):
        return [], False
    where = " and ".join(f"({fmt(px)}, {fmt(py)})" for px, py in pts)
    if len(sols) != 1:
        return [f"no curve {s['y']} = {sp.sstr(raw)} passes through {where} for one value of {' and '.join(free)}: "
                "the catalogue's values are shown"], False
    got.update({str(k): v for k, v in sols[0].items()})
    return [", ".join(f"{k} = {fmt(v)}" for k, v in sols[0].items()) + f" (the curve through {where})"], True


def _written(ask: Ask, consts: dict):
    """The relation as the catalogue writes it (x^2 + 2x + c, p_0 + ρ g h), with the constants' values in."""
    s = ask.settings
    text = s["expr"]
    local = symbols(ask.entry, (s["x"], s["param"], *consts), text)
    try:
        e = parse_expr(text, local_dict=dict(local), evaluate=False)
    except Exception:  # noqa: BLE001 - keep sympy's own form
        return None
    shown = {k: sp.Integer(v) if float(v).is_integer() else sp.Float(repr(float(v))) for k, v in consts.items()}
    return fold(e, {sp.Symbol(k): v for k, v in shown.items()})


def _fit_range(rel: Relation, settings_values, base) -> None:
    """Stretch x to the request: a decay whose time scale the request changed (a half-life, or R = 1 kΩ and
    C = 100 μF: τ = 0.1 s where the catalogue's was 2 s) gets its own axis, as does a half-life far from the
    catalogue's (x/T is what matters); `for 20 years` ends the axis there. `base` is the relation with the
    catalogue's constants."""
    k = _scale_ratio(rel, base, settings_values)
    if k is None and rel.user is not None and rel.values == [exact_number(rel.user)] and \
            _scale_free(rel.expr, rel.x, rel.p):
        mid = _middle(settings_values)
        k = float(rel.user) / mid if mid > 0 and float(rel.user) > 0 else None
    if k is not None:
        rel.lo, rel.hi = rel.lo * k, rel.hi * k
    if rel.at is not None and float(rel.at) > rel.hi and float(rel.at) > rel.lo:
        rel.hi = float(rel.at)


def _middle(values) -> float:
    return sorted(float(v) for v in values)[len(values) // 2]


def _scale_ratio(rel: Relation, base, settings_values) -> float | None:
    """How much longer the request's decay takes than the catalogue's (middle curves compared), when that is more
    than twice or less than half; else None."""
    a = _decay_scale(base.subs(rel.p, _middle(settings_values)), rel.x)
    b = _decay_scale(rel.expr.subs(rel.p, _middle(rel.values)), rel.x)
    return b / a if a and b and not 0.5 <= b / a <= 2 else None


def _decay_scale(e, x) -> float | None:
    """1/|rate| of the first exponential in x whose exponent is linear in x (e^(−t/RC), 2^(−t/T)): the x distance
    over which the curve changes; None when there is none."""
    for a in (*e.atoms(sp.exp), *e.atoms(sp.Pow)):
        arg, base = (a.args[0], sp.E) if isinstance(a, sp.exp) else (a.exp, a.base)
        if x not in arg.free_symbols or base.free_symbols:
            continue
        rate = sp.diff(arg, x) * sp.log(base)
        if rate.is_number and rate.is_real and rate != 0:
            return 1 / abs(float(rate))
    return None


# ---------------------------------------------------------------------------------------------------------------
# Sampling and the axes


def sample(e, x, lo: float, hi: float, log: bool = False, n: int = 801):
    """xs and e(xs) on [lo, hi] (log-spaced when `log`); NaN where e is not real and finite."""
    xs = np.logspace(math.log10(lo), math.log10(hi), n) if log else np.linspace(lo, hi, n)
    with np.errstate(all="ignore"):
        try:
            v = np.asarray(sp.lambdify(x, e, "numpy")(xs), dtype=complex) * np.ones_like(xs)
        except Exception:  # noqa: BLE001 - numpy cannot evaluate it: undefined everywhere
            v = np.full(xs.shape, np.nan, dtype=complex)
    ok = np.isfinite(v) & (np.abs(v.imag) < 1e-9 * np.maximum(1.0, np.abs(v.real)))
    return xs, np.where(ok, v.real, np.nan)


def power_scale(m: float) -> float:
    """A power of ten that brings axis numbers of size m into a readable 0.01–10000 (at most two digits
    before the point once scaled)."""
    if m == 0 or not math.isfinite(m) or 1e-2 <= m < 1e4:
        return 1.0
    k = math.floor(math.log10(m))
    return 10.0 ** (k - 1 if m >= 1e4 else k)


@dataclass
class Canvas:
    """The axes: data → axis units (a power of ten per axis, or log10 for x), ranges with steps."""

    sx: float
    sy: float
    log: bool
    xr: list
    yr: list

    def X(self, v) -> float:  # noqa: N802 - the axis coordinate of data x
        return cv_x(float(v), self.sx, self.log)

    def Y(self, v) -> float:  # noqa: N802 - the axis coordinate of data y
        return float(v) / self.sy

    def inside(self, y) -> bool:
        return self.yr[0] - 1e-9 <= self.Y(y) <= self.yr[1] + 1e-9


def y_window(ys: np.ndarray, must=()) -> tuple[float, float]:
    """A y interval holding most of the samples (poles cut off), the `must` values and, when near, zero."""
    finite = ys[np.isfinite(ys)]
    lo, hi = (np.percentile(finite, 2), np.percentile(finite, 98)) if finite.size else (-1.0, 1.0)
    if finite.size and np.max(np.abs(finite)) > 50 * (np.median(np.abs(finite)) + 1e-12):  # a pole: fence it off
        q1, q3 = np.percentile(finite, 25), np.percentile(finite, 75)
        lo, hi = max(lo, q1 - 3 * (q3 - q1)), min(hi, q3 + 3 * (q3 - q1))
    lo, hi = min([lo, *must]), max([hi, *must])
    if 0 < lo < 0.5 * hi:
        lo = 0.0
    elif 0.5 * lo < hi < 0:
        hi = 0.0
    span = hi - lo if hi > lo else max(abs(hi), 1.0)
    return (lo - (0.06 * span if lo != 0 else 0), hi + 0.08 * span)


def canvas(rel: Relation, samples: list, must=(), ylim=None) -> Canvas:
    """Axes for the relation's x range and the sampled curves (or the y limits a highlight asks for)."""
    log = rel.lo > 0 and rel.hi / rel.lo >= 1e4
    sx = 1.0 if log else power_scale(max(abs(rel.lo), abs(rel.hi)))
    lo, hi = y_window(np.array(ylim, dtype=float) if ylim else np.concatenate(samples) if samples else np.array([]),
                      must)
    sy, yr = y_axis(lo, hi)
    return Canvas(sx, sy, log, x_axis(cv_x(rel.lo, sx, log), cv_x(rel.hi, sx, log)), yr)


def y_axis(lo: float, hi: float) -> tuple[float, list]:
    """The power-of-ten scale and [start, end, step] (scaled) of a y axis from lo to hi."""
    sy = power_scale(max(abs(lo), abs(hi)))
    step = nice_step((hi - lo) / sy, 7)
    return sy, [_r(math.floor(lo / sy / step + 1e-9) * step), _r(math.ceil(hi / sy / step - 1e-9) * step), step]


def cv_x(v: float, sx: float, log: bool) -> float:
    """Data x in axis units."""
    return math.log10(v) if log else v / sx


def x_axis(x0: float, x1: float) -> list:
    """[start, end, step]: ticks from the range's own start when it is on a round step, else from the step below."""
    step = nice_step(x1 - x0, 7)
    for cand in (step, step / 2, step / 5):
        if abs(x0 / cand - round(x0 / cand)) < 1e-9 and (x1 - x0) / cand <= 12:
            return [_r(x0), _r(x1), _r(cand) if cand < 1 else int(round(cand)) if cand == int(cand) else _r(cand)]
    return [_r(math.floor(x0 / step + 1e-9) * step), _r(x1), step]


def _r(v: float) -> float:
    return round(float(v), 6)


def breakpoints(e, x) -> list[float]:
    """Where a piecewise relation changes formula (x < 1 → 1)."""
    out = []
    for pw in e.atoms(sp.Piecewise):
        for _, cond in pw.args:
            if isinstance(cond, sp.core.relational.Relational) and cond.lhs == x and cond.rhs.is_number:
                out.append(float(cond.rhs))
    return sorted(set(out))


def segments(e, rel: Relation, cv: Canvas) -> list[list[float]]:
    """The axis-unit x intervals where the curve is defined and inside the y range (split at jumps)."""
    cuts = [rel.lo, *[b for b in breakpoints(e, rel.x) if rel.lo < b < rel.hi], rel.hi]
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        xs, ys = sample(e, rel.x, a, b, cv.log, 400)
        ok = np.isfinite(ys) & (ys / cv.sy >= cv.yr[0] - 1e-9) & (ys / cv.sy <= cv.yr[1] + 1e-9)
        out += [[_r(cv.X(xs[i])), _r(cv.X(xs[j]))] for i, j in runs(ok) if j > i + 1]
    return out


def runs(ok) -> list[tuple[int, int]]:
    """(first, last) index of every run of True in ok."""
    out, start = [], None
    for i, flag in enumerate([*ok, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            out.append((start, i - 1))
            start = None
    return out


def clip_polyline(pts, cv: Canvas, dense: int = 60) -> list[list[list[float]]]:
    """A data-unit polyline as axis-unit pieces inside the axes (straight pieces are cut where they leave)."""
    fine = []
    for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
        fine += [(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t) for t in np.linspace(0, 1, dense)]
    fine = fine or list(pts)
    ok = [cv.inside(y) and (cv.log is False or x > 0) for x, y in fine]
    return [[[_r(cv.X(fine[k][0])), _r(cv.Y(fine[k][1]))] for k in range(i, j + 1)] for i, j in runs(ok) if j > i]


# ---------------------------------------------------------------------------------------------------------------
# Curves and highlights (data units; converted to axis units when the scene is written)


@dataclass(frozen=True)
class Curve:
    """One drawn curve: the parameter value, y as a function of x alone, its legend label and colour."""

    value: object
    f: sp.Expr
    label: str
    color: int


@dataclass
class Marks:
    """What a highlight adds to the scene; positions in data units."""

    marks: list = field(default_factory=list)  # [x, y, colour, hollow, guides]
    lines: list = field(default_factory=list)  # [points, colour, dashed, replace the previous line]
    areas: list = field(default_factory=list)  # [p, a, b, colour, [p of the lower curve] or []]
    approach: list = field(default_factory=list)  # [p, x0, start distance, colour]
    bisect: list = field(default_factory=list)  # [a, b] brackets
    extra: list = field(default_factory=list)  # [points, colour, label]: reference curves (dashed)
    ode: object = None  # a slope field dy/dx = ode(x, y)
    info: list = field(default_factory=list)  # LaTeX lines for the panel (and the notes)
    must: list = field(default_factory=list)  # y values that must be visible
    ylim: tuple | None = None  # (low, high) of y, when the highlight knows better than the samples
    values: dict = field(default_factory=dict)
    shots: list = field(default_factory=list)


def curves_of(rel: Relation) -> list[Curve]:
    """One curve per parameter value (the request's value in yellow); a parameter that is not in the relation
    (a tangent point) gives one curve."""
    if rel.p not in rel.expr.free_symbols:
        return [Curve(0, rel.expr, f"{tex_of(sp.Symbol(rel.y))} = {tex_of(rel.expr)}", 0)]
    out = []
    for i, v in enumerate(rel.values):
        mine = rel.user is not None and v == exact_number(rel.user)
        out.append(Curve(v, rel.expr.subs(rel.p, v), f"{tex_of(rel.p)} = {fmt_tex(v)}", USER if mine else i % 5))
    return out


def roots_in(e, x, a: float, b: float) -> list:
    """The zeros of e strictly inside (a, b), exact where sympy finds them, else numeric."""
    try:
        sol = sp.solveset(e, x, sp.Interval.open(a, b))
        if isinstance(sol, sp.FiniteSet) and all(s.is_real for s in sol):
            return sorted(sol, key=float)
    except Exception:  # noqa: BLE001 - sympy gives up: look numerically
        pass
    xs, ys = sample(e, x, a, b, n=600)
    out = []
    for i in range(len(xs) - 1):
        if np.isfinite(ys[i]) and np.isfinite(ys[i + 1]) and ys[i] * ys[i + 1] < 0:
            out.append(sp.Float(sp.nsolve(e, x, (xs[i], xs[i + 1]), solver="bisect"), 8))
    return out


def _interval(rel: Relation, s: dict, inset: float = 0.0) -> tuple:
    """The entry's `interval`, or the x range (pulled in by `inset` of its width on each side)."""
    if "interval" in s:
        return tuple(exact_number(v) for v in s["interval"])
    w = (rel.hi - rel.lo) * inset
    return tuple(pi_multiple(v) for v in (rel.lo + w, rel.hi - w))


def pi_multiple(v: float):
    """v as an exact multiple of π/4 when it is one to 4 digits (3.1416 → π), else as a number."""
    k = round(v / math.pi * 4)
    if k and abs(v - k * math.pi / 4) < 1e-4 * max(1.0, abs(v)):
        return sp.Rational(k, 4) * sp.pi
    return exact_number(round(v, 6))


def tidy(v):
    """The shorter of v and its simplification (100 log(5/2) stays so, not log of a 70-digit fraction)."""
    try:
        w = sp.simplify(v)
    except Exception:  # noqa: BLE001 - keep v as sympy gave it
        return v
    return w if len(sp.latex(w)) < len(sp.latex(v)) else v


def side_limit(f, x, b, side: str):
    """The one-sided limit at b; a piecewise f by the piece that holds on that side (sympy's own limit of a
    Piecewise at its break is not reliable)."""
    if isinstance(f, sp.Piecewise):
        probe = float(b) + (-1e-9 if side == "-" else 1e-9)
        for piece, cond in f.args:
            if cond is sp.true or bool(cond.subs(x, probe)):
                return sp.limit(piece, x, b, side)
    return sp.limit(f, x, b, side)


def _approx(v) -> str:
    """ \\approx 1.234 when v is not shown exactly by its LaTeX."""
    v = sp.sympify(v)
    return "" if v.is_Integer or v.is_Float or not v.is_number or not v.is_finite else rf" \approx {fmt(v)}"


def hl_approach(rel, curves, s, hl):
    """Points sliding along each curve towards x = point; the limit marked by an open circle."""
    x0 = exact_number(s.get("point", 0))
    for c in curves:
        lim = sp.limit(c.f, rel.x, x0)
        if not lim.is_finite:
            continue
        hl.approach.append([c.value, x0, _approach_start(c.f, rel, x0, lim), c.color])
        hl.marks.append([x0, lim, c.color, True, False])
        hl.must.append(lim)
        hl.info.append(rf"{c.label}:\ \lim_{{{tex_of(rel.x)} \to {tex_of(x0)}}} {tex_of(c.f)} = {tex_of(lim)}")
    hl.shots.append(f"points slide along each curve towards x = {fmt(x0)}; the limit is marked by an open circle")


def _approach_start(f, rel: Relation, x0, lim) -> float:
    """How far from x0 the sliding points start: far, but where the curve is clear of the x axis and its numbers."""
    xs, ys = sample(f, rel.x, rel.lo, rel.hi)
    span = np.nanmax(ys) - np.nanmin(ys) if np.isfinite(ys).any() else 1.0
    for d in np.linspace(0.35, 0.08, 12) * (rel.hi - rel.lo):
        ends = [f.subs(rel.x, x0 + k * d) for k in (-1, 1)]
        if all(v.is_real and abs(float(v)) > 0.25 * span for v in ends):
            return float(d)
    return 0.08 * (rel.hi - rel.lo)


def hl_jump(rel, curves, s, hl):
    """Left and right limits at the break of a piecewise relation: continuous or a jump."""
    bps = breakpoints(rel.expr, rel.x)
    if not bps:
        raise Unsupported("no break point")
    b = exact_number(bps[0])
    for c in curves:
        left, right, at = side_limit(c.f, rel.x, b, "-"), side_limit(c.f, rel.x, b, "+"), c.f.subs(rel.x, b)
        hl.marks.append([b, at, c.color, False, False])
        hl.values.setdefault("limits", []).append((c.value, left, right, at))
        if left != at:
            hl.marks.append([b, left, c.color, True, False])
        word = r"\text{continuous}" if left == right == at else r"\text{jump}"
        hl.info.append(rf"{c.label}:\ \lim_{{x \to {tex_of(b)}^-}} f = {tex_of(left)},\ "
                       rf"\lim_{{x \to {tex_of(b)}^+}} f = {tex_of(right)}\ ({word})")
    hl.shots.append(f"the one-sided limits at x = {fmt(b)}: equal (continuous) or not (a jump)")


def hl_tangent(rel, curves, s, hl):
    """The tangent line (linear approximation) at each parameter value a."""
    f, w = curves[0].f, 0.3 * (rel.hi - rel.lo)
    for i, a in enumerate(rel.values):
        fa, m = sp.simplify(f.subs(rel.x, a)), sp.simplify(sp.diff(f, rel.x).subs(rel.x, a))
        color = USER if rel.user is not None and a == exact_number(rel.user) else (i + 1) % 5
        hl.lines.append([[(a - w, fa - m * w), (a + w, fa + m * w)], color, False, False])
        hl.marks.append([a, fa, color, False, False])
        hl.info.append(rf"{tex_of(rel.p)} = {fmt_tex(a)}:\ L(x) = {tex_of(fa)} + {tex_of(m)}(x - {tex_of(a)})")
    hl.shots.append("the tangent line L(x) = f(a) + f'(a)(x - a) at each point a")


def hl_maximum(rel, curves, s, hl):
    """The highest point of each curve (where the derivative is zero), with guides to the axes."""
    for c in curves:
        crit = roots_in(sp.diff(c.f, rel.x), rel.x, rel.lo, rel.hi)
        if not crit:
            continue
        xm = max(crit, key=lambda r: float(c.f.subs(rel.x, r)))
        ym = sp.nsimplify(sp.simplify(c.f.subs(rel.x, xm)))
        hl.marks.append([xm, ym, c.color, False, True])
        hl.values.setdefault("maxima", []).append((c.value, xm, ym))
        hl.ylim = (0, max(float(ym), hl.ylim[1] if hl.ylim else 0)) if float(ym) > 0 else hl.ylim
        hl.info.append(rf"{c.label}:\ \max {tex_of(sp.Symbol(rel.y))} = {tex_of(ym)}{_approx(ym)}"
                       rf"\ \text{{at}}\ {tex_of(rel.x)} = {tex_of(xm)}")
    hl.shots.append("the maximum of each curve, where the derivative is zero")


def hl_inflection(rel, curves, s, hl):
    """Where the second derivative changes sign (concavity changes)."""
    for c in curves:
        f2 = sp.simplify(sp.diff(c.f, rel.x, 2))
        pts = [r for r in roots_in(f2, rel.x, rel.lo, rel.hi) if sp.diff(c.f, rel.x, 3).subs(rel.x, r) != 0]
        for r in pts[:1]:
            hl.marks.append([r, c.f.subs(rel.x, r), c.color, False, True])
            hl.info.append(rf"{c.label}:\ f''(x) = {tex_of(f2)} = 0\ \text{{at}}\ x = {tex_of(r)}")
    hl.shots.append("the inflection points, where f'' = 0 and changes sign")


def hl_mean_value(rel, curves, s, hl):
    """The secant over [a, b] and the tangent parallel to it at c (the mean value theorem)."""
    a, b = _interval(rel, s)
    f, x = curves[0].f, rel.x
    fa, fb = f.subs(x, a), f.subs(x, b)
    m = sp.simplify((fb - fa) / (b - a))
    cs = roots_in(sp.diff(f, x) - m, x, float(a), float(b))
    if not cs:
        raise Unsupported("no point c")
    c, w = cs[0], 0.3 * float(b - a)
    fc = f.subs(x, c)
    hl.lines.append([[(a, fa), (b, fb)], 2, False, False])
    hl.lines.append([[(c - w, fc - m * w), (c + w, fc + m * w)], USER, False, False])
    hl.marks += [[a, fa, 2, False, False], [b, fb, 2, False, False], [c, fc, USER, False, True]]
    hl.values.update(c=c, slope=m)
    hl.info += [rf"\frac{{f({tex_of(b)}) - f({tex_of(a)})}}{{{tex_of(b)} - {tex_of(a)}}} = {tex_of(m)}",
                rf"f'(c) = {tex_of(m)}\ \text{{at}}\ c = {tex_of(c)}"]
    hl.shots.append("the secant over [a, b], then the parallel tangent at c")


def hl_horizontal(rel, curves, s, hl):
    """Rolle: equal values at a and b, and a horizontal tangent at some c between."""
    a, b = _interval(rel, s)
    for cv in curves:
        for c in roots_in(sp.diff(cv.f, rel.x), rel.x, float(a), float(b))[:1]:
            fc, w = cv.f.subs(rel.x, c), 0.25 * float(b - a)
            hl.lines.append([[(c - w, fc), (c + w, fc)], cv.color, False, False])
            hl.marks.append([c, fc, cv.color, False, True])
            hl.info.append(rf"{cv.label}:\ f({tex_of(a)}) = f({tex_of(b)}) = {tex_of(cv.f.subs(rel.x, a))},\ "
                           rf"f'({tex_of(c)}) = 0")
    hl.shots.append("f(a) = f(b), and the horizontal tangent at c between them")


def hl_bisection(rel, curves, s, hl):
    """A sign change on [a, b] and six halvings of the bracket around the root."""
    a, b = _interval(rel, s)
    f, x = curves[0].f, rel.x
    fa, fb = f.subs(x, a), f.subs(x, b)
    if fa * fb >= 0:
        raise Unsupported("no sign change")
    lo, hi, brackets = sp.sympify(a), sp.sympify(b), []
    for _ in range(7):
        brackets.append([lo, hi])
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if f.subs(x, lo) * f.subs(x, mid) <= 0 else (mid, hi)
    root = roots_in(f, x, float(a), float(b))[0]
    hl.bisect, hl.values["root"] = brackets, root
    hl.marks.append([root, 0, USER, False, False])
    hl.info += [rf"f({tex_of(a)}) = {tex_of(fa)} < 0 < f({tex_of(b)}) = {tex_of(fb)}" if fa < 0 else
                rf"f({tex_of(a)}) = {tex_of(fa)} > 0 > f({tex_of(b)}) = {tex_of(fb)}",
                rf"c \in [{fmt(brackets[-1][0])}, {fmt(brackets[-1][1])}],\ c \approx {fmt(root, 6)}"]
    hl.shots.append("a sign change on [a, b], then the bracket halved six times around the root")


def hl_fill_between(rel, curves, s, hl):
    """The area between the first two curves, computed exactly."""
    if len(curves) < 2:
        raise Unsupported("one curve")
    a, b = _interval(rel, s)
    top, low = curves[:2]
    mid = (a + b) / 2
    if top.f.subs(rel.x, mid) < low.f.subs(rel.x, mid):
        top, low = low, top
    area = tidy(sp.integrate(top.f - low.f, (rel.x, a, b)))
    hl.areas.append([top.value, a, b, top.color, [low.value]])
    hl.values["area"] = area
    hl.info.append(rf"A = \int_{{{tex_of(a)}}}^{{{tex_of(b)}}} \left({tex_of(top.f)} - {tex_of(low.f)}\right)dx"
                   rf" = {tex_of(area)}{_approx(area)}")
    hl.shots.append("the region between the two curves, shaded, with its exact area")


def hl_area_to_infinity(rel, curves, s, hl):
    """The area under each curve from the left end on, and the improper integral to infinity."""
    a = exact_number(rel.lo)
    for c in curves:
        total = sp.integrate(c.f, (rel.x, a, sp.oo))
        hl.areas.append([c.value, a, rel.hi, c.color, []])
        hl.values.setdefault("integrals", []).append((c.value, total))
        word = r"\ \text{(diverges)}" if total == sp.oo else ""
        hl.info.append(rf"{c.label}:\ \int_{{{tex_of(a)}}}^{{\infty}} {tex_of(c.f)}\,dx = {tex_of(total)}{word}")
    hl.shots.append("the area under each curve, extending to infinity: finite or not")


def hl_average(rel, curves, s, hl):
    """The area under the curve and the rectangle of the same area: the average height."""
    a, b = _interval(rel, s)
    c = curves[0]
    mean = tidy(sp.integrate(c.f, (rel.x, a, b)) / (b - a))
    hl.areas.append([c.value, a, b, c.color, []])
    hl.lines.append([[(a, mean), (b, mean)], USER, True, False])
    hl.must.append(mean)
    hl.values["mean"] = mean
    hl.info.append(rf"\bar f = \frac{{1}}{{{tex_of(b - a)}}}\int_{{{tex_of(a)}}}^{{{tex_of(b)}}} {tex_of(c.f)}\,dx"
                   rf" = {tex_of(mean)}{_approx(mean)}")
    hl.shots.append("the area under the curve, then the average height as a dashed line")


def hl_polygon(rel, curves, s, hl):
    """Chords with 1, 2, 4, 8 pieces: their lengths approach the arc length."""
    a, b = _interval(rel, s)
    f, x = curves[0].f, rel.x
    arc = sp.Integral(sp.sqrt(1 + sp.diff(f, x) ** 2), (x, a, b)).evalf(8)
    for k, n in enumerate((1, 2, 4, 8)):
        pts = [(a + (b - a) * sp.Rational(i, n), f.subs(x, a + (b - a) * sp.Rational(i, n))) for i in range(n + 1)]
        length = sum(sp.sqrt((p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2) for p, q in zip(pts, pts[1:], strict=False))
        hl.lines.append([pts, USER, False, k > 0])
        hl.values.setdefault("chords", []).append((n, sp.N(length, 8)))
    hl.values["arc_length"] = arc
    n, last = hl.values["chords"][-1]
    hl.info += [rf"n = {n}:\ L_{{{n}}} \approx {fmt(last, 5)}",
                rf"L = \int_{{{tex_of(a)}}}^{{{tex_of(b)}}} \sqrt{{1 + y'^2}}\,dx \approx {fmt(arc, 5)}"]
    hl.shots.append("polygons of 1, 2, 4 and 8 chords; their length approaches the arc length")


def hl_slope_field(rel, curves, s, hl):
    """The slope field of the ODE under the solution curves, each checked to solve it."""
    y = sp.Symbol("y", real=True)
    g = sp.sympify(s["ode"], locals={"x": rel.x, "y": y})
    hl.ode = g
    ok = all(sp.simplify(sp.diff(c.f, rel.x) - g.subs(y, c.f)) == 0 for c in curves)
    hl.info.append(rf"\frac{{dy}}{{dx}} = {tex_of(g)}" + (r"\ \checkmark\ \text{every curve}" if ok else ""))
    hl.shots.append(f"the slope field of dy/dx = {g}, then the solution curves following it")


def hl_work(rel, curves, s, hl):
    """The work W = ∫ P dV as the area under the curve between two volumes."""
    w = 0.2 * (rel.hi - rel.lo)
    a, b = _interval(rel, s) if "interval" in s else (exact_number(_nice(rel.lo + w)), exact_number(_nice(rel.hi - w)))
    c = curves[-1]
    for cv in curves:
        w = tidy(sp.integrate(cv.f, (rel.x, a, b)))
        hl.values.setdefault("work", []).append((cv.value, w))
        hl.info.append(rf"{cv.label}:\ W = \int_{{{tex_of(a)}}}^{{{tex_of(b)}}} {tex_of(sp.Symbol(rel.y))}\,"
                       rf"d{tex_of(rel.x)} = {tex_of(w)}{_approx(w)}")
    hl.areas.append([c.value, a, b, c.color, []])
    hl.shots.append("the work as the area under the curve between two volumes")


def _nice(v: float) -> float:
    """v rounded to two significant digits."""
    return float(f"{v:.2g}")


def hl_peaks(rel, curves, s, hl):
    """The peak of each curve, found numerically, and the product x_peak · p (Wien's constant)."""
    products = []
    for c in curves:
        xs, ys = sample(c.f, rel.x, rel.lo, rel.hi)
        i = int(np.nanargmax(ys))
        xm = sp.Float(sp.nsolve(sp.diff(c.f, rel.x), rel.x, xs[i]), 6)
        hl.marks.append([xm, c.f.subs(rel.x, xm), c.color, False, True])
        products.append(xm * c.value)
        hl.info.append(rf"{c.label}:\ {tex_of(rel.x)}_{{\max}} \approx {fmt(xm)}")
    hl.values["peak_products"] = products
    hl.info.append(rf"{tex_of(rel.x)}_{{\max}} \cdot {tex_of(rel.p)} \approx {fmt(sum(products) / len(products))}")
    hl.shots.append("the peak of each curve moves left as the parameter grows; their product stays the same")


def hl_primepi(rel, curves, s, hl):
    """The prime-counting staircase π(x) beside x / ln x."""
    lo, hi = int(math.ceil(rel.lo)), int(rel.hi)
    pts, count = [(lo, sp.primepi(lo))], int(sp.primepi(lo))
    for q in sp.primerange(lo + 1, hi + 1):
        pts += [(q, count), (q, count + 1)]
        count += 1
    pts.append((hi, count))
    hl.extra.append([pts, USER, r"\pi(x)"])
    approx = hi / sp.log(hi)
    hl.values.update(primepi=count, estimate=approx)
    hl.info += [rf"\pi({hi}) = {count}", rf"\frac{{{hi}}}{{\ln {hi}}} \approx {fmt(approx)}"]
    hl.shots.append("the staircase of the prime-counting function beside x / ln x")


def hl_compare(rel, curves, s, hl):
    """Reference curves (the settings' `compare`), dashed."""
    for i, text in enumerate(s.get("compare", [])):
        e = sp.sympify(text, locals={rel.x.name: rel.x})
        xs, ys = sample(e, rel.x, rel.lo, rel.hi, n=120)
        pts = [(a, b) for a, b in zip(xs, ys, strict=False) if np.isfinite(b)]
        hl.extra.append([pts, (len(curves) + i) % 5, tex_of(e)])
    hl.shots.append("reference curves for comparison, dashed")


def hl_at(rel, curves, s, hl):
    """The value of each curve at the x the request gave (`for 10 years`)."""
    at = exact_number(rel.at)
    for c in curves:
        v = sp.nsimplify(c.f.subs(rel.x, at)) if not c.f.has(sp.Float) else c.f.subs(rel.x, at)
        hl.marks.append([at, v, c.color, False, True])
        hl.values.setdefault("at_values", []).append((c.value, at, v))
        hl.info.append(rf"{c.label}:\ {tex_of(sp.Symbol(rel.y))}({fmt_tex(at)}) = {fmt_tex(sp.N(v))}")
    hl.shots.append(f"the value of each curve at {rel.x} = {fmt(at)}")


def hl_heating(rel, curves, s, hl):
    """The plateaus of a heating curve (the relation's flat piece) and the heat each one takes."""
    for c in curves:
        bps = breakpoints(c.f, rel.x)
        if len(bps) >= 2:
            level = c.f.subs(rel.x, (bps[0] + bps[1]) / 2)
            hl.info.append(rf"{c.label}:\ \text{{plateau at}}\ {tex_of(sp.Symbol(rel.y))} = {fmt_tex(level)},\ "
                           rf"\Delta {tex_of(rel.x)} = {fmt_tex(bps[1] - bps[0])}")
    ends = [c.f.subs(rel.x, v) for c in curves for v in (rel.lo, rel.hi)]
    hl.ylim = (float(min(ends)), float(min(c.f.subs(rel.x, rel.hi) for c in curves)))
    hl.shots.append("the flat pieces: heat goes in while the temperature stays the same")


def hl_scale(rel, curves, s, hl):
    """Where x equals the parameter (one half-life, one time constant): every curve has the same height there."""
    for c in curves:
        if rel.lo <= float(c.value) <= rel.hi:
            v = tidy(c.f.subs(rel.x, c.value))
            hl.marks.append([c.value, v, c.color, False, True])
            hl.info.append(rf"{c.label}:\ {tex_of(sp.Symbol(rel.y))}({fmt_tex(c.value)}) = {tex_of(v)}{_approx(v)}")
    if hl.marks:
        hl.shots.append(f"at {rel.x} = {rel.p} every curve has fallen (or grown) by the same factor")


SHOWS = {"approach_point": hl_approach, "jump": hl_jump, "tangent_at_param": hl_tangent, "maximum": hl_maximum,
         "inflection": hl_inflection, "secant_and_parallel_tangent": hl_mean_value,
         "horizontal_tangent": hl_horizontal, "bisection": hl_bisection, "fill_between": hl_fill_between,
         "area_to_infinity": hl_area_to_infinity, "average_height": hl_average,
         "polygon_approximation": hl_polygon, "slope_field": hl_slope_field, "work_area_under_path": hl_work,
         "planck_curves_peak": hl_peaks, "compare_primepi": hl_primepi, "heating_curve": hl_heating}


# ---------------------------------------------------------------------------------------------------------------
# The scene


def lit(v) -> str:
    """A Python literal with full precision (parameter values such as 1e-12 must not round to 0)."""
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(lit(i) for i in v) + "]"
    if isinstance(v, bool):
        return repr(v)
    if isinstance(v, int):
        return str(v)
    return repr(float(sp.N(v)))


def fcode(rel: Relation, cv: Canvas) -> str:
    """The relation as a numpy lambda of (x in axis units, p), giving y in axis units."""
    u, q = sp.Symbol("x", real=True), sp.Symbol("p", real=True)
    xdata = 10**u if cv.log else (u * sp.Float(cv.sx) if cv.sx != 1 else u)
    e = rel.expr.subs({rel.x: xdata, rel.p: q}) / (sp.Float(cv.sy) if cv.sy != 1 else 1)
    return "lambda x, p: " + NumPyPrinter().doprint(e).replace("numpy.", "np.")


def axis_label(name: str, unit: str, scale: float, log: bool) -> str:
    """An axis label: the variable, its power-of-ten scale and its unit (log10 of it on a log axis)."""
    if log:
        return rf"\log_{{10}} {name}" + (rf"\ \left({unit_tex(unit)}\right)" if unit else "")
    parts = ([f"10^{{{round(math.log10(scale))}}}"] if scale != 1 else []) + ([unit_tex(unit)] if unit else [])
    return name + (r"\ \left(" + r"\,".join(parts) + r"\right)" if parts else "")


def _unit(ask: Ask, name: str, lo: float, hi: float) -> str:
    """The variable's unit, unless the settings say otherwise (`units`) or its typical value is on another scale."""
    var = _variable(ask.entry, name)
    note = ask.settings.get("units", "")
    m = re.match(rf"{re.escape(name)} in units of (\w+)", note)
    if m:
        return f"units of {m.group(1)}"
    if var is None or not var.unit or note:
        return ""
    big = max(abs(lo), abs(hi)) or 1.0
    if var.typical and not 1e-4 < abs(var.typical) / big < 1e4:
        return ""
    return var.unit


def _usable(curves: list[Curve], rel: Relation) -> list[Curve]:
    """The curves that are real on at least a third of the x range."""
    log = rel.lo > 0 and rel.hi / rel.lo >= 1e4
    return [c for c in curves if np.isfinite(sample(c.f, rel.x, rel.lo, rel.hi, log, 300)[1]).mean() > 0.33]


def _canvas_for(rel: Relation, curves: list[Curve], hl: Marks) -> Canvas:
    """Axes that hold every curve, reference curve and marked point."""
    log = rel.lo > 0 and rel.hi / rel.lo >= 1e4
    ys = [sample(c.f, rel.x, rel.lo, rel.hi, log)[1] for c in curves]
    ys += [np.array([float(p[1]) for p in pts]) for pts, _, _ in hl.extra]
    must = [float(v) for v in hl.must] + [float(m[1]) for m in hl.marks]
    return canvas(rel, ys, must, hl.ylim)


def _slopes(hl: Marks, rel: Relation, cv: Canvas) -> list:
    """Slope marks of the ODE on a 13 × 9 grid (axis units)."""
    if hl.ode is None:
        return []
    y = sp.Symbol("y", real=True)
    g = sp.lambdify((rel.x, y), hl.ode, "math")
    out = []
    for gx in np.linspace(cv.xr[0], cv.xr[1], 15)[1:-1]:
        for gy in np.linspace(cv.yr[0], cv.yr[1], 11)[1:-1]:
            s = g(gx * cv.sx, gy * cv.sy) * cv.sx / cv.sy
            out.append([_r(gx), _r(gy), _r(s)])
    return out


def _wiggles(e, rel: Relation, cv: Canvas) -> int:
    """How many times the curve turns on the range (an oscillation needs more plot points)."""
    ys = sample(e, rel.x, rel.lo, rel.hi, cv.log, 2000)[1]
    d = np.diff(ys[np.isfinite(ys)])
    return int(np.sum(np.sign(d[1:]) * np.sign(d[:-1]) < 0))


def _span(a, b, segs) -> list[float]:
    """[a, b] (axis units) cut to where the curve is drawn."""
    inside = [s for s in segs if s[1] > a and s[0] < b]
    return [max(a, inside[0][0]), min(b, inside[-1][1])] if inside else [a, b]


def _constants(rel: Relation, curves: list[Curve], hl: Marks, cv: Canvas) -> dict[str, str]:
    """The scene's data constants (axis units) as Python literals."""
    segs = {i: segments(c.f, rel, cv) for i, c in enumerate(curves)}
    seg_of = {c.value: segs[i] for i, c in enumerate(curves)}
    lines = [[pts, c, d, r and k == 0] for line, c, d, r in hl.lines for k, pts in enumerate(clip_polyline(line, cv))]
    areas = [[p, *_span(cv.X(a), cv.X(b), seg_of.get(p, [])), c, q] for p, a, b, c, q in hl.areas]
    scale = 1 if cv.log else cv.sx
    wiggles = [_wiggles(c.f, rel, cv) for c in curves]
    return {"F": fcode(rel, cv), "DIM": str(max(wiggles) > 8 and len(curves) > 1),
            "CURVES": lit([[c.value, segs[i], c.color, int(min(1500, max(160, 16 * wiggles[i])))]
                           for i, c in enumerate(curves)]),
            "EXTRA": py([[clip_polyline(pts, cv, 2), c] for pts, c, _ in hl.extra]),
            "AREAS": lit(areas), "APPROACH": lit([[p, cv.X(x0), d / scale, c] for p, x0, d, c in hl.approach]),
            "LINES": py(lines), "BISECT": py([[cv.X(a), cv.X(b)] for a, b in hl.bisect]),
            "MARKS": py([[cv.X(x), cv.Y(y), c, h, g] for x, y, c, h, g in hl.marks]),
            "SLOPES": py(_slopes(hl, rel, cv)), "XR": py(cv.xr), "YR": py(cv.yr)}


def planned_boxes(title: str) -> dict[str, str]:
    """TITLE_BOX, GRAPH_BOX (the axes, inside the planned graph region) and PANEL_BOX from the layout plan."""
    r = regions(title, arranged(title, sides((GRAPH_PART, PANEL_PART))))  # which side: the learned prior's
    g, (left, right, bottom, top) = r["graph"], AXES_INSET
    axes = [g[0] + left, g[1] - right, g[2] + bottom, g[3] - top]
    return {"TITLE_BOX": py(list(r["title"])), "GRAPH_BOX": py(axes), "PANEL_BOX": py(list(r["panel"]))}


def _texts(ask: Ask, rel: Relation, curves: list[Curve], hl: Marks, cv: Canvas) -> dict[str, str]:
    """The scene's text constants: title, key formula, the relation, axis labels, legend, panel lines."""
    s = ask.settings
    rel_tex = f"{tex_of(sp.Symbol(rel.y))} = {written_tex(rel.shown) if rel.shown is not None else tex_of(rel.expr)}"
    legend = [(c.label, c.color, False) for c in curves] + [(label, c, True) for _, c, label in hl.extra]
    xl = axis_label(tex_of(rel.x), _unit(ask, s["x"], rel.lo, rel.hi), cv.sx, cv.log)
    ylo, yhi = cv.yr[0] * cv.sy, cv.yr[1] * cv.sy
    yl = axis_label(tex_of(sp.Symbol(rel.y)), _unit(ask, s["y"], ylo, yhi), cv.sy, False)
    return {"TITLE": repr(ask.title), "KEY_TEX": tex(ask.entry.formulas[0].latex),
            "REL_TEX": tex(rel_tex if len(rel_tex) <= LONG else rf"{tex_of(sp.Symbol(rel.y))} = f({tex_of(rel.x)})"),
            "X_LABEL": tex(xl), "Y_LABEL": tex(yl), "LEGEND": repr(legend), "INFO": repr(hl.info[:4])}


def scene_code(name: str, consts: dict[str, str], logic: str = LOGIC) -> str:
    """The scene file: the template (`logic`) with its constants after the imports."""
    head = "".join(f"{k} = {v}\n" for k, v in consts.items())
    code = scene_module(name, logic, helpers=SCENE_HELPERS_RP)
    return code.replace("import numpy as np\n", "import numpy as np\n\n" + head, 1)


def highlights(ask: Ask, rel: Relation, curves: list[Curve]) -> Marks:
    """What the entry's `show` (and the request's x value, and `compare`) add to the plain plot."""
    s, hl = ask.settings, Marks()
    show = s.get("show", "")
    if show in SHOWS:
        SHOWS[show](rel, curves, s, hl)
    if "compare" in s:
        hl_compare(rel, curves, s, hl)
    if rel.at is not None and rel.lo <= float(rel.at) <= rel.hi and show not in ("tangent_at_param",):
        hl_at(rel, curves, s, hl)
    elif not show and _scale_free(rel.expr, rel.x, rel.p) and _decays(rel):
        hl_scale(rel, curves, s, hl)
    return hl


def _checked(ask: Ask) -> tuple[Relation, list[Curve]]:
    """The relation and its curves; a request value that makes the relation undefined is dropped (and said)."""
    rel = relation(ask)
    curves = _usable(curves_of(rel), rel)
    positive = all(float(v) > 0 for v in ask.settings["param_values"])
    if rel.user is not None and rel.p in rel.expr.free_symbols and (
            not any(c.color == USER for c in curves) or positive and float(rel.user) <= 0):
        rel.used.append(f"{rel.p} = {fmt(rel.user)} is not usable here (not real on the range, or not positive "
                        "where it must be): the catalogue's values are drawn instead")
        rel.user, rel.values = None, [exact_number(v) for v in ask.settings["param_values"]]
        curves = _usable(curves_of(rel), rel)
    if not curves:
        raise Unsupported("no real curve")
    return rel, curves


def _reasoning(ask: Ask, rel: Relation, hl: Marks, shots: list[str]) -> list[str]:
    """What was recognised, what the request set, what sympy computed, then the shots."""
    e = ask.entry
    values = ", ".join(fmt(v) for v in rel.values)
    lines = [f"Catalogue entry: {e.name} ({e.area}), drawn by the relation_plot composer: "
             f"{rel.y} = {sp.sstr(rel.expr)} for {rel.p} = {values}, {rel.x} from {fmt(rel.lo)} to {fmt(rel.hi)}."]
    lines.append("Read from the request: " + "; ".join(rel.used) + "." if rel.used else
                 f"No numbers for {rel.p} in the request: the catalogue's values {values} are used.")
    lines += [f"Computed with sympy: ${line}$" for line in hl.info]
    return lines + [f"Shot {i}: {shot}" for i, shot in enumerate(shots, 1)]


@composer("relation_plot")
def relation_plot(ask: Ask) -> Lesson:
    """The relation plotted for each parameter value, with the key formula and the entry's highlight."""
    rel, curves = _checked(ask)
    hl = highlights(ask, rel, curves)
    cv = _canvas_for(rel, curves, hl)
    consts = {**_texts(ask, rel, curves, hl, cv), **_constants(rel, curves, hl, cv), **planned_boxes(ask.title)}
    name = ask.scene_name()
    shots = [f"axes: {rel.x} across, {rel.y} up", f"the key formula ${ask.entry.formulas[0].latex}$",
             f"the relation ${tex_of(sp.Symbol(rel.y))} = {tex_of(rel.expr)}$",
             "one curve for each value: " + ", ".join(f"${c.label}$" for c in curves), *hl.shots]
    computed = "\n".join(f"- ${line}$" for line in hl.info)
    extra = "## " + ("计算结果" if ask.zh else "Computed values") + "\n\n" + (computed or "- " + shots[-1])
    values = {"expr": rel.expr, "param": rel.p, "values": list(rel.values), "x_range": (rel.lo, rel.hi),
              "user": rel.user, "at": rel.at, **hl.values}
    return Lesson(ask.entry.composer, ask.title, name, scene_code(name, consts),
                  entry_notes(ask, shots, extra), _reasoning(ask, rel, hl, shots), values)
