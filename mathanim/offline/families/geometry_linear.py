"""Geometry, linear algebra and complex-number families of the offline engine.

pythagorean, unit_circle, circle_area, vector_addition, dot_product, linear_transformation, determinant,
eigenvectors, matrix_multiplication, complex_multiplication, euler_formula.

Every family computes its values with sympy, then fills the scene code, the notes and the reasoning from those
same values. Scene code is emitted as text: a block of constants (the computed values as literals) followed by
fixed scene logic that only refers to those constants, so no value is ever typed by hand.
"""

from __future__ import annotations

import math
import re
import textwrap
from dataclasses import dataclass, replace

import sympy as sp

from ..base import Family, Lesson, Params, register
from ..common import (
    FIT_HELPER,
    NotesSpec,
    latex,
    notes_markdown,
    num,
    py,
    scene_module,
    tex,
    text_literal,
    title_code,
)
from ..regions import Part, arranged, sides, under_title

# ---------------------------------------------------------------------------------------------------------------
# Code emitted into every scene of this module (after common.FIT_HELPER).

SCENE_HELPERS = FIT_HELPER + '''
RT = 1.0  # run-time scale of every animation: 1 for the lesson (tests may shorten it)


def rt(seconds):
    """A run time (or wait) scaled by RT."""
    return seconds * RT


def make_plane(unit, origin, xr, yr, opacity=0.6):
    """A NumberPlane with `unit` scene units per step whose (0, 0) sits at scene point `origin`."""
    plane = NumberPlane(
        x_range=xr, y_range=yr, x_length=unit * (xr[1] - xr[0]), y_length=unit * (yr[1] - yr[0]),
        background_line_style={"stroke_color": BLUE_D, "stroke_width": 1.5, "stroke_opacity": opacity},
        axis_config={"stroke_width": 2, "stroke_opacity": 0.8})
    plane.shift(np.array([origin[0], origin[1], 0.0]) - plane.c2p(0, 0))
    return plane


def vec(plane, v, color, start=(0, 0)):
    """An arrow from `start` to start + v in plane coordinates (a dot when v is about zero)."""
    a = plane.c2p(start[0], start[1])
    b = plane.c2p(start[0] + v[0], start[1] + v[1])
    if np.linalg.norm(b - a) < 1e-3:
        return Dot(a, color=color, radius=0.08)
    return Arrow(a, b, buff=0, color=color, stroke_width=5, max_tip_length_to_length_ratio=0.22)


def tag(mob, label, side=1, where=0.6):
    """Place `label` beside arrow `mob` (left of it for side=1, right for side=-1) on a dark backing."""
    start, end = mob.get_start(), mob.get_end()
    d = end - start
    n = np.array([-d[1], d[0], 0.0])
    n = side * n / (np.linalg.norm(n) or 1.0)
    label.move_to(start + where * d + n * (0.25 + 0.5 * max(label.width, label.height)))
    label.add_background_rectangle(opacity=0.7, buff=0.05)
    return label


def panel(items, box, buff=0.3):
    """Arrange `items` top-down inside box = (x0, x1, y0, y1), scaled down to fit, on a dark backing."""
    for item in items:  # long formulas shrink on their own, short ones keep their size
        fit(item, box[1] - box[0] - 0.3)
    group = VGroup(*items).arrange(DOWN, aligned_edge=LEFT, buff=buff)
    room = box[3] - box[2] - 0.3
    if group.height > room and len(items) > 1:  # a tall panel: closer lines before smaller text
        group.arrange(DOWN, aligned_edge=LEFT, buff=max(0.12, buff - (group.height - room) / (len(items) - 1)))
    fit(group, box[1] - box[0] - 0.3, room)
    group.move_to([(box[0] + box[1]) / 2, box[3] - 0.15 - group.height / 2, 0])
    back = BackgroundRectangle(group, fill_opacity=0.85, buff=0.15)
    VGroup(back, group).set_z_index(5)
    return group, back
'''

# The layout plan's regions under a one-line title (regions.under_title), as (x0, x1, y0, y1): where plane-based
# figures live (their points; the grid itself covers the frame) and the formula panel on the right. The sizes
# asked fit without scaling: the solver scales a region as a whole, and a narrower panel shrinks its widest line.
PLANE_BOX, PANEL_BOX = (under_title(arranged(None, sides((Part("plane", "graph", 8.5, 6.65, (-2.65, -0.35)),
                                                       Part("panel", "formula", 4.95, 6.65, (4.35, -0.35))))))[k]
                        for k in ("plane", "panel"))
FRAME = (-7.2, 7.2, -4.1, 4.1)


def quick(code: str, scale: float = 0.25) -> str:
    """The same scene with every run time multiplied by `scale` (a fast render for tests and previews)."""
    return code.replace("RT = 1.0  #", f"RT = {scale!r}  #", 1)


def _tr(p: Params):
    """A chooser tr(english, chinese) for the request's language."""
    zh = p.language == "zh"
    return lambda en, cn: cn if zh else en


def _rat(v) -> sp.Expr:
    """A user number as an exact sympy number (floats become short rationals when they are ones)."""
    if isinstance(v, sp.Basic):
        return v
    f = float(v)
    if not math.isfinite(f):
        raise ValueError("not a finite number")
    r = sp.Rational(f).limit_denominator(1000)
    return r if abs(float(r) - f) <= 1e-9 * max(1.0, abs(f)) else sp.Float(round(f, 6))


def _number(p: Params, names: tuple[str, ...], default, ok=lambda v: True):
    """The first usable number among params.numbers[names] (exact), else `default`; also says which."""
    for name in names:
        if name in p.numbers:
            try:
                v = _rat(p.numbers[name])
            except (TypeError, ValueError):
                continue
            if ok(v):
                return v, name
    return sp.sympify(default), None


def _in_space(p: Params) -> bool:
    """Whether the request gives (at least) two vectors, the first two with three components each."""
    return len(p.vectors) >= 2 and all(len(v) == 3 for v in p.vectors[:2])


class _PlaneVectors(Family):
    """A family that draws vectors in the plane; two given in space go to the catalogue's composer, which draws
    them in space (cutting them to the plane would answer another question)."""

    def draws(self, params: Params) -> bool:
        return not _in_space(params)


def _legs_in(text: str) -> tuple | None:
    """Two legs written without names: "legs 5 and 12" (two positive numbers), or the sides of a right triangle
    "5, 12, 13" (three whose squares add up: the two smaller)."""
    found = [_rat(v) for v in re.findall(r"(?<![\w.^])\d+(?:\.\d+)?(?![\w.^])", text) if float(v) > 0]
    if len(found) == 2:
        return found[0], found[1]
    if len(found) == 3:
        a, b, c = sorted(found)
        return (a, b) if a**2 + b**2 == c**2 else None
    return None


def _matrix2(p: Params, default, tr) -> tuple[sp.Matrix, list[str]]:
    """The user's matrix as an exact 2x2 sympy Matrix (top-left block if bigger), else `default`."""
    raw = p.matrix if p.matrix else (p.matrices[0] if p.matrices else None)
    if not raw:
        return sp.Matrix(default), [tr("No matrix given: using the default.", "未给出矩阵：使用默认矩阵。")]
    try:
        rows = [[_rat(v) for v in row] for row in raw]
    except (TypeError, ValueError):
        return sp.Matrix(default), [tr("The matrix had unusable entries: using the default.",
                                       "矩阵含无法使用的元素：改用默认矩阵。")]
    if len(rows) == 2 and all(len(r) == 2 for r in rows):
        return sp.Matrix(rows), []
    block = [[(rows[i][j] if i < len(rows) and j < len(rows[i]) else sp.Integer(int(i == j))) for j in range(2)]
             for i in range(2)]
    shape = f"{len(rows)}x{max(len(r) for r in rows)}"
    return sp.Matrix(block), [tr(f"The plane picture needs a 2x2 matrix; the given one is {shape}, so its top-left "
                                 "2x2 block is used.",
                                 f"平面图示需要 2x2 矩阵；给出的是 {shape}，因此使用其左上角 2x2 子块。")]


def _vectors2(p: Params, defaults, tr) -> tuple[list[sp.Matrix], list[str]]:
    """Two exact 2D column vectors from params.vectors (missing or zero ones replaced by the defaults)."""
    out, notes = [], []
    for i, d in enumerate(defaults):
        v = p.vectors[i] if i < len(p.vectors) else None
        try:
            comps = [_rat(c) for c in v] if v else None
        except (TypeError, ValueError):
            comps = None
        if comps and len(comps) != 2:
            notes.append(tr(f"Vector {i + 1} has {len(comps)} components; the picture uses the first two.",
                            f"第 {i + 1} 个向量有 {len(comps)} 个分量；图中只用前两个。"))
        comps = (comps + [sp.Integer(0)])[:2] if comps else None
        if not comps or all(c == 0 for c in comps):
            out.append(sp.Matrix(d))
            notes.append(tr(f"Vector {i + 1} not given (or zero): using {list(d)}.",
                            f"第 {i + 1} 个向量未给出（或为零）：使用 {list(d)}。"))
            continue
        out.append(sp.Matrix(comps))
    if len(p.vectors) > len(defaults):
        notes.append(tr(f"Only the first {len(defaults)} vectors are used.", f"只使用前 {len(defaults)} 个向量。"))
    return out, notes


def _f(v) -> list[float]:
    """Floats of a sympy vector/matrix (row-major) for scene literals."""
    return [float(sp.N(e)) for e in v]


def _pvec(v) -> str:
    """LaTeX column vector."""
    return r"\begin{pmatrix}" + r"\\".join(latex(e) for e in v) + r"\end{pmatrix}"


def _pmat(m: sp.Matrix) -> str:
    """LaTeX matrix with round brackets."""
    rows = [" & ".join(latex(m[i, j]) for j in range(m.cols)) for i in range(m.rows)]
    return r"\begin{pmatrix}" + r"\\".join(rows) + r"\end{pmatrix}"


def _paren(e) -> str:
    """LaTeX of e, in parentheses when negative or compound (for products like 3·(-2))."""
    s = latex(e)
    return f"\\left({s}\\right)" if (s.startswith("-") or "+" in s or " - " in s or "\\frac" in s) else s


def _fit_plane(points, box=PLANE_BOX, margin=0.55, cover=(), max_unit=2.0) -> dict:
    """Unit and origin so that `points` (plane coordinates) sit inside `box`; grid ranges cover the frame.

    `cover` lists extra plane points the grid must reach (e.g. the preimage of the frame for a transformation).
    """
    xs = [0.0] + [float(q[0]) for q in points]
    ys = [0.0] + [float(q[1]) for q in points]
    w, h = max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0)
    unit = float(f"{max(min((box[1] - box[0] - 2 * margin) / w, (box[3] - box[2] - 2 * margin) / h, max_unit), 1e-6):.4g}")
    ox = round((box[0] + box[1]) / 2 - unit * (max(xs) + min(xs)) / 2, 4)
    oy = round((box[2] + box[3]) / 2 - unit * (max(ys) + min(ys)) / 2, 4)
    clip = lambda v: max(-1e7, min(1e7, v)) if math.isfinite(v) else 0.0  # noqa: E731
    gx = [(FRAME[0] - ox) / unit, (FRAME[1] - ox) / unit] + [clip(float(c[0])) for c in cover]
    gy = [(FRAME[2] - oy) / unit, (FRAME[3] - oy) / unit] + [clip(float(c[1])) for c in cover]
    span = max(max(gx) - min(gx), max(gy) - min(gy))
    step = max(1, math.ceil(span / 36))  # at most about 36 grid lines each way, one through the origin
    lo = lambda v: step * (math.floor(v / step) - 1)  # noqa: E731
    hi = lambda v: step * (math.ceil(v / step) + 1)  # noqa: E731
    return {"unit": unit, "origin": [ox, oy],
            "xr": [lo(min(gx)), hi(max(gx)), step], "yr": [lo(min(gy)), hi(max(gy)), step]}


def _frame_preimage(m: sp.Matrix, fit: dict) -> list[list[float]]:
    """Plane points that M maps onto the frame's corners (so the transformed grid still fills the frame)."""
    if m.det() == 0:
        return []
    inv = m.inv()
    u, (ox, oy) = fit["unit"], fit["origin"]
    corners = [[(fx - ox) / u, (fy - oy) / u] for fx in FRAME[:2] for fy in FRAME[2:]]
    return [_f(inv * sp.Matrix([_rat(round(c[0], 3)), _rat(round(c[1], 3))])) for c in corners]


def _assign(**literals: str) -> str:
    """Scene constant lines NAME = literal (the literals come from py(), tex() or text_literal())."""
    return "".join(f"{k} = {v}\n" for k, v in literals.items())


def _plane_consts(fit: dict) -> str:
    """Scene constants describing the fitted plane."""
    return f"UNIT = {py(fit['unit'])}\nORIGIN_XY = {py(fit['origin'])}\nXR = {py(fit['xr'])}\nYR = {py(fit['yr'])}\n"


def _title_block(title: str) -> str:
    """Title code (unindented) with a dark backing that stays on top of grids."""
    return textwrap.dedent(title_code(title)) + "title.add_background_rectangle(opacity=0.85, buff=0.1)\n" \
        "title.set_z_index(6)\n"


def _body(title: str, consts: str, logic: str) -> str:
    """Scene body: the title, the value constants, then the fixed logic."""
    return _title_block(title) + consts + textwrap.dedent(logic)


_TEX_WORDS = {"\\left(": "(", "\\right)": ")", "\\left[": "[", "\\right]": "]", "\\cdot": "·",
              "\\approx": "≈", "\\pi": "π", "\\lambda": "λ", "\\theta": "θ", "\\sin": "sin", "\\cos": "cos",
              "\\operatorname{atan}": "atan", "\\quad": " ", "\\,": "", "\\ ": " ", "\\circ": "°", "\\neq": "≠"}


def _group(x: str) -> str:
    """x, in parentheses unless it is a single token (for a/b and √x in plain text)."""
    return x if re.fullmatch(r"[\w.√π]+", x) else f"({x})"


def _detex(line: str) -> str:
    """Plain, readable text from a line that may hold sympy LaTeX (\\frac{9 \\pi}{4} becomes (9π)/4)."""
    for k, v in _TEX_WORDS.items():
        line = line.replace(k, v)
    for _ in range(4):  # innermost first: \\sqrt{29} then \\frac{√29}{2}
        line = re.sub(r"\\sqrt\{([^{}]*)\}", lambda m: "√" + _group(m[1].strip()), line)
        line = re.sub(r"\\frac\{([^{}]*)\}\{([^{}]*)\}",
                      lambda m: f"{_group(m[1].strip())}/{_group(m[2].strip())}", line)
        line = re.sub(r"\^\{([^{}]*)\}", lambda m: "^" + _group(m[1].strip()), line)
    line = re.sub(r"(\d|\))\s+(π|λ|√|i\b)", r"\1\2", line.replace("{", "").replace("}", ""))
    line = re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", line))
    return re.sub(r"  +", " ", line)


@dataclass(frozen=True)
class _Draft:
    """What a family's build() computed, for _lesson() to assemble."""

    scene: str  # the scene class name
    body: str  # construct()'s body (see _body)
    notes: str  # the study notes (markdown)
    values: dict
    caveats: list[str]  # what the input lacked and what was used instead
    params_line: str  # the parameters, one line of text
    computed: list[str]  # the values computed with sympy, one line each
    shots: list[str]  # the storyboard, one line a shot


def _reasoning(fam: Family, p: Params, d: _Draft) -> list[str]:
    """The streamed reasoning: recognised, caveats, parameters, computed values, storyboard."""
    tr = _tr(p)
    concept = p.concept if len(p.concept) <= 80 else p.concept[:77] + "..."
    lines = [tr(f"Recognised: {fam.title_en} (family '{fam.key}') in \"{concept}\".",
                f"识别为：{fam.title_zh}（类别 {fam.key}），输入为“{concept}”。")]
    lines += list(d.caveats)
    lines.append(tr("Parameters: ", "参数：") + d.params_line)
    lines += [tr("Computed with sympy: ", "sympy 计算：") + c for c in d.computed]
    lines += [tr(f"Shot {i}: ", f"镜头 {i}：") + s for i, s in enumerate(d.shots, 1)]
    return [_detex(line) for line in lines]


