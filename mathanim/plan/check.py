"""A written scene checked against its plan: elements far outside the region planned for their role.

Defects have the layout checker's shape (kind "plan"); the report lists them apart from its own defects.
"""

from __future__ import annotations

import json

from .. import layout
from . import data
from .relayout import relayout

FAR = 1.5  # frame units between an element's centre and the nearest box planned for its role


def misplaced(run: layout.ProbeRun, plan: dict) -> list[dict]:
    """Defects for texts (and graphs, when the probe saw bodies) whose centre lies FAR from every box the plan
    (`Plan.to_json()` or `prompt_json`, parsed) gives their role; one per (role, text), at its first sighting."""
    boxes: dict[str, list] = {}
    for row in plan.get("elements", []):
        if row.get("box"):
            boxes.setdefault(row["role"], []).append(row["box"])
    found: dict[tuple, dict] = {}
    for snap in run.snapshots:
        if snap.get("mid") or snap.get("probe_error"):
            continue
        bodies = data.body_boxes(snap)
        seen = [(t["box"], role, run.units.get(str(t["u"]), {})) for t, role in data.text_roles(snap, run.units, bodies)]
        seen += [(b, "graph", {"cls": "graph", "text": ""}) for b in bodies]
        for box, role, unit in seen:
            if role in boxes and (role, unit.get("text"), unit.get("line")) not in found and _far(box, boxes[role]):
                found[(role, unit.get("text"), unit.get("line"))] = _defect(role, unit, box, snap, run.plays)
    return list(found.values())


def _far(box, planned: list) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return all(max(b[0] - cx, cx - b[2], b[1] - cy, cy - b[3]) > FAR for b in planned)


def _defect(role: str, unit: dict, box, snap: dict, plays: int) -> dict:
    mob = {"cls": unit.get("cls", "?"), "text": unit.get("text", ""), "line": unit.get("line")}
    animation = min(int(snap.get("i", 0)) + 1, plays) if plays else 0
    where = f"at ({(box[0] + box[2]) / 2:.1f}, {(box[1] + box[3]) / 2:.1f})"
    return {"kind": "plan", "message": f"{layout.describe(mob)} ({role}) is {where}, far from the region the "
                                       f"layout plan gives the {role}", "animation": animation,
            "time": snap.get("t", 0.0), "mobjects": [mob], "severity": 0.5, "animations": [animation],
            "persistence": 1.0}


def layout_report(code: str, job, plan_json: str = "") -> dict:
    """The layout checker's report of `code`; with a plan (prompt_json) also "plan_defects": elements far from
    their planned region. Those are advice: a clean layout that differs from the plan is still clean, so they
    neither lower the score nor start a repair round."""
    if not plan_json:
        return layout.check_layout(code, job)
    run = layout.run_probe(code, job, bodies=True)
    report = layout.report(run, job.quality)
    if run.ok:
        report["plan_defects"] = misplaced(run, json.loads(plan_json))
    return report


def relaid(code: str, job, report: dict, plan_json: str = "") -> tuple[str, dict] | None:
    """`code` re-laid by a plan (plan.relayout) and its report, when that leaves fewer defects than `report`."""
    r = relayout(code, job)
    if not r.moved:
        return None
    new = layout_report(r.code, job, plan_json)
    if new.get("error") or len(new["defects"]) >= len(report["defects"]):
        return None
    new["relaid"] = r.moved
    return r.code, new
