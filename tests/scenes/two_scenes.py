from manim import *


class First(Scene):
    def construct(self):
        self.play(Create(Circle()), run_time=0.3)


class Second(Scene):
    def construct(self):
        self.play(Create(Square()), run_time=0.3)
