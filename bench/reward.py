"""How often the reward scores a clean scene above a deliberately damaged copy of it.

Clean scenes come from the offline engine (the English requests of bench/concepts.txt, one per topic); each gets
three damaged copies (mathanim/finetune/damage.py: overlap, offframe, error) and a wrong-concept copy (the next
topic's clean scene, scored for this concept). Every code runs once in the sandbox (layout probe with
thumbnails); the reward is computed from that run. Prints, per damage and overall, how often the clean scene's
total is higher, and per component how often it is higher / equal / lower; writes the pairs as preference JSONL.

    flock /tmp/mathanim-heavy.lock nice -n 10 .venv/bin/python bench/reward.py [--topics 12] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mathanim import layout, reward  # noqa: E402
from mathanim.config import Settings  # noqa: E402
from mathanim.finetune import damage  # noqa: E402
from mathanim.finetune.pairs import PreferencePair, append_jsonl  # noqa: E402
from mathanim.job import Job  # noqa: E402
from mathanim.offline.engine import understand  # noqa: E402

CONCEPTS = Path(__file__).with_name("concepts.txt")


def clean_scenes(n: int, settings: Settings) -> list[dict]:
    """The first n English requests whose recognised topics differ: {concept, topic, code, notes}."""
    out, topics = [], set()
    for line in CONCEPTS.read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if not text or text.startswith("#") or not text.isascii() or "\\" in text:
            continue
        u = understand(text, settings)
        if not u.match.recognised or u.topic in topics:
            continue
        topics.add(u.topic)
        out.append({"concept": text, "topic": u.topic, "code": u.lesson.code, "notes": u.lesson.notes_md})
        if len(out) == n:
            break
    return out


class Runs:
    """One layout run per distinct code (a wrong-concept copy reuses its scene's run)."""

    def __init__(self, job: Job):
        self.job, self.cache, self.seconds = job, {}, 0.0

    def score(self, code: str, concept: str, notes: str) -> dict:
        if code not in self.cache:
            t0 = time.monotonic()
            self.cache[code] = layout.run_probe(code, self.job, frames=True)
            self.seconds += time.monotonic() - t0
        return reward.score(self.cache[code], reward.Candidate(code, concept, notes), self.job)


def compare(clean: dict, bad: dict) -> dict:
    """Per component: 1 clean higher, 0 equal, -1 lower (None when either side lacks it); and the total's."""
    out = {"total": _sign(clean["total"], bad["total"])}
    for k in reward.WEIGHTS:
        a, b = clean["components"].get(k), bad["components"].get(k)
        out[k] = None if a is None or b is None else _sign(a, b)
    return out


def _sign(a: float, b: float) -> int:
    return 1 if a > b + 1e-9 else -1 if b > a + 1e-9 else 0


def run(n: int, out_dir: Path) -> dict:
    settings = Settings.load(env={"MATHANIM_MEDIA_DIR": tempfile.mkdtemp(prefix="bench-reward-")}, dotenv=False)
    scenes = clean_scenes(n, settings)
    runs, results, pairs = Runs(Job.make(settings)), defaultdict(list), []
    for i, s in enumerate(scenes):
        clean = runs.score(s["code"], s["concept"], s["notes"])
        other = scenes[(i + 1) % len(scenes)]
        copies = {k: (damage.damage(s["code"], k), s["notes"]) for k in damage.KINDS}
        copies["wrong concept"] = (other["code"], other["notes"])
        for kind, (code, notes) in copies.items():
            bad = runs.score(code, s["concept"], notes)
            results[kind].append({"topic": s["topic"], **compare(clean, bad), "clean": clean["total"],
                                  "damaged": bad["total"]})
            pairs.append(PreferencePair(s["concept"], s["code"], code, _brief(clean), _brief(bad), source="bench"))
        print(f"{s['topic']:<28} clean {clean['total']:.3f}  " + "  ".join(
            f"{k} {r[-1]['damaged']:.3f}" for k, r in results.items()), file=sys.stderr, flush=True)
    append_jsonl(pairs, out_dir / "reward_pairs.jsonl")
    return summary(results, len(scenes), runs.seconds)


def _brief(scored: dict) -> dict:
    return {"total": scored["total"], "components": scored["components"]}


def _rates(rows: list[dict], key: str) -> dict:
    signs = [r[key] for r in rows if r[key] is not None]
    if not signs:
        return {"n": 0}
    return {"n": len(signs), "higher": round(signs.count(1) / len(signs), 3),
            "equal": round(signs.count(0) / len(signs), 3), "lower": round(signs.count(-1) / len(signs), 3)}


def summary(results: dict, topics: int, seconds: float) -> dict:
    every = [r for rows in results.values() for r in rows]
    table = {kind: {k: _rates(rows, k) for k in ("total", *reward.WEIGHTS)} for kind, rows in results.items()}
    losses = [{"damage": kind, **r} for kind, rows in results.items() for r in rows if r["total"] != 1]
    return {"topics": topics, "pairs": len(every), "clean_higher_overall": _rates(every, "total"),
            "per_damage": table, "per_component_all": {k: _rates(every, k) for k in reward.WEIGHTS},
            "not_higher": losses, "probe_seconds": round(seconds, 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--topics", type=int, default=12, help="clean scenes (4 pairs each; default 12 = 48 pairs)")
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "mathanim-bench",
                    help="where reward_pairs.jsonl goes (default: a folder under /tmp)")
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    print(json.dumps(run(a.topics, a.out), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
