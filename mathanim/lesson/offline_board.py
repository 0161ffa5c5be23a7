"""The offline engine's storyboard: built from the catalogue entry or family it recognised, in the request's
language, from the study notes it writes anyway (definition, intuition, worked example with its real numbers,
exercise) plus a summary. The worked-example scene reuses the entry's composer or family scene as it is.

A concept the engine does not recognise gets a one-scene lesson that says so plainly (the honest card and the
nearest topics), as a single request does.
"""

from __future__ import annotations

import re

from ..offline.engine import understand
from ..offline.topics import topics
from .speakable import display_text, spoken
from .storyboard import Storyboard, StoryScene, split_sentences

TITLES = {"en": ("Definition", "Intuition", "Worked example", "Try it yourself", "Summary"),
          "zh": ("定义", "直观理解", "例题", "练一练", "小结")}
GOALS = {"en": ("state what {t} is", "see why {t} holds", "compute one example with real numbers",
                "practise on a new example", "recall the key formula"),
         "zh": ("说明什么是{t}", "理解{t}为什么成立", "用具体数值算一个例子", "自己做一道新题", "回顾关键公式")}
SUMMARY = {"en": "To sum up: {first}", "zh": "总结一下：{first}"}
KEY = {"en": "Remember the key formula.", "zh": "记住关键公式。"}
_DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)


def sections(md: str) -> list[tuple[str, str]]:
    """(heading, body) of each `## ` section of the notes, in order."""
    parts = re.split(r"^##\s+(.*)$", md, flags=re.M)
    return [(parts[i].strip(), parts[i + 1].strip()) for i in range(1, len(parts) - 1, 2)]


def _sentences(body: str, lang: str, most: int) -> tuple[str, ...]:
    """At most `most` speakable sentences of a notes section (list markers and headings dropped)."""
    text = " ".join(re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", ln) for ln in body.splitlines() if ln.strip())
    said = [spoken(s, lang) for s in split_sentences(_DISPLAY_MATH.sub(lambda m: f"${m.group(1)}$", text))]
    return tuple(s for s in said if s)[:most]


def _formulas(key: str | None, md_body: str) -> tuple[str, ...]:
    """The topic's key formulas (LaTeX): its catalogue entry's, else the display maths of the definition."""
    entry = topics()[key].entry if key in topics() else None
    if entry is not None and entry.formulas:
        return tuple(f.latex for f in entry.formulas[:2])
    return tuple(m.strip().rstrip(".,") for m in _DISPLAY_MATH.findall(md_body))[:2]


def _shown(body: str, most: int) -> tuple[str, ...]:
    """At most `most` sentences of a section as plain text on screen (display maths is shown as formulas)."""
    text = _DISPLAY_MATH.sub("", body)
    return tuple(t for t in (display_text(s) for s in split_sentences(text)) if t)[:most]


def _timeline(body: str) -> tuple[str, ...]:
    return tuple(display_text(re.sub(r"^\s*\d+\.\s+", "", ln)) for ln in body.splitlines() if ln.strip())[:6]


def _scenes(u, lang: str) -> tuple[StoryScene, ...]:
    """Definition, intuition, worked example (the entry's own scene), exercise, summary."""
    secs = sections(u.lesson.notes_md)
    body = [b for _, b in secs]
    titles, goals = TITLES[lang], [g.format(t=u.lesson.title) for g in GOALS[lang]]
    formulas = _formulas(u.match.key, body[0])
    definition = _sentences(body[0], lang, 3)
    exercise = _sentences(body[-2], lang, 2) + _sentences(body[-1], lang, 1)
    summary = (SUMMARY[lang].format(first=definition[0]), KEY[lang])
    return (
        StoryScene(titles[0], goals[0], definition, _shown(body[0], 1), formulas[:1], notes=body[0]),
        StoryScene(titles[1], goals[1], _sentences(body[1], lang, 3), _shown(body[1], 3), notes=body[1]),
        StoryScene(titles[2], goals[2], _sentences(body[2], lang, 3), _timeline(body[3]), code=u.lesson.code,
                   notes=f"{body[2]}\n\n{body[3]}"),
        StoryScene(titles[3], goals[3], exercise, _shown(body[-2], 2), notes=f"{body[-2]}\n\n{body[-1]}"),
        StoryScene(titles[4], goals[4], summary, (), formulas, notes=SUMMARY[lang].format(first=body[0])),
    )


def _not_recognised(u, lang: str) -> Storyboard:
    """One scene: the honest card, narrated with the same plain words the notes use."""
    note = u.params.notes[0] if u.params.notes else ""
    said = tuple(spoken(s, lang) for s in split_sentences(note))[:6] or (display_text(note),)
    title = "不在离线目录中" if lang == "zh" else "Not in the offline catalogue"
    scene = StoryScene(title, title, said, tuple(u.suggestions), code=u.lesson.code)
    return Storyboard(u.lesson.title, (scene,), lang, None, False, tuple(u.suggestions))


def offline_storyboard(concept: str, settings=None) -> Storyboard:
    """The offline engine's storyboard for `concept` (one honest scene when it is not recognised)."""
    u = understand(concept, settings)
    lang = "zh" if u.params.language == "zh" else "en"
    if not u.match.recognised:
        return _not_recognised(u, lang)
    if len(sections(u.lesson.notes_md)) < 5:  # e.g. the formula explainer: its own scene, its notes narrated
        return _single(u, lang)
    return Storyboard(u.lesson.title, _scenes(u, lang), lang, u.topic, True, ())


def _single(u, lang: str) -> Storyboard:
    """A one-scene lesson: the engine's own scene, narrated with the first sentences of its notes."""
    body = " ".join(b for _, b in sections(u.lesson.notes_md)) or u.lesson.title
    said = _sentences(body, lang, 4) or (u.lesson.title,)
    scene = StoryScene(u.lesson.title, TITLES[lang][2], said, code=u.lesson.code)
    return Storyboard(u.lesson.title, (scene,), lang, u.topic, True, ())
