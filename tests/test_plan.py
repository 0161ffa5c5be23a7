"""The layout plan (issue 20): solver constraints, sizes measured in the sandbox, the JEPA prior's training,
a planned scene that renders clean, the re-layout of a crowded model-style scene, the plan in the prompt."""

from __future__ import annotations

import ast
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


# -- the offline composers place their parts from the plan --------------------------------------------------------

def test_every_catalogue_title_gets_regions_inside_the_frame_and_apart():
    """Off-frame zero and no overlap by construction: for every title the engine shows (both languages, measured
    sizes from the shipped table), the solved title, graph, panel and caption regions."""
    from mathanim.offline.regions import CAPTION, GRAPH_LEFT, PANEL_RIGHT, plan_regions, table_elements
    from mathanim.plan.sizes import estimate, lookup, table

    titles = [e.text for e in table_elements()]
    assert len(titles) > 600 and all(sizes_key in table() for sizes_key in (f"text|40|{t}" for t in titles[:50]))
    from mathanim.offline.composers import graph_algorithm  # these kits are planned under any one-line title
    from mathanim.offline.composers.geometry.kit import FIG_BOX, PANEL_BOX
    from mathanim.offline.families import geometry_linear

    kits = [(FIG_BOX, PANEL_BOX), (geometry_linear.PLANE_BOX, geometry_linear.PANEL_BOX),
            tuple(graph_algorithm.WIDE.values()), tuple(graph_algorithm.SIDE.values())]
    kits = [[(b[0], b[2], b[1], b[3]) for b in boxes] for boxes in kits]
    for boxes in kits:
        assert all(inside(b, SAFE, 1e-4) for b in boxes), boxes
        assert all(intersect(a, b) is None for i, a in enumerate(boxes) for b in boxes[i + 1:]), boxes
    kit = [b for boxes in kits for b in boxes]
    for title in titles:
        boxes = list(plan_regions(title, (GRAPH_LEFT, PANEL_RIGHT, CAPTION)).items())
        assert [k for k, _ in boxes] == ["title", "graph", "panel", "caption"], title
        for i, (ka, a) in enumerate(boxes):
            assert inside(a, SAFE, 1e-4), (title, ka, a)
            assert all(intersect(a, b) is None for _, b in boxes[i + 1:]), (title, ka)
        assert all(intersect(boxes[0][1], b) is None for b in kit), title
    # a measured title keeps its measured size (scaled linearly at another font size); a text not in the table
    # is estimated from glyph advances, within a quarter of its measured width
    known = lookup([Element("t", "title", "text", titles[0], 40), Element("u", "title", "text", titles[0], 20)])
    assert [round(known[0].w, 4), round(known[0].h, 4)] == table()[f"text|40|{titles[0]}"]
    assert known[1].w == pytest.approx(known[0].w / 2)
    for title in titles[::25]:
        w = table()[f"text|40|{title}"][0]
        assert 0.75 < estimate(Element("t", "title", "text", title, 40))[0] / w < 1.25, title


def test_the_learned_prior_chooses_the_composers_arrangement(monkeypatch):
    """A composer offers arrangements that suit its content; the prior picks the one whose solved boxes it finds
    most like the layouts it learned (each part hidden in turn and predicted from the rest). An arrangement no
    person would draw (the caption on top, the graph squeezed at the bottom) scores worse than the composer's."""
    from mathanim.offline import regions
    from mathanim.offline.regions import CAPTION, GRAPH_LEFT, PANEL_RIGHT, Part, arranged, mirrored, sides
    from mathanim.plan import prior

    learned = prior.load()
    assert learned.model is not None, "mathanim/plan/prior.pt is shipped"
    odd = (Part("caption", "caption", 13.6, 0.45, (0.0, 2.6)), Part("graph", "graph", 13.0, 2.0, (0.0, -2.6)),
           Part("panel", "formula", 13.0, 2.4, (0.0, 0.2)))
    options = (odd, (GRAPH_LEFT, PANEL_RIGHT, CAPTION), mirrored((GRAPH_LEFT, PANEL_RIGHT, CAPTION)))
    title = "Law of cosines"

    def energy(parts):
        t = regions.lookup([Element("title", "title", "text", title, regions.TITLE_FONT)])[0]
        boxes = regions._solve(t, parts, "t")
        keys = list(boxes)
        rows = [{"role": "title" if k == "title" else next(p.role for p in parts if p.key == k),
                 "kind": "text" if k == "title" else "body", "box": boxes[k]} for k in keys]
        return learned.energy(rows, [i for i, k in enumerate(keys) if k != "title"])

    scores = [energy(o) for o in options]
    assert arranged(title, options) == options[scores.index(min(scores))]
    assert scores[0] > scores[1] and arranged(title, options) != odd
    assert sides(options[1])[1][0].at == (-GRAPH_LEFT.at[0], GRAPH_LEFT.at[1])
    arranged.cache_clear()
    monkeypatch.setattr(prior, "load", lambda: prior.Prior())  # no weights: the composer's own first choice
    assert arranged(title, options) == odd
    arranged.cache_clear()


