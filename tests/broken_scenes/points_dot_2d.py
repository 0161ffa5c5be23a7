"""2D tuples for points: Dot((x, y))."""
from manim import *


class Points(Scene):
    def construct(self):
        a = Dot((1, 2), color=RED)
        b = Dot(point=(-1, -1), color=BLUE)
        self.play(FadeIn(a), FadeIn(b))
        self.wait(0.3)
