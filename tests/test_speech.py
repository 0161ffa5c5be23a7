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


class SpeechServer:
    """A local OpenAI-compatible /v1/audio/speech server on a free port: speaks the input with espeak-ng (a real
    WAV), or misbehaves as `mode` says: slow (answers after 3 s), garbage (an HTML page), error (HTTP 500)."""

    def __init__(self):
        import http.server
        import threading

        self.mode, self.requests = "ok", []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (the http.server API)
                import json
                import time

                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append((self.path, self.headers.get("Authorization"), body))
                if server.mode == "slow":
                    time.sleep(3)
                status, data = server.answer(body["input"])
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the "slow" case: the client timed out and hung up, as it should

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def answer(self, text: str) -> tuple[int, bytes]:
        if self.mode == "garbage":
            return 200, b"<html><body>Welcome to nginx!</body></html>"
        if self.mode == "error":
            return 500, b'{"error": {"message": "model overloaded"}}'
        wav = subprocess.run(["espeak-ng", "--stdout", "--stdin"], input=text.encode(), capture_output=True,
                             check=True).stdout
        return 200, wav


@pytest.fixture
def speech_server():
    server = SpeechServer()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def test_openai_compatible_endpoint_speaks_each_sentence(settings, tmp_path, speech_server):
    s = settings.with_(tts_base_url=speech_server.url, tts_api_key="sk-test", tts_model="tts-mini")
    spec = voice_spec("openai", "nova", "en", s)
    texts = ["First sentence from the server.", "Second one, a bit longer than the first sentence."]
    n = narrate(texts, spec, tmp_path, s)
    check_cues(n, texts)
    assert n.engine == "openai" and n.seconds > 3
    assert [(p, auth, b["model"], b["voice"], b["input"]) for p, auth, b in speech_server.requests] == [
        ("/v1/audio/speech", "Bearer sk-test", "tts-mini", "nova", t) for t in texts]
    narrate(texts, spec, tmp_path, s)  # cached: the server is not asked again
    assert len(speech_server.requests) == 2


@pytest.mark.parametrize("mode, message", [
    ("slow", "did not answer within 1 s"), ("garbage", "returned something that is not audio"),
    ("error", "answered HTTP 500: .*model overloaded"),
])
def test_a_misbehaving_endpoint_is_a_clear_error(settings, tmp_path, speech_server, mode, message):
    speech_server.mode = mode
    s = settings.with_(tts_base_url=speech_server.url, request_timeout_s=1.0)
    with pytest.raises(SpeechError, match=message):
        narrate(["Hello there."], voice_spec("openai", None, "en", s), tmp_path, s)
    assert not list(settings.cache_dir.glob("speech/*"))


def test_an_unreachable_or_unset_endpoint_is_refused(settings, tmp_path):
    import socket

    with pytest.raises(ValueError, match="needs MATHANIM_TTS_BASE_URL"):
        voice_spec("openai", None, "en", settings)
    with pytest.raises(ValueError, match="must be an http"):
        voice_spec("openai", None, "en", settings.with_(tts_base_url="ftp://example.org/v1"))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = settings.with_(tts_base_url=f"http://127.0.0.1:{sock.getsockname()[1]}/v1")
    with pytest.raises(SpeechError, match="cannot be reached"):
        narrate(["Hello."], voice_spec("openai", None, "en", closed), tmp_path, closed)


def test_settings_read_the_tts_variables():
    from mathanim.config import Settings

    s = Settings.load(env={"MATHANIM_TTS_BASE_URL": "http://tts.local/v1", "MATHANIM_TTS_API_KEY": "k",
                           "MATHANIM_TTS_MODEL": "kokoro"}, dotenv=False)
    assert (s.tts_base_url, s.tts_api_key, s.tts_model) == ("http://tts.local/v1", "k", "kokoro")
    assert "tts_api_key" not in repr(s)  # the key never reaches a log
    assert Settings.load(env={}, dotenv=False).tts_model == "tts-1"
