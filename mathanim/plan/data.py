"""Layouts to learn from: element boxes measured by the layout probe on our own renders, and synthetic ones.

A layout is a list of rows {role, kind, box} (frame units), one per element on screen at the end of an
animation. Roles are read from what the probe saw: the top-most large text is the title, a big non-text mobject
a graph, a short text or one inside a graph a label (tick numbers inside a graph belong to it and are left
out), MathTex a formula, other text a caption. Measured layouts are cached on disk as JSON lines, one scene per
line, so a scene is probed once.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from pathlib import Path

from .. import layout
from ..job import Job
from .elements import FRAME, Box, area, intersect

MAX_ELEMENTS = 12
TEX_CLASSES = ("MathTex", "SingleStringMathTex", "Tex")
FRAME_AREA = area(FRAME)


def probe_layouts(code: str, job: Job) -> tuple[list[list[dict]], layout.ProbeRun]:
    """Run the scene's layout probe (with bodies) and read one layout per animation end (repeats dropped)."""
    run = layout.run_probe(code, job, bodies=True)
    return layouts_of(run.snapshots, run.units), run


def layouts_of(snapshots: list[dict], units: dict) -> list[list[dict]]:
    """One layout per snapshot at the end of an animation (no mid samples, no probe errors, repeats dropped)."""
    out: list[list[dict]] = []
    for snap in snapshots:
        if snap.get("mid") or snap.get("probe_error"):
            continue
        rows = layout_of(snap, units)
        if rows and (not out or rows != out[-1]):
            out.append(rows)
    return out


def layout_of(snap: dict, units: dict) -> list[dict]:
    """The elements of one snapshot with their roles, at most MAX_ELEMENTS (labels go first when too many)."""
    bodies = body_boxes(snap)
    rows = [{"role": "graph", "kind": "body", "box": list(b)} for b in bodies]
    for t, role in text_roles(snap, units, bodies):
        unit = units.get(str(t["u"]), {})
        if role:
            kind = "tex" if unit.get("cls") in TEX_CLASSES else "text"
            rows.append({"role": role, "kind": kind, "box": [round(v, 3) for v in t["box"]]})
    rows.sort(key=lambda r: ({"title": 0, "graph": 1, "formula": 2, "caption": 3, "label": 4}[r["role"]],
                             -area(r["box"])))
    return rows[:MAX_ELEMENTS]


def text_roles(snap: dict, units: dict, bodies: list) -> list[tuple[dict, str | None]]:
    """(text record, role or None for a part of a graph) for the snapshot's texts, top-most first."""
    texts = sorted(snap.get("texts", []), key=lambda t: -t["box"][3])
    title = _title(texts)
    return [(t, "title" if t is title else _role(t, units.get(str(t["u"]), {}), bodies)) for t in texts]


def body_boxes(snap: dict) -> list:
    """The boxes of the snapshot's graphs and diagrams (not tiny, not the whole frame, not nested)."""
    return _merged([b["box"] for b in snap.get("bodies", []) if 0.6 < area(b["box"]) < 0.8 * FRAME_AREA])


def _merged(boxes: list) -> list:
    """Bodies without those lying mostly inside a bigger one (a curve on its axes is part of the graph)."""
    boxes = sorted(boxes, key=area, reverse=True)
    out = []
    for b in boxes:
        if not any(area(intersect(b, o)) > 0.6 * area(b) for o in out):
            out.append(b)
    return out


def _title(texts: list[dict]) -> dict | None:
    for t in texts[:2]:
        b = t["box"]
        if b[3] > FRAME[3] - 1.3 and b[3] - b[1] > 0.3 and b[2] - b[0] > 1.5:
            return t
    return None


def _role(t: dict, unit: dict, bodies: list[Box]) -> str | None:
    b = t["box"]
    in_body = any(area(intersect(b, g)) > 0.5 * area(b) for g in bodies)
    short = len((unit.get("text") or "").strip()) <= 4 or area(b) < 0.12
    if in_body and short:
        return None  # a tick number or a point's name: part of the graph
    if short or in_body:
        return "label"
    return "formula" if unit.get("cls") in TEX_CLASSES else "caption"


# -- the on-disk cache of measured layouts ------------------------------------------------------------------------

def load_cache(path: Path) -> dict[str, dict]:
    """{scene name: {"source", "layouts", "defects"}} from a JSON-lines cache (missing file: empty)."""
    out = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out[row["name"]] = row
    return out


def collect(cases: Iterable[tuple[str, str, str, str | None]], job: Job, path: Path) -> dict[str, dict]:
    """Probe every (name, source, code, scene) not yet in the cache at `path`; append each as it is measured."""
    cache = load_cache(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for name, source, code, scene in cases:
        if name in cache:
            continue
        layouts, run = probe_layouts(code, job.with_(scene=scene))
        defects = len(layout.analyse(run, job.quality)) if run.ok else None
        row = {"name": name, "source": source, "layouts": layouts, "defects": defects}
        with path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(row) + "\n")
        cache[name] = row
    return cache


# -- synthetic layouts with known positions -----------------------------------------------------------------------

TEMPLATES = ("graph_left", "graph_right", "stack", "graph_top", "two_columns", "graph_center")


def synthetic(template: str, rng: random.Random) -> list[dict]:
    """One layout of `template` with random sizes and jitter: title on top, then the template's arrangement."""
    rows = [_row("title", "text", (0, 3.35), (rng.uniform(4, 10), 0.55))]
    gx = {"graph_left": -3.4, "graph_right": 3.4, "graph_top": 0.0, "graph_center": 0.0}.get(template)
    if gx is not None:
        top = template == "graph_top"
        gw, gh = (rng.uniform(8, 11), rng.uniform(2.6, 3.4)) if top else (rng.uniform(5, 6.4), rng.uniform(4, 5.4))
        gy = 1.0 if top else -0.4
        rows.append(_row("graph", "body", (gx + rng.uniform(-0.3, 0.3), gy), (gw, gh)))
        rows += [_row("label", "tex", (gx + rng.uniform(-gw / 2, gw / 2), gy + gh / 2 + 0.2), (0.6, 0.35))
                 for _ in range(rng.randint(0, 2))]
    n = rng.randint(1, 4)
    fx = {"graph_left": 3.6, "graph_right": -3.6, "graph_top": 0.0, "two_columns": -3.5}.get(template, 0.0)
    fy = -1.9 if template == "graph_top" else 1.8
    for i in range(n):
        x = fx + (7.0 if template == "two_columns" and i % 2 else 0.0)
        y = fy - (i // (2 if template == "two_columns" else 1)) * rng.uniform(0.9, 1.2)
        rows.append(_row("formula", "tex", (x, y), (rng.uniform(1.5, 5.5), rng.uniform(0.45, 0.9))))
    if template != "graph_top" and rng.random() < 0.6:
        rows.append(_row("caption", "text", (0.0, -3.45), (rng.uniform(4, 11), 0.4)))
    return rows[:MAX_ELEMENTS]


def _row(role: str, kind: str, center: tuple, size: tuple) -> dict:
    (cx, cy), (w, h) = center, size
    box = [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2]
    return {"role": role, "kind": kind, "box": [round(v, 3) for v in box]}


def synthetic_set(templates: Iterable[str], n: int, seed: int = 0) -> list[list[dict]]:
    """`n` synthetic layouts spread over `templates`."""
    rng, names = random.Random(seed), list(templates)
    return [synthetic(names[i % len(names)], rng) for i in range(n)]
