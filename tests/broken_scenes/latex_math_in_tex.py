"""Math in Tex without $...$ (ManimGL's Tex is math mode)."""
from manim import *


class Integral(Scene):
    def construct(self):
        eq = Tex(r"\int_0^1 x^2 \, dx = \frac{1}{3}")
        self.play(Write(eq))
        self.wait(0.3)
