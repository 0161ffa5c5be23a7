"""WiggleOutThenIn (ManimGL)."""
from manim import *


class Attention(Scene):
    def construct(self):
        star = Star(color=GOLD)
        self.play(DrawBorderThenFill(star))
        self.play(WiggleOutThenIn(star))
        self.wait(0.3)