def _notes_md(n: NotesSpec) -> str:
    """common.notes_markdown with the timeline (the storyboard shots) as plain text."""
    return notes_markdown(replace(n, timeline=[_detex(t) for t in n.timeline]))


def _lesson(fam: Family, p: Params, d: _Draft) -> Lesson:
    """Assemble the Lesson (one place, so every family emits the same module shape)."""
    code = scene_module(d.scene, d.body, helpers=SCENE_HELPERS)
    return Lesson(family=fam.key, title=fam.title(p), scene_name=d.scene, code=code, notes_md=d.notes,
                  reasoning=_reasoning(fam, p, d), values=d.values)


def _positive(v) -> bool:
    return bool(v.is_positive) and float(v) < 1e6


# ---------------------------------------------------------------------------------------------------------------
@register
class Pythagorean(Family):
    key = "pythagorean"
    title_en = "The Pythagorean theorem"
    title_zh = "勾股定理"
    description = ("The Pythagorean theorem a^2 + b^2 = c^2 for a right triangle: squares on the legs and the "
                   "hypotenuse, with a visual rearrangement proof of the areas.")
    aliases = ("pythagorean theorem", "pythagoras", "pythagoras theorem", "a^2+b^2=c^2", "a^2 + b^2 = c^2",
               "hypotenuse", "right triangle sides", "3-4-5 triangle", "勾股定理", "毕达哥拉斯定理", "勾三股四弦五",
               "直角三角形斜边", "商高定理")

    def values(self, p: Params, tr) -> tuple[dict, list[str]]:
        a, ka = _number(p, ("a", "leg1"), 3, _positive)
        b, kb = _number(p, ("b", "leg2"), 4, _positive)
        c_in, kc = _number(p, ("c", "hypotenuse"), 0, _positive)
        notes = []
        legs = None if ka or kb or kc else _legs_in(p.concept)
        if legs:
            (a, b), ka, kb = legs, "text", "text"
            notes.append(tr(f"Legs from the text: a = {latex(a)}, b = {latex(b)}.",
                            f"题目给出的直角边：a = {latex(a)}，b = {latex(b)}。"))
        if kc and ka and not kb and c_in > a:
            b = sp.sqrt(c_in**2 - a**2)
        elif kc and kb and not ka and c_in > b:
            a = sp.sqrt(c_in**2 - b**2)
        elif not (ka and kb):
            notes.append(tr(f"Legs not both given: using a = {latex(a)}, b = {latex(b)}.",
                            f"未同时给出两条直角边：使用 a = {latex(a)}，b = {latex(b)}。"))
        c = sp.sqrt(a**2 + b**2)
        ex_a, ex_b = a + 2, b + 8
        v = {"a": a, "b": b, "c": c, "a2": a**2, "b2": b**2, "c2": sp.expand(c**2), "exercise_legs": (ex_a, ex_b),
             "exercise_c": sp.sqrt(ex_a**2 + ex_b**2)}
        return v, notes

    def build(self, params: Params) -> Lesson:
        tr = _tr(params)
        v, caveats = self.values(params, tr)
        a, b, c = v["a"], v["b"], v["c"]
        la, lb, lc, lc2 = latex(a), latex(b), latex(c), latex(v["c2"])
        c_tex = f"c = {lc}" if c.is_Integer else f"c = {lc} \\approx {num(c)}"
        shots = [
            tr(f"A right triangle with legs a = {la} and b = {lb}, its right angle marked.",
               f"直角三角形，两条直角边 a = {la}，b = {lb}，标出直角。"),
            tr(f"A square grows on each side: a² = {latex(v['a2'])} (blue), b² = {latex(v['b2'])} (green), "
               f"c² = {lc2} (yellow).",
               f"在三条边上各长出一个正方形：a² = {latex(v['a2'])}（蓝），b² = {latex(v['b2'])}（绿），c² = {lc2}（黄）。"),
            tr(f"Proof: a square of side a + b = {latex(a + b)} holds four copies of the triangle; the uncovered "
               "tilted square is c².",
               f"证明：边长 a + b = {latex(a + b)} 的大正方形里放四个同样的三角形，空出的斜正方形面积是 c²。"),
            tr("The triangles slide into two rectangles; now the uncovered area is a² + b², so a² + b² = c².",
               "三角形平移成两个矩形，空出的面积变成 a² + b²，所以 a² + b² = c²。"),
            tr(f"The equation with the numbers: {_paren(a)}² + {_paren(b)}² = {lc2} = c², so {c_tex}.",
               f"代入数值：{_paren(a)}² + {_paren(b)}² = {lc2} = c²，所以 {c_tex}。"),
        ]
        formula = (f"a^2+b^2=c^2:\\quad {_paren(a)}^2+{_paren(b)}^2 = {latex(v['a2'])}+{latex(v['b2'])} = {lc2},"
                   f"\\quad {c_tex}")
        body = _body(self.title(params), self._consts(v, formula, tr), PYTHAGOREAN_LOGIC)
        computed = [f"a² = {latex(v['a2'])}, b² = {latex(v['b2'])}, c² = a² + b² = {lc2}, c = {lc} ≈ {num(c)}"]
        notes = self._notes(params, v, shots, c_tex)
        return _lesson(self, params, _Draft("PythagoreanScene", body, notes, v, caveats,
                                            f"a = {la}, b = {lb}", computed, shots))

    def _consts(self, v, formula, tr) -> str:
        af, bf = float(v["a"]), float(v["b"])
        s = min(6.0 / (af + 2 * bf), 5.3 / (2 * af + bf))  # left figure: triangle with its three squares
        s2 = 4.4 / (af + bf)  # right figure: the (a+b) square of the proof
        return (f"A, B = {py(af)}, {py(bf)}\nS, CX, CY = {py(s)}, -3.7, -0.05\nS2, QX, QY = {py(s2)}, 1.7, -2.65\n"
                f"LAB_A = {tex('a^2 = ' + latex(v['a2']))}\nLAB_B = {tex('b^2 = ' + latex(v['b2']))}\n"
                f"LAB_C = {tex('c^2 = ' + latex(v['c2']))}\nFORMULA = {tex(formula)}\n"
                f"CAPTION1 = {text_literal(tr('4 triangles + c²', '4 个三角形 + c²'))}\n"
                f"CAPTION2 = {text_literal(tr('4 triangles + a² + b²', '4 个三角形 + a² + b²'))}\n")

    def _notes(self, p: Params, v: dict, shots: list[str], c_tex: str) -> str:
        tr = _tr(p)
        la, lb = latex(v["a"]), latex(v["b"])
        ea, eb = v["exercise_legs"]
        return _notes_md(NotesSpec(
            self.title(p),
            tr("In a right triangle with legs $a$, $b$ and hypotenuse $c$: $$a^2 + b^2 = c^2.$$",
               "直角三角形两条直角边为 $a$、$b$，斜边为 $c$，则 $$a^2 + b^2 = c^2.$$"),
            tr("Put four copies of the triangle inside a square of side $a+b$. Arranged one way they leave a tilted "
               "square of area $c^2$ uncovered; arranged another way they leave two squares of areas $a^2$ and "
               "$b^2$. Same big square, same four triangles, so the uncovered areas are equal.",
               "把四个同样的直角三角形放进边长为 $a+b$ 的大正方形。一种摆法空出一个面积为 $c^2$ 的斜正方形；"
               "另一种摆法空出面积为 $a^2$ 和 $b^2$ 的两个正方形。大正方形相同、三角形相同，所以空出的面积相等。"),
            tr(f"With $a = {la}$ and $b = {lb}$: $$a^2 + b^2 = {latex(v['a2'])} + {latex(v['b2'])} = "
               f"{latex(v['c2'])},\\qquad {c_tex}.$$",
               f"取 $a = {la}$，$b = {lb}$：$$a^2 + b^2 = {latex(v['a2'])} + {latex(v['b2'])} = "
               f"{latex(v['c2'])},\\qquad {c_tex}.$$"),
            shots,
            tr(f"A right triangle has legs ${latex(ea)}$ and ${latex(eb)}$. How long is its hypotenuse?",
               f"直角三角形的两条直角边为 ${latex(ea)}$ 和 ${latex(eb)}$，斜边多长？"),
            f"$c = \\sqrt{{{latex(ea**2)} + {latex(eb**2)}}} = {latex(v['exercise_c'])}$",
            zh=p.language == "zh"))


PYTHAGOREAN_LOGIC = '''
def P(px, py_):
    return np.array([CX + S * (px - A / 2), CY + S * (py_ - B / 2), 0.0])


def Q(qx, qy):
    return np.array([QX + S2 * qx, QY + S2 * qy, 0.0])


def inside(label, side, poly, away):
    """The label in the middle of its square, or beside it (towards `away`) when the square is too small."""
    fit(label, 0.8 * side, 0.8 * side)
    if label.height >= 0.25:
        return label.move_to(poly.get_center())
    return label.scale_to_fit_height(0.3).next_to(poly, away, buff=0.12)


L = A + B
tri = Polygon(P(0, 0), P(A, 0), P(0, B), color=WHITE, fill_color=GREY_D, fill_opacity=0.9, stroke_width=3)
mark = RightAngle(Line(P(0, 0), P(A, 0)), Line(P(0, 0), P(0, B)), length=min(0.25, 0.3 * S * min(A, B)))
sq_a = Polygon(P(0, 0), P(A, 0), P(A, -A), P(0, -A), color=BLUE, fill_opacity=0.45)
sq_b = Polygon(P(0, 0), P(0, B), P(-B, B), P(-B, 0), color=GREEN, fill_opacity=0.45)
sq_c = Polygon(P(A, 0), P(0, B), P(B, A + B), P(A + B, A), color=YELLOW, fill_opacity=0.45)
labels = VGroup(inside(MathTex(LAB_A), S * A, sq_a, RIGHT), inside(MathTex(LAB_B), S * B, sq_b, LEFT),
                inside(MathTex(LAB_C), S * (A * A + B * B) ** 0.5, sq_c, UR))
self.play(Write(title), run_time=rt(1))
self.play(DrawBorderThenFill(tri), Create(mark), run_time=rt(1.2))
for sq, lab in zip([sq_a, sq_b, sq_c], labels):
    self.play(FadeIn(sq, scale=0.6), Write(lab), run_time=rt(0.9))
self.wait(rt(0.5))

big = Polygon(Q(0, 0), Q(L, 0), Q(L, L), Q(0, L), color=WHITE, stroke_width=3)
style = dict(color=WHITE, fill_color=GREY_D, fill_opacity=1.0, stroke_width=2)
tris = [Polygon(Q(0, 0), Q(A, 0), Q(0, B), **style), Polygon(Q(A, 0), Q(L, 0), Q(L, A), **style),
        Polygon(Q(L, A), Q(L, L), Q(B, L), **style), Polygon(Q(B, L), Q(0, L), Q(0, B), **style)]
hole_c = Polygon(Q(A, 0), Q(L, A), Q(B, L), Q(0, B), color=YELLOW, fill_opacity=0.45, stroke_width=0)
lab_c = inside(MathTex("c^2"), S2 * (A * A + B * B) ** 0.5, hole_c, UP)
cap1 = fit(Text(CAPTION1, font_size=30), 5.2).next_to(big, UP, buff=0.3)
self.play(Create(big), FadeIn(hole_c), run_time=rt(0.8))
self.play(LaggedStart(*[TransformFromCopy(tri, t) for t in tris], lag_ratio=0.25), run_time=rt(2))
self.play(Write(lab_c), FadeIn(cap1), run_time=rt(0.8))
self.wait(rt(0.6))

hole_a = Polygon(Q(0, 0), Q(A, 0), Q(A, A), Q(0, A), color=BLUE, fill_opacity=0.45, stroke_width=0)
hole_b = Polygon(Q(A, A), Q(L, A), Q(L, L), Q(A, L), color=GREEN, fill_opacity=0.45, stroke_width=0)
lab_a = inside(MathTex("a^2"), S2 * A, hole_a, LEFT)
lab_b = inside(MathTex("b^2"), S2 * B, hole_b, RIGHT)
cap2 = fit(Text(CAPTION2, font_size=30), 5.2).next_to(big, UP, buff=0.3)
self.play(FadeOut(lab_c), FadeOut(hole_c), run_time=rt(0.5))
self.play(tris[0].animate.shift(S2 * A * UP), tris[2].animate.shift(S2 * B * LEFT),
          tris[3].animate.shift(S2 * (A * RIGHT + B * DOWN)), run_time=rt(2))
self.play(FadeIn(hole_a), FadeIn(hole_b), Write(lab_a), Write(lab_b), ReplacementTransform(cap1, cap2),
          run_time=rt(1))
formula = fit(MathTex(FORMULA), 13).to_edge(DOWN, buff=0.3)
self.play(Write(formula), run_time=rt(1.5))
self.play(Circumscribe(formula, color=YELLOW), run_time=rt(1))
self.wait(rt(1.5))
'''


def _angle(p: Params, tr, default) -> tuple[sp.Expr, list[str]]:
    """The angle the user asked about (radians, or degrees when it is plainly degrees), exact where possible."""
    deg_raw = next((p.numbers[k] for k in ("deg", "degrees", "degree") if k in p.numbers), None)
    raw = p.point if p.point is not None else next(
        (p.numbers[k] for k in ("theta", "angle", "t", "x") if k in p.numbers), None)
    if deg_raw is None and raw is None:
        return sp.sympify(default), []
    try:
        f = float(deg_raw if deg_raw is not None else raw)
        if not math.isfinite(f) or abs(f) > 1e6:
            raise ValueError
    except (TypeError, ValueError):
        return sp.sympify(default), [tr("The angle was unusable: using the default.", "角度无法使用：改用默认值。")]
    if deg_raw is not None or 2 * math.pi + 1e-9 < abs(f) <= 720:
        note = [] if deg_raw is not None else [tr(f"{num(f)} is larger than 2π, so it is read as degrees.",
                                                  f"{num(f)} 大于 2π，按角度制（度）理解。")]
        return sp.Rational(f).limit_denominator(100) * sp.pi / 180, note
    r = sp.Rational(f / math.pi).limit_denominator(48)
    return (r * sp.pi if abs(float(r) * math.pi - f) < 1e-6 else _rat(f)), []


def _value_tex(e) -> str:
    """`= exact`, `= exact ≈ decimal` or `≈ decimal` (LaTeX), whichever says the value best."""
    e = sp.nsimplify(e) if isinstance(e, sp.Float) else e
    if e.is_Rational:
        return "= " + latex(e)
    if e.has(sp.sin, sp.cos, sp.exp) or e.atoms(sp.Float):
        return f"\\approx {num(e)}"
    return f"= {latex(e)} \\approx {num(e)}"


