from manim import *


class Eigenvectors(Scene):
    def construct(self):
        plane = NumberPlane(x_range=[-7, 7], y_range=[-4, 4], background_line_style={"stroke_opacity": 0.4})
        self.add(plane)
        matrix_tex = MathTex(r"A = \begin{bmatrix} 3 & 1 \\ 0 & 2 \end{bmatrix}").to_corner(UL)
        matrix_tex.add_background_rectangle()
        self.play(Write(matrix_tex))
        v1 = Vector([1, 0, 0], color=YELLOW)
        v2 = Vector([-1, 1, 0], color=GREEN)
        l1 = MathTex(r"\lambda_1 = 3", color=YELLOW).next_to(v1.get_end(), DOWN)
        l2 = MathTex(r"\lambda_2 = 2", color=GREEN).next_to(v2.get_end(), LEFT)
        self.play(GrowArrow(v1), GrowArrow(v2), Write(l1), Write(l2))
        matrix = [[3, 1, 0], [0, 2, 0], [0, 0, 1]]
        self.play(ApplyMatrix(matrix, plane), ApplyMatrix(matrix, v1), ApplyMatrix(matrix, v2), run_time=2)
        self.play(l1.animate.next_to(v1.get_end(), DOWN), l2.animate.next_to(v2.get_end(), LEFT))
        note = Text("Eigenvectors only stretch", font_size=30).to_edge(DOWN)
        note.add_background_rectangle()
        self.play(Write(note))
        self.wait(2)
