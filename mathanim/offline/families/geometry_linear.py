"""Geometry, linear algebra and complex-number families of the offline engine.

pythagorean, unit_circle, circle_area, vector_addition, dot_product, linear_transformation, determinant,
eigenvectors, matrix_multiplication, complex_multiplication, euler_formula.

Every family computes its values with sympy, then fills the scene code, the notes and the reasoning from those
same values. Scene code is emitted as text: a block of constants (the computed values as literals) followed by
fixed scene logic that only refers to those constants, so no value is ever typed by hand.
"""

from __future__ import annotations

import math
import textwrap

import sympy as sp

from ..base import Family, Lesson, Params, register
from ..common import FIT_HELPER, latex, notes_markdown, num, py, scene_module, tex, text_literal, title_code

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
    group = VGroup(*items).arrange(DOWN, aligned_edge=LEFT, buff=buff)
    fit(group, box[1] - box[0] - 0.3, box[3] - box[2] - 0.3)
    group.move_to([(box[0] + box[1]) / 2, box[3] - 0.15 - group.height / 2, 0])
    back = BackgroundRectangle(group, fill_opacity=0.85, buff=0.15)
    VGroup(back, group).set_z_index(5)
    return group, back
'''

PLANE_BOX = (-6.9, 1.7, -3.75, 2.95)  # where plane-based figures live (scene units)
PANEL_BOX = (2.0, 7.0, -3.9, 3.05)  # the formula panel on the right
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
        if not comps or all(c == 0 for c in comps):
            out.append(sp.Matrix(d))
            notes.append(tr(f"Vector {i + 1} not given (or zero): using {list(d)}.",
                            f"第 {i + 1} 个向量未给出（或为零）：使用 {list(d)}。"))
            continue
        if len(comps) != 2:
            notes.append(tr(f"Vector {i + 1} has {len(comps)} components; the picture uses the first two.",
                            f"第 {i + 1} 个向量有 {len(comps)} 个分量；图中只用前两个。"))
        comps = (comps + [sp.Integer(0)])[:2]
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
    return f"\\left({s}\\right)" if (s.startswith("-") or "+" in s or " - " in s) else s


def _fit_plane(points, box=PLANE_BOX, margin=0.55, cover=(), max_unit=1.5) -> dict:
    """Unit and origin so that `points` (plane coordinates) sit inside `box`; grid ranges cover the frame.

    `cover` lists extra plane points the grid must reach (e.g. the preimage of the frame for a transformation).
    """
    xs = [0.0] + [float(q[0]) for q in points]
    ys = [0.0] + [float(q[1]) for q in points]
    w, h = max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0)
    unit = min((box[1] - box[0] - 2 * margin) / w, (box[3] - box[2] - 2 * margin) / h, max_unit)
    ox = (box[0] + box[1]) / 2 - unit * (max(xs) + min(xs)) / 2
    oy = (box[2] + box[3]) / 2 - unit * (max(ys) + min(ys)) / 2
    gx = [(FRAME[0] - ox) / unit, (FRAME[1] - ox) / unit] + [float(c[0]) for c in cover]
    gy = [(FRAME[2] - oy) / unit, (FRAME[3] - oy) / unit] + [float(c[1]) for c in cover]
    span = max(max(gx) - min(gx), max(gy) - min(gy))
    step = max(1, math.ceil(span / 36))  # at most about 36 grid lines each way
    lo = lambda v: max(-200, step * (math.floor(v / step) - 1))  # noqa: E731
    hi = lambda v: min(200, step * (math.ceil(v / step) + 1))  # noqa: E731
    return {"unit": round(unit, 4), "origin": [round(ox, 4), round(oy, 4)],
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


def _reasoning(fam: Family, p: Params, tr, caveats, params_line, computed, shots) -> list[str]:
    """The streamed reasoning: recognised, caveats, parameters, computed values, storyboard."""
    concept = p.concept if len(p.concept) <= 80 else p.concept[:77] + "..."
    lines = [tr(f"Recognised: {fam.title_en} (family '{fam.key}') in \"{concept}\".",
                f"识别为：{fam.title_zh}（类别 {fam.key}），输入为“{concept}”。")]
    lines += list(caveats)
    lines.append(tr("Parameters: ", "参数：") + params_line)
    lines += [tr("Computed with sympy: ", "sympy 计算：") + c for c in computed]
    lines += [tr(f"Shot {i}: ", f"镜头 {i}：") + s for i, s in enumerate(shots, 1)]
    return lines


def _lesson(fam: Family, p: Params, scene: str, body: str, notes: str, reasoning, values) -> Lesson:
    """Assemble the Lesson (one place, so every family emits the same module shape)."""
    code = scene_module(scene, body, helpers=SCENE_HELPERS)
    return Lesson(family=fam.key, title=fam.title(p), scene_name=scene, code=code, notes_md=notes,
                  reasoning=reasoning, values=values)


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
            tr(f"The equation with the numbers: {la}² + {lb}² = {lc2} = c², so {c_tex}.",
               f"代入数值：{la}² + {lb}² = {lc2} = c²，所以 {c_tex}。"),
        ]
        formula = (f"a^2+b^2=c^2:\\quad {_paren(a)}^2+{_paren(b)}^2 = {latex(v['a2'])}+{latex(v['b2'])} = {lc2},"
                   f"\\quad {c_tex}")
        body = _body(self.title(params), self._consts(v, formula, tr), PYTHAGOREAN_LOGIC)
        computed = [f"a² = {latex(v['a2'])}, b² = {latex(v['b2'])}, c² = a² + b² = {lc2}, c = {lc} ≈ {num(c)}"]
        reasoning = _reasoning(self, params, tr, caveats, f"a = {la}, b = {lb}", computed, shots)
        return _lesson(self, params, "PythagoreanScene", body, self._notes(params, v, shots, c_tex), reasoning, v)

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
        return notes_markdown(
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
            zh=p.language == "zh")


PYTHAGOREAN_LOGIC = '''
def P(px, py_):
    return np.array([CX + S * (px - A / 2), CY + S * (py_ - B / 2), 0.0])


