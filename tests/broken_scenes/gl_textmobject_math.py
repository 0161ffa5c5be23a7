"""TextMobject with inline math, several arguments."""
from manim import *


class Derivative(Scene):
    def construct(self):
        text = TextMobject("The slope of ", "$x^2$", " is ", "$2x$")
        text[1].set_color(YELLOW)
        self.play(Write(text))
        self.wait(0.5)
