"""The static guard: allow-list, dangerous names and attributes, TeX primitives, scene discovery."""

from __future__ import annotations

import pytest

from mathanim import guard


def violations(code: str) -> list[guard.Violation]:
    tree, err = guard.parse(code)
    assert err is None
    return guard.check(tree)


@pytest.mark.parametrize("code", [
    "import numpy as np\nimport math, random\nfrom collections import deque\nfrom manim import *\n",
    "code = Code(code_string='x = 1')\nself = None\nprint(code)\n",  # a local named like a module is fine
    "if __name__ == '__main__':\n    pass\n",
    "x = getattr(obj, 'color')\n",
    "config.background_color = '#111111'\nw = config.frame_width\n",
])
def test_ordinary_scene_code_passes(code):
    assert violations(code) == []


@pytest.mark.parametrize("code, reason", [
    ("import os\n", "import of 'os'"),
    ("from subprocess import run\n", "import of 'subprocess'"),
    ("from . import x\n", "relative imports"),
    ("open('f', 'w')\n", "open()"),
    ("f = open\n", "use of 'open'"),
    ("getattr(x, '__class__')\n", "getattr()"),
    ("getattr(x, name)\n", "getattr()"),
    ("x.__subclasses__()\n", "__subclasses__"),
    ("scene.scene_file_writer.os.remove('a')\n", "attribute 'os'"),
    ("utils.file_ops.open_file('a')\n", "use of 'utils'"),
    ("np.save('/tmp/a.npy', a)\n", "attribute 'save'"),
    ("MathTex(r'\\\\immediate\\\\write18{ls}')\n", "file or shell access"),
    ("d = {'__builtins__': 1}\n", "dunder string"),
])
def test_dangerous_code_is_refused_with_line_and_reason(code, reason):
    found = violations("x = 1\n" + code)
    assert found and all(v.line == 2 for v in found) and any(reason in v.reason for v in found), found


def test_syntax_error_and_scene_choice():
    _, err = guard.parse("class A(Scene)\n")
    assert err.kind == "syntax" and err.line == 1
    tree, _ = guard.parse("class Base(Scene):\n    pass\nclass Leaf(Base):\n    pass\nclass Other:\n    pass\n")
    assert guard.scene_classes(tree) == ["Base", "Leaf"]
    assert guard.pick_scene(tree, None) == ("Leaf", None)  # the one scene nothing derives from
