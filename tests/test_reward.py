"""The multi-part reward (mathanim/reward.py) with the real sandbox and the offline MiniLM model: a clean scene
scores above its damaged copies (overlap, off-frame, error, wrong concept), each damage caught by its own
component; the total's weighting; the preference pairs exported for training."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mathanim import reward
from mathanim.finetune import damage
from mathanim.finetune.pairs import append_jsonl, preference_pairs
from mathanim.job import Job
from mathanim.layout import ProbeRun

CLEAN = (Path(__file__).parent / "layout_scenes" / "clean.py").read_text(encoding="utf-8")
CONCEPT = "derivative of x squared"
OTHER = '''from manim import *


class Sort(Scene):
    def construct(self):
        title = Text("Bubble sort").to_edge(UP)
        boxes = VGroup(*[Square(0.8).add(Text(str(n), font_size=30)) for n in (5, 1, 4, 2)]).arrange(RIGHT)
        self.play(Write(title), Create(boxes))
        self.play(boxes[0].animate.shift(RIGHT * 0.9), boxes[1].animate.shift(LEFT * 0.9))
        note = Text("swap neighbours that are out of order", font_size=26).to_edge(DOWN)
        self.play(Write(note))
        self.wait(2)
'''


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    """The clean scene and each damaged copy, scored once for CONCEPT."""
    from mathanim.config import Settings

    settings = Settings.load(env={"MATHANIM_MEDIA_DIR": str(tmp_path_factory.mktemp("media"))}, dotenv=False)
    job = Job.make(settings)
    codes = {"clean": CLEAN, **{k: damage.damage(CLEAN, k) for k in damage.KINDS}, "wrong concept": OTHER}
    # the other components alone (the shipped code<->frame model is tested in test_consistency_joins_...)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MATHANIM_EMBED_MODEL", str(tmp_path_factory.mktemp("nomodel") / "missing.pt"))
        return {k: (code, reward.evaluate(reward.Candidate(code, CONCEPT), job)) for k, code in codes.items()}


def test_clean_scene_beats_every_damaged_copy(scored):
    clean = scored["clean"][1]
    assert clean["renders"] and clean["components"]["renders"] == 1.0 and clean["total"] > 0.8, clean["components"]
    for kind, (_, out) in scored.items():
        if kind != "clean":
            assert clean["total"] > out["total"], (kind, clean["components"], out["components"])


def test_each_damage_is_caught_by_its_component(scored):
    comp = {k: out["components"] for k, (_, out) in scored.items()}
    assert comp["error"]["renders"] == 0.0 and scored["error"][1]["total"] == 0.0
    assert scored["error"][1]["error"]["kind"] == "runtime"
    assert comp["overlap"]["layout"] < comp["clean"]["layout"]
    assert any(d["kind"] == "overlap" for d in scored["overlap"][1]["layout_report"]["defects"])
    assert comp["offframe"]["layout"] < comp["clean"]["layout"]
    assert any(d["kind"] == "offframe" for d in scored["offframe"][1]["layout_report"]["defects"])
    assert comp["wrong concept"]["alignment"] < comp["clean"]["alignment"] - 0.2
    assert comp["clean"]["consistency"] is None  # no code<->frame model file here: left out, not guessed


def test_total_weights_only_the_components_present():
    assert sum(reward.WEIGHTS.values()) == pytest.approx(1.0)
    full = dict.fromkeys(reward.WEIGHTS, 1.0)
    assert reward.total(full) == 1.0
    assert reward.total({**full, "consistency": None, "layout": 0.0}) == pytest.approx(
        1 - reward.WEIGHTS["layout"] / (1 - reward.WEIGHTS["consistency"]), abs=1e-4)
    assert reward.total({**full, "renders": 0.0}) == 0.0


def _run(text_rgb, bg, fill=None) -> ProbeRun:
    text = {"u": 1, "box": [-1, -0.2, 1, 0.2], "glyphs": [[-1, -0.2, 1, 0.2]], "rgb": text_rgb, "z": 5}
    shapes = [] if fill is None else [{"cls": "Rectangle", "box": [-2, -1, 2, 1], "z": 1, "rgb": fill, "alpha": 1.0,
                                       "poly": [[-2, -1], [2, -1], [2, 1], [-2, 1]]}]
    return ProbeRun(True, [{"i": 0, "t": 1.0, "mid": False, "texts": [text], "shapes": shapes, "bg": bg}])


def test_text_contrast_is_the_wcag_ratio_under_each_text():
    assert reward.text_contrast(_run([1, 1, 1], [0, 0, 0])) == 1.0  # white on black: 21:1
    grey = reward.text_contrast(_run([0.5, 0.5, 0.5], [0.4, 0.4, 0.4]))
    assert 0 < grey < 0.2  # about 1.4:1
    on_fill = reward.text_contrast(_run([1, 1, 0], [0, 0, 0], fill=[1, 1, 1]))  # yellow on a white card
    assert on_fill < 0.1


def test_preference_pairs_go_to_jsonl(scored, tmp_path):
    pairs = preference_pairs(CONCEPT, [v for v in scored.values()])
    assert len(pairs) >= 4 and all(p.chosen_reward["total"] > p.rejected_reward["total"] for p in pairs)
    assert pairs[0].chosen == CLEAN  # the best is the clean scene
    path = tmp_path / "pairs.jsonl"
    assert append_jsonl(pairs, path) == len(pairs)
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    assert set(rows[0]) >= {"prompt", "chosen", "rejected", "chosen_reward", "rejected_reward"}
    assert rows[0]["prompt"] == CONCEPT and set(rows[0]["chosen_reward"]["components"]) >= {"renders", "layout"}


def test_damage_refuses_unknown_kinds_and_keeps_the_scene_parseable():
    import ast

    for kind in damage.KINDS:
        ast.parse(damage.damage(CLEAN, kind))
    with pytest.raises(ValueError, match="unknown damage"):
        damage.damage(CLEAN, "blur")


def test_ui_table_shows_each_candidates_components_and_total(scored):
    from mathanim.ui.view import scores_md

    clean, broken = scored["clean"][1], scored["error"][1]
    table = scores_md([{"candidate": 1, "chosen": True, **clean},
                       {"candidate": 2, "chosen": False, **broken, "error": {"kind": "runtime"}}])
    lines = table.splitlines()
    assert lines[0].startswith("| candidate | total | renders | layout | contrast")
    assert lines[2].startswith(f"| 1 (rendered) | {clean['total']:.2f} | 1.00 |")
    assert lines[3].startswith("| 2 · runtime | 0.00 | 0.00 |")
    assert scores_md([]) == ""


def test_consistency_joins_the_reward_when_a_trained_model_exists(tmp_path, monkeypatch, settings):
    """A tiny code<->frame model trained here for a few epochs (no claim about its quality): the reward then
    has a consistency component in 0..1, from the candidate's frame or from a fast check it runs itself."""
    from PIL import Image, ImageDraw

    from mathanim.embed import model as M
    from mathanim.embed import train as T

    rows = []
    for i, (color, x) in enumerate([("RED", -3), ("BLUE", 0), ("GREEN", 3), ("YELLOW", 0)]):
        im = Image.new("RGB", (160, 90))
        ImageDraw.Draw(im).ellipse([80 + x * 12 - 12, 33, 80 + x * 12 + 12, 57], fill=color.lower())
        im.save(tmp_path / f"f{i}.png")
        code = f"from manim import *\nclass S(Scene):\n    def construct(self):\n        self.add(Circle(color={color}).shift({x} * RIGHT))\n"
        rows.append({"code": code, "frame": str(tmp_path / f"f{i}.png")})
    spec = M.EmbedSpec(dim=16, width=64, height=36, vocab=200, max_tokens=48, code_dim=16, layers=1, heads=2,
                       channels=(4, 8, 16))
    bundle, _ = T.train_rows(rows, T.TrainOptions(data="", out="", epochs=3, minutes=0.5, batch=4, spec=spec),
                             log=lambda m: None)
    monkeypatch.setenv("MATHANIM_EMBED_MODEL", str(M.save(bundle, tmp_path / "model.pt")))
    job = Job.make(settings)
    given = reward._consistency(reward.Candidate(rows[0]["code"], "a red circle", frame=rows[0]["frame"]), job)
    out = reward.evaluate(reward.Candidate(rows[1]["code"], "a blue circle"), job)  # its frame from a fast check
    made = out["components"]["consistency"]
    assert 0.0 <= given <= 1.0 and 0.0 <= made <= 1.0 and out["renders"]
    comps = dict.fromkeys(reward.WEIGHTS, 1.0) | {"consistency": 0.0}
    assert reward.total(comps) == pytest.approx(1 - reward.WEIGHTS["consistency"])
