"""Quality presets and output formats: one table that drives the CLI, the UI and the renderer."""

from __future__ import annotations

from dataclasses import dataclass

# How much longer a second of 3D video may take: Cairo draws, shades and depth-sorts every face in every frame.
# Measured (low, this machine, a second render beside it): Math-To-Manim's SpacetimeQEDScene (2,000 Dot3D stars,
# 83.5 s of video) was stopped at x3 (2,064 s) after at least 23 of its 37 animations, with the faces out of the
# frame already skipped (sandbox/culling.py).
THREE_D = 5
# What drawing one part (a mobject with points: a glyph, a curve, one face of a 3D surface) costs per frame at low
# quality, in CPU seconds, and the margin the render gets over that estimate. Measured on this machine
# (a scene timing its own camera over ten frames): 2D ~100 us (1,050 glyphs and circles), 3D ~250 us (120 spheres
# and 120 Line3D, 18,000 faces, shaded and depth-sorted). Math-To-Manim's ArtisticRhombicosidodecahedron (its
# vertices as 120 spheres, 21 s of 3D video) needs ~2 s a frame: x5 of a 2D second gave it 900 s and stopped it.
PART_S = {False: 100e-6, True: 250e-6}
PART_MARGIN = 2.0


@dataclass(frozen=True)
class Preset:
    """One render quality: pixel size and frame rate, plus the limits a render at this size gets."""

    name: str
    width: int
    height: int
    fps: int
    label: str
    timeout_s: int  # wall-clock limit of a full render whose size is unknown (no fast check ran)
    memory_mb: int  # address-space limit of the render process
    per_video_s: float  # render seconds allowed per second of video (x THREE_D for 3D) when the size is known
    max_video_s: int  # the longest video a scene may ask for at this size

    def size_limit(self, stats: dict, ceiling: int) -> float:
        """The time budget of a render whose fast check gave `stats` (duration in seconds of video, three_d, parts:
        the most drawn parts on screen): long or crowded scenes get longer, never past `ceiling` (endless scenes
        are stopped by the no-progress and requested-length checks)."""
        duration, three_d = float(stats.get("duration") or 0.0), bool(stats.get("three_d"))
        by_length = duration * self.per_video_s * (THREE_D if three_d else 1)
        # a part costs more per frame at a larger size: as much more as this preset's per-second allowance
        scale = self.per_video_s / PRESETS["low"].per_video_s * PRESETS["low"].fps / self.fps
        by_parts = duration * self.fps * int(stats.get("parts") or 0) * PART_S[three_d] * scale * PART_MARGIN
        return min(float(ceiling), 60.0 + max(by_length, by_parts))

    @property
    def resolution(self) -> str:
        return f"{self.width}x{self.height}@{self.fps}"


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        # 6144 MB at low too: a long model scene (2,000 Dot3D stars, BlackHoleSymphony's 3D swirl) needs more than
        # 4096 MB of address space, which is larger than what it really holds (measured: both pass at 6144)
        Preset("low", 854, 480, 30, "Low 854x480 @30 fps (fast preview)", 180, 6144, 8, 1200),
        Preset("medium", 1280, 720, 30, "Medium 1280x720 @30 fps", 300, 6144, 15, 1200),
        Preset("high", 1920, 1080, 60, "High 1920x1080 @60 fps", 600, 6144, 40, 900),
        Preset("ultra", 3840, 2160, 60, "Ultra 3840x2160 @60 fps (slow)", 1800, 8192, 150, 600),
    )
}
DEFAULT_PRESET = "low"

@dataclass(frozen=True)
class Format:
    """One output format: its label for people, and the ffmpeg encoder arguments that make it from the mp4
    master ({fps} and {width} are filled from the preset; empty for the master itself)."""

    name: str
    label: str
    ffmpeg: tuple[str, ...] = ()

    def encoder_args(self, preset: Preset) -> list[str]:
        fps, width = min(preset.fps, 25), min(preset.width, 960)  # only GIF uses them: smaller and smoother
        return [a.format(fps=fps, width=width) for a in self.ffmpeg]


# Output formats: mp4 is the master that manim writes; the others are converted from it. Adding a format is
# one row here: the renderer, the CLI and the UI are built from this table.
GIF_FILTER = ("fps={fps},scale={width}:-1:flags=lanczos,split[a][b];[a]palettegen=stats_mode=diff:max_colors=192[p];"
              "[b][p]paletteuse=dither=bayer:bayer_scale=5:diff_mode=rectangle")
FORMAT_TABLE: dict[str, Format] = {
    f.name: f
    for f in (
        Format("mp4", "MP4 (H.264)"),
        Format("gif", "GIF (palette-based)", ("-vf", GIF_FILTER, "-loop", "0")),
        Format("webm", "WebM (VP9)", ("-c:v", "libvpx-vp9", "-b:v", "0", "-crf", "33", "-deadline", "realtime",
                                      "-cpu-used", "8", "-row-mt", "1", "-pix_fmt", "yuv420p", "-an")),
    )
}
FORMATS: dict[str, str] = {k: f.label for k, f in FORMAT_TABLE.items()}  # name -> label
DEFAULT_FORMAT = "mp4"


def get_preset(name: str) -> Preset:
    """Return the preset called `name`, or raise ValueError listing the valid names."""
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(f"unknown quality {name!r}; choose one of: {', '.join(PRESETS)}") from None
