from manim import *


class Broken(Scene):
    def construct(self):
        circle = Circle()
        self.play(Create(circle), run_time=0.3)
        circle.no_such_method()
