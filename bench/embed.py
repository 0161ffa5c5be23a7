"""The code<->frame embedding's figures: retrieval and separation on held-out pairs, and the cost of a score.

Reads a built folder (`python -m mathanim.embed build`) and a trained model (`python -m mathanim.embed train`),
splits the pairs as training did (held-out families: groups never trained on; held-out parameters: other
variants of groups trained on), and prints R@1, R@5 and MRR in both directions on a gallery of up to 100 pairs
(averaged over 5 random galleries where a split has more), each next to chance, and the AUC of a scene's own
frame against swapped frames; then the milliseconds of one `consistency()` call (warm). The last line is
one JSON object with every figure.

With --frame-cost N it measures the data builder instead: N scenes sampled from the built folder's items are
rendered twice into fresh caches (fresh TeX folders too, so both pay the same TeX), once as the builder did
before (manim's own plays, 12 scenes per sandbox child) and once as it does now (fast end states, 40 per
child); it prints the CPU seconds per frame of each, their ratio, and how many frames came out the same.
--warm-tex renders them once first into one TeX folder both runs then read, so TeX is left out of the ratio.

    .venv/bin/python bench/embed.py [--model media/embed/model.pt] [--data media/embed/data] [--gallery 100]
    flock /tmp/mathanim-heavy.lock nice -n 10 .venv/bin/python bench/embed.py --frame-cost 48
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mathanim.config import Settings  # noqa: E402
from mathanim.embed.batch import FrameCache, RenderOptions, render_all  # noqa: E402
from mathanim.embed.data import Item, read_index  # noqa: E402
from mathanim.embed.eval import evaluate, table  # noqa: E402
from mathanim.embed.score import consistency  # noqa: E402


def score_cost(model: str, data: str, n: int = 20) -> dict:
    """Seconds of the first consistency() call (loads the model) and the median of the next n (warm)."""
    rows = read_index(data)[:n]
    t0 = time.perf_counter()
    consistency(rows[0]["code"], rows[0]["frame"], model=model)
    first = time.perf_counter() - t0
    times = []
    for r in rows:
        t = time.perf_counter()
        consistency(r["code"], r["frame"], model=model)
        times.append(time.perf_counter() - t)
    times.sort()
    return {"first_s": round(first, 3), "warm_ms_median": round(1000 * times[len(times) // 2], 2)}


BUILDERS = {"before": RenderOptions(batch=12, fast=False), "after": RenderOptions(batch=40, fast=True)}


def _same(a: Path | None, b: Path | None) -> bool:
    """Two tiles with no pixel more than 2 levels apart."""
    if a is None or b is None:
        return False
    x, y = (np.asarray(Image.open(p).convert("RGB"), dtype=float) for p in (a, b))
    return bool(np.abs(x - y).max() <= 2)


def frame_cost(data: str, n: int, seed: int, warm: bool = False) -> dict:
    """Render the same n sampled items with the old and the new builder; CPU per frame and agreement. warm: a
    first, unmeasured run fills one TeX folder both measured runs read (TeX left out of the comparison)."""
    lines = (Path(data) / "items.jsonl").read_text(encoding="utf-8").splitlines()[1:]
    items = random.Random(seed).sample([Item(**json.loads(x)) for x in lines], n)
    out, caches = {}, {}
    with tempfile.TemporaryDirectory(prefix="embed-cost-") as tmp:
        runs = ([("warm-up", BUILDERS["after"])] if warm else []) + list(BUILDERS.items())
        for name, opts in runs:
            root = Path(tmp) / name
            tex = Path(tmp) / "tex" if warm else root / "tex"
            settings = Settings.load().with_(media_dir=root / "media", tex_dir=tex)
            caches[name] = FrameCache(root / "cache")
            out[name] = render_all(items, caches[name], settings, opts, log=lambda m: print(m, file=sys.stderr))
        both = [it for it in items if caches["before"].frame(it.key) and caches["after"].frame(it.key)]
        same = sum(_same(caches["before"].frame(it.key), caches["after"].frame(it.key)) for it in both)
    ratio = out["before"]["cpu_s_per_frame"] / max(1e-9, out["after"]["cpu_s_per_frame"])
    return {**out, "scenes": n, "warm_tex": warm, "ratio_cpu": round(ratio, 2), "compared": len(both),
            "same_frames": same}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", default="media/embed/model.pt")
    p.add_argument("--data", default="media/embed/data")
    p.add_argument("--gallery", type=int, default=100)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--frame-cost", type=int, default=0, metavar="N", help="measure the builder on N sampled scenes")
    p.add_argument("--warm-tex", action="store_true", help="with --frame-cost: both runs read TeX compiled before")
    a = p.parse_args()
    if a.frame_cost:
        cost = frame_cost(a.data, a.frame_cost, a.seed, a.warm_tex)
        for name in BUILDERS:
            c = cost[name]
            print(f"{name:>6}: {c['rendered']}/{c['asked']} frames, {c['cpu_s_per_frame']} CPU s/frame, "
                  f"{c['seconds_per_frame']} s/frame wall, fast plays {c['fast_plays']}/{c['plays']}")
        print(f"ratio (CPU per frame, before/after): {cost['ratio_cpu']}; identical frames {cost['same_frames']}"
              f"/{cost['compared']}")
        print(json.dumps(cost))
        return 0
    report = evaluate(a.model, a.data, a.gallery, a.seed)
    print(table(report))
    cost = score_cost(a.model, a.data)
    print(f"consistency(): first call {cost['first_s']} s (loads the model), then {cost['warm_ms_median']} ms")
    print(json.dumps({**report, "consistency": cost}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
