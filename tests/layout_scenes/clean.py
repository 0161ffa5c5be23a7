from manim import *


class Clean(Scene):
    def construct(self):
        title = Text("Derivative of x squared").to_edge(UP)
        axes = Axes(x_range=[-3, 3, 1], y_range=[0, 9, 3], x_length=6, y_length=4).to_edge(DOWN)
        labels = axes.get_axis_labels(x_label="x", y_label="y")
        graph = axes.plot(lambda x: x**2, color=BLUE)
        formula = MathTex(r"f(x) = x^2").next_to(title, DOWN)
        box = SurroundingRectangle(formula, color=YELLOW)
        self.play(Write(title))
        self.play(Create(axes), Write(labels))
        self.play(Create(graph), Write(formula))
        self.play(Create(box))
        result = MathTex(r"f'(x) = 2x").move_to(formula)
        self.play(FadeOut(box), Transform(formula, result))
        note = Text("slope doubles", font_size=28).next_to(axes, RIGHT).shift(UP)
        card = BackgroundRectangle(note, fill_opacity=0.8)
        self.play(FadeIn(card), Write(note))
        self.wait(0.5)
