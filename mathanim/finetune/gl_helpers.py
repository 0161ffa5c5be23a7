"""CE stand-ins for GL-only helpers that 3b1b/videos uses often, as scene source.

Each entry is prepended to a converted scene only when the scene uses it (a name it reads but lacks, or a
method call matched by `METHOD_TRIGGERS`). They are small, behave like the GL originals for the common calls,
and use nothing but `from manim import *` (which also provides `np`), so the converted scene stays standalone and
passes the sandbox's import allow-list. `GraphScene` is the biggest: CE removed it, and over a hundred 3b1b
scenes are built on it.
"""

# Methods GL's mob.always / mob.f_always re-apply on every frame. Computed getattr is refused in scenes, so the
# stand-in maps each name to a lambda written out here.
ALWAYS_METHODS = ("next_to", "move_to", "set_x", "set_y", "set_z", "match_x", "match_y", "match_width",
                  "match_height", "align_to", "set_color", "set_fill", "set_stroke", "set_opacity", "become",
                  "shift", "to_edge", "to_corner", "put_start_and_end_on", "match_style", "set_value",
                  "scale_to_fit_width", "scale_to_fit_height", "surround", "match_points", "rotate")
_ALWAYS_TABLE = "\n".join(f'    "{m}": lambda m, *a, **k: m.{m}(*a, **k),' for m in ALWAYS_METHODS)

ALWAYS = '''_ALWAYS_METHODS = {
@TABLE@
    "set_width": lambda m, *a, **k: m.scale_to_fit_width(*a, **k),
    "set_height": lambda m, *a, **k: m.scale_to_fit_height(*a, **k),
}


class _Always:
    """GL's mob.always.method(...): the call is repeated on every frame (f_always: the arguments are functions)."""

    def __init__(self, mobject, functional):
        self.mobject, self.functional = mobject, functional

    def __getattr__(self, name):
        if name not in _ALWAYS_METHODS:
            raise AttributeError(f"always.{name} has no CE stand-in")
        method, functional = _ALWAYS_METHODS[name], self.functional

        def add_updater(*args, **kwargs):
            if functional:
                return self.mobject.add_updater(
                    lambda m: method(m, *[a() for a in args], **{k: v() for k, v in kwargs.items()}))
            return self.mobject.add_updater(lambda m: method(m, *args, **kwargs))
        return add_updater


Mobject.always = property(lambda self: _Always(self, False))
Mobject.f_always = property(lambda self: _Always(self, True))'''.replace("@TABLE@", _ALWAYS_TABLE)

GRAPH_SCENE = '''class GraphScene(Scene):
    """GL's GraphScene on CE's Axes: class attributes (the old CONFIG) describe the axes, (0, 0) sits at
    graph_origin, and the GL method names are kept."""

    x_min, x_max, x_axis_width, x_tick_frequency, x_labeled_nums, x_axis_label = -1, 10, 9, 1, None, "$x$"
    y_min, y_max, y_axis_height, y_tick_frequency, y_labeled_nums, y_axis_label = -1, 10, 6, 1, None, "$y$"
    axes_color, graph_origin, exclude_zero_label = GREY, 2.5 * DOWN + 4 * LEFT, True
    default_graph_colors = [BLUE, GREEN, YELLOW]
    default_derivative_color, default_input_color = GREEN, YELLOW
    default_riemann_start_color, default_riemann_end_color, area_opacity = BLUE, GREEN, 0.8
    x_axis, y_axis, axes = None, None, None

    def _make_axes(self):
        axes = Axes(x_range=[self.x_min, self.x_max, self.x_tick_frequency],
                    y_range=[self.y_min, self.y_max, self.y_tick_frequency],
                    x_length=self.x_axis_width, y_length=self.y_axis_height,
                    axis_config={"color": self.axes_color, "include_tip": False})
        axes.shift(self.graph_origin - axes.c2p(0, 0))
        self.axes, self.x_axis, self.y_axis = axes, axes.x_axis, axes.y_axis
        return axes

    def setup_axes(self, animate=False):
        axes = self._make_axes()
        for axis, nums in ((axes.x_axis, self.x_labeled_nums), (axes.y_axis, self.y_labeled_nums)):
            if nums is not None and len(nums):
                axis.add_numbers([n for n in nums if n != 0 or not self.exclude_zero_label])
        labels = VGroup()
        for label, getter in ((self.x_axis_label, axes.get_x_axis_label), (self.y_axis_label, axes.get_y_axis_label)):
            if label:
                labels.add(getter(Tex(label) if isinstance(label, str) else label))
        self.play(Create(axes), Write(labels)) if animate else self.add(axes, labels)
        return axes

    def _ax(self):
        return self.axes if self.axes is not None else self._make_axes()

    def coords_to_point(self, x, y):
        return self._ax().c2p(x, y)

    def point_to_coords(self, point):
        return tuple(self._ax().p2c(point)[:2])

    def get_graph(self, func, color=None, x_min=None, x_max=None, **kwargs):
        if color is None:
            color = self.default_graph_colors[len(self.mobjects) % len(self.default_graph_colors)]
        lo = self.x_min if x_min is None else x_min
        hi = self.x_max if x_max is None else x_max
        return self._ax().plot(func, x_range=[lo, hi], color=color, **kwargs)

    plot = get_graph

    def input_to_graph_point(self, x, graph):
        return self._ax().input_to_graph_point(x, graph)

    def get_graph_label(self, graph, label="f(x)", x_val=None, direction=RIGHT, buff=MED_SMALL_BUFF, color=None):
        x = self.x_max if x_val is None else x_val
        mob = MathTex(label) if isinstance(label, str) else label
        mob.set_color(color or graph.get_color())
        return mob.next_to(self.input_to_graph_point(x, graph), direction, buff=buff)

    def get_riemann_rectangles(self, graph, x_min=None, x_max=None, dx=0.1, input_sample_type="left",
                               stroke_width=1, stroke_color=BLACK, fill_opacity=1, start_color=None,
                               end_color=None, show_signed_area=True, width_scale_factor=1.001, **kwargs):
        colors = (start_color or self.default_riemann_start_color, end_color or self.default_riemann_end_color)
        x_range = [self.x_min if x_min is None else x_min, self.x_max if x_max is None else x_max]
        return self._ax().get_riemann_rectangles(
            graph, x_range=x_range, dx=dx, input_sample_type=input_sample_type, stroke_width=stroke_width,
            stroke_color=stroke_color, fill_opacity=fill_opacity, color=colors, show_signed_area=show_signed_area,
            width_scale_factor=width_scale_factor)

    def get_riemann_rectangles_list(self, graph, n_iterations, max_dx=0.5, power_base=2, stroke_width=1, **kwargs):
        return [self.get_riemann_rectangles(graph, dx=max_dx / power_base ** n,
                                            stroke_width=stroke_width / power_base ** n, **kwargs)
                for n in range(n_iterations)]

    def get_area(self, graph, t_min, t_max, **kwargs):
        return self._ax().get_area(graph, x_range=[t_min, t_max], opacity=self.area_opacity,
                                   color=(self.default_riemann_start_color, self.default_riemann_end_color))

    def get_vertical_line_to_graph(self, x, graph, line_class=Line, **kwargs):
        return line_class(self.coords_to_point(x, 0), self.input_to_graph_point(x, graph), **kwargs)

    def get_vertical_lines_to_graph(self, graph, x_min=None, x_max=None, num_lines=20, **kwargs):
        lo = self.x_min if x_min is None else x_min
        hi = self.x_max if x_max is None else x_max
        return VGroup(*[self.get_vertical_line_to_graph(x, graph, **kwargs) for x in np.linspace(lo, hi, num_lines)])

    def slope_of_tangent(self, x, graph, dx=0.01):
        return self._ax().slope_of_tangent(x, graph, dx=dx)

    def angle_of_tangent(self, x, graph, dx=0.01):
        return self._ax().angle_of_tangent(x, graph, dx=dx)

    def get_derivative_graph(self, graph, dx=0.01, x_min=None, x_max=None, **kwargs):
        kwargs.setdefault("color", self.default_derivative_color)
        if (x_min, x_max) != (None, None):  # CE plots a derivative over the graph's own range
            kwargs["x_range"] = [self.x_min if x_min is None else x_min, self.x_max if x_max is None else x_max]
        return self._ax().plot_derivative_graph(graph, **kwargs)

    def get_secant_slope_group(self, x, graph, dx=None, dx_line_color=None, df_line_color=None, dx_label=None,
                               df_label=None, include_secant_line=True, secant_line_color=None,
                               secant_line_length=10):
        group = self._ax().get_secant_slope_group(
            x, graph, dx=dx or 0.05, dx_line_color=dx_line_color or self.default_input_color,
            dy_line_color=df_line_color, dx_label=dx_label, dy_label=df_label,
            include_secant_line=include_secant_line, secant_line_color=secant_line_color or GREEN,
            secant_line_length=secant_line_length)
        group.gl_args = dict(x=x, graph=graph, dx=dx or 0.05, dx_line_color=dx_line_color, df_line_color=df_line_color,
                             dx_label=dx_label, df_label=df_label, include_secant_line=include_secant_line,
                             secant_line_color=secant_line_color, secant_line_length=secant_line_length)
        return group

    def animate_secant_slope_group_change(self, group, target_dx=None, target_x=None, run_time=3, added_anims=(),
                                          **kwargs):
        """The secant moves to a new x and/or dx (the group is rebuilt on every frame)."""
        args = dict(group.gl_args)
        x0, dx0 = args["x"], args["dx"]
        x1, dx1 = (x0 if target_x is None else target_x), (dx0 if target_dx is None else target_dx)

        def update(mob, alpha):
            new = self.get_secant_slope_group(**{**args, "x": interpolate(x0, x1, alpha),
                                                 "dx": interpolate(dx0, dx1, alpha)})
            mob.become(new)
        self.play(UpdateFromAlphaFunc(group, update, run_time=run_time, **kwargs), *(added_anims or ()))
        group.gl_args = {**args, "x": x1, "dx": dx1}'''

