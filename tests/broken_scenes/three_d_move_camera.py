"""move_camera in a plain Scene, wrapped in self.play."""
from manim import *


class Cone3D(Scene):
    def construct(self):
        cone = Cone(base_radius=1, height=2)
        self.add(cone)
        self.play(self.move_camera(phi=60 * DEGREES, theta=20 * DEGREES))
        self.wait(0.3)
