"""CONFIG dict (ManimGL) used through self attributes."""
from manim import *


class Spiral(Scene):
    CONFIG = {
        "radius": 2,
        "n_dots": 12,
        "dot_color": YELLOW,
    }

    def construct(self):
        dots = VGroup(*[
            Dot(color=self.dot_color).move_to(self.radius * np.array([np.cos(a), np.sin(a), 0]))
            for a in np.linspace(0, TAU, self.n_dots, endpoint=False)
        ])
        self.play(LaggedStartMap(FadeIn, dots))
        self.wait(0.3)
