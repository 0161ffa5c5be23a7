"""What the physics composers (motion, wave_optics, circuit_field) share: reading the request's quantities with
their units, number formatting for scene labels, and a Lesson built from computed constants plus fixed scene
logic (the house style of formula_card.py: values enter the scene as Python literals, the logic never changes).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import sympy as sp

from ..base import Lesson
from ..common import FIT_HELPER, py, scene_module
from ..quantities import Quantity, name_key, names_another, quantities
from ..regions import Part, regions
from .base import Ask, Unsupported, composer, entry_notes

# Manim's colours as literals, for constants that name a colour (column rows, labels)
BLUE, GREEN, YELLOW, ORANGE, RED, TEAL, PURPLE, GREY, WHITE = (
    "#58C4DD", "#83C167", "#FFFF00", "#FF862F", "#FC6255", "#5CD0B3", "#9A72AC", "#BBBBBB", "#FFFFFF")

class Reader:
    """The scene's numbers: a name the request assigns ("v0 = 30"), else the request's next quantity of the
    right kind ("30 m/s"), else the entry's setting, else a default; clamped to what the scene can draw. Every
    choice is written to `found` (the reasoning)."""

    def __init__(self, ask: Ask):
        """The request's numbers (named ones from Params too) and the entry's settings."""
        self.ask, self.found = ask, []
        self.settings = ask.settings
        named = [Quantity(float(v), "", name_key(k)) for k, v in ask.params.numbers.items()
                 if isinstance(v, int | float) and math.isfinite(v)]
        self.items = quantities(ask.params.concept)
        self.items += [q for q in named if q.name not in {i.name for i in self.items}]

    def _take(self, test, si: float = 1.0) -> float | None:
        """The value of the first unused number passing `test`, now used; one with a unit is multiplied by `si`
        (the scene's unit per SI unit: 100 for a scene in cm, 1e9 for nm)."""
        for i, q in enumerate(self.items):
            if test(q):
                return float(f"{self.items.pop(i).value * (si if q.kind else 1.0):.12g}")
        return None

    def drop(self, value: float) -> None:
        """Mark the request's first number equal to `value` (SI units) as used: a composer read it another way."""
        self._take(lambda q: q.value == value)

    def _named(self, names: tuple[str, ...], kind: str, si: float = 1.0) -> float | None:
        """A number the request assigns to one of `names`, or one after such a word ("mass 2 kg") unless its unit
        is of another kind (the "50 N/m" of "a mass on a 50 N/m spring" is no mass)."""
        keys = {name_key(n) for n in names}
        same = {"", kind} if kind else None
        return self._take(lambda q: q.name in keys or (q.word in keys and not q.name
                                                         and (same is None or q.kind in same)), si)

    def _quantity(self, kind: str, si: float = 1.0) -> float | None:
        """The request's next unnamed number with a unit of this kind (not one whose word names another
        quantity, like the "2 m" of "wavelength 2 m" when the amplitude is asked for)."""
        return self._take(lambda q: q.kind == kind and not q.name and not names_another(q, kind), si)

    def _given(self, key: str, kind: str, how: dict) -> float | None:
        """The request's number for `key` (by name, by a unit of `kind`, or a plain one when `bare`), now used."""
        si = how.get("si", 1.0)
        v = self._named((key, *how.get("names", ())), kind, si)
        if v is None and kind:
            v = self._quantity(kind, si)
        if v is None and how.get("bare"):
            v = self._take(lambda q: not q.kind and not q.name)
        return v

    def _from_request(self, label: str, v: float, limits: tuple[float, float]) -> float:
        """A number the request gave, clamped to `limits`; both said in the reasoning."""
        lo, hi = limits
        if not lo <= v <= hi:
            self.found.append(f"{label} = {fmt(v)} is outside [{fmt(lo)}, {fmt(hi)}]: clamped")
            return float(min(max(v, lo), hi))
        self.found.append(f"{label} = {fmt(v)} (from the request)")
        return float(v)

    def num(self, key: str, kind: str = "", limits: tuple[float, float] = (-1e30, 1e30), **how) -> float:
        """One number: `how` may give `names` (assigned names), `default`, `bare` (take a plain number), `label`,
        `si` (the scene's unit per SI unit, for a number given with a unit)."""
        label = how.get("label", key)
        v = self._given(key, kind, how)
        if v is not None:
            return self._from_request(label, v, limits)
        v = self.settings.get(key, how.get("default"))
        if v is None or isinstance(v, list | bool | str):
            raise Unsupported(f"{key} is missing")
        self.found.append(f"{label} = {fmt(v)} " + ("(the catalogue's example)" if key in self.settings else
                                                     "(the usual value)"))
        return float(v)

    def maybe(self, key: str, kind: str = "", limits: tuple[float, float] = (-1e30, 1e30), **how) -> float | None:
        """A number only if the request gives it (by name or with a unit of `kind`), else None."""
        v = self._given(key, kind, {**how, "bare": False})
        return None if v is None else self._from_request(how.get("label", key), v, limits)

    def nums(self, key: str, kind: str = "", limits: tuple[float, float] = (-1e30, 1e30), **how) -> list[float]:
        """A list (the setting `key`); the request's quantities of `kind` (or a list it gives) replace its items
        from the front."""
        base = list(self.settings.get(key, how.get("default", [])))
        given = [q.value * how.get("si", 1.0) for q in self.items if kind and q.kind == kind and not q.name]
        if not given and how.get("vector") and self.ask.params.vectors:
            given = list(self.ask.params.vectors[0])
        if not given and how.get("bare"):
            given = [q.value for q in self.items if not q.kind and not q.name]
        given = given[: how.get("most", 8)]
        out = [float(min(max(v, limits[0]), limits[1])) for v in given]
        out += [v if isinstance(v, list) else float(v) for v in base[len(given):]]
        if not out:
            raise Unsupported(f"{key} is missing")
        origin = "from the request" if given else "the catalogue's example"
        self.found.append(f"{how.get('label', key)} = {', '.join(map(str, out))} ({origin})")
        return out


# -- numbers as the scene and the notes show them --------------------------------------------------------------

_SUP = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def fmt(v, digits: int = 3) -> str:
    """A number for a label: 3 significant digits, ×10ⁿ outside [0.001, 100000), a real minus sign."""
    v = float(v)
    if v == 0 or not math.isfinite(v):
        return "0" if v == 0 else str(v)
    if 1e-3 <= abs(v) < 1e5:
        s = f"{v:.{digits}g}"
        s = f"{v:.{max(digits, len(str(int(abs(v)))))}g}" if "e" in s else s
    else:
        mant, exp = f"{v:.{digits - 1}e}".split("e")
        mant = mant.rstrip("0").rstrip(".")
        s = ("" if mant in ("1", "-1") else mant + "×").replace("-1×", "-") + "10" + str(int(exp)).translate(_SUP)
        s = "-" + s if mant == "-1" else s
    return s.replace("-", "−")


def tfmt(v, digits: int = 3) -> str:
    """A number for LaTeX: like fmt() with \\times 10^{n}."""
    s = fmt(v, digits).replace("−", "-")
    m = re.fullmatch(r"(-?)(?:([\d.]+)×)?10([⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)", s)
    if not m:
        return s
    exp = m.group(3).translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-"))
    times = m.group(2) + r" \times " if m.group(2) else ""
    return f"{m.group(1)}{times}10^{{{exp}}}"


def lit(v) -> str:
    """A Python literal for scene constants: strings, bools, numbers and (nested) lists of them."""
    if isinstance(v, str | bool) or v is None:
        return repr(v)
    if isinstance(v, list | tuple):
        return "[" + ", ".join(lit(i) for i in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k!r}: {lit(i)}" for k, i in v.items()) + "}"
    if isinstance(v, int) or (isinstance(v, sp.Integer)):
        return str(int(v))
    return repr(float(f"{float(v):.7g}"))


