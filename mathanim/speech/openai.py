"""Any OpenAI-compatible text-to-speech endpoint (POST {base}/audio/speech): base URL, key and model from the
settings (MATHANIM_TTS_*), the voice from the request (default "alloy"). The reply is decoded and checked."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from .audio import to_canonical
from .base import EngineSpec, SpeechError, VoiceSpec

DEFAULT_VOICE = "alloy"


def check(spec: VoiceSpec, settings) -> VoiceSpec:
    """The spec with its voice filled in; ValueError when the endpoint is not configured or not a URL."""
    base = settings.tts_base_url
    if not base:
        raise ValueError("narration 'openai' needs MATHANIM_TTS_BASE_URL: an OpenAI-compatible endpoint with its "
                         "/v1, e.g. https://api.openai.com/v1 (set it in .env)")
    url = urlparse(base)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise ValueError(f"MATHANIM_TTS_BASE_URL must be an http(s) URL such as https://api.openai.com/v1, "
                         f"got {base!r}")
    if not settings.tts_model:
        raise ValueError("narration 'openai' needs MATHANIM_TTS_MODEL (e.g. tts-1)")
    return VoiceSpec("openai", spec.voice or DEFAULT_VOICE, spec.language)


def identity(spec: VoiceSpec, settings) -> str:
    """The endpoint, model and voice (never the key): another of these is another voice."""
    return f"{settings.tts_base_url.rstrip('/')}|{settings.tts_model}|{spec.voice or DEFAULT_VOICE}"


def request(text: str, spec: VoiceSpec, settings) -> bytes:
    """The endpoint's audio for `text`; SpeechError for no answer in time, a refusal, or an empty reply."""
    import httpx

    url = settings.tts_base_url.rstrip("/") + "/audio/speech"
    headers = {"Authorization": f"Bearer {settings.tts_api_key}"} if settings.tts_api_key else {}
    body = {"model": settings.tts_model, "input": text, "voice": spec.voice or DEFAULT_VOICE,
            "response_format": "wav"}
    try:
        reply = httpx.post(url, json=body, headers=headers, timeout=settings.request_timeout_s)
    except httpx.TimeoutException:
        raise SpeechError(f"the speech endpoint {url} did not answer within {settings.request_timeout_s:g} s") from None
    except httpx.HTTPError as err:
        raise SpeechError(f"the speech endpoint {url} cannot be reached: {err}") from None
    if reply.status_code != 200:
        raise SpeechError(f"the speech endpoint {url} answered HTTP {reply.status_code}: {reply.text[:300]}")
    if not reply.content:
        raise SpeechError(f"the speech endpoint {url} answered with no audio")
    return reply.content


def synthesize(items: list[tuple[str, Path]], spec: VoiceSpec, settings) -> None:
    """Ask the endpoint for every (text, wav) item; a reply ffmpeg cannot decode as audio is a SpeechError."""
    for text, out in items:
        raw = out.with_name(out.name + ".reply")
        raw.write_bytes(request(text, spec, settings))
        try:
            to_canonical(raw, out)
        except SpeechError:
            head = raw.read_bytes()[:60]
            raise SpeechError(f"the speech endpoint {settings.tts_base_url} returned something that is not audio "
                              f"({raw.stat().st_size} bytes starting {head!r})") from None
        finally:
            raw.unlink(missing_ok=True)


ENGINE = EngineSpec("openai", "OpenAI-compatible endpoint (MATHANIM_TTS_BASE_URL)", check, identity, synthesize)
