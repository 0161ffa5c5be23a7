from manim import *


class DerivativeTangent(Scene):
    def construct(self):
        title = Text("The Derivative as a Slope", font_size=40)
        title.to_edge(UP)
        self.play(Write(title))

        axes = Axes(x_range=[-1, 4, 1], y_range=[-1, 10, 2], x_length=7, y_length=5, axis_config={"include_numbers": True})
        axes.to_edge(DOWN)
        labels = axes.get_axis_labels(x_label="x", y_label="f(x)")
        graph = axes.plot(lambda x: 0.5 * x**2 + 1, color=BLUE)
        graph_label = axes.get_graph_label(graph, label=r"f(x)=\frac{1}{2}x^2+1")
        self.play(Create(axes), Write(labels))
        self.play(Create(graph), Write(graph_label))

        x = ValueTracker(1)
        dot = always_redraw(lambda: Dot(axes.c2p(x.get_value(), 0.5 * x.get_value() ** 2 + 1), color=YELLOW))
        tangent = always_redraw(lambda: axes.get_secant_slope_group(x.get_value(), graph, dx=0.01, secant_line_length=4, secant_line_color=RED).submobjects[-1])
        slope_text = always_redraw(lambda: MathTex(f"f'({x.get_value():.1f}) = {x.get_value():.1f}").next_to(dot, UP))
        self.play(FadeIn(dot), Create(tangent), Write(slope_text))
        self.play(x.animate.set_value(3), run_time=3)

        formula = MathTex(r"f'(x) = \lim_{h \to 0} \frac{f(x+h) - f(x)}{h} = x")
        formula.next_to(title, DOWN)
        self.play(Write(formula))
        self.wait(2)
