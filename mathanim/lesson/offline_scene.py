"""Offline scene code for a narrated storyboard scene: the title, then one step per sentence (a formula or a
line of text appears), each step waiting for its sentence: run time plus wait equals the sentence's time in the
narration, measured from the cues. Engine-written from templates, so it is trusted like the offline engine's."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from ..offline.common import scene_module, tex, text_literal, title_code

WRAP = {"en": 44, "zh": 18}  # characters per line of a Text on screen


def wrap(text: str, lang: str) -> list[str]:
    """The lines of a text block: broken at spaces for English, every WRAP characters for Chinese."""
    width = WRAP["zh" if lang == "zh" else "en"]
    if lang == "zh":
        return [text[i:i + width] for i in range(0, len(text), width)] or [text]
    return textwrap.wrap(text, width) or [text]


def text_block(text: str, lang: str) -> str:
    """Scene code of a left-aligned block of Text lines (one Text per line: a literal newline in a string the
    fixer turns raw would show as backslash-n)."""
    lines = ", ".join(text_literal(ln) for ln in wrap(text, lang))
    return f"VGroup(*[Text(s, font_size=32) for s in [{lines}]]).arrange(DOWN, aligned_edge=LEFT, buff=0.15)"


def step_times(starts: Sequence[float], total: float) -> list[float]:
    """How long each sentence's step lasts: from its cue's start (the first from 0) to the next one's, the
    last to the end of the narration."""
    bounds = [0.0, *starts[1:], max(total, starts[-1] if starts else 0.0)]
    return [max(0.2, round(b - a, 3)) for a, b in zip(bounds, bounds[1:], strict=False)]


def _items(scene, lang: str) -> list[str]:
    """Scene code expressions of what appears, one per step: formulas first, then the on-screen lines, then
    the sentences themselves for steps that have nothing else to show."""
    items = [f"MathTex({tex(f)}, font_size=44)" for f in scene.formulas]
    items += [text_block(s, lang) for s in scene.on_screen]
    items += [text_block(s, lang) for s in scene.narration[len(items):]]
    return items


def narrated_scene(scene, starts: Sequence[float], total: float, lang: str, name: str) -> str:
    """A complete scene file whose steps follow the narration (`starts`: each sentence's cue start)."""
    times = step_times(starts, total)
    items = _items(scene, lang)
    groups = [items[k:k + 1] for k in range(len(times))]
    if len(items) > len(times):  # more to show than sentences: the rest comes with the last one
        groups[-1] = items[len(times) - 1:]
    shown = ", ".join(items) or 'Text(" ")'
    lines = [textwrap.dedent(title_code(scene.title)).strip("\n"),
             f"items = VGroup(*[{shown}]).arrange(DOWN, buff=0.45)",
             "fit(items, 12.5, 5.8).next_to(title, DOWN, buff=0.5)", "shown = 0"]
    for k, t in enumerate(times):
        run = round(min(1.0, 0.4 * t), 3)
        count = sum(len(g) for g in groups[:k + 1])
        anim = "FadeIn(title), " if k == 0 else ""
        lines.append(f"self.play({anim}*[FadeIn(m, shift=0.2 * UP) for m in items[shown:{count}]] or "
                     f"[Wait()], run_time={run})")
        lines.append(f"shown = {count}")
        if t - run > 0.02:
            lines.append(f"self.wait({round(t - run, 3)})")
    return scene_module(name, "\n".join(lines))
