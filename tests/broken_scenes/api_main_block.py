"""An if __name__ == "__main__" block that shells out to render itself (refused by the sandbox)."""
from manim import *


class Wave(Scene):
    def construct(self):
        axes = Axes(x_range=[0, 6.3], y_range=[-1.2, 1.2])
        graph = axes.plot(np.sin, color=BLUE)
        self.play(Create(axes), Create(graph))
        self.wait(0.3)


if __name__ == "__main__":
    import os

    os.system("manim -pql scene.py Wave")
