"""Scene files with their own helper modules (issue 16's Math-To-Manim bar): a module next to the scene, or a
package in a folder the scene's sys.path edit names, goes along with `--scene-file` into the job folder,
through the same fixer and security check; a hostile module is refused like a hostile scene; nothing
installed is shadowed; the sandbox refuses writes to the bundled modules. Real CLI runs, real sandbox.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mathanim import fixer, guard, local_modules, render
from mathanim.sandbox.child import Guard

ROOT = Path(__file__).resolve().parent.parent

SCENE = '''import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from manim import *
from helpers import badge
from kit.shapes import ring


class UsesHelpers(Scene):
    def construct(self):
        self.add(badge("hi"), ring())
'''
HELPERS = '''from manim import *


def badge(text):
    box = getattr(Square(), "_badge_cache", None)  # a literal private name: the same as Square()._badge_cache
    return VGroup(Square(color=BLUE), Text(text, font_size=24)) if box is None else box
'''
SHAPES = '''from manim import RED, RIGHT, Circle


def ring():
    return Circle(color=RED).shift(2 * RIGHT)
'''


def _project(tmp_path: Path, helpers: str = HELPERS) -> Path:
    """scenes/scene.py beside scenes/helpers.py, and the package kit/ one folder up (reached by sys.path)."""
    (tmp_path / "scenes").mkdir()
    (tmp_path / "kit").mkdir()
    (tmp_path / "scenes" / "helpers.py").write_text(helpers)
    (tmp_path / "kit" / "__init__.py").write_text('"""A helper package."""\n')
    (tmp_path / "kit" / "shapes.py").write_text(SHAPES)
    scene = tmp_path / "scenes" / "scene.py"
    scene.write_text(SCENE)
    return scene


def _cli(scene: Path, tmp_path: Path) -> dict:
    env = {**os.environ, "MATHANIM_MEDIA_DIR": str(tmp_path / "media")}
    proc = subprocess.run([sys.executable, str(ROOT / "text_to_manim.py"), "--scene-file", str(scene), "--quality",
                           "low", "--json", "--no-cache", "--out", str(tmp_path / "out")], capture_output=True,
                          text=True, env=env, timeout=300)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_a_scene_file_renders_with_its_own_modules(tmp_path):
    res = _cli(_project(tmp_path), tmp_path)
    assert res["status"] == "ok", res["error"]
    assert Path(res["videos"]["mp4"]).stat().st_size > 0
    assert any("sys.path edit" in f for f in res["fixes"]), res["fixes"]


def test_the_modules_found_are_the_imported_ones_only(tmp_path):
    scene = _project(tmp_path)
    (tmp_path / "scenes" / "unused.py").write_text("x = 1\n")
    (tmp_path / "scenes" / "json.py").write_text("x = 1\n")  # an installed name: never bundled
    found = local_modules.find(SCENE + "import json\nJ = json.dumps(1)\n", scene)
    assert sorted(m.path for m in found) == ["helpers.py", "kit/__init__.py", "kit/shapes.py"]
    assert local_modules.roots(found) == {"helpers", "kit"}
    fixed = fixer.fix(SCENE + "import json\nJ = json.dumps(1)\n").code
    name, err = render.prepare(fixed, None, found)
    assert name is None and "import of 'json' is not allowed" in err.message  # still the installed json: refused


def test_without_the_scene_s_path_edit_a_far_package_is_not_searched(tmp_path):
    scene = _project(tmp_path)
    code = SCENE.replace("sys.path.insert(0, str(Path(__file__).resolve().parents[1]))",
                         "sys.path.insert(0, '/usr/lib/python3/dist-packages')")
    assert [m.path for m in local_modules.find(code, scene)] == ["helpers.py"]


HOSTILE = {
    "os_call": "import os\nos.system('touch /tmp/pwned')\n",
    "open_call": "def badge(text):\n    return open('/etc/passwd').read()\n",
    "dunder": "def badge(text):\n    return ().__class__.__bases__[0].__subclasses__()\n",
    "getattr_dunder": "def badge(text):\n    return getattr(text, '__class__')\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_helper_module_is_refused_like_a_hostile_scene(tmp_path, name):
    scene = _project(tmp_path, HOSTILE[name])
    found = local_modules.find(SCENE, scene)
    name_, err = render.prepare(fixer.fix(SCENE).code, None, found)
    assert name_ is None and err.kind == "refused" and "in helpers.py" in err.message, err


def test_a_hostile_helper_module_is_refused_through_the_cli(tmp_path):
    res = _cli(_project(tmp_path, HOSTILE["os_call"]), tmp_path)
    assert res["status"] == "error" and res["error"]["kind"] == "refused"
    assert "in helpers.py" in res["error"]["message"]


def test_the_sandbox_refuses_writes_to_the_bundled_modules(tmp_path):
    (tmp_path / "modules").mkdir()
    g = Guard([str(tmp_path)], [str(tmp_path)], [str(tmp_path / "modules")])
    g.active = True
    g("open", (str(tmp_path / "out.txt"), "w", 0))  # the job folder stays writable
    with pytest.raises(PermissionError, match="bundled modules"):
        g("open", (str(tmp_path / "modules" / "helpers.py"), "w", 0))
    with pytest.raises(PermissionError, match="bundled modules"):
        g("os.rename", (str(tmp_path / "x.py"), str(tmp_path / "modules" / "kit.py")))


def test_getattr_with_a_literal_private_name_is_the_attribute_access():
    assert guard.check(ast.parse("x = getattr(scene, '_caption', None)\n")) == []
    for bad in ("getattr(x, '__class__')", "getattr(x, 'os')", "getattr(x, name)"):
        assert guard.check(ast.parse(bad + "\n")), bad


def test_a_folder_name_only_the_sys_path_edit_used_goes_with_it():
    code = ("import sys\nfrom pathlib import Path\nfrom manim import *\n"
            "_ROOT = Path(__file__).resolve().parents[2]\nif str(_ROOT) not in sys.path:\n"
            "    sys.path.insert(0, str(_ROOT))\n\nclass A(Scene):\n    def construct(self):\n        self.add(Dot())\n")
    fixed = fixer.fix(code)
    assert "Path" not in fixed.code and "sys" not in fixed.code and "_ROOT" not in fixed.code, fixed.code
    assert guard.check(ast.parse(fixed.code)) == []
    kept = code.replace("        self.add(Dot())", "        self.add(Text(str(_ROOT)))")  # used elsewhere: stays
    assert "_ROOT = Path(__file__)" in fixer.fix(kept).code


def test_a_link_out_of_the_scene_s_folder_is_not_followed(tmp_path):
    scene = _project(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.py").write_text("KEY = 'do not render me'\n")
    (tmp_path / "scenes" / "secret.py").symlink_to(outside / "secret.py")
    found = local_modules.find(SCENE + "import secret\nK = secret.KEY\n", scene)
    assert "secret.py" not in [m.path for m in found]
