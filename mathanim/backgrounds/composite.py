"""Composite a transparent render (manim -t: qtrle ARGB .mov) over a background plate with PyAV, in the one
final H.264 encode (libx264, crf 23, yuv420p: manim's own settings for its mp4).

The plate may change over time: a patch that keeps a text readable (contrast.fix) fades in shortly before its
text appears and out after it leaves, so a dimmed patch never sits on an empty background. `Timeline` gives the
plate of any moment; the decode/blend/encode loop only rebuilds it when a patch's weight changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

FADE_S = 0.3  # a patch fades in and out over this long
CRF = "23"


@dataclass
class Timeline:
    """The base plate, the fully fixed plate and the fixed patches with their time windows."""

    base: np.ndarray  # uint8 RGB (H, W, 3)
    fixed: np.ndarray
    patches: list[dict]  # contrast.fix records with fixed=True: crop, start, end

    def weights(self, t: float) -> tuple[float, ...]:
        """How far each patch is faded in at time t (0..1), quantised so the plate is rebuilt rarely."""
        out = []
        for p in self.patches:
            w = min(1.0, max(0.0, (t - p["start"] + FADE_S) / FADE_S))
            if p.get("end") is not None:
                w = min(w, max(0.0, (p["end"] + FADE_S - t) / FADE_S))
            out.append(round(w * 16) / 16)
        return tuple(out)

    def plate(self, weights: tuple[float, ...]) -> np.ndarray:
        """The plate with each patch blended in by its weight."""
        img = self.base.copy()
        for p, w in zip(self.patches, weights, strict=True):
            if w <= 0:
                continue
            x0, y0, x1, y1 = p["crop"]
            region = img[y0:y1, x0:x1].astype(np.float32)
            img[y0:y1, x0:x1] = (region * (1 - w) + self.fixed[y0:y1, x0:x1] * w + 0.5).astype(np.uint8)
        return img

    def at(self, t: float) -> np.ndarray:
        return self.plate(self.weights(t))


def over(rgba: np.ndarray, plate: np.ndarray) -> np.ndarray:
    """Alpha-composite a straight-alpha RGBA frame over an RGB plate (uint8 in, uint8 out, exact rounding).
    Only the box around the visible pixels is blended: most frames leave most of the plate bare."""
    out = plate.copy()
    alpha = rgba[..., 3]
    rows = np.flatnonzero(alpha.any(axis=1))
    if not len(rows):
        return out
    r0, r1 = rows[0], rows[-1] + 1
    cols = np.flatnonzero(alpha[r0:r1].any(axis=0))
    box = (slice(r0, r1), slice(cols[0], cols[-1] + 1))
    fg = rgba[box]
    a = fg[..., 3:4].astype(np.uint16)
    t = out[box].astype(np.uint16)
    t *= 255 - a
    t += fg[..., :3] * a
    t += 128  # x / 255 rounded, exactly, for x < 65536: (t + (t >> 8)) >> 8 with t = x + 128
    t += t >> 8
    t >>= 8
    out[box] = t
    return out


def _open_output(dst: Path, src_stream, size: tuple[int, int]):
    out = av.open(str(dst), mode="w", format="mp4")
    rate = src_stream.average_rate or Fraction(30)
    stream = out.add_stream("libx264", rate=rate, options={"crf": CRF})
    stream.width, stream.height = size
    stream.pix_fmt = "yuv420p"
    return out, stream


def composite_video(src: Path, dst: Path, timeline: Timeline) -> int:
    """Decode the transparent `src`, lay each frame over the timeline's plate, encode `dst`; returns frames."""
    h, w = timeline.base.shape[:2]
    tmp = dst.with_name(dst.stem + ".part.mp4")
    frames, key, plate = 0, None, timeline.base
    with av.open(str(src)) as inp:
        vin = inp.streams.video[0]
        vin.thread_type = "AUTO"
        out, vout = _open_output(tmp, vin, (w, h))
        with out:
            rate = float(vin.average_rate or 30)
            for frame in inp.decode(vin):
                rgba = frame.to_ndarray(format="rgba")
                if rgba.shape[:2] != (h, w):
                    raise ValueError(f"the render is {rgba.shape[1]}x{rgba.shape[0]}, the plate {w}x{h}")
                weights = timeline.weights(frames / rate)
                if weights != key:
                    key, plate = weights, timeline.plate(weights)
                vf = av.VideoFrame.from_ndarray(over(rgba, plate), format="rgb24")
                out.mux(vout.encode(vf))
                frames += 1
            out.mux(vout.encode(None))
    tmp.replace(dst)
    return frames


def composite_files(paths: dict[str, Path], patches: list[dict]) -> int:
    """src over the plates in the PNG files base and fixed, with `patches`, into dst."""
    from PIL import Image

    base = np.asarray(Image.open(paths["base"]).convert("RGB"))
    fixed = np.asarray(Image.open(paths["fixed"]).convert("RGB"))
    return composite_video(paths["src"], paths["dst"], Timeline(base, fixed, list(patches or [])))


def main(argv: list[str]) -> int:
    """`python -m mathanim.backgrounds.composite TASK.json`: the composite task in its own process (the
    executor starts it, as it starts ffmpeg for conversions), so a video the sandbox wrote is never decoded
    inside the app. TASK: {"paths": {src, dst, base, fixed}, "patches": [...]}."""
    import json
    import sys

    with open(argv[0], encoding="utf-8") as f:
        task = json.load(f)
    try:
        frames = composite_files({k: Path(v) for k, v in task["paths"].items()}, task.get("patches") or [])
    except (OSError, ValueError, av.error.FFmpegError) as e:
        print(f"{type(e).__name__}: {e}", file=sys.stderr)
        return 1
    print(frames)
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
