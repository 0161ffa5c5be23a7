"""Layouts of many scenes per sandbox child: the layout prior's training data at the scale of thousands.

`plan.data.collect` probes one scene per sandbox child (seconds of start-up and `import manim` each). Here one
sandbox job (render.sandbox_run, mode "check") runs `harvest_child.py`'s `LayoutBatch` over a list of scenes,
like the embedding data builder (`embed/batch.py`): each scene in its own namespace, config and CPU limit,
plays of known kinds taken straight to their end state, the layout probe's snapshot after every play. The
parent turns them into rows with `plan.data.layouts_of` (the format of bench/data/plan_layouts.jsonl) and
appends them, one gzip member per batch, to a cache that a rerun skips (failures included). Scene code runs
only in the child; the parent only parses it (the guard's static check) before sending it.
"""

from __future__ import annotations

import gzip
import json
import shutil
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .. import layout, render
from ..config import Settings
from ..job import Job
from .data import layouts_of

PKG = Path(__file__).resolve().parent.parent
# the child's code: the layout probe, the embedding builder's fast plays and CPU limit, the batch scene
CHILD_TEXTS = (PKG / "sandbox" / "layout_probe.py", PKG / "embed" / "batch_child.py",
               Path(__file__).with_name("harvest_child.py"))


@dataclass(frozen=True)
class Case:
    """One scene to measure."""

    name: str  # unique; the cache key
    group: str  # what is held out together (a family, a catalogue entry, a file)
    source: str  # "family", "composer:<name>", "animations", "3b1b"
    scene: str
    code: str


@dataclass
class HarvestOptions:
    """How the harvester runs its sandbox children."""

    batch: int = 40
    workers: int = 1
    budget_s: float = 0.0  # 0: no limit; else no new batch starts after this many seconds
    per_scene_cpu_s: float = 20.0  # a scene over this many CPU seconds fails alone
    per_scene_s: int = 25  # the batch's wall-clock limit grows with its size
    fast: bool = True  # known animations go straight to their end state (embed/batch_child.py)
    trusted: bool = True  # engine-written code: TeX results go to the shared TeX cache


def load(path: Path | str) -> dict[str, dict]:
    """{name: row} of a harvest cache (gzipped JSON lines; missing file: empty)."""
    path, out = Path(path), {}
    if path.is_file():
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    row = json.loads(line)
                    out[row["name"]] = row
    return out


