"""Lesson assembly (issue 18): real ffmpeg joins of tiny synthetic scenes with real espeak-ng narration, checked
with ffprobe: audio as long as the video, chapters at the parts' times, every cue inside its part; subtitles."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from mathanim.lesson.assemble import Part, assemble
from mathanim.lesson.subtitles import pieces, readable, two_lines, width, write_srt, write_vtt
from mathanim.speech import Cue, VoiceSpec, narrate
from tests.conftest import require

require("ffmpeg")
require("espeak-ng")


def clip(path: Path, seconds: float, tone: bool = False, size: str = "320x180") -> Path:
    """A tiny H.264 test-pattern video, with a 440 Hz tone as its own sound when `tone`."""
    sound = ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}"] if tone else []
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"testsrc=size={size}:rate=15:duration="
                    f"{seconds}", *sound, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                    *(["-c:a", "aac", "-shortest"] if tone else []), str(path)], check=True)
    return path


def streams(path: Path) -> dict:
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "stream=codec_type,codec_name,duration",
                          "-show_chapters", "-of", "json", str(path)], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    return {"streams": {s["codec_type"]: s for s in data["streams"]}, "chapters": data["chapters"]}


def loudness(path: Path, start: float, end: float) -> float:
    """Mean volume in dB of the lesson's sound between start and end (-91 is digital silence)."""
    out = subprocess.run(["ffmpeg", "-v", "info", "-ss", f"{start}", "-to", f"{end}", "-i", str(path), "-vn",
                          "-af", "volumedetect", "-f", "null", "-"], capture_output=True, text=True).stderr
    return float(re.search(r"mean_volume: (-?[\d.]+) dB", out).group(1))


def check_lesson(result, parts_count: int) -> dict:
    """The checks every assembled lesson must pass; returns ffprobe's view of it."""
    info = streams(result.video)
    video, audio = info["streams"]["video"], info["streams"]["audio"]
    assert (video["codec_name"], audio["codec_name"]) == ("h264", "aac")
    assert abs(float(audio["duration"]) - float(video["duration"])) < 0.3
    assert abs(float(video["duration"]) - result.seconds) < 0.1
    written = [(float(c["start_time"]), float(c["end_time"]), c["tags"]["title"]) for c in info["chapters"]]
    assert len(written) == parts_count
    for (s1, e1, t1), (s2, e2, t2) in zip(written, result.chapters, strict=True):
        assert t1 == t2 and abs(s1 - s2) < 0.01 and abs(e1 - e2) < 0.01
    assert abs(written[-1][1] - result.seconds) < 0.3
    return info


def cue_part(result, cue: Cue) -> str:
    """The title of the chapter that holds `cue` entirely (fails if none does)."""
    inside = [t for s, e, t in result.chapters if s - 1e-6 <= cue.start < cue.end <= e + 1e-6]
    assert inside, f"cue {cue} lies in no part"
    return inside[0]


@pytest.fixture(scope="module")
def scenes(tmp_path_factory) -> dict:
    """Three scenes and two narrations: one narration longer than its scene, one shorter."""
    from mathanim.config import Settings

    root = tmp_path_factory.mktemp("scenes")
    settings = Settings.load(env={"MATHANIM_MEDIA_DIR": str(root / "media")}, dotenv=False)
    long = ["The derivative measures how fast a function changes.", "It is the slope of the tangent line."]
    return {
        "short": clip(root / "short.mp4", 1.5), "long": clip(root / "long.mp4", 4.0),
        "toned": clip(root / "toned.mp4", 2.0, tone=True, size="256x144"),
        "long_speech": narrate(long, VoiceSpec("espeak", None, "en"), root / "n1", settings),
        "short_speech": narrate(["Done."], VoiceSpec("espeak", None, "en"), root / "n2", settings),
    }


def test_parts_hold_their_last_frame_or_get_silence_and_chapters_match(scenes, tmp_path):
    parts = [Part(scenes["short"], scenes["long_speech"], "Definition"),
             Part(scenes["long"], scenes["short_speech"], "Intuition = slope; #2"),
             Part(scenes["toned"], None, "Its own sound")]
    result = assemble(parts, tmp_path)
    check_lesson(result, 3)
    (s1, e1, _), (s2, e2, _), (s3, e3, _) = result.chapters
    assert abs((e1 - s1) - scenes["long_speech"].seconds) < 0.05  # the 1.5 s scene held for its narration
    assert abs((e2 - s2) - 4.0) < 0.05 and abs((e3 - s3) - 2.0) < 0.1  # narration shorter: the scene's length
    assert [cue_part(result, c) for c in result.cues] == ["Definition", "Definition", "Intuition = slope; #2"]
    assert [c.text for c in result.cues][-1] == "Done."
    assert loudness(result.video, s1 + 0.2, scenes["long_speech"].cues[0].end) > -40  # the narration is heard
    assert loudness(result.video, s2 + scenes["short_speech"].seconds + 0.3, e2 - 0.1) < -80  # padded silence
    assert loudness(result.video, s3 + 0.2, e3 - 0.2) > -40  # a part without narration keeps its own sound
    srt = result.subtitles["srt"].read_text(encoding="utf-8")
    vtt = result.subtitles["vtt"].read_text(encoding="utf-8")
    assert srt.startswith("1\n00:00:00,000 --> ") and "Done." in srt
    assert vtt.startswith("WEBVTT\n\n00:00:00.000 --> ") and vtt.count(" --> ") == 3


