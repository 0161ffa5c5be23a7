"""The render engine: scene source in, video files and a poster out, through the sandbox, with a cache.

`check()` runs the scene to its last frame without encoding a video (the fast validation used before a full
render); `render()` renders at a preset and converts to the requested formats.
"""

from __future__ import annotations

import ast
import hashlib
import json
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib.metadata import version
from pathlib import Path

from . import executor, guard, local_modules
from .config import Settings
from .executor.base import ProgressFn, SandboxTask
from .executor.work import convert_file
from .job import Job
from .presets import FORMAT_TABLE, FORMATS, PRESETS, Preset
from .result import ErrorInfo
from .sandbox.culling import FIXES as CULLING_FIXES
from .sandbox.drift import FIXES as DRIFT_FIXES
from .sandbox.runner import ChildLimits, ChildOutcome, tex_packages
from .speech import SpeechError, voiceover

ENGINE_VERSION = "5"  # raised when the sandbox child renders the same code differently (drift.py, culling.py)
STILL_FIX = ("the scene plays no animation: rendered its frame as the poster and a 2-second video holding it "
             "(add self.play(...) or self.wait(...) to animate)")


@dataclass
class RenderOutcome:
    ok: bool
    scene: str | None = None
    videos: dict[str, str] = field(default_factory=dict)
    poster: str | None = None
    error: ErrorInfo | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    stats: dict = field(default_factory=dict)  # num_plays, duration (scene seconds), still
    cached: bool = False
    worker: str | None = None  # the render worker that ran the master; None: the local pool (or the cache)
    notice: str = ""  # e.g. the broker was unreachable and the local pool rendered instead
    fixes: list[str] = field(default_factory=list)  # what the render changed (a still scene held as a video)
    background: dict | None = None  # what the background stage did (backgrounds/stage.py); None: none asked


# The background stage (backgrounds.stage.Finisher): given the cache entry holding the transparent master, it
# returns (the folder to deliver from, its record, an error). Passed in, so this module never imports it.
Finish = Callable[[Path], tuple[Path | None, dict, ErrorInfo | None]]


def prepare(code: str, scene: str | None, modules: tuple = ()) -> tuple[str | None, ErrorInfo | None]:
    """Parse, security-check and pick the scene class; `modules`: the scene file's bundled local modules
    (job.modules), which it may import and which are checked the same way. Nothing runs."""
    tree, err = guard.parse(code)
    if err:
        return None, err
    violations = guard.check(tree, local_modules.roots(modules))
    if violations:
        return None, guard.refusal(violations)
    err = local_modules.refusal(modules)
    if err:
        return None, err
    return guard.pick_scene(tree, scene)


def _loop_factor(node: ast.For | ast.While) -> int:
    """How many times a loop probably runs: range(...) with constant bounds, a literal list, else a guess of 3."""
    it = getattr(node, "iter", None)
    if isinstance(it, (ast.List, ast.Tuple)):
        return max(1, len(it.elts))
    if isinstance(it, ast.Call) and getattr(it.func, "id", "") == "range":
        try:
            return max(1, len(range(*(ast.literal_eval(a) for a in it.args))))
        except (ValueError, TypeError, SyntaxError):
            pass
    return 3


def _count_plays(node: ast.AST, factor: int = 1) -> int:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("play", "wait") \
            and getattr(node.func.value, "id", "") == "self":
        return factor
    if isinstance(node, (ast.For, ast.While)):
        factor *= _loop_factor(node)
    return sum(_count_plays(child, factor) for child in ast.iter_child_nodes(node))


