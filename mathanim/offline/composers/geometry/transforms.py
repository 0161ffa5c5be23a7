"""Transformations of a shape on the grid (rotation about the origin, reflection in a line, dilation from the
origin, translation by a vector) with the image of every vertex computed by sympy; and a graph reflected in
y = x (a function and its inverse)."""

from __future__ import annotations

import math

import sympy as sp

from ...common import latex, num
from .curves import runs, sample
from .kit import Draft, Figure, Frame, Reader, exact, figure_draft, grid, line_through, pick
from .plane import pt_tex

H = sp.Rational(1, 2)
SHAPES = {"triangle": [(2, H), (5, H), (4, 5 * H)], "square": [(3 * H, H), (5 * H, H), (5 * H, 3 * H), (3 * H, 3 * H)],
          "small triangle": [(2, H), (3, H), (5 * H, 3 * H)]}  # a dilation's image stays clear of the original
MIRRORS = {"y = x": sp.Matrix([[0, 1], [1, 0]]), "y = -x": sp.Matrix([[0, -1], [-1, 0]]),
           "x-axis": sp.Matrix([[1, 0], [0, -1]]), "y-axis": sp.Matrix([[-1, 0], [0, 1]])}
KINDS = {k: k for k in ("rotation", "reflection", "dilation", "translation")}
MIRROR_DIRS = {"y = x": (1, 1), "y = -x": (1, -1), "x-axis": (1, 0), "y-axis": (0, 1)}
x, y = sp.symbols("x y", real=True)


def _mirror(r: Reader) -> str:
    text = r.ask.params.concept.lower().replace(" ", "")
    for name in ("y=-x", "y=x", "x-axis", "y-axis"):
        if name in text or name.replace("-", " ") in text:
            return {"y=-x": "y = -x", "y=x": "y = x"}.get(name, name)
    line = str(r.setting("line", "y = x"))
    return line if line in MIRRORS else "y = x"


def _image(r: Reader, kind: str) -> tuple[callable, list[str], str]:
    """The map of the transformation, the panel lines (general, then with numbers) and its description."""
    if kind == "rotation":
        d = r.num(("angle", "theta", "deg"), r.setting("angle_deg", 90), lambda v: 0 < abs(v) < 360)
        c, s = sp.cos(d * sp.pi / 180), sp.sin(d * sp.pi / 180)
        return (lambda p: (c * p[0] - s * p[1], s * p[0] + c * p[1]),
                ["X = x\\cos\\theta - y\\sin\\theta", "Y = x\\sin\\theta + y\\cos\\theta"], f"rotation by {num(d)}°")
    if kind == "reflection":
        line = _mirror(r)
        m = MIRRORS[line]
        return (lambda p: tuple(m * sp.Matrix(p)), [f"\\text{{mirror: }} {line}", f"(X, Y) = {pt_tex(m * sp.Matrix([x, y]))}"],
                f"reflection in {line}")
    if kind == "dilation":
        k = r.num("k", r.setting("k", 2), lambda v: 0 < abs(v) <= 4 and v != 1)
        return (lambda p: (k * p[0], k * p[1]), [f"X = kx,\\ Y = ky,\\ k = {latex(k)}"], f"dilation by k = {num(k)}")
    vec = r.ask.params.vectors[0] if r.ask.params.vectors and len(r.ask.params.vectors[0]) == 2 else r.setting(
        "vector", [3, -2])
    a, b = (exact(v) for v in vec)
    return (lambda p: (p[0] + a, p[1] + b), [f"X = x + a,\\ Y = y + b,\\ (a, b) = ({latex(a)}, {latex(b)})"],
            f"translation by ({num(a)}, {num(b)})")


def _op(kind: str, r: Reader, src: str, img: list) -> list:
    """The operation that moves a copy of the shape onto its image."""
    if kind == "rotation":
        ang = r.num(("angle", "theta", "deg"), r.setting("angle_deg", 90), lambda v: 0 < abs(v) < 360)
        return ["rotate", src, "img", float(ang) * math.pi / 180, "O"]
    if kind == "dilation":
        return ["scale", src, "img", float(r.num("k", r.setting("k", 2), lambda v: 0 < abs(v) <= 4 and v != 1)), "O"]
    return ["morph", src, ["img", "poly", img, "GREEN", 0.3]]


