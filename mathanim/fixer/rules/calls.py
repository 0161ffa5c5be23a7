"""Rules for calls whose arguments changed between ManimGL / older CE and CE 0.22."""

from __future__ import annotations

import ast
import re

from ..core import Edits, Source, rule
from ..helpers import (
    call_name,
    call_rule,
    calls,
    defined_names,
    keywords,
    kw,
    mobject_kwargs,
    nonpositive,
    rebuild_call,
    with_kwargs,
)
from ..tables import (
    CODE_KEEP,
    CODE_KWARGS,
    DIRECTED_FADES,
    DIRECTIONS,
    DROP_KWARGS,
    FADE_CALLS,
    KWARG_RENAMES,
    OPPOSITE,
    RANGE_KWARGS,
)


@call_rule
def textmobject(call: ast.Call, name: str | None, src: Source, edits: Edits) -> None:
    """ManimGL's TextMobject: Text for a plain string, Tex when it holds TeX markup."""
    if name != "TextMobject" or not isinstance(call.func, ast.Name):
        return
    plain = len(call.args) == 1 and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str) \
        and not re.search(r"[$\\^_{}%&#]", call.args[0].value)
    new = "Text" if plain else "Tex"
    edits.replace(call.func, new)
    edits.add(f"TextMobject (ManimGL) is {new} in CE", call.lineno)


@call_rule
def gl_fade_calls(call: ast.Call, name: str | None, src: Source, edits: Edits) -> None:
    """ManimGL's directed fades (FadeInFromDown, FadeInFrom(m, LEFT), FadeOutAndShift): FadeIn/FadeOut(m, shift=)."""
    if name not in FADE_CALLS or not isinstance(call.func, ast.Name) or not call.args:
        return
    anim, default, sign = FADE_CALLS[name]
    dkw = kw(call, "direction")
    dnode = call.args[1] if len(call.args) > 1 else dkw.value if dkw else None
    dtext = src.text(dnode) if dnode is not None and name in DIRECTED_FADES else default
    shift = dtext if sign > 0 else OPPOSITE.get(dtext, f"-({dtext})")
    kwargs = [("shift", shift), *keywords(src, call, skip=(None, "direction"))]
    edits.replace(call, rebuild_call(src, call, anim, [src.text(call.args[0])], kwargs))
    edits.add(f"{name} (ManimGL) is {anim}(mobject, shift={shift}) in CE", call.lineno)


@call_rule
def fade_direction_shift(call: ast.Call, name: str | None, src: Source, edits: Edits) -> None:
    """FadeIn(mob, UP): CE takes UP as a second mobject; the direction is shift=UP."""
    if name not in ("FadeIn", "FadeOut") or len(call.args) != 2 or kw(call, "shift"):
        return
    arg = call.args[1]
    names = {n.id for n in ast.walk(arg) if isinstance(n, ast.Name)}
    if not names or not names <= DIRECTIONS:
        return
    kwargs = [("shift", src.text(arg)), *keywords(src, call)]
    edits.replace(call, rebuild_call(src, call, src.text(call.func), [src.text(call.args[0])], kwargs))
    edits.add(f"{name}(mobject, direction) is {name}(mobject, shift=direction) in CE", call.lineno)


@call_rule
def code_kwargs(call: ast.Call, name: str | None, src: Source, edits: Edits) -> None:
    """Code(code=..., style=..., insert_line_no=...) from before CE 0.19: the new keyword names, others dropped."""
    if name != "Code" or not call.keywords:
        return
    kwargs, changed = [], []
    for k in call.keywords:
        if k.arg is None:
            continue
        new = CODE_KWARGS.get(k.arg, k.arg)
        if new not in CODE_KEEP:
            changed.append(f"dropped {k.arg}=")
            continue
        if new != k.arg:
            changed.append(f"{k.arg}= is {new}=")
        kwargs.append((new, src.text(k.value)))
    if changed:
        edits.replace(call, with_kwargs(src, call, kwargs))
        edits.add(f"Code() changed in CE 0.19+: {', '.join(changed)}", call.lineno)


@call_rule
def range_kwargs(call: ast.Call, name: str | None, src: Source, edits: Edits) -> None:
    """ManimGL's x_min=/x_max=/x_step= (and y_, t_, u_, v_) keyword groups: x_range=[min, max(, step)]."""
    present = {k.arg: k for k in call.keywords if k.arg}
    groups = [g for g in RANGE_KWARGS if g[0] in present or g[1] in present]
    if not groups:
        return
    used = {k for g in groups for k in g[:3] if k}
    kwargs = keywords(src, call, skip=(None, *used))
    for lo, hi, step, target in groups:
        vals = [src.text(present[lo].value) if lo in present else "-5",
                src.text(present[hi].value) if hi in present else "5"]
        if step and step in present:
            vals.append(src.text(present[step].value))
        kwargs.append((target, f"[{', '.join(vals)}]"))
    edits.replace(call, with_kwargs(src, call, kwargs))
    for lo, hi, _, target in groups:
        edits.add(f"{lo}=/{hi}= are {target}=[min, max] in CE", call.lineno)