@register
class UnitCircle(Family):
    key = "unit_circle"
    title_en = "The unit circle: sine and cosine"
    title_zh = "单位圆与正弦、余弦"
    description = ("A point moving around the unit circle drives the sine and cosine waves: its height is sin θ and "
                   "its horizontal position is cos θ, traced as graphs beside the circle.")
    aliases = ("unit circle", "sine and cosine", "sin and cos", "trigonometric functions", "sine wave", "cosine wave",
               "sin theta", "cos theta", "trig circle", "radian", "单位圆", "三角函数", "正弦", "余弦", "正弦曲线",
               "正弦函数", "余弦函数", "弧度")

    def values(self, p: Params, tr):
        theta, notes = _angle(p, tr, sp.pi / 6)
        v = {"theta": theta, "sin": sp.simplify(sp.sin(theta)), "cos": sp.simplify(sp.cos(theta)),
             "identity": sp.simplify(sp.sin(theta) ** 2 + sp.cos(theta) ** 2)}
        v["exercise_theta"] = theta + sp.pi / 2
        v["exercise_sin"], v["exercise_cos"] = sp.simplify(sp.sin(theta + sp.pi / 2)), sp.simplify(
            sp.cos(theta + sp.pi / 2))
        return v, notes

    def build(self, params: Params) -> Lesson:
        tr = _tr(params)
        v, caveats = self.values(params, tr)
        lt = latex(v["theta"])
        sin_tex = f"\\sin\\left({lt}\\right) {_value_tex(v['sin'])}"
        cos_tex = f"\\cos\\left({lt}\\right) {_value_tex(v['cos'])}"
        shots = [
            tr("The unit circle (radius 1) and two graphs beside it: sin θ above, cos θ below.",
               "单位圆（半径 1），旁边两幅图：上面是 sin θ，下面是 cos θ。"),
            tr("A point runs once around the circle; its height (red) traces the sine wave and its horizontal "
               "position (blue) traces the cosine wave.",
               "一个点绕圆走一圈；它的高度（红）描出正弦曲线，它的横坐标（蓝）描出余弦曲线。"),
            tr(f"The point stops at θ = {lt}: {sin_tex}, {cos_tex}.",
               f"点停在 θ = {lt}：sin = {num(v['sin'])}，cos = {num(v['cos'])}。"),
            tr("The exact values appear at the bottom, with sin²θ + cos²θ = 1.",
               "底部给出精确值，以及 sin²θ + cos²θ = 1。"),
        ]
        consts = (f"TH0 = {py(float(sp.Mod(v['theta'], 2 * sp.pi)))}\nSIN_TEX = {tex(sin_tex)}\n"
                  f"COS_TEX = {tex(cos_tex)}\n")
        body = _body(self.title(params), consts, UNIT_CIRCLE_LOGIC)
        computed = [f"θ = {lt} ≈ {num(v['theta'])} rad", f"sin θ = {latex(v['sin'])} ≈ {num(v['sin'])}",
                    f"cos θ = {latex(v['cos'])} ≈ {num(v['cos'])}", f"sin²θ + cos²θ = {latex(v['identity'])}"]
        notes = self._notes(params, v, shots, sin_tex, cos_tex)
        return _lesson(self, params, _Draft("UnitCircleScene", body, notes, v, caveats, f"θ = {lt}", computed, shots))

    def _notes(self, p, v, shots, sin_tex, cos_tex) -> str:
        tr = _tr(p)
        et = latex(v["exercise_theta"])
        return _notes_md(NotesSpec(
            self.title(p),
            tr("On the unit circle $x^2 + y^2 = 1$, the point at angle $\\theta$ (measured counter-clockwise from "
               "the positive $x$-axis) is $(\\cos\\theta, \\sin\\theta)$.",
               "单位圆 $x^2 + y^2 = 1$ 上，从 $x$ 轴正方向逆时针转过角 $\\theta$ 的点是 $(\\cos\\theta, \\sin\\theta)$。"),
            tr("As the point goes round, its height rises and falls smoothly: plotted against $\\theta$ that is the "
               "sine wave; its horizontal position gives the cosine wave, the same wave shifted by $\\pi/2$. "
               "Pythagoras on the radius gives $\\sin^2\\theta + \\cos^2\\theta = 1$.",
               "点绕圆转动时，它的高度平滑地起伏，把它对 $\\theta$ 作图就是正弦曲线；横坐标给出余弦曲线，"
               "它是正弦曲线平移 $\\pi/2$。对半径用勾股定理得 $\\sin^2\\theta + \\cos^2\\theta = 1$。"),
            tr(f"At $\\theta = {latex(v['theta'])}$: $${sin_tex},\\qquad {cos_tex}.$$",
               f"当 $\\theta = {latex(v['theta'])}$ 时：$${sin_tex},\\qquad {cos_tex}.$$"),
            shots,
            tr(f"Find $\\sin$ and $\\cos$ of $\\theta = {et}$ (a quarter turn further).",
               f"求 $\\theta = {et}$（再转四分之一圈）时的 $\\sin$ 与 $\\cos$。"),
            f"$\\sin\\left({et}\\right) {_value_tex(v['exercise_sin'])},\\quad "
            f"\\cos\\left({et}\\right) {_value_tex(v['exercise_cos'])}$",
            zh=p.language == "zh"))


UNIT_CIRCLE_LOGIC = '''
C, R = np.array([-4.75, 0.15, 0.0]), 1.45
t, trace = ValueTracker(0.0), ValueTracker(0.01)


def pt():
    return C + R * np.array([np.cos(t.get_value()), np.sin(t.get_value()), 0.0])


circle = Circle(radius=R, color=WHITE).move_to(C)
cross = VGroup(Line(C + 1.25 * R * LEFT, C + 1.25 * R * RIGHT), Line(C + 1.25 * R * DOWN, C + 1.25 * R * UP))
cross.set_stroke(GREY, 2)
kw = dict(x_range=[0, 2 * PI + 0.25, PI / 2], y_range=[-1.2, 1.2, 1], x_length=8.6, y_length=1.9, tips=False)
ax_s, ax_c = Axes(**kw), Axes(**kw)
ax_s.shift(np.array([-2.1, 1.5, 0.0]) - ax_s.c2p(0, 0))
ax_c.shift(np.array([-2.1, -1.2, 0.0]) - ax_c.c2p(0, 0))
ticks = MathTex("0", r"\\frac{\\pi}{2}", r"\\pi", r"\\frac{3\\pi}{2}", r"2\\pi", font_size=26)  # one TeX run
for k, part in enumerate(ticks):
    part.next_to(ax_c.c2p(k * PI / 2, -1.2), DOWN, buff=0.12)
lab_s = MathTex(r"\\sin\\theta", color=RED, font_size=34).next_to(ax_s.c2p(0, 1.2), UP, buff=0.08)
lab_c = MathTex(r"\\cos\\theta", color=BLUE, font_size=34).next_to(ax_c.c2p(0, 1.2), UP, buff=0.08)
self.play(Write(title), run_time=rt(1))
self.play(Create(circle), Create(cross), Create(ax_s), Create(ax_c), FadeIn(ticks, lab_s, lab_c), run_time=rt(1.5))

radius = always_redraw(lambda: Line(C, pt(), color=YELLOW, stroke_width=3))
sin_seg = always_redraw(lambda: Line(C + R * np.cos(t.get_value()) * RIGHT, pt(), color=RED, stroke_width=5))
cos_seg = always_redraw(lambda: Line(C, C + R * np.cos(t.get_value()) * RIGHT, color=BLUE, stroke_width=5))
dot = always_redraw(lambda: Dot(pt(), color=YELLOW))
s_graph = always_redraw(lambda: ax_s.plot(np.sin, x_range=[0, trace.get_value()], color=RED))
c_graph = always_redraw(lambda: ax_c.plot(np.cos, x_range=[0, trace.get_value()], color=BLUE))
s_dot = always_redraw(lambda: Dot(ax_s.c2p(t.get_value(), np.sin(t.get_value())), color=RED, radius=0.07))
c_dot = always_redraw(lambda: Dot(ax_c.c2p(t.get_value(), np.cos(t.get_value())), color=BLUE, radius=0.07))
link_s = always_redraw(lambda: DashedLine(pt(), s_dot.get_center(), stroke_width=1.5, color=RED_A))
link_c = always_redraw(lambda: DashedLine(pt(), c_dot.get_center(), stroke_width=1.5, color=BLUE_A))
readout = VGroup(MathTex(r"\\theta ="), DecimalNumber(0, num_decimal_places=2, mob_class=Text, font_size=40))
readout.arrange(RIGHT)
readout.next_to(circle, DOWN, buff=0.45)
readout[1].add_updater(lambda m: m.set_value(t.get_value()))
self.add(s_graph, c_graph, link_s, link_c, radius, sin_seg, cos_seg, dot, s_dot, c_dot)
self.play(FadeIn(readout), run_time=rt(0.5))
self.play(t.animate.set_value(2 * PI), trace.animate.set_value(2 * PI), run_time=rt(6), rate_func=linear)
self.wait(rt(0.4))
t.set_value(0)
self.play(t.animate.set_value(TH0 if TH0 > 1e-6 else 2 * PI), run_time=rt(1.5))
values = VGroup(MathTex(SIN_TEX, color=RED), MathTex(COS_TEX, color=BLUE),
                MathTex(r"\\sin^2\\theta + \\cos^2\\theta = 1")).arrange(RIGHT, buff=0.6)
fit(values, 13.2, 0.8).to_edge(DOWN, buff=0.15)
self.play(Write(values), run_time=rt(1.5))
self.wait(rt(1.5))
'''


@register
class CircleArea(Family):
    key = "circle_area"
    title_en = "Pi and the area of a circle"
    title_zh = "圆周率与圆的面积"
    description = ("Why the area of a circle is pi r squared: slice the disc into thin sectors and rearrange them "
                   "into a near-rectangle of width pi r (half the circumference) and height r.")
    aliases = ("area of a circle", "circle area", "pi r squared", "pi r^2", "\\pi r^2", "what is pi", "value of pi",
               "circumference", "circumference of a circle", "2 pi r", "圆的面积", "圆面积", "圆周率",
               "圆的周长", "圆面积公式", "割圆术")

    def values(self, p: Params, tr):
        r, key = _number(p, ("r", "radius", "R", "d", "diameter"), 2, _positive)
        notes = [] if key else [tr("No radius given: using r = 2.", "未给出半径：使用 r = 2。")]
        if key in ("d", "diameter"):
            r = r / 2
            notes.append(tr(f"A diameter was given: r = {latex(r)}.", f"给出的是直径：r = {latex(r)}。"))
        v = {"r": r, "area": sp.pi * r**2, "circumference": 2 * sp.pi * r, "half_circumference": sp.pi * r,
             "pi": sp.N(sp.pi, 8), "exercise_circumference": 2 * sp.pi * (r + 1), "exercise_area": sp.pi * (r + 1)**2}
        return v, notes

    def build(self, params: Params) -> Lesson:
        tr = _tr(params)
        v, caveats = self.values(params, tr)
        lr, la = latex(v["r"]), latex(v["area"])
        shots = [
            tr(f"A circle of radius r = {lr}; its circumference is C = 2πr = {latex(v['circumference'])}, "
               "and π = C/d ≈ 3.14159.",
               f"半径 r = {lr} 的圆；周长 C = 2πr = {latex(v['circumference'])}，π = C/d ≈ 3.14159。"),
            tr("The disc is cut into 16 equal sectors, coloured alternately.", "把圆盘切成 16 个相等的扇形，交替着色。"),
            tr("The sectors are laid out tip up, tip down, side by side: they form a near-rectangle.",
               "扇形一上一下交错排开，拼成一个近似的长方形。"),
            tr("Its width is half the circumference, πr, and its height is the radius r.",
               "它的宽是半个周长 πr，高是半径 r。"),
            tr(f"Area = πr · r = πr² = {la} ≈ {num(v['area'])}.", f"面积 = πr · r = πr² = {la} ≈ {num(v['area'])}。"),
        ]
        formula2 = f"r = {lr}:\\quad A = \\pi \\cdot {_paren(v['r'])}^2 = {la} \\approx {num(v['area'])}"
        consts = _assign(R_TEX=tex("r = " + lr), C_TEX=tex(r"C = 2\pi r,\quad \pi = \frac{C}{2r} \approx 3.14159"),
                         FORMULA1=tex(r"A \approx \pi r \cdot r = \pi r^2"), FORMULA2=tex(formula2))
        body = _body(self.title(params), consts, CIRCLE_AREA_LOGIC)
        computed = [f"A = πr² = {la} ≈ {num(v['area'])}", f"C = 2πr = {latex(v['circumference'])} ≈ "
                    f"{num(v['circumference'])}", f"π ≈ {v['pi']}"]
        notes = self._notes(params, v, shots, formula2)
        return _lesson(self, params, _Draft("CircleAreaScene", body, notes, v, caveats, f"r = {lr}", computed, shots))

    def _notes(self, p, v, shots, formula2) -> str:
        tr = _tr(p)
        ec = latex(v["exercise_circumference"])
        return _notes_md(NotesSpec(
            self.title(p),
            tr(f"$\\pi$ is the ratio of a circle's circumference to its diameter, $\\pi = C/d \\approx {v['pi']}$. "
               "A circle of radius $r$ has circumference $C = 2\\pi r$ and area $$A = \\pi r^2.$$",
               f"圆周率 $\\pi$ 是圆的周长与直径之比，$\\pi = C/d \\approx {v['pi']}$。半径为 $r$ 的圆周长 "
               "$C = 2\\pi r$，面积 $$A = \\pi r^2.$$"),
            tr("Cut the disc into many thin sectors and lay them alternately tip up and tip down. The more sectors, "
               "the closer the shape is to a rectangle whose width is half the circumference, $\\pi r$, and whose "
               "height is $r$: area $\\pi r \\cdot r$.",
               "把圆盘切成很多细扇形，一上一下交错排开。扇形越多，拼出的形状越接近长方形：宽是半个周长 "
               "$\\pi r$，高是 $r$，面积就是 $\\pi r \\cdot r$。"),
            f"$${formula2},\\qquad C = 2\\pi r = {latex(v['circumference'])}.$$",
            shots,
            tr(f"A circle has circumference ${ec}$. What is its area?", f"一个圆的周长是 ${ec}$，它的面积是多少？"),
            f"$r = {latex(v['r'] + 1)},\\ A = \\pi r^2 = {latex(v['exercise_area'])}$",
            zh=p.language == "zh"))


CIRCLE_AREA_LOGIC = '''
C, R, N = np.array([-4.4, 0.25, 0.0]), 1.6, 16
D = TAU / N
W = 2 * R * np.sin(D / 2)  # chord of one sector: the step of the strip
TOP, X0 = 1.0, 3.3 - (N / 2 + 0.5) * W / 2


def mover(sec, angle, target):
    src = sec.copy()

    def step(m, a):
        m.become(src.copy().rotate(a * angle, about_point=C).shift(a * (target - C)))
    return UpdateFromAlphaFunc(sec, step)


outline = Circle(radius=R, color=WHITE).move_to(C)
radius = Line(C, C + R * RIGHT, color=YELLOW)
r_lab = MathTex(R_TEX, font_size=36).next_to(radius, UP, buff=0.1)
r_lab.add_background_rectangle(opacity=0.6, buff=0.05)
VGroup(radius, r_lab).set_z_index(2)  # stays readable above the sectors until it fades
c_lab = fit(MathTex(C_TEX, font_size=34), 6.2).next_to(outline, DOWN, buff=0.3)
self.play(Write(title), run_time=rt(1))
self.play(Create(outline), Create(radius), Write(r_lab), run_time=rt(1.2))
self.play(Write(c_lab), run_time=rt(1))
colors = [BLUE_D, TEAL_D]
sectors = VGroup(*[Sector(radius=R, angle=D, start_angle=k * D, arc_center=C, fill_color=colors[k % 2],
                          fill_opacity=0.9, stroke_color=WHITE, stroke_width=1) for k in range(N)])
self.play(LaggedStart(*[FadeIn(s) for s in sectors], lag_ratio=0.1), run_time=rt(1.5))
self.play(FadeOut(radius), FadeOut(r_lab), outline.animate.set_stroke(GREY, 1.5, 0.6), run_time=rt(0.5))
moves = []
for k, sec in enumerate(sectors):
    j, down = k // 2, k % 2 == 0
    bisector = k * D + D / 2
    angle = (-PI / 2 if down else PI / 2) - bisector
    angle = (angle + PI) % TAU - PI
    target = np.array([X0 + W / 2 + j * W if down else X0 + W + j * W, TOP if down else TOP - R * np.cos(D / 2), 0])
    moves.append(mover(sec, angle, target))
self.play(LaggedStart(*moves, lag_ratio=0.08), run_time=rt(3.5))
b_w = Brace(sectors, DOWN, buff=0.1)
w_lab = MathTex(r"\\approx \\pi r", font_size=38).next_to(b_w, DOWN, buff=0.1)
b_h = Brace(sectors, LEFT, buff=0.1)
h_lab = MathTex("r", font_size=38).next_to(b_h, LEFT, buff=0.1)
self.play(GrowFromCenter(b_w), Write(w_lab), GrowFromCenter(b_h), Write(h_lab), run_time=rt(1.2))
formula = VGroup(MathTex(FORMULA1), MathTex(FORMULA2)).arrange(DOWN, buff=0.25)
fit(formula, 13).to_edge(DOWN, buff=0.25)
self.play(Write(formula[0]), run_time=rt(1.2))
self.play(Write(formula[1]), run_time=rt(1.2))
self.play(Circumscribe(formula, color=YELLOW), run_time=rt(1))
self.wait(rt(1.5))
'''


