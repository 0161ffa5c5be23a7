"""The layout harvester (issue 20): many scenes' layouts in one sandbox child, the same boxes as the one-scene
probe, a scene that raises, spins or ends the child costs only its own row, and a rerun measures only what the
cache lacks."""

from __future__ import annotations

import gzip

from mathanim.job import Job
from mathanim.plan import data
from mathanim.plan.harvest import Case, HarvestOptions, LayoutCache, harvest

HEAD = "from manim import *\n\n"
GOOD = HEAD + '''class Good(Scene):
    def construct(self):
        title = Text("Layouts to learn from", font_size=40).to_edge(UP)
        ax = Axes(x_range=[0, 4], y_range=[0, 4], x_length=5, y_length=3.5).shift(LEFT * 3 + DOWN * 0.5)
        self.play(Write(title), Create(ax))
        f = MathTex(r"y = x^2").shift(RIGHT * 3 + UP)
        self.play(FadeIn(f))
        cap = Text("A caption under everything else", font_size=26).to_edge(DOWN)
        self.play(f.animate.shift(DOWN), FadeIn(cap))
        self.wait(0.5)
'''
RAISES = HEAD + '''class Raises(Scene):
    def construct(self):
        self.play(FadeIn(Text("before the error")))
        raise ZeroDivisionError("on purpose")
'''
SPINS = HEAD + '''class Spins(Scene):
    def construct(self):
        self.play(FadeIn(Text("before the loop")))
        n = 0
        while True:
            n += 1
'''
EXITS = HEAD + '''class Exits(Scene):
    def construct(self):
        self.add(Text("the child ends here"))
        raise SystemExit(3)
'''
LAST = HEAD + '''class Last(Scene):
    def construct(self):
        self.play(FadeIn(Text("Still measured", font_size=40).to_edge(UP)), Create(Square(2).shift(DOWN)))
'''


def case(name: str, code: str) -> Case:
    return Case(f"test:{name}", f"test:{name}", "test", name, code)


def test_harvester_measures_many_scenes_in_one_child_like_the_probe_and_resumes(settings, tmp_path):
    cases = [case("Good", GOOD), case("Raises", RAISES), case("Spins", SPINS), case("Exits", EXITS),
             case("Last", LAST)]
    path = tmp_path / "layouts.jsonl.gz"
    opts = HarvestOptions(batch=5, per_scene_cpu_s=3.0)
    out = harvest(cases, LayoutCache(path), settings, opts, log=lambda m: None)
    rows = LayoutCache(path).rows  # read back from disk
    assert out["scenes"] == 5 and out["measured"] == 2, out
    assert "ZeroDivisionError" in rows["test:Raises"]["error"]
    assert "SceneTimeout" in rows["test:Spins"]["error"]  # the CPU limit stopped it; the batch went on
    assert rows["test:Exits"]["error"] and not rows["test:Exits"]["layouts"]
    assert rows["test:Last"]["layouts"][-1][0]["role"] == "title"  # measured by a second child after the exit
    assert all(r["cpu"] >= 0 for r in rows.values() if "cpu" in r)

    # the same boxes as the one-scene layout probe (samples inside animations and all) on the same scene
    probed, run = data.probe_layouts(GOOD, Job.make(settings, "low", trusted=True).with_(scene="Good"))
    got = rows["test:Good"]["layouts"]
    assert run.ok and len(got) == len(probed) >= 3
    for mine, theirs in zip(got, probed, strict=True):
        assert [r["role"] for r in mine] == [r["role"] for r in theirs]
        for a, b in zip(mine, theirs, strict=True):
            assert max(abs(x - y) for x, y in zip(a["box"], b["box"], strict=True)) < 0.01, (a, b)
    assert {r["role"] for r in got[-1]} == {"title", "graph", "formula", "caption"}

    # a rerun measures only the scene the cache lacks
    size = path.stat().st_size
    more = harvest([*cases, case("Last2", LAST.replace("Last", "Last2"))], LayoutCache(path), settings, opts,
                   log=lambda m: None)
    assert more["scenes"] == 1 and more["measured"] == 1, more
    assert path.stat().st_size > size and len(LayoutCache(path).rows) == 6
    with gzip.open(path, "rt") as f:
        assert sum(1 for _ in f) == 6  # one line per scene, nothing measured twice


def test_a_scene_the_guard_refuses_is_a_row_and_never_runs(settings, tmp_path):
    bad = case("Bad", HEAD + "import socket\n\nclass Bad(Scene):\n    def construct(self):\n        pass\n")
    cache = LayoutCache(tmp_path / "c.jsonl.gz")
    out = harvest([bad], cache, settings, HarvestOptions(), log=lambda m: None)
    assert out["failed"] == 1 and "refused" in cache.rows["test:Bad"]["error"]
