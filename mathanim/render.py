"""The render engine: scene source in, video files and a poster out, through the sandbox, with a cache.

`check()` runs the scene to its last frame without encoding a video (the fast validation used before a full
render); `render()` renders at a preset and converts to the requested formats.
"""

from __future__ import annotations

import ast
import hashlib
import json
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from . import guard
from .config import Settings
from .presets import FORMATS, PRESETS, get_preset
from .result import ErrorInfo
from .sandbox.runner import ChildLimits, run_child, tex_packages

ENGINE_VERSION = "1"
ProgressFn = Callable[[int, int, float], None]  # (animation index, animations in all or 0, fraction 0..1)


@dataclass
class RenderOutcome:
    ok: bool
    scene: str | None = None
    videos: dict[str, str] = field(default_factory=dict)
    poster: str | None = None
    error: ErrorInfo | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    stats: dict = field(default_factory=dict)  # num_plays, duration (scene seconds)
    cached: bool = False


def prepare(code: str, scene: str | None) -> tuple[str | None, ErrorInfo | None]:
    """Parse, security-check and pick the scene class. Nothing runs."""
    tree, err = guard.parse(code)
    if err:
        return None, err
    violations = guard.check(tree)
    if violations:
        return None, guard.refusal(violations)
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


def _new_workdir(settings: Settings) -> Path:
    work = settings.work_dir / uuid.uuid4().hex[:16]
    work.mkdir(parents=True)
    return work


@dataclass(frozen=True)
class TexCache:
    """Where compiled TeX SVGs are looked up and stored.

    The shared folder only ever receives SVGs from trusted (engine-written) code, so a hostile scene cannot
    plant a wrong glyph for another user's formula; model or user code reads it and stores into a private
    per-request folder, which the fast check and the full render of one request share.
    """

    shared: Path
    private: Path | None = None
    trusted: bool = False

    @property
    def seeds(self) -> list[str]:
        return [str(p) for p in (self.shared, self.private) if p is not None and p.is_dir()]

    @property
    def target(self) -> Path | None:
        return self.shared if self.trusted else self.private

    def harvest(self, work: Path) -> None:
        """Copy new SVGs out of a finished run's working folder (atomic rename, first writer wins)."""
        target = self.target
        if target is None:
            return
        target.mkdir(parents=True, exist_ok=True)
        for svg in work.glob("*.svg"):  # the child compiles TeX in the job folder itself
            dst = target / svg.name
            if not dst.exists() and svg.stat().st_size < 4 << 20:
                tmp = target / f".{svg.name}.{uuid.uuid4().hex[:6]}"
                shutil.copyfile(svg, tmp)
                tmp.replace(dst)


def tex_cache(settings: Settings, private: Path | None = None, trusted: bool = False) -> TexCache:
    return TexCache(settings.cache_dir / "tex", private, trusted)


def _run(code, scene, settings, mode, preset, limits, on_progress, cancel, stats,
         tex: TexCache | None = None) -> tuple[Path, object]:
    work = _new_workdir(settings)
    (work / "scene.py").write_text(code, encoding="utf-8")
    tex = tex or tex_cache(settings)
    job = {
        "mode": mode, "scene_file": str(work / "scene.py"), "scene": scene, "media_dir": str(work / "media"),
        "width": preset.width, "height": preset.height, "fps": preset.fps, "poster": str(work / "poster.png"),
        "total_time": float(stats.get("duration", 0.0)), "total_plays": int(stats.get("num_plays", 0)),
        "tex_seeds": tex.seeds,
    }
    out = run_child(work, job, limits, on_progress, cancel)
    if out.ok:
        tex.harvest(work)
    return work, out


def check(code: str, scene: str | None = None, settings: Settings | None = None, cancel=None,
          tex: TexCache | None = None) -> RenderOutcome:
    """Run the scene to its last frame at low resolution without encoding a video."""
    settings = settings or Settings.load()
    t0 = time.monotonic()
    name, err = prepare(code, scene)
    if err:
        return RenderOutcome(False, None, error=err, seconds={"check": time.monotonic() - t0})
    limits = ChildLimits(wall_s=settings.check_timeout_s, memory_mb=settings.memory_mb or PRESETS["low"].memory_mb,
                         output_bytes=settings.max_output_bytes)
    work, out = _run(code, name, settings, "check", PRESETS["low"], limits, None, cancel, {}, tex)
    try:
        poster = work / "poster.png"
        stats = {k: out.data[k] for k in ("num_plays", "duration") if k in out.data}
        outcome = RenderOutcome(out.ok, name, error=out.error, stats=stats, seconds={"check": time.monotonic() - t0})
        if out.ok and poster.exists():
            keep = settings.work_dir / f"check-{uuid.uuid4().hex[:12]}.png"
            shutil.move(poster, keep)
            outcome.poster = str(keep)
        return outcome
    finally:
        shutil.rmtree(work, ignore_errors=True)


