"""Shared fixtures and helpers: a Settings object whose media folder is a fresh temporary directory, scene
fixtures, ffprobe, and `require` for the tools a test cannot run without."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from mathanim.config import Settings  # noqa: E402

SCENES = Path(__file__).parent / "scenes"


def under_ci() -> bool:
    """Whether this is a CI run (CI set to anything but empty, 0 or false)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false")


def require(name: str, usable: bool | None = None):
    """A tool the test needs: the program `name` on PATH (its path) or else the Python module `name` (imported).

    `usable=False` marks a tool that is there but cannot work here. A missing tool skips the test (or the
    module, when called at import time) locally; under CI it fails the run, so nothing is skipped silently.
    """
    found = None
    if usable is not False:
        found = shutil.which(name)
        if found is None:
            try:
                found = importlib.import_module(name)
            except ImportError:
                found = None
    if found is not None:
        return found
    why = f"{name} is installed but does not work here" if usable is False else f"{name} is missing"
    if under_ci():
        pytest.fail(f"{why}; it is required under CI", pytrace=False)
    pytest.skip(why, allow_module_level=True)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with media, cache and work folders under tmp_path; no .env is read."""
    return Settings.load(env={"MATHANIM_MEDIA_DIR": str(tmp_path / "media")}, dotenv=False)


def scene_code(name: str) -> str:
    return (SCENES / name).read_text(encoding="utf-8")


def fast_check(code: str, settings: Settings):
    """render.check of `code` in a fresh low-quality job of these settings (the sandbox's fast check), closed after."""
    from mathanim import render
    from mathanim.job import Job

    job = Job.make(settings, "low")
    try:
        return render.check(code, job)
    finally:
        job.close()


def ffprobe(path: str | Path) -> dict:
    """Stream facts of a media file: codec, width, height, frame rate, duration, frame count."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries",
         "stream=codec_name,width,height,r_frame_rate,nb_read_frames:format=duration,format_name",
         "-of", "json", str(path)], capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    return {**data["streams"][0], **data["format"]}


# While `make test` runs, the offline classifier's vectors and learned head are made once in the background (on a
# fresh clone: about two and a half minutes alone, with one core idle while the head's solver runs; about nine
# minutes on one thread beside the test workers) instead of before the tests. The
# files below never classify a concept (not in-process, not through the CLI, the app or a worker), so they run
# meanwhile; every other test waits for it first, outside its own time limit, so that no test process waits on the
# head's lock file inside a test (a file listed here that did classify in-process would only wait on that lock).
# Run order: these files first, then the rest, each longest first (file_seconds.json: the seconds each file took in
# one run; a file missing there counts as 30), so that no long file starts last.
NO_CLASSIFIER = {
    "test_animations.py", "test_check_progress.py", "test_check_speed.py", "test_composers_calculus.py",
    "test_composers_discrete.py", "test_composers_geometry.py", "test_composers_physics.py", "test_corpus_fixes.py",
    "test_culling.py", "test_diskonce.py", "test_drift_rules.py", "test_extract.py", "test_faces3d.py",
    "test_families.py", "test_family_geometry_linear.py", "test_family_prob_physics_algo.py",
    "test_finetune_convert.py", "test_finetune_data.py", "test_finetune_eval.py", "test_finetune_grpo.py",
    "test_finetune_train.py", "test_fixer.py", "test_fixer_rules.py", "test_guard.py", "test_hostile.py",
    "test_hostile_tex.py", "test_lesson_assembly.py", "test_lesson_view.py", "test_memo3d.py", "test_model_scenes.py",
    "test_notes.py", "test_offline_params.py", "test_pil_scenes.py", "test_plan_harvest.py", "test_render.py",
    "test_scene_file_modules.py", "test_skimage_scenes.py", "test_speech.py", "test_voiceover.py", "test_workers.py",
}
WARM_PID = "MATHANIM_TEST_WARM_PID"  # set by the controlling pytest process for its workers


def pytest_configure(config):
    """Under xdist, the controlling process starts warm_vectors in the background (see NO_CLASSIFIER)."""
    if os.environ.get("PYTEST_XDIST_WORKER") or not getattr(config.option, "numprocesses", None):
        return
    # one thread: beside the test workers, the encoder's and BLAS's thread pools would spin while they wait for
    # each other on busy cores (a run with them took minutes longer)
    one = {k: "1" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
    config._warm = subprocess.Popen(
        [sys.executable, "-c", "from mathanim.offline.engine import warm_vectors; warm_vectors()"],
        cwd=Path(__file__).parent.parent, env={**os.environ, **one})
    os.environ[WARM_PID] = str(config._warm.pid)


def pytest_unconfigure(config):
    warm = getattr(config, "_warm", None)
    if warm is not None and warm.poll() is None:  # a short run: what is cached stays, the rest is made next time
        warm.terminate()
        warm.wait(30)


def pytest_collection_modifyitems(items):
    seconds = json.loads((Path(__file__).parent / "file_seconds.json").read_text())
    items.sort(key=lambda it: (it.path.name not in NO_CLASSIFIER, -seconds.get(it.path.name, 30)))


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    """Before a test that may classify, wait for the background warm_vectors while it lives: outside the test's
    time limit (pytest-timeout's wrapper runs inside this one)."""
    pid = os.environ.get(WARM_PID)
    if pid and item.path.name not in NO_CLASSIFIER:
        while running(int(pid)):
            time.sleep(0.5)
    yield


def running(pid: int) -> bool:
    """Whether process `pid` runs (a zombie, ended and not yet reaped by its parent, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")
