"""Unescaped % in Tex comments out the rest of the line."""
from manim import *


class Percent(Scene):
    def construct(self):
        t = Tex("About 68% of the data lies within one $\\sigma$")
        self.play(Write(t))
        self.wait(0.3)
