from manim import *


class OffFrame(Scene):
    def construct(self):
        title = Text("A title that is far too long to fit on one line of the screen at this size", font_size=48)
        title.to_edge(UP)
        below = MathTex(r"\int_0^1 x^2\,dx = \frac{1}{3}").move_to(6 * DOWN)
        self.play(Write(title))
        self.play(FadeIn(below))
        self.wait(0.3)