def estimate_plays(code: str, scene: str) -> int:
    """A static estimate of how many animations `scene` plays (for the progress bar when no check ran)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return 0
    classes = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == scene]
    return min(10_000, sum(_count_plays(c) for c in classes))


def _new_workdir(job: Job) -> Path:
    work = job.settings.work_dir / uuid.uuid4().hex[:16]
    work.mkdir(parents=True)
    return work


def sandbox_run(code: str, job: Job, mode: str, limits: ChildLimits, on_progress: ProgressFn | None = None,
                extra: dict | None = None) -> tuple[Path, ChildOutcome]:
    """Run `job.scene` of `code` in the sandbox child in `mode` (check | render | layout); the caller removes
    the returned working folder. `extra` adds to or overrides the child's job fields (size, progress totals)."""
    work = _new_workdir(job)
    (work / "scene.py").write_text(code, encoding="utf-8")
    local_modules.write(job.modules, work / "modules")  # the child imports them from there, read-only
    speech, err = _stage_speech(code, work, job)
    if err:
        return work, ChildOutcome(False, error=err)
    p = job.preset if mode == "render" else PRESETS["low"]
    store = executor.ArtifactStore(job.settings.media_dir)  # paths travel as references into it
    spec = {"mode": mode, "scene_file": store.ref(work / "scene.py"), "scene": job.scene,
            "media_dir": store.ref(work / "media"), "width": p.width, "height": p.height, "fps": p.fps,
            "poster": store.ref(work / "poster.png"), "tex_seeds": [store.ref(x) for x in job.tex_cache.seeds],
            "max_video_s": max_video_s(job), "local_modules": bool(job.modules), **speech, **(extra or {})}
    task = SandboxTask("child", store.ref(work), spec, asdict(limits))
    out = executor.run(executor.get_executor(job.settings), task, on_progress, job.cancel)
    if out.ok:
        job.tex_cache.harvest(work)
    return work, out


def _stage_speech(code: str, work: Path, job: Job) -> tuple[dict, ErrorInfo | None]:
    """A manim_voiceover scene's texts spoken into its job folder before the run (speech/voiceover.py): the
    child's fields for it, or why it could not be spoken."""
    try:
        return ({"voiceover": True} if voiceover.stage(code, work, job.settings) else {}), None
    except (SpeechError, ValueError) as err:
        return {}, ErrorInfo("speech", f"the scene's voiceover could not be spoken: {err}")


def check_limits(job: Job) -> ChildLimits:
    """The limits of a fast check or a layout probe (low resolution, no video)."""
    s = job.settings
    return ChildLimits(wall_s=job.check_s or s.check_timeout_s, memory_mb=s.memory_mb or PRESETS["low"].memory_mb,
                       output_bytes=s.max_output_bytes, stall_s=s.stall_timeout_s)


def max_video_s(job: Job) -> int:
    """The longest video the job's scene may ask for (settings override the preset's own)."""
    return job.settings.max_video_s or job.preset.max_video_s


def is_3d(code: str, scene: str | None) -> bool:
    """Whether `scene` derives from a 3D scene class, directly or through classes of the same file."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return False
    bases = {n.name: [ast.unparse(b).split(".")[-1] for b in n.bases] for n in tree.body if isinstance(n, ast.ClassDef)}
    todo, seen = [scene], set()
    while todo:
        name = todo.pop()
        if name in seen or name not in bases:
            continue
        seen.add(name)
        if any(b in ("ThreeDScene", "SpecialThreeDScene") for b in bases[name]):
            return True
        todo += bases[name]
    return False


def check(code: str, job: Job) -> RenderOutcome:
    """Run the scene to its last frame at low resolution without encoding a video."""
    t0 = time.monotonic()
    name, err = prepare(code, job.scene, job.modules)
    if err:
        return RenderOutcome(False, None, error=err, seconds={"check": time.monotonic() - t0})
    work, out = sandbox_run(code, job.with_(scene=name), "check", check_limits(job))
    try:
        poster = work / "poster.png"
        stats = {k: out.data[k] for k in ("num_plays", "duration", "parts") if k in out.data}
        if is_3d(code, name):  # with the duration, sizes the full render's time limit
            stats["three_d"] = True
        outcome = RenderOutcome(out.ok, name, error=out.error, stats=stats, seconds={"check": time.monotonic() - t0},
                                worker=out.worker, notice=out.notice)
        if out.ok and poster.exists():
            keep = job.settings.work_dir / f"check-{uuid.uuid4().hex[:12]}.png"
            shutil.move(poster, keep)
            outcome.poster = str(keep)
        return outcome
    finally:
        shutil.rmtree(work, ignore_errors=True)


def cache_key(code: str, scene: str, preset: str, modules: tuple = ()) -> str:
    """The cache key: code, scene, preset, manim version, engine version, the TeX template and the scene
    file's bundled modules (when it has any)."""
    parts = [code, scene, preset, version("manim"), ENGINE_VERSION, tex_packages()]
    blob = json.dumps(parts + [[m.path, m.code] for m in modules] if modules else parts)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def convert(src: Path, fmt: str, dst: Path, preset: Preset, settings: Settings | None = None) -> ErrorInfo | None:
    """Convert the master mp4 to another format of the table (presets.FORMAT_TABLE) with ffmpeg: on the
    settings' executor (a worker, with a broker), or here without settings."""
    if fmt not in FORMAT_TABLE or not FORMAT_TABLE[fmt].ffmpeg:
        raise ValueError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if settings is None:
        return convert_file(src, fmt, dst, preset.name)
    store = executor.ArtifactStore(settings.media_dir)
    spec = {"src": store.ref(src), "dst": store.ref(dst), "fmt": fmt, "preset": preset.name}
    out = executor.run(executor.get_executor(settings), SandboxTask("convert", store.ref(dst.parent), spec))
    return out.error


