from manim import *


class MatrixMultiplication(Scene):
    def construct(self):
        title = Text("Matrix Multiplication", font_size=44).to_edge(UP)
        self.play(Write(title))
        A = Matrix([[1, 2], [3, 4]])
        B = Matrix([[5, 6], [7, 8]])
        times = MathTex(r"\times")
        eq = MathTex("=")
        C = Matrix([["19", "22"], ["43", "50"]])
        group = VGroup(A, times, B, eq, C).arrange(RIGHT)
        self.play(Write(A), Write(times), Write(B))
        self.play(Write(eq))

        row = SurroundingRectangle(A.get_rows()[0], color=YELLOW)
        col = SurroundingRectangle(B.get_columns()[0], color=YELLOW)
        self.play(Create(row), Create(col))
        calc = MathTex(r"1 \cdot 5 + 2 \cdot 7 = 19").next_to(group, DOWN, buff=0.8)
        self.play(Write(calc))
        self.play(Write(C.get_entries()[0]), FadeIn(C.get_brackets()))

        calc2 = MathTex(r"1 \cdot 6 + 2 \cdot 8 = 22").next_to(group, DOWN, buff=0.8)
        col2 = SurroundingRectangle(B.get_columns()[1], color=YELLOW)
        self.play(Transform(col, col2), Write(calc2))
        self.play(Write(C.get_entries()[1]))
        self.play(Write(C.get_entries()[2]), Write(C.get_entries()[3]))
        self.wait(2)
