"""ManimGL → Manim CE converter for extracted scene sources.

Three passes, each keeping the original formatting and comments (edits are made on the text, located with
`tokenize` and `ast`):
1. names: identifier renames (ShowCreation → Create, GL's math `Tex` → MathTex, TexText → Tex, ...) and
   method renames after a dot (get_graph → plot, set_width → scale_to_fit_width, ...);
2. structure: CONFIG dicts → class attributes, digest_config removed, init_points → generate_points,
   positional shifts of FadeIn/FadeOut → shift=, Rectangle(w, h) → keywords, GL-only keyword arguments,
   `self.frame` → the moving camera's frame (the scene becomes a MovingCameraScene), `self.embed()` dropped;
3. shims: small CE definitions of the commonest GL-only helpers (get_norm, set_backstroke, VFadeInThenOut,
   ...) prepended only when the code uses them.
`convert()` returns the CE code, the list of changes and the GL-only names still left (blockers).
"""

from __future__ import annotations

import ast
import io
import re
import textwrap
import tokenize
from dataclasses import dataclass, field
from functools import cache

from ..fixer import Edits as FixerEdits
from ..fixer import Source, fix, str_literal
from ..fixer.helpers import identifier_keys, is_config_dict
from ..fixer.tables import FADE_SHIFTS, GL_METHOD_RENAMES, GL_RENAMES
from ..guard import SCIPY_SUBMODULES, bound_names
from . import gl_helpers

# The ManimGL → CE renames shared with the fixer (one table, mathanim/fixer/tables.py), plus the converter's own:
# GL-only meanings (GL's Tex is math mode; TextMobject is Tex here, where the fixer picks Text or Tex by content),
# names only whole GL scenes use (frame constants, InteractiveScene, GlowDot, ...), and identity entries.
NAME_RENAMES = {
    **GL_RENAMES,
    "TextMobject": "Tex", "Tex": "MathTex", "InteractiveScene": "Scene", "FlashAround": "Circumscribe",
    "VFadeIn": "FadeIn", "VFadeOut": "FadeOut", "TransformMatchingStrings": "TransformMatchingShapes",
    "TransformMatchingParts": "TransformMatchingShapes", "GlowDot": "Dot", "TrueDot": "Dot", "DEG": "DEGREES",
    "FRAME_WIDTH": "config.frame_width", "FRAME_HEIGHT": "config.frame_height",
    "FRAME_X_RADIUS": "config.frame_x_radius", "FRAME_Y_RADIUS": "config.frame_y_radius",
    "SPACE_WIDTH": "config.frame_x_radius", "SPACE_HEIGHT": "config.frame_y_radius",
    "COLOR_MAP": "COLOR_MAP", "ContinualUpdate": "UpdateFromFunc", "DashedMobject": "DashedVMobject",
    "Polyline": "Polygram", "GREY_BROWN": "GREY_BROWN", "LIGHT_GRAY": "LIGHT_GRAY", "DARK_GREY": "DARK_GRAY",
    "SurroundingRectangleMobject": "SurroundingRectangle", "ApplyPointwiseFunction": "ApplyPointwiseFunction",
    "ShowIncreasingSubsets": "ShowIncreasingSubsets", "get_norm": "np.linalg.norm",
    "VShowPassingFlash": "ShowPassingFlash", "ParametricCurve": "ParametricFunction", "Color": "ManimColor",
    "FullScreenFadeRectangle": "FullScreenFadeRectangle", **gl_helpers.RENAMES,
}
METHOD_RENAMES = {
    **GL_METHOD_RENAMES, "align_data_and_family": "align_data",
    "stretch_in_place": "stretch", "pfp": "point_from_proportion", "set_width": "scale_to_fit_width",
    "set_height": "scale_to_fit_height", "set_depth": "scale_to_fit_depth",
    "set_submobject_colors_by_gradient": "set_color_by_gradient", "get_parametric_curve": "plot_parametric_curve",
    "set_color_by_tex_to_color_map": "set_color_by_tex_to_color_map", "get_num_curves": "get_num_curves",
    "set_points_smoothly": "set_points_smoothly", "set_stroke_width": "set_stroke",
    "get_stroke_widths": "get_stroke_width",
    "deepcopy": "copy",  # CE's copy is deep
}
KWARG_RENAMES = {"t2c": "tex_to_color_map", "isolate": "substrings_to_isolate", "num_decimal_points": "num_decimal_places",
                 "radians": "angle", "behind": "background"}
# GL sizes the axes of coordinate systems with width/height; CE with x_length/y_length (NumberLine: length).
_WH = {"width": "x_length", "height": "y_length"}
AXES_KWARGS = {"Axes": _WH, "NumberPlane": _WH, "ComplexPlane": _WH, "ThreeDAxes": {**_WH, "depth": "z_length"},
               "NumberLine": {"width": "length"}, "UnitInterval": {"width": "length"}}
# Keyword arguments GL accepts that CE refuses: dropped.
KWARGS_DROPPED = {"alignment", "use_labelled_svg", "flat_stroke", "draw_stroke_behind_fill", "joint_type",
                  "anti_alias_width", "shading", "gloss", "shadow", "reflectiveness", "thickness", "depth_test",
                  "mark_paths_closed", "close_new_points", "tip_config", "tex_environment_gl", "fill_border_width",
                  "lighting_config", "long_lines", "background_stroke_width", "background_stroke_color",
                  "use_plot_depth", "interp_by_hsl", "sheen", "sheen_direction", "sheen_factor", "big_tick_spacing",
                  "time_span", "mismatch_animation", "border_width", "align_using_submobjects",
                  "surrounding_rectangle_config", "unit_normal", "is_fixed_in_frame", "matched_keys", "matched_pairs",
                  "height_to_width", "stroke_behind"}
TWO_D_BASES = {"Scene", "InteractiveScene"}
OLD_MANIM_MODULES = ("constants", "scene", "mobject", "animation", "topics", "helpers", "geometry", "extract_scene",
                     "camera", "tk_scene")
CAMERA_BASES = {"MovingCameraScene": "2d", "ZoomedScene": "2d", "ThreeDScene": "3d", "SpecialThreeDScene": "3d"}

