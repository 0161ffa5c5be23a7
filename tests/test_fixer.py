"""The static fixer: unit checks on single mistakes, and the broken-scene corpus rendered after the fixer alone."""

from __future__ import annotations

import ast
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import fast_check

from mathanim import fixer, render
from mathanim.job import Job

CORPUS = Path(__file__).parent / "broken_scenes"
SCENES = Path(__file__).parent / "scenes"


def fix(code: str) -> fixer.FixResult:
    return fixer.fix("from manim import *\n\n" + code)


def scene(body: str, base: str = "Scene") -> str:
    lines = "\n".join("        " + ln for ln in body.strip().splitlines())
    return f"from manim import *\n\n\nclass S({base}):\n    def construct(self):\n{lines}\n"


def test_clean_scenes_are_left_alone():
    for path in sorted(SCENES.glob("*.py")):
        res = fixer.fix(path.read_text(encoding="utf-8"))
        assert res.fixes == [] and res.code == path.read_text(encoding="utf-8"), path.name


def test_every_corpus_scene_is_changed_parses_and_is_stable():
    files = sorted(CORPUS.glob("*.py"))
    assert len(files) >= 40
    for path in files:
        res = fixer.fix(path.read_text(encoding="utf-8"))
        assert res.fixes, f"{path.name}: the fixer found nothing"
        ast.parse(res.code)
        again = fixer.fix(res.code)
        assert again.fixes == [] and again.code == res.code, f"{path.name}: not idempotent: {again.fixes}"


def test_gl_names_and_fades():
    res = fixer.fix(scene('t = TextMobject("Hi")\nm = TexMobject(r"x^2")\n'
                          'self.play(ShowCreation(Circle()), FadeInFromDown(t), FadeInFrom(m, LEFT))'))
    assert 'Text("Hi")' in res.code and 'MathTex(r"x^2")' in res.code and "Create(Circle())" in res.code
    assert "FadeIn(t, shift=UP)" in res.code and "FadeIn(m, shift=RIGHT)" in res.code
    assert any("ShowCreation to Create" in f and "(line 8)" in f for f in res.fixes), res.fixes


def test_raw_latex_strings_keep_correct_escapes_and_newlines():
    res = fixer.fix(scene('a = MathTex("\\frac{1}{2}")\nb = MathTex("\\\\alpha")\nc = Text("one\\ntwo")'))
    tree = ast.parse(res.code)
    values = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    assert "\\frac{1}{2}" in values  # was a form feed
    assert "\\alpha" in values and "one\ntwo" in values  # already right: untouched
    assert len([f for f in res.fixes if "raw" in f]) == 1


def test_broken_unicode_escape_becomes_parseable():
    code = scene('eq = MathTex("\\underline{x} + \\xi")')
    with pytest.raises(SyntaxError):
        ast.parse(code)
    res = fixer.fix(code)
    assert 'MathTex(r"\\underline{x} + \\xi")' in res.code


def test_tex_escaping_and_mode():
    res = fixer.fix(scene('a = Tex("50% & #1")\nb = Tex(r"\\int_0^1 x\\,dx")\nc = MathTex(r"a &= b \\\\ c &= d")\n'
                          'd = MathTex("$x^2$")'))
    assert 'Tex(r"50\\% \\& \\#1")' in res.code
    assert 'b = MathTex(r"\\int_0^1 x\\,dx")' in res.code
    assert 'MathTex(r"a &= b \\\\ c &= d")' in res.code  # & aligns in MathTex: kept
    assert 'MathTex("x^2")' in res.code


def test_user_definitions_win_over_fixes():
    code = ("from manim import *\nfrom math import sin\n\nBROWN = '#964B00'\n\n\nclass S(Scene):\n"
            "    def construct(self):\n        self.add(Dot(color=BROWN).shift(RIGHT * sin(1)))\n")
    assert fixer.fix(code).fixes == []


def test_three_d_and_camera_bases():
    res = fixer.fix(scene("self.set_camera_orientation(phi=60 * DEGREES)\nself.play(self.move_camera(theta=0))"))
    assert "class S(ThreeDScene)" in res.code and "self.move_camera(theta=0)" in res.code
    assert "self.play(" not in res.code
    res = fixer.fix(scene("self.play(self.camera.frame.animate.scale(0.5))"))
    assert "class S(MovingCameraScene)" in res.code


def test_points_get_a_z_coordinate_only_where_manim_wants_points():
    res = fixer.fix(scene("d = Dot((1, 2)).move_to([0, 1])\nl = Line(np.array([0, 0]), (1, 1))\n"
                          "m = Matrix([[1, 2], [3, 4]])\nv = np.array([1, 2])"))
    assert "Dot((1, 2, 0)).move_to([0, 1, 0])" in res.code
    assert "Line(np.array([0, 0, 0]), (1, 1, 0))" in res.code
    assert "Matrix([[1, 2], [3, 4]])" in res.code and "v = np.array([1, 2])" in res.code
    # a list of two points is not one 2D point; its 2D points still get their z
    res = fixer.fix(scene("l = Line()\nl.set_points_as_corners([ax.c2p(1, 2), ax.c2p(3, 4)])\n"
                          "l.set_points_as_corners([(0, 0), (1, 1)])"))
    assert "l.set_points_as_corners([ax.c2p(1, 2), ax.c2p(3, 4)])" in res.code
    assert "l.set_points_as_corners([(0, 0, 0), (1, 1, 0)])" in res.code