ASSET = '''class _AssetStandIn(VGroup):
    """A labelled frame in place of an SVG or image file that only exists in the author's own setup. Scenes
    index the parts of their drawings (mammoth[9]): a part the frame lacks is an invisible point at its centre."""

    def __getitem__(self, key):
        if isinstance(key, int) and not -len(self.submobjects) <= key < len(self.submobjects):
            return VectorizedPoint(self.get_center())
        return super().__getitem__(key)


def _asset_stand_in(file_name, kwargs):
    """The stand-in for file_name, sized as the scene asked."""
    label = Text(str(file_name).split("/")[-1].rsplit(".", 1)[0][:24] or "image", font_size=24, color=GREY_B)
    box = RoundedRectangle(corner_radius=0.15, width=max(2.0, label.width + 0.5), height=1.5,
                           stroke_color=GREY_B, stroke_width=2, fill_color=GREY_E, fill_opacity=0.6)
    mob = _AssetStandIn(box, label.move_to(box))
    if kwargs.get("height"):
        mob.scale_to_fit_height(kwargs["height"])
    elif kwargs.get("width"):
        mob.scale_to_fit_width(kwargs["width"])
    return mob


def _svg_or_stand_in(file_name=None, *args, **kwargs):
    """SVGMobject when the file exists, else a labelled stand-in."""
    try:
        return SVGMobject(file_name, *args, **kwargs)
    except OSError:
        return _asset_stand_in(file_name, kwargs)


def _image_or_stand_in(file_name=None, *args, **kwargs):
    """ImageMobject when the file exists, else a labelled stand-in."""
    try:
        return ImageMobject(file_name, *args, **kwargs)
    except OSError:
        return _asset_stand_in(file_name, kwargs)'''

