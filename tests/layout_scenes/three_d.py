from manim import *


class ThreeD(ThreeDScene):
    def construct(self):
        axes = ThreeDAxes(x_range=[-3, 3], y_range=[-3, 3], z_range=[-2, 2])
        labels = axes.get_axis_labels()
        surface = Surface(lambda u, v: axes.c2p(u, v, 0.3 * (u * u - v * v)), u_range=[-2, 2], v_range=[-2, 2],
                          resolution=(12, 12), fill_opacity=0.7)
        self.set_camera_orientation(phi=65 * DEGREES, theta=-45 * DEGREES)
        title = Text("A saddle surface", font_size=36).to_edge(UP)
        self.add_fixed_in_frame_mobjects(title)
        self.play(Create(axes), Write(labels))
        self.play(Create(surface))
        self.wait(0.5)