@call_rule
def rejected_kwargs(call: ast.Call, name: str | None, src: Source, edits: Edits) -> None:
    """Keyword arguments CE 0.22 refuses although older versions took them (Arrow max_tip_length, Axes
    center_point...): dropped."""
    drops = DROP_KWARGS.get(name or "", set()) & {k.arg for k in call.keywords if k.arg}
    if not drops:
        return
    edits.replace(call, with_kwargs(src, call, keywords(src, call, skip=(None, *drops))))
    for d in sorted(drops):
        edits.add(f"{name}() does not accept {d}= in CE 0.22: dropped it", call.lineno)


@call_rule
def parts_by_tex(call: ast.Call, name: str | None, src: Source, edits: Edits) -> None:
    """get_parts_by_tex (gone in CE 0.22): the isolated matches, else the parts whose TeX contains it (older
    CE's substring match); get_part_by_tex (None when nothing
    matches, where older CE matched substrings): an empty VGroup instead of None, so that what the scene
    chains onto it still runs (the sandbox makes a found part the MathTex's own part: sandbox/drift.py)."""
    if name not in ("get_parts_by_tex", "get_part_by_tex") or not isinstance(call.func, ast.Attribute) \
            or len(call.args) != 1:
        return
    obj = call.func.value
    if not isinstance(obj, (ast.Name, ast.Attribute, ast.Subscript)):
        return
    o, t = src.text(obj), src.text(call.args[0])
    if name == "get_part_by_tex":
        end = src.span(call)[1]
        if src.code[end:end + len(" or VGroup())")] == " or VGroup())":  # wrapped already
            return
        edits.replace(call, f"({src.text(call)} or VGroup())")
        edits.add("get_part_by_tex() returns None in CE 0.22 when nothing matches: an empty VGroup instead",
                  call.lineno)
        return
    exact = f"[{o}.id_to_vgroup_dict[i] for s, i in {o}.matched_strings_and_ids if s == {t}]"
    holding = f"[m for m in {o}.submobjects if {t} in getattr(m, 'tex_string', '')]"
    edits.replace(call, f"VGroup(*({exact} or {holding}))")
    edits.add(f"{name}() is gone in CE 0.22: selected the isolated matches, else (as older CE did) the parts whose "
              "TeX contains it", call.lineno)


@call_rule
def backstroke(call: ast.Call, name: str | None, src: Source, edits: Edits) -> None:
    """ManimGL's mob.set_backstroke(...): set_stroke(..., background=True)."""
    if name != "set_backstroke" or not isinstance(call.func, ast.Attribute):
        return
    args = [src.text(a) for a in call.args] or ([] if kw(call, "color") else ["BLACK"])
    kwargs = [*keywords(src, call), ("background", "True")]
    edits.replace(call, rebuild_call(src, call, f"{src.text(call.func.value)}.set_stroke", args, kwargs))
    edits.add("set_backstroke() (ManimGL) is set_stroke(..., background=True) in CE", call.lineno)


@call_rule
def axis_label_tex(call: ast.Call, name: str | None, src: Source, edits: Edits) -> None:
    """get_axis_labels(x_label_tex=..., y_label_tex=...) from older CE: x_label=, y_label=."""
    if name != "get_axis_labels" or not any(k.arg in ("x_label_tex", "y_label_tex") for k in call.keywords):
        return
    kwargs = [(k.replace("_tex", ""), v) for k, v in keywords(src, call)]
    edits.replace(call, with_kwargs(src, call, kwargs))
    edits.add("get_axis_labels(x_label_tex=…) is get_axis_labels(x_label=…) in CE", call.lineno)


@call_rule
def v_line_to_graph(call: ast.Call, name: str | None, src: Source, edits: Edits) -> None:
    """GraphScene's get_vertical_line_to_graph(x, graph): axes.get_vertical_line(axes.i2gp(x, graph))."""
    if name not in ("get_v_line_to_graph", "get_vertical_line_to_graph") or len(call.args) != 2 \
            or not isinstance(call.func, ast.Attribute):
        return
    ax = src.text(call.func.value)
    inner = f"{ax}.i2gp({src.text(call.args[0])}, {src.text(call.args[1])})"
    edits.replace(call, rebuild_call(src, call, f"{ax}.get_vertical_line", [inner], keywords(src, call)))
    edits.add(f"{name}() is get_vertical_line(axes.i2gp(x, graph)) in CE", call.lineno)


@call_rule
def color_list(call: ast.Call, name: str | None, src: Source, edits: Edits) -> None:
    """A mobject made with color=[A, B], which is not a colour: one .set_color_by_gradient(A, B) instead."""
    k = kw(call, "color")
    if k is None or not isinstance(k.value, (ast.List, ast.Tuple)) or len(k.value.elts) < 2:
        return
    if not isinstance(call.func, ast.Name) or mobject_kwargs(call.func.id) is None:
        return  # e.g. axes.get_area(color=[A, B]) takes a gradient list
    colors = ", ".join(src.text(e) for e in k.value.elts)
    new = with_kwargs(src, call, keywords(src, call, skip=(None, "color")))
    edits.replace(call, f"{new}.set_color_by_gradient({colors})")
    edits.add("color=[…] takes one colour: used .set_color_by_gradient(…) for the list", call.lineno)