SHIMS = {
    "set_backstroke": '''def _set_backstroke(self, color=BLACK, width=3, background=True):
    """GL's set_backstroke: a dark stroke drawn behind the fill."""
    return self.set_stroke(color, width, background=background)


VMobject.set_backstroke = _set_backstroke''',
    "fix_in_frame": '''def _fix_in_frame(self):
    """GL's fix_in_frame; without a moving 3D camera every mobject already stays in frame."""
    return self


Mobject.fix_in_frame = _fix_in_frame''',
    "VFadeInThenOut": '''def VFadeInThenOut(mobject, **kwargs):
    """GL's VFadeInThenOut: fade in, then out again."""
    return Succession(FadeIn(mobject), FadeOut(mobject), **kwargs)''',
    "FadeInFromLarge": '''def FadeInFromLarge(mobject, scale_factor=2, **kwargs):
    """GL's FadeInFromLarge."""
    return FadeIn(mobject, scale=scale_factor, **kwargs)''',
    "CountInFrom": '''def CountInFrom(decimal, source_number=0, **kwargs):
    """GL's CountInFrom: count a DecimalNumber up from `source_number` to its value."""
    target = decimal.get_value()
    decimal.set_value(source_number)
    return ChangeDecimalToValue(decimal, target, **kwargs)''',
    "ShowCreationThenFadeOut": '''def ShowCreationThenFadeOut(mobject, **kwargs):
    """GL's ShowCreationThenFadeOut."""
    return Succession(Create(mobject), FadeOut(mobject), **kwargs)''',
    "get_points": '''def _get_points(self):
    """GL's get_points()."""
    return self.points


Mobject.get_points = _get_points''',
    "set_shading": '''def _no_lighting(self, *args, **kwargs):
    """GL's 3D lighting settings (shading, gloss, reflectiveness); CE's Cairo renderer has none."""
    return self


Mobject.set_shading = _no_lighting
Mobject.set_gloss = _no_lighting
Mobject.set_reflectiveness = _no_lighting''',
    "FadeInFromDown": '''def FadeInFromDown(mobject, **kwargs):
    """GL's FadeInFromDown."""
    return FadeIn(mobject, shift=UP, **kwargs)''',
    "FadeInFrom": '''def FadeInFrom(mobject, direction=DOWN, **kwargs):
    """GL's FadeInFrom: come in from `direction`."""
    return FadeIn(mobject, shift=-direction, **kwargs)''',
    "FadeOutAndShift": '''def FadeOutAndShift(mobject, direction=DOWN, **kwargs):
    """GL's FadeOutAndShift."""
    return FadeOut(mobject, shift=direction, **kwargs)''',
    "FadeOutAndShiftDown": '''def FadeOutAndShiftDown(mobject, **kwargs):
    """GL's FadeOutAndShiftDown."""
    return FadeOut(mobject, shift=DOWN, **kwargs)''',
    "FadeInFromPoint": '''def FadeInFromPoint(mobject, point, **kwargs):
    """GL's FadeInFromPoint: grow in from `point`."""
    return FadeIn(mobject, target_position=point, scale=0, **kwargs)''',
    "FullScreenFadeRectangle": '''def FullScreenFadeRectangle(opacity=0.7, **kwargs):
    """GL's FullScreenFadeRectangle: a black veil over the frame."""
    kwargs = {"fill_color": BLACK, "fill_opacity": kwargs.pop("fill_opacity", opacity), "stroke_width": 0, **kwargs}
    return FullScreenRectangle(**kwargs)''',
    "[XYZ]_COLOR": "X_COLOR, Y_COLOR, Z_COLOR = GREEN_C, RED_C, BLUE_D  # GL's axis colours",
    "op": '''class op:
    """The few operator functions GL scenes use (the operator module is not allowed in scenes)."""

    add = staticmethod(lambda a, b: a + b)
    sub = staticmethod(lambda a, b: a - b)
    mul = staticmethod(lambda a, b: a * b)
    truediv = staticmethod(lambda a, b: a / b)
    neg = staticmethod(lambda a: -a)
    and_ = staticmethod(lambda a, b: a & b)
    or_ = staticmethod(lambda a, b: a | b)''',
    "fdiv": '''def fdiv(a, b, zero_over_zero_value=None):
    """GL's fdiv: true division of numbers or arrays."""
    return np.true_divide(a, b)''',
    "EmptyAnimation": '''def EmptyAnimation(run_time=0.01, **kwargs):
    """GL's EmptyAnimation."""
    return Wait(run_time=max(run_time, 0.01))''',
    **gl_helpers.HELPERS,
}


@dataclass
class Conversion:
    """A converted source: CE code, the changes made and what is still GL-only."""

    code: str
    changes: list[str] = field(default_factory=list)
    blockers: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.blockers


@cache
def ce_names() -> frozenset[str]:
    """Every name `from manim import *` provides (manim is imported here, never the scene)."""
    import manim

    return frozenset(n for n in dir(manim) if not n.startswith("_"))


# Names ManimGL's star import provides besides manim's own: the module aliases scenes use bare.
GL_MODULE_ALIASES = {"np": "import numpy as np", "it": "import itertools as it", "random": "import random",
                     "math": "import math", "reduce": "from functools import reduce", "cmath": "import cmath",
                     "fractions": "import fractions", "string": "import string", "copy": "import copy",
                     "itertools": "import itertools", "functools": "import functools", "Fraction":
                     "from fractions import Fraction", "defaultdict": "from collections import defaultdict",
                     "Callable": "from typing import Callable", "Optional": "from typing import Optional",
                     "Tuple": "from typing import Tuple", "Iterable": "from typing import Iterable",
                     "Sequence": "from typing import Sequence", "List": "from typing import List",
                     "lru_cache": "from functools import lru_cache", "partial": "from functools import partial",
                     "re": "import re", "Iterator": "from typing import Iterator", "Any": "from typing import Any"}


class Edits(FixerEdits):
    """The fixer's edits (applied back to front; an edit overlapping one already applied is dropped), with the
    converter's names for the source's positions."""

    def __init__(self, code: str):
        super().__init__(Source(code))
        self.code, self.lines, self.starts = code, self.src.lines, self.src.starts

    def index(self, lineno: int, col: int) -> int:
        return self.src.offset(lineno, col)


def rename_tokens(code: str, gl: bool) -> tuple[str, list[str]]:
    """Rename GL identifiers, methods (after a dot) and keyword arguments, never inside strings or comments."""
    changes: set[str] = set()
    e = Edits(code)
    toks = list(tokenize.generate_tokens(io.StringIO(code).readline))
    depth = 0
    # self.get_graph(...) of a class that defines its own get_graph is not GL's method: keep its name
    defined = {toks[j + 1].string for j, t in enumerate(toks[:-1]) if t.type == tokenize.NAME and t.string == "def"}
    for i, tok in enumerate(toks):
        if tok.type == tokenize.OP and tok.string in "([{":
            depth += 1
        elif tok.type == tokenize.OP and tok.string in ")]}":
            depth -= 1
        if tok.type != tokenize.NAME:
            continue
        prev = toks[i - 1].string if i else ""
        nxt = toks[i + 1].string if i + 1 < len(toks) else ""
        table = METHOD_RENAMES if prev == "." else KWARG_RENAMES if nxt == "=" and depth else NAME_RENAMES
        new = table.get(tok.string)
        if new is None or new == tok.string or (tok.string == "Tex" and not gl):
            continue
        if prev == "." and i > 1 and toks[i - 2].string == "self" and tok.string in defined:
            continue
        (l1, c1), (l2, c2) = tok.start, tok.end
        e.replace((e.starts[l1 - 1] + c1, e.starts[l2 - 1] + c2), new)
        changes.add(f"{tok.string} → {new}")
    return e.apply(), sorted(changes)


def _seg(e: Edits, node: ast.AST) -> str:
    return e.code[e.index(node.lineno, node.col_offset): e.index(node.end_lineno, node.end_col_offset)]


def _config_to_attributes(tree: ast.Module, e: Edits, changes: list[str]) -> None:
    """CONFIG = {"key": value, ...} in a class body → one class attribute per key (CE has no CONFIG). GL merged a
    dict value with the one a base class's CONFIG gives for the same key: so does the attribute."""
    configs = {cls.name: st.value for cls in ast.walk(tree) if isinstance(cls, ast.ClassDef) for st in cls.body
               if is_config_dict(st)}
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    functions = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)} | _ce_functions()
    for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]:
        for st in cls.body:
            if not is_config_dict(st) or not identifier_keys(st.value):
                continue
            keys = st.value.keys
            indent = " " * st.col_offset
            lines, values = [], {}
            base = _ce_base(cls, tree)
            mobject_base = base if base is not None and not base.endswith("Scene") else None
            # without an __init__ of its own, the class hands these to CE's constructor as keyword defaults
            ce_props = _ce_properties(mobject_base) if mobject_base and _own_init(cls) is None else frozenset()
            for k, v in zip(keys, st.value.values, strict=True):
                owner = _config_owner(cls, k.value, classes, configs) if isinstance(v, ast.Dict) else None
                values[k.value] = f"{{**{owner}.{k.value}, **{_seg(e, v)}}}" if owner else _seg(e, v)
                if k.value not in ce_props:  # a class attribute would hide CE's property (fill_color, height)
                    # GL set CONFIG values on the instance: a function stays a function, never a method
                    fn = isinstance(v, ast.Lambda) or isinstance(v, ast.Name) and v.id in functions
                    lines.append(f"{k.value} = " + (f"staticmethod({values[k.value]})" if fn else values[k.value]))
            # with no attribute left, the __init__ that _config_keywords adds carries the values
            e.replace(st, ("\n" + indent).join(lines) or "# CONFIG: keyword defaults in __init__")
            changes.append(f"CONFIG of {cls.name} → class attributes")
            dicts = {k.value for k, v in zip(keys, st.value.values, strict=True) if isinstance(v, ast.Dict)}
            if mobject_base:
                _config_keywords(cls, mobject_base, values, dicts, ce_props, e, changes)


