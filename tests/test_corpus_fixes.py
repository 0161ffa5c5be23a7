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


CAMERA_ANIMATE = '''from manim import *


class Turn(ThreeDScene):
    def construct(self):
        self.set_camera_orientation(phi=30 * DEGREES, theta=-90 * DEGREES)
        self.add(Cube(side_length=2, fill_opacity=0.8), ThreeDAxes())
        self.play(self.camera.animate.set_euler_angles(phi=70 * DEGREES, theta=-30 * DEGREES), run_time=0.2)
        self.play(self.camera.animate.set_zoom(1.6).move_to(RIGHT * 0.5), run_time=0.2)
'''


def test_an_animated_threed_camera_becomes_its_trackers_and_ends_where_move_camera_would(settings):
    """`self.camera.animate.set_euler_angles(...)` / `.set_zoom(z)` (Math-To-Manim's Vebose_QED, Verbose_QED:
    'ThreeDCamera' object has no attribute 'animate'): the same frame as the move_camera calls that mean it."""
    import numpy as np
    from PIL import Image

    fixed = fixer.fix(CAMERA_ANIMATE)
    assert any("camera is no mobject" in f for f in fixed.fixes), fixed.fixes
    reference = CAMERA_ANIMATE.split("        self.play(self.camera")[0] + (
        "        self.move_camera(phi=70 * DEGREES, theta=-30 * DEGREES, run_time=0.2)\n"
        "        self.move_camera(zoom=1.6, frame_center=RIGHT * 0.5, run_time=0.2)\n")
    frames = []
    for code in (fixed.code, reference, CAMERA_ANIMATE.replace("70 * DEGREES", "50 * DEGREES")):
        out = render.check(fixer.fix(code).code, Job.make(settings))
        assert out.ok, out.error
        frames.append(np.asarray(Image.open(out.poster).convert("RGB"), dtype=int))
    assert np.abs(frames[0] - frames[1]).max() <= 2  # the rewrite ends where move_camera ends
    assert np.abs(frames[0] - frames[2]).mean() > 1  # and the angle it was given matters
