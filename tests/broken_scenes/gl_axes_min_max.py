"""Old Axes keywords x_min/x_max/y_min/y_max."""
from manim import *


class Cubic(Scene):
    def construct(self):
        axes = Axes(x_min=-3, x_max=3, y_min=-10, y_max=10, x_axis_config={"include_tip": True})
        graph = axes.plot(lambda x: x ** 3 - 3 * x, color=BLUE)
        self.play(Create(axes))
        self.play(Create(graph))
        self.wait(0.3)
