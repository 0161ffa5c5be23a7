"""Rules for the libraries scenes use besides manim: names numpy 2 removed (the installed numpy is 2.x)."""

from __future__ import annotations

import ast

from ..core import Edits, Source, rule
from ..helpers import defined_names

# numpy attribute -> what replaces `np.<attribute>` (the same thing under its current name)
NUMPY_REMOVED = {
    "float": "float", "int": "int", "object": "object", "complex": "complex", "str": "str",
    "infty": "np.inf", "Inf": "np.inf", "PINF": "np.inf", "NINF": "(-np.inf)", "NaN": "np.nan",
    "product": "np.prod", "cumproduct": "np.cumprod", "alltrue": "np.all", "sometrue": "np.any",
    "round_": "np.round", "float_": "np.float64", "complex_": "np.complex128", "trapz": "np.trapezoid",
    "in1d": "np.isin",
}


def _numpy_names(tree: ast.Module) -> set[str]:
    """The names that mean numpy here: `np` (manim's star import exports it) and the file's own numpy aliases."""
    names = {a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.Import)
             for a in n.names if a.name == "numpy"}
    return names | ({"np"} - defined_names(tree))


def _first_import(tree: ast.Module) -> ast.stmt | None:
    return next((n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))
                 and not (isinstance(n, ast.ImportFrom) and n.module == "__future__")), None)


@rule
def numpy_removed(tree: ast.Module, src: Source, edits: Edits) -> None:
    """Names numpy 2 removed: `np.math.factorial` (np.math was the math module) is math.factorial, np.float is
    float, np.infty is np.inf, np.product is np.prod, np.trapz is np.trapezoid, and so on."""
    numpy, uses_math = _numpy_names(tree), False
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in numpy):
            continue
        if node.attr == "math":
            edits.replace(node, "math")
            uses_math = True
        elif node.attr in NUMPY_REMOVED:
            edits.replace(node, NUMPY_REMOVED[node.attr].replace("np.", node.value.id + "."))
        else:
            continue
        edits.add(f"numpy 2 has no {node.value.id}.{node.attr}: used what it stood for", node.lineno)
    first = _first_import(tree)
    if uses_math and "math" not in defined_names(tree) and first is not None:
        at = src.offset(first.lineno, 0)
        edits.replace((at, at), "import math\n")
        edits.add("added `import math` (np.math was the math module)", first.lineno)
