"""How much the 3D camera's per-frame memo (mathanim/sandbox/memo3d.py), one-pass face drawing
(mathanim/sandbox/faces3d.py) and culling (mathanim/sandbox/culling.py) save per frame, and that they change no pixel.

Draws one 480p frame of a star field (the kind of scene models write: N Dot3D scattered in a cube around the
axes, a sphere, the axes) with manim's own ThreeDCamera, then with the memo, then with the memo and culling
(as the sandbox child loads them), and prints the times, their ratios, the faces drawn and the pixels that differ.
`--radius 3` keeps every star in the frame, where culling has nothing to leave out and the memo does the work.
`--radius` beyond the camera's focal distance (20) puts stars behind the camera, which manim washes over the
frame: then the pixels differ, as they should.

    .venv/bin/python bench/cull3d.py [--stars 2000] [--radius 12]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def scene(stars: int, radius: float):
    """A constructed (not rendered) ThreeDScene holding the star field."""
    import manim as mn

    class Field(mn.ThreeDScene):
        def construct(self):
            self.set_camera_orientation(phi=75 * mn.DEGREES, theta=-45 * mn.DEGREES)
            rng = np.random.default_rng(42)
            dots = [mn.Dot3D(point=rng.uniform(-radius, radius, 3), radius=0.02, color=mn.GRAY_C)
                    .set_opacity(rng.uniform(0.4, 1)) for _ in range(stars)]
            self.add(*dots, mn.Sphere(radius=1.5, resolution=(16, 16)), mn.ThreeDAxes())

    s = Field()
    s.construct()
    return s


def frame(s) -> tuple[float, np.ndarray]:
    """Seconds to capture one frame, and the frame."""
    camera = s.renderer.camera
    camera.reset()
    t = time.perf_counter()
    camera.capture_mobjects(s.mobjects)
    return time.perf_counter() - t, camera.pixel_array.copy()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stars", type=int, default=2000)
    ap.add_argument("--radius", type=float, default=12.0, help="half the side of the cube the stars fill")
    args = ap.parse_args()
    import manim as mn

    from mathanim.sandbox import culling, faces3d, memo3d

    mn.config.pixel_width, mn.config.pixel_height = 854, 480
    s = scene(args.stars, args.radius)
    faces = len(s.renderer.camera.get_mobjects_to_display(s.mobjects))
    plain_s, plain = frame(s)
    memo3d.install({})
    memo_s, memo = frame(s)
    faces3d.install({})
    faces_s, one_pass = frame(s)
    culling.install({})
    culled_s, culled = frame(s)
    drawn = len(s.renderer.camera.get_mobjects_to_display(s.mobjects))
    print(f"{args.stars} stars in a cube of half-side {args.radius}: {faces} faces, {drawn} drawn after culling")
    print(f"manim's camera {plain_s:.2f} s per frame; with the memo {memo_s:.2f} s ({plain_s / memo_s:.2f}x); "
          f"and one-pass faces {faces_s:.2f} s ({plain_s / faces_s:.1f}x, {memo_s / faces_s:.1f}x over the memo); "
          f"and culling {culled_s:.2f} s ({plain_s / culled_s:.1f}x)")
    print(f"pixels that differ: memo {_differ(plain, memo)}, one-pass faces {_differ(plain, one_pass)}, "
          f"with culling {_differ(plain, culled)}; "
          f"behind the camera: {'behind_camera' in culling.USED}")


def _differ(a: np.ndarray, b: np.ndarray) -> int:
    return int((a != b).any(axis=2).sum())


if __name__ == "__main__":
    main()
