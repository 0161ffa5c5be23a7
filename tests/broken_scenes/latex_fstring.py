"""An f-string with LaTeX and no r prefix."""
from manim import *


class Binomial(Scene):
    def construct(self):
        n = 5
        eq = MathTex(f"\binom{{{n}}}{{2}} = \frac{{{n}!}}{{2!\,{n - 2}!}}")
        self.play(Write(eq))
        self.wait(0.3)
