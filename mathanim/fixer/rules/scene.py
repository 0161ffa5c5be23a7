"""Rules for the scene's structure: ManimGL's CONFIG and script habits, camera and 3D calls in the wrong scene."""

from __future__ import annotations

import ast

from ..core import Edits, Source, rule
from ..helpers import (
    call_name,
    call_rule,
    identifier_keys,
    is_config_dict,
    is_self_call,
    keywords,
    manim_calls,
    rebuild_call,
)
from ..tables import THREE_D_METHODS


@rule
def main_block(tree: ast.Module, src: Source, edits: Edits) -> None:
    """An `if __name__ == "__main__":` block rendering the scene by hand: removed (the renderer picks the scene)."""
    for node in tree.body:
        if isinstance(node, ast.If) and "__name__" in src.text(node.test) and "__main__" in src.text(node.test):
            edits.replace(src.span(node), "")
            edits.add("removed the `if __name__ == \"__main__\":` block (the renderer picks the scene)", node.lineno)


@rule
def config_dict(tree: ast.Module, src: Source, edits: Edits) -> None:
    """ManimGL's `CONFIG = {...}` class dicts, which CE ignores: one class attribute per entry."""
    for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]:
        for stmt in cls.body:
            if not is_config_dict(stmt) or not identifier_keys(stmt.value):
                continue
            lines = [f"{k.value} = {src.text(v)}" for k, v in zip(stmt.value.keys, stmt.value.values, strict=True)]
            edits.replace(stmt, f"\n{src.indent(stmt)}".join(lines) if lines else "pass")
            edits.add("CONFIG dicts (ManimGL) do nothing in CE: made its entries class attributes", stmt.lineno)


@rule
def add_sound(tree: ast.Module, src: Source, edits: Edits) -> None:
    """self.add_sound("file.wav") for a file the sandbox does not have: removed (replaced by `pass`)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and is_self_call(node.value, {"add_sound"}):
            edits.replace(node, "pass")
            edits.add("removed self.add_sound(...): the sandbox has no sound files", node.lineno)


def _fix_in_frame_call(node: ast.AST) -> ast.Call | None:
    """The `mob.fix_in_frame()` call of a statement `mob.fix_in_frame()` or `x = mob.fix_in_frame()`."""
    if isinstance(node, ast.Expr) or isinstance(node, ast.Assign) and len(node.targets) == 1:
        call = node.value
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "fix_in_frame":
            return call
    return None


FIX_IN_FRAME = "self.renderer.camera.add_fixed_in_frame_mobjects"


@rule
def fix_in_frame(tree: ast.Module, src: Source, edits: Edits) -> None:
    """ManimGL's `mob.fix_in_frame()`: the CE camera's `add_fixed_in_frame_mobjects(mob)`, which marks it without
    adding it to the scene, as ManimGL's does (the scene's own method also adds it, which moves it to the end of
    `self.mobjects`: a scene that then picks `self.mobjects[-2]` gets the wrong one)."""
    for node in ast.walk(tree):
        call = _fix_in_frame_call(node)
        if call is None:
            continue
        mob = src.text(call.func.value)
        if isinstance(node, ast.Expr):
            edits.replace(node, f"{FIX_IN_FRAME}({mob})")
        else:
            target = src.text(node.targets[0])
            edits.replace(node, f"{target} = {mob}\n{src.indent(node)}{FIX_IN_FRAME}({target})")
        edits.add(f"mob.fix_in_frame() (ManimGL) is {FIX_IN_FRAME}(mob) in CE", node.lineno)


@call_rule
def play_move_camera(call: ast.Call, name: str | None, src: Source, edits: Edits) -> None:
    """self.play(self.move_camera(...), *others): move_camera animates by itself in CE, so it is called directly,
    with the play's other animations as its added_anims (CE plays them together, as the scene meant)."""
    if name != "play" or any(isinstance(a, ast.Starred) for a in call.args):
        return
    cameras = [a for a in call.args if isinstance(a, ast.Call) and is_self_call(a, {"move_camera"})]
    if len(cameras) != 1 or len(cameras[0].args) > 5:  # added_anims is move_camera's seventh parameter
        return
    inner = cameras[0]
    others = [src.text(a) for a in call.args if a is not inner]
    own = keywords(src, inner)
    if others and any(k in (None, "added_anims") for k, _ in own):
        return
    given = {k for k, _ in own}
    # the play's own keywords go along unless move_camera already has them (a repeated keyword does not compile)
    kwargs = own + [(k, v) for k, v in keywords(src, call) if k is None or k not in given]
    if others:
        kwargs.append(("added_anims", f"[{', '.join(others)}]"))
    edits.replace(call, rebuild_call(src, inner, src.text(inner.func), [src.text(a) for a in inner.args], kwargs))
    edits.add("self.play(self.move_camera(...)) is self.move_camera(...) in CE", call.lineno)


