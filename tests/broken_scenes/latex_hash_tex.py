"""Unescaped # in Tex."""
from manim import *


class StepOne(Scene):
    def construct(self):
        t = Tex("Step #1: draw the triangle")
        self.play(Write(t))
        self.wait(0.3)
