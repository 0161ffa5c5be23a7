"""What the geometry and vector_matrix composers share: the request's numbers, exact numbers for sympy, the
figure (points in math coordinates mapped into the scene, drawn stage by stage by figure_scene.FIGURE_LOGIC),
and the lesson assembly (scene module, reasoning, notes from the catalogue entry plus what the scene computed).
"""

from __future__ import annotations

import ast
import math
import re
import textwrap
from dataclasses import dataclass, field

import sympy as sp

from ...base import Lesson
from ...common import latex, num, py, scene_module, title_code
from ...families.geometry_linear import SCENE_HELPERS, _detex
from ...families.geometry_linear import _rat as exact  # a user number as an exact sympy number
from ...regions import Part, arranged, sides, under_title
from ..base import Ask, Rules, Unsupported, entry_notes, zh_caption
from .figure_scene import FIG_HELPERS, FIGURE_LOGIC

# where a figure lives (scene units, left) and the formula panel (right): the layout plan's regions under any
# one-line title (a figure is mapped into its region while the scene is built, before its title is placed)
FIG_BOX, PANEL_BOX = (under_title(arranged(None, sides((Part("figure", "graph", 7.8, 6.65, (-3.0, -0.5)),
                                                     Part("panel", "formula", 5.7, 6.8, (4.1, -0.45))))))[k]
                      for k in ("figure", "panel"))
ZH: Rules = (  # the panel's words in Chinese (geometry and vector_matrix), one shared table; formulas are kept
    (r"^lay the radius along the circle$", "把半径沿圆周铺开"), (r"^P moves on the arc: the angle stays$", "P 在弧上移动：角不变"),
    (r"^wherever P is, the angle is right$", "无论 P 在哪里，角都是直角"), (r"^tangent PT ⟂ radius OT$", "切线 PT ⟂ 半径 OT"),
    (r"^A moves on its arc: A \+ C stays 180°$", "A 在弧上移动：A + C 保持 180°"),
    (r"^the strip turns and moves to the side$", "长条旋转并移到旁边"), (r"^equal only when a = b$", "仅当 a = b 时相等"),
    (r"^every point P is r from C$", "每个点 P 到 C 的距离都是 r"), (r"^swap x and y: mirror in y = x$", "交换 x 与 y：关于 y = x 对称"),
    (r"^drop the height from A$", "从 A 作高"), (r"^check with the incircle:$", "用内切圆验算："),
    (r"^line through A parallel to CB$", "过 A 作 CB 的平行线"), (r"^alternate angles are equal$", "内错角相等"),
    (r"^AD halves the angle at A$", "AD 平分 A 处的角"), (r"^a: opposite θ, b: adjacent, c: hypotenuse$", "a：θ 的对边，b：邻边，c：斜边"),
    (r"^rotation by (.+)$", r"旋转 \1"), (r"^reflection in (.+)$", r"关于 \1 反射"), (r"^dilation by (.+)$", r"位似变换 \1"),
    (r"^translation by (.+)$", r"平移 \1"), (r"^steepest ascent, ⟂ to the level curve$", "最陡上升方向，⟂ 等高线"),
    (r"^a small box swells: more flows out than in$", "小盒子膨胀：流出多于流入"),
    (r"^a paddle wheel spins at curl / 2$", "小桨轮以 curl / 2 的角速度旋转"),
    (r"^circulation on C = total curl inside$", "沿 C 的环量 = 内部旋度之和"), (r"^slice z = 0 of the unit ball$", "单位球的 z = 0 截面"),
    (r"^any surface with the same rim gives the same flux$", "边界相同的任何曲面通量都相同"),
    (r"^A moves the plane$", "A 移动整个平面"), (r"^A⁻¹ moves it back$", "A⁻¹ 把它移回"),
    (r"^the plane is squashed onto a line$", "平面被压扁成一条直线"), (r"^the plane maps onto itself$", "平面映射到自身"),
    (r"^the unit circle becomes an ellipse$", "单位圆变成椭圆"), (r"^the transpose of a product reverses the order$", "乘积的转置顺序相反"),
    (r"^dependent: the span is one line$", "线性相关：张成一条直线"), (r"^independent: they span the plane$", "线性无关：张成整个平面"),
    (r"^the grid of the new basis$", "新基下的网格"), (r"^no unique solution$", "没有唯一解"),
    (r"^lengths, angles and area are kept$", "长度、角度和面积都不变"), (r"^perpendicular to both \(right-hand rule\)$", "与两者都垂直（右手定则）"),
    (r"^the gap is the squared area: zero only for parallel vectors$", "差值是面积的平方：仅平行向量时为零"),
)
WIDE_BOX = (-6.9, 6.9, -3.8, 2.85)  # a figure that needs the whole width (its panel goes elsewhere)
ASSIGN = re.compile(r"(?<![A-Za-z_\\])([A-Za-z](?:_?[A-Za-z0-9]{1,2})?)\s*=\s*(-?\d+(?:\.\d+)?)")


