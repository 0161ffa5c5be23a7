"""A rate function that manim does not export at top level."""
from manim import *


class Smooth(Scene):
    def construct(self):
        dot = Dot(LEFT * 3, color=YELLOW)
        self.add(dot)
        self.play(dot.animate.move_to(RIGHT * 3), rate_func=ease_in_out_sine, run_time=1)
        self.wait(0.3)
