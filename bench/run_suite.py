"""Run every concept of bench/concepts.txt through the whole pipeline and compare with manim's own render.

For each concept: generate (understand, compute, write the scene), render at the preset, write the notes; then
render the same generated scene with the plain `manim` CLI at the same resolution and frame rate (fresh media
folder, so both start cold). Prints the render success rate, median and p90 seconds per stage, how many notes
(Markdown and PDF) were produced, and the ratio of our total time to manim's own render.

    .venv/bin/python bench/run_suite.py --backend offline --quality low [--limit N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mathanim import render  # noqa: E402
from mathanim.backends import BACKENDS, get_backend  # noqa: E402
from mathanim.config import Settings  # noqa: E402
from mathanim.events import Done, Status  # noqa: E402
from mathanim.job import Job  # noqa: E402
from mathanim.pipeline import generate  # noqa: E402
from mathanim.presets import PRESETS  # noqa: E402

CONCEPTS = Path(__file__).with_name("concepts.txt")


def load_concepts(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


def run_ours(concept: str, backend, quality: str, tmp: Path) -> dict:
    """One concept through the pipeline with a fresh media folder (no cache); stage seconds from the events."""
    settings = Settings.load(env={"MATHANIM_MEDIA_DIR": tempfile.mkdtemp(dir=tmp), "MATHANIM_CACHE": "0"},
                             dotenv=False)
    t0 = time.perf_counter()
    t_render, res = None, None
    for ev in generate(concept, backend, Job.make(settings, quality)):
        if isinstance(ev, Status) and ev.stage == "render" and t_render is None:
            t_render = time.perf_counter()
        elif isinstance(ev, Done):
            res = ev.result
    total = time.perf_counter() - t0
    gen = (t_render or time.perf_counter()) - t0
    return {"concept": concept, "ok": res.ok, "error": res.error, "code": res.code, "total": total,
            "generate": gen, "render": total - gen, "notes": res.seconds.get("notes", 0.0),
            "notes_md": bool(res.notes_md), "notes_pdf": bool(res.notes_pdf), "topic": res.topic,
            "recognised": res.recognised, "repaired": res.attempts > 1}


def time_manim(code_path: str, quality: str, tmp: Path) -> float | None:
    """Seconds the plain manim CLI takes to render the same scene file (None if it fails)."""
    code = Path(code_path).read_text(encoding="utf-8")
    scene, err = render.prepare(code, None)
    if err:
        return None
    p = PRESETS[quality]
    work = Path(tempfile.mkdtemp(dir=tmp))
    (work / "scene.py").write_text(code, encoding="utf-8")
    cmd = [str(Path(sys.executable).with_name("manim")), "render", "scene.py", scene, "-r", f"{p.width},{p.height}",
           "--fps", str(p.fps), "--media_dir", str(work / "media"), "-v", "WARNING", "--progress_bar", "none"]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=work, capture_output=True, timeout=900)
    return time.perf_counter() - t0 if proc.returncode == 0 else None


def p90(values: list[float]) -> float:
    vs = sorted(values)
    return vs[min(len(vs) - 1, int(round(0.9 * (len(vs) - 1))))]


def report(rows: list[dict], warmup: float) -> None:
    """Render success counted honestly: a render of an unrecognised request (the honest card) or one that needed
    a repair round is reported on its own line, not as a plain success."""
    n, ok = len(rows), [r for r in rows if r["ok"]]
    clean = [r for r in ok if r["recognised"] is not False and not r["repaired"]]
    print(f"\nconcepts: {n}   rendered: {len(ok)}/{n} = {len(ok) / n:.1%}   "
          f"recognised and first try: {len(clean)}/{n} = {len(clean) / n:.1%}")
    print(f"not recognised (honest card, not counted above): {sum(r['recognised'] is False for r in rows)}   "
          f"repaired renders: {sum(r['repaired'] for r in ok)}")
    print(f"notes: markdown {sum(r['notes_md'] for r in rows)}/{n}, pdf {sum(r['notes_pdf'] for r in rows)}/{n}")
    print(f"one-time warm-up (imports, embedding model): {warmup:.1f} s")
    print(f"{'stage':<10} {'median s':>9} {'p90 s':>8}")
    for stage in ("generate", "render", "notes", "total", "manim"):
        vals = [r[stage] for r in ok if r.get(stage) is not None]
        if vals:
            print(f"{stage:<10} {statistics.median(vals):9.2f} {p90(vals):8.2f}")
    pairs = [r for r in ok if r.get("manim")]
    if pairs:
        ratios = [r["total"] / r["manim"] for r in pairs]
        agg = sum(r["total"] for r in pairs) / sum(r["manim"] for r in pairs)
        print(f"ratio ours/manim: median {statistics.median(ratios):.3f}, p90 {p90(ratios):.3f}, "
              f"sum-over-sum {agg:.3f} (target <= 1.3)")
    for r in rows:
        if not r["ok"]:
            print(f"FAILED {r['concept']!r}: {r['error']}")
        elif r["recognised"] is False:
            print(f"NOT RECOGNISED {r['concept']!r}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--backend", choices=BACKENDS, default="offline")
    ap.add_argument("--quality", choices=list(PRESETS), default="low")
    ap.add_argument("--concepts", type=Path, default=CONCEPTS)
    ap.add_argument("--limit", type=int, default=0, help="only the first N concepts")
    ap.add_argument("--no-manim", action="store_true", help="skip the plain manim comparison")
    ap.add_argument("--json", type=Path, help="also write the per-concept rows here")
    args = ap.parse_args()
    concepts = load_concepts(args.concepts)[: args.limit or None]
    settings = Settings.load()
    backend = get_backend(args.backend, settings)
    t0 = time.perf_counter()
    if args.backend == "offline":  # load the classifier and its model once, outside the timings
        from mathanim.offline.engine import classifier

        clf = classifier(settings)
        clf.similarities("warm up")
    warmup = time.perf_counter() - t0
    rows = []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        for i, concept in enumerate(concepts, 1):
            row = run_ours(concept, backend, args.quality, tmp)
            row["manim"] = None if args.no_manim or not row["ok"] else time_manim(row["code"], args.quality, tmp)
            rows.append(row)
            ratio = f"{row['total'] / row['manim']:.2f}" if row.get("manim") else "-"
            print(f"[{i}/{len(concepts)}] {'ok ' if row['ok'] else 'ERR'} {row['total']:6.1f}s "
                  f"manim {row['manim'] or 0:6.1f}s ratio {ratio:>5}  {concept}", flush=True)
    report(rows, warmup)
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
