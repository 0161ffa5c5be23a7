"""Deliberately damaged copies of a clean scene: the rejected side of synthetic preference pairs, and the
reward's test bench (bench/reward.py). Each damage is a small edit of the code at the end (or start) of
construct(); the scene itself is never run here.

- ``overlap``: a new label laid on the first text on screen;
- ``offframe``: the first text on screen moved half out of the frame;
- ``error``: a call to a name that does not exist, first thing in construct() (a NameError when it runs).
("wrong concept" needs no edit: it is another concept's clean scene.)
"""

from __future__ import annotations

import ast

TEXTS = ("        _texts = [f for m in self.mobjects for f in m.get_family()\n"
         "                  if isinstance(f, (Text, MarkupText, MathTex, Tex))]\n")
TAILS = {
    "overlap": TEXTS + ("        _label = Text(\"see here\", font_size=40).move_to(_texts[0] if _texts else ORIGIN)\n"
                        "        self.play(FadeIn(_label), run_time=0.5)\n        self.wait(1)\n"),
    "offframe": TEXTS + ("        _moved = _texts[0] if _texts else Text(\"see here\", font_size=40)\n"
                         "        self.play(_moved.animate.move_to(7.0 * RIGHT + 3.7 * UP), run_time=0.5)\n"
                         "        self.wait(1)\n"),
}
KINDS = ("overlap", "offframe", "error")


def _construct(tree: ast.Module, scene: str | None) -> ast.FunctionDef:
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef) and (scene is None or n.name == scene)):
        for fn in cls.body:
            if isinstance(fn, ast.FunctionDef) and fn.name == "construct":
                return fn
    raise ValueError(f"no construct() in {'scene ' + scene if scene else 'the code'}")


def damage(code: str, kind: str, scene: str | None = None) -> str:
    """A copy of `code` with one damage of `kind` (KINDS) in its scene's construct()."""
    if kind not in KINDS:
        raise ValueError(f"unknown damage {kind!r}; choose one of: {', '.join(KINDS)}")
    fn = _construct(ast.parse(code), scene)
    lines = code.splitlines(keepends=True)
    indent = " " * fn.body[0].col_offset
    if kind == "error":
        at = fn.body[0].lineno - 1
        return "".join(lines[:at] + [f"{indent}self.add(UndefinedShape())\n"] + lines[at:])
    tail = TAILS[kind].replace("        ", indent)
    end = fn.end_lineno
    return "".join(lines[:end] + [tail] + lines[end:])
