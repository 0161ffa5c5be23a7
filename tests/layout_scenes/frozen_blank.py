from manim import *


class FrozenBlank(Scene):
    def construct(self):
        self.wait(3)
        title = Text("Pythagorean theorem").to_edge(UP)
        formula = MathTex(r"a^2 + b^2 = c^2")
        self.play(Write(title))
        self.play(Write(formula))
        self.wait(9)
