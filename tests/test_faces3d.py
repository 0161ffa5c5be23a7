"""The 3D camera's one-pass face drawing (mathanim/sandbox/faces3d.py): the same pixels as manim's own drawing while
the camera and the objects move, most faces drawn without manim's per-face path, and every face that reads its
colours its own way left to manim."""

from __future__ import annotations

import gc

import manim as mn
import numpy as np
import pytest
from manim.camera.three_d_camera import ThreeDCamera
from test_memo3d import PATCHED, SMALL, _frames

from mathanim.sandbox import culling, faces3d, memo3d

ALSO = ("display_multiple_non_background_colored_vmobjects",)


@pytest.fixture
def restore(monkeypatch):
    """manim's own methods come back when the test ends; faces3d's record starts empty."""
    for name in PATCHED + ALSO:
        monkeypatch.setattr(ThreeDCamera, name, getattr(ThreeDCamera, name))
    monkeypatch.setattr(faces3d, "USED", set())
    monkeypatch.setattr(culling, "USED", set())


def _differ(a: list, b: list) -> list[int]:
    return [int((x != y).any(axis=2).sum()) for x, y in zip(a, b, strict=True)]


def _by_manim(monkeypatch) -> list[int]:
    """Counts the faces that reach manim's own display_vectorized."""
    calls = [0]
    real = ThreeDCamera.display_vectorized

    def counted(self, vmobject, ctx):
        calls[0] += 1
        return real(self, vmobject, ctx)

    monkeypatch.setattr(ThreeDCamera, "display_vectorized", counted)
    return calls


def test_one_pass_drawing_changes_no_pixel_while_things_move(tmp_path, restore):
    manim_frames = _frames(tmp_path)
    memo3d.install({})
    faces3d.install({})  # as the sandbox child loads them: the memo, this, then culling
    assert _differ(manim_frames, _frames(tmp_path)) == [0, 0, 0]
    assert faces3d.USED == {"faces3d"}
    culling.install({})
    assert _differ(manim_frames, _frames(tmp_path)) == [0, 0, 0]
    assert _differ(manim_frames[:1], manim_frames[1:2])[0] > 1000  # the frames do differ: the test compares something
    assert gc.isenabled()


def test_most_faces_skip_manim_s_per_face_path(tmp_path, restore, monkeypatch):
    calls = _by_manim(monkeypatch)
    _frames(tmp_path, 1)
    every, calls[0] = calls[0], 0
    memo3d.install({})
    faces3d.install({})
    _frames(tmp_path, 1)
    assert every > 2000
    # what is left to manim: the axes' lines and tips (ThreeDAxes gives the tips their own gradient), the flat
    # square and the fixed text; the sphere's pole faces, whose corner has no normal, are drawn here too
    assert 0 < calls[0] < every / 20, (calls[0], every)


class OwnFill:
    """A face class that reads its fill its own way: faces3d must not stand in for it."""

    def get_fill_rgbas(self):
        return np.array([[1.0, 0.2, 0.1, 1.0]])


class Striped(mn.ThreeDScene):
    def construct(self):
        self.set_camera_orientation(phi=60 * mn.DEGREES, theta=-30 * mn.DEGREES)
        sphere = mn.Sphere(radius=1.2, resolution=(8, 8))
        for face in sphere.family_members_with_points():
            face.__class__ = type("Face", (OwnFill, type(face)), {})
        self.add(sphere, mn.Dot3D(point=2 * mn.RIGHT, radius=0.3, color=mn.BLUE))


def test_a_face_that_reads_its_colours_its_own_way_keeps_manim_s_path(tmp_path, restore):
    def frame():
        with mn.tempconfig({**SMALL, "media_dir": str(tmp_path)}):
            scene = Striped()
            scene.construct()
            scene.renderer.camera.capture_mobjects(scene.mobjects)
            return scene.renderer.camera.pixel_array.copy()

    by_manim = frame()
    memo3d.install({})
    faces3d.install({})
    drawn = frame()
    assert _differ([by_manim], [drawn]) == [0]
    reddish = (drawn[:, :, 0].astype(int) - drawn[:, :, 2] > 80).sum()
    assert reddish > 500  # the sphere shows its own red (the Dot3D beside it, drawn here, is blue)


class Creating(mn.ThreeDScene):
    """Dot3D half created: Create has shrunk the faces it has not reached to one curve at a single point."""

    def construct(self):
        self.set_camera_orientation(phi=70 * mn.DEGREES, theta=-50 * mn.DEGREES)
        rng = np.random.default_rng(5)
        dots = mn.VGroup(*[mn.Dot3D(point=rng.uniform(-3, 3, 3), radius=0.2, color=mn.TEAL) for _ in range(12)])
        self.add(dots)
        self.creating = mn.Create(dots, lag_ratio=0.5)
        self.creating.begin()
        self.creating.interpolate(0.45)


def test_faces_create_has_not_reached_are_drawn_the_same(tmp_path, restore, monkeypatch):
    def frame():
        with mn.tempconfig({**SMALL, "media_dir": str(tmp_path)}):
            scene = Creating()
            scene.construct()
            scene.renderer.camera.capture_mobjects(scene.mobjects)
            shrunk = sum(len(f.points) == 4 for f in scene.mobjects[0].family_members_with_points())
            return scene.renderer.camera.pixel_array.copy(), shrunk

    calls = _by_manim(monkeypatch)  # before install: faces3d keeps manim's path for a camera patched after it
    by_manim, shrunk = frame()
    memo3d.install({})
    faces3d.install({})
    calls[0] = 0
    drawn, _ = frame()
    assert shrunk > 100  # the frame holds such faces
    assert _differ([by_manim], [drawn]) == [0]
    assert calls[0] == 0  # every face of the dots, the shrunk ones too, was drawn in one pass
    assert (by_manim.max(axis=2) > 40).sum() > 500  # the frame shows the dots that Create has drawn


def test_a_face_with_no_stroke_colour_is_left_to_manim(tmp_path, restore):
    def frame():
        with mn.tempconfig({**SMALL, "media_dir": str(tmp_path)}):
            scene = mn.ThreeDScene()
            scene.set_camera_orientation(phi=60 * mn.DEGREES, theta=-30 * mn.DEGREES)
            sphere = mn.Sphere(radius=1.5, resolution=(6, 6)).set_stroke(width=0)
            for face in sphere.family_members_with_points()[1:]:  # all but one
                face.stroke_rgbas = np.zeros((0, 4))  # manim never reads it: the stroke has no width
            scene.add(sphere)
            scene.renderer.camera.capture_mobjects(scene.mobjects)
            return scene.renderer.camera.pixel_array.copy()

    by_manim = frame()
    memo3d.install({})
    faces3d.install({})
    assert _differ([by_manim], [frame()]) == [0]
    assert (by_manim.max(axis=2) > 40).sum() > 1000
