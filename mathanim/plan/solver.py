"""The exact part of a layout plan: kiwisolver (Cassowary) turns anchors from the prior into boxes.

Required constraints: every box inside the frame less MARGIN, no two co-visible boxes closer than GAP (one of
left-of / right-of / above / below, tried in the order the anchors suggest), every text at least the preset's
minimum readable size. Preferences (strong to weak): keep the measured size, sit on the prior's anchor, align
with the elements of the same region. Elements are added in role priority; one whose required constraints
cannot all hold is left out and named in `Plan.unplaced` (a clear outcome, never an overlap).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import kiwisolver as kiwi

from ..layout import EM_PER_FONT_SIZE, MIN_EM_PX
from ..presets import get_preset
from .elements import FRAME, GAP, MARGIN, PRIORITY, Box, Element, Placed, Plan, region_of

BODY_MIN_SCALE = 0.5  # a graph or diagram may shrink to half its asked size, no further
READ_SAFETY = 1.06  # keep a little above the checker's minimum em


class _Solver:
    """A kiwi solver that can take back a constraint that failed: after an UnsatisfiableConstraint kiwi's own
    tableau can be left inconsistent (seen: a later solution broke a required frame constraint), so the solver
    is rebuilt from the constraints it accepted."""

    def __init__(self):
        self.kiwi = kiwi.Solver()
        self.accepted: list = []

    def add(self, c) -> bool:
        try:
            self.kiwi.addConstraint(c)
        except kiwi.UnsatisfiableConstraint:
            self._rebuild(self.accepted)
            return False
        self.accepted.append(c)
        return True

    def remove(self, cs: list) -> None:
        gone = {id(c) for c in cs}
        self._rebuild([c for c in self.accepted if id(c) not in gone])

    def _rebuild(self, cs: list) -> None:
        self.kiwi, self.accepted = kiwi.Solver(), []
        for c in cs:
            self.kiwi.addConstraint(c)
            self.accepted.append(c)


@dataclass
class _Vars:
    """One element's solver variables: left, bottom, scale (width and height are the measured size times scale)."""

    e: Element
    left: kiwi.Variable = field(default_factory=kiwi.Variable)
    bottom: kiwi.Variable = field(default_factory=kiwi.Variable)
    scale: kiwi.Variable = field(default_factory=kiwi.Variable)

    @property
    def right(self):
        return self.left + self.scale * self.e.w

    @property
    def top(self):
        return self.bottom + self.scale * self.e.h

    @property
    def cx(self):
        return self.left + self.scale * (self.e.w / 2)

    @property
    def cy(self):
        return self.bottom + self.scale * (self.e.h / 2)


def min_scale(e: Element, preset: str = "low") -> float:
    """The least scale at which `e` stays readable at `preset` (the layout checker's MIN_EM_PX)."""
    if e.kind == "body" or e.font_size <= 0:
        return BODY_MIN_SCALE
    px = get_preset(preset).height / (FRAME[3] - FRAME[1])
    return min(1.0, READ_SAFETY * MIN_EM_PX / (e.font_size * EM_PER_FONT_SIZE * px))


@dataclass
class Problem:
    """What the solver is asked: elements with measured sizes, the prior's anchors, the preset whose minimum
    text size holds, which pairs are on screen together (None: all), and elements pinned where they are."""

    elements: list[Element]
    anchors: dict[str, tuple[float, float]]
    preset: str = "low"
    covisible: set[frozenset] | None = None
    fixed: dict[str, Box] = field(default_factory=dict)  # key → box: obstacles that do not move

    def together(self, a: str, b: str) -> bool:
        return self.covisible is None or frozenset((a, b)) in self.covisible


