"""Subtitles from narration cues: SRT and WebVTT, long sentences split into cues of readable length, each timed
within its sentence in proportion to its share of the text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..speech import Cue

MAX_WIDTH = 84  # two lines of 42 columns, the usual subtitle limit (a CJK character counts as two columns)
LINE_WIDTH = 42
WIDE = "\u1100-\u115f\u2e80-\u303e\u3040-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
# the smallest pieces a cue may break between: one wide (CJK) character, or a word with the spaces after it
UNITS = re.compile(rf"[{WIDE}]|[^\s{WIDE}]+\s*|\s+")
CLAUSE_END = re.compile(r"[,;:.!?，。；：、！？)\]]\s*$")


def width(text: str) -> int:
    """Screen columns of `text`: two for a wide character, one for any other."""
    return sum(2 if re.match(rf"[{WIDE}]", ch) else 1 for ch in text.strip())


def _break_at(units: list[str], limit: int) -> int:
    """How many units go into the next piece: the most that fit `limit`, ending at a clause if one is late enough."""
    total, fit, clause = 0, 0, 0
    for i, unit in enumerate(units):
        total += width(unit) + (1 if unit.endswith(" ") else 0)
        if total > limit and fit:
            break
        fit = i + 1
        if CLAUSE_END.search(unit) and total >= limit // 2:
            clause = fit
    return clause if fit < len(units) and clause else fit


def pieces(text: str, limit: int = MAX_WIDTH) -> list[str]:
    """`text` cut into pieces no wider than `limit` (a single longer word stays whole)."""
    units, out = UNITS.findall(text.strip()), []
    while units:
        n = _break_at(units, limit)
        out.append("".join(units[:n]).strip())
        units = units[n:]
    return [p for p in out if p]


def two_lines(text: str) -> str:
    """A piece wider than one line, broken into two near the middle at a unit boundary."""
    if width(text) <= LINE_WIDTH:
        return text
    first = pieces(text, min(LINE_WIDTH, (width(text) + 1) // 2 + 4))
    return first[0] + "\n" + _joined(first[1:]) if len(first) > 1 else text


def _joined(parts: list[str]) -> str:
    """Stripped pieces back into one text: a space between two words, none beside a wide (CJK) character."""
    out = parts[0]
    for part in parts[1:]:
        wide = re.match(rf"[{WIDE}]", out[-1]) or re.match(rf"[{WIDE}]", part[0])
        out += ("" if wide else " ") + part
    return out


def split_cue(cue: Cue) -> list[Cue]:
    """One cue per readable piece of `cue`'s text, timed by each piece's share of the text's width."""
    parts = pieces(cue.text)
    if len(parts) <= 1:
        return [cue]
    total, span, at, out = sum(width(p) for p in parts), cue.end - cue.start, cue.start, []
    for i, part in enumerate(parts):
        end = cue.end if i == len(parts) - 1 else at + span * width(part) / total
        out.append(Cue(round(at, 3), round(end, 3), part))
        at = end
    return out


def readable(cues: Sequence[Cue]) -> list[Cue]:
    """Every cue split into readable pieces."""
    return [piece for cue in cues for piece in split_cue(cue)]


def stamp(seconds: float, sep: str) -> str:
    """HH:MM:SS<sep>mmm."""
    ms = int(round(max(0.0, seconds) * 1000))
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}{sep}{ms % 1000:03d}"


def write_srt(cues: Sequence[Cue], path: Path) -> Path:
    """Write `cues` (split to readable length) as SubRip to `path`."""
    blocks = [f"{i}\n{stamp(c.start, ',')} --> {stamp(c.end, ',')}\n{two_lines(c.text)}\n"
              for i, c in enumerate(readable(cues), 1)]
    Path(path).write_text("\n".join(blocks), encoding="utf-8")
    return Path(path)


def vtt_text(text: str) -> str:
    """Cue text with the characters WebVTT reserves escaped (a narration may say 'x < 3')."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_vtt(cues: Sequence[Cue], path: Path) -> Path:
    """Write `cues` (split to readable length) as WebVTT to `path`."""
    blocks = [f"{stamp(c.start, '.')} --> {stamp(c.end, '.')}\n{vtt_text(two_lines(c.text))}\n"
              for c in readable(cues)]
    Path(path).write_text("WEBVTT\n\n" + "\n".join(blocks), encoding="utf-8")
    return Path(path)
