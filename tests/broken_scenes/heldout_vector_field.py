from manim import *

class Field(Scene):
    def construct(self):
        field = ArrowVectorField(lambda p: np.array([-p[1], p[0], 0]) * 0.3)
        title = Text("Rotation field", color=CYAN).to_edge(UP)
        self.play(Create(field), Write(title))
        self.wait(0)
