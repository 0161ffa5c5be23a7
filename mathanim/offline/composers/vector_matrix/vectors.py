"""Vectors on the grid (or in an oblique 3D view): length, angle, projection, cross product, the Cauchy-Schwarz
bound, linear combinations and dependence, Gram-Schmidt and a change of basis. The request's vectors replace the
entry's."""

from __future__ import annotations

import sympy as sp

from ...common import latex, num
from ..geometry.kit import (
    Draft,
    Figure,
    Frame,
    Reader,
    exact,
    figure_draft,
    grid,
    line_through,
    pick,
    seg_label,
    val_tex,
)

OBLIQUE = ((-0.55, -0.42), (0.95, -0.12), (0.0, 0.95))  # screen images of the x, y, z unit vectors
TILTED = ((1.0, 0.0), (0.2, 0.35), (0.0, 0.95))  # a view from the front and above: horizontal circles stay wide


def pvec(v) -> str:
    return "\\begin{pmatrix}" + "\\\\".join(latex(c) for c in v) + "\\end{pmatrix}"


def tup(v) -> str:
    """A vector as (a, b, ...) in LaTeX (tall brackets around fractions)."""
    inner = ", ".join(latex(c) for c in v)
    return f"\\left({inner}\\right)" if "frac" in inner else f"({inner})"


def request_vectors(r: Reader, default, dims=(2,)) -> list[sp.Matrix]:
    """The request's vectors when there are as many as the entry's (and of a usable size), else the entry's."""
    got = r.ask.params.vectors
    want = len(default)
    if len(got) >= want and all(len(v) in dims for v in got[:want]) and len({len(v) for v in got[:want]}) == 1:
        try:
            vs = [sp.Matrix([exact(c) for c in v]) for v in got[:want]]
            if all(any(c != 0 for c in v) for v in vs):
                return vs
        except ValueError:
            pass
        r.notes.append("The vectors given were unusable: using the entry's.")
    return [sp.Matrix([exact(c) for c in v]) for v in default]


def flat(v, view=OBLIQUE) -> tuple[float, float]:
    """A 3D vector's point in a parallel view (math units of the figure)."""
    v = [float(c) for c in v] + [0.0] * (3 - len(v))
    return (sum(v[i] * view[i][0] for i in range(3)), sum(v[i] * view[i][1] for i in range(3)))


def vector_plane(vs, extra=()) -> Figure:
    """A grid figure showing the origin, the tips of `vs` and `extra` points."""
    pts = [(float(v[0]), float(v[1])) for v in vs] + [tuple(map(float, p)) for p in extra]
    return Figure(Frame([(0, 0), *pts], margin=0.9))


def arrow(fig: Figure, name: str, v, style: tuple[str, str], start=(0, 0), away=None) -> list[list]:
    """An arrow from `start` to start + v, named `name`, with its label beside the middle; style = (colour, tex)."""
    color, tex = style
    s = (float(start[0]), float(start[1]))
    tip = (s[0] + float(v[0]), s[1] + float(v[1]))
    fig.point(name + "0", s)
    fig.point(name, tip)
    side = away if away is not None else (s[0] + tip[1] - s[1], s[1] - tip[0] + s[0])
    return [["arrow", name + "0", name, color], seg_label(fig, (s, tip), tex, side, color, 32)]


