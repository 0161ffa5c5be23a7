"""WAV helpers: measure, bring to one format, join sentences with pauses. Only the standard library and ffmpeg."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
import wave
from pathlib import Path

from .base import SpeechError

RATE = 22050  # Piper's medium voices and espeak-ng both speak at this rate: usually nothing is converted
PAUSE_S = 0.35  # silence between two sentences, so they do not run into each other


def seconds(path: Path) -> float:
    """The length of a WAV file in seconds (raises SpeechError for a file that is not a readable WAV)."""
    try:
        with wave.open(str(path), "rb") as w:
            return w.getnframes() / float(w.getframerate())
    except (wave.Error, EOFError, OSError) as err:
        raise SpeechError(f"{path.name} is not a readable WAV file: {err}") from None


def _is_canonical(path: Path) -> bool:
    try:
        with wave.open(str(path), "rb") as w:
            return (w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getcomptype()) == (1, 2, RATE, "NONE")
    except (wave.Error, EOFError, OSError):
        return False


def to_canonical(src: Path, dst: Path, timeout: float = 60) -> Path:
    """Write `src` (any audio ffmpeg reads: WAV, MP3, ...) to `dst` as mono 16-bit WAV at RATE."""
    part = dst.with_name(dst.name + f".{uuid.uuid4().hex[:8]}.part.wav")  # threads may convert the same text
    if _is_canonical(src):
        shutil.copyfile(src, part)
        os.replace(part, dst)  # whole or absent: another job may read this cache entry at any moment
        return dst
    cmd = ["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(src), "-ac", "1", "-ar", str(RATE),
           "-sample_fmt", "s16", "-f", "wav", str(part)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise SpeechError(f"converting {src.name} to WAV took longer than {timeout:.0f} s") from None
    if done.returncode != 0 or seconds(part) <= 0:
        part.unlink(missing_ok=True)
        raise SpeechError(f"the audio in {src.name} could not be decoded: {done.stderr.strip()[-300:]}")
    os.replace(part, dst)
    return dst


def join(paths: list[Path], out: Path, pause: float = PAUSE_S) -> list[float]:
    """Join canonical WAVs into `out` with `pause` seconds of silence between them; returns each one's length."""
    silence = b"\0\0" * int(round(pause * RATE))
    lengths = []
    part = out.with_name(out.name + f".{uuid.uuid4().hex[:8]}.part")
    with wave.open(str(part), "wb") as dst:
        dst.setnchannels(1)
        dst.setsampwidth(2)
        dst.setframerate(RATE)
        for i, path in enumerate(paths):
            with wave.open(str(path), "rb") as src:
                frames = src.readframes(src.getnframes())
            if i:
                dst.writeframes(silence)
            dst.writeframes(frames)
            lengths.append(len(frames) / 2 / RATE)
    os.replace(part, out)
    return lengths


def silence(out: Path, length: float) -> Path:
    """A canonical WAV of `length` seconds of silence (speech timed without a voice)."""
    with wave.open(str(out), "wb") as dst:
        dst.setnchannels(1)
        dst.setsampwidth(2)
        dst.setframerate(RATE)
        dst.writeframes(b"\0\0" * int(round(length * RATE)))
    return out
