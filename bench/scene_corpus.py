"""Render every Scene class of a folder of .py files two ways: plain `manim -s -ql` as the file is (behind the
sandbox's OS wall, no audit hook, no fixer) and through our pipeline (`text_to_manim.py --scene-file FILE
--scene NAME --quality low`: fixer, security check, fast check, render in the sandbox). Prints both render rates
and the failures by error kind. The corpora themselves never enter the repository or the tests
(bench/corpus_sources.md says where they come from).

    nice -n 10 .venv/bin/python bench/scene_corpus.py /tmp/m2m --results /tmp/m2m.jsonl [--timeout 400]
    .venv/bin/python bench/scene_corpus.py /tmp/m2m --results /tmp/m2m.jsonl --summary   # just the table

Results are appended to the JSONL file one scene at a time, so a long run can be stopped and resumed. A full
render of a corpus takes hours: give --results several times to split it (runs append to the last one; with
--summary every file counts, a later file's record of a scene replacing an earlier one), and the summary says
how many of the folder's scenes have a record at all.

    .venv/bin/python bench/scene_corpus.py /tmp/m2m --results a.jsonl --results b.jsonl --summary
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mathanim import guard  # noqa: E402
from mathanim.sandbox import wall  # noqa: E402

CLASS_RE = re.compile(r"^class\s+(\w+)\s*\(([^)]*Scene[^)]*)\)", re.M)


def scenes_in(path: Path) -> list[str]:
    """The Scene classes of one file (a file that does not parse: the classes a regex finds)."""
    code = path.read_text(encoding="utf-8", errors="replace")
    try:
        return guard.scene_classes(ast.parse(code))
    except (SyntaxError, ValueError):
        return [m.group(1) for m in CLASS_RE.finditer(code)]


def corpus(folder: Path) -> list[tuple[Path, str]]:
    """(file, scene) for every Scene class under `folder`, in a stable order."""
    return [(p, s) for p in sorted(folder.rglob("*.py")) for s in scenes_in(p)]


def _last_error_line(text: str) -> str:
    """The exception line of a traceback (manim's rich tracebacks box it; the last `Name: message` line)."""
    lines = [ln.strip(" │|") for ln in text.splitlines()]
    errs = [ln for ln in lines if re.match(r"^[A-Za-z_.]*(Error|Exception|Interrupt)\b", ln.strip())]
    return (errs[-1] if errs else (lines[-1] if lines else "")).strip()[:200]


def run_as_is(path: Path, scene: str, timeout: int) -> dict:
    """`manim -s -ql FILE SCENE` in a fresh folder behind the OS wall (read-only system, no network)."""
    with tempfile.TemporaryDirectory(prefix="corpus-asis-") as tmp:
        work = Path(tmp)
        shutil.copy(path, work / path.name)
        cmd = [*wall.prefix(work, []), sys.executable, "-m", "manim", "-s", "-ql", "--media_dir",
               str(work / "media"), str(work / path.name), scene]
        t0 = time.monotonic()
        try:
            proc = subprocess.run(cmd, cwd=work, capture_output=True, text=True, timeout=timeout,
                                  env={**os.environ, "HOME": str(work)})
        except subprocess.TimeoutExpired:
            return {"ok": False, "kind": "timeout", "message": f"over {timeout} s", "seconds": timeout}
        pngs = list((work / "media").rglob("*.png"))
        ok = proc.returncode == 0 and bool(pngs)
        return {"ok": ok, "kind": None if ok else "error", "seconds": round(time.monotonic() - t0, 1),
                "message": None if ok else _last_error_line(proc.stderr + proc.stdout)}


def run_pipeline(path: Path, scene: str, timeout: int) -> dict:
    """text_to_manim.py --scene-file at low quality; the Result's status, error kind and message, fixes."""
    with tempfile.TemporaryDirectory(prefix="corpus-ours-") as tmp:
        env = {**os.environ, "MATHANIM_MEDIA_DIR": str(Path(tmp) / "media")}
        cmd = [sys.executable, str(ROOT / "text_to_manim.py"), "--scene-file", str(path), "--scene", scene,
               "--quality", "low", "--json", "--no-cache", "--out", str(Path(tmp) / "out")]
        t0 = time.monotonic()
        try:
            proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            return {"ok": False, "kind": "bench-timeout", "message": f"over {timeout} s", "seconds": timeout}
        seconds = round(time.monotonic() - t0, 1)
        try:
            res = json.loads(proc.stdout.strip().splitlines()[-1])
        except (IndexError, json.JSONDecodeError):
            return {"ok": False, "kind": "crash", "message": _last_error_line(proc.stderr), "seconds": seconds}
        err = res.get("error") or {}
        return {"ok": res.get("status") == "ok", "kind": err.get("kind"), "message": (err.get("message") or "")[:300],
                "fixes": res.get("fixes", []), "seconds": seconds}


def run_check(path: Path, scene: str, timeout: int) -> dict:
    """Our fixer, security check and fast check (the scene run to its last frame in the sandbox, no video):
    what `--scene-file` does before it renders, at a fraction of the cost."""
    from mathanim import fixer, local_modules, render
    from mathanim.config import Settings
    from mathanim.job import Job

    with tempfile.TemporaryDirectory(prefix="corpus-check-") as tmp:
        env = {"MATHANIM_MEDIA_DIR": tmp, "MATHANIM_CHECK_TIMEOUT": str(timeout)}
        if os.environ.get("MATHANIM_MEMORY_MB"):  # the app's own setting, passed through: e.g. a bigger scene's memory
            env["MATHANIM_MEMORY_MB"] = os.environ["MATHANIM_MEMORY_MB"]
        settings = Settings.load(env=env, dotenv=False)
        raw = path.read_text(encoding="utf-8", errors="replace")
        fixed = fixer.fix(raw)
        t0 = time.monotonic()
        modules = local_modules.find(raw, path)  # its own helper modules, as --scene-file bundles them
        job = Job.make(settings, "low", scene=scene, modules=modules)
        try:
            out = render.check(fixed.code, job)
        finally:
            job.close()
        err = out.error
        return {"ok": out.ok, "kind": _check_kind(err, timeout, settings), "message": err.message[:300] if err else "",
                "fixes": fixed.fixes + local_modules.fix_notes(modules), "seconds": round(time.monotonic() - t0, 1)}


def _check_kind(err, timeout: int, settings) -> str | None:
    """The error kind; a check stopped at this bench's own --timeout, shorter than the limit `--scene-file` gives
    its check (pipeline.render_code: up to the render ceiling), is "bench-timeout": undecided, not a failure
    of the product (on a loaded machine, long 3D scenes need more than a few minutes of wall clock)."""
    if err is None:
        return None
    product = max(settings.check_timeout_s, settings.render_timeout_s or settings.render_ceiling_s)
    return "bench-timeout" if err.kind == "timeout" and "longer than" in err.message and timeout < product else err.kind


def done_keys(*results: Path) -> dict[tuple[str, str], dict]:
    """The records already in the results files, by (file, scene); a later record of a scene replaces one before."""
    recs = [json.loads(ln) for path in results if path.exists() for ln in path.read_text().splitlines() if ln.strip()]
    return {(r["file"], r["scene"]): r for r in recs}


def run_all(folder: Path, results: Path, args: argparse.Namespace) -> None:
    """Run every scene not yet in `results`, appending one record per scene."""
    done = done_keys(results)
    only = {tuple(k) for k in json.loads(args.only.read_text())} if args.only else None
    todo = [(p, s) for p, s in corpus(folder) if (str(p.relative_to(folder)), s) not in done
            and (only is None or (str(p.relative_to(folder)), s) in only)]
    print(f"{len(todo)} scenes to run ({len(done)} already in {results})", flush=True)
    for i, (path, scene) in enumerate(todo[:args.limit] if args.limit else todo, 1):
        rec = {"file": str(path.relative_to(folder)), "scene": scene}
        if not args.no_as_is:
            rec["as_is"] = run_as_is(path, scene, args.timeout)
        if args.check_only:
            rec["check"] = run_check(path, scene, args.timeout)
        elif not args.no_pipeline:
            rec["ours"] = run_pipeline(path, scene, args.timeout)
        with results.open("a", encoding="utf-8") as f:
            f.write(json.dumps(rec) + "\n")
        mark = lambda r: "-" if r is None else ("ok" if r["ok"] else r["kind"])  # noqa: E731
        print(f"[{i}/{len(todo)}] {rec['file']}::{scene} as-is {mark(rec.get('as_is'))}, "
              f"ours {mark(rec.get('ours') or rec.get('check'))}", flush=True)


def category(r: dict) -> str:
    """A short failure class: the error kind plus the exception name or the refusal's reason."""
    msg = r.get("message") or ""
    if r["kind"] == "runtime" or r["kind"] == "error":
        m = re.match(r"(\w+(Error|Exception))", msg)
        return f"{r['kind']}: {m.group(1) if m else msg[:40]}"
    if r["kind"] == "refused":
        return "refused: " + re.sub(r" \(allowed:.*|\(line \d+\)|'[^']*'", "'…'", msg.replace("refused for safety: ", ""))[:60]
    return r["kind"] or "?"


def summary(results: list[Path], folder: Path) -> None:
    """Render rates of both routes and the failures by kind."""
    recs = list(done_keys(*results).values())
    n = len(recs)
    scenes = len(corpus(folder)) if folder.is_dir() else 0
    print(f"{n} of the folder's {scenes} scenes have a record in {len(results)} results file(s)")
    for route in ("as_is", "check", "ours"):
        rs = [r[route] for r in recs if route in r]
        if not rs:
            continue
        ok = sum(r["ok"] for r in rs)
        print(f"{route:6s} {ok}/{len(rs)} render ({100 * ok / len(rs):.1f}%)")
        for cat, c in Counter(category(r) for r in rs if not r["ok"]).most_common():
            print(f"    {c:4d}  {cat}")
    ours = {id(r): r.get("ours") or r.get("check") for r in recs}
    both = [r for r in recs if "as_is" in r and ours[id(r)]]
    lost = [f"{r['file']}::{r['scene']}: {category(ours[id(r)])}" for r in both
            if r["as_is"]["ok"] and not ours[id(r)]["ok"]]
    rescued = sum(1 for r in both if ours[id(r)]["ok"] and not r["as_is"]["ok"])
    fixed = Counter(re.sub(r" \(lines? [\d, ]+\)$", "", f) for r in recs if ours[id(r)] and ours[id(r)]["ok"]
                    for f in ours[id(r)]["fixes"])
    print(f"{n} scenes; ours renders {rescued} that fail as-is; fails {len(lost)} that render as-is:")
    print("\n".join(f"    {x}" for x in lost))
    print("fixes applied in scenes that rendered through ours:")
    print("\n".join(f"    {c:4d}  {f[:110]}" for f, c in fixed.most_common(15)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path, help="a folder of .py files (searched recursively)")
    ap.add_argument("--results", type=Path, required=True, action="append",
                    help="JSONL file the records are appended to (the last, if given more than once)")
    ap.add_argument("--timeout", type=int, default=400, help="seconds per scene and route (default 400)")
    ap.add_argument("--limit", type=int, help="run at most this many scenes now")
    ap.add_argument("--no-as-is", action="store_true", help="skip plain manim")
    ap.add_argument("--no-pipeline", action="store_true", help="skip our pipeline")
    ap.add_argument("--check-only", action="store_true",
                    help="instead of the full pipeline: fixer, security check and fast check only (no video)")
    ap.add_argument("--only", type=Path, help="a JSON list of [file, scene] pairs: run just those")
    ap.add_argument("--summary", action="store_true", help="only print the summary of the results file")
    args = ap.parse_args()
    if not args.summary:
        run_all(args.folder.resolve(), args.results[-1], args)
    summary(args.results, args.folder.resolve())


if __name__ == "__main__":
    main()
