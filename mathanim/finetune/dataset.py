"""The instruction dataset: scene sources → chat pairs → render filter → dedupe → split → JSONL + data card.

Every pair is one chat (system, user concept, assistant = key formulas / reasoning summary + the scene in a
```python block + short notes), the same shape the model backends parse at inference. The render filter runs
each scene to its last frame in the sandbox (mathanim.render.check), several at a time.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import random
import re
import tokenize
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from .. import render
from ..config import Settings
from ..job import Job
from ..prompts import load_prompt, manim_version
from .convert import convert
from .extract import SceneSource, extract_tree, split_words
from .pairs import Pair, Source
from .synthetic import synthetic_pairs

log = logging.getLogger(__name__)

SHORT_SYSTEM = ("You write one short, correct Manim Community Edition {mv} scene for a math concept: key formulas "
                "in LaTeX first, then the complete scene in one ```python block, then short study notes.")


def detect_licence(root: Path) -> str:
    """The licence named in the tree's LICENSE file (first meaningful line), else 'unknown'."""
    for name in ("LICENSE", "LICENSE.txt", "LICENSE.md", "LICENCE", "COPYING"):
        p = root / name
        if p.is_file():
            text = p.read_text(encoding="utf-8", errors="replace")
            if "Attribution-NonCommercial-ShareAlike 4.0" in text:
                return "CC BY-NC-SA 4.0"
            if re.search(r"\bMIT License\b|Permission is hereby granted, free of charge", text):
                return "MIT"
            first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "unknown")
            return first[:80]
    return "unknown"


def parse_source(spec: str) -> Source:
    """'PATH', 'PATH=NAME' or 'PATH=NAME=LICENCE' → Source (licence read from the tree when not given)."""
    path, name, licence = (spec.split("=", 2) + ["", ""])[:3]
    root = Path(path)
    return Source(str(root), name or root.resolve().name, licence or detect_licence(root))


def _formulas(code: str, limit: int = 3) -> list[str]:
    """LaTeX literals of MathTex calls in the scene: the key formulas it shows."""
    found = re.findall(r"MathTex\(\s*r?([\"'])(.+?)\1", code)
    return list(dict.fromkeys(f for _, f in found if len(f) > 2))[:limit]


def _shots(code: str) -> list[str]:
    """The scene's storyboard as words: the self.<method>() calls of construct, else its animations."""
    m = re.search(r"def construct\(self\):\n((?:\s*\n|[ \t]+.*\n?)*)", code)
    body = m.group(1) if m else ""
    calls = re.findall(r"^\s+self\.(\w+)\(\)\s*$", body, re.M)
    if calls:
        return [split_words(c).replace("_", " ") for c in calls][:10]
    anims = re.findall(r"self\.play\(\s*(\w+)\(", body)
    return [split_words(a) for a in anims][:10]


def tree_reasoning(concept: str, code: str) -> tuple[str, str]:
    """(reasoning summary, short notes) for a scene from a code tree, derived from its code only."""
    lines = [f"Concept: {concept}"]
    formulas = _formulas(code)
    if formulas:
        lines += ["", "Key formulas", *[f"$${f}$$" for f in formulas]]
    shots = _shots(code)
    if shots:
        lines += ["", "Storyboard: " + "; ".join(f"{i}. {s}" for i, s in enumerate(shots, 1))]
    notes = f"**{concept.split('.')[0].strip().capitalize()}**: the animation above builds it up step by step."
    if formulas:
        notes += f" Key relation: ${formulas[0]}$."
    return "\n".join(lines), notes


def to_chat(p: Pair, system: str = "full") -> dict:
    """The chat record of a pair (messages plus metadata) in the prompt format the backends use."""
    mv = manim_version()
    sys_text = load_prompt("system", manim_version=mv, exemplars="") if system == "full" else SHORT_SYSTEM.format(mv=mv)
    user = load_prompt("user", concept=p.concept, manim_version=mv)
    assistant = f"{p.reasoning.strip()}\n\n```python\n{p.code.strip()}\n```\n\n{p.notes.strip()}\n"
    meta = {k: getattr(p, k) for k in ("source", "source_file", "scene", "licence", "origin", "split")}
    return {"messages": [{"role": "system", "content": sys_text.strip()}, {"role": "user", "content": user.strip()},
                         {"role": "assistant", "content": assistant}], **meta, "id": p.key}


def pairs_from_scenes(scenes: Iterable[SceneSource], src: Source, reject: Counter,
                      characters: bool = False) -> list[Pair]:
    """Pairs from extracted scenes; GL scenes are converted, those with GL-only leftovers are rejected."""
    out = []
    for s in scenes:
        code, changes = s.code, []
        if s.style == "gl":
            conv = convert(s.code, gl=True, characters=characters)
            if not conv.ok:
                reject[f"convert: {conv.blockers[0]}"] += 1
                continue
            code, changes = conv.code, conv.changes
        reasoning, notes = tree_reasoning(s.concept, code)
        out.append(Pair(src.name, s.source_file, s.name, s.concept, code, src.licence, reasoning, notes,
                        "tree", changes))
    return out


