from manim import *

class BinarySearchCode(Scene):
    def construct(self):
        src = "def search(a, x):\n    lo, hi = 0, len(a)\n    return lo"
        code = Code(code=src, language="python", font_size=20, background="window")
        title = Text("Binary search", size=0.8).to_edge(UP)
        self.play(Write(title), FadeIn(code))
        self.wait(0.5)
