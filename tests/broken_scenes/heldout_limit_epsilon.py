from manim import *

class EpsilonDelta(Scene):
    CONFIG = {"epsilon": 0.5}

    def construct(self):
        axes = Axes(x_range=[-1, 3], y_range=[-1, 5])
        graph = axes.plot(lambda x: 2 * x + 1, color=BLUE)
        band = axes.get_area(graph, x_range=[1 - self.epsilon / 2, 1 + self.epsilon / 2], color=YELLOW, opacity=0.3)
        text = MathTex("$|f(x) - 3| < \\epsilon$").to_corner(UR)
        self.play(Create(axes), Create(graph))
        self.play(FadeIn(band), Write(text))
        self.wait(0.5)
