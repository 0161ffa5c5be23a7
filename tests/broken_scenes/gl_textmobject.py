"""ManimGL names: TextMobject for a title and TexMobject for a formula."""
from manim import *


class Pythagoras(Scene):
    def construct(self):
        title = TextMobject("The Pythagorean theorem").to_edge(UP)
        formula = TexMobject(r"a^2 + b^2 = c^2")
        self.play(Write(title))
        self.play(Write(formula))
        self.wait(0.5)
