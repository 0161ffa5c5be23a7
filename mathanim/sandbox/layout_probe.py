"""Child-side layout probe: records what is on screen after every animation, without encoding a video.

Loaded by child.py in job mode "layout" BEFORE the audit hook goes up (it only patches manim; it never runs the
scene itself). The scene then runs with animations skipped (manim's last-frame mode): each play() jumps to its
end state, and animations longer than one sample step are also sampled inside (at the job's low frame rate) so
updater-driven labels are seen while they move. Every snapshot lists the visible text units (Text, MathTex,
numbers…) with glyph boxes, plus the filled shapes that touch them; the parent (mathanim/layout.py) turns the
snapshots into defects. With job["frames"] a tiny grey thumbnail is kept per snapshot for blank/frozen checks.
"""

from __future__ import annotations

import os
import sys

MAX_SNAPSHOTS = 400
THUMB = (48, 27)


def _text_classes():
    from manim import DecimalNumber, MarkupText, MathTex, Paragraph, SingleStringMathTex, Text

    return (SingleStringMathTex, MathTex, Text, MarkupText, Paragraph, DecimalNumber)


def _text_of(mob) -> str:
    for attr in ("tex_string", "original_text", "text"):
        value = getattr(mob, attr, None)
        if isinstance(value, str) and value:
            return value
    number = getattr(mob, "number", None)
    return "" if number is None else str(number)