@register
class EulerFormula(Family):
    key = "euler_formula"
    title_en = "Euler's formula"
    title_zh = "欧拉公式"
    description = ("Euler's formula e^{i theta} = cos theta + i sin theta: the point e^{i theta} moves around the "
                   "unit circle in the complex plane, and at theta = pi it gives Euler's identity e^{i pi} + 1 = 0.")
    aliases = ("euler's formula", "euler formula", "euler's identity", "euler identity", "e^{i pi} + 1 = 0",
               "e^(i*pi)", "e^{i\\pi}", "e^{i\\theta}", "e^(i theta)", "cis theta", "欧拉公式", "欧拉恒等式",
               "复指数", "e的iπ次方", "最美公式")

    def values(self, p: Params, tr):
        theta, notes = _angle(p, tr, sp.pi / 3)
        v = {"theta": theta, "cos": sp.simplify(sp.cos(theta)), "sin": sp.simplify(sp.sin(theta)),
             "exp": sp.expand_complex(sp.exp(sp.I * theta)), "exp_pi": sp.exp(sp.I * sp.pi),
             "identity": sp.exp(sp.I * sp.pi) + 1, "exercise": sp.expand_complex(sp.exp(2 * sp.I * theta))}
        return v, notes

    def build(self, params: Params) -> Lesson:
        tr = _tr(params)
        v, caveats = self.values(params, tr)
        lt = latex(v["theta"])
        e_val = self._complex_tex(v["exp"])
        dot = " " if v["theta"].has(sp.pi) else "\\cdot "  # e^{i\pi/3} but e^{i\cdot 5}
        at_theta = f"e^{{i{dot}{_paren(v['theta'])}}} {e_val}"
        shots = [
            tr("The complex plane with the unit circle; at θ = 0 the point e^{iθ} is 1.",
               "复平面与单位圆；θ = 0 时 e^{iθ} 就是 1。"),
            tr(f"θ grows from 0 to {lt}: e^{{iθ}} moves along the circle; its real part cos θ (blue) and imaginary "
               "part sin θ (red) are drawn.",
               f"θ 从 0 增加到 {lt}：e^{{iθ}} 沿圆运动；蓝色是实部 cos θ，红色是虚部 sin θ。"),
            tr("The velocity i·e^{iθ} (green) is always perpendicular to the radius, so the point stays on the circle.",
               "速度 i·e^{iθ}（绿色）总与半径垂直，所以点始终在圆上。"),
            tr(f"The value at θ = {lt}: e^{{iθ}} = {num(v['cos'])} + {num(v['sin'])}i.",
               f"θ = {lt} 时：e^{{iθ}} = {num(v['cos'])} + {num(v['sin'])}i。"),
            tr("θ = π: the point reaches -1, so e^{iπ} + 1 = 0.", "θ = π：点到达 -1，于是 e^{iπ} + 1 = 0。"),
        ]
        th0 = float(sp.Mod(v["theta"], 2 * sp.pi)) or 2 * math.pi
        consts = _assign(
            TH0=py(th0), EULER=tex(r"e^{i\theta} = \cos\theta + i\sin\theta"), AT_THETA=tex(at_theta),
            VELOCITY=tex(r"\frac{d}{d\theta}e^{i\theta} = i\,e^{i\theta}"),
            VEL_TEXT=text_literal(tr("velocity ⟂ radius: the point circles", "速度 ⟂ 半径：点绕圆运动")),
            AT_PI=tex(r"e^{i\pi} = " + latex(v["exp_pi"])), IDENTITY=tex(r"e^{i\pi} + 1 = " + latex(v["identity"])))
        body = _body(self.title(params), consts, EULER_LOGIC)
        computed = [f"θ = {lt}: cos θ = {latex(v['cos'])}, sin θ = {latex(v['sin'])}",
                    f"e^{{iθ}} = {latex(v['exp'])} ≈ {self._complex_num(v['exp'])}",
                    f"e^{{iπ}} = {latex(v['exp_pi'])}, e^{{iπ}} + 1 = {latex(v['identity'])}"]
        notes = self._notes(params, v, shots, at_theta)
        return _lesson(self, params, _Draft("EulerFormulaScene", body, notes, v, caveats, f"θ = {lt}", computed, shots))

    @staticmethod
    def _complex_num(z) -> str:
        re, im = float(sp.re(z)), float(sp.im(z))
        return f"{num(re)} {'-' if im < 0 else '+'} {num(abs(im))}i"

    def _complex_tex(self, z) -> str:
        exact = latex(z)
        if sp.re(z).is_Rational and sp.im(z).is_Rational:
            return "= " + exact
        approx = self._complex_num(z).replace("i", "\\,i")
        return f"\\approx {approx}" if z.has(sp.sin, sp.cos) else f"= {exact} \\approx {approx}"

    def _notes(self, p, v, shots, at_theta) -> str:
        tr = _tr(p)
        e2 = latex(2 * v["theta"])
        return _notes_md(NotesSpec(
            self.title(p),
            tr("For every real $\\theta$: $$e^{i\\theta} = \\cos\\theta + i\\sin\\theta.$$ At $\\theta = \\pi$ it "
               "gives Euler's identity $e^{i\\pi} + 1 = 0$.",
               "对任意实数 $\\theta$：$$e^{i\\theta} = \\cos\\theta + i\\sin\\theta.$$ 取 $\\theta = \\pi$ 得到欧拉恒等式 "
               "$e^{i\\pi} + 1 = 0$。"),
            tr("The derivative of $e^{i\\theta}$ is $i\\,e^{i\\theta}$: multiplying by $i$ turns a vector by "
               "$90^\\circ$, so the velocity is always perpendicular to the position and has length 1. A point that "
               "starts at 1 and always moves sideways at unit speed runs around the unit circle; after time "
               "$\\theta$ it has covered arc $\\theta$, i.e. it sits at $(\\cos\\theta, \\sin\\theta)$.",
               "$e^{i\\theta}$ 的导数是 $i\\,e^{i\\theta}$：乘以 $i$ 就是旋转 $90^\\circ$，所以速度总与位置垂直、"
               "长度为 1。从 1 出发、始终以单位速率侧向运动的点沿单位圆运动；经过 $\\theta$ 后走过弧长 $\\theta$，"
               "正好在 $(\\cos\\theta, \\sin\\theta)$。"),
            f"$${at_theta},\\qquad e^{{i\\pi}} = {latex(v['exp_pi'])},\\quad e^{{i\\pi}} + 1 = {latex(v['identity'])}.$$",
            shots,
            tr(f"Compute $e^{{i\\cdot {e2}}}$ (twice the angle).", f"计算 $e^{{i\\cdot {e2}}}$（角度加倍）。"),
            f"$e^{{i\\cdot {e2}}} {self._complex_tex(v['exercise'])}$",
            zh=p.language == "zh"))


EULER_LOGIC = '''
C, R = np.array([-3.5, -0.4, 0.0]), 2.3
t = ValueTracker(0.0)


def pt():
    return C + R * np.array([np.cos(t.get_value()), np.sin(t.get_value()), 0.0])


axes = VGroup(Arrow(C + (R + 0.5) * LEFT, C + (R + 0.7) * RIGHT, buff=0, stroke_width=2, tip_length=0.2),
              Arrow(C + (R + 0.4) * DOWN, C + (R + 0.6) * UP, buff=0, stroke_width=2, tip_length=0.2)).set_color(GREY)
marks = VGroup(MathTex("1", font_size=32).next_to(C + R * RIGHT, DR, buff=0.1),
               MathTex("-1", font_size=32).next_to(C + R * LEFT, DL, buff=0.1),
               MathTex("i", font_size=32).next_to(C + R * UP, UR, buff=0.1),
               MathTex(r"\\mathrm{Re}", font_size=28).next_to(axes[0].get_end(), DOWN, buff=0.1),
               MathTex(r"\\mathrm{Im}", font_size=28).next_to(axes[1].get_end(), LEFT, buff=0.1))
circle = Circle(radius=R, color=GREY_B, stroke_width=2).move_to(C)
self.play(Write(title), run_time=rt(1))
self.play(Create(axes), Create(circle), FadeIn(marks), run_time=rt(1.2))
trace = TracedPath(pt, stroke_color=YELLOW, stroke_width=5)
radius = always_redraw(lambda: Line(C, pt(), color=WHITE, stroke_width=3))
cos_seg = always_redraw(lambda: Line(C, C + R * np.cos(t.get_value()) * RIGHT, color=BLUE, stroke_width=6))
sin_seg = always_redraw(lambda: Line(C + R * np.cos(t.get_value()) * RIGHT, pt(), color=RED, stroke_width=6))
arc = always_redraw(lambda: Arc(radius=0.45, angle=max(t.get_value(), 1e-3), arc_center=C, color=WHITE))
vel = always_redraw(lambda: Arrow(pt(), pt() + 0.9 * np.array([-np.sin(t.get_value()), np.cos(t.get_value()), 0]),
                                  buff=0, color=GREEN, stroke_width=4, max_tip_length_to_length_ratio=0.3))
dot = always_redraw(lambda: Dot(pt(), color=YELLOW, radius=0.09))
items = [MathTex(EULER), MathTex(AT_THETA), MathTex(VELOCITY), Text(VEL_TEXT, font_size=28, color=GREEN),
         MathTex(AT_PI), MathTex(IDENTITY, font_size=60, color=YELLOW)]
group, back = panel(items, (0.6, 7.0, -3.9, 3.05), buff=0.4)
self.add(trace, cos_seg, sin_seg, radius, arc, vel, dot)
self.play(FadeIn(back), Write(group[0]), run_time=rt(1.2))
self.play(t.animate.set_value(TH0), run_time=rt(3), rate_func=smooth)
self.play(Write(group[1]), run_time=rt(1.2))
self.play(Write(group[2]), FadeIn(group[3]), Indicate(vel), run_time=rt(1.5))
if abs(TH0 - PI) > 1e-6:
    self.play(t.animate.set_value(PI), run_time=rt(2))
self.play(Write(group[4]), run_time=rt(1))
box = SurroundingRectangle(group[5], color=YELLOW, buff=0.15).set_z_index(6)
self.play(Write(group[5]), Create(box), run_time=rt(1.5))
self.wait(rt(1.5))
'''


def _side(a, b) -> int:
    """+1 when b is counter-clockwise from a, else -1 (which side labels go so they avoid each other)."""
    return 1 if float(a[0] * b[1] - a[1] * b[0]) >= 0 else -1


def _vec_tex(v) -> str:
    """A vector as (x, y) in LaTeX."""
    return "\\left(" + ", ".join(latex(e) for e in v) + "\\right)"


def _deg(angle) -> str:
    """An angle in radians as degrees, e.g. 42.27°."""
    return f"{num(sp.N(angle * 180 / sp.pi), 5)}^\\circ"


PLANE_OPEN = '''
plane = make_plane(UNIT, ORIGIN_XY, XR, YR)
o = plane.c2p(0, 0)
group, back = panel(ITEMS, PANEL)
self.play(Write(title), run_time=rt(1))
self.play(Create(plane), FadeIn(back), run_time=rt(1.2))
'''


def _panel_items(*items: str) -> str:
    """Scene code for the list ITEMS of panel mobjects (each item is a constructor expression)."""
    return "ITEMS = [\n" + "".join(f"    {i},\n" for i in items) + "]\n" + f"PANEL = {py(list(PANEL_BOX))}\n"


def _mt(latex_src: str, color: str = "WHITE") -> str:
    """Constructor code for a MathTex panel item."""
    return f"MathTex({tex(latex_src)}, color={color})"


def _wrap(text: str, width: int = 30) -> str:
    """Break a panel sentence into lines of about `width` columns (a CJK character counts 2), never inside a
    Latin word or a number."""
    tokens = re.findall(r"[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]+|\s+",
                        text)
    lines, cur, used = [], "", 0
    for tok in tokens:
        w = sum(2 if ord(ch) >= 0x2E80 else 1 for ch in tok)
        if used + w > width and cur.strip():
            lines.append(cur.rstrip())
            cur, used = ("", 0) if tok.isspace() else (tok, w)
            continue
        cur, used = cur + tok, used + w
    return "\n".join([*lines, cur.rstrip()] if cur.strip() else lines)


def _tx(text: str, color: str = "WHITE", size: int = 30) -> str:
    """Constructor code for a Text panel item (wrapped so it stays legible in the panel)."""
    return f"Text({text_literal(_wrap(text))}, font_size={size}, color={color}, line_spacing=0.8)"


@register
class VectorAddition(_PlaneVectors):
    key = "vector_addition"
    title_en = "Vector addition"
    title_zh = "向量加法"
    description = ("Adding two vectors tip to tail in the plane: the sum goes from the start of the first to the tip "
                   "of the second, the diagonal of the parallelogram they span; components add.")
    aliases = ("vector addition", "adding vectors", "add vectors", "sum of vectors", "vectors", "tip to tail",
               "parallelogram law", "resultant vector", "vector sum", "向量加法", "向量相加", "向量", "矢量加法",
               "平行四边形法则", "三角形法则", "合向量")

    def values(self, p: Params, tr):
        (a, b), notes = _vectors2(p, ([3, 1], [1, 2]), tr)
        s = a + b
        v = {"a": a, "b": b, "sum": s, "norm": sp.sqrt(s.dot(s)), "exercise": a - b}
        return v, notes

    def build(self, params: Params) -> Lesson:
        tr = _tr(params)
        v, caveats = self.values(params, tr)
        a, b, s = v["a"], v["b"], v["sum"]
        sum_tex = (f"\\vec a + \\vec b = {_pvec(a)} + {_pvec(b)} = "
                   f"\\begin{{pmatrix}}{latex(a[0])} + {_paren(b[0])}\\\\{latex(a[1])} + {_paren(b[1])}\\end{{pmatrix}}"
                   f" = {_pvec(s)}")
        shots = [
            tr(f"The grid and vector a = {_plain(a)} (blue) from the origin.", f"网格与从原点出发的向量 a = {_plain(a)}（蓝）。"),
            tr(f"Vector b = {_plain(b)} (yellow), also from the origin.", f"向量 b = {_plain(b)}（黄），也从原点出发。"),
            tr("b slides so that its tail sits on the tip of a: tip to tail.", "把 b 平移，使它的起点落在 a 的终点：首尾相接。"),
            tr(f"The sum a + b = {_plain(s)} (green) runs from the origin to the final tip.",
               f"和向量 a + b = {_plain(s)}（绿）从原点指向最后的终点。"),
            tr("a slides onto the tip of b as well: the parallelogram shows a + b = b + a.",
               "再把 a 平移到 b 的终点：平行四边形说明 a + b = b + a。"),
        ]
        fit = _fit_plane([_f(a), _f(b), _f(s)])
        consts = _plane_consts(fit) + _assign(VA=py(_f(a)), VB=py(_f(b)), SIDE=str(_side(a, b))) + _panel_items(
            _mt(f"\\vec a = {_pvec(a)}", "BLUE"), _mt(f"\\vec b = {_pvec(b)}", "YELLOW"),
            _tx(tr("tip to tail:", "首尾相接：")), _mt(sum_tex, "GREEN"),
            _mt(f"|\\vec a + \\vec b| = {latex(v['norm'])}" + ("" if v["norm"].is_Rational else
                                                               f" \\approx {num(v['norm'])}")),
            _mt("\\vec a + \\vec b = \\vec b + \\vec a"))
        body = _body(self.title(params), consts, PLANE_OPEN + VECTOR_ADDITION_LOGIC)
        computed = [f"a + b = {_plain(a)} + {_plain(b)} = {_plain(s)}", f"|a + b| = {latex(v['norm'])} ≈ {num(v['norm'])}"]
        notes = self._notes(params, v, shots, sum_tex)
        return _lesson(self, params, _Draft("VectorAdditionScene", body, notes, v, caveats,
                                            f"a = {_plain(a)}, b = {_plain(b)}", computed, shots))

    def _notes(self, p, v, shots, sum_tex) -> str:
        tr = _tr(p)
        return _notes_md(NotesSpec(
            self.title(p),
            tr("To add vectors, add their components: $(a_1, a_2) + (b_1, b_2) = (a_1 + b_1, a_2 + b_2)$. "
               "Geometrically, put the tail of $\\vec b$ on the tip of $\\vec a$; the sum goes from the tail of "
               "$\\vec a$ to the tip of $\\vec b$.",
               "向量相加就是对应分量相加：$(a_1, a_2) + (b_1, b_2) = (a_1 + b_1, a_2 + b_2)$。几何上，把 $\\vec b$ "
               "的起点放到 $\\vec a$ 的终点，和向量从 $\\vec a$ 的起点指向 $\\vec b$ 的终点。"),
            tr("A vector is a displacement: walking $\\vec a$ and then $\\vec b$ ends where walking $\\vec a + \\vec b$ "
               "does. Walking $\\vec b$ first gives the other half of the parallelogram, so the order does not matter.",
               "向量表示位移：先走 $\\vec a$ 再走 $\\vec b$，与直接走 $\\vec a + \\vec b$ 到达同一点；先走 $\\vec b$ "
               "则得到平行四边形的另一半，所以顺序无关。"),
            f"$${sum_tex},\\qquad |\\vec a + \\vec b| = {latex(v['norm'])}.$$",
            shots,
            tr("Compute $\\vec a - \\vec b$ for the same vectors.", "对同样的向量计算 $\\vec a - \\vec b$。"),
            f"$\\vec a - \\vec b = {_pvec(v['exercise'])}$",
            zh=p.language == "zh"))


