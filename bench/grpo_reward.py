"""How fast the GRPO reward runs on this machine: real scene replies scored by the sandboxed reward.

Takes the scenes of a folder (default `Animations/`) as model-like replies (a sentence, the code in a ```python
block, a note), adds replies without code and broken copies (a NameError), and scores them with
`SandboxReward` (fast check, then the layout checker) with `--workers` checks at once. Prints the rewards by
kind and completions (reward calls) per second; the last line is one JSON object.

    .venv/bin/python bench/grpo_reward.py [--folder Animations] [--limit 8] [--workers 2] [--no-layout]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mathanim.finetune.extract import extract_tree  # noqa: E402
from mathanim.finetune.grpo import SandboxReward  # noqa: E402


def replies(folder: str, limit: int) -> list[tuple[str, str]]:
    """(kind, reply text): each scene as it is, broken, and a reply with no code."""
    out = []
    for s in extract_tree(folder)[:limit]:
        out.append(("clean", f"Here is the scene.\n\n```python\n{s.code}\n```\n\nNotes: {s.concept}"))
        broken = s.code.replace("def construct(self):", "def construct(self):\n        undefined_name_xyz()", 1)
        out.append(("broken", f"```python\n{broken}\n```"))
        out.append(("no code", f"I would animate {s.concept} step by step."))
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--folder", default="Animations")
    p.add_argument("--limit", type=int, default=8)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--no-layout", action="store_true")
    a = p.parse_args()
    items = replies(a.folder, a.limit)
    reward = SandboxReward(workers=a.workers, check_layout=not a.no_layout)
    t0 = time.monotonic()
    scores = reward(completions=[[{"role": "assistant", "content": t}] for _, t in items])
    wall = time.monotonic() - t0
    by_kind: dict[str, list[float]] = {}
    for (kind, _), s in zip(items, scores, strict=True):
        by_kind.setdefault(kind, []).append(s)
    for kind, vals in by_kind.items():
        print(f"{kind:<8} n={len(vals):<3} mean reward {statistics.mean(vals):.3f}  min {min(vals):.3f}")
    summary = {**reward.summary(), "wall_s": round(wall, 1), "workers": a.workers, "layout": not a.no_layout,
               "by_kind": {k: round(statistics.mean(v), 3) for k, v in by_kind.items()}}
    print(f"{summary['completions']} completions in {wall:.1f} s: {summary['completions_per_s']} reward calls/s, "
          f"{summary['sandbox_runs']} sandbox runs")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
