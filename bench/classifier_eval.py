"""How well the offline classifier understands requests, on the two labelled sets of tests/data/.

- offline_phrasings.jsonl: in-scope requests labelled with a catalogue id; a hit is a recognised match whose
  topic is that entry (a family counts as its catalogue twin).
- offline_out_of_scope.jsonl: requests the offline catalogue does not cover; a hit is the honest fallback
  (not recognised).

Both sets are split once into a calibration half and a held-out half (fixed seed, stratified by topic, and the
out-of-scope set by language): thresholds and weights are tuned on the calibration half only, and the held-out
figures are the headline. Prints both halves' rates, the misses, the time per classification, and as its last line
one JSON object with the figures.

    .venv/bin/python bench/classifier_eval.py [--half calibration|held-out|both] [--misses N]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mathanim.config import Settings  # noqa: E402
from mathanim.offline.params import CJK, extract  # noqa: E402
from mathanim.offline.topics import catalogue_key  # noqa: E402
from mathanim.offline.understand import Classifier  # noqa: E402

DATA = ROOT / "tests" / "data"
SEED = 15


def load(name: str) -> list[dict]:
    """The rows of one labelled JSON-lines file."""
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def halves(rows: list[dict], seed: int = SEED) -> tuple[list[dict], list[dict]]:
    """(calibration, held-out): each topic's rows (or each language's, without a topic) shuffled and dealt
    alternately, odd groups taking turns to give the extra row, so both halves see every topic."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        groups[r.get("topic") or ("zh" if CJK.search(r["text"]) else "en")].append(r)
    rng, cal, held, turn = random.Random(seed), [], [], 0
    for key in sorted(groups):
        group = groups[key][:]
        rng.shuffle(group)
        for i, r in enumerate(group):
            (cal if (i + turn) % 2 == 0 else held).append(r)
        turn += len(group) % 2
    return cal, held


def hit(clf: Classifier, row: dict) -> tuple[bool, str]:
    """Whether the classifier gets the row right, and what it said."""
    m = clf.classify(row["text"], extract(row["text"]))
    got = catalogue_key(m.key) if m.recognised else f"fallback (nearest {m.nearest})"
    ok = m.recognised and catalogue_key(m.key) == row["topic"] if row.get("topic") else not m.recognised
    return ok, f"{got} by {m.source} {m.score:.2f}"


def evaluate(clf: Classifier, rows: list[dict]) -> tuple[float, list[str], float]:
    """(rate, misses, seconds per classification) over `rows`."""
    misses, t0 = [], time.perf_counter()
    for r in rows:
        ok, said = hit(clf, r)
        if not ok:
            misses.append(f"{r['text']!r}: want {r.get('topic', 'fallback')}, got {said}")
    seconds = (time.perf_counter() - t0) / max(1, len(rows))
    return 1 - len(misses) / max(1, len(rows)), misses, seconds


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=["calibration", "held-out", "fresh", "blind2", "blind3", "dev3", "dev4", "dev5", "dev6",
                                       "open", "both"],
                    default="both", help="open: every set but blind2 and blind3, the ones that must stay unread")
    ap.add_argument("--misses", type=int, default=400, help="print at most this many misses per set and half")
    args = ap.parse_args(argv)
    clf = Classifier(cache_dir=Settings().vectors_dir)
    sets = {"in_scope": halves(load("offline_phrasings.jsonl")), "out_of_scope": halves(load("offline_out_of_scope.jsonl"))}
    # The blind sets: written afterwards by someone who saw only the catalogue's names, never its aliases, the code
    # or the other sets. "fresh" was written first and its misses were read (the catalogue's situations came
    # after); "blind2" was written later, while the situations were written by someone who never saw either set:
    # nothing was tuned on it, so it is the honest figure. "dev3" was written the same way as blind2, later, to be
    # read: its misses guide the work, so that blind2 stays unread. "dev4" likewise, later, in more of a teacher's
    # and a homework's voice (long sentences, English terms inside Chinese, a formula in plain text). "dev5" likewise,
    # three lines per entry that describe rather than name. "dev6" likewise, two per entry (one English, one Chinese)
    # in a hurried user's voice (homework numbers, typos, English terms inside Chinese), kept out of the head's
    # training so that a set which may be read still measures it (but the brief of the "written" set's second round
    # named four keywords I had seen among dev6's misses: its Chinese figure has been a little kind since). The learned
    # head trains on fresh, dev3, dev4, dev5 and "written" (bench/head_data.py: 11 + 9 lines per entry and 1,200 lines
    # outside, written for training from the catalogue alone, in two rounds), so their figures are no test; the
    # held-out half and blind2 are. "blind3" was written last,
    # after every weight was set, by someone who saw only the catalogue's ids and titles (as the issue asks: textbook
    # section headings and short requests, both languages, typos and formulas; 648 lines in scope and 212 outside, of
    # 654 and 240 written, less those that repeat a name or a line of another set). First measured at 382ef48; since then at
    # each adopted change, with its misses never printed (`--misses 0`).
    blind = {(set_, name): load(f"offline_{file}_{set_}.jsonl")
             for set_ in ("fresh", "blind2", "blind3", "dev3", "dev4", "dev5", "dev6")
             for name, file in (("in_scope", "phrasings"), ("out_of_scope", "out_of_scope"))}
    if clf.embedder is not None and clf.embedder.available:  # one batch for every text, cached on disk
        clf.embedder.remember([r["text"] for pair in sets.values() for half in pair for r in half]
                              + [r["text"] for rows in blind.values() for r in rows])
    figures, seconds = {}, []
    for name, pair in sets.items():
        for label, rows in zip(("calibration", "held_out"), pair, strict=True):
            if args.half not in ("both", "open", label.replace("_", "-")):
                continue
            rate, misses, sec = evaluate(clf, rows)
            figures[f"{name}_{label}"], seconds = round(rate, 4), seconds + [sec]
            print(f"\n{name} {label}: {rate:.1%} of {len(rows)}  ({sec * 1000:.0f} ms per classification)")
            print("\n".join("  miss " + m for m in misses[:args.misses]))
    for (set_, name), rows in blind.items():
        if args.half in ("both", set_) or args.half == "open" and set_ not in ("blind2", "blind3"):
            rate, misses, sec = evaluate(clf, rows)
            figures[f"{name}_{set_}"], seconds = round(rate, 4), seconds + [sec]
            wrong = sum("got fallback" not in m and "want fallback" not in m for m in misses)
            figures[f"{name}_{set_}_wrong_topic"] = round(wrong / len(rows), 4)  # worse than declining
            zh = [r for r in rows if CJK.search(r["text"])]
            rate_zh = evaluate(clf, zh)[0] if zh else 0.0
            rate_en = (rate * len(rows) - rate_zh * len(zh)) / max(1, len(rows) - len(zh))
            figures[f"{name}_{set_}_en"], figures[f"{name}_{set_}_zh"] = round(rate_en, 4), round(rate_zh, 4)
            print(f"\n{name} {set_} (blind): {rate:.1%} of {len(rows)} (English {rate_en:.1%}, Chinese "
                  f"{rate_zh:.1%} of {len(zh)}), {wrong} given a wrong topic  ({sec * 1000:.0f} ms per classification)")
            print("\n".join("  miss " + m for m in misses[:args.misses]))
    figures["ms_per_classification"] = round(1000 * sum(seconds) / max(1, len(seconds)), 1)
    print(json.dumps(figures))
    return figures


if __name__ == "__main__":
    main()
