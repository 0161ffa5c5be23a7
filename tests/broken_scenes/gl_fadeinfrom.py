"""FadeInFrom with a direction, FadeOutAndShift."""
from manim import *


class Slide(Scene):
    def construct(self):
        a = Square(color=RED).shift(LEFT * 2)
        b = Circle(color=GREEN).shift(RIGHT * 2)
        self.play(FadeInFrom(a, LEFT), FadeInFrom(b, direction=RIGHT))
        self.play(FadeOutAndShift(a, DOWN), FadeOutAndShiftDown(b))
        self.wait(0.3)
