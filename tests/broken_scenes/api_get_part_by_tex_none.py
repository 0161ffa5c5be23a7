"""get_part_by_tex on a substring that is not a separate part returns None."""
from manim import *


class Euler(Scene):
    def construct(self):
        eq = MathTex(r"e^{i\theta} = \cos\theta + i\sin\theta")
        eq.get_part_by_tex(r"\cos").set_color(YELLOW)
        self.play(Write(eq))
        self.wait(0.3)