def test_the_numpy_prior_is_the_trained_torch_model():
    """prior.npz is the export of prior.pt (same arrays, same means), and infer.Predictor computes what
    LayoutJEPA.predict does, on layouts of every size, with elements hidden at random."""
    import random

    import numpy as np
    import torch

    from mathanim.plan import infer, prior
    from mathanim.plan.elements import KINDS, ROLES
    from mathanim.plan.model import LayoutJEPA, make_batch

    saved = torch.load(prior.WEIGHTS, map_location="cpu", weights_only=True)
    ours = infer.Predictor(prior.EXPORTED)
    state = {k: v.numpy() for k, v in saved["state"].items() if k.startswith(infer.PARTS)}
    assert set(ours.w) == set(state) and all(np.array_equal(ours.w[k], v) for k, v in state.items())
    assert ours.means == {k: tuple(v) for k, v in saved["means"].items()}
    model = LayoutJEPA()
    model.load_state_dict(saved["state"])
    model.eval()
    rng = random.Random(3)
    layouts, masks = [], []
    for _ in range(48):
        n = rng.randint(1, infer.MAX_N + 2)  # past MAX_N: both cut the same rows
        corners = [(rng.uniform(-7, 5), rng.uniform(-4, 3)) for _ in range(n)]
        layouts.append([{"role": rng.choice(ROLES), "kind": rng.choice(KINDS),
                         "box": (x, y, x + rng.uniform(0.2, 6), y + rng.uniform(0.2, 4))} for x, y in corners])
        masks.append([i == 0 or rng.random() < 0.4 for i in range(n)])
    want = model.predict(make_batch(layouts, masks)).numpy()
    a = infer.arrays(layouts, masks)
    got = ours.predict(a)
    assert got.shape == want.shape and np.abs(got[a["masked"]] - want[a["masked"]]).max() < 1e-5


def test_the_prior_runs_in_a_forked_child_after_the_parent_used_torch():
    """The offline engine builds each scene in a forked child with a time limit; torch's thread pool does not
    survive the fork, and the prior's arrangement choice, when it ran on torch, hung there until the limit (seen as
    a Taylor scene's "sympy took more than 25 s"). It runs on numpy now: neither pool may hang it."""
    import multiprocessing as mp

    import numpy as np
    import torch

    from mathanim.offline.regions import GRAPH_LEFT, PANEL_RIGHT, arranged, sides

    x = torch.randn(400, 400)
    assert float((x @ x).sum()) == float((x @ x).sum())  # the parent's pools are up: torch's and numpy's BLAS
    y = np.random.default_rng(0).random((400, 400))
    assert float((y @ y).sum()) == float((y @ y).sum())
    arranged.cache_clear()
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    child = ctx.Process(target=lambda: q.put(arranged("Fork", sides((GRAPH_LEFT, PANEL_RIGHT)))[0].key))
    child.start()
    child.join(30)
    alive = child.is_alive()
    child.kill()
    assert not alive, "the prior hung in a forked child"
    assert q.get(timeout=5) == "graph"


def composed(entry_id: str, card: bool = False):
    """The entry and its scene as the engine builds it (or its formula card), with short run times."""
    from mathanim.offline.catalogue import by_id
    from mathanim.offline.composers import compose, compose_card
    from mathanim.offline.families.calculus import quick
    from mathanim.offline.params import extract

    entry = by_id(entry_id)
    return entry, quick((compose_card if card else compose)(entry, extract(entry.name)).code, 0.1)


def regions_of(code: str) -> dict:
    """The planned boxes the scene carries, (x0, x1, y0, y1): its REGIONS, or TITLE_BOX, GRAPH_BOX, PANEL_BOX."""
    lines = [ln for ln in code.splitlines() if ln.startswith(("REGIONS = ", "TITLE_BOX = ", "GRAPH_BOX = ",
                                                               "PANEL_BOX = "))]
    found = {ln.split(" = ")[0]: ast.literal_eval(ln.split(" = ", 1)[1]) for ln in lines}
    if "TITLE_BOX" in found:
        return {k.split("_")[0].lower(): v for k, v in found.items() if k.endswith("_BOX")}
    return found["REGIONS"]


def within(box, region, tol=0.05) -> bool:
    """A probed box (left, bottom, right, top) inside a scene region (x0, x1, y0, y1)."""
    return inside(box, (region[0], region[2], region[1], region[3]), tol)


