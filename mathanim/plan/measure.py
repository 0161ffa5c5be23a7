"""Sizes of text and formula elements, measured from real Text/MathTex glyph boxes in the sandbox child.

All elements not yet in the cache are measured in one batch: one generated scene adds each element on its own
line, the layout probe records every text's glyph box and its creation line. LaTeX (possibly untrusted) thus
only ever compiles in the child. Sizes are cached on disk by (kind, text, font size).
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from .. import layout
from ..job import Job
from .elements import Element

SCENE = "PlanMeasure"
HEADER = f"from manim import *\n\n\nclass {SCENE}(Scene):\n    def construct(self):\n"
FIRST_LINE = HEADER.count("\n") + 1  # the line of the first element in the generated scene
CLASS = {"text": "Text", "tex": "MathTex"}
_LOCK = threading.Lock()


class MeasureError(ValueError):
    """Some elements could not be measured (e.g. LaTeX that does not compile); the message names them."""


def cache_path(job: Job) -> Path:
    return job.settings.cache_dir / "plan_sizes.json"


def _key(e: Element) -> str:
    return f"{e.kind}|{e.font_size:g}|{e.text}"


def measure(elements: list[Element], job: Job) -> list[Element]:
    """`elements` with their measured (w, h) at scale 1; bodies keep their given size."""
    cache = _load(cache_path(job))
    todo = list({_key(e): e for e in elements if e.kind != "body" and _key(e) not in cache}.values())
    if todo:
        cache.update(_measure_batch(todo, job))
        _save(cache_path(job), cache)
    return [e if e.kind == "body" else e.with_size(*cache[_key(e)]) for e in elements]


def scene_code(elements: list[Element]) -> str:
    """The measuring scene: one element per line (its line number says which element a probed box is)."""
    lines = [f"        self.add({CLASS[e.kind]}({e.text!r}, font_size={e.font_size:g}))\n" for e in elements]
    return HEADER + "".join(lines)


def _measure_batch(todo: list[Element], job: Job) -> dict[str, list[float]]:
    run = layout.run_probe(scene_code(todo), job.with_(scene=SCENE))
    if not run.ok:
        if len(todo) == 1:
            msg = run.error.message if run.error else "no result"
            raise MeasureError(f"cannot measure {todo[0].kind} {todo[0].text[:60]!r}: {msg[:300]}")
        return _measure_each(todo, job)
    boxes = _boxes_by_line(run)
    out = {}
    for i, e in enumerate(todo):
        box = boxes.get(FIRST_LINE + i)
        if box is None:  # an empty text shows no glyph: it takes no room, but the solver needs a size
            box = [0.0, 0.0, 0.01, 0.01]
        out[_key(e)] = [round(box[2] - box[0], 4), round(box[3] - box[1], 4)]
    return out


def _measure_each(todo: list[Element], job: Job) -> dict[str, list[float]]:
    """The batch failed (one bad formula stops the scene): measure one by one and name every one that fails."""
    out, bad = {}, []
    for e in todo:
        try:
            out.update(_measure_batch([e], job))
        except MeasureError as err:
            bad.append(str(err))
    if bad:
        raise MeasureError("; ".join(bad))
    return out


def _boxes_by_line(run: layout.ProbeRun) -> dict[int, list[float]]:
    snap = run.snapshots[-1] if run.snapshots else {"texts": []}
    return {run.units.get(str(t["u"]), {}).get("line"): t["box"] for t in snap["texts"]}


def _load(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _save(path: Path, cache: dict) -> None:
    with _LOCK:  # merged with what another thread wrote meanwhile; written whole by a rename
        merged = {**_load(path), **cache}
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(merged), encoding="utf-8")
        tmp.replace(path)
