"""(scene code, last frame) pairs for the dual encoder: made by the offline engine, rendered in the sandbox.

Sources: every offline family over many parameter values, every catalogue entry through its composer (English,
Chinese, the request's own numbers, formulas and matrices), and the scenes of `Animations/`. Each pair has a
`group` (the family, catalogue entry or file) so evaluation can hold out whole groups.

Frames are rendered in batches: one sandbox child runs several scenes one after another (each in its own
namespace and its own manim config) and writes each last frame as a small tile, so the child's start-up and
`import manim` are paid once per batch. Frames are cached by the hash of (scene, code, size): a rerun renders
nothing it has rendered (or seen fail) before.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from .. import render
from ..config import Settings
from ..job import Job

FRAME_SIZE = (160, 90)  # stored frame size
RENDER_SIZE = (320, 180)  # rendered size, box-downscaled to FRAME_SIZE (as a full-size frame is at scoring time)
NUMBER_POOL = [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20]


@dataclass
class Item:
    """One scene to pair with its last frame."""

    group: str  # "family:<key>", "entry:<id>" or "file:<name>"
    variant: str  # the request text that produced it
    scene: str
    code: str

    @property
    def key(self) -> str:
        blob = f"{self.scene}\0{self.code}\0{RENDER_SIZE}\0{FRAME_SIZE}"
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:24]


def family_items(per_family: int, seed: int = 0) -> list[Item]:
    """Up to `per_family` variants of every offline family (sympy expressions, matrices, numbers, languages)."""
    from ..finetune.synthetic import variant_params
    from ..offline.base import families

    rng, out = random.Random(seed), []
    for key, fam in sorted(families().items()):
        for i in range(per_family):
            params = variant_params(fam, rng, i)
            try:
                lesson = fam.build(params)
            except Exception:  # noqa: BLE001 - a family bug costs its variant, not the build
                continue
            out.append(Item(f"family:{key}", params.concept, lesson.scene_name, lesson.code))
    return out


def _entry_params(entry, rng: random.Random, i: int):
    """Variant `i` of a catalogue request: plain, in Chinese, with its own numbers, formulas and matrices."""
    from ..finetune.synthetic import BOUNDS, EXPRS, MATRICES, VECTORS
    from ..offline.base import Params

    zh = i % 3 == 2 and bool(entry.name_zh)
    name = entry.name_zh if zh else entry.name
    if i in (0, 2):  # the plain request, in English and in Chinese
        return Params(concept=name, language="zh" if zh else "en")
    nums = rng.sample(NUMBER_POOL, 3)
    return Params(concept=f"{name} {nums[0]}, {nums[1]}, {nums[2]}", language="zh" if zh else "en",
                  expr=rng.choice(EXPRS), matrix=rng.choice(MATRICES), vectors=rng.choice(VECTORS),
                  bounds=rng.choice(BOUNDS), numbers={"n": nums[0], "k": nums[1]})


def catalogue_items(per_entry: int, seed: int = 0) -> list[Item]:
    """Up to `per_entry` variants of every catalogue entry through its composer."""
    from ..offline import catalogue
    from ..offline.composers import compose

    rng, out = random.Random(seed), []
    for entry in catalogue.load():
        for i in range(per_entry):
            params = _entry_params(entry, rng, i)
            try:
                lesson = compose(entry, params)
            except Exception:  # noqa: BLE001 - one entry's bug costs its variant
                continue
            out.append(Item(f"entry:{entry.id}", params.concept, lesson.scene_name, lesson.code))
    return out


def animation_items(root: Path | str) -> list[Item]:
    """Every scene of a folder of scene files (e.g. Animations/), one group per file."""
    from ..finetune.extract import extract_tree

    return [Item(f"file:{s.source_file}", s.concept, s.name, s.code) for s in extract_tree(root)
            if s.style == "ce"]


def unique(items: list[Item]) -> list[Item]:
    """Items with distinct (scene, code), first kept."""
    seen, out = set(), []
    for it in items:
        if it.key not in seen:
            seen.add(it.key)
            out.append(it)
    return out


def breadth_first(items: list[Item], seed: int = 0) -> list[Item]:
    """Round-robin over groups (every group's first variant, then every second, ...): a render budget that
    runs out still covers every group."""
    by_group: dict[str, list[Item]] = {}
    for it in items:
        by_group.setdefault(it.group, []).append(it)
    groups = sorted(by_group)
    random.Random(seed).shuffle(groups)
    depth = max((len(v) for v in by_group.values()), default=0)
    return [by_group[g][d] for d in range(depth) for g in groups if d < len(by_group[g])]


# ---- the frame cache ---------------------------------------------------------------------------------------------

class FrameCache:
    """frames/<key>.png for rendered items, failed.jsonl for items that failed (not retried)."""

    def __init__(self, root: Path | str):
        self.root = Path(root)
        self.frames = self.root / "frames"
        self.frames.mkdir(parents=True, exist_ok=True)
        self._failed_path = self.root / "failed.jsonl"
        self.failed: dict[str, str] = {}
        if self._failed_path.is_file():
            for line in self._failed_path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    self.failed[row["key"]] = row["reason"]

    def frame(self, key: str) -> Path | None:
        p = self.frames / f"{key}.png"
        return p if p.is_file() else None

    def known(self, key: str) -> bool:
        return key in self.failed or self.frame(key) is not None

    def put(self, key: str, tile: Path) -> None:
        tmp = self.frames / f".{key}.tmp"
        shutil.copyfile(tile, tmp)
        tmp.replace(self.frames / f"{key}.png")

    def fail(self, key: str, reason: str) -> None:
        self.failed[key] = reason
        with self._failed_path.open("a", encoding="utf-8") as f:
            f.write(json.dumps({"key": key, "reason": reason[:300]}) + "\n")


# ---- batched rendering in the sandbox ----------------------------------------------------------------------------

BATCH_SCENE = '''from manim import *
import json
import resource
import time
from pathlib import Path
from PIL import Image

SOURCES = {sources}
SCENES = {scenes}
SIZE = {size}
HERE = Path(__file__).parent


def cpu():
    """CPU seconds of this child so far, TeX and dvisvgm included."""
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime


class EmbedBatch(Scene):
    def construct(self):
        report = []
        for i, (src, name) in enumerate(zip(SOURCES, SCENES)):
            t0 = time.monotonic()
            try:
                with tempconfig({{}}):  # a scene that changes the config does not change the next one
                    ns = {{"__name__": "scene_%d" % i}}
                    exec(compile(src, "scene_%d.py" % i, "exec"), ns)
                    scene = ns[name]()
                    scene.render()
                    frame = scene.renderer.get_frame()
                tile = Image.fromarray(frame).convert("RGB").resize(SIZE, Image.Resampling.BOX)
                tile.save(HERE / ("tile_%d.png" % i))
                report.append({{"ok": True, "s": time.monotonic() - t0, "cpu": cpu()}})
            except Exception as e:
                report.append({{"ok": False, "s": time.monotonic() - t0, "cpu": cpu(),
                               "error": f"{{type(e).__name__}}: {{e}}"[:300]}})
            (HERE / "tiles.json").write_text(json.dumps(report))
'''


def batch_code(items: list[Item]) -> str:
    """The wrapper scene that renders `items` one after another in one sandbox child."""
    return BATCH_SCENE.format(sources=repr([it.code for it in items]), scenes=repr([it.scene for it in items]),
                              size=repr(FRAME_SIZE))


@dataclass
class RenderOptions:
    """How the data builder renders."""

    batch: int = 12
    workers: int = 1
    budget_s: float = 0.0  # 0: no limit; else no new batch starts after this many seconds
    budget_cpu_s: float = 0.0  # the same for the CPU seconds the sandbox children used (as they report them)
    per_scene_s: int = 25  # the batch's time limit grows with its size
    trusted: bool = True  # engine-written code: TeX results go to the shared TeX cache


def _run_batch(items: list[Item], cache: FrameCache, settings: Settings, opts: RenderOptions,
               cpu: list[float]) -> list[Item]:
    """Render one batch into the cache; returns the items still to do (after a batch that died part-way,
    the scene it died on is recorded as failed and the rest come back). Adds the child's CPU to cpu[0]."""
    s = settings.with_(check_timeout_s=30 + opts.per_scene_s * len(items))
    job = Job.make(s, scene="EmbedBatch", trusted=opts.trusted)
    extra = {"width": RENDER_SIZE[0], "height": RENDER_SIZE[1], "max_video_s": 100000}
    work, out = render.sandbox_run(batch_code(items), job, "check", render.check_limits(job), extra=extra)
    try:
        report_path = work / "tiles.json"
        report = json.loads(report_path.read_text()) if report_path.is_file() else []
        cpu[0] += max((row.get("cpu", 0.0) for row in report), default=0.0)
        for i, (it, row) in enumerate(zip(items, report, strict=False)):
            tile = work / f"tile_{i}.png"
            if row["ok"] and tile.is_file():
                cache.put(it.key, tile)
            else:
                cache.fail(it.key, row.get("error", "no tile"))
        if out.ok or len(report) >= len(items):
            return []
        reason = f"{out.error.kind}: {out.error.message}" if out.error else "the batch died"
        cache.fail(items[len(report)].key, reason)
        return items[len(report) + 1:]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def render_all(items: list[Item], cache: FrameCache, settings: Settings | None = None,
               opts: RenderOptions | None = None, log: Callable[[str], None] = print) -> dict:
    """Render every item not yet in the cache, batch by batch; returns counts and seconds per frame."""
    settings, opts = settings or Settings.load(), opts or RenderOptions()
    todo = [it for it in items if not cache.known(it.key)]
    batches = [todo[i: i + opts.batch] for i in range(0, len(todo), opts.batch)]
    t0, done, cpu = time.monotonic(), [0], [0.0]

    def spent() -> bool:
        return bool((opts.budget_s and time.monotonic() - t0 > opts.budget_s)
                    or (opts.budget_cpu_s and cpu[0] > opts.budget_cpu_s))

    def one(batch: list[Item]) -> None:
        while batch and not spent():
            batch = _run_batch(batch, cache, settings, opts, cpu)
        done[0] += 1
        log(f"batch {done[0]}/{len(batches)}: {sum(cache.frame(i.key) is not None for i in todo)} frames, "
            f"{time.monotonic() - t0:.0f} s, {cpu[0]:.0f} CPU s")

    with ThreadPoolExecutor(max(1, opts.workers)) as pool:
        list(pool.map(one, batches))
    rendered = sum(cache.frame(i.key) is not None for i in todo)
    seconds = time.monotonic() - t0
    return {"asked": len(todo), "rendered": rendered, "failed": sum(i.key in cache.failed for i in todo),
            "seconds": round(seconds, 1), "seconds_per_frame": round(seconds / max(1, rendered), 2),
            "cpu_s": round(cpu[0], 1), "cpu_s_per_frame": round(cpu[0] / max(1, rendered), 2)}


def write_index(items: list[Item], cache: FrameCache) -> Path:
    """pairs.jsonl: every item with a cached frame (key, group, variant, scene, code)."""
    path = cache.root / "pairs.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for it in items:
            if cache.frame(it.key):
                f.write(json.dumps({"key": it.key, **asdict(it)}, ensure_ascii=False) + "\n")
    return path


def read_index(root: Path | str) -> list[dict]:
    """The rows of pairs.jsonl, each with its frame path."""
    root = Path(root)
    rows = [json.loads(x) for x in (root / "pairs.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    for r in rows:
        r["frame"] = str(root / "frames" / f"{r['key']}.png")
    return rows


@dataclass
class BuildOptions:
    """What `python -m mathanim.embed build` was asked for."""

    out: str
    per_family: int = 10
    per_entry: int = 4
    animations: str = "Animations"
    seed: int = 0
    render: RenderOptions = None  # type: ignore[assignment]


def collect(opts: BuildOptions, log: Callable[[str], None] = print) -> list[Item]:
    """Every item of the sources, breadth-first; kept in items.jsonl so a rerun does not recompute them."""
    path = Path(opts.out) / "items.jsonl"
    stamp = json.dumps([opts.per_family, opts.per_entry, opts.animations, opts.seed])
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    if lines and lines[0] == stamp:
        return [Item(**json.loads(x)) for x in lines[1:]]
    t0 = time.monotonic()
    items = family_items(opts.per_family, opts.seed) + catalogue_items(opts.per_entry, opts.seed)
    if opts.animations and Path(opts.animations).is_dir():
        items += animation_items(opts.animations)
    items = breadth_first(unique(items), opts.seed)
    log(f"{len(items)} distinct scenes in {len({i.group for i in items})} groups ({time.monotonic() - t0:.0f} s)")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([stamp, *(json.dumps(asdict(i), ensure_ascii=False) for i in items)]) + "\n",
                    encoding="utf-8")
    return items


def build(opts: BuildOptions, settings: Settings | None = None, log: Callable[[str], None] = print) -> dict:
    """Collect the items, render the missing frames into the cache, write pairs.jsonl; returns the counts."""
    items = collect(opts, log)
    cache = FrameCache(opts.out)
    stats = render_all(items, cache, settings, opts.render or RenderOptions(), log)
    write_index(items, cache)
    stats.update(items=len(items), pairs=sum(cache.frame(i.key) is not None for i in items),
                 groups=len({i.group for i in items if cache.frame(i.key)}))
    (Path(opts.out) / "build.json").write_text(json.dumps(stats, indent=1))
    return stats


def _h(text: str) -> float:
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF


def assign_splits(rows: list[dict], target: int = 100) -> None:
    """rows[i]["split"] = "family" (a held-out group: never seen in training), "param" (a held-out variant of
    a group seen in training) or "train". Each held-out split gets about `target` rows (at most a fifth of
    the data each), groups taken in a stable hashed order."""
    target = max(1, min(target, len(rows) // 5))
    by_group: dict[str, list[dict]] = {}
    for r in rows:
        r["split"] = "train"
        by_group.setdefault(r["group"], []).append(r)
    order = sorted(by_group, key=lambda g: _h("family|" + g))
    taken = 0
    for g in order:
        if taken >= target:
            break
        for r in by_group[g]:
            r["split"] = "family"
        taken += len(by_group[g])
    left = [g for g in sorted(by_group, key=lambda g: _h("param|" + g))
            if by_group[g][0]["split"] == "train" and len(by_group[g]) > 1]
    for i in range(target):  # round-robin: one variant per seen group, then a second, while groups have two left
        g = left[i % len(left)] if left else None
        pool = [r for r in by_group.get(g, []) if r["split"] == "train"] if g else []
        if len(pool) > 1:
            pool[-1]["split"] = "param"
