from manim import *


class GouGu(Scene):
    def construct(self):
        title = Text("勾股定理", font_size=48).to_edge(UP)
        self.play(Write(title))
        tri = Polygon([-2, -1, 0], [2, -1, 0], [-2, 2, 0], color=WHITE)
        a = MathTex("a = 3").next_to(tri, LEFT)
        b = MathTex("b = 4").next_to(tri, DOWN)
        c = MathTex("c = 5").move_to([0.3, 0.7, 0])
        self.play(Create(tri))
        self.play(Write(a), Write(b), Write(c))
        desc = Text("直角三角形两条直角边的平方和等于斜边的平方", font_size=36).next_to(tri, DOWN, buff=1.2)
        self.play(FadeIn(desc))
        eq = MathTex("a^2 + b^2 = c^2", font_size=60).to_edge(RIGHT)
        self.play(Write(eq))
        self.wait(2)
