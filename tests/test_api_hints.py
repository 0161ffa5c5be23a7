"""The API index of the installed manim and the hints it gives with AttributeError, TypeError and NameError:
the message handed to the model (and shown to a person) names the real signature or the closest real names.

Most cases feed the pure hint builder the exact messages manim 0.22 raises (read from real runs); two go end to
end through a real sandboxed check, one of them through the model's repair request over real HTTP."""

from __future__ import annotations

import json

import pytest
from fake_openai import FakeOpenAI, Reply, reply_chunks

from mathanim import api_index
from mathanim.api_hints import hint_for
from mathanim.backends import get_backend
from mathanim.backends.base import Request
from mathanim.events import Done
from mathanim.job import Job
from mathanim.pipeline import generate, render_code
from mathanim.prompts import build_messages
from mathanim.result import ErrorInfo
from mathanim.ui.view import Finished, View

HEAD = "from manim import *\n\n\nclass S(Scene):\n    def construct(self):\n"

# (body of construct, the error's line in the scene, the message manim 0.22 raised, what the hint must name)
CASES = {
    "vgroup_arrange_in_circle": (
        "        g = VGroup(Dot(), Dot())\n        g.arrange_in_circle()\n", 7,
        "AttributeError: VGroup object has no attribute 'arrange_in_circle'",
        ["VGroup has no `arrange_in_circle`", "`arrange_in_grid(rows=None, cols=None", "`arrange(direction=RIGHT"]),
    "gl_vector_field_on_a_plane": (  # ManimGL's VectorField(func, coordinate_system): CE reads a colour there
        "        plane = NumberPlane()\n        field = VectorField(lambda p: np.array([-p[1], p[0], 0]), plane)\n", 7,
        "AttributeError: NumberPlane object has no attribute 'hex'",
        ["`plane` is passed as VectorField()'s `color`", "signature: VectorField(func, color=None",
         "ArrowVectorField(func, x_range=[min, max, step]"]),
    "mobject_as_colour": (
        "        d = Dot()\n        d.set_color(Square())\n", 7,
        "AttributeError: Square object has no attribute 'hex'",
        ["`Square()` is passed as Dot.set_color()'s `color`", "signature: VMobject.set_color(color"]),
    "axes_keyword_typo": (
        "        ax = Axes(x_range=[0, 5], x_lenght=3)\n", 6,
        "TypeError: Mobject.__init__() got an unexpected keyword argument 'x_lenght'",
        ["Axes() has no keyword `x_lenght`", "`x_length`", "signature: Axes(x_range=None, y_range=None, x_length=12"]),
    "text_colour": (
        "        t = Text('a', font_size=30, colour=RED)\n", 6,
        "TypeError: Mobject.__init__() got an unexpected keyword argument 'colour'",
        ["Text() has no keyword `colour`", "`color`", "signature: Text(text, fill_opacity=1.0"]),
    "mathtex_part_by_tex_typo": (
        "        eq = MathTex('x', '=', 'y')\n        eq.get_part_by_text('x').set_color(RED)\n", 7,
        "TypeError: Mobject.__getattr__.<locals>.getter() takes 1 positional argument but 2 were given",
        ["MathTex has no method `get_part_by_text`", "`get_part_by_tex(tex, **kwargs)`"]),
    "circle_fill": (
        "        c = Circle(radius=1, fill=RED)\n", 6,
        "TypeError: Mobject.__init__() got an unexpected keyword argument 'fill'",
        ["Circle() has no keyword `fill`", "`fill_color`", "`fill_opacity`", "signature: Circle(radius=None"]),
    "show_creation": (
        "        self.play(ShowCreation(Circle()))\n", 6,
        "NameError: name 'ShowCreation' is not defined",
        ["`ShowCreation` is the older/ManimGL name of `Create(mobject, lag_ratio=1.0, introducer=True, **kwargs)`"]),
    "play_run_time_positional": (
        "        self.play(Create(Circle()), 2)\n", 6,
        "TypeError: Unexpected argument 2 passed to Scene.play().",
        ["run_time=2", "Scene.play(*args, subcaption=None"]),
    "play_a_mobject": (
        "        self.play(Circle())\n", 6,
        "TypeError: Unexpected argument Circle passed to Scene.play().",
        ["given a Circle itself, not an animation", "Create(mob)", "self.add(mob)"]),
    "none_from_get_part_by_tex": (
        "        eq = MathTex('x^2')\n        eq.get_part_by_tex('y').set_color(RED)\n", 7,
        "AttributeError: 'NoneType' object has no attribute 'set_color'",
        ["is None, not a mobject", "get_part_by_tex gives None"]),
    "arrow_max_tip_length": (
        "        a = Arrow(LEFT, RIGHT, max_tip_length=0.3)\n", 6,
        "TypeError: Mobject.__init__() got an unexpected keyword argument 'max_tip_length'",
        ["Arrow() has no keyword `max_tip_length`", "`tip_length`",
         "Arrow(*args, stroke_width=6, buff=0.25, max_tip_length_to_length_ratio=0.25"]),
    "numberplane_get_graph": (
        "        plane = NumberPlane()\n        g = plane.get_graph(lambda x: x)\n", 7,
        "TypeError: Mobject.__getattr__.<locals>.getter() takes 1 positional argument but 2 were given",
        ["NumberPlane has no method `get_graph`", "older/ManimGL name of `plot(function, x_range=None"]),
    "color_gradient": (
        "        d = Dot()\n        d.set_color_gradient(RED, BLUE)\n", 7,
        "TypeError: Mobject.__getattr__.<locals>.setter() takes 2 positional arguments but 3 were given",
        ["Dot has no method `set_color_gradient`", "`set_color_by_gradient(*colors)`"]),
    "arrow_too_many_positional": (
        "        a = Arrow(LEFT, RIGHT, UP, 0.5, 3, 4)\n", 6,
        "TypeError: Line.__init__() got multiple values for argument 'buff'",
        ["the arguments do not fit Arrow()", "passes its arguments on to Line(start=LEFT, end=RIGHT, buff=0"]),
    "sector_outer_radius": (
        "        s = Sector(outer_radius=2)\n", 6,
        "TypeError: manim.mobject.geometry.arc.AnnularSector.__init__() got multiple values for keyword argument "
        "'outer_radius'",
        ["Sector() has no keyword `outer_radius`", "use `radius=`", "Sector(radius=1, **kwargs)"]),
    "brace_missing_mobject": (
        "        b = Brace()\n", 6,
        "TypeError: Brace.__init__() missing 1 required positional argument: 'mobject'",
        ["signature: Brace(mobject, direction=DOWN"]),
    "rate_function_not_exported": (
        "        self.play(Write(Text('a')), rate_func=ease_in_sine)\n", 6,
        "NameError: name 'ease_in_sine' is not defined",
        ["use rate_functions.ease_in_sine"]),
    "camera_frame": (
        "        self.camera.frame.scale(2)\n", 6,
        "AttributeError: Camera object has no attribute 'frame'",
        ["Camera has no `frame`", "`frame` exists on", "MovingCamera", "make the scene a MovingCameraScene"]),
    "fix_in_frame_is_opengl_only": (
        "        t = Text('a')\n        t.fix_in_frame()\n", 7,
        "AttributeError: Text object has no attribute 'fix_in_frame'",
        ["Text has no `fix_in_frame`"]),
    "scene_method_of_3d_scene": (
        "        self.add_fixed_in_frame_mobjects(Dot())\n", 6,
        "AttributeError: S object has no attribute 'add_fixed_in_frame_mobjects'",
        ["S has no `add_fixed_in_frame_mobjects`", "is a method of ThreeDScene, not of S: make the scene a ThreeDScene"]),
    "scene_method_on_a_mobject": (
        "        t = Torus()\n        t.add_fixed_in_frame_mobjects(Dot())\n", 7,
        "AttributeError: 'Torus' object has no attribute 'add_fixed_in_frame_mobjects'",
        ["not of Torus: call self.add_fixed_in_frame_mobjects(...) in a ThreeDScene"]),
    "missing_import": (
        "        c = Circle()\n", 4,
        "NameError: name 'Scene' is not defined",
        ["`Scene` is manim's own name: the scene is missing `from manim import *`"]),
    "gl_fade": (
        "        self.play(FadeInFromDown(Dot()))\n", 6,
        "NameError: name 'FadeInFromDown' is not defined",
        ["use `FadeIn(mobject, shift=UP)`"]),
    "gl_textmobject": (
        "        self.add(TextMobject('hello'))\n", 6,
        "NameError: name 'TextMobject' is not defined",
        ["use `Text(...)` for plain text, `Tex(...)` for text with LaTeX"]),
    "bare_math": (
        "        x = sqrt(2)\n", 6,
        "NameError: name 'sqrt' is not defined",
        ["use np.sqrt"]),
    "plot_range_keywords": (
        "        ax = Axes()\n        ax.plot(lambda x: x, x_min=0)\n", 7,
        "TypeError: Mobject.__init__() got an unexpected keyword argument 'x_min'",
        ["Axes.plot() has no keyword `x_min`", "use `x_range=[min, max, step]`", "plot(function, x_range=None"]),
    "scale_about": (
        "        c = Circle().scale(2, about=ORIGIN)\n", 6,
        "TypeError: VMobject.scale() got an unexpected keyword argument 'about'",
        ["Circle.scale() has no keyword `about`", "`about_point`", "`about_edge`"]),
}


