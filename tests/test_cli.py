"""The CLI contract: every flag run for real as a subprocess (--scene-file, --scene, --format, --quality, --no-cache,
--max-rounds and --candidates against the scripted server, --check-layout), JSON keys, exit codes, the progress
bar."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import SCENES, ffprobe
from fake_openai import FakeOpenAI, Reply, reply_chunks
from PIL import Image

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


TINY = "from manim import *\n\n\nclass Tiny(Scene):\n    def construct(self):\n" \
       "        self.play(Create(Circle(color=BLUE)), run_time=0.3)\n"
# Two scenes told apart by colour (the poster) and by length (the video).
RED_BLUE = "from manim import *\n\n\nclass Red(Scene):\n    def construct(self):\n" \
           "        self.add(Square(side_length=20, color=RED, fill_opacity=1))\n        self.wait(0.2)\n\n\n" \
           "class Blue(Scene):\n    def construct(self):\n" \
           "        self.add(Square(side_length=20, color=BLUE, fill_opacity=1))\n        self.wait(0.6)\n"
# A model's scene: the undefined helper is no static fix, so only a repair round mends it.
GOOD = TINY.replace("class Tiny", "class Ring")
BROKEN = GOOD.replace("Circle(color=BLUE)", "make_ring()")


def scene_file(tmp_path: Path, code: str = TINY) -> str:
    path = tmp_path / "scene.py"
    path.write_text(code, encoding="utf-8")
    return str(path)


def assert_preview(data: dict) -> None:
    """The fast check's frame is in the result, and it existed before the request ended."""
    assert Path(data["preview"]).is_file() and 0 < data["seconds"]["preview"] <= data["seconds"]["total"]


def scripted(code: str) -> Reply:
    text = f"## Key formulas\n$$A = \\pi r^2$$\n\n```python\n{code}```\n\n## Notes\nA ring of radius $1$.\n"
    return Reply(reply_chunks(text, "Plan: one ring.", style="vllm", usage=(100, 200)))


def model_cli(codes: list[str], *args: str, media: Path) -> tuple[subprocess.CompletedProcess, list[dict]]:
    """The CLI with the local backend against the scripted server, which answers with `codes` in turn."""
    with FakeOpenAI([scripted(c) for c in codes]) as srv:
        p = cli("a ring", "--backend", "local", "--base-url", srv.base_url, "--model", "m", "--quality", "low",
                "--json", *args, media=media)
    return p, srv.requests


def test_max_rounds_bounds_the_repair_loop(tmp_path):
    p, requests = model_cli([BROKEN, GOOD], "--max-rounds", "1", media=tmp_path / "m1")
    data = last_json(p.stdout)
    assert p.returncode == 1 and data["status"] == "error" and data["attempts"] == 1 and len(requests) == 1
    assert data["error"]["kind"] == "runtime" and "make_ring" in data["error"]["message"]
    assert data["video"] is None and data["preview"] is None and "preview" not in data["seconds"]  # the check failed
    p, requests = model_cli([BROKEN, GOOD], "--max-rounds", "2", media=tmp_path / "m2")
    data = last_json(p.stdout)
    assert p.returncode == 0, p.stderr
    assert data["status"] == "ok" and data["attempts"] == 2 and len(requests) == 2
    assert [r["error"] and r["error"]["kind"] for r in data["rounds"]] == ["runtime", None]
    assert Path(data["code"]).read_text() == GOOD and ffprobe(data["video"])["codec_name"] == "h264"
    assert_preview(data)


def test_no_cache_renders_again(tmp_path):
    media, src = tmp_path / "media", scene_file(tmp_path)
    runs = [last_json(cli("--scene-file", src, "--quality", "low", "--json", *extra, media=media).stdout)
            for extra in ((), (), ("--no-cache",))]
    assert [d["status"] for d in runs] == ["ok"] * 3
    assert [d["cached"] for d in runs] == [False, True, False]
    assert ["render.render" in d["seconds"] for d in runs] == [True, False, True]  # a cache hit renders nothing
    for d in runs:
        assert ffprobe(d["video"])["codec_name"] == "h264"
        assert_preview(d)


