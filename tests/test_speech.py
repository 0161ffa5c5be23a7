"""Speech engines for narration (issue 18): real Piper and espeak-ng runs, the cache, the errors people meet."""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path

import pytest

from mathanim.speech import Narration, SpeechError, VoiceSpec, narrate, piper, registry, voice_spec
from tests.conftest import require

require("espeak-ng")
require("piper")


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / w.getframerate()


def check_cues(n: Narration, texts: list[str]) -> None:
    """Cues follow the sentences in order, do not overlap, and end with the audio."""
    assert [c.text for c in n.cues] == texts
    for a, b in zip(n.cues, n.cues[1:], strict=False):
        assert a.start < a.end < b.start < b.end
    assert n.cues[0].start == 0.0
    assert abs(n.cues[-1].end - n.seconds) < 0.01


def test_piper_speaks_english_in_one_process_and_the_cache_answers_a_rerun(settings, tmp_path, monkeypatch):
    texts = ["A derivative measures change.", "The slope of the tangent line is the derivative at that point.",
             "--help is spoken, not read as an option."]
    calls = []
    real_run = subprocess.run
    monkeypatch.setattr(piper.subprocess, "run", lambda *a, **k: calls.append(a) or real_run(*a, **k))
    n = narrate(texts, voice_spec("piper", None, "en", settings), tmp_path / "a", settings)
    assert n.engine == "piper" and n.audio == tmp_path / "a" / "narration.wav"
    assert len(calls) == 1  # the model is loaded once for all sentences
    assert abs(wav_seconds(n.audio) - n.seconds) < 1e-6 and n.seconds > 4
    check_cues(n, texts)
    assert n.cues[2].end - n.cues[2].start > 1.2  # the option-like sentence was said, not parsed
    # a rerun says nothing again: an engine that would fail is never asked
    monkeypatch.setattr(piper.subprocess, "run", lambda *a, **k: pytest.fail("synthesized again"))
    again = narrate(texts, voice_spec("piper", None, "en", settings), tmp_path / "b", settings)
    assert again.cues == n.cues and again.audio.read_bytes() == n.audio.read_bytes()


def test_espeak_speaks_chinese_with_the_mandarin_voice(settings, tmp_path):
    spec = voice_spec(None, None, "zh", settings)
    assert spec == VoiceSpec("espeak", "cmn", "zh")
    texts = ["导数衡量函数的变化率。", "切线的斜率就是导数。"]
    n = narrate(texts, spec, tmp_path, settings)
    check_cues(n, texts)
    assert n.seconds > 3


def test_a_users_own_piper_voice_from_a_path(settings, tmp_path):
    bundled = piper.bundled_voice()
    mine = tmp_path / "voices" / "my-voice.onnx"
    mine.parent.mkdir()
    shutil.copyfile(bundled, mine)
    with pytest.raises(ValueError, match="no config beside it"):
        voice_spec("piper", str(mine), "en", settings)
    shutil.copyfile(bundled.with_name(bundled.name + ".json"), mine.with_name("my-voice.onnx.json"))
    spec = voice_spec("piper", str(mine), "en", settings)
    assert spec.voice == str(mine.resolve())
    n = narrate(["My own voice says this."], spec, tmp_path / "out", settings)
    assert n.seconds > 0.8 and len(n.cues) == 1


def test_a_broken_voice_file_is_a_clear_engine_error(settings, tmp_path):
    bad = tmp_path / "broken.onnx"
    bad.write_bytes(b"not an onnx model")
    shutil.copyfile(piper.bundled_voice().with_name("en_US-joe-medium.onnx.json"), tmp_path / "broken.onnx.json")
    with pytest.raises(SpeechError, match="Piper failed"):
        narrate(["Hello."], voice_spec("piper", str(bad), "en", settings), tmp_path / "out", settings)
    assert not list(settings.cache_dir.glob("speech/*"))  # nothing half-made is cached


def test_an_engine_that_runs_too_long_is_stopped(settings, tmp_path, monkeypatch):
    monkeypatch.setattr(piper, "LOAD_S", 0.2)
    monkeypatch.setattr(piper, "PER_SENTENCE_S", 0)
    with pytest.raises(SpeechError, match="longer than"):
        narrate(["This takes longer than no time at all."], VoiceSpec("piper"), tmp_path, settings)


@pytest.mark.parametrize("args, message", [
    (("festival", None, "en"), "unknown narration engine 'festival'; choose one of: piper, espeak"),
    (("piper", "/nowhere/voice.onnx", "en"), "Piper voice file not found: /nowhere/voice.onnx"),
    (("piper", "/etc/hostname", "en"), "a Piper voice is a .onnx file"),
    (("piper", None, "zh"), "speaks English only"),
    (("espeak", None, "xx-nowhere"), "espeak-ng has no voice 'xx-nowhere'"),
    (("espeak", "-w /tmp/evil", "en"), "espeak-ng has no voice"),
])
def test_bad_choices_are_refused_with_a_clear_message(settings, args, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(".", r"\.")):
        voice_spec(*args, settings=settings)


@pytest.mark.parametrize("sentences, message", [
    ([], "at least one sentence"), ("one string", "at least one sentence"),
    (["Fine.", "  \n "], "sentence 2 of 2 is empty"),
])
def test_empty_text_is_refused(settings, tmp_path, sentences, message):
    with pytest.raises(ValueError, match=message):
        narrate(sentences, VoiceSpec("espeak", None, "en"), tmp_path, settings)


def test_engine_none_times_cues_by_reading_speed(settings, tmp_path):
    texts = ["Short.", "A considerably longer sentence takes a reader more time to read on the screen.", "两个字"]
    n = narrate(texts, voice_spec("none", None, "en", settings), tmp_path, settings)
    assert n.audio is None and not list(tmp_path.iterdir())
    check_cues(n, texts)
    lengths = [c.end - c.start for c in n.cues]
    assert lengths[1] > 2 * lengths[0]


def test_espeak_engine_failure_is_a_speech_error(tmp_path):
    from mathanim.speech import espeak

    with pytest.raises(SpeechError, match="espeak-ng failed"):
        espeak.say("hello", "zzzqqq", tmp_path / "x.wav")
    assert set(registry.ENGINES) >= {"piper", "espeak", "none"}
