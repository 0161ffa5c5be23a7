"""Child side: the 3D camera computes each face's depth, corners and normals once a frame, not three or four times.

Manim's Cairo ThreeDCamera spends most of a 3D frame in Python around each face, not in Cairo: to sort the faces
it finds each one's centre through the generic bounding-box code (80 µs a face); to shade a face it finds its two
corner normals once for the fill and again for the stroke; and it projects the shading gradient's two points for
the fill and again for the stroke. A sphere of Dot3D (64 faces each) multiplies that by every face in every
frame, which is why the long 3D scenes that models write ran past the render's ceiling.

Every value here is computed by manim's own functions, or with the same numpy operations on the same numbers, and
reused only within one frame (while capture_mobjects runs), so the pixels are the same: tests/test_memo3d.py
compares frames of scenes that move. Loaded by child.py, trusted, before the guard and before culling.py (whose
depth sort this replaces): no mathanim imports, manim's inside functions.
"""

MEMO: dict = {}  # per frame: id(vmobject) -> shading corners and normals, ("g", id) -> projected gradient points
ACTIVE = [False]  # inside capture_mobjects: outside it a mobject may have moved since the memo was filled
N_PER_CURVE = 4


def install(job) -> None:
    """Patch ThreeDCamera for every job."""
    from manim.camera.three_d_camera import ThreeDCamera

    capture, shade, color = ThreeDCamera.capture_mobjects, ThreeDCamera.modified_rgbas, ThreeDCamera.set_cairo_context_color

    def capture_mobjects(self, mobjects, **kwargs):
        MEMO.clear()
        ACTIVE[0] = True
        try:
            return capture(self, mobjects, **kwargs)
        finally:
            ACTIVE[0] = False
            MEMO.clear()

    def modified_rgbas(self, vmobject, rgbas):
        if not (ACTIVE[0] and self.should_apply_shading and vmobject.shade_in_3d and vmobject.get_num_points() > 0):
            return shade(self, vmobject, rgbas)
        return shaded(self, vmobject, rgbas)

    def set_cairo_context_color(self, ctx, rgbas, vmobject):
        if not ACTIVE[0] or len(rgbas) == 1:
            return color(self, ctx, rgbas, vmobject)
        try:
            return gradient(self, ctx, rgbas, vmobject)
        except TypeError:  # a gradient with no finite points: manim's own path, as drift.py mends it, decides
            return color(self, ctx, rgbas, vmobject)

    def get_mobjects_to_display(self, *args, **kwargs):
        from manim.camera.camera import Camera

        return depth_sorted(self, Camera.get_mobjects_to_display(self, *args, **kwargs))

    ThreeDCamera.capture_mobjects, ThreeDCamera.modified_rgbas = capture_mobjects, modified_rgbas
    ThreeDCamera.set_cairo_context_color = set_cairo_context_color
    ThreeDCamera.get_mobjects_to_display = get_mobjects_to_display


def corners(vmobject) -> tuple:
    """(start corner, its unit normal, end corner, its unit normal) of a face, once a frame."""
    from manim.mobject.three_d import three_d_utils as u

    key = id(vmobject)
    if key not in MEMO:
        MEMO[key] = (u.get_3d_vmob_start_corner(vmobject), u.get_3d_vmob_start_corner_unit_normal(vmobject),
                     u.get_3d_vmob_end_corner(vmobject), u.get_3d_vmob_end_corner_unit_normal(vmobject))
    return MEMO[key]


def shaded(camera, vmobject, rgbas):
    """ThreeDCamera.modified_rgbas for a face to shade, with its corners and normals from the frame's memo."""
    import numpy as np
    from manim.utils.color.core import get_shaded_rgb

    light = camera.light_source.points[0]
    start, start_normal, end, end_normal = corners(vmobject)
    out = rgbas.repeat(2, axis=0) if len(rgbas) < 2 else np.array(rgbas[:2])
    out[0, :3] = get_shaded_rgb(out[0, :3], start, start_normal, light)
    out[1, :3] = get_shaded_rgb(out[1, :3], end, end_normal, light)
    return out


def gradient(camera, ctx, rgbas, vmobject):
    """Camera.set_cairo_context_color for a gradient, its projected end points from the frame's memo."""
    import itertools as it

    import cairo

    key = ("g", id(vmobject))
    if key not in MEMO:
        MEMO[key] = camera.transform_points_pre_display(vmobject, vmobject.get_gradient_start_and_end_points())
    pattern = cairo.LinearGradient(*it.chain(*(point[:2] for point in MEMO[key])))
    for rgba, offset in zip(rgbas, _offsets(len(rgbas)), strict=True):
        pattern.add_color_stop_rgba(offset, *rgba[2::-1], rgba[3])
    ctx.set_source(pattern)
    return camera


def _offsets(n: int):
    import numpy as np

    key = ("offsets", n)
    if key not in MEMO:
        MEMO[key] = np.linspace(0, 1, n)
    return MEMO[key]


def depth_sorted(camera, mobjects: list) -> list:
    """ThreeDCamera.get_mobjects_to_display's sort (far faces first; unshaded ones last, in their order), with the
    centres of plain faces found for all of them at once."""
    import numpy as np

    rot_t = camera.get_rotation_matrix().T
    centres = plain_centres(mobjects)
    keys = []
    for i, m in enumerate(mobjects):
        if not getattr(m, "shade_in_3d", False):
            keys.append(np.inf)
        else:
            keys.append(np.dot(centres[i] if i in centres else m.get_z_index_reference_point(), rot_t)[2])
    order = sorted(range(len(mobjects)), key=keys.__getitem__)  # stable, as sorted(mobjects, key=z_key)
    return [mobjects[i] for i in order]


def plain_centres(mobjects: list) -> dict:
    """{index: centre} for the faces whose centre manim takes from their own anchors alone (a VMobject without
    submobjects or z_index_group, whole cubic curves): the middle of their anchors' bounding box per axis."""
    import numpy as np
    from manim import VMobject

    plain = [i for i, m in enumerate(mobjects)
             if isinstance(m, VMobject) and not m.submobjects and getattr(m, "z_index_group", m) is m
             and len(m.points) and len(m.points) % N_PER_CURVE == 0 and m.n_points_per_cubic_curve == N_PER_CURVE]
    if not plain:
        return {}
    points = [mobjects[i].points for i in plain]
    # every face holds whole curves, so each curve's first and last points (its anchors) are rows 0 and 3 of 4
    anchors = np.concatenate(points).reshape(-1, N_PER_CURVE, 3)[:, [0, N_PER_CURVE - 1]].reshape(-1, 3)
    starts = np.cumsum([0] + [len(p) // 2 for p in points[:-1]])
    lo, hi = np.minimum.reduceat(anchors, starts), np.maximum.reduceat(anchors, starts)
    centres = (lo + hi) / 2
    return {i: centres[j] for j, i in enumerate(plain)}
