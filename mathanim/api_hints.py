"""Hints from manim's real API for the errors models make most: a method, keyword or name that does not exist
(AttributeError, TypeError on keywords or arguments, NameError). The hint names the real signature of the
called function and the closest existing names; the repair prompt and the UI show it with the error.

Pure: it reads the error's message, the scene's code and the API index (`api_index.py`), and runs nothing.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from .api_index import ApiIndex, closest, load, signature_params
from .fixer.helpers import defined_names
from .fixer.tables import (
    BARE_MATH,
    FADE_CALLS,
    FADE_SHIFTS,
    KWARG_RENAMES,
    METHOD_RENAMES,
    RANGE_KWARGS,
    RENAMES,
)
from .result import ErrorInfo

ATTRIBUTE = re.compile(r"^AttributeError: (?:type object )?'?([\w.]+)'? (?:object )?has no attribute '(\w+)'")
MODULE_ATTRIBUTE = re.compile(r"^AttributeError: module '([\w.]+)' has no attribute '(\w+)'")
NAME = re.compile(r"^NameError: name '(\w+)' is not defined")
KEYWORD = re.compile(r"^TypeError: ([\w.<>]+)\(\) got an unexpected keyword argument '(\w+)'")
MULTIPLE = re.compile(r"^TypeError: ([\w.<>]+)\(\) got multiple values for (?:keyword )?argument '(\w+)'")
POSITIONAL = re.compile(r"^TypeError: ([\w.<>]+)\(\) (?:takes .* positional arguments? but .* given|"
                        r"missing \d+ required (?:positional|keyword-only) arguments?)")
GETATTR_TRAP = re.compile(r"^TypeError: Mobject\.__getattr__\.<locals>\.(?:getter|setter)\(\)")
PLAY_ARG = re.compile(r"^TypeError: Unexpected argument (.+) passed to Scene\.play\(\)")
MAX_HINT = 700
RANGE_HINTS = {old: f"{target}=[min, max, step]" for group in RANGE_KWARGS for old in group[:3] if old
               for target in [group[3]]}  # ManimGL's x_min=, x_max=, x_step=...


@dataclass
class HintContext:
    """What a hint is built from: the index, the scene's code and tree, and the error's scene line."""

    index: ApiIndex
    code: str
    tree: ast.Module | None
    line: int | None


def hint_for(err: ErrorInfo, code: str, index: ApiIndex | None = None) -> str:
    """A hint from manim's API for a runtime error, or '' when the error is not about the API."""
    if err is None or err.kind != "runtime":
        return ""
    index = index if index is not None else load()
    if not index.data:
        return ""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        tree = None
    ctx = HintContext(index, code, tree, err.line)
    try:
        hint = _dispatch(ctx, err.message.strip())
    except Exception:  # noqa: BLE001 - a hint is a help; a bug in it must never hide the error itself
        return ""
    return hint if len(hint) <= MAX_HINT else hint[:MAX_HINT - 1] + "…"


def _dispatch(ctx: HintContext, msg: str) -> str:
    """The hint for the error message's shape."""
    if m := MODULE_ATTRIBUTE.match(msg):
        return _module_hint(ctx, m.group(1).rsplit(".", 1)[-1], m.group(2))
    if m := ATTRIBUTE.match(msg):
        return _attribute_hint(ctx, m.group(1), m.group(2))
    if m := NAME.match(msg):
        return _name_hint(ctx, m.group(1))
    if GETATTR_TRAP.match(msg):
        return _trap_hint(ctx)
    if m := KEYWORD.match(msg) or MULTIPLE.match(msg):
        return _keyword_hint(ctx, m.group(1), m.group(2))
    if m := POSITIONAL.match(msg):
        return _positional_hint(ctx, m.group(1))
    if m := PLAY_ARG.match(msg):
        return _play_hint(ctx, m.group(1))
    return ""


