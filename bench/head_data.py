"""Write the offline classifier's training phrasings (mathanim/offline/training/) from the labelled sets.

The learned head (mathanim/offline/head.py) trains on the catalogue's own names and sentences plus these rows:
the calibration half of tests/data/offline_*.jsonl and the sets that were written to be read (READ_SETS).
Never the held-out half, blind2, blind3 nor dev6: those stay the honest figures of bench/classifier_eval.py, and
tests/test_catalogue.py checks that none of their texts is in the training files.

    .venv/bin/python bench/head_data.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from classifier_eval import halves, load  # noqa: E402

OUT = ROOT / "mathanim" / "offline" / "training"
# "written": 20 phrasings per entry (14 Chinese) and 1,200 requests outside the catalogue, written for training from
# the catalogue alone (in two rounds, each in its own styles), by writers who never saw a labelled set
READ_SETS = ("fresh", "dev3", "dev4", "dev5", "written")


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().replace("’", "'")).strip()


def rows(kind: str) -> list[dict]:
    """The training rows of one kind ("phrasings" or "out_of_scope"): text and topic (absent out of scope). A line
    that one of the read sets repeats from the held-out half, blind2, blind3 or dev6 ("tell me a joke") is left out."""
    base = "offline_phrasings.jsonl" if kind == "phrasings" else "offline_out_of_scope.jsonl"
    kept = {_fold(r["text"]) for k in ("phrasings", "out_of_scope") for r in halves(load(f"offline_{k}.jsonl"))[1]
            + [r for s in ("blind2", "blind3", "dev6") for r in load(f"offline_{k}_{s}.jsonl")]}
    out = halves(load(base))[0] + [r for s in READ_SETS for r in load(f"offline_{kind}_{s}.jsonl")]
    return [{"text": r["text"], **({"topic": r["topic"]} if r.get("topic") else {})} for r in out
            if _fold(r["text"]) not in kept]


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for kind in ("phrasings", "out_of_scope"):
        lines = [json.dumps(r, ensure_ascii=False) for r in rows(kind)]
        (OUT / f"{kind}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{kind}: {len(lines)} rows")


if __name__ == "__main__":
    main()
