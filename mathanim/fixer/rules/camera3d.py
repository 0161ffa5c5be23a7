"""Rules for 3D scenes: the camera of a ThreeDScene, which has no `frame` (that is MovingCameraScene's; models pan
and zoom it as if it had one), and rotation axes named by a bare letter."""

from __future__ import annotations

import ast

from ..core import Edits, Source, rule
from ..helpers import defined_names

THREE_D_BASES = {"ThreeDScene", "SpecialThreeDScene"}
CENTER_METHODS = {"move_to", "shift", "set_x", "set_y", "set_z"}  # the frame's centre: ThreeDCamera's _frame_center
ZOOM_METHODS = {"set_width", "scale"}  # the frame's size: ThreeDCamera's zoom
# Animated only (`self.camera.animate.set_zoom(2)`: the camera is no mobject): the value trackers that
# ThreeDScene.move_camera animates, in its order. set_euler_angles is older CE's (theta, phi, gamma).
TRACKER_METHODS = {"set_phi": "phi", "set_theta": "theta", "set_gamma": "gamma",
                   "set_focal_distance": "focal_distance", "set_zoom": "zoom"}
EULER = ("theta", "phi", "gamma")
FRAME_FIX = "a ThreeDScene's camera has no frame: moved its frame centre and zoom instead"
TRACKER_FIX = ("a ThreeDScene's camera is no mobject (no .animate): animated its angle, zoom and centre trackers, "
               "as move_camera does")


def _is_frame(node: ast.AST) -> bool:
    """`self.camera.frame`."""
    return isinstance(node, ast.Attribute) and node.attr == "frame" and isinstance(node.value, ast.Attribute) \
        and node.value.attr == "camera" and isinstance(node.value.value, ast.Name) and node.value.value.id == "self"


def _is_animated_camera(node: ast.AST, parents: dict) -> bool:
    """`self.camera.animate`: the camera itself moved as if it were a MovingCamera's frame."""
    return isinstance(node, ast.Attribute) and node.attr == "camera" and isinstance(node.value, ast.Name) \
        and node.value.id == "self" and isinstance(parents.get(node), ast.Attribute) and parents[node].attr == "animate"


def _is_bare_camera(node: ast.AST, parents: dict) -> bool:
    """`self.camera.set_x(0)`: the camera moved as if it were ManimGL's camera frame (neither camera has it)."""
    up = parents.get(node)
    return isinstance(node, ast.Attribute) and node.attr == "camera" and isinstance(node.value, ast.Name) \
        and node.value.id == "self" and isinstance(up, ast.Attribute) and up.attr in CENTER_METHODS \
        and isinstance(parents.get(up), ast.Call) and parents[up].func is up


def _played(node: ast.AST, parents: dict) -> bool:
    """`node` is an argument of `self.play(...)`: it was meant as an animation."""
    call = parents.get(node)
    return isinstance(call, ast.Call) and node in call.args and isinstance(call.func, ast.Attribute) \
        and call.func.attr == "play"


def _chain(frame: ast.Attribute, parents: dict) -> tuple[ast.AST, bool, list[ast.Call]] | None:
    """(outermost node, animated, method calls in order) of `self.camera.frame[.animate].m(…).m(…)`, when every
    method is one of the centre and zoom methods with one positional argument; else None."""
    node, animated, calls = frame, False, []
    if isinstance(parents.get(node), ast.Attribute) and parents[node].attr == "animate":
        node, animated = parents[node], True
    while isinstance(parents.get(node), ast.Attribute) and isinstance(parents.get(parents[node]), ast.Call):
        call = parents[parents[node]]
        if call.func is not parents[node] or not _known_call(call, animated):
            return None
        node = call
        calls.append(call)
    names = {c.func.attr for c in calls}
    if names & ZOOM_METHODS and "set_zoom" in names:  # two zooms of one tracker in one play: no rewrite
        return None
    return (node, animated, calls) if calls and not isinstance(parents.get(node), ast.Attribute) else None


def _known_call(call: ast.Call, camera_animated: bool) -> bool:
    """A centre or zoom method with one positional argument; on `self.camera.animate` also a tracker setter
    or set_euler_angles with theta, phi, gamma (by position or keyword)."""
    attr = call.func.attr
    if attr in CENTER_METHODS | ZOOM_METHODS or camera_animated and attr in TRACKER_METHODS:
        return len(call.args) == 1 and not call.keywords
    return camera_animated and attr == "set_euler_angles" and _euler(call) is not None


