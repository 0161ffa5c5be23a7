"""Where an offline scene's parts go, decided by the layout plan (issue 20) before the scene code is written.

A composer (or family) says what its scene shows: the title (its real text, measured) and the parts under it,
each with a role (graph, formula, caption, label), the size it would like and where it leans (its anchor: the
composer's arrangement, e.g. graph left and panel right). The plan's kiwisolver solver returns one box per part:
inside the frame less the margin, every two boxes GAP apart, the title at its measured size (scaled only as far
as it stays readable), a part shrunk (to half at most) when the frame is too small for all. The scene puts each
mobject into its box with `plan_fit` (common.FIT_HELPER: scaled down, never up, centred), so nothing is
off-frame by construction and parts in different boxes cannot overlap. Where a composer has more than one
arrangement that suits its content (a figure left of its panel, or right of it), the learned prior chooses
(`arranged`: the candidate whose solved boxes it finds most like the layouts it learned).

Boxes handed to scene code are (x0, x1, y0, y1), the composers' own convention; the plan's are
(left, bottom, right, top).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..plan.elements import Box, Element
from ..plan.sizes import lookup, table
from ..plan.solver import Problem, solve

TITLE_FONT = 40  # what title_code and the composers' titles use
TITLE_AT = (0.0, 3.7)  # the title leans to the top centre, snug under the margin (as to_edge(UP) put it)
TITLE_MAX_W = 26.0  # frame units at scale 1: about the widest a 40-pt title can be and stay readable in 13.6
FULL_W = 13.6  # a title as wide as the frame less its margins


@dataclass(frozen=True)
class Part:
    """One region a scene asks for under its title: its key, role, wanted size (frame units), its anchor."""

    key: str
    role: str
    w: float
    h: float
    at: tuple[float, float]


# the layout of the calculus families and relation_plot: a graph on the left, a formula panel on the right
GRAPH_LEFT = Part("graph", "graph", 7.1, 6.2, (-3.2, -0.55))
PANEL_RIGHT = Part("panel", "formula", 6.0, 6.4, (4.0, -0.55))
CAPTION = Part("caption", "caption", 13.6, 0.45, (0.0, -3.5))  # one line of 26-pt text


class RegionError(ValueError):
    """The parts cannot all fit under the title, even shrunk: the message names those left out."""


def plan_regions(title: str, parts: tuple[Part, ...] = (), title_font: float = TITLE_FONT) -> dict[str, Box]:
    """Solved boxes, (left, bottom, right, top), for "title" (its text at `title_font`) and every part."""
    return dict(_solved(title, tuple(parts), title_font))


@lru_cache(maxsize=256)
def _solved(title: str, parts: tuple[Part, ...], font: float) -> tuple[tuple[str, Box], ...]:
    return tuple(_solve(_title_element(title, font), parts, f"the title {title!r}").items())


def _title_element(title: str, font: float = TITLE_FONT) -> Element:
    """The title at its measured size; a title too long for the frame even at its least readable scale is
    planned at that scale (plan_fit shrinks it further) rather than left out: every scene has its title."""
    (t,) = lookup([Element("title", "title", "text", title, font)])
    return t.with_size(min(t.w, TITLE_MAX_W), t.h)


def under_title(parts: tuple[Part, ...]) -> dict[str, tuple]:
    """The parts' regions, (x0, x1, y0, y1), under any one-line title: planned under a title as wide as the
    frame and as tall as the tallest measured title line, for kits whose build maps figures into a region
    before the title is known (the real title's own box is planned by title_code)."""
    return {k: xxyy(b) for k, b in _solve(_any_title(), parts, "a one-line title").items() if k != "title"}


def _any_title() -> Element:
    tallest = max((h for k, (w, h) in table().items() if k.startswith(f"text|{TITLE_FONT}|")), default=0.6)
    return Element("title", "title", "text", "", TITLE_FONT, FULL_W, tallest)


def mirrored(parts: tuple[Part, ...]) -> tuple[Part, ...]:
    """The same parts leaning the other way (left and right swapped)."""
    return tuple(Part(p.key, p.role, p.w, p.h, (-p.at[0], p.at[1])) for p in parts)


def sides(parts: tuple[Part, ...]) -> tuple[tuple[Part, ...], ...]:
    """A side-by-side arrangement and its mirror image: the candidates a composer with a figure and a panel
    offers the learned prior (its own choice first)."""
    return (parts, mirrored(parts))


@lru_cache(maxsize=256)
def arranged(title: str | None, options: tuple[tuple[Part, ...], ...]) -> tuple[Part, ...]:
    """Of a composer's candidate arrangements, the one the learned layout prior finds most like the layouts it
    learned (plan.prior.Prior.energy over the solved boxes, title and caption included, each part hidden in
    turn); `title` None stands for any one-line title. Without trained weights the first option stands, as it
    does when an option cannot be solved."""
    from ..plan.prior import load

    prior = load()
    if prior.model is None or len(options) < 2:
        return options[0]
    t = _any_title() if title is None else _title_element(title)
    scored = []
    for i, parts in enumerate(options):
        try:
            boxes = _solve(t, parts, "the title")
        except RegionError:
            continue
        roles = {"title": ("title", "text"), **{p.key: (p.role, "body") for p in parts}}
        rows = [{"role": roles[k][0], "kind": roles[k][1], "box": b} for k, b in boxes.items()]
        scored.append((prior.energy(rows, [j for j, k in enumerate(boxes) if k != "title"]), i))
    return options[min(scored)[1]] if scored else options[0]


def _solve(title: Element, parts: tuple[Part, ...], under: str) -> dict[str, Box]:
    """The solver's boxes for the title and the parts at their anchors; RegionError when one cannot fit."""
    els = [title, *(Element(p.key, p.role, "body", w=p.w, h=p.h) for p in parts)]
    plan = solve(Problem(els, {"title": TITLE_AT, **{p.key: p.at for p in parts}}))
    if plan.unplaced:
        raise RegionError(f"no room for {', '.join(plan.unplaced)} under {under}")
    return {k: tuple(round(v, 3) for v in p.box) for k, p in plan.placed.items()}


def xxyy(box: Box) -> tuple[float, float, float, float]:
    """A plan box (left, bottom, right, top) as the scenes' (x0, x1, y0, y1)."""
    return (box[0], box[2], box[1], box[3])


def regions(title: str, parts: tuple[Part, ...] = (), title_font: float = TITLE_FONT) -> dict[str, tuple]:
    """The solved boxes as the scenes' (x0, x1, y0, y1)."""
    return {k: xxyy(b) for k, b in plan_regions(title, parts, title_font).items()}


def regions_literal(title: str, parts: tuple[Part, ...] = ()) -> str:
    """`regions()` as a Python literal for scene code: {"title": [x0, x1, y0, y1], ...}."""
    return repr({k: list(b) for k, b in regions(title, parts).items()})


def table_elements() -> list[Element]:
    """The titles the offline engine shows (catalogue entries and families, both languages), for the shipped
    size table (plan.sizes.build_table)."""
    from .base import families
    from .catalogue import load

    names = [n for e in load() for n in (e.name, e.name_zh)]
    names += [t for f in families().values() for t in (f.title_en, f.title_zh)]
    return [Element("title", "title", "text", n, TITLE_FONT) for n in dict.fromkeys(names) if n and n.strip()]
