"""Matrices as maps of the plane: a map and its inverse, a singular map collapsing the plane onto a line (rank and
null space), the unit circle becoming an ellipse (singular values); powers through diagonalisation; the transpose
of a product. The request's matrix (or matrices) replaces the entry's."""

from __future__ import annotations

import math

import sympy as sp

from ...common import latex, num
from ..geometry.kit import Draft, Figure, Frame, Reader, exact, figure_draft, grid, line_through, pick, val_tex
from .spans import pvec_matrix as pm

WIDE = (-6.8, 6.8, -3.85, 2.95)


def request_matrix(r: Reader, default, square=True, size=(2,)) -> sp.Matrix:
    """The request's matrix when usable (square of an allowed size if `square`), else the entry's."""
    raw = r.ask.params.matrix
    if raw:
        try:
            m = sp.Matrix([[exact(v) for v in row] for row in raw])
            if (not square or m.is_square) and m.rows in size:
                return m
        except (ValueError, TypeError, sp.ShapeError):
            pass
        r.notes.append("The matrix given does not fit this scene: using the entry's.")
    return sp.Matrix([[exact(v) for v in row] for row in default])


def mt(m: sp.Matrix) -> str:
    """A matrix as plain text, [[3, 0], [4, 5]], for the storyboard."""
    return str(m.tolist())


def floats(m: sp.Matrix) -> list[list[float]]:
    return [[float(m[i, j]) for j in range(m.cols)] for i in range(m.rows)]


def map_figure(m: sp.Matrix, extra=()) -> Figure:
    """A figure holding the unit square, its image and `extra` points (math units)."""
    corners = [sp.Matrix(p) for p in ((0, 0), (1, 0), (0, 1), (1, 1))]
    pts = [(float(c[0]), float(c[1])) for c in corners + [m * c for c in corners]] + [tuple(map(float, p))
                                                                                      for p in extra]
    return Figure(Frame([(-1, -1), *pts], margin=0.8))


def map_grid(fig: Figure, m: sp.Matrix) -> list:
    """A grid that still fills the figure's box after the map (its range covers the box's preimage)."""
    f = fig.f
    box = [f.inverse((f.box[i], f.box[j])) for i in (0, 1) for j in (2, 3)]
    pre = box
    if m.det() != 0:
        inv = m.inv()
        pre = [tuple(float(v) for v in inv * sp.Matrix(p)) for p in box]
    xs, ys = [p[0] for p in box + pre], [p[1] for p in box + pre]
    span = max(max(xs) - min(xs), max(ys) - min(ys))
    step = 1 if span < 30 else math.ceil(span / 30)
    xr = [step * math.floor(min(xs) / step), step * math.ceil(max(xs) / step), step]
    yr = [step * math.floor(min(ys) / step), step * math.ceil(max(ys) / step), step]
    if m.det() == 0:  # the image is a line (or a point): keep it about as long as the box
        k = max(1.0, max(float(m[:, j].norm()) for j in range(m.cols)))
        xr = [math.floor(min(p[0] for p in box) / k), math.ceil(max(p[0] for p in box) / k), 1]
        yr = [math.floor(min(p[1] for p in box) / k), math.ceil(max(p[1] for p in box) / k), 1]
    return ["grid", f.s((0, 0)), round(f.unit, 4), xr, yr]


def backdrop(fig: Figure) -> list:
    """A faint grid that stays put while the other one moves."""
    f = fig.f
    (x0, y0), (x1, y1) = f.inverse((f.box[0], f.box[2])), f.inverse((f.box[1], f.box[3]))
    return ["grid", f.s((0, 0)), round(f.unit, 4), [math.ceil(x0), math.floor(x1), 1], [math.ceil(y0), math.floor(y1), 1]]


def basis(fig: Figure) -> list[list]:
    fig.point("O", (0, 0))
    fig.point("I", (1, 0))
    fig.point("J", (0, 1))
    return [["poly", [fig.at(p) for p in ((0, 0), (1, 0), (1, 1), (0, 1))], "YELLOW", 0.35, 2],
            ["arrow", "O", "I", "GREEN"], ["arrow", "O", "J", "RED"]]


def apply(ids, m) -> list[list]:
    return [["apply", i, i, floats(m), "O"] for i in ids]


