"""A layout plan before any code is written: measured elements, the prior's anchors, the solver's boxes.

`plan_elements` is the general path; `concept_plan` is the plan a model gets with its first request (the
title measured from the concept's own words, the other elements from representative texts of their role),
and `prompt_json` the JSON the prompt carries.
"""

from __future__ import annotations

import json

from ..job import Job
from .elements import Element, Plan
from .measure import measure
from .prior import Prior, load
from .solver import Problem, solve

TITLE_CHARS = 48
# what a model's scene usually shows besides its title: a main formula, a graph, a second formula, a caption
TYPICAL = (Element("formula1", "formula", "tex", r"f(x) = a_0 + a_1 x + a_2 x^2", 44),
           Element("graph", "graph", "body", w=6.2, h=4.2),
           Element("formula2", "formula", "tex", r"\frac{d}{dx} f(x) = a_1 + 2 a_2 x", 40),
           Element("caption", "caption", "text", "One short sentence that says what we see", 28))


def plan_elements(elements: list[Element], job: Job, prior: Prior | None = None) -> Plan:
    """Measure `elements` in the sandbox (cached), anchor them with the prior, solve their boxes."""
    measured = measure(elements, job)
    return solve(Problem(measured, (prior or load()).anchors(measured), job.quality))


def concept_plan(concept: str, job: Job, prior: Prior | None = None) -> Plan:
    """The plan for a scene about `concept`: its title plus the typical elements."""
    title = " ".join(concept.split())
    title = title if len(title) <= TITLE_CHARS else title[:TITLE_CHARS - 1].rstrip() + "…"
    return plan_elements([Element("title", "title", "text", title, 40), *TYPICAL], job, prior)


def prompt_json(plan: Plan) -> str:
    """The plan as the model prompt's JSON: per element its role, region and box (frame units)."""
    rows = [{"element": r["element"], "role": r["role"], "region": r["region"], "box": r.get("box")}
            for r in plan.to_json()["elements"] if r.get("region")]
    return json.dumps({"frame": "x from -7.1 to 7.1, y from -4 to 4; box = [left, bottom, right, top]",
                       "elements": rows})


def request_plan(concept: str, job: Job) -> str:
    """The prompt JSON for a model's first request when the job checks layouts ("" otherwise, or when the
    concept's title cannot be measured: the request then goes without a plan)."""
    if not job.check_layout or job.trusted:
        return ""
    from .measure import MeasureError

    try:
        return prompt_json(concept_plan(concept, job))
    except MeasureError:
        return ""
