"""Every registered fixer rule has a docstring and a fixture scene showing its mistake; alone, the rule repairs
that scene, and the whole fixer leaves it stable (a second run changes and reports nothing)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from mathanim import fixer

FIXTURES = Path(__file__).parent / "fixtures" / "fixer"
RULES = {r.name: r for r in fixer.RULES}


def _fixture(name: str) -> str:
    return (FIXTURES / f"{name}.py").read_text(encoding="utf-8")


def test_every_rule_has_a_fixture_and_every_fixture_a_rule():
    fixtures = {p.stem for p in FIXTURES.glob("*.py")}
    assert sorted(set(RULES) - fixtures) == [], "rules without a fixture in tests/fixtures/fixer/"
    assert sorted(fixtures - set(RULES)) == [], "fixtures named after no registered rule"


def test_every_rule_says_which_mistake_it_repairs():
    assert len(RULES) == len(fixer.RULES)  # names are unique
    assert [name for name, r in RULES.items() if len(r.doc.strip()) < 20] == []


@pytest.mark.parametrize("name", sorted(RULES))
def test_the_rule_alone_repairs_its_fixture(name):
    code = _fixture(name)
    res = fixer.run_rule(RULES[name], code)
    assert res.code != code and res.fixes, f"{name} found nothing in its fixture"
    assert ast.parse(res.code)


@pytest.mark.parametrize("name", sorted(RULES))
def test_the_fixer_on_the_fixture_is_idempotent_and_parses(name):
    once = fixer.fix(_fixture(name))
    ast.parse(once.code)
    again = fixer.fix(once.code)
    assert again.code == once.code and again.fixes == [], f"{name}: not idempotent: {again.fixes}"


def test_registering_a_rule_twice_is_refused():
    with pytest.raises(ValueError, match="registered twice"):
        fixer.rule(RULES["bare_pi"].fn)


def test_axis_colours_are_the_values_manim_gives_them_and_still_not_exported():
    import manim
    from manim.scene import vector_space_scene

    from mathanim.fixer.tables import AXIS_COLORS

    for name, value in AXIS_COLORS.items():
        assert getattr(vector_space_scene, name) == getattr(manim, value), name
        assert name not in vars(manim), f"manim exports {name} now: the rule can go"
