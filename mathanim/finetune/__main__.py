"""`python -m mathanim.finetune build|train|grpo|merge|eval|convert|tiny ...`: the fine-tuning pipeline's CLI."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")


def cmd_build(a) -> int:
    from .dataset import BuildOptions, build, parse_source

    opts = BuildOptions(sources=[parse_source(s) for s in a.source], out=a.out,
                        synthetic_per_family=a.synthetic_per_family, families=a.families or None,
                        exclude_noncommercial=a.exclude_noncommercial, render_check=not a.no_render_check,
                        workers=a.workers, check_timeout_s=a.check_timeout, system=a.system, tokenizer=a.tokenizer,
                        transcripts=a.transcripts, max_per_source=a.max_per_source, seed=a.seed,
                        characters=a.characters, check_synthetic=not a.no_check_synthetic)
    card = build(opts, log=lambda m: print(m, file=sys.stderr))
    print(json.dumps({k: card[k] for k in ("records", "splits", "rejections")}, ensure_ascii=False, indent=1))
    return 0 if card["records"] else 1


def cmd_train(a) -> int:
    from .train import TrainConfig, train

    cfg = TrainConfig.load(a.config, base_model=a.base_model, data_dir=a.data_dir, output_dir=a.output_dir,
                           max_steps=a.max_steps)
    s = train(cfg, log=lambda m: print(m, file=sys.stderr))
    print(json.dumps({k: s[k] for k in ("adapter", "resumed_from", "global_step", "train_loss", "examples")}))
    return 0


def cmd_grpo(a) -> int:
    from .grpo import GrpoConfig, train_grpo

    cfg = GrpoConfig.load(a.config, base_model=a.base_model, adapter=a.adapter, data_dir=a.data_dir,
                          output_dir=a.output_dir, max_steps=a.max_steps)
    s = train_grpo(cfg, log=lambda m: print(m, file=sys.stderr))
    print(json.dumps({k: s[k] for k in ("adapter", "global_step", "seconds", "reward")}))
    return 0


def cmd_merge(a) -> int:
    from .train import merge

    print(merge(a.base_model, a.adapter, a.out))
    return 0


def cmd_eval(a) -> int:
    from .eval import Endpoint, run_eval

    print(run_eval([Endpoint.parse(e) for e in a.endpoint], a.suite, a.out, a.max_rounds, layout=not a.no_layout))
    return 0


def cmd_convert(a) -> int:
    from collections import Counter

    from .convert import convert
    from .extract import extract_tree

    if not Path(a.tree).is_dir():
        print(f"error: {a.tree} is not a folder", file=sys.stderr)
        return 2
    out = Path(a.out)
    rows, pairs = [], []
    for s in extract_tree(a.tree, a.transcripts):
        conv = convert(s.code, gl=s.style == "gl", characters=a.characters)
        row = {"source_file": s.source_file, "scene": s.name, "file": None, "changes": conv.changes,
               "blockers": conv.blockers, "render": None, "error": ""}
        if conv.ok:  # one file per scene, under its source file's path, so equal file names never collide
            path = out / Path(s.source_file).with_suffix("") / f"{s.name}.py"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(conv.code, encoding="utf-8")
            row["file"] = str(path.relative_to(out))
            pairs.append((row, conv.code))
        rows.append(row)
    if a.check:
        _render_check(pairs, a.workers, a.timeout)
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
    reasons = Counter(r["blockers"][0] for r in rows if r["blockers"])
    reasons.update(r["render"] for r in rows if r["render"] not in (None, "ok"))
    summary = {"scenes": len(rows), "converted": len(pairs), "blocked": len(rows) - len(pairs),
               "rendered": sum(r["render"] == "ok" for r in rows) if a.check else None,
               "top_reasons": reasons.most_common(10), "out": str(out), "report": str(out / "report.json")}
    print(json.dumps(summary, ensure_ascii=False))
    return 0 if rows else 1


def _render_check(pairs: list[tuple[dict, str]], workers: int, timeout: int) -> None:
    """Render each converted scene's last frame in the sandbox: row["render"] = "ok" or the reason's kind,
    row["error"] = the error message."""
    import tempfile

    from ..config import Settings
    from .dataset import Pair, render_filter

    items = [Pair("tree", r["source_file"], r["scene"], "", code, "") for r, code in pairs]
    with tempfile.TemporaryDirectory() as media:
        settings = Settings.load().with_(media_dir=Path(media), check_timeout_s=timeout)
        results = render_filter(items, settings, workers, lambda i, k: print(f"\r  rendered {i}/{k}", end="",
                                                                             file=sys.stderr, flush=True),
                                details=True)
    print(file=sys.stderr)
    for (row, _), (_, reason) in zip(pairs, results, strict=True):
        row["render"], _, row["error"] = (reason or "ok").partition(" | ")  # kind for the counts; message to read


def cmd_tiny(a) -> int:
    from .tiny import TinySpec, build_tiny, corpus_from_jsonl

    texts = corpus_from_jsonl(Path(a.data_dir).glob("*.jsonl")) if a.data_dir else []
    print(build_tiny(a.out, texts, TinySpec(a.arch, a.vocab_size, a.hidden, a.layers)))
    return 0


def _build_args(sub) -> None:
    b = sub.add_parser("build", help="build the chat dataset (JSONL splits + data card)")
    b.add_argument("--source", action="append", default=[], help="PATH[=NAME[=LICENCE]] of a Manim code tree")
    b.add_argument("--out", required=True)
    b.add_argument("--synthetic-per-family", type=int, default=4)
    b.add_argument("--families", nargs="*", help="only these offline family keys")
    b.add_argument("--exclude-noncommercial", action="store_true", help="skip sources with an NC licence")
    b.add_argument("--no-render-check", action="store_true")
    b.add_argument("--workers", type=int, default=2)
    b.add_argument("--check-timeout", type=int, default=60)
    b.add_argument("--system", choices=["full", "short"], default="full")
    b.add_argument("--tokenizer", help="local tokenizer path for exact token counts in the data card")
    b.add_argument("--transcripts", help="folder of transcripts matched by class name or file stem")
    b.add_argument("--max-per-source", type=int, default=0)
    b.add_argument("--seed", type=int, default=0)
    b.add_argument("--characters", action="store_true", help="keep GL scenes built on pi creatures (CE stand-in)")
    b.add_argument("--no-check-synthetic", action="store_true",
                   help="skip the render check for offline-engine pairs (their families have their own render tests)")


def _train_args(sub) -> None:
    t = sub.add_parser("train", help="LoRA SFT from a config file")
    t.add_argument("--config", required=True)
    for k in ("--base-model", "--data-dir", "--output-dir"):
        t.add_argument(k)
    t.add_argument("--max-steps", type=int)


def _grpo_args(sub) -> None:
    g = sub.add_parser("grpo", help="GRPO from a config file; the reward runs each completion in the sandbox")
    g.add_argument("--config", required=True)
    for k in ("--base-model", "--adapter", "--data-dir", "--output-dir"):
        g.add_argument(k)
    g.add_argument("--max-steps", type=int)


def _merge_args(sub) -> None:
    m = sub.add_parser("merge", help="merge an adapter into its base model")
    m.add_argument("--base-model", required=True)
    m.add_argument("--adapter", required=True)
    m.add_argument("--out", required=True)


def _eval_args(sub) -> None:
    e = sub.add_parser("eval", help="concept suite through OpenAI-compatible endpoints, side by side")
    e.add_argument("--endpoint", action="append", required=True, help="LABEL=URL,MODEL (repeat: base, adapter)")
    e.add_argument("--suite", default="bench/concepts.txt")
    e.add_argument("--out", required=True)
    e.add_argument("--max-rounds", type=int, default=3)
    e.add_argument("--no-layout", action="store_true", help="skip the layout check (faster)")


def _convert_args(sub) -> None:
    c = sub.add_parser("convert", help="extract and convert a ManimGL tree to CE files",
                       description="One CE file per scene class under OUT/<source path>/<Scene>.py, and "
                                   "OUT/report.json with every scene's changes, blockers and render result.")
    c.add_argument("tree", help="folder of Manim code (ManimGL or CE), e.g. a 3b1b/videos checkout")
    c.add_argument("--out", required=True, help="folder for the converted files and report.json")
    c.add_argument("--transcripts", help="folder of transcripts matched by class name or file stem")
    c.add_argument("--characters", action="store_true", help="convert pi-creature scenes with the CE stand-in")
    c.add_argument("--check", action="store_true", help="render each converted scene's last frame in the sandbox")
    c.add_argument("--workers", type=int, default=2, help="render checks at once (with --check)")
    c.add_argument("--timeout", type=int, default=60, help="seconds per render check (with --check)")


def _tiny_args(sub) -> None:
    y = sub.add_parser("tiny", help="build a tiny model + tokenizer (tests, smoke runs)")
    y.add_argument("--out", required=True)
    y.add_argument("--data-dir", help="train the tokenizer on this dataset's JSONL files")
    y.add_argument("--arch", choices=["llama", "qwen2"], default="qwen2")
    y.add_argument("--vocab-size", type=int, default=1024)
    y.add_argument("--hidden", type=int, default=64)
    y.add_argument("--layers", type=int, default=2)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m mathanim.finetune", description=__doc__)
    sub = p.add_subparsers(dest="cmd", required=True)
    for add in (_build_args, _train_args, _grpo_args, _merge_args, _eval_args, _convert_args, _tiny_args):
        add(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    a = parser().parse_args(argv)
    return {"build": cmd_build, "train": cmd_train, "grpo": cmd_grpo, "merge": cmd_merge, "eval": cmd_eval, "convert": cmd_convert,
            "tiny": cmd_tiny}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
