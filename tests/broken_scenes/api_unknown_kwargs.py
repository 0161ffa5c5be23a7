"""Keyword arguments mobjects do not take: Square(side=), Dot(size=), Text(size=)."""
from manim import *


class Sizes(Scene):
    def construct(self):
        sq = Square(side=2, color=BLUE)
        dot = Dot(size=0.15, color=RED).next_to(sq, RIGHT)
        label = Text("side = 2", size=0.6).next_to(sq, DOWN)
        self.play(Create(sq), FadeIn(dot), Write(label))
        self.wait(0.3)