# -- the scene module ---------------------------------------------------------------------------------------------

SCENE_KIT = FIT_HELPER + '''
RT = 1.0  # run-time scale of every animation: 1 for the lesson (tests may shorten it)


def rt(seconds):
    """A run time (or a wait) scaled by RT."""
    return seconds * RT


def heading(scene, formula=None, size=32):
    """The title at the top and the key formula under it, written in; returns both as a group."""
    title = plan_fit(Text(TITLE, font_size=36), TITLE_BOX)
    scene.play(FadeIn(title), run_time=rt(0.6))
    if formula is None:
        return VGroup(title)
    shown = plan_fit(MathTex(formula, font_size=size), FORMULA_BOX, UP)
    scene.play(Write(shown), run_time=rt(1.0))
    return VGroup(title, shown)


def say(text, size=24, color=WHITE):
    """A plain label."""
    return Text(text, font_size=size, color=color)


def column(items, size=24, buff=0.16):
    """Text lines stacked left-aligned; an item is a string or (string, colour); an item starting with spaces
    (a wrapped row's continuation) is indented."""
    texts = [i if isinstance(i, str) else i[0] for i in items]
    rows = [say(t.strip(), size, WHITE if isinstance(i, str) else i[1]) for t, i in zip(texts, items)]
    group = VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=buff)
    for r, t in zip(rows, texts):
        if t.startswith(" "):
            r.shift(0.35 * RIGHT)
    return group


def reveal(scene, rows, seconds=0.6):
    """Fade the rows in one after another."""
    for row in rows:
        scene.play(FadeIn(row, shift=0.2 * LEFT), run_time=rt(seconds))


def closing(scene, box, seconds=2.5):
    """The panel of computed values (PANEL) put in box and faded in row by row, then a pause."""
    panel = put(column(PANEL, 22), box)
    reveal(scene, panel)
    scene.wait(rt(seconds))
    return panel


def put(mob, box):
    """Scale mob down into box = (x0, x1, y0, y1), cut to the planned BODY_BOX, and put it at the box's top left
    corner."""
    box = (max(box[0], BODY_BOX[0]), min(box[1], BODY_BOX[1]), max(box[2], BODY_BOX[2]), min(box[3], BODY_BOX[3]))
    fit(mob, box[1] - box[0], box[3] - box[2])
    return mob.move_to([box[0] + mob.width / 2, box[3] - mob.height / 2, 0])


def in_body(mob, corner):
    """Put mob in a corner (DL, DR, ...) of the planned BODY_BOX."""
    return plan_fit(mob, BODY_BOX, corner)


def ticks(axes, xs=(), ys=(), size=20):
    """Tick numbers under the x axis and left of the y axis, as Text."""
    out = VGroup()
    for v in xs:
        out.add(say(("%g" % v).replace("-", "\\u2212"), size).next_to(axes.x_axis.n2p(v), DOWN, buff=0.12))
    for v in ys:
        out.add(say(("%g" % v).replace("-", "\\u2212"), size).next_to(axes.y_axis.n2p(v), LEFT, buff=0.12))
    return out


def tick_values(r):
    """The tick values of an axis range [low, high, step], without 0 (where the axes cross)."""
    return [round(v, 9) for v in np.arange(r[0], r[1] + r[2] / 2, r[2]) if abs(v) > 1e-9]


def arrow(start, end, color=YELLOW, width=5):
    """A straight arrow from start to end (numpy points or lists)."""
    start, end = np.array(start, dtype=float), np.array(end, dtype=float)
    return Arrow(start, end, buff=0, color=color, stroke_width=width, max_tip_length_to_length_ratio=0.3,
                 max_stroke_width_to_length_ratio=10)
'''


