"""Shared fixtures and helpers: a Settings object whose media folder is a fresh temporary directory, scene
fixtures, ffprobe, and `require` for the tools a test cannot run without."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
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
