"""manim_voiceover scenes in the sandbox (issue 18): their literal texts are spoken offline before the run and the
child's stand-in service serves them instead of any network or recorder service; the plugin's helpers stay shut."""

from __future__ import annotations

import ast
import json
import re
import subprocess
from pathlib import Path

import pytest
from conftest import require

from mathanim import guard
from mathanim.events import Done
from mathanim.job import Job
from mathanim.pipeline import render_code
from mathanim.speech import VoiceSpec, narrate
from mathanim.speech.voiceover import default_voice, literal_texts, stage, uses_voiceover

require("ffmpeg")
require("piper")

FIRST, SECOND = "This circle is drawn as I speak.", "Now it <bookmark mark='A'/> turns into a square."
SCENE = f'''from manim import *
from manim_voiceover import VoiceoverScene
from manim_voiceover.services.gtts import GTTSService
from manim_voiceover.services.base import SpeechService


class Leaky(SpeechService):  # a service of the scene's own: it is never asked
    def generate_from_text(self, text, cache_dir=None, path=None, **kwargs):
        raise RuntimeError("the scene's own service ran")


class Explain(VoiceoverScene):
    def construct(self):
        self.set_speech_service(GTTSService(lang="en", tld="com"))
        circle = Circle()
        with self.voiceover(text="{FIRST}") as tracker:
            self.play(Create(circle), run_time=tracker.duration)
        self.set_speech_service(Leaky())
        with self.voiceover(text="""{SECOND}""") as tracker:
            self.wait_until_bookmark("A")
            self.play(Transform(circle, Square()), run_time=0.5)
'''


def streams(path: Path) -> dict:
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "stream=codec_type,duration", "-of", "json",
                          str(path)], capture_output=True, text=True, check=True).stdout
    return {s["codec_type"]: float(s["duration"]) for s in json.loads(out)["streams"]}


def result_of(code: str, settings):
    events = list(render_code(code, Job.make(settings, "low")))
    assert isinstance(events[-1], Done)
    return events[-1].result


def test_a_voiceover_scene_renders_with_offline_speech_as_long_as_its_video(settings, tmp_path):
    res = result_of(SCENE, settings)
    assert res.status == "ok", res.error
    found = streams(Path(res.video))
    assert abs(found["audio"] - found["video"]) < 0.3
    # the animation waited for each sentence: the video is at least as long as the speech (Piper, cached)
    speech = narrate([FIRST, "Now it turns into a square."], VoiceSpec("piper"), tmp_path, settings)
    said = [c.end - c.start for c in speech.cues]
    assert found["video"] >= sum(said) - 0.15
    loud = subprocess.run(["ffmpeg", "-i", res.video, "-vn", "-af", "volumedetect", "-f", "null", "-"],
                          capture_output=True, text=True).stderr
    assert float(re.search(r"mean_volume: (-?[\d.]+) dB", loud).group(1)) > -40


def test_a_text_that_is_not_a_literal_is_a_clear_error_and_any_service_is_replaced(settings):
    code = '''from manim import *
from manim_voiceover import VoiceoverScene
from manim_voiceover.services.recorder import RecorderService


class Counted(VoiceoverScene):
    def construct(self):
        self.set_speech_service(RecorderService(device_index=0))
        for n in range(2):
            with self.voiceover(text=f"Step {n}") as tracker:
                self.play(FadeIn(Dot()), run_time=tracker.duration)
'''
    res = result_of(code, settings)
    assert res.status == "error"
    message = res.error["message"]
    assert "has no speech" in message and "literal strings" in message, res.error
    assert "Step 0" in message  # the recorder (pyaudio, a microphone) was never started


def test_a_service_that_writes_outside_the_job_is_stopped(settings, tmp_path):
    outside = tmp_path / "outside"
    code = f'''from manim import *
from manim_voiceover import VoiceoverScene
from manim_voiceover.services.base import SpeechService


class Mine(SpeechService):
    def generate_from_text(self, text, cache_dir=None, path=None, **kwargs):
        return {{}}


class Escape(VoiceoverScene):
    def construct(self):
        self.set_speech_service(Mine(cache_dir="{outside}"))
        with self.voiceover(text="Hello."):
            self.wait(0.2)
'''
    res = result_of(code, settings)
    assert res.status == "error" and res.error["kind"] == "refused", res.error
    assert not outside.exists()


@pytest.mark.parametrize("line, reason", [
    ("from manim_voiceover.helper import chunks", "import of 'manim_voiceover.helper' is not allowed"),
    ("from manim_voiceover.helper import pip", "importing 'pip' from 'manim_voiceover.helper'"),
    ("import manim_voiceover.modify_audio as m", "import of 'manim_voiceover.modify_audio' is not allowed"),
    ("from manim_voiceover.services.base import AudioSegment", "importing 'AudioSegment'"),
    ("import manim_voiceover\nmanim_voiceover.helper.pip.main(['install', 'x'])", "attribute 'pip'"),
    ("from manim_voiceover.tracker import get_duration\nget_duration.__globals__", "attribute '__globals__'"),
    ("import manim_voiceover.services.base as b\nb.adjust_speed('a.wav', 'b.wav', 2)", "attribute 'adjust_speed'"),
])
def test_the_plugins_helpers_are_refused(line, reason):
    violations = guard.check(ast.parse("from manim import *\n" + line + "\n"))
    assert any(reason in v.reason for v in violations), violations


def test_the_plugin_and_its_scene_base_are_allowed():
    tree = ast.parse(SCENE)
    assert guard.check(tree) == []
    assert guard.scene_classes(tree) == ["Explain"]


def test_staging_finds_literal_texts_and_speaks_them_into_the_job(settings, tmp_path):
    code = ('from manim_voiceover import VoiceoverScene\nclass S(VoiceoverScene):\n    def construct(self):\n'
            '        with self.voiceover(text="第一句。"):\n            pass\n'
            '        with self.voiceover("第二句，\\n  很短。"):\n            pass\n'
            '        self.add_voiceover_text("第一句。")\n        self.voiceover(text=f"{1}")\n'
            '        for line in LINES:\n            self.voiceover(text=line)\n'
            '        n = 3\n        self.voiceover(text=n)\n'
            'LINES = ["第三句。", "第四句。"]\n')
    tree = ast.parse(code)
    assert uses_voiceover(tree)
    assert sorted(literal_texts(tree)) == sorted(["第一句。", "第二句， 很短。", "第三句。", "第四句。"])
    assert default_voice(literal_texts(tree)) == VoiceSpec("espeak", None, "zh")
    assert stage(code, tmp_path, settings)
    manifest = json.loads((tmp_path / "voiceovers" / "manifest.json").read_text(encoding="utf-8"))["entries"]
    assert sorted(manifest) == sorted(literal_texts(tree))
    assert all((tmp_path / "voiceovers" / e["file"]).is_file() and e["seconds"] > 0.5 for e in manifest.values())
    silent = tmp_path / "silent"
    assert stage(code, silent, settings, VoiceSpec("none", None, "zh"))
    assert (silent / "voiceovers" / "000.wav").stat().st_size > 20000
    assert not stage("from manim import *\nclass S(Scene):\n    pass\n", tmp_path / "plain", settings)
    assert not (tmp_path / "plain").exists()
