from manim import *


class PythagoreanTheorem(Scene):
    def construct(self):
        title = Title("Pythagorean Theorem")
        self.play(Write(title))

        a, b = 3, 4
        tri = Polygon(ORIGIN, RIGHT * a * 0.6, UP * b * 0.6, color=WHITE, fill_color=BLUE, fill_opacity=0.5)
        tri.move_to(ORIGIN)
        self.play(Create(tri))

        sq_a = Square(side_length=a * 0.6, color=RED, fill_color=RED, fill_opacity=0.6)
        sq_a.next_to(tri, DOWN, buff=0)
        sq_b = Square(side_length=b * 0.6, color=GREEN, fill_color=GREEN, fill_opacity=0.6)
        sq_b.next_to(tri, LEFT, buff=0)
        self.play(FadeIn(sq_a), FadeIn(sq_b))

        la = MathTex("a^2", color=WHITE).move_to(sq_a)
        lb = MathTex("b^2", color=WHITE).move_to(sq_b)
        self.play(Write(la), Write(lb))

        eq = MathTex("a^2", "+", "b^2", "=", "c^2").scale(1.5).to_edge(RIGHT)
        self.play(Write(eq))
        values = MathTex(r"3^2 + 4^2 = 9 + 16 = 25 = 5^2").scale(1.2).next_to(eq, DOWN)
        self.play(Write(values))
        self.wait(2)
