"""Linear systems: two equations as two lines meeting at the solution (with Cramer's determinants), and Gaussian
elimination on the augmented matrix, each row operation named, then back substitution. A request's augmented
matrix ([[2, 1, 5], [1, -1, 1]]) replaces the entry's system."""

from __future__ import annotations

import sympy as sp

from ...common import latex
from ..geometry.kit import Draft, Figure, Frame, Reader, exact, figure_draft, grid, line_through

x, y = sp.symbols("x y")
NAMES = ["x", "y", "z", "w"]

TABLEAU_LOGIC = '''
mat = MathTex(STEPS[0][1], font_size=46).move_to([-2.2, 0.6, 0])
fit(mat, 8.0, 4.0)
head = fit(Text(HEAD, font_size=28, color=GREY_B), 8.5).next_to(mat, UP, buff=0.6)
self.play(FadeIn(head), Write(mat), run_time=rt(1.5))
log = VGroup()
for op, m in STEPS[1:]:
    label = MathTex(op, font_size=38, color=YELLOW).next_to(mat, UP, buff=0.25)
    new = fit(MathTex(m, font_size=46), 8.0, 4.0).move_to(mat)
    self.play(FadeOut(head), Write(label), run_time=rt(0.8))
    self.play(ReplacementTransform(mat, new), run_time=rt(1.2))
    entry = MathTex(op, font_size=32, color=YELLOW)
    log.add(entry)
    log.arrange(DOWN, aligned_edge=LEFT, buff=0.2).move_to([4.6, 2.6 - log.height / 2, 0])
    self.play(ReplacementTransform(label, entry), run_time=rt(0.6))
    mat, head = new, VGroup()
sol = VGroup(*[MathTex(s, font_size=38) for s in SOLUTION]).arrange(DOWN, aligned_edge=LEFT, buff=0.22)
sol.next_to(mat, DOWN, buff=0.5)
for s in sol:
    self.play(Write(s), run_time=rt(1.0))
box = SurroundingRectangle(sol[-1], color=YELLOW, buff=0.12)
self.play(Create(box), run_time=rt(0.8))
self.wait(rt(1.5))
'''


def request_system(r: Reader, n: int | None = None) -> tuple[sp.Matrix, sp.Matrix]:
    """The coefficient matrix and right-hand side: the request's augmented matrix (or matrix and vector) when
    usable (n equations in n unknowns, n = 2..4), else the entry's."""
    p = r.ask.params
    try:
        if p.matrix and len(p.matrix[0]) == len(p.matrix) + 1:
            m = sp.Matrix([[exact(v) for v in row] for row in p.matrix])
            a, b = m[:, :-1], m[:, -1]
        elif p.matrix and p.vectors and len(p.vectors[0]) == len(p.matrix):
            a, b = sp.Matrix([[exact(v) for v in row] for row in p.matrix]), sp.Matrix([exact(v) for v in p.vectors[0]])
        else:
            raise ValueError("no system in the request")
        if a.is_square and (n is None or a.rows == n) and 2 <= a.rows <= 4:
            return a, b
    except (ValueError, TypeError, sp.ShapeError):
        pass
    if p.matrix:
        r.notes.append("The system given does not fit this scene: using the entry's.")
    return (sp.Matrix([[exact(v) for v in row] for row in r.setting("matrix")]),
            sp.Matrix([exact(v) for v in r.setting("rhs")]))


def vm(rows) -> str:
    return "\\begin{vmatrix}" + "\\\\".join(" & ".join(latex(v) for v in row) for row in rows) + "\\end{vmatrix}"


def _line(a, b, c):
    """A point on ax + by = c and its direction."""
    p = (0, c / b) if b != 0 else (c / a, 0)
    return tuple(float(v) for v in p), (-float(b), float(a))


