"""Child side: the camera lists a frame's mobjects with one look at each leaf, not a family walk for each.

During a play manim hands the camera its moving mobjects already flattened (every face of every Dot3D), and each
frame the camera flattens them again: for each one a family walk with its own set, then a de-duplication (about
18 µs a face; 0.45 s of every frame of a scene with 400 Dot3D). A mobject without submobjects is its own family, so
its answer is known without the walk. The list is the same, in the same order (tests/test_families.py): mobjects
with submobjects, and classes that define their own family, still go through manim's methods.
Loaded by child.py, trusted, before the guard.
"""

LEAF_OK: dict = {}  # mobject class -> whether it keeps Mobject's get_family and _iter_family (what manim's walk calls)


def install(job) -> None:
    """Replace the camera module's extract_mobject_family_members (the scene's own use is left alone)."""
    import manim.camera.camera as camera_module

    camera_module.extract_mobject_family_members = extract


def extract(mobjects, use_z_index: bool = False, only_those_with_points: bool = False) -> list:
    """manim.utils.family.extract_mobject_family_members, leaves answered directly."""
    from manim import Mobject
    from manim.utils.iterables import remove_list_redundancies

    method = Mobject.family_members_with_points if only_those_with_points else Mobject.get_family  # as manim: unbound
    out = []
    for m in mobjects:
        if m.submobjects or not _plain_leaf(type(m)):
            out.extend(method(m))
        elif not only_those_with_points or m.get_num_points() > 0:
            out.append(m)
    out = remove_list_redundancies(out)
    return sorted(out, key=lambda m: m.z_index) if use_z_index else out


def _plain_leaf(kind) -> bool:
    if kind not in LEAF_OK:
        from manim import Mobject

        LEAF_OK[kind] = (getattr(kind, "get_family", None) is Mobject.get_family
                         and getattr(kind, "_iter_family", None) is Mobject._iter_family)
    return LEAF_OK[kind]