def _config_owner(cls: ast.ClassDef, key: str, classes: dict, configs: dict) -> str | None:
    """The nearest local base class whose CONFIG gives `key` a dict (None when there is none)."""
    todo = [b.id for b in cls.bases if isinstance(b, ast.Name)]
    seen: set[str] = set()
    while todo:
        name = todo.pop(0)
        if name in seen or name not in classes:
            continue
        seen.add(name)
        conf = configs.get(name)
        if conf is not None and any(isinstance(k, ast.Constant) and k.value == key and isinstance(v, ast.Dict)
                                    for k, v in zip(conf.keys, conf.values, strict=True)):
            return name
        todo += [b.id for b in classes[name].bases if isinstance(b, ast.Name)]
    return None


@cache
def _ce_functions() -> frozenset[str]:
    """Names of plain Python functions in manim's namespace (rate functions, helpers): as class attributes they
    would become methods."""
    import inspect

    import manim

    return frozenset(k for k, v in manim.__dict__.items() if inspect.isfunction(v))


@cache
def _ce_init_params(name: str) -> frozenset[str]:
    """Keyword names the __init__ methods along a CE class's MRO accept (empty for unknown names)."""
    import inspect

    import manim

    cls = manim.__dict__.get(name)
    if not isinstance(cls, type):
        return frozenset()
    return frozenset(p for k in cls.__mro__ if "__init__" in k.__dict__
                     for p in inspect.signature(k.__dict__["__init__"]).parameters)


def _ce_base(cls: ast.ClassDef, tree: ast.Module) -> str | None:
    """The first CE class up the chain of local base classes (None when there is none)."""
    local = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    seen = set()
    while cls is not None and cls.name not in seen:
        seen.add(cls.name)
        names = [b.id for b in cls.bases if isinstance(b, ast.Name)]
        ce = next((n for n in names if n in ce_names() and n not in local), None)  # a local class shadows CE's
        if ce:
            return ce
        cls = next((local[n] for n in names if n in local), None)
    return None


@cache
def _ce_properties(base: str) -> frozenset[str]:
    """Constructor keywords of the CE class `base` that CE also defines as properties (fill_color, height)."""
    import inspect

    import manim

    klass = manim.__dict__.get(base)
    return frozenset(k for k in _ce_init_params(base) if isinstance(inspect.getattr_static(klass, k, None), property))


def _own_init(cls: ast.ClassDef) -> ast.FunctionDef | None:
    return next((st for st in cls.body if isinstance(st, ast.FunctionDef) and st.name == "__init__"), None)


def _config_keywords(cls: ast.ClassDef, base: str, values: dict[str, str], dicts: set[str], props: frozenset[str],
                     e: Edits, changes: list[str]) -> None:
    """GL's digest_config let `Foo(key=value)` override any CONFIG key, and the CONFIG values were the defaults
    of the keywords the base class takes. CE's constructors refuse unknown keywords and read only their arguments.
    A small __init__ takes the keys CE does not know, stores them, and calls the original (renamed) __init__; a
    class without an __init__ of its own hands the keys CE knows to CE's constructor as keyword defaults.
    A dict given for a dict-valued key is merged into the default, as GL did. `base` is cls's CE mobject or
    animation base; `props` the keys passed by value because a class attribute would hide CE's property."""
    ce_params, init = _ce_init_params(base), _own_init(cls)
    own = [k for k in values if k not in ce_params and k.isidentifier() and not k.startswith("_")]
    known = [] if init else [k for k in values if k in ce_params and k not in ("self", "args", "kwargs")]
    if not own and not known:
        return
    head = "\n".join(f"if {k} is not None:\n    self.{k} = {{**self.{k}, **{k}}}" if k in dicts else f"self.{k} = {k}"
                     for k in own)
    defaults = ", ".join(f'"{k}": {values[k] if k in props else "self." + k}' for k in known)
    call = (f"self._init_{cls.name}(*args, **kwargs)" if init else
            f"super().__init__(*args, **{{{defaults}, **kwargs}})" if known else "super().__init__(*args, **kwargs)")
    params = "".join(f", {k}=None" if k in dicts else f", {k}={k}" for k in own)
    indent = " " * (init.col_offset if init else cls.body[-1].col_offset)
    body = textwrap.indent(f"def __init__(self, *args{params}, **kwargs):\n    \"\"\"GL keyword arguments "
                           f"for CONFIG keys.\"\"\"\n" + textwrap.indent((head + "\n" + call).lstrip("\n"), "    "),
                           indent).lstrip()
    if init:
        a = e.index(init.lineno, init.col_offset)
        line = e.lines[init.lineno - 1]
        name_at = a + line[init.col_offset:].find("__init__")
        e.replace((a, name_at + len("__init__")), f"{body}\n\n{indent}def _init_{cls.name}")
    else:
        end = e.index(cls.body[-1].end_lineno, cls.body[-1].end_col_offset)
        e.replace((end, end), f"\n\n{indent}{body}")
    changes.append(f"{cls.name}: keyword arguments for its CONFIG keys ({', '.join(own + known)})")


def _digest_locals(tree: ast.Module, e: Edits, changes: list[str]) -> None:
    """Old GL digest_locals(self) copied the function's arguments onto self: written out as assignments."""
    for fn in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.args.args]:
        me = fn.args.args[0].arg
        names = [a.arg for a in fn.args.args[1:] + fn.args.kwonlyargs]
        for st in fn.body:
            if (isinstance(st, ast.Expr) and isinstance(st.value, ast.Call) and isinstance(st.value.func, ast.Name)
                    and st.value.func.id == "digest_locals"):
                e.replace(st, f"{', '.join(f'{me}.{n}' for n in names)} = {', '.join(names)}" if names else "pass")
                changes.append("digest_locals(self) → attribute assignments")


def _statements(tree: ast.Module, e: Edits, changes: list[str]) -> None:
    """digest_config(...), self.embed() and GL's skipping / frame-update statements are dropped; GL's init_points
    becomes generate_points."""
    _digest_locals(tree, e, changes)
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            f = node.value.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            if name in ("digest_config", "embed", "add_sound", "disable_interaction", "update_frame", "force_skipping",
                        "revert_to_original_skipping_status"):  # GL's render plumbing: nothing to do in CE
                e.replace(node, "pass")
                changes.append(f"removed {name}()")
            elif name == "set_variables_as_attrs" and isinstance(f, ast.Attribute):
                _variables_as_attrs(node, e, changes)
        elif isinstance(node, ast.FunctionDef) and node.name in ("init_points", "generate_points"):
            a = e.index(node.lineno, node.col_offset)
            line = e.code[a: e.index(node.lineno, len(e.lines[node.lineno - 1].encode()))]
            i = a + line.find(node.name)
            if node.name == "init_points":
                e.replace((i, i + len(node.name)), "generate_points")
                changes.append("init_points → generate_points")


