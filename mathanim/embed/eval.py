"""Retrieval and separation metrics of the dual encoder on held-out pairs, and the table that reports them.

For a gallery of N pairs, sim[i, j] = cos(code_i, frame_j); the right answer of row i (code->frame) and of
column j (frame->code) is the diagonal. R@k: how often it ranks in the top k; MRR: the mean of 1/rank. Chance
is k/N and H_N/N. AUC: how often a scene's own frame scores higher than another scene's frame (all swaps).
"""

from __future__ import annotations

import random
from pathlib import Path

import torch

SPLITS = (("param", "held-out parameters (seen scenes)"), ("family", "held-out families"),
          ("train", "training pairs (for reference)"))


def ranks(sim: torch.Tensor) -> torch.Tensor:
    """1-based rank of the diagonal entry in each row (ties count against it)."""
    diag = sim.diagonal().unsqueeze(1)
    return (sim >= diag).sum(dim=1)


def retrieval(sim: torch.Tensor) -> dict:
    """R@1, R@5 and MRR in both directions for a square similarity matrix (codes x frames)."""
    out = {}
    for name, m in (("code_to_frame", sim), ("frame_to_code", sim.T)):
        r = ranks(m).float()
        out[name] = {"R@1": float((r <= 1).float().mean()), "R@5": float((r <= 5).float().mean()),
                     "MRR": float((1 / r).mean())}
    return out


def chance(n: int) -> dict:
    """The same metrics for random similarities over n items."""
    return {"R@1": min(1.0, 1 / n), "R@5": min(1.0, 5 / n), "MRR": sum(1 / k for k in range(1, n + 1)) / n}


def auc(sim: torch.Tensor) -> float:
    """P(own pair's score > a swapped pair's score), ties half: positives = diagonal, negatives = off-diagonal."""
    n = sim.shape[0]
    pos = sim.diagonal()
    neg = sim[~torch.eye(n, dtype=torch.bool)]
    if n < 2:
        return float("nan")
    greater = (pos[:, None] > neg[None, :]).float().mean()
    ties = (pos[:, None] == neg[None, :]).float().mean()
    return float(greater + ties / 2)


def gallery_metrics(bundle, rows: list[dict], size: int, seed: int, draws: int = 5) -> dict:
    """Metrics averaged over up to `draws` random galleries of `size` rows (one when the split is that small)."""
    from .train import tensors

    data = tensors(rows, bundle.tokenizer, bundle.model.spec)
    codes, frames = bundle.model.embed_codes, bundle.model.embed_frames
    bundle.model.eval()
    with torch.no_grad():
        cv, fv = codes(data.ids), frames(data.frames)
    rng, n = random.Random(seed), min(size, len(rows))
    picks = [list(range(len(rows)))] if len(rows) <= size else [rng.sample(range(len(rows)), n) for _ in range(draws)]
    runs = []
    for idx in picks:
        sim = cv[idx] @ fv[idx].T
        runs.append({**retrieval(sim), "AUC": auc(sim)})
    mean = {d: {k: sum(r[d][k] for r in runs) / len(runs) for k in ("R@1", "R@5", "MRR")}
            for d in ("code_to_frame", "frame_to_code")}
    return {**mean, "AUC": sum(r["AUC"] for r in runs) / len(runs), "n": n, "galleries": len(runs),
            "chance": chance(n)}


def evaluate(model: Path | str, data: Path | str, gallery: int = 100, seed: int = 0) -> dict:
    """Metrics for every split of a built folder, under the same split rule as training."""
    from .data import assign_splits, read_index
    from .model import load

    bundle = load(model)
    rows = read_index(data)
    assign_splits(rows, gallery)
    report = {"pairs": len(rows), "groups": len({r["group"] for r in rows}), "splits": {}}
    for split, _ in SPLITS:
        part = [r for r in rows if r["split"] == split]
        if len(part) >= 2:
            report["splits"][split] = gallery_metrics(bundle, part, gallery, seed)
    return report


def table(report: dict) -> str:
    """The report as a fixed-width table, each metric next to its chance value."""
    lines = [f"{report['pairs']} pairs in {report['groups']} groups",
             f"{'split':<38} {'n':>4} {'direction':<14} {'R@1':>11} {'R@5':>11} {'MRR':>11} {'AUC':>6}",
             f"{'':<38} {'':>4} {'':<14} {'(chance)':>11} {'(chance)':>11} {'(chance)':>11} {'(0.5)':>6}"]
    names = dict(SPLITS)
    for split, m in report["splits"].items():
        c = m["chance"]
        for d in ("code_to_frame", "frame_to_code"):
            cells = " ".join(f"{m[d][k]:.3f} ({c[k]:.2f})".rjust(11) for k in ("R@1", "R@5", "MRR"))
            auc_cell = f"{m['AUC']:.3f}" if d == "code_to_frame" else ""
            lines.append(f"{names[split]:<38} {m['n']:>4} {d.replace('_to_', '->'):<14} {cells} {auc_cell:>6}")
    return "\n".join(lines)