class Probe:
    """Patches manim (trusted, before the guard) and collects snapshots while the scene plays."""

    def __init__(self, job):
        self.scene_file = os.path.realpath(job["scene_file"])
        self.want_frames = bool(job.get("frames"))
        self.want_bodies = bool(job.get("bodies"))  # the layout planner's data: boxes of non-text mobjects too
        self.snapshots: list[dict] = []
        self.units: dict[int, dict] = {}  # uid -> {cls, text, line}
        self._uids: dict[tuple, int] = {}  # (id(obj), text info) -> uid; objects kept alive so ids are never reused
        self._keep: list = []
        self.text_classes = _text_classes()
        self.play_index = 0
        self.t_start = 0.0
        self._text_leaf_ids: set[int] = set()

    # -- creation lines -------------------------------------------------------------------------------------
    def creation_line(self) -> int | None:
        """The innermost frame of the scene file on the current stack: the line that built the mobject."""
        frame = sys._getframe(2)
        while frame is not None:
            if frame.f_code.co_filename == self.scene_file or os.path.realpath(frame.f_code.co_filename) == self.scene_file:
                return frame.f_lineno
            frame = frame.f_back
        return None

    def _wrap_init(self, cls):
        original = cls.__init__
        probe = self

        def __init__(mob, *a, **k):
            original(mob, *a, **k)
            mob._la_info = probe._info_for(mob)  # nested text classes: the outermost __init__ ends last and wins

        cls.__init__ = __init__

    def _info_for(self, mob) -> dict:
        height = _upright_height(mob)
        try:
            fs = float(mob.font_size) if hasattr(mob, "font_size") else 0.0
        except (AttributeError, ZeroDivisionError, TypeError, ValueError):
            fs = 0.0
        return {"cls": type(mob).__name__, "text": _text_of(mob)[:200], "line": self.creation_line(),
                "fs_per_h": fs / height if height > 1e-6 and fs > 0 else 0.0}

    # -- patches ----------------------------------------------------------------------------------------------
    def install(self) -> None:
        from manim import Scene

        for cls in self.text_classes:
            self._wrap_init(cls)
        play, update_to_time, progression = Scene.play, Scene.update_to_time, Scene.get_time_progression
        probe = self

        def patched_play(scene, *a, **k):
            scene.skip_animation_preview = True  # no drawing of in-between frames: boxes are enough
            probe.t_start = float(scene.renderer.time)
            try:
                return play(scene, *a, **k)
            finally:
                probe.after_play(scene)

        def patched_update(scene, t):
            update_to_time(scene, t)
            if t > 1e-9:
                probe.snapshot(scene, probe.t_start + t, mid=True)

        def patched_progression(scene, run_time, description="", n_iterations=None, override_skip_animations=False):
            # sample inside animations longer than one step of the (low) layout frame rate
            from manim import config

            sample = run_time > 1.0 / max(config.frame_rate, 1) + 1e-9
            return progression(scene, run_time, description, n_iterations, override_skip_animations or sample)

        Scene.play, Scene.update_to_time, Scene.get_time_progression = patched_play, patched_update, patched_progression
        from manim.renderer.cairo_renderer import CairoRenderer

        def no_static_frame(renderer, scene, static_mobjects):
            renderer.static_image = None  # in-between frames are never drawn here, so the cache would be waste
            return None

        CairoRenderer.save_static_frame_data = no_static_frame

    def after_play(self, scene) -> None:
        """After a Transform the shown text is the target's: carry its creation info over, then snapshot."""
        from manim import Transform

        if scene.renderer.skip_animations and scene.animations:
            # a full render runs the updaters once after every play; skipped plays do not, and after our samples
            # inside the play the updater-driven mobjects would keep a stale shape into the next animation
            scene.update_mobjects(0)
        for anim in _flat_animations(scene.animations or []):
            target = getattr(anim, "target_mobject", None)
            if isinstance(anim, Transform) and getattr(target, "_la_info", None) and hasattr(anim.mobject, "_la_info"):
                anim.mobject._la_info = target._la_info
        self.snapshot(scene, float(scene.renderer.time), mid=False)
        self.play_index += 1

    # -- snapshots --------------------------------------------------------------------------------------------
    def uid(self, mob) -> int:
        """A stable number per (object, shown text): a Transform that changes the text makes a new unit."""
        info = getattr(mob, "_la_info", None) or {"cls": type(mob).__name__, "text": _text_of(mob), "line": None}
        key = (id(mob), info.get("cls"), info.get("text"), info.get("line"))
        if key not in self._uids:
            self._uids[key] = len(self._uids)
            self._keep.append(mob)
            self.units[self._uids[key]] = {k: info.get(k) for k in ("cls", "text", "line")}
        return self._uids[key]

    def snapshot(self, scene, t: float, mid: bool) -> None:
        if len(self.snapshots) >= MAX_SNAPSHOTS:
            return
        try:
            snap = self._collect(scene, t, mid)
        except Exception as exc:  # noqa: BLE001 - a probe bug must never look like a scene error
            snap = {"i": self.play_index, "t": round(t, 3), "mid": mid, "texts": [], "shapes": [],
                    "probe_error": f"{type(exc).__name__}: {exc}"[:200]}
        self.snapshots.append(snap)

    def _collect(self, scene, t, mid) -> dict:
        from manim.utils.family import extract_mobject_family_members

        cam = scene.camera
        project = _projector(scene)
        leaves = extract_mobject_family_members(scene.mobjects, use_z_index=getattr(cam, "use_z_index", True),
                                                only_those_with_points=True)
        order = {id(m): i for i, m in enumerate(leaves)}
        moving = _animated_ids(scene) if mid else set()
        texts = [self._text_record(u, order, project, moving) for u in self._text_units(scene.mobjects)]
        texts = [x for x in texts if x]
        shapes = _shape_records(leaves, order, texts, project, self._text_leaf_ids)
        c, w, h = cam.frame_center, cam.frame_width, cam.frame_height
        snap = {"i": self.play_index, "t": round(t, 3), "mid": mid, "texts": texts, "shapes": shapes,
                "frame": [round(float(c[0] - w / 2), 4), round(float(c[1] - h / 2), 4),
                          round(float(c[0] + w / 2), 4), round(float(c[1] + h / 2), 4)],
                "bg": _rgb(getattr(cam, "background_color", None)) or [0.0, 0.0, 0.0]}
        if self.want_frames:
            snap["thumb"] = _thumbnail(scene)
        if self.want_bodies:
            snap["bodies"] = _body_records(scene.mobjects, project, self._text_leaf_ids)
        return snap

    def _text_units(self, mobjects):
        """The outermost text-like mobjects in the scene's families (a MathTex inside a VGroup counts once)."""
        from collections import deque

        units, stack, seen = [], deque(mobjects), set()
        self._text_leaf_ids = set()
        while stack:
            mob = stack.popleft()
            if id(mob) in seen:
                continue
            seen.add(id(mob))
            if isinstance(mob, self.text_classes):
                units.append(mob)
                self._text_leaf_ids.update(id(x) for x in mob.get_family())
            else:
                stack.extend(mob.submobjects)
        return units

    def _text_record(self, mob, order, project, moving) -> dict | None:
        glyphs, opacity, colors, idx = [], 0.0, [], []
        for leaf in mob.family_members_with_points():
            if type(leaf).__name__ == "BackgroundRectangle":  # add_background_rectangle() helps; not a glyph
                continue
            alpha = _visible_alpha(leaf)
            if alpha < 0.05 or id(leaf) not in order:
                continue
            box = _box(project(leaf, leaf.points))
            if box is None:
                continue
            glyphs.append(box)
            opacity = max(opacity, alpha)
            colors.append(_leaf_rgb(leaf))
            idx.append(order[id(leaf)])
        if not glyphs:
            return None
        uid = self.uid(mob)
        info = getattr(mob, "_la_info", None) or {}
        height = _upright_height(mob)
        fs_per_h = float(info.get("fs_per_h") or 0.0)
        return {"u": uid, "glyphs": [[round(v, 4) for v in g] for g in glyphs[:300]],
                "box": _union(glyphs), "z": min(idx), "alpha": round(opacity, 3),
                "rgb": [round(sum(c[k] for c in colors) / len(colors), 3) for k in range(3)],
                "fs": round(fs_per_h * height, 2) if fs_per_h else None, "moving": id(mob) in moving}


