"""TexText (ManimGL) with text mode content."""
from manim import *


class Statement(Scene):
    def construct(self):
        t = TexText("Every prime $p > 2$ is odd.")
        self.play(Write(t))
        self.wait(0.3)
