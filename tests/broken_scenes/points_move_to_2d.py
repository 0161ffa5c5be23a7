"""move_to((x, y)) and shift((x, y))."""
from manim import *


class Layout(Scene):
    def construct(self):
        sq = Square(side_length=1).move_to((-2, 1))
        c = Circle(radius=0.5).shift((2, -1))
        self.play(Create(sq), Create(c))
        self.wait(0.3)
