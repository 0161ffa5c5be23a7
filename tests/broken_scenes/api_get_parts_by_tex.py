"""get_parts_by_tex (gone in CE 0.22)."""
from manim import *


class Colored(Scene):
    def construct(self):
        eq = MathTex("a", "^2", "+", "b", "^2", "=", "c", "^2")
        eq.get_parts_by_tex("a").set_color(RED)
        eq.get_parts_by_tex("c").set_color(BLUE)
        self.play(Write(eq))
        self.wait(0.3)