def Q(qx, qy):
    return np.array([QX + S2 * qx, QY + S2 * qy, 0.0])


def inside(label, side, poly):
    fit(label, 0.8 * side, 0.8 * side)
    return label.move_to(poly.get_center())


L = A + B
tri = Polygon(P(0, 0), P(A, 0), P(0, B), color=WHITE, fill_color=GREY_D, fill_opacity=0.9, stroke_width=3)
mark = RightAngle(Line(P(0, 0), P(A, 0)), Line(P(0, 0), P(0, B)), length=min(0.25, 0.3 * S * min(A, B)))
sq_a = Polygon(P(0, 0), P(A, 0), P(A, -A), P(0, -A), color=BLUE, fill_opacity=0.45)
sq_b = Polygon(P(0, 0), P(0, B), P(-B, B), P(-B, 0), color=GREEN, fill_opacity=0.45)
sq_c = Polygon(P(A, 0), P(0, B), P(B, A + B), P(A + B, A), color=YELLOW, fill_opacity=0.45)
labels = VGroup(inside(MathTex(LAB_A), S * A, sq_a), inside(MathTex(LAB_B), S * B, sq_b),
                inside(MathTex(LAB_C), S * (A * A + B * B) ** 0.5, sq_c))
self.play(Write(title))
self.play(DrawBorderThenFill(tri), Create(mark), run_time=rt(1.2))
for sq, lab in zip([sq_a, sq_b, sq_c], labels):
    self.play(FadeIn(sq, scale=0.6), Write(lab), run_time=rt(0.9))
self.wait(rt(0.5))

big = Polygon(Q(0, 0), Q(L, 0), Q(L, L), Q(0, L), color=WHITE, stroke_width=3)
style = dict(color=WHITE, fill_color=GREY_D, fill_opacity=1.0, stroke_width=2)
tris = [Polygon(Q(0, 0), Q(A, 0), Q(0, B), **style), Polygon(Q(A, 0), Q(L, 0), Q(L, A), **style),
        Polygon(Q(L, A), Q(L, L), Q(B, L), **style), Polygon(Q(B, L), Q(0, L), Q(0, B), **style)]
hole_c = Polygon(Q(A, 0), Q(L, A), Q(B, L), Q(0, B), color=YELLOW, fill_opacity=0.45, stroke_width=0)
lab_c = inside(MathTex("c^2"), S2 * (A * A + B * B) ** 0.5, hole_c)
cap1 = fit(Text(CAPTION1, font_size=30), 5.2).next_to(big, UP, buff=0.3)
self.play(Create(big), FadeIn(hole_c), run_time=rt(0.8))
self.play(LaggedStart(*[TransformFromCopy(tri, t) for t in tris], lag_ratio=0.25), run_time=rt(2))
self.play(Write(lab_c), FadeIn(cap1), run_time=rt(0.8))
self.wait(rt(0.6))

