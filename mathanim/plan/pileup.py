"""Texts made in a loop that pile up: a status line written every iteration on top of the last one.

A scene that makes `info = Text(...)` in a for/while loop of construct() and shows it each time without taking
the previous one away stacks those texts in one place: the layout probe sees texts of the same source line
overlapping each other. Their planned region is one line's, so the re-layout gives each new text the region by
taking the last one out: `plan_swap(self, "info", info)` before the statement that shows it fades the previous
iteration's text out. This module finds those variables and writes that line; relayout.py calls it.
"""

from __future__ import annotations

import ast

from .. import layout
from .elements import intersect

TEXT_MAKERS = {"Text", "MathTex", "Tex", "MarkupText"}
SHOWS = {"play", "add", "add_fixed_in_frame_mobjects"}
SWAP_HELPER = '''
PLAN_SHOWN = {}


def plan_swap(scene, name, mob):
    """Fade out what `name` showed in the loop's last iteration (a loop's text replaces, never piles up)."""
    old = PLAN_SHOWN.get(name)
    if old is not None and old is not mob and old in scene.mobjects:
        scene.play(FadeOut(old), run_time=0.3)
    PLAN_SHOWN[name] = mob
'''


def piled_lines(run: layout.ProbeRun) -> set[int]:
    """Source lines whose texts overlap each other in an end-of-animation snapshot."""
    out: set[int] = set()
    for snap in run.snapshots:
        if snap.get("mid") or snap.get("probe_error"):
            continue
        by_line: dict[int, list] = {}
        for t in snap.get("texts", []):
            line = run.units.get(str(t["u"]), {}).get("line")
            if line:
                by_line.setdefault(line, []).append(t["box"])
        out |= {line for line, boxes in by_line.items()
                if any(intersect(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])}
    return out


def swaps(body: list[ast.stmt], lines: set[int]) -> dict[str, ast.stmt]:
    """Variable → the statement that shows it, for each plain text assignment directly in a loop of `body`
    (construct's) whose source line is in `lines` and that a later statement of the same loop shows."""
    out: dict[str, ast.stmt] = {}
    for loop in (n for s in body for n in ast.walk(s) if isinstance(n, (ast.For, ast.While))):
        for i, stmt in enumerate(loop.body):
            var = text_variable(stmt)
            if var and any(ln in lines for ln in range(stmt.lineno, (stmt.end_lineno or stmt.lineno) + 1)):
                show = next((s for s in loop.body[i + 1:] if shows(s, var)), None)
                if show is not None:
                    out[var] = show
    return out


def text_variable(stmt: ast.stmt) -> str | None:
    """The variable of `name = Maker(...)…` with exactly one text maker in it, else None."""
    if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)):
        return None
    makers = [c for c in ast.walk(stmt.value) if isinstance(c, ast.Call) and getattr(c.func, "id", "") in TEXT_MAKERS]
    return stmt.targets[0].id if len(makers) == 1 else None


def shows(stmt: ast.stmt, var: str) -> bool:
    """Whether `stmt` calls self.play/self.add/… with `var` somewhere in its arguments."""
    for node in ast.walk(stmt):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SHOWS:
            if any(isinstance(n, ast.Name) and n.id == var for a in node.args for n in ast.walk(a)):
                return True
    return False


def swap_line(var: str, show: ast.stmt) -> tuple[int, str]:
    """(line to insert before, the line): the plan_swap call at the show statement's indentation."""
    return show.lineno, f"{' ' * show.col_offset}plan_swap(self, {var!r}, {var})  # layout plan: replaces the last\n"
