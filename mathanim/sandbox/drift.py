"""Child side of what the fixer cannot see in the source: calls whose values only show at run time (a point
computed by numpy, an arrow built in a lambda, a MathTex part that get_part_by_tex returned), where the scene
means one thing and manim 0.22 stops with an error. Each patch changes only the case that would fail, does
exactly what the call means, and records its name in USED; render.py turns the names into the result's
`fixes` (FIXES). Loaded by child.py (trusted, before the guard): no mathanim imports, manim's inside functions.
"""

FIXES = {
    "points_2d": "manim points are 3D: 2D points computed at run time (e.g. np.linalg.eig's eigenvectors) given "
                 "to a line, dot, circle, polygon, move_to, next_to or shift got z = 0",
    "grow_arrow": "GrowArrow of a mobject that is no manim Arrow (an Arrow3D, one made in always_redraw): grown "
                  "from its start without Arrow's scale_tips",
    "shift_rows": "shift() of a group by an array with one row per part: each part shifted by its own row",
    "vgroup_of_mobjects": "VGroup(...) of mobjects that are not all VMobjects (an image, a point cloud, a "
                          "tracker): made a Group, which holds any mobject",
    "families_zip": "two animations of one mobject in one play (a Transform changed its parts under the other): "
                    "paired the parts as far as both go, as manim did before it checked the lengths",
    "interpolate_lists": "interpolate() of points written as lists: computed with them as arrays",
    "fixed_in_frame_set": "self.fixed_in_frame_mobjects of a ThreeDScene: its camera's set of them",
    "group_pop": "group.pop(): took the group's last part (or the one at the index) out of it and gave it back, "
                 "as a list's pop does (manim's groups act as lists but have no pop)",
    "plane_get_lines": "NumberPlane.get_lines(): manim's name for it until 2021; now _get_lines (the same lines)",
    "move_camera_function": "move_camera(lambda t: {...}) with the camera's values as a function of time: moved "
                            "the camera to the values it gives at the end (t = 1)",
    "surface_point": "surface.surface_point_from_coords(u, v): the surface's point at parameters (u, v), from its "
                     "own function (the surface was not moved since it was made)",
    "mobject_kwargs": "keyword arguments that no manim mobject takes (such as label= given to Axes.plot) reached "
                      "Mobject and were dropped, as the fixer drops them in a class's own call",
    "flat_depth": "depth set on a flat mobject (a scene's own number, such as a star's parallax depth): kept "
                  "and given back when read, where manim 0.22 keeps nothing and reads 0",
    "gradient_of_nothing": "a mobject with a colour gradient and no finite points (made by dividing by zero): "
                           "drawn as nothing, as manim draws such a mobject of one colour, where it stopped",
    "failed_play": "a play that failed inside the scene's own try/except: its unfinished video segment was "
                   "discarded, so the scene went on as it meant to (manim 0.22 kept it open and stopped the next "
                   "play)",
    "tex_part_index": "get_part_by_tex() gave the MathTex's own part, as older CE did (manim 0.22 gives the "
                      "glyphs one level deeper, which index_of_part and submobjects.index never find)",
}
USED: set[str] = set()


def install(job) -> None:
    """Patch manim for every job (check, render, layout)."""
    _planar_points()
    _grow_arrow()
    _tex_part_index()
    _vgroup_of_mobjects()
    _families_zip()
    _interpolate_lists()
    _fixed_in_frame_set()
    _group_pop()
    _plane_get_lines()
    _move_camera_function()
    _wait_adds_nothing()
    _surface_point()
    _mobject_kwargs()
    _flat_depth()
    _gradient_of_nothing()
    _failed_play()


