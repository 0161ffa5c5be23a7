"""A layout plan before any code is written: measured elements, the prior's anchors, the solver's boxes.

`plan_elements` is the general path; `concept_plan` is the plan a model gets with its first request (every
element measured: the title from the concept's own words, formulas and caption from the catalogue entry the
concept names or the formula written in it, representative texts for roles nothing names), and `prompt_json`
the JSON the prompt carries (each element with the text it was measured with).
"""

from __future__ import annotations

import json

from ..job import Job
from .elements import Element, Plan
from .measure import measure
from .prior import Prior, load
from .solver import Problem, solve

TITLE_CHARS = 48
CAPTION_CHARS = 64  # a caption from a definition: its first sentence, cut to one line
# what a model's scene usually shows besides its title: a main formula, a graph, a second formula, a caption
TYPICAL = (Element("formula1", "formula", "tex", r"f(x) = a_0 + a_1 x + a_2 x^2", 44),
           Element("graph", "graph", "body", w=6.2, h=4.2),
           Element("formula2", "formula", "tex", r"\frac{d}{dx} f(x) = a_1 + 2 a_2 x", 40),
           Element("caption", "caption", "text", "One short sentence that says what we see", 28))


def plan_elements(elements: list[Element], job: Job, prior: Prior | None = None) -> Plan:
    """Measure `elements` in the sandbox (cached), anchor them with the prior, solve their boxes."""
    measured = measure(elements, job)
    return solve(Problem(measured, (prior or load()).anchors(measured), job.quality))


def concept_elements(concept: str) -> list[Element]:
    """What a scene about `concept` will show, in the concept's own texts where they are known: its title, the
    formulas of the catalogue entry it names (else the formula written in it), a caption from the entry's
    definition. A role nothing names keeps its representative text from TYPICAL (measured all the same)."""
    title = " ".join(concept.split())
    title = title if len(title) <= TITLE_CHARS else title[:TITLE_CHARS - 1].rstrip() + "…"
    formulas, caption = _concept_texts(concept)
    out = [Element("title", "title", "text", title, 40)]
    for e in TYPICAL:
        text = formulas.pop(0) if e.role == "formula" and formulas else caption if e.role == "caption" else ""
        out.append(Element(e.key, e.role, e.kind, text or e.text, e.font_size, e.w, e.h))
    return out


def _concept_texts(concept: str) -> tuple[list[str], str]:
    """(formulas in LaTeX, a caption) for `concept`: the catalogue entry it names, or the formula in it."""
    from ..offline.catalogue import load
    from ..offline.params import extract

    words = " ".join(concept.lower().split())
    entry = next((e for e in load() if words in {n.lower() for n in (e.name, e.name_zh, *e.aliases, *e.aliases_zh)}),
                 None)
    if entry is not None:
        first = entry.definition.split(". ")[0].rstrip(".")
        if len(first) > CAPTION_CHARS:  # a caption is one line: the sentence's start stands for its size
            first = first[:CAPTION_CHARS].rsplit(" ", 1)[0] + "…"
        return [f.latex for f in entry.formulas[:2]], first
    p = extract(concept)
    return ([p.expr_text and _latex(p.expr)] if p.expr is not None else []), ""


def _latex(expr) -> str:
    import sympy as sp

    return sp.latex(expr)


def concept_plan(concept: str, job: Job, prior: Prior | None = None) -> Plan:
    """The plan for a scene about `concept`: every element it lists measured in the sandbox (one batch, cached);
    when the concept's own formulas cannot be measured, the typical ones stand in."""
    from .measure import MeasureError

    elements = concept_elements(concept)
    try:
        return plan_elements(elements, job, prior)
    except MeasureError:
        return plan_elements([elements[0], *TYPICAL], job, prior)


def prompt_json(plan: Plan) -> str:
    """The plan as the model prompt's JSON: per element its role, region and box (frame units)."""
    rows = [{"element": r["element"], "role": r["role"], "text": r["text"], "region": r["region"],
             "box": r.get("box")} for r in plan.to_json()["elements"] if r.get("region")]
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
