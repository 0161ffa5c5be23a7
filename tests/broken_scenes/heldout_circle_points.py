from manim import *

class Triangle(Scene):
    def construct(self):
        A, B, C = (-2, -1), (2, -1), (0, 2)
        tri = Polygon(A, B, C, color=WHITE)
        labels = VGroup(Tex("A").next_to(A, DL), Tex("B").next_to(B, DR), Tex("C").next_to(C, UP))
        self.play(Create(tri), Write(labels))
        self.wait(0.5)
