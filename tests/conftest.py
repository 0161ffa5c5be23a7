"""Shared fixtures: a Settings object whose media folder is a fresh temporary directory."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from mathanim.config import Settings  # noqa: E402

SCENES = Path(__file__).parent / "scenes"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with media, cache and work folders under tmp_path; no .env is read."""
    return Settings.load(env={"MATHANIM_MEDIA_DIR": str(tmp_path / "media")}, dotenv=False)


def scene_code(name: str) -> str:
    return (SCENES / name).read_text(encoding="utf-8")


def ffprobe(path: str | Path) -> dict:
    """Stream facts of a media file: codec, width, height, frame rate, duration, frame count."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries",
         "stream=codec_name,width,height,r_frame_rate,nb_read_frames:format=duration,format_name",
         "-of", "json", str(path)], capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    return {**data["streams"][0], **data["format"]}
