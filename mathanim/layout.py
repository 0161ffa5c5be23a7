"""Layout checker: run a scene without encoding video, record what is on screen, report layout defects.

The sandboxed child runs in job mode "layout" (mathanim/sandbox/layout_probe.py): animations are skipped to
their end state and sampled inside at a low rate, and each snapshot lists the visible text units (Text, MathTex,
numbers…) with glyph boxes and the filled shapes that touch them. This module turns the snapshots into defects:

- ``offframe``: a text or formula partly or wholly outside the camera frame;
- ``overlap``: glyphs of two different texts/formulas intersect;
- ``contrast``: a text over a filled shape (or the background) of too similar a colour, or hidden under one;
- ``small``: a text too small to read at the chosen preset.

Mobjects an animation is moving are ignored at samples inside that animation, so the overlaps of a Transform,
a cross-fade or a move are never defects; the state at the end of every animation is always checked.
`check_layout()` returns ``{"score": 0..1, "defects": [...]}``.
"""

from __future__ import annotations

import math
import shutil
import time
from dataclasses import dataclass, field

from . import render
from .job import Job
from .presets import get_preset
from .result import ErrorInfo

PROBE_FPS = 2  # samples per second inside animations
PROBE_SIZE = (427, 240)  # the child draws only the last frame (and thumbnails when asked): keep it small
EM_PER_FONT_SIZE = 0.0126  # frame units per font_size point of a CJK glyph (measured: Text at 48 is 0.605)
MIN_EM_PX = 14.0  # em below this many pixels at the preset is unreadable (about 10 pt at 480p; a 9th-degree Taylor
# polynomial squeezed into its panel measured 13.5 px, its fraction digits about 8 px)
TOL_PX = 1.5  # boxes may touch the frame or each other by this much
MIN_CONTRAST = 2.0  # WCAG contrast ratio below which text on a fill is hard to read
KIND_WEIGHT = {"offframe": 0.35, "overlap": 0.35, "contrast": 0.25, "small": 0.15}


@dataclass
class ProbeRun:
    """What one layout run of the child produced."""

    ok: bool
    snapshots: list[dict] = field(default_factory=list)
    units: dict[str, dict] = field(default_factory=dict)
    plays: int = 0
    duration: float = 0.0
    error: ErrorInfo | None = None
    seconds: float = 0.0


def run_probe(code: str, job: Job, frames: bool = False, bodies: bool = False) -> ProbeRun:
    """Run the job's scene in the sandbox in layout mode and return its snapshots (`frames`: grey thumbnails;
    `bodies`: the boxes of non-text mobjects too, for the layout planner)."""
    t0 = time.monotonic()
    name, err = render.prepare(code, job.scene, job.modules)
    if err:
        return ProbeRun(False, error=err, seconds=time.monotonic() - t0)
    size = {"width": PROBE_SIZE[0], "height": PROBE_SIZE[1], "fps": PROBE_FPS, "frames": frames, "bodies": bodies}
    work, out = render.sandbox_run(code, job.with_(scene=name), "layout", render.check_limits(job), None, size)
    shutil.rmtree(work, ignore_errors=True)
    seconds = time.monotonic() - t0
    if not out.ok:
        return ProbeRun(False, error=out.error, seconds=seconds)
    data = out.data.get("layout") or {}
    return ProbeRun(True, data.get("snapshots", []), data.get("units", {}), int(data.get("plays", 0)),
                    float(out.data.get("duration", 0.0)), None, seconds)


def check_layout(code: str, job: Job) -> dict:
    """Run the scene once in layout mode and report its defects at the job's preset: {score, defects}."""
    run = run_probe(code, job)
    return report(run, job.quality)


def report(run: ProbeRun, preset: str = "low") -> dict:
    """The JSON-ready layout report of a probe run."""
    if not run.ok:
        return {"score": 0.0, "defects": [], "animations": 0, "seconds": round(run.seconds, 3),
                "error": run.error.to_dict() if run.error else {"kind": "internal", "message": "no result"}}
    defects = analyse(run, preset)
    out = {"score": score(defects), "defects": defects, "animations": run.plays,
           "snapshots": len(run.snapshots), "seconds": round(run.seconds, 3)}
    probe_errors = [s["probe_error"] for s in run.snapshots if s.get("probe_error")]
    if probe_errors:  # snapshots the probe could not read (its own bug, never the scene's): say so
        out["probe_errors"] = {"count": len(probe_errors), "first": probe_errors[0]}
    return out


# -- analysis ---------------------------------------------------------------------------------------------------