def length(r: Reader) -> Draft:
    (v,) = request_vectors(r, r.setting("vectors", [[2, 3, 6]]), dims=(2, 3))
    if len(v) == 2:
        return length_2d(v)
    n2 = v.dot(v)
    floor2 = v[0] ** 2 + v[1] ** 2
    corner, base = (v[0], v[1], 0), (v[0], 0, 0)
    ends = [tuple((max(float(v[i]), 0) + 1.2) * (k == i) for k in range(3)) for i in range(3)]
    fig = Figure(Frame([flat(p) for p in ((0, 0, 0), v, corner, base, *ends)], margin=0.7))
    for name, p in (("O", (0, 0, 0)), ("V", v), ("K", corner), ("X", base)):
        fig.point(name, flat(p))
    axes = [["arrow", "O", fig.at(flat(e)), "GREY_B", 2] for e in ends]
    names = [fig.label(flat(e), n, flat(e), "GREY_B", 30, 0.3) for n, e in zip("xyz", ends, strict=True)]
    fig.add(*axes, *names, show=[f"\\vec v = {tup(v)}"], rt=1.2)
    fig.add(["dash", "O", "X"], ["dash", "X", "K"], ["seg", "O", "K", "GREEN", 4],
            show=[f"\\text{{floor: }}\\sqrt{{{latex(v[0])}^2 + {latex(v[1])}^2}} {val_tex(sp.sqrt(floor2))}"], rt=1.5)
    fig.add(["seg", "K", "V", "ORANGE", 4], show=[f"\\text{{height: }} {latex(v[2])}"], rt=1.2)
    fig.add(["arrow", "O", "V", "YELLOW"], fig.label(flat(v), tup(v), (0.3, 1), "YELLOW", 30),
            show=[f"|\\vec v| = \\sqrt{{{latex(floor2)} + {latex(v[2])}^2}} = \\sqrt{{{latex(n2)}}} "
                  f"{val_tex(sp.sqrt(n2))}"], ops=[["indicate", 3]], rt=2)
    shots = [f"The vector {tup(v)} in space.", f"Its shadow on the floor has length √{latex(floor2)} (Pythagoras).",
             f"With the height {latex(v[2])}: |v| = √({latex(floor2)} + {latex(v[2] ** 2)}) = {latex(sp.sqrt(n2))}."]
    return figure_draft(fig, shots, {"length": sp.sqrt(n2)})


def length_2d(v) -> Draft:
    n = sp.sqrt(v.dot(v))
    fig = vector_plane([v])
    fig.point("O", (0, 0))
    fig.point("K", (float(v[0]), 0))
    fig.add(*grid(fig, ticks=False), rt=1)
    fig.add(*arrow(fig, "V", v, ("YELLOW", "\\vec v"), away=(float(v[0]), 0)), rt=1.2)
    fig.add(["seg", "O", "K", "GREEN", 4], ["seg", "K", "V", "ORANGE", 4],
            show=[f"|\\vec v| = \\sqrt{{{latex(v[0])}^2 + {latex(v[1])}^2}} {val_tex(n)}"], rt=1.5)
    return figure_draft(fig, [f"The vector {tup(v)}.", f"|v| = {latex(n)}."], {"length": n})


def angle(r: Reader) -> Draft:
    a, b = request_vectors(r, r.setting("vectors", [[1, 0], [1, 1]]))
    dot, na, nb = a.dot(b), sp.sqrt(a.dot(a)), sp.sqrt(b.dot(b))
    cos = sp.radsimp(dot / (na * nb))
    th = sp.acos(cos)
    deg = sp.nsimplify(th * 180 / sp.pi)
    fig = vector_plane([a, b])
    fig.point("O", (0, 0))
    fig.add(*grid(fig, ticks=False), rt=1)
    fig.add(*arrow(fig, "A", a, ("BLUE", "\\vec a"), away=tuple(b)), *arrow(fig, "B", b, ("YELLOW", "\\vec b"),
                                                                          away=tuple(a)),
            show=[f"\\vec a = {tup(a)},\\ \\vec b = {tup(b)}"], rt=1.5)
    fig.add(["angle", "A", "O", "B", "\\theta", "WHITE", 0.6],
            show=[f"\\vec a\\cdot\\vec b = {latex(dot)},\\ |\\vec a| = {latex(na)},\\ |\\vec b| = {latex(nb)}"], rt=1.5)
    fig.add(show=[f"\\cos\\theta = \\frac{{\\vec a\\cdot\\vec b}}{{|\\vec a||\\vec b|}} {val_tex(cos)}"], rt=1.5)
    shown = f"= {latex(th)} = {latex(deg)}^\\circ" if deg.is_Rational else f"\\approx {num(deg)}^\\circ"
    fig.add(show=[f"\\theta {shown}"], ops=[["indicate", 3]], rt=1.5)
    shots = [f"a = {tup(a)} and b = {tup(b)} from the origin.", f"a·b = {latex(dot)}, |a| = {latex(na)}, "
             f"|b| = {latex(nb)}.", f"cos θ = {latex(cos)}, θ ≈ {num(deg)}°."]
    return figure_draft(fig, shots, {"cos": cos, "theta": th})


