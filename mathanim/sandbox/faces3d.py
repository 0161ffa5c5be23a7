"""Child side: the 3D camera prepares all its plain shaded faces at once, then draws each with Cairo alone.

After memo3d.py, a 3D frame still spent about 250 µs of Python on each face (projection, the split into subpaths,
two corner normals, two shaded colours, the gradient's end points, each through several layers of manim) and a
few µs in Cairo. Model scenes hold tens of thousands of faces (400 Dot3D are 25,600), which is why the long 3D
scenes ran past the render's ceiling. Here the faces that manim would draw as one closed shaded path are projected,
split, shaded and given their gradient's end points as whole arrays, once a frame; then each face is the same
sequence of Cairo calls, with the same numbers, that manim's display_vectorized makes.

The same numbers: every array operation here is the one manim applies to one face, applied row by row (the
projection's matrix product and the 3-term dot products, np.vecdot, give the same bits as manim's np.dot; the cube
of a float is np.float_power, as a numpy scalar's ** is). Faces where manim takes a tolerance branch (a corner with
no normal, a path that splits) keep manim's own code. tests/test_faces3d.py compares frames pixel for pixel.
Loaded by child.py, trusted, after memo3d.py (whose depth sort and memo serve the faces left to manim).
"""

import gc

USED: set = set()
STOCK: dict = {}  # the camera methods this replaces, as installed: a camera that overrides one keeps manim's path
TYPES: dict = {}  # face class -> whether it draws as a plain VMobject (no override of what is read here)
READ = ("get_fill_rgbas", "get_stroke_rgbas", "get_stroke_width", "get_gradient_start_and_end_points",
        "get_background_image")
CAMERA = ("display_vectorized", "set_cairo_context_path", "apply_fill", "apply_stroke", "get_fill_rgbas",
          "get_stroke_rgbas", "transform_points_pre_display", "project_points", "set_cairo_context_color")
RTOL = 1.0e-5  # manim's consider_points_equals_2d and subpath split (np.isclose's default)


def install(job) -> None:
    """Patch ThreeDCamera for every job."""
    from manim.camera.three_d_camera import ThreeDCamera

    STOCK.update({name: getattr(ThreeDCamera, name) for name in CAMERA})
    each = ThreeDCamera.display_multiple_non_background_colored_vmobjects

    def display_multiple_non_background_colored_vmobjects(self, vmobjects, pixel_array):
        vmobjects = list(vmobjects)
        if not (self.should_apply_shading and len(vmobjects) > 1 and stock(self)):
            return each(self, vmobjects, pixel_array)
        ctx = self.get_cairo_context(pixel_array)
        collecting = gc.isenabled()
        gc.disable()  # the frame's lists hold no cycles; collecting while they are made walks all of manim's objects
        try:
            ready = prepared(self, vmobjects)
            for i, vmobject in enumerate(vmobjects):
                if i in ready:
                    draw(ctx, ready[i])
                else:
                    self.display_vectorized(vmobject, ctx)
        finally:
            if collecting:
                gc.enable()
        if ready:
            USED.add("faces3d")

    ThreeDCamera.display_multiple_non_background_colored_vmobjects = display_multiple_non_background_colored_vmobjects


def stock(camera) -> bool:
    """Whether the camera draws faces with the methods this module stands in for."""
    return (all(getattr(type(camera), name) is method for name, method in STOCK.items())
            and camera.__dict__.keys().isdisjoint(CAMERA))


def plain(camera, m) -> bool:
    """A face manim draws as one shaded path: a VMobject of whole cubic curves in 3D, that reads its colours and
    gradient with VMobject's own methods (ThreeDAxes gives its tips their own gradient). One curve is common: Create
    shrinks the faces it has not reached yet to a single point's curve."""
    from manim import VMobject

    kind = type(m)
    if kind not in TYPES:
        TYPES[kind] = issubclass(kind, VMobject) and all(getattr(kind, n) is getattr(VMobject, n) for n in READ)
    n = len(m.points)
    return (TYPES[kind] and m.shade_in_3d and m.__dict__.keys().isdisjoint(READ) and m.n_points_per_cubic_curve == 4
            and n >= 4 and n % 4 == 0 and m not in camera.fixed_in_frame_mobjects
            and m not in camera.fixed_orientation_mobjects)