def cache_key(code: str, scene: str, preset: str) -> str:
    """The cache key: code, scene, preset, manim version, engine version and the TeX template."""
    blob = json.dumps([code, scene, preset, version("manim"), ENGINE_VERSION, tex_packages()])
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def convert(src: Path, fmt: str, dst: Path, fps: int, width: int) -> ErrorInfo | None:
    """Convert the master mp4 to gif (palette-based) or webm (VP9) with ffmpeg."""
    if fmt == "gif":
        gif_fps, gif_w = min(fps, 25), min(width, 960)
        vf = (f"fps={gif_fps},scale={gif_w}:-1:flags=lanczos,split[a][b];"
              "[a]palettegen=stats_mode=diff:max_colors=192[p];[b][p]paletteuse=dither=bayer:bayer_scale=5:diff_mode=rectangle")
        args = ["-vf", vf, "-loop", "0"]
    elif fmt == "webm":
        args = ["-c:v", "libvpx-vp9", "-b:v", "0", "-crf", "33", "-deadline", "realtime", "-cpu-used", "8",
                "-row-mt", "1", "-pix_fmt", "yuv420p", "-an"]
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    tmp = dst.with_name(dst.stem + ".part" + dst.suffix)
    cmd = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", str(src), *args, str(tmp)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        return ErrorInfo("timeout", f"converting to {fmt} took too long")
    if proc.returncode != 0 or not tmp.exists():
        return ErrorInfo("internal", f"ffmpeg could not convert to {fmt}: {proc.stderr.strip()[-300:]}")
    tmp.replace(dst)
    return None


def _store_in_cache(entry: Path, work: Path, video: Path, stats: dict) -> None:
    staging = entry.with_name(entry.name + f".tmp{uuid.uuid4().hex[:6]}")
    staging.mkdir(parents=True)
    shutil.move(video, staging / "scene.mp4")
    if (work / "poster.png").exists():
        shutil.move(work / "poster.png", staging / "poster.png")
    (staging / "stats.json").write_text(json.dumps(stats))
    try:
        staging.rename(entry)
    except OSError:  # another render of the same key won the race; theirs is as good
        shutil.rmtree(staging, ignore_errors=True)


def _render_master(code, name, p, settings, entry, on_progress, cancel, stats, tex) -> RenderOutcome:
    """Render the mp4 master and poster into the cache entry."""
    limits = ChildLimits(wall_s=settings.render_timeout_s or p.timeout_s, memory_mb=settings.memory_mb or p.memory_mb, file_mb=settings.max_file_mb,
                         output_bytes=settings.max_output_bytes)
    work, out = _run(code, name, settings, "render", p, limits, on_progress, cancel, stats, tex)
    try:
        if not out.ok:
            return RenderOutcome(False, name, error=out.error, seconds={"render": out.seconds})
        video = Path(out.data.get("video") or "")
        if not video.is_file() or work not in video.resolve().parents:
            err = ErrorInfo("runtime", "the scene produced no video (does construct() play any animation?)")
            return RenderOutcome(False, name, error=err, seconds={"render": out.seconds})
        stats = {k: out.data[k] for k in ("num_plays", "duration")}
        _store_in_cache(entry, work, video, stats)
        return RenderOutcome(True, name, stats=stats, seconds={"render": out.seconds})
    finally:
        shutil.rmtree(work, ignore_errors=True)


def render(code: str, scene: str | None = None, preset: str = "low", formats: Sequence[str] = ("mp4",),
           out_dir: Path | str | None = None, settings: Settings | None = None, name: str = "scene",
           on_progress: ProgressFn | None = None, cancel=None, stats: dict | None = None,
           tex: TexCache | None = None) -> RenderOutcome:
    """Render `code` at `preset` into `out_dir` as each of `formats`, plus `<name>.png` as the poster."""
    settings = settings or Settings.load()
    p, t0 = get_preset(preset), time.monotonic()
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        return RenderOutcome(False, error=ErrorInfo("usage", f"unknown format {bad}; choose from {', '.join(FORMATS)}"))
    scene_name, err = prepare(code, scene)
    if err:
        return RenderOutcome(False, None, error=err, seconds={"prepare": time.monotonic() - t0})
    if not stats:  # no fast check ran (trusted code, or a plain file render): estimate the number of animations
        stats = {"num_plays": estimate_plays(code, scene_name)}
    entry = settings.cache_dir / cache_key(code, scene_name, p.name)
    cached = settings.use_cache and (entry / "scene.mp4").exists()
    seconds = {"prepare": time.monotonic() - t0}
    if not cached:
        shutil.rmtree(entry, ignore_errors=True)
        outcome = _render_master(code, scene_name, p, settings, entry, on_progress, cancel, stats or {}, tex)
        seconds.update(outcome.seconds)
        if not outcome.ok:
            outcome.seconds = seconds
            return outcome
    elif on_progress:
        on_progress(0, 0, 1.0)
    return _deliver(entry, scene_name, p, formats, Path(out_dir or settings.media_dir / "out"), name, seconds, cached)


def _deliver(entry, scene_name, p, formats, out_dir, name, seconds, cached) -> RenderOutcome:
    """Convert from the cached master where needed and copy the files to out_dir."""
    t0 = time.monotonic()
    out_dir.mkdir(parents=True, exist_ok=True)
    videos: dict[str, str] = {}
    for fmt in formats:
        src = entry / f"scene.{fmt}"
        if not src.exists():
            err = convert(entry / "scene.mp4", fmt, src, p.fps, p.width)
            if err:
                return RenderOutcome(False, scene_name, error=err, seconds=seconds)
        dst = out_dir / f"{name}.{fmt}"
        shutil.copyfile(src, dst)
        videos[fmt] = str(dst)
    poster = None
    if (entry / "poster.png").exists():
        poster = str(out_dir / f"{name}.png")
        shutil.copyfile(entry / "poster.png", poster)
    stats = json.loads((entry / "stats.json").read_text())
    seconds["convert"] = time.monotonic() - t0
    return RenderOutcome(True, scene_name, videos, poster, None, seconds, stats, cached)
