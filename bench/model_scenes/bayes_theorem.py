from manim import *


class BayesTheorem(Scene):
    def construct(self):
        title = Text("Bayes' Theorem", font_size=48, color=YELLOW)
        self.play(Write(title))
        self.play(title.animate.to_edge(UP))

        formula = MathTex(r"P(A|B) = \frac{P(B|A)\,P(A)}{P(B)}", font_size=56)
        self.play(Write(formula))
        self.wait(1)

        example = Text("Example: a test for a rare disease", font_size=32)
        example.next_to(formula, DOWN, buff=0.5)
        self.play(FadeIn(example))

        prior = MathTex(r"P(D) = 0.01", font_size=36)
        sens = MathTex(r"P(+|D) = 0.99", font_size=36)
        fp = MathTex(r"P(+|\neg D) = 0.05", font_size=36)
        facts = VGroup(prior, sens, fp).arrange(DOWN, aligned_edge=LEFT)
        facts.to_corner(DL)
        self.play(Write(facts))

        result = MathTex(r"P(D|+) = \frac{0.99 \times 0.01}{0.99 \times 0.01 + 0.05 \times 0.99} \approx 0.167", font_size=36)
        result.to_edge(DOWN)
        self.play(Write(result))
        box = SurroundingRectangle(result, color=GREEN)
        self.play(Create(box))
        self.wait(2)