FRAME = '''class _GLFrame(Mobject):
    """GL's camera frame for a CE ThreeDScene. Its three points hold (theta, phi, gamma) in GL's convention,
    the centre, and (height, 0, 0), so .animate and Transform interpolate the view; an updater hands the
    state to CE's ThreeDCamera on every frame."""

    def __init__(self, scene):
        super().__init__()
        cam = scene.camera
        self.points = np.array([[cam.get_theta() + PI / 2, cam.get_phi(), cam.get_gamma()],
                                np.array(cam.frame_center, dtype=float), [config.frame_height / cam.get_zoom(), 0, 0]])
        self.add_updater(lambda m: m.push(cam))  # a closure, so copies (.animate targets) share the camera

    def push(self, cam):
        theta, phi, gamma = self.points[0]
        cam.set_theta(theta - PI / 2)
        cam.set_phi(phi)
        cam.set_gamma(gamma)
        cam.frame_center = self.points[1]
        cam.set_zoom(config.frame_height / max(self.points[2][0], 1e-3))
        return self

    def interpolate_color(self, *args):
        return self  # no colour: only the points (the view) are interpolated

    def reorient(self, theta_degrees=None, phi_degrees=None, gamma_degrees=None, center=None, height=None):
        for i, value in enumerate((theta_degrees, phi_degrees, gamma_degrees)):
            if value is not None:
                self.points[0][i] = value * DEGREES
        if center is not None:
            self.move_to(center)
        return self.set_height(height) if height is not None else self

    def set_euler_angles(self, theta=None, phi=None, gamma=None, units=1):
        for i, value in enumerate((theta, phi, gamma)):
            if value is not None:
                self.points[0][i] = value * units
        return self

    def increment_theta(self, dtheta):
        self.points[0][0] += dtheta
        return self

    def increment_phi(self, dphi):
        self.points[0][1] += dphi
        return self

    def set_theta(self, theta):
        return self.set_euler_angles(theta=theta)

    def set_phi(self, phi):
        return self.set_euler_angles(phi=phi)

    def get_theta(self):
        return self.points[0][0]

    def get_phi(self):
        return self.points[0][1]

    def get_gamma(self):
        return self.points[0][2]

    def get_euler_angles(self):
        return self.points[0].copy()

    def get_focal_distance(self):
        return 2 * self.points[2][0]  # GL's default focal distance is twice the frame height

    def get_implied_camera_location(self):
        theta, phi = self.points[0][:2]  # GL's zxz Euler angles: the camera's OUT axis in world coordinates
        to_camera = np.array([np.sin(theta) * np.sin(phi), -np.cos(theta) * np.sin(phi), np.cos(phi)])
        return self.points[1] + self.get_focal_distance() * to_camera

    def add_ambient_rotation(self, angular_speed=1 * DEGREES):
        return self.add_updater(lambda m, dt: m.increment_theta(angular_speed * dt))

    def set_field_of_view(self, *args, **kwargs):
        return self

    def to_default_state(self):
        self.points = np.array([[0, 0, 0], [0, 0, 0], [config.frame_height, 0, 0]], dtype=float)
        return self

    def get_center(self):
        return self.points[1].copy()

    def move_to(self, point_or_mobject, *args, **kwargs):
        point = point_or_mobject.get_center() if isinstance(point_or_mobject, Mobject) else point_or_mobject
        self.points[1] = np.array(point, dtype=float)
        return self

    def shift(self, *vectors):
        self.points[1] = self.points[1] + sum(np.array(v, dtype=float) for v in vectors)
        return self

    def set_x(self, x, *args):
        self.points[1][0] = x
        return self

    def set_y(self, y, *args):
        self.points[1][1] = y
        return self

    def set_z(self, z, *args):
        self.points[1][2] = z
        return self

    def get_height(self):
        return self.points[2][0]

    def get_width(self):
        return self.points[2][0] * config.frame_width / config.frame_height

    def set_height(self, height, *args, **kwargs):
        self.points[2][0] = height
        return self

    def set_width(self, width, *args, **kwargs):
        return self.set_height(width * config.frame_height / config.frame_width)

    scale_to_fit_height, scale_to_fit_width = set_height, set_width

    def scale(self, factor, *args, **kwargs):
        self.points[2][0] *= factor
        return self


def _scene_frame(self):
    """GL's self.frame: the moving camera's frame in 2D, a _GLFrame (added to the scene once) in 3D."""
    if isinstance(self, ThreeDScene):
        if self._gl_frame is None:
            self._gl_frame = _GLFrame(self)
            self.add(self._gl_frame)
        return self._gl_frame
    return self.camera.frame


Scene._gl_frame = None
Scene.frame = property(_scene_frame)'''

# GL render settings with no meaning for CE's Cairo renderer (depth tests, lighting, winding fill, ...).
NOOP_METHODS = ("make_3d", "always_sort_to_camera", "apply_depth_test", "deactivate_depth_test", "set_gloss",
                "set_reflectiveness", "set_shadow", "use_winding_fill", "set_anti_alias_width", "set_joint_type",
                "set_flat_stroke", "set_clip_plane", "set_uniform", "set_color_by_code", "set_backstroke_width",
                "insert_n_curves_to_point_list", "fix_orientation", "unfix_from_frame", "refresh_bounding_box")
NOOP_GETTERS = ("get_gloss", "get_shadow", "get_reflectiveness")
NOOP = "\n".join(["def _gl_render_setting(self, *args, **kwargs):",
                  '    """A GL render setting (depth test, lighting, ...) with no meaning for CE\'s Cairo renderer."""',
                  "    return self", "", ""] + [f"Mobject.{m} = _gl_render_setting" for m in NOOP_METHODS]
                 + [f"Mobject.{m} = lambda self: 0.0  # no such setting in CE" for m in NOOP_GETTERS])

TEX_INDEX = '''_ce_tex_getitem = MathTex.__getitem__


def _tex_getitem(self, key):
    """GL's tex["x"]: every occurrence of the substring, as isolated when the MathTex was made (the converter
    adds the keys a scene indexes with to substrings_to_isolate); an empty group when it was not isolated.
    Older GL indexed a one-string Tex by glyph: tex[3] past CE's single part is glyph 3 (tex[0] stays the part,
    as later GL has it)."""
    if isinstance(key, str):
        return VGroup(*[self.id_to_vgroup_dict[i] for t, i in self.matched_strings_and_ids if t == key])
    parts = self.submobjects
    if isinstance(key, int) and not -len(parts) <= key < len(parts) and not isinstance(self, BulletedList):
        split = _gl_parts(self)
        return split[key] if split is not None else parts[0][key]
    return _ce_tex_getitem(self, key)


def _gl_parts(self):
    """GL split a MathTex's parts at its isolated substrings (tex_to_color_map keys too) and indexed those pieces;
    CE keeps one part per argument. The pieces, glyph runs of CE's parts (None when nothing was isolated)."""
    pieces = [self.id_to_vgroup_dict[i] for t, i in self.matched_strings_and_ids if i.endswith("substring")]
    if not pieces:
        return None
    owner = {id(g): n for n, piece in enumerate(pieces) for g in piece.family_members_with_points()}
    split = []
    for part in self.submobjects:
        run, key = [], None
        for glyph in part.submobjects:
            k = owner.get(id(glyph), -1)
            if run and k != key:
                split.append(VGroup(*run))
                run = []
            run, key = run + [glyph], k
        if run:
            split.append(VGroup(*run))
    return split


def _tex_init(self, *tex_strings, **kwargs):
    """Old GL's Tex(["a", "b"]): the parts as one list."""
    if len(tex_strings) == 1 and isinstance(tex_strings[0], (list, tuple)):
        tex_strings = tuple(tex_strings[0])
    for gl, ce in (("isolate", "substrings_to_isolate"), ("t2c", "tex_to_color_map")):  # often inside a **kw dict
        if gl in kwargs:
            kwargs[ce] = kwargs.pop(gl)
    _ce_tex_init(self, *tex_strings, **kwargs)


def _index_of_part_by_tex(self, tex, start=0, **kwargs):
    """GL's index_of_part_by_tex: the index of the first part (from `start`) holding `tex`."""
    for i, part in enumerate(self.submobjects[start:], start):
        if tex in (getattr(part, "tex_string", None) or ""):
            return i
    raise ValueError(f"no part of the MathTex holds {tex!r}")


_ce_tex_init = MathTex.__init__
MathTex.__init__ = _tex_init
MathTex.__getitem__ = _tex_getitem
MathTex.index_of_part_by_tex = _index_of_part_by_tex
VMobject.get_tex = lambda self: getattr(self, "tex_string", None) or str(getattr(self, "number", ""))  # GL's name
# unpacking a one-string Tex (lb, rb = Tex("\\{ \\}")) yields its glyphs, as in GL
MathTex.__iter__ = lambda self: iter(self.submobjects[0].submobjects if len(self.submobjects) == 1
                                     and not isinstance(self, BulletedList) else self.split())'''