@pytest.mark.parametrize("card", [False, True], ids=["relation_plot", "formula_card"])
def test_an_offline_composer_scene_built_from_the_plan_renders_clean_in_its_regions(card, settings):
    entry, code = composed("slope_intercept_form", card)
    boxes = regions_of(code)
    run = layout.run_probe(code, Job.make(settings, "low", trusted=True), bodies=True)
    assert run.ok, run.error
    assert layout.analyse(run, "low") == []
    snap = [s for s in run.snapshots if not s.get("mid")][-1]
    texts = [(run.units[str(t["u"])], t["box"]) for t in snap["texts"]]
    assert within(next(box for unit, box in texts if unit["text"] == entry.name), boxes["title"])
    tex = [box for unit, box in texts if unit["cls"] == "MathTex"]
    if card:  # the formulas in their region, the legend and the worked example in the region below
        assert set(boxes) == {"title", "formulas", "below"}
        assert tex and all(within(b, boxes["formulas"]) for b in tex)
        lines = [box for unit, box in texts if unit["cls"] == "Text" and unit["text"] != entry.name]
        assert lines and all(within(b, boxes["below"]) for b in lines)
    else:  # the axes in the graph region (labels and tick numbers around them), the formulas in the panel
        from mathanim.offline.composers.relation_plot import AXES_INSET

        (axes,) = [b["box"] for b in snap["bodies"] if b["cls"] == "Axes"]
        g, (left, right, bottom, top) = boxes["graph"], AXES_INSET  # the planned region, less room for labels
        assert within(axes, (g[0] - left, g[1] + right, g[2] - bottom, g[3] + top), 0.01)
        panel = [b for b in tex if b[0] > boxes["graph"][1]]
        assert len(panel) >= 3 and all(within(b, boxes["panel"]) for b in panel)
        assert boxes["title"][2] > boxes["graph"][3] and boxes["title"][2] > boxes["panel"][3]


def test_a_probability_chart_built_from_the_plan_renders_clean_in_its_regions(settings):
    """The chart scenes of the probability composer: the axes in the planned graph region (less room for their
    labels), the computed lines in the planned panel, the caption in its own region, no layout defect."""
    entry, code = composed("expected_value")
    boxes = regions_of(code)
    assert set(boxes) == {"title", "graph", "panel", "caption"}
    run = layout.run_probe(code, Job.make(settings, "low", trusted=True), bodies=True)
    assert run.ok, run.error
    assert layout.analyse(run, "low") == []
    snap = [s for s in run.snapshots if not s.get("mid")][-1]
    (axes,) = [b["box"] for b in snap["bodies"] if b["cls"] == "Axes"]
    g = boxes["graph"]
    assert within(axes, (g[0] + 0.85, g[1] - 0.25, g[2] + 0.85, g[3] - 0.45), 0.01)  # probability's axes_box
    texts = [(run.units[str(t["u"])], t["box"]) for t in snap["texts"]]
    panel = [box for unit, box in texts if unit["text"].startswith(("E[X] = Σ", "= "))]
    assert len(panel) >= 2 and all(within(b, boxes["panel"]) for b in panel)
    assert all(within(box, boxes[k]) for unit, box in texts for k in ("graph", "panel", "caption", "title")
               if within(box, boxes[k], 0.3)), "a text straddles two planned regions"


def probed_items(run, at_rest: bool = False):
    """(name, box) of every text (its text) and drawn body (its class) in the probe's snapshots (`at_rest`: only
    those taken between animations)."""
    for snap in run.snapshots:
        if at_rest and snap.get("mid"):
            continue
        yield from ((run.units[str(t["u"])]["text"], t["box"]) for t in snap["texts"])
        yield from ((b["cls"], b["box"]) for b in snap["bodies"])


def outside_regions(run, boxes: dict, at_rest: bool = False) -> list:
    """What the probe saw outside every one of `boxes` (the scene's planned regions, (x0, x1, y0, y1))."""
    return sorted({(name[:30], tuple(round(v, 2) for v in box)) for name, box in probed_items(run, at_rest)
                   if not any(within(box, region, 0.06) for region in boxes.values())})


