"""Layout-plan figures (issue 20): plan fidelity, JEPA prediction against baselines, defects with and without.

    .venv/bin/python bench/layout_plan.py [--quick] [--json] [--collect-only] [--every K]

1. Data: the layout probe's element boxes on our own renders (offline families, every K-th catalogue entry,
   Animations/), cached in bench/data/plan_layouts.jsonl (a scene already there is not probed again), plus
   synthetic layouts with known positions.
2. Prediction: the JEPA model is trained on the layouts of most scenes and synthetic templates; on held-out
   scenes and templates half the elements are masked and their boxes predicted (known size, predicted centre);
   mean IoU against the real boxes, next to fixed slots per role and the per-role mean.
3. Plan fidelity: >= 200 synthetic plans (measured sizes, prior anchors, solver) rendered through the probe;
   mean IoU of planned against measured boxes.
4. Outcome: layout defects per scene without and with the plan (the re-layout step: probe, plan, move the
   elements into their planned boxes, probe again), on the offline scenes and on bench/model_scenes/.
The last line printed is one JSON object: plan_iou, predict_iou, baseline_iou, defects_with, defects_without.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from mathanim.config import Settings  # noqa: E402
from mathanim.job import Job  # noqa: E402
from mathanim.plan import data  # noqa: E402

CACHE = ROOT / "bench" / "data" / "plan_layouts.jsonl"
MODEL_SCENES = ROOT / "bench" / "model_scenes"


def family_cases():
    """(name, source, code, scene) of every offline family with default Params."""
    from mathanim.offline.base import Params, families

    out = []
    for key, fam in sorted(families().items()):
        try:
            lesson = fam.build(Params(concept=fam.title_en or key))
        except Exception as e:  # noqa: BLE001 - a family bug is reported, not fatal to the bench
            print(f"  family {key}: build failed: {type(e).__name__}: {e}", file=sys.stderr)
            continue
        out.append((f"family:{key}", "family", lesson.code, lesson.scene_name))
    return out


def catalogue_cases(every: int):
    """Every `every`-th catalogue entry as the engine builds it (its family or its composer)."""
    from mathanim.offline.base import families
    from mathanim.offline.catalogue import load
    from mathanim.offline.composers import compose
    from mathanim.offline.params import extract
    from mathanim.offline.topics import SPECIALISTS

    out = []
    for entry in load()[::every]:
        try:
            p = extract(entry.name)
            lesson = families()[SPECIALISTS[entry.id]].build(p) if entry.id in SPECIALISTS else compose(entry, p)
        except Exception as e:  # noqa: BLE001
            print(f"  entry {entry.id}: compose failed: {type(e).__name__}: {e}", file=sys.stderr)
            continue
        out.append((f"entry:{entry.id}", f"composer:{entry.composer}", lesson.code, lesson.scene_name))
    return out


def file_cases(folder: Path, source: str):
    return [(f"{source}:{p.stem}", source, p.read_text(encoding="utf-8"), None) for p in sorted(folder.glob("*.py"))]


def collect(job: Job, every: int) -> dict:
    """Probe what the cache lacks; return the whole cache."""
    cases = family_cases() + file_cases(ROOT / "Animations", "animations") + catalogue_cases(every)
    t0 = time.monotonic()
    cache = data.collect(cases, job, CACHE)
    print(f"data: {len(cache)} scenes in {CACHE.name} ({time.monotonic() - t0:.0f} s to probe the new ones)",
          flush=True)
    return cache


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer training steps and scenes (under 10 minutes)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object, last line")
    ap.add_argument("--collect-only", action="store_true", help="only probe scenes into the cache")
    ap.add_argument("--every", type=int, default=5, help="probe every K-th catalogue entry")
    args = ap.parse_args(argv)
    job = Job.make(Settings.load(), "low", trusted=True)
    collect(job, args.every)
    if args.collect_only:
        return 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
