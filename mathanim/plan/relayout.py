"""Re-layout of a scene that was already written (a model's): probe it, plan, move its texts into the plan.

The probe says which texts and graphs are on screen together at the end of every animation, with their boxes
and the source line that made each text. A text made by a plain `name = Text(...)`/`MathTex(...)` statement of
construct() (one text per statement) can be moved; everything else (graphs, labels made by an axes, texts made
in a loop or an updater) stays where it is and is an obstacle. The solver places the movable texts: a text that
is inside the frame and clear of the others keeps its place; one that is not goes where the prior predicts.
Each moved text gets `plan_place(name, box)` before the first statement that shows it. A text made in a loop
that piles up on its last iteration's text gets `plan_swap` (pileup.py). The scene still runs only in the
sandbox; this module edits its source text.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from .. import layout, render
from ..job import Job
from . import data, pileup
from .elements import FRAME, GAP, MARGIN, Element, Plan, area, inside, intersect, iou
from .emit import PLACE_HELPER
from .pileup import TEXT_MAKERS
from .prior import Prior, load
from .solver import Problem, solve


@dataclass
class Relayout:
    """The re-laid code (the original when nothing moved or the probe failed) and what was done."""

    code: str
    plan: Plan | None = None
    moved: list[str] = field(default_factory=list)  # the variables given a planned box
    note: str = ""


@dataclass
class _Seen:
    """What the probe saw, as planner elements: which move (key → variable), pinned boxes, co-visible pairs."""

    elements: dict[str, Element] = field(default_factory=dict)
    boxes: dict[str, tuple] = field(default_factory=dict)
    movable: dict[str, str] = field(default_factory=dict)
    pairs: set = field(default_factory=set)


def relayout(code: str, job: Job, prior: Prior | None = None) -> Relayout:
    """Probe `code`, plan its texts' boxes, and return the code with the texts that must move placed."""
    name, err = render.prepare(code, job.scene)
    if err:
        return Relayout(code, note=f"not checked: {err.message}")
    run = layout.run_probe(code, job.with_(scene=name), bodies=True)
    if not run.ok:
        return Relayout(code, note=f"probe failed: {run.error.message if run.error else 'no result'}")
    tree = ast.parse(code)
    swapped = pileup.swaps(_construct_body(tree, name), pileup.piled_lines(run))
    seen = _elements(run, _text_variables(tree, name))
    plan, moves = _planned_moves(seen, job, prior) if seen.movable else (None, {})
    if not moves and not swapped:
        return Relayout(code, plan, note="every text already clear and inside the frame" if seen.movable
                        else "no text made by a plain assignment: nothing to move")
    return Relayout(_rewrite(code, tree, name, moves, swapped), plan, sorted({*moves, *swapped}))


def _planned_moves(seen: _Seen, job: Job, prior: Prior | None) -> tuple[Plan, dict[str, tuple]]:
    """The plan of what the probe saw, and the movable texts whose planned box differs from where they are."""
    problem = Problem(list(seen.elements.values()), _anchors(seen, prior or load()), job.quality, seen.pairs,
                      {k: b for k, b in seen.boxes.items() if k not in seen.movable})
    plan = solve(problem)
    return plan, {seen.movable[k]: p.box for k, p in plan.placed.items()
                  if k in seen.movable and iou(p.box, seen.boxes[k]) < 0.97}


def _text_variables(tree: ast.Module, scene: str) -> dict[int, str]:
    """Source line → variable for each `name = TextMaker(...)…` statement directly in the scene's construct()."""
    out: dict[int, str] = {}
    for stmt in _construct_body(tree, scene):
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            calls = [n for n in ast.walk(stmt.value) if isinstance(n, ast.Call)]
            makers = [c for c in calls if getattr(c.func, "id", "") in TEXT_MAKERS]
            if len(makers) == 1 and _root_call(stmt.value) is not None:
                for line in range(stmt.lineno, (stmt.end_lineno or stmt.lineno) + 1):
                    out[line] = stmt.targets[0].id
    return out


