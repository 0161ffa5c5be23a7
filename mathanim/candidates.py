"""Best-of-N for model backends: N scenes written and repaired in parallel (the first one's events stream
live), each one that runs scored by `reward` (named components and a total), all scores kept in
Result.candidates with each candidate's code, the best one returned; (chosen, rejected) pairs go to
<out>/preference_pairs.jsonl for preference training (finetune/pairs.py)."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from . import reward
from .backends.base import Backend
from .events import Event, Status
from .finetune.pairs import append_jsonl, preference_pairs
from .job import Job
from .repair import rounds
from .result import ErrorInfo, Result
from .stages import Attempt


def score_candidate(code: str, concept: str, notes: str, job: Job, frame: str | None = None) -> dict:
    """Run `code` once in the sandbox (layout mode with thumbnails) and score it for `concept` (reward.py)."""
    t0 = time.monotonic()
    out = reward.evaluate(reward.Candidate(code, concept, notes, frame), job)
    out["seconds"] = round(time.monotonic() - t0, 3)
    return out


def _write_all(n: int, concept: str, backend: Backend, job: Job) -> Iterator:
    """Run the repair loop n times in threads; yields (k, event) and finally (k, (attempt, history)) per k."""
    q: queue.Queue = queue.Queue()
    subs = [Result() for _ in range(n)]

    def work(k):
        try:
            gen = rounds(concept, backend, job, subs[k], time.monotonic())
            while True:
                q.put((k, next(gen)))
        except StopIteration as stop:
            q.put((k, stop.value))
        except Exception as e:  # noqa: BLE001 - one broken candidate must not sink the others
            q.put((k, (Attempt(error=ErrorInfo("internal", f"candidate failed: {e}")), [])))

    for k in range(n):
        threading.Thread(target=work, args=(k,), daemon=True, name=f"candidate-{k + 1}").start()
    for _ in range(n):
        k, item = q.get()
        while not isinstance(item, tuple):
            yield k, item
            k, item = q.get()
        yield k, item
    return subs


def best_of(concept: str, backend: Backend, job: Job, res: Result) -> Iterator[Event]:
    """Write job.candidates scenes in parallel, score those that run; returns the best (attempt, history)."""
    n = job.candidates
    yield Status("generate", f"writing {n} candidates in parallel")
    finished: dict[int, tuple] = {}
    gen = _write_all(n, concept, backend, job)
    try:
        while True:
            k, item = next(gen)
            if isinstance(item, tuple):
                finished[k] = item
                yield Status("candidates", f"candidate {k + 1} finished", len(finished), n)
            elif k == 0:
                yield item
    except StopIteration as stop:
        subs = stop.value
    return (yield from _pick(concept, finished, subs, job, res))


def _pick(concept: str, finished: dict, subs: list[Result], job: Job, res: Result) -> Iterator[Event]:
    """Score the candidates that ran (all scores go to res.candidates); return the best (attempt, history)."""
    best = None
    for k in sorted(finished):
        att, history = finished[k]
        _merge_usage(res, subs[k], k)
        entry = {"candidate": k + 1, "attempts": subs[k].attempts, "score": 0.0, "renders": False}
        if att.code and job.out_dir:  # every candidate's code is kept: a user's choice, and the pairs' text
            entry["code"] = _keep_code(att.code, job.out_dir, k)
        if att.error is None:
            yield Status("candidates", f"scoring candidate {k + 1}", k + 1, len(finished))
            parts = score_candidate(att.code, concept, att.notes, job, att.preview)
            att.layout = att.layout or parts.pop("layout_report", None)
            parts.pop("layout_report", None)
            entry.update(parts)
        else:
            entry["error"] = att.error.to_dict()
        res.candidates.append(entry)
        rank = entry["score"] if att.error is None else -1.0
        if best is None or rank > best[0]:
            best = (rank, k, att, history)
    res.attempts = subs[best[1]].attempts
    for entry in res.candidates:
        entry["chosen"] = entry["candidate"] == best[1] + 1
    _export_pairs(concept, finished, res, job)
    return best[2], best[3]


def _keep_code(code: str, out_dir: Path, k: int) -> str:
    path = Path(out_dir) / "candidates" / f"candidate-{k + 1}.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(code, encoding="utf-8")
    return str(path)


def _export_pairs(concept: str, finished: dict, res: Result, job: Job) -> None:
    """(chosen, rejected) pairs of the candidates with code, by reward total, into preference_pairs.jsonl."""
    if job.out_dir is None:
        return
    scored = [(finished[e["candidate"] - 1][0].code, e) for e in res.candidates
              if finished[e["candidate"] - 1][0].code]
    append_jsonl(preference_pairs(concept, scored), Path(job.out_dir) / "preference_pairs.jsonl")


def _merge_usage(res: Result, sub: Result, k: int) -> None:
    res.tokens["prompt"] += sub.tokens["prompt"]
    res.tokens["completion"] += sub.tokens["completion"]
    res.fixes += [f for f in sub.fixes if f not in res.fixes]
    res.rounds += [{**r, "candidate": k + 1} for r in sub.rounds]
