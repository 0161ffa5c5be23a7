"""The reward of one rendered candidate, as named components in 0..1 and their weighted total.

Components (all from one sandboxed layout run with thumbnails, plus the fast check's frame when the code<->frame
model exists):
- ``renders``: the scene runs to its end (0 ends it: the total is 0); ``speed`` how long that run took;
- visual quality: ``layout`` (layout.py's defects: off-frame, overlap, contrast, small), ``contrast`` (WCAG ratio
  of every text against what lies under it, 4.5:1 is full marks), ``motion`` (blank or frozen stretches on the
  sampled frames), ``duration``;
- concept alignment: ``alignment`` (the concept against the on-screen text and the notes, all-MiniLM-L6-v2) and
  ``consistency`` (mathanim.embed's code<->frame score), left out when no trained model is available.

`evaluate()` returns the components, the total, and the legacy keys of scoring.score_run (score = total), so
best-of-N (candidates.py) and its tests read one dict.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from . import layout, render, scoring
from .job import Job

WEIGHTS = {"renders": 0.15, "speed": 0.05, "layout": 0.25, "contrast": 0.1, "motion": 0.1, "duration": 0.05,
           "alignment": 0.2, "consistency": 0.1}
SPEED_OK_S = 20.0  # a layout run this long or shorter gets full marks (it is normally 1.5 to 5 s)
AA = 4.5  # WCAG AA contrast for normal text


@dataclass(frozen=True)
class Candidate:
    """What is scored: the scene code, the concept asked for, its notes, and its last frame if already made."""

    code: str
    concept: str
    notes: str = ""
    frame: str | None = None  # a PNG of the last frame (the fast check's preview); made when needed


def text_contrast(run: layout.ProbeRun) -> float:
    """Mean over texts at rest of min(1, (ratio - 1) / (AA - 1)): 1 when every text reaches 4.5:1 against the
    fill or background under it; 1 with no text at all."""
    marks = []
    for snap in run.snapshots:
        bg = snap.get("bg") or [0, 0, 0]
        for x in snap.get("texts", []):
            if snap.get("mid") and x.get("moving"):
                continue
            under = _fill_under(x, snap.get("shapes", []))
            base = layout._blend(under["rgb"], under["alpha"], bg) if under else bg
            marks.append(min(1.0, (layout.contrast_ratio(x["rgb"], base) - 1) / (AA - 1)))
    return round(sum(marks) / len(marks), 4) if marks else 1.0


def _fill_under(text: dict, shapes: list[dict]) -> dict | None:
    """The top-most filled shape below `text` whose box holds the text's centre."""
    cx, cy = (text["box"][0] + text["box"][2]) / 2, (text["box"][1] + text["box"][3]) / 2
    below = [s for s in shapes if s["z"] < text["z"] and s["box"][0] <= cx <= s["box"][2]
             and s["box"][1] <= cy <= s["box"][3] and layout._in_polygon((cx, cy), s["poly"])]
    return max(below, key=lambda s: s["z"]) if below else None


def _consistency(cand: Candidate, job: Job) -> float | None:
    """mathanim.embed's code<->frame score, or None when no trained model exists (the check runs only then)."""
    from . import embed
    from .embed.score import bundle

    if bundle() is None:
        return None
    frame = cand.frame
    if frame is None:
        frame = render.check(cand.code, job).poster
    return embed.consistency(cand.code, frame) if frame else None


def total(components: dict[str, float | None]) -> float:
    """The weighted mean of the components present (None: left out, its weight shared by the rest); 0 when
    the scene does not render."""
    if not components.get("renders"):
        return 0.0
    present = {k: v for k, v in components.items() if v is not None and k in WEIGHTS}
    weight = sum(WEIGHTS[k] for k in present)
    return round(sum(WEIGHTS[k] * v for k, v in present.items()) / weight, 4)


def evaluate(cand: Candidate, job: Job) -> dict:
    """Score a candidate: {"total", "components", "seconds", ...the legacy keys of scoring.score_run}."""
    t0 = time.monotonic()
    out = score(layout.run_probe(cand.code, job, frames=True), cand, job)
    out["seconds"] = round(time.monotonic() - t0, 3)
    return out


def score(run: layout.ProbeRun, cand: Candidate, job: Job) -> dict:
    """Score a candidate from its layout run (made with frames=True); a run may be scored for several concepts."""
    legacy = scoring.score_run(run, cand.concept, cand.notes, job.quality)
    if not run.ok:
        comps = {k: 0.0 for k in WEIGHTS if k != "consistency"}
        return {**legacy, "total": 0.0, "score": 0.0, "components": comps, "render_s": round(run.seconds, 3)}
    comps = {"renders": 1.0, "speed": round(min(1.0, SPEED_OK_S / max(run.seconds, 1e-3)), 4),
             "layout": legacy["layout"], "contrast": text_contrast(run), "motion": legacy["motion"],
             "duration": legacy["duration"], "alignment": legacy["alignment"],
             "consistency": _consistency(cand, job)}
    out = {**legacy, "components": comps, "total": total(comps), "render_s": round(run.seconds, 3)}
    out["score"] = out["total"]
    return out
