"""ParametricFunction with t_min/t_max."""
from manim import *


class Lissajous(Scene):
    def construct(self):
        curve = ParametricFunction(
            lambda t: np.array([2 * np.sin(3 * t), 2 * np.sin(2 * t), 0]),
            t_min=0, t_max=TAU, color=TEAL,
        )
        self.play(Create(curve), run_time=2)
        self.wait(0.3)
