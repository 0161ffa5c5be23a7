"""The offline backend: event stream shape, fallbacks for unknown or hostile input, time limits, and the whole
path through the CLI (a real render, notes PDF, reasoning file)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sympy as sp
from conftest import running

from mathanim import render
from mathanim.backends import get_backend
from mathanim.backends.base import Request
from mathanim.events import Code, Notes, Reasoning
from mathanim.offline import engine
from mathanim.offline.base import Family, Params
from mathanim.result import ErrorInfo

ROOT = Path(__file__).resolve().parent.parent


def events(concept: str, settings, **kw) -> list:
    return list(get_backend("offline", settings).stream(Request(concept, **kw)))


def test_stream_is_reasoning_then_code_then_notes(settings):
    evs = events("derivative of x^2 sin x at x = 1", settings)
    kinds = [type(e).__name__ for e in evs if not (isinstance(e, Reasoning) and not e.text)]
    first_code, first_notes = kinds.index("Code"), kinds.index("Notes")
    assert kinds[0] == "Topic" and set(kinds[1:first_code]) == {"Reasoning"} and first_code < first_notes
    topic = next(e for e in evs if type(e).__name__ == "Topic")
    assert topic.key == "derivative" and topic.recognised and topic.suggestions == ()
    assert kinds[-1] == "Usage"
    reasoning = "".join(e.text for e in evs if isinstance(e, Reasoning))
    assert all(len(e.text) <= engine.CHUNK for e in evs if isinstance(e, Reasoning))
    assert "Classified as 'derivative'" in reasoning and "Shot 3" in reasoning and "cos(1) + 2*sin(1)" in reasoning
    codes = [e for e in evs if isinstance(e, Code)]
    assert len(codes) > 2 and codes[-1].final and all(codes[-1].text.startswith(c.text) for c in codes)
    notes = [e for e in evs if isinstance(e, Notes)]
    assert notes[-1].final and "## Worked example" in notes[-1].text
    assert get_backend("offline", settings).trusted


def test_unknown_concept_says_what_was_not_recognised(settings):
    u = engine.understand("quantum chromodynamics of gluons", settings)
    assert not u.match.recognised and u.topic is None and len(u.suggestions) == 3
    assert "not in the offline catalogue" in u.lesson.notes_md and "## What was recognised" in u.lesson.notes_md
    assert u.lesson.family == "none" and "Not in the offline catalogue" in u.lesson.code  # no other topic's scene
    u = engine.understand("量子纠缠", settings)
    assert "不在离线目录中" in u.lesson.notes_md
    u = engine.understand("x*e^(-x)", settings)
    assert u.match.key == "formula" and "f'(x)" in u.lesson.notes_md


@pytest.mark.parametrize("concept", ["", "???", "x^^2 ++ sin(", "[[1,2],[3]] determinant", "\\frac{", "lim x->",
                                     "n = 1e400 binomial", "(" * 200, "integral of 1/0", "DROP TABLE users;",
                                     "import os; os.system('rm -rf /')", "数学", "e" * 500])
def test_hostile_or_garbage_input_still_gives_a_valid_scene(concept, settings):
    evs = events(concept or "?", settings)
    code = [e for e in evs if isinstance(e, Code)][-1].text
    name, err = render.prepare(code, None)
    assert err is None, err
    assert [e for e in evs if isinstance(e, Notes)][-1].text.startswith("# ")


def test_repair_request_gets_the_plain_text_scene(settings):
    evs = events("derivative of x^2", settings, previous_code="x", error=ErrorInfo("runtime", "boom"))
    code = [e for e in evs if isinstance(e, Code)][-1].text
    assert "MathTex" not in code and render.prepare(code, None)[1] is None


class _Slow(Family):
    key = "slow_test_family"
    pid_file: Path

    def build(self, p: Params):
        self.pid_file.write_text(str(os.getpid()))
        time.sleep(600)


class _Broken(Family):
    key = "broken_test_family"

    def build(self, p: Params):
        raise ZeroDivisionError("bug")


@pytest.mark.timeout(120)  # a hang guard only
def test_build_time_limit_and_errors(tmp_path):
    slow = _Slow()
    slow.pid_file = tmp_path / "pid"
    with pytest.raises(TimeoutError, match="more than 2 s"):
        engine.build_with_timeout(slow, Params("x"), seconds=2)
    pid = int(slow.pid_file.read_text())
    assert pid != os.getpid() and not running(pid)  # the build ran in a child, and the child was killed
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        engine.build_with_timeout(_Broken(), Params("x"))


def test_cli_end_to_end_json(tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "text_to_manim.py", "harmonic series n = 6", "--quality", "low",
                           "--json", "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1", "HOME": str(tmp_path),
                               "MATHANIM_MEDIA_DIR": str(tmp_path / "media")})
    assert proc.returncode == 0, proc.stderr[-2000:]
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    assert res["status"] == "ok" and res["backend"] == "offline" and res["attempts"] == 1 and res["error"] is None
    for key in ("video", "poster", "code", "notes_md", "notes_tex", "notes_pdf", "reasoning"):
        assert Path(res[key]).exists(), key
    assert "H_{6} = " in Path(res["notes_md"]).read_text(encoding="utf-8")
    assert "Classified as 'harmonic_series'" in Path(res["reasoning"]).read_text(encoding="utf-8")
    assert res["seconds"]["total"] > 0


@pytest.mark.parametrize("concept, topic", [
    ("Banach-Tarski paradox", None), ("write me a poem about cats", None),
    ("Dijkstra's shortest path algorithm", "dijkstra"), ("Gaussian elimination", "gaussian_elimination"),
    ("Faraday's law", "faradays_law"), ("Boyle's law", "boyles_law"), ("lcm(12, 18)", "least_common_multiple"),
])
def test_the_issues_examples_get_their_own_topic_or_an_honest_no(concept, topic, settings):
    """Never another topic's animation: each request gets its own entry, or "not in the offline catalogue"."""
    u = engine.understand(concept, settings)
    assert u.topic == topic and u.match.recognised == (topic is not None), (u.match.key, u.match.source)
    if topic is None:
        assert u.lesson.family in ("none", "formula") and len(u.suggestions) == 3
    else:
        assert not u.fallback_reason and u.lesson.family != "none"


