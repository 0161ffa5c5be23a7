"""The camera's family listing (mathanim/sandbox/families.py): the same list, in the same order, as manim's
extract_mobject_family_members, for flattened and nested mobjects, duplicates, empty ones and z-indices."""

from __future__ import annotations

import itertools

import manim as mn
import manim.camera.camera as camera_module
import pytest
from manim.utils.family import extract_mobject_family_members

from mathanim.sandbox import families


class OwnFamily(mn.VMobject):
    """A leaf that names a family of its own: families.py must ask it."""

    def get_family(self, recurse=True):
        return [self, self.extra]


def _mobjects() -> list:
    dots = mn.VGroup(*[mn.Dot3D(point=[i, 0, 0], radius=0.1) for i in range(3)])
    shared = mn.Square()
    odd = OwnFamily()
    odd.extra = mn.Circle()
    nested = mn.VGroup(mn.VGroup(shared, mn.Text("a")), mn.VMobject(), shared.copy().set_z_index(2))
    faces = dots.family_members_with_points()
    mixed = [*faces, faces[3], mn.Mobject(), nested, shared, odd, mn.Triangle().set_z_index(-1), dots[0]]
    return [faces, [dots, nested], mixed, list(reversed(mixed)), []]


@pytest.mark.parametrize(("z_index", "with_points"), list(itertools.product([False, True], [False, True])))
def test_the_same_list_as_manim(z_index, with_points):
    for mobjects in _mobjects():
        ours = families.extract(mobjects, use_z_index=z_index, only_those_with_points=with_points)
        theirs = extract_mobject_family_members(mobjects, use_z_index=z_index, only_those_with_points=with_points)
        assert [id(m) for m in ours] == [id(m) for m in theirs]
    flat = _mobjects()[2]
    assert len(families.extract(flat)) > 190  # the lists are not trivially empty


def test_install_patches_the_camera_only(monkeypatch):
    monkeypatch.setattr(camera_module, "extract_mobject_family_members", camera_module.extract_mobject_family_members)
    families.install({})
    assert camera_module.extract_mobject_family_members is families.extract
    assert mn.scene.scene.extract_mobject_family_members is extract_mobject_family_members
