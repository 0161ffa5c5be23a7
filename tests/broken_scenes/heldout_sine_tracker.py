from manim import *

class SineTracker(Scene):
    def construct(self):
        axes = Axes(x_range=[0, 2*PI], y_range=[-1.5, 1.5])
        t = ValueTracker(0)
        dot = always_redraw(lambda: Dot(axes.c2p(t.get_value(), sin(t.get_value())), color=RED))
        curve = axes.plot(lambda x: sin(x))
        self.add(axes, curve, dot)
        self.play(t.animate.set_value(2*PI), run_time=2, rate_func=linear)