class LayoutCache:
    """The rows measured so far, appended to the gzip file one member per batch (a killed run keeps them)."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.rows = load(self.path)
        self._lock = threading.Lock()

    def known(self, name: str) -> bool:
        return name in self.rows

    def add(self, rows: list[dict]) -> None:
        """Append rows (a member of their own) and remember them."""
        if not rows:
            return
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with gzip.open(self.path, "at", encoding="utf-8") as f:
                f.write("".join(json.dumps(r, separators=(",", ":")) + "\n" for r in rows))
            self.rows.update((r["name"], r) for r in rows)


def batch_code(cases: list[Case], opts: HarvestOptions) -> str:
    """The scene code of one batch: the child texts, then the scenes and the settings they read."""
    texts = [p.read_text(encoding="utf-8") for p in CHILD_TEXTS]
    tail = (f"\n\nSOURCES = {[c.code for c in cases]!r}\nSCENES = {[c.scene for c in cases]!r}\n"
            f"CPU_LIMIT = {float(opts.per_scene_cpu_s)!r}\nFAST = {bool(opts.fast)!r}\n")
    return "\n\n".join(texts) + tail


def row(case: Case, layouts: list | None = None, error: str | None = None, cpu: float | None = None) -> dict:
    """The cache row of one case: its layouts (boxes rounded to 0.001), or why it has none."""
    out = {"name": case.name, "group": case.group, "source": case.source, "defects": None,
           "layouts": [[{**r, "box": [round(v, 3) for v in r["box"]]} for r in lay] for lay in layouts or []]}
    if error:
        out["error"] = error[:300]
    if cpu is not None:
        out["cpu"] = round(cpu, 2)
    return out


def _rows(cases: list[Case], work: Path) -> list[dict]:
    """The rows of the scenes the child reported (in order; the rest did not run)."""
    path = work / "report.json"
    report = json.loads(path.read_text()) if path.is_file() else []
    out = []
    for i, (case, rep) in enumerate(zip(cases, report, strict=False)):
        data = work / f"layout_{i}.json"
        if rep.get("ok") and data.is_file():
            snap = json.loads(data.read_text())
            out.append(row(case, layouts_of(snap["snapshots"], snap["units"]), cpu=rep.get("cpu")))
        else:
            out.append(row(case, error=rep.get("error", "no layout"), cpu=rep.get("cpu")))
    return out


def run_batch(cases: list[Case], cache: LayoutCache, settings: Settings, opts: HarvestOptions) -> list[Case]:
    """Measure one batch into the cache; returns the cases still to do (after a child that died part-way the
    scene it died on is recorded as failed and the rest come back)."""
    s = settings.with_(check_timeout_s=30 + opts.per_scene_s * len(cases))
    job = Job.make(s, scene="LayoutBatch", trusted=opts.trusted)
    extra = {"width": layout.PROBE_SIZE[0], "height": layout.PROBE_SIZE[1], "fps": layout.PROBE_FPS,
             "max_video_s": 100000}
    work, out = render.sandbox_run(batch_code(cases, opts), job, "check", render.check_limits(job), extra=extra)
    try:
        rows = _rows(cases, work)
        if not out.ok and len(rows) < len(cases):
            reason = f"{out.error.kind}: {out.error.message}" if out.error else "the batch died"
            rows.append(row(cases[len(rows)], error=reason))
        cache.add(rows)
        return cases[len(rows):]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def screen(cases: list[Case], cache: LayoutCache) -> list[Case]:
    """The cases not yet in the cache whose code passes the guard's static check (refusals become rows)."""
    todo, refused = [], []
    for case in cases:
        if cache.known(case.name):
            continue
        _, err = render.prepare(case.code, case.scene)
        if err:
            refused.append(row(case, error=f"{err.kind}: {err.message}"))
        else:
            todo.append(case)
    cache.add(refused)
    return todo


def harvest(cases: list[Case], cache: LayoutCache, settings: Settings | None = None,
            opts: HarvestOptions | None = None, log: Callable[[str], None] = print) -> dict:
    """Measure every case not yet in the cache, batch by batch; returns counts and CPU seconds per scene."""
    settings, opts = settings or Settings.load(), opts or HarvestOptions()
    new = [c for c in cases if not cache.known(c.name)]
    batches = [new[i: i + opts.batch] for i in range(0, len(new), opts.batch)]
    t0, done = time.monotonic(), [0]

    def one(batch: list[Case]) -> None:
        spent = bool(opts.budget_s and time.monotonic() - t0 > opts.budget_s)
        batch = [] if spent else screen(batch, cache)  # parsing costs ~20 ms a scene: only for batches run
        while batch and not (opts.budget_s and time.monotonic() - t0 > opts.budget_s):
            batch = run_batch(batch, cache, settings, opts)
        done[0] += 1
        log(f"batch {done[0]}/{len(batches)}: {time.monotonic() - t0:.0f} s")

    with ThreadPoolExecutor(max(1, opts.workers)) as pool:
        list(pool.map(one, batches))
    return summary([cache.rows[c.name] for c in new if c.name in cache.rows], time.monotonic() - t0)


def summary(rows: list[dict], seconds: float) -> dict:
    """Scenes measured and failed, layouts, CPU seconds per scene (as the child measured them)."""
    ok = [r for r in rows if not r.get("error")]
    cpu = sum(r.get("cpu") or 0.0 for r in rows)
    return {"scenes": len(rows), "measured": len(ok), "failed": len(rows) - len(ok),
            "layouts": sum(len(r["layouts"]) for r in ok), "seconds": round(seconds, 1),
            "cpu_s": round(cpu, 1), "cpu_s_per_scene": round(cpu / max(1, len(rows)), 3)}