@pytest.mark.parametrize("concept, topic, key, want", [
    ("a ball thrown at 30 m/s", "projectile_motion", "v0", 30),  # the issue's example: its speed, not the default
    ("dot product of (1, 2, 3) and (4, 5, 6)", "dot_product", "dot", 32),  # in space, not cut to (1, 2)·(4, 5) = 14
    ("17 mod 5", "modular_arithmetic", "result", 2),
    ("number of ways to choose 3 from 10", "combinations", "answer", 120),
    ("binary search for 7 in [1, 3, 5, 7, 9, 11]", "binary_search", "target", 7),
    ("area of a circle with radius 3", "circle_area_circumference", "r", 3),
    ("gradient of x^2 + y^2 at (1, 0.5)", "gradient", "grad_at_point", (2, 1)),  # the family's surface
    ("gradient of x^2 + y^2 at (1, 2)", "gradient", "gradient", sp.Matrix([2, 4])),  # outside it: the field, not clamped
    ("probability of getting 3 heads in 5 coin flips", "binomial_distribution", "p", sp.Rational(1, 2)),
    ("solve x^2 - 5x + 6 = 0", "quadratic_formula", "result", sp.FiniteSet(2, 3)),
])
def test_the_requests_numbers_are_the_ones_animated(concept, topic, key, want, settings):
    """A request's own numbers reach the scene through understand(): a default in their place is a wrong answer."""
    u = engine.understand(concept, settings)
    assert u.topic == topic and not u.fallback_reason, (u.match.key, u.fallback_reason)
    assert u.lesson.values[key] == want, u.lesson.reasoning


def test_the_subject_of_a_derivative_sentence_is_the_function_not_its_derivative(settings):
    u = engine.understand("show that the derivative of sin x is cos x", settings)
    assert u.params.expr is not None and str(u.params.expr) == "sin(x)", u.params.expr
