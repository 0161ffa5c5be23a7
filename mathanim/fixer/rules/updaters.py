"""Rules for updaters: a scene's updater is called with dt alone, a mobject's with the mobject (and dt)."""

from __future__ import annotations

import ast

from ..core import Edits, Source, rule
from ..helpers import is_self_call


def _mobject_style_functions(tree: ast.Module) -> dict[str, ast.FunctionDef]:
    """Functions `f(mob, dt)` whose first parameter the body never reads: written for a mobject, usable by a scene."""
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and len(node.args.args) == 2 and not node.args.vararg \
                and not node.args.defaults and not node.decorator_list:
            first = node.args.args[0].arg
            if first != "self" and not any(isinstance(n, ast.Name) and n.id == first for n in ast.walk(node)):
                out[node.name] = node
    return out


@rule
def scene_updater_signature(tree: ast.Module, src: Source, edits: Edits) -> None:
    """`self.add_updater(f)` on a Scene with `def f(mob, dt)` (a mobject updater's signature, `mob` unused): the
    scene calls its updaters with dt alone, so f is called as `f(None, dt)`."""
    functions = _mobject_style_functions(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and is_self_call(node, {"add_updater"}) and len(node.args) == 1 \
                and isinstance(node.args[0], ast.Name) and node.args[0].id in functions:
            name = node.args[0].id
            edits.replace(node.args[0], f"lambda dt: {name}(None, dt)")
            edits.add(f"a scene calls its updaters with dt alone: {name}(mob, dt) is called as {name}(None, dt)",
                      node.lineno)