def _euler(call: ast.Call) -> dict[str, ast.AST] | None:
    """{angle: value} of set_euler_angles(theta, phi, gamma) by position or keyword; None if anything else."""
    found = dict(zip(EULER, call.args, strict=False))  # more than three arguments: refused below
    for kw in call.keywords:
        if kw.arg not in EULER or kw.arg in found:
            return None
        found[kw.arg] = kw.value
    return found if found and len(call.args) <= len(EULER) else None


def _tracker_parts(calls: list[ast.Call], src: Source, gl: bool) -> list[str]:
    """`self.camera.<x>_tracker.animate.set_value(v)` for each angle, focal distance or zoom the chain sets
    (the last value of each wins), in move_camera's order. gl: ManimGL's `frame`, whose theta is CE's + 90°."""
    values: dict[str, str] = {}
    for c in calls:
        if c.func.attr in TRACKER_METHODS:
            values[TRACKER_METHODS[c.func.attr]] = src.text(c.args[0])
        elif c.func.attr == "set_euler_angles":
            values.update({k: src.text(v) for k, v in _euler(c).items()})
    if gl and "theta" in values:
        values["theta"] = f"({values['theta']}) - 90 * DEGREES"
    order = ("phi", "theta", "gamma", "focal_distance", "zoom")
    return [f"self.camera.{k}_tracker.animate.set_value({values[k]})" for k in order if k in values]


def _parts(calls: list[ast.Call], animated: bool, src: Source, gl: bool) -> list[str]:
    """The ThreeDCamera expressions for the chain: a centre move and a zoom change (either may be absent)."""
    anim = ".animate" if animated else ""
    center = [f".{c.func.attr}({src.text(c.args[0])})" for c in calls if c.func.attr in CENTER_METHODS]
    zoom = "self.camera.get_zoom()"
    for c in (c for c in calls if c.func.attr in ZOOM_METHODS):  # width w shows frame_width / w; scale s zooms 1/s
        arg = src.text(c.args[0])
        zoom = f"config.frame_width / ({arg})" if c.func.attr == "set_width" else f"{zoom} / ({arg})"
    out = [f"self.camera._frame_center{anim}{''.join(center)}"] if center else []
    if any(c.func.attr in ZOOM_METHODS for c in calls):
        out.append(f"self.camera.zoom_tracker{anim}.set_value({zoom})")
    return out + _tracker_parts(calls, src, gl)


CENTER, ZOOM = "self.camera._frame_center", "self.camera.zoom_tracker"  # what a ThreeDCamera has for a frame
# Restoring by value: the centre (a Point) and the zoom (a ValueTracker) cannot `become` their saved copies
# (manim's Mobject has no interpolate_color), but their saved copies hold the values.
SAVE = (f"{CENTER}.save_state()", f"{ZOOM}.save_state()")
RESTORE = (f"{CENTER}{{}}.move_to({CENTER}.saved_state.get_center())",
           f"{ZOOM}{{}}.set_value({ZOOM}.saved_state.get_value())")


def _state_text(frame: ast.Attribute, parents: dict, src: Source) -> tuple[ast.AST, str] | None:
    """(node, replacement) for the frame's saved state: `self.camera.frame.save_state()` or `.restore()` as a
    statement, `self.camera.frame.animate.restore()` and `Restore(self.camera.frame)` act on the frame centre
    and the zoom tracker together; None for anything else."""
    up = parents.get(frame)
    if isinstance(up, ast.Call) and isinstance(up.func, ast.Name) and up.func.id == "Restore" \
            and up.args == [frame]:
        extra = "".join(f", {src.text(k)}" for k in up.keywords)
        return up, f"AnimationGroup({', '.join(r.format('.animate') for r in RESTORE)}{extra})"
    animated = isinstance(up, ast.Attribute) and up.attr == "animate"
    node = parents.get(up) if animated else up
    call = parents.get(node)
    if not (isinstance(node, ast.Attribute) and node.attr in {"save_state", "restore"} and isinstance(call, ast.Call)
            and call.func is node and not call.args and not call.keywords) or animated and node.attr != "restore":
        return None
    if animated:
        return call, f"AnimationGroup({', '.join(r.format('.animate') for r in RESTORE)})"
    stmt = parents.get(call)
    if not isinstance(stmt, ast.Expr):
        return None
    lines = SAVE if node.attr == "save_state" else [r.format("") for r in RESTORE]
    return stmt, f"\n{src.indent(stmt)}".join(lines)


