"""NumberLine with x_min/x_max, plot with x_min/x_max."""
from manim import *


class Line01(Scene):
    def construct(self):
        line = NumberLine(x_min=-4, x_max=4, include_numbers=True)
        axes = Axes(x_range=[0, 4], y_range=[0, 2]).shift(UP)
        curve = axes.plot(lambda x: np.sqrt(x), x_min=0, x_max=4)
        self.play(Create(line), Create(axes), Create(curve))
        self.wait(0.3)
