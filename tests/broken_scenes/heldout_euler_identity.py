from manimlib import *

class EulerIdentity(Scene):
    def construct(self):
        eq = Tex("e^{i\\pi} + 1 = 0")
        eq.set_color_by_tex("\\pi", YELLOW)
        circle = Circle(radius=2, color=MAGENTA)
        self.play(ShowCreation(circle))
        self.play(Write(eq))
        self.wait()
