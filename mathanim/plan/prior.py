"""Where each element should go before the solver makes it exact: the trained JEPA predictor, or baselines.

`load()` reads the weights bench/layout_plan.py trained (mathanim/plan/prior.pt, torch's, for training; prior.npz,
their export with the per-role means of the training data, for inference on numpy: see infer.py); without them the
per-role means of FIXED_SLOTS stand in. `Prior.anchors` masks every element whose box is not known and predicts its
centre from the known ones, its role and its measured size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .elements import PRIORITY, Element
from .infer import HALF_H, HALF_W, MAX_N, Predictor, arrays, export

WEIGHTS = Path(__file__).with_name("prior.pt")
EXPORTED = WEIGHTS.with_suffix(".npz")
# the fixed-slot baseline: one place per role, as a person would sketch it (title on top, graph left,
# formulas right, caption at the bottom, labels near the middle)
FIXED_SLOTS = {"title": (0.0, 3.3), "graph": (-3.0, -0.5), "formula": (3.3, 0.8), "label": (0.0, 0.0),
               "caption": (0.0, -3.3)}


@dataclass
class Prior:
    """The learned model (infer.Predictor; None: baseline only) and the per-role mean centres."""

    model: Predictor | None = None
    means: dict = field(default_factory=lambda: dict(FIXED_SLOTS))

    def anchors(self, elements: list[Element], known: dict | None = None) -> dict[str, tuple[float, float]]:
        """A centre per element: known boxes stay, the others are predicted (or their role's mean)."""
        known = known or {}
        out = {e.key: _center(known[e.key]) if e.key in known else tuple(self.means[e.role]) for e in elements}
        if self.model is None:
            return out
        # the model reads MAX_N elements: the ones to predict first, then the known ones, most important first
        todo = [e for e in elements if e.key not in known][:MAX_N]
        seen = sorted((e for e in elements if e.key in known), key=lambda e: PRIORITY[e.role])[:MAX_N - len(todo)]
        rows = [{"role": e.role, "kind": e.kind, "box": known.get(e.key, (-e.w / 2, -e.h / 2, e.w / 2, e.h / 2))}
                for e in todo + seen]
        where = self.model.predict(arrays([rows], [[True] * len(todo) + [False] * len(seen)]))[0]
        for i, e in enumerate(todo):
            out[e.key] = (float(where[i, 0]) * HALF_W, float(where[i, 1]) * HALF_H)
        return out

    def energy(self, rows: list[dict], free: list[int]) -> float:
        """How unlike the layouts it learned `rows` ({role, kind, box}) is: each row in `free` hidden in turn and
        predicted from all the others, the mean distance (in half-frames) between prediction and where it is.
        A pseudo-likelihood: it ranks candidate arrangements of the same elements. 0.0 without a model."""
        if self.model is None or not free:
            return 0.0
        rows = rows[:MAX_N]
        free = [i for i in free if i < len(rows)]
        where = self.model.predict(arrays([rows] * len(free), [[j == i for j in range(len(rows))] for i in free]))
        gaps = []
        for b, i in enumerate(free):
            cx, cy = _center(rows[i]["box"])
            gaps.append(float(((where[b, i, 0] - cx / HALF_W) ** 2 + (where[b, i, 1] - cy / HALF_H) ** 2) ** 0.5))
        return sum(gaps) / len(gaps)


def _center(box) -> tuple[float, float]:
    return ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)


def role_means(layouts: list[list[dict]]) -> dict[str, tuple[float, float]]:
    """The mean centre of every role over `layouts` (a role never seen keeps its fixed slot)."""
    sums: dict[str, list[float]] = {}
    for rows in layouts:
        for r in rows:
            s = sums.setdefault(r["role"], [0.0, 0.0, 0])
            cx, cy = _center(r["box"])
            s[0], s[1], s[2] = s[0] + cx, s[1] + cy, s[2] + 1
    return {**FIXED_SLOTS, **{k: (v[0] / v[2], v[1] / v[2]) for k, v in sums.items()}}


def save(model, means: dict, path: Path = WEIGHTS) -> None:
    """Write the trained model's weights and the per-role means (torch's file), and their export for inference."""
    import torch

    torch.save({"state": model.state_dict(), "means": means}, path)
    export({k: v.numpy() for k, v in model.state_dict().items()}, means, path.with_suffix(".npz"))


@lru_cache(maxsize=2)
def load(path: Path = EXPORTED) -> Prior:
    """The trained prior exported at `path`, or the baseline when there is none."""
    if not path.exists():
        return Prior()
    model = Predictor(path)
    return Prior(model, model.means)