def _play_hint(ctx: HintContext, arg: str) -> str:
    """self.play(...) given something that is not an animation: a number (meant as run_time) or a mobject."""
    sig = f"signature: {ctx.index.signature('Scene', 'play')}"
    if re.fullmatch(r"[\d.]+", arg):
        return (f"self.play() takes animations as positional arguments and {arg} is not one; options go by "
                f"keyword: self.play(anim, run_time={arg}); {sig}")
    if arg == "None":
        return (f"self.play() was given None: a call that acts at once and returns nothing (self.move_camera(...), "
                f"mob.shift(...) without .animate) is not an animation; use mob.animate.shift(...) or call it "
                f"outside self.play(); {sig}")
    if ctx.index.is_class(arg):
        return (f"self.play() was given a {arg} itself, not an animation of it: use Create(mob), FadeIn(mob), "
                f"Write(mob) or mob.animate.<method>(...), or self.add(mob) to show it without animating; {sig}")
    return f"self.play() takes animations (Create(mob), mob.animate.shift(UP)...) and keyword options; {sig}"


# --- reading the scene's code ------------------------------------------------------------------------------------

def _calls_on_line(ctx: HintContext) -> list[ast.Call]:
    """The calls that span the error's line, innermost (shortest) first."""
    if ctx.tree is None or not ctx.line:
        return []
    found = [n for n in ast.walk(ctx.tree) if isinstance(n, ast.Call) and n.lineno <= ctx.line <= n.end_lineno]
    return sorted(found, key=lambda n: (n.end_lineno - n.lineno, n.end_col_offset - n.col_offset))


def _assigned_class(ctx: HintContext, target: str) -> str | None:
    """The manim class a variable (or self.attribute) was last made from: `plane = NumberPlane(...)`."""
    found = None
    for node in ast.walk(ctx.tree):
        if isinstance(node, ast.Assign) and any(ast.unparse(t) == target for t in node.targets):
            found = _made_class(ctx, node.value) or found
    return found