def error_reason(err) -> str:
    """A short rejection reason: error kind plus the exception class (or the first words)."""
    if err is None:
        return "unknown"
    m = re.match(r"(\w+(?:Error|Exception|Exit))\b", err.message or "")
    return f"{err.kind}: {m.group(1)}" if m else f"{err.kind}: {' '.join((err.message or '').split()[:4])}"[:60]


def _transient(err) -> bool:
    """Whether a failed check may pass on a second run: a time limit met, or the child process dying
    without a Python error of the scene's."""
    msg = (err.message or "") if err else ""
    return err is not None and (err.kind == "timeout" or msg.startswith("the render process failed"))


def _check_twice(p: Pair, settings: Settings):
    """The scene's fast check, run once more when the machine rather than the scene failed: a transient error, or
    an exception in this process (a fresh-clone test run once lost a good scene to a SystemError with no message,
    under full load: it is logged, with its traceback, and the scene is checked again)."""
    try:
        out = render.check(p.code, Job.make(settings, scene=p.scene))
    except Exception:  # noqa: BLE001 - the second try raises for good
        log.warning("checking %s raised; checking it once more", p.scene, exc_info=True)
        return render.check(p.code, Job.make(settings, scene=p.scene))
    if not out.ok and _transient(out.error):  # a busy machine, not the scene: one more try
        out = render.check(p.code, Job.make(settings, scene=p.scene))
    return out


def render_filter(pairs: list[Pair], settings: Settings | None = None, workers: int = 2,
                  on_done: Callable[[int, int], None] | None = None,
                  details: bool = False) -> list[tuple[Pair, str | None]]:
    """Run every pair's scene to its last frame in the sandbox, `workers` at a time: (pair, None or reason).

    details=True appends " | <error message>" to each reason (for reports that show the failures).
    """
    settings = settings or Settings.load()
    done = [0]

    def one(p: Pair) -> tuple[Pair, str | None]:
        try:
            out = _check_twice(p, settings)
            reason = None if out.ok else error_reason(out.error)
            if reason and details:
                reason += " | " + " ".join((out.error.message or "").split())[:200]
            if out.poster:
                Path(out.poster).unlink(missing_ok=True)
        except Exception as e:  # noqa: BLE001 - one broken scene never stops the build
            reason = f"internal: {type(e).__name__}" + (f" | {e}"[:200] if details else "")
        done[0] += 1
        if on_done:
            on_done(done[0], len(pairs))
        return p, reason

    with ThreadPoolExecutor(max(1, workers)) as pool:
        return list(pool.map(one, pairs))


def normalize_code(code: str) -> list[str]:
    """The code's tokens without comments, blank lines or indentation: equal lists = the same program."""
    try:
        toks = tokenize.generate_tokens(io.StringIO(code).readline)
        skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER}
        return [t.string for t in toks if t.type not in skip]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return code.split()


def _minhash(tokens: list[str], perms: np.ndarray, k: int = 5) -> np.ndarray:
    shingles = {" ".join(tokens[i: i + k]) for i in range(max(1, len(tokens) - k + 1))}
    h = np.array([zlib.crc32(s.encode()) for s in shingles], dtype=np.uint64)
    a, b = perms[:, :1], perms[:, 1:]
    return ((a * h[None, :] + b) % np.uint64((1 << 31) - 1)).min(axis=1)


def dedupe(pairs: list[Pair], threshold: float = 0.85, bands: int = 16, rows: int = 4) -> tuple[list[Pair], Counter]:
    """Drop exact duplicates (same tokens) and near duplicates (MinHash Jaccard ≥ threshold, verified).

    Synthetic pairs with the same code but a different phrasing are kept (up to two per code): the phrasings
    are what they teach. The first pair of a cluster (input order) is kept.
    """
    removed: Counter = Counter()
    rng = np.random.default_rng(0)
    perms = rng.integers(1, (1 << 31) - 1, size=(bands * rows, 2), dtype=np.uint64)
    seen_exact: Counter = Counter()
    buckets: dict[tuple, list[int]] = {}
    kept: list[Pair] = []
    sigs: list[np.ndarray] = []
    for p in pairs:
        toks = normalize_code(p.code)
        exact = hashlib.sha256("\x00".join(toks).encode()).hexdigest()
        limit = 2 if p.origin == "synthetic" else 1
        if seen_exact[exact] >= limit:
            removed["exact duplicate"] += 1
            continue
        if seen_exact[exact] == 0 and p.origin != "synthetic":
            sig = _minhash(toks, perms)
            near = {j for bnd in range(bands) for j in buckets.get((bnd, *sig[bnd * rows:(bnd + 1) * rows]), [])}
            if any(np.mean(sigs[j] == sig) >= threshold for j in near):
                removed["near duplicate"] += 1
                continue
            for bnd in range(bands):
                buckets.setdefault((bnd, *sig[bnd * rows:(bnd + 1) * rows]), []).append(len(sigs))
            sigs.append(sig)
        seen_exact[exact] += 1
        kept.append(p)
    return kept, removed


