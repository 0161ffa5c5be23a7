from manim import *
import math


class TaylorExp(Scene):
    def construct(self):
        title = Text("Taylor Series of e^x", font_size=40).to_edge(UP)
        self.play(Write(title))
        axes = Axes(x_range=[-3, 3, 1], y_range=[-1, 8, 2], x_length=6, y_length=4.5).to_edge(LEFT).shift(DOWN * 0.5)
        exp_graph = axes.plot(lambda x: math.exp(x), color=BLUE, x_range=[-3, 2.05])
        self.play(Create(axes), Create(exp_graph))
        approx = axes.plot(lambda x: 1, color=YELLOW)
        term_text = MathTex("P_0(x) = 1").to_edge(RIGHT).shift(UP)
        self.play(Create(approx), Write(term_text))
        for n in range(1, 5):
            def poly(x, n=n):
                return sum(x**k / math.factorial(k) for k in range(n + 1))
            new_approx = axes.plot(poly, color=YELLOW, x_range=[-3, 3])
            terms = " + ".join(["1"] + [f"\\frac{{x^{k}}}{{{k}!}}" for k in range(1, n + 1)])
            new_text = MathTex(f"P_{n}(x) = {terms}").to_edge(RIGHT).shift(UP)
            self.play(Transform(approx, new_approx), Transform(term_text, new_text))
        series = MathTex(r"e^x = \sum_{n=0}^{\infty} \frac{x^n}{n!}").next_to(term_text, DOWN, buff=1)
        self.play(Write(series))
        self.wait(2)