def _upright_height(mob) -> float:
    """Height, or depth for a label stood up in 3D (ThreeDAxes' z label lies in the x-z plane)."""
    try:
        return max(float(mob.height), float(mob.depth))
    except (AttributeError, TypeError, ValueError):
        return 0.0


def _flat_animations(animations):
    out = []
    for anim in animations:
        out.append(anim)
        out.extend(_flat_animations(getattr(anim, "animations", None) or []))
    return out


def _animated_ids(scene) -> set[int]:
    """Everything an animation of the current play() touches: excluded from mid-animation checks."""
    ids = set()
    for anim in _flat_animations(scene.animations or []):
        for mob in (getattr(anim, "mobject", None), getattr(anim, "target_mobject", None),
                    getattr(anim, "starting_mobject", None)):
            if mob is not None and hasattr(mob, "get_family"):
                ids.update(id(m) for m in mob.get_family())
    return ids


def _projector(scene):
    """Map a mobject's points to frame coordinates (ThreeDCamera projects all but fixed-in-frame mobjects)."""
    cam = scene.camera
    if not hasattr(cam, "project_points"):
        return lambda mob, pts: pts
    fixed = set()
    for mob in getattr(cam, "fixed_in_frame_mobjects", ()):
        fixed.update(id(m) for m in mob.get_family())

    def project(mob, pts):
        return pts if id(mob) in fixed else cam.project_points(pts)

    return project


def _box(points):
    import numpy as np

    if points is None or len(points) == 0:
        return None
    lo, hi = np.min(points, axis=0), np.max(points, axis=0)
    if not (np.all(np.isfinite(lo)) and np.all(np.isfinite(hi))):
        return None
    return [float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1])]


def _union(boxes):
    return [round(min(b[0] for b in boxes), 4), round(min(b[1] for b in boxes), 4),
            round(max(b[2] for b in boxes), 4), round(max(b[3] for b in boxes), 4)]


def _visible_alpha(leaf) -> float:
    fill = getattr(leaf, "fill_rgbas", None)
    stroke = getattr(leaf, "stroke_rgbas", None)
    a = float(fill[:, 3].max()) if fill is not None and len(fill) else 0.0
    if stroke is not None and len(stroke) and float(getattr(leaf, "stroke_width", 0) or 0) > 0:
        a = max(a, float(stroke[:, 3].max()))
    return a


