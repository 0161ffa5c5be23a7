"""The background stage of a render: the scene is rendered transparent (render.py keeps that master, scene.mov,
in its cache entry); this stage builds the plate, measures the contrast under every text box the layout probe
saw and fixes it, composites the master over the plate (a "composite" task on the render executor, so it runs
where renders run) and keeps the result in a sub-folder of the entry that render._deliver then delivers from.

`Finisher(code, job)` starts the layout probe at once, so it runs while the master renders.
"""

from __future__ import annotations

import json
import shutil
import threading
import uuid
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image

from .. import executor, layout
from ..executor.base import SandboxTask
from ..job import Job
from ..result import ErrorInfo
from . import contrast, image, procedural
from .spec import Background


@lru_cache(maxsize=2)
def _pipeline(folder: str):
    return image.load_pipeline(Path(folder))


def plate_for(bg: Background, width: int, height: int, prompt: str = "") -> np.ndarray:
    """The background's pixels at width x height (uint8 RGB), the same for the same background and seed."""
    if bg.kind == "procedural":
        return procedural.plate(bg.source, width, height, bg.seed)
    if bg.kind == "image":
        return image.cover(image.load_image(Path(bg.source)), width, height)
    return image.cover(image.generate(_pipeline(bg.source), prompt, bg.seed), width, height)


def _pixels(box, frame, width: int, height: int) -> tuple[int, int, int, int] | None:
    """A box in frame units as a pixel rectangle (y down), clipped to the picture; None when nothing is left."""
    sx, sy = width / (frame[2] - frame[0]), height / (frame[3] - frame[1])
    x0, x1 = int((box[0] - frame[0]) * sx), int(np.ceil((box[2] - frame[0]) * sx))
    y0, y1 = int((frame[3] - box[3]) * sy), int(np.ceil((frame[3] - box[1]) * sy))
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(width, x1), min(height, y1)
    return (x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None


def text_boxes(run: layout.ProbeRun, width: int, height: int) -> list[contrast.TextBox]:
    """Each text the probe saw at rest, at its pixel rectangle, with the time it is on screen (from the first
    sample it appears in, being written or not, to a sample after it was last seen there)."""
    step = 1.0 / layout.PROBE_FPS
    first: dict = {}
    spans: dict = {}
    last_t = max((s.get("t", 0.0) for s in run.snapshots), default=0.0)
    for snap in run.snapshots:
        t, frame = snap.get("t", 0.0), snap.get("frame") or [-7.111, -4.0, 7.111, 4.0]
        for x in snap.get("texts", []):
            first.setdefault(x["u"], t)
            rect = None if snap.get("mid") and x.get("moving") else _pixels(x["box"], frame, width, height)
            if rect is not None:
                span = spans.setdefault((x["u"], rect), [t, t, tuple(x["rgb"][:3])])
                span[1] = t
    boxes = []
    for (u, rect), (start, end, rgb) in spans.items():
        start = max(0.0, min(start, first[u]) - step)
        boxes.append(contrast.TextBox(rect, rgb, start, None if end >= last_t else end + step))
    return boxes


def timeline(bg: Background, run: layout.ProbeRun, size: tuple[int, int], prompt: str = ""):
    """The plate timeline for a render of `size` and the record of what was done: (Timeline, dict)."""
    from .composite import Timeline

    base = plate_for(bg, *size, prompt=prompt)
    boxes = text_boxes(run, *size) if run.ok else []
    fixed, report = contrast.fix(base, boxes)
    patches = [r for r in report if r["fixed"]]
    record = {**bg.to_dict(), "label": bg.label, "texts": len(report), "dimmed": len(patches),
              "contrast_before": min((r["before"] for r in report), default=None),
              "contrast_after": min((r["after"] for r in report), default=None)}
    if not run.ok:
        record["contrast_unmeasured"] = run.error.message if run.error else "the layout probe failed"
    return Timeline(base, fixed, patches), record


class Finisher:
    """Composites one job's transparent master over its background; called by render.render with the cache
    entry. The layout probe starts on construction, in a thread, so it overlaps the master render."""

    def __init__(self, code: str, job: Job, prompt: str = ""):
        self.code, self.job, self.prompt = code, job, prompt
        self._run: layout.ProbeRun | None = None
        self._probe = threading.Thread(target=self._probe_now, daemon=True, name="background-probe")
        self._probe.start()

    def _probe_now(self) -> None:
        try:
            self._run = layout.run_probe(self.code, self.job)
        except Exception as e:  # noqa: BLE001 - without boxes the plate is still laid, unmeasured (recorded)
            self._run = layout.ProbeRun(False, error=ErrorInfo("internal", f"layout probe failed: {e}"))

    def __call__(self, entry: Path) -> tuple[Path | None, dict, ErrorInfo | None]:
        """(the folder to deliver from, the background record, an error or None)."""
        bg = self.job.background
        done = entry / f"bg-{bg.key()}"
        if self.job.settings.use_cache and (done / "scene.mp4").exists():
            return done, json.loads((done / "background.json").read_text()), None
        self._probe.join()
        p = self.job.preset
        try:
            tl, record = timeline(bg, self._run, (p.width, p.height), self.prompt)
        except ValueError as e:  # the picture or the model folder changed since it was checked
            return None, bg.to_dict(), ErrorInfo("usage", str(e))
        staging = entry / f".bg-{uuid.uuid4().hex[:8]}"
        staging.mkdir()
        try:
            err = _composite(entry, staging, tl, self.job)
            if err:
                return None, record, err
            _poster(entry, staging, tl)
            shutil.copyfile(entry / "stats.json", staging / "stats.json")
            (staging / "background.json").write_text(json.dumps(record))
            shutil.rmtree(done, ignore_errors=True)
            staging.rename(done)
            return done, record, None
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _composite(entry: Path, staging: Path, tl, job: Job) -> ErrorInfo | None:
    """Run the composite task on the job's render executor (the plates travel as PNG files in the store)."""
    Image.fromarray(tl.base).save(staging / "base.png")
    Image.fromarray(tl.fixed).save(staging / "fixed.png")
    store = executor.ArtifactStore(job.settings.media_dir)
    spec = {"src": store.ref(entry / "scene.mov"), "dst": store.ref(staging / "scene.mp4"),
            "base": store.ref(staging / "base.png"), "fixed": store.ref(staging / "fixed.png"),
            "patches": tl.patches}
    out = executor.run(executor.get_executor(job.settings), SandboxTask("composite", store.ref(staging), spec))
    return out.error


def _poster(entry: Path, staging: Path, tl) -> None:
    """The poster (the last frame, RGBA from the transparent render) laid over the plate at the end."""
    from .composite import over

    src = entry / "poster.png"
    if not src.exists():
        return
    stats = json.loads((entry / "stats.json").read_text())
    rgba = np.asarray(Image.open(src).convert("RGBA"))
    plate = tl.at(float(stats.get("duration") or 0.0) + 1e6)
    if rgba.shape[:2] == plate.shape[:2]:
        Image.fromarray(over(rgba, plate)).save(staging / "poster.png")
