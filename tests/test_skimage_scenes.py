"""scikit-image in scenes (issue 16): `skimage.measure` (marching cubes for an implicit surface, as model-written
gyroid scenes use it) is allowed; the package's other parts (skimage.io and its file readers) and a bare
`import skimage` stay refused. Real fast checks in the sandbox."""

from __future__ import annotations

import ast

import pytest
from conftest import fast_check

from mathanim import guard

SPHERE = """from manim import *
import numpy as np
from skimage.measure import marching_cubes

class Implicit(ThreeDScene):
    def construct(self):
        g = np.linspace(-1.2, 1.2, 14)
        x, y, z = np.meshgrid(g, g, g, indexing="ij")
        verts, faces, _, _ = marching_cubes(x**2 + y**2 + z**2 - 1, level=0.0, spacing=(g[1] - g[0],) * 3)
        verts = verts + g[0]
        mesh = VGroup(*[Polygon(*verts[f], stroke_width=0.5, fill_opacity=0.6) for f in faces[::4]])
        self.set_camera_orientation(phi=60 * DEGREES, theta=30 * DEGREES)
        self.add(mesh)
        self.wait(0.1)
"""



def test_marching_cubes_builds_an_implicit_surface_in_the_sandbox(settings):
    out = fast_check(SPHERE, settings)
    assert out.ok, out.error
    from PIL import Image

    frame = Image.open(out.poster).convert("L")
    assert frame.getextrema()[1] > 60  # the mesh is drawn on the black frame


@pytest.mark.parametrize("line", [
    "from skimage import measure",
    "from skimage.measure import marching_cubes, find_contours",
    "import skimage.measure as measure",
])
def test_the_measure_submodule_is_allowed(line):
    assert not guard.check(ast.parse(line)), line


@pytest.mark.parametrize("line", [
    "import skimage",  # the bare package reaches skimage.io
    "import skimage.measure",  # binds the bare name skimage
    "from skimage import io",
    "from skimage.io import imread",
    "import skimage.io as io",
    "from skimage import measure, io",
])
def test_the_rest_of_scikit_image_is_refused(line):
    found = guard.check(ast.parse(line))
    assert found and "not allowed" in found[0].reason, line
