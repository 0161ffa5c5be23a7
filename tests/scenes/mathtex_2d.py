from manim import *


class FormulaScene(Scene):
    def construct(self):
        title = Text("Area under x^2", font_size=36).to_edge(UP)
        formula = MathTex(r"\int_0^1 x^2\,dx = \frac{1}{3}")
        axes = Axes(x_range=[0, 1.5, 0.5], y_range=[0, 2, 1], x_length=4, y_length=2.5).to_edge(DOWN)
        graph = axes.plot(lambda x: x**2, color=BLUE)
        self.play(Write(title), run_time=0.5)
        self.play(Write(formula), run_time=0.5)
        self.play(Create(axes), Create(graph), run_time=0.5)
        self.wait(0.3)
