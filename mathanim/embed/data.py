"""(scene code, last frame) pairs for the dual encoder: made by the offline engine, rendered in the sandbox.

Sources: every offline family over many parameter values, every catalogue entry through its composer (English,
Chinese, the request's own numbers, formulas and matrices), and the scenes of `Animations/`. Each pair has a
`group` (the family, catalogue entry or file) so evaluation can hold out whole groups.

Frames are rendered by `batch.py`: many scenes per sandbox child, each in its own namespace, config and CPU
limit, their plays taken straight to their end state; cached by the hash of (scene, code, size), so a rerun
renders nothing it has rendered (or seen fail) before.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from ..config import Settings
from .batch import FRAME_SIZE, RENDER_SIZE, FrameCache, RenderOptions, render_all


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
    from .variants import NUMBER_POOL

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


def wide_items(per_family: int, per_entry: int, seed: int = 0) -> list[Item]:
    """More variants of every family and catalogue entry, with values drawn from wide ranges (variants.py)."""
    from ..finetune.synthetic import variant_params
    from ..offline import catalogue
    from ..offline.base import families
    from ..offline.composers import compose
    from .variants import entry_params, widen

    rng, out = random.Random(seed + 1), []
    jobs = [(f"family:{k}", f.build, lambda f=f, i=i: widen(variant_params(f, rng, i), rng))
            for k, f in sorted(families().items()) for i in range(per_family)]
    for e in catalogue.load():
        for i in range(per_entry):
            zh = i % 2 == 1 and bool(e.name_zh)
            jobs.append((f"entry:{e.id}", lambda p, e=e: compose(e, p),
                         lambda e=e, zh=zh: entry_params(e.name_zh if zh else e.name, "zh" if zh else "en", rng)))
    for group, make, params_of in jobs:
        params = params_of()
        try:
            lesson = make(params)
        except Exception:  # noqa: BLE001 - a family or composer bug costs its variant
            continue
        out.append(Item(group, params.concept, lesson.scene_name, lesson.code))
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
    wide_family: int = 0  # more variants per family, values from wide ranges (variants.py)
    wide_entry: int = 0  # the same per catalogue entry
    also: str = ""  # another build's items.jsonl (e.g. what an older engine wrote): its scenes are pairs too
    render: RenderOptions = None  # type: ignore[assignment]


def collect(opts: BuildOptions, log: Callable[[str], None] = print) -> list[Item]:
    """Every item of the sources, breadth-first; kept in items.jsonl so a rerun does not recompute them."""
    path = Path(opts.out) / "items.jsonl"
    stamp = json.dumps([opts.per_family, opts.per_entry, opts.animations, opts.seed]
                       + ([opts.wide_family, opts.wide_entry] if opts.wide_family or opts.wide_entry else []))
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    if lines and lines[0] == stamp:
        return [Item(**json.loads(x)) for x in lines[1:]]
    t0 = time.monotonic()
    items = family_items(opts.per_family, opts.seed) + catalogue_items(opts.per_entry, opts.seed)
    items += wide_items(opts.wide_family, opts.wide_entry, opts.seed)
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
    if opts.also:
        lines = Path(opts.also).read_text(encoding="utf-8").splitlines()[1:]
        items = unique(items + [Item(**json.loads(x)) for x in lines if x.strip()])
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
