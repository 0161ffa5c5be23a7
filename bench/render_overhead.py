"""Our render engine vs the plain `manim` CLI on the same scene, alternating, at low, medium and high.

Both start cold (fresh media folder, no cached Tex or partial movies). Prints the median seconds of each and
their ratio; the target is at most 1.10 at every preset.

    .venv/bin/python bench/render_overhead.py [--reps 3] [--presets low,medium,high]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mathanim import render  # noqa: E402
from mathanim.config import Settings  # noqa: E402
from mathanim.job import Job  # noqa: E402
from mathanim.presets import PRESETS  # noqa: E402

SCENE = Path(__file__).with_name("scene_5s.py")


def time_manim_cli(preset, tmp: Path) -> float:
    p = PRESETS[preset]
    media = tempfile.mkdtemp(dir=tmp)
    cmd = [str(Path(sys.executable).with_name("manim")), "render", str(SCENE), "BenchScene", "-r",
           f"{p.width},{p.height}", "--fps", str(p.fps), "--media_dir", media, "-v", "WARNING",
           "--progress_bar", "none"]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - t0


def time_engine(preset, tmp: Path) -> float:
    settings = Settings.load(env={"MATHANIM_MEDIA_DIR": tempfile.mkdtemp(dir=tmp)}, dotenv=False)
    code = SCENE.read_text()
    t0 = time.perf_counter()
    res = render.render(code, Job.make(settings, preset, ["mp4"], Path(settings.media_dir) / "out"))
    elapsed = time.perf_counter() - t0
    if not res.ok:
        raise SystemExit(f"engine failed: {res.error}")
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--presets", default="low,medium,high")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        time_engine("low", tmp)  # warm the OS file cache for both sides
        time_manim_cli("low", tmp)
        print(f"{'preset':<8} {'manim CLI s':>12} {'engine s':>10} {'ratio':>7}")
        for preset in args.presets.split(","):
            cli, eng = [], []
            for _ in range(args.reps):  # alternate so drifts in machine load hit both alike
                cli.append(time_manim_cli(preset, tmp))
                eng.append(time_engine(preset, tmp))
            c, e = statistics.median(cli), statistics.median(eng)
            print(f"{preset:<8} {c:12.2f} {e:10.2f} {e / c:7.3f}", flush=True)


if __name__ == "__main__":
    main()
