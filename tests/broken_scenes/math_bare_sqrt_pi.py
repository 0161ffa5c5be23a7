"""Bare sqrt and pi."""
from manim import *


class Gaussian(Scene):
    def construct(self):
        axes = Axes(x_range=[-3, 3], y_range=[0, 0.5, 0.1])
        graph = axes.plot(lambda x: 1 / sqrt(2 * pi) * np.exp(-x ** 2 / 2), color=YELLOW)
        self.play(Create(axes), Create(graph))
        self.wait(0.3)
