"""The layout checker with the real manim in the sandbox: planted defects found, clean scenes and transforms pass."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mathanim import cli, layout
from mathanim.backends.base import Request
from mathanim.events import Code, Done, Notes, Reasoning
from mathanim.job import Job
from mathanim.pipeline import generate

SCENES = Path(__file__).parent / "layout_scenes"


def scene(name: str) -> str:
    return (SCENES / name).read_text(encoding="utf-8")


def check(name_or_code: str, settings, preset="low") -> dict:
    code = scene(name_or_code) if name_or_code.endswith(".py") else name_or_code
    out = layout.check_layout(code, Job.make(settings, preset))
    assert "error" not in out, out
    return out


def by_kind(report: dict, kind: str) -> list[dict]:
    return [d for d in report["defects"] if d["kind"] == kind]


def test_overlapping_formulas_named_with_lines_and_animation(settings):
    report = check("overlap.py", settings)
    assert [d["kind"] for d in report["defects"]] == ["overlap"]
    d = report["defects"][0]
    assert {(m["cls"], m["text"], m["line"]) for m in d["mobjects"]} == {
        ("MathTex", "a^2 + b^2 = c^2", 7), ("MathTex", "E = mc^2", 8)}
    assert d["animation"] == 3  # the FadeIn of the second formula (1-based)
    assert "line 7" in d["message"] and "line 8" in d["message"]
    assert 0 < report["score"] < 1


def test_off_frame_text_partly_and_wholly(settings):
    report = check("offframe.py", settings)
    off = {d["mobjects"][0]["line"]: d for d in by_kind(report, "offframe")}
    assert set(off) == {6, 8} and len(report["defects"]) == 2
    assert off[6]["animation"] == 1 and "outside the frame" in off[6]["message"]
    assert off[8]["animation"] == 2 and "wholly" in off[8]["message"]
    assert off[8]["severity"] > off[6]["severity"]


def test_tiny_text_depends_on_the_preset(settings):
    low = check("tiny.py", settings, "low")
    assert [(d["kind"], d["mobjects"][0]["line"], d["animation"]) for d in low["defects"]] == [("small", 7, 1)]
    high = check("tiny.py", settings, "high")  # the same font size is readable at 1080p
    assert high["defects"] == [] and high["score"] == 1.0


def test_low_contrast_and_hidden_text(settings):
    report = check("contrast.py", settings)
    found = {d["mobjects"][0]["line"]: d for d in by_kind(report, "contrast")}
    assert set(found) == {7, 9} and len(report["defects"]) == 2
    assert "Square" in found[7]["message"] and found[7]["animation"] == 2
    assert "hidden under" in found[9]["message"] and found[9]["animation"] == 3  # before the cover it was fine


@pytest.mark.parametrize("name", ["clean.py", "transforms.py", "three_d.py"])
def test_clean_scenes_and_transforms_are_not_flagged(settings, name):
    report = check(name, settings)
    assert report["defects"] == [], report["defects"]
    assert report["score"] == 1.0 and report["animations"] >= 3


def test_updater_label_sampled_inside_a_long_animation(settings):
    report = check("moving_label.py", settings)
    d = by_kind(report, "overlap")
    assert len(d) == 1 and d[0]["animation"] == 1  # only visible mid-animation: the label ends far away
    assert {m["text"] for m in d[0]["mobjects"]} == {"Fixed note", "x = t"}


OVERLAPS = '''from manim import *


class Many(Scene):
    def construct(self):
        self.add(Text("Title").to_edge(UP))
        for k in range({k}):
            x = -4.5 + 3 * k
            self.add(MathTex("a_" + str(k)).move_to([x, 0, 0]), MathTex("b_" + str(k)).move_to([x + 0.15, 0, 0]))
        self.wait(0.5)
'''


def test_score_falls_with_every_added_defect(settings):
    reports = [check(OVERLAPS.replace("{k}", str(k)), settings) for k in range(4)]
    assert [len(r["defects"]) for r in reports] == [0, 1, 2, 3]
    scores = [r["score"] for r in reports]
    assert scores[0] == 1.0 and all(a > b for a, b in zip(scores, scores[1:], strict=False)), scores


def test_cli_check_layout_adds_the_json_key(settings, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MATHANIM_MEDIA_DIR", str(settings.media_dir))
    rc = cli.main(["--scene-file", str(SCENES / "overlap.py"), "--check-layout", "--json", "--out", str(tmp_path)])
    res = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert rc == 0 and res["status"] == "ok"
    assert set(res["layout"]) >= {"score", "defects"} and res["layout"]["defects"][0]["kind"] == "overlap"
    rc = cli.main(["--scene-file", str(SCENES / "overlap.py"), "--json", "--out", str(tmp_path / "b")])  # cached
    assert rc == 0 and json.loads(capsys.readouterr().out.strip().splitlines()[-1])["layout"] is None


class Scripted:
    """A model-like backend that replays one scene per attempt and records the requests."""

    name = "scripted"
    trusted = False

    def __init__(self, replies):
        self.replies, self.requests = replies, []

    def stream(self, request: Request):
        self.requests.append(request)
        yield Reasoning("plan")
        yield Code(self.replies[min(len(self.requests), len(self.replies)) - 1], final=True)
        yield Notes("# Notes\n\nPythagoras: $a^2+b^2=c^2$.", final=True)


def test_repair_loop_sends_layout_defects_back(settings, tmp_path):
    fixed = scene("overlap.py").replace("move_to(0.1 * RIGHT)", "next_to(a, DOWN)")
    backend = Scripted([scene("overlap.py"), fixed])
    events = list(generate("pythagoras", backend, Job.make(settings, out_dir=tmp_path, max_rounds=2,
                                                            check_layout=True)))
    res = events[-1].result if isinstance(events[-1], Done) else None
    assert res is not None and res.status == "ok", res
    repair = backend.requests[1]
    assert repair.error.kind == "layout" and "E = mc^2" in repair.error.detail and repair.error.line in (7, 8)
    assert res.attempts == 2 and res.layout["score"] == 1.0 and res.layout["defects"] == []


def test_failed_last_round_falls_back_to_the_best_scene_that_ran():
    from mathanim.repair import best_layout_attempt
    from mathanim.result import ErrorInfo
    from mathanim.stages import Attempt

    worse = Attempt(code="a", layout={"score": 0.5, "defects": [{}]}, error=ErrorInfo("layout", "2 defects"))
    better = Attempt(code="b", layout={"score": 0.8, "defects": [{}]}, error=ErrorInfo("layout", "1 defect"))
    broken = Attempt(code="c", error=ErrorInfo("runtime", "NameError"))
    chosen = best_layout_attempt([worse, better, broken])
    assert chosen is better and chosen.error is None
    ok = Attempt(code="d")
    assert best_layout_attempt([worse, ok]) is ok
