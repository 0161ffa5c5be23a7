"""Rules for points: manim's points are 3D, models often write 2D ones."""

from __future__ import annotations

import ast

from ..core import Edits, Source, rule
from ..helpers import call_name, calls, defined_names
from ..tables import POINT_CLASSES, POINT_GETTERS, POINT_KWARGS, POINT_METHODS


def _point_args(node: ast.Call, defined: frozenset[str]) -> list[ast.AST]:
    """The arguments of a call where manim expects points (calls of the scene's own functions excluded)."""
    name = call_name(node)
    out = []
    if isinstance(node.func, ast.Name) and name in defined:
        return out
    if name in POINT_METHODS and isinstance(node.func, ast.Attribute) or name in POINT_CLASSES:
        out += node.args
        if name == "set_points_as_corners" and node.args and isinstance(node.args[0], (ast.List, ast.Tuple)):
            out = out[1:] + node.args[0].elts  # a list of points: [a, b] is two points, not one 2D point
    if isinstance(node.func, ast.Name) or name in POINT_METHODS:
        out += [k.value for k in node.keywords if k.arg in POINT_KWARGS]
    return out


def _pad_point(arg: ast.AST, src: Source, edits: Edits) -> None:
    """A literal 2D point (x, y), [x, y] or np.array([x, y]) gets its z = 0."""
    target = arg
    if isinstance(arg, ast.Call) and call_name(arg) in ("array", "asarray") and len(arg.args) == 1:
        target = arg.args[0]
    if not isinstance(target, (ast.Tuple, ast.List)) or len(target.elts) != 2:
        return
    if any(isinstance(e, (ast.Starred, ast.Constant)) and not isinstance(getattr(e, "value", 0), (int, float))
           or isinstance(e, (ast.List, ast.Tuple)) or isinstance(e, ast.Call) and call_name(e) in POINT_GETTERS
           for e in target.elts):
        return  # not a 2D point: strings, nested points, or calls that return points
    _, e = src.span(target.elts[-1])
    edits.replace((e, e), ", 0")
    edits.add("manim points are 3D: added z = 0 to a 2D point", arg.lineno)


@rule
def points_2d(tree: ast.Module, src: Source, edits: Edits) -> None:
    """2D tuples/lists (and np.array([x, y])) written where manim wants a 3D point: a 0 z-coordinate added."""
    defined = defined_names(tree)
    for node in calls(tree):
        for arg in _point_args(node, defined):
            _pad_point(arg, src, edits)


def _assigned_pairs(node: ast.Assign) -> list[tuple[ast.Name, ast.AST]]:
    """(name, value) for `A = v` and `A, B = v1, v2`."""
    out = []
    for t in node.targets:
        if isinstance(t, ast.Name):
            out.append((t, node.value))
        elif isinstance(t, ast.Tuple) and isinstance(node.value, ast.Tuple) and len(t.elts) == len(node.value.elts):
            out += [(n, v) for n, v in zip(t.elts, node.value.elts, strict=True) if isinstance(n, ast.Name)]
    return out


def _unpacked_names(tree: ast.Module) -> set[str]:
    """Names unpacked as pairs somewhere (`x, y = xy`, `for a, b in pairs`): 2D on purpose."""
    pairs = [(n.targets[0], n.value) for n in ast.walk(tree) if isinstance(n, ast.Assign)]
    pairs += [(n.target, n.iter) for n in ast.walk(tree) if isinstance(n, ast.For)]
    return {value.id for target, value in pairs if isinstance(target, ast.Tuple) and isinstance(value, ast.Name)}


@rule
def point_variables(tree: ast.Module, src: Source, edits: Edits) -> None:
    """`A = (-2, 1)` later used as a point (Polygon(A, …), next_to(A)): the 0 z-coordinate added where A is defined."""
    defined = defined_names(tree)
    used = {a.id for node in calls(tree) for a in _point_args(node, defined) if isinstance(a, ast.Name)}
    wanted = used - _unpacked_names(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target, value in _assigned_pairs(node):
                if target.id in wanted:
                    _pad_point(value, src, edits)
