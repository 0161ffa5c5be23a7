"""3D in a plain Scene plus 2D points and an unknown colour."""
from manim import *


class Plane3D(Scene):
    def construct(self):
        axes = ThreeDAxes()
        dot = Dot3D(point=(1, 1), color=CYAN)
        self.set_camera_orientation(phi=60 * DEGREES, theta=-45 * DEGREES)
        self.add(axes)
        self.play(FadeIn(dot))
        self.wait(0.3)
