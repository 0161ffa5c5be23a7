"""The speech cache: one WAV per (engine, voice, text), so saying a sentence again costs nothing."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path


def folder(settings) -> Path:
    """Where spoken sentences are kept (under the settings' cache folder, shared by every job)."""
    path = Path(settings.cache_dir) / "speech"
    path.mkdir(parents=True, exist_ok=True)
    return path


def entry(settings, engine: str, voice_id: str, text: str) -> Path:
    """The cache file for `text` said by `voice_id` of `engine` (it may not exist yet)."""
    digest = hashlib.sha256(json.dumps([engine, voice_id, text], ensure_ascii=False).encode()).hexdigest()
    return folder(settings) / f"{engine}-{digest[:32]}.wav"
