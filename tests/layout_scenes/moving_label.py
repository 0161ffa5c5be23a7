from manim import *


class MovingLabel(Scene):
    def construct(self):
        fixed = Text("Fixed note").move_to(ORIGIN)
        t = ValueTracker(-5)
        label = always_redraw(lambda: MathTex(r"x = t").move_to(RIGHT * t.get_value() + DOWN * 0.05))
        self.add(fixed, label)
        self.play(t.animate.set_value(5), run_time=4, rate_func=linear)
        self.wait(0.3)