def _three_d_classes(tree: ast.Module) -> list[ast.ClassDef]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)
            and any(getattr(b, "id", getattr(b, "attr", None)) in THREE_D_BASES for b in n.bases)]


@rule
def frame_in_3d(tree: ast.Module, src: Source, edits: Edits) -> None:
    """`self.camera.frame` (or `self.camera.animate`) moved or zoomed in a ThreeDScene (whose camera has no frame):
    the ThreeDCamera's own
    frame centre and zoom, animated the same way (`.animate.move_to(p).set_width(w)` → centre p, zoom
    frame_width / w; `self.camera.set_x(0)`, as ManimGL's frame would move, played or not: the centre; `save_state()`, `restore()` and `Restore(…)` of the frame: of both); `self.camera.animate.set_zoom(z)`, `.set_phi(a)`, `.set_euler_angles(phi=…, theta=…)`:
    the camera's value trackers, animated as move_camera animates them; the same on ManimGL's
    `self.camera.frame.animate`, whose theta is CE's plus 90°."""
    parents = {c: n for n in ast.walk(tree) for c in ast.iter_child_nodes(n)}
    for cls in _three_d_classes(tree):
        for frame in [n for n in ast.walk(cls) if _is_frame(n) or _is_animated_camera(n, parents)
                      or _is_bare_camera(n, parents)]:
            state = _state_text(frame, parents, src) if _is_frame(frame) else None
            if state is not None:
                edits.replace(state[0], state[1])
                edits.add(FRAME_FIX, frame.lineno)
                continue
            found = _chain(frame, parents)
            if found is None:
                continue
            node, animated, calls = found
            if _is_bare_camera(frame, parents) and _played(node, parents):
                continue  # _played_centres: all of one play's at once
            parts = _parts(calls, animated, src, _is_frame(frame))
            stmt = parents.get(node)
            if animated:
                text = parts[0] if len(parts) == 1 else f"AnimationGroup({', '.join(parts)})"
            elif isinstance(stmt, ast.Expr):
                text = f"\n{src.indent(stmt)}".join(parts)
            else:
                continue
            edits.replace(node, text)
            edits.add(TRACKER_FIX if any(c.func.attr in TRACKER_METHODS or c.func.attr == "set_euler_angles"
                                         for c in calls) else FRAME_FIX, node.lineno)
        _played_centres(cls, parents, src, edits)


def _played_centres(cls: ast.ClassDef, parents: dict, src: Source, edits: Edits) -> None:
    """`self.play(self.camera.set_x(0), self.camera.set_y(0), …)`: one animation of the frame centre that makes
    every move (two animations of one mobject in a play keep only the last one's), when they are neighbours."""
    for play in [n for n in ast.walk(cls) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                 and n.func.attr == "play"]:
        moves = []
        for i, arg in enumerate(play.args):
            base = arg
            while isinstance(base, ast.Call) and isinstance(base.func, ast.Attribute):
                base = base.func.value
            found = _chain(base, parents) if _is_bare_camera(base, parents) else None
            if found is not None and found[0] is arg:
                moves.append((i, found[2]))
        if not moves or [i for i, _ in moves] != list(range(moves[0][0], moves[-1][0] + 1)):
            continue
        steps = "".join(f".{c.func.attr}({src.text(c.args[0])})" for _, calls in moves for c in calls)
        first, last = play.args[moves[0][0]], play.args[moves[-1][0]]
        edits.replace((src.span(first)[0], src.span(last)[1]), f"{CENTER}.animate{steps}")
        edits.add(FRAME_FIX, first.lineno)


AXIS_LETTERS = {"X": "X_AXIS", "Y": "Y_AXIS", "Z": "Z_AXIS"}


@rule
def axis_letters(tree: ast.Module, src: Source, edits: Edits) -> None:
    """`axis=Y` (a letter manim does not define) in rotate/Rotate calls: manim's X_AXIS, Y_AXIS, Z_AXIS."""
    letters = set(AXIS_LETTERS) - defined_names(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for kw in node.keywords:
            if kw.arg == "axis" and isinstance(kw.value, ast.Name) and kw.value.id in letters:
                edits.replace(kw.value, AXIS_LETTERS[kw.value.id])
                edits.add(f"manim has no {kw.value.id}: the rotation axis is {AXIS_LETTERS[kw.value.id]}",
                          kw.value.lineno)
