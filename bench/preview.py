"""How early the preview frame comes: for each concept, seconds from the request to the Preview event, to the
video, and the render's own seconds, at the chosen quality (medium by default). The contract is that at medium
and above the preview precedes the video by at least the render time.

    .venv/bin/python bench/preview.py [--quality medium] [--backend offline] [CONCEPT ...]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mathanim.backends import BACKENDS, get_backend  # noqa: E402
from mathanim.config import Settings  # noqa: E402
from mathanim.events import Done  # noqa: E402
from mathanim.job import Job  # noqa: E402
from mathanim.pipeline import generate  # noqa: E402

CONCEPTS = ["derivative of x^2 sin x", "Boyle's law", "insertion sort [7, 3, 5, 1]"]


def one(concept: str, backend, quality: str) -> dict:
    media = tempfile.mkdtemp(prefix="preview-bench-")
    settings = Settings.load(env={"MATHANIM_MEDIA_DIR": media, "MATHANIM_CACHE": "0"}, dotenv=False)
    res = next(ev.result for ev in generate(concept, backend, Job.make(settings, quality)) if isinstance(ev, Done))
    s = res.seconds
    return {"concept": concept, "ok": res.ok, "preview_s": s.get("preview"), "render_s": s.get("render.render"),
            "total_s": s.get("total"),
            "lead_s": round(s["total"] - s["preview"], 2) if s.get("preview") is not None else None}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("concepts", nargs="*", default=CONCEPTS)
    ap.add_argument("--quality", default="medium")
    ap.add_argument("--backend", choices=BACKENDS, default="offline")
    a = ap.parse_args()
    backend = get_backend(a.backend, Settings.load())
    rows = [one(c, backend, a.quality) for c in a.concepts]
    for r in rows:
        print(f"{r['concept'][:40]:<40} preview {r['preview_s']}s  render {r['render_s']}s  total {r['total_s']}s"
              f"  video comes {r['lead_s']}s after the preview")
    ok = all(r["lead_s"] is not None and r["lead_s"] >= (r["render_s"] or 0) for r in rows)
    print(json.dumps({"quality": a.quality, "rows": len(rows), "preview_precedes_by_render_time": ok}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
