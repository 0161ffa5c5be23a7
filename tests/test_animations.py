"""Every curated scene in Animations/ renders (low quality, animations shortened) and has its notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from mathanim import render
from mathanim.job import Job

ROOT = Path(__file__).resolve().parent.parent
SCENES = sorted((ROOT / "Animations").glob("*.py"))


def shorten(code: str, scale: float = 0.15) -> str:
    """Scale the run times of engine-made scenes (their `RT = 1.0` constant); hand-written ones stay as they are."""
    return code.replace("RT = 1.0  #", f"RT = {scale!r}  #", 1)


def test_at_least_twelve_curated_scenes_with_notes():
    assert len(SCENES) >= 12
    for scene in SCENES:
        md = ROOT / "Documentation" / f"{scene.stem}.md"
        assert md.exists() and md.read_text(encoding="utf-8").startswith("# "), md


@pytest.mark.parametrize("path", SCENES, ids=[p.stem for p in SCENES])
def test_curated_scene_renders(path, settings, tmp_path):
    out = render.render(shorten(path.read_text(encoding="utf-8")), Job.make(settings, "low", ["mp4"], tmp_path, name=path.stem))
    assert out.ok, out.error
    assert Path(out.videos["mp4"]).stat().st_size > 10_000
