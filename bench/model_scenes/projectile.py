from manim import *
import numpy as np


class ProjectileMotion(Scene):
    def construct(self):
        title = Text("Projectile Motion").to_edge(UP)
        self.play(Write(title))
        axes = Axes(x_range=[0, 10, 2], y_range=[0, 4, 1], x_length=10, y_length=4, tips=False).shift(DOWN * 0.5)
        self.play(Create(axes))
        v0, angle, g = 9.0, np.radians(45), 9.8

        def pos(t):
            return axes.c2p(v0 * np.cos(angle) * t, v0 * np.sin(angle) * t - 0.5 * g * t**2)

        t_flight = 2 * v0 * np.sin(angle) / g
        path = ParametricFunction(pos, t_range=[0, t_flight], color=YELLOW)
        ball = Dot(pos(0), color=RED)
        eqs = VGroup(
            MathTex(r"x(t) = v_0 \cos\theta \, t"),
            MathTex(r"y(t) = v_0 \sin\theta \, t - \tfrac{1}{2} g t^2"),
        ).arrange(DOWN, aligned_edge=LEFT).scale(0.8).to_corner(UL).shift(DOWN * 0.8)
        self.play(Write(eqs))
        self.play(Create(path), MoveAlongPath(ball, path), run_time=3, rate_func=linear)
        rng = MathTex(rf"R = \frac{{v_0^2 \sin 2\theta}}{{g}} \approx {v0**2 / g:.2f}\,\text{{m}}").next_to(axes, DOWN)
        self.play(Write(rng))
        self.wait(2)
