"""The code<->frame embedding's figures: retrieval and separation on held-out pairs, and the cost of a score.

Reads a built folder (`python -m mathanim.embed build`) and a trained model (`python -m mathanim.embed train`),
splits the pairs as training did (held-out families: groups never trained on; held-out parameters: other
variants of groups trained on), and prints R@1, R@5 and MRR in both directions on a gallery of up to 100 pairs
(averaged over 5 random galleries where a split has more), each next to chance, and the AUC of a scene's own
frame against swapped frames; then the milliseconds of one `consistency()` call (warm). The last line is
one JSON object with every figure.

    .venv/bin/python bench/embed.py [--model media/embed/model.pt] [--data media/embed/data] [--gallery 100]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mathanim.embed.data import read_index  # noqa: E402
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


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", default="media/embed/model.pt")
    p.add_argument("--data", default="media/embed/data")
    p.add_argument("--gallery", type=int, default=100)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    report = evaluate(a.model, a.data, a.gallery, a.seed)
    print(table(report))
    cost = score_cost(a.model, a.data)
    print(f"consistency(): first call {cost['first_s']} s (loads the model), then {cost['warm_ms_median']} ms")
    print(json.dumps({**report, "consistency": cost}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