def analyse(run: ProbeRun, preset: str = "low") -> list[dict]:
    """All defects of a run, one entry per (kind, mobjects), with the animations where each was seen."""
    height_px = get_preset(preset).height
    found: dict[tuple, dict] = {}
    for snap in run.snapshots:
        frame = snap.get("frame") or [-7.111, -4.0, 7.111, 4.0]
        px = height_px / max(frame[3] - frame[1], 1e-6)  # pixels per frame unit at the preset
        texts = [x for x in snap.get("texts", []) if not (snap.get("mid") and x.get("moving"))]
        hits = [*_offframe(texts, frame, px), *_small(texts, px), *_overlaps(texts, px, run.units),
                *_contrast(texts, snap.get("shapes", []), snap.get("bg") or [0, 0, 0])]
        for hit in hits:
            _record(found, run, snap, _Hit(*hit))
    total = max(1, len(run.snapshots))
    out = []
    for d in found.values():
        d["persistence"] = round(min(1.0, d.pop("_count") / total), 3)
        out.append(d)
    out.sort(key=lambda d: (d["animation"], d["kind"]))
    return out


@dataclass(frozen=True)
class _Hit:
    """One defect seen in one snapshot, as the _offframe/_small/_overlaps/_contrast checks yield it."""

    kind: str  # a KIND_WEIGHT key
    uids: tuple  # the text units involved
    severity: float  # 0..1
    detail: str  # the end of the message ("" for none)


def _record(found: dict, run: ProbeRun, snap: dict, hit: _Hit) -> None:
    """Count `hit` (seen in `snap`) into `found`: a new defect, or one more sighting of a known one."""
    # keyed by what the mobjects show and where they were made, not by object: always_redraw() builds a new
    # object every frame, and one lasting defect must count once
    mobs = [_unit(run, u) for u in hit.uids]
    key = (hit.kind, *sorted((m["cls"], m["line"] or 0, m["text"]) for m in mobs))
    animation = min(int(snap.get("i", 0)) + 1, run.plays) if run.plays else 0
    d = found.get(key)
    if d is None:
        d = found[key] = {"kind": hit.kind, "message": _message(hit.kind, mobs, hit.detail, animation),
                          "animation": animation, "time": snap.get("t", 0.0), "mobjects": mobs, "severity": 0.0,
                          "animations": [], "_count": 0}
    d["severity"] = round(max(d["severity"], hit.severity), 3)
    d["_count"] += 1
    if animation not in d["animations"] and len(d["animations"]) < 50:
        d["animations"].append(animation)


def _unit(run: ProbeRun, uid) -> dict:
    u = run.units.get(str(uid), {})
    return {"cls": u.get("cls", "?"), "text": u.get("text", ""), "line": u.get("line")}


def describe(mob: dict) -> str:
    """`MathTex "x^2" (line 12)`: how a defect names a mobject."""
    text = (mob.get("text") or "").replace("\n", " ")
    text = text if len(text) <= 40 else text[:37] + "..."
    where = f" (line {mob['line']})" if mob.get("line") else ""
    return f'{mob.get("cls")} "{text}"{where}'


def _message(kind, mobs, detail, animation) -> str:
    when = f"after animation {animation}" if animation else "in the still scene"
    names = " and ".join(describe(m) for m in mobs)
    templates = {
        "offframe": f"{names} is {detail} outside the frame {when}",
        "overlap": f"{names} overlap {when}",
        "contrast": f"{names} {detail} {when}",
        "small": f"{names} is too small to read ({detail}) {when}",
    }
    return templates[kind]


def _offframe(texts, frame, px):
    tol = TOL_PX / px
    for x in texts:
        b = x["box"]
        excess = max(frame[0] - b[0], frame[1] - b[1], b[2] - frame[2], b[3] - frame[3])
        if excess <= tol:
            continue
        area = sum(_area(g) for g in x["glyphs"]) or 1e-9
        inside = sum(_area(_intersect(g, frame)) for g in x["glyphs"])
        out = min(1.0, max(0.0, 1 - inside / area))
        detail = "wholly" if out > 0.99 else f"{out:.0%}" if out >= 0.01 else "partly"
        yield "offframe", (x["u"],), 0.5 + 0.5 * out, detail


