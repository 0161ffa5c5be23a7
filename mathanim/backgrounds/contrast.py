"""Text stays readable on a background: the WCAG contrast ratio of each text's colour against the plate under
its box, and the fix (blur, then dim towards black or white) applied only under the boxes whose ratio is short.

Boxes come from the layout probe (frame units) and are turned into pixel rectangles at the render's size.
The ratio of a box is taken against its worst pixels (the 95th percentile of luminance distance toward the text
colour), so a textured plate cannot hide a bright streak behind white text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

TARGET = 4.5  # WCAG AA for normal text
PAD_PX = 0.25  # the dimmed patch reaches this fraction of the box height beyond the box (soft edge inside it)
WORST = 95  # percentile of the plate's pixels, towards the text's own luminance


@dataclass(frozen=True)
class TextBox:
    """One text on screen: its pixel rectangle (x0, y0, x1, y1; y down), its colour (0..1 RGB), and when it
    is on screen (seconds of video; end None = to the end)."""

    rect: tuple[int, int, int, int]
    rgb: tuple[float, float, float]
    start: float = 0.0
    end: float | None = None


def luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of RGB values in 0..1 (any shape ending in 3)."""
    c = np.asarray(rgb, np.float32)
    lin = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return lin @ np.array([0.2126, 0.7152, 0.0722], np.float32)


def ratio(l1: float, l2: float) -> float:
    """WCAG contrast ratio of two luminances."""
    hi, lo = max(l1, l2), min(l1, l2)
    return (hi + 0.05) / (lo + 0.05)


def box_ratio(plate: np.ndarray, box: TextBox) -> float:
    """The contrast of the text's colour against the worst pixels of `plate` (uint8 RGB) under its box."""
    x0, y0, x1, y1 = box.rect
    region = plate[y0:y1, x0:x1].reshape(-1, 3).astype(np.float32) / 255
    if region.size == 0:
        return 21.0
    lt = float(luminance(np.array(box.rgb)))
    lum = luminance(region)
    worst = np.percentile(lum, WORST) if lt < 0.5 else np.percentile(lum, 100 - WORST)  # closest to the text
    return ratio(lt, float(worst))


def _patch(shape: tuple[int, int], rect: tuple[int, int, int, int]) -> tuple[tuple[slice, slice], np.ndarray]:
    """The padded region around `rect` and its soft mask (1 on the box, falling to 0 at the pad's edge)."""
    h, w = shape
    x0, y0, x1, y1 = rect
    pad = max(3, int((y1 - y0) * PAD_PX))
    X0, Y0, X1, Y1 = max(0, x0 - pad), max(0, y0 - pad), min(w, x1 + pad), min(h, y1 + pad)
    ys, xs = np.ogrid[Y0:Y1, X0:X1]
    dx = np.maximum(np.maximum(x0 - xs, xs - (x1 - 1)), 0) / pad
    dy = np.maximum(np.maximum(y0 - ys, ys - (y1 - 1)), 0) / pad
    mask = np.clip(1 - np.sqrt(dx**2 + dy**2), 0, 1).astype(np.float32)
    return (slice(Y0, Y1), slice(X0, X1)), mask * mask * (3 - 2 * mask)


def _fixed_region(region: np.ndarray, box: TextBox, inner: tuple[slice, slice]) -> tuple[np.ndarray, float]:
    """Blur the region, then dim it towards black (light text) or white (dark text) in steps until the box
    part reaches TARGET; returns (fixed uint8 region, the ratio reached)."""
    radius = max(1.0, (box.rect[3] - box.rect[1]) / 6)
    blurred = np.asarray(Image.fromarray(region).filter(ImageFilter.GaussianBlur(radius)), np.float32)
    target = 0.0 if float(luminance(np.array(box.rgb))) >= 0.18 else 255.0
    inner_box = TextBox((inner[1].start, inner[0].start, inner[1].stop, inner[0].stop), box.rgb)
    for k in np.linspace(0, 1, 21):
        out = (blurred * (1 - k) + target * k + 0.5).astype(np.uint8)
        got = box_ratio(out, inner_box)
        if got >= TARGET:
            break
    return out, got


def fix(plate: np.ndarray, boxes: list[TextBox]) -> tuple[np.ndarray, list[dict]]:
    """The plate with every short-of-TARGET box blurred and dimmed under a soft patch, and one record per box:
    {rect, before, after, fixed, start, end} (+ crop, the patch's rectangle, when fixed). The boxes that already pass are left untouched."""
    out = plate.copy()
    report = []
    for box in boxes:
        before = box_ratio(plate, box)
        entry = {"rect": list(box.rect), "before": round(before, 2), "after": round(before, 2), "fixed": False,
                 "start": box.start, "end": box.end}
        if before < TARGET:
            (sy, sx), mask = _patch(out.shape[:2], box.rect)
            x0, y0, x1, y1 = box.rect
            inner = (slice(y0 - sy.start, y1 - sy.start), slice(x0 - sx.start, x1 - sx.start))
            fixed, _ = _fixed_region(out[sy, sx], box, inner)
            m = mask[..., None]
            out[sy, sx] = (out[sy, sx] * (1 - m) + fixed * m + 0.5).astype(np.uint8)
            entry.update(after=round(box_ratio(out, box), 2), fixed=True, crop=[sx.start, sy.start, sx.stop, sy.stop])
        report.append(entry)
    return out, report