# The layout plan's parts under the title: the key formula's row, and the body below it where a scene draws its
# stage (left, at the kit's fixed coordinates) and its panel (right; `put` keeps it inside the planned body).
FORMULA_PART = Part("formula", "formula", 12.5, 0.8, (0.0, 2.6))
BODY_PART = Part("body", "graph", 13.62, 5.7, (0.0, -0.85))


@dataclass
class Draft:
    """What a variant computed: the scene logic (a fixed template), its constants, the storyboard, the facts
    (computed values with units, for the reasoning and the notes) and the values (for tests)."""

    logic: str
    consts: dict
    shots: list[str]
    facts: list[str]
    values: dict = field(default_factory=dict)
    helpers: str = ""  # module-level functions of this scene (after the shared ones)


def scene_code(ask: Ask, draft: Draft) -> str:
    """The complete scene module: constants (TITLE first), the shared helpers, the class running the logic."""
    consts = "\n".join(f"{k} = {lit(v)}" for k, v in {"TITLE": ask.title, **draft.consts}.items())
    planned = regions(ask.title, (FORMULA_PART, BODY_PART), title_font=36)  # the layout plan's regions
    consts += "".join(f"\n{k.upper()}_BOX = {py(list(b))}" for k, b in planned.items())
    return scene_module(ask.scene_name(), draft.logic, helpers="\n" + consts + "\n" + SCENE_KIT + draft.helpers)