def _plain(v) -> str:
    """A vector as plain text, e.g. (3, 1)."""
    return "(" + ", ".join(_txt(e) for e in v) + ")"


VECTOR_ADDITION_LOGIC = '''
va, vb = vec(plane, VA, BLUE), vec(plane, VB, YELLOW)
la = tag(va, MathTex(r"\\vec a", color=BLUE), side=-SIDE)
lb = tag(vb, MathTex(r"\\vec b", color=YELLOW), side=SIDE)
self.play(GrowArrow(va), FadeIn(la), Write(group[0]), run_time=rt(1.2))
self.play(GrowArrow(vb), FadeIn(lb), Write(group[1]), run_time=rt(1.2))
vb2 = vec(plane, VB, YELLOW, start=VA)
lb2 = tag(vb2.copy(), MathTex(r"\\vec b", color=YELLOW), side=-SIDE)
self.play(TransformFromCopy(vb, vb2), TransformFromCopy(lb, lb2), FadeIn(group[2]), run_time=rt(1.5))
vs = vec(plane, [VA[0] + VB[0], VA[1] + VB[1]], GREEN)
ls = tag(vs.copy(), MathTex(r"\\vec a + \\vec b", color=GREEN), side=SIDE, where=0.45)
self.play(GrowArrow(vs), FadeIn(ls), Write(group[3]), run_time=rt(1.5))
self.play(Write(group[4]), run_time=rt(1))
va2 = vec(plane, VA, BLUE, start=VB)
la2 = tag(va2.copy(), MathTex(r"\\vec a", color=BLUE), side=SIDE)
self.play(TransformFromCopy(va, va2), TransformFromCopy(la, la2), run_time=rt(1.5))
self.play(Write(group[5]), Indicate(vs), run_time=rt(1.2))
self.wait(rt(1.5))
'''


@register
class DotProduct(_PlaneVectors):
    key = "dot_product"
    title_en = "The dot product"
    title_zh = "向量的点积"
    description = ("The dot product of two vectors, a·b = a1 b1 + a2 b2 = |a||b| cos θ, pictured as the projection "
                   "(shadow) of one vector onto the other; it measures the angle between them.")
    aliases = ("dot product", "scalar product", "inner product", "a·b", "a dot b", "projection of a vector",
               "angle between vectors", "|a||b|cos", "点积", "点乘", "数量积", "内积", "向量投影", "向量夹角")

    def values(self, p: Params, tr):
        (a, b), notes = _vectors2(p, ([4, 1], [2, 3]), tr)
        dot = a.dot(b)
        na, nb = sp.sqrt(a.dot(a)), sp.sqrt(b.dot(b))
        cos = sp.radsimp(dot / (na * nb))
        theta = sp.acos(cos)
        v = {"a": a, "b": b, "dot": dot, "norm_a": na, "norm_b": nb, "cos": cos, "theta": theta,
             "theta_deg": sp.N(theta * 180 / sp.pi, 6), "proj_len": sp.radsimp(dot / na), "proj": dot / na**2 * a,
             "exercise": a.dot(a + b)}
        return v, notes

    def build(self, params: Params) -> Lesson:
        tr = _tr(params)
        v, caveats = self.values(params, tr)
        a, b = v["a"], v["b"]
        dot_tex = (f"\\vec a\\cdot\\vec b = {latex(a[0])}\\cdot{_paren(b[0])} + {latex(a[1])}\\cdot{_paren(b[1])}"
                   f" = {latex(v['dot'])}")
        cos_tex = (f"\\cos\\theta = \\frac{{\\vec a\\cdot\\vec b}}{{|\\vec a||\\vec b|}} = {latex(v['cos'])}"
                   + ("" if v["cos"].is_Rational else f" \\approx {num(v['cos'])}"))
        proj_tex = (f"\\frac{{\\vec a\\cdot\\vec b}}{{|\\vec a|}} = {latex(v['proj_len'])}"
                    + ("" if v["proj_len"].is_Rational else f" \\approx {num(v['proj_len'])}"))
        sign, shots = self._shots(tr, v)
        first, second = (a, b) if _side(a, b) > 0 else (b, a)
        fit = _fit_plane([_f(a), _f(b), _f(v["proj"])])
        consts = _plane_consts(fit) + _assign(
            VA=py(_f(a)), VB=py(_f(b)), PROJ=py(_f(v["proj"])), FIRST=py(_f(first)), SECOND=py(_f(second)),
            HAS_ARC=str(abs(float(v["cos"])) < 0.9999), SIDE=str(_side(a, b))) + _panel_items(
            _mt(f"\\vec a = {_pvec(a)},\\quad \\vec b = {_pvec(b)}"), _mt(dot_tex),
            _mt(f"|\\vec a| = {latex(v['norm_a'])},\\quad |\\vec b| = {latex(v['norm_b'])}"), _mt(cos_tex),
            _mt(f"\\theta \\approx {_deg(v['theta'])}"), _mt(tr("\\text{shadow} = ", "") + proj_tex, "GREEN"),
            _tx(tr("a·b = |a| × (shadow of b on a)", "a·b = |a| ×（b 在 a 上的投影）"), "GREEN"), _tx(sign))
        body = _body(self.title(params), consts, PLANE_OPEN + DOT_PRODUCT_LOGIC)
        computed = [f"a·b = {latex(v['dot'])}", f"|a| = {latex(v['norm_a'])}, |b| = {latex(v['norm_b'])}",
                    f"cos θ = {latex(v['cos'])} ≈ {num(v['cos'])}, θ ≈ {num(v['theta_deg'], 5)}°",
                    f"projection of b on a: {latex(v['proj_len'])} ≈ {num(v['proj_len'])}"]
        notes = self._notes(params, v, shots, dot_tex, cos_tex)
        return _lesson(self, params, _Draft("DotProductScene", body, notes, v, caveats,
                                            f"a = {_plain(a)}, b = {_plain(b)}", computed, shots))

    @staticmethod
    def _shots(tr, v: dict) -> tuple[str, list[str]]:
        """The sign's reading (acute, obtuse, perpendicular) and the scene's shots, as the notes and reasoning tell them."""
        a, b = v["a"], v["b"]
        sign = (tr("a·b > 0: angle < 90°", "a·b > 0：夹角小于 90°") if v["dot"] > 0 else
                tr("a·b < 0: angle > 90°", "a·b < 0：夹角大于 90°") if v["dot"] < 0 else
                tr("a·b = 0: perpendicular", "a·b = 0：互相垂直"))
        shots = [
            tr(f"Vectors a = {_plain(a)} (blue) and b = {_plain(b)} (yellow) from the origin, with the angle θ "
               "between them.", f"从原点出发的向量 a = {_plain(a)}（蓝）与 b = {_plain(b)}（黄），以及夹角 θ。"),
            tr("A perpendicular dropped from the tip of b onto the line of a: the green segment is b's shadow on a.",
               "从 b 的终点向 a 所在直线作垂线：绿色线段是 b 在 a 上的投影。"),
            tr(f"Components: a·b = {latex(v['dot'])}.", f"按分量计算：a·b = {latex(v['dot'])}。"),
            tr(f"Lengths and angle: |a| = {latex(v['norm_a'])}, |b| = {latex(v['norm_b'])}, cos θ ≈ {num(v['cos'])}, "
               f"θ ≈ {num(v['theta_deg'], 5)}°.",
               f"长度与夹角：|a| = {latex(v['norm_a'])}，|b| = {latex(v['norm_b'])}，cos θ ≈ {num(v['cos'])}，"
               f"θ ≈ {num(v['theta_deg'], 5)}°。"),
            tr(f"a·b = |a| × (shadow length {num(v['proj_len'])}); {sign}.",
               f"a·b = |a| ×（投影长度 {num(v['proj_len'])}）；{sign}。"),
        ]
        return sign, shots

    def _notes(self, p, v, shots, dot_tex, cos_tex) -> str:
        tr = _tr(p)
        return _notes_md(NotesSpec(
            self.title(p),
            tr("$\\vec a\\cdot\\vec b = a_1 b_1 + a_2 b_2 = |\\vec a|\\,|\\vec b|\\cos\\theta$, where $\\theta$ is "
               "the angle between the vectors.",
               "$\\vec a\\cdot\\vec b = a_1 b_1 + a_2 b_2 = |\\vec a|\\,|\\vec b|\\cos\\theta$，其中 $\\theta$ 是两向量的夹角。"),
            tr("Shine a light perpendicular to $\\vec a$: the shadow of $\\vec b$ on the line of $\\vec a$ has signed "
               "length $|\\vec b|\\cos\\theta$. The dot product is $|\\vec a|$ times that shadow: positive when the "
               "vectors point roughly the same way, zero when perpendicular, negative when opposed.",
               "沿垂直于 $\\vec a$ 的方向照光：$\\vec b$ 在 $\\vec a$ 所在直线上的影子（有向长度）是 "
               "$|\\vec b|\\cos\\theta$。点积就是 $|\\vec a|$ 乘以这个影子：方向大致相同为正，垂直为零，相反为负。"),
            f"$${dot_tex},\\qquad |\\vec a| = {latex(v['norm_a'])},\\quad |\\vec b| = {latex(v['norm_b'])},$$\n\n"
            f"$${cos_tex},\\qquad \\theta \\approx {_deg(v['theta'])}.$$",
            shots,
            tr("Compute $\\vec a\\cdot(\\vec a + \\vec b)$ for the same vectors.",
               "对同样的向量计算 $\\vec a\\cdot(\\vec a + \\vec b)$。"),
            f"$\\vec a\\cdot(\\vec a + \\vec b) = |\\vec a|^2 + \\vec a\\cdot\\vec b = {latex(v['exercise'])}$",
            zh=p.language == "zh"))


DOT_PRODUCT_LOGIC = '''
va, vb = vec(plane, VA, BLUE), vec(plane, VB, YELLOW)
la = tag(va, MathTex(r"\\vec a", color=BLUE), side=-SIDE)
lb = tag(vb, MathTex(r"\\vec b", color=YELLOW), side=SIDE)
self.play(GrowArrow(va), GrowArrow(vb), FadeIn(la), FadeIn(lb), Write(group[0]), run_time=rt(1.5))
angle_mobs = VGroup()
if HAS_ARC:
    arc = Angle(Line(o, plane.c2p(*FIRST)), Line(o, plane.c2p(*SECOND)), radius=0.55, color=WHITE)
    mid = arc.point_from_proportion(0.5)
    th = MathTex(r"\\theta", font_size=34).move_to(o + (mid - o) * 1.6)
    angle_mobs.add(arc, th)
    self.play(Create(arc), Write(th), run_time=rt(0.8))
d = plane.c2p(*VA) - o
d = d / np.linalg.norm(d)
span = DashedLine(o - 30 * d, o + 30 * d, color=BLUE_B, stroke_width=1.5, dash_length=0.12)
drop = DashedLine(plane.c2p(*VB), plane.c2p(*PROJ), color=WHITE, stroke_width=2)
shadow = Line(o, plane.c2p(*PROJ), color=GREEN, stroke_width=9)
self.play(Create(span), run_time=rt(0.6))
self.play(Create(drop), run_time=rt(0.8))
self.play(Create(shadow), run_time=rt(1))
for k in (1, 2, 3, 4):
    self.play(Write(group[k]), run_time=rt(1))
self.play(Write(group[5]), Indicate(shadow, color=GREEN), run_time=rt(1.2))
self.play(FadeIn(group[6]), FadeIn(group[7]), run_time=rt(1))
self.wait(rt(1.5))
'''


TRANSFORM_OPEN = '''
bg = make_plane(UNIT, ORIGIN_XY, XR, YR).set_stroke(opacity=0.2)
plane = make_plane(UNIT, ORIGIN_XY, XR, YR, opacity=0.8)
o = plane.c2p(0, 0)
group, back = panel(ITEMS, PANEL)
ih, jh = vec(bg, [1, 0], GREEN), vec(bg, [0, 1], RED)
li = tag(ih, MathTex(r"\\hat\\imath", color=GREEN), side=-1, where=0.5)
lj = tag(jh, MathTex(r"\\hat\\jmath", color=RED), side=1, where=0.5)
self.play(Write(title), run_time=rt(1))
self.add(bg)
self.play(Create(plane), FadeIn(back), run_time=rt(1.2))
self.play(GrowArrow(ih), GrowArrow(jh), FadeIn(li, lj), Write(group[0]), run_time=rt(1.2))
'''


def _transform_fit(m: sp.Matrix, extra=()) -> dict:
    """Plane fit for a transformation by m: basis, columns, the image square and `extra` points all visible;
    the grid reaches far enough that its image still fills the frame."""
    c1, c2 = _f(m[:, 0]), _f(m[:, 1])
    pts = [[1, 0], [0, 1], [1, 1], c1, c2, [c1[0] + c2[0], c1[1] + c2[1]], *extra]
    first = _fit_plane(pts)
    return _fit_plane(pts, cover=_frame_preimage(m, first))


def _matrix_consts(m: sp.Matrix) -> str:
    """Scene constants M (2x2 floats), COL1, COL2 and the label sides of the columns."""
    return _assign(M=py([_f(m[0, :]), _f(m[1, :])]), COL1=py(_f(m[:, 0])), COL2=py(_f(m[:, 1])),
                   SIDE=str(_side(m[:, 0], m[:, 1])))


def _mat_plain(m: sp.Matrix) -> str:
    """A matrix as plain text, e.g. [[2, 1], [1, 3]]."""
    return "[" + ", ".join("[" + ", ".join(str(m[i, j]) for j in range(m.cols)) + "]" for i in range(m.rows)) + "]"


