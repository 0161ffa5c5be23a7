"""The dataset's record types, shared by the dataset builder (dataset.py) and the synthetic pairs (synthetic.py)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

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
