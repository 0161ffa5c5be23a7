"""Non-raw LaTeX plus % in Tex and $ in MathTex."""
from manim import *


class Stats(Scene):
    def construct(self):
        title = Tex("95% confidence interval").to_edge(UP)
        ci = MathTex("$\bar{x} \pm 1.96 \frac{\sigma}{\sqrt{n}}$")
        self.play(Write(title), Write(ci))
        self.wait(0)
