"""GrowArrow on an Arrow3D."""
from manim import *


class Vector3D(ThreeDScene):
    def construct(self):
        axes = ThreeDAxes()
        v = Arrow3D(start=ORIGIN, end=np.array([1, 2, 1]), color=YELLOW)
        self.set_camera_orientation(phi=65 * DEGREES, theta=30 * DEGREES)
        self.add(axes)
        self.play(GrowArrow(v))
        self.wait(0.3)
