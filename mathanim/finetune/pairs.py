"""The dataset's record types, shared by the dataset builder (dataset.py) and the synthetic pairs (synthetic.py),
and the preference pairs (chosen, rejected, both reward breakdowns) that best-of-N and bench/reward.py export."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

NONCOMMERCIAL = re.compile(r"NonCommercial|BY-NC|non-commercial", re.I)


@dataclass
class Source:
    """One input tree and its licence."""

    path: str
    name: str = ""
    licence: str = ""

    @property
    def commercial(self) -> bool:
        return not NONCOMMERCIAL.search(self.licence)


@dataclass
class Pair:
    """One training example before it becomes a chat."""

    source: str  # Source.name, or "synthetic"
    source_file: str  # the file it came from (split key), or the family key for synthetic pairs
    scene: str
    concept: str
    code: str
    licence: str
    reasoning: str = ""
    notes: str = ""
    origin: str = "tree"  # "tree" or "synthetic"
    changes: list[str] = field(default_factory=list)  # converter changes (GL sources)
    split: str = ""

    @property
    def key(self) -> str:
        return hashlib.sha256(f"{self.source}|{self.source_file}|{self.scene}|{self.concept}".encode()).hexdigest()[:16]


@dataclass
class PreferencePair:
    """One (chosen, rejected) example for preference training (DPO-style), with both reward breakdowns."""

    prompt: str  # the concept asked for
    chosen: str  # scene code
    rejected: str
    chosen_reward: dict  # reward.evaluate's {"total", "components"}
    rejected_reward: dict
    source: str = "candidates"  # "candidates" (best-of-N) or "bench" (a clean scene and a damaged copy)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


def _breakdown(scored: dict) -> dict:
    return {"total": scored.get("total", scored.get("score", 0.0)), "components": scored.get("components", {})}


def preference_pairs(prompt: str, scored: list[tuple[str, dict]], margin: float = 0.02) -> list[PreferencePair]:
    """Every (better, worse) pair of scored codes whose totals differ by more than `margin`, best first."""
    ranked = sorted(scored, key=lambda cs: -_breakdown(cs[1])["total"])
    out = []
    for i, (good, good_s) in enumerate(ranked):
        for bad, bad_s in ranked[i + 1:]:
            if _breakdown(good_s)["total"] - _breakdown(bad_s)["total"] > margin and good != bad:
                out.append(PreferencePair(prompt, good, bad, _breakdown(good_s), _breakdown(bad_s)))
    return out


def append_jsonl(pairs: list[PreferencePair], path: Path | str) -> int:
    """Append the pairs to a JSONL file (one object a line: prompt, chosen, rejected, both rewards)."""
    if not pairs:
        return 0
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as f:
        for p in pairs:
            f.write(p.to_json() + "\n")
    return len(pairs)