def _variables_as_attrs(node: ast.Expr, e: Edits, changes: list[str]) -> None:
    """GL's obj.set_variables_as_attrs(a, b, c=x) (it read the caller's variable names) → obj.a, obj.b, obj.c = a, b, x."""
    call = node.value
    if not all(isinstance(a, ast.Name) for a in call.args) or any(k.arg is None for k in call.keywords):
        return
    owner = _seg(e, call.func.value)
    names = [a.id for a in call.args] + [k.arg for k in call.keywords]
    values = [a.id for a in call.args] + [_seg(e, k.value) for k in call.keywords]
    if names:
        e.replace(node, f"{', '.join(f'{owner}.{n}' for n in names)} = {', '.join(values)}")
        changes.append("set_variables_as_attrs(...) → attribute assignments")


def _drop_keyword(e: Edits, kw: ast.keyword) -> None:
    """Remove `name=value` and one adjacent comma."""
    _drop_span(e, e.index(kw.lineno, kw.col_offset), e.index(kw.end_lineno, kw.end_col_offset))


def _style_dicts(tree: ast.Module, e: Edits, changes: list[str]) -> None:
    """Drop GL-only keys (gloss, shading, ...) from dicts meant as **kwargs: those assigned to, or passed as,
    a name ending in style, config or kwargs."""
    named = [(n.targets[0], n.value) for n in ast.walk(tree) if isinstance(n, ast.Assign) and len(n.targets) == 1]
    named += [(kw, kw.value) for n in ast.walk(tree) if isinstance(n, ast.Call) for kw in n.keywords if kw.arg]
    for target, value in named:
        name = target.id if isinstance(target, ast.Name) else getattr(target, "attr", None) or getattr(target, "arg", "")
        if not re.search(r"(style|config|kwargs)$", name or ""):
            continue
        for node in ast.walk(value):
            if isinstance(node, ast.Dict):
                for k, v in zip(node.keys, node.values, strict=True):
                    if isinstance(k, ast.Constant) and k.value in KWARGS_DROPPED:
                        _drop_span(e, e.index(k.lineno, k.col_offset), e.index(v.end_lineno, v.end_col_offset))
                        changes.append(f"GL-only key {k.value!r} dropped from {name}")
            elif isinstance(node, ast.Call) and _call_name(node) == "dict":
                for kw in node.keywords:
                    if kw.arg in KWARGS_DROPPED:
                        _drop_keyword(e, kw)
                        changes.append(f"GL-only key {kw.arg!r} dropped from {name}")


MOBJECT_LISTS = {"split", "get_students", "get_pi_creatures", "get_mob_matrix", "get_family", "get_parts_by_tex",
                 "family_members_with_points"}


def _mobjects(node: ast.expr) -> bool:
    """Whether node is a list of mobjects the GL way of writing it (mob.split(), mob.submobjects, mob.mob_matrix)."""
    if isinstance(node, ast.Call) and _call_name(node) == "list" and len(node.args) == 1:
        node = node.args[0]
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MOBJECT_LISTS
            or isinstance(node, ast.Attribute) and node.attr in ("submobjects", "mob_matrix"))


def _stretch_keyword(call: ast.Call, e: Edits, changes: list[str]) -> None:
    """GL's set_width(w, stretch=True) → CE's stretch_to_fit_width(w); CE's scale_to_fit_* take no stretch."""
    m = re.fullmatch(r"(?:set|scale_to_fit)_(width|height|depth)", _call_name(call))
    kw = next((k for k in call.keywords if k.arg == "stretch"), None)
    if not m or kw is None or not isinstance(kw.value, ast.Constant) or not isinstance(call.func, ast.Attribute):
        return
    if kw.value.value:
        end = e.index(call.func.end_lineno, call.func.end_col_offset)
        e.replace((end - len(call.func.attr), end), f"stretch_to_fit_{m.group(1)}")
    _drop_keyword(e, kw)
    changes.append(f"{call.func.attr}(stretch=...) → stretch_to_fit_{m.group(1)} / scale_to_fit_{m.group(1)}")


def _drop_span(e: Edits, a: int, b: int) -> None:
    """Remove the text from a to b and one adjacent comma."""
    rest = e.code[b:]
    m = re.match(r"\s*,[ \t]*", rest)
    if m:
        e.replace((a, b + m.end()), "")
        return
    before = e.code[:a]
    m = re.search(r",\s*$", before)
    e.replace((a - (len(before) - m.start()) if m else a, b), "")


FADE_DIRECTED = {"FadeInFrom": ("FadeIn", "-"), "FadeOutAndShift": ("FadeOut", ""), "FadeIn": ("FadeIn", ""),
                 "FadeOut": ("FadeOut", "")}


def _call_name(call: ast.Call) -> str:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


# calls that make an animation: classes, and the helpers GL scenes use for students' reactions and the like
ANIMATION_CALL = re.compile(r"[A-Z]|change_students$|get_student_changes$|change_all_student_modes$|\w*_anims?$")
FLASHES = {"Flash", "ShowPassingFlash", "ShowCreationThenDestruction", "ShowPassingFlashWithThinningStrokeWidth",
           "VShowPassingFlash"}
NEEDS_ARGUMENT = {"move_to", "next_to", "shift", "become", "align_to", "match_style", "replace", "match_width",
                  "match_height", "put_start_and_end_on", "surround", "match_color", "set_color", "look_at",
                  "change_mode", "change"}


def _old_style_play(call: ast.Call, e: Edits, changes: list[str]) -> None:
    """self.play(mob.shift, UP, other_anim) (old GL: method then its arguments) → self.play(mob.animate.shift(UP), ...).
    The same in added_anims=[...] lists."""
    if _call_name(call) == "play":
        _old_style_args(call.args, e, changes)
    for kw in call.keywords:
        if kw.arg == "added_anims" and isinstance(kw.value, (ast.List, ast.Tuple)):
            _old_style_args(kw.value.elts, e, changes)


def _old_style_args(args: list[ast.expr], e: Edits, changes: list[str]) -> None:
    i = 0
    while i < len(args):
        a = args[i]
        # a bare method reference is never a valid CE play() argument (mob.animate is a builder, not a method)
        if isinstance(a, ast.Attribute) and a.attr[:1].islower() and a.attr != "animate":
            j = i + 1
            # a method that needs an argument takes the next one even when it is a call like VGroup(...)
            while j < len(args) and (j == i + 1 and a.attr in NEEDS_ARGUMENT or not (
                    isinstance(args[j], ast.Call) and ANIMATION_CALL.match(_call_name(args[j])))
                    and not isinstance(args[j], ast.Starred)  # *anims: more animations
                    and not (isinstance(args[j], ast.Attribute) and args[j].attr[:1].islower())):
                j += 1
            # small edits (not one big one), so the rewrites inside the mobject and the arguments still apply
            value_end = e.index(a.value.end_lineno, a.value.end_col_offset)
            e.replace((value_end, value_end), ".animate")
            a_end = e.index(a.end_lineno, a.end_col_offset)
            if j == i + 1:
                e.replace((a_end, a_end), "()")
            else:
                e.replace((a_end, e.index(args[i + 1].lineno, args[i + 1].col_offset)), "(")
                last = e.index(args[j - 1].end_lineno, args[j - 1].end_col_offset)
                e.replace((last, last), ")")
                if isinstance(args[j - 1], ast.Dict) and j - 1 > i + 1:  # old GL: a last dict holds the keywords
                    at = e.index(args[j - 1].lineno, args[j - 1].col_offset)
                    e.replace((at, at), "**")
            changes.append("self.play(mob.method, args) → self.play(mob.animate.method(args))")
            i = j
        else:
            i += 1


