from manim import *


class Transforms(Scene):
    def construct(self):
        a = MathTex(r"(a+b)^2").shift(UP)
        b = MathTex(r"a^2 + 2ab + b^2").shift(UP)
        self.play(Write(a))
        self.play(Transform(a, b))
        c = MathTex(r"a^2 + 2ab + b^2 = c").shift(UP)
        self.play(ReplacementTransform(a, c))
        d = MathTex(r"a^2 + 2ab + b^2 = d").shift(UP)
        self.play(TransformMatchingTex(c, d))
        e = Text("Cross-fade").shift(UP)
        self.play(FadeOut(d), FadeIn(e), run_time=2)
        mover = Text("passing by").shift(LEFT * 5 + UP)
        self.add(mover)
        self.play(mover.animate.shift(RIGHT * 10), run_time=2)
        copy = e.copy().set_color(YELLOW)
        self.play(FadeIn(copy))
        self.play(TransformFromCopy(e, MathTex("x").shift(DOWN * 2)))
        self.wait(0.3)