def inverse(r: Reader) -> Draft:
    m = request_matrix(r, r.setting("matrix", [[2, 1], [1, 1]]))
    if m.det() == 0:
        r.notes.append("That matrix has no inverse: using the entry's.")
        m = sp.Matrix(r.setting("matrix"))
    inv = m.inv()
    fig = map_figure(m)
    ids = fig.add(map_grid(fig, m), *basis(fig), show=[f"A = {pm(m)},\\ \\det A = {latex(m.det())}"], rt=1.5)
    fig.add(ops=apply(ids, m), show=[("text", "A moves the plane", "YELLOW")], rt=2.5)
    fig.add(show=[f"A^{{-1}} = \\frac{{1}}{{{latex(m.det())}}}{pm(m.adjugate())} = {pm(inv)}"], rt=1.8)
    fig.add(ops=apply(ids, inv), show=[("text", "A⁻¹ moves it back", "GREEN")], rt=2.5)
    fig.add(show=[f"A^{{-1}}A = {pm(inv * m)} = I"], ops=[["indicate", 2]], rt=1.5)
    shots = [f"The grid, the unit square and the basis vectors; A = {mt(m)}.", "A transforms the plane.",
             f"A⁻¹ = {mt(inv)} undoes it: the grid returns, A⁻¹A = I."]
    return figure_draft(fig, shots, {"inverse": inv, "det": m.det()})


def rank(r: Reader) -> Draft:
    m = request_matrix(r, r.setting("matrix", [[1, 2], [2, 4]]))
    k = m.rank()
    null = m.nullspace()
    n = null[0] if null else None
    fig = map_figure(m, [tuple(n)] if n is not None else ())
    fig.add(backdrop(fig), rt=0.5)
    ids = fig.add(map_grid(fig, m), *basis(fig), show=[f"A = {pm(m)},\\ \\det A = {latex(m.det())}"], rt=1.5)
    if n is not None:
        fig.point("N", tuple(float(v) for v in n))
        ids += fig.add(["arrow", "O", "N", "ORANGE"], show=[f"A{pvec_of(n)} = {pvec_of(m * n)}"], rt=1.5)
    fig.add(ops=apply(ids, m), show=[("text", "the plane is squashed onto a line" if k == 1 else
                                      "the plane maps onto itself", "YELLOW")], rt=2.5)
    fig.add(show=[f"\\text{{rank}}\\,A = {k},\\ \\text{{nullity}} = {m.cols - k}",
                  f"r + k = n:\\ {k} + {m.cols - k} = {m.cols}"], ops=[["indicate", 3 if n is not None else 2]], rt=2)
    shots = [f"A = {mt(m)} with det A = {latex(m.det())}.", "Applying A flattens the whole plane onto one line; the "
             "orange null vector goes to zero." if k == 1 else "Applying A keeps the plane two-dimensional.",
             f"rank A = {k}, nullity {m.cols - k}: rank + nullity = {m.cols}."]
    return figure_draft(fig, shots, {"rank": sp.Integer(k)})


def pvec_of(v) -> str:
    return "\\begin{pmatrix}" + "\\\\".join(latex(c) for c in v) + "\\end{pmatrix}"


def svd(r: Reader) -> Draft:
    m = request_matrix(r, r.setting("matrix", [[3, 0], [4, 5]]))
    ata = m.T * m
    T, D = ata.trace(), ata.det()
    s1, s2 = (sp.sqrt((T + k * sp.sqrt(T**2 - 4 * D)) / 2) for k in (1, -1))
    vecs = sorted(ata.eigenvects(), key=lambda e: -float(e[0]))
    v1, v2 = (sp.simplify(e[2][0] / e[2][0].norm()) for e in vecs) if len(vecs) == 2 else (sp.Matrix([1, 0]),
                                                                                           sp.Matrix([0, 1]))
    big = float(s1) + 0.5
    fig = Figure(Frame([(-big, -big), (big, big)], margin=0.5))
    for n, v in (("O", (0, 0)), ("V1", v1), ("V2", v2)):
        fig.point(n, tuple(float(c) for c in v))
    ids = fig.add(map_grid(fig, m), ["circle", "O", fig.f.unit, "YELLOW", 4], ["arrow", "O", "V1", "GREEN"],
                  ["arrow", "O", "V2", "RED"], show=[f"A = {pm(m)}"], rt=1.5)
    fig.add(show=[f"A^TA = {pm(ata)}:\\ T = {latex(T)},\\ D = {latex(D)}"], rt=1.5)
    fig.add(ops=apply(ids, m), show=[("text", "the unit circle becomes an ellipse", "YELLOW")], rt=2.5)
    fig.add(show=[f"\\sigma_1 = \\sqrt{{\\tfrac{{T + \\sqrt{{T^2 - 4D}}}}{{2}}}} {val_tex(s1)}",
                  f"\\sigma_2 {val_tex(s2)}", "A\\vec v_i = \\sigma_i\\vec u_i"], ops=[["indicate", 3]], rt=2)
    shots = [f"A = {mt(m)}, the unit circle and the right singular vectors v₁, v₂ (perpendicular).",
             "A maps the circle to an ellipse; v₁, v₂ go to its axes.",
             f"The semi-axes are the singular values σ₁ = {latex(s1)} ≈ {num(s1)}, σ₂ = {latex(s2)} ≈ {num(s2)}."]
    return figure_draft(fig, shots, {"sigma1": s1, "sigma2": s2})


