"""CircleIndicate and ShowCreationThenDestruction (ManimGL)."""
from manim import *


class Highlight(Scene):
    def construct(self):
        eq = MathTex(r"e^{i\pi} + 1 = 0")
        self.play(Write(eq))
        self.play(CircleIndicate(eq))
        self.play(ShowCreationThenDestruction(Underline(eq)))
        self.wait(0.3)
