"""Layout-plan figures (issue 20): plan fidelity, JEPA prediction against baselines, defects with and without.

    .venv/bin/python bench/layout_plan.py [--quick] [--json] [--collect-only] [--predict-only] [--every K]

1. Data: the layout probe's element boxes on our own renders (offline families, every K-th catalogue entry,
   Animations/), cached in bench/data/plan_layouts.jsonl (a scene already there is not probed again), the
   layouts harvested many scenes per sandbox child by bench/plan_harvest.py (bench/data/plan_layouts_batch.jsonl.gz:
   engine variants, Animations/, converted 3b1b scenes), plus synthetic layouts with known positions.
2. Prediction: the JEPA model is trained on the layouts of most scenes and synthetic templates; on held-out
   scenes and templates half the elements are masked and their boxes predicted (known size, predicted centre);
   mean IoU against the real boxes, next to fixed slots per role and the per-role mean.
3. Plan fidelity: >= 200 synthetic plans (measured sizes, prior anchors, solver) rendered through the probe;
   mean IoU of planned against measured boxes.
4. Outcome: layout defects per scene without and with the plan, on the offline scenes (without: the cached
   probe of their build before the composers placed parts from the plan; with: as built now, then the
   re-layout step) and on bench/model_scenes/ (without: as written; with: the re-layout step: probe, plan,
   move the texts into their planned boxes, replace loop texts that pile up, probe again).
The last line printed is one JSON object: plan_iou, predict_iou, baseline_iou, defects_with, defects_without.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from mathanim import layout  # noqa: E402
from mathanim.config import Settings  # noqa: E402
from mathanim.job import Job  # noqa: E402
from mathanim.plan import data, emit, harvest, prior  # noqa: E402
from mathanim.plan.elements import FRAME, Element, iou  # noqa: E402
from mathanim.plan.infer import HALF_H, HALF_W, MAX_N  # noqa: E402
from mathanim.plan.measure import measure  # noqa: E402
from mathanim.plan.model import LayoutJEPA, make_batch  # noqa: E402
from mathanim.plan.model import train as train_model  # noqa: E402
from mathanim.plan.prior import FIXED_SLOTS, role_means, save  # noqa: E402
from mathanim.plan.relayout import relayout  # noqa: E402
from mathanim.plan.solver import Problem, solve  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from layout_suite import offline_cases  # noqa: E402  (the families built once, one shared way)

CACHE = ROOT / "bench" / "data" / "plan_layouts.jsonl"
BATCH_CACHE = ROOT / "bench" / "data" / "plan_layouts_batch.jsonl.gz"  # bench/plan_harvest.py's
MODEL_SCENES = ROOT / "bench" / "model_scenes"


def family_cases():
    """(name, source, code, scene) of every offline family with default Params."""
    return [(f"family:{key}", "family", code, scene) for key, code, scene in offline_cases()]


def catalogue_cases(every: int):
    """Every `every`-th catalogue entry as the engine builds it (its family or its composer)."""
    from mathanim.offline.catalogue import load
    from mathanim.offline.engine import entry_lesson
    from mathanim.offline.params import extract

    out = []
    for entry in load()[::every]:
        try:
            p = extract(entry.name)
            lesson = entry_lesson(entry, p)
        except Exception as e:  # noqa: BLE001
            print(f"  entry {entry.id}: compose failed: {type(e).__name__}: {e}", file=sys.stderr)
            continue
        out.append((f"entry:{entry.id}", f"composer:{entry.composer}", lesson.code, lesson.scene_name))
    return out


def file_cases(folder: Path, source: str):
    return [(f"{source}:{p.stem}", source, p.read_text(encoding="utf-8"), None) for p in sorted(folder.glob("*.py"))]


def collect(job: Job, every: int) -> dict:
    """Probe what the cache lacks; return the whole cache."""
    cases = (family_cases() + file_cases(ROOT / "Animations", "animations") + catalogue_cases(every)
             + file_cases(MODEL_SCENES, "model"))  # model scenes: their defects only, never trained on
    t0 = time.monotonic()
    cache = data.collect(cases, job, CACHE)
    print(f"data: {len(cache)} scenes in {CACHE.name} ({time.monotonic() - t0:.0f} s to probe the new ones)",
          flush=True)
    return cache


# -- 2. prediction ------------------------------------------------------------------------------------------------

def held_out(row: dict) -> bool:
    """A fifth of the groups (a family, a catalogue entry, a file), chosen by a stable hash of the group's name,
    is never trained on: every variant of a held-out family or entry stays out (a probed scene is its own group)."""
    return zlib.crc32(row.get("group", row["name"]).encode()) % 5 == 0


def datasets(cache: dict, batch: dict, quick: bool) -> tuple[list, list, list, list]:
    """(training layouts, held-out real layouts, held-out synthetic layouts, held-out harvested layouts).
    The held-out real layouts are those of the probed cache (the same test set as before the harvest)."""
    ours = [row for row in cache.values() if row["source"] != "model"]
    train_real = [lay for row in ours if not held_out(row) for lay in row["layouts"]]
    test_real = [lay for row in ours if held_out(row) for lay in row["layouts"]]
    harvested, test_batch = _on_screen(batch, False), _on_screen(batch, True)
    n_syn = 1500 if quick else 6000
    train = train_real * 3 + harvested + data.synthetic_set(data.TEMPLATES[:4], n_syn, seed=1)
    test_batch = random.Random(5).sample(test_batch, min(len(test_batch), 2000))
    return train, test_real, data.synthetic_set(data.TEMPLATES[4:], 200, seed=2), test_batch


def _on_screen(batch: dict, held: bool) -> list:
    """The harvested layouts of the held-out (or the other) groups, each without the elements whose centre lies
    outside the frame: converted 3b1b scenes move their camera or park mobjects off-screen (labels measured at
    x = -50), boxes that are no layout and that pulled the per-role means and the L1 loss away (measured)."""
    out = []
    for row in batch.values():
        if held_out(row) != held:
            continue
        for lay in row["layouts"]:
            rows = [r for r in lay if abs(r["box"][0] + r["box"][2]) / 2 <= FRAME[2]
                    and abs(r["box"][1] + r["box"][3]) / 2 <= FRAME[3]]
            if rows:
                out.append(rows)
    return out


def half_masks(layouts: list, seed: int) -> list[list[bool]]:
    """Half of each layout's elements (rounded up) hidden, chosen by a seeded generator."""
    rng, out = random.Random(seed), []
    for rows in layouts:
        n = min(len(rows), MAX_N)
        hidden = set(rng.sample(range(n), max(1, (n + 1) // 2)))
        out.append([j in hidden for j in range(n)])
    return out


def prediction_iou(layouts: list, masks: list, predict) -> float:
    """Mean IoU of the hidden elements' boxes: known size, centre from predict(layout, mask) → [(x, y)]."""
    scores = []
    for rows, mask in zip(layouts, masks, strict=True):
        centers = predict(rows, mask)
        for r, hidden, (cx, cy) in zip(rows, mask, centers, strict=False):
            if hidden:
                b = r["box"]
                w, h = b[2] - b[0], b[3] - b[1]
                scores.append(iou(b, (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)))
    return round(sum(scores) / max(1, len(scores)), 4)


def evaluate(model, means: dict, layouts: list) -> dict:
    """The model against fixed slots per role and the per-role mean, on `layouts` with half hidden."""
    masks = half_masks(layouts, seed=7)

    def by_model(rows, mask):
        where = model.predict(make_batch([rows], [mask]))[0]
        return [(float(x) * HALF_W, float(y) * HALF_H) for x, y in where.tolist()]

    return {"model": prediction_iou(layouts, masks, by_model),
            "role_mean": prediction_iou(layouts, masks, lambda rows, m: [means[r["role"]] for r in rows]),
            "fixed_slots": prediction_iou(layouts, masks, lambda rows, m: [FIXED_SLOTS[r["role"]] for r in rows]),
            "layouts": len(layouts)}


def prediction(cache: dict, batch: dict, quick: bool) -> tuple[dict, object]:
    """Train on most scenes (probed and harvested) and four templates; evaluate on the held-out ones; save the
    weights."""
    import torch

    torch.manual_seed(0)
    torch.set_num_threads(1)  # a tiny model: more threads only wait on each other on a busy machine
    train, test_real, test_syn, test_batch = datasets(cache, batch, quick)
    model, t0 = LayoutJEPA(), time.monotonic()
    losses = train_model(model, train, steps=1500 if quick else 4000)
    model.eval()
    means = role_means(train)
    save(model, means)
    out = {"train_layouts": len(train), "steps": len(losses), "seconds": round(time.monotonic() - t0, 1),
           "loss_first": round(sum(losses[:20]) / 20, 4), "loss_last": round(sum(losses[-20:]) / 20, 4),
           "harvested_scenes": sum(1 for r in batch.values() if r["layouts"]),
           "held_out_scenes": evaluate(model, means, test_real),
           "held_out_templates": evaluate(model, means, test_syn)}
    if test_batch:
        out["held_out_harvested"] = evaluate(model, means, test_batch)
    print(f"prediction: {json.dumps(out)}", flush=True)
    return out, model


# -- 3. plan fidelity ---------------------------------------------------------------------------------------------

WORDS = ("The derivative", "Area under the curve", "Eigenvectors of A", "Bayes' theorem", "Taylor series of e^x",
         "Kinetic energy", "Snell's law", "Binary search", "The chain rule", "Fourier series")
FORMULAS = (r"f'(x) = \lim_{h \to 0} \frac{f(x+h) - f(x)}{h}", r"\int_a^b f(x)\,dx = F(b) - F(a)", r"A v = \lambda v",
            r"P(A \mid B) = \frac{P(B \mid A) P(A)}{P(B)}", r"e^x = 1 + x + \frac{x^2}{2} + \cdots",
            r"E_k = \tfrac{1}{2} m v^2", r"n_1 \sin\theta_1 = n_2 \sin\theta_2", r"x^2 + y^2 = r^2")
CAPTIONS = ("The slope of the tangent line", "Each step halves the interval", "Energy is conserved",
            "Light bends toward the normal")


def synthetic_elements(rng: random.Random) -> list[Element]:
    """A random element set: a title, one to three formulas, maybe a graph, a caption, a label."""
    els = [Element("title", "title", "text", rng.choice(WORDS), 40)]
    if rng.random() < 0.6:
        els.append(Element("graph", "graph", "body", w=rng.uniform(4.5, 7), h=rng.uniform(3, 4.5)))
    els += [Element(f"formula{i}", "formula", "tex", rng.choice(FORMULAS), rng.choice((36, 40, 48)))
            for i in range(rng.randint(1, 3))]
    if rng.random() < 0.5:
        els.append(Element("caption", "caption", "text", rng.choice(CAPTIONS), 28))
    if rng.random() < 0.4:
        els.append(Element("label", "label", "tex", rng.choice(("x", "f(x)", r"\theta", "v")), 32))
    return els


def plan_fidelity(job: Job, prior, n: int) -> dict:
    """Plan `n` synthetic element sets, render them through the probe (50 plans a scene), compare boxes."""
    rng, plans, t0 = random.Random(3), [], time.monotonic()
    for _ in range(n):
        els = measure(synthetic_elements(rng), job)
        plans.append(solve(Problem(els, prior.anchors(els), job.quality)))
    scores, unplaced, defects = [], sum(len(p.unplaced) for p in plans), 0
    for k in range(0, n, 50):
        chunk = plans[k:k + 50]
        run = layout.run_probe(emit.scene_code(chunk), job.with_(scene="PlannedScene"), bodies=True)
        if not run.ok:
            print(f"  fidelity chunk {k}: probe failed: {run.error.message if run.error else '?'}", file=sys.stderr)
            continue
        defects += len(layout.analyse(run, job.quality))
        scores += _chunk_ious(chunk, [s for s in run.snapshots if not s.get("mid")], run.units)
    out = {"plans": n, "elements": len(scores), "plan_iou": round(sum(scores) / max(1, len(scores)), 4),
           "unplaced": unplaced, "defects": defects, "seconds": round(time.monotonic() - t0, 1)}
    print(f"fidelity: {json.dumps(out)}", flush=True)
    return out


def _chunk_ious(plans: list, snaps: list, units: dict) -> list[float]:
    """IoU of every planned box with the box the probe measured for it (a text by its line, a body by itself)."""
    out = []
    for plan, snap in zip(plans, snaps, strict=False):
        texts = {units.get(str(t["u"]), {}).get("text"): t["box"] for t in snap["texts"]}
        bodies = [b["box"] for b in snap.get("bodies", []) if b["cls"] == "Rectangle"]
        for e in plan.elements:
            p = plan.placed.get(e.key)
            if p is None:
                continue
            got = bodies[0] if e.kind == "body" and bodies else texts.get(e.text)
            out.append(iou(p.box, got) if got else 0.0)
    return out


# -- 4. outcome -----------------------------------------------------------------------------------------------------

def outcome(label: str, cases: list, job: Job, before: dict, built_with_plan: bool = False) -> dict:
    """Defects per scene of `cases` without the plan (`before`: known counts by name, else probed as written)
    and with it: the re-layout step, on the code as written, or (`built_with_plan`: offline scenes, whose
    composers now place their parts from the plan, `before` being the cached probe of their earlier build) on
    the code as built now."""
    rows = []
    for name, _source, code, scene in cases:
        j = job.with_(scene=scene)
        n0 = before.get(name)
        if n0 is None:
            n0 = len(layout.check_layout(code, j)["defects"])
        built = layout.check_layout(code, j) if built_with_plan else None
        base = n0 if built is None else len(built["defects"]) if not built.get("error") else None
        r = relayout(code, j)
        rep = layout.check_layout(r.code, j) if r.moved else None
        n1 = base if rep is None else len(rep["defects"]) if not rep.get("error") else None
        rows.append({"name": name, "without": n0, "with": n1, "moved": r.moved, "note": r.note})
        print(f"  {label:<8} {name:<40} defects {n0} -> {n1}  moved {r.moved} {r.note}", flush=True)
    ran = [r for r in rows if r["with"] is not None]
    n = max(1, len(ran))
    return {"scenes": len(rows), "ran": len(ran), "defects_without": round(sum(r["without"] for r in ran) / n, 3),
            "defects_with": round(sum(r["with"] for r in ran) / n, 3), "rows": rows}


def offline_subset(cache: dict, quick: bool) -> tuple[list, dict]:
    """The offline scenes to re-lay: those with a defect and (quick) about 8 clean ones, as cases."""
    ours = {n: r for n, r in cache.items() if r["source"] != "model"}
    wanted = {n for n, r in ours.items() if r.get("defects")}
    clean = sorted(n for n, r in ours.items() if r.get("defects") == 0)
    wanted |= set(clean[::max(1, len(clean) // 8)] if quick else clean)
    cases = [c for c in family_cases() + file_cases(ROOT / "Animations", "animations") + catalogue_cases(1)
             if c[0] in wanted]
    return cases, {n: cache[n]["defects"] for n in wanted}


def figures_of(pred: dict, fid: dict, off: dict, mod: dict, cache: dict) -> dict:
    """The figures JSON: the five contract keys first, then the detail."""
    n_off, n_mod = off["ran"], mod["ran"]
    both = max(1, n_off + n_mod)
    return {"plan_iou": fid["plan_iou"], "predict_iou": pred["held_out_scenes"]["model"],
            "baseline_iou": pred["held_out_scenes"]["role_mean"],
            "defects_with": round((off["defects_with"] * n_off + mod["defects_with"] * n_mod) / both, 3),
            "defects_without": round((off["defects_without"] * n_off + mod["defects_without"] * n_mod) / both, 3),
            "fixed_slots_iou": pred["held_out_scenes"]["fixed_slots"], "templates": pred["held_out_templates"],
            "harvested": pred.get("held_out_harvested"), "harvested_scenes": pred["harvested_scenes"],
            "fidelity": fid, "offline": {k: v for k, v in off.items() if k != "rows"},
            "model": {k: v for k, v in mod.items() if k != "rows"}, "offline_all_without": _all_without(cache)}


def _all_without(cache: dict) -> dict:
    """Defects per scene of every probed offline scene as written (the outcome above re-lays a subset)."""
    rows = [r for r in cache.values() if r["source"] != "model" and r.get("defects") is not None]
    return {"scenes": len(rows), "defects_per_scene": round(sum(r["defects"] for r in rows) / max(1, len(rows)), 3),
            "with_defects": sorted(r["name"] for r in rows if r["defects"])}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer training steps and scenes (under 10 minutes)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object, last line")
    ap.add_argument("--collect-only", action="store_true", help="only probe scenes into the cache")
    ap.add_argument("--predict-only", action="store_true", help="only train and evaluate the prior (saves it)")
    ap.add_argument("--exclude-source", nargs="*", default=[], metavar="KIND",
                    help="harvested sources not to train on (e.g. 3b1b: its code is non-commercial)")
    ap.add_argument("--every", type=int, default=6, help="probe every K-th catalogue entry")
    ap.add_argument("--plans", type=int, default=200, help="synthetic plans for the fidelity figure")
    ap.add_argument("--sizes", action="store_true", help="only measure the offline titles into mathanim/plan/sizes.json")
    args = ap.parse_args(argv)
    t0 = time.monotonic()
    job = Job.make(Settings.load(), "low", trusted=True)
    if args.sizes:
        from mathanim.offline.regions import table_elements
        from mathanim.plan.sizes import build_table

        n = len(build_table(table_elements(), job))
        print(f"sizes: {n} texts measured in {time.monotonic() - t0:.0f} s")
        return 0
    cache = collect(job, args.every)
    if args.collect_only:
        return 0
    batch = {n: r for n, r in harvest.load(BATCH_CACHE).items()
             if r["source"].split(":")[0] not in args.exclude_source}
    pred, _ = prediction(cache, batch, args.quick)
    if args.predict_only:
        return 0
    prior.load.cache_clear()
    fid = plan_fidelity(job, prior.load(), args.plans)
    off_cases, before = offline_subset(cache, args.quick)
    off = outcome("offline", off_cases, job, before, built_with_plan=True)
    mod = outcome("model", file_cases(MODEL_SCENES, "model"), job.trusting(False),
                  {n: r["defects"] for n, r in cache.items() if r["source"] == "model"})
    figures = figures_of(pred, fid, off, mod, cache)
    figures["seconds"] = round(time.monotonic() - t0, 1)
    (ROOT / "bench" / "data" / "plan_figures.json").write_text(json.dumps({**figures, "offline_rows": off["rows"],
                                                                          "model_rows": mod["rows"]}, indent=1))
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
