"""Procedural background plates (numpy, seeded): the same name, size and seed always give the same pixels.

Each maker returns an RGB float32 array (H, W, 3) in 0..1; `plate()` adds the soft vignette every procedural
background gets. The palettes are dark or bright on purpose (grid and gradient dark, paper bright) so the
contrast fix under text (contrast.py) has real work on some of them.
"""

from __future__ import annotations

import numpy as np

VIGNETTE = 0.35  # how much the corners darken (0 = none)


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence([0x6D61, int(seed)]))


def _mix(a, b, t: np.ndarray) -> np.ndarray:
    """Per-pixel blend of colours a and b by t (H, W) in 0..1."""
    a, b = np.asarray(a, np.float32), np.asarray(b, np.float32)
    return a + (b - a) * t[..., None]


def _smooth_noise(h: int, w: int, rng: np.random.Generator, cells: int) -> np.ndarray:
    """Value noise: a coarse random grid, upsampled bilinearly (0..1)."""
    gh, gw = cells + 1, max(2, round(cells * w / h)) + 1
    grid = rng.random((gh, gw), dtype=np.float32)
    ys, xs = np.linspace(0, gh - 1, h, dtype=np.float32), np.linspace(0, gw - 1, w, dtype=np.float32)
    y0, x0 = np.minimum(ys.astype(int), gh - 2), np.minimum(xs.astype(int), gw - 2)
    fy, fx = (ys - y0)[:, None], (xs - x0)[None, :]
    fy, fx = fy * fy * (3 - 2 * fy), fx * fx * (3 - 2 * fx)  # smoothstep: no visible cell edges
    top = grid[y0][:, x0] * (1 - fx) + grid[y0][:, x0 + 1] * fx
    bottom = grid[y0 + 1][:, x0] * (1 - fx) + grid[y0 + 1][:, x0 + 1] * fx
    return top * (1 - fy) + bottom * fy


def gradient(h: int, w: int, rng: np.random.Generator) -> np.ndarray:
    """A diagonal two-colour gradient (deep blue to violet), its angle drawn from the seed."""
    angle = rng.uniform(0, np.pi)
    ys, xs = np.ogrid[0:h, 0:w]
    t = ((xs / w - 0.5) * np.cos(angle) + (ys / h - 0.5) * np.sin(angle)).astype(np.float32)
    t = (t - t.min()) / max(float(np.ptp(t)), 1e-6)
    return _mix((0.05, 0.09, 0.22), (0.30, 0.12, 0.38), t)


def paper(h: int, w: int, rng: np.random.Generator) -> np.ndarray:
    """Bright cream paper with soft blotches and fine fibres."""
    blotch = _smooth_noise(h, w, rng, 6)
    fibre = rng.standard_normal((h, w), dtype=np.float32)
    base = _mix((0.93, 0.90, 0.82), (0.86, 0.82, 0.72), blotch)
    return np.clip(base + 0.015 * fibre[..., None], 0, 1)


def grid(h: int, w: int, rng: np.random.Generator) -> np.ndarray:
    """Dark graph paper: minor and major lines on navy, offset by the seed."""
    step = max(8, h // 16)
    dy, dx = rng.integers(0, step * 4, 2)
    ys, xs = np.ogrid[0:h, 0:w]
    minor = ((ys + dy) % step == 0) | ((xs + dx) % step == 0)
    major = ((ys + dy) % (step * 4) < 2) | ((xs + dx) % (step * 4) < 2)
    img = np.empty((h, w, 3), np.float32)
    img[:] = (0.06, 0.08, 0.13)
    img[minor] = (0.12, 0.16, 0.24)
    img[major] = (0.18, 0.24, 0.36)
    return img * (0.9 + 0.2 * _smooth_noise(h, w, rng, 3))[..., None]  # a faint glow, also from the seed


def noise(h: int, w: int, rng: np.random.Generator) -> np.ndarray:
    """Soft multi-scale noise in teal and slate, mid-dark."""
    t = 0.6 * _smooth_noise(h, w, rng, 4) + 0.3 * _smooth_noise(h, w, rng, 12) + 0.1 * _smooth_noise(h, w, rng, 32)
    return _mix((0.05, 0.10, 0.12), (0.16, 0.30, 0.33), t)


MAKERS = {"gradient": gradient, "paper": paper, "grid": grid, "noise": noise}


def vignette(img: np.ndarray, strength: float = VIGNETTE) -> np.ndarray:
    """Darken towards the corners, smoothly (1 at the centre, 1 - strength at the corners)."""
    h, w = img.shape[:2]
    ys, xs = np.ogrid[0:h, 0:w]
    r2 = ((xs / (w - 1) - 0.5) ** 2 + (ys / (h - 1) - 0.5) ** 2) / 0.5
    return img * (1 - strength * r2.astype(np.float32) ** 1.5)[..., None]


def plate(name: str, width: int, height: int, seed: int = 0) -> np.ndarray:
    """The named procedural background at width x height, as uint8 RGB (H, W, 3)."""
    if name not in MAKERS:
        raise ValueError(f"unknown background {name!r}; choose one of: {', '.join(MAKERS)} or an image path")
    img = vignette(MAKERS[name](height, width, _rng(seed)))
    return (np.clip(img, 0, 1) * 255 + 0.5).astype(np.uint8)