METHOD_HINTS = {"shift", "move_to", "scale", "rotate", "set_color", "next_to", "to_edge", "to_corner", "set_fill",
                "set_stroke", "fade", "restore", "become", "set_value", "increment_value", "flip", "stretch",
                "center", "arrange", "set_opacity", "scale_to_fit_width", "scale_to_fit_height", "match_style"}


RANGE_KWARGS = {"x": ("x_min", "x_max", ("x_tick_frequency", "tick_frequency")),
                "y": ("y_min", "y_max", ("y_tick_frequency",))}


def _merge_ranges(values: dict[str, str], changes: list[str]) -> tuple[dict[str, str], set[str]]:
    """GL's x_min/x_max(/tick frequency) values (name -> source text) → CE's x_range (and y): the replacement
    value per first name of each group, and the other names of the groups (to drop)."""
    merged: dict[str, str] = {}
    skip: set[str] = set()
    for axis, (lo, hi, steps) in RANGE_KWARGS.items():
        if lo not in values and hi not in values:
            continue
        radius = "config.frame_x_radius" if axis == "x" else "config.frame_y_radius"
        step = next((s for s in steps if s in values), None)
        group = [k for k in (lo, hi, step) if k in values]
        merged[group[0]] = (f"[{values.get(lo, '-' + radius)}, {values.get(hi, radius)}"
                            + (f", {values[step]}]" if step else "]"))
        skip |= set(group[1:])
        changes.append(f"{lo}/{hi} → {axis}_range")
    return merged, skip


def _ranges(call: ast.Call, e: Edits, changes: list[str], table: dict) -> bool:
    """Old GL x_min=a, x_max=b (, x_tick_frequency=s) → CE x_range=[a, b(, s)] (and y); the keyword list is
    rewritten in one edit (size renames from `table` included). False when there is nothing to do."""
    merged, skip = _merge_ranges({k.arg: _seg(e, k.value) for k in call.keywords if k.arg}, changes)
    if not merged:
        return False
    parts = []
    for kw in call.keywords:
        if kw.arg in merged:
            parts.append(f"{kw.arg[0]}_range={merged[kw.arg]}")
        elif kw.arg not in skip:
            parts.append(f"{table[kw.arg]}={_seg(e, kw.value)}" if kw.arg in table else _seg(e, kw))
    first, last = call.keywords[0], call.keywords[-1]
    e.replace((e.index(first.lineno, first.col_offset), e.index(last.end_lineno, last.end_col_offset)), ", ".join(parts))
    return True


def _dict_ranges(tree: ast.Module, e: Edits, changes: list[str]) -> None:
    """The same for config dicts written as literals ({"x_min": 0, "x_max": 3, ...}, passed on with **)."""
    for d in [n for n in ast.walk(tree) if isinstance(n, ast.Dict)]:
        if not all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in d.keys):
            continue
        values = {k.value: _seg(e, v) for k, v in zip(d.keys, d.values, strict=True)}
        merged, skip = _merge_ranges(values, changes)
        if not merged:
            continue
        items = [f'"{k[0]}_range": {merged[k]}' if k in merged else f'"{k}": {v}'
                 for k, v in values.items() if k not in skip]
        e.replace(d, "{" + ", ".join(items) + "}")


def _axes_kwargs(call: ast.Call, e: Edits, changes: list[str], table: dict | None = None) -> None:
    table = table if table is not None else AXES_KWARGS.get(_call_name(call), {})
    if _call_name(call) in AXES_KWARGS and _ranges(call, e, changes, table):
        return
    for kw in call.keywords:
        if kw.arg in table:
            e.replace((e.index(kw.lineno, kw.col_offset), e.index(kw.lineno, kw.col_offset) + len(kw.arg)), table[kw.arg])
            changes.append(f"{_call_name(call)}({kw.arg}=) → {table[kw.arg]}=")


