"""Code(code=...) and removed Code keywords (CE < 0.19)."""
from manim import *


class ShowCode(Scene):
    def construct(self):
        listing = Code(code="def f(x):\n    return x ** 2\n", language="python", font="Monospace",
                       insert_line_no=False, style="monokai", background_stroke_width=1)
        self.play(FadeIn(listing))
        self.wait(0.3)