def _planar_points():
    """2D points computed at run time (an eigenvector of a 2x2 matrix from np.linalg.eig, a row of a 2-column
    array, np.linalg.solve's answer) get z = 0 where manim takes a point: a line's or an arrow's ends, a dot's
    centre, an arc's or circle's centre, a polygon's vertices, move_to, next_to and shift. That is what a 2D
    scene means; manim stops with a broadcast error. The fixer pads the literal ones. Complex points stay the
    error they are. shift() also takes one row per part (`dots.shift(np.random.normal(0, 0.1, (50, 3)))`)."""
    import numbers

    import numpy as np
    from manim import Arc, Dot, Line, Mobject, Polygon

    def pad(p):  # called on every shift: the common cases leave after one isinstance
        if isinstance(p, np.ndarray):
            if p.shape != (2,) or p.dtype.kind not in "biuf":
                return p
        elif not (isinstance(p, (list, tuple)) and len(p) == 2
                  and all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in p)):
            return p
        USED.add("points_2d")
        return np.append(np.asarray(p, dtype=float), 0.0)

    original = Line._pointify
    Line._pointify = lambda self, m, direction=None: pad(original(self, m, direction))
    first, every, none = slice(0, 1), slice(None), slice(0, 0)
    _wrap_args(Mobject, "move_to", pad, first)
    _wrap_args(Mobject, "next_to", pad, first)
    _wrap_args(Mobject, "shift", pad, every)
    _shift_rows(Mobject)
    _wrap_args(Polygon, "__init__", pad, every)
    _wrap_args(Dot, "__init__", pad, first, keyword="point")
    _wrap_args(Arc, "__init__", pad, none, keyword="arc_center")


def _wrap_args(cls, name: str, pad, points: slice, keyword: str = "") -> None:
    """cls.name with `pad` applied to the positional arguments `points` selects and to the keyword `keyword`."""
    original = getattr(cls, name)

    def wrapped(self, *args, **kwargs):
        if args[points]:
            args = list(args)
            args[points] = [pad(a) for a in args[points]]
        if keyword and keyword in kwargs:
            kwargs[keyword] = pad(kwargs[keyword])
        return original(self, *args, **kwargs)

    wrapped.__wrapped__ = original
    setattr(cls, name, wrapped)


def _shift_rows(cls) -> None:
    """`group.shift(rows)` with one vector of 2 or 3 numbers per part of the group (more than one part): each
    part shifted by its row. manim adds the array to every part's points and fails to broadcast."""
    import numpy as np

    original = cls.shift

    def shift(self, *vectors):
        n = len(self.submobjects)
        if n > 1 and len(vectors) == 1 and isinstance(vectors[0], np.ndarray) and vectors[0].shape in ((n, 3), (n, 2)):
            USED.add("shift_rows")
            rows = vectors[0] if vectors[0].shape[1] == 3 else np.column_stack([vectors[0], np.zeros(n)])
            for part, row in zip(self.submobjects, rows, strict=True):
                part.shift(row)
            return self
        return original(self, *vectors)

    shift.__wrapped__ = original
    cls.shift = shift


def _grow_arrow():
    """GrowArrow scales the arrow to nothing with Arrow's own `scale_tips`; an Arrow3D (a Line3D with a cone)
    and other mobjects take no such keyword and stop the scene. Those are grown from their start as
    GrowFromPoint grows anything, which is what the animation means."""
    from manim import Arrow, GrowArrow

    original = GrowArrow.create_starting_mobject

    def create_starting_mobject(self):
        if isinstance(self.mobject, Arrow):
            return original(self)
        USED.add("grow_arrow")
        start = self.mobject.copy().scale(0, about_point=self.point)
        return start.set_color(self.point_color) if self.point_color else start

    GrowArrow.create_starting_mobject = create_starting_mobject


