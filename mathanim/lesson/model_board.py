"""A model backend writes the storyboard (prompts/storyboard.md): streamed, shown scene by scene as it arrives,
validated at the end; a storyboard that does not validate goes back to the model once with the error."""

from __future__ import annotations

from collections.abc import Iterator

from ..backends.base import Backend, BackendError, Request
from ..events import Event, Notes, Status, StoryboardUpdate, Usage
from ..prompts import load_prompt
from ..result import Result
from ..stages import events_in_thread
from .board_text import to_text
from .storyboard import Storyboard, StoryboardError, parse_json, partial_scenes

LANGUAGES = {"en": "English", "zh": "Chinese (简体中文)"}
TRIES = 2  # a storyboard that does not validate is asked for once more, with the error


def _request(concept: str, language: str, error: str) -> Request:
    prompt = load_prompt("storyboard", concept=concept, language=language,
                         language_name=LANGUAGES.get(language, language))
    if error:
        prompt += f"\nYour previous storyboard could not be used: {error}. Answer with a corrected JSON object.\n"
    return Request(concept, prompt=prompt, system=load_prompt("storyboard_system"))


def _stream_once(concept: str, backend: Backend, job, res: Result, error: str) -> Iterator[Event]:
    """One streamed storyboard reply; returns its text. Partial scenes are shown as they complete."""
    text, shown = "", 0
    for ev in events_in_thread(backend, _request(concept, job.language, error), job.job.cancel):
        if isinstance(ev, Notes):
            text = ev.text
            scenes = partial_scenes(text)
            if len(scenes) > shown:
                shown = len(scenes)
                yield StoryboardUpdate(to_text(Storyboard(concept, tuple(scenes), job.language)),
                                       tuple(s.title for s in scenes))
        elif isinstance(ev, Usage):
            res.tokens["prompt"] += ev.prompt_tokens
            res.tokens["completion"] += ev.completion_tokens
    return text


def model_storyboard(concept: str, backend: Backend, job, res: Result) -> Iterator[Event]:
    """The storyboard a model writes for `concept`; raises StoryboardError (or BackendError) when it fails."""
    error = ""
    for attempt in range(1, TRIES + 1):
        yield Status("storyboard", "writing the storyboard" if not error else f"the storyboard was not usable "
                     f"({error}); asking again", attempt, TRIES)
        text = yield from _stream_once(concept, backend, job, res, error)
        try:
            return parse_json(text, job.language)
        except StoryboardError as e:
            error = str(e)
    raise StoryboardError(f"the model's storyboard was not usable after {TRIES} tries: {error}")


__all__ = ["BackendError", "model_storyboard"]