def linear_map(r: Reader) -> Draft:
    show = r.setting("show")
    return pick({"map_and_inverse": inverse, "collapse_to_line": rank, "circle_to_ellipse": svd}, show)(r)


def powers(r: Reader) -> Draft:
    """eigen with show = powers: A = PDP⁻¹, so Aⁿ = PDⁿP⁻¹; the iterates Aᵏx turn towards the dominant
    eigenvector."""
    m = request_matrix(r, r.setting("matrix", [[1, 1], [1, 0]]))
    lam = sp.Symbol("lamda")
    vals = sorted(m.eigenvals(), key=lambda v: -abs(complex(v)))
    if not all(v.is_real for v in vals) or len(vals) < 2:
        r.notes.append("That matrix has no two real eigenvalues: using the entry's.")
        m = sp.Matrix(r.setting("matrix"))
        vals = sorted(m.eigenvals(), key=lambda v: -abs(complex(v)))
    P, Dm = m.diagonalize(sort=True)
    n = int(r.ask.entry.example.values.get("n", 10))
    its = [m**k * sp.Matrix([1, 0]) for k in range(6)]
    fig = Figure(Frame([(0, 0), *[tuple(float(c) for c in v) for v in its]], margin=0.9))
    fig.point("O", (0, 0))
    names = [fig.point(f"X{k}", tuple(float(c) for c in v)) for k, v in enumerate(its)]
    e1 = (m - vals[0] * sp.eye(2)).nullspace()[0]
    fig.add(*grid(fig), line_through(fig, (0, 0), tuple(float(c) for c in e1), "TEAL", 2.5, "dash"),
            show=[f"A = {pm(m)}", f"\\det(A - \\lambda I) = {latex((m - lam * sp.eye(2)).det().expand())}"], rt=1.5)
    fig.add(show=[f"\\lambda_1 = {latex(vals[0])},\\ \\lambda_2 = {latex(vals[1])}", "A = PDP^{-1},\\ A^n = PD^nP^{-1}"],
            rt=2)
    for k in range(1, len(its)):
        fig.add(["arrow", "O", names[k], "YELLOW" if k == len(its) - 1 else "BLUE_B", 4], rt=0.7)
    An = m**n
    fig.add(show=[f"A^{{{n}}} = {pm(An)}"], ops=[["indicate", 4]], rt=1.8)
    shots = [f"A = {mt(m)}, its eigenvalues {latex(vals[0])} and {latex(vals[1])}.",
             "A = PDP⁻¹ with D diagonal, so Aⁿ = PDⁿP⁻¹.",
             f"The iterates Aᵏ(1, 0) turn towards the dominant eigenvector (dashed line); A^{n} = {mt(An)}."]
    return figure_draft(fig, shots, {"eigenvalues": sp.Tuple(*vals), f"A^{n}": An, "D": Dm, "P": P})


def transpose(r: Reader) -> Draft:
    mats = r.ask.params.matrices if len(r.ask.params.matrices) >= 2 else r.setting("matrices")
    try:
        a, b = (sp.Matrix([[exact(v) for v in row] for row in mm]) for mm in mats[:2])
        ab = a * b
    except (ValueError, TypeError, sp.ShapeError):
        r.notes.append("The matrices given cannot be multiplied: using the entry's.")
        a, b = (sp.Matrix(mm) for mm in r.setting("matrices")[:2])
        ab = a * b
    fig = Figure(Frame([(0, 0), (1, 1)]), panel_box=WIDE)
    lines = [f"A = {pm(a)},\\quad B = {pm(b)}", f"AB = {pm(ab)}", f"(AB)^T = {pm(ab.T)}",
             f"B^T = {pm(b.T)},\\quad A^T = {pm(a.T)}", f"B^TA^T = {pm(b.T * a.T)} = (AB)^T"]
    for line in lines:
        fig.add(show=[line], rt=1.5)
    fig.add(show=[("text", "the transpose of a product reverses the order", "YELLOW")], ops=[["indicate", 4]], rt=1.5)
    shots = [f"A = {mt(a)} and B = {mt(b)}.", f"AB = {mt(ab)} and its transpose.",
             "BᵀAᵀ gives the same matrix: (AB)ᵀ = BᵀAᵀ."]
    return figure_draft(fig, shots, {"ABt": ab.T, "BtAt": b.T * a.T})
