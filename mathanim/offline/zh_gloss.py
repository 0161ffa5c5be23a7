"""Chinese requests as English word bags, so the English embedding model can read them.

The offline embedding model (all-MiniLM-L6-v2) knows only English; a Chinese request ("从塔顶静止释放一个小球，3秒落地")
would otherwise be judged by its character pairs alone. `zh_glossary.tsv` is a general maths and science glossary
(written from textbook vocabulary, not from the catalogue or the test sets); the longest term that matches at each
place is replaced by its gloss, request words gloss to nothing, and formulas and numbers are kept as written.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from .params import CJK

GLOSSARY = Path(__file__).with_name("zh_glossary.tsv")


@dataclass(frozen=True)
class Gloss:
    """A request read through the glossary: the English text, and the share of its Chinese characters read."""

    text: str
    cover: float


@functools.lru_cache(maxsize=2)
def load(path: Path = GLOSSARY) -> tuple[dict[str, str], int]:
    """(term → gloss, the longest term's length); an absent file is an empty glossary."""
    terms: dict[str, str] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#") and "\t" in line:
                zh, en = line.split("\t", 1)
                terms.setdefault(zh.strip(), en.strip())
    return terms, max(map(len, terms), default=0)


def _run(run: str, terms: dict[str, str], longest: int) -> tuple[list[str], int, int]:
    """The glosses of one run of Chinese characters (longest match first), how many characters a gloss read, and
    how many were request words (glossed to nothing: they neither help nor count against the reading)."""
    out, read, request, i = [], 0, 0, 0
    while i < len(run):
        for n in range(min(longest, len(run) - i), 0, -1):
            gloss = terms.get(run[i:i + n])
            if gloss is not None:
                out += [gloss] if gloss else []
                read, request = (read + n, request) if gloss else (read, request + n)
                i += n
                break
        else:
            i += 1  # an unknown character says nothing to the English model
    return out, read, request


@functools.lru_cache(maxsize=4096)
def translate(text: str) -> Gloss:
    """`text` with every Chinese run replaced by the glosses of its terms."""
    terms, longest = load()
    total = read = 0
    pieces, last = [], 0
    for m in re.finditer(CJK.pattern + "+", text):
        words, n, request = _run(m.group(), terms, longest)
        pieces += [text[last:m.start()], " " + " ".join(words) + " "]
        total, read, last = total + len(m.group()) - request, read + n, m.end()
    pieces.append(text[last:])
    english = re.sub(r"\s+", " ", "".join(pieces)).strip()
    return Gloss(english, read / total if total else 0.0)
