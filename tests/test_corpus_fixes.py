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
