from manim import *


class Overlap(Scene):
    def construct(self):
        title = Text("Overlapping formulas").to_edge(UP)
        a = MathTex(r"a^2 + b^2 = c^2").move_to(ORIGIN)
        b = MathTex(r"E = mc^2").move_to(0.1 * RIGHT)
        self.play(Write(title))
        self.play(FadeIn(a))
        self.play(FadeIn(b))
        self.wait(0.5)
