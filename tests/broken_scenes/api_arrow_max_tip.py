"""Arrow(max_tip_length=...) is not a CE keyword."""
from manim import *


class Force(Scene):
    def construct(self):
        box = Square(side_length=1)
        f = Arrow(LEFT * 3, LEFT * 0.6, max_tip_length=0.2, color=RED)
        self.play(FadeIn(box), GrowArrow(f))
        self.wait(0.3)
