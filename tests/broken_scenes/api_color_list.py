"""color=[A, B] on MathTex (a gradient meant)."""
from manim import *


class Rainbow(Scene):
    def construct(self):
        eq = MathTex(r"\sum_{n=1}^{\infty} \frac{1}{n^2} = \frac{\pi^2}{6}", color=[BLUE, GREEN])
        self.play(Write(eq))
        self.wait(0.3)
