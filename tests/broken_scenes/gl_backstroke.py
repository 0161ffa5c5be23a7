"""set_backstroke (ManimGL)."""
from manim import *


class Label(Scene):
    def construct(self):
        plane = NumberPlane()
        label = MathTex(r"f(x)").set_backstroke(width=5)
        self.add(plane)
        self.play(Write(label))
        self.wait(0.3)