@register
class LinearTransformation(Family):
    key = "linear_transformation"
    title_en = "A linear transformation of the plane"
    title_zh = "平面的线性变换"
    description = ("A 2x2 matrix as a linear transformation of the plane: the grid is transformed, lines stay "
                   "parallel and evenly spaced, and the basis vectors i-hat and j-hat land on the matrix columns.")
    aliases = ("linear transformation", "linear map", "matrix transformation", "matrix as a transformation",
               "transform the plane", "basis vectors", "i hat j hat", "matrix times vector", "matrix vector product",
               "线性变换", "线性映射", "矩阵变换", "基向量", "矩阵乘向量", "矩阵的几何意义")

    def values(self, p: Params, tr):
        m, notes = _matrix2(p, [[2, 1], [1, 3]], tr)
        vec_in = None
        if p.vectors:
            try:
                vec_in = [_rat(c) for c in p.vectors[0]][:2]
            except (TypeError, ValueError):
                vec_in = None
        vv = sp.Matrix(vec_in) if vec_in and len(vec_in) == 2 and any(vec_in) else sp.Matrix([1, 2])
        v = {"matrix": m, "col1": m[:, 0], "col2": m[:, 1], "v": vv, "Mv": m * vv, "det": m.det(),
             "exercise_v": sp.Matrix([-1, 1]), "exercise": m * sp.Matrix([-1, 1])}
        return v, notes

    def build(self, params: Params) -> Lesson:
        tr = _tr(params)
        v, caveats = self.values(params, tr)
        m, vv = v["matrix"], v["v"]
        comb = (f"M\\vec v = {latex(vv[0])}{_pvec(v['col1'])} + {_paren(vv[1])}{_pvec(v['col2'])} = {_pvec(v['Mv'])}")
        shots = [
            tr(f"The plane's grid with the basis vectors î (green) and ĵ (red); the matrix M = {_mat_plain(m)}.",
               f"平面网格与基向量 î（绿）、ĵ（红）；矩阵 M = {_mat_plain(m)}。"),
            tr(f"A vector v = {_plain(vv)} = {vv[0]}·î + {vv[1]}·ĵ (yellow).",
               f"向量 v = {_plain(vv)} = {vv[0]}·î + {vv[1]}·ĵ（黄）。"),
            tr("M acts: the whole grid moves smoothly; grid lines stay straight, parallel and evenly spaced.",
               "施加 M：整个网格平滑变形；网格线仍是直线，保持平行且等距。"),
            tr(f"î lands on the first column {_plain(v['col1'])}, ĵ on the second column {_plain(v['col2'])}.",
               f"î 落在第一列 {_plain(v['col1'])}，ĵ 落在第二列 {_plain(v['col2'])}。"),
            tr(f"v lands on the same combination of the columns: Mv = {_plain(v['Mv'])}.",
               f"v 落在各列的同样组合上：Mv = {_plain(v['Mv'])}。"),
        ]
        fit = _transform_fit(m, [_f(vv), _f(v["Mv"])])
        consts = _plane_consts(fit) + _matrix_consts(m) + _assign(
            V=py(_f(vv)), MV=py(_f(v["Mv"])), SIDE_V=str(_side(v["col1"], vv))) + _panel_items(
            _mt(f"M = {_pmat(m)}"), _mt(f"\\hat\\imath \\mapsto {_pvec(v['col1'])}", "GREEN"),
            _mt(f"\\hat\\jmath \\mapsto {_pvec(v['col2'])}", "RED"),
            _mt(f"\\vec v = {_pvec(vv)} = {latex(vv[0])}\\,\\hat\\imath + {_paren(vv[1])}\\,\\hat\\jmath", "YELLOW"),
            _mt(comb, "YELLOW"), _tx(tr("grid lines stay parallel and evenly spaced", "网格线保持平行且等距"), size=26),
            _mt(f"\\det M = {latex(v['det'])}"))
        body = _body(self.title(params), consts, TRANSFORM_OPEN + LINEAR_TRANSFORMATION_LOGIC)
        computed = [f"M î = {_plain(v['col1'])}, M ĵ = {_plain(v['col2'])}", f"M v = {_plain(v['Mv'])}",
                    f"det M = {latex(v['det'])}"]
        notes = self._notes(params, v, shots, comb)
        return _lesson(self, params, _Draft("PlaneTransformationScene", body, notes, v, caveats,
                                            f"M = {_mat_plain(m)}, v = {_plain(vv)}", computed, shots))

    def _notes(self, p, v, shots, comb) -> str:
        tr = _tr(p)
        return _notes_md(NotesSpec(
            self.title(p),
            tr("A $2\\times 2$ matrix $M$ defines a linear map of the plane, $\\vec v \\mapsto M\\vec v$. Its columns "
               "are the images of the basis vectors: $M\\hat\\imath$ is the first column, $M\\hat\\jmath$ the second.",
               "$2\\times 2$ 矩阵 $M$ 定义了平面的线性映射 $\\vec v \\mapsto M\\vec v$。它的列就是基向量的像："
               "$M\\hat\\imath$ 是第一列，$M\\hat\\jmath$ 是第二列。"),
            tr("A linear map keeps the origin fixed and keeps grid lines straight, parallel and evenly spaced. "
               "Since $\\vec v = x\\hat\\imath + y\\hat\\jmath$, its image is $x$ times the first column plus $y$ "
               "times the second: knowing where $\\hat\\imath$ and $\\hat\\jmath$ land tells you everything.",
               "线性映射保持原点不动，网格线仍是直线、平行且等距。因为 $\\vec v = x\\hat\\imath + y\\hat\\jmath$，"
               "它的像就是 $x$ 乘第一列加 $y$ 乘第二列：知道 $\\hat\\imath$、$\\hat\\jmath$ 落在哪里就知道一切。"),
            f"$$M = {_pmat(v['matrix'])},\\qquad {comb}.$$",
            shots,
            tr(f"Where does $M$ send $\\vec w = {_pvec(v['exercise_v'])}$?",
               f"$M$ 把 $\\vec w = {_pvec(v['exercise_v'])}$ 映到哪里？"),
            f"$M\\vec w = -{_pvec(v['col1'])} + {_pvec(v['col2'])} = {_pvec(v['exercise'])}$",
            zh=p.language == "zh"))


LINEAR_TRANSFORMATION_LOGIC = '''
v = vec(bg, V, YELLOW)
lv = tag(v, MathTex(r"\\vec v", color=YELLOW), side=-SIDE_V)
self.play(GrowArrow(v), FadeIn(lv), Write(group[3]), run_time=rt(1.2))
self.play(FadeOut(li, lj, lv), run_time=rt(0.4))
self.play(plane.animate.apply_matrix(M, about_point=o), Transform(ih, vec(bg, COL1, GREEN)),
          Transform(jh, vec(bg, COL2, RED)), Transform(v, vec(bg, MV, YELLOW)), run_time=rt(3))
li2 = tag(ih, MathTex(r"M\\hat\\imath", color=GREEN), side=-SIDE, where=0.5)
lj2 = tag(jh, MathTex(r"M\\hat\\jmath", color=RED), side=SIDE, where=0.5)
lv2 = tag(v, MathTex(r"M\\vec v", color=YELLOW), side=-SIDE_V, where=0.75)
self.play(FadeIn(li2, lj2), Write(group[1]), Write(group[2]), run_time=rt(1.2))
self.play(FadeIn(lv2), Write(group[4]), run_time=rt(1.2))
self.play(FadeIn(group[5]), Write(group[6]), run_time=rt(1))
self.wait(rt(1.5))
'''


@register
class Determinant(Family):
    key = "determinant"
    title_en = "The determinant as area scaling"
    title_zh = "行列式：面积的缩放"
    description = ("The determinant of a 2x2 matrix is the factor by which the linear transformation scales areas: "
                   "the unit square becomes a parallelogram of area |det|; a negative determinant flips "
                   "orientation and zero squashes the plane onto a line.")
    aliases = ("determinant", "det", "det(A)", "\\det", "area scaling", "determinant of a matrix",
               "2x2 determinant", "ad - bc", "singular matrix", "orientation flip", "行列式", "矩阵的行列式",
               "行列式的几何意义", "面积缩放", "二阶行列式", "奇异矩阵")

    def values(self, p: Params, tr):
        m, notes = _matrix2(p, [[3, 1], [1, 2]], tr)
        det = m.det()
        raw = p.matrix if p.matrix else (p.matrices[0] if p.matrices else None)
        v = {"matrix": m, "det": det, "area": sp.Abs(det), "exercise": (2 * m).det()}
        if raw and len(raw) == 3 and all(len(r) == 3 for r in raw):
            try:
                v["det_given"] = sp.Matrix([[_rat(x) for x in r] for r in raw]).det()
                notes.append(tr(f"The given 3x3 matrix has determinant {latex(v['det_given'])} (a volume factor).",
                                f"给出的 3x3 矩阵的行列式为 {latex(v['det_given'])}（体积缩放倍数）。"))
            except (TypeError, ValueError):
                pass
        return v, notes

    @staticmethod
    def _turn(c1, c2, unit) -> list[float]:
        """[radius, signed angle from column 1 to column 2, start angle] of the orientation arrow after A."""
        r = min(1.0, 0.55 * min(math.hypot(*c1), math.hypot(*c2)) * unit)
        a1 = math.atan2(c1[1], c1[0])
        ang = (math.atan2(c2[1], c2[0]) - a1 + math.pi) % (2 * math.pi) - math.pi
        return [r, ang, a1]

    def _orientation(self, det, tr) -> tuple[str, str]:
        if det > 0:
            return tr("det > 0: orientation kept (î → ĵ still turns counter-clockwise)",
                      "det > 0：定向不变（î → ĵ 仍是逆时针）"), "GREEN"
        if det < 0:
            return tr("det < 0: orientation flipped (î → ĵ now turns clockwise)",
                      "det < 0：定向翻转（î → ĵ 变成顺时针）"), "ORANGE"
        return tr("det = 0: the plane collapses onto a line or a point; area 0, not invertible",
                  "det = 0：平面被压扁成一条线或一个点；面积为 0，矩阵不可逆"), "RED"

    def build(self, params: Params) -> Lesson:
        tr = _tr(params)
        v, caveats = self.values(params, tr)
        m, det = v["matrix"], v["det"]
        det_num = (f"{latex(m[0, 0])}\\cdot{_paren(m[1, 1])} - {_paren(m[0, 1])}\\cdot{_paren(m[1, 0])} = "
                   f"{latex(det)}")
        det_tex = f"\\det A = ad - bc = {det_num}"
        orient, ocolor = self._orientation(det, tr)
        shots = [
            tr(f"The grid, î, ĵ and the unit square (area 1); A = {_mat_plain(m)}.",
               f"网格、î、ĵ 与单位正方形（面积 1）；A = {_mat_plain(m)}。"),
            tr("A transforms the plane: the unit square becomes the parallelogram spanned by the columns.",
               "A 变换平面：单位正方形变成由两列张成的平行四边形。"),
            tr(f"det A = {latex(det)}: every area is multiplied by |det A| = {latex(v['area'])}.",
               f"det A = {latex(det)}：所有面积都乘以 |det A| = {latex(v['area'])}。"),
            orient,
        ]
        c1, c2 = _f(m[:, 0]), _f(m[:, 1])
        fit = _transform_fit(m)
        height = abs(float(det)) / max(math.hypot(*c1), math.hypot(*c2), 1e-9)  # parallelogram's height
        consts = _plane_consts(fit) + _matrix_consts(m) + _assign(
            AREA_INSIDE=str(height * fit["unit"] > 0.55), AREA_TEX=tex(f"|{{\\det}}| = {latex(v['area'])}"),
            CENTER=py([(c1[0] + c2[0]) / 2, (c1[1] + c2[1]) / 2]),
            SIZE=py(min(0.8 * height * fit["unit"], 2.5)), TURN=py(self._turn(c1, c2, fit["unit"]))) + _panel_items(
            _mt(f"A = {_pmat(m)}"), _tx(tr("unit square: area 1", "单位正方形：面积 1"), "YELLOW"),
            _mt("\\det A = ad - bc"), _mt("= " + det_num),
            _tx(tr(f"every area × |det A| = {latex(v['area'])}", f"所有面积 × |det A| = {latex(v['area'])}"),
                "YELLOW"), _tx(orient, ocolor, 26))
        body = _body(self.title(params), consts, TRANSFORM_OPEN + DETERMINANT_LOGIC)
        computed = [f"det A = {latex(det)}", f"area scale |det A| = {latex(v['area'])}"]
        notes = self._notes(params, v, shots, det_tex)
        return _lesson(self, params, _Draft("DeterminantScene", body, notes, v, caveats,
                                            f"A = {_mat_plain(m)}", computed, shots))

    def _notes(self, p, v, shots, det_tex) -> str:
        tr = _tr(p)
        return _notes_md(NotesSpec(
            self.title(p),
            tr("For $A = \\begin{pmatrix}a & b\\\\ c & d\\end{pmatrix}$, $\\det A = ad - bc$. It is the signed factor "
               "by which the map $\\vec v \\mapsto A\\vec v$ scales areas.",
               "对 $A = \\begin{pmatrix}a & b\\\\ c & d\\end{pmatrix}$，$\\det A = ad - bc$。它是映射 "
               "$\\vec v \\mapsto A\\vec v$ 缩放面积的（带符号的）倍数。"),
            tr("The unit square goes to the parallelogram spanned by the columns; its area is $|\\det A|$, and since "
               "the map is linear every region's area is scaled by the same factor. A negative sign means the "
               "plane was flipped over; zero means it was squashed flat, so $A$ has no inverse.",
               "单位正方形变成由两列张成的平行四边形，面积为 $|\\det A|$；由于映射是线性的，任何区域的面积都按同一倍数缩放。"
               "负号表示平面被翻转；为零表示平面被压扁，$A$ 不可逆。"),
            f"$$A = {_pmat(v['matrix'])},\\qquad {det_tex}.$$",
            shots,
            tr("What is $\\det(2A)$?", "$\\det(2A)$ 等于多少？"),
            f"$\\det(2A) = 2^2\\det A = {latex(v['exercise'])}$",
            zh=p.language == "zh"))


DETERMINANT_LOGIC = '''
sq = Polygon(o, plane.c2p(1, 0), plane.c2p(1, 1), plane.c2p(0, 1), color=YELLOW, fill_opacity=0.35, stroke_width=2)
turn = Arc(radius=0.45 * UNIT, start_angle=0.15, angle=PI / 2 - 0.3, arc_center=o, color=WHITE, stroke_width=3)
turn.add_tip(tip_length=min(0.15, 0.25 * UNIT))
r2, ang2, a1 = TURN
turn2 = VGroup()
if r2 > 0.05 and abs(ang2) > 0.05:  # after A: the arrow from column 1 towards column 2 (clockwise if flipped)
    turn2 = Arc(radius=r2, start_angle=a1 + 0.15 * np.sign(ang2), angle=ang2 - 0.3 * np.sign(ang2), arc_center=o,
                color=WHITE, stroke_width=3)
    turn2.add_tip(tip_length=min(0.15, 0.4 * r2))
one = fit(MathTex("1"), 0.5 * UNIT, 0.5 * UNIT).move_to(sq)
self.play(FadeIn(sq), Create(turn), Write(one), FadeIn(group[1]), run_time=rt(1.2))
self.play(FadeOut(li, lj, one, turn), run_time=rt(0.4))
self.play(VGroup(plane, sq).animate.apply_matrix(M, about_point=o), Transform(ih, vec(bg, COL1, GREEN)),
          Transform(jh, vec(bg, COL2, RED)), run_time=rt(3))
self.play(Write(group[2]), run_time=rt(1))
self.play(Write(group[3]), run_time=rt(1))
shown = [FadeIn(group[4])]
if AREA_INSIDE:
    area = fit(MathTex(AREA_TEX), SIZE, SIZE).move_to(bg.c2p(*CENTER))
    area.add_background_rectangle(opacity=0.6, buff=0.05)
    shown.append(Write(area))
self.play(*shown, Indicate(sq, color=YELLOW), run_time=rt(1.2))
self.play(FadeIn(group[5]), Create(turn2), run_time=rt(1.2))
self.wait(rt(1.5))
'''


def _txt(e) -> str:
    """A sympy value as short plain text for Text(): -i, 5/2 + √(33)/2."""
    s = re.sub(r"sqrt\((\d+)\)", r"√\1", str(e)).replace("sqrt", "√").replace("pi", "π")
    return s.replace("**", "^").replace("*I", "i").replace("I", "i").replace("*", "·")


def _nice_direction(v: sp.Matrix) -> sp.Matrix:
    """A readable representative of span(v): integer entries where possible, first non-zero entry positive."""
    v = sp.Matrix([sp.nsimplify(sp.simplify(e)) for e in v])
    if all(e.is_Rational for e in v):
        den = sp.ilcm(*[sp.fraction(e)[1] for e in v])
        v = v * den
        v = v / math.gcd(*[int(e) for e in v])
    first = next(e for e in v if e != 0)
    return -v if first < 0 else v


