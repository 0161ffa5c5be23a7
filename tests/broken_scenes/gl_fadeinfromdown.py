"""ManimGL animation FadeInFromDown."""
from manim import *


class Intro(Scene):
    def construct(self):
        title = Text("Limits").to_edge(UP)
        eq = MathTex(r"\lim_{x \to 0} \frac{\sin x}{x} = 1")
        self.play(FadeInFromDown(title))
        self.play(FadeInFromDown(eq, run_time=1))
        self.wait(0.5)
