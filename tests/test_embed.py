"""The code<->frame embedding: tiny training on synthetic pairs, the metrics on constructed cases, the splits,
the frame cache over real sandboxed renders, and consistency()."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw

from mathanim.config import Settings
from mathanim.embed import batch, consistency, data
from mathanim.embed import eval as ev
from mathanim.embed import model as M
from mathanim.embed import train as T

COLORS = {"RED": (252, 98, 85), "BLUE": (88, 196, 221), "GREEN": (131, 193, 103), "YELLOW": (255, 255, 0)}
TINY = M.EmbedSpec(dim=32, width=64, height=36, vocab=300, max_tokens=64, code_dim=32, layers=1, heads=2,
                   channels=(8, 16, 32))


def synthetic_pairs(tmp_path, n: int = 16) -> list[dict]:
    """Scene code that draws a shape of a colour at a place, and a frame drawn with PIL to match."""
    rows, rng = [], random.Random(0)
    for i in range(n):
        color, x, shape = rng.choice(list(COLORS)), rng.choice([-4, -2, 0, 2, 4]), rng.choice(["Circle", "Square"])
        code = (f"from manim import *\nclass S{i}(Scene):\n    def construct(self):\n"
                f"        self.add({shape}(color={color}).shift({x} * RIGHT))\n")
        im, cx = Image.new("RGB", (160, 90)), 80 + x * 12
        draw = ImageDraw.Draw(im)
        (draw.ellipse if shape == "Circle" else draw.rectangle)([cx - 12, 33, cx + 12, 57], fill=COLORS[color])
        path = tmp_path / f"f{i}.png"
        im.save(path)
        rows.append({"code": code, "frame": str(path), "group": f"g{i % 4}"})
    return rows


def test_tiny_model_trains_and_the_loss_falls(tmp_path):
    rows = synthetic_pairs(tmp_path)
    opts = T.TrainOptions(data="", out="", epochs=40, minutes=1.0, batch=8, lr=3e-3, spec=TINY)
    bundle, summary = T.train_rows(rows, opts, log=lambda m: None)
    first, last = summary["losses"][0], summary["losses"][-1]
    assert last < 0.6 * first, summary["losses"]
    # what it learnt is retrievable: the training pairs rank their own partner well above chance
    sims = bundle.code_vectors([r["code"] for r in rows]) @ bundle.frame_vectors(T.tensors(rows, bundle.tokenizer,
                                                                                         bundle.model.spec).frames).T
    assert ev.retrieval(sims)["code_to_frame"]["MRR"] > 2 * ev.chance(len(rows))["MRR"]
    # the checkpoint round-trips, and consistency() reads it
    path = M.save(bundle, tmp_path / "model.pt")
    again = M.load(path)
    assert torch.allclose(again.code_vectors([rows[0]["code"]]), bundle.code_vectors([rows[0]["code"]]), atol=1e-5)
    score = consistency(rows[0]["code"], rows[0]["frame"], model=path)
    assert 0.0 <= score <= 1.0


def test_metrics_on_a_constructed_case():
    sim = torch.eye(4)
    r = ev.retrieval(sim)
    assert r["code_to_frame"] == {"R@1": 1.0, "R@5": 1.0, "MRR": 1.0} == r["frame_to_code"]
    assert ev.auc(sim) == 1.0
    # row 0's own frame ranks 3rd, everything else first; column view: frame 0 ranks 1st among codes
    sim = torch.tensor([[0.5, 0.9, 0.7, 0.0], [0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 1.0]])
    r = ev.retrieval(sim)
    assert r["code_to_frame"]["R@1"] == 0.75 and r["code_to_frame"]["R@5"] == 1.0
    assert r["code_to_frame"]["MRR"] == pytest.approx((1 / 3 + 3) / 4)
    assert r["frame_to_code"]["R@1"] == 1.0
    # AUC: 4 positives x 12 negatives; only 0.5 loses, to 0.9 and 0.7, and ties the two 0.5s? (none): 46/48
    assert ev.auc(sim) == pytest.approx(1 - 2 / 48 - 0 / 48)
    tie = torch.tensor([[1.0, 1.0], [0.0, 1.0]])
    assert ev.auc(tie) == pytest.approx((0.5 + 1 + 0.5 + 1) / 4)  # a tie counts half
    c = ev.chance(100)
    assert c["R@1"] == 0.01 and c["R@5"] == 0.05 and c["MRR"] == pytest.approx(5.18738 / 100, rel=1e-4)
    assert "held-out families" in ev.table({"pairs": 4, "groups": 2, "splits": {"family": {
        **r, "AUC": 0.9, "n": 4, "chance": ev.chance(4)}}})


def test_splits_hold_out_whole_groups_and_variants_of_seen_groups():
    rows = [{"group": f"g{g}", "key": f"{g}-{v}"} for g in range(40) for v in range(5)]
    data.assign_splits(rows, target=30)
    groups = {s: {r["group"] for r in rows if r["split"] == s} for s in ("train", "family", "param")}
    assert groups["family"] and not groups["family"] & groups["train"]
    assert groups["param"] and groups["param"] <= groups["train"]
    assert 30 <= sum(r["split"] == "family" for r in rows) < 35
    assert sum(r["split"] == "param" for r in rows) == 30


def test_code_view_keeps_constants_and_scene_drops_helpers_and_long_tails():
    code = ("from manim import *\nimport numpy as np\n\nTITLE = 'Area'\nPTS = [1, 2, 3, 4, 5, 6, 7, 8, 9]\n\n"
            "def helper(x):\n    '''doc'''\n    return x\n\nclass A(Scene):\n    '''A docstring.'''\n"
            "    def construct(self):\n        self.add(Text(TITLE))\n")
    view = M.code_view(code)
    assert "TITLE = 'Area'" in view and "class A(Scene)" in view and "Text(TITLE)" in view
    assert "helper" not in view and "import" not in view and "docstring" not in view
    assert "[1, 2, 3, 4, 5, 6]" in view and "7" not in view
    assert M.code_view("def broken(:\n") == "def broken(:\n"


GOOD = "from manim import *\nclass {name}(Scene):\n    def construct(self):\n        self.add(Square(side_length=4, color={color}, fill_opacity=1))\n"
BAD = "from manim import *\nclass Bad(Scene):\n    def construct(self):\n        self.add(Circle(radius=1 / 0))\n"
# builds mobjects for ever (so the sandbox's no-progress watchdog sees work): only the per-scene CPU limit stops it
SPIN = "from manim import *\nclass Spin(Scene):\n    def construct(self):\n        while True:\n            Dot()\n"


def test_batch_renders_in_the_sandbox_once_and_a_failing_scene_costs_only_its_frame(tmp_path):
    settings = Settings.load().with_(media_dir=tmp_path / "media", tex_dir=tmp_path / "tex")
    items = [data.Item("g1", "red", "RedSq", GOOD.format(name="RedSq", color="RED")),
             data.Item("g2", "bad", "Bad", BAD),
             data.Item("g4", "spin", "Spin", SPIN),
             data.Item("g3", "blue", "BlueSq", GOOD.format(name="BlueSq", color="BLUE"))]
    cache = batch.FrameCache(tmp_path / "embed")
    opts = batch.RenderOptions(batch=4, per_scene_cpu_s=2)
    stats = batch.render_all(items, cache, settings, opts, log=lambda m: None)
    assert stats["rendered"] == 2 and stats["failed"] == 2
    assert stats["cpu_s"] > 0.5  # the child reports its CPU (import manim alone costs more than this)
    assert "ZeroDivisionError" in cache.failed[items[1].key]
    assert "SceneTimeout" in cache.failed[items[2].key]  # stopped alone: the scene after it still rendered
    red, blue = (Image.open(cache.frame(items[i].key)).convert("RGB") for i in (0, 3))
    assert red.size == batch.FRAME_SIZE
    r, g, b = red.getpixel((batch.FRAME_SIZE[0] // 2, batch.FRAME_SIZE[1] // 2))  # each tile is its own scene's
    assert r > 200 and b < 120, (r, g, b)
    r, g, b = blue.getpixel((batch.FRAME_SIZE[0] // 2, batch.FRAME_SIZE[1] // 2))
    assert b > 180 and r < 120, (r, g, b)
    # a rerun renders nothing; a fresh cache object reads the failures back from disk
    again = batch.render_all(items, batch.FrameCache(tmp_path / "embed"), settings, opts, log=lambda m: None)
    assert again["asked"] == 0 and again["rendered"] == 0
    rows = data.read_index(data.write_index(items, cache).parent)
    assert [r["scene"] for r in rows] == ["RedSq", "BlueSq"]


# every animation kind the fast end states know, and one they do not (Succession: manim's own path)
KINDS = """from manim import *
class Kinds(Scene):
    def construct(self):
        t = ValueTracker(1)
        a, b = Square(color=RED, fill_opacity=0.5), Circle(color=BLUE).shift(2 * RIGHT)
        c = Triangle(color=GREEN).shift(2 * LEFT)
        label = always_redraw(lambda: Dot(color=YELLOW).move_to(t.get_value() * UP))
        self.add(label)
        self.play(FadeIn(a, shift=UP), Create(c), Write(Text("hi").to_edge(UP)))
        self.play(a.animate.shift(DOWN).set_color(PURPLE), t.animate.set_value(2.5))
        self.play(Transform(a, b.copy().shift(DOWN)), Rotate(c, PI / 3), Indicate(b))
        self.play(LaggedStart(GrowArrow(Arrow(LEFT, RIGHT)), GrowFromCenter(Star().scale(0.4).to_corner(DL))))
        self.play(ReplacementTransform(b, Square(color=ORANGE).shift(3 * RIGHT)), Circumscribe(c), Flash(ORIGIN))
        d = Dot().to_corner(UR)
        self.play(TransformFromCopy(c, d), FadeOut(a))
        self.play(Succession(FadeIn(Dot(color=PINK).to_corner(DR)), Wait(0.1)))
        self.wait()
