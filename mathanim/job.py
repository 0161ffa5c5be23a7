"""The run context: one frozen `Job` per request, created once and passed down to every stage.

It carries what every stage needs and no function takes by hand: the settings, the quality preset, the output
formats and folder, the cancel switch, the TeX cache and whether the code comes from a trusted backend.
"""

from __future__ import annotations

import shutil
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .backgrounds.spec import Background
from .config import Settings
from .presets import Preset, get_preset


@dataclass(frozen=True)
class TexCache:
    """Where compiled TeX SVGs are looked up and stored.

    The shared folder only ever receives SVGs from trusted (engine-written) code, so a hostile scene cannot
    plant a wrong glyph for another user's formula; model or user code reads it and stores into a private
    per-request folder, which the fast check and the full render of one request share.
    """

    shared: Path
    private: Path | None = None
    trusted: bool = False

    @property
    def seeds(self) -> list[str]:
        return [str(p) for p in (self.shared, self.private) if p is not None and p.is_dir()]

    @property
    def target(self) -> Path | None:
        return self.shared if self.trusted else self.private

    def harvest(self, work: Path) -> None:
        """Copy new SVGs out of a finished run's working folder (atomic rename, first writer wins)."""
        target = self.target
        if target is None:
            return
        target.mkdir(parents=True, exist_ok=True)
        for svg in work.glob("*.svg"):  # the child compiles TeX in the job folder itself
            dst = target / svg.name
            if not dst.exists() and svg.stat().st_size < 4 << 20:
                tmp = target / f".{svg.name}.{uuid.uuid4().hex[:6]}"
                shutil.copyfile(svg, tmp)
                tmp.replace(dst)


@dataclass(frozen=True)
class Job:
    """Everything one request's stages share. Build it with `Job.make`; derive variants with `with_`."""

    settings: Settings
    preset: Preset
    formats: tuple[str, ...] = ("mp4",)
    out_dir: Path | None = None
    cancel: threading.Event | None = field(default=None, compare=False)
    tex: TexCache | None = None
    trusted: bool = False
    scene: str | None = None  # the Scene class to render; None: the only one in the code
    name: str = "animation"  # file stem of the delivered video and poster
    check_layout: bool = False
    relayout: bool = False  # with check_layout: a last-round scene with defects is re-laid by a layout plan
    candidates: int = 1
    max_rounds: int = 3
    background: Background | None = None  # composited under a transparent render (mathanim/backgrounds/)
    modules: tuple = ()  # local_modules.LocalModule: a scene file's own modules, bundled into its job folder
    check_s: int = 0  # the fast check's time limit; 0: settings.check_timeout_s

    @classmethod
    def make(cls, settings: Settings | None = None, quality: str = "low", formats: Sequence[str] = ("mp4",),
             out_dir: Path | str | None = None, **options) -> Job:
        """A job at `quality` with its own private TeX cache (shared with trusted code when trusted=True)."""
        settings = settings or Settings.load()
        trusted = bool(options.get("trusted", False))
        private = None if trusted else settings.work_dir / f"tex-{uuid.uuid4().hex[:12]}"
        if options.get("max_rounds") is None:
            options["max_rounds"] = settings.max_rounds
        return cls(settings, get_preset(quality), tuple(formats), Path(out_dir) if out_dir else None,
                   tex=TexCache(settings.tex_dir, private, trusted), **options)

    @property
    def quality(self) -> str:
        return self.preset.name

    @property
    def tex_cache(self) -> TexCache:
        return self.tex or TexCache(self.settings.tex_dir)

    def with_(self, **changes) -> Job:
        return replace(self, **changes)

    def trusting(self, trusted: bool) -> Job:
        """This job for code from a trusted (engine) or untrusted (model, user) source: trusted code compiles
        into the shared TeX cache, untrusted code only into the request's private one."""
        if trusted == self.trusted:
            return self
        private = None if trusted else self.settings.work_dir / f"tex-{uuid.uuid4().hex[:12]}"
        return self.with_(trusted=trusted, tex=TexCache(self.settings.tex_dir, private, trusted))

    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()

    def close(self) -> None:
        """Remove the request's private TeX cache."""
        if self.tex is not None and self.tex.private is not None:
            shutil.rmtree(self.tex.private, ignore_errors=True)