def _tex_part_index():
    """manim 0.22's get_part_by_tex returns the group of glyphs of a match, one level below the MathTex's parts
    (older CE returned the part itself), so its own index_of_part never finds it, nor does
    `tex.submobjects.index(...)`. A match whose glyphs are exactly one part's is that part; index_of_part of a
    part not found as it is gives the first part whose glyphs include all of its glyphs."""
    from manim import MathTex

    def glyphs(mob):
        return {id(m) for m in mob.family_members_with_points()}

    original_get, original_index = MathTex.get_part_by_tex, MathTex.index_of_part

    def get_part_by_tex(self, tex, **kwargs):
        found = original_get(self, tex, **kwargs)
        if found is not None and all(found is not mob for mob in self.submobjects) and (want := glyphs(found)):
            same = next((mob for mob in self.submobjects if glyphs(mob) == want), None)
            if same is not None:
                USED.add("tex_part_index")
                return same
        return found

    def index_of_part(self, part):
        if any(mob is part or mob == part for mob in self.submobjects):
            return original_index(self, part)
        want = glyphs(part)
        for i, mob in enumerate(self.submobjects):
            if want and want <= glyphs(mob):
                USED.add("tex_part_index")
                return i
        return original_index(self, part)

    MathTex.get_part_by_tex, MathTex.index_of_part = get_part_by_tex, index_of_part


def _vgroup_of_mobjects():
    """`VGroup(*self.mobjects)` and the like: a VGroup refuses a member that is no VMobject (an ImageMobject, a
    PMobject, a ValueTracker), while the scene only means to group them, which a Group does. Made with its
    members alone (no keywords: those may be a VMobject's style), given as mobjects or as one list of them."""
    from manim import Group, Mobject, VGroup, VMobject

    def new(cls, *args, **kwargs):
        members = list(args[0]) if len(args) == 1 and isinstance(args[0], (list, tuple)) else args
        if cls is VGroup and not kwargs and members and all(isinstance(m, Mobject) for m in members) \
                and not all(isinstance(m, VMobject) for m in members):
            USED.add("vgroup_of_mobjects")
            return Group(*members)
        return object.__new__(cls)

    VGroup.__new__ = new


def _families_zip():
    """A Transform pairs its mobject's, start's and target's parts; another animation of the same mobject in
    the same play (`g.animate.set_opacity(0.2), Transform(g, other)`) changes those parts after the pairing and
    manim 0.22 stops ("zip() argument 2 is shorter"). Older manim paired them as far as both went, which is
    what such scenes were made with."""
    from manim import Transform

    def get_all_families_zipped(self):
        families = [m.family_members_with_points() for m in (self.mobject, self.starting_mobject, self.target_copy)]
        if len({len(f) for f in families}) > 1:
            USED.add("families_zip")
        return zip(*families, strict=False)

    Transform.get_all_families_zipped = get_all_families_zipped


def _interpolate_lists():
    """manim takes a point as a list anywhere (`Dot([1, 2, 0])`), but its interpolate() multiplies the list by
    a float and stops. Lists of numbers become arrays first. Patched where scenes get the name (`from manim
    import *` runs after this); manim's own modules keep theirs and pass arrays."""
    import manim
    import numpy as np
    from manim.utils import bezier

    original = bezier.interpolate

    def interpolate(start, end, alpha):
        if isinstance(start, (list, tuple)) or isinstance(end, (list, tuple)):
            USED.add("interpolate_lists")
            start, end = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
        return original(start, end, alpha)

    interpolate.__wrapped__ = original
    manim.interpolate = bezier.interpolate = interpolate


def _fixed_in_frame_set():
    """A ThreeDScene keeps the mobjects fixed in the frame in its camera (`add_fixed_in_frame_mobjects` puts
    them there); scenes ask the scene itself (`if m in self.fixed_in_frame_mobjects: ...`). Read from the
    camera, unless the scene keeps an attribute of that name itself (a non-data descriptor: it yields to it)."""
    from manim import ThreeDScene

    class CameraSet:
        def __get__(self, scene, owner=None):
            if scene is None:
                return self
            USED.add("fixed_in_frame_set")
            return scene.renderer.camera.fixed_in_frame_mobjects

    if not hasattr(ThreeDScene, "fixed_in_frame_mobjects"):
        ThreeDScene.fixed_in_frame_mobjects = CameraSet()


