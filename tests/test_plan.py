"""The layout plan (issue 20): solver constraints, sizes measured in the sandbox, the JEPA prior's training,
a planned scene that renders clean, the re-layout of a crowded model-style scene, the plan in the prompt."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest

from mathanim import layout
from mathanim.backends.base import Request
from mathanim.job import Job
from mathanim.plan import data, emit
from mathanim.plan.check import misplaced
from mathanim.plan.elements import FRAME, GAP, MARGIN, ROLES, Element, inside, intersect, iou
from mathanim.plan.measure import MeasureError, cache_path, measure
from mathanim.plan.prior import Prior
from mathanim.plan.relayout import relayout
from mathanim.plan.solver import Problem, min_scale, solve
from mathanim.prompts import build_messages

SAFE = (FRAME[0] + MARGIN, FRAME[1] + MARGIN, FRAME[2] - MARGIN, FRAME[3] - MARGIN)


def random_elements(rng: random.Random, n: int, big: bool = False) -> list[Element]:
    hi_w, hi_h = (13.0, 7.0) if big else (8.0, 2.5)
    return [Element(f"e{i}", rng.choice(ROLES), rng.choice(("text", "tex", "body")), "x", rng.choice((28, 40, 48)),
                    rng.uniform(0.3, hi_w), rng.uniform(0.2, hi_h)) for i in range(n)]


def assert_valid(plan, elements, preset="low"):
    """Every placed box is inside the frame less the margin, keeps GAP from the others, is readable."""
    by_key = {e.key: e for e in elements}
    boxes = list(plan.placed.items())
    for key, p in boxes:
        assert inside(p.box, SAFE, 1e-4), (key, p.box)
        assert p.scale >= min_scale(by_key[key], preset) - 1e-6
    for i, (ka, a) in enumerate(boxes):
        for kb, b in boxes[i + 1:]:
            grown = (a.box[0] - GAP + 1e-4, a.box[1] - GAP + 1e-4, a.box[2] + GAP - 1e-4, a.box[3] + GAP - 1e-4)
            assert intersect(grown, b.box) is None, (ka, a.box, kb, b.box)
    assert set(plan.placed) | set(plan.unplaced) == set(by_key)


def test_solver_constraints_hold_on_random_element_sets():
    rng = random.Random(0)
    for _ in range(150):
        els = random_elements(rng, rng.randint(1, 10))
        anchors = {e.key: (rng.uniform(-7, 7), rng.uniform(-4, 4)) for e in els}
        assert_valid(solve(Problem(els, anchors)), els)


def test_solver_says_what_cannot_fit_and_never_overlaps():
    rng = random.Random(1)
    els = random_elements(rng, 14, big=True)
    plan = solve(Problem(els, {e.key: (0.0, 0.0) for e in els}))
    assert not plan.fits and plan.unplaced  # fourteen boxes up to 13 x 7 cannot share a 14 x 8 frame
    assert_valid(plan, els)
    assert plan.to_json()["unplaced"] == plan.unplaced
    # one text wider than the frame even at its least readable scale: left out with its name, not squeezed
    wide = Element("wide", "formula", "tex", "x", 48, 60.0, 1.0)
    plan = solve(Problem([wide], {"wide": (0.0, 0.0)}))
    assert plan.unplaced == ["wide"] and not plan.placed


def test_solver_keeps_pinned_obstacles_and_separates_only_covisible():
    a = Element("a", "formula", "tex", "x", 48, 4.0, 1.0)
    b = Element("b", "formula", "tex", "x", 48, 4.0, 1.0)
    graph = Element("g", "graph", "body", w=6.0, h=4.0)
    fixed = {"g": (-3.0, -2.0, 3.0, 2.0)}
    plan = solve(Problem([a, b, graph], {"a": (0, 0), "b": (0, 0), "g": (0, 0)}, fixed=fixed,
                         covisible={frozenset(("a", "g")), frozenset(("b", "g"))}))
    assert plan.placed["g"].box == pytest.approx(fixed["g"], abs=1e-6)
    for k in ("a", "b"):
        assert intersect(plan.placed[k].box, fixed["g"]) is None
    # a and b are never on screen together: they may take the same place
    assert iou(plan.placed["a"].box, plan.placed["b"].box) > 0.9
    with pytest.raises(ValueError, match="no size"):
        solve(Problem([Element("z", "title")], {}))


def test_sizes_are_measured_in_the_sandbox_and_cached(settings):
    job = Job.make(settings, "low")
    short = Element("s", "caption", "text", "slope", 28)
    long_ = Element("l", "caption", "text", "slope of the tangent line", 28)
    frac = Element("f", "formula", "tex", r"\frac{a}{b}", 48)
    flat = Element("g", "formula", "tex", r"a + b", 48)
    got = {e.key: e for e in measure([short, long_, frac, flat], job)}
    assert 0.5 < got["s"].w < got["l"].w < 6  # real glyph boxes: the longer text is wider
    assert got["f"].h > 1.3 * got["g"].h  # a fraction stands taller than a sum
    assert cache_path(job).exists()
    t0 = time.monotonic()
    assert measure([short], job)[0].w == got["s"].w  # from the cache: no sandbox run
    assert time.monotonic() - t0 < 0.5
    with pytest.raises(MeasureError, match=r"\\frac\{"):
        measure([Element("bad", "formula", "tex", r"\frac{", 48), flat], job)


def test_jepa_loss_falls_and_the_ema_target_moves():
    torch = pytest.importorskip("torch")
    from mathanim.plan.model import LayoutJEPA, train

    torch.manual_seed(0)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # a tiny model: more threads only wait on each other on a busy machine
    layouts = data.synthetic_set(data.TEMPLATES, 400, seed=0)
    model = LayoutJEPA(dim=32)
    target0 = [p.clone() for p in model.target.parameters()]
    t0 = time.monotonic()
    try:
        losses = train(model, layouts, steps=40, batch_size=16)
    finally:
        torch.set_num_threads(threads)
    assert time.monotonic() - t0 < 30
    assert sum(losses[-5:]) / 5 < 0.6 * sum(losses[:5]) / 5
    moved = sum(float((p - q).abs().sum()) for p, q in zip(model.target.parameters(), target0, strict=True))
    assert moved > 0
    for t, c in zip(model.target.parameters(), model.context.parameters(), strict=True):
        assert not t.requires_grad and c.requires_grad  # the target is never trained by the gradient
    # one EMA step is exactly target ← m·target + (1−m)·context
    before = [p.clone() for p in model.target.parameters()]
    model.update_target()
    for new, old, c in zip(model.target.parameters(), before, model.context.parameters(), strict=True):
        assert torch.allclose(new, model.ema * old + (1 - model.ema) * c, atol=1e-6)


def test_a_planned_scene_renders_with_zero_defects(settings):
    job = Job.make(settings, "low", trusted=True)
    els = measure([Element("title", "title", "text", "Area under a curve", 40),
                   Element("graph", "graph", "body", w=6.0, h=4.0),
                   Element("f1", "formula", "tex", r"\int_a^b f(x)\,dx = F(b) - F(a)", 48),
                   Element("f2", "formula", "tex", r"F'(x) = f(x)", 48),
                   Element("cap", "caption", "text", "The area is the change in the antiderivative", 28)], job)
    plan = solve(Problem(els, Prior().anchors(els), job.quality))
    assert plan.fits
    code = emit.scene_code([plan])
    run = layout.run_probe(code, job.with_(scene="PlannedScene"), bodies=True)
    assert run.ok, run.error
    assert layout.analyse(run, "low") == []
    snap = next(s for s in run.snapshots if not s.get("mid"))
    measured = {run.units[str(t["u"])]["text"]: t["box"] for t in snap["texts"]}
    for e in els:
        if e.kind != "body":
            assert iou(plan.placed[e.key].box, measured[e.text]) > 0.85, e.key
    assert misplaced(run, plan.to_json()) == []


CROWDED = '''from manim import *


class Crowded(Scene):
    def construct(self):
        title = Text("Kinetic energy of a moving body", font_size=44)
        self.play(Write(title))
        formula = MathTex(r"E_k = \\frac{1}{2} m v^2", font_size=60)
        self.play(Write(formula))
        note = Text("Double the speed, four times the energy", font_size=30).shift(RIGHT * 9)
        self.play(FadeIn(note))
        self.wait(0.5)
'''


def test_relayout_moves_a_crowded_scene_into_its_plan(settings):
    job = Job.make(settings, "low")
    before = layout.check_layout(CROWDED, job)
    kinds = sorted({d["kind"] for d in before["defects"]})
    assert kinds == ["offframe", "overlap"], before["defects"]
    r = relayout(CROWDED, job)
    assert set(r.moved) >= {"note"} and r.plan is not None and r.plan.fits
    assert "plan_place(note," in r.code
    after = layout.check_layout(r.code, job)
    assert "error" not in after and after["defects"] == []


def test_the_plan_goes_into_the_prompt_as_json():
    rows = [Element("title", "title", "text", "t", 40, 6.0, 0.5), Element("f", "formula", "tex", "x", 48, 4.0, 0.8)]
    from mathanim.plan.planner import prompt_json

    plan = solve(Problem(rows, Prior().anchors(rows)))
    text = prompt_json(plan)
    msgs = build_messages(Request("kinetic energy", layout_plan=text))
    user = msgs[-1]["content"]
    assert text in user and "layout plan" in user.lower()
    sent = json.loads(text)
    assert {r["role"] for r in sent["elements"]} == {"title", "formula"}
    assert all(inside(r["box"], SAFE, 0.01) for r in sent["elements"])
    assert "layout plan" not in build_messages(Request("kinetic energy"))[-1]["content"].lower()


def test_a_model_request_carries_the_plan_its_last_scene_is_re_laid_and_checked_against_it(settings):
    from fake_openai import FakeOpenAI, Reply, reply_chunks

    from mathanim.backends import get_backend
    from mathanim.events import Code, Done, Status
    from mathanim.pipeline import generate

    # the title on top; the formula in the bottom-left corner (far from the plan's formula boxes); the note
    # pushed off the frame: a defect the one round cannot repair, so the re-layout moves it
    code = CROWDED.replace('font_size=60)', 'font_size=40).to_corner(DL)').replace('font_size=44)',
                                                                                    'font_size=44).to_edge(UP)')
    text = f"```python\n{code}```\n"
    with FakeOpenAI([Reply(reply_chunks(text, "", style="vllm", usage=(10, 10)))]) as srv:
        backend = get_backend("local", settings, base_url=srv.base_url, model="m")
        job = Job.make(settings, "low", check_layout=True, relayout=True, max_rounds=1)
        events = list(generate("kinetic energy", backend, job))
    res = events[-1].result if isinstance(events[-1], Done) else None
    user = srv.requests[0]["body"]["messages"][-1]["content"]
    sent = json.loads(user[user.index('{"frame"'):].strip())
    assert [r["role"] for r in sent["elements"]][0] == "title" and len(sent["elements"]) == 5
    assert "kinetic energy" in user and "Layout plan" in user
    assert res is not None and res.status == "ok", res
    assert res.layout["defects"] == [] and res.layout["relaid"] == ["note"]
    assert any(isinstance(e, Status) and "re-laid" in e.message for e in events)
    assert any(isinstance(e, Code) and "plan_place(note," in e.text for e in events)
    assert "plan_place(note," in Path(res.code).read_text()
    plan_defects = res.layout["plan_defects"]  # advice only: it neither failed the scene nor moved the formula
    assert [d["kind"] for d in plan_defects] == ["plan"] and "E_k" in plan_defects[0]["message"], plan_defects


def test_cli_relayout_flag_asks_for_the_layout_check_too():
    from mathanim.cli import build_parser, make_job

    job = make_job(build_parser().parse_args(["kinetic energy", "--relayout"]))
    assert job.relayout and job.check_layout
    job = make_job(build_parser().parse_args(["kinetic energy"]))
    assert not job.relayout and not job.check_layout
