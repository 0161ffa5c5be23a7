"""Sizes for planning without a sandbox run: the shipped table of measured sizes, else an estimate.

The offline composers plan their regions while they build a scene, where no sandbox run may happen (a build is
pure Python, in a forked child, and must stay fast). Their texts are mostly known in advance (catalogue and
family titles in both languages, catalogue formulas), so those were measured once in the sandbox, in batches,
by `build_table` (`bench/layout_plan.py --sizes`) and ship as `sizes.json`. A text not in the table (a title
with the user's formula) gets an estimate from glyph advances; the scene then fits the real mobject into its
planned box (scaled down, never up), so an estimate can make a box loose, never push a text off-frame or into
another box.
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from pathlib import Path

from ..layout import EM_PER_FONT_SIZE
from .elements import Element

TABLE = Path(__file__).with_name("sizes.json")
CHUNK = 60  # texts per sandbox run when the table is built (a bad formula costs one chunk measured one by one)
# glyph advance in em (Text's CJK em) and line height, fitted on the shipped table's titles
NARROW_EM, WIDE_EM, LINE_EM, TEX_FACTOR = 0.58, 1.03, 1.05, 1.1


def key(e: Element) -> str:
    """The table's key of an element: kind, font size, text (measure's cache key)."""
    return f"{e.kind}|{e.font_size:g}|{e.text}"


@lru_cache(maxsize=1)
def table() -> dict[str, list[float]]:
    try:
        return json.loads(TABLE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


@lru_cache(maxsize=1)
def _by_text() -> dict[tuple[str, str], tuple[float, float, float]]:
    """(kind, text) → (font size, w, h) of one measured row: a text's size is linear in its font size."""
    out = {}
    for k, (w, h) in table().items():
        kind, fs, text = k.split("|", 2)
        out[(kind, text)] = (float(fs), w, h)
    return out


def lookup(elements: list[Element]) -> list[Element]:
    """`elements` with sizes: measured (the shipped table, scaled from another font size when needed) when
    known, else estimated; bodies keep theirs."""
    return [e if e.kind == "body" else e.with_size(*_known(e)) for e in elements]


def _known(e: Element) -> tuple[float, float]:
    exact = table().get(key(e))
    if exact:
        return tuple(exact)
    row = _by_text().get((e.kind, e.text))
    if row and row[0] > 0:
        return row[1] * e.font_size / row[0], row[2] * e.font_size / row[0]
    return estimate(e)


def estimate(e: Element) -> tuple[float, float]:
    """(w, h) of a text from glyph advances: wide (CJK, fullwidth) glyphs WIDE_EM, others NARROW_EM."""
    em = e.font_size * EM_PER_FONT_SIZE
    lines = e.text.split("\n") or [""]
    wide = [sum(WIDE_EM if unicodedata.east_asian_width(c) in "WF" else NARROW_EM for c in ln) for ln in lines]
    factor = TEX_FACTOR if e.kind == "tex" else 1.0
    # an empty text shows nothing, but the solver needs a size (measure gives it 0.01 too)
    return max(max(wide) * em * factor, 0.01), len(lines) * LINE_EM * em * factor


def build_table(elements: list[Element], job) -> dict[str, list[float]]:
    """Measure `elements` in the sandbox (measure's cache first), CHUNK per run; write and return the table.
    A chunk with a text that cannot be measured keeps the others (measured one by one) and drops that one."""
    from .measure import MeasureError, measure

    out: dict[str, list[float]] = {}
    unique = list({key(e): e for e in elements if e.kind != "body" and e.text.strip()}.values())
    for i in range(0, len(unique), CHUNK):
        chunk = unique[i:i + CHUNK]
        try:
            sized = measure(chunk, job)
        except MeasureError:
            sized = [s for e in chunk for s in _one(e, job, measure, MeasureError)]
        out.update({key(e): [round(e.w, 4), round(e.h, 4)] for e in sized})
    TABLE.write_text(json.dumps(out, ensure_ascii=False, sort_keys=True, indent=0), encoding="utf-8")
    table.cache_clear()
    _by_text.cache_clear()
    return out


def _one(e: Element, job, measure, error) -> list[Element]:
    try:
        return measure([e], job)
    except error:
        return []
