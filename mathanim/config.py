"""Settings: one frozen object read from the environment and `.env`, passed down explicitly."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _env(env: dict[str, str], name: str, default: str = "") -> str:
    return env.get(name, default).strip()


def _int(env: dict[str, str], name: str, default: int) -> int:
    raw = _env(env, name)
    try:
        return int(raw) if raw else default
    except ValueError:
        raise ValueError(f"{name} must be an integer, got {raw!r}") from None


def environment(dotenv: bool = True) -> dict[str, str]:
    """os.environ plus `.env` (the environment wins). `.env` is read into this dict only, never into
    os.environ, so no key reaches a child process by inheritance."""
    env = dict(os.environ)
    if dotenv and (ROOT / ".env").is_file():
        from dotenv import dotenv_values

        values = {k: v for k, v in dotenv_values(ROOT / ".env").items() if v is not None}
        env = {**values, **env}
    return env


@dataclass(frozen=True)
class Settings:
    """Every setting of the app. Build it with `Settings.load()`; tests build it directly."""

    media_dir: Path = ROOT / "media"
    # the offline classifier's topic vectors: derived from the catalogue alone (no user data), so every media
    # folder (each test's, each user's) shares one copy instead of encoding ~3,000 phrases again
    vectors_dir: Path = ROOT / "media" / "vectors"
    # SVGs of TeX compiled for engine-written scenes (only trusted code writes here; see job.TexCache): shared the
    # same way, since a formula's glyphs do not depend on whose media folder asked for them
    tex_dir: Path = ROOT / "media" / "tex"
    # render sandbox
    check_timeout_s: int = 90
    cpu_limit_s: int = 0  # 0: derived from the wall-clock limit
    max_output_bytes: int = 8 * 1024 * 1024  # stdout+stderr of a render child
    max_file_mb: int = 2048
    memory_mb: int = 0  # address-space limit of a render child; 0: the preset's own
    render_timeout_s: int = 0  # a flat wall-clock limit of a full render; 0: from the scene's size (presets.py)
    # the most a render's size-based limit may grow to. Measured at low on two cores, two renders at once: Math-To-
    # Manim's LorenzAttractorSymphony (2,000 Dot3D stars under a turning camera) was in its 44th of about 47
    # animations, after about 86 CPU minutes, when two hours of wall clock (3,600 s x2) ran out
    render_ceiling_s: int = 5400
    stall_timeout_s: int = 40  # a child that reports no progress for this long is stopped (an endless loop)
    max_video_s: int = 0  # the longest video a scene may ask for; 0: the preset's own
    use_cache: bool = True
    # generation
    max_rounds: int = 3
    max_concept_chars: int = 2000
    # model backends
    deepseek_api_key: str = field(default="", repr=False)
    deepseek_base_url: str = "https://api.deepseek.com"
    deepseek_model: str = "deepseek-reasoner"
    local_base_url: str = "http://127.0.0.1:8000/v1"
    local_model: str = "manim-lora"
    local_api_key: str = field(default="", repr=False)
    request_timeout_s: float = 120.0
    max_retries: int = 3
    # narration by an OpenAI-compatible /v1/audio/speech endpoint (speech engine "openai")
    tts_base_url: str = ""
    tts_api_key: str = field(default="", repr=False)
    tts_model: str = "tts-1"
    # UI
    render_concurrency: int = os.cpu_count() or 2
    # render executor: the local pool, or Celery workers behind this Redis broker
    render_broker: str = field(default="", repr=False)  # redis://host:port/db; may hold a password
    render_fallback: str = ""  # "local": render here when the broker is unreachable
    broker_visibility_s: int = 0  # seconds before a job of a silent worker goes to another; 0: render wall + 600

    @property
    def cache_dir(self) -> Path:
        return self.media_dir / "cache"

    @property
    def render_wall_s(self) -> int:
        """The wall clock a render whose limit follows its size may take: twice the ceiling of its CPU time, so a
        machine running two renders at once (a worker's two slots) does not stop one that fits its budget."""
        return 2 * self.render_ceiling_s

    @property
    def broker_visibility(self) -> int:
        return self.broker_visibility_s or self.render_wall_s + 600

    @property
    def work_dir(self) -> Path:
        return self.media_dir / "work"

    @property
    def db_path(self) -> Path:
        return self.media_dir / "history.sqlite3"

    def with_(self, **changes) -> Settings:
        return replace(self, **changes)

    @classmethod
    def load(cls, env: dict[str, str] | None = None, dotenv: bool = True) -> Settings:
        """Read settings from `env` (default: os.environ plus `.env`, see `environment`)."""
        if env is None:
            env = environment(dotenv)
        d = cls()
        return cls(
            media_dir=Path(_env(env, "MATHANIM_MEDIA_DIR") or d.media_dir),
            vectors_dir=Path(_env(env, "MATHANIM_VECTORS_DIR") or d.vectors_dir),
            tex_dir=Path(_env(env, "MATHANIM_TEX_DIR") or d.tex_dir),
            check_timeout_s=_int(env, "MATHANIM_CHECK_TIMEOUT", d.check_timeout_s),
            max_rounds=_int(env, "MATHANIM_MAX_ROUNDS", d.max_rounds),
            max_concept_chars=_int(env, "MATHANIM_MAX_CONCEPT_CHARS", d.max_concept_chars),
            use_cache=_env(env, "MATHANIM_CACHE", "1") not in ("0", "false", "no"),
            memory_mb=_int(env, "MATHANIM_MEMORY_MB", d.memory_mb),
            render_timeout_s=_int(env, "MATHANIM_RENDER_TIMEOUT", d.render_timeout_s),
            render_ceiling_s=_int(env, "MATHANIM_RENDER_CEILING", d.render_ceiling_s),
            stall_timeout_s=_int(env, "MATHANIM_STALL_TIMEOUT", d.stall_timeout_s),
            max_video_s=_int(env, "MATHANIM_MAX_VIDEO_S", d.max_video_s),
            render_broker=_env(env, "MATHANIM_RENDER_BROKER"),
            render_fallback=_env(env, "MATHANIM_RENDER_FALLBACK").lower(),
            broker_visibility_s=_int(env, "MATHANIM_BROKER_VISIBILITY", d.broker_visibility_s),
            deepseek_api_key=_env(env, "DEEPSEEK_API_KEY"),
            deepseek_base_url=_env(env, "DEEPSEEK_BASE_URL") or d.deepseek_base_url,
            deepseek_model=_env(env, "DEEPSEEK_MODEL") or d.deepseek_model,
            local_base_url=_env(env, "LOCAL_BASE_URL") or d.local_base_url,
            local_model=_env(env, "LOCAL_MODEL") or d.local_model,
            local_api_key=_env(env, "LOCAL_API_KEY"),
            request_timeout_s=float(_env(env, "MATHANIM_REQUEST_TIMEOUT") or d.request_timeout_s),
            max_retries=_int(env, "MATHANIM_MAX_RETRIES", d.max_retries),
            tts_base_url=_env(env, "MATHANIM_TTS_BASE_URL"),
            tts_api_key=_env(env, "MATHANIM_TTS_API_KEY"),
            tts_model=_env(env, "MATHANIM_TTS_MODEL") or d.tts_model,
            render_concurrency=_int(env, "MATHANIM_RENDER_CONCURRENCY", d.render_concurrency),
        )
