"""FadeIn(mob, UP): a direction passed positionally."""
from manim import *


class Steps(Scene):
    def construct(self):
        a = Text("Step 1").shift(UP)
        b = Text("Step 2").shift(DOWN)
        self.play(FadeIn(a, UP))
        self.play(FadeIn(b, 0.5 * DOWN))
        self.play(FadeOut(a, LEFT))
        self.wait(0.3)
