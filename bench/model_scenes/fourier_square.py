from manim import *
import numpy as np


class FourierSquareWave(Scene):
    def construct(self):
        title = Text("Fourier Series of a Square Wave").scale(0.8).to_edge(UP)
        self.play(Write(title))
        axes = Axes(x_range=[-PI, PI, PI / 2], y_range=[-1.5, 1.5, 0.5], x_length=10, y_length=4)
        self.play(Create(axes))

        def partial(n):
            return lambda x: sum(4 / (np.pi * (2 * k + 1)) * np.sin((2 * k + 1) * x) for k in range(n))

        curve = axes.plot(partial(1), color=BLUE)
        label = MathTex(r"S_1(x) = \frac{4}{\pi}\sin x").to_corner(UR)
        self.play(Create(curve), Write(label))
        for n in [2, 3, 5, 10]:
            new_curve = axes.plot(partial(n), color=BLUE)
            new_label = MathTex(rf"S_{{{n}}}(x) = \frac{{4}}{{\pi}}\sum_{{k=0}}^{{{n - 1}}} \frac{{\sin((2k+1)x)}}{{2k+1}}").to_corner(UR)
            self.play(Transform(curve, new_curve), Transform(label, new_label))
            self.wait(0.5)
        formula = MathTex(r"f(x) = \frac{4}{\pi}\sum_{k=0}^{\infty} \frac{\sin((2k+1)x)}{2k+1}").to_edge(DOWN)
        self.play(Write(formula))
        self.wait(2)
