"""Spans and bases: a linear combination built tip to tail, dependent vectors on one line, Gram-Schmidt making a
perpendicular pair, and a vector's coordinates in another basis (its skew grid drawn)."""

from __future__ import annotations

import sympy as sp

from ...common import latex
from ..geometry.kit import Draft, Reader, exact, figure_draft, grid, line_through
from .vectors import arrow, pvec, request_vectors, tup, vector_plane


def coef(k) -> str:
    """A coefficient in front of a vector: 2, −, nothing for 1."""
    return {1: "", -1: "-"}.get(k, latex(k))


def combination(r: Reader) -> Draft:
    v, w = request_vectors(r, r.setting("vectors", [[1, 2], [3, 1]]))
    s_, t_ = (r.num(n, c, lambda x: abs(x) <= 5) for n, c in zip(("s", "t"), r.setting("coefficients", [2, -1]),
                                                                  strict=True))
    sv, tw = s_ * v, t_ * w
    res = sv + tw
    fig = vector_plane([v, w, sv, res])
    fig.point("O", (0, 0))
    fig.add(*grid(fig, ticks=False), rt=1)
    fig.add(*arrow(fig, "V", v, ("BLUE", "\\vec v"), away=tuple(w)), *arrow(fig, "W", w, ("YELLOW", "\\vec w"),
                                                                          away=tuple(v)),
            show=[f"\\vec v = {tup(v)},\\ \\vec w = {tup(w)}"], rt=1.5)
    fig.add(*arrow(fig, "SV", sv, ("BLUE_B", f"{coef(s_)}\\vec v"), away=tuple(w)),
            show=[f"{coef(s_)}\\vec v = {tup(sv)}"], rt=1.5)
    fig.add(*arrow(fig, "TW", tw, ("ORANGE", f"{coef(t_)}\\vec w"), start=tuple(sv), away=(0, 0)),
            show=[f"{coef(t_)}\\vec w = {tup(tw)}"], rt=1.5)
    fig.add(*arrow(fig, "R", res, ("GREEN", ""), away=tuple(sv)),
            show=[f"{coef(s_)}\\vec v {'+' if t_ >= 0 else '-'} {coef(abs(t_))}\\vec w = {tup(res)}"],
            ops=[["indicate", 3]], rt=1.8)
    shots = [f"v = {tup(v)} and w = {tup(w)}.", f"Scale: {latex(s_)}v = {tup(sv)}, then {latex(t_)}w = {tup(tw)} "
             "tip to tail.", f"The combination {latex(s_)}v + ({latex(t_)})w = {tup(res)}."]
    return figure_draft(fig, shots, {"combination": res})


def dependence(r: Reader) -> Draft:
    v, w = request_vectors(r, r.setting("vectors", [[1, 2], [2, 4]]))
    det = v[0] * w[1] - v[1] * w[0]
    fig = vector_plane([v, w])
    fig.point("O", (0, 0))
    fig.add(*grid(fig, ticks=False), rt=1)
    fig.add(*arrow(fig, "W", w, ("YELLOW", "\\vec w"), away=(-float(w[1]), float(w[0]))),
            *arrow(fig, "V", v, ("BLUE", "\\vec v"), away=(float(v[1]), -float(v[0]))),
            show=[f"\\vec v = {tup(v)},\\ \\vec w = {tup(w)}"], rt=1.5)
    fig.add(show=[f"v_1 w_2 - v_2 w_1 = {latex(v[0])}\\cdot {latex(w[1])} - {latex(v[1])}\\cdot {latex(w[0])} "
                  f"= {latex(det)}"], rt=1.5)
    if det == 0:
        k = next(w[i] / v[i] for i in range(2) if v[i] != 0)
        fig.add(line_through(fig, (0, 0), tuple(v), "TEAL", 4),
                show=[f"\\vec w = {latex(k)}\\,\\vec v", ("text", "dependent: the span is one line", "TEAL")],
                ops=[["indicate", 1]], rt=2)
        said = f"w = {latex(k)}v: they are dependent and span only a line"
    else:
        fig.point("S", (float(v[0] + w[0]), float(v[1] + w[1])))
        fig.add(["poly", ["O", "V", "S", "W"], "GREEN", 0.3, 2],
                show=[("text", "independent: they span the plane", "GREEN")], ops=[["indicate", 1]], rt=2)
        said = "the parallelogram has area |det| ≠ 0: they are independent and span the plane"
    shots = [f"v = {tup(v)} and w = {tup(w)}.", f"The determinant v₁w₂ − v₂w₁ = {latex(det)}.", said.capitalize() + "."]
    return figure_draft(fig, shots, {"det": det})


def span(r: Reader) -> Draft:
    return dependence(r) if r.setting("show") == "dependence" else combination(r)