hole_a = Polygon(Q(0, 0), Q(A, 0), Q(A, A), Q(0, A), color=BLUE, fill_opacity=0.45, stroke_width=0)
hole_b = Polygon(Q(A, A), Q(L, A), Q(L, L), Q(A, L), color=GREEN, fill_opacity=0.45, stroke_width=0)
lab_a = inside(MathTex("a^2"), S2 * A, hole_a)
lab_b = inside(MathTex("b^2"), S2 * B, hole_b)
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
            tr(f"The point stops at θ = {lt}: {sin_tex.replace(chr(92), '')}, {cos_tex.replace(chr(92), '')}.",
               f"点停在 θ = {lt}：sin = {num(v['sin'])}，cos = {num(v['cos'])}。"),
            tr("The exact values appear at the bottom, with sin²θ + cos²θ = 1.",
               "底部给出精确值，以及 sin²θ + cos²θ = 1。"),
        ]
        consts = (f"TH0 = {py(float(sp.Mod(v['theta'], 2 * sp.pi)))}\nSIN_TEX = {tex(sin_tex)}\n"
                  f"COS_TEX = {tex(cos_tex)}\n")
        body = _body(self.title(params), consts, UNIT_CIRCLE_LOGIC)
        computed = [f"θ = {lt} ≈ {num(v['theta'])} rad", f"sin θ = {latex(v['sin'])} ≈ {num(v['sin'])}",
                    f"cos θ = {latex(v['cos'])} ≈ {num(v['cos'])}", f"sin²θ + cos²θ = {latex(v['identity'])}"]
        reasoning = _reasoning(self, params, tr, caveats, f"θ = {lt}", computed, shots)
        return _lesson(self, params, "UnitCircleScene", body, self._notes(params, v, shots, sin_tex, cos_tex),
                       reasoning, v)

    def _notes(self, p, v, shots, sin_tex, cos_tex) -> str:
        tr = _tr(p)
        et = latex(v["exercise_theta"])
        return notes_markdown(
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
            zh=p.language == "zh")


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
ticks = VGroup(*[MathTex(s, font_size=26).next_to(ax_c.c2p(k * PI / 2, -1.2), DOWN, buff=0.12)
                 for k, s in enumerate(["0", r"\\frac{\\pi}{2}", r"\\pi", r"\\frac{3\\pi}{2}", r"2\\pi"])])
lab_s = MathTex(r"\\sin\\theta", color=RED, font_size=34).next_to(ax_s.c2p(0, 1.2), UP, buff=0.08)
lab_c = MathTex(r"\\cos\\theta", color=BLUE, font_size=34).next_to(ax_c.c2p(0, 1.2), UP, buff=0.08)
self.play(Write(title))
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
readout = VGroup(MathTex(r"\\theta ="), DecimalNumber(0, num_decimal_places=2)).arrange(RIGHT)
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
    aliases = ("area of a circle", "circle area", "pi r squared", "pi r^2", "\\pi r^2", "what is pi", "pi",
               "circumference", "circumference of a circle", "2 pi r", "圆的面积", "圆面积", "圆周率", "π",
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
        reasoning = _reasoning(self, params, tr, caveats, f"r = {lr}", computed, shots)
        return _lesson(self, params, "CircleAreaScene", body, self._notes(params, v, shots, formula2), reasoning, v)

    def _notes(self, p, v, shots, formula2) -> str:
        tr = _tr(p)
        ec = latex(v["exercise_circumference"])
        return notes_markdown(
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
            zh=p.language == "zh")


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
c_lab = fit(MathTex(C_TEX, font_size=34), 6.2).next_to(outline, DOWN, buff=0.3)
self.play(Write(title))
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
        at_theta = f"e^{{i {_paren(v['theta'])}}} {e_val}"
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
        reasoning = _reasoning(self, params, tr, caveats, f"θ = {lt}", computed, shots)
        return _lesson(self, params, "EulerFormulaScene", body, self._notes(params, v, shots, at_theta), reasoning, v)

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
        return notes_markdown(
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
            zh=p.language == "zh")


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
self.play(Write(title))
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
