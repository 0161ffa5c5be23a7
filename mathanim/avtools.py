"""ffprobe and ffmpeg for the trusted side (assembly of rendered videos): what a file holds, and one encode run
with a time limit and a clear error. Nothing here runs scene code."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path


class MediaError(RuntimeError):
    """ffmpeg or ffprobe could not read or write a media file."""


@dataclass(frozen=True)
class Probe:
    """The facts of one media file that assembly needs."""

    seconds: float  # the video stream's length (the audio's, for a file with no video)
    audio_seconds: float | None  # None: no audio stream
    width: int = 0
    height: int = 0
    fps: float = 0.0

    @property
    def has_video(self) -> bool:
        return self.width > 0


def _stream_seconds(stream: dict, fallback: float) -> float:
    try:
        return float(stream.get("duration") or fallback)
    except ValueError:
        return fallback


def probe(path: Path, timeout: float = 30) -> Probe:
    """What `path` holds; MediaError for a file ffprobe cannot read."""
    cmd = ["ffprobe", "-v", "error", "-show_entries",
           "stream=codec_type,duration,width,height,avg_frame_rate:format=duration", "-of", "json", str(path)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise MediaError(f"cannot read {Path(path).name}: {done.stderr.strip()[-300:] or 'not a media file'}")
    data = json.loads(done.stdout)
    total = float(data.get("format", {}).get("duration") or 0)
    streams = {s.get("codec_type"): s for s in reversed(data.get("streams", []))}
    video, audio = streams.get("video"), streams.get("audio")
    audio_s = _stream_seconds(audio, total) if audio else None
    if not video:
        return Probe(audio_s or total, audio_s)
    fps = float(Fraction(video.get("avg_frame_rate") or "0/1")) if video.get("avg_frame_rate") != "0/0" else 0.0
    return Probe(_stream_seconds(video, total), audio_s, int(video["width"]), int(video["height"]), fps)


def ffmpeg(args: list[str], timeout: float, what: str) -> None:
    """Run ffmpeg with `args`; MediaError naming `what` when it fails or runs past `timeout` seconds."""
    cmd = ["ffmpeg", "-nostdin", "-hide_banner", "-v", "error", "-y", *args]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise MediaError(f"{what} took longer than {timeout:.0f} s") from None
    if done.returncode != 0:
        raise MediaError(f"{what} failed: {done.stderr.strip()[-600:]}")
