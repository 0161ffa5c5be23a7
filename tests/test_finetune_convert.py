"""The GL → CE converter's helper stand-ins, TeX regrouping, CONFIG keywords and scipy imports, on a fixture
scene built like 3b1b's older videos; the converted scene is rendered for real in the sandbox."""

from __future__ import annotations

import ast
from pathlib import Path

from mathanim import guard
from mathanim.finetune.convert import convert
from mathanim.finetune.extract import extract_tree
from mathanim.job import Job

GL = Path(__file__).parent / "fixtures" / "finetune" / "gl_tree"


def _scene(name: str):
    return next(s for s in extract_tree(GL) if s.name == name)


def test_graph_scene_with_gl_helpers_converts_and_renders(settings):
    from mathanim import render

    conv = convert(_scene("AreaUnderParabola").code)
    assert conv.ok, conv.blockers
    code = conv.code
    for want in ("class GraphScene(Scene):", "from scipy import special", "special.gamma(4)",
                 "Mobject.always = property(", "def TracingTail(", "def Checkmark(", "def ShimmerIn(",
                 '_svg_or_stand_in("house", height=1)', "def __init__(self, *args, center_value=center_value, "
                 "dial_color=dial_color, **kwargs):", "def _init_Gauge(self, label, **kwargs):",
                 r'MathTex(r"\int_{{0}}^{{2}} x^{{2}}\,dx", "=", r"\frac{{8}}{{3}}", tex_to_color_map=',
                 "self.plot(lambda x: x ** 2, color=BLUE)"):
        assert want in code, want
    assert not guard.check(ast.parse(code)), guard.check(ast.parse(code))
    assert any(c.startswith("asset stand-in") for c in conv.changes)
    out = render.check(code, Job.make(settings, scene="AreaUnderParabola"))
    assert out.ok, out.error


def test_tex_parts_that_cannot_stand_alone_are_merged():
    src = 'from manimlib import *\nx = Tex("\\\\sqrt", "{2}", "+", "1")\ny = Tex("a", "=", "b")\n'
    code = convert(src).code
    assert 'MathTex(r"\\sqrt {2}", "+", "1")' in code
    assert 'MathTex("a", "=", "b")' in code  # parts that compile alone are kept as they were
    # a command without an argument (\tan, \theta) ends a part as well as any other symbol
    assert 'MathTex(r"\\tan", "(", r"\\theta", ")")' in convert('from manimlib import *\nz = Tex("\\tan", "(", "\\theta", ")")\n').code


def test_scipy_only_by_its_computational_submodules():
    ok = ["import scipy.stats as st", "from scipy.stats import norm", "from scipy import special, integrate"]
    refused = ["import scipy", "import scipy.stats", "from scipy import io", "from scipy.io import wavfile",
               "import os"]
    for src in ok:
        assert not guard.check(ast.parse(src)), src
    for src in refused:
        assert guard.check(ast.parse(src)), src
    # the converter turns the bare package import into the allowed form
    code = convert("from manimlib import *\nimport scipy\nx = scipy.integrate.quad(abs, 0, 1)\n").code
    assert "from scipy import integrate" in code and "integrate.quad(" in code and "import scipy\n" not in code


def test_digest_locals_becomes_assignments():
    src = ("from manimlib import *\nclass Car(VGroup):\n    def __init__(self, speed, lane=0, **kwargs):\n"
           "        digest_locals(self)\n        super().__init__(**kwargs)\n")
    conv = convert(src)
    assert conv.ok and "self.speed, self.lane = speed, lane" in conv.code