def solve(problem: Problem) -> Plan:
    """Boxes for the problem's elements near their anchors. Raises ValueError for an element without a size."""
    elements = problem.elements
    for e in elements:
        if e.w <= 0 or e.h <= 0:
            raise ValueError(f"element {e.key!r} has no size (w={e.w}, h={e.h}): measure it first")
    solver, placed, plan = _Solver(), [], Plan(list(elements))
    order = sorted(range(len(elements)), key=lambda i: (elements[i].key not in problem.fixed,
                                                        PRIORITY[elements[i].role], i))
    for i in order:
        v = _Vars(elements[i])
        if v.e.key in problem.fixed:
            _pin(solver, v, problem.fixed[v.e.key])
            placed.append(v)
            continue
        others = [p for p in placed if problem.together(v.e.key, p.e.key)]
        if _add_required(solver, v, others, problem.anchors, min_scale(v.e, problem.preset)):
            _add_preferences(solver, v, problem.anchors.get(v.e.key, (0.0, 0.0)), placed, problem.anchors)
            placed.append(v)
        else:
            plan.unplaced.append(v.e.key)
    solver.kiwi.updateVariables()
    for v in placed:
        box = (v.left.value(), v.bottom.value(), v.right.value(), v.top.value())
        plan.placed[v.e.key] = Placed(box, v.scale.value(), region_of(v.cx.value(), v.cy.value()))
    return plan


def _pin(solver: _Solver, v: _Vars, box: Box) -> None:
    """A fixed element stays exactly where it is, at its size (`v.e` carries the box's size)."""
    for c in (v.left == box[0], v.bottom == box[1], v.scale == 1.0):
        solver.add(c)


def _add_required(solver: _Solver, v: _Vars, others: list[_Vars], anchors: dict, smin: float) -> bool:
    """Frame, size and separation constraints of `v`; all-or-nothing (removed again when one cannot hold)."""
    added = []
    own = [v.left >= FRAME[0] + MARGIN, v.right <= FRAME[2] - MARGIN, v.bottom >= FRAME[1] + MARGIN,
           v.top <= FRAME[3] - MARGIN, v.scale >= smin, v.scale <= 1.0]
    ok = all(_try(solver, c, added) for c in own)
    for o in others if ok else ():
        if not any(_try(solver, c, added) for c in _separations(v, o, anchors)):
            ok = False
            break
    if not ok:
        solver.remove(added)
    return ok


def _try(solver: _Solver, c, added: list) -> bool:
    if solver.add(c):
        added.append(c)
        return True
    return False


def _separations(v: _Vars, o: _Vars, anchors: dict) -> list:
    """The four ways `v` can keep clear of `o`, the one its anchor suggests first."""
    (ax, ay), (bx, by) = anchors.get(v.e.key, (0.0, 0.0)), anchors.get(o.e.key, (0.0, 0.0))
    left, right = v.right + GAP <= o.left, o.right + GAP <= v.left
    below, above = v.top + GAP <= o.bottom, o.top + GAP <= v.bottom
    horizontal = [left, right] if ax < bx else [right, left]
    vertical = [below, above] if ay < by else [above, below]
    # which axis: the one along which the anchors are further apart, relative to the two sizes
    sep_x = abs(ax - bx) / max(v.e.w + o.e.w, 1e-6)
    sep_y = abs(ay - by) / max(v.e.h + o.e.h, 1e-6)
    return horizontal + vertical if sep_x > sep_y else vertical + horizontal


def _add_preferences(solver: _Solver, v: _Vars, anchor, placed: list[_Vars], anchors: dict) -> None:
    """Soft constraints: measured size (strong), anchor (medium), alignment with its region's elements (weak)."""
    solver.add((v.scale == 1.0) | "strong")
    solver.add((v.cx == anchor[0]) | "medium")
    solver.add((v.cy == anchor[1]) | "medium")
    region = region_of(*anchor)
    for o in placed:
        if region_of(*anchors.get(o.e.key, (0.0, 0.0))) != region:
            continue
        if region.endswith("left"):
            solver.add((v.left == o.left) | "weak")
        elif region.endswith("right"):
            solver.add((v.right == o.right) | "weak")
        else:
            solver.add((v.cx == o.cx) | "weak")