def gram_schmidt(r: Reader) -> Draft:
    v1, v2 = request_vectors(r, r.setting("vectors", [[3, 1], [2, 2]]))
    if v1[0] * v2[1] - v1[1] * v2[0] == 0:
        r.notes.append("The vectors given are parallel: using the entry's.")
        v1, v2 = (sp.Matrix([exact(c) for c in v]) for v in r.setting("vectors"))
    c = v2.dot(v1) / v1.dot(v1)
    proj = c * v1
    u2 = v2 - proj
    fig = vector_plane([v1, v2, proj, u2])
    fig.point("O", (0, 0))
    fig.point("P", tuple(float(x) for x in proj))
    fig.add(*grid(fig, ticks=False), rt=1)
    fig.add(*arrow(fig, "A", v1, ("BLUE", "\\vec u_1 = \\vec v_1"), away=tuple(v2)),
            *arrow(fig, "B", v2, ("YELLOW", "\\vec v_2"), away=tuple(v1)),
            show=[f"\\vec u_1 = \\vec v_1 = {tup(v1)},\\ \\vec v_2 = {tup(v2)}"], rt=1.5)
    fig.add(["dash", "B", "P", "WHITE"], ["arrow", "O", "P", "GREEN", 6],
            show=[f"\\frac{{\\vec v_2\\cdot\\vec u_1}}{{\\vec u_1\\cdot\\vec u_1}} = "
                  f"\\frac{{{latex(v2.dot(v1))}}}{{{latex(v1.dot(v1))}}} = {latex(c)}",
                  f"\\text{{proj}} = {latex(c)}\\,\\vec u_1 = {tup(proj)}"], rt=2)
    fig.add(*arrow(fig, "U", u2, ("RED", "\\vec u_2"), away=tuple(v1)), ["right", "A", "O", "U", "WHITE", 0.25],
            show=[f"\\vec u_2 = \\vec v_2 - \\text{{proj}} = {tup(u2)}"], rt=1.8)
    fig.add(show=[f"\\vec u_1\\cdot\\vec u_2 = {latex(v1.dot(u2))}",
                  "\\hat e_1 = \\frac{\\vec u_1}{|\\vec u_1|},\\ \\hat e_2 = \\frac{\\vec u_2}{|\\vec u_2|}"],
            ops=[["indicate", 4]], rt=1.8)
    shots = [f"v₁ = {tup(v1)} and v₂ = {tup(v2)}.", f"The projection of v₂ on u₁ = v₁ is {latex(c)}·v₁ = {tup(proj)}.",
             f"u₂ = v₂ − proj = {tup(u2)} is perpendicular to u₁ (dot product {latex(v1.dot(u2))})."]
    return figure_draft(fig, shots, {"u2": u2, "coefficient": c, "dot": v1.dot(u2)})


def change_of_basis(r: Reader) -> Draft:
    b1, b2 = request_vectors(r, r.setting("basis", [[2, 1], [-1, 1]]))
    x = sp.Matrix([exact(v) for v in r.setting("vector", [3, 3])])
    P = sp.Matrix.hstack(b1, b2)
    if P.det() == 0:
        r.notes.append("The basis vectors given are parallel: using the entry's basis.")
        b1, b2 = (sp.Matrix([exact(c) for c in v]) for v in r.setting("basis"))
        P = sp.Matrix.hstack(b1, b2)
    c = P.solve(x)
    fig = vector_plane([b1, b2, x, c[0] * b1])
    fig.point("O", (0, 0))
    lines = [line_through(fig, tuple(k * b2), tuple(b1), "TEAL", 1.5) for k in range(-4, 5)]
    lines += [line_through(fig, tuple(k * b1), tuple(b2), "TEAL", 1.5) for k in range(-4, 5)]
    fig.add(*grid(fig, ticks=False), rt=1)
    fig.add(*arrow(fig, "B1", b1, ("BLUE", "\\vec b_1"), away=tuple(b2)), *arrow(fig, "B2", b2, ("YELLOW", "\\vec b_2"),
                                                                              away=tuple(b1)),
            show=[f"\\vec b_1 = {tup(b1)},\\ \\vec b_2 = {tup(b2)}"], rt=1.5)
    fig.add(*lines, show=[("text", "the grid of the new basis", "TEAL")], rt=1.5)
    fig.add(*arrow(fig, "X", x, ("WHITE", f"\\vec x = {tup(x)}"), away=(0, 0)), show=[f"\\vec x = P\\vec c,\\ P = "
                                                                                 f"{pvec_matrix(P)}"], rt=1.5)
    fig.add(*arrow(fig, "C1", c[0] * b1, ("BLUE", f"{latex(c[0])}\\vec b_1"), away=tuple(b2)),
            *arrow(fig, "C2", c[1] * b2, ("YELLOW", f"{latex(c[1])}\\vec b_2"), start=tuple(c[0] * b1), away=(0, 0)),
            show=[f"\\vec c = P^{{-1}}\\vec x = {pvec(c)}"], ops=[["indicate", 3]], rt=2)
    shots = [f"The basis b₁ = {tup(b1)}, b₂ = {tup(b2)} and its skew grid.", f"The vector x = {tup(x)}.",
             f"x = {latex(c[0])}b₁ + {latex(c[1])}b₂: its new coordinates are {tup(c)}."]
    return figure_draft(fig, shots, {"c": c})


def pvec_matrix(m: sp.Matrix) -> str:
    rows = [" & ".join(latex(m[i, j]) for j in range(m.cols)) for i in range(m.rows)]
    return "\\begin{pmatrix}" + "\\\\".join(rows) + "\\end{pmatrix}"
