"""narrate(): sentences -> one WAV with short pauses between them, and a cue per sentence at its measured time."""

from __future__ import annotations

import uuid
from pathlib import Path

from .audio import PAUSE_S, join, seconds, to_canonical
from .base import Cue, Narration, VoiceSpec
from .cache import entry
from .registry import engine
from .silent import reading_seconds


def clean(sentences: list[str]) -> list[str]:
    """The sentences stripped and joined onto one line each; ValueError for no sentence or an empty one."""
    if isinstance(sentences, str) or not sentences:
        raise ValueError("narration needs a list of at least one sentence")
    out = []
    for i, text in enumerate(sentences, 1):
        line = " ".join(str(text or "").split())
        if not line:
            raise ValueError(f"narration sentence {i} of {len(sentences)} is empty")
        out.append(line)
    return out


def timed_cues(texts: list[str], lengths: list[float], pause: float) -> tuple[Cue, ...]:
    """One cue per sentence, laid end to end with `pause` seconds between them."""
    cues, at = [], 0.0
    for text, length in zip(texts, lengths, strict=True):
        cues.append(Cue(round(at, 3), round(at + length, 3), text))
        at += length + pause
    return tuple(cues)


def spoken(texts: list[str], spec: VoiceSpec, settings) -> list[Path]:
    """The cached WAV of every sentence, synthesizing (in one batch) only those not said before."""
    row = engine(spec.engine)
    voice_id = row.identity(spec, settings)
    paths = [entry(settings, spec.engine, voice_id, text) for text in texts]
    missing = {p: t for t, p in zip(texts, paths, strict=True) if not p.is_file()}
    if missing:
        tag = uuid.uuid4().hex[:8]  # two jobs saying the same new sentence at once must not share a file
        raw = [(t, p.with_name(f"{p.stem}.{tag}.raw.wav")) for p, t in missing.items()]
        try:
            row.synthesize(raw, spec, settings)
            for (_, src), dst in zip(raw, missing, strict=True):
                to_canonical(src, dst)
        finally:  # a failed or stopped engine leaves nothing half-made in the cache
            for _, src in raw:
                src.unlink(missing_ok=True)
                src.with_name(src.name + ".part").unlink(missing_ok=True)
    return paths


def narrate(sentences: list[str], spec: VoiceSpec, folder: Path, settings) -> Narration:
    """Speak `sentences` with `spec` into `folder`/narration.wav; cues follow each sentence's measured length."""
    texts = clean(sentences)
    spec = engine(spec.engine).check(spec, settings)
    if engine(spec.engine).synthesize is None:
        cues = timed_cues(texts, [reading_seconds(t) for t in texts], PAUSE_S)
        return Narration(None, cues[-1].end, cues, spec.engine)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = spoken(texts, spec, settings)
    out = folder / "narration.wav"
    lengths = join(paths, out)
    cues = timed_cues(texts, lengths, PAUSE_S)
    return Narration(out, seconds(out), cues, spec.engine)
