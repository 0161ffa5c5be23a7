"""ManimGL name: ShowCreation."""
from manim import *


class CircleArea(Scene):
    def construct(self):
        circle = Circle(radius=2, color=BLUE)
        label = MathTex(r"A = \pi r^2").next_to(circle, DOWN)
        self.play(ShowCreation(circle))
        self.play(Write(label))
        self.wait(0.5)