@pytest.fixture(scope="module")
def index() -> api_index.ApiIndex:
    ix = api_index.load()
    if not ix.data:
        pytest.skip("manim is not installed")
    return ix


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_hint_names_the_real_signature_or_alternatives(name, index):
    body, line, message, wanted = CASES[name]
    err = ErrorInfo("runtime", message, line)
    hint = hint_for(err, HEAD + body, index)
    for part in wanted:
        assert part in hint, f"{name}: {part!r} not in {hint!r}"
    err.hint = hint
    assert f"Hint from the installed manim's API: {hint}" in err.for_model(HEAD + body)  # what the model reads


def test_no_hint_where_the_api_is_not_the_problem(index):
    code = HEAD + "        self.play(Create(Circle(), run_time=2))\n        x = 1 / 0\n"
    assert hint_for(ErrorInfo("runtime", "ZeroDivisionError: division by zero", 7), code, index) == ""
    assert hint_for(ErrorInfo("latex", "LaTeX failed on 'x^'", 6), code, index) == ""
    assert hint_for(ErrorInfo("runtime", "NameError: name 'qqqq_zzzz' is not defined", 6), code, index) == ""
    sqrt = hint_for(ErrorInfo("runtime", "NameError: name 'sqrt' is not defined", 6), HEAD + "        x = sqrt(2)\n",
                    index)
    assert "rate_functions" not in sqrt  # rate_functions imports sqrt; it is not its own
    brown = hint_for(ErrorInfo("runtime", "NameError: name 'BROWN' is not defined", 6), code, index)
    assert "crown" not in brown.lower()  # a constant is only compared with constants


