from manim import *

class Coin(Scene):
    def construct(self):
        title = Tex("Probability of heads: 50%").to_edge(UP)
        eq = MathTex("P(H) = \\frac{1}{2}")
        note = Tex("Fair coin & independent tosses").next_to(eq, DOWN)
        self.play(Write(title), Write(eq), FadeInFromDown(note))
        self.wait(0.5)
