"""\\xi in a non-raw string is a broken \\x escape."""
from manim import *


class Xi(Scene):
    def construct(self):
        eq = MathTex("\xi \sim \mathcal{N}(0, 1)")
        self.play(Write(eq))
        self.wait(0.3)
