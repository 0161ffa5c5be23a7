"""The drift rules (mathanim/fixer/rules/drift.py) edit only what the API index proves equivalent: their fixed
fixtures run in the real sandbox, and calls where the meaning could change are left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from mathanim import api_index, fixer, render
from mathanim.fixer.rules import drift
from mathanim.job import Job

FIXTURES = Path(__file__).parent / "fixtures" / "fixer"
RULES = {r.name: r for r in fixer.RULES}
HEAD = "from manim import *\n\n\nclass S(Scene):\n    def construct(self):\n"


@pytest.fixture(scope="module", autouse=True)
def index():
    if not api_index.load().data:
        pytest.skip("manim is not installed")


def alone(rule: str, body: str) -> str:
    return fixer.run_rule(RULES[rule], HEAD + body).code[len(HEAD):]


def test_the_index_proves_each_rename():
    ix = api_index.load()
    assert ix.passes("Sector")["outer_radius"] == "radius" and ix.passes("Dot")["arc_center"] == "point"
    for (cls, old), new in drift.GL_KEYWORDS.items():
        assert ix.accepts(cls, old) is False and ix.accepts(cls, new), (cls, old, new)
    for old, new in drift.MOVED_METHODS.items():
        owners = ["Mobject", "PMobject"] if new == "set_colors_by_radial_gradient" else ["CoordinateSystem"]
        assert ix.classes_with(old) == [] and ix.classes_with(new) == owners, (old, new)


def test_the_fixed_fixtures_run_in_the_sandbox(settings):
    """The three fixtures, fixed, played one after another in one scene (one sandboxed check)."""
    bodies = []
    for name in ("own_parameter_keywords", "gl_keyword_drift", "moved_methods"):
        fixed = fixer.fix((FIXTURES / f"{name}.py").read_text(encoding="utf-8"))
        assert any(" in manim " in f for f in fixed.fixes), name
        body = fixed.code.split("def construct(self):\n", 1)[1]
        bodies.append(body.rstrip() + "\n        self.clear()\n")
    outcome = render.check(HEAD + "".join(bodies), Job.make(settings, "low"))
    assert outcome.ok, outcome.error
    assert outcome.stats["num_plays"] == 3


@pytest.mark.parametrize("rule, body", [
    ("own_parameter_keywords", "        s = Square(2, width=3)\n"),  # side_length is given by position
    ("own_parameter_keywords", "        s = Square(width=1, height=2)\n"),  # two sides: not a square's rename
    ("own_parameter_keywords", "        s = Sector(radius=1, outer_radius=2)\n"),
    ("gl_keyword_drift", "        t = Text('a', t2c={'a': RED})\n"),  # Text takes t2c itself
    ("gl_keyword_drift", "        ax = Axes(width=3, x_length=4)\n"),
    ("moved_methods", "        line = Axes().get_v_line(ORIGIN, line_func=Line)\n"),  # not a keyword of the new one
    ("moved_methods", "        line = self.get_v_line(ORIGIN)\n\n    def get_v_line(self, p):\n        return Line()\n"),
])
def test_calls_whose_meaning_could_change_are_left_alone(rule, body):
    assert alone(rule, body) == body


def test_without_an_index_the_rules_do_nothing(monkeypatch):
    monkeypatch.setattr(drift, "_index", lambda: None)
    body = "        s = Sector(outer_radius=2)\n        m = MathTex('x', isolate=['x'])\n" \
           "        g = Axes().get_v_line(ORIGIN)\n"
    for rule in ("own_parameter_keywords", "gl_keyword_drift", "moved_methods"):
        assert alone(rule, body) == body
