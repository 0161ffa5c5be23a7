from manim import *


class Forever(Scene):
    def construct(self):
        n = 0
        while True:
            n += 1
