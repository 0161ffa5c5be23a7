"""Training the dual encoder from scratch on CPU: symmetric InfoNCE, AdamW, a time limit, a loss log."""

from __future__ import annotations

import json
import math
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import torch

from .model import Bundle, DualEncoder, EmbedSpec, encode_codes, load_frame, save, train_code_tokenizer


@dataclass
class TrainOptions:
    """What `python -m mathanim.embed train` was asked for."""

    data: str  # a built folder (pairs.jsonl + frames/)
    out: str  # the checkpoint file
    epochs: int = 60
    minutes: float = 6.0  # CPU minutes of this process (one thread: the work done, whatever the machine's load)
    batch: int = 64
    lr: float = 1e-3
    seed: int = 0
    threads: int = 1  # the machine's cores are shared
    spec: EmbedSpec = None  # type: ignore[assignment]  # None: EmbedSpec() with the trained vocabulary
    gallery: int = 100  # each held-out split's target size (see data.assign_splits)
    limit: int = 0  # train on this many training pairs only (a seeded sample; 0: all), to see what more data buys


def shift(frames: torch.Tensor, gen: torch.Generator, pixels: int = 4) -> torch.Tensor:
    """A random shift of the whole batch by up to `pixels` (edges padded with the border): a little
    augmentation that costs nothing."""
    dx, dy = (int(v) for v in torch.randint(-pixels, pixels + 1, (2,), generator=gen))
    padded = torch.nn.functional.pad(frames, (pixels, pixels, pixels, pixels), mode="replicate")
    h, w = frames.shape[-2:]
    return padded[..., pixels + dy: pixels + dy + h, pixels + dx: pixels + dx + w]


@dataclass
class Tensors:
    """A split as tensors: frames (N, 3, H, W), token ids (N, T)."""

    frames: torch.Tensor
    ids: torch.Tensor


def tensors(rows: list[dict], tok, spec: EmbedSpec) -> Tensors:
    """Load the frames and tokenise the codes of `rows`."""
    frames = torch.stack([load_frame(r["frame"], spec) for r in rows]) if rows else torch.zeros((0, 3, 1, 1))
    return Tensors(frames, encode_codes(tok, [r["code"] for r in rows], spec.max_tokens))


class _Schedule:
    """Warm-up, then cosine decay over the steps or the time limit, whichever runs out first."""

    def __init__(self, optim, opts: TrainOptions, steps: int):
        self.optim, self.opts, self.steps, self.step, self.t0 = optim, opts, max(1, steps), 0, time.process_time()

    def __call__(self) -> None:
        done = max(self.step / self.steps, (time.process_time() - self.t0) / (self.opts.minutes * 60))
        warm = min(1.0, (self.step + 1) / max(1, self.steps // 20))
        for g in self.optim.param_groups:
            g["lr"] = self.opts.lr * warm * 0.5 * (1 + math.cos(math.pi * min(1.0, done)))
        self.step += 1


def _epoch(model: DualEncoder, data: Tensors, opts: TrainOptions, optim, sched: _Schedule, gen) -> float:
    """One pass over the pairs in random batches; returns the mean loss."""
    model.train()
    n = len(data.ids)
    order, total = torch.randperm(n, generator=gen), 0.0
    for i in range(0, n, opts.batch):
        idx = order[i: i + opts.batch]
        if len(idx) < 2:  # a contrastive batch needs negatives
            continue
        sched()
        loss = model.loss(shift(data.frames[idx], gen), data.ids[idx])
        optim.zero_grad()
        loss.backward()
        optim.step()
        total += loss.item() * len(idx)
    return total / n


def fit(model: DualEncoder, data: Tensors, opts: TrainOptions, log: Callable[[str], None]) -> list[float]:
    """Train in place until the epochs or the CPU minutes run out; returns the mean loss of every epoch."""
    gen = torch.Generator().manual_seed(opts.seed)
    optim = torch.optim.AdamW(model.parameters(), lr=opts.lr, weight_decay=0.05)
    sched = _Schedule(optim, opts, opts.epochs * ((len(data.ids) + opts.batch - 1) // opts.batch))
    losses: list[float] = []
    for epoch in range(opts.epochs):
        losses.append(_epoch(model, data, opts, optim, sched, gen))
        log(f"epoch {epoch + 1}: loss {losses[-1]:.4f} ({time.process_time() - sched.t0:.0f} CPU s)")
        if time.process_time() - sched.t0 > opts.minutes * 60:
            break
    return losses


def train_rows(rows: list[dict], opts: TrainOptions, log: Callable[[str], None] = print) -> tuple[Bundle, dict]:
    """Train a bundle on `rows` (each with "code" and "frame"); returns it and a summary."""
    torch.manual_seed(opts.seed)
    torch.set_num_threads(opts.threads)
    base = opts.spec or EmbedSpec()
    from .model import code_view

    tok = train_code_tokenizer([code_view(r["code"]) for r in rows], base.vocab)
    spec = EmbedSpec(**{**asdict(base), "vocab": tok.get_vocab_size()})
    model = DualEncoder(spec)
    t0, c0 = time.monotonic(), time.process_time()
    losses = fit(model, tensors(rows, tok, spec), opts, log)
    summary = {"pairs": len(rows), "epochs": len(losses), "seconds": round(time.monotonic() - t0, 1),
               "cpu_seconds": round(time.process_time() - c0, 1),
               "first_loss": losses[0] if losses else None, "last_loss": losses[-1] if losses else None,
               "losses": losses, "temperature": float(1 / model.logit_scale.detach().exp())}
    return Bundle(model, tok, {"trained_on": len(rows), **{k: summary[k] for k in ("epochs", "last_loss")}}), summary


def train(opts: TrainOptions, log: Callable[[str], None] = print) -> dict:
    """Train on the "train" split of a built folder; save the checkpoint and train_summary.json next to it."""
    from .data import assign_splits, read_index

    rows = read_index(opts.data)
    assign_splits(rows, opts.gallery)
    train_set = [r for r in rows if r["split"] == "train"]
    if 0 < opts.limit < len(train_set):
        train_set = random.Random(opts.seed).sample(train_set, opts.limit)
    if len(train_set) < 2:
        raise ValueError(f"{opts.data} has {len(train_set)} training pairs; build more first")
    log(f"training on {len(train_set)} of {len(rows)} pairs")
    bundle, summary = train_rows(train_set, opts, log)
    bundle.meta["data"] = str(opts.data)
    path = save(bundle, opts.out)
    summary["model"] = str(path)
    Path(opts.out).with_name("train_summary.json").write_text(json.dumps(summary, indent=1))
    return summary
