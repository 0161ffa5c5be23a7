"""Last frames of many scenes per sandbox child, cached on disk by the hash of (scene, code, size).

One sandbox job (render.sandbox_run, mode "check": last frame only, like manim -s) runs `batch_child.py`'s
`EmbedBatch` over a list of scenes, so the child's start-up and `import manim` are paid once per batch; each
scene has its own namespace, config and CPU limit, and a failing scene costs only its own frame. Scene code
runs only in that child, never in this process. `FrameCache` keeps frames/<key>.png and failed.jsonl, so a
rerun renders nothing it has rendered (or seen fail) before.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .. import render
from ..config import Settings
from ..job import Job

FRAME_SIZE = (160, 90)  # stored frame size
RENDER_SIZE = (320, 180)  # rendered size, box-downscaled to FRAME_SIZE (as a full-size frame is at scoring time)
CHILD_SOURCE = Path(__file__).with_name("batch_child.py")


class FrameCache:
    """frames/<key>.png for rendered items, failed.jsonl for items that failed (not retried)."""

    def __init__(self, root: Path | str):
        self.root = Path(root)
        self.frames = self.root / "frames"
        self.frames.mkdir(parents=True, exist_ok=True)
        self._failed_path = self.root / "failed.jsonl"
        self.failed: dict[str, str] = {}
        if self._failed_path.is_file():
            for line in self._failed_path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    self.failed[row["key"]] = row["reason"]

    def frame(self, key: str) -> Path | None:
        p = self.frames / f"{key}.png"
        return p if p.is_file() else None

    def known(self, key: str) -> bool:
        return key in self.failed or self.frame(key) is not None

    def put(self, key: str, tile: Path) -> None:
        tmp = self.frames / f".{key}.tmp"
        shutil.copyfile(tile, tmp)
        tmp.replace(self.frames / f"{key}.png")

    def fail(self, key: str, reason: str) -> None:
        self.failed[key] = reason
        with self._failed_path.open("a", encoding="utf-8") as f:
            f.write(json.dumps({"key": key, "reason": reason[:300]}) + "\n")


@dataclass
class RenderOptions:
    """How the data builder renders."""

    batch: int = 40
    workers: int = 1
    budget_s: float = 0.0  # 0: no limit; else no new batch starts after this many seconds
    budget_cpu_s: float = 0.0  # the same for the CPU seconds the sandbox children used (as they report them)
    per_scene_cpu_s: float = 20.0  # a scene over this many CPU seconds (its own process) fails alone
    per_scene_s: int = 25  # the batch's wall-clock limit grows with its size
    fast: bool = True  # known animations go straight to their end state (batch_child.py); False: manim's path
    trusted: bool = True  # engine-written code: TeX results go to the shared TeX cache


def batch_code(items: list, opts: RenderOptions) -> str:
    """The scene code of one batch: batch_child.py's text, then the scenes and the settings it reads."""
    tail = (f"\n\nSOURCES = {[it.code for it in items]!r}\nSCENES = {[it.scene for it in items]!r}\n"
            f"SIZE = {FRAME_SIZE!r}\nCPU_LIMIT = {float(opts.per_scene_cpu_s)!r}\nFAST = {bool(opts.fast)!r}\n")
    return CHILD_SOURCE.read_text(encoding="utf-8") + tail


def _harvest(items: list, work: Path, cache: FrameCache, tally: dict) -> int:
    """Move the batch's tiles into the cache and record its failures; adds the child's CPU seconds and its
    plays (all, fast) to `tally`; returns how many scenes reported."""
    report_path = work / "tiles.json"
    report = json.loads(report_path.read_text()) if report_path.is_file() else []
    for i, (it, row) in enumerate(zip(items, report, strict=False)):
        tile = work / f"tile_{i}.png"
        if row["ok"] and tile.is_file():
            cache.put(it.key, tile)
        else:
            cache.fail(it.key, row.get("error", "no tile"))
    tally["cpu"] += max((row.get("cpu", 0.0) for row in report), default=0.0)
    for k in ("plays", "fast"):
        tally[k] += sum(row.get(k, 0) for row in report)
    return len(report)


def run_batch(items: list, cache: FrameCache, settings: Settings, opts: RenderOptions, tally: dict) -> list:
    """Render one batch into the cache; returns the items still to do (after a child that died part-way, the
    scene it died on is recorded as failed and the rest come back). Adds the child's CPU and plays to tally."""
    s = settings.with_(check_timeout_s=30 + opts.per_scene_s * len(items))
    job = Job.make(s, scene="EmbedBatch", trusted=opts.trusted)
    extra = {"width": RENDER_SIZE[0], "height": RENDER_SIZE[1], "max_video_s": 100000}
    work, out = render.sandbox_run(batch_code(items, opts), job, "check", render.check_limits(job), extra=extra)
    try:
        reported = _harvest(items, work, cache, tally)
        if out.ok or reported >= len(items):
            return []
        reason = f"{out.error.kind}: {out.error.message}" if out.error else "the batch died"
        cache.fail(items[reported].key, reason)
        return items[reported + 1:]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def render_all(items: list, cache: FrameCache, settings: Settings | None = None,
               opts: RenderOptions | None = None, log: Callable[[str], None] = print) -> dict:
    """Render every item not yet in the cache, batch by batch; returns counts and seconds per frame."""
    settings, opts = settings or Settings.load(), opts or RenderOptions()
    todo = [it for it in items if not cache.known(it.key)]
    batches = [todo[i: i + opts.batch] for i in range(0, len(todo), opts.batch)]
    t0, done, tally = time.monotonic(), [0], {"cpu": 0.0, "plays": 0, "fast": 0}

    def spent() -> bool:
        return bool((opts.budget_s and time.monotonic() - t0 > opts.budget_s)
                    or (opts.budget_cpu_s and tally["cpu"] > opts.budget_cpu_s))

    def one(batch: list) -> None:
        while batch and not spent():
            batch = run_batch(batch, cache, settings, opts, tally)
        done[0] += 1
        log(f"batch {done[0]}/{len(batches)}: {sum(cache.frame(i.key) is not None for i in todo)} frames, "
            f"{time.monotonic() - t0:.0f} s, {tally['cpu']:.0f} CPU s")

    with ThreadPoolExecutor(max(1, opts.workers)) as pool:
        list(pool.map(one, batches))
    rendered = sum(cache.frame(i.key) is not None for i in todo)
    seconds = time.monotonic() - t0
    return {"asked": len(todo), "rendered": rendered, "failed": sum(i.key in cache.failed for i in todo),
            "seconds": round(seconds, 1), "seconds_per_frame": round(seconds / max(1, rendered), 2),
            "cpu_s": round(tally["cpu"], 1), "cpu_s_per_frame": round(tally["cpu"] / max(1, rendered), 2),
            "plays": tally["plays"], "fast_plays": tally["fast"]}
