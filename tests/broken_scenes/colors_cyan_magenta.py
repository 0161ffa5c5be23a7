"""CYAN and MAGENTA are not manim colours."""
from manim import *


class RGB(Scene):
    def construct(self):
        a = Circle(color=CYAN).shift(LEFT * 2)
        b = Square(color=MAGENTA).shift(RIGHT * 2)
        g = VGroup(a, b)
        self.play(Create(g))
        self.play(g.animate.set_color(LIME))
        self.wait(0.3)
