"""Quality presets and output formats: one table that drives the CLI, the UI and the renderer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Preset:
    """One render quality: pixel size and frame rate, plus the limits a render at this size gets."""

    name: str
    width: int
    height: int
    fps: int
    label: str
    timeout_s: int  # wall-clock limit of a full render at this size
    memory_mb: int  # address-space limit of the render process

    @property
    def resolution(self) -> str:
        return f"{self.width}x{self.height}@{self.fps}"


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset("low", 854, 480, 30, "Low 854x480 @30 fps (fast preview)", 180, 4096),
        Preset("medium", 1280, 720, 30, "Medium 1280x720 @30 fps", 300, 4096),
        Preset("high", 1920, 1080, 60, "High 1920x1080 @60 fps", 600, 6144),
        Preset("ultra", 3840, 2160, 60, "Ultra 3840x2160 @60 fps (slow)", 1800, 8192),
    )
}
DEFAULT_PRESET = "low"

# Output formats. mp4 is the master that manim writes; the others are converted from it by ffmpeg.
FORMATS: dict[str, str] = {
    "mp4": "MP4 (H.264)",
    "gif": "GIF (palette-based)",
    "webm": "WebM (VP9)",
}
DEFAULT_FORMAT = "mp4"


def get_preset(name: str) -> Preset:
    """Return the preset called `name`, or raise ValueError listing the valid names."""
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(f"unknown quality {name!r}; choose one of: {', '.join(PRESETS)}") from None
