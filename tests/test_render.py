"""The render engine with the real manim: formats, presets, errors of every kind, cache, limits, progress."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from conftest import ffprobe, scene_code
from PIL import Image

from mathanim import render
from mathanim.config import Settings
from mathanim.job import Job, TexCache
from mathanim.presets import PRESETS


def test_2d_mathtex_renders_every_format_with_poster(settings, tmp_path):
    out = tmp_path / "out"
    res = render.render(scene_code("mathtex_2d.py"), Job.make(settings, "low", ["mp4", "gif", "webm"], out))
    assert res.ok, res.error
    assert res.scene == "FormulaScene"
    mp4, gif, webm = (ffprobe(res.videos[f]) for f in ("mp4", "gif", "webm"))
    assert (mp4["codec_name"], mp4["width"], mp4["height"], mp4["r_frame_rate"]) == ("h264", 854, 480, "30/1")
    assert abs(float(mp4["duration"]) - 1.8) < 0.2  # 3 x 0.5 s + 0.3 s wait
    assert gif["codec_name"] == "gif" and int(gif["nb_read_frames"]) > 10
    assert webm["codec_name"] == "vp9" and webm["width"] == 854
    assert Path(res.videos["gif"]).stat().st_size < 2_000_000  # palette-based, small
    poster = Image.open(res.poster)
    assert poster.size == (854, 480)
    assert len(set(poster.convert("L").get_flattened_data())) > 5  # not a blank frame
    assert res.stats["num_plays"] == 4


def test_three_d_scene_renders(settings, tmp_path):
    res = render.render(scene_code("three_d.py"), Job.make(settings, "low", ["mp4"], tmp_path))
    assert res.ok, res.error
    assert ffprobe(res.videos["mp4"])["height"] == 480


@pytest.mark.parametrize("preset", ["medium"])
def test_preset_sets_resolution_and_fps(settings, tmp_path, preset):
    code = scene_code("runtime_error.py").replace("        circle.no_such_method()\n", "")
    res = render.render(code, Job.make(settings, preset, ["mp4"], tmp_path))
    assert res.ok, res.error
    info, p = ffprobe(res.videos["mp4"]), PRESETS[preset]
    assert (info["width"], info["height"], info["r_frame_rate"]) == (p.width, p.height, f"{p.fps}/1")


def test_check_mode_runs_to_last_frame_without_video(settings):
    res = render.check(scene_code("mathtex_2d.py"), Job.make(settings))
    assert res.ok, res.error
    assert res.videos == {} and Path(res.poster).exists()
    assert res.stats == {"num_plays": 4, "duration": pytest.approx(1.8), "parts": res.stats["parts"]}
    assert 10 < res.stats["parts"] < 100  # the glyphs and curves on screen (what a full render draws per frame)


def test_syntax_error_names_the_line(settings, tmp_path):
    res = render.render("from manim import *\nclass A(Scene):\n    def construct(self)\n        pass\n", Job.make(settings, "low", ["mp4"], tmp_path))
    assert not res.ok and res.error.kind == "syntax" and res.error.line == 3


def test_latex_error_carries_log_and_tex_and_scene_line(settings):
    res = render.check(scene_code("bad_latex.py"), Job.make(settings))
    assert not res.ok and res.error.kind == "latex"
    assert res.error.tex == r"x + \undefinedcmd{y}"
    assert res.error.line == 8
    assert "!" in res.error.detail  # the LaTeX log's error lines


def test_runtime_error_points_into_the_scene_file(settings):
    res = render.check(scene_code("runtime_error.py"), Job.make(settings))
    assert not res.ok and res.error.kind == "runtime"
    assert res.error.line == 8 and "no_such_method" in res.error.message
    assert res.error.message.startswith("AttributeError")


def test_no_scene_and_several_scenes(settings):
    res = render.check("from manim import *\nx = 1\n", Job.make(settings))
    assert res.error.kind == "no_scene"
    res = render.check(scene_code("two_scenes.py"), Job.make(settings))
    assert res.error.kind == "no_scene" and "First" in res.error.message and "Second" in res.error.message
    res = render.check(scene_code("two_scenes.py"), Job.make(settings, scene="Second"))
    assert res.ok and res.scene == "Second"
    res = render.check(scene_code("two_scenes.py"), Job.make(settings, scene="Third"))
    assert res.error.kind == "no_scene" and "Third" in res.error.message


def processes_in(folder: Path) -> set[int]:
    """Live processes whose command line names `folder` or whose working folder lies in it (a render's
    bubblewrap, its sandboxed Python child, TeX)."""
    key, found = str(folder), set()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        try:
            cwd = os.readlink(proc / "cwd")
        except OSError:
            cwd = ""
        if key in cmdline or cwd.startswith(key):
            found.add(int(proc.name))
    return found


class Watcher(threading.Thread):
    """Records the processes under `folder` while a render runs; sets `cancel` once the scene's Python runs."""

    def __init__(self, folder: Path, cancel: threading.Event | None = None):
        super().__init__(daemon=True)
        self.folder, self.cancel, self.seen, self.done = folder, cancel, set(), threading.Event()

    def run(self):
        while not self.done.wait(0.05):
            now = processes_in(self.folder)
            self.seen |= now
            if self.cancel is not None and any(_is_scene_child(pid) for pid in now):
                self.cancel.set()

    def stop(self) -> set[int]:
        self.done.set()
        self.join()
        return self.seen


