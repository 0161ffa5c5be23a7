"""mob.fix_in_frame() (ManimGL) in a ThreeDScene."""
from manim import *


class Sphere3D(ThreeDScene):
    def construct(self):
        title = Text("A sphere").to_corner(UL)
        title.fix_in_frame()
        sphere = Sphere(radius=1.5, resolution=(12, 12))
        self.set_camera_orientation(phi=60 * DEGREES, theta=45 * DEGREES)
        self.add(title)
        self.play(Create(sphere))
        self.wait(0.3)