@register
class Eigenvectors(Family):
    key = "eigenvectors"
    title_en = "Eigenvectors and eigenvalues"
    title_zh = "特征向量与特征值"
    description = ("Eigenvectors of a 2x2 matrix stay on their own span when the plane is transformed, only "
                   "stretched by the eigenvalue, while other vectors are rotated off their span; Av = lambda v.")
    aliases = ("eigenvectors", "eigenvector", "eigen vectors", "eigen vector", "eigen values", "eigenvalues", "eigenvalue", "eigen", "characteristic polynomial",
               "Av = lambda v", "A v = \\lambda v", "diagonalization", "eigenspace", "特征向量", "特征值",
               "特征多项式", "本征向量", "本征值", "矩阵对角化")

    def values(self, p: Params, tr):
        m, notes = _matrix2(p, [[2, 1], [1, 2]], tr)
        lam = sp.Symbol("lambda")
        ev = m.eigenvects()
        pairs = [(val, _nice_direction(vec)) for val, _mult, vecs in ev if val.is_real for vec in vecs]
        if any(not val.is_real for val, _m, _v in ev):
            case = "complex"
        elif m == ev[0][0] * sp.eye(2):
            case = "scalar"
        elif len(pairs) < 2:
            case = "defective"
        else:
            case = "distinct"
        v = {"matrix": m, "charpoly": sp.expand(m.charpoly(lam).as_expr()), "eigenvalues": m.eigenvals(),
             "eigenvects": pairs, "case": case, "exercise": (m**2).eigenvals(),
             "eigen_order": [(val, mult) for val, mult, _vecs in ev]}
        return v, notes

    @staticmethod
    def _ordered(v) -> list:
        """(eigenvalue, multiplicity) in sympy's eigenvects order (the order of the drawn eigenvectors)."""
        return v["eigen_order"]

    def _case_text(self, v, tr) -> str:
        vals = ", ".join(_txt(k) for k, _n in self._ordered(v))
        return {
            "distinct": tr("Eigenvectors stay on their span, only stretched by λ; every other vector is turned off "
                           "its span.", "特征向量留在自己的直线上，只被拉伸 λ 倍；其他向量都被转离原来的直线。"),
            "scalar": tr(f"A = {vals}·I: every vector is an eigenvector (λ = {vals}); nothing turns.",
                         f"A = {vals}·I：每个向量都是特征向量（λ = {vals}）；没有向量转动。"),
            "defective": tr(f"Repeated eigenvalue λ = {vals} with only one eigen-direction: vectors off that line "
                            "are sheared off their span.",
                            f"重特征值 λ = {vals}，却只有一个特征方向：其余向量被剪切离开原来的直线。"),
            "complex": tr(f"Complex eigenvalues λ = {vals}: no real eigenvector, so every vector is turned off its "
                          "span.", f"特征值为复数 λ = {vals}：没有实特征向量，每个向量都会转离自己的直线。"),
        }[v["case"]]

    def build(self, params: Params) -> Lesson:
        tr = _tr(params)
        v, caveats = self.values(params, tr)
        m, pairs = v["matrix"], v["eigenvects"]
        vals_tex = ",\\quad ".join(f"\\lambda_{{{i}}} = {latex(k)}" + (f"\\ (\\times {n})" if n > 1 else "")
                                   for i, (k, n) in enumerate(self._ordered(v), 1))
        vecs_tex = [f"\\lambda = {latex(val)}:\\ \\vec v = {_pvec(d)}" for val, d in pairs]
        case_text = self._case_text(v, tr)
        shots = [
            tr(f"The grid with A = {_mat_plain(m)}; its characteristic polynomial and eigenvalues appear.",
               f"网格与 A = {_mat_plain(m)}；给出特征多项式与特征值。"),
            tr("The eigen-directions (dashed lines) with an eigenvector on each, plus some ordinary vectors (grey).",
               "特征方向（虚线）及其上的特征向量，另有几条普通向量（灰）。") if pairs else
            tr("No real eigen-direction exists; three ordinary vectors (grey) are drawn.",
               "不存在实特征方向；画出三条普通向量（灰）。"),
            tr("A transforms the plane; each vector moves to A·v.", "A 变换平面；每个向量移到 A·v。"),
            case_text,
        ]
        consts, others = self._consts(v, vals_tex, vecs_tex, case_text, tr)
        body = _body(self.title(params), consts, TRANSFORM_OPEN + EIGEN_LOGIC)
        computed = [f"det(A - λI) = {latex(v['charpoly'])}",
                    "eigenvalues: " + ", ".join(f"{latex(k)} (multiplicity {n})" for k, n in v["eigenvalues"].items())]
        computed += [f"eigenvector for λ = {latex(val)}: {_plain(d)}" for val, d in pairs] or [
            tr("no real eigenvector", "没有实特征向量")]
        notes = self._notes(params, v, shots, vals_tex, vecs_tex, case_text)
        return _lesson(self, params, _Draft("EigenvectorScene", body, notes, v, caveats,
                                            f"A = {_mat_plain(m)}", computed, shots))

    def _consts(self, v, vals_tex, vecs_tex, case_text, tr) -> tuple[str, list]:
        m, pairs = v["matrix"], v["eigenvects"]
        eig = []
        for _val, d in pairs:
            f = _f(d)
            n = math.hypot(*f)
            eig.append([c * (2.0 / n) for c in f] if n > 3 or n < 0.5 else f)
        dirs = [[c / math.hypot(*e) for c in e] for e in eig]
        cands = [[1, 0], [0, 1], [1, 2], [2, -1], [-1, 2], [1, 1], [-1, 1]]
        others = [c for c in cands if all(abs(c[0] * d[1] - c[1] * d[0]) > 1e-6 for d in dirs)][:3 - min(len(eig), 1)]
        mf = [_f(m[0, :]), _f(m[1, :])]
        img = lambda w: [mf[0][0] * w[0] + mf[0][1] * w[1], mf[1][0] * w[0] + mf[1][1] * w[1]]  # noqa: E731
        fit = _transform_fit(m, [*eig, *map(img, eig), *others, *map(img, others)])
        items = [_mt(f"A = {_pmat(m)}"), _mt(f"\\det(A - \\lambda I) = {latex(v['charpoly'])}"), _mt(vals_tex)]
        items += [_mt(t, "YELLOW" if k == 0 else "PINK") for k, t in enumerate(vecs_tex)]
        items += [_tx(case_text, "YELLOW" if pairs else "ORANGE", 26)]
        consts = _plane_consts(fit) + _matrix_consts(m) + _assign(
            EIG=py(eig), EIG_IMG=py([img(e) for e in eig]), LAMBDAS=py([float(sp.N(val)) for val, _d in pairs]),
            DIRS=py(dirs), OTHERS=py(others), OTHER_IMG=py([img(w) for w in others])) + _panel_items(*items)
        return consts, others

    def _notes(self, p, v, shots, vals_tex, vecs_tex, case_text) -> str:
        tr = _tr(p)
        ex = ",\\ ".join(latex(k) for k in v["exercise"])
        example = f"$$A = {_pmat(v['matrix'])},\\qquad \\det(A - \\lambda I) = {latex(v['charpoly'])} = 0,$$\n\n$${vals_tex}$$"
        if vecs_tex:
            example += "\n\n$$" + ",\\qquad ".join(vecs_tex) + "$$"
        example += "\n\n" + case_text
        return _notes_md(NotesSpec(
            self.title(p),
            tr("A non-zero vector $\\vec v$ is an eigenvector of $A$ with eigenvalue $\\lambda$ when "
               "$A\\vec v = \\lambda\\vec v$. The eigenvalues are the roots of $\\det(A - \\lambda I) = 0$.",
               "若非零向量 $\\vec v$ 满足 $A\\vec v = \\lambda\\vec v$，则称它是 $A$ 的特征向量，$\\lambda$ 是特征值。"
               "特征值是 $\\det(A - \\lambda I) = 0$ 的根。"),
            tr("Most vectors are knocked off the line they span when $A$ acts. Eigenvectors are the special ones "
               "that stay on their own line, only stretched (or flipped, or squashed) by the factor $\\lambda$. "
               "Complex eigenvalues mean there is no such real direction: the map has a rotating part.",
               "在 $A$ 的作用下，大多数向量会离开自己所在的直线。特征向量是特殊的：它们留在原来的直线上，"
               "只被拉伸（或反向、压缩）$\\lambda$ 倍。特征值为复数意味着没有这样的实方向：变换含有旋转成分。"),
            example, shots,
            tr("What are the eigenvalues of $A^2$?", "$A^2$ 的特征值是多少？"),
            tr(f"The squares of those of $A$: ${ex}$", f"是 $A$ 的特征值的平方：${ex}$"),
            zh=p.language == "zh"))


EIGEN_LOGIC = '''
self.play(Write(group[1]), run_time=rt(1.2))
self.play(Write(group[2]), run_time=rt(1))
spans = VGroup(*[DashedLine(o - 30 * np.array([d[0], d[1], 0]), o + 30 * np.array([d[0], d[1], 0]),
                            color=YELLOW_B, stroke_width=2, dash_length=0.15) for d in DIRS])
eig = [vec(bg, e, YELLOW if k == 0 else PINK) for k, e in enumerate(EIG)]
oth = [vec(bg, w, GREY_B) for w in OTHERS]
self.play(FadeOut(li, lj, ih, jh), Create(spans), *[GrowArrow(a) for a in eig], run_time=rt(1.2))
if len(eig):
    self.play(*[Write(g) for g in group[3:3 + len(eig)]], run_time=rt(1))
self.play(*[GrowArrow(a) for a in oth], run_time=rt(0.8))
moves = [Transform(a, vec(bg, t, a.get_color())) for a, t in zip(eig, EIG_IMG)]
moves += [Transform(a, vec(bg, t, GREY_B)) for a, t in zip(oth, OTHER_IMG)]
ghosts = VGroup(*[a.copy().set_opacity(0.25) for a in oth])
self.add(ghosts)
self.play(plane.animate.apply_matrix(M, about_point=o), *moves, run_time=rt(3.5))
tags = [tag(a, MathTex(r"\\times" + ("%.3g" % lam if lam >= 0 else "(%.3g)" % lam), font_size=36,
                     color=a.get_color()), side=1, where=0.9)
        for a, lam in zip(eig, LAMBDAS)]
self.play(*[FadeIn(t) for t in tags], FadeIn(group[-1]), *[Indicate(a) for a in eig], run_time=rt(1.5))
self.wait(rt(1.5))
'''


def _exact_matrix(raw) -> sp.Matrix | None:
    """A user matrix (list of rows) as an exact sympy Matrix, or None when it is unusable or ragged."""
    try:
        rows = [[_rat(x) for x in r] for r in raw]
    except (TypeError, ValueError):
        return None
    if not rows or not rows[0] or any(len(r) != len(rows[0]) for r in rows):
        return None
    return sp.Matrix(rows)


@register
class MatrixMultiplication(Family):
    key = "matrix_multiplication"
    title_en = "Matrix multiplication"
    title_zh = "矩阵乘法"
    description = ("Multiplying two matrices row by column: each entry of AB is the dot product of a row of A with "
                   "a column of B, computed step by step; AB is the composition of the two transformations.")
    aliases = ("matrix multiplication", "multiply matrices", "matrix product", "product of matrices", "A times B",
               "row by column", "row times column", "composition of transformations", "矩阵乘法",
               "矩阵相乘", "矩阵的乘积", "行乘列", "矩阵乘积", "线性变换的复合")

    def values(self, p: Params, tr):
        raw = list(p.matrices[:2]) if len(p.matrices) >= 2 else [p.matrix or (p.matrices[0] if p.matrices else None)]
        a = _exact_matrix(raw[0]) if raw[0] else None
        b = _exact_matrix(raw[1]) if len(raw) > 1 and raw[1] else None
        notes = []
        if a is not None and b is None and a.cols <= 3:
            b = sp.Matrix([[5, 6], [7, 8], [1, 0]][:a.cols]) if a.cols >= 1 else None
            notes.append(tr("Only one matrix given: B is a default matrix.", "只给出一个矩阵：B 使用默认矩阵。"))
        if a is not None and b is not None and a.cols != b.rows and b.cols == a.rows:
            a, b = b, a
            notes.append(tr("A·B is undefined for these shapes, so the product is taken the other way round.",
                            "按给出的顺序无法相乘（形状不匹配），因此交换了顺序。"))
        if a is None or b is None or a.cols != b.rows or max(a.shape + b.shape) > 3:
            if a is not None or b is not None:
                notes.append(tr("The matrices could not be multiplied or are larger than 3x3: using the defaults.",
                                "矩阵无法相乘或大于 3x3：使用默认矩阵。"))
            else:
                notes.append(tr("No matrices given: using the defaults.", "未给出矩阵：使用默认矩阵。"))
            a, b = sp.Matrix([[1, 2], [3, 4]]), sp.Matrix([[5, 6], [7, 8]])
        c = a * b
        v = {"A": a, "B": b, "C": c}
        if a.is_square and b.is_square:
            v["BA"] = b * a
        v["exercise"] = v.get("BA", c.T)
        return v, notes

    def _calc(self, a, b, i, j) -> list[str]:
        """The pieces of the LaTeX line for entry (i, j): label, products, '=', value."""
        terms = " + ".join(f"{_paren(a[i, k])}\\cdot{_paren(b[k, j])}" for k in range(a.cols))
        return [f"c_{{{i + 1}{j + 1}}} =", terms, "=", latex((a * b)[i, j])]

    @staticmethod
    def _calc_plain(a, b, i, j) -> str:
        """Entry (i, j) as plain text for the storyboard: c_12 = 1·6 + 2·8 = 22."""
        par = lambda e: f"({e})" if str(e).startswith("-") or "/" in str(e) else str(e)  # noqa: E731
        terms = " + ".join(f"{par(a[i, k])}·{par(b[k, j])}" for k in range(a.cols))
        return f"c_{i + 1}{j + 1} = {terms} = {(a * b)[i, j]}"

    def build(self, params: Params) -> Lesson:
        tr = _tr(params)
        v, caveats = self.values(params, tr)
        a, b, c = v["A"], v["B"], v["C"]
        calcs = [self._calc(a, b, i, j) for i in range(c.rows) for j in range(c.cols)]
        shots = [
            tr(f"A ({a.rows}×{a.cols}) · B ({b.rows}×{b.cols}) = C ({c.rows}×{c.cols}), with C still empty.",
               f"A（{a.rows}×{a.cols}）· B（{b.rows}×{b.cols}）= C（{c.rows}×{c.cols}），C 先空着。"),
            tr("Entry by entry: row i of A (yellow) meets column j of B (green); their products are added.",
               "逐个元素：A 的第 i 行（黄）与 B 的第 j 列（绿）对应相乘再相加。"),
        ]
        shots += [self._calc_plain(a, b, i, j) for i in range(c.rows) for j in range(c.cols)]
        shots.append(tr(f"The finished product C = {_mat_plain(c)}.", f"完成的乘积 C = {_mat_plain(c)}。"))
        order_tex = ""
        if "BA" in v:
            rel = "=" if v["BA"] == c else "\\neq"
            order_tex = f"BA = {_pmat(v['BA'])} {rel} AB"
            shots.append(tr("Order matters: BA is computed too.", "顺序很重要：同时算出 BA。"))
        consts = _assign(
            A_ENTRIES=repr([[latex(e) for e in a.row(i)] for i in range(a.rows)]),
            B_ENTRIES=repr([[latex(e) for e in b.row(i)] for i in range(b.rows)]),
            C_ENTRIES=repr([[latex(e) for e in c.row(i)] for i in range(c.rows)]), CALCS=repr(calcs),
            COLS=str(c.cols), STEP=py(max(0.8, min(2.0, 8.0 / len(calcs)))),
            CAPTION=text_literal(tr("entry (i, j) = row i of A · column j of B", "第 (i, j) 个元素 = A 的第 i 行 · B 的第 j 列")),
            ORDER=repr(order_tex))
        body = _body(self.title(params), consts, MATMUL_LOGIC)
        computed = [f"AB = {_mat_plain(c)}"] + ([f"BA = {_mat_plain(v['BA'])}"] if "BA" in v else [])
        notes = self._notes(params, v, shots, calcs)
        return _lesson(self, params, _Draft("MatrixProductScene", body, notes, v, caveats,
                                            f"A = {_mat_plain(a)}, B = {_mat_plain(b)}", computed, shots))

    def _notes(self, p, v, shots, calcs) -> str:
        tr = _tr(p)
        a, b, c = v["A"], v["B"], v["C"]
        lines = "\\\\ ".join(calc[0].replace(" =", " &=") + " " + " ".join(calc[1:]) for calc in calcs)
        ex_q = (tr("Compute $BA$. Is it equal to $AB$?", "计算 $BA$。它等于 $AB$ 吗？") if "BA" in v else
                tr("Compute $(AB)^T$.", "计算 $(AB)^T$。"))
        ex_a = (f"$BA = {_pmat(v['BA'])}$" + (tr(", equal to $AB$.", "，等于 $AB$。") if v["BA"] == c else
                                              tr(", not equal to $AB$.", "，不等于 $AB$。"))
                if "BA" in v else f"$(AB)^T = B^T A^T = {_pmat(c.T)}$")
        return _notes_md(NotesSpec(
            self.title(p),
            tr("For an $m\\times n$ matrix $A$ and an $n\\times p$ matrix $B$, $AB$ is the $m\\times p$ matrix with "
               "$$c_{ij} = \\sum_k a_{ik} b_{kj},$$ the dot product of row $i$ of $A$ with column $j$ of $B$.",
               "$m\\times n$ 矩阵 $A$ 与 $n\\times p$ 矩阵 $B$ 的乘积 $AB$ 是 $m\\times p$ 矩阵，"
               "$$c_{ij} = \\sum_k a_{ik} b_{kj},$$ 即 $A$ 的第 $i$ 行与 $B$ 的第 $j$ 列的点积。"),
            tr("Read $AB\\vec x$ right to left: first $B$ transforms $\\vec x$, then $A$ transforms the result. "
               "Column $j$ of $AB$ is $A$ applied to column $j$ of $B$, which is why rows of $A$ meet columns of "
               "$B$. Doing the steps in the other order is usually a different map: $AB \\neq BA$ in general.",
               "从右往左读 $AB\\vec x$：先用 $B$ 变换 $\\vec x$，再用 $A$ 变换结果。$AB$ 的第 $j$ 列就是 $A$ 作用在 "
               "$B$ 的第 $j$ 列上，所以是 $A$ 的行与 $B$ 的列相乘。换个顺序通常得到不同的变换：一般 $AB \\neq BA$。"),
            f"$$A = {_pmat(a)},\\quad B = {_pmat(b)}$$\n\n$$\\begin{{aligned}}{lines}"
            f"\\end{{aligned}}$$\n\n$$AB = {_pmat(c)}$$",
            shots, ex_q, ex_a, zh=p.language == "zh"))


