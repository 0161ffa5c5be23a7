"""Requests across many parameter values, for the embedding's data: the same family or catalogue entry with
other functions, matrices, vectors, numbers and ranges, so the frames differ where the code differs.

The finetune pools (`finetune/synthetic.py`) hold a handful of values each; here every value is drawn from a
wide seeded range (small integer coefficients, so formulas stay readable and sympy stays fast).
"""

from __future__ import annotations

import random
from dataclasses import replace

import sympy as sp

from ..offline.base import Params

X = sp.Symbol("x")
NUMBER_POOL = [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20]


def random_expr(rng: random.Random) -> sp.Expr:
    """A readable function of x: a low polynomial, a scaled sine/cosine/exponential, a rational or log."""
    a, b, c = rng.choice([1, 2, 3, -1, -2]), rng.choice([1, 2, 3]), rng.randint(-3, 3)
    kinds = [a * X**2 + c * X + rng.randint(-2, 2), a * X**3 + c * X, a * sp.sin(b * X) + c,
             a * sp.cos(b * X), sp.exp(sp.Rational(b, rng.choice([1, 2, 3])) * X) + c, a / (b + X**2),
             sp.log(X + b) * a, X * sp.exp(-X / b), a * X**2 - b]
    return sp.expand(rng.choice(kinds)) if rng.random() < 0.5 else rng.choice(kinds)


def random_matrix(rng: random.Random) -> list[list[float]]:
    """A 2x2 integer matrix with a non-zero determinant."""
    while True:
        m = [[rng.randint(-3, 3) for _ in range(2)] for _ in range(2)]
        if m[0][0] * m[1][1] - m[0][1] * m[1][0] != 0:
            return m


def random_vectors(rng: random.Random) -> list[list[float]]:
    """Two distinct non-zero integer 2D vectors."""
    out: list[list[float]] = []
    while len(out) < 2:
        v = [rng.randint(-3, 3), rng.randint(-3, 3)]
        if v != [0, 0] and v not in out:
            out.append(v)
    return out


def random_numbers(rng: random.Random) -> dict[str, float]:
    """Named numbers families read (n, p, k, a)."""
    n = rng.randint(4, 30)
    return {"n": n, "p": round(rng.choice(range(1, 10)) / 10, 1), "k": rng.randint(1, max(1, n // 2)),
            "a": rng.choice([0.5, 1.0, 1.5, 2.0, 2.5, 3.0])}


def random_bounds(rng: random.Random) -> tuple[float, float]:
    """An interval [a, b] with a in -2..1 and a width of 1 to 4."""
    a = float(rng.randint(-2, 1))
    return a, a + rng.randint(1, 4)


def widen(params: Params, rng: random.Random) -> Params:
    """`params` with every value redrawn from the wide ranges; the request's text names the new formula
    where it named the old one."""
    expr = random_expr(rng)
    text = str(expr).replace("**", "^")
    concept = params.concept.replace(params.expr_text, text) if params.expr_text else params.concept
    return replace(params, concept=concept, expr=expr, expr_text=text, matrix=random_matrix(rng),
                   vectors=random_vectors(rng), numbers=random_numbers(rng), bounds=random_bounds(rng),
                   point=float(rng.choice([-1, 0.5, 1, 1.5, 2, 3])))


def entry_params(name: str, language: str, rng: random.Random) -> Params:
    """A catalogue request with its own numbers and wide values ("<name> 4, 9, 15")."""
    nums = rng.sample(NUMBER_POOL, 3)
    base = Params(concept=f"{name} {nums[0]}, {nums[1]}, {nums[2]}", language=language)
    wide = widen(base, rng)
    return replace(wide, numbers={**wide.numbers, "n": nums[0], "k": nums[1]})
