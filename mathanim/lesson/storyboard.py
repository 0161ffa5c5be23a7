"""A lesson's storyboard: 3 to 8 scenes, each with a title, a goal, narration sentences, what is on screen and
the key formulas.

Three forms, one dataclass: the JSON a model writes (`parse_json`, validated with errors that name the scene
and the field), the editable text a person changes before rendering (`to_text` / `from_text`, errors name the
line), and the partial JSON of a reply still streaming (`partial_scenes`, for the live list in the UI).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace

MIN_SCENES, MAX_SCENES = 3, 8
MAX_SENTENCES = 8  # per scene: a scene is one idea, told in a few sentences
MAX_SENTENCE_CHARS = 400
MAX_TITLE_CHARS = 80
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])")


class StoryboardError(ValueError):
    """A storyboard that cannot be used; the message says where (scene, field or line) and what is wrong."""


@dataclass(frozen=True)
class StoryScene:
    """One scene of the lesson."""

    title: str
    goal: str
    narration: tuple[str, ...]  # the sentences spoken, in order; each step of the scene waits for its sentence
    on_screen: tuple[str, ...] = ()  # what is shown, step by step
    formulas: tuple[str, ...] = ()  # key formulas, LaTeX
    code: str = ""  # offline: the scene source is known up front (the worked example reuses the entry's scene)
    notes: str = ""  # offline: the notes section (Markdown with LaTeX) the lesson document shows for this scene


@dataclass(frozen=True)
class Storyboard:
    """The whole lesson plan. `recognised` is False when the offline engine did not know the concept."""

    title: str
    scenes: tuple[StoryScene, ...]
    language: str = "en"
    topic: str | None = None
    recognised: bool | None = None
    suggestions: tuple[str, ...] = field(default_factory=tuple)

    def with_scenes(self, scenes) -> Storyboard:
        return replace(self, scenes=tuple(scenes))


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph (English or Chinese punctuation); empty pieces dropped."""
    return [s.strip() for s in _SENTENCE_END.split(" ".join(text.split())) if s.strip()]


def _strings(value, where: str, key: str) -> tuple[str, ...]:
    """A list of non-empty strings (a single string is split into sentences for `narration`)."""
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(split_sentences(value)) if key == "narration" else ((value.strip(),) if value.strip() else ())
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise StoryboardError(f"{where}: '{key}' must be a list of strings, not {type(value).__name__}")
    return tuple(v.strip() for v in value if v.strip())


def scene_from_dict(raw, n: int) -> StoryScene:
    """One scene from its JSON object; `n` (1-based) names it in errors."""
    where = f"scene {n}"
    if not isinstance(raw, dict):
        raise StoryboardError(f"{where} must be an object with title, goal, narration, on_screen, formulas")
    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        raise StoryboardError(f"{where} has no title")
    if len(title) > MAX_TITLE_CHARS:
        raise StoryboardError(f"{where}: the title is {len(title)} characters long; the limit is {MAX_TITLE_CHARS}")
    goal = raw.get("goal") or ""
    if not isinstance(goal, str):
        raise StoryboardError(f"{where}: 'goal' must be a string")
    scene = StoryScene(title.strip(), goal.strip(), _strings(raw.get("narration"), where, "narration"),
                       _strings(raw.get("on_screen"), where, "on_screen"), _strings(raw.get("formulas"), where, "formulas"))
    return check_scene(scene, n)


def check_scene(scene: StoryScene, n: int) -> StoryScene:
    """The scene if its narration is usable, else a StoryboardError naming it."""
    where = f"scene {n} ({scene.title})"
    if not scene.narration:
        raise StoryboardError(f"{where} has no narration: give at least one sentence to speak")
    if len(scene.narration) > MAX_SENTENCES:
        raise StoryboardError(f"{where} has {len(scene.narration)} narration sentences; the limit is {MAX_SENTENCES}")
    long = next((s for s in scene.narration if len(s) > MAX_SENTENCE_CHARS), None)
    if long:
        raise StoryboardError(f"{where}: a narration sentence is {len(long)} characters long; the limit is "
                              f"{MAX_SENTENCE_CHARS} (split it)")
    return scene


def check_count(scenes, least: int = MIN_SCENES) -> None:
    """A StoryboardError unless there are `least` to MAX_SCENES scenes."""
    if not least <= len(scenes) <= MAX_SCENES:
        raise StoryboardError(f"the storyboard has {len(scenes)} scene(s); a lesson has {least} to {MAX_SCENES}")


def json_text(reply: str) -> str:
    """The JSON object in a model's reply: inside a ```json fence or from the first '{' to the last '}'."""
    fenced = re.search(r"```(?:json)?\s*\n(.*?)(?:```|\Z)", reply, re.S)
    text = fenced.group(1) if fenced and "{" in fenced.group(1) else reply
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end < start:
        raise StoryboardError("the reply holds no JSON object (expected {\"title\": ..., \"scenes\": [...]})")
    return text[start:end + 1]


def parse_json(reply: str, language: str = "en") -> Storyboard:
    """The storyboard a model wrote (prompts/storyboard.md), validated; StoryboardError says what is wrong."""
    try:
        raw = json.loads(json_text(reply))
    except json.JSONDecodeError as e:
        raise StoryboardError(f"the storyboard is not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("scenes"), list):
        raise StoryboardError("the storyboard needs a 'scenes' list")
    check_count(raw["scenes"])
    scenes = tuple(scene_from_dict(s, i) for i, s in enumerate(raw["scenes"], 1))
    title = raw.get("title") if isinstance(raw.get("title"), str) and raw["title"].strip() else scenes[0].title
    return Storyboard(title.strip(), scenes, str(raw.get("language") or language))


def partial_scenes(reply: str) -> list[StoryScene]:
    """The scenes already complete in a reply still streaming (for the live list); invalid ones are skipped."""
    start = reply.find("[", max(reply.find('"scenes"'), 0))
    if '"scenes"' not in reply or start < 0:
        return []
    out, decoder, i = [], json.JSONDecoder(), start + 1
    while (i := reply.find("{", i)) >= 0:
        try:
            obj, end = decoder.raw_decode(reply, i)
        except json.JSONDecodeError:
            break  # this scene is still arriving
        try:
            out.append(scene_from_dict(obj, len(out) + 1))
        except StoryboardError:
            pass
        i = end
    return out
