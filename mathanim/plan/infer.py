"""The layout prior's forward pass on numpy: what Prior.anchors and Prior.energy run, without torch.

model.py trains LayoutJEPA on torch; `export` writes the two parts inference needs (the context encoder and the
predictor) to mathanim/plan/prior.npz, and `Predictor.predict` computes what LayoutJEPA.predict does (torch's
post-norm TransformerEncoderLayer: ReLU, four heads, padded keys masked out). For a dozen elements numpy is several
times faster than torch, whose thread pool spins against the render processes on a busy machine (a composer's
choice of arrangement took 8 to 18 ms on torch there and 2 to 4 on numpy), and a process that builds offline
scenes no longer imports torch at all.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .elements import FRAME, KINDS, ROLES

MAX_N = 12
WHAT = len(ROLES) + len(KINDS) + 3  # role, kind, (w, h), order among its role
HALF_W, HALF_H = FRAME[2], FRAME[3]
HEADS = 4
LAYERS = 2
PARTS = ("context.", "predictor.")  # the EMA target encoder only trains


def features(rows: list[dict]) -> tuple[list[list[float]], list[list[float]]]:
    """(what, pos) of one layout's rows {role, kind, box}."""
    what, pos, seen = [], [], {}
    for r in rows[:MAX_N]:
        b = r["box"]
        k = seen[r["role"]] = seen.get(r["role"], -1) + 1
        one = [float(r["role"] == x) for x in ROLES] + [float(r["kind"] == x) for x in KINDS]
        what.append(one + [(b[2] - b[0]) / (2 * HALF_W), (b[3] - b[1]) / (2 * HALF_H), min(k, 4) / 4])
        pos.append([(b[0] + b[2]) / 2 / HALF_W, (b[1] + b[3]) / 2 / HALF_H])
    return what, pos


def arrays(layouts: list[list[dict]], masks: list[list[bool]]) -> dict[str, np.ndarray]:
    """Padded float32 what [B, N, WHAT], pos [B, N, 2] and bool valid, masked [B, N] of `layouts`."""
    b = len(layouts)
    out = {"what": np.zeros((b, MAX_N, WHAT), np.float32), "pos": np.zeros((b, MAX_N, 2), np.float32),
           "valid": np.zeros((b, MAX_N), bool), "masked": np.zeros((b, MAX_N), bool)}
    for i, (rows, m) in enumerate(zip(layouts, masks, strict=True)):
        w, p = features(rows)
        n = len(w)
        if n:
            out["what"][i, :n], out["pos"][i, :n], out["valid"][i, :n] = w, p, True
            out["masked"][i, :n] = m[:n]
    return out


def export(state: dict, means: dict, path: Path) -> None:
    """Write the inference weights (numpy arrays of a torch state_dict) and the per-role means to `path`."""
    keep = {k: np.asarray(v, dtype=np.float32) for k, v in state.items() if k.startswith(PARTS)}
    roles = sorted(means)
    np.savez(path, **keep, means_roles=np.array(roles), means_xy=np.array([means[r] for r in roles], np.float64))


class Predictor:
    """LayoutJEPA's inference half, read from an exported .npz."""

    def __init__(self, path: Path):
        with np.load(path, allow_pickle=False) as z:
            self.w = {k: z[k] for k in z.files if k.startswith(PARTS)}
            self.means = {str(r): tuple(float(v) for v in xy) for r, xy in zip(z["means_roles"], z["means_xy"],
                                                                              strict=True)}

    def predict(self, a: dict[str, np.ndarray]) -> np.ndarray:
        """Predicted centres (normalised) [B, N, 2] of every element; only the masked ones are predictions."""
        w, b = self.w, a["what"].shape[0]
        visible = a["valid"] & ~a["masked"]
        x = _linear(np.concatenate([a["what"], a["pos"]], -1), w, "context.embed.")
        x = np.concatenate([np.broadcast_to(w["context.frame"], (b, 1, x.shape[-1])), x], 1)
        context = self._body(x, np.concatenate([np.zeros((b, 1), bool), ~visible], 1), "context.body.")
        q = _linear(a["what"], w, "predictor.query.") + w["predictor.mask_token"]
        pad = np.concatenate([np.zeros((b, 1), bool), ~visible, ~a["masked"]], 1)
        out = self._body(np.concatenate([context, q], 1), pad, "predictor.body.")[:, context.shape[1]:]
        return np.tanh(_linear(out, w, "predictor.where.")) * 1.05

    def _body(self, x: np.ndarray, pad: np.ndarray, p: str) -> np.ndarray:
        """torch's TransformerEncoder of post-norm layers (norm_first False, ReLU, dropout 0)."""
        bias = np.where(pad[:, None, None, :], -np.inf, 0.0).astype(np.float32)  # padded keys get no attention
        for i in range(LAYERS):
            layer = f"{p}layers.{i}."
            x = _norm(x + self._attention(x, bias, layer + "self_attn."), self.w, layer + "norm1.")
            h = np.maximum(_linear(x, self.w, layer + "linear1."), 0.0)
            x = _norm(x + _linear(h, self.w, layer + "linear2."), self.w, layer + "norm2.")
        return x

    def _attention(self, x: np.ndarray, bias: np.ndarray, p: str) -> np.ndarray:
        b, n, d = x.shape
        qkv = x @ self.w[p + "in_proj_weight"].T + self.w[p + "in_proj_bias"]
        q, k, v = (t.reshape(b, n, HEADS, d // HEADS).transpose(0, 2, 1, 3) for t in np.split(qkv, 3, -1))
        s = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(d // HEADS)) + bias
        s = np.exp(s - s.max(-1, keepdims=True))
        att = ((s / s.sum(-1, keepdims=True)) @ v).transpose(0, 2, 1, 3).reshape(b, n, d)
        return _linear(att, self.w, p + "out_proj.")


def _linear(x: np.ndarray, w: dict, p: str) -> np.ndarray:
    return x @ w[p + "weight"].T + w[p + "bias"]


def _norm(x: np.ndarray, w: dict, p: str, eps: float = 1e-5) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + np.float32(eps)) * w[p + "weight"] + w[p + "bias"]
