"""Engine "none": no audio; each sentence gets the time a viewer needs to read it as a subtitle."""

from __future__ import annotations

import re

from .base import EngineSpec, VoiceSpec

WORDS_PER_S = 2.6  # about 155 words a minute, a calm narration pace
CJK_PER_S = 4.5  # Chinese characters read (or spoken) per second
MIN_S = 1.2
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def reading_seconds(text: str) -> float:
    """Estimated seconds to say or read `text`."""
    cjk = len(CJK.findall(text))
    words = len(CJK.sub(" ", text).split())
    return max(MIN_S, words / WORDS_PER_S + cjk / CJK_PER_S)


def check(spec: VoiceSpec, settings) -> VoiceSpec:
    return VoiceSpec("none", None, spec.language)


def identity(spec: VoiceSpec, settings) -> str:
    return ""


ENGINE = EngineSpec("none", "No voice (subtitles only)", check, identity, None)
