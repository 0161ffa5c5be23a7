"""A ManimGL import line."""
from manimlib import *


class Hello(Scene):
    def construct(self):
        text = Text("Hello, circle")
        circle = Circle().next_to(text, DOWN)
        self.play(Write(text), ShowCreation(circle))
        self.wait(0.3)