def test_gl_3d_frame_drives_the_ce_camera(settings):
    from mathanim import render

    src = '''from manimlib import *

class SpinAround(InteractiveScene):
    def construct(self):
        frame = self.frame
        sphere = Sphere(radius=1, resolution=(8, 8))
        sphere.always_sort_to_camera(self.camera.light_source)
        self.add(sphere)
        frame.reorient(20, 70, 0, ORIGIN, 6)
        self.play(frame.animate.reorient(-30, 60), run_time=0.3)
        frame.add_ambient_rotation(10 * DEGREES)
        self.wait(0.2)
        angles = frame.get_euler_angles()
        assert abs(angles[1] - 60 * DEGREES) < 1e-6 and abs(angles[0] + 28 * DEGREES) < 1e-3, angles
        assert abs(self.camera.get_phi() - 60 * DEGREES) < 1e-6, self.camera.get_phi()
        assert abs(self.camera.get_zoom() - config.frame_height / 6) < 1e-6
'''
    conv = convert(src)
    assert conv.ok, conv.blockers
    assert "class SpinAround(ThreeDScene)" in conv.code and "Scene.frame = property(_scene_frame)" in conv.code
    out = render.check(conv.code, Job.make(settings, scene="SpinAround"))
    assert out.ok, out.error


def test_axis_ranges_in_config_dicts():
    src = ('from manimlib import *\nkw = {"x_min": 0, "x_max": 3, "x_tick_frequency": 0.5, "y_max": 2, "color": RED}\n'
           "ax = Axes(**kw)\n")
    code = convert(src).code
    assert ('kw = {"x_range": [0, 3, 0.5], "y_range": [-config.frame_y_radius, 2], "color": RED}' in code), code


def test_gl_string_indexing_of_tex_and_arc_angles(settings):
    from mathanim import render

    src = '''from manimlib import *

class IndexTex(InteractiveScene):
    def construct(self):
        eq = Tex(R"e^{i \\pi} + 1 = 0")
        eq["+ 1"].set_color(YELLOW)
        part = eq["i \\pi"]
        assert len(part) == 1 and len(part[0]) == 2, part
        arc = Arc(0, PI / 2, radius=2)
        assert abs(arc.get_end()[1] - 2) < 1e-6
        self.add(eq, arc)
'''
    conv = convert(src)
    assert conv.ok, conv.blockers
    assert r'substrings_to_isolate=["+ 1", r"i \pi"]' in conv.code and "Arc(start_angle=0, angle=PI / 2" in conv.code
    out = render.check(conv.code, Job.make(settings, scene="IndexTex"))
    assert out.ok, out.error


def test_newer_gl_idioms(settings):
    from mathanim import render

    src = '''from manimlib import *
import warnings

class Idioms(InteractiveScene):
    CONFIG = {"t_matrix": [[1, 0], [1, 1]]}

    def construct(self):
        squares = Square(side_length=0.5).get_grid(2, 3, buff=0.1)
        assert len(squares) == 6
        plane = ComplexPlane((-3, 3), (-2, 2))
        self.add(plane, squares)
        self.play(squares.animate.shift(UP).scale(0.5).set_anim_args(run_time=0.3))
        self.play(self.camera_frame.animate.set_height(6), run_time=0.3)
        twin = squares.deepcopy().set_stroke(WHITE, 3, behind=True)
        self.add(twin)
        warnings.filterwarnings("ignore")
        assert np.array(self.t_matrix).shape == (2, 2) and self.t_matrix.T[0][1] == 1 and np.infty > 1e300
        morph = Transform(Square(), Circle())
        morph.begin()
        morph.update(1)
        assert np.allclose(morph.mobject.get_center(), ORIGIN)
'''
    conv = convert(src)
    assert conv.ok, conv.blockers
    for want in ("squares.animate(run_time=0.3).shift(UP).scale(0.5)", "ComplexPlane(x_range=(-3, 3), y_range=(-2, 2))",
                 "class Idioms(MovingCameraScene)", "self.camera.frame.animate.scale_to_fit_height(6)",
                 "squares.copy().set_stroke(WHITE, 3, background=True)", "Mobject.get_grid = _get_grid"):
        assert want in conv.code, want
    out = render.check(conv.code, Job.make(settings, scene="Idioms"))
    assert out.ok, out.error


