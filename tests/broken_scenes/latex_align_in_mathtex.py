"""An align* environment inside MathTex (already in align*)."""
from manim import *


class Steps(Scene):
    def construct(self):
        eq = MathTex(r"\begin{align*} (a+b)^2 &= (a+b)(a+b) \\ &= a^2 + 2ab + b^2 \end{align*}")
        self.play(Write(eq))
        self.wait(0.3)
