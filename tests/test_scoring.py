"""Candidate scoring with the real sandbox and the offline embedding model; --candidates picks the best scene."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from mathanim import cli, scoring
from mathanim.backends.base import Request
from mathanim.candidates import score_candidate
from mathanim.events import Code, Done, Notes, Reasoning
from mathanim.job import Job
from mathanim.pipeline import generate

SCENES = Path(__file__).parent / "layout_scenes"


def scene(name: str) -> str:
    return (SCENES / name).read_text(encoding="utf-8")


def test_blank_and_frozen_stretches_lower_the_motion_part(settings):
    still = score_candidate(scene("frozen_blank.py"), "Pythagorean theorem", "", Job.make(settings))
    lively = score_candidate(scene("overlap.py"), "Pythagorean theorem", "", Job.make(settings))
    assert still["renders"] and lively["renders"]
    assert 2.5 <= still["blank_s"] <= 3.5  # self.wait(3) on an empty screen
    assert still["frozen_s"] >= 4.0 and still["longest_still_s"] >= 8.5  # self.wait(9) at the end
    assert lively["blank_s"] == 0 and lively["frozen_s"] == 0 and lively["motion"] == 1.0
    assert still["motion"] < 0.7
    assert lively["layout"] < 1.0 and lively["defects"] == 1 and still["layout"] == 1.0


def test_alignment_prefers_the_matching_concept():
    texts = ["Pythagorean theorem", "a^2 + b^2 = c^2", "the squares on the legs of a right triangle"]
    right = scoring.alignment("Pythagoras theorem for right triangles", texts)
    wrong = scoring.alignment("bubble sort of an array of numbers", texts)
    assert right > wrong + 0.2
    assert scoring.alignment("anything", []) == 0.0


def test_broken_scene_scores_zero(settings):
    out = score_candidate("from manim import *\n\nclass A(Scene):\n    def construct(self):\n        1/0\n",
                          "x", "", Job.make(settings))
    assert out["score"] == 0.0 and not out["renders"] and out["error"]["kind"] == "runtime"


def test_duration_part():
    assert scoring.duration_score(0) == 0.0
    assert scoring.duration_score(2) == pytest.approx(0.5)
    assert scoring.duration_score(10) == 1.0 and scoring.duration_score(240) == pytest.approx(0.5)


class TwoScenes:
    """A model-like backend that answers concurrent requests with alternating scenes."""

    name = "scripted"
    trusted = False

    def __init__(self, replies):
        self.replies, self.calls, self.lock = replies, 0, threading.Lock()

    def stream(self, request: Request):
        with self.lock:
            reply = self.replies[self.calls % len(self.replies)]
            self.calls += 1
        yield Reasoning("plan")
        yield Code(reply, final=True)
        yield Notes("# Pythagoras\n\nIn a right triangle $a^2+b^2=c^2$.", final=True)


def test_candidates_render_the_best_and_keep_all_scores(settings, tmp_path):
    clean = scene("overlap.py").replace("move_to(0.1 * RIGHT)", "next_to(a, DOWN)")
    backend = TwoScenes([scene("overlap.py"), clean])
    job = Job.make(settings, out_dir=tmp_path, max_rounds=1, candidates=2, check_layout=True)
    events = list(generate("Pythagorean theorem", backend, job))
    res = events[-1].result if isinstance(events[-1], Done) else None
    assert res is not None and res.status == "ok" and backend.calls == 2
    assert len(res.candidates) == 2 and all(c["renders"] for c in res.candidates)
    chosen = [c for c in res.candidates if c["chosen"]]
    assert len(chosen) == 1 and chosen[0]["defects"] == 0
    assert chosen[0]["score"] > max(c["score"] for c in res.candidates if not c["chosen"])
    assert "next_to(a, DOWN)" in Path(res.code).read_text() and Path(res.video).exists()
    assert res.layout["defects"] == []
    # the reward's parts per candidate, each candidate's code kept, and the (chosen, rejected) pair exported
    assert all(c["total"] == c["score"] and {"renders", "layout", "alignment"} <= set(c["components"])
               for c in res.candidates)
    assert all(Path(c["code"]).is_file() for c in res.candidates)
    rows = [json.loads(x) for x in (tmp_path / "preference_pairs.jsonl").read_text().splitlines()]
    assert len(rows) == 1 and "next_to(a, DOWN)" in rows[0]["chosen"] and rows[0]["prompt"] == "Pythagorean theorem"


def test_cli_rejects_zero_candidates(capsys):
    assert cli.main(["a circle", "--candidates", "0", "--json"]) == 2