def _root_call(node: ast.AST):
    """The maker call at the root of `Maker(...)` or `Maker(...).scale(...).to_edge(...)`, else None."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        node = node.func.value
    return node if isinstance(node, ast.Call) and getattr(node.func, "id", "") in TEXT_MAKERS else None


def _construct_body(tree: ast.Module, scene: str) -> list[ast.stmt]:
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == scene:
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == "construct":
                    return item.body
    return []


def _elements(run: layout.ProbeRun, variables: dict[int, str]) -> _Seen:
    """Planner elements from the probe's end-of-animation snapshots."""
    seen, per_var = _Seen(), {}
    for unit in run.units.values():
        var = variables.get(unit.get("line") or -1)
        if var:
            per_var[var] = per_var.get(var, 0) + 1
    for si, snap in enumerate(s for s in run.snapshots if not s.get("mid") and not s.get("probe_error")):
        bodies = data.body_boxes(snap)
        keys = [_add(seen, Element(f"s{si}b{j}", "graph", "body"), b) for j, b in enumerate(bodies)]
        for t, role in data.text_roles(snap, run.units, bodies):
            unit = run.units.get(str(t["u"]), {})
            var = variables.get(unit.get("line") or -1)
            movable = var is not None and per_var.get(var) == 1 and role not in (None, "label")
            key = f"u{t['u']}" if movable else f"s{si}u{t['u']}"
            kind = "tex" if unit.get("cls") in data.TEX_CLASSES else "text"
            keys.append(_add(seen, Element(key, role or "label", kind, "", float(t.get("fs") or 0.0)), t["box"]))
            if movable:
                seen.movable[key] = var
        seen.pairs.update(frozenset((a, b)) for i, a in enumerate(keys) for b in keys[i + 1:])
    return seen


def _add(seen: _Seen, e: Element, box) -> str:
    """Record `e` at `box`, its size the box's; a text keeps the box it first showed with."""
    if e.key not in seen.elements:
        seen.elements[e.key] = e.with_size(max(box[2] - box[0], 1e-3), max(box[3] - box[1], 1e-3))
        seen.boxes[e.key] = tuple(box)
    return e.key


def _anchors(seen: _Seen, prior: Prior) -> dict[str, tuple[float, float]]:
    """A text that is inside the frame and clear of every co-visible box stays; the others go where the prior
    predicts from what stays."""
    safe = (FRAME[0] + MARGIN, FRAME[1] + MARGIN, FRAME[2] - MARGIN, FRAME[3] - MARGIN)
    fine = {k: b for k, b in seen.boxes.items() if k not in seen.movable or (
        inside(b, safe) and not any(frozenset((k, o)) in seen.pairs and _near(b, ob)
                                    for o, ob in seen.boxes.items() if o != k))}
    return prior.anchors(list(seen.elements.values()), fine)


def _near(a, b) -> bool:
    grown = (a[0] - GAP / 2, a[1] - GAP / 2, a[2] + GAP / 2, a[3] + GAP / 2)
    return area(intersect(grown, b)) > 0


def _rewrite(code: str, tree: ast.Module, scene: str, moves: dict[str, tuple], swapped: dict) -> str:
    """`plan_place(var, box)` before the first statement of construct() after var's assignment that shows var;
    `plan_swap` before the loop statement that shows a piled-up text (pileup.py)."""
    lines = code.splitlines(keepends=True)
    inserts: dict[int, list[str]] = {}
    for var, show in swapped.items():
        at, line = pileup.swap_line(var, show)
        inserts.setdefault(at, []).append(line)
    body = _construct_body(tree, scene)
    for var, box in moves.items():
        assigned = next(i for i, s in enumerate(body) if isinstance(s, ast.Assign)
                        and getattr(s.targets[0], "id", None) == var)
        show = next((s for s in body[assigned + 1:] if pileup.shows(s, var)), None)
        at = show.lineno if show is not None else (body[assigned].end_lineno or body[assigned].lineno) + 1
        indent = " " * body[assigned].col_offset
        literal = "(" + ", ".join(f"{v:.3f}" for v in box) + ")"
        inserts.setdefault(at, []).append(f"{indent}plan_place({var}, {literal})  # layout plan\n")
    for at in sorted(inserts, reverse=True):
        lines[at - 1:at - 1] = inserts[at]
    last_import = max((n.end_lineno or n.lineno for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))),
                      default=0)
    lines[last_import:last_import] = [PLACE_HELPER + (pileup.SWAP_HELPER if swapped else "")]
    return "".join(lines)