def physics_lesson(ask: Ask, reader: Reader, draft: Draft) -> Lesson:
    """The Lesson of a drawn variant: scene, notes (catalogue text + what this scene computed), reasoning."""
    e = ask.entry
    variant = e.settings.get("kind", "")
    head = f"Catalogue entry: {e.name} ({e.area}); composer {e.composer}, variant {variant}."
    section = ("## 本动画中的数值" if ask.zh else "## In this animation") + "\n\n" + "\n".join(
        f"- {f}" for f in draft.facts)
    story = [f"Shot {i}: {s}" for i, s in enumerate(draft.shots, 1)]
    reasoning = [head, *reader.found, "Computed: " + "; ".join(draft.facts), "Storyboard:", *story]
    return Lesson(e.composer, ask.title, ask.scene_name(), scene_code(ask, draft),
                  entry_notes(ask, draft.shots, section), reasoning, dict(draft.values))


Variant = Callable[[Ask, Reader], Draft]


def dispatch(ask: Ask, table: dict[str, Variant]) -> Lesson:
    """Run the variant named by the entry's `kind` (Unsupported when the table has none)."""
    fn = table.get(str(ask.settings.get("kind", "")))
    if fn is None:
        raise Unsupported(f"no drawing for kind {ask.settings.get('kind')!r}")
    reader = Reader(ask)
    return physics_lesson(ask, reader, fn(ask, reader))


def pick(table: dict[str, Variant], name) -> Variant:
    """The drawing for a setup by name; Unsupported for one not drawn (never another setup's scene)."""
    if name not in table:
        raise Unsupported(f"no drawing for setup {name!r}")
    return table[name]


def tr(ask: Ask, en: str, zh: str) -> str:
    """A scene word in the request's language (Ask.say, kept as the physics composers' short name)."""
    return ask.say(en, zh)


def nice(span: float, ticks: int = 5) -> float:
    """A 1-2-5 step giving at most about `ticks` steps over `span`."""
    raw = max(abs(span), 1e-12) / ticks
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    return float(f"{step:.3g}")


def axis(lo: float, hi: float, ticks: int = 5) -> list[float]:
    """[low, high, step] of an axis covering [lo, hi] with round ends (0 stays inside when lo >= 0)."""
    step = nice(hi - lo, ticks)
    a, b = math.floor(lo / step + 1e-9) * step, math.ceil(hi / step - 1e-9) * step
    return [float(f"{a:.6g}"), float(f"{max(b, a + step):.6g}"), step]


def marks(ax: list[float], skip_zero: bool = True) -> list[float]:
    """The tick values of an axis spec (without 0 where the axes cross)."""
    lo, hi, step = ax
    n = int(round((hi - lo) / step))
    vals = [float(f"{lo + i * step:.6g}") for i in range(n + 1)]
    return [v for v in vals if not (skip_zero and abs(v) < 1e-12)]


def deg(v: float) -> float:
    """Degrees to radians."""
    return math.radians(v)


def wrap_rows(rows: list, chars: int = 26) -> list:
    """Panel rows (a string or [string, colour]) with the long ones wrapped at `chars` characters, preferably
    before an "=" sign; a wrapped row continues indented, in its colour."""
    out = []
    for row in rows:
        text, colour = (row, None) if isinstance(row, str) else (row[0], row[1])
        parts, line = [], ""
        for word in text.split(" "):
            if line.strip() and len(line) + 1 + len(word) > chars:
                cut = line.rfind(" = ")
                head, tail = (line[:cut], line[cut + 1:]) if cut > 3 else (line, "")
                parts.append(head)
                line = "   " + (tail + " " + word if tail else word)
            else:
                line = f"{line} {word}" if line else word
        parts.append(line)
        out += [p if colour is None else [p, colour] for p in parts]
    return out


def physics_composer(name: str, doc: str, modules: tuple) -> Callable[[Ask], Lesson]:
    """Register the composer `name` that draws the variants listed in the modules' VARIANTS tables."""
    table = {kind: fn for module in modules for kind, fn in module.VARIANTS.items()}

    def compose_variant(ask: Ask) -> Lesson:
        """The entry's scene from its variant's function."""
        return dispatch(ask, table)

    compose_variant.__doc__ = doc
    compose_variant.variants = tuple(table)
    return composer(name)(compose_variant)
