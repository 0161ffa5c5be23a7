from manim import *


class Tiny(Scene):
    def construct(self):
        title = Text("Readable title").to_edge(UP)
        footnote = Text("a footnote nobody can read", font_size=9).to_edge(DOWN)
        self.play(Write(title), FadeIn(footnote))
        self.wait(0.3)