"""


def test_fast_end_states_draw_the_same_frame_as_manims_plays(tmp_path):
    settings = Settings.load().with_(media_dir=tmp_path / "media", tex_dir=tmp_path / "tex")
    item = data.Item("k", "kinds", "Kinds", KINDS)
    frames, fast_plays = [], []
    for fast in (True, False):
        cache = batch.FrameCache(tmp_path / f"fast-{fast}")
        stats = batch.render_all([item], cache, settings, batch.RenderOptions(fast=fast), log=lambda m: None)
        assert stats["rendered"] == 1, cache.failed
        frames.append(np.asarray(Image.open(cache.frame(item.key)).convert("RGB"), dtype=float))
        fast_plays.append((stats["fast_plays"], stats["plays"]))
    assert fast_plays == [(7, 8), (0, 0)]  # all but the Succession went straight to their end (wait included)
    assert np.abs(frames[0] - frames[1]).max() <= 2  # the same picture, pixel for pixel
    assert frames[0].std() > 10  # and not an empty one


def test_consistency_is_none_without_a_model_and_names_a_bad_frame(tmp_path, monkeypatch):
    monkeypatch.setenv("MATHANIM_EMBED_MODEL", str(tmp_path / "missing.pt"))
    assert consistency("class A(Scene): pass", tmp_path / "x.png") is None
    tok = M.train_code_tokenizer(["class A(Scene): pass"], 300)
    path = M.save(M.Bundle(M.DualEncoder(M.EmbedSpec(**{**TINY.__dict__, "vocab": tok.get_vocab_size()})), tok,
                           {}), tmp_path / "m.pt")
    monkeypatch.setenv("MATHANIM_EMBED_MODEL", str(path))
    with pytest.raises(ValueError, match="cannot read the frame"):
        consistency("class A(Scene): pass", tmp_path / "x.png")
    Image.new("RGB", (854, 480), (40, 40, 40)).save(tmp_path / "f.png")
    s = consistency("class A(Scene): pass", tmp_path / "f.png")
    assert 0.0 <= s <= 1.0 and not math.isnan(s)


def test_wide_variants_draw_new_values_and_name_the_new_formula():
    from mathanim.embed import variants
    from mathanim.offline.base import Params

    rng = random.Random(0)
    base = Params(concept="Explain the derivative for x^2", expr_text="x^2", language="zh")
    seen = {variants.widen(base, rng).expr_text for _ in range(30)}
    assert len(seen) > 10  # many formulas, not a handful
    p = variants.widen(base, rng)
    assert p.concept == f"Explain the derivative for {p.expr_text}" and p.language == "zh"
    m = p.matrix
    assert m[0][0] * m[1][1] != m[0][1] * m[1][0] and len(p.vectors) == 2 and p.bounds[0] < p.bounds[1]
    e = variants.entry_params("Binomial distribution", "en", rng)
    n, k = (int(x) for x in e.concept.removeprefix("Binomial distribution ").split(", ")[:2])
    assert e.numbers["n"] == n and e.numbers["k"] == k  # the numbers in the text are the numbers it uses


def test_the_shipped_model_is_the_default_and_tells_a_scenes_own_frame_from_a_swapped_one(tmp_path, monkeypatch):
    """With no model of the user's, consistency() reads the model shipped in the package (trained on the engine's
    pairs): two engine scenes rendered here score higher against their own last frame than against each other's."""
    from mathanim.embed import score
    from mathanim.offline.catalogue import load
    from mathanim.offline.engine import entry_lesson
    from mathanim.offline.params import extract

    monkeypatch.delenv("MATHANIM_EMBED_MODEL", raising=False)
    settings = Settings.load().with_(media_dir=tmp_path / "media", tex_dir=tmp_path / "tex")
    assert score.model_path(settings) == score.SHIPPED and score.SHIPPED.is_file()
    (tmp_path / "media" / "embed").mkdir(parents=True)
    (tmp_path / "media" / "embed" / "model.pt").write_bytes(b"")
    assert score.model_path(settings) == tmp_path / "media" / "embed" / "model.pt"  # the user's own wins
    entries = {e.id: e for e in load()}
    items = []
    for key, text in (("bubble_sort", "bubble sort [5, 1, 4, 2]"), ("boyles_law", "Boyle's law")):
        lesson = entry_lesson(entries[key], extract(text))
        items.append(data.Item(f"entry:{key}", text, lesson.scene_name, lesson.code))
    cache = batch.FrameCache(tmp_path / "frames")
    assert batch.render_all(items, cache, settings, batch.RenderOptions(), log=lambda m: None)["rendered"] == 2
    (a, fa), (b, fb) = ((it.code, cache.frame(it.key)) for it in items)
    own = [consistency(a, fa, model=score.SHIPPED), consistency(b, fb, model=score.SHIPPED)]
    swapped = [consistency(a, fb, model=score.SHIPPED), consistency(b, fa, model=score.SHIPPED)]
    assert min(own) > max(swapped), (own, swapped)
