"""self.camera.frame in a plain Scene."""
from manim import *


class Zoom(Scene):
    def construct(self):
        dot = Dot(color=RED)
        circle = Circle(radius=3)
        self.add(circle, dot)
        self.play(self.camera.frame.animate.scale(0.5).move_to(dot))
        self.wait(0.3)
