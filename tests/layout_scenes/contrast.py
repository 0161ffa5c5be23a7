from manim import *


class Contrast(Scene):
    def construct(self):
        box = Square(side_length=3, fill_color=YELLOW, fill_opacity=1, stroke_width=0).shift(LEFT * 3)
        label = Text("Area", color=WHITE).move_to(box)
        good_box = Square(side_length=3, fill_color=BLUE_E, fill_opacity=1).shift(RIGHT * 3)
        good = Text("Area", color=WHITE).move_to(good_box)
        self.play(FadeIn(box), FadeIn(good_box))
        self.play(Write(label), Write(good))
        cover = Rectangle(width=2, height=1, fill_color=RED, fill_opacity=1).move_to(good)
        self.play(FadeIn(cover))
        self.wait(0.3)
