"""Wall time of a 5-scene offline narrated lesson, scenes rendered in parallel vs one after another, and the
share of speech synthesis in the total.

    flock /tmp/mathanim-heavy.lock nice -n 10 .venv/bin/python bench/lesson.py [--concept TEXT] [--narration piper]

Each run starts from an empty media folder (no render or speech cache); the offline engine is loaded once
before timing (its classifier is shared by every request of a process). Prints one JSON object.
`speech_s` sums each scene's synthesis time: in the parallel run those overlap each other and the renders (and
slow down under contention), so its `speech_share` reads high; the sequential run's share is the clean figure.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from mathanim.backends import get_backend  # noqa: E402
from mathanim.config import Settings  # noqa: E402
from mathanim.events import Done  # noqa: E402
from mathanim.job import Job  # noqa: E402
from mathanim.lesson.context import LessonJob, language_of  # noqa: E402
from mathanim.lesson.offline_board import offline_storyboard  # noqa: E402
from mathanim.lesson.run import generate_lesson  # noqa: E402
from mathanim.speech import voice_spec  # noqa: E402


def one_lesson(concept: str, narration: str | None, sequential: bool, quality: str) -> dict:
    """One lesson in a fresh media folder; its timings and what it made."""
    with tempfile.TemporaryDirectory(prefix="bench-lesson-") as tmp:
        settings = Settings.load(env={"MATHANIM_MEDIA_DIR": str(Path(tmp) / "media")}, dotenv=False)
        voice = voice_spec(narration, None, language_of(concept), settings)
        lj = LessonJob(Job.make(settings, quality, ["mp4"], Path(tmp) / "out"), voice, sequential=sequential)
        t0 = time.monotonic()
        res = next(ev.result for ev in generate_lesson(concept, get_backend("offline", settings), lj)
                   if isinstance(ev, Done))
        wall = time.monotonic() - t0
    if not res.ok:
        raise SystemExit(f"the lesson failed: {res.error}")
    s = res.seconds
    return {"mode": "one after another" if sequential else "parallel", "wall_s": round(wall, 1),
            "scenes": len(res.scenes), "video_s": s.get("video"), "storyboard_s": s.get("storyboard"),
            "scenes_s": s.get("scenes"), "speech_s": s.get("speech"),
            "speech_share": round(s.get("speech", 0) / wall, 3),
            "assemble_s": s.get("assemble"), "render_concurrency": settings.render_concurrency}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--concept", default="a^2 + b^2 = c^2")
    ap.add_argument("--narration", default=None, help="speech engine (default: piper for English)")
    ap.add_argument("--quality", default="low")
    args = ap.parse_args()
    offline_storyboard(args.concept)  # load the offline engine before any timing
    runs = [one_lesson(args.concept, args.narration, seq, args.quality) for seq in (False, True)]
    speedup = round(runs[1]["wall_s"] / runs[0]["wall_s"], 2)
    print(json.dumps({"concept": args.concept, "cores": os.cpu_count(), "runs": runs,
                      "parallel_speedup": speedup}, indent=1))


if __name__ == "__main__":
    main()