def assigned(text: str) -> dict[str, float]:
    """`name = number` pairs written in the request (`a = 7, A = 40°`), names kept case-sensitive."""
    return {m[1]: float(m[2]) for m in ASSIGN.finditer(text)}


def positive(v) -> bool:
    return bool(v.is_positive) and float(v) < 1e4


@dataclass
class Reader:
    """Reads a variant's numbers: the request's `name = value` first, then its named numbers, then the entry's
    settings; every replacement or refusal is noted for the reasoning."""

    ask: Ask
    notes: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.text = assigned(self.ask.params.concept)

    def given(self, *names: str) -> bool:
        """Whether the request itself gives any of `names`."""
        return any(n in self.text or n in self.ask.params.numbers for n in names)

    def num(self, names: tuple[str, ...] | str, default, ok=positive) -> sp.Expr:
        """The first usable number named `names` in the request, else `default` (the entry's setting)."""
        names = (names,) if isinstance(names, str) else names
        for source in (self.text, self.ask.params.numbers):
            for n in names:
                if n in source:
                    try:
                        v = exact(source[n])
                    except (TypeError, ValueError):
                        continue
                    if ok(v):
                        return v
                    self.notes.append(f"{n} = {num(v)} cannot be drawn here: using {num(default)} instead.")
        return exact(default)

    def positional(self, k: int) -> tuple[float, ...] | None:
        """The request's k bare positive numbers (`heron 5 6 7`), when it names none and has exactly k."""
        bare = self.ask.numbers
        if self.text or self.ask.params.numbers or len(bare) != k or min(bare) <= 0:
            return None
        return bare

    def setting(self, key: str, default=None):
        return self.ask.settings.get(key, default)


class Frame:
    """An affine map from math coordinates to scene coordinates (same scale both ways) fitting `points` in `box`."""

    def __init__(self, points, box=FIG_BOX, margin=0.45, max_unit=2.2):
        self.box = box
        xs = [float(p[0]) for p in points]
        ys = [float(p[1]) for p in points]
        w, h = max(max(xs) - min(xs), 1e-3), max(max(ys) - min(ys), 1e-3)
        self.unit = min((box[1] - box[0] - 2 * margin) / w, (box[3] - box[2] - 2 * margin) / h, max_unit)
        self.ox = (box[0] + box[1]) / 2 - self.unit * (max(xs) + min(xs)) / 2
        self.oy = (box[2] + box[3]) / 2 - self.unit * (max(ys) + min(ys)) / 2

    def s(self, p) -> list[float]:
        """Scene coordinates of math point p (rounded for the scene literals)."""
        return [round(self.ox + self.unit * float(p[0]), 3), round(self.oy + self.unit * float(p[1]), 3)]

    def inverse(self, q) -> tuple[float, float]:
        return (q[0] - self.ox) / self.unit, (q[1] - self.oy) / self.unit


def nice_step(raw: float) -> float:
    """1, 2 or 5 times a power of ten, at least `raw`."""
    p = 10 ** math.floor(math.log10(max(raw, 1e-9)))
    return next(k * p for k in (1, 2, 5, 10) if k * p >= raw)


def unit_dir(d) -> list[float]:
    n = math.hypot(float(d[0]), float(d[1])) or 1.0
    return [float(d[0]) / n, float(d[1]) / n]


