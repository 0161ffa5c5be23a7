"""self.add_sound with a file that does not exist in the sandbox."""
from manim import *


class Click(Scene):
    def construct(self):
        self.add_sound("click.wav")
        sq = Square(color=BLUE)
        self.play(Create(sq))
        self.wait(0.3)
