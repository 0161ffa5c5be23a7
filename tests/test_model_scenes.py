"""What real model-written scenes do (issue 16): scenes that play nothing render as a still, the manim_physics
plugin is allowed (and is no way out of the sandbox), harmless os/sys/pathlib uses are rewritten without opening
anything new, and LaTeX slips are repaired so that LaTeX accepts them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ffprobe, require
from test_hostile import CANARY, listener, outside  # noqa: F401 - fixtures

from mathanim import fixer, guard, render
from mathanim.config import ROOT
from mathanim.events import Done
from mathanim.fixer.rules.imports import HELPERS
from mathanim.job import Job
from mathanim.pipeline import render_code
from mathanim.sandbox.runner import ChildLimits

FIXTURES = Path(__file__).parent / "fixtures" / "fixer"
STILL = """from manim import *

class Still(Scene):
    def construct(self):
        self.add(Circle(color=BLUE, fill_opacity=0.5), MathTex(r"x^2").shift(DOWN * 1.5))
"""
PHYSICS = """from manim import *
from manim_physics import *

class Drop(SpaceScene):
    def construct(self):
        ball = Circle(radius=0.3, fill_opacity=1).shift(UP * 2)
        ground = Line([-4, -3, 0], [4, -3, 0])
        self.add(ball, ground)
        self.make_rigid_body(ball)
        self.make_static_body(ground)
        self.wait(0.5)
"""


def _result(code: str, settings, formats=("mp4",)):
    events = list(render_code(code, Job.make(settings, "low", formats=formats)))
    assert isinstance(events[-1], Done)
    return events[-1].result


# --- static scenes --------------------------------------------------------------------------------------------

def test_a_scene_that_plays_nothing_renders_as_a_held_still_in_every_format(settings):
    require("ffmpeg")
    res = _result(STILL, settings, formats=("mp4", "gif"))
    assert res.status == "ok", res.error
    assert any("plays no animation" in f for f in res.fixes), res.fixes
    assert Path(res.preview).exists() and Path(res.poster).exists()  # the fast check passed and gave its frame
    for fmt in ("mp4", "gif"):
        assert 1.8 <= float(ffprobe(res.videos[fmt])["duration"]) <= 2.3, fmt
    from PIL import Image

    assert Image.open(res.poster).convert("L").getextrema()[1] > 100  # the circle is in the frame, not black


EIGEN = """from manim import *
import numpy as np

class Eigen(Scene):
    def construct(self):
        values, vectors = np.linalg.eig(np.array([[2.0, 1.0], [1.0, 2.0]]))
        v1 = vectors[:, 0]
        arrow = Arrow(ORIGIN, v1 * 2, buff=0, color=RED)
        axis = Line(-3 * v1, 3 * v1, color=GREY)
        self.play(Create(axis), GrowArrow(arrow), run_time=0.4)
"""


def test_lines_between_2d_points_computed_at_run_time_render_and_say_so(settings):
    """ManiBench's Claude-Sonnet-4 eigenvector scene: np.linalg.eig's 2D vectors passed to Arrow and Line, which
    stop with a broadcast error in manim; the sandbox gives them z = 0 and the result says so."""
    res = _result(EIGEN, settings)
    assert res.status == "ok", res.error
    assert any("2D points computed at run time" in f for f in res.fixes), res.fixes
    assert 0.3 <= float(ffprobe(res.video)["duration"]) <= 0.6


SOLVED = """from manim import *
import numpy as np

class Solved(Scene):
    def construct(self):
        x = np.linalg.solve(np.array([[2.0, 1.0], [1.0, -1.0]]), np.array([3.0, 0.0]))  # (1, 1), a 2D point
        corners = np.array([[0.0, 0.0], [2.0, 0.0], [0.0, 1.5]])
        tri = Polygon(*corners, color=BLUE)
        dot = Dot(x, color=RED)
        ring = Circle(radius=0.4, arc_center=-x)
        label = Text("x", font_size=30).move_to(x).shift(np.array([0.3, 0.3]))
        tag = Text("tag", font_size=24).next_to(corners[1], DOWN)
        self.play(Create(tri), FadeIn(dot, ring, label, tag), run_time=0.4)
        assert np.allclose(dot.get_center(), [1, 1, 0]) and np.allclose(ring.get_center(), [-1, -1, 0])
        assert np.allclose(label.get_center(), [1.3, 1.3, 0])
