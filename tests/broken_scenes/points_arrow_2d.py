"""Arrow and Line between 2D points."""
from manim import *


class Vectors(Scene):
    def construct(self):
        arrow = Arrow(start=(-2, 1), end=(2, 1), buff=0)
        line = Line([0, 0], [1, 1], color=YELLOW)
        dashed = DashedLine((-3, -2), (3, -2))
        self.play(GrowArrow(arrow), Create(line), Create(dashed))
        self.wait(0.3)
