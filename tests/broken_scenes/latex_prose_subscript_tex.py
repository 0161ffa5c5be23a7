"""Sub- and superscripts in Tex prose without $...$."""
from manim import *


class Sequence(Scene):
    def construct(self):
        t = Tex("The first term a_1 and the ratio r give a_n = a_1 r^(n-1)")
        self.play(Write(t))
        self.wait(0.3)
