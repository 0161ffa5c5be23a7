"""Evaluate models behind OpenAI-compatible endpoints (e.g. vLLM serving the base model and the adapter) on a
concept suite, through the app's own pipeline (generate → fix → check → bounded repair → render).

Reported per endpoint: render rate on the first try and after repairs, mean repair rounds, layout defects and
seconds per concept; `compare()` puts two or more endpoints side by side.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..events import Done
from ..job import Job
from ..pipeline import generate


@dataclass(frozen=True)
class Endpoint:
    """One model to evaluate: a label, the server's base URL and the model name it serves."""

    label: str
    base_url: str
    model: str
    api_key: str = ""

    @classmethod
    def parse(cls, spec: str) -> Endpoint:
        """'LABEL=URL,MODEL' (e.g. 'adapter=http://127.0.0.1:8000/v1,manim-lora')."""
        label, _, rest = spec.partition("=")
        url, _, model = rest.partition(",")
        if not (label and url and model):
            raise ValueError(f"endpoint {spec!r}: expected LABEL=URL,MODEL")
        return cls(label, url, model)


def load_suite(path: Path | str) -> list[str]:
    """Concepts, one a line; blank lines and # comments are skipped."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def run_one(concept: str, backend, settings: Settings, out_dir: Path, max_rounds: int, layout: bool = True) -> dict:
    """One concept through the pipeline (with the layout check); the row of the report."""
    t0 = time.monotonic()
    res = None
    job = Job.make(settings, "low", out_dir=out_dir, max_rounds=max_rounds, check_layout=layout)
    for ev in generate(concept, backend, job):
        if isinstance(ev, Done):
            res = ev.result
    layout = res.layout or {}
    first = bool(res.rounds) and res.rounds[0].get("error") is None
    return {"concept": concept, "ok": res.status == "ok", "first_try": first and res.status == "ok",
            "attempts": res.attempts, "repairs": max(0, res.attempts - 1), "seconds": round(time.monotonic() - t0, 2),
            "layout_defects": len(layout.get("defects", [])) if layout else None,
            "error": (res.error or {}).get("kind") if res.error else None}


def evaluate(ep: Endpoint, concepts: list[str], out_dir: Path, settings: Settings | None = None,
             max_rounds: int = 3, layout: bool = True) -> dict:
    """Run the suite against one endpoint; rows plus summary figures."""
    from ..backends.openai_compat import OpenAICompatBackend

    settings = settings or Settings.load()
    backend = OpenAICompatBackend.from_profile("local", settings.with_(local_api_key=ep.api_key or
                                                                       settings.local_api_key),
                                               base_url=ep.base_url, model=ep.model)
    rows = [run_one(c, backend, settings, out_dir / ep.label / f"{i:03d}", max_rounds, layout)
            for i, c in enumerate(concepts)]
    return {"label": ep.label, "model": ep.model, "base_url": ep.base_url, "rows": rows, "summary": summarize(rows)}


def summarize(rows: list[dict]) -> dict:
    """Render rates, mean repair rounds (over successes), layout defects and seconds."""
    n = max(1, len(rows))
    ok = [r for r in rows if r["ok"]]
    defects = [r["layout_defects"] for r in ok if r["layout_defects"] is not None]
    return {"concepts": len(rows), "render_rate_first_try": round(sum(r["first_try"] for r in rows) / n, 3),
            "render_rate_after_repairs": round(len(ok) / n, 3),
            "mean_repair_rounds": round(statistics.mean([r["repairs"] for r in ok]), 2) if ok else None,
            "mean_layout_defects": round(statistics.mean(defects), 2) if defects else None,
            "mean_seconds": round(statistics.mean([r["seconds"] for r in rows]), 1) if rows else None}


def compare(reports: list[dict]) -> str:
    """A Markdown table of the summaries, one column per endpoint (e.g. base vs adapter)."""
    keys = ["concepts", "render_rate_first_try", "render_rate_after_repairs", "mean_repair_rounds",
            "mean_layout_defects", "mean_seconds"]
    head = "| metric | " + " | ".join(f"{r['label']} ({r['model']})" for r in reports) + " |"
    sep = "|---" * (len(reports) + 1) + "|"
    lines = [head, sep] + [f"| {k} | " + " | ".join(str(r["summary"][k]) for r in reports) + " |" for k in keys]
    return "\n".join(lines) + "\n"


def run_eval(endpoints: list[Endpoint], suite: Path | str, out: Path | str, max_rounds: int = 3,
             settings: Settings | None = None, layout: bool = True) -> str:
    """Evaluate every endpoint on the suite; writes eval.json and eval.md under `out`; returns the table."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    concepts = load_suite(suite)
    reports = [evaluate(ep, concepts, out, settings, max_rounds, layout) for ep in endpoints]
    (out / "eval.json").write_text(json.dumps(reports, indent=1, ensure_ascii=False), encoding="utf-8")
    table = compare(reports)
    (out / "eval.md").write_text(table, encoding="utf-8")
    return table
