"""ParametricSurface with u_min/u_max (old CE)."""
from manim import *


class Saddle(ThreeDScene):
    def construct(self):
        axes = ThreeDAxes()
        surf = ParametricSurface(
            lambda u, v: np.array([u, v, 0.3 * (u ** 2 - v ** 2)]),
            u_min=-2, u_max=2, v_min=-2, v_max=2, resolution=(8, 8),
        )
        self.set_camera_orientation(phi=70 * DEGREES, theta=30 * DEGREES)
        self.add(axes, surf)
        self.wait(0.3)
