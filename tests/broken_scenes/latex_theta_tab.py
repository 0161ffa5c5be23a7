"""\\theta and \\times in non-raw strings: \\t is a tab."""
from manim import *


class Polar(Scene):
    def construct(self):
        a = MathTex("x = r\cos\theta")
        b = MathTex("\vec{a} \times \vec{b}").next_to(a, DOWN)
        self.play(Write(a), Write(b))
        self.wait(0.3)
