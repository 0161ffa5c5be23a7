"""Ambient camera rotation and fixed-in-frame text in a plain Scene."""
from manim import *


class Torus3D(Scene):
    def construct(self):
        title = Text("A torus").to_edge(UP)
        self.add_fixed_in_frame_mobjects(title)
        torus = Torus(major_radius=2, minor_radius=0.5, resolution=(12, 12))
        self.set_camera_orientation(phi=65 * DEGREES)
        self.begin_ambient_camera_rotation(rate=0.2)
        self.add(torus)
        self.wait(0.5)
        self.stop_ambient_camera_rotation()
