"""The 3D camera's per-frame memo (mathanim/sandbox/memo3d.py): the same pixels as manim's own drawing, frame after
frame while the camera and the objects move, with each face's normals computed once a frame."""

from __future__ import annotations

import manim as mn
import numpy as np
import pytest
from manim.camera.three_d_camera import ThreeDCamera
from manim.mobject.three_d import three_d_utils

from mathanim.sandbox import culling, memo3d

SMALL = {"pixel_width": 320, "pixel_height": 180, "frame_rate": 15, "disable_caching": True}
PATCHED = ("capture_mobjects", "modified_rgbas", "set_cairo_context_color", "get_mobjects_to_display")


class Solids(mn.ThreeDScene):
    """What 3D model scenes hold: small Dot3D, a surface, a translucent sphere, axes, a flat shape, fixed text."""

    def construct(self):
        self.set_camera_orientation(phi=65 * mn.DEGREES, theta=-40 * mn.DEGREES)
        rng = np.random.default_rng(3)
        self.add(*[mn.Dot3D(point=rng.uniform(-3, 3, 3), radius=0.06, color=mn.YELLOW) for _ in range(40)])
        self.add(mn.Surface(lambda u, v: np.array([u, v, 0.5 * np.sin(u) * np.cos(v)]), u_range=(-3, 3),
                            v_range=(-3, 3), resolution=(10, 10)))
        self.add(mn.Sphere(radius=1.0, resolution=(10, 10)).set_opacity(0.5), mn.ThreeDAxes(), mn.Square().shift(mn.OUT))
        self.add_fixed_in_frame_mobjects(mn.Text("fixed", font_size=30).to_corner(mn.UP))


def _frames(tmp_path, n: int = 3) -> list[np.ndarray]:
    """n frames of Solids, the camera turning and the sphere moving between them."""
    out = []
    with mn.tempconfig({**SMALL, "media_dir": str(tmp_path)}):
        scene = Solids()
        scene.construct()
        camera = scene.renderer.camera
        for k in range(n):
            camera.set_theta((-40 + 25 * k) * mn.DEGREES)
            camera.set_phi((65 - 10 * k) * mn.DEGREES)
            scene.mobjects[40 + 1].shift(0.3 * mn.RIGHT)
            camera.reset()
            camera.capture_mobjects(scene.mobjects)
            out.append(camera.pixel_array.copy())
    return out


@pytest.fixture
def restore(monkeypatch):
    """manim's own methods come back when the test ends."""
    for name in PATCHED:
        monkeypatch.setattr(ThreeDCamera, name, getattr(ThreeDCamera, name))


def _counting(monkeypatch) -> list[int]:
    calls = [0]
    real = three_d_utils.get_3d_vmob_unit_normal

    def counted(vmob, index):
        calls[0] += 1
        return real(vmob, index)

    monkeypatch.setattr(three_d_utils, "get_3d_vmob_unit_normal", counted)
    return calls


def test_the_memo_changes_no_pixel_while_things_move(tmp_path, restore, monkeypatch):
    plain = _frames(tmp_path)
    memo3d.install({})
    assert all((a != b).any(axis=2).sum() == 0 for a, b in zip(plain, _frames(tmp_path), strict=True))
    culling.install({})  # as the sandbox child loads them: the memo first, then culling
    monkeypatch.setattr(culling, "USED", set())
    assert all((a != b).any(axis=2).sum() == 0 for a, b in zip(plain, _frames(tmp_path), strict=True))
    assert (plain[0] != plain[1]).any(axis=2).sum() > 1000  # the frames do differ: the test compares something


def test_each_face_s_normals_are_computed_once_a_frame(tmp_path, restore, monkeypatch):
    calls = _counting(monkeypatch)
    _frames(tmp_path, 1)
    manim_calls, calls[0] = calls[0], 0
    memo3d.install({})
    _frames(tmp_path, 1)
    assert manim_calls > 1000
    # manim asks twice per face that has a fill and a stroke, the memo once (a face with no stroke asks once)
    assert 0 < calls[0] <= manim_calls / 1.99


def test_outside_a_frame_the_memo_is_not_used(tmp_path, restore):
    memo3d.install({})
    with mn.tempconfig({**SMALL, "media_dir": str(tmp_path)}):
        scene = Solids()
        scene.construct()
        camera, face = scene.renderer.camera, scene.mobjects[40].family_members_with_points()[0]
        camera.capture_mobjects(scene.mobjects)
        before = camera.get_fill_rgbas(face).copy()
        face.rotate(np.pi / 2, mn.RIGHT)  # its normal turns: its shade must follow
        assert memo3d.MEMO == {} and not memo3d.ACTIVE[0]
        assert not np.allclose(before, camera.get_fill_rgbas(face))