def _config_dict_sizes(tree: ast.Module, e: Edits, changes: list[str]) -> None:
    """"width"/"height" keys of dicts named *axes_config / *plane_config → x_length / y_length."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, (ast.Dict, ast.Call)):
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            name = target.id if isinstance(target, ast.Name) else getattr(target, "attr", "")
            if not re.search(r"(axes|plane)_config$", name):
                continue
            if isinstance(node.value, ast.Call):  # dict(width=..., height=...)
                if _call_name(node.value) == "dict":
                    _axes_kwargs(node.value, e, changes, table=AXES_KWARGS["Axes"])
                continue
            for k in node.value.keys:
                if isinstance(k, ast.Constant) and k.value in ("width", "height"):
                    new = {"width": "x_length", "height": "y_length"}[k.value]
                    e.replace(k, f'"{new}"')
                    changes.append(f"{name}['{k.value}'] → '{new}'")


ASSET_CALLS = {"SVGMobject": "_svg_or_stand_in", "ImageMobject": "_image_or_stand_in"}
# CE wraps each TeX part and each isolated substring in \special groups: a group right after ^, _, a command
# or another argument group (\sqrt{2}, \frac{a}{b}, e^{c}) breaks LaTeX ("Missing { inserted").
_ARG_GROUP = re.compile(r"((?:\^|_|\\[a-zA-Z]+)\s*|(?<=\}))\{([^{}]*)\}")
# TeX commands that take an argument: a part ending with one (or with ^ or _) cannot stand alone.
ARG_COMMANDS = ("sqrt|frac|dfrac|tfrac|binom|text|textbf|mathrm|mathbf|mathbb|mathcal|operatorname|hat|vec|bar|"
                "overline|underline|tilde|dot|ddot|left|right|overbrace|underbrace|boxed|color")
_NEEDS_ARGUMENT = re.compile(r"(\\(" + ARG_COMMANDS + r")|\^|_)\s*$")
ISOLATE_KWARGS = {"tex_to_color_map", "substrings_to_isolate", None}  # None: **kwargs that may carry them


def _tex_parts(call: ast.Call, e: Edits, changes: list[str]) -> None:
    """Merge TeX parts that cannot stand alone into the previous one; with isolated substrings, double the
    braces of argument groups so an isolated `{x}` stays inside its group."""
    parts = [a for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    if len(parts) != len(call.args) or not parts:
        return
    isolating = any(k.arg in ISOLATE_KWARGS for k in call.keywords)
    groups: list[str] = []
    for text in (p.value for p in parts):
        prev = groups[-1] if groups else None
        if prev is not None and (_NEEDS_ARGUMENT.search(prev) or prev.count("{") != prev.count("}")):
            groups[-1] = prev + " " + text
        else:
            groups.append(text)
    if isolating:
        groups = [_ARG_GROUP.sub(lambda m: f"{m.group(1).rstrip()}{{{{{m.group(2)}}}}}",
                                 re.sub(r"([\^_])\s*([0-9a-zA-Z])", r"\1{\2}", g)) for g in groups]
    if len(groups) == len(parts):  # nothing merged: rewrite only the parts that changed
        for part, g in zip(parts, groups, strict=True):
            if g != part.value:
                e.replace(part, str_literal(g))
                changes.append("TeX argument groups braced so isolated substrings compile")
    elif groups != [p.value for p in parts]:
        e.replace((e.index(parts[0].lineno, parts[0].col_offset), e.index(parts[-1].end_lineno, parts[-1].end_col_offset)),
                  ", ".join(str_literal(g) for g in groups))
        changes.append("TeX parts merged or regrouped so each part compiles on its own")


# Later GL's methods that pick the substrings of a Tex or Text matching their first argument. Not get_part_by_tex:
# older GL returned the whole part holding the string, as CE does, and isolating would renumber the parts.
SELECTOR_METHODS = {"select_part", "select_parts", "get_part_by_text", "get_parts_by_text", "make_number_changeable"}


def _tex_index_keys(tree: ast.Module) -> set[str]:
    """String literals the code indexes with (GL's eq["x^2"], eq.select_part("x")), candidates for isolation in
    its MathTex calls."""
    keys = [n.slice for n in ast.walk(tree) if isinstance(n, ast.Subscript)]
    keys += [n.args[0] for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
             and n.func.attr in SELECTOR_METHODS and n.args]
    return {k.value for k in keys if isinstance(k, ast.Constant) and isinstance(k.value, str) and k.value.strip()}


def _isolate_index_keys(call: ast.Call, keys: set[str], e: Edits, changes: list[str]) -> None:
    """Isolate in this MathTex the indexing keys its text contains, except where CE's \\special groups would
    break the TeX (inside a command name, right after ^, _ or a command)."""
    parts = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    if not parts or len(parts) != len(call.args) or any(k.arg == "substrings_to_isolate" for k in call.keywords):
        return
    text = " ".join(parts)
    safe = []
    for k in sorted(keys):
        prefix = text[:text.find(k)] if k in text else None
        if prefix is not None and not re.search(r"(\\[a-zA-Z]*|[\^_]\s*)$", prefix) \
                and not re.search(r"(\\(" + ARG_COMMANDS + r")|[\^_])\s*$", k):  # \sqrt isolated loses its argument
            safe.append(k)
    if not safe:
        return
    end = call.args[-1]
    at = e.index(end.end_lineno, end.end_col_offset)
    e.replace((at, at), f", substrings_to_isolate=[{', '.join(str_literal(k) for k in safe)}]")
    changes.append("GL's tex[\"...\"] keys isolated in the MathTex they index")


def _anim_args(call: ast.Call, e: Edits, changes: list[str]) -> None:
    """GL's mob.animate.shift(UP).set_anim_args(run_time=2) → CE's mob.animate(run_time=2).shift(UP)."""
    node = call.func.value
    while isinstance(node, (ast.Call, ast.Attribute)) and not (isinstance(node, ast.Attribute) and node.attr == "animate"):
        node = node.func if isinstance(node, ast.Call) else node.value
    if not isinstance(node, ast.Attribute) or call.args:
        return
    at = e.index(node.end_lineno, node.end_col_offset)
    args = ", ".join(_seg(e, k) for k in call.keywords)
    e.replace((at, at), f"({args})")
    e.replace((e.index(call.func.value.end_lineno, call.func.value.end_col_offset),
               e.index(call.end_lineno, call.end_col_offset)), "")
    changes.append("animate....set_anim_args(...) → animate(...)....")


def _calls(tree: ast.Module, e: Edits, changes: list[str]) -> None:
    """Per-call rewrites: GL-only keywords, positional shifts of fades, Rectangle(width, height), old-style play."""
    _config_dict_sizes(tree, e, changes)
    _style_dicts(tree, e, changes)
    _dict_ranges(tree, e, changes)
    index_keys = _tex_index_keys(tree)
    for call in [n for n in ast.walk(tree) if isinstance(n, ast.Call)]:
        name = _call_name(call)
        if isinstance(call.func, ast.Attribute):
            _old_style_play(call, e, changes)
        _tex_call(call, name, index_keys, e, changes)
        _constructor_call(call, name, e, changes)
        _axes_kwargs(call, e, changes)
        _stretch_keyword(call, e, changes)
        _module_calls(call, e, changes)
        _parts_by_tex(call, name, e, changes)
        for kw in call.keywords:
            if kw.arg in KWARGS_DROPPED or name in FLASHES and kw.arg == "remover":
                _drop_keyword(e, kw)  # CE's flashes are removers already and refuse the keyword
                changes.append(f"dropped the GL-only argument {kw.arg}=")
        if name == "set_anim_args" and isinstance(call.func, ast.Attribute):
            _anim_args(call, e, changes)
        elif isinstance(call.func, ast.Name):
            _fade_call(call, name, e, changes)
            _positional_keywords(call, name, e, changes)


def _parts_by_tex(call: ast.Call, name: str, e: Edits, changes: list[str]) -> None:
    """tex.get_part(s)_by_tex(key) → _part(s)_by_tex(tex, key): GL (and CE up to 0.21) returned the parts whose
    TeX holds key; CE 0.22 only whole parts or isolated substrings equal to it."""
    if name not in ("get_part_by_tex", "get_parts_by_tex") or not isinstance(call.func, ast.Attribute) \
            or len(call.args) != 1 or isinstance(call.args[0], ast.Starred):
        return
    start = e.index(call.lineno, call.col_offset)  # two small edits, so rewrites inside tex and key survive
    e.replace((start, start), f"_{name[4:]}(")
    e.replace((e.index(call.func.value.end_lineno, call.func.value.end_col_offset),
               e.index(call.args[0].lineno, call.args[0].col_offset)), ", ")
    changes.append(f"{name}(key) → _{name[4:]}(tex, key), GL's matching")


def _module_call(call: ast.Call, module: str, attr: str) -> bool:
    """Whether `call` is `module.attr(...)`."""
    f = call.func
    return isinstance(f, ast.Attribute) and f.attr == attr and isinstance(f.value, ast.Name) and f.value.id == module


def _tex_call(call: ast.Call, name: str, index_keys: set[str], e: Edits, changes: list[str]) -> None:
    """Old GL's Tex([parts]) → Tex(*parts); otherwise regroup parts and isolate the substrings indexed later."""
    if name not in ("MathTex", "Tex"):
        return
    if len(call.args) == 1 and isinstance(call.args[0], (ast.List, ast.Tuple)):
        e.replace(call.args[0], ", ".join(_seg(e, x) for x in call.args[0].elts))
        changes.append("MathTex([parts]) → MathTex(*parts)")
    else:
        _tex_parts(call, e, changes)
        _isolate_index_keys(call, index_keys, e, changes)


def _constructor_call(call: ast.Call, name: str, e: Edits, changes: list[str]) -> None:
    """VMobject(*parts) → VGroup, asset stand-ins, VGroup(iterable) → VGroup(*iterable), Write("text")."""
    first = call.args[0] if call.args else None
    if name == "Write" and isinstance(first, ast.Constant) and isinstance(first.value, str):
        e.replace(first, f"Tex({_seg(e, first)})")  # old GL wrote a string as TextMobject
        changes.append('Write("text") → Write(Tex("text"))')
    if name == "VMobject" and isinstance(call.func, ast.Name) and call.args:
        e.replace(call.func, "VGroup")  # old GL: VMobject(*submobjects)
        changes.append("VMobject(*mobjects) → VGroup(*mobjects)")
    if name in ASSET_CALLS and isinstance(call.func, ast.Name):
        e.replace(call.func, ASSET_CALLS[name])  # the author's SVG and image files are not in the tree
        changes.append(f"asset stand-in for {name} files that are missing")
    if name in ("VGroup", "Group") and len(call.args) == 1 and isinstance(call.args[0], (ast.GeneratorExp, ast.ListComp)):
        arg = call.args[0]
        start = e.index(arg.lineno, arg.col_offset)
        if e.code[start] == "(" and start == e.index(call.func.end_lineno, call.func.end_col_offset):
            e.replace(arg, f"(*{_seg(e, arg)})")  # a lone generator argument shares the call's parentheses
        else:
            e.replace((start, start), "*")
        changes.append(f"{name}(iterable) → {name}(*iterable)")


def _module_calls(call: ast.Call, e: Edits, changes: list[str]) -> None:
    """np.array and random.sample of mobjects, which newer NumPy and Python read differently."""
    if _module_call(call, "np", "array") and len(call.args) == 1 and not call.keywords and _mobjects(call.args[0]):
        e.replace(call.func, "_mobject_array")  # NumPy 2 would read each mobject as a sequence of parts
        changes.append("np.array(mobjects) → _mobject_array(mobjects)")
    if _module_call(call, "random", "sample") and call.args:
        first = call.args[0]
        if not (isinstance(first, (ast.List, ast.Tuple))
                or isinstance(first, ast.Call) and _call_name(first) in ("list", "range", "sorted")):
            e.replace(first, f"list({_seg(e, first)})")  # Python 3.11 samples sequences only (not a VGroup)
            changes.append("random.sample(group, k) → random.sample(list(group), k)")


def _fade_call(call: ast.Call, name: str, e: Edits, changes: list[str]) -> None:
    """GL's directed fades (FadeInFromDown(mob), FadeInFrom(mob, direction)) → CE's fade with shift=."""
    if name in FADE_SHIFTS and call.args:
        new, shift = FADE_SHIFTS[name]
        e.replace(call.func, new)
        first = call.args[0]
        e.replace((e.index(first.end_lineno, first.end_col_offset),) * 2, f", shift={shift}")
        changes.append(f"{name} → {new}(shift={shift})")
    elif name in FADE_DIRECTED and len(call.args) >= 2:
        new, sign = FADE_DIRECTED[name]
        e.replace(call.func, new)
        d = call.args[1]
        if isinstance(d, ast.Starred):
            return
        e.replace(d, f"shift={sign}{_seg(e, d) if not sign else '(' + _seg(e, d) + ')'}")
        changes.append(f"{name}(mob, direction) → {new}(mob, shift=...)")


POSITIONAL_KEYWORDS = {"ComplexPlane": ("x_range", "y_range"), "Rectangle": ("width", "height"),
                       "ScreenRectangle": ("width", "height")}


def _positional_keywords(call: ast.Call, name: str, e: Edits, changes: list[str]) -> None:
    """Positional arguments GL reads differently from CE → keywords (ComplexPlane, Arc, Rectangle)."""
    if name == "Arc" and 0 < len(call.args) <= 2:
        # GL: Arc(start_angle, angle) (old GL: Arc(angle)); CE's first parameter is the radius
        names = ("angle",) if len(call.args) == 1 else ("start_angle", "angle")
    elif name in POSITIONAL_KEYWORDS and call.args and (name != "ComplexPlane" or len(call.args) <= 2):
        names = POSITIONAL_KEYWORDS[name]
    else:
        return
    if any(isinstance(a, ast.Starred) for a in call.args[:len(names)]):
        return
    for arg, kw in zip(call.args, names, strict=False):
        e.replace(arg, f"{kw}={_seg(e, arg)}")
    changes.append(f"{name}(positional {', '.join(names)}) → keywords")


THREE_D_CUES = re.compile(r"\b(reorient|set_euler_angles|ThreeDAxes|Surface|Sphere|Torus|Cube|Prism|Cylinder|"
                          r"Cone|Dot3D|Line3D|Arrow3D|increment_theta|set_phi|set_theta)\b")


def _reorient_args(e: Edits, call: ast.Call) -> str | None:
    """GL frame.reorient(theta_deg, phi_deg, ...) → CE keyword arguments (CE's theta is offset by -90°)."""
    names = ["theta_degrees", "phi_degrees"]
    vals = {n: _seg(e, a) for n, a in zip(names, call.args, strict=False)}
    vals.update({k.arg: _seg(e, k.value) for k in call.keywords if k.arg in names})
    if not vals or any(isinstance(a, ast.Starred) for a in call.args):
        return None
    out = []
    if "theta_degrees" in vals:
        out.append(f"theta=({vals['theta_degrees']} - 90) * DEGREES")
    if "phi_degrees" in vals:
        out.append(f"phi={vals['phi_degrees']} * DEGREES")
    return ", ".join(out)


def _is_self_frame(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "frame" and isinstance(node.value, ast.Name)
            and node.value.id == "self")


def _camera_3d(cls: ast.ClassDef, e: Edits, changes: list[str]) -> None:
    """self.frame.reorient(...) → set_camera_orientation; self.play(self.frame.animate.reorient(...)) → move_camera."""
    for node in ast.walk(cls):
        if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)):
            continue
        call = node.value
        f = call.func
        if isinstance(f, ast.Attribute) and f.attr == "reorient" and _is_self_frame(f.value):
            args = _reorient_args(e, call)
            if args is not None:
                e.replace(node, f"self.set_camera_orientation({args})")
                changes.append("self.frame.reorient → set_camera_orientation")
        elif (isinstance(f, ast.Attribute) and f.attr == "play" and len(call.args) == 1
              and isinstance(call.args[0], ast.Call) and isinstance(call.args[0].func, ast.Attribute)
              and call.args[0].func.attr == "reorient" and isinstance(call.args[0].func.value, ast.Attribute)
              and call.args[0].func.value.attr == "animate" and _is_self_frame(call.args[0].func.value.value)):
            args = _reorient_args(e, call.args[0])
            extra = ", ".join(_seg(e, k) for k in call.keywords)
            if args is not None:
                e.replace(node, f"self.move_camera({', '.join(x for x in (args, extra) if x)})")
                changes.append("animated frame.reorient → move_camera")


