"""Child side: a 3D scene's camera draws only the faces the frame can show. Manim's Cairo ThreeDCamera sorts and
draws every face of every mobject in every frame; a star field of 2,000 Dot3D (128,000 faces, most of them far
outside the frame) took 20 s per 480p frame, so the long cinematic scenes that models write ran for hours.

A face whose projected control points all lie beyond one edge of the frame (by more than its stroke could
reach) draws no pixel: a Bézier curve stays inside the hull of its control points. Leaving it out before the
depth sort changes no pixel (tests/test_culling.py compares frames) and keeps the sort's order of the rest.

One case does change the picture: manim multiplies the coordinates of a point behind the camera by 10^6, and
Cairo's fixed-point coordinates wrap around, so a face behind the camera is drawn as a wash over the whole frame
(a star field around the camera turns the screen grey), even a face whose points all lie beyond one edge. No
camera sees behind itself: such faces are left out, and USED says so; render.py reports it in the result's
fixes (FIXES). Loaded by child.py, trusted, before the guard: no mathanim imports, manim's inside functions.
"""

FIXES = {
    "behind_camera": "faces behind the 3D camera were left out: manim 0.22 draws them as a wash over the whole "
                     "frame (their coordinates overflow), where a camera sees nothing",
}
USED: set[str] = set()
MITER = 10.0  # Cairo's default miter limit: how far, in line widths, a stroke's corner can reach out


def install(job) -> None:
    """Patch ThreeDCamera for every job (check, render, layout)."""
    from manim.camera.camera import Camera
    from manim.camera.three_d_camera import ThreeDCamera

    depth_sorted = ThreeDCamera.get_mobjects_to_display

    def get_mobjects_to_display(self, *args, **kwargs):
        shown = visible(self, Camera.get_mobjects_to_display(self, *args, **kwargs))
        return depth_sorted(self, shown, include_submobjects=False)

    ThreeDCamera.get_mobjects_to_display = get_mobjects_to_display


def visible(camera, mobjects: list) -> list:
    """`mobjects` without the VMobjects that draw nothing in the frame (in their order)."""
    import numpy as np
    from manim import VMobject

    fixed = camera.fixed_in_frame_mobjects
    turned = camera.fixed_orientation_mobjects  # drawn shifted, not projected: always kept
    tested = [i for i, m in enumerate(mobjects)
              if isinstance(m, VMobject) and m.points.size and m not in fixed and m not in turned]
    if not tested:
        return mobjects
    points = [mobjects[i].points for i in tested]
    starts = np.cumsum([0] + [len(p) for p in points[:-1]])
    flat = np.concatenate(points)
    outside = _beyond_frame(camera, flat, starts, [mobjects[i] for i in tested])
    behind = _behind_camera(camera, flat, starts)
    if behind.any():  # manim would have drawn them, wrapped around, even those beyond an edge
        USED.add("behind_camera")
    drop = {tested[j] for j in np.flatnonzero(outside | behind)}
    return [m for i, m in enumerate(mobjects) if i not in drop] if drop else mobjects


def _beyond_frame(camera, flat, starts, vmobjects):
    """Per VMobject: all its projected points beyond one edge of the frame, by more than its strokes reach."""
    import numpy as np

    projected = camera.project_points(flat)[:, :2] - camera.frame_center[:2]  # as points_to_subpixel_coords
    lo, hi = np.minimum.reduceat(projected, starts), np.maximum.reduceat(projected, starts)
    width = np.array([max(m.get_stroke_width(), m.get_stroke_width(background=True)) for m in vmobjects])
    reach = width * camera.cairo_line_width_multiple * MITER + 0.01
    half_w, half_h = camera.frame_width / 2 + reach, camera.frame_height / 2 + reach
    beyond = (hi[:, 0] < -half_w) | (lo[:, 0] > half_w) | (hi[:, 1] < -half_h) | (lo[:, 1] > half_h)
    return beyond & np.isfinite(lo).all(1) & np.isfinite(hi).all(1)  # manim draws a non-finite one at the origin


def _behind_camera(camera, flat, starts):
    """Per VMobject: every point behind the camera (where manim's projection scales it by 10^6)."""
    import numpy as np

    if camera.exponential_projection:  # that projection has no 10^6 case
        return np.zeros(len(starts), dtype=bool)
    depth = np.dot(flat - camera.frame_center, camera.get_rotation_matrix().T)[:, 2]
    past = camera.get_focal_distance() - depth < 0
    return np.logical_and.reduceat(past, starts)