def _small(texts, px):
    for x in texts:
        if x.get("fs"):
            em_px = x["fs"] * EM_PER_FONT_SIZE * px
        else:  # no font size known: the median glyph height stands in for the em (glyphs are about 0.6 em)
            hs = sorted(g[3] - g[1] for g in x["glyphs"])
            em_px = hs[len(hs) // 2] / 0.6 * px
        if em_px < MIN_EM_PX:
            yield "small", (x["u"],), 0.5 + 0.5 * (1 - em_px / MIN_EM_PX), f"about {em_px:.0f} px high"


def _overlaps(texts, px, units):
    tol = TOL_PX / px
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            if a["u"] == b["u"] or _area(_intersect(a["box"], b["box"], tol)) <= 0 or _same_copy(a, b, tol, units):
                continue
            shared = _glyph_overlap(a["glyphs"], b["glyphs"], tol)
            if shared > 0:
                smaller = min(sum(map(_area, a["glyphs"])), sum(map(_area, b["glyphs"]))) or 1e-9
                yield "overlap", (a["u"], b["u"]), 0.5 + 0.5 * min(1.0, shared / smaller), ""


def _same_copy(a, b, tol, units) -> bool:
    """A copy of the same text lying exactly on its original looks like one text (a highlight): not a defect."""
    text_a, text_b = (units.get(str(x["u"]), {}).get("text") for x in (a, b))
    if text_a != text_b or len(a["glyphs"]) != len(b["glyphs"]):
        return False
    return all(abs(p - q) <= tol for g, h in zip(a["glyphs"], b["glyphs"], strict=True) for p, q in zip(g, h, strict=True))


def _glyph_overlap(ga, gb, tol) -> float:
    total = 0.0
    for g in ga:
        for h in gb:
            total += _area(_intersect(g, h, tol))
    return total


def _contrast(texts, shapes, bg):
    for x in texts:
        centers = [((g[0] + g[2]) / 2, (g[1] + g[3]) / 2) for g in x["glyphs"]]
        under, over = None, None
        for s in shapes:
            if _area(_intersect(x["box"], s["box"])) <= 0:
                continue
            inside = sum(_in_polygon(c, s["poly"]) for c in centers) / len(centers)
            if inside < 0.5:
                continue
            if s["z"] < x["z"]:
                under = s if under is None or s["z"] > under["z"] else under
            elif s["alpha"] >= 0.6:
                over = s
        if over is not None:
            yield "contrast", (x["u"],), 1.0, f"is hidden under a filled {over['cls']}"
            continue
        base = _blend(under["rgb"], under["alpha"], bg) if under else bg
        ratio = contrast_ratio(x["rgb"], base)
        limit = MIN_CONTRAST if under else 1.5
        if ratio < limit:
            on = f"a filled {under['cls']}" if under else "the background"
            yield "contrast", (x["u"],), 0.5 + 0.5 * (1 - (ratio - 1) / (limit - 1)), f"has too little contrast with {on} (ratio {ratio:.1f})"


# -- geometry and colour ----------------------------------------------------------------------------------------

def _area(b) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1]) if b else 0.0


def _intersect(a, b, tol: float = 0.0):
    """The intersection of two boxes, shrunk by `tol` on every side (touching is not overlapping)."""
    box = [max(a[0], b[0]) + tol, max(a[1], b[1]) + tol, min(a[2], b[2]) - tol, min(a[3], b[3]) - tol]
    return box if box[2] > box[0] and box[3] > box[1] else None


def _in_polygon(pt, poly) -> bool:
    """Even-odd ray casting."""
    x, y = pt
    inside = False
    n = len(poly)
    for i in range(n):
        (x1, y1), (x2, y2) = poly[i], poly[(i + 1) % n]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _blend(rgb, alpha, bg):
    return [alpha * c + (1 - alpha) * b for c, b in zip(rgb, bg, strict=True)]


def _luminance(rgb) -> float:
    def lin(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(min(max(float(c), 0.0), 1.0)) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a, b) -> float:
    """WCAG contrast ratio of two RGB colours (1 = identical, 21 = black on white)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def score(defects: list[dict]) -> float:
    """1.0 with no defects; every defect lowers it by its kind's weight, its severity and how long it lasts."""
    total = sum(KIND_WEIGHT.get(d["kind"], 0.2) * d.get("severity", 1.0) * (0.6 + 0.4 * d.get("persistence", 1.0))
                for d in defects)
    return round(math.exp(-total), 4)


def as_error(layout: dict, limit: int = 6) -> ErrorInfo:
    """Layout defects as an ErrorInfo of kind "layout", for a model's repair prompt."""
    defects = layout.get("defects", [])
    lines = [f"- [{d['kind']}] {d['message']}" for d in defects[:limit]]
    if len(defects) > limit:
        lines.append(f"- … and {len(defects) - limit} more")
    first_line = next((m["line"] for d in defects for m in d["mobjects"] if m.get("line")), None)
    message = (f"{len(defects)} layout defect(s), layout score {layout.get('score', 0):.2f}: keep every text and "
               "formula inside the frame, apart from the others, readable and on a contrasting background")
    return ErrorInfo("layout", message, first_line, detail="\n".join(lines))