class Figure:
    """A figure drawn in stages: named points, items (lists `[kind, *args]`), panel lines and operations.

    `add()` appends one stage (one self.play) and returns the ids of the items it drew, for later operations.
    The scene template (figure_scene.FIGURE_LOGIC) reads the constants `code()` writes.
    """

    def __init__(self, frame: Frame, panel_box=PANEL_BOX):
        self.f = frame
        self.points: dict[str, list[float]] = {}
        self.movers: dict[str, list[list[float]]] = {}
        self.stages: list[dict] = []
        self.lines: list[list] = []
        self.panel_box = panel_box
        self.count = 0

    def point(self, name: str, p) -> str:
        self.points[name] = self.f.s(p)
        return name

    def mover(self, name: str, path) -> str:
        """A point that moves along `path` (math coordinates) when a stage says ["move", name, fraction]."""
        self.movers[name] = [self.f.s(p) for p in path]
        return name

    def at(self, p) -> list[float]:
        """Scene coordinates of a math point (for items that take explicit positions)."""
        return self.f.s(p)

    def add(self, *items, show=(), ops=(), rt: float = 1.0, wait: float = 0.0) -> list[str]:
        """One stage: draw `items` (None ones are skipped), reveal panel lines `show` (tex strings, or ("text", s) /
        (kind, s, colour); words are wrapped to the panel's width)."""
        items = [i for i in items if i]
        ids = [f"m{self.count + i}" for i in range(len(items))]
        self.count += len(items)
        first = len(self.lines)
        for line in show:
            line = list(line) if isinstance(line, tuple) else ["tex", line]
            if line[0] == "text":
                line[1] = "\n".join(textwrap.wrap(line[1], 34))
            self.lines.append(line)
        self.stages.append({"add": [[i, *it] for i, it in zip(ids, items, strict=True)],
                            "panel": list(range(first, len(self.lines))), "ops": [list(o) for o in ops],
                            "rt": rt, "wait": wait})
        return ids

    def curve(self, points, color="YELLOW", width=4) -> list:
        """A curve item through math points."""
        return ["curve", [self.f.s(p) for p in points], color, width]

    def label(self, p, tex: str, direction, color="WHITE", size=32, dist=0.32) -> list:
        """A MathTex item beside math point p, `dist` scene units towards `direction`."""
        d = unit_dir(direction)
        q = self.f.s(p)
        return ["tex", tex, [round(q[0] + dist * d[0], 3), round(q[1] + dist * d[1], 3)], color, size]

    def code(self) -> str:
        return (f"PTS = {self.points!r}\nMOVERS = {self.movers!r}\nSTAGES = {self.stages!r}\n"
                f"LINES = {self.lines!r}\nPANEL = {py(list(self.panel_box))}\nSCALE = {py(1 / self.f.unit)}\n")


def grid(fig: Figure, ticks: bool = True, names=("x", "y")) -> list[list]:
    """Items for the coordinate grid filling the figure's box, the axis names and sparse tick numbers."""
    f = fig.f
    (x0, y0), (x1, y1) = f.inverse((f.box[0], f.box[2])), f.inverse((f.box[1], f.box[3]))
    step = nice_step(max(x1 - x0, y1 - y0) / 14)
    lo = lambda v: step * math.ceil(v / step)  # noqa: E731
    hi = lambda v: step * math.floor(v / step)  # noqa: E731
    items = [["grid", f.s((0, 0)), round(f.unit, 4), [lo(x0), hi(x1), step], [lo(y0), hi(y1), step]]]
    if x0 < 0 < x1 and y0 < 0 < y1:
        items += [fig.label((hi(x1), 0), names[0], (-0.5, 1), "GREY_B", 30), fig.label((0, hi(y1)), names[1], (1, -0.5),
                                                                                        "GREY_B", 30)]
    every = nice_step(0.75 / (f.unit * step)) * step if ticks else 0
    for axis in (0, 1) if ticks else ():
        a, b = (x0, x1) if axis == 0 else (y0, y1)
        for k in range(math.ceil(a / every), math.floor(b / every) + 1):
            v = k * every
            if k and lo(a) < v < hi(b) - step / 2:
                p = (v, 0) if axis == 0 else (0, v)
                items.append(fig.label(p, f"{num(v)}", (0, -1) if axis == 0 else (-1, 0), "GREY_B", 22, dist=0.22))
    return items


