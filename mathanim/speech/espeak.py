"""espeak-ng (Debian package, offline, instant, robotic but clear): Mandarin and most other languages."""

from __future__ import annotations

import functools
import re
import subprocess
from pathlib import Path

from .base import EngineSpec, SpeechError, VoiceSpec

# our language codes -> espeak-ng voice names, where they differ ("zh" alone would pick Cantonese-like defaults)
LANGUAGES = {"en": "en-us", "zh": "cmn", "zh-cn": "cmn", "zh-tw": "cmn", "yue": "yue", "pt": "pt-br"}
VOICE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+-]{0,40}")  # never starts with '-': not an option
TIMEOUT_S = 30


@functools.lru_cache(maxsize=1)
def voices() -> frozenset[str]:
    """The voice names and language codes this espeak-ng knows (empty when it is not installed)."""
    try:
        out = subprocess.run(["espeak-ng", "--voices"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    names = set()
    for line in out.lower().splitlines()[1:]:
        cols = line.split()
        if len(cols) >= 5:
            names.update({cols[1], cols[4].split("/")[-1], *re.findall(r"\((\S+) \d+\)", line)})
    return frozenset(names)


def check(spec: VoiceSpec, settings) -> VoiceSpec:
    """The spec with its espeak-ng voice chosen from the language when none was given; ValueError if unknown."""
    known = voices()
    if not known:
        raise ValueError("espeak-ng is not installed (Debian package espeak-ng); run make deps")
    lang = spec.language.lower()
    voice = spec.voice or LANGUAGES.get(lang) or lang
    if not VOICE_NAME.fullmatch(voice) or voice.split("+")[0].lower() not in known:
        raise ValueError(f"espeak-ng has no voice {voice!r} (language {spec.language!r}); "
                         "see `espeak-ng --voices` for the names")
    return VoiceSpec("espeak", voice, spec.language)


def identity(spec: VoiceSpec, settings) -> str:
    return spec.voice or ""


def say(text: str, voice: str, out: Path) -> None:
    """Speak `text` (on stdin, never as an argument) into `out`."""
    part = out.with_name(out.name + ".part")
    cmd = ["espeak-ng", "-v", voice, "-w", str(part), "--stdin"]
    try:
        done = subprocess.run(cmd, input=text, capture_output=True, text=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise SpeechError(f"espeak-ng took longer than {TIMEOUT_S} s for one sentence") from None
    if done.returncode != 0 or not part.is_file():
        part.unlink(missing_ok=True)
        raise SpeechError(f"espeak-ng failed (exit {done.returncode}): {done.stderr.strip()[-300:]}")
    part.replace(out)


def synthesize(items: list[tuple[str, Path]], spec: VoiceSpec, settings) -> None:
    """Speak every (text, wav) item; espeak-ng starts in milliseconds, so one process per sentence."""
    for text, out in items:
        say(text, spec.voice or "en-us", out)


ENGINE = EngineSpec("espeak", "espeak-ng (offline, many languages)", check, identity, synthesize)
