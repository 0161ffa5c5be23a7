"""Polygon from 2D tuples, np.array 2D point."""
from manim import *


class Triangle2D(Scene):
    def construct(self):
        tri = Polygon((0, 0), (3, 0), (0, 2), color=GREEN)
        corner = Dot(np.array([3, 0]), color=RED)
        self.play(Create(tri), FadeIn(corner))
        self.wait(0.3)