def _constructed(call: ast.Call) -> ast.Call:
    """The innermost call of a method chain, `Arrow3D(...)` of `Arrow3D(...).set_stroke(...)`."""
    while isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Call):
        call = call.func.value
    return call


def _arrow3d_names(tree: ast.Module) -> set[str]:
    """Names of Arrow3Ds: assigned one, and the loop variables over a group that Arrow3Ds are added to."""
    arrows = {t.id for n in ast.walk(tree) if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call)
              and call_name(_constructed(n.value)) == "Arrow3D" for t in n.targets if isinstance(t, ast.Name)}
    groups = {c.func.value.id for c in ast.walk(tree) if isinstance(c, ast.Call) and call_name(c) in ("add", "append")
              and isinstance(c.func, ast.Attribute) and isinstance(c.func.value, ast.Name) and c.args
              and all(isinstance(a, ast.Name) and a.id in arrows for a in c.args)}
    loops = [n for n in ast.walk(tree) if isinstance(n, (ast.For, ast.comprehension))]
    return arrows | {n.target.id for n in loops if isinstance(n.target, ast.Name) and isinstance(n.iter, ast.Name)
                     and n.iter.id in groups}


@rule
def grow_arrow_3d(tree: ast.Module, src: Source, edits: Edits) -> None:
    """GrowArrow on an Arrow3D, which cannot scale the 3D tip: Create instead."""
    arrows = _arrow3d_names(tree)
    for call, name in manim_calls(tree):
        if name != "GrowArrow" or not call.args or not isinstance(call.func, ast.Name):
            continue
        arg = call.args[0]
        if isinstance(arg, ast.Call) and call_name(arg) == "Arrow3D" or isinstance(arg, ast.Name) and arg.id in arrows:
            edits.replace(call.func, "Create")
            edits.add("GrowArrow does not work on Arrow3D: used Create", call.lineno)


@call_rule
def euler_angles(call: ast.Call, name: str | None, src: Source, edits: Edits) -> None:
    """self.camera.set_euler_angles(...) from older CE: self.set_camera_orientation(...)."""
    f = call.func
    if name == "set_euler_angles" and isinstance(f, ast.Attribute) and src.text(f.value) == "self.camera":
        edits.replace(f, "self.set_camera_orientation")
        edits.add("self.camera.set_euler_angles() is self.set_camera_orientation() in CE", call.lineno)


def _plain_scenes(tree: ast.Module) -> list[tuple[ast.ClassDef, ast.Name, set[str]]]:
    """(class, its `Scene` base, the 3D camera methods it calls) for the module's classes built on plain Scene."""
    out = []
    for cls in [n for n in tree.body if isinstance(n, ast.ClassDef)]:
        base = next((b for b in cls.bases if isinstance(b, ast.Name) and b.id == "Scene"), None)
        if base is not None:
            three_d = {call_name(n) for n in ast.walk(cls) if isinstance(n, ast.Call)
                       and (is_self_call(n, THREE_D_METHODS) or call_name(n) == "fix_in_frame")}
            out.append((cls, base, three_d))
    return out


@rule
def three_d_scene(tree: ast.Module, src: Source, edits: Edits) -> None:
    """3D camera calls (set_camera_orientation, move_camera...) in a plain Scene: the base becomes ThreeDScene."""
    for cls, base, three_d in _plain_scenes(tree):
        if three_d:
            edits.replace(base, "ThreeDScene")
            edits.add(f"{', '.join(sorted(c for c in three_d if c))}() needs a ThreeDScene: changed the base class",
                      cls.lineno)


@rule
def moving_camera_scene(tree: ast.Module, src: Source, edits: Edits) -> None:
    """self.camera.frame (a moving camera's frame) in a plain Scene: the base becomes MovingCameraScene."""
    for cls, base, three_d in _plain_scenes(tree):
        frame = any(isinstance(n, ast.Attribute) and n.attr == "frame" and isinstance(n.value, ast.Attribute)
                    and n.value.attr == "camera" for n in ast.walk(cls))
        if frame and not three_d:  # with 3D calls too, three_d_scene makes it a ThreeDScene
            edits.replace(base, "MovingCameraScene")
            edits.add("self.camera.frame needs a MovingCameraScene: changed the base class", cls.lineno)
