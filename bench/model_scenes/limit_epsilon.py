from manim import *


class LimitDefinition(Scene):
    def construct(self):
        title = Text("The Limit of a Function", font_size=42).to_edge(UP)
        self.play(Write(title))
        definition = MathTex(r"\lim_{x \to a} f(x) = L \iff \forall \varepsilon > 0\ \exists \delta > 0 : 0 < |x - a| < \delta \Rightarrow |f(x) - L| < \varepsilon")
        definition.next_to(title, DOWN)
        self.play(Write(definition))
        axes = Axes(x_range=[0, 4, 1], y_range=[0, 5, 1], x_length=6, y_length=4).shift(DOWN)
        graph = axes.plot(lambda x: x + 1, color=BLUE)
        self.play(Create(axes), Create(graph))
        band = axes.get_area(axes.plot(lambda x: 3.4), x_range=[0, 4], bounded_graph=axes.plot(lambda x: 2.6), color=YELLOW, opacity=0.3)
        eps = MathTex(r"L \pm \varepsilon", font_size=30).next_to(axes.c2p(0, 3), LEFT)
        self.play(FadeIn(band), Write(eps))
        dot = Dot(axes.c2p(2, 3), color=RED)
        lab = MathTex("(a, L)", font_size=30).next_to(dot, UR, buff=0.1)
        self.play(FadeIn(dot), Write(lab))
        self.wait(2)
