"""No import at all."""


class Triangle3(Scene):
    def construct(self):
        tri = Polygon(LEFT * 2, RIGHT * 2, UP * 2, color=ORANGE)
        self.play(Create(tri))
        self.wait(0.3)
