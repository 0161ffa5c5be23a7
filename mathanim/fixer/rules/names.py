"""Rules for names: ManimGL imports and classes, renamed methods, colours and math functions manim lacks."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator

from ...guard import FORBIDDEN_NAMES
from ..core import Edits, Fixes, Source, rule, text_rule
from ..helpers import defined_names
from ..tables import AXIS_COLORS, BARE_MATH, COLORS, EASE_FUNCTION, GL_IMPORT, METHOD_RENAMES, RENAMES


def _free_names(tree: ast.Module) -> Iterator[ast.Name]:
    """The names the code reads without binding them itself (so manim's meaning is the one meant)."""
    defined = defined_names(tree)
    return (n for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
            and n.id not in defined)


@text_rule
def gl_import(code: str, fixes: Fixes) -> str:
    """The model imported ManimGL (`from manimlib import *`): CE's `from manim import *` instead."""
    first = GL_IMPORT.search(code)
    if not first:
        return code
    line = code[:first.start()].count("\n") + 1
    code = GL_IMPORT.sub("from manim import *", code, count=1)
    code = GL_IMPORT.sub("", code)  # any further GL import lines go
    fixes.add("replaced the ManimGL import with 'from manim import *'", line)
    return code


@text_rule
def missing_import(code: str, fixes: Fixes) -> str:
    """The model forgot `from manim import *`: added at the top (after any `from __future__` line)."""
    if re.search(r"^\s*(from\s+manim\s+import\s+\*|import\s+manim\b)", code, re.M):
        return code
    m = re.search(r"^from\s+__future__\s+import[^\n]*\n", code, re.M)
    at = m.end() if m else 0
    code = code[:at] + "from manim import *\n" + ("" if code[at:].startswith("\n") else "\n") + code[at:]
    fixes.add("added the missing 'from manim import *'")
    return code


def _replace_free_names(tree: ast.Module, edits: Edits, replace: Callable[[str], tuple[str, str] | None]) -> None:
    """Each free name for which `replace(name)` gives (new source text, message) is replaced."""
    for node in _free_names(tree):
        if (new := replace(node.id)) is not None:
            edits.replace(node, new[0])
            edits.add(new[1], node.lineno)


@rule
def gl_renames(tree: ast.Module, src: Source, edits: Edits) -> None:
    """ManimGL or older CE class names (ShowCreation, TexMobject, ParametricSurface...): their CE 0.22 names."""
    def rename(name: str) -> tuple[str, str] | None:
        new = RENAMES.get(name, name)
        return (new, f"renamed {name} to {new} (ManimGL/older name)") if new != name else None

    _replace_free_names(tree, edits, rename)


@rule
def method_renames(tree: ast.Module, src: Source, edits: Edits) -> None:
    """ManimGL or older CE method names (get_graph, scale_in_place...): their CE 0.22 names."""
    defined = defined_names(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in METHOD_RENAMES and node.attr not in defined:
            _, e = src.span(node)
            new = METHOD_RENAMES[node.attr]
            edits.replace((e - len(node.attr), e), new)
            edits.add(f"renamed .{node.attr}() to .{new}() (older/ManimGL API)", node.lineno)


@rule
def unknown_colors(tree: ast.Module, src: Source, edits: Edits) -> None:
    """Colour constants manim does not define (BROWN, CYAN, MAGENTA...): the same colour as a hex ManimColor;
    the axis colours X_COLOR, Y_COLOR, Z_COLOR, which manim defines but does not export: their values."""
    def replace(name: str) -> tuple[str, str] | None:
        if name in AXIS_COLORS:
            return AXIS_COLORS[name], (f"{name} is not exported by `from manim import *`: used its value in "
                                       f"manim, {AXIS_COLORS[name]}")
        if name in COLORS:
            return f'ManimColor("{COLORS[name]}")', f"manim has no colour {name}: used the hex colour {COLORS[name]}"
        return None

    _replace_free_names(tree, edits, replace)


@rule
def bare_math(tree: ast.Module, src: Source, edits: Edits) -> None:
    """Math functions called bare as if from `math` (sin(x), sqrt(2)), which manim does not export: np.sin..."""
    _replace_free_names(tree, edits, lambda name: (
        f"np.{name}", f"bare {name}() is not defined: used np.{name}") if name in BARE_MATH else None)


@rule
def bare_pi(tree: ast.Module, src: Source, edits: Edits) -> None:
    """A bare lower-case `pi`, which manim does not export: manim's PI."""
    _replace_free_names(tree, edits, lambda name: ("PI", "bare pi is not defined: used PI") if name == "pi" else None)


@rule
def get_norm(tree: ast.Module, src: Source, edits: Edits) -> None:
    """ManimGL's get_norm(v), which CE lacks: np.linalg.norm(v)."""
    _replace_free_names(tree, edits, lambda name: (
        "np.linalg.norm", "ManimGL get_norm() is np.linalg.norm() in CE") if name == "get_norm" else None)


@rule
def ease_rate_functions(tree: ast.Module, src: Source, edits: Edits) -> None:
    """Easing rate functions used bare (ease_in_out_sine), which CE keeps in rate_functions only."""
    _replace_free_names(tree, edits, lambda name: (
        f"rate_functions.{name}", f"{name} is only in manim's rate_functions module: used rate_functions.{name}",
    ) if EASE_FUNCTION.fullmatch(name) else None)


@rule
def reserved_names(tree: ast.Module, src: Source, edits: Edits) -> None:
    """A variable the scene names `code` (or another name the security check reserves for modules): renamed."""
    assigned = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    assigned |= {n.arg for n in ast.walk(tree) if isinstance(n, ast.arg)}
    for node in ast.walk(tree):
        name = node.id if isinstance(node, ast.Name) else node.arg if isinstance(node, ast.arg) else None
        if name in assigned & FORBIDDEN_NAMES:
            s, _ = src.span(node)
            edits.replace((s, s + len(name)), name + "_mob")
            edits.add(f"renamed the variable {name} to {name}_mob ({name} is reserved by the security check)",
                      node.lineno)