def projection(r: Reader) -> Draft:
    a, b = request_vectors(r, r.setting("vectors", [[3, 4], [5, 0]]))
    dot, nb = a.dot(b), sp.sqrt(b.dot(b))
    scal = sp.radsimp(dot / nb)
    proj = (dot / b.dot(b)) * b
    fig = vector_plane([a, b, proj])
    fig.point("O", (0, 0))
    fig.point("P", (float(proj[0]), float(proj[1])))
    fig.add(*grid(fig, ticks=False), line_through(fig, (0, 0), tuple(b), "GREY_B", 1.5, "dash"), rt=1)
    fig.add(*arrow(fig, "A", a, ("BLUE", "\\vec a"), away=tuple(b)), *arrow(fig, "B", b, ("YELLOW", "\\vec b"),
                                                                          away=tuple(a)),
            show=[f"\\vec a = {tup(a)},\\ \\vec b = {tup(b)}"], rt=1.5)
    fig.add(["dash", "A", "P", "WHITE"], ["right", "A", "P", "O"] if proj.norm() != 0 else ["dot", "P"],
            show=[f"\\vec a\\cdot\\vec b = {latex(dot)},\\ |\\vec b| = {latex(nb)}"], rt=1.5)
    fig.add(["arrow", "O", "P", "GREEN", 7], show=[f"\\text{{comp}}_{{\\vec b}}\\vec a = \\frac{{\\vec a\\cdot\\vec b}}"
                                                    f"{{|\\vec b|}} {val_tex(scal)}",
                                                    f"\\text{{proj}}_{{\\vec b}}\\vec a = {tup(proj)}"],
            ops=[["indicate", 2]], rt=2)
    shots = [f"a = {tup(a)} and b = {tup(b)}.", "A perpendicular from the tip of a to the line of b.",
             f"The shadow has signed length a·b/|b| = {latex(scal)}; the projection vector is {tup(proj)}."]
    return figure_draft(fig, shots, {"scalar": scal, "vector": proj})


def cross(r: Reader) -> Draft:
    a, b = (sp.Matrix(list(v) + [0] * (3 - len(v))) for v in request_vectors(r, r.setting(
        "vectors", [[2, 0, 0], [1, 3, 0]]), dims=(2, 3)))
    c = a.cross(b)
    area = sp.sqrt(c.dot(c))
    k = 1.0 if area == 0 else float(min(1, 4 / area))
    fig = Figure(Frame([flat(p) for p in ((0, 0, 0), a, b, a + b, k * c, (0, 0, 1))], margin=0.9))
    for name, p in (("O", (0, 0, 0)), ("A", a), ("B", b), ("S", a + b), ("C", k * c)):
        fig.point(name, flat(p))
    fig.add(["arrow", "O", "A", "BLUE"], ["arrow", "O", "B", "YELLOW"],
            fig.label(flat(a), "\\vec a", flat(a), "BLUE", 32), fig.label(flat(b), "\\vec b", flat(b), "YELLOW", 32),
            show=[f"\\vec a = {tup(a)},\\ \\vec b = {tup(b)}"], rt=1.5)
    fig.add(["poly", ["O", "A", "S", "B"], "GREEN", 0.3, 2],
            show=[f"|\\vec a\\times\\vec b| = \\text{{area}} {val_tex(area)}"], rt=1.5)
    comps = [f"{latex(a[1])}\\cdot {latex(b[2])} - {latex(a[2])}\\cdot {latex(b[1])}",
             f"{latex(a[2])}\\cdot {latex(b[0])} - {latex(a[0])}\\cdot {latex(b[2])}",
             f"{latex(a[0])}\\cdot {latex(b[1])} - {latex(a[1])}\\cdot {latex(b[0])}"]
    fig.add(["arrow", "O", "C", "RED"], fig.label(flat(k * c), "\\vec a\\times\\vec b", (1, 0.3), "RED", 32),
            show=[f"c_3 = a_1 b_2 - a_2 b_1 = {comps[2]} = {latex(c[2])}",
                  f"\\vec a\\times\\vec b = {tup(c)}"], rt=2)
    fig.add(show=[("text", "perpendicular to both (right-hand rule)", "RED")], ops=[["indicate", 3]], rt=1.5)
    shots = [f"a = {tup(a)} and b = {tup(b)} span a parallelogram.", f"Its area is |a × b| = {latex(area)}.",
             f"a × b = {tup(c)} stands perpendicular to both."]
    return figure_draft(fig, shots, {"cross": c, "area": area})


