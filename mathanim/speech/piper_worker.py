"""Piper synthesis in its own process: `python piper_worker.py` reads {"model", "items": [[text, wav], ...]}
as JSON on stdin, loads the voice once and writes one WAV per item. onnxruntime never enters the app."""

from __future__ import annotations

import json
import os
import sys
import wave


def main() -> int:
    """Speak every item of the job on stdin; exit 1 with a message on stderr when something fails."""
    job = json.load(sys.stdin)
    from piper import PiperVoice

    voice = PiperVoice.load(job["model"], config_path=job["model"] + ".json")
    for text, out in job["items"]:
        part = out + ".part"
        with wave.open(part, "wb") as wav:
            voice.synthesize_wav(text, wav)
        os.replace(part, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
