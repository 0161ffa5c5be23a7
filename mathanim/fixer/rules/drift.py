"""Rules for API drift that the installed manim's API index (mathanim/api_index.py) proves equivalent: a keyword
a class sets from one of its own parameters, ManimGL keyword names CE spells differently, methods that moved to
new names with the same arguments. Each rule edits only when the index confirms that the old spelling fails and
the new one exists; without an index (no manim) they do nothing.
"""

from __future__ import annotations

import ast

from ...api_index import ApiIndex, load
from ..core import Edits, Source
from ..helpers import call_rule, keywords, rebuild_call

# ManimGL's keyword names -> CE's, by class: same meaning (Axes(width=) is the x axis's length in ManimGL)
GL_KEYWORDS = {
    ("MathTex", "isolate"): "substrings_to_isolate", ("Tex", "isolate"): "substrings_to_isolate",
    ("MathTex", "t2c"): "tex_to_color_map", ("Tex", "t2c"): "tex_to_color_map",
    ("Axes", "width"): "x_length", ("Axes", "height"): "y_length",
    ("NumberPlane", "width"): "x_length", ("NumberPlane", "height"): "y_length",
    ("ThreeDAxes", "width"): "x_length", ("ThreeDAxes", "height"): "y_length",
    ("NumberLine", "width"): "length",
}
# GraphScene / ManimGL methods -> the CE method that does the same with the same arguments
MOVED_METHODS = {
    "get_parametric_curve": "plot_parametric_curve", "get_derivative_graph": "plot_derivative_graph",
    "get_implicit_curve": "plot_implicit_curve", "get_antiderivative_graph": "plot_antiderivative_graph",
    "get_v_line": "get_vertical_line", "get_h_line": "get_horizontal_line",
    # the singular of CE's own set_color_by_gradient; the radial one is plural in every manim
    "set_color_by_radial_gradient": "set_colors_by_radial_gradient",
}


def _index() -> ApiIndex | None:
    ix = load()
    return ix if ix.data else None


def _rename_keywords(call: ast.Call, src: Source, edits: Edits, renames: dict[str, str]) -> None:
    """Rewrite the call with keywords renamed (old -> new), everything else as it was."""
    kwargs = [(renames.get(k, k), v) for k, v in keywords(src, call)]
    edits.replace(call, rebuild_call(src, call, src.text(call.func), [src.text(a) for a in call.args], kwargs))


@call_rule
def own_parameter_keywords(call: ast.Call, name: str | None, src: Source, edits: Edits) -> None:
    """A keyword the class sets itself from its own parameter (Sector(outer_radius=), Square(width=),
    Dot(arc_center=)), which fails with "multiple values": that parameter instead (radius=, side_length=, point=)."""
    ix = _index()
    if ix is None or not isinstance(call.func, ast.Name) or not ix.is_class(name or ""):
        return
    passes, params = ix.passes(name), ix.params(name)
    given = {k.arg for k in call.keywords if k.arg}
    hits = {k: passes[k] for k in given if k in passes}
    for k, p in hits.items():
        taken = p in given or list(hits.values()).count(p) > 1 or (p in params and params.index(p) < len(call.args))
        if not taken:
            _rename_keywords(call, src, edits, {k: p})
            edits.add(f"{name}() sets {k}= from its own {p}= in manim {ix.version}: used {p}=", call.lineno)
            return


@call_rule
def gl_keyword_drift(call: ast.Call, name: str | None, src: Source, edits: Edits) -> None:
    """ManimGL keyword names that CE spells differently with the same meaning (MathTex(isolate=) is
    substrings_to_isolate=, Axes(width=, height=) is x_length=, y_length=, NumberLine(width=) is length=)."""
    ix = _index()
    if ix is None or not isinstance(call.func, ast.Name):
        return
    given = {k.arg for k in call.keywords if k.arg}
    renames = {old: new for (cls, old), new in GL_KEYWORDS.items()
               if cls == name and old in given and new not in given
               and ix.accepts(cls, old) is False and ix.accepts(cls, new)}
    if renames:
        _rename_keywords(call, src, edits, renames)
        for old, new in sorted(renames.items()):
            edits.add(f"{name}({old}=…) is {name}({new}=…) in manim {ix.version} (ManimGL's name)", call.lineno)


@call_rule
def moved_methods(call: ast.Call, name: str | None, src: Source, edits: Edits) -> None:
    """GraphScene/ManimGL axes methods CE renamed with the same arguments (get_parametric_curve is
    plot_parametric_curve, get_v_line is get_vertical_line...), when manim has no method of the old name."""
    ix = _index()
    new = MOVED_METHODS.get(name or "")
    if ix is None or new is None or not isinstance(call.func, ast.Attribute) or ix.classes_with(name):
        return
    owners = ix.classes_with(new)
    if not owners:
        return
    params = ix.params(owners[0], new)
    # their **kwargs style the curve or line they make: what a ParametricFunction (a VMobject) accepts
    style = set(ix.init_kwargs("ParametricFunction") or ()) if ix.takes_kwargs(owners[0], new) else set()
    if any(k.arg not in set(params) | style for k in call.keywords if k.arg) or len(call.args) > len(params):
        return  # an argument the new method does not take: the meaning could change, leave it to the model
    _, end = src.span(call.func)
    edits.replace((end - len(name), end), new)
    edits.add(f".{name}() is .{new}() in manim {ix.version}", call.lineno)