def test_config_main_block_colours_bare_math():
    code = ('from manim import *\n\n\nclass S(Scene):\n    CONFIG = {"r": 2}\n\n    def construct(self):\n'
            '        self.add(Circle(radius=self.r, color=CYAN).shift(UP * sin(1)))\n        self.wait(0)\n\n\n'
            'if __name__ == "__main__":\n    S().render()\n')
    res = fixer.fix(code)
    assert "    r = 2\n" in res.code and "CONFIG" not in res.code and "__main__" not in res.code
    assert 'ManimColor("#00FFFF")' in res.code and "np.sin(1)" in res.code and "self.wait(0.1)" in res.code
    assert res.code.endswith("self.wait(0.1)\n")


def test_unparseable_code_still_gets_text_fixes_and_no_crash():
    res = fixer.fix('class S(Scene):\n    def construct(self):\n        eq = MathTex("\\frac{1}{2}"\n')
    assert res.code.startswith("from manim import *\n")
    assert 'MathTex(r"\\frac{1}{2}"' in res.code


def _check(path: Path, settings) -> tuple[str, bool, str]:
    res = fixer.fix(path.read_text(encoding="utf-8"))
    out = render.check(res.code, Job.make(settings))
    return path.name, out.ok, "" if out.ok else f"{out.error.kind}: {out.error.message}"


def test_corpus_renders_after_the_fixer_alone(settings):
    """Each broken scene, fixed statically, then run to its last frame in the sandbox: at least 90% render."""
    files = sorted(CORPUS.glob("*.py"))
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda p: _check(p, settings), files))
    ok = sum(r[1] for r in results)
    failures = "\n".join(f"  {name}: {msg}" for name, good, msg in results if not good)
    print(f"\nbroken-scene corpus: {ok}/{len(files)} render after the static fixer alone"
          f" ({100 * ok / len(files):.0f}%)\n{failures}")
    assert len(files) >= 40
    assert ok / len(files) >= 0.9, failures


def test_never_raises_on_cut_off_or_hostile_code():
    samples = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.py"))[::6]]
    for code in samples:
        for cut in range(0, len(code), max(1, len(code) // 15)):  # replies cut off anywhere
            res = fixer.fix(code[:cut])
            assert isinstance(res.code, str)
    for hostile in ["(" * 500 + ")" * 500, "x = " + "[" * 300, "\x00", "'''", "\\", "class S(Scene):\n\tdef x(self): pass"]:
        assert isinstance(fixer.fix(hostile).code, str)


def test_point_variables_and_reserved_variable_names():
    res = fixer.fix(scene("A, B = (-2, -1), (2, -1)\nC = (0, 2)\nxy = (1, 2)\nx, y = xy\n"
                          "code = Polygon(A, B, C)\nself.add(code, Dot().next_to(C, UP))"))
    assert "A, B = (-2, -1, 0), (2, -1, 0)" in res.code and "C = (0, 2, 0)" in res.code
    assert "xy = (1, 2)\n" in res.code  # unpacked as 2D: left alone
    assert "code_mob = Polygon(A, B, C)" in res.code and "self.add(code_mob," in res.code


def test_the_scenes_own_functions_keep_their_2d_arguments():
    code = ("from manim import *\n\n\ndef vec(plane, v, start=(0, 0)):\n    return Arrow(plane.c2p(*start), plane.c2p(*v))\n"
            "\n\nclass S(Scene):\n    def construct(self):\n        VA = [3.0, 1.0]\n"
            "        self.add(vec(NumberPlane(), VA, start=VA))\n")
    assert fixer.fix(code).fixes == []


def test_the_files_own_methods_are_not_rewritten_as_manim_api():
    code = ("from manim import *\n\n\nclass S(Scene):\n    def get_graph(self, f):\n        return Dot()\n\n"
            "    def get_vertical_line_to_graph(self, x, graph):\n        return Line(ORIGIN, UP)\n\n"
            "    def construct(self):\n        g = self.get_graph(abs)\n"
            "        self.add(g, self.get_vertical_line_to_graph(1, g))\n")
    res = fixer.fix(code)
    assert res.code == code and res.fixes == []
    # a manim object's method of the same GL name is still renamed
    res = fixer.fix(scene("ax = Axes()\ng = ax.get_graph(lambda x: x)"))
    assert "ax.plot(lambda x: x)" in res.code


def test_interpolate_color_of_strings_fails_as_written_and_runs_after_the_fixer(settings):
    """Found in Math-To-Manim's black_hole_symphony.py: colours kept as hex strings, mixed by interpolate_color."""
    code = (Path(__file__).parent / "fixtures" / "fixer" / "interpolate_color_strings.py").read_text()
    raw = fast_check(code, settings)
    assert not raw.ok and "no attribute 'interpolate'" in raw.error.message
    res = fixer.fix(code)
    assert any("ManimColor" in f for f in res.fixes) and fast_check(res.code, settings).ok


def test_unicode_in_tex_fstrings_fail_as_written_and_render_after_the_fixer(settings):
    """Found in ManiBench's Gemma-3-27B eigenvector scene: Tex(f"λ₁ = {lambda1:.2f}"), a label with its value."""
    code = scene('lam = 3.0\nlabel = Tex(f"λ₁ = {lam:.2f}")\neq = MathTex(f"θ ≈ {lam / 2:.1f}")\n'
                 'self.add(VGroup(label, eq).arrange(DOWN))')
    raw = fast_check(code, settings)
    assert not raw.ok and raw.error.kind == "latex"
    res = fixer.fix(code)
    assert "{lam:.2f}" in res.code and "{lam / 2:.1f}" in res.code  # the values stay as written
    assert any("Unicode" in f for f in res.fixes) and fast_check(res.code, settings).ok
