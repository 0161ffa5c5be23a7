"""Unescaped & in Tex."""
from manim import *


class Authors(Scene):
    def construct(self):
        t = Tex("Cauchy & Schwarz inequality")
        self.play(Write(t))
        self.wait(0.3)
