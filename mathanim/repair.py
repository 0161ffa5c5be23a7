"""The repair loop, in Aider's shape: write → lint (fix, then check in the sandbox) → reflect the typed error to
the model → at most N rounds. Also the one repair round a trusted backend gets when its render fails (it skips
the fast check, so its scene can first fail at the render).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from . import api_hints, fixer, layout, render
from .backends.base import Backend, BackendError, Request
from .events import Code, Error, Event, Preview, Status
from .job import Job
from .plan import check as plan_check
from .plan import planner
from .result import ErrorInfo, Result
from .stages import Attempt, render_events, stream_attempt

FINAL_KINDS = ("backend", "cancelled", "usage")  # errors no model can repair
SCENE_ERRORS = ("syntax", "refused", "latex", "runtime", "no_scene")


def lint(att: Attempt, job: Job, t0: float) -> Iterator[Event]:
    """Fix the attempt's code statically, then run it to its last frame; sets att.error (and att.preview)."""
    if not att.code.strip():
        att.error = ErrorInfo("syntax", "the reply contained no Python code block with a Scene")
        return
    fixed = fixer.fix(att.code)
    if fixed.fixes:
        att.code, att.fixes = fixed.code, fixed.fixes
        yield Status("fix", "; ".join(fixed.fixes))
        yield Code(att.code, final=True)
    scene, err = render.prepare(att.code, job.scene, job.modules)
    if err or (job.trusted and job.quality == "low"):  # a trusted scene at low renders as fast as it checks
        att.error = err
        return
    yield Status("check", "running the scene to its last frame")
    outcome = render.check(att.code, job)
    att.error, att.check_stats = api_hints.annotate(outcome.error, att.code), outcome.stats
    if outcome.poster:
        preview = Path(outcome.poster)
        if job.out_dir is not None:  # keep it with the request's files (the work folder is cleaned up)
            preview = Path(shutil.move(preview, job.out_dir / "preview.png"))
        att.preview, att.preview_s = str(preview), round(time.monotonic() - t0, 3)
        yield Preview(att.preview, att.preview_s)


def check_layout(att: Attempt, job: Job, last: bool, plan: str = "") -> Iterator[Event]:
    """Check the layout of a scene that ran (and against its layout `plan`, the prompt's JSON, when given); its
    defects become a "layout" error unless this is the last round."""
    yield Status("layout", "checking the layout")
    att.layout = plan_check.layout_report(att.code, job, plan)
    if att.layout["defects"] and not last:  # a failed probe (no report) never fails a scene that checked fine
        att.error = layout.as_error(att.layout)
    elif att.layout["defects"] and job.relayout and not job.trusted:
        better = plan_check.relaid(att.code, job, att.layout, plan)
        if better is not None:
            att.code, att.layout = better
            yield Status("layout", f"re-laid by the layout plan: moved {', '.join(att.layout['relaid'])}")
            yield Code(att.code, final=True)


def one_round(request: Request, backend: Backend, job: Job, t0: float) -> Iterator[Event]:
    """Ask the backend once and lint what it wrote; returns the Attempt."""
    att, t_att = Attempt(), time.monotonic()
    try:
        yield from stream_attempt(backend, request, att, job.cancel)
        yield from lint(att, job, t0)
        if job.check_layout and att.error is None and not job.trusted:
            yield from check_layout(att, job, request.attempt >= job.max_rounds, request.layout_plan)
    except BackendError as e:
        att.error = ErrorInfo(e.kind, str(e))
    att.seconds = time.monotonic() - t_att
    return att


def record(res: Result, att: Attempt, attempt: int) -> None:
    """Add one round's fixes, tokens and outcome to the result."""
    res.attempts = attempt
    res.fixes += [f for f in att.fixes if f not in res.fixes]
    res.tokens["prompt"] += att.prompt_tokens
    res.tokens["completion"] += att.completion_tokens
    res.rounds.append({"attempt": attempt, "seconds": round(att.seconds, 3),
                       "error": att.error.to_dict() if att.error else None,
                       "tokens": [att.prompt_tokens, att.completion_tokens]})


def rounds(concept: str, backend: Backend, job: Job, res: Result, t0: float) -> Iterator[Event]:
    """Write, lint, reflect: up to job.max_rounds times; returns (the attempt to use, all attempts)."""
    history: list[Attempt] = []
    plan = planner.request_plan(concept, job)  # "" unless the job checks layouts
    for attempt in range(1, max(1, job.max_rounds) + 1):
        prev = history[-1] if history else None
        request = Request(concept, job.quality, attempt, prev.code if prev else None, prev.error if prev else None,
                          layout_plan=plan)
        yield Status("generate", "writing the scene" if prev is None else f"repairing: {prev.error.message}",
                     attempt, job.max_rounds)
        att = yield from one_round(request, backend, job, t0)
        history.append(att)
        record(res, att, attempt)
        if att.error is None or att.error.kind in FINAL_KINDS:
            break
        yield Error(att.error.kind, att.error.message, att.error.line, att.error.hint)
    return best_layout_attempt(history), history


def best_layout_attempt(history: list[Attempt]) -> Attempt:
    """If the last round failed after layout repairs, fall back to the best earlier scene that ran."""
    att = history[-1]
    ran = [h for h in history if h.layout and not h.layout.get("error") and h.error is not None
           and h.error.kind == "layout"]
    if att.error is None or att.error.kind == "layout" or not ran:
        return att
    best = max(ran, key=lambda h: h.layout["score"])
    best.error = None
    return best


def render_with_repair(concept: str, att: Attempt, backend: Backend | None, job: Job, res: Result) -> Iterator[Event]:
    """Render the attempt; a trusted backend whose scene fails here gets one repair round. Returns
    (the attempt rendered, the RenderOutcome)."""
    outcome = yield from render_events(att.code, job, att.check_stats)
    if not (backend is not None and job.trusted and not outcome.ok and outcome.error
            and outcome.error.kind in SCENE_ERRORS and res.attempts < job.max_rounds):
        return att, outcome
    yield Error(outcome.error.kind, outcome.error.message, outcome.error.line)
    yield Status("generate", f"repairing: {outcome.error.message}", res.attempts + 1, job.max_rounds)
    request = Request(concept, job.quality, res.attempts + 1, att.code, outcome.error)
    fixed = yield from one_round(request, backend, job, time.monotonic())
    res.attempts += 1
    res.rounds.append({"attempt": res.attempts, "error": outcome.error.to_dict()})
    if fixed.error is not None:
        return att, outcome
    outcome = yield from render_events(fixed.code, job, fixed.check_stats)
    return fixed, outcome
