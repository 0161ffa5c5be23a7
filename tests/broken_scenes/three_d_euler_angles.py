"""self.camera.set_euler_angles (older API)."""
from manim import *


class Box(ThreeDScene):
    def construct(self):
        self.camera.set_euler_angles(theta=30 * DEGREES, phi=60 * DEGREES)
        cube = Cube(side_length=2, fill_opacity=0.5, fill_color=BLUE)
        self.play(Create(cube))
        self.wait(0.3)
