"""Fixer behaviour found on the Math-To-Manim corpus (issue 16): a Tex with \\( … \\) inline math is left in
text mode (it compiles as written; made MathTex it failed with "Bad math environment delimiter")."""

from __future__ import annotations

from mathanim import fixer, render
from mathanim.job import Job

INLINE = '''from manim import *


class Inline(Scene):
    def construct(self):
        self.add(Tex("Running of \\\\( \\\\alpha \\\\) due to vacuum polarization", font_size=34))
        self.add(Tex("Area \\\\[ \\\\pi r^2 \\\\] of a disc").shift(DOWN))
'''


def test_tex_with_inline_math_delimiters_stays_tex_and_compiles(settings):
    fixed = fixer.fix(INLINE)
    assert "MathTex" not in fixed.code and "$" not in fixed.code, fixed.code
    out = render.check(fixed.code, Job.make(settings))
    assert out.ok, out.error


def test_play_of_move_camera_with_run_time_in_both_compiles():
    """self.play(self.move_camera(..., run_time=3), run_time=3) became move_camera with run_time twice, which
    parses but does not compile (Math-To-Manim's Verbose_QED)."""
    code = ("from manim import *\n\nclass A(ThreeDScene):\n    def construct(self):\n"
            "        self.play(self.move_camera(phi=70 * DEGREES, run_time=3), run_time=3, rate_func=linear)\n")
    fixed = fixer.fix(code).code
    compile(fixed, "scene.py", "exec")
    assert "self.move_camera(phi=70 * DEGREES, run_time=3, rate_func=linear)" in fixed, fixed


def test_unknown_keywords_of_a_class_imported_from_a_manim_module_are_dropped():
    """`from manim.mobject.three_d.three_dimensions import Surface` is manim's Surface, not the file's own class
    (Math-To-Manim's rotated_QED2: Surface(..., gloss=0.5) failed)."""
    code = ("from manim import *\nfrom manim.mobject.three_d.three_dimensions import Surface\n\n"
            "class A(ThreeDScene):\n    def construct(self):\n"
            "        s = Surface(lambda u, v: [u, v, 0], u_range=[0, 1], v_range=[0, 1], gloss=0.5)\n")
    fixed = fixer.fix(code)
    assert "gloss" not in fixed.code and any("Surface() has no gloss=" in f for f in fixed.fixes), fixed
