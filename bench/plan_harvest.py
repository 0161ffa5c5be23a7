"""Harvest layouts for the layout prior (issue 20): many scenes per sandbox child (mathanim/plan/harvest.py).

    flock /tmp/mathanim-heavy.lock nice -n 10 .venv/bin/python bench/plan_harvest.py \
        [--source items animations 3b1b] [--budget-min 9] [--workers 2] [--git-dir /work/.mirror/3b1b+videos/repo]

Sources: the offline engine's scenes of the embedding data (media/embed/data/items.jsonl: families and
catalogue composers over many parameter values), the scenes of Animations/, and 3b1b/videos scenes converted to
CE by mathanim.finetune.convert (read from a git mirror into a temporary folder that is deleted afterwards; the
code is CC BY-NC-SA: only the measured boxes and roles are kept, never the code). Resumable: a scene already in
the cache (bench/data/plan_layouts_batch.jsonl.gz) is not run again. Groups match bench/layout_plan.py's names
(family:<key>, entry:<id>, animations:<stem>, 3b1b:<file>), so a held-out group stays held out.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mathanim.config import Settings  # noqa: E402
from mathanim.embed.data import breadth_first  # noqa: E402
from mathanim.plan.harvest import Case, HarvestOptions, LayoutCache, harvest, summary  # noqa: E402

CACHE = ROOT / "bench" / "data" / "plan_layouts_batch.jsonl.gz"
ITEMS = ROOT / "media" / "embed" / "data" / "items.jsonl"
GL_CASES = ROOT / "media" / "plan_harvest" / "3b1b_cases.jsonl"  # converted CC BY-NC-SA code: local only


def _group(group: str) -> str:
    """The embedding data's group as bench/layout_plan.py names it (file:x.py → animations:x)."""
    return f"animations:{Path(group[5:]).stem}" if group.startswith("file:") else group


def _name(group: str, scene: str, code: str) -> str:
    digest = hashlib.sha256(f"{scene}\0{code}".encode()).hexdigest()[:12]
    return f"{group}#{digest}"


def item_cases(path: Path) -> list[Case]:
    """The distinct scenes of an embedding items.jsonl (its first line is the build's arguments)."""
    from mathanim.offline.catalogue import load

    composer = {f"entry:{e.id}": f"composer:{e.composer}" for e in load()}
    out, seen = [], set()
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        r = json.loads(line)
        g = _group(r["group"])
        case = Case(_name(g, r["scene"], r["code"]), g, composer.get(g, g.split(":")[0]), r["scene"], r["code"])
        if case.name not in seen:
            seen.add(case.name)
            out.append(case)
    return out


def animation_cases(folder: Path) -> list[Case]:
    """Every CE scene class of a folder of scene files, grouped by file."""
    from mathanim.finetune.extract import extract_tree

    return [Case(_name(f"animations:{Path(s.source_file).stem}", s.name, s.code),
                 f"animations:{Path(s.source_file).stem}", "animations", s.name, s.code)
            for s in extract_tree(folder) if s.style == "ce"]


def gl_cases(git_dir: str, n: int, seed: int) -> list[Case]:
    """Up to `n` sampled scene classes of a 3b1b/videos mirror that convert to CE. The conversions (about a
    second each) are kept for the next chunk in GL_CASES, under the git-ignored media/: never committed."""
    key = {"git_dir": git_dir, "n": n, "seed": seed}
    if GL_CASES.is_file():
        lines = GL_CASES.read_text(encoding="utf-8").splitlines()
        if lines and json.loads(lines[0]) == key:
            return [Case(**json.loads(x)) for x in lines[1:]]
    out = _convert_sample(git_dir, n, seed)
    GL_CASES.parent.mkdir(parents=True, exist_ok=True)
    GL_CASES.write_text("\n".join(json.dumps(x) for x in [key, *map(asdict, out)]) + "\n", encoding="utf-8")
    return out


def _convert_sample(git_dir: str, n: int, seed: int) -> list[Case]:
    """The sample's scenes that convert to CE (the .py files read into a temporary folder, deleted after)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from convert_3b1b import checkout_py

    from mathanim.finetune.convert import convert
    from mathanim.finetune.extract import extract_tree

    with tempfile.TemporaryDirectory() as tmp:
        checkout_py(git_dir, Path(tmp))
        scenes = extract_tree(tmp)
    out = []
    for s in random.Random(seed).sample(scenes, min(n, len(scenes))):
        conv = convert(s.code, gl=s.style == "gl")
        if conv.ok:
            out.append(Case(f"3b1b:{s.source_file}:{s.name}", f"3b1b:{s.source_file}", "3b1b", s.name, conv.code))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", nargs="+", default=["items", "animations", "3b1b"],
                    choices=["items", "animations", "3b1b"])
    ap.add_argument("--items", default=str(ITEMS), help="an embedding build's items.jsonl")
    ap.add_argument("--git-dir", default="/work/.mirror/3b1b+videos/repo", help="a bare mirror of 3b1b/videos")
    ap.add_argument("--n-3b1b", type=int, default=600, help="3b1b scene classes sampled (before conversion)")
    ap.add_argument("--out", default=str(CACHE))
    ap.add_argument("--budget-min", type=float, default=9.0, help="no new batch after this many minutes")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch", type=int, default=40)
    ap.add_argument("--cpu-s", type=float, default=20.0, help="CPU seconds a scene may use")
    a = ap.parse_args(argv)
    t0, cache = time.monotonic(), LayoutCache(a.out)
    for source in a.source:
        if time.monotonic() - t0 >= a.budget_min * 60:
            break
        cases = {"items": lambda: breadth_first(item_cases(Path(a.items))),
                 "animations": lambda: animation_cases(ROOT / "Animations"),
                 "3b1b": lambda: gl_cases(a.git_dir, a.n_3b1b, 0)}[source]()
        left = a.budget_min * 60 - (time.monotonic() - t0)  # the conversions count against the chunk too
        opts = HarvestOptions(batch=a.batch, workers=a.workers, budget_s=left, per_scene_cpu_s=a.cpu_s,
                              trusted=source != "3b1b")
        out = harvest(cases, cache, Settings.load(), opts, log=lambda m, s=source: print(f"  {s} {m}", flush=True))
        print(json.dumps({"source": source, "cases": len(cases), **out}), flush=True)
    print(json.dumps(by_source(cache.rows.values())))
    return 0


def by_source(rows) -> dict:
    """The cache's figures per source kind (family, composer, animations, 3b1b)."""
    kinds: dict[str, list] = {}
    for r in rows:
        kinds.setdefault(r["source"].split(":")[0], []).append(r)
    return {k: summary(v, 0.0) for k, v in sorted(kinds.items())}


if __name__ == "__main__":
    raise SystemExit(main())