def test_older_gl_idioms_from_linear_algebra_and_calculus_scenes(settings):
    from mathanim import render

    src = '''from manimlib import *
from mobject.geometry import Polygon

class Base(Scene):
    def setup(self):
        self.dots = VGroup(Dot(), Dot(RIGHT))

class Turning(Base):
    def construct(self):
        self.camera.frame.set_euler_angles(phi=60 * DEGREES)
        self.add(Sphere(radius=0.5, resolution=(6, 6)))

class Pair(VGroup):
    CONFIG = {"dot_config": {"radius": 0.1, "color": RED}}

    def __init__(self, **kwargs):
        VGroup.__init__(self, **kwargs)
        self.add(Dot(**self.dot_config), Dot(RIGHT, **self.dot_config))

class BigPair(Pair):
    CONFIG = {"dot_config": {"radius": 0.3}}

class Eigen(LinearTransformationScene):
    def construct(self):
        pair = BigPair(dot_config={"fill_opacity": 0.5})  # GL merges the dicts of both CONFIGs and the keyword
        assert abs(pair[0].width - 0.6) < 1e-6 and pair[0].get_fill_opacity() == 0.5
        assert pair[0].get_color() == ManimColor(RED)
        matrix = Matrix([[2, 0], [0, 2]])
        words = TexMobject("x+y")
        self.add_foreground_mobject(matrix, words)
        self.wait(0.1)
        self.apply_transposed_matrix([[2, 0], [0, 2]], run_time=0.3)
        column = Matrix(np.array([1, 2]))
        entries = Matrix([[1, 2], [3, 4]]).get_mob_matrix()[:, 0]
        words[2].set_color(YELLOW)
        parts = TexMobject(["a", "=", "b"])
        parts[2].set_color(RED)
        group = VGroup(Circle(), Square())
        group.insert_n_curves(4)
        style = {"fill_color": BLUE, "fill_opacity": 0.5, "gloss": 0.3}
        rect = Rectangle().set_style(**style)
        rect.set_height(3, stretch=True)
        axes = Axes(x_range=[0, 10], y_range=[0, 5], x_axis_config={"tick_frequency": 2})
        axes.x_axis.add_numbers(2, 4, 6)
        self.play(words.move_to, VGroup(*entries), self.change_anims())
        self.play(VMobject(rect).scale, 0.5, {"about_edge": LEFT}, *[FadeIn(Dot())], run_time=0.1)
        Transform(rect, Circle()).update(1)
        dots = VGroup(Dot(), Dot(UP))
        self.set_variables_as_attrs(dots, picked=random.sample(dots, 1)[0])
        assert self.dots is dots and self.picked in dots
        lb, rb = TexMobject("\\{ \\}")
        eq = TexMobject("a", "=", "b", **{"isolate": ["a"]})
        assert eq.index_of_part_by_tex("=") == 1
        total = TexMobject("\\sum", "_{x \\in S} P(x)", tex_to_color_map={"S": BLUE})
        assert len(total[2]) == 1 and len(total[3]) == 4  # GL's parts: sum, x in, S, P(x)
        Square().scale_to_fit_width(3, **{"stretch": True})
        a, b = np.array(eq.split())[[0, 2]]
        assert len(Matrix([[1, 2], [3, 4]]).mob_matrix[:, 0]) == 2
        Square().stretch_in_place(2, 0)
        words = Text("Central Limit Theorem")
        assert len(words["Limit"]) == 1 and len(words["Limit"][0]) == 5 and len(words["e"]) == 3
        group.replace_submobject(0, Dot())
        assert Square().get_area_vector()[2] > 0 and Line().get_opacity() == 1
        self.play(Flash(ORIGIN, remover=True, run_time=0.1))
        assert len(self.get_mobjects_from_last_animation()) == 1
        assert len(column.get_mob_matrix()) == 2 and len(entries) == 2 and rect.get_num_curves() > 4

    def change_anims(self):
        return Wait(0.1)
'''
    conv = convert(src)
    assert conv.ok, conv.blockers
    for want in ("class Turning(Base, ThreeDScene)", 'MathTex("a", "=", "b")', "rect.stretch_to_fit_height(3)",
                 "words.animate.move_to(VGroup(*entries)), self.change_anims()",
                 'VGroup(rect).animate.scale(0.5, **{"about_edge": LEFT}), *[FadeIn(Dot())]',
                 "LinearTransformationScene.get_moving_mobject_movement = "):
        assert want in conv.code, want
    assert '"gloss"' not in conv.code and "mobject.geometry" not in conv.code
    for name in ("Eigen", "Turning"):
        out = render.check(conv.code, Job.make(settings, scene=name))
        assert out.ok, (name, out.error)