HELPERS = {
    "_gl_render_setting": NOOP,
    "_tex_getitem": TEX_INDEX,
    "always": ALWAYS,
    "_scene_frame": FRAME,
    "GraphScene": GRAPH_SCENE,
    "_svg_or_stand_in": ASSET,
    "_select_part": '''def _select_parts(self, selector):
    """GL's select_parts / get_parts_by_text: every match of the selector, as tex["..."] gives them."""
    return self[selector]


def _select_part(self, selector, index=0):
    """GL's select_part / get_part_by_text: one match, the first by default."""
    return self[selector][index]


for _cls in (Text, MathTex):
    _cls.select_parts = _cls.get_parts_by_text = _select_parts
    _cls.select_part = _cls.get_part_by_text = _select_part''',
    "_make_number_changeable": '''def _make_number_changeable(self, value, index=0, replace_all=False, **config):
    """GL's make_number_changeable: the glyphs of `value` in a Tex or Text become a DecimalNumber in their place,
    which the scene can then animate (set_value, updaters)."""
    text = str(value)
    matches = list(self[text])
    if not matches:
        return VGroup()
    config.setdefault("num_decimal_places", len(text.split(".")[1]) if "." in text else 0)
    decimals = []
    for part in matches if replace_all else [matches[index]]:
        glyphs = part.submobjects or [part]
        decimal = DecimalNumber(float(value), **config).replace(part, dim_to_match=1).set_color(part.get_color())
        owner = next((m for m in self.get_family() if any(g is glyphs[0] for g in m.submobjects)), None)
        if owner is None:
            self.add(decimal)
        else:
            at = [i for i, m in enumerate(owner.submobjects) if m is glyphs[0]][0]
            rest = [m for m in owner.submobjects[at + 1:] if not any(m is g for g in glyphs)]
            owner.submobjects = owner.submobjects[:at] + [decimal] + rest
        decimals.append(decimal)
    return VGroup(*decimals) if replace_all else decimals[0]


VMobject.make_number_changeable = _make_number_changeable''',
    "_set_shape": '''def _set_shape(self, width=None, height=None, depth=None, **kwargs):
    """GL's set_shape: stretch to the given width, height and depth."""
    for value, dim in ((width, 0), (height, 1), (depth, 2)):
        if value is not None:
            self.rescale_to_fit(value, dim, stretch=True)
    return self


Mobject.set_shape = _set_shape''',
    "_colour_methods": '''_ce_color_init = ManimColor.__init__


def _color_init(self, value=None, alpha=1.0, hue=None, saturation=1.0, luminance=0.5, rgb=None):
    """GL's Color (the colour package) also took hue / saturation / luminance or rgb keywords."""
    if hue is not None:
        value = ManimColor.from_hsl((hue, saturation, luminance))
    elif rgb is not None:
        value = ManimColor.from_rgb(tuple(float(x) for x in rgb))  # floats: CE reads ints as 0-255
    _ce_color_init(self, value, alpha)


ManimColor.__init__ = _color_init
ManimColor.range_to = lambda self, end, n: color_gradient([self, end], n)  # the colour package's names
ManimColor.get_rgb = ManimColor.to_rgb''',
    "_space_unit": '''# old GL's planes: space units per unit of x and y
NumberPlane.space_unit_to_x_unit = property(lambda self: self.x_axis.unit_size)
NumberPlane.space_unit_to_y_unit = property(lambda self: self.y_axis.unit_size)''',
    "_svg_subclass": '''_ce_svg_init = SVGMobject.__init__


def _svg_init(self, file_name=None, *args, **kwargs):
    """A subclass of SVGMobject (GL named its file in CONFIG) whose file only exists in the author's setup draws
    the labelled stand-in; SVGMobject itself still raises, for _svg_or_stand_in to catch."""
    try:
        _ce_svg_init(self, file_name, *args, **kwargs)
    except (OSError, ValueError):
        if type(self) is SVGMobject:
            raise
        VMobject.__init__(self)
        self.add(*_asset_stand_in(file_name or type(self).__name__, kwargs))


SVGMobject.__init__ = _svg_init''',
    "replicate": '''def _replicate(self, n):
    """GL's replicate(n): n copies in a group."""
    group = VGroup if isinstance(self, VMobject) else Group
    return group(*[self.copy() for _ in range(n)])


Mobject.replicate = _replicate''',
    "get_grid": '''def _get_grid(self, n_rows, n_cols, height=None, width=None, buff=None, h_buff=None, v_buff=None,
              **kwargs):
    """GL's get_grid: n_rows × n_cols copies arranged in a grid."""
    group = (VGroup if isinstance(self, VMobject) else Group)(*[self.copy() for _ in range(n_rows * n_cols)])
    if buff is None:
        buff = (MED_SMALL_BUFF if h_buff is None else h_buff, MED_SMALL_BUFF if v_buff is None else v_buff)
    group.arrange_in_grid(n_rows, n_cols, buff=buff)
    if height is not None:
        group.scale_to_fit_height(height)
    if width is not None:
        group.scale_to_fit_width(width)
    return group


Mobject.get_grid = _get_grid''',
    "_animation_update": '''def _animation_update(self, alpha):
    """GL's animation.update(alpha): CE calls it interpolate. Old GL scenes also call Transform(a, b).update(1)
    without begin() to make a into b."""
    if isinstance(self, Transform) and getattr(self, "target_copy", None) is None and alpha >= 1:
        self.mobject.become(self.target_mobject)
        return self
    return self.interpolate(alpha)


Animation.update = _animation_update''',
    "_lts_moving_pieces": '''def _lts_add_moving_mobject(self, mobject, target_mobject=None):
    """LinearTransformationScene.add_moving_mobject, kept in a list of its own: CE's Scene has a moving_mobjects
    list too (what it redraws each frame); after a wait() it holds the foreground pieces, and apply_matrix would
    then try to move those."""
    mobject.target = target_mobject
    self.gl_moving_pieces = [m for m in getattr(self, "gl_moving_pieces", []) if m is not mobject] + [mobject]


def _lts_moving_mobject_movement(self, func):
    """The movement of the pieces given to add_moving_mobject (see above)."""
    pieces = getattr(self, "gl_moving_pieces", [])
    for m in pieces:
        if m.target is None:
            m.target = m.copy()
        m.target.move_to(func(m.get_center()))
    return self.get_piece_movement(pieces)


LinearTransformationScene.add_moving_mobject = _lts_add_moving_mobject
LinearTransformationScene.get_moving_mobject_movement = _lts_moving_mobject_movement''',
    "_matrix_1d": '''_ce_matrix_init = Matrix.__init__


def _matrix_init(self, matrix, *args, **kwargs):
    """GL's Matrix takes a flat list as a column vector; CE's wants rows."""
    if all(not isinstance(x, (list, tuple, np.ndarray)) for x in matrix):
        matrix = [[x] for x in matrix]
    _ce_matrix_init(self, matrix, *args, **kwargs)


Matrix.__init__ = _matrix_init''',
    "_mob_matrix_array": '''# GL's mob_matrix is a 2D array, so m[:, 0] is a column; CE keeps lists of rows.
Matrix.mob_matrix = property(lambda self: self.gl_mob_rows,
                             lambda self, rows: setattr(self, "gl_mob_rows", _mobject_array(rows)))
Matrix.get_mob_matrix = lambda self: self.mob_matrix''',
    "_insert_n_curves": '''_ce_insert_n_curves = VMobject.insert_n_curves


def _insert_n_curves(self, n, recurse=True):
    """GL's insert_n_curves works through the family; CE's fails on a group, which has no points of its own."""
    for mob in self.family_members_with_points() if recurse else [self]:
        if isinstance(mob, VMobject) and mob.get_num_curves() > 0:
            _ce_insert_n_curves(mob, n)
    return self


VMobject.insert_n_curves = _insert_n_curves''',
    "_unit_normal": '''def _area_vector(self):
    """GL's get_area_vector: half the sum of the cross products of consecutive anchors."""
    anchors = self.get_start_anchors() if len(self.points) else np.zeros((0, 3))
    return 0.5 * np.cross(anchors, np.roll(anchors, -1, axis=0)).sum(axis=0) if len(anchors) > 2 else np.zeros(3)


def _unit_normal(self):
    """GL's get_unit_normal: the direction of the shape's area vector (OUT for a shape with no area)."""
    area = _area_vector(self)
    norm = np.linalg.norm(area)
    return area / norm if norm > 1e-9 else OUT


VMobject.get_unit_normal = _unit_normal
VMobject.get_area_vector = _area_vector''',
    "SpecialThreeDScene": '''class SpecialThreeDScene(ThreeDScene):
    """GL's SpecialThreeDScene on CE's ThreeDScene (CE's own reads self.renderer before the scene has one)."""

    default_angled_camera_position = {"phi": 70 * DEGREES, "theta": -110 * DEGREES}
    sphere_config = {"radius": 2, "resolution": (24, 48)}

    def get_axes(self):
        return ThreeDAxes(x_range=[-3, 3, 1], y_range=[-3, 3, 1], z_range=[-2, 2, 1], x_length=12, y_length=12,
                          z_length=8, axis_config={"stroke_width": 2})

    def get_sphere(self, **kwargs):
        return Sphere(**{**self.sphere_config, **kwargs})

    def get_default_camera_position(self):
        return self.default_angled_camera_position

    def set_camera_to_default_position(self):
        self.set_camera_orientation(**self.default_angled_camera_position)''',
    "_gl_axis_kwargs": '''def _with_step(x_range, lo, hi, step):
    """x_range [lo, hi, step] from GL's separate keywords, each defaulting to what x_range already says."""
    old = list(x_range) if x_range is not None else [-config.frame_x_radius, config.frame_x_radius, 1]
    old += [1] * (3 - len(old))
    return [old[0] if lo is None else lo, old[1] if hi is None else hi, old[2] if step is None else step]


def _number_line_init(self, x_range=None, *args, x_min=None, x_max=None, tick_frequency=None, leftmost_tick=None,
                      number_at_center=None, big_tick_numbers=None, **kwargs):
    """GL's NumberLine keywords (x_min, x_max, tick_frequency, ...), often inside Axes' axis_config dicts."""
    if (x_min, x_max, tick_frequency) != (None, None, None):
        x_range = _with_step(x_range, x_min, x_max, tick_frequency)
    if big_tick_numbers is not None:
        kwargs.setdefault("numbers_with_elongated_ticks", big_tick_numbers)
    _ce_number_line_init(self, x_range, *args, **kwargs)


def _number_plane_init(self, *args, x_line_frequency=None, y_line_frequency=None, **kwargs):
    """GL's NumberPlane line spacing: the step of CE's x_range / y_range."""
    if x_line_frequency is not None:
        kwargs["x_range"] = _with_step(kwargs.get("x_range"), None, None, x_line_frequency)
    if y_line_frequency is not None:
        kwargs["y_range"] = _with_step(kwargs.get("y_range", [-config.frame_y_radius, config.frame_y_radius, 1]),
                                       None, None, y_line_frequency)
    _ce_number_plane_init(self, *args, **kwargs)


def _add_numbers(self, *numbers, x_values=None, **kwargs):
    """GL's add_numbers(1, 2, 3): the numbers as separate arguments (CE: one iterable)."""
    kwargs.pop("height", None)  # GL sized the labels by height; CE by font_size
    if x_values is None and numbers:
        x_values = numbers[0] if len(numbers) == 1 else numbers
    return _ce_add_numbers(self, x_values, **kwargs)


_ce_add_numbers = NumberLine.add_numbers
NumberLine.add_numbers = _add_numbers
def _axes_init(self, x_range=None, y_range=None, *args, x_min=None, x_max=None, y_min=None, y_max=None, **kwargs):
    """GL's Axes(x_min=..., y_max=...), often from a **config dict."""
    if (x_min, x_max) != (None, None):
        x_range = _with_step(x_range, x_min, x_max, None)
    if (y_min, y_max) != (None, None):
        y_range = _with_step(y_range or [-config.frame_y_radius, config.frame_y_radius, 1], y_min, y_max, None)
    _ce_axes_init(self, x_range, y_range, *args, **kwargs)


_ce_axes_init = Axes.__init__
Axes.__init__ = _axes_init
_ce_number_line_init, _ce_number_plane_init = NumberLine.__init__, NumberPlane.__init__
NumberLine.__init__, NumberPlane.__init__ = _number_line_init, _number_plane_init
NumberLine.tick_marks = property(lambda self: self.ticks)  # GL's name for the ticks''',
    "ArrowTip": '''def ArrowTip(angle=0, width=0.35, length=0.35, **kwargs):
    """GL's ArrowTip: a filled triangle pointing along `angle` (CE's ArrowTip is an abstract base)."""
    kwargs = {"fill_opacity": 1, "stroke_width": 0, **kwargs}
    tip = Triangle(**kwargs).rotate(-PI / 2)
    return tip.stretch_to_fit_width(length).stretch_to_fit_height(width).rotate(angle)''',
    "_stroke_width_list": '''_ce_set_stroke = VMobject.set_stroke


def _set_stroke(self, color=None, width=None, *args, **kwargs):
    """GL tapers a stroke given a list of widths; CE draws one width: the widest."""
    if isinstance(width, (list, tuple, np.ndarray)):
        width = float(np.max(width)) if len(width) else None
    return _ce_set_stroke(self, color, width, *args, **kwargs)


VMobject.set_stroke = _set_stroke''',
    "_lock_in_faded_grid": '''def _lock_in_faded_grid(self, dimness=0.7, axes_dimness=0.5):
    """VectorScene.lock_in_faded_grid: a faded plane with brighter axes behind everything (CE's own version
    bakes it into the camera's background through a renderer call that no longer works)."""
    plane = NumberPlane().fade(dimness)
    axes = Axes(x_range=[-8, 8], y_range=[-5, 5], x_length=16, y_length=10, tips=False)
    axes.set_color(WHITE).fade(axes_dimness)
    self.add(plane, axes)
    return self


VectorScene.lock_in_faded_grid = _lock_in_faded_grid''',
    "_replace_submobject": '''def _replace_submobject(self, index, new_submobject):
    """GL's replace_submobject: put new_submobject in place of the part at index."""
    parts = self.submobjects
    parts[index] = new_submobject
    return self


Mobject.replace_submobject = _replace_submobject''',
    "_get_opacity": '''def _get_opacity(self):
    """GL's get_opacity: the fill's opacity, or the stroke's for a shape with no fill."""
    return self.get_fill_opacity() or self.get_stroke_opacity()


VMobject.get_opacity = _get_opacity''',
    "_last_animation_mobjects": '''_ce_play = Scene.play


def _play_noting_mobjects(self, *args, **kwargs):
    """Scene.play that remembers the mobjects it animated, for GL's get_mobjects_from_last_animation."""
    self.gl_last_mobjects = [a.mobject for a in args if getattr(a, "mobject", None) is not None]
    return _ce_play(self, *args, **kwargs)


Scene.play = _play_noting_mobjects
Scene.get_mobjects_from_last_animation = lambda self: list(getattr(self, "gl_last_mobjects", []))''',
    "_fit_with_stretch": '''def _fit_width(self, width, stretch=False, **kwargs):
    """GL's set_width(w, stretch=True) with the keyword in a **kw dict: CE stretches in a method of its own."""
    return self.stretch_to_fit_width(width, **kwargs) if stretch else _ce_fit_width(self, width, **kwargs)


def _fit_height(self, height, stretch=False, **kwargs):
    """The same for heights."""
    return self.stretch_to_fit_height(height, **kwargs) if stretch else _ce_fit_height(self, height, **kwargs)


_ce_fit_width, _ce_fit_height = Mobject.scale_to_fit_width, Mobject.scale_to_fit_height
Mobject.scale_to_fit_width, Mobject.scale_to_fit_height = _fit_width, _fit_height''',
    "_text_getitem": '''_ce_text_getitem = Text.__getitem__


def _text_getitem(self, key):
    """GL's text["word"]: every occurrence of the substring, each a group of its glyphs (CE's Text keeps one
    glyph per character of self.text, which has no whitespace)."""
    if not isinstance(key, str):
        return _ce_text_getitem(self, key)
    word, text, found = "".join(key.split()), self.text, []
    start = text.find(word) if word else -1
    while start >= 0:
        found.append(VGroup(*self.submobjects[start:start + len(word)]))
        start = text.find(word, start + 1)
    return VGroup(*found)


Text.__getitem__ = _text_getitem
Text.string = property(lambda self: self.original_text)  # GL's name for the text as given''',
    "_mobject_array": '''def _mobject_array(items):
    """np.array of mobjects as older NumPy made it: an array of the objects (1D, or 2D for rows), never an
    attempt to read their parts as numbers."""
    items = [list(x) if isinstance(x, (list, tuple, np.ndarray)) else x for x in items]
    nested = bool(items) and all(isinstance(x, list) for x in items)
    out = np.empty((len(items), len(items[0])) if nested else len(items), dtype=object)
    for i, x in enumerate(items):
        if nested:
            for j, y in enumerate(x):
                out[i, j] = y
        else:
            out[i] = x
    return out''',
    "warnings": '''class warnings:
    """GL scenes silence warnings; the warnings module is not allowed in scenes, and there is nothing to silence."""

    filterwarnings = simplefilter = warn = staticmethod(lambda *args, **kwargs: None)''',
    "Square3D": '''def Square3D(side_length=2.0, **kwargs):
    """GL's Square3D (a square surface): a filled square."""
    kwargs.pop("resolution", None)
    return Square(side_length=side_length, fill_opacity=kwargs.pop("opacity", 1), stroke_width=0, **kwargs)''',
    "Disk3D": '''def Disk3D(radius=1, **kwargs):
    """GL's Disk3D (a disk surface): a filled circle."""
    kwargs.pop("resolution", None)
    return Circle(radius=radius, fill_opacity=kwargs.pop("opacity", 1), stroke_width=0, **kwargs)''',
    "SurfaceMesh": '''def SurfaceMesh(surface, resolution=None, stroke_width=1, stroke_color=GREY_A, stroke_opacity=1, **kwargs):
    """GL's SurfaceMesh: the outlines of the surface's faces, with no fill."""
    mesh = surface.copy().set_fill(opacity=0)
    return mesh.set_stroke(stroke_color, stroke_width, opacity=stroke_opacity)''',
    "ShimmerIn": '''def ShimmerIn(mobject, **kwargs):
    """Old GL ShimmerIn: the parts fade in one after another."""
    return FadeIn(mobject, lag_ratio=kwargs.pop("lag_ratio", 0.5), **kwargs)''',
    "TracingTail": '''def TracingTail(mobject_or_func, time_traced=1.0, stroke_width=2, stroke_opacity=1, stroke_color=WHITE, **kwargs):
    """GL's TracingTail: a trail behind a moving point that fades after `time_traced` seconds."""
    func = mobject_or_func.get_center if isinstance(mobject_or_func, Mobject) else mobject_or_func
    width = max(np.atleast_1d(stroke_width))
    return TracedPath(func, stroke_width=width, stroke_color=stroke_color, dissipating_time=time_traced,
                      stroke_opacity=max(np.atleast_1d(stroke_opacity)))''',
    "Checkmark": '''def Checkmark(**kwargs):
    """GL's Checkmark."""
    kwargs.setdefault("color", GREEN)
    return MathTex(r"\\checkmark", **kwargs)''',
    "Exmark": '''def Exmark(**kwargs):
    """GL's Exmark."""
    kwargs.setdefault("color", RED)
    return MathTex(r"\\times", **kwargs)''',
    "FadeOutToPoint": '''def FadeOutToPoint(mobject, point, **kwargs):
    """GL's FadeOutToPoint: shrink away into `point`."""
    return FadeOut(mobject, target_position=point, scale=0, **kwargs)''',
    "FlashUnder": '''def FlashUnder(mobject, time_width=0.5, color=YELLOW, **kwargs):
    """GL's FlashUnder: a flash runs along a line under the mobject."""
    return ShowPassingFlash(Underline(mobject, color=color), time_width=time_width, **kwargs)''',
    "DelayByOrder": '''def DelayByOrder(animation, **kwargs):
    """Old GL DelayByOrder: the animation itself (CE staggers with lag_ratio)."""
    return animation''',
    "ContinualAnimation": '''class ContinualAnimation(Group):
    """Old GL's ContinualAnimation: added to the scene like a mobject (its mobject inside) and moved on by
    update_mobject(dt) on every frame (CE's scene calls update on what it holds)."""

    def __init__(self, mobject, **kwargs):
        super().__init__(mobject)
        self.mobject, self.internal_time = mobject, 0
        self.add_updater(lambda m, dt: None)  # a time-based updater: CE then redraws every frame of a wait

    def update(self, dt=0, recursive=True):
        self.internal_time += dt
        self.update_mobject(dt)
        return super().update(dt, recursive)

    def update_mobject(self, dt):
        pass''',
    "ContinualChangingDecimal": '''class ContinualChangingDecimal(ContinualAnimation):
    """Old GL's ContinualChangingDecimal: the number follows number_update_func(time since it was made)."""

    def __init__(self, decimal_number_mobject, number_update_func, **kwargs):
        self.number_update_func = number_update_func
        super().__init__(decimal_number_mobject, **kwargs)

    def update_mobject(self, dt):
        self.mobject.set_value(self.number_update_func(self.internal_time))''',
    "(LOW|MEDIUM|HIGH|PRODUCTION|FOURK)_QUALITY_CAMERA_CONFIG": '''# GL's camera presets (CE's quality comes from the render command)
LOW_QUALITY_CAMERA_CONFIG = MEDIUM_QUALITY_CAMERA_CONFIG = HIGH_QUALITY_CAMERA_CONFIG = {}
PRODUCTION_QUALITY_CAMERA_CONFIG = FOURK_QUALITY_CAMERA_CONFIG = {}''',
    "(LOW|MEDIUM|HIGH|PRODUCTION)_QUALITY_FRAME_DURATION": '''LOW_QUALITY_FRAME_DURATION = 1 / 15  # GL's frame durations
MEDIUM_QUALITY_FRAME_DURATION = 1 / 30
HIGH_QUALITY_FRAME_DURATION = PRODUCTION_QUALITY_FRAME_DURATION = 1 / 60''',
    "GREEN_SCREEN": '''GREEN_SCREEN = "#00FF00"  # GL's chroma-key colour''',
    "vector_coordinate_label": '''def vector_coordinate_label(vector_mob, integer_labels=True, n_dim=2, color=WHITE, **kwargs):
    """GL's vector_coordinate_label: the column of the vector's coordinates beside its tip."""
    end = np.array(vector_mob.get_end())
    coords = np.round(end[:n_dim]).astype(int) if integer_labels else end[:n_dim]
    label = Matrix(coords.reshape((n_dim, 1))).scale(0.8)
    label.next_to(end, RIGHT if end[0] >= 0 else LEFT).set_color(color)
    label.rect = BackgroundRectangle(label)
    label.add_to_back(label.rect)
    return label''',
    "project_along_vector": '''def project_along_vector(point, vector):
    """GL's project_along_vector: the point with its component along the unit vector removed."""
    return np.dot(point, (np.identity(3) - np.outer(vector, vector)).T)''',
    "cross": '''def cross(v1, v2):
    """GL's cross product of two 3D vectors."""
    return np.cross(v1, v2)''',
    "rotation_matrix_transpose": '''def rotation_matrix_transpose(angle, axis):
    """GL's rotation_matrix_transpose."""
    return rotation_matrix(angle, axis).T''',
    "inverse_(power_law|quadratic)": '''def inverse_power_law(maxint, scale, cutoff, exponent):
    """GL's light falloff: maxint at distance 0, decaying as a power of the distance."""
    return lambda r: maxint * (cutoff / (r / scale + cutoff)) ** exponent


def inverse_quadratic(maxint, scale, cutoff):
    return inverse_power_law(maxint, scale, cutoff, 2)''',
    "VPrism": '''def VPrism(width=1, height=1, depth=1, **kwargs):
    """GL's VPrism: a box of VMobject faces (CE's Prism)."""
    return Prism(dimensions=[width, height, depth], **kwargs)''',
    "DieFace": '''class DieFace(VGroup):
    """GL's DieFace: a rounded square (part 0) and the pips of its value (part 1)."""

    def __init__(self, value, side_length=1.0, corner_radius=0.15, stroke_color=WHITE, stroke_width=2,
                 fill_color=GREY_E, fill_opacity=1.0, dot_radius=0.08, dot_color=BLUE_B, dot_coalesce_factor=0.5,
                 **kwargs):
        square = RoundedRectangle(corner_radius=corner_radius * side_length, width=side_length, height=side_length,
                                  stroke_color=stroke_color, stroke_width=stroke_width, fill_color=fill_color,
                                  fill_opacity=fill_opacity)
        spots = {1: [ORIGIN], 2: [UL, DR], 3: [UL, ORIGIN, DR], 4: [UL, UR, DL, DR], 5: [UL, UR, ORIGIN, DL, DR],
                 6: [UL, UR, LEFT, RIGHT, DL, DR]}[value]
        step = side_length * dot_coalesce_factor / 2
        dots = VGroup(*(Dot(radius=dot_radius * side_length, color=dot_color).shift(step * p) for p in spots))
        super().__init__(square, dots, **kwargs)
        self.value = self.index = value''',
    "(Car|MoveCar)": '''class Car(VGroup):
    """GL's Car (an SVG with a pi creature at the wheel there): a small car drawn with shapes, facing right."""

    def __init__(self, height=1.0, color=RED_D, **kwargs):
        body = RoundedRectangle(corner_radius=0.15, width=2.4, height=0.55, fill_color=color, fill_opacity=1,
                                stroke_width=0)
        cabin = Polygon([-0.7, 0.25, 0], [-0.45, 0.7, 0], [0.45, 0.7, 0], [0.75, 0.25, 0], fill_color=color,
                        fill_opacity=1, stroke_width=0)
        window = cabin.copy().scale(0.7).set_fill(BLUE_E).shift(0.03 * UP)
        self.tires = VGroup(*(Circle(radius=0.22, fill_color=GREY_D, fill_opacity=1, stroke_color=WHITE,
                                     stroke_width=2).move_to([x, -0.3, 0]) for x in (-0.7, 0.7)))
        super().__init__(body, cabin, window, self.tires, **kwargs)
        self.scale_to_fit_height(height)

    def get_tires(self):
        return self.tires

    def get_front_line(self):
        return DashedLine(self.get_corner(UR), self.get_corner(DR))


def MoveCar(car, target_point, **kwargs):
    """GL's MoveCar: the car drives to target_point."""
    return ApplyMethod(car.move_to, target_point, **kwargs)''',
    "(Clock|ClockPassesTime)": '''class Clock(VGroup):
    """GL's Clock: a face with twelve ticks and two hands."""

    def __init__(self, **kwargs):
        face = Circle(color=WHITE)
        ticks = VGroup(*(Line(0.85 * v, v) for v in (rotate_vector(UP, -k * TAU / 12) for k in range(12))))
        hour_hand, minute_hand = Line(ORIGIN, 0.35 * UP), Line(ORIGIN, 0.65 * UP)
        super().__init__(face, ticks, hour_hand, minute_hand, **kwargs)
        self.circle, self.ticks, self.hour_hand, self.minute_hand = face, ticks, hour_hand, minute_hand


def ClockPassesTime(clock, run_time=5, hours_passed=12, **kwargs):
    """GL's ClockPassesTime: the hands turn through hours_passed hours."""
    center = clock.circle.get_center()
    return AnimationGroup(Rotate(clock.hour_hand, -hours_passed * TAU / 12, about_point=center, rate_func=linear),
                          Rotate(clock.minute_hand, -hours_passed * TAU, about_point=center, rate_func=linear),
                          run_time=run_time, **kwargs)''',
    "_parts?_by_tex": '''def _parts_by_tex(tex, key, substring=True, **kwargs):
    """GL's get_parts_by_tex: the isolated matches of key, else (unless substring=False) every part whose TeX
    holds it."""
    found = [tex.id_to_vgroup_dict[i] for s, i in getattr(tex, "matched_strings_and_ids", []) if s == key]
    if not found and substring:
        found = [p for p in tex.submobjects if key in (getattr(p, "tex_string", None) or "")]
    return VGroup(*found)


def _part_by_tex(tex, key, **kwargs):
    """GL's get_part_by_tex: the first of them (None when there is none, as in GL)."""
    parts = _parts_by_tex(tex, key, **kwargs)
    return parts[0] if len(parts) else None''',
    "cmp": '''def cmp(a, b):
    """Python 2's cmp."""
    return (a > b) - (a < b)''',
    "get_dist": '''def get_dist(a, b):
    """GL's get_dist: distance between two points."""
    return np.linalg.norm(np.array(a, dtype=float) - np.array(b, dtype=float))''',
    "log": '''class log:
    """GL's logger, quiet in a converted scene."""

    debug = info = warning = error = staticmethod(lambda *args, **kwargs: None)''',
    "move_along_vector_field": '''def move_along_vector_field(mobject, func, *args, **kwargs):
    """GL's move_along_vector_field: the mobject drifts with the field."""
    return mobject.add_updater(lambda m, dt: m.shift(dt * np.array(func(m.get_center()))))''',
    "move_points_along_vector_field": '''def move_points_along_vector_field(mobject, func, *args, **kwargs):
    """GL's move_points_along_vector_field: every point drifts with the field."""
    return mobject.add_updater(lambda m, dt: m.apply_function(lambda p: p + dt * np.array(func(p))))''',
    "move_submobjects_along_vector_field": '''def move_submobjects_along_vector_field(mobject, func, *args, **kwargs):
    """GL's move_submobjects_along_vector_field: each part drifts with the field."""
    def update(m, dt):
        for sub in m:
            sub.shift(dt * np.array(func(sub.get_center())))
    return mobject.add_updater(update)''',
    "(RIGHT_SIDE|LEFT_SIDE|TOP|BOTTOM)": '''RIGHT_SIDE, LEFT_SIDE = config.frame_x_radius * RIGHT, config.frame_x_radius * LEFT  # GL's frame edges
TOP, BOTTOM = config.frame_y_radius * UP, config.frame_y_radius * DOWN''',
    "(Vect2|Vect3|Vect4|VectN|VectArray|Vect3Array|Matrix)": '''Vect2 = Vect3 = Vect4 = VectN = VectArray = Vect3Array = Matrix = np.ndarray  # GL's type aliases''',
}

