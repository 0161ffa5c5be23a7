"""Chinese text in Tex."""
from manim import *


class Title(Scene):
    def construct(self):
        title = Tex("导数的几何意义").to_edge(UP)
        eq = MathTex(r"f'(x_0) = \lim_{h \to 0} \frac{f(x_0 + h) - f(x_0)}{h}")
        self.play(Write(title), Write(eq))
        self.wait(0.3)
