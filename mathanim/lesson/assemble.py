"""Assembly: rendered scenes and their narrations -> one MP4 (H.264 + AAC) with a chapter per part, optional
crossfades, and the narration's cues in lesson time as SRT and WebVTT. One ffmpeg run encodes it all once.

A part lasts as long as the longer of its video and its narration: a longer narration holds the video's last
frame, a longer video gets silence; so sound and picture end together and every cue lies inside its part."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..avtools import Probe, ffmpeg, probe
from ..speech import Cue, Narration
from .subtitles import write_srt, write_vtt

RATE = 48000
MAX_CROSSFADE_S = 3.0
ENCODE = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
          "-c:a", "aac", "-b:a", "128k", "-ar", str(RATE), "-movflags", "+faststart", "-f", "mp4"]


@dataclass(frozen=True)
class Part:
    """One scene of a lesson: its video, its narration and its chapter title."""

    video: Path  # a rendered scene (may have no audio stream)
    narration: Narration | None
    title: str  # the chapter title


@dataclass(frozen=True)
class Assembled:
    """The assembled lesson."""

    video: Path  # one MP4, H.264 + AAC, chapter marks per part
    seconds: float
    chapters: tuple[tuple[float, float, str], ...]  # (start, end, title) as written into the MP4
    cues: tuple[Cue, ...]  # all cues, offset to lesson time
    subtitles: dict[str, Path]  # {"srt": ..., "vtt": ...}


@dataclass(frozen=True)
class Slot:
    """Where one part lies in the lesson."""

    part: Part
    probe: Probe
    start: float  # lesson time at which the part begins
    length: float  # its length, the crossfade into the next part included

    @property
    def spoken(self) -> float:
        return self.part.narration.seconds if self.part.narration else 0.0


def check_parts(parts: list[Part], crossfade: float) -> list[Probe]:
    """Each part's probe; ValueError for no parts, a missing or unreadable video, or an unusable crossfade."""
    if not parts:
        raise ValueError("a lesson needs at least one rendered part")
    if not 0 <= crossfade <= MAX_CROSSFADE_S:
        raise ValueError(f"crossfade must be between 0 and {MAX_CROSSFADE_S} seconds, got {crossfade}")
    probes = []
    for i, part in enumerate(parts, 1):
        if not Path(part.video).is_file():
            raise ValueError(f"part {i} ({part.title!r}): video not found: {part.video}")
        found = probe(Path(part.video))
        if not found.has_video or found.seconds <= 0:
            raise ValueError(f"part {i} ({part.title!r}): {Path(part.video).name} holds no video")
        probes.append(found)
    return probes


def layout(parts: list[Part], probes: list[Probe], crossfade: float) -> list[Slot]:
    """The parts laid end to end; each one but the last is longer by the crossfade that overlaps the next."""
    slots, at = [], 0.0
    for i, (part, found) in enumerate(zip(parts, probes, strict=True)):
        base = max(found.seconds, part.narration.seconds if part.narration else 0.0)
        if crossfade and base <= crossfade:
            raise ValueError(f"part {i + 1} ({part.title!r}) lasts {base:.2f} s, not longer than the crossfade")
        length = base + (crossfade if i < len(parts) - 1 else 0.0)
        slots.append(Slot(part, found, round(at, 3), round(length, 3)))
        at += length - crossfade
    return slots


def chapters(slots: list[Slot], crossfade: float) -> tuple[tuple[float, float, str], ...]:
    """(start, end, title) per part: a chapter ends where the next begins (where its crossfade starts)."""
    ends = [s.start for s in slots[1:]] + [round(slots[-1].start + slots[-1].length, 3)]
    return tuple((s.start, end, s.part.title) for s, end in zip(slots, ends, strict=True))


def lesson_cues(slots: list[Slot]) -> tuple[Cue, ...]:
    """Every part's cues moved to lesson time."""
    return tuple(Cue(round(s.start + c.start, 3), round(s.start + c.end, 3), c.text)
                 for s in slots if s.part.narration for c in s.part.narration.cues)


def _meta_escape(text: str) -> str:
    for ch in "\\=;#\n":
        text = text.replace(ch, "\\" + ch)
    return text