def _store_in_cache(entry: Path, work: Path, video: Path, stats: dict) -> None:
    staging = entry.with_name(entry.name + f".tmp{uuid.uuid4().hex[:6]}")
    staging.mkdir(parents=True)
    shutil.move(video, staging / ("scene" + video.suffix))  # .mov: the transparent master of a background
    if (work / "poster.png").exists():
        shutil.move(work / "poster.png", staging / "poster.png")
    (staging / "stats.json").write_text(json.dumps(stats))
    try:
        staging.rename(entry)
    except OSError:  # another render of the same key won the race; theirs is as good
        shutil.rmtree(staging, ignore_errors=True)


CPU_SHARE = 1.5  # the render's CPU seconds per second of its budget: the video encoder's threads run beside manim's


def render_limits(job: Job, stats: dict | None = None) -> ChildLimits:
    """The limits of a full render at the job's preset. The time limit follows the scene's size from the
    fast check (`stats`: duration, three_d, parts) up to the settings' ceiling, as CPU time, with the wall clock at
    Settings.render_wall_s; a flat MATHANIM_RENDER_TIMEOUT wins; without a check, the preset's own limit. Endless
    scenes are stopped by the no-progress watchdog."""
    s, p = job.settings, job.preset
    duration = float((stats or {}).get("duration") or 0.0)
    cpu = 0  # the runner's default: twice the wall clock
    if s.render_timeout_s:
        wall = float(s.render_timeout_s)
    elif duration > 0:
        # the size's budget is of the render's own computing time, so that a busy machine (other renders, a worker
        # with several slots) does not stop a long scene early: the wall clock waits up to twice the ceiling
        budget = p.size_limit(stats, s.render_ceiling_s)
        wall, cpu = float(s.render_wall_s), int(budget * CPU_SHARE) + 5
    else:
        wall = float(p.timeout_s)
    return ChildLimits(wall_s=wall, cpu_s=cpu, memory_mb=s.memory_mb or p.memory_mb, file_mb=s.max_file_mb,
                       output_bytes=s.max_output_bytes, stall_s=s.stall_timeout_s)


def _render_master(code: str, job: Job, entry: Path, on_progress, stats: dict) -> RenderOutcome:
    """Render the mp4 master and poster into the cache entry."""
    totals = {"total_time": float(stats.get("duration", 0.0)), "total_plays": int(stats.get("num_plays", 0))}
    extra = {**totals, "transparent": True} if job.background else totals
    work, out = sandbox_run(code, job, "render", render_limits(job, stats), on_progress, extra)
    ran = {"seconds": {"render": out.seconds}, "worker": out.worker, "notice": out.notice}
    try:
        if not out.ok:
            return RenderOutcome(False, job.scene, error=out.error, **ran)
        video = Path(out.data.get("video") or "")
        if not video.is_file() or work not in video.resolve().parents:
            err = ErrorInfo("runtime", "the scene produced no video (does construct() play any animation?)")
            return RenderOutcome(False, job.scene, error=err, **ran)
        stats = {k: out.data[k] for k in ("num_plays", "duration")}
        # kept with the cached master so a cached render reports them too
        for flag in ["still"] * bool(out.data.get("still")) + list(out.data.get("drift", [])):
            stats[flag] = True
        _store_in_cache(entry, work, video, stats)
        return RenderOutcome(True, job.scene, stats=stats, **ran)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def render(code: str, job: Job, stats: dict | None = None, on_progress: ProgressFn | None = None,
           finish: Finish | None = None) -> RenderOutcome:
    """Render `code` at the job's preset into its output folder as each of its formats, plus `<name>.png`.

    stats: num_plays/duration from a fast check (for the progress bar); else a static estimate is used.
    finish: with job.background, the background stage that composites the transparent master.
    """
    t0 = time.monotonic()
    job, stats, refused = _admit(code, job, stats)
    if refused:
        refused.seconds = {"prepare": time.monotonic() - t0}
        return refused
    scene_name = job.scene
    entry = job.settings.cache_dir / cache_key(code, scene_name, job.quality + ("+alpha" if job.background else ""),
                                               job.modules)
    cached = job.settings.use_cache and (entry / ("scene.mov" if job.background else "scene.mp4")).exists()
    seconds = {"prepare": time.monotonic() - t0}
    master = RenderOutcome(True)
    if not cached:
        shutil.rmtree(entry, ignore_errors=True)
        master = _render_master(code, job, entry, on_progress, stats)
        seconds.update(master.seconds)
        if not master.ok:
            master.seconds = seconds
            return master
    elif on_progress:
        on_progress(0, 0, 1.0)
    source, record = entry, None
    if job.background:
        source, record, err = _finish(finish, entry, seconds)
        if err:
            return RenderOutcome(False, scene_name, error=err, seconds=seconds, background=record)
    outcome = _deliver(source, job, seconds, cached)
    outcome.worker, outcome.notice, outcome.background = master.worker, master.notice, record
    return outcome


