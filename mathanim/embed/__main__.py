"""`python -m mathanim.embed build|train|eval`: the code<->frame embedding's data, training and evaluation."""

from __future__ import annotations

import argparse
import json
import sys


def cmd_build(a) -> int:
    from .batch import RenderOptions
    from .data import BuildOptions, build

    ro = RenderOptions(batch=a.batch, workers=a.workers, budget_s=a.budget_min * 60, budget_cpu_s=a.budget_cpu_min * 60,
                       per_scene_cpu_s=a.scene_cpu_s, fast=not a.manim_plays)
    opts = BuildOptions(a.out, a.per_family, a.per_entry, a.animations, a.seed, a.wide_family, a.wide_entry, a.also,
                        ro)
    stats = build(opts,
                  log=lambda m: print(m, file=sys.stderr, flush=True))
    print(json.dumps(stats))
    return 0 if stats["pairs"] else 1


def cmd_train(a) -> int:
    from .train import TrainOptions, train

    opts = TrainOptions(data=a.data, out=a.out, epochs=a.epochs, minutes=a.minutes, batch=a.batch, seed=a.seed,
                        threads=a.threads, limit=a.limit)
    summary = train(opts, log=lambda m: print(m, file=sys.stderr, flush=True))
    print(json.dumps({k: summary[k] for k in ("model", "pairs", "epochs", "seconds", "cpu_seconds", "first_loss", "last_loss")}))
    return 0


def cmd_eval(a) -> int:
    from .eval import evaluate, table

    report = evaluate(a.model, a.data, gallery=a.gallery, seed=a.seed)
    print(table(report))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m mathanim.embed", description=__doc__)
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="render (code, last frame) pairs into a cached folder")
    b.add_argument("--out", default="media/embed/data")
    b.add_argument("--per-family", type=int, default=10, help="variants of each offline family")
    b.add_argument("--per-entry", type=int, default=4, help="variants of each catalogue entry")
    b.add_argument("--animations", default="Animations", help="a folder of scene files ('' to skip)")
    b.add_argument("--wide-family", type=int, default=0, help="more variants of each family, values from wide ranges")
    b.add_argument("--wide-entry", type=int, default=0, help="more variants of each catalogue entry, wide values")
    b.add_argument("--also", default="", help="another build's items.jsonl whose scenes are pairs too (older engine)")
    b.add_argument("--batch", type=int, default=40, help="scenes per sandbox child")
    b.add_argument("--scene-cpu-s", type=float, default=20.0, help="a scene over this many CPU seconds fails alone")
    b.add_argument("--manim-plays", action="store_true",
                   help="play every animation the way manim does (slower; the fast end states are the default)")
    b.add_argument("--workers", type=int, default=1, help="sandbox children at once")
    b.add_argument("--budget-min", type=float, default=0, help="start no batch after this many minutes (0: all)")
    b.add_argument("--budget-cpu-min", type=float, default=0,
                   help="start no batch after the sandbox children used this many CPU minutes (0: all)")
    b.add_argument("--seed", type=int, default=0)
    t = sub.add_parser("train", help="train the dual encoder on a built folder (held-out splits kept out)")
    t.add_argument("--data", default="media/embed/data")
    t.add_argument("--out", default="media/embed/model.pt")
    t.add_argument("--epochs", type=int, default=60)
    t.add_argument("--minutes", type=float, default=6.0, help="stop after this many CPU minutes (of all its threads)")
    t.add_argument("--batch", type=int, default=64)
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--threads", type=int, default=1, help="torch threads (the minutes count the CPU of all of them)")
    t.add_argument("--limit", type=int, default=0, help="train on this many training pairs only (0: all)")
    e = sub.add_parser("eval", help="retrieval and separation on the held-out splits")
    e.add_argument("--model", default="media/embed/model.pt")
    e.add_argument("--data", default="media/embed/data")
    e.add_argument("--gallery", type=int, default=100)
    e.add_argument("--seed", type=int, default=0)
    return p


def main(argv: list[str] | None = None) -> int:
    a = parser().parse_args(argv)
    return {"build": cmd_build, "train": cmd_train, "eval": cmd_eval}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