def test_the_index_knows_the_installed_manim(index):
    assert index.version == api_index.manim_version() and index.kind("Create") == "class"
    assert "arrange_in_grid" in index.members("VGroup") and index.owner_of("VGroup", "arrange") == "Mobject"
    assert index.accepts("Circle", "fill_opacity") and index.accepts("Circle", "fill") is False
    assert index.passes("Square") == {"height": "side_length", "width": "side_length"}
    assert index.classes_with("fix_in_frame") == []  # only the OpenGL renderer's mobjects have it
    assert index.scenes_using("MovingCamera") == ["MovingCameraScene"]
    assert api_index.index_path().name == f"manim_api-{index.version}.json"


def test_a_stale_or_foreign_index_is_rebuilt(tmp_path, monkeypatch):
    path = tmp_path / "idx.json"
    path.write_text(json.dumps({"format": api_index.FORMAT, "manim_version": "0.0.1", "names": {}}))
    assert api_index._read(path) is None  # another manim version
    path.write_text(json.dumps({"format": -1, "manim_version": api_index.manim_version()}))
    assert api_index._read(path) is None  # an older layout
    built = []
    monkeypatch.setattr(api_index, "index_path", lambda mv=None: path)
    monkeypatch.setattr(api_index, "build_in_subprocess", lambda p: built.append(p) or False)
    api_index.load.cache_clear()
    try:
        assert api_index.load().data == {} and built == [path]  # lazily rebuilt; a failed build gives no hints
    finally:
        api_index.load.cache_clear()


def test_the_ui_and_the_person_editing_code_see_the_hint(settings, index):
    """'Render edited code' path: a real sandboxed check; the Result's error carries the hint the UI shows."""
    code = HEAD + "        c = Circle()\n        self.play(Crate(c))\n"
    view = View()
    for ev in render_code(code, Job.make(settings, "low")):
        view.apply(Finished(ev.result, {}, None) if isinstance(ev, Done) else ev)
    res = view.finished.result
    assert res.error["kind"] == "runtime" and "Crate" in res.error["message"]
    assert "did you mean `Create(mobject, lag_ratio=1.0" in res.error["hint"]
    assert "Hint from manim's API: `Crate` is not defined" in view.problem  # the Error event, while it runs
    assert "Hint from manim's API: `Crate` is not defined" in view.status_md()  # the outcome line


def test_the_repair_request_carries_the_hint_over_real_http(settings, index):
    """A model writes VGroup.arrange_in_circle: the real check fails, and the repair prompt names the real
    arrange methods with their signatures."""
    broken = HEAD + "        g = VGroup(*[Dot() for _ in range(4)])\n        g.arrange_in_circle()\n" \
                    "        self.play(FadeIn(g), run_time=0.3)\n"
    good = broken.replace("g.arrange_in_circle()", "g.arrange_in_grid(rows=2)")
    replies = [Reply(reply_chunks(f"```python\n{c}```\nNotes.\n", style="vllm")) for c in (broken, good)]
    with FakeOpenAI(replies) as srv:
        backend = get_backend("local", settings, base_url=srv.base_url, model="m")
        events = list(generate("four dots", backend, Job.make(settings, "low", max_rounds=2)))
    res = events[-1].result
    assert res.status == "ok" and res.attempts == 2, res.error
    assert "did you mean `arrange_in_grid(rows=None" in res.rounds[0]["error"]["hint"]
    repair = srv.requests[1]["body"]["messages"][-1]["content"]
    assert "Hint from the installed manim's API: VGroup has no `arrange_in_circle`" in repair
    assert "`arrange(direction=RIGHT, buff=0.25" in repair
    request = Request("x", previous_code=broken, error=ErrorInfo("runtime", "m", 7, hint="H!"), attempt=2)
    assert "H!" in build_messages(request)[-1]["content"]