def _frames(tree: ast.Module, e: Edits, changes: list[str]) -> None:
    """GL's self.frame: a 2D scene becomes a MovingCameraScene, a 3D one a ThreeDScene with camera calls.
    A subclass of a scene class of the same file takes its base's kind."""
    kinds: dict[str, str] = {}  # scene classes of this file → "3d", "2d" (moving camera) or "plain"
    for cls in [n for n in tree.body if isinstance(n, ast.ClassDef)]:
        text = _seg(e, cls)
        base = next((b for b in cls.bases if isinstance(b, ast.Name) and b.id in TWO_D_BASES | {"ThreeDScene"}), None)
        found = {kinds.get(b.id) or CAMERA_BASES.get(b.id) for b in cls.bases if isinstance(b, ast.Name)}
        inherited = next((k for k in ("3d", "2d", "plain") if k in found), None)
        if base is None and inherited is None:
            continue
        if inherited == "3d" or inherited != "2d" and THREE_D_CUES.search(text):
            _scene_base(cls, base, inherited == "3d", "ThreeDScene", e, changes)
            _camera_3d(cls, e, changes)
            for node in ast.walk(cls):  # older GL spelled the frame self.camera.frame; CE's 3D camera has none
                if (isinstance(node, ast.Attribute) and node.attr == "frame" and isinstance(node.value, ast.Attribute)
                        and node.value.attr == "camera" and isinstance(node.value.value, ast.Name)
                        and node.value.value.id == "self"):
                    e.replace(node, "self.frame")
            kinds[cls.name] = "3d"
        elif inherited == "2d" or "self.frame" in text or "self.camera.frame" in text:
            _scene_base(cls, base, inherited == "2d", "MovingCameraScene", e, changes)
            for node in ast.walk(cls):
                if _is_self_frame(node):
                    e.replace(node, "self.camera.frame")
            kinds[cls.name] = "2d"
        else:
            kinds[cls.name] = "plain"


def _scene_base(cls: ast.ClassDef, base: ast.Name | None, inherited: bool, kind: str, e: Edits,
                changes: list[str]) -> None:
    """Make cls a `kind` scene: swap its manim base, or add `kind` after a local plain-scene base."""
    if inherited or base is not None and base.id == kind:
        return
    if base is not None:
        e.replace(base, kind)
    else:
        last = cls.bases[-1]
        e.replace((e.index(last.end_lineno, last.end_col_offset),) * 2, f", {kind}")
    changes.append(f"{cls.name}: → {kind}" + (" (camera frame)" if kind == "MovingCameraScene" else ""))


