"""self.wait(0) and run_time=0."""
from manim import *


class Quick(Scene):
    def construct(self):
        sq = Square()
        self.play(Create(sq), run_time=0)
        self.wait(0)
        self.play(sq.animate.rotate(PI / 4))
        self.wait(0.3)
