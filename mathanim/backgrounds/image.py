"""Background plates from pictures: a user's image file, or a text-to-image model from a local diffusers folder.

Both are fitted to the render's size by covering it (scale, then centre crop), so the aspect ratio is kept.
The diffusers pipeline is only ever loaded from the folder the user names, with local_files_only=True (never a
download); the picture depends on the seed alone (a torch.Generator), so a render is reproducible.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError

DIFFUSION_STEPS = 20
MAX_PIXELS = 64_000_000  # a larger picture is refused (decompression bombs)


def cover(img: Image.Image, width: int, height: int) -> np.ndarray:
    """`img` scaled to cover width x height and centre-cropped, as uint8 RGB (H, W, 3)."""
    img = img.convert("RGB")
    scale = max(width / img.width, height / img.height)
    w, h = max(width, round(img.width * scale)), max(height, round(img.height * scale))
    img = img.resize((w, h), Image.LANCZOS)
    x0, y0 = (w - width) // 2, (h - height) // 2
    return np.asarray(img.crop((x0, y0, x0 + width, y0 + height)), np.uint8)


def load_image(path: Path) -> Image.Image:
    """Open a picture file, or raise ValueError saying why it cannot be used."""
    try:
        with Image.open(path) as img:
            if img.width * img.height > MAX_PIXELS:
                raise ValueError(f"background image {path} is too large ({img.width}x{img.height})")
            img.load()
            return img.copy()
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as e:
        raise ValueError(f"cannot read background image {path}: {e}") from None


def is_model_folder(path: Path) -> bool:
    """Whether `path` is a saved diffusers pipeline (a folder with model_index.json)."""
    return path.is_dir() and (path / "model_index.json").is_file()


def load_pipeline(folder: Path):
    """The diffusers pipeline saved in `folder`, on the CPU, from local files only."""
    from diffusers import DiffusionPipeline

    try:
        return DiffusionPipeline.from_pretrained(str(folder), local_files_only=True)
    except Exception as e:  # noqa: BLE001 - a bad folder raises KeyError, OSError, ValueError, TypeError...
        raise ValueError(f"cannot load the diffusers model in {folder}: {type(e).__name__}: {e}") from None


def generate(pipe, prompt: str, seed: int, steps: int | None = None) -> Image.Image:
    """One picture from `pipe`, determined by `seed`; the prompt is passed when the pipeline takes one."""
    import torch

    pipe.set_progress_bar_config(disable=True)
    kwargs = {"generator": torch.Generator("cpu").manual_seed(int(seed)),
              "num_inference_steps": steps or DIFFUSION_STEPS, "output_type": "pil"}
    if "prompt" in inspect.signature(pipe.__call__).parameters:
        kwargs["prompt"] = prompt or "a soft abstract background"
    return pipe(**kwargs).images[0]