def _is_scene_child(pid: int) -> bool:
    """Whether `pid` is the sandboxed Python that runs the scene (not the bubblewrap that starts it)."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return Path(os.fsdecode(args[0])).name.startswith("python") and any(a.endswith(b"child.py") for a in args)


@pytest.mark.timeout(120)  # a hang guard only
def test_timeout_kills_the_process_group(settings):
    watcher = Watcher(settings.work_dir)
    watcher.start()
    res = render.check(scene_code("forever.py"), Job.make(settings.with_(check_timeout_s=4)))
    seen = watcher.stop()
    assert not res.ok and res.error.kind == "timeout" and "longer than 4 s" in res.error.message
    assert seen and processes_in(settings.work_dir) == set()  # the scene ran, and nothing of it is left


def test_memory_limit(settings):
    res = render.check(scene_code("memory_hog.py"), Job.make(settings.with_(memory_mb=1500)))
    assert not res.ok and res.error.kind == "resources"
    assert "memory" in res.error.message


def test_cache_hit_runs_nothing_and_a_code_change_misses(settings, tmp_path, monkeypatch):
    code = scene_code("runtime_error.py").replace("        circle.no_such_method()\n", "")
    first = render.render(code, Job.make(settings, "low", ["mp4"], tmp_path / "a"))
    assert first.ok and not first.cached and "render" in first.seconds
    runs: list[str] = []
    real_run = render.sandbox_run
    monkeypatch.setattr(render, "sandbox_run", lambda code, job, mode, *a, **kw: runs.append(mode) or real_run(
        code, job, mode, *a, **kw))
    again = render.render(code, Job.make(settings, "low", ["mp4"], tmp_path / "b"))
    assert again.ok and again.cached and runs == [] and "render" not in again.seconds  # no scene ran
    assert Path(again.videos["mp4"]).read_bytes() == Path(first.videos["mp4"]).read_bytes()
    changed = render.render(code.replace("Circle()", "Square()"), Job.make(settings, "low", ["mp4"], tmp_path / "c"))
    assert changed.ok and not changed.cached and runs == ["render"]


def test_progress_reports_rising_fractions(settings, tmp_path):
    seen: list[tuple[int, int, float]] = []
    code = scene_code("mathtex_2d.py")
    check = render.check(code, Job.make(settings))
    res = render.render(code, Job.make(settings, "low", ["mp4"], tmp_path), on_progress=lambda i, n, f: seen.append((i, n, f)), stats=check.stats)
    assert res.ok
    fractions = [f for _, _, f in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(fractions) >= 3
    assert all(n == 4 for _, n, _ in seen)


@pytest.mark.timeout(120)  # a hang guard only
def test_cancel_stops_a_render(settings, tmp_path):
    cancel = threading.Event()
    watcher = Watcher(settings.work_dir, cancel)  # Stop, pressed once the scene's process runs
    watcher.start()
    res = render.render(scene_code("forever.py"), Job.make(settings, "low", ["mp4"], tmp_path / "out",
                                                                    cancel=cancel))
    seen = watcher.stop()
    assert not res.ok and res.error.kind == "cancelled" and cancel.is_set()
    assert seen and processes_in(settings.work_dir) == set()  # the render ran, and nothing of it is left
    assert res.videos == {} and not list(tmp_path.glob("out/*.mp4"))  # no video delivered


def test_unknown_format_and_preset_are_usage_errors(settings, tmp_path):
    res = render.render(scene_code("mathtex_2d.py"), Job.make(settings, "low", ["avi"], tmp_path))
    assert res.error.kind == "usage"
    with pytest.raises(ValueError, match="choose one of"):
        render.render(scene_code("mathtex_2d.py"), Job.make(settings, "huge", ["mp4"], tmp_path))


def test_tex_cache_reuse_is_private_for_untrusted_code_and_shared_for_trusted(settings, tmp_path):
    code = scene_code("mathtex_2d.py")
    private = tmp_path / "private"
    untrusted = TexCache(settings.cache_dir / "tex", private, trusted=False)
    assert render.check(code, Job.make(settings).with_(tex=untrusted)).ok
    svgs = sorted(p.name for p in private.glob("*.svg"))
    assert len(svgs) == 1 and not (settings.cache_dir / "tex").exists()  # untrusted never feeds the shared cache
    # the seed really is read: a corrupted copy under the same name makes the next run fail
    (private / svgs[0]).write_text("not an svg")
    assert not render.check(code, Job.make(settings).with_(tex=untrusted)).ok
    trusted = TexCache(settings.cache_dir / "tex", None, trusted=True)
    assert render.check(code, Job.make(settings).with_(tex=trusted)).ok
    assert sorted(p.name for p in (settings.cache_dir / "tex").glob("*.svg")) == svgs


def test_progress_without_a_check_uses_the_static_estimate(settings, tmp_path):
    code = scene_code("mathtex_2d.py")
    assert render.estimate_plays(code, "FormulaScene") == 4
    loop = "from manim import *\nclass L(Scene):\n    def construct(self):\n        for i in range(5):\n" \
           "            self.play(FadeIn(Dot()), run_time=0.1)\n        self.wait(0.2)\n"
    assert render.estimate_plays(loop, "L") == 6
    seen: list[tuple[int, int, float]] = []
    res = render.render(code, Job.make(settings, "low", ["mp4"], tmp_path), on_progress=lambda *a: seen.append(a))
    assert res.ok
    fractions = [f for _, _, f in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and max(fractions[:-1]) <= 0.99
    assert {n for _, n, _ in seen} == {4} and len({i for i, _, _ in seen}) >= 3  # one bar across animations


def test_trusted_tex_cache_is_shared_by_every_media_folder(tmp_path):
    """Engine-written TeX compiles once for all media folders; a request's private cache stays in its own."""
    one = Job.make(Settings.load(env={"MATHANIM_MEDIA_DIR": str(tmp_path / "a")}, dotenv=False)).trusting(True)
    two = Job.make(Settings.load(env={"MATHANIM_MEDIA_DIR": str(tmp_path / "b")}, dotenv=False)).trusting(False)
    assert one.tex_cache.target == two.tex_cache.shared and tmp_path not in one.tex_cache.shared.parents
    assert tmp_path / "b" in two.tex_cache.target.parents
    own = Settings.load(env={"MATHANIM_TEX_DIR": str(tmp_path / "t")}, dotenv=False)
    assert Job.make(own).tex_cache.shared == tmp_path / "t"


def test_a_scene_s_own_except_does_not_swallow_the_length_limit(settings):
    code = ("from manim import *\n\n\nclass S(Scene):\n    def construct(self):\n        try:\n"
            "            self.wait(500)\n        except Exception:\n            pass\n"
            "        self.play(Create(Square()), run_time=0.2)\n")
    res = render.check(code, Job.make(settings.with_(max_video_s=60)))
    assert not res.ok and res.error.kind == "resources" and "at least 500 s" in res.error.message, res.error