def line_through(fig: Figure, p, d, color="WHITE", width=3, kind="seg") -> list | None:
    """An item for the line through math point p in direction d, cut to the figure's box (None if it misses it)."""
    f = fig.f
    (x0, y0), (x1, y1) = f.inverse((f.box[0], f.box[2])), f.inverse((f.box[1], f.box[3]))
    px, py_, dx, dy = float(p[0]), float(p[1]), float(d[0]), float(d[1])
    ts = [(v - a) / b for a, b, lo, hi in ((px, dx, x0, x1), (py_, dy, y0, y1)) if abs(b) > 1e-12 for v in (lo, hi)]
    inside = sorted(t for t in ts if x0 - 1e-9 <= px + t * dx <= x1 + 1e-9 and y0 - 1e-9 <= py_ + t * dy <= y1 + 1e-9)
    if len(inside) < 2 or inside[-1] - inside[0] < 1e-9:
        return None
    a, b = inside[0], inside[-1]
    return [kind, f.s((px + a * dx, py_ + a * dy)), f.s((px + b * dx, py_ + b * dy)), color, width]


def tex_size(tex: str, size: int) -> tuple[float, float]:
    """A rough width and height (scene units) of MathTex `tex` at font size `size`."""
    visible = re.sub(r"\\(frac|sqrt|left|right|quad|,|cdot)", "", tex)
    visible = re.sub(r"\\[A-Za-z]+", "x", visible)
    chars = len(re.sub(r"[{}^_ ]", "", visible))
    return 0.0095 * size * chars, (0.028 if "frac" in tex else 0.016) * size


def seg_label(fig: Figure, ends, tex: str, away, color="WHITE", size=30) -> list:
    """A label beside the midpoint of the segment `ends` = (a, b), on the side away from math point `away`."""
    a, b = ends
    mx, my = (float(a[0]) + float(b[0])) / 2, (float(a[1]) + float(b[1])) / 2
    n = unit_dir([-(float(b[1]) - float(a[1])), float(b[0]) - float(a[0])])
    if n[0] * (float(away[0]) - mx) + n[1] * (float(away[1]) - my) > 0:
        n = [-n[0], -n[1]]
    w, h = tex_size(tex, size)
    return fig.label((mx, my), tex, n, color, size, dist=0.14 + abs(n[0]) * w / 2 + abs(n[1]) * h / 2)


@dataclass
class Draft:
    """A built variant: the scene body and what the reasoning and notes say about it."""

    body: str  # construct()'s body after the title (constants, then the fixed logic)
    shots: list[str]  # the storyboard, one line a shot (the notes' timeline)
    values: dict  # computed values (sympy)
    shown: list[str] = field(default_factory=list)  # the key lines of the scene in LaTeX, for the notes
    base: str = "Scene"


def figure_draft(fig: Figure, shots: list[str], values: dict, shown=None) -> Draft:
    """A Draft drawn by the figure template; the panel's formula lines also go into the notes."""
    lines = shown if shown is not None else [t for k, t, *_ in fig.lines if k == "tex"]
    return Draft(fig.code() + FIGURE_LOGIC, shots, values, lines)


TEX_ARROWS = {"\\leftrightarrow": "↔", "\\leftarrow": "←", "\\vec ": "", "\\infty": "∞", "\\sigma": "σ",
              "\\lambda": "λ", "\\nabla": "∇"}


def plain(line: str) -> str:
    """A storyboard line without LaTeX markup (\\frac{\\pi}{3} becomes π/3), for the reasoning and the notes."""
    for k, v in TEX_ARROWS.items():
        line = line.replace(k, v)
    return re.sub(r"\\([A-Za-z]+)", r"\1", _detex(line))


def said(v) -> str:
    """`= value` for the reasoning: exact when short, a matrix as rows, else `≈ decimal`."""
    if isinstance(v, sp.MatrixBase):
        return f"= {v.tolist()}"
    v = sp.sympify(v)
    if v.is_number and (v.has(sp.sin, sp.cos, sp.tan, sp.acos, sp.atan) or len(latex(v)) > 24):
        return f"≈ {num(v)}" if v.is_real else f"≈ {plain(latex(sp.N(v, 4)))}"
    return f"= {plain(latex(v))}"


