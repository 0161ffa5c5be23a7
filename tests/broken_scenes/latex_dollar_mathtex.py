"""Dollar signs inside MathTex (already math mode)."""
from manim import *


class Dollars(Scene):
    def construct(self):
        eq = MathTex(r"$E = mc^2$")
        self.play(Write(eq))
        self.wait(0.3)
