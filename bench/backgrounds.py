"""Background compositing: its cost next to a plain render, and the text contrast before and after the fix.

One run, the same 5-second scene (bench/scene_5s.py): a plain render and a render over `paper` at each preset,
alternating, every one a fresh render (the render cache off; TeX compiled once beforehand by a warm-up so
neither side pays it). The background render's seconds split into the transparent master and the background
stage (plate, contrast fix, PyAV composite, which overlaps nothing: the layout probe runs during the master).
Then each procedural background at low: the lowest WCAG ratio under a text box before and after the fix.

    flock /tmp/mathanim-heavy.lock nice -n 10 .venv/bin/python bench/backgrounds.py [--presets low,high] [--reps 1]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mathanim import backgrounds, render  # noqa: E402
from mathanim.backgrounds.stage import Finisher  # noqa: E402
from mathanim.config import Settings  # noqa: E402
from mathanim.job import Job  # noqa: E402

CODE = Path(__file__).with_name("scene_5s.py").read_text(encoding="utf-8")


def _render(settings: Settings, preset: str, bg: str | None) -> tuple[float, dict]:
    """Wall seconds of one fresh render (the background stage included) and its outcome's seconds/record."""
    job = Job.make(settings, preset, ("mp4",), out_dir=Path(tempfile.mkdtemp()), trusted=True,
                   background=backgrounds.parse(bg))
    t0 = time.perf_counter()
    out = render.render(CODE, job, None, None, Finisher(CODE, job) if bg else None)
    wall = time.perf_counter() - t0
    if not out.ok:
        raise SystemExit(f"render failed at {preset} ({bg}): {out.error}")
    return wall, {"seconds": {k: round(v, 2) for k, v in out.seconds.items()}, "background": out.background}


def overhead(settings: Settings, presets: list[str], reps: int) -> dict:
    _render(settings, "low", None)  # warm-up: TeX into the shared cache, imports, fonts
    table = {}
    for preset in presets:
        plain, over, parts = [], [], []
        for _ in range(reps):
            plain.append(_render(settings, preset, None)[0])
            wall, info = _render(settings, preset, "paper")
            over.append(wall)
            parts.append(info["seconds"])
        p, b = statistics.median(plain), statistics.median(over)
        table[preset] = {"plain_s": round(p, 2), "background_s": round(b, 2), "ratio": round(b / p, 3),
                         "stage_s": parts[-1].get("background"), "master_s": parts[-1].get("render")}
    return table


def contrast(settings: Settings) -> dict:
    """The worst text box's ratio before and after the fix, per procedural background, at low."""
    cached = settings.with_(use_cache=True)
    out = {}
    for name in backgrounds.NAMES:
        rec = _render(cached, "low", name)[1]["background"]
        out[name] = {k: rec[k] for k in ("texts", "dimmed", "contrast_before", "contrast_after")}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--presets", default="low,high")
    ap.add_argument("--reps", type=int, default=1)
    a = ap.parse_args()
    media = tempfile.mkdtemp(prefix="bench-bg-")
    settings = Settings.load(env={"MATHANIM_MEDIA_DIR": media}, dotenv=False).with_(use_cache=False)
    result = {"overhead": overhead(settings, a.presets.split(","), a.reps), "contrast": contrast(settings)}
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