def bound(r: Reader) -> Draft:
    a, b = request_vectors(r, r.setting("vectors", [[1, 2], [3, 1]]))
    dot, na2, nb2 = a.dot(b), a.dot(a), b.dot(b)
    det = a[0] * b[1] - a[1] * b[0]
    fig = vector_plane([a, b, a + b])
    fig.point("O", (0, 0))
    fig.point("S", (float(a[0] + b[0]), float(a[1] + b[1])))
    fig.add(*grid(fig, ticks=False), rt=1)
    fig.add(*arrow(fig, "A", a, ("BLUE", "\\vec a"), away=tuple(b)), *arrow(fig, "B", b, ("YELLOW", "\\vec b"),
                                                                          away=tuple(a)),
            show=["(\\vec a\\cdot\\vec b)^2 \\le |\\vec a|^2|\\vec b|^2"], rt=1.5)
    fig.add(show=[f"(\\vec a\\cdot\\vec b)^2 = {latex(dot)}^2 = {latex(dot**2)}",
                  f"|\\vec a|^2|\\vec b|^2 = {latex(na2)}\\cdot {latex(nb2)} = {latex(na2 * nb2)}"], rt=2)
    fig.add(["poly", ["O", "A", "S", "B"], "GREEN", 0.3, 2],
            show=[f"\\text{{gap}} = (a_1 b_2 - a_2 b_1)^2 = {latex(det)}^2 = {latex(det**2)}"], rt=1.8)
    fig.add(show=[("text", "the gap is the squared area: zero only for parallel vectors", "GREEN")],
            ops=[["indicate", 3]], rt=1.5)
    shots = [f"a = {tup(a)}, b = {tup(b)}.", f"(a·b)² = {latex(dot**2)} ≤ |a|²|b|² = {latex(na2 * nb2)}.",
             f"The gap {latex(det**2)} is the squared area of the parallelogram (Lagrange's identity)."]
    return figure_draft(fig, shots, {"dot2": dot**2, "product": na2 * nb2, "gap": det**2})


def space(vs) -> Figure:
    """An oblique view of space with its x, y and z axes (long enough for the tips of `vs`) and the origin O."""
    ends = [tuple((max(0.0, *(float(v[i]) for v in vs)) + 1.2) * (k == i) for k in range(3)) for i in range(3)]
    fig = Figure(Frame([flat(p) for p in ((0, 0, 0), *vs, *ends)], margin=0.8))
    fig.point("O", flat((0, 0, 0)))
    axes = [["arrow", "O", fig.at(flat(e)), "GREY_B", 2] for e in ends]
    names = [fig.label(flat(e), n, flat(e), "GREY_B", 30, 0.3) for n, e in zip("xyz", ends, strict=True)]
    fig.add(*axes, *names, rt=1)
    return fig


def factor(c) -> str:
    """A component as a factor in a product: negatives in brackets."""
    return f"({latex(c)})" if c < 0 else latex(c)