def prepared(camera, vmobjects: list) -> dict:
    """{index: what draw() needs} for the plain faces, grouped by their number of points."""
    groups: dict = {}
    for i, m in enumerate(vmobjects):
        if plain(camera, m):
            groups.setdefault(len(m.points), []).append(i)
    ready = {}
    for n, indices in groups.items():
        ready.update(group(camera, [vmobjects[i] for i in indices], indices, n))
    return ready


def group(camera, faces: list, indices: list, n: int) -> dict:
    """Projection, path checks, shading and gradient ends of faces that all hold n points."""
    import numpy as np

    points = np.stack([m.points for m in faces])
    finite = np.isfinite(points).all(axis=(1, 2))
    projected = camera.project_points(points.reshape(-1, 3)).reshape(points.shape)
    atol = np.array([m.tolerance_for_point_equality for m in faces])
    one_path = _one_path(projected, atol) & finite
    end = ((n - 1) // 6) * 3  # manim's end corner of a face (three_d_utils)
    factors = _factors(camera, faces, points, end)
    xy = projected[:, :, :2].reshape(len(faces), -1).tolist()  # x0, y0, x1, y1, ... (one list a face: fewer objects)
    closed = _close(projected[:, 0, :2], projected[:, -1, :2], atol).tolist()
    fill, no_colour = stops([m.get_fill_rgbas() for m in faces], factors)
    (background, no_background), (stroke, no_stroke) = (_strokes(camera, faces, b, factors) for b in (True, False))
    drawn = one_path & ~no_colour & ~no_background & ~no_stroke  # a face with no colour at all: manim's path decides
    return {indices[k]: (xy[k], closed[k], (*xy[k][:2], *xy[k][2 * end:2 * end + 2]), background[k], fill[k],
                         stroke[k]) for k in np.flatnonzero(drawn).tolist()}


def _close(a, b, atol):
    """consider_points_equals_2d, row by row: every coordinate of a equal to b's or within tolerance of it."""
    return _near(a, b, atol[:, None]).all(axis=1)


def _one_path(projected, atol):
    """Whether each face's curves join end to start (in the frame's x and y), so manim draws one subpath."""
    ends, starts = projected[:, 3:-1:4, :2], projected[:, 4::4, :2]
    return _near(ends, starts, atol[:, None, None]).all(axis=(1, 2))


def _near(a, b, atol):
    """manim's closeness of coordinates (np.isclose's, b the reference); NaN is never near."""
    import numpy as np

    with np.errstate(invalid="ignore"):
        return (a == b) | (np.abs(a - b) <= atol + RTOL * np.abs(b))


def _factors(camera, faces: list, points, end: int):
    """Each face's shading factors at its start and end corners (get_shaded_rgb adds them to the colour)."""
    import numpy as np

    n = points.shape[1]
    light = camera.light_source.points[0]
    if n == 4:  # two anchors: get_3d_vmob_unit_normal's answer is UP at both corners
        up = np.tile(np.array([0.0, 1.0, 0.0]), (len(faces), 1))
        return np.stack([_shade(light, points[:, 0], up), _shade(light, points[:, end], up)], axis=1)
    normals = []
    for i, ip3, im3 in ((0, 3, n - 4), (end, end + 3 if end < n - 3 else 3, end - 3 if end > 2 else n - 4)):
        normal, ok = _unit_normals(points[:, ip3] - points[:, i], points[:, im3] - points[:, i])
        for k in np.flatnonzero(~ok).tolist():  # a tolerance branch: manim's own function
            normal[k] = _manim_normal(faces[k], i)
        normals.append(normal)
    return np.stack([_shade(light, points[:, 0], normals[0]), _shade(light, points[:, end], normals[1])], axis=1)


def _manim_normal(face, index: int):
    from manim.mobject.three_d.three_d_utils import get_3d_vmob_unit_normal

    return get_3d_vmob_unit_normal(face, index)


def _unit_normals(v1, v2):
    """space_ops.get_unit_normal row by row where it takes its main branch; ok is False on the other rows."""
    import numpy as np

    d1, d2 = np.abs(v1).max(axis=1), np.abs(v2).max(axis=1)
    with np.errstate(all="ignore"):
        u1, u2 = v1 / d1[:, None], v2 / d2[:, None]
        cp = np.stack([u1[:, 1] * u2[:, 2] - u1[:, 2] * u2[:, 1], u1[:, 2] * u2[:, 0] - u1[:, 0] * u2[:, 2],
                       u1[:, 0] * u2[:, 1] - u1[:, 1] * u2[:, 0]], axis=1)
        norm = np.sqrt(np.vecdot(cp, cp))
        normal = cp / norm[:, None]
    return normal, (d1 != 0) & (d2 != 0) & (norm > 1e-6) & np.isfinite(norm)


def _shade(light, corners, normals):
    """get_shaded_rgb's factor, row by row: half the cube of the normal's cosine to the light (halved if below 0)."""
    import numpy as np

    to_light = light - corners
    length = np.sqrt(np.vecdot(to_light, to_light))
    with np.errstate(all="ignore"):
        to_sun = np.where(length[:, None] > 0, to_light / length[:, None], 0.0)
    factor = 0.5 * np.float_power(np.vecdot(normals, to_sun), 3)
    return np.where(factor < 0, factor * 0.5, factor)


def _strokes(camera, faces: list, background: bool, factors) -> tuple:
    """Each face's stroke (the background one or its own): None where its width is 0, else (width as Cairo
    gets it, line join, line cap, its two shaded stops as in stops()); and stops()'s mask of faces with no colour."""
    import numpy as np
    from manim.camera.camera import CAP_STYLE_MAP, LINE_JOIN_MAP

    scale = camera.cairo_line_width_multiple * (camera.frame_width / camera.frame_width)  # as manim's apply_stroke
    widths = [m.get_stroke_width(background) for m in faces]
    colours, none = stops([m.get_stroke_rgbas(background) for m in faces], factors)
    return [None if width == 0 else (width * scale, LINE_JOIN_MAP[m.joint_type], CAP_STYLE_MAP[m.cap_style], pair)
            for m, width, pair in zip(faces, widths, colours, strict=True)], none & (np.array(widths) != 0)


def stops(rgbas: list, factors) -> tuple:
    """ThreeDCamera.modified_rgbas's two shaded colours of each face (its first two, or its one twice), as
    Cairo's (blue, green, red, alpha) stops: one list of eight numbers a face; and a mask of the faces that have no
    colour (manim's own path fails on them, or skips a stroke of width 0 before reading its colour)."""
    import numpy as np

    counts = np.fromiter(map(len, rgbas), dtype=int, count=len(rgbas))
    none = counts == 0
    if none.any():  # stand-ins that keep the rows aligned; those faces are not drawn from these numbers
        rgbas, counts = [r if len(r) else np.zeros((1, 4)) for r in rgbas], np.maximum(counts, 1)
    first = np.concatenate(([0], np.cumsum(counts)[:-1]))
    rows = np.concatenate(rgbas)
    shaded = np.stack([rows[first], rows[first + (counts > 1)]], axis=1)
    shaded[:, :, :3] = shaded[:, :, :3] + factors[:, :, None]
    return shaded[:, :, [2, 1, 0, 3]].reshape(len(rgbas), 8).tolist(), none


def draw(ctx, face) -> None:
    """The Cairo calls of manim's display_vectorized for one closed shaded face, with its prepared numbers."""
    import cairo

    xy, closed, ends, background, fill, stroke = face
    ctx.new_path()
    ctx.new_sub_path()
    ctx.move_to(xy[0], xy[1])
    for i in range(2, len(xy) - 4, 8):  # each curve's two handles and end: the 2nd to 4th of its 4 points
        ctx.curve_to(xy[i], xy[i + 1], xy[i + 2], xy[i + 3], xy[i + 4], xy[i + 5])
    if closed:
        ctx.close_path()
    for paint in (background, fill, stroke):
        if paint is None:
            continue
        colours = paint if paint is fill else paint[3]
        pattern = cairo.LinearGradient(*ends)
        pattern.add_color_stop_rgba(0.0, colours[0], colours[1], colours[2], colours[3])
        pattern.add_color_stop_rgba(1.0, colours[4], colours[5], colours[6], colours[7])
        ctx.set_source(pattern)
        if paint is fill:
            ctx.fill_preserve()
            continue
        ctx.set_line_width(paint[0])
        ctx.set_line_join(paint[1])
        ctx.set_line_cap(paint[2])
        ctx.stroke_preserve()