def _admit(code: str, job: Job, stats: dict | None) -> tuple[Job, dict, RenderOutcome | None]:
    """The job with its scene named and the stats to pace it, or the refusal: an unknown format, code that does not
    prepare, or a scene longer than the preset allows (known from the fast check, so refused before any frame)."""
    bad = [f for f in job.formats if f not in FORMATS]
    if bad or not job.formats:
        return job, {}, RenderOutcome(False, error=ErrorInfo("usage", f"unknown format {bad}; choose from "
                                                                     f"{', '.join(FORMATS)}"))
    scene_name, err = prepare(code, job.scene, job.modules)
    if err:
        return job, {}, RenderOutcome(False, None, error=err)
    job = job.with_(scene=scene_name)
    stats = stats or {"num_plays": estimate_plays(code, scene_name)}
    if float(stats.get("duration") or 0) > max_video_s(job):
        msg = (f"the scene asks for {stats['duration']:.0f} s of video; at {job.quality} quality at most "
               f"{max_video_s(job)} s are allowed (shorten its waits and run times)")
        return job, stats, RenderOutcome(False, scene_name, error=ErrorInfo("resources", msg))
    return job, stats, None


def _finish(finish: Finish | None, entry: Path, seconds: dict) -> tuple[Path, dict | None, ErrorInfo | None]:
    """Run the background stage on the cache entry (timed as seconds["background"])."""
    if finish is None:
        return entry, None, ErrorInfo("internal", "a background was asked for but no background stage was given")
    t0 = time.monotonic()
    source, record, err = finish(entry)
    seconds["background"] = time.monotonic() - t0
    return source or entry, record, err


def _deliver(entry: Path, job: Job, seconds: dict, cached: bool) -> RenderOutcome:
    """Convert from the cached master where needed and copy the files to the job's output folder."""
    t0 = time.monotonic()
    out_dir = job.out_dir or job.settings.media_dir / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    videos: dict[str, str] = {}
    for fmt in job.formats:
        src = entry / f"scene.{fmt}"
        if not src.exists():
            err = convert(entry / "scene.mp4", fmt, src, job.preset, job.settings)
            if err:
                return RenderOutcome(False, job.scene, error=err, seconds=seconds)
        dst = out_dir / f"{job.name}.{fmt}"
        shutil.copyfile(src, dst)
        videos[fmt] = str(dst)
    poster = None
    if (entry / "poster.png").exists():
        poster = str(out_dir / f"{job.name}.png")
        shutil.copyfile(entry / "poster.png", poster)
    stats = json.loads((entry / "stats.json").read_text())
    seconds["convert"] = time.monotonic() - t0
    fixes = [fix for flag, fix in (("still", STILL_FIX), *DRIFT_FIXES.items(), *CULLING_FIXES.items()) if stats.get(flag)]
    return RenderOutcome(True, job.scene, videos, poster, None, seconds, stats, cached, fixes=fixes)
