"""The learned layout prior, JEPA-style: mask some elements of a layout, predict them from the visible ones.

A context encoder reads the visible elements (role, kind, size, order among its role, position) plus a frame
token; a predictor gets the context and one query per masked element (what it is, not where) and predicts the
masked element's representation and its centre. The target representations come from a target encoder that
reads the whole layout and is an exponential moving average of the context encoder (never trained by the
gradient). Loss: smooth L1 to the (layer-normed) target representation plus L1 on the centre. Tiny: trains
on CPU in minutes. Planning from scratch masks every element.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional as F

from .infer import MAX_N, WHAT, arrays


@dataclass
class Batch:
    """Padded layouts: what each element is, where its centre is (normalised), which are real and masked."""

    what: torch.Tensor  # [B, N, WHAT]
    pos: torch.Tensor  # [B, N, 2], centre / half the frame
    valid: torch.Tensor  # [B, N] bool
    masked: torch.Tensor  # [B, N] bool (a subset of valid)


def make_batch(layouts: list[list[dict]], masks: list[list[bool]]) -> Batch:
    """A Batch of `layouts` with `masks[i][j]` True where element j of layout i is hidden (infer.arrays' padding, as
    tensors)."""
    a = arrays(layouts, masks)
    return Batch(*(torch.from_numpy(a[k]) for k in ("what", "pos", "valid", "masked")))


def random_masks(valid: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    """Hide a random share (a quarter to all) of each layout's real elements, at least one."""
    n = valid.sum(1, keepdim=True).float()
    k = torch.clamp(torch.ceil((0.25 + 0.75 * torch.rand(n.shape, generator=gen)) * n), min=1)
    score = torch.rand(valid.shape, generator=gen).masked_fill(~valid, 2.0)
    rank = score.argsort(1).argsort(1)
    return (rank < k) & valid


class Encoder(nn.Module):
    """Elements (what + where) and a frame token through a small transformer; one representation per element."""

    def __init__(self, dim: int = 64, layers: int = 2):
        super().__init__()
        self.embed = nn.Linear(WHAT + 2, dim)
        self.frame = nn.Parameter(torch.zeros(1, 1, dim))
        layer = nn.TransformerEncoderLayer(dim, 4, dim * 2, dropout=0.0, batch_first=True)
        self.body = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)

    def forward(self, what, pos, visible):
        x = torch.cat([self.frame.expand(what.shape[0], -1, -1), self.embed(torch.cat([what, pos], -1))], 1)
        pad = torch.cat([torch.zeros_like(visible[:, :1]), ~visible], 1)
        return self.body(x, src_key_padding_mask=pad)  # [B, 1 + N, dim]


class Predictor(nn.Module):
    """Context representations plus one query per masked element → its representation and its centre."""

    def __init__(self, dim: int = 64, layers: int = 2):
        super().__init__()
        self.query = nn.Linear(WHAT, dim)
        self.mask_token = nn.Parameter(torch.zeros(1, 1, dim))
        layer = nn.TransformerEncoderLayer(dim, 4, dim * 2, dropout=0.0, batch_first=True)
        self.body = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
        self.rep, self.where = nn.Linear(dim, dim), nn.Linear(dim, 2)

    def forward(self, context, visible, what, masked):
        q = self.query(what) + self.mask_token
        x = torch.cat([context, q], 1)
        pad = torch.cat([torch.zeros_like(visible[:, :1]), ~visible, ~masked], 1)
        out = self.body(x, src_key_padding_mask=pad)[:, context.shape[1]:]
        return self.rep(out), torch.tanh(self.where(out)) * 1.05


class LayoutJEPA(nn.Module):
    """Context encoder, predictor, and the EMA target encoder."""

    def __init__(self, dim: int = 64, ema: float = 0.99):
        super().__init__()
        self.context, self.predictor = Encoder(dim), Predictor(dim)
        self.target = copy.deepcopy(self.context)
        for p in self.target.parameters():
            p.requires_grad_(False)
        self.ema = ema

    def loss(self, batch: Batch, pos_weight: float = 4.0) -> torch.Tensor:
        """Representation loss on the masked elements plus `pos_weight` times the L1 of their centres."""
        visible = batch.valid & ~batch.masked
        ctx = self.context(batch.what, batch.pos, visible)
        rep, where = self.predictor(ctx, visible, batch.what, batch.masked)
        with torch.no_grad():
            tgt = self.target(batch.what, batch.pos, batch.valid)[:, 1:]
            tgt = F.layer_norm(tgt, tgt.shape[-1:])
        m = batch.masked
        return F.smooth_l1_loss(rep[m], tgt[m]) + pos_weight * F.l1_loss(where[m], batch.pos[m])

    @torch.no_grad()
    def update_target(self) -> None:
        """target ← ema · target + (1 − ema) · context."""
        for t, c in zip(self.target.parameters(), self.context.parameters(), strict=True):
            t.mul_(self.ema).add_(c.detach(), alpha=1 - self.ema)

    @torch.no_grad()
    def predict(self, batch: Batch) -> torch.Tensor:
        """Predicted centres (normalised) of every element; only the masked ones are predictions."""
        visible = batch.valid & ~batch.masked
        _, where = self.predictor(self.context(batch.what, batch.pos, visible), visible, batch.what, batch.masked)
        return where


def train(model: LayoutJEPA, layouts: list[list[dict]], steps: int, seed: int = 0, batch_size: int = 64) -> list[float]:
    """Self-supervised training on `layouts` (new random masks each step); the loss of every step."""
    gen = torch.Generator().manual_seed(seed)
    data = make_batch(layouts, [[False] * MAX_N for _ in layouts])  # featurised once
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=2e-3, weight_decay=1e-4)
    losses = []
    for _ in range(steps):
        idx = torch.randint(len(layouts), (batch_size,), generator=gen)
        valid = data.valid[idx]
        loss = model.loss(Batch(data.what[idx], data.pos[idx], valid, random_masks(valid, gen)))
        opt.zero_grad()
        loss.backward()
        opt.step()
        model.update_target()
        losses.append(loss.item())
    return losses