def _group_pop():
    """`group.pop()` treats a group as the list it acts as (len, indexing, iteration, add, remove): the part
    at the index leaves the group and is returned. manim has no pop, so nothing else calls this."""
    from manim import Mobject

    if hasattr(Mobject, "pop"):
        return

    def pop(self, index=-1):
        part = self.submobjects[index]  # IndexError on an empty group, as a list's pop
        USED.add("group_pop")
        self.remove(part)
        return part

    Mobject.pop = pop


def _plane_get_lines():
    """manim CE's NumberPlane.get_lines() ("generate all the lines, faded and not faded") was renamed
    _get_lines in 2021 with the same result; 0.22 answers the old name with an AttributeError about `lines`."""
    from manim import NumberPlane

    if "get_lines" in vars(NumberPlane) or not hasattr(NumberPlane, "_get_lines"):
        return

    def get_lines(self):
        USED.add("plane_get_lines")
        return self._get_lines()

    NumberPlane.get_lines = get_lines


CAMERA_KEYS = ("phi", "theta", "gamma", "zoom", "focal_distance", "frame_center")


def _move_camera_function():
    """`self.move_camera(lambda t: {"zoom": interpolate(3, 2.5, t), "phi": ...}, run_time=3)` gives the camera's
    values along the move as a function of time; manim takes the values themselves and stops (float() of a
    function). move_camera animates from where the camera is to the values given, which is where the function
    ends: its values at t = 1. Any other callable or key stays the error it is."""
    from manim import ThreeDScene

    original = ThreeDScene.move_camera

    def move_camera(self, phi=None, *args, **kwargs):
        if callable(phi) and not args:
            try:
                end = phi(1.0)
            except Exception:  # noqa: BLE001 - not such a function: manim's own error follows
                end = None
            if isinstance(end, dict) and end and set(end) <= set(CAMERA_KEYS) and not set(end) & set(kwargs):
                USED.add("move_camera_function")
                return original(self, **end, **kwargs)
        return original(self, phi, *args, **kwargs)

    ThreeDScene.move_camera = move_camera


def _wait_adds_nothing():
    """manim CE's open bug #3040: every wait() adds the Wait animation's empty placeholder Mobject to the scene,
    so `self.mobjects[-1]` after a wait is no mobject the scene made (ManimGL and the fix proposed upstream add
    none). The placeholder stays out; it has no points, so nothing on screen changes, and nothing is reported."""
    from manim import Scene, Wait

    original = Scene.add_mobjects_from_animations

    def add_mobjects_from_animations(self, animations):
        return original(self, [a for a in animations if not isinstance(a, Wait)])

    Scene.add_mobjects_from_animations = add_mobjects_from_animations


def _surface_point():
    """`surface.surface_point_from_coords(u, v)` asks for the point of a parametric Surface at parameters (u, v):
    its own function there, while the surface stands where that function put it (its first and last faces
    still start at func(u1, v1)); a surface moved since keeps the AttributeError, as no point can be trusted."""
    import numpy as np
    from manim import Surface

    if hasattr(Surface, "surface_point_from_coords"):
        return

    def unmoved(surface):
        faces = [f for f in (surface.submobjects[:1] + surface.submobjects[-1:]) if hasattr(f, "u1")]
        return bool(faces) and all(len(f.points) and np.allclose(f.points[0], surface.func(f.u1, f.v1), atol=1e-6)
                                   for f in faces)

    def surface_point_from_coords(self, u, v):
        if not unmoved(self):
            raise AttributeError(f"{type(self).__name__} object has no attribute 'surface_point_from_coords'")
        USED.add("surface_point")
        return np.asarray(self.func(u, v), dtype=float)

    Surface.surface_point_from_coords = surface_point_from_coords