def _labels(fig: Figure, pts, names, color: str) -> list[list]:
    """Vertex names, each outside the shape (away from its centroid)."""
    g = [sum(float(p[k]) for p in pts) / len(pts) for k in (0, 1)]
    return [fig.label(p, n, (float(p[0]) - g[0], float(p[1]) - g[1]), color, 30) for n, p in zip(names, pts, strict=True)]


def _guides(kind: str, r: Reader, fig: Figure, names) -> list[list]:
    """What shows the rule: the mirror line, the rays from the centre of a dilation, the translation arrows."""
    if kind == "reflection":
        return [line_through(fig, (0, 0), MIRROR_DIRS[_mirror(r)], "TEAL", 3)]
    if kind == "dilation":
        return [["dash", "O", n + "'", "GREY_B"] for n in names]
    if kind == "translation":
        return [["arrow", n, n + "'", "ORANGE", 3] for n in names]
    return []


def transformation(r: Reader) -> Draft:
    kind, shape = pick(KINDS, r.setting("transform")), r.setting("shape", "triangle")
    if kind == "dilation" and shape == "triangle":
        shape = "small triangle"
    pts = [tuple(exact(c) for c in p) for p in SHAPES.get(shape, SHAPES["triangle"])]
    f, lines, said = _image(r, kind)
    img = [tuple(sp.nsimplify(v) for v in f(p)) for p in pts]
    names = [chr(65 + i) for i in range(len(pts))]
    fig = Figure(Frame([(0, 0), *pts, *img], margin=0.9))
    fig.point("O", (0, 0))
    for n, p, q in zip(names, pts, img, strict=True):
        fig.point(n, (float(p[0]), float(p[1])))
        fig.point(n + "'", (float(q[0]), float(q[1])))
    fig.add(*grid(fig), rt=1.2)
    src = fig.add(["poly", names, "BLUE", 0.3], *_labels(fig, pts, names, "BLUE"), show=[("text", said, "YELLOW")],
                  rt=1.5)[0]
    fig.add(*_guides(kind, r, fig, names), show=lines[:1], rt=1.2)
    fig.add(*_labels(fig, img, [n + "'" for n in names], "GREEN"), show=lines[1:],
            ops=[_op(kind, r, src, [n + "'" for n in names])], rt=2.5)
    fig.add(show=[f"A{pt_tex(pts[0])} \\to A'{pt_tex(img[0])}"], rt=1.5)
    fig.add(show=_invariant(kind, r, pts), ops=[["indicate", len(lines) + 1]], rt=1.5)
    shots = [f"The {shape} on the grid.", f"The {said}: every vertex moves by the same rule.",
             f"A{pt_tex(pts[0])} goes to A'{pt_tex(img[0])}.", _invariant_text(kind)]
    return figure_draft(fig, shots, {f"{n}'": sp.Matrix(q) for n, q in zip(names, img, strict=True)})


def _invariant(kind: str, r: Reader, pts) -> list[str]:
    if kind != "dilation":
        return ["\\text{lengths, angles and area are kept}"]
    k = r.num("k", r.setting("k", 2), lambda v: 0 < abs(v) <= 4 and v != 1)
    return [f"\\text{{lengths}} \\times {latex(abs(k))},\\ \\text{{area}} \\times k^2 = {latex(k**2)}"]


def _invariant_text(kind: str) -> str:
    if kind == "dilation":
        return "Lengths are multiplied by |k|, areas by k²; angles are kept (the image is similar)."
    return "Lengths, angles and area are unchanged: the image is congruent."


