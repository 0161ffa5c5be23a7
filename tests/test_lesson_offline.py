"""Offline narrated lessons, rendered for real (low quality, 3 short scenes): English with Piper, Chinese with
espeak-ng. The MP4 has H.264 video and an AAC narration track as long as the video (within 0.3 s), one chapter
per storyboard scene, every subtitle cue inside its own scene's time range; a second run renders nothing again;
a concept the engine does not know gives a lesson that says so."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import ffprobe, require

from mathanim.backends import get_backend
from mathanim.config import Settings
from mathanim.events import Done, SceneStatus, StoryboardUpdate
from mathanim.job import Job
from mathanim.lesson.board_text import to_text
from mathanim.lesson.context import LessonJob
from mathanim.lesson.offline_board import offline_storyboard
from mathanim.lesson.run import generate_lesson
from mathanim.offline.engine import understand
from mathanim.speech import voice_spec

ROOT = Path(__file__).resolve().parent.parent

require("ffmpeg")
require("espeak-ng")


def clipped(sentence: str) -> str:
    """The start of a sentence (as a person shortening the storyboard might): 10 characters or 6 words."""
    return sentence[:10] + "。" if re.search(r"[\u4e00-\u9fff]", sentence) else " ".join(sentence.split()[:6]) + "."


def short_board(concept: str, settings: Settings) -> str:
    """The offline storyboard cut to 3 scenes (definition, intuition, summary) of one short sentence each."""
    board = offline_storyboard(concept, settings)
    keep = [replace(s, narration=(clipped(s.narration[0]),), on_screen=s.on_screen[:1]) for s in board.scenes]
    return to_text(board.with_scenes([keep[0], keep[1], keep[-1]]))


def run_lesson(concept: str, settings: Settings, out: Path, engine: str, lang: str, board: str | None):
    job = Job.make(settings, "low", ["mp4"], out)
    lj = LessonJob(job, voice_spec(engine, None, lang, settings), board_text=board)
    events = list(generate_lesson(concept, get_backend("offline", settings), lj))
    assert isinstance(events[-1], Done)
    return events[-1].result, events


def probe(path: str) -> dict:
    out = subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-show_entries",
                          "stream=codec_type,codec_name,duration", "-of", "json", path],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def srt_cues(path: str) -> list[tuple[float, float, str]]:
    def sec(t: str) -> float:
        h, m, s = t.replace(",", ".").split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)

    blocks = Path(path).read_text(encoding="utf-8").strip().split("\n\n")
    out = []
    for b in blocks:
        lines = b.splitlines()
        a, z = lines[1].split(" --> ")
        out.append((sec(a), sec(z), " ".join(lines[2:])))
    return out


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def check_lesson(res, board_text: str) -> None:
    """Audio matches video, chapters match the storyboard, every cue lies inside its own scene."""
    assert res.ok, res.error
    titles = re.findall(r"^## \d+\. (.*)$", board_text, re.M)
    sentences = [re.findall(r"^- (.*)$", part.split("On screen:")[0].split("Formulas:")[0], re.M)
                 for part in board_text.split("\n## ")[1:]]
    info = probe(res.video)
    kinds = {s["codec_type"]: s for s in info["streams"]}
    assert kinds["video"]["codec_name"] == "h264" and kinds["audio"]["codec_name"] == "aac"
    assert abs(float(kinds["audio"]["duration"]) - float(kinds["video"]["duration"])) <= 0.3
    chapters = [(float(c["start_time"]), float(c["end_time"]), c["tags"]["title"]) for c in info["chapters"]]
    assert [c[2] for c in chapters] == titles == [s["title"] for s in res.scenes]
    owner = 0
    for start, end, text in srt_cues(res.subtitles["srt"]):  # in order: a cue belongs to this scene or a later one
        owner = next(i for i in range(owner, len(sentences)) if squash(text) in squash(" ".join(sentences[i])))
        assert chapters[owner][0] - 0.01 <= start < end <= chapters[owner][1] + 0.01, (text, chapters[owner])
    assert Path(res.subtitles["vtt"]).read_text(encoding="utf-8").startswith("WEBVTT")
    assert [s["status"] for s in res.scenes] == ["done"] * 3 and all(s["attempts"] == 1 for s in res.scenes)
    doc = Path(res.notes_md).read_text(encoding="utf-8")
    assert all(f"## {i}. {t}" in doc for i, t in enumerate(titles, 1))


@pytest.fixture(scope="module")
def lesson_settings(tmp_path_factory) -> Settings:
    root = tmp_path_factory.mktemp("lesson")
    return Settings.load(env={"MATHANIM_MEDIA_DIR": str(root / "media")}, dotenv=False)


# A bare formula is recognised without the embedding model (slow to load): the English lessons use one.
EN = "a^2 + b^2 = c^2"


def test_the_worked_example_scene_is_the_entrys_own_scene(lesson_settings):
    board = offline_storyboard(EN, lesson_settings)
    assert [s.title for s in board.scenes] == ["Definition", "Intuition", "Worked example", "Try it yourself",
                                               "Summary"]
    assert board.language == "en" and board.topic == "pythagorean_theorem"
    assert board.scenes[2].code == understand(EN, lesson_settings).lesson.code
    said = " ".join(board.scenes[2].narration)
    assert "a equals 3 and b equals 4" in said and "c equals 5" in said  # the example's real numbers, spoken
    assert board.scenes[-1].formulas[0] == "a^2 + b^2 = c^2"


def test_english_lesson_with_piper_then_nothing_is_rendered_again(lesson_settings, tmp_path):
    board = short_board(EN, lesson_settings)
    res, events = run_lesson(EN, lesson_settings, tmp_path / "en", "piper", "en", board)
    check_lesson(res, board)
    assert res.topic == "pythagorean_theorem" and res.recognised is True and Path(res.audio).is_file()
    states = {(e.index, e.state) for e in events if isinstance(e, SceneStatus)}
    assert {(i, s) for i in range(3) for s in ("queued", "narrating", "rendering", "done")} <= states
    assert any(isinstance(e, StoryboardUpdate) and e.final for e in events)
    assert [s["renders"] for s in res.scenes] == [1, 1, 1]
    again, _ = run_lesson(EN, lesson_settings, tmp_path / "again", "piper", "en", board)
    assert again.ok and [s["renders"] for s in again.scenes] == [0, 0, 0]  # cached like single renders


def cli(*args: str, media: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "MATHANIM_MEDIA_DIR": str(media)}
    return subprocess.run([sys.executable, str(ROOT / "text_to_manim.py"), *args], capture_output=True,
                          text=True, env=env, timeout=300)


def test_chinese_lesson_with_espeak_through_the_cli_in_webm_and_gif(lesson_settings, tmp_path):
    board = short_board("勾股定理", lesson_settings)
    assert "## 1. 定义" in board and "## 3. 小结" in board
    (tmp_path / "board.txt").write_text(board, encoding="utf-8")
    p = cli("勾股定理", "--lesson", "--storyboard", str(tmp_path / "board.txt"), "--format", "mp4,webm,gif",
            "--out", str(tmp_path / "zh"), "--json", media=tmp_path / "media")
    assert p.returncode == 0, p.stderr[-2000:]
    data = json.loads(p.stdout.strip().splitlines()[-1])
    check_lesson(SimpleNamespace(**data, ok=data["status"] == "ok"), board)
    assert ffprobe(data["videos"]["webm"])["codec_name"] == "vp9" and ffprobe(data["videos"]["gif"])["codec_name"] == "gif"
    assert data["audio"] and "勾股定理" in Path(data["notes_md"]).read_text(encoding="utf-8")


def test_an_unknown_concept_gives_a_lesson_that_says_so(lesson_settings):
    board = offline_storyboard("小猫钓鱼的故事", lesson_settings)
    assert board.recognised is False and board.topic is None and board.suggestions
    (scene,) = board.scenes
    assert scene.title == "不在离线目录中" and "不在离线目录中" in " ".join(scene.narration)
    assert "NotInCatalogueScene" in scene.code and scene.on_screen == board.suggestions


def test_cli_lesson_usage_errors(tmp_path):
    p = cli("勾股定理", "--lesson", "--narration", "piper", "--voice", str(tmp_path / "missing.onnx"), "--json",
            media=tmp_path / "media")
    assert p.returncode == 2 and "voice file not found" in json.loads(p.stdout.splitlines()[-1])["error"]["message"]
    p = cli("--lesson", "--scene-file", "x.py", media=tmp_path / "media")
    assert p.returncode == 2 and "--lesson takes a CONCEPT" in p.stderr
