"""get_vertical_line_to_graph and get_axis_labels(x_label_tex=)."""
from manim import *


class Area(Scene):
    def construct(self):
        axes = Axes(x_range=[0, 3], y_range=[0, 9], x_length=5, y_length=3.5)
        graph = axes.plot(lambda x: x ** 2)
        line = axes.get_vertical_line_to_graph(2, graph, color=YELLOW)
        labels = axes.get_axis_labels(x_label_tex="x", y_label_tex="y")
        self.play(Create(axes), Create(graph), Write(labels))
        self.play(Create(line))
        self.wait(0.3)