def _leaf_rgb(leaf):
    fill = getattr(leaf, "fill_rgbas", None)
    if fill is not None and len(fill) and float(fill[:, 3].max()) > 0.05:
        return [float(v) for v in fill[0][:3]]
    stroke = getattr(leaf, "stroke_rgbas", None)
    return [float(v) for v in stroke[0][:3]] if stroke is not None and len(stroke) else [1.0, 1.0, 1.0]


def _rgb(color):
    try:
        return [round(float(v), 3) for v in color.to_rgb()]
    except (AttributeError, TypeError, ValueError):
        return None


def _outline(points, limit=48):
    """A polygon through the curve anchors (every 4th point starts a cubic), at most `limit` corners."""
    anchors = points[::4]
    step = max(1, len(anchors) // limit)
    return [[round(float(p[0]), 3), round(float(p[1]), 3)] for p in anchors[::step]]


def _shape_records(leaves, order, texts, project, text_leaf_ids) -> list[dict]:
    """Filled non-text shapes whose box meets a text box: what a text may sit on (or under)."""
    if not texts:
        return []
    boxes = [x["box"] for x in texts]
    out = []
    for leaf in leaves:
        if id(leaf) in text_leaf_ids:
            continue
        fill = getattr(leaf, "fill_rgbas", None)
        if fill is None or not len(fill) or float(fill[:, 3].max()) < 0.15:
            continue
        pts = project(leaf, leaf.points)
        box = _box(pts)
        if box is None or box[2] - box[0] < 1e-3 or box[3] - box[1] < 1e-3:
            continue
        if not any(b[0] < box[2] and box[0] < b[2] and b[1] < box[3] and box[1] < b[3] for b in boxes):
            continue
        out.append({"cls": type(leaf).__name__, "box": [round(v, 4) for v in box], "z": order[id(leaf)],
                    "rgb": [round(float(v), 3) for v in fill[0][:3]], "alpha": round(float(fill[0][3]), 3),
                    "poly": _outline(pts)})
        if len(out) >= 60:
            break
    return out


def _body_records(mobjects, project, text_leaf_ids) -> list[dict]:
    """Each top-level mobject's box without its text leaves (an axes, a diagram), for the layout planner."""
    out = []
    for mob in mobjects[:40]:
        boxes = [_box(project(leaf, leaf.points)) for leaf in mob.family_members_with_points()
                 if id(leaf) not in text_leaf_ids and _visible_alpha(leaf) >= 0.05]
        boxes = [b for b in boxes if b is not None]
        if boxes:
            out.append({"cls": type(mob).__name__, "box": _union(boxes), "n": len(boxes)})
    return out


def _thumbnail(scene):
    """A tiny grey image of the current frame, as a list of rows (drawn by the renderer, not encoded)."""
    from PIL import Image

    scene.renderer.update_frame(scene)
    img = Image.fromarray(scene.renderer.get_frame()).convert("L").resize(THUMB, Image.BILINEAR)
    data = list(img.getdata())
    return [data[r * THUMB[0]:(r + 1) * THUMB[0]] for r in range(THUMB[1])]


_PROBE: Probe | None = None


def install(job) -> Probe:
    """Patch manim for a layout run. Call before the audit hook goes up and before the scene is loaded."""
    global _PROBE
    _PROBE = Probe(job)
    _PROBE.install()
    return _PROBE


def result(scene=None) -> dict:
    """The snapshots and the text units they name; appended to the child's JSON result."""
    probe = _PROBE
    if probe is None:
        return {}
    if scene is not None:  # the state after the last play() and any add() after it: the last frame
        probe.play_index = max(probe.play_index - 1, 0)
        probe.snapshot(scene, float(scene.renderer.time), mid=False)
        probe.play_index = scene.renderer.num_plays
    units = {str(k): v for k, v in probe.units.items()}
    return {"layout": {"snapshots": probe.snapshots, "units": units, "plays": probe.play_index}}