def _sample_point(f, lo: float, hi: float) -> tuple[sp.Expr, sp.Expr]:
    """A point (x0, f(x0)) with exact, simple coordinates, as far from y = x as the candidates allow."""
    cands = [sp.pi / 6, sp.pi / 4, sp.pi / 3, sp.pi / 2, 1, 2, sp.Rational(1, 2), -1, 0]
    good = [(c, sp.nsimplify(f.subs(x, c))) for c in cands if lo - 1e-9 <= float(c) <= hi + 1e-9]
    nice = [(c, v) for c, v in good if v.is_Rational or (v / sp.pi).is_Rational] or good or [(0, f.subs(x, 0))]
    return max(nice, key=lambda cv: abs(float(cv[0]) - float(cv[1])))


def _tex(e) -> str:
    return sp.latex(e, inv_trig_style="full")


def reflection_in_line(r: Reader) -> Draft:
    """A graph and its mirror image in y = x: the graph of the inverse function."""
    e = r.ask.params.expr if r.ask.params.expr is not None and r.ask.params.expr.free_symbols == {x} else None
    f = e if e is not None else sp.sympify(r.setting("curve", "2*x + 3"), locals={"x": x})
    lo, hi = (float(v) for v in r.setting("x_range", [-3, 3]))
    inv = _inverse(f, (lo + hi) / 2)
    x0, y0 = _sample_point(f, lo, hi)
    pts = sample(lambda u: u, sp.lambdify(x, f, "math"), lo, hi)
    top = max(max(abs(c) for p in pts for c in p), 1.0) + 0.5
    fig = Figure(Frame([(-top, -top), (top, top)], margin=0.2))
    fig.point("P", (float(x0), float(y0)))
    fig.point("Q", (float(y0), float(x0)))
    side = (1, -1) if y0 < x0 else (-1, 1)
    fig.add(*grid(fig), line_through(fig, (0, 0), (1, 1), "TEAL", 3),
            fig.label((top * 0.8, top * 0.8), "y = x", (1, -1), "TEAL", 28), rt=1.2)
    fig.add(*[fig.curve(c, "BLUE", 5) for c in runs(pts, (-top, top, -top, top))],
            show=[("tex", f"y = {_tex(f)}", "BLUE")], rt=1.5)
    fig.add(["dot", "P", "BLUE"], fig.label((x0, y0), pt_tex((x0, y0)), side, "BLUE", 28, 0.55), ["dot", "Q", "GREEN"],
            fig.label((y0, x0), pt_tex((y0, x0)), (-side[0], -side[1]), "GREEN", 28, 0.55), ["dash", "P", "Q", "WHITE"],
            show=[("text", "swap x and y: mirror in y = x")], rt=1.5)
    fig.add(*[fig.curve(c, "GREEN", 5) for c in runs([(b, a) for a, b in pts], (-top, top, -top, top))],
            show=[("tex", f"y = {_tex(sp.factor(inv))}" if inv is not None else "y = f^{-1}(x)", "GREEN")], rt=2)
    fig.add(show=[f"f({latex(x0)}) = {latex(y0)} \\iff f^{{-1}}({latex(y0)}) = {latex(x0)}"], ops=[["indicate", 3]],
            rt=1.5)
    shots = [f"The graph of y = {latex(f)} and the line y = x.", f"The point ({latex(x0)}, {latex(y0)}) and its "
             f"mirror image ({latex(y0)}, {latex(x0)}).", "Mirroring the whole graph gives the graph of the inverse"
             + (f", y = {_tex(sp.factor(inv))}." if inv is not None else ".")]
    return figure_draft(fig, shots, {"inverse": inv if inv is not None else sp.nan, "x0": x0, "y0": y0})


def _inverse(f, xm: float):
    """The inverse of f near x = xm, in x (None when sympy finds none)."""
    yv = sp.Symbol("yv", real=True)
    try:
        sols = sp.solve(sp.Eq(yv, f), x)
    except (NotImplementedError, ValueError):
        return None
    ym = float(f.subs(x, xm))
    good = [s for s in sols if abs(complex(s.subs(yv, ym)) - xm) < 1e-6]
    return sp.simplify(good[0].subs(yv, x)) if good else None