def test_several_formats_in_one_run(tmp_path):
    p = cli("--scene-file", scene_file(tmp_path), "--quality", "low", "--format", "mp4,gif", "--format", "webm",
            "--json", media=tmp_path / "media")
    assert p.returncode == 0, p.stderr
    data = last_json(p.stdout)
    assert data["formats"] == ["mp4", "gif", "webm"] and sorted(data["videos"]) == ["gif", "mp4", "webm"]
    codecs = {fmt: ffprobe(path)["codec_name"] for fmt, path in data["videos"].items()}
    assert codecs == {"mp4": "h264", "gif": "gif", "webm": "vp9"}
    assert data["video"] == data["videos"]["mp4"] and Path(data["video"]).suffix == ".mp4"  # the first one asked
    assert_preview(data)


def test_candidates_render_the_one_that_runs(tmp_path):
    p, requests = model_cli([BROKEN, GOOD], "--candidates", "2", "--max-rounds", "1", media=tmp_path / "media")
    assert p.returncode == 0, p.stderr
    data = last_json(p.stdout)
    assert len(requests) == 2 and data["status"] == "ok" and len(data["candidates"]) == 2
    chosen = [c for c in data["candidates"] if c["chosen"]]
    other = [c for c in data["candidates"] if not c["chosen"]]
    assert len(chosen) == 1 and chosen[0]["renders"] and "error" not in chosen[0]
    assert other[0]["error"]["kind"] == "runtime" and not other[0]["renders"]
    assert Path(data["code"]).read_text() == GOOD and ffprobe(data["video"])["codec_name"] == "h264"
    assert_preview(data)


def test_scene_flag_renders_the_named_scene(tmp_path):
    p = cli("--scene-file", scene_file(tmp_path, RED_BLUE), "--scene", "Blue", "--quality", "low", "--json",
            media=tmp_path / "media")
    assert p.returncode == 0, p.stderr
    data = last_json(p.stdout)
    assert abs(float(ffprobe(data["video"])["duration"]) - 0.6) < 0.1  # Blue's length, not Red's 0.2 s
    for frame in (data["poster"], data["preview"]):
        r, g, b = Image.open(frame).convert("RGB").getpixel((427, 240))
        assert b > 150 and r < 150, (frame, (r, g, b))  # Blue's colour fills the frame
    assert_preview(data)


def test_check_layout_with_a_concept(tmp_path):
    p = cli("harmonic series n = 6", "--check-layout", "--quality", "low", "--json", media=tmp_path / "media")
    assert p.returncode == 0, p.stderr
    data = last_json(p.stdout)
    layout = data["layout"]
    assert data["status"] == "ok" and data["backend"] == "offline" and layout and "error" not in layout
    assert layout["animations"] > 0 and layout["snapshots"] > 0  # the probe ran the scene
    assert isinstance(layout["defects"], list) and all({"kind", "message", "mobjects"} <= d.keys()
                                                       for d in layout["defects"])
    assert layout["score"] == 1.0 if not layout["defects"] else 0 <= layout["score"] < 1


def test_medium_quality(tmp_path):
    p = cli("--scene-file", scene_file(tmp_path), "--quality", "medium", "--json", media=tmp_path / "media")
    assert p.returncode == 0, p.stderr
    data = last_json(p.stdout)
    info = ffprobe(data["video"])
    assert data["quality"] == "medium" and (info["width"], info["height"], info["r_frame_rate"]) == (1280, 720, "30/1")
    assert Image.open(data["poster"]).size == (1280, 720)
    assert_preview(data)


def test_offline_topic_and_recognised_in_the_result(tmp_path):
    """A catalogue concept names its entry; a research topic is honestly not recognised: no other topic's
    animation, the nearest topics offered, and still a video (the card that says so)."""
    p = cli("lcm(12, 18)", "--json", media=tmp_path)
    data = last_json(p.stdout)
    assert data["status"] == "ok" and data["topic"] == "least_common_multiple" and data["recognised"] is True, data
    assert data["suggestions"] == []
    p = cli("Banach-Tarski paradox", "--json", media=tmp_path)
    data = last_json(p.stdout)
    assert data["status"] == "ok" and data["topic"] is None and data["recognised"] is False
    assert len(data["suggestions"]) == 3 and Path(data["video"]).exists()
    assert "not in the offline catalogue" in Path(data["notes_md"]).read_text()
    assert "Not in the offline catalogue" in Path(data["code"]).read_text()