def two_lines(r: Reader) -> Draft:
    A, rhs = request_system(r, 2)
    (a1, b1), (a2, b2), (c1, c2) = A.row(0), A.row(1), rhs
    D, Dx, Dy = A.det(), c1 * b2 - c2 * b1, a1 * c2 - a2 * c1
    sol = (Dx / D, Dy / D) if D != 0 else None
    pts = [(0, 0)] + ([tuple(float(v) for v in sol)] if sol else [])
    pts += [_line(a, b, c)[0] for a, b, c in ((a1, b1, c1), (a2, b2, c2))]
    fig = Figure(Frame([(min(p[0] for p in pts) - 2, min(p[1] for p in pts) - 2),
                        (max(p[0] for p in pts) + 2, max(p[1] for p in pts) + 2)], margin=0.3))
    eqs = [f"{latex(a * x + b * y)} = {latex(c)}" for a, b, c in ((a1, b1, c1), (a2, b2, c2))]
    fig.add(*grid(fig), rt=1)
    for (a, b, c), eq, color in zip(((a1, b1, c1), (a2, b2, c2)), eqs, ("BLUE", "ORANGE"), strict=True):
        p, d = _line(a, b, c)
        fig.add(line_through(fig, p, d, color, 4), show=[("tex", eq, color)], rt=1.2)
    cramer = r.setting("show") == "replaced_columns"
    lines = ([f"D = {vm([[a1, b1], [a2, b2]])} = {latex(D)}", f"D_x = {vm([[c1, b1], [c2, b2]])} = {latex(Dx)}",
              f"D_y = {vm([[a1, c1], [a2, c2]])} = {latex(Dy)}"] if cramer else
             [f"a_1 b_2 - a_2 b_1 = {latex(D)}", f"x = \\frac{{c_1 b_2 - c_2 b_1}}{{a_1 b_2 - a_2 b_1}} = "
              f"\\frac{{{latex(Dx)}}}{{{latex(D)}}}" if D != 0 else "\\text{no unique solution}"])
    for line in lines:
        fig.add(show=[line], rt=1.3)
    if sol:
        fig.point("S", tuple(float(v) for v in sol))
        fig.add(["dot", "S", "YELLOW", 0.1], fig.label(sol, f"({latex(sol[0])}, {latex(sol[1])})", (1, 1), "YELLOW", 32),
                show=[f"x = \\frac{{D_x}}{{D}} = {latex(sol[0])},\\ y = \\frac{{D_y}}{{D}} = {latex(sol[1])}"],
                ops=[["indicate", len(lines) + 2]], rt=1.8)
    shots = [f"The two equations {eqs[0]} and {eqs[1]} as two lines.",
             f"The determinants: D = {latex(D)}, Dₓ = {latex(Dx)}, D_y = {latex(Dy)}.",
             f"They meet at ({latex(sol[0])}, {latex(sol[1])}): the solution." if sol else
             "D = 0: the lines are parallel (or the same), no unique solution."]
    return figure_draft(fig, shots, {"x": sol[0] if sol else sp.nan, "y": sol[1] if sol else sp.nan, "D": D})


def augmented(m: sp.Matrix) -> str:
    n = m.cols - 1
    rows = " \\\\ ".join(" & ".join(latex(v) for v in m.row(i)) for i in range(m.rows))
    return f"\\left[\\begin{{array}}{{{'r' * n}|r}} {rows} \\end{{array}}\\right]"


def eliminate(m: sp.Matrix) -> tuple[sp.Matrix, list[list[str]]]:
    """Forward elimination with row swaps; every step as [operation, matrix] in LaTeX."""
    m = m.copy()
    steps = [["", augmented(m)]]
    n = m.rows
    for c in range(n):
        p = next((i for i in range(c, n) if m[i, c] != 0), None)
        if p is None:
            continue
        if p != c:
            m.row_swap(p, c)
            steps.append([f"R_{c + 1} \\leftrightarrow R_{p + 1}", augmented(m)])
        for i in range(c + 1, n):
            k = m[i, c] / m[c, c]
            if k != 0:
                m[i, :] = m[i, :] - k * m[c, :]
                sign, kk = ("-", k) if k > 0 else ("+", -k)
                steps.append([f"R_{i + 1} \\leftarrow R_{i + 1} {sign} {latex(kk) if kk != 1 else ''}R_{c + 1}",
                              augmented(m)])
    return m, steps


def back_substitution(m: sp.Matrix) -> list[str]:
    """x_n first, then upwards, each with its value (or why there is no unique solution)."""
    n = m.rows
    if any(m[i, i] == 0 for i in range(n)):
        return ["\\text{a zero pivot: no unique solution}"]
    vals: dict[int, sp.Expr] = {}
    lines = []
    for i in reversed(range(n)):
        rest = sum(m[i, j] * vals[j] for j in range(i + 1, n))
        vals[i] = (m[i, n] - rest) / m[i, i]
        lines.append(f"{NAMES[i] if n <= 4 else f'x_{i + 1}'} = {latex(vals[i])}")
    return lines + [", ".join(f"{NAMES[i]} = {latex(vals[i])}" for i in range(n))]


def row_reduction(r: Reader) -> Draft:
    A, rhs = request_system(r)
    m, steps = eliminate(sp.Matrix.hstack(A, rhs))
    sol = back_substitution(m)
    head = r.ask.say("augmented matrix [A | b]", "增广矩阵 [A | b]")
    consts = f"STEPS = {steps!r}\nSOLUTION = {sol[:-1][:3] + sol[-1:]!r}\nHEAD = {head!r}\n"
    shots = ["The augmented matrix [A | b].", *[f"Row operation {op}." for op, _ in steps[1:]],
             "Back substitution from the last row: " + sol[-1] + "."]
    values = {} if A.det() == 0 else {NAMES[i] if A.rows <= 4 else f"x{i}": v for i, v in enumerate(A.solve(rhs))}
    return Draft(consts + TABLEAU_LOGIC, shots, values, [augmented(m), *sol])


def system(r: Reader) -> Draft:
    A, _ = request_system(r)
    return two_lines(r) if A.rows == 2 else row_reduction(r)
