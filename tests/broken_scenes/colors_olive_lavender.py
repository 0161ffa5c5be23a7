"""OLIVE, LAVENDER in a gradient."""
from manim import *


class Gradient(Scene):
    def construct(self):
        bars = VGroup(*[Rectangle(width=0.5, height=h) for h in [1, 2, 3, 2, 1]]).arrange(RIGHT, aligned_edge=DOWN)
        bars.set_color_by_gradient(OLIVE, LAVENDER)
        self.play(Create(bars))
        self.wait(0.3)
