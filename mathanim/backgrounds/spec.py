"""What the user asked for as a background (`--background NAME|PATH`), parsed and checked before anything runs.

NAME is a procedural plate (gradient, paper, grid, noise), optionally with a seed (`noise:7`); PATH is a picture
file or a folder holding a saved diffusers pipeline (text-to-image from local files). Anything else is a
ValueError naming the choices.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

NAMES = ("gradient", "paper", "grid", "noise")  # contract: the CLI's and the UI's procedural names
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif", ".tif", ".tiff")


@dataclass(frozen=True)
class Background:
    """A parsed background: kind "procedural" (source = name), "image" or "diffusion" (source = a path)."""

    kind: str
    source: str
    seed: int = 0

    @property
    def label(self) -> str:
        return self.source if self.kind == "procedural" else Path(self.source).name

    def key(self) -> str:
        """A digest naming this background's pixels (a picture's size and time too, so an edit is seen)."""
        stamp = ""
        if self.kind == "image":
            st = Path(self.source).stat()
            stamp = f"{st.st_size}:{st.st_mtime_ns}"
        blob = f"{self.kind}|{self.source}|{self.seed}|{stamp}"
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def to_dict(self) -> dict:
        return {"kind": self.kind, "source": self.source, "seed": self.seed}


def _seeded(text: str) -> tuple[str, int]:
    name, _, seed = text.partition(":")
    if seed and not seed.lstrip("-").isdigit():
        raise ValueError(f"background seed must be a whole number: {text!r} (e.g. 'noise:7')")
    return name.lower(), int(seed or 0)


def parse(spec: str | None, seed: int = 0) -> Background | None:
    """The Background for `spec` (None or "none": no background), or ValueError saying what is wrong."""
    text = (spec or "").strip()
    if not text or text.lower() == "none":
        return None
    name, named_seed = _seeded(text)
    if name in NAMES:
        return Background("procedural", name, named_seed or seed)
    path = Path(text).expanduser()
    if path.is_dir():
        if not (path / "model_index.json").is_file():
            raise ValueError(f"background folder {path} is not a saved diffusers pipeline (no model_index.json)")
        return Background("diffusion", str(path.resolve()), seed)
    if path.is_file():
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            raise ValueError(f"background {path} is not a picture ({', '.join(IMAGE_SUFFIXES)})")
        from .image import load_image

        load_image(path)  # unreadable or too large: refused now, before any render
        return Background("image", str(path.resolve()), seed)
    raise ValueError(f"unknown background {text!r}: not one of {', '.join(NAMES)}, and no such picture or model folder")