def _mobject_kwargs():
    """Keyword arguments flow down a mobject's constructors to Mobject.__init__, which takes none it does not
    name: `ax.plot(f, color=RED, label="f")` stops with "unexpected keyword argument 'label'" (a Matplotlib
    habit). The fixer drops such keywords from a class's own call; one passed through a method (plot, get_graph,
    get_vector) is dropped here, where it would stop the scene. Everything else reaches manim unchanged."""
    import inspect

    from manim import Mobject

    original = Mobject.__init__
    sig = inspect.signature(original)  # through pacing's wrapper (__wrapped__) to manim's own
    if any(p.kind is p.VAR_KEYWORD for p in sig.parameters.values()):
        return
    names = set(sig.parameters)

    def __init__(self, *args, **kwargs):
        if not names.issuperset(kwargs):
            USED.add("mobject_kwargs")
            kwargs = {k: v for k, v in kwargs.items() if k in names}
        original(self, *args, **kwargs)

    __init__.__wrapped__ = original
    Mobject.__init__ = __init__


def _flat_depth():
    """`star.depth = 1.3` on a flat mobject: manim's depth is the extent along z, which scaling cannot give a
    flat mobject, so it keeps nothing and `star.depth` reads 0 (a scene dividing by it turns its stars into
    NaN). A scene that sets depth on a flat mobject means its own number: kept, and given back while the
    mobject stays flat. A mobject with depth scales as before."""
    from manim import Mobject

    depth = Mobject.depth

    def get(self):
        extent = depth.fget(self)
        if extent == 0 and "_flat_depth" in self.__dict__:
            USED.add("flat_depth")
            return self.__dict__["_flat_depth"]
        return extent

    def set_(self, value):
        if depth.fget(self) == 0 and value:
            self.__dict__["_flat_depth"] = value
        else:
            depth.fset(self, value)

    Mobject.depth = property(get, set_, doc=depth.__doc__)


def _gradient_of_nothing():
    """A mobject whose points are not finite is drawn by manim as nothing (one point at the origin), unless it
    has a colour gradient: then Cairo's LinearGradient gets that one point and the scene stops. It is drawn as
    nothing in one colour instead: the same pixels as any such mobject."""
    from manim.camera.camera import Camera

    original = Camera.set_cairo_context_color

    def set_cairo_context_color(self, ctx, rgbas, vmobject):
        try:  # called for every face of every frame (a 3D face's shading makes two colours): no checks before
            return original(self, ctx, rgbas, vmobject)
        except TypeError:
            ends = vmobject.get_gradient_start_and_end_points()
            if len(rgbas) < 2 or len(self.transform_points_pre_display(vmobject, ends)) > 1:
                raise
        USED.add("gradient_of_nothing")
        return original(self, ctx, rgbas[:1], vmobject)

    Camera.set_cairo_context_color = set_cairo_context_color


def _failed_play():
    """A scene that wraps a play in try/except and goes on (models write `except Exception: self.wait(2)` for a
    clean-up that may fail) ran in manim before 0.19, whose writer opened a new partial file whatever the state of
    the last. Manim 0.22 leaves the failed play's segment open and planned, so the next play stops with "Cannot open
    a video segment while another segment is still open", and only in the full render: the fast check writes no
    video. The failed play's segment is discarded and its planned file taken back; the error still reaches the
    scene, whose own except clause decides."""
    from manim.renderer.cairo_renderer import CairoRenderer

    original = CairoRenderer.play

    def play(self, scene, *args, **kwargs):
        writer = self.file_writer
        planned = (len(writer.partial_movie_files), len(writer.sections[-1].partial_movie_files) if writer.sections
                   else 0, len(self.animations_hashes))
        try:
            return original(self, scene, *args, **kwargs)
        except Exception:
            if getattr(writer, "_current_encode_job", None) is not None:
                writer.abort_encode_jobs()
                USED.add("failed_play")
            del writer.partial_movie_files[planned[0]:]
            if writer.sections:
                del writer.sections[-1].partial_movie_files[planned[1]:]
            del self.animations_hashes[planned[2]:]
            raise

    CairoRenderer.play = play
