"""Few-shot exemplars: the scenes in Animations/ most similar to a concept (TF-IDF over words and CJK bigrams).

The library may be empty or still growing; retrieval then returns fewer (or no) exemplars. Indexing is cheap
(a few dozen small files) and cached by the folder's file list and modification times.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .config import ROOT

ANIMATIONS = ROOT / "Animations"
WORD = re.compile(r"[A-Za-z]+|\d+")
CJK = re.compile(r"[\u3400-\u9fff]+")
STOP = set("the a an of and or to in on for with is by as at from self def class import construct play wait "
           "manim np scene run time mathtex text tex color buff".split())


@dataclass(frozen=True)
class Exemplar:
    name: str
    code: str
    score: float


def tokens(text: str) -> list[str]:
    """Lower-case word tokens (camelCase and snake_case split) plus CJK character bigrams."""
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", text)
    out = [w.lower() for w in WORD.findall(spaced) if len(w) > 1 or w.isdigit()]
    out = [w for w in out if w not in STOP]
    for run in CJK.findall(text):
        out += [run[i:i + 2] for i in range(len(run) - 1)] or [run]
    return out


class Index:
    """TF-IDF vectors of the scene files in one folder."""

    def __init__(self, folder: Path):
        self.files = sorted(folder.glob("*.py")) if folder.is_dir() else []
        self.docs = {f: f.read_text(encoding="utf-8", errors="replace") for f in self.files}
        counts = {f: Counter(tokens(f.stem.replace("_", " ") + " " + text)) for f, text in self.docs.items()}
        df = Counter(t for c in counts.values() for t in c)
        n = len(counts)
        self.idf = {t: math.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}
        self.vectors = {f: self._vector(c) for f, c in counts.items()}

    def _vector(self, counts: Counter) -> dict[str, float]:
        vec = {t: (1 + math.log(k)) * self.idf.get(t, 0.0) for t, k in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items() if v}

    def search(self, query: str, k: int) -> list[Exemplar]:
        """The k most similar files with a positive score, best first."""
        q = self._vector(Counter(tokens(query)))
        scored = [(sum(w * v.get(t, 0.0) for t, w in q.items()), f) for f, v in self.vectors.items()]
        scored = sorted((s, f) for s, f in scored if s > 0)[::-1]
        return [Exemplar(f.stem, self.docs[f], round(s, 4)) for s, f in scored[:k]]


_cache: dict[tuple, Index] = {}


def _index(folder: Path) -> Index:
    files = sorted(folder.glob("*.py")) if folder.is_dir() else []
    key = (str(folder), tuple((f.name, f.stat().st_mtime_ns) for f in files))
    if key not in _cache:
        _cache.clear()
        _cache[key] = Index(folder)
    return _cache[key]


def retrieve(concept: str, k: int = 2, folder: Path | None = None, max_chars: int = 6000) -> list[Exemplar]:
    """Up to k exemplars similar to `concept`, skipping any that would exceed `max_chars` in all."""
    out, total = [], 0
    for ex in _index(folder or ANIMATIONS).search(concept, k * 3):
        if len(out) == k:
            break
        if total + len(ex.code) <= max_chars:
            out.append(ex)
            total += len(ex.code)
    return out


def format_exemplars(exemplars: list[Exemplar]) -> str:
    """A Markdown section for the system prompt ('' when there are none)."""
    if not exemplars:
        return ""
    parts = ["\n# Examples of good scenes from this project's library (style and API reference)"]
    for ex in exemplars:
        parts.append(f"\n## {ex.name}\n```python\n{ex.code.strip()}\n```")
    return "\n".join(parts) + "\n"
