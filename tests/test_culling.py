"""The 3D camera draws only the faces the frame shows (mathanim/sandbox/culling.py): the same pixels as manim's
own drawing, except for faces behind the camera, which manim washes over the whole frame."""

from __future__ import annotations

import manim as mn
import numpy as np
import pytest
from manim.camera.three_d_camera import ThreeDCamera

from mathanim.events import Done
from mathanim.job import Job
from mathanim.pipeline import render_code
from mathanim.sandbox import culling

SMALL = {"pixel_width": 320, "pixel_height": 180, "frame_rate": 15, "disable_caching": True}


def _stars(rng: np.random.Generator, n: int, radius: float) -> list:
    return [mn.Dot3D(point=rng.uniform(-radius, radius, 3), radius=0.08, color=mn.GRAY_C).set_opacity(rng.uniform(0.4, 1))
            for _ in range(n)]


class Field(mn.ThreeDScene):
    """Stars around the axes (most outside the frame, none behind the camera), a sphere and a label fixed in
    the frame."""

    def construct(self):
        self.set_camera_orientation(phi=75 * mn.DEGREES, theta=-45 * mn.DEGREES)
        self.add(*_stars(np.random.default_rng(7), 120, 12), mn.Sphere(radius=1.2, resolution=(12, 12)), mn.ThreeDAxes())
        self.add_fixed_in_frame_mobjects(mn.Text("fixed", font_size=30).to_corner(mn.UP))


class Edge(mn.ThreeDScene):
    """Seen from above (the default camera draws z = 0 as it is): stars, and thick lines whose points lie just
    beyond the right edge of the frame (x = 7.11): only their strokes, 0.4 wide, reach in."""

    def construct(self):
        self.add(*_stars(np.random.default_rng(8), 60, 12))
        for y in (-2, 0, 2):
            self.add(mn.Line(7.2 * mn.RIGHT + y * mn.UP, 7.2 * mn.RIGHT + (y + 1) * mn.UP, stroke_width=40, color=mn.BLUE))


class Behind(mn.ThreeDScene):
    """A sphere at the centre; with_star: one more, behind the camera (the default camera looks down from z = 20)."""

    with_star = True

    def construct(self):
        self.add(mn.Sphere(mn.ORIGIN, radius=1.0, resolution=(8, 8)))
        if self.with_star:
            self.add(mn.Dot3D(point=[0.5, 0.3, 25.0], radius=0.3))


def _frame(scene_cls, tmp_path) -> tuple[np.ndarray, mn.ThreeDScene]:
    with mn.tempconfig({**SMALL, "media_dir": str(tmp_path)}):
        scene = scene_cls()
        scene.construct()
        camera = scene.renderer.camera
        camera.reset()
        camera.capture_mobjects(scene.mobjects)
        return camera.pixel_array.copy(), scene


def _cull(monkeypatch):
    """culling.install() until the test ends: manim's own method is restored afterwards; USED starts empty."""
    monkeypatch.setattr(ThreeDCamera, "get_mobjects_to_display", ThreeDCamera.get_mobjects_to_display)
    monkeypatch.setattr(culling, "USED", set())
    culling.install({})
    return culling


@pytest.fixture
def culled(monkeypatch):
    return _cull(monkeypatch)


@pytest.mark.parametrize("scene_cls", [Field, Edge])
def test_culling_changes_no_pixel_and_leaves_faces_out(scene_cls, tmp_path, monkeypatch):
    plain, scene = _frame(scene_cls, tmp_path)
    camera = scene.renderer.camera
    every = camera.get_mobjects_to_display(scene.mobjects)
    shown = culling.visible(camera, every)
    assert len(shown) < len(every) / 2, (len(shown), len(every))  # the test means something: most faces go
    kept = set(shown)
    assert [x for x in every if x in kept] == shown  # in manim's order
    _cull(monkeypatch)
    drawn, _ = _frame(scene_cls, tmp_path)
    assert (drawn != plain).any(axis=2).sum() == 0
    assert culling.USED == set()
    if scene_cls is Edge:  # the lines' strokes are in the frame, though all their points are beyond its edge
        assert (plain[:, -4:, 2] > 100).sum() > 20


def test_faces_behind_the_camera_are_left_out_and_reported(tmp_path, culled, monkeypatch):
    with_star, _ = _frame(Behind, tmp_path)
    monkeypatch.setattr(Behind, "with_star", False)
    without, _ = _frame(Behind, tmp_path)
    assert (with_star != without).any(axis=2).sum() == 0
    assert culled.USED == {"behind_camera"}


def test_manim_alone_washes_faces_behind_the_camera_over_the_frame(tmp_path, monkeypatch):
    """Why the fix matters (if a manim release stops doing this, the fix can go)."""
    with_star, _ = _frame(Behind, tmp_path)
    monkeypatch.setattr(Behind, "with_star", False)
    without, _ = _frame(Behind, tmp_path)
    assert (with_star != without).any(axis=2).mean() > 0.5


STARS_BEHIND = """from manim import *

class Stars(ThreeDScene):
    def construct(self):
        self.add(Dot3D(point=[0.5, 0.3, 25.0], radius=0.3))
        self.play(Create(Circle(radius=1)), run_time=0.3)
"""


def test_a_render_names_the_faces_behind_the_camera(settings):
    events = list(render_code(STARS_BEHIND, Job.make(settings, "low", formats=("mp4",))))
    assert isinstance(events[-1], Done)
    res = events[-1].result
    assert res.status == "ok", res.error
    assert any("behind the 3D camera" in f for f in res.fixes), res.fixes
