from manim import *


class BenchScene(Scene):
    """A 5-second 2D scene: Text, MathTex, Axes with a graph, shapes."""

    def construct(self):
        title = Text("Derivative as slope", font_size=40).to_edge(UP)
        formula = MathTex(r"\frac{d}{dx}\left(x^2\right) = 2x").next_to(title, DOWN)
        axes = Axes(x_range=[-3, 3, 1], y_range=[-1, 9, 2], x_length=6, y_length=3.5).to_edge(DOWN)
        graph = axes.plot(lambda x: x**2, color=BLUE)
        dot = Dot(axes.c2p(1, 1), color=YELLOW)
        square = Square(0.8, color=GREEN).to_corner(DR)
        self.play(Write(title), run_time=1)
        self.play(Write(formula), run_time=1)
        self.play(Create(axes), Create(graph), run_time=1.5)
        self.play(FadeIn(dot), Create(square), run_time=1)
        self.wait(0.5)
