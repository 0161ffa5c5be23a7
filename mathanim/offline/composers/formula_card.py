"""The formula card: the entry's title, its key formulas written one by one, what the symbols mean, and the
worked example with its computed result. The plain but correct view of any catalogue entry (and what compose()
shows when an entry's composer does not draw its variant)."""

from __future__ import annotations

import textwrap

from ..base import Lesson
from ..common import scene_module
from ..regions import Part, regions_literal
from .base import Ask, Rules, composer, entry_notes, worked_text, zh_caption

MAX_FORMULAS = 3  # more would shrink below what a viewer can read at 480p
MAX_LEGEND = 4
CARD_TOP = 2.7  # where the formulas would like to start, under a one-line title
ZH: Rules = ((r"^Result: ", "例题结果："), (r"^Input: ", "例题输入："), (r" → output: ", " → 输出："))  # the catalogue's
# statements and symbol meanings are English only: a Chinese card shows the symbols with their units and the result

CARD_LOGIC = '''
title = plan_fit(Text(TITLE, font_size=40), REGIONS["title"])
self.play(FadeIn(title), run_time=0.8)
formulas = VGroup(*[MathTex(f) for f in FORMULAS]).arrange(DOWN, buff=0.35)
plan_fit(formulas, REGIONS["formulas"], UP)
for f in formulas:
    self.play(Write(f), run_time=1.2)
legend = VGroup(*[Text(line, font_size=22) for line in LEGEND]).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
example = VGroup(*[Text(line, font_size=24, color=YELLOW) for line in EXAMPLE]).arrange(DOWN, aligned_edge=LEFT)
below = VGroup(*[m for m in (legend, example) if len(m)]).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
plan_fit(below, REGIONS["below"], UP)
self.play(FadeIn(below, shift=0.2 * UP), run_time=1.0)
self.wait(2)
'''


def wrap(text: str, width: int = 64, lines: int = 3) -> list[str]:
    """`text` as at most `lines` lines of at most `width` characters (the last one ends with … if cut)."""
    out = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1] + "…"
    return out


def card_words(ask: Ask) -> tuple[list[str], list[str]]:
    """The legend lines and the worked example lines of the card, in the request's language."""
    e = ask.entry
    if ask.zh:
        legend = [f"{v.symbol} [{v.unit}]" for v in e.variables if v.unit][:MAX_LEGEND]
        return legend, wrap(zh_caption(worked_text(e).split("\n\n")[-1], ZH), 60, 3)
    legend = [f"{v.symbol}: {v.meaning}" + (f" [{v.unit}]" if v.unit else "") for v in e.variables][:MAX_LEGEND]
    return legend, wrap(worked_text(e).replace("\n\n", " "), 70, 3)


def card_parts(formulas: int, legend: int, example: int) -> tuple[Part, Part]:
    """The card's regions under the title, sized for what it holds: the formulas (a fraction stands about 1.15
    high), then the legend and the worked example (about 0.45 a line); at most what the card always allowed."""
    high = max(1.15, min(3.2, 1.15 * formulas + 0.35 * max(0, formulas - 1)))
    low = min(2.8, max(0.45, 0.45 * (legend + example) + (0.3 if legend and example else 0.0)))
    # anchored to stack from just under the title down, as the card reads
    return (Part("formulas", "formula", 12.0, high, (0.0, CARD_TOP - high / 2)),
            Part("below", "caption", 12.5, low, (0.0, CARD_TOP - high - 0.4 - low / 2)))


def card_lesson(ask: Ask, reasoning: list[str] | None = None) -> Lesson:
    """The card for the entry of `ask` (also used by other composers for variants they do not draw)."""
    e = ask.entry
    formulas = [f.latex for f in e.formulas][:MAX_FORMULAS]
    legend, example = card_words(ask)
    consts = (f"TITLE = {ask.title!r}\nFORMULAS = {formulas!r}\nLEGEND = {legend!r}\nEXAMPLE = {example!r}\n"
              f"REGIONS = {regions_literal(ask.title, card_parts(len(formulas), len(legend), len(example)))}\n")
    name = ask.scene_name()
    code = scene_module(name, CARD_LOGIC).replace("from manim import *\n", "from manim import *\n" + consts, 1)
    shots = [f"The title “{ask.title}”.", "The key formulas, written one by one: " + "; ".join(formulas) + ".",
             "What each symbol means, then the worked example with its computed result."]
    lines = reasoning or [f"Catalogue entry: {e.name} ({e.area}); shown as a formula card."]
    return Lesson("formula_card", ask.title, name, code, entry_notes(ask, shots), [*lines, *shots],
                  {"formulas": formulas})


@composer("formula_card")
def formula_card(ask: Ask) -> Lesson:
    """Title, key formulas, symbols and the worked example of the entry."""
    return card_lesson(ask)
