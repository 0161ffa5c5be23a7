"""The CLI contract for --scene-file: flags, JSON keys, exit codes, the progress bar."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import SCENES, ffprobe

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, media: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "MATHANIM_MEDIA_DIR": str(media)}
    return subprocess.run([sys.executable, str(ROOT / "text_to_manim.py"), *args], capture_output=True,
                          text=True, env=env, timeout=300)


def last_json(stdout: str) -> dict:
    return json.loads(stdout.strip().splitlines()[-1])


def test_scene_file_json_success(tmp_path):
    out = tmp_path / "out"
    p = cli("--scene-file", str(SCENES / "mathtex_2d.py"), "--quality", "low", "--format", "gif", "--out", str(out),
            "--json", media=tmp_path / "media")
    assert p.returncode == 0, p.stderr
    data = last_json(p.stdout)
    assert data["status"] == "ok" and data["error"] is None
    assert {"status", "video", "poster", "code", "seconds", "error", "fixes"} <= data.keys()
    assert data["video"].endswith(".gif") and ffprobe(data["video"])["codec_name"] == "gif"
    assert Path(data["poster"]).exists() and Path(data["code"]).read_text().startswith("from manim import *")
    assert data["seconds"]["render.render"] > 0 and data["seconds"]["total"] >= data["seconds"]["render.render"]
    assert Path(data["preview"]).exists() and 0 < data["seconds"]["preview"] < data["seconds"]["total"]


def test_scene_file_failure_exit_1_with_typed_error(tmp_path):
    p = cli("--scene-file", str(SCENES / "runtime_error.py"), "--quality", "low", "--format", "mp4", "--json",
            media=tmp_path / "media")
    assert p.returncode == 1
    err = last_json(p.stdout)["error"]
    assert err["kind"] == "runtime" and err["line"] == 8 and "no_such_method" in err["message"]


def test_bad_usage_exit_2(tmp_path):
    assert cli("--scene-file", str(SCENES / "mathtex_2d.py"), "--quality", "huge", media=tmp_path).returncode == 2
    assert cli("--scene-file", str(tmp_path / "missing.py"), "--json", media=tmp_path).returncode == 2
    assert cli("--scene-file", str(SCENES / "mathtex_2d.py"), "--format", "avi", media=tmp_path).returncode == 2
    p = cli("--json", media=tmp_path)
    assert p.returncode == 2 and last_json(p.stdout)["error"]["kind"] == "usage"


def test_scene_choice_and_progress_bar_without_json(tmp_path):
    p = cli("--scene-file", str(SCENES / "two_scenes.py"), "--scene", "Second", "--quality", "low",
            "--out", str(tmp_path / "o"), media=tmp_path / "media")
    assert p.returncode == 0, p.stderr
    assert "%" in p.stderr and "[" in p.stderr  # the progress bar
    assert "Done in" in p.stdout and "mp4" in p.stdout
    p = cli("--scene-file", str(SCENES / "two_scenes.py"), "--quality", "low", media=tmp_path / "media")
    assert p.returncode == 1 and "First" in p.stderr and "Second" in p.stderr