def write_metadata(marks: tuple[tuple[float, float, str], ...], path: Path) -> Path:
    """An ffmetadata file with one chapter per (start, end, title), in milliseconds."""
    lines = [";FFMETADATA1"]
    for start, end, title in marks:
        lines += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={round(start * 1000)}", f"END={round(end * 1000)}",
                  f"title={_meta_escape(title)}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def sources(slots: list[Slot]) -> tuple[list[str], list[tuple[int, int]]]:
    """ffmpeg input arguments, and per part the input indexes of its picture and its sound: the narration,
    else the video's own sound (a manim_voiceover scene), else generated silence."""
    args, pairs, count = [], [], 0
    for slot in slots:
        video, count = count, count + 1
        args += ["-i", str(slot.part.video)]
        narration = slot.part.narration
        if narration is None and slot.probe.audio_seconds:
            pairs.append((video, video))
            continue
        if narration and narration.audio:
            args += ["-i", str(narration.audio)]
        else:
            args += ["-f", "lavfi", "-t", f"{slot.length:.3f}", "-i", f"anullsrc=r={RATE}:cl=stereo"]
        pairs.append((video, count))
        count += 1
    return args, pairs


def part_filters(i: int, slot: Slot, pair: tuple[int, int], frame: tuple[int, int, float]) -> str:
    """One part's picture scaled to the lesson's frame and held to its length, and its sound padded to it."""
    width, height, fps = frame
    hold = max(0.0, slot.length - slot.probe.seconds) + 1 / fps
    picture = (f"[{pair[0]}:v]scale={width}:{height}:force_original_aspect_ratio=decrease,"
               f"pad={width}:{height}:(ow-iw)/2:(oh-ih)/2,setsar=1,fps={fps:.3f},format=yuv420p,"
               f"tpad=stop_mode=clone:stop_duration={hold:.3f},trim=duration={slot.length:.3f},"
               f"setpts=PTS-STARTPTS[v{i}]")
    sound = (f"[{pair[1]}:a]aresample={RATE},aformat=sample_fmts=fltp:channel_layouts=stereo,apad,"
             f"atrim=duration={slot.length:.3f},asetpts=PTS-STARTPTS[a{i}]")
    return picture + ";" + sound


def join_filters(slots: list[Slot], crossfade: float) -> str:
    """The parts one after another ([v], [a]): concatenated, or crossfaded into each other."""
    if not crossfade or len(slots) == 1:
        return "".join(f"[v{i}][a{i}]" for i in range(len(slots))) + f"concat=n={len(slots)}:v=1:a=1[v][a]"
    chain, v, a = [], "[v0]", "[a0]"
    for i, slot in enumerate(slots[1:], 1):
        last = i == len(slots) - 1
        nv, na = ("[v]", "[a]") if last else (f"[xv{i}]", f"[xa{i}]")
        chain.append(f"{v}[v{i}]xfade=transition=fade:duration={crossfade:.3f}:offset={slot.start:.3f}{nv}")
        chain.append(f"{a}[a{i}]acrossfade=d={crossfade:.3f}{na}")
        v, a = nv, na
    return ";".join(chain)


def encode(slots: list[Slot], crossfade: float, meta: Path, out: Path) -> None:
    """Encode the whole lesson in one ffmpeg run (each frame is encoded once), chapters from `meta`."""
    args, pairs = sources(slots)
    first = slots[0].probe
    frame = (first.width // 2 * 2, first.height // 2 * 2, round(first.fps or 30.0, 3))
    graph = ";".join(part_filters(i, s, p, frame) for i, (s, p) in enumerate(zip(slots, pairs, strict=True)))
    graph += ";" + join_filters(slots, crossfade)
    meta_index = max(max(pair) for pair in pairs) + 1
    total = slots[-1].start + slots[-1].length
    ffmpeg([*args, "-f", "ffmetadata", "-i", str(meta), "-filter_complex", graph, "-map", "[v]", "-map", "[a]",
            "-map_metadata", str(meta_index), "-map_chapters", str(meta_index), *ENCODE, str(out)],
           timeout=120 + 6 * total, what="assembling the lesson video")


def assemble(parts: list[Part], out_dir: Path, crossfade: float = 0.0) -> Assembled:
    """Join `parts` into out_dir/lesson.mp4 with chapters, and write the cues as lesson.srt and lesson.vtt."""
    probes = check_parts(parts, crossfade)
    slots = layout(parts, probes, crossfade)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    marks = chapters(slots, crossfade)
    video, part = out_dir / "lesson.mp4", out_dir / f".lesson.{os.getpid()}.mp4"
    meta = out_dir / f".chapters.{os.getpid()}.txt"
    try:
        encode(slots, crossfade, write_metadata(marks, meta), part)
        os.replace(part, video)
    finally:
        part.unlink(missing_ok=True)
        meta.unlink(missing_ok=True)
    cues = lesson_cues(slots)
    subtitles = {"srt": write_srt(cues, out_dir / "lesson.srt"), "vtt": write_vtt(cues, out_dir / "lesson.vtt")}
    return Assembled(video, probe(video).seconds, marks, cues, subtitles)
