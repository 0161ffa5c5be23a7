"""Layout figures: defect rate and mean layout score on the offline engine's suite and on model-written scenes.

    .venv/bin/python bench/layout_suite.py [--preset low] [--only offline|model] [--json out.json] [-v]

The offline suite is every registered family (mathanim.offline.base.families()) built with default Params;
the model suite is bench/model_scenes/*.py (realistic scenes in the style models write). Every scene runs once
through the sandboxed layout probe (mathanim.layout.check_layout). The defect rate is the share of scenes with
at least one defect; defects are also counted per kind.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from mathanim import layout  # noqa: E402
from mathanim.config import Settings  # noqa: E402
from mathanim.job import Job  # noqa: E402

MODEL_SCENES = ROOT / "bench" / "model_scenes"


def offline_cases() -> list[tuple[str, str, str | None]]:
    """(name, code, scene) for every offline family built with default Params."""
    from mathanim.offline.base import Params, families

    cases = []
    for key, fam in sorted(families().items()):
        try:
            lesson = fam.build(Params(concept=fam.title_en or key))
        except Exception as e:  # noqa: BLE001 - a family bug is reported, not fatal to the bench
            print(f"  {key}: build failed: {type(e).__name__}: {e}", file=sys.stderr)
            continue
        cases.append((key, lesson.code, lesson.scene_name))
    return cases


def model_cases() -> list[tuple[str, str, str | None]]:
    return [(p.stem, p.read_text(encoding="utf-8"), None) for p in sorted(MODEL_SCENES.glob("*.py"))]


def run_suite(label: str, cases, settings: Settings, preset: str, trusted: bool, verbose: bool) -> dict:
    """Check every case; print one line each and a summary; return the figures."""
    job = Job.make(settings, preset, trusted=trusted)
    rows, kinds = [], Counter()
    for name, code, scene in cases:
        rep = layout.check_layout(code, job.with_(scene=scene))
        err = rep.get("error")
        rows.append({"name": name, "score": rep["score"], "defects": len(rep["defects"]), "error": err,
                     "seconds": rep["seconds"]})
        kinds.update(d["kind"] for d in rep["defects"])
        status = f"ERROR {err['kind']}: {err['message'][:80]}" if err else f"score {rep['score']:.3f}  defects {len(rep['defects'])}"
        print(f"  {label:<8} {name:<24} {status}  ({rep['seconds']:.1f} s)")
        if verbose:
            for d in rep["defects"]:
                print(f"      [{d['kind']}] {d['message']}")
    ran = [r for r in rows if not r["error"]]
    n = max(1, len(ran))
    figures = {"scenes": len(rows), "ran": len(ran),
               "defect_rate": round(sum(r["defects"] > 0 for r in ran) / n, 3),
               "defects_per_scene": round(sum(r["defects"] for r in ran) / n, 3),
               "mean_score": round(sum(r["score"] for r in ran) / n, 4),
               "by_kind": dict(kinds), "seconds": round(sum(r["seconds"] for r in rows), 1), "rows": rows}
    print(f"{label}: {figures['ran']}/{figures['scenes']} scenes ran; defect rate {figures['defect_rate']:.1%} "
          f"(scenes with a defect), {figures['defects_per_scene']} defects/scene, mean layout score "
          f"{figures['mean_score']:.3f}; by kind {dict(kinds) or '{}'}; {figures['seconds']} s")
    return figures


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--preset", default="low")
    ap.add_argument("--only", choices=["offline", "model"])
    ap.add_argument("--json", type=Path, help="write the figures and per-scene rows here")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every defect")
    args = ap.parse_args(argv)
    settings = Settings.load()
    t0, out = time.monotonic(), {}
    if args.only in (None, "offline"):
        out["offline"] = run_suite("offline", offline_cases(), settings, args.preset, True, args.verbose)
    if args.only in (None, "model"):
        out["model"] = run_suite("model", model_cases(), settings, args.preset, False, args.verbose)
    print(f"total {time.monotonic() - t0:.1f} s at preset {args.preset}")
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
