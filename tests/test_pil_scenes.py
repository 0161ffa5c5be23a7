"""PIL in scenes (issue 16): `from PIL import Image` is allowed, the module manim's own image_mobject already hands
every scene; what it opens goes through the sandbox's audit hook, writing stays refused, and the rest of PIL
(ImageFont, ImageGrab, ImageShow, the X11 grab in its C core) stays out. Real fast checks in the sandbox."""

from __future__ import annotations

import ast

import pytest
from conftest import fast_check

from mathanim import guard

BUILT = """from manim import *
from PIL import Image
import numpy as np

class Built(Scene):
    def construct(self):
        ramp = np.tile(np.arange(64, dtype=np.uint8)[None, :, None] * 4, (32, 1, 3))
        img = Image.fromarray(ramp).convert("RGB").resize((128, 64))
        self.add(ImageMobject(np.array(img)).scale(2))
        self.wait(0.1)
"""



def _scene(body: str) -> str:
    return f"from manim import *\nfrom PIL import Image\n\nclass S(Scene):\n    def construct(self):\n{body}"


def test_an_image_built_from_an_array_renders(settings):
    out = fast_check(BUILT, settings)
    assert out.ok, out.error
    from PIL import Image

    frame = Image.open(out.poster).convert("L")
    assert frame.getextrema()[1] > 100  # the bright end of the ramp is on the frame


def test_opening_a_file_outside_the_job_folder_is_refused_at_run_time(settings):
    # /proc is mounted inside the wall, but only the process's own files are readable: the audit hook refuses
    out = fast_check(_scene('        Image.open("/proc/version")\n        self.wait(0.1)\n'), settings)
    assert not out.ok and out.error.kind == "refused", out.error
    assert "/proc/version" in out.error.message


def test_opening_a_file_of_the_job_folder_reaches_pil(settings):
    # the scene's own file is in the job folder: the hook lets PIL read it, and PIL says it is no image
    out = fast_check(_scene('        Image.open("scene.py")\n        self.wait(0.1)\n'), settings)
    assert not out.ok and out.error.kind == "runtime", out.error
    assert "UnidentifiedImageError" in out.error.message


@pytest.mark.parametrize("code, reason", [
    ("from PIL import Image\nImage.new('RGB', (4, 4)).save('/tmp/x.png')\n", "attribute 'save'"),
    ("from PIL import Image\nImage.core.grabscreen_x11(0, 0)\n", "attribute 'grabscreen_x11'"),
    ("from manim import *\nmobject.types.image_mobject.Image.core.grabscreen_x11(0, 0)\n", "grabscreen_x11"),
    ("from PIL import ImageFont\n", "importing 'ImageFont'"),
    ("from PIL import ImageDraw\n", "import of 'PIL'"),
    ("from PIL.ImageShow import show\n", "import of 'PIL.ImageShow'"),
    ("import PIL\n", "import of 'PIL'"),
    ("import PIL.Image\nPIL.ImageFont.truetype('/etc/passwd')\n", "import of 'PIL.Image'"),
    ("from PIL.Image import core\n", ""),  # the module manim exposes anyway: allowed, its grab is not
    ("from PIL import Image as I\nI.io.open('/etc/passwd')\n", ""),  # a plain open: the audit hook's (below)
])
def test_pil_beyond_image_is_refused_statically(code, reason):
    found = " | ".join(v.reason for v in guard.check(ast.parse(code)))
    assert (reason in found) if reason else not found, found


def test_an_open_through_pils_modules_is_the_audit_hooks(settings):
    out = fast_check(_scene('        Image.io.open("/proc/version").read()\n        self.wait(0.1)\n'), settings)
    assert not out.ok and out.error.kind == "refused", out.error