def _needs_color(arg: ast.expr, defined: frozenset[str]) -> bool:
    """An argument that may not be a ManimColor: anything but ManimColor(...) or one of manim's own constants."""
    if isinstance(arg, ast.Call) and call_name(arg) == "ManimColor":
        return False
    return not (isinstance(arg, ast.Name) and arg.id not in defined)


@rule
def interpolate_color_strings(tree: ast.Module, src: Source, edits: Edits) -> None:
    """interpolate_color of hex strings or the file's own colour values: CE 0.22 calls color1.interpolate(color2),
    which a str lacks. Each such colour is wrapped in ManimColor(...), which takes any colour form and returns an
    equal colour for a ManimColor; the result is a ManimColor, as interpolate_color always returned."""
    defined = defined_names(tree)
    for call in calls(tree):
        if call_name(call) != "interpolate_color" or "interpolate_color" in defined or len(call.args) < 2:
            continue
        wrapped = [a for a in call.args[:2] if _needs_color(a, defined)]
        for arg in wrapped:
            edits.replace(arg, f"ManimColor({src.text(arg)})")
        if wrapped:
            edits.add("interpolate_color needs ManimColor values in CE 0.22: wrapped its colours in ManimColor(...)",
                      call.lineno)


def _plain(node: ast.expr) -> bool:
    """A name or an attribute chain on a name: reading it twice reads the same object, with no side effect."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


@rule
def gl_get_opacity(tree: ast.Module, src: Source, edits: Edits) -> None:
    """ManimGL's x.get_opacity(), which CE lacks: read as GL reads it, the fill's opacity or, for a shape with no
    fill (a line), the stroke's. Only on a plain receiver (a name or attribute chain), which is read twice."""
    defined = defined_names(tree)
    for call in calls(tree):
        f = call.func
        if not (isinstance(f, ast.Attribute) and f.attr == "get_opacity") or call.args or call.keywords:
            continue
        if "get_opacity" in defined or not _plain(f.value):
            continue
        r = src.text(f.value)
        edits.replace(call, f"({r}.get_fill_opacity() or {r}.get_stroke_opacity())")
        edits.add(".get_opacity() is ManimGL's: read the fill's opacity, or the stroke's when there is no fill",
                  call.lineno)


@rule
def wait_zero(tree: ast.Module, src: Source, edits: Edits) -> None:
    """self.wait(0), which fails in CE 0.22 (a duration must be positive): waits 0.1 s."""
    for call in calls(tree):
        if call_name(call) == "wait" and call.args and nonpositive(call.args[0]):
            edits.replace(call.args[0], "0.1")
            edits.add("self.wait(0) fails in CE 0.22: waits 0.1 s instead", call.lineno)


@rule
def zero_run_time(tree: ast.Module, src: Source, edits: Edits) -> None:
    """run_time=0, which fails in CE 0.22 (a duration must be positive): 0.1 s."""
    for call in calls(tree):
        rt = kw(call, "run_time")
        if rt is not None and nonpositive(rt.value):
            edits.replace(rt.value, "0.1")
            edits.add("run_time=0 fails in CE 0.22: uses 0.1 s instead", call.lineno)


def _from_manim(tree: ast.Module) -> set[str]:
    """Names imported as they are from manim's own modules (`from manim.mobject.three_d.three_dimensions import
    Surface`): manim's classes, not the file's own."""
    return {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and not n.level
            and (n.module or "").split(".")[0] == "manim" for a in n.names if a.asname is None}


@rule
def unknown_kwargs(tree: ast.Module, src: Source, edits: Edits) -> None:
    """Keyword arguments a manim mobject class does not accept (Square(side=2)): renamed (known aliases) or dropped."""
    defined = defined_names(tree) - _from_manim(tree)
    for node in calls(tree):
        name = node.func.id if isinstance(node.func, ast.Name) else ""
        named = [k for k in node.keywords if k.arg]
        if name in defined or not named or not name[:1].isupper():
            continue
        accepted = mobject_kwargs(name)
        if accepted is None or all(k.arg in accepted for k in named):
            continue
        renamed = {k.arg: k.arg if k.arg in accepted else KWARG_RENAMES.get((name, k.arg)) for k in named}
        kwargs = [(renamed[k.arg], src.text(k.value)) for k in named if renamed[k.arg] in accepted]
        edits.replace(node, rebuild_call(src, node, name, [src.text(a) for a in node.args], kwargs))
        for k in named:
            if k.arg not in accepted:
                new = renamed[k.arg]
                edits.add(f"{name}() has no {k.arg}=: " + (f"used {new}=" if new in accepted else "dropped it"),
                          node.lineno)