SHIM_METHODS = {"set_backstroke", "fix_in_frame", "get_points", "set_shading"}
SHIM_TRIGGERS = {**{k: rf"\.{k}\(" for k in SHIM_METHODS}, **gl_helpers.METHOD_TRIGGERS}


def _shims(code: str) -> tuple[str, list[str]]:
    """Definitions of the GL-only helpers the code uses (methods called, or names it reads but lacks)."""
    try:
        missing = " ".join(unknown_names(code))
    except SyntaxError:
        return "", []
    used = {k for k, v in SHIMS.items() if v and (re.search(SHIM_TRIGGERS[k], code) if k in SHIM_TRIGGERS
                                                  else re.search(rf"\b{k}\b", missing))}
    used |= {need for k in used for need in gl_helpers.SHIM_NEEDS.get(k, ())}
    used = [k for k in SHIMS if k in used]  # table order: the output does not depend on set order
    return "\n\n\n".join(SHIMS[k] for k in used), [gl_helpers.SHIM_LABELS.get(k, f"shim for {k}") for k in used]


def _scipy_imports(code: str) -> str:
    """`import scipy[.sub]` + `scipy.sub.f` → `from scipy import sub` + `sub.f`: the allow-list admits scipy's
    computational submodules only, never the bare package."""
    for m in list(re.finditer(r"^([ \t]*)import scipy(\.\w+)?[ \t]*$", code, flags=re.M)):
        subs = sorted({u for u in re.findall(r"\bscipy\.(\w+)", code)} | ({m.group(2)[1:]} if m.group(2) else set()))
        if not subs:  # imported but never used (or already rewritten by an earlier import line)
            code = code.replace(m.group(0), f"{m.group(1)}pass", 1)
            continue
        if not set(subs) <= SCIPY_SUBMODULES:
            continue
        code = code.replace(m.group(0), f"{m.group(1)}from scipy import {', '.join(subs)}", 1)
        code = re.sub(r"\bscipy\.(?=(" + "|".join(subs) + r")\b)", "", code)
    return code


def _fix_header(code: str) -> tuple[str, list[str]]:
    """`from manim import *` instead of GL's imports, plus the stdlib aliases GL's star import provided.

    Also X.CONFIG["key"] → X.key, since CONFIG dicts became class attributes.
    """
    code = re.sub(r"\b(\w+)\.CONFIG\[(['\"])(\w+)\2\]", r"\1.\3", code)
    code = _scipy_imports(code)
    code = re.sub(r"\bself\.get_mobjects\(\)", "self.mobjects", code)
    # CE scenes can hold plain Mobjects (camera frames, point clouds), which a VGroup refuses
    code = re.sub(r"\bV(Group|Mobject)\(\*self\.mobjects\)", "Group(*self.mobjects)", code)
    code = re.sub(r"^from (manimlib|manim_imports_ext|big_ol_pile_of_manim_imports)(\.[\w.]+)? import .*$",
                  "from manim import *", code, flags=re.M)
    # the 2015 videos imported manim's own modules by their old top-level names (scene.scene, mobject.geometry)
    code = re.sub(r"^from (" + "|".join(OLD_MANIM_MODULES) + r")(\.[\w.]+)? import (\([^)]*\)|(?:[^\n]*\\\n)*[^\n]*)$",
                  "from manim import *", code, flags=re.M)
    lines = code.splitlines()
    seen = set()
    lines = [ln for ln in lines if not (ln == "from manim import *" and (ln in seen or seen.add(ln)))]
    code = "\n".join(lines) + "\n"
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return code, []
    bound = {a.asname or a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))
             for a in n.names}
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | ({"np"} if "np." in code else set())
    add = [GL_MODULE_ALIASES[n] for n in sorted(used - bound) if n in GL_MODULE_ALIASES]
    if add:
        code = code.replace("from manim import *\n", "from manim import *\n" + "\n".join(add) + "\n", 1)
    return code, [f"added '{a}'" for a in add]


def _insert_after_imports(code: str, block: str) -> str:
    """`block` placed after the module's leading imports, two blank lines around it."""
    tree = ast.parse(code)
    last = 0
    for node in tree.body:
        if not isinstance(node, (ast.Import, ast.ImportFrom)):
            break
        last = node.end_lineno
    lines = code.splitlines()
    rest = "\n".join(lines[last:]).lstrip("\n")
    return "\n".join(lines[:last]) + "\n\n\n" + block + "\n\n\n" + rest + ("\n" if not rest.endswith("\n") else "")


def unknown_names(code: str) -> list[str]:
    """Names the code reads but neither binds nor gets from manim, numpy or builtins: GL-only leftovers."""
    import builtins

    tree = ast.parse(code)
    bound = set(dir(builtins)) | bound_names(tree, imports=True)
    loads = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    return sorted(loads - bound - ce_names())


def _characters(code: str) -> tuple[str, list[str]]:
    """Prepend the pi-creature stand-in when the scene uses 3b1b's characters."""
    from .gl_shims import CHARACTER_NAMES, CHARACTERS

    used = set(unknown_names(code)) & set(CHARACTER_NAMES)
    if not used:
        return code, []
    return _insert_after_imports(code, CHARACTERS), [f"character stand-in for {', '.join(sorted(used))}"]


TEXT_RENAMES = [
    (r"\bself\.camera_frame\b", "self.frame"),  # older GL's name for the frame
    (r"\bself\.t_matrix(?=\.T\b|\[)", "np.array(self.t_matrix)"),  # GL's LinearTransformationScene made it an array
    (r"^import warnings[ \t]*\n", ""),  # a no-op stand-in replaces the module (not allowed in scenes)
    (r"\bnp\.(infty|Inf|Infinity|PINF)\b", "np.inf"), (r"\bnp\.(NaN|NAN)\b", "np.nan"),  # gone in NumPy 2
    (r"\bnp\.float_\b", "np.float64"), (r"\bnp\.product\b", "np.prod"), (r"\bnp\.cumproduct\b", "np.cumprod"),
    (r"\bnp\.alltrue\b", "np.all"), (r"\bnp\.sometrue\b", "np.any"), (r"\bnp\.round_\b", "np.round"),
]


def _text_renames(code: str) -> str:
    """Renames a regular expression can make safely (each names one attribute or import line)."""
    for pattern, new in TEXT_RENAMES:
        code = re.sub(pattern, new, code, flags=re.M)
    return code


def convert(code: str, gl: bool = True, characters: bool = False) -> Conversion:
    """Convert one extracted scene source from ManimGL to Manim CE (CE sources only get the safe passes).

    characters=True adds the pi-creature stand-in (gl_shims.py) to scenes built on 3b1b's characters.
    """
    changes: list[str] = []
    try:
        code = _text_renames(code) if gl else code
        code, renamed = rename_tokens(code, gl)
        changes += renamed
        for step in (_config_to_attributes, _statements, _calls, _frames):
            tree = ast.parse(code)
            e = Edits(code)
            step(tree, e, changes)
            code = e.apply()
        if characters:
            code, used_chars = _characters(code)
            changes += used_chars
        code, added = _fix_header(code)
        shims, used = _shims(code)
        if shims:
            code = _insert_after_imports(code, shims)
        changes += added + used
        # then the app's own static fixer, as for a model's code (unknown keywords, 2D points, TeX escapes, ...)
        fixed = fix(code)
        code = fixed.code
        changes += [f"fixer: {m}" for m in fixed.fixes]
        blockers = [f"unknown name {n}" for n in unknown_names(code)]
    except (SyntaxError, tokenize.TokenError, IndentationError) as exc:
        return Conversion(code, changes, [f"syntax: {exc}"])
    return Conversion(code, list(dict.fromkeys(changes)), blockers)