"""


def test_dots_circles_polygons_and_moves_to_2d_points_render_and_say_so(settings):
    """np.linalg.solve's answer and the rows of a 2-column array, passed to Dot, Circle(arc_center=...),
    Polygon, move_to, shift and next_to: each stops with manim's broadcast error; the sandbox gives them z = 0
    (the scene's own asserts check where they landed) and the result says so."""
    res = _result(SOLVED, settings)
    assert res.status == "ok", res.error
    assert any("2D points computed at run time" in f for f in res.fixes), res.fixes
    assert 0.3 <= float(ffprobe(res.video)["duration"]) <= 0.6


DRIFT = """from manim import *
import numpy as np

config.renderer = "opengl"  # a desktop habit: the app renders with Cairo, whose classes manim made at import


class Drift(ThreeDScene):
    def construct(self):
        dots = VGroup(*[Dot() for _ in range(5)])
        self.add(dots)
        self.play(dots.animate.shift(np.ones((5, 3))), Transform(Square(), Circle()), run_time=0.2)
        assert np.allclose(dots[0].get_center(), [1, 1, 1]) and np.allclose(dots[4].get_center(), [1, 1, 1])
        make = lambda: Arrow3D(ORIGIN, RIGHT)  # what the fixer cannot see: an Arrow3D made in a function
        self.play(GrowArrow(make()), run_time=0.2)
        tex = MathTex("a", "+", "b", substrings_to_isolate=["b"])
        assert tex.index_of_part(tex.get_part_by_tex("b")) == 2 and tex.submobjects.index(tex.get_part_by_tex("+")) == 1
        assert tex.index_of_part(VGroup(*tex[2].submobjects)) == 2
        whole = MathTex(r"\\psi + D_\\mu")  # nothing isolated: older CE's parts whose TeX contains it
        assert len(whole.get_parts_by_tex(r"D_\\mu")) == 1 and len(whole.get_parts_by_tex("zz")) == 0
        everything = VGroup(*self.mobjects, ValueTracker(1))
        assert isinstance(everything, Group) and type(VGroup(Dot(), Square())) is VGroup
        assert np.allclose(interpolate([0, 0, 0], [2, 4, 0], 0.5), [1, 2, 0])
        grid = VGroup(Square(), Square())
        self.play(grid.animate.set_opacity(0.2), Transform(grid, VGroup(*[Circle() for _ in range(5)])), run_time=0.2)
        label = Text("fixed")
        label.fix_in_frame()  # ManimGL's: marks it, does not add it
        assert label not in self.mobjects and label in self.fixed_in_frame_mobjects
        self.camera.frame.save_state()
        self.play(self.camera.frame.animate.scale(0.5), FadeOut(everything), run_time=0.2)
        self.play(Restore(self.camera.frame), run_time=0.2)
        assert abs(self.camera.get_zoom() - 1) < 1e-6, self.camera.get_zoom()
        late = Dot()
        self.play(FadeIn(late), self.move_camera(phi=30 * DEGREES), run_time=0.2)  # play of a non-animation
        assert late in self.mobjects and abs(self.camera.get_phi() - 30 * DEGREES) < 1e-6
        self.fixed_in_frame_mobjects = ["own"]  # a scene's own attribute of that name stays its own
        assert self.fixed_in_frame_mobjects == ["own"]
        a, b, c = Dot(), Square(), Circle()
        parts = VGroup(a, b, c)
        assert parts.pop() is c and parts.pop(0) is a and list(parts) == [b]
        plane = NumberPlane(x_range=[-2, 2, 1], y_range=[-1, 1, 1])
        lines, faded = plane.get_lines()  # CE's name until 2021
        assert len(lines) == len(plane.background_lines) and len(faded) == len(plane.faded_lines)
        self.move_camera(lambda t: {"zoom": interpolate(1.0, 0.8, t), "phi": 40 * DEGREES}, run_time=0.2)
        assert abs(self.camera.get_zoom() - 0.8) < 1e-6 and abs(self.camera.get_phi() - 40 * DEGREES) < 1e-6
        last = Square()
        self.add(last)
        self.wait(0.1)
        assert self.mobjects[-1] is last  # manim 0.22's wait() adds an empty Mobject (its open bug #3040)
        self.play(self.camera.frame.animate.set_euler_angles(theta=30 * DEGREES, phi=50 * DEGREES), run_time=0.2)
        assert abs(self.camera.get_theta() + 60 * DEGREES) < 1e-6 and abs(self.camera.get_phi() - 50 * DEGREES) < 1e-6
        cone = Surface(lambda u, v: np.array([v * np.cos(u), v * np.sin(u), v]), u_range=[0, TAU], v_range=[0, 1],
                       resolution=(4, 2))
        assert np.allclose(cone.surface_point_from_coords(PI, 1), [-1, 0, 1])
        try:  # moved since it was made: its function no longer says where its points are
            cone.shift(UP).surface_point_from_coords(PI, 1)
            raise RuntimeError("a moved surface gave a point")
        except AttributeError:
            pass
        graph = Axes(x_range=[0, 1], y_range=[0, 1]).plot(lambda x: x, color=RED, label="f")  # a Matplotlib habit
        assert isinstance(graph, ParametricFunction) and graph.get_color() == RED
        star = Dot(RIGHT)
        star.depth = 2.0  # the scene's own parallax depth, on a flat dot
        assert star.depth == 2.0 and np.allclose(star.get_center() / star.depth, [0.5, 0, 0])
        assert abs(Cube().depth - 2.0) < 1e-9 and abs(Cube().set(depth=3.0).depth - 3.0) < 1e-9  # real depth scales
        lost = Dot().move_to([np.nan, np.nan, 0])  # a parallax divided by zero
        backdrop = Rectangle().set_fill(color=[BLACK, GREY], opacity=1)
        self.add(backdrop, lost)
        self.play(FadeOut(VGroup(backdrop, lost)), run_time=0.2)  # FadeOut's copy of the group: all NaN
        broken = Square()
        broken.stroke_width = None  # a clean-up that fails: the scene catches it and goes on
        shown = Circle()
        self.add(shown)
        try:
            self.play(Transform(shown, broken), run_time=0.2)
        except TypeError:
            self.wait(0.1)
        self.play(shown.animate.shift(UP), run_time=0.2)
"""


def test_run_time_drift_renders_and_says_so(settings):
    """What manim 0.22 stops on at run time although the scene's meaning is plain: a scene module that picks
    the OpenGL renderer, a group shifted by one row per part, GrowArrow of an Arrow3D made in a function,
    index_of_part of get_part_by_tex's part, a VGroup of self.mobjects holding a tracker, two animations of one
    group in one play, ManimGL's fix_in_frame, a 3D camera's frame saved and restored, move_camera played beside
    another animation, a group's pop, NumberPlane.get_lines, move_camera given a function of time,
    self.mobjects after a wait, ManimGL's camera frame turned (its theta is CE's plus 90°), a surface's point at
    (u, v), label= given to Axes.plot, depth kept by a flat dot, a colour gradient with no finite points (a
    FadeOut of a group holding a NaN dot) and a play that fails inside the scene's own try/except (only the full
    render stopped on it: the next play found its segment open). Each stops the scene before the fix (the scene's own asserts check what
    each did); the result names the run-time ones."""
    res = _result(DRIFT, settings)
    assert res.status == "ok", res.error
    for words in ("one row per part", "no manim Arrow", "MathTex's own part", "made a Group", "as far as both go",
                  "points written as lists", "its camera's set", "as a list's pop does", "now _get_lines",
                  "values it gives at the end", "from its own function", "reached Mobject", "depth set on a flat",
                  "no finite points", "unfinished video segment"):
        assert any(words in f for f in res.fixes), (words, res.fixes)
    assert any("has no frame" in f for f in res.fixes) and any("fix_in_frame" in f for f in res.fixes)


PICTURE = """from manim import *
import numpy as np
from PIL import Image


def make_picture(filename="sample.png"):
    y, x = np.mgrid[0:40, 0:40]
    img = Image.fromarray(np.dstack([x * 6, y * 6, (x + y) * 3]).astype(np.uint8))
    img.save(filename)


class Picture(Scene):
    def construct(self):
        make_picture("sample.png")
        image = ImageMobject("sample.png").scale(2)
        self.play(FadeIn(image), run_time=0.3)
"""


def test_a_scene_may_save_a_picture_it_made_and_show_it(settings):
    """Math-To-Manim's image test draws a picture with PIL, saves it in its folder and shows it: allowed (the
    audit hook keeps the write in the job folder: test_hostile's pil_save_outside)."""
    res = _result(PICTURE, settings)
    assert res.status == "ok", res.error


# --- plugins --------------------------------------------------------------------------------------------------

def test_a_manim_physics_scene_renders_in_the_sandbox(settings):
    require("manim_physics")
    res = _result(PHYSICS, settings)
    assert res.status == "ok", res.error
    assert 0.4 <= float(ffprobe(res.video)["duration"]) <= 0.7


PLUGIN_HOSTILE = {  # name -> body after `from manim_physics import *`; each reaches past the plugin
    "pymunk_module": "p = rigid_mechanics.pymunk\n",
    "cffi_handle": "rigid_mechanics.rigid_mechanics.pymunk.ffi.dlopen(None)\n",
    "getattr_module": "getattr(rigid_mechanics, 'pymunk').cp\n",
    "import_from_plugin": "from manim_physics.rigid_mechanics.rigid_mechanics import pymunk\n",
    "read_file": "text = open('/etc/passwd').read()\n",
    "socket": "import socket\nsocket.create_connection(('127.0.0.1', 80))\n",
    "numpy_via_plugin": "wave.np.load('/etc/passwd')\n",
    "other_plugin": "from manim_slides import Slide\nSlide\n",  # manim_voiceover is allowed now: test_voiceover.py
    "voiceover_helper": "from manim_voiceover.helper import chunks\nchunks\n",
}


@pytest.mark.parametrize("name", sorted(PLUGIN_HOSTILE))
def test_plugin_scenes_that_reach_further_are_refused(name):
    code = "from manim import *\nfrom manim_physics import *\n" + PLUGIN_HOSTILE[name] + PHYSICS.split("\n", 2)[2]
    scene, err = render.prepare(fixer.fix(code).code, None)
    assert scene is None and err is not None and err.kind == "refused", (name, err)
    assert "not allowed" in err.message


PLUGIN_RUNTIME = {  # run with the static guard bypassed: the child's walls must hold with the plugin loaded
    "write_outside": "open('{OUT}/plugin_write', 'w').write('x')\n",
    "read_project": "open('stolen.txt', 'w').write(open('{ROOT}/README.md').read())\n",
    "socket": "import socket\nsocket.create_connection(('127.0.0.1', {PORT}), timeout=2).sendall(b'leak')\n",
    "environment": "import os\nopen('env.txt', 'w').write(repr(dict(os.environ)))\n",
}


@pytest.mark.parametrize("name", sorted(PLUGIN_RUNTIME))
def test_plugin_scenes_are_contained_at_run_time(name, outside, listener, settings, monkeypatch):  # noqa: F811
    monkeypatch.setenv("OPENAI_API_KEY", CANARY)
    port, hits = listener
    body = PLUGIN_RUNTIME[name].format(OUT=outside, PORT=port, ROOT=ROOT)
    code = "from manim import *\nfrom manim_physics import *\n" + body + PHYSICS.split("\n", 2)[2]
    limits = ChildLimits(wall_s=20, memory_mb=2048, file_mb=64, output_bytes=2 << 20)
    work, out = render.sandbox_run(code, Job.make(settings, scene="Drop"), "check", limits)
    if name != "environment":  # reading the (scrubbed) environment is no error; the canary must not be in it
        assert out.error is not None and out.error.kind in ("refused", "runtime"), (name, out.error)
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt"] and hits == []
    assert not any(CANARY.encode() in p.read_bytes() for p in work.rglob("*.txt"))
    stolen = work / "stolen.txt"
    assert not stolen.exists() or stolen.stat().st_size == 0


# --- harmless imports outside the allow-list ------------------------------------------------------------------

def test_harmless_os_sys_pathlib_uses_are_rewritten_and_the_scene_renders(settings):
    res = _result((FIXTURES / "harmless_imports.py").read_text(encoding="utf-8"), settings)
    assert res.status == "ok", res.error
    fixes = " ".join(res.fixes)
    for said in ("import of os", "import of sys", "import of json", "sys.path edit", "os.path calls", "os.environ"):
        assert said in fixes, said
    code = Path(res.code).read_text(encoding="utf-8")
    assert "import os" not in code and '"Pythagoras"' in code


def test_the_path_helpers_open_nothing():
    for helper in HELPERS.values():  # plain string work: no name that could reach a file
        tree = ast.parse(helper)
        assert guard.check(tree) == []
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        assert names <= {"str", "map", "path", "first", "rest", "part", "head"}, names


def test_an_existence_check_is_no_oracle_for_files_outside_the_job_folder(settings):
    probe = ("import os\nfrom manim import *\n\nclass T(Scene):\n    def construct(self):\n"
             "        if os.path.exists('/etc/passwd') or os.path.isfile(os.path.join('/etc', 'hostname')):\n"
             "            raise ValueError('the shim read the disk')\n        self.add(Circle())\n")
    fixed = fixer.fix(probe).code
    assert render.prepare(fixed, None)[1] is None
    outcome = render.check(fixed, Job.make(settings))
    assert outcome.ok, outcome.error


REFUSED_STILL = {  # uses of os/sys/pathlib that are not harmless keep the security check's refusal
    "os_system": "import os\nos.system('id')\n",
    "join_then_remove": "import os\np = os.path.join('a', 'b')\nos.remove(p)\n",
    "listdir": "import os\nnames = os.listdir('/')\n",
    "environ_item": "import os\nkey = os.environ['OPENAI_API_KEY']\n",
    "environ_dict": "import os\nleak = dict(os.environ)\n",
    "exists_as_value": "import os\ncheck = os.path.exists\n",
    "sys_modules": "import sys\nm = sys.modules['os']\n",
    "sys_path_read": "import sys\nfirst = sys.path[0]\n",
    "pathlib_read": "from pathlib import Path\ntext = Path('/etc/passwd').read_text()\n",
    "open_joined": "import os\ntext = open(os.path.join('/etc', 'passwd')).read()\n",
    "subprocess": "import subprocess\nsubprocess.run(['id'])\n",
}


@pytest.mark.parametrize("name", sorted(REFUSED_STILL))
def test_other_uses_keep_the_clear_refusal(name):
    code = REFUSED_STILL[name] + STILL
    scene, err = render.prepare(fixer.fix(code).code, None)
    assert scene is None and err is not None and err.kind == "refused", (name, err)


# --- LaTeX slips ----------------------------------------------------------------------------------------------

SLIPS = r"""from manim import *

class Slips(Scene):
    def construct(self):
        law = MathTex("c² = a² + b² − 2ab\\cos γ", "0 ≤ θ ≤ π, x ∈ ℝ")
        note = Tex("The angle θ is 90° when $α + β = π$ (#1, 50% & more)")
        text = Tex(r"The rotation matrix is \begin{pmatrix} \cos t & -\sin t \\ \sin t & \cos t \end{pmatrix}")
        self.play(Write(VGroup(law, note, text).arrange(DOWN)))
"""


def test_unicode_symbols_and_matrices_in_text_mode_compile_after_the_fixer(settings):
    require("latex")
    fixed = fixer.fix(SLIPS)
    assert len(fixed.fixes) >= 4, fixed.fixes
    outcome = render.check(fixed.code, Job.make(settings))
    assert outcome.ok, outcome.error


# --- getattr over a literal list of names (real scenes fade out `getattr(self, name) for name in [...]`) ---------

GETATTR_SAFE = 'targets = ["title", "graph"]\nfade = [getattr(self, n) for n in targets if hasattr(self, n)]\n'
GETATTR_UNSAFE = {
    "dunder_in_list": 'for n in ["title", "__globals__"]:\n    getattr(obj, n)\n',
    "forbidden_in_list": 'for n in ["title", "os"]:\n    getattr(obj, n)\n',
    "rebound": 'for n in ["title"]:\n    pass\nn = "_" + "_class__"\ngetattr(obj, n)\n',
    "parameter": 'def pick(n):\n    return getattr(obj, n)\nfor n in ["title"]:\n    pass\n',
    "list_changed": 'names = ["title"]\nnames.append(input)\nfor n in names:\n    getattr(obj, n)\n',
}


def test_getattr_with_a_name_from_a_literal_list_is_allowed():
    assert guard.check(ast.parse(GETATTR_SAFE)) == []


@pytest.mark.parametrize("name", sorted(GETATTR_UNSAFE))
def test_getattr_with_a_name_that_could_be_anything_is_refused(name):
    reasons = [v.reason for v in guard.check(ast.parse(GETATTR_UNSAFE[name]))]
    assert any("getattr()" in r for r in reasons), reasons
