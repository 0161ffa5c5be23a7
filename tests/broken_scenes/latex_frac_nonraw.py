"""LaTeX in a non-raw string: \\frac starts with a form feed."""
from manim import *


class Half(Scene):
    def construct(self):
        eq = MathTex("\frac{1}{2} + \frac{1}{3} = \frac{5}{6}")
        self.play(Write(eq))
        self.wait(0.3)