MATMUL_LOGIC = '''
unique = sorted({e for rows in (A_ENTRIES, B_ENTRIES, C_ENTRIES) for row in rows for e in row})
glyphs = dict(zip(unique, MathTex(*["{" + e + "}" for e in unique])))  # all entries from one TeX run


def entry(s, **kwargs):
    return glyphs[s].copy()


MA, MB, MC = (Matrix(e, element_to_mobject=entry, element_alignment_corner=ORIGIN, v_buff=0.9)
              for e in (A_ENTRIES, B_ENTRIES, C_ENTRIES))
ops = MathTex(r"\\cdot", "=")
eq = VGroup(MA, ops[0], MB, ops[1], MC).arrange(RIGHT, buff=0.3)
names = MathTex("A", "B", "C")
for n, m in zip(names, [MA, MB, MC]):
    n.next_to(m, UP, buff=0.2)
block = VGroup(eq, names)
fit(block, 12.5, 3.9).move_to(UP * 0.75)
caption = fit(Text(CAPTION, font_size=30, color=GREY_A), 12.5).to_edge(DOWN, buff=0.35)
self.play(Write(title), run_time=rt(1))
self.play(FadeIn(MA), FadeIn(MB), Write(eq[1]), Write(eq[3]), FadeIn(MC.get_brackets()), Write(names),
          run_time=rt(1.5))
self.play(FadeIn(caption), run_time=rt(0.6))
entries = MC.get_entries()
for k, pieces in enumerate(CALCS):
    i, j = divmod(k, COLS)
    row = SurroundingRectangle(MA.get_rows()[i], color=YELLOW, buff=0.1)
    col = SurroundingRectangle(MB.get_columns()[j], color=GREEN, buff=0.1)
    calc = fit(MathTex(*pieces), 12.5, 1.2).move_to(DOWN * 2.05)
    calc[1].set_color(YELLOW_A)
    self.play(Create(row), Create(col), Write(calc), run_time=rt(STEP * 0.6))
    self.play(ReplacementTransform(calc[3].copy(), entries[k]), Indicate(entries[k]), run_time=rt(STEP * 0.4))
    self.play(FadeOut(row, col, calc), run_time=rt(0.3))
self.play(Circumscribe(MC, color=YELLOW), run_time=rt(1))
if ORDER:
    order = fit(MathTex(ORDER), 12.5, 1.3).move_to(DOWN * 2.05)
    self.play(Write(order), run_time=rt(1.5))
self.wait(rt(1.5))
'''


def _complex_from(v) -> sp.Expr | None:
    """A complex number from a [re, im] pair (None when unusable)."""
    try:
        re, im = [_rat(c) for c in (list(v) + [0])[:2]]
    except (TypeError, ValueError):
        return None
    return re + sp.I * im


def _seg_dist(p, q) -> float:
    """Distance from point p to the segment from the origin to q."""
    qq = q[0] ** 2 + q[1] ** 2
    t = max(0.0, min(1.0, (p[0] * q[0] + p[1] * q[1]) / qq)) if qq else 0.0
    return math.hypot(p[0] - t * q[0], p[1] - t * q[1])


def _free_spot(vectors, unit) -> list[float]:
    """Where to label the arrow to 1 (plane coordinates): below, above or past its tip, whichever is farthest
    from the other arrows."""
    spots = [[0.5, -0.32 / unit], [0.5, 0.32 / unit], [1 + 0.3 / unit, -0.25 / unit], [1 + 0.3 / unit, 0.25 / unit]]
    return max(spots, key=lambda s: min(_seg_dist(s, v) for v in vectors))


@register
class ComplexMultiplication(Family):
    key = "complex_multiplication"
    title_en = "Multiplying complex numbers"
    title_zh = "复数乘法：旋转与缩放"
    description = ("Multiplying by a complex number z rotates the complex plane by arg z and scales it by |z|: "
                   "the product zw has modulus |z||w| and argument arg z + arg w.")
    aliases = ("complex multiplication", "multiplying complex numbers", "complex number multiplication",
               "complex numbers", "complex product", "rotation by i", "multiply by i",
               "modulus and argument", "complex plane", "复数乘法", "复数相乘", "复数", "复平面", "乘以i",
               "复数的模与辐角", "复数的几何意义")

    def values(self, p: Params, tr):
        z = w = None
        e = p.expr
        if e is not None and e.is_number:
            if isinstance(e, sp.Mul) and len(e.args) >= 2:
                z, w = e.args[0], sp.Mul(*e.args[1:])
            elif sp.im(e) != 0:
                z = e
        if z is None and p.vectors:
            z = _complex_from(p.vectors[0])
        if w is None and len(p.vectors) > 1:
            w = _complex_from(p.vectors[1])
        if z is None and "a" in p.numbers and "b" in p.numbers:
            z = _complex_from([p.numbers["a"], p.numbers["b"]])
        if w is None and "c" in p.numbers and "d" in p.numbers:
            w = _complex_from([p.numbers["c"], p.numbers["d"]])
        notes = []
        if z is None or z == 0 or not z.is_finite:
            z = 1 + sp.I
            notes.append(tr("No usable z: using z = 1 + i.", "没有可用的 z：使用 z = 1 + i。"))
        if w is None or w == 0 or not w.is_finite:
            w = 2 + sp.I
            notes.append(tr("No usable w: using w = 2 + i.", "没有可用的 w：使用 w = 2 + i。"))
        z, w = sp.expand(z), sp.expand(w)
        zw = sp.expand(z * w)
        v = {"z": z, "w": w, "zw": zw, "abs_z": sp.sqrt(sp.expand(z * sp.conjugate(z))),
             "abs_w": sp.sqrt(sp.expand(w * sp.conjugate(w))), "abs_zw": sp.sqrt(sp.expand(zw * sp.conjugate(zw))),
             "arg_z": sp.arg(z), "arg_w": sp.arg(w), "arg_zw": sp.arg(zw),
             "exercise": sp.expand(z * sp.conjugate(z))}
        return v, notes

    def build(self, params: Params) -> Lesson:
        tr = _tr(params)
        v, caveats = self.values(params, tr)
        z, w, zw = v["z"], v["w"], v["zw"]
        az = latex(v["abs_z"]) + ("" if v["abs_z"].is_Rational else f" \\approx {num(v['abs_z'])}")
        product_tex = f"zw = \\left({latex(z)}\\right)\\left({latex(w)}\\right) = {latex(zw)}"
        shots = [
            tr(f"The complex plane with 1 and z = {_txt(z)} (yellow): |z| = {num(v['abs_z'])}, "
               f"arg z ≈ {num(sp.N(v['arg_z'] * 180 / sp.pi), 5)}°.",
               f"复平面上的 1 与 z = {_txt(z)}（黄）：|z| = {num(v['abs_z'])}，arg z ≈ "
               f"{num(sp.N(v['arg_z'] * 180 / sp.pi), 5)}°。"),
            tr(f"w = {_txt(w)} (blue).", f"w = {_txt(w)}（蓝）。"),
            tr("Multiplying by z, step 1: w is rotated by arg z.", "乘以 z 的第一步：把 w 旋转 arg z。"),
            tr(f"Step 2: it is stretched by |z| and lands on zw = {_txt(zw)} (green).",
               f"第二步：再伸缩 |z| 倍，落在 zw = {_txt(zw)}（绿）。"),
            tr("Moduli multiply and arguments add: |zw| = |z||w|, arg zw = arg z + arg w.",
               "模相乘、辐角相加：|zw| = |z||w|，arg zw = arg z + arg w。"),
        ]
        fz, fw, fzw = ([float(sp.re(q)), float(sp.im(q))] for q in (z, w, zw))
        fit = _fit_plane([[1, 0], fz, fw, fzw])
        consts = _plane_consts(fit) + _assign(
            Z=py(fz), W=py(fw), ZW=py(fzw), ARG_Z=py(float(v["arg_z"])), ARG_W=py(float(v["arg_w"])),
            SZ=str(_side([1, 0], fz)), SW=str(_side(fz, fw)),
            L1=py(_free_spot([fz, fw, fzw], fit["unit"]))) + _panel_items(
            _mt(f"z = {latex(z)}", "YELLOW"), _mt(f"|z| = {az},\\quad \\arg z \\approx {_deg(v['arg_z'])}", "YELLOW"),
            _mt(f"w = {latex(w)}", "BLUE"),
            _tx(tr("1) rotate w by arg z", "1) 把 w 旋转 arg z")),
            _tx(tr(f"2) stretch by |z| ≈ {num(v['abs_z'])}", f"2) 伸缩 |z| ≈ {num(v['abs_z'])} 倍")),
            _mt(product_tex, "GREEN"),
            _mt(f"|zw| = |z||w| = {latex(v['abs_zw'])},\\quad \\arg zw \\approx {_deg(v['arg_zw'])}"))
        body = _body(self.title(params), consts, PLANE_OPEN + COMPLEX_LOGIC)
        computed = [f"zw = {_txt(zw)}", f"|z| = {_txt(v['abs_z'])}, |w| = {_txt(v['abs_w'])}, "
                    f"|zw| = {_txt(v['abs_zw'])}", f"arg z = {_txt(v['arg_z'])} ≈ {num(v['arg_z'])} rad, "
                    f"arg zw ≈ {num(v['arg_zw'])} rad"]
        notes = self._notes(params, v, shots, product_tex)
        return _lesson(self, params, _Draft("ComplexMultiplicationScene", body, notes, v, caveats,
                                            f"z = {_txt(z)}, w = {_txt(w)}", computed, shots))

    def _notes(self, p, v, shots, product_tex) -> str:
        tr = _tr(p)
        return _notes_md(NotesSpec(
            self.title(p),
            tr("Write $z = |z|(\\cos\\alpha + i\\sin\\alpha)$ and $w = |w|(\\cos\\beta + i\\sin\\beta)$. Then "
               "$$zw = |z||w|\\left(\\cos(\\alpha+\\beta) + i\\sin(\\alpha+\\beta)\\right):$$ moduli multiply, "
               "arguments add.",
               "写成 $z = |z|(\\cos\\alpha + i\\sin\\alpha)$，$w = |w|(\\cos\\beta + i\\sin\\beta)$，则 "
               "$$zw = |z||w|\\left(\\cos(\\alpha+\\beta) + i\\sin(\\alpha+\\beta)\\right)$$：模相乘，辐角相加。"),
            tr("Multiplication by $z$ is a map of the plane: it sends 1 to $z$, and being linear over the complex "
               "numbers it does the same to every point: a rotation by $\\arg z$ combined with a stretch by $|z|$. "
               "Multiplying by $i$ is a quarter turn.",
               "乘以 $z$ 是平面上的一个变换：它把 1 送到 $z$，并对每个点做同样的事：旋转 $\\arg z$ 再伸缩 $|z|$ 倍。"
               "乘以 $i$ 就是旋转四分之一圈。"),
            f"$${product_tex},$$\n\n$$|z| = {latex(v['abs_z'])},\\ |w| = {latex(v['abs_w'])},\\ "
            f"|zw| = {latex(v['abs_zw'])},\\quad \\arg z \\approx {_deg(v['arg_z'])},\\ "
            f"\\arg w \\approx {_deg(v['arg_w'])},\\ \\arg zw \\approx {_deg(v['arg_zw'])}.$$",
            shots,
            tr("Compute $z\\bar z$. What does it say about $|z|$?", "计算 $z\\bar z$。它说明了 $|z|$ 的什么？"),
            tr(f"$z\\bar z = {latex(v['exercise'])} = |z|^2$", f"$z\\bar z = {latex(v['exercise'])} = |z|^2$"),
            zh=p.language == "zh"))


COMPLEX_LOGIC = '''
one = vec(plane, [1, 0], GREY_B)
l1 = MathTex("1").move_to(plane.c2p(*L1)).add_background_rectangle(opacity=0.7, buff=0.05)
vz, vw = vec(plane, Z, YELLOW), vec(plane, W, BLUE)
lz = tag(vz, MathTex("z", color=YELLOW), side=-SZ)
lw = tag(vw, MathTex("w", color=BLUE), side=SW)
arc_z = Arc(radius=0.5, start_angle=0, angle=ARG_Z, arc_center=o, color=YELLOW)
self.play(GrowArrow(one), FadeIn(l1), GrowArrow(vz), FadeIn(lz), Write(group[0]), run_time=rt(1.2))
self.play(Create(arc_z), Write(group[1]), run_time=rt(1.2))
self.play(GrowArrow(vw), FadeIn(lw), Write(group[2]), run_time=rt(1.2))
moving = vw.copy()
arc_r = Arc(radius=0.9, start_angle=ARG_W, angle=ARG_Z, arc_center=o, color=YELLOW, stroke_width=3)
self.play(Rotate(moving, ARG_Z, about_point=o), Create(arc_r), FadeIn(group[3]), run_time=rt(2))
self.play(Transform(moving, vec(plane, ZW, GREEN)), FadeIn(group[4]), run_time=rt(1.5))
lzw = tag(moving, MathTex("zw", color=GREEN), side=SW, where=0.75)
self.play(FadeIn(lzw), Write(group[5]), run_time=rt(1.2))
self.play(Write(group[6]), run_time=rt(1.2))
self.wait(rt(1.5))
'''
