"""scale_in_place and add_coordinate_labels (older APIs)."""
from manim import *


class Plane(Scene):
    def construct(self):
        axes = Axes(x_range=[-3, 3], y_range=[-2, 2])
        axes.add_coordinate_labels()
        sq = Square()
        sq.scale_in_place(0.5)
        self.play(Create(axes), FadeIn(sq))
        self.wait(0.3)