def split_of(group: str, val: float = 0.05, test: float = 0.05) -> str:
    """train/validation/test for a group key (a source file), stable across runs and machines."""
    u = int(hashlib.sha256(group.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "test" if u < test else "validation" if u < test + val else "train"


def assign_splits(pairs: list[Pair], val: float = 0.05, test: float = 0.05) -> None:
    """Split by source file (all scenes of one file land in one split); small sets still get val and test."""
    groups = sorted({f"{p.source}/{p.source_file}" for p in pairs})
    by_group = {g: split_of(g, val, test) for g in groups}
    for want in ("test", "validation"):
        if len(groups) >= 3 and want not in by_group.values():
            # the train group with the smallest hash goes to the missing split, so tiny sets are usable
            cands = sorted((g for g in groups if by_group[g] == "train"),
                           key=lambda g: hashlib.sha256(g.encode()).hexdigest())
            if len(cands) > 1:
                by_group[cands[0]] = want
    for p in pairs:
        p.split = by_group[f"{p.source}/{p.source_file}"]


HIST_EDGES = [0, 256, 512, 1024, 2048, 4096, 8192]


def count_tokens(record: dict, tokenizer=None) -> int:
    """Tokens of a chat record: with `tokenizer` exactly, else approximately (word pieces and symbols)."""
    text = "\n".join(m["content"] for m in record["messages"])
    if tokenizer is not None:
        return len(tokenizer(text)["input_ids"])
    return len(re.findall(r"\w+|[^\w\s]", text))


def histogram(lengths: list[int]) -> dict[str, int]:
    """Counts per token-length bucket, e.g. {'0-255': 3, '256-511': 5, ..., '8192+': 0}."""
    out = {}
    for lo, hi in zip(HIST_EDGES, HIST_EDGES[1:] + [None], strict=True):
        label = f"{lo}-{hi - 1}" if hi else f"{lo}+"
        out[label] = sum(1 for n in lengths if n >= lo and (hi is None or n < hi))
    return out


def data_card(records: list[dict], sources: list[Source], extracted: Counter, rejected: Counter,
              tokenizer_name: str) -> dict:
    """Counts per source and split, rejections by reason, token-length histogram and licences."""
    licences = {s.name: s.licence for s in sources} | {"synthetic": "project (generated by the offline engine)"}
    per_source: dict[str, dict] = {name: {"train": 0, "validation": 0, "test": 0, "licence": licences.get(name, "")}
                                   for name in [*(s.name for s in sources), *extracted]}
    for r in records:
        d = per_source.setdefault(r["source"], {"train": 0, "validation": 0, "test": 0, "licence": r["licence"]})
        d[r["split"]] += 1
    for name, d in per_source.items():
        d["extracted"] = extracted.get(name, 0)
        d["kept"] = d["train"] + d["validation"] + d["test"]
    lengths = [r["tokens"] for r in records]
    return {
        "records": len(records), "splits": dict(Counter(r["split"] for r in records)),
        "sources": per_source, "licences": {s.name: s.licence for s in sources} | {"synthetic": "project"},
        "non_commercial_sources": [s.name for s in sources if not s.commercial],
        "rejections": dict(rejected.most_common()),
        "token_lengths": {"tokenizer": tokenizer_name, "histogram": histogram(lengths),
                          "max": max(lengths, default=0), "mean": round(sum(lengths) / max(1, len(lengths)), 1)},
    }


def card_markdown(card: dict) -> str:
    """The data card as Markdown for people."""
    lines = ["# Data card", "", f"Records: {card['records']} ({card['splits']})", "",
             "| source | licence | extracted | kept | train | validation | test |", "|---|---|---|---|---|---|---|"]
    for name, d in card["sources"].items():
        lines.append(f"| {name} | {d['licence']} | {d['extracted']} | {d['kept']} | {d['train']} | "
                     f"{d['validation']} | {d['test']} |")
    if card["non_commercial_sources"]:
        lines += ["", f"Non-commercial sources (exclude with --exclude-noncommercial): "
                      f"{', '.join(card['non_commercial_sources'])}"]
    lines += ["", "## Rejections by reason", ""] + [f"- {k}: {v}" for k, v in card["rejections"].items()]
    tl = card["token_lengths"]
    lines += ["", f"## Token lengths ({tl['tokenizer']}; mean {tl['mean']}, max {tl['max']})", ""]
    lines += [f"- {k}: {v}" for k, v in tl["histogram"].items()]
    return "\n".join(lines) + "\n"


@dataclass
class BuildOptions:
    """What `finetune build` was asked for."""

    sources: list[Source] = field(default_factory=list)
    out: str = "data/finetune"
    synthetic_per_family: int = 4
    families: list[str] | None = None
    exclude_noncommercial: bool = False
    render_check: bool = True
    workers: int = 2
    check_timeout_s: int = 60
    system: str = "full"  # "full": prompts/system.md as served; "short": one sentence (tiny models)
    tokenizer: str | None = None  # a local tokenizer path for exact token counts
    transcripts: str | None = None
    max_per_source: int = 0  # 0: all scenes
    seed: int = 0
    characters: bool = False  # keep GL scenes built on 3b1b's pi creatures (with the CE stand-in)
    check_synthetic: bool = True  # False: trust the offline families' own render tests (quick smoke runs)


def collect(opts: BuildOptions, extracted: Counter, rejected: Counter) -> list[Pair]:
    """Pairs from every source tree (licence-filtered) and from the offline families."""
    pairs: list[Pair] = []
    for src in opts.sources:
        if opts.exclude_noncommercial and not src.commercial:
            rejected[f"licence: {src.name} is non-commercial ({src.licence})"] += 1
            continue
        scenes = extract_tree(src.path, opts.transcripts)
        if opts.max_per_source and len(scenes) > opts.max_per_source:
            scenes = random.Random(opts.seed).sample(scenes, opts.max_per_source)
        extracted[src.name] += len(scenes)
        pairs += pairs_from_scenes(scenes, src, rejected, opts.characters)
    if opts.synthetic_per_family > 0:
        syn = synthetic_pairs(opts.synthetic_per_family, opts.seed, opts.families, rejected)
        extracted["synthetic"] += len(syn)
        pairs += syn
    return pairs


def build(opts: BuildOptions, settings: Settings | None = None, log: Callable[[str], None] = print) -> dict:
    """Build the dataset into opts.out: train/validation/test JSONL, data_card.json/.md, rejected.jsonl."""
    out = Path(opts.out)
    out.mkdir(parents=True, exist_ok=True)
    extracted, rejected = Counter(), Counter()
    pairs = collect(opts, extracted, rejected)
    log(f"{len(pairs)} candidate pairs from {sum(extracted.values())} scenes")
    pairs, removed = dedupe(pairs)
    rejected.update(removed)
    rejects = []
    if opts.render_check:
        settings = (settings or Settings.load()).with_(check_timeout_s=opts.check_timeout_s)
        trusted = [] if opts.check_synthetic else [p for p in pairs if p.origin == "synthetic"]
        to_check = [p for p in pairs if opts.check_synthetic or p.origin != "synthetic"]
        checked = render_filter(to_check, settings, opts.workers,
                                lambda i, n: log(f"render check {i}/{n}") if i % 10 == 0 or i == n else None,
                                details=True)
        # (pair, kind, message): the card counts kinds; rejected.jsonl says why
        rejects = [(p, *r.partition(" | ")[::2]) for p, r in checked if r]
        rejected.update(kind for _, kind, _ in rejects)
        pairs = [p for p, r in checked if r is None] + trusted
        log(f"{len(pairs) - len(trusted)} pairs render, {len(rejects)} rejected, {len(trusted)} synthetic unchecked")
    assign_splits(pairs)
    tok = _load_tokenizer(opts.tokenizer)
    records = []
    for p in pairs:
        rec = to_chat(p, opts.system)
        rec["tokens"] = count_tokens(rec, tok)
        records.append(rec)
    for split in ("train", "validation", "test"):
        _write_jsonl(out / f"{split}.jsonl", [r for r in records if r["split"] == split])
    _write_jsonl(out / "rejected.jsonl", [{**asdict(p), "reason": kind, "error": message}
                                          for p, kind, message in rejects])
    card = data_card(records, opts.sources, extracted, rejected, opts.tokenizer or "approximate (regex word pieces)")
    (out / "data_card.json").write_text(json.dumps(card, indent=1, ensure_ascii=False), encoding="utf-8")
    (out / "data_card.md").write_text(card_markdown(card), encoding="utf-8")
    return card


def _load_tokenizer(path: str | None):
    if not path:
        return None
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(path)


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def read_jsonl(path: Path | str) -> list[dict]:
    """Rows of a JSONL file."""
    with Path(path).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
