"""The files a result offers: friendly download names, one zip with everything, and serving through Gradio.

The media folder itself is never served; the only files the server hands out are the copies `serve` puts into
Gradio's cache for the session that asked for them (their URLs carry a keyed content hash).
"""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from pathlib import Path

from gradio import processing_utils, utils

from ..result import Result


def serve(path: str | Path | None) -> str | None:
    """A copy of `path` in Gradio's cache (the only place files are served from), or None."""
    if not path or not Path(path).is_file():
        return None
    return processing_utils.save_file_to_cache(str(path), utils.get_upload_folder())


def file_stem(concept: str) -> str:
    """A download file name stem from the concept; keeps letters of any script (勾股定理.mp4)."""
    stem = re.sub(r"[^\w]+", "-", concept).strip("-_").lower()[:40].strip("-_")
    return stem or "animation"


def _link(src: str | Path, dst: Path) -> str:
    """Put `src` at `dst` under a friendly name (a hard link, or a copy across file systems)."""
    dst.unlink(missing_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)
    return str(dst)


def collect_files(res: Result, out: Path) -> dict[str, str]:
    """The downloads of a result under friendly names in `out/downloads`, plus one zip with everything."""
    stem = file_stem(res.concept)
    dl = out / "downloads"
    dl.mkdir(exist_ok=True)
    wanted = [(fmt, res.videos.get(fmt), f"{stem}.{fmt}") for fmt in res.formats]
    wanted += [("py", res.code, f"{stem}.py"), ("notes_md", res.notes_md, f"{stem}-notes.md"),
               ("notes_tex", res.notes_tex, f"{stem}-notes.tex"), ("notes_pdf", res.notes_pdf, f"{stem}-notes.pdf"),
               ("poster", res.poster, f"{stem}.png"), ("reasoning", res.reasoning, f"{stem}-reasoning.txt")]
    wanted += [(k, res.subtitles.get(k), f"{stem}.{k}") for k in ("srt", "vtt")]  # a lesson's captions
    wanted += [("audio", res.audio, f"{stem}-narration.m4a"), ("storyboard", res.storyboard, f"{stem}-storyboard.txt")]
    files = {kind: _link(src, dl / name) for kind, src, name in wanted if src and Path(src).is_file()}
    if files:
        zip_path = dl / f"{stem}.zip"
        with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in files.values():
                zf.write(path, Path(path).name)
        files["zip"] = str(zip_path)
    return files


def read_text(path: str | None) -> str:
    """The text of the file at `path`, or '' when there is none."""
    return Path(path).read_text(encoding="utf-8") if path and Path(path).is_file() else ""
