"""Variants that one of the richer concept families already animates (Pythagoras with the squares, the unit
circle, the area of a circle, complex multiplication, Euler's formula, vector addition, the dot product, linear
maps, determinants, eigenvectors, matrix products): the family draws the scene from the entry's settings (the
request's own numbers, vectors and matrices win) under the entry's title, and the notes are the entry's."""

from __future__ import annotations

import copy

from ...base import Lesson, Params, families
from ...common import text_literal
from ..base import Ask, entry_notes

SHOT_PREFIXES = ("Shot ", "镜头 ")


def specialist(ask: Ask, key: str, numbers: dict | None = None, **fields) -> Lesson | None:
    """Family `key`'s lesson on the request, with the entry's settings filling what the request leaves out:
    `numbers` when it names no number and has no point, each of `fields` (vectors, matrix, ...) when empty; None
    when the family does not draw the request (the composer's own builder does)."""
    p: Params = copy.copy(ask.params)
    if numbers and not p.numbers and p.point is None:
        p.numbers = dict(numbers)
    for name, value in fields.items():
        if not getattr(p, name):
            setattr(p, name, value)
    fam = families()[key]
    if not fam.draws(p):
        return None
    les = fam.build(p)
    code = les.code.replace(f"Text({text_literal(fam.title(p))}, font_size=40)", f"Text({text_literal(ask.title)}, "
                            "font_size=40)", 1)
    shots = [line.split("：" if line.startswith("镜头") else ": ", 1)[-1] for line in les.reasoning
             if line.startswith(SHOT_PREFIXES)]
    e = ask.entry
    reasoning = [f"Catalogue entry: {e.name} ({e.area}); drawn by the specialist family {key}.", *les.reasoning]
    return Lesson(e.composer, ask.title, les.scene_name, code, entry_notes(ask, shots), reasoning, les.values)


def points_as_complex(points) -> dict:
    """A catalogue `points` list [[a, b], [c, d]] as the complex family's vectors."""
    return {"vectors": [list(map(float, p)) for p in points]}
