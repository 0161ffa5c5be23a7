"""self.play(self.move_camera(...))."""
from manim import *


class Orbit(ThreeDScene):
    def construct(self):
        axes = ThreeDAxes()
        cube = Cube(side_length=1.5, fill_opacity=0.6)
        self.set_camera_orientation(phi=60 * DEGREES, theta=-45 * DEGREES)
        self.add(axes, cube)
        self.play(self.move_camera(theta=45 * DEGREES), run_time=1)
        self.wait(0.3)
