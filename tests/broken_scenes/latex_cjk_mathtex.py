"""Chinese text inside MathTex."""
from manim import *


class Chinese(Scene):
    def construct(self):
        title = MathTex("勾股定理")
        eq = MathTex(r"a^2 + b^2 = c^2").next_to(title, DOWN)
        self.play(Write(title), Write(eq))
        self.wait(0.3)
