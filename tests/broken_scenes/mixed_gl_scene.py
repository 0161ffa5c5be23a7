"""A typical ManimGL-flavoured model answer: several mistakes at once."""
from manimlib.imports import *


class DerivativeScene(Scene):
    CONFIG = {"func_color": YELLOW}

    def construct(self):
        title = TextMobject("Derivative of $x^2$").to_edge(UP)
        axes = Axes(x_min=-3, x_max=3, y_min=0, y_max=9, x_axis_config={"include_tip": False})
        graph = axes.get_graph(lambda x: x ** 2, color=self.func_color)
        tangent = axes.get_graph(lambda x: 2 * x - 1, color=CYAN)
        eq = TexMobject("\frac{d}{dx} x^2 = 2x").next_to(title, DOWN)
        self.play(FadeInFromDown(title))
        self.play(ShowCreation(axes), ShowCreation(graph))
        self.play(ShowCreation(tangent), Write(eq))
        self.wait(0)