@pytest.mark.parametrize("entry_id", ["horizontal_projectile", "simple_harmonic_motion", "lorentz_force"])
def test_a_physics_scene_keeps_every_element_in_its_planned_region(entry_id, settings):
    """The physics kit's regions come from the plan: the title, the key formula's row under it, and the body
    (the stage at the kit's coordinates, the panel that `put` keeps inside it). Probed over the whole scene, the
    title and the formula sit in theirs and everything else in the body. These three had a landing velocity
    arrow, a brace and a legend past the frame's margin before the plan's body was enforced."""
    entry, code = composed(entry_id)
    found = {ln.split(" = ")[0]: ast.literal_eval(ln.split(" = ", 1)[1]) for ln in code.splitlines()
             if ln.startswith(("TITLE = ", "FORMULA = ", "TITLE_BOX = ", "FORMULA_BOX = ", "BODY_BOX = "))}
    body = found["BODY_BOX"]
    assert found["TITLE_BOX"][2] > found["FORMULA_BOX"][3] and found["FORMULA_BOX"][2] > body[3]
    assert inside((body[0], body[2], body[1], body[3]), SAFE, 1e-4)
    run = layout.run_probe(code, Job.make(settings, "low", trusted=True), bodies=True)
    assert run.ok, run.error
    assert layout.analyse(run, "low") == []
    formula = found["FORMULA"].replace(" ", "")[:12]
    outside = set()
    for name, box in probed_items(run):
        key = ("TITLE_BOX" if name == found["TITLE"] else
               "FORMULA_BOX" if name.replace(" ", "")[:12] == formula else "BODY_BOX")
        if not within(box, found[key], 0.06):
            outside.add((name[:30], key, tuple(round(v, 2) for v in box)))
    assert not outside, sorted(outside)


@pytest.mark.parametrize("entry_id", ["gcd_euclidean_algorithm", "least_common_multiple", "markov_chain",
                                      "buffons_needle", "bubble_sort", "topological_sort"])
def test_catalogue_scenes_keep_every_element_in_a_planned_region(entry_id, settings):
    """number_theory and probability's Markov, Buffon, gas and sample-means scenes place their figures, charts,
    tables and panels in the regions the plan solved (they had fixed coordinates); the array scenes draw inside
    the planned body between title and caption; a graph's in-degree badges stay in its region (they rose 0.2
    above it). Probed over the whole scene, every text and drawn body lies inside one planned region, and
    nothing is flagged."""
    from mathanim.offline.catalogue import by_id
    from mathanim.offline.composers import compose
    from mathanim.offline.families.calculus import quick
    from mathanim.offline.params import extract

    entry = by_id(entry_id)
    code = quick(compose(entry, extract(entry.name)).code, 0.1)  # the composer itself, not a specialist family
    boxes = regions_of(code)
    assert {"title", "caption"} < set(boxes), boxes
    run = layout.run_probe(code, Job.make(settings, "low", trusted=True), bodies=True)
    assert run.ok, run.error
    assert layout.analyse(run, "low") == []
    outside = outside_regions(run, boxes)
    assert not outside, outside


@pytest.mark.parametrize("key", ["projectile", "stable_matching", "gradient_surface"])
def test_a_specialist_family_keeps_every_element_in_its_planned_regions(key, settings):
    """The probability, physics and algorithm families plan a row for their key formulas under the title and the
    body below it (a 3D scene: one tall body); probed, every text and body of the scene as it rests between
    animations lies in a planned region. The projectile's results replaced its givens centred on them and rose
    out of the row; the matching's headings and the gradient's formulas straddled the row and the body."""
    from mathanim.offline.base import Params, families

    fam = families()[key]
    lesson = fam.build(Params(concept=fam.title_en))
    boxes = regions_of(lesson.code)
    assert set(boxes) == ({"title", "body"} if key == "gradient_surface" else {"title", "formula", "body"})
    run = layout.run_probe(lesson.code, Job.make(settings, "low", trusted=True).with_(scene=lesson.scene_name),
                           bodies=True)
    assert run.ok, run.error
    assert layout.analyse(run, "low") == []
    outside = outside_regions(run, boxes, at_rest=True)
    assert not outside, outside


LOOPED = '''from manim import *


class Looped(Scene):
    def construct(self):
        title = Text("Halving", font_size=40).to_edge(UP)
        self.play(Write(title))
        n = 16
        while n > 2:
            info = Text(f"n = {n}, half of it is {n // 2}", font_size=30).to_edge(DOWN)
            self.play(Write(info), run_time=0.3)
            n //= 2
'''


def test_texts_made_in_a_loop_no_longer_pile_up_after_the_relayout(settings):
    job = Job.make(settings, "low")
    before = layout.check_layout(LOOPED, job)
    assert [d["kind"] for d in before["defects"]] == ["overlap"] * 3, before["defects"]
    r = relayout(LOOPED, job)
    assert r.moved == ["info"] and "plan_swap(self, 'info', info)" in r.code
    after = layout.check_layout(r.code, job)
    assert "error" not in after and after["defects"] == []


def test_the_prompt_plan_lists_the_concepts_own_formulas():
    from mathanim.plan.planner import TYPICAL, concept_elements

    by_key = {e.key: e for e in concept_elements("Slope-intercept form of a line")}
    assert by_key["formula1"].text == "y = mx + b" and by_key["caption"].text.startswith("A non-vertical line")
    own = {e.key: e.text for e in concept_elements("the derivative of x^3")}
    assert own["formula1"] == "x^{3}" and own["formula2"] == TYPICAL[2].text  # the second role: representative