def _made_class(ctx: HintContext, node: ast.AST) -> str | None:
    """The class an expression is built from: Cls(...), Cls(...).method(...) (manim's methods return self)."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        node = node.func.value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        name = node.func.id
        return name if ctx.index.is_class(name) or _user_class(ctx, name) else None
    return None


def _receiver_class(ctx: HintContext, node: ast.AST) -> str | None:
    """The class of an expression (the object a method is called on, an argument), when the code shows it."""
    if isinstance(node, ast.Call):
        return _made_class(ctx, node)
    if isinstance(node, ast.Name) and node.id == "self":
        return _enclosing_class(ctx)
    if isinstance(node, (ast.Name, ast.Attribute)) and ctx.tree is not None:
        return _assigned_class(ctx, ast.unparse(node))
    return None


def _enclosing_class(ctx: HintContext) -> str | None:
    for node in ast.walk(ctx.tree):
        if isinstance(node, ast.ClassDef) and node.lineno <= (ctx.line or 0) <= node.end_lineno:
            return node.name
    return None


def _user_class(ctx: HintContext, name: str) -> ast.ClassDef | None:
    if ctx.tree is None:
        return None
    return next((n for n in ast.walk(ctx.tree) if isinstance(n, ast.ClassDef) and n.name == name), None)


def _resolve(ctx: HintContext, owner: str, depth: int = 0) -> tuple[str | None, set[str]]:
    """(the manim class behind `owner`, members the scene's own class adds): a scene class resolves to the
    manim base it extends."""
    if ctx.index.is_class(owner):
        return owner, set()
    node = _user_class(ctx, owner)
    if node is None or depth > 5:
        return None, set()
    own = {f.name for f in node.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))}
    own |= {t.attr for t in ast.walk(node) if isinstance(t, ast.Attribute) and isinstance(t.ctx, ast.Store)}
    for base in node.bases:
        if isinstance(base, ast.Name):
            cls, more = _resolve(ctx, base.id, depth + 1)
            if cls is not None:
                return cls, own | more
    return None, own


# --- the hints -------------------------------------------------------------------------------------------------------

def _member(ctx: HintContext, cls: str, name: str) -> str:
    """`name(args)` of a member of cls (just `name` for an attribute)."""
    sig = ctx.index.signature(cls, name)
    return f"`{name}{sig[sig.index('('):]}`" if "(" in sig else f"`{name}`"


def _missing_member(ctx: HintContext, owner: str, name: str) -> list[str]:
    """What to say about `owner` lacking `name`: its older name, the closest members, who has it instead."""
    cls, own = _resolve(ctx, owner)
    if cls is None:
        return []
    members = set(ctx.index.members(cls)) | own
    parts, renamed = [], METHOD_RENAMES.get(name)
    if renamed in members:
        parts.append(f"`{name}` is the older/ManimGL name of {_member(ctx, cls, renamed)}")
    near = [m for m in closest(name, members) if m != renamed]
    if near:
        parts.append("did you mean " + ", ".join(_member(ctx, cls, m) if m not in own else f"`{m}`"
                                                  for m in near) + "?")
    elsewhere = [c for c in ctx.index.classes_with(name) if c not in ctx.index.mro(cls)][:3]
    if elsewhere:
        parts.append(_elsewhere(ctx, cls, owner, name, elsewhere))
    return parts


def _elsewhere(ctx: HintContext, cls: str, owner: str, name: str, classes: list[str]) -> str:
    """Where `name` does exist: a scene's method (call it on self in that scene), a camera's attribute (the
    scene with that camera), or just the classes."""
    ix = ctx.index
    scenes = [c for c in classes if "Scene" in ix.mro(c)]
    if scenes:
        fix = f"make the scene a {scenes[0]}" if "Scene" in ix.mro(cls) else f"call self.{name}(...) in a {scenes[0]}"
        return f"`{name}` is a method of {', '.join(scenes)}, not of {owner}: {fix}"
    cams = [s for c in classes for s in ix.scenes_using(c)] if "Camera" in ix.mro(cls) else []
    if cams:
        return f"`{name}` exists on {', '.join(classes)}, the camera of {cams[0]}: make the scene a {cams[0]}"
    return f"`{name}` exists on {', '.join(classes)}, not on {owner}"


def _attribute_hint(ctx: HintContext, owner: str, name: str) -> str:
    if name == "hex" and ctx.index.is_class(owner):  # ManimColor(value) reads value.hex: a mobject given as a colour
        return _colour_hint(ctx, owner)
    parts = _missing_member(ctx, owner, name)
    if parts:
        return f"{owner} has no `{name}` in manim {ctx.index.version}; " + "; ".join(parts)
    if owner == "NoneType":
        return (f"a value on this line is None, not a mobject: a call returned None (get_part_by_tex gives None "
                f"when no part matches the string exactly) or a variable was never set; `{name}` was asked of it")
    if _resolve(ctx, owner)[0] is None:  # e.g. 'int' has no attribute: an argument in the wrong place
        calls = _line_signatures(ctx)
        return f"a value of type {owner} was used where manim expected something else; {calls}" if calls else ""
    return f"{owner} has no `{name}` in manim {ctx.index.version}"


# ManimGL's fields take the coordinate system second: VectorField(func, coordinate_system); CE's take a colour there
GL_FIELDS = {"VectorField": "ArrowVectorField", "ArrowVectorField": "ArrowVectorField", "StreamLines": "StreamLines"}


def _colour_hint(ctx: HintContext, owner: str) -> str:
    """A mobject where manim wants a colour: which argument of which call on the line took it, and the signature."""
    found = sorted(_colour_args(ctx, owner), key=lambda t: t[0] != owner)  # a variable made as the owner first
    if not found:
        return (f"a {owner} was given where manim expects a colour (a name like BLUE, a hex string like '#58C4DD' "
                f"or ManimColor(...))")
    _, callee, param, arg = found[0]
    said = f"`{ast.unparse(arg)}` is passed as {callee.label}()'s `{param}`, which takes a colour; signature: {callee.sig}"
    if callee.label in GL_FIELDS and param == "color":
        said += (f"; ManimGL's {callee.label}(func, coordinate_system) differs: in CE the field is in scene "
                 f"coordinates, {GL_FIELDS[callee.label]}(func, x_range=[min, max, step], y_range=[min, max, step])")
    return said


def _colour_args(ctx: HintContext, owner: str):
    """(class made, callee, parameter, argument) for every argument on the line that a colour parameter takes and
    that is not plainly a colour."""
    for call in _calls_on_line(ctx):
        callee = _callee(ctx, call)
        if callee is None or not callee.sig:
            continue
        params = signature_params(callee.sig)
        given = [(params[i], a) for i, a in enumerate(call.args) if i < len(params)]
        for param, arg in given + [(k.arg, k.value) for k in call.keywords if k.arg]:
            made = _receiver_class(ctx, arg)
            if "color" in param and made in (owner, None) and not _colour_like(arg):
                yield made, callee, param, arg


def _colour_like(node: ast.AST) -> bool:
    """A literal colour, a colour constant (BLUE_E) or a ManimColor(...)."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name):
        return node.id.isupper()
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and "Color" in node.func.id


def _module_hint(ctx: HintContext, module: str, name: str) -> str:
    members = ctx.index.module_members(module)
    if not members:
        return ""
    near = closest(name, members)
    said = f"manim's {module} has no `{name}`"
    return said + ("; did you mean " + ", ".join(f"`{module}.{m}{members[m]}`" for m in near) + "?" if near else "")


def _trap_hint(ctx: HintContext) -> str:
    """obj.get_x(...) / obj.set_x(...) for a method that does not exist: manim's automatic getter/setter took
    the call and failed on its arguments."""
    for call in _calls_on_line(ctx):
        f = call.func
        if isinstance(f, ast.Attribute) and f.attr.startswith(("get_", "set_")):
            owner = _receiver_class(ctx, f.value) or "Mobject"
            cls = _resolve(ctx, owner)[0]
            if cls is not None and ctx.index.has_member(cls, f.attr):
                continue
            parts = _missing_member(ctx, owner, f.attr)
            head = (f"{owner} has no method `{f.attr}` in manim {ctx.index.version} (manim turned the unknown "
                    f"get_/set_ name into an attribute getter/setter, hence this TypeError)")
            return "; ".join([head, *parts])
    return ""


def _name_hint(ctx: HintContext, name: str) -> str:
    ix, parts = ctx.index, []
    if ix.kind(name):
        return f"`{name}` is manim's own name: the scene is missing `from manim import *` at its top"
    renamed = RENAMES.get(name)
    if renamed and ix.kind(renamed):
        parts.append(f"`{name}` is the older/ManimGL name of `{ix.signature(renamed) or renamed}`")
    parts += _gl_calls(name)
    if name in BARE_MATH:
        parts.append(f"manim does not export math functions: use np.{name} (numpy is there as np)")
    if (module := ix.module_of(name)) is not None:
        parts.append(f"`{name}` is not exported by manim: use {module}.{name}")
    owners = ix.classes_with(name)[:3]
    if owners:
        parts.append(f"`{name}` is a method of {', '.join(owners)}, not a global name: call it on such an object "
                     f"(e.g. self.{name}(...) in a {owners[0]})")
    own = sorted(defined_names(ctx.tree)) if ctx.tree is not None else []
    near = [n for n in closest(name, ix.top_names() + own) if n != renamed]
    if near:
        parts.append("did you mean " + ", ".join(f"`{ix.signature(n) or n}`" for n in near) + "?")
    return f"`{name}` is not defined in manim {ix.version} or the scene; " + "; ".join(parts) if parts else ""


def _gl_calls(name: str) -> list[str]:
    """ManimGL names whose CE form takes other arguments (the fixer's tables say which)."""
    if name == "TextMobject":
        return ["`TextMobject` is ManimGL's: use `Text(...)` for plain text, `Tex(...)` for text with LaTeX"]
    if name in FADE_SHIFTS:
        anim, shift = FADE_SHIFTS[name]
        return [f"`{name}` is ManimGL's: use `{anim}(mobject, shift={shift})`"]
    if name in FADE_CALLS:
        anim, _, sign = FADE_CALLS[name]
        return [f"`{name}` is ManimGL's: use `{anim}(mobject, shift={'' if sign > 0 else '-'}direction)`"]
    return []


@dataclass
class Callee:
    """A call of manim's API on the error line, resolved through the index."""

    label: str  # Circle, or plane.plot
    cls: str | None  # the class (constructor) or the method's owner
    sig: str  # the formatted signature, '' if unknown
    accepted: list[str]


def _callee(ctx: HintContext, call: ast.Call, qual: str = "") -> Callee | None:
    """What `call` calls, from the index: a class, a function or a method of a (possibly inferred) class."""
    ix, f = ctx.index, call.func
    if isinstance(f, ast.Name):
        cls, _ = _resolve(ctx, f.id)
        if cls is not None:
            return Callee(f.id, cls, ix.signature(cls), ix.init_kwargs(cls) or signature_params(ix.signature(cls)))
        sig = ix.signature(f.id) if ix.kind(f.id) == "function" else ""
        return Callee(f.id, None, sig, signature_params(sig)) if sig else None
    if not isinstance(f, ast.Attribute):
        return None
    owner = _receiver_class(ctx, f.value)
    cls = _resolve(ctx, owner)[0] if owner else None
    if cls is None or not ix.has_member(cls, f.attr):
        hinted = qual.split(".")[-2] if qual.count(".") >= 1 else ""
        options = ix.classes_with(f.attr)
        cls = hinted if hinted in options else (options[0] if options else None)
    if cls is None:
        return None
    sig = ix.signature(cls, f.attr)
    return Callee(f"{owner or cls}.{f.attr}", cls, sig, signature_params(sig))


def _keyword_hint(ctx: HintContext, qual: str, kw: str) -> str:
    """An unknown (or doubled) keyword: what the called function accepts, and the keyword it likely meant."""
    call = next((c for c in _calls_on_line(ctx) if any(k.arg == kw for k in c.keywords)), None)
    callee = _callee(ctx, call, qual) if call is not None else None
    if callee is None:
        return _positional_hint(ctx, qual)
    parts = [f"{callee.label}() has no keyword `{kw}` in manim {ctx.index.version}"]
    own = ctx.index.passes(callee.cls) if callee.cls else {}
    known = own.get(kw) or KWARG_RENAMES.get((callee.label, kw))
    if known or kw in RANGE_HINTS:
        parts.append(f"use `{known}=`" if known else f"use `{RANGE_HINTS[kw]}`")
    near = [k for k in closest(kw, callee.accepted) if k != known]
    if near:
        parts.append("closest accepted keywords: " + ", ".join(f"`{k}`" for k in near))
    if callee.sig:
        parts.append(f"signature: {callee.sig}")
    return "; ".join(parts)


def _positional_hint(ctx: HintContext, qual: str) -> str:
    """Too many, too few or doubled arguments: the signature of the call on the line, and of the function that
    raised when that is another one (Arrow passes its arguments on to Line)."""
    names = qual.split(".")
    target = names[-2] if names[-1] == "__init__" and len(names) >= 2 else None
    method = None if target else names[-1]
    for call in _calls_on_line(ctx):
        callee = _callee(ctx, call, qual)
        if callee is None or not callee.sig:
            continue
        hit = (target in ctx.index.mro(callee.cls) and isinstance(call.func, ast.Name)) if target \
            else (isinstance(call.func, ast.Attribute) and call.func.attr == method)
        if hit:
            said = f"the arguments do not fit {callee.label}(); signature: {callee.sig}"
            if target and target != callee.cls and ctx.index.signature(target):
                said += f"; it passes its arguments on to {ctx.index.signature(target)}"
            return said
    return _line_signatures(ctx)


def _line_signatures(ctx: HintContext) -> str:
    """The signatures of the manim calls on the error line (at most two), as a last resort."""
    sigs = []
    for call in _calls_on_line(ctx):
        callee = _callee(ctx, call)
        if callee is not None and callee.sig and callee.sig not in sigs:
            sigs.append(callee.sig)
    return "signatures of the manim calls on this line: " + "; ".join(sigs[:2]) if sigs else ""


def annotate(err: ErrorInfo | None, code: str) -> ErrorInfo | None:
    """The error with its API hint filled in (when it has none yet and one applies)."""
    if err is not None and not err.hint:
        err.hint = hint_for(err, code)
    return err
