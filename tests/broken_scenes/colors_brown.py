"""BROWN is not a manim colour."""
from manim import *


class Tree(Scene):
    def construct(self):
        trunk = Rectangle(width=0.5, height=2, color=BROWN, fill_opacity=1).shift(DOWN)
        crown = Circle(radius=1.2, color=GREEN, fill_opacity=1).next_to(trunk, UP, buff=0)
        self.play(FadeIn(trunk), FadeIn(crown))
        self.wait(0.3)
