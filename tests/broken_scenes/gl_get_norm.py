"""get_norm (ManimGL helper)."""
from manim import *


class VectorLength(Scene):
    def construct(self):
        v = np.array([3, 4, 0])
        arrow = Arrow(ORIGIN, v / 2, buff=0)
        length = DecimalNumber(get_norm(v)).next_to(arrow, RIGHT)
        self.play(GrowArrow(arrow), Write(length))
        self.wait(0.3)