def test_config_values_reach_ce_constructors_and_functions_stay_functions(settings):
    """GL's CONFIG values were the defaults of the base class's keywords and were set on the instance: in CE
    they must reach the constructor (a class attribute named like CE's fill_color property would hide it, and
    Blob(fill_color=RED) would stay green), lambdas must not turn into methods, a local class named like a CE
    one is the base that counts, and an SVGMobject subclass whose file is missing draws the stand-in."""
    from mathanim import render

    src = '''from manimlib import *

def wave(x):
    return x / 2

class Blob(Circle):
    CONFIG = {"fill_color": GREEN_E, "fill_opacity": 0.8, "radius": 2, "stroke_width": 0, "wobble": 0.1}

class BigBlob(Blob):
    CONFIG = {"radius": 3}

class Steve(SVGMobject):
    CONFIG = {"file_name": "steve", "height": 1.5}

class Slow(FadeIn):
    CONFIG = {"run_time": 3}

class ApplyComplexFunction(Scene):
    CONFIG = {"function": lambda z: z ** 2, "rate": there_and_back, "g": wave}

class Crazy(ApplyComplexFunction):
    CONFIG = {"function": lambda z: z + 1}

    def construct(self):
        a, b, c, s = Blob(), Blob(fill_color=RED), BigBlob(), Steve()
        assert a.get_fill_color() == ManimColor(GREEN_E) and abs(a.width - 4) < 1e-6 and a.wobble == 0.1
        assert b.get_fill_color() == ManimColor(RED) and abs(c.width - 6) < 1e-6
        assert abs(s.height - 1.5) < 1e-6 and Slow(a).run_time == 3
        assert self.function(1) == 2 and self.rate(0.5) == 1 and self.g(1) == 0.5
        self.add(a, b, c, s)
'''
    conv = convert(src)
    assert conv.ok, conv.blockers
    for want in ('super().__init__(*args, **{"fill_color": GREEN_E, "fill_opacity": self.fill_opacity',
                 "function = staticmethod(lambda z: z + 1)", "rate = staticmethod(there_and_back)",
                 "g = staticmethod(wave)", "class Crazy(ApplyComplexFunction):"):
        assert want in conv.code, want
    assert "    fill_color = GREEN_E" not in conv.code  # it would hide CE's property
    assert "asset stand-in for SVGMobject subclasses whose files are missing" in conv.changes
    out = render.check(conv.code, Job.make(settings, scene="Crazy"))
    assert out.ok, out.error


