"""Helpers shared by the concept families: number and formula formatting, code emission, notes layout.

Scene code is emitted as text. Values computed with sympy enter the code through `py()` (a Python literal)
and `tex()` (a raw-string-safe LaTeX literal), so what the scene shows is what the notes say.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

import sympy as sp

x, y, t = sp.symbols("x y t", real=True)

CJK_FONT = "Noto Sans CJK SC"  # from fonts-noto-cjk; Text() falls back to it for Chinese


def num(v, digits: int = 4) -> str:
    """A short human form of a number: integers stay integers, floats get at most `digits` significant digits."""
    v = float(sp.N(v)) if not isinstance(v, (int, float)) else v
    if math.isfinite(v) and abs(v - round(v)) < 1e-9 and abs(v) < 1e12:
        return str(int(round(v)))
    return f"{v:.{digits}g}"


def latex(e) -> str:
    """sympy's LaTeX for an expression (or a number)."""
    return sp.latex(sp.sympify(e))


def tex(s: str) -> str:
    """A Python raw-string literal holding LaTeX `s`, safe to paste into scene code."""
    s = s.replace("\n", " ")
    if s.endswith("\\"):
        s += " "
    quote = '"' if '"' not in s else "'"
    return f"r{quote}{s}{quote}"


def py(v) -> str:
    """A Python literal for numbers and (nested) lists of numbers, with floats rounded for readability."""
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(py(i) for i in v) + "]"
    if isinstance(v, bool):
        return repr(v)
    if isinstance(v, int):
        return str(v)
    f = float(sp.N(v)) if not isinstance(v, float) else v
    return repr(round(f, 6))


def text_literal(s: str) -> str:
    """A Python string literal for plain text shown with Text()."""
    return repr(s)


def title_code(title: str, var: str = "title") -> str:
    """Scene code (8-space indented) that puts `title` into the box the layout plan gives it (top centre, its
    measured size, scaled down only as far as the frame needs)."""
    from .regions import regions

    return textwrap.indent(
        f"{var} = Text({text_literal(title)}, font_size=40)\n"
        f"plan_fit({var}, {py(list(regions(title)['title']))})\n",
        " " * 8,
    )


FIT_HELPER = '''
def fit(mob, max_width=12.5, max_height=None):
    """Scale mob down (never up) so it fits max_width (and max_height)."""
    if mob.width > max_width:
        mob.scale_to_fit_width(max_width)
    if max_height is not None and mob.height > max_height:
        mob.scale_to_fit_height(max_height)
    return mob


def plan_fit(mob, box, edge=ORIGIN):
    """Put mob into its planned box = (x0, x1, y0, y1): scaled down (never up) to fit, centred in it, or against
    its `edge` (UP: top centre, UL: top left corner, ...)."""
    fit(mob, box[1] - box[0], box[3] - box[2])
    x = (box[0] + box[1]) / 2 + edge[0] * (box[1] - box[0] - mob.width) / 2
    y = (box[2] + box[3]) / 2 + edge[1] * (box[3] - box[2] - mob.height) / 2
    return mob.move_to([x, y, 0])
'''


def scene_module(scene_name: str, body: str, base: str = "Scene", helpers: str = FIT_HELPER) -> str:
    """A complete scene file: imports, module helpers and one class whose construct() is `body`."""
    body = textwrap.indent(textwrap.dedent(body).strip("\n"), " " * 8)
    return (
        "from manim import *\n"
        "import numpy as np\n"
        f"{helpers}\n\n"
        f"class {scene_name}({base}):\n"
        "    def construct(self):\n"
        f"{body}\n"
    )


@dataclass(frozen=True)
class NotesSpec:
    """What the study notes say, section by section; notes_markdown() lays them out."""

    title: str
    definition: str
    intuition: str
    example: str  # the worked example, with the computed values
    timeline: list[str]  # what the animation shows, shot by shot (numbered in the notes)
    exercise: str
    answer: str
    extra: str = ""  # a section of its own (with its heading) between the timeline and the exercise
    zh: bool = False  # Chinese headings


def notes_markdown(n: NotesSpec) -> str:
    """Study notes in the fixed section order: definition, intuition, worked example, timeline, exercise."""
    h = (["定义", "直观理解", "例题（计算值）", "动画时间线", "练习", "答案"] if n.zh else
         ["Definition", "Intuition", "Worked example", "What the animation shows", "Exercise", "Answer"])
    steps = "\n".join(f"{i}. {s}" for i, s in enumerate(n.timeline, 1))
    parts = [f"# {n.title}", f"## {h[0]}\n\n{n.definition}", f"## {h[1]}\n\n{n.intuition}",
             f"## {h[2]}\n\n{n.example}", f"## {h[3]}\n\n{steps}"]
    if n.extra:
        parts.append(n.extra)
    parts += [f"## {h[4]}\n\n{n.exercise}", f"## {h[5]}\n\n{n.answer}"]
    return "\n\n".join(parts) + "\n"
