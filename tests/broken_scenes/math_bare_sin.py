"""Bare sin/cos/exp without an import."""
from manim import *


class Damped(Scene):
    def construct(self):
        axes = Axes(x_range=[0, 10], y_range=[-1, 1])
        graph = axes.plot(lambda x: exp(-x / 4) * cos(2 * x), color=RED)
        dot = Dot(axes.c2p(0, 1))
        self.play(Create(axes), Create(graph), FadeIn(dot))
        self.wait(0.3)
