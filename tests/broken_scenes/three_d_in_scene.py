"""3D camera calls in a plain Scene."""
from manim import *


class Helix(Scene):
    def construct(self):
        axes = ThreeDAxes()
        helix = ParametricFunction(lambda t: np.array([np.cos(t), np.sin(t), t / 4]), t_range=[0, 4 * PI])
        self.set_camera_orientation(phi=70 * DEGREES, theta=30 * DEGREES)
        self.play(Create(axes), Create(helix))
        self.wait(0.3)