# Shims for methods: added when the code matches the pattern (the name itself is not a free name).
METHOD_TRIGGERS = {
    "_text_getitem": r"\bText\(",
    "_fit_with_stretch": r"[\"']stretch[\"']",
    "_last_animation_mobjects": r"\.get_mobjects_from_last_animation\(",
    "_get_opacity": r"\.get_opacity\(",
    "_replace_submobject": r"\.replace_submobject\(",
    "_lock_in_faded_grid": r"\.lock_in_faded_grid\(",
    "_stroke_width_list": r"width\s*=\s*[\[(]|set_stroke\([^()]*(,\s*\[|width\s*=\s*[^,()]*\*)",
    "ArrowTip": r"\bArrowTip\(",
    "_gl_axis_kwargs": r"\.add_numbers\(|\b(tick_marks|big_tick_numbers|tick_frequency|[xy]_line_frequency|leftmost_tick|number_at_center)\b|[\"'][xy]_m(in|ax)[\"']",
    "SpecialThreeDScene": r"\bSpecialThreeDScene\b",
    "_unit_normal": r"\.get_(unit_normal|area_vector)\(",
    "_insert_n_curves": r"\.insert_n_curves\(",
    "_mob_matrix_array": r"\.(get_mob_matrix\(|mob_matrix\b)",
    "_matrix_1d": r"\b(Integer|Decimal|Mobject)?Matrix\(",
    "_lts_moving_pieces": r"\bLinearTransformationScene\b",
    "_tex_getitem": r"\b(Math)?Tex\(",
    "_gl_render_setting": r"\.(" + "|".join(NOOP_METHODS + NOOP_GETTERS) + r")\(",
    "_scene_frame": r"\bself\.frame\b",
    "always": r"\.f?_?always\.",
    "replicate": r"\.replicate\(",
    "get_grid": r"\.get_grid\(",
    "_animation_update": r"\.begin\(\)|\)\.update\(1\)",
    "_svg_or_stand_in": r"_(svg|image)_or_stand_in\(",
    "_svg_subclass": r"\bclass \w+\(\s*SVGMobject\s*[,)]",
    "_select_part": r"\.(select_parts?|get_parts?_by_text)\(",
    "_make_number_changeable": r"\.make_number_changeable\(",
    "_set_shape": r"\.set_shape\(",
    "_colour_methods": r"\.(range_to|get_rgb)\(|\b(Manim)?Color\([^()]*\b(hue|rgb)\s*=",
    "_space_unit": r"\bspace_unit_to_[xy]_unit\b",
}
# Shims whose text uses another shim, which then comes along.
SHIM_NEEDS = {"_mob_matrix_array": ("_mobject_array",), "_svg_subclass": ("_svg_or_stand_in",),
              "_select_part": ("_tex_getitem", "_text_getitem"),
              "_make_number_changeable": ("_tex_getitem", "_text_getitem"),
              "ContinualChangingDecimal": ("ContinualAnimation",)}
# Change labels other than "shim for NAME" (the benchmark counts scenes that render thanks to asset stand-ins).
SHIM_LABELS = {"_svg_subclass": "asset stand-in for SVGMobject subclasses whose files are missing",
               "(Car|MoveCar)": "asset stand-in for GL's Car (an SVG file there)"}

# GL names CE spells differently (identifier renames, applied with the converter's other renames).
RENAMES = {"interpolate_color_by_hsl": "interpolate_color", "VCube": "Cube", "SingleStringTex": "SingleStringMathTex",
           "rotate_vector_2d": "rotate_vector"}
