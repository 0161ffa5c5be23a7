"""Measure the ManimGL → CE converter on a real 3b1b/videos checkout: the share of scene classes that convert
AND render (last-frame check in the sandbox).

    .venv/bin/python bench/convert_3b1b.py --tree /path/to/videos [--n 150 --seed 0 --timeout 40 --workers 2]

`--git-dir` reads the .py files of a bare git mirror instead of a checkout (into a temporary folder that is
deleted afterwards). The code of 3b1b/videos is CC BY-NC-SA 4.0: this script only measures, it keeps nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mathanim.config import Settings  # noqa: E402
from mathanim.finetune.convert import convert  # noqa: E402
from mathanim.finetune.dataset import Pair, render_filter  # noqa: E402
from mathanim.finetune.extract import extract_tree  # noqa: E402


def checkout_py(git_dir: str, dest: Path) -> None:
    """Write the .py and LICENSE files of HEAD of a bare mirror under dest (missing blobs are skipped)."""
    listing = subprocess.run(["git", "--git-dir", git_dir, "ls-tree", "-r", "HEAD"], capture_output=True,
                             text=True, check=True).stdout
    for line in listing.splitlines():
        meta, path = line.split("\t", 1)
        if not (path.endswith(".py") or path.startswith("LICENSE")):
            continue
        blob = subprocess.run(["git", "--git-dir", git_dir, "cat-file", "blob", meta.split()[2]], capture_output=True)
        if blob.returncode == 0:
            (dest / path).parent.mkdir(parents=True, exist_ok=True)
            (dest / path).write_bytes(blob.stdout)


def measure(tree: Path, n: int, seed: int, timeout: int, workers: int, characters: bool) -> dict:
    t0 = time.monotonic()
    scenes = extract_tree(tree)
    sample = random.Random(seed).sample(scenes, min(n, len(scenes)))
    reasons: Counter = Counter()
    pairs = []
    for s in sample:
        conv = convert(s.code, gl=s.style == "gl", characters=characters)
        if conv.ok:
            pairs.append(Pair("3b1b", s.source_file, s.name, s.concept, conv.code, "CC BY-NC-SA 4.0",
                              changes=conv.changes))
        else:
            reasons[f"convert: {conv.blockers[0]}"] += 1
    with tempfile.TemporaryDirectory() as media:
        settings = Settings.load().with_(media_dir=Path(media), check_timeout_s=timeout)
        results = render_filter(pairs, settings, workers,
                                lambda i, k: print(f"\r  rendered {i}/{k}", end="", file=sys.stderr, flush=True),
                                details=True)
    print(file=sys.stderr)
    ok = [p for p, r in results if r is None]
    failures = sorted(f"{p.source_file}:{p.scene}: {r}" for p, r in results if r)
    results = [(p, r.split(" | ")[0] if r else r) for p, r in results]
    reasons.update(r for _, r in results if r)
    with_chars = [p for p in ok if any(c.startswith("character stand-in") for c in p.changes)]
    with_assets = [p for p in ok if any(c.startswith("asset stand-in") for c in p.changes)]
    plain = [p for p in ok if p not in with_chars and p not in with_assets]
    return {"scene_classes": len(scenes), "sample": len(sample), "seed": seed, "characters": characters,
            "converted": len(pairs), "rendered": len(ok), "share": round(len(ok) / max(1, len(sample)), 3),
            "rendered_with_character_stand_in": len(with_chars),
            "share_without_character_stand_in": round((len(ok) - len(with_chars)) / max(1, len(sample)), 3),
            "rendered_with_asset_stand_in": len(with_assets),
            "share_without_any_stand_in": round(len(plain) / max(1, len(sample)), 3),
            "rendered_names": sorted(f"{p.source_file}:{p.scene}" for p in ok), "failures": failures,
            "reasons": reasons.most_common(), "seconds": round(time.monotonic() - t0, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tree", help="a checkout of 3b1b/videos")
    ap.add_argument("--git-dir", help="a bare git mirror of 3b1b/videos (read with git, nothing kept)")
    ap.add_argument("--n", type=int, default=150)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--timeout", type=int, default=40, help="seconds per scene check")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", help="write the JSON report here too")
    ap.add_argument("--characters", action="store_true", help="use the pi-creature stand-in (gl_shims.py)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(a.tree) if a.tree else Path(tmp)
        if not a.tree:
            checkout_py(a.git_dir, tree)
        report = measure(tree, a.n, a.seed, a.timeout, a.workers, a.characters)
    text = json.dumps(report, indent=1, ensure_ascii=False)
    if a.out:
        Path(a.out).write_text(text)
    print(json.dumps({k: v for k, v in report.items() if k not in ("rendered_names", "failures")}, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
