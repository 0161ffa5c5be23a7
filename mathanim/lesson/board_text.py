"""The storyboard as text a person edits before rendering, and back.

    Lesson: Pythagorean theorem
    Language: en

    ## 1. Definition
    Goal: state the theorem
    Narration:
    - In a right triangle the square on the hypotenuse equals the sum of the squares on the legs.
    On screen:
    - a right triangle with its sides named
    Formulas:
    - a^2 + b^2 = c^2

Errors name the line. Scenes whose title is unchanged keep what the text does not show (an offline scene's code).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .storyboard import Storyboard, StoryboardError, StoryScene, check_count, check_scene

_FIELDS = {"narration": "narration", "on screen": "on_screen", "formulas": "formulas"}
_HEAD = re.compile(r"^##\s*(?:\d+\s*[.)]\s*)?(.*)$")


def to_text(board: Storyboard) -> str:
    """The editable text of `board`."""
    out = [f"Lesson: {board.title}", f"Language: {board.language}"]
    for i, s in enumerate(board.scenes, 1):
        out += ["", f"## {i}. {s.title}", f"Goal: {s.goal}"]
        for label, key in (("Narration", "narration"), ("On screen", "on_screen"), ("Formulas", "formulas")):
            items = getattr(s, key)
            if items or key == "narration":
                out += [f"{label}:", *(f"- {v}" for v in items)]
    return "\n".join(out) + "\n"


class _Reader:
    """Line-by-line state of one parse: the scene being filled and the list it is filling."""

    def __init__(self):
        self.head: dict[str, str] = {}
        self.scenes: list[dict] = []
        self.target: list | None = None

    def line(self, n: int, raw: str) -> None:
        text = raw.strip()
        if not text or text.startswith("#") and not text.startswith("##"):
            return
        if m := _HEAD.match(text):
            if not m.group(1).strip():
                raise StoryboardError(f"line {n}: a scene heading needs a title after '##'")
            self.scenes.append({"title": m.group(1).strip(), "goal": "", "narration": [], "on_screen": [],
                                "formulas": [], "line": n})
            self.target = None
        elif text.startswith(("-", "*")):
            if self.target is None:
                raise StoryboardError(f"line {n}: a '- ' item outside Narration:, On screen: or Formulas:")
            self.target.append(text[1:].strip())
        else:
            self._label(n, text)

    def _label(self, n: int, text: str) -> None:
        key, sep, value = text.partition(":")
        key = key.strip().lower()
        if not sep:
            raise StoryboardError(f"line {n}: expected 'Goal:', 'Narration:', 'On screen:', 'Formulas:', "
                                  f"a '- ' item or a '## title' heading, not {text[:40]!r}")
        if not self.scenes:
            self.head[key] = value.strip()
        elif key == "goal":
            self.scenes[-1]["goal"] = value.strip()
        elif key in _FIELDS:
            self.target = self.scenes[-1][_FIELDS[key]]
            if value.strip():
                self.target.append(value.strip())
        else:
            raise StoryboardError(f"line {n}: unknown field {key!r} (use Goal, Narration, On screen, Formulas)")


def from_text(text: str, original: Storyboard | None = None, least: int = 3) -> Storyboard:
    """The storyboard in `text` (as `to_text` writes it, edited); StoryboardError names the line at fault."""
    r = _Reader()
    for n, raw in enumerate(text.splitlines(), 1):
        r.line(n, raw)
    check_count(r.scenes, min(least, len(original.scenes)) if original else least)
    kept = {s.title: s for s in (original.scenes if original else ())}
    scenes = []
    for i, s in enumerate(r.scenes, 1):
        try:
            scene = check_scene(StoryScene(s["title"], s["goal"], tuple(s["narration"]), tuple(s["on_screen"]),
                                           tuple(s["formulas"])), i)
        except StoryboardError as e:
            raise StoryboardError(f"line {s['line']}: {e}") from None
        old = kept.get(scene.title)
        scenes.append(replace(scene, code=old.code, notes=old.notes) if old is not None else scene)
    title = r.head.get("lesson") or (original.title if original else scenes[0].title)
    language = r.head.get("language") or (original.language if original else "en")
    base = original or Storyboard(title, ())
    return replace(base, title=title, language=language, scenes=tuple(scenes))
