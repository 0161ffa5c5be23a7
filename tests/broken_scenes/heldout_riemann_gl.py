from manim import *

class RiemannSum(Scene):
    def construct(self):
        axes = Axes(x_min=0, x_max=4, y_min=0, y_max=16, y_axis_config={"unit_size": 0.3})
        f = axes.get_graph(lambda x: x**2, color=YELLOW)
        rects = axes.get_riemann_rectangles(f, x_range=[0, 3], dx=0.5, color=[BLUE, GREEN])
        label = TexMobject("\\int_0^3 x^2 dx = 9").to_corner(UR)
        self.play(ShowCreation(axes), ShowCreation(f))
        self.play(FadeIn(rects), Write(label))
        self.wait()
