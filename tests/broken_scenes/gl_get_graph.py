"""get_graph on Axes (ManimGL / old CE)."""
from manim import *


class Parabola(Scene):
    def construct(self):
        axes = Axes(x_range=[-3, 3, 1], y_range=[0, 9, 3], x_length=6, y_length=4)
        graph = axes.get_graph(lambda x: x ** 2, color=YELLOW)
        label = axes.get_graph_label(graph, label="x^2")
        self.play(Create(axes), Create(graph))
        self.play(Write(label))
        self.wait(0.3)