def test_crossfades_overlap_the_parts_and_keep_cues_inside_them(scenes, tmp_path):
    parts = [Part(scenes["long"], scenes["short_speech"], "One"), Part(scenes["short"], scenes["long_speech"], "Two"),
             Part(scenes["short"], None, "Three, silent")]
    result = assemble(parts, tmp_path, crossfade=0.5)
    check_lesson(result, 3)
    assert abs(result.seconds - (4.0 + scenes["long_speech"].seconds + 1.5)) < 0.15  # the fades added no time
    assert [cue_part(result, c) for c in result.cues] == ["One", "Two", "Two"]
    assert loudness(result.video, result.chapters[2][0] + 0.6, result.seconds - 0.1) < -80


def test_silent_narration_still_gives_timed_subtitles(scenes, tmp_path):
    from mathanim.config import Settings

    quiet = narrate(["Read this.", "And this one too, a little longer."], VoiceSpec("none"), tmp_path,
                    Settings(media_dir=tmp_path))
    result = assemble([Part(scenes["short"], quiet, "Quiet")], tmp_path / "out")
    check_lesson(result, 1)
    assert abs(result.seconds - max(1.5, quiet.seconds)) < 0.1
    assert loudness(result.video, 0, result.seconds) < -80


@pytest.mark.parametrize("make_parts, crossfade, message", [
    (lambda s, t: [], 0.0, "at least one rendered part"),
    (lambda s, t: [Part(t / "gone.mp4", None, "Gone")], 0.0, "part 1 \\('Gone'\\): video not found"),
    (lambda s, t: [Part(s["short_speech"].audio, None, "Sound")], 0.0, "holds no video"),
    (lambda s, t: [Part(s["short"], None, "A"), Part(s["short"], None, "B")], 2.0, "not longer than the crossfade"),
    (lambda s, t: [Part(s["short"], None, "A")], -1.0, "crossfade must be between 0 and"),
])
def test_bad_parts_are_refused_clearly(scenes, tmp_path, make_parts, crossfade, message):
    with pytest.raises(ValueError, match=message):
        assemble(make_parts(scenes, tmp_path), tmp_path, crossfade)


def test_long_sentences_become_readable_cues_timed_within_the_sentence(tmp_path):
    english = ("The derivative of a function at a point is the slope of the tangent line there, which we find as "
               "the limit of secant slopes, as the second point slides toward the first one.")
    chinese = "导数是函数在某一点的切线斜率，我们把它看作割线斜率的极限，当第二个点向第一个点滑动时，割线就变成了切线。"
    cues = [Cue(0.0, 9.0, english), Cue(9.5, 15.0, chinese), Cue(15.2, 16.0, "x < 3 & y > 2")]
    split = readable(cues)
    assert len(split) >= 5 and all(width(c.text) <= 84 for c in split)
    assert "".join(c.text for c in split[:3]).replace(" ", "") == english.replace(" ", "")
    for sentence in cues:
        inside = [c for c in split if sentence.start <= c.start < c.end <= sentence.end]
        assert inside[0].start == sentence.start and inside[-1].end == sentence.end
        assert all(a.end == b.start for a, b in zip(inside, inside[1:], strict=False))
    assert pieces(chinese)[0].endswith("，")  # broken after a clause, not mid-word
    srt = write_srt(cues, tmp_path / "a.srt").read_text(encoding="utf-8")
    blocks = srt.strip().split("\n\n")
    assert len(blocks) == len(split) and all(len(b.split("\n")) <= 4 for b in blocks)
    shown = " ".join(ln for b in blocks[:sum(c.end <= 9.0 for c in split)] for ln in b.split("\n")[2:])
    assert shown.split() == english.split()  # no word glued to the next where a line was broken
    law = "pressure and volume are inversely proportional: PV = constant, so P₁V₁ = P₂V₂."
    assert two_lines(law).count("\n") == 1 and two_lines(law).replace("\n", " ").split() == law.split()
    assert re.fullmatch(r"\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}", blocks[-1].split("\n")[1])
    vtt = write_vtt(cues, tmp_path / "a.vtt").read_text(encoding="utf-8")
    assert "x &lt; 3 &amp; y &gt; 2" in vtt and "00:00:15.200 --> 00:00:16.000" in vtt