def dot_3d(a, b) -> Draft:
    """The dot product of two vectors in space: component by component, then the lengths and the angle."""
    dot, na, nb = a.dot(b), sp.sqrt(a.dot(a)), sp.sqrt(b.dot(b))
    cos = sp.radsimp(dot / (na * nb))
    th = sp.acos(cos)
    deg = sp.nsimplify(th * 180 / sp.pi)
    fig = space([a, b])
    fig.point("A", flat(a))
    fig.point("B", flat(b))
    fig.add(["arrow", "O", "A", "BLUE"], ["arrow", "O", "B", "YELLOW"],
            fig.label(flat(a), "\\vec a", flat(a), "BLUE", 32), fig.label(flat(b), "\\vec b", flat(b), "YELLOW", 32),
            show=[f"\\vec a = {tup(a)},\\ \\vec b = {tup(b)}"], rt=1.5)
    terms = " + ".join(f"{factor(x)}\\cdot {factor(y)}" for x, y in zip(a, b, strict=True))
    fig.add(show=[f"\\vec a\\cdot\\vec b = {terms} = {latex(dot)}"], ops=[["indicate", 1]], rt=1.8)
    fig.add(show=[f"|\\vec a| = {latex(na)},\\ |\\vec b| = {latex(nb)}"], rt=1.2)
    shown = f"= {latex(deg)}^\\circ" if deg.is_Rational else f"\\approx {num(deg)}^\\circ"
    fig.add(show=[f"\\cos\\theta = \\frac{{\\vec a\\cdot\\vec b}}{{|\\vec a||\\vec b|}} {val_tex(cos)}",
                  f"\\theta {shown}"], ops=[["indicate", 3]], rt=1.5)
    shots = [f"a = {tup(a)} and b = {tup(b)} from the origin, in space.",
             f"a·b = {' + '.join(f'{factor(x)}·{factor(y)}' for x, y in zip(a, b, strict=True))} = {latex(dot)}: "
             "the products of matching components, added.",
             f"|a| = {latex(na)}, |b| = {latex(nb)}, cos θ = {latex(cos)}, θ ≈ {num(deg)}°."]
    return figure_draft(fig, shots, {"dot": dot, "cos": cos, "theta_deg": deg if deg.is_Rational else sp.N(deg, 6)})


def add_3d(a, b) -> Draft:
    """Vector addition in space: b drawn from the tip of a, the sum from the origin, added component by component."""
    total = a + b
    fig = space([a, b, total])
    for name, p in (("A", a), ("B", b), ("S", total)):
        fig.point(name, flat(p))
    fig.add(["arrow", "O", "A", "BLUE"], fig.label(flat(a), "\\vec a", flat(a), "BLUE", 32),
            show=[f"\\vec a = {tup(a)}"], rt=1.2)
    fig.add(["arrow", "A", "S", "YELLOW"], fig.label(flat(a + b / 2), "\\vec b", flat(b), "YELLOW", 32),
            show=[f"\\vec b = {tup(b)}\\ \\text{{(from the tip of }}\\vec a)"], rt=1.5)
    sums = ", ".join(f"{latex(x)} + {factor(y)}" for x, y in zip(a, b, strict=True))
    fig.add(["arrow", "O", "S", "GREEN"], fig.label(flat(total), "\\vec a + \\vec b", flat(total), "GREEN", 32),
            show=[f"\\vec a + \\vec b = ({sums}) = {tup(total)}"], ops=[["indicate", 2]], rt=2)
    norm = sp.sqrt(total.dot(total))
    fig.add(show=[f"|\\vec a + \\vec b| {val_tex(norm)}"], rt=1.2)
    shots = [f"a = {tup(a)} from the origin, in space.", f"b = {tup(b)} drawn from the tip of a.",
             f"a + b = {tup(total)} closes the triangle: components add."]
    return figure_draft(fig, shots, {"sum": tuple(total), "norm": norm})


def given_3d(r: Reader) -> list | None:
    """The request's first two vectors when both have three components (and are not zero), else None."""
    got = r.ask.params.vectors[:2]
    if len(got) < 2 or any(len(v) != 3 for v in got):
        return None
    vs = [sp.Matrix([exact(c) for c in v]) for v in got]
    return vs if all(any(c != 0 for c in v) for v in vs) else None


OPERATIONS = {"length": length, "angle": angle, "dot": angle, "projection": projection, "cross": cross}
IN_SPACE = {"dot": dot_3d, "angle": dot_3d, "add": add_3d}  # what three components change


def vectors(r: Reader) -> Draft:
    op = r.setting("operation")
    three = given_3d(r) if op in IN_SPACE else None
    if three is not None:
        return IN_SPACE[op](*three)
    if op == "dot" and r.setting("show") == "bound":
        return bound(r)
    return pick(OPERATIONS, op)(r)