def test_gl_part_selectors_number_changeable_and_shape(settings):
    """GL's StringMobject methods (select_part(s), get_part(s)_by_text, make_number_changeable), set_shape,
    Color.range_to and the old planes' space_unit_to_x_unit, each checked inside the rendered scene."""
    from mathanim import render

    src = '''from manimlib import *

class M(Scene):
    def construct(self):
        eq = Tex("x = 0.00 + 1")
        val = eq.make_number_changeable("0.00")
        val.set_value(3.14)
        assert isinstance(val, DecimalNumber) and any(m is val for m in eq.get_family())
        title = Text("Information theory rocks")
        title.get_part_by_text("theory").set_color(BLUE)
        assert title.string == "Information theory rocks"
        formula = Tex("P(X=", "k", ")=", "{n \\choose k}", "p", "^k")
        choose = formula.get_parts_by_tex("choose")  # GL: the part holding it; CE 0.22: only equal ones
        assert len(choose) == 1 and choose[0] is formula[3] and len(formula.get_part_by_tex("k")) == 1
        assert formula.get_part_by_tex("zz") is None and formula.get_part_by_tex("choose", substring=False) is None
        assert len(title.select_parts("o")) == 4 and len(title.select_part("rocks")) == 5
        rect = Rectangle().set_shape(3, 1)
        assert abs(rect.width - 3) < 1e-6 and abs(rect.height - 1) < 1e-6
        assert len(list(Color(BLUE).range_to(RED, 4))) == 4 and NumberPlane().space_unit_to_x_unit > 0
        assert Color(rgb=(1, 0, 0)).get_rgb()[0] == 1 and Color(hue=0.3, luminance=0.5).get_rgb()[1] == 1
        self.add(eq, title, rect)
        self.play(Write("Old GL wrote strings", run_time=0.1))
        self.add(Mobject())
        everything = VGroup(*self.get_mobjects())
        self.play(FadeOut(everything, run_time=0.1))
'''
    conv = convert(src)
    assert conv.ok, conv.blockers
    assert 'substrings_to_isolate=["0.00"]' in conv.code, conv.code
    assert 'Write(Tex("Old GL wrote strings"), run_time=0.1)' in conv.code
    out = render.check(conv.code, Job.make(settings, scene="M"))
    assert out.ok, out.error


def test_old_gl_continual_animations_and_helpers(settings):
    """Old GL's ContinualAnimation subclasses and ContinualChangingDecimal run every frame once added; GL's camera
    presets, GREEN_SCREEN and small vector helpers exist. The scene checks their effects itself."""
    from mathanim import render

    src = '''
from manimlib import *

class Spin(ContinualAnimation):
    def update_mobject(self, dt):
        self.mobject.rotate(dt)

class C(Scene):
    CONFIG = {"camera_config": LOW_QUALITY_CAMERA_CONFIG}
    def construct(self):
        sq = Square(color=GREEN_SCREEN)
        spin = Spin(sq)
        dec = DecimalNumber(0).to_edge(UP)
        counter = ContinualChangingDecimal(dec, lambda t: 10 * t)
        self.add(spin, counter)
        self.wait(1)
        v = Vector([2, 1])
        label = vector_coordinate_label(v)
        p = project_along_vector(np.array([1.0, 2, 3]), OUT)
        f = inverse_quadratic(1, 2, 3)
        assert abs(p[2]) < 1e-9 and f(0) == 1 and cross(RIGHT, UP)[2] == 1
        assert rotation_matrix_transpose(PI / 2, OUT).shape == (3, 3)
        die = DieFace(5, fill_color=RED)
        assert len(die[1]) == 5 and die[0].get_fill_color() == ManimColor(RED) and die.value == 5
        assert abs(VPrism(3, 2, 0.2).width - 3) < 1e-6
        car, clock = Car(), Clock()
        self.play(MoveCar(car, 2 * RIGHT), ClockPassesTime(clock, run_time=0.5, hours_passed=3))
        assert abs(car.get_center()[0] - 2) < 1e-6 and len(car.get_tires()) == 2
        assert abs(clock.hour_hand.get_end()[0] - clock.get_center()[0] - 0.35) < 1e-3  # three o'clock
        assert spin.internal_time > 0.9 and dec.get_value() > 9, (spin.internal_time, dec.get_value())
        self.add(v, label)
'''
    conv = convert(src)
    assert conv.ok, conv.blockers
    assert "class Spin(ContinualAnimation):" in conv.code and "shim for ContinualChangingDecimal" in conv.changes
    out = render.check(conv.code, Job.make(settings, scene="C"))
    assert out.ok, out.error