def title_block(title: str, fixed: bool = False) -> str:
    """Title code (unindented) with a dark backing that stays above grids (`fixed`: in a 3D scene's frame)."""
    pin = "self.add_fixed_in_frame_mobjects(title)\nself.remove(title)\n" if fixed else ""
    return (textwrap.dedent(title_code(title)) + "title.add_background_rectangle(opacity=0.85, buff=0.1)\n"
            f"title.set_z_index(6)\n{pin}self.play(Write(title), run_time=rt(1))\n")


def zh_panel(body: str) -> str:
    """Scene code whose panel words (the `LINES` constant's text lines) are in Chinese, wrapped for CJK."""
    head, sep, rest = body.partition("LINES = ")
    if not sep:
        return body
    text, nl, tail = rest.partition("\n")
    lines = ast.literal_eval(text)
    for line in lines:
        words = re.fullmatch(r"\\text\{([^{}]*)\}", line[1]) if line[0] == "tex" else None
        if words and zh_caption(words.group(1), ZH) != words.group(1):  # a line of words only, set in LaTeX
            line[:2] = ["text", words.group(1)]
        if line[0] == "text":
            said = zh_caption(line[1].replace("\n", " "), ZH)
            line[1] = said if said.isascii() else "\n".join(textwrap.wrap(said, 17))
    return f"{head}LINES = {lines!r}{nl}{tail}"


def lesson(ask: Ask, variant: str, draft: Draft, notes: list[str] | None = None) -> Lesson:
    """The Lesson of a draft: the scene module, the notes (the entry's own plus the scene's lines) and the
    reasoning (entry, caveats, computed values, storyboard)."""
    e = ask.entry
    name = ask.scene_name()
    shots = [plain(s) for s in draft.shots]
    body = zh_panel(draft.body) if ask.zh else draft.body
    code = scene_module(name, title_block(ask.title, draft.base == "ThreeDScene") + body, base=draft.base,
                        helpers=SCENE_HELPERS + FIG_HELPERS)
    extra = ""
    if draft.shown:
        extra = f"## {'动画中的计算' if ask.zh else 'Computed in the animation'}\n\n" + "\n".join(
            f"$${line}$$" for line in draft.shown)
    computed = [f"{k} {said(v)}" for k, v in draft.values.items()
                if isinstance(v, (sp.Basic, sp.MatrixBase, int, float))]
    reasoning = [f"Catalogue entry: {e.name} ({e.area}); composer {e.composer}, variant {variant}.", *(notes or []),
                 *(f"Computed with sympy: {c}" for c in computed[:8]),
                 *(f"Shot {i}: {s}" for i, s in enumerate(shots, 1))]
    return Lesson(e.composer, ask.title, name, code, entry_notes(ask, shots, extra), reasoning, draft.values)


def pick(table: dict, key):
    """table[key], or Unsupported when this sub-variant is not drawn (compose() then shows the formula card)."""
    if key not in table:
        raise Unsupported(str(key))
    return table[key]


def run(ask: Ask, variant: str, builders: dict, special) -> Lesson:
    """A composer's body: the family lesson `special(ask, variant)` when a family draws the variant, else the
    builder's figure with the request's numbers; Unsupported when neither draws it."""
    done = special(ask, variant)
    if done is not None:
        return done
    build = builders.get(variant)
    if build is None:
        raise Unsupported(variant)
    reader = Reader(ask)
    return lesson(ask, variant, build(reader), reader.notes)


def deg_tex(v) -> str:
    """An angle in degrees as LaTeX: exact when it is an integer, else to 2 decimals."""
    v = sp.nsimplify(v) if isinstance(v, float) else v
    return f"{latex(v)}^\\circ" if getattr(v, "is_Integer", False) else f"{num(v, 4)}^\\circ"


def val_tex(v) -> str:
    """`= exact`, `= exact ≈ decimal` or `≈ decimal` (when the exact form is long or has trig in it)."""
    v = sp.nsimplify(v) if isinstance(v, float) else sp.simplify(v)
    if v.is_Rational:
        return f"= {latex(v)}"
    if v.has(sp.sin, sp.cos, sp.tan, sp.acos, sp.asin, sp.atan) or v.atoms(sp.Float) or len(latex(v)) > 22:
        return f"\\approx {num(v)}"
    return f"= {latex(v)} \\approx {num(v)}"
