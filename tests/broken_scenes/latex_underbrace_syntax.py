"""\\underbrace in a non-raw string is a broken \\u escape: a syntax error."""
from manim import *


class Sum(Scene):
    def construct(self):
        eq = MathTex("\underbrace{1 + 2 + \cdots + n}_{n \text{ terms}} = \frac{n(n+1)}{2}")
        self.play(Write(eq))
        self.wait(0.3)
