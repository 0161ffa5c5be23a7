"""The run context of one lesson: the request's Job plus what only lessons need (voice, retries, crossfade)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..job import Job
from ..notes import CJK

ATTEMPTS = 3  # a scene that fails is retried alone, at most this many times in all


@dataclass(frozen=True)
class LessonJob:
    """Everything the stages of one lesson share. `voice` is a speech.VoiceSpec; `board_text` an edited
    storyboard (the text the person changed before rendering) to render instead of writing one."""

    job: Job
    voice: object
    attempts: int = ATTEMPTS
    crossfade: float = 0.0
    board_text: str | None = None
    sequential: bool = False  # one scene after another (bench/lesson.py's baseline); default: all in parallel

    @property
    def language(self) -> str:
        return getattr(self.voice, "language", "en") or "en"

    def with_job(self, job: Job) -> LessonJob:
        return replace(self, job=job)


def language_of(text: str | None) -> str:
    """The narration language a text asks for: Chinese when it holds CJK characters, else English."""
    return "zh" if CJK.search(text or "") else "en"
