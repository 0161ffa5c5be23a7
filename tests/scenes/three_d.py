from manim import *


class SurfaceScene(ThreeDScene):
    def construct(self):
        self.set_camera_orientation(phi=65 * DEGREES, theta=-45 * DEGREES)
        axes = ThreeDAxes(x_range=[-2, 2], y_range=[-2, 2], z_range=[0, 4])
        surface = Surface(lambda u, v: axes.c2p(u, v, 0.5 * (u * u + v * v)), u_range=[-1.5, 1.5],
                          v_range=[-1.5, 1.5], resolution=(8, 8), fill_opacity=0.7)
        self.play(Create(axes), run_time=0.5)
        self.play(Create(surface), run_time=0.5)
