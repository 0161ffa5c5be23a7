"""\\nabla and \\vec: \\n is a newline, \\v a vertical tab."""
from manim import *


class Divergence(Scene):
    def construct(self):
        eq = MathTex("\nabla \cdot \vec{E} = \frac{\rho}{\varepsilon_0}")
        self.play(Write(eq))
        self.wait(0.3)
