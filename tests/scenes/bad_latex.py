from manim import *


class BadTex(Scene):
    def construct(self):
        ok = Text("fine")
        self.add(ok)
        broken = MathTex(r"x + \undefinedcmd{y}")
        self.play(Write(broken))
