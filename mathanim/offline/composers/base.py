"""The contract between the offline catalogue and its composers.

A composer turns one catalogue entry (mathanim/offline/catalogue/*.toml; the settings each composer may rely on
are documented in catalogue/README.md) plus what was read from the user's text (Params: numbers, lists,
formulas) into a Lesson: a Manim CE scene, study notes, the reasoning lines and the computed values. Composers
register with @composer("name"); `compose()` picks the entry's composer, and a composer that does not handle an
entry's variant raises `Unsupported`, so `compose()` falls back to the formula card of the same entry: the
right topic, shown plainly, never another topic's animation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import sympy as sp

from ..base import Lesson, Params
from ..catalogue import Entry
from ..common import NotesSpec, latex, notes_markdown, num

COMPOSERS: dict[str, Callable[[Ask], Lesson]] = {}
Rules = tuple[tuple[str, str], ...]  # (regex on the English caption, its Chinese replacement), applied in order


def zh_caption(text: str, rules: Rules) -> str:
    """An English caption in Chinese: each rule's regex replaced in turn (numbers and formulas are kept)."""
    for pattern, chinese in rules:
        text = re.sub(pattern, chinese, text)
    return text


def localise(value, rules: Rules):
    """Every string in `value` (nested lists, dict keys and values) through zh_caption; a tuple keeps its first
    item, an event name the scene dispatches on."""
    if isinstance(value, str):
        return zh_caption(value, rules)
    if isinstance(value, tuple):
        return (value[0], *(localise(v, rules) for v in value[1:])) if value else value
    if isinstance(value, list):
        return [localise(v, rules) for v in value]
    if isinstance(value, dict):
        return {localise(k, rules): localise(v, rules) for k, v in value.items()}
    return value


class Unsupported(Exception):
    """This composer does not (yet) draw this entry's variant; compose() shows the formula card instead."""


@dataclass(frozen=True)
class Ask:
    """What a composer gets: the entry, what was read from the request, and the request's own numbers."""

    entry: Entry
    params: Params
    numbers: tuple[float, ...] = field(default=())  # the numbers in the request, in order ("lcm(12, 18)")

    @property
    def zh(self) -> bool:
        return self.params.language == "zh"

    @property
    def title(self) -> str:
        return self.entry.name_zh if self.zh and self.entry.name_zh else self.entry.name

    def say(self, en: str, zh: str) -> str:
        """The on-screen text in the request's language."""
        return zh if self.zh else en

    def local(self, value, rules: Rules):
        """`value` (a caption, or nested lists/dicts of them) in Chinese by `rules` when the request is Chinese."""
        return localise(value, rules) if self.zh else value

    @property
    def settings(self) -> dict:
        return dict(self.entry.settings)

    def scene_name(self) -> str:
        """A CamelCase class name from the entry id (`law_of_sines` → `LawOfSinesScene`)."""
        return "".join(w.capitalize() for w in self.entry.id.split("_") if w) + "Scene"


def composer(name: str) -> Callable[[Callable[[Ask], Lesson]], Callable[[Ask], Lesson]]:
    """Register `fn` as the composer called `name` (one per name)."""

    def register(fn: Callable[[Ask], Lesson]) -> Callable[[Ask], Lesson]:
        if name in COMPOSERS:
            raise ValueError(f"composer {name!r} registered twice")
        COMPOSERS[name] = fn
        return fn

    return register


def numbers_in(text: str) -> tuple[float, ...]:
    """The numbers in the request, in order (integers stay integers)."""
    found = re.findall(r"(?<![\w.])-?\d+(?:\.\d+)?", text)
    return tuple(int(v) if re.fullmatch(r"-?\d+", v) else float(v) for v in found)


def symbols(entry: Entry, extra=(), text: str = "") -> dict:
    """The entry's variables as plain sympy symbols (E, I, S, N are names here, not constants), and names called
    in `text` that sympy does not define (or that are variables: P(x), y(t)) as functions."""
    names = {name: sp.Symbol(name) for name in (*entry.symbols(), *extra)}
    for called in re.findall(r"\b([A-Za-z]\w*)\(", text):
        if called in names or len(called) == 1 or not hasattr(sp, called):
            names[called] = sp.Function(called)
    return names


def sympy_of(entry: Entry, text: str, extra=(), evaluate: bool = True):
    """A sympy string of the entry, parsed with its own names (int → Integer)."""
    return sp.sympify(sp.sympify(text, locals=symbols(entry, extra, text), evaluate=evaluate))


def worked_value(entry: Entry):
    """The worked example's value, computed by sympy (numbers substituted as it is parsed, or after)."""
    ex = entry.example
    numbers = {k: sp.Integer(v) if isinstance(v, int) else sp.Float(v) for k, v in ex.values.items()}
    try:
        return sp.sympify(sp.sympify(ex.compute, locals={**symbols(entry, (), ex.compute), **numbers}))
    except (ValueError, TypeError):
        return sympy_of(entry, ex.compute, tuple(numbers)).subs({sp.Symbol(k): v for k, v in numbers.items()})


def worked_text(entry: Entry) -> str:
    """The worked example as a sentence with its computed result (an algorithm: its input and output)."""
    ex = entry.example
    if ex.kind == "algorithm":
        return f"{ex.statement}\n\nInput: {list(ex.input)} → output: {list(ex.output)}."
    value = worked_value(entry)
    shown = num(value) if getattr(value, "is_number", False) and value.is_real else f"${latex(value)}$"
    return f"{ex.statement}\n\nResult: {shown}."


def entry_notes(ask: Ask, timeline: list[str], extra: str = "") -> str:
    """Study notes for the entry from the catalogue's own text, in the scene's notation: key formulas, the
    definition, intuition, the worked example (computed), what the animation shows, and an exercise."""
    e = ask.entry
    formulas = "\n".join(f"- {f.label + ': ' if f.label else ''}$${f.latex}$$" for f in e.formulas)
    variables = "\n".join(f"- ${v.symbol}$: {v.meaning}" + (f" ({v.unit})" if v.unit else "") for v in e.variables)
    key = f"## {'关键公式' if ask.zh else 'Key formulas'}\n\n{formulas}" + (f"\n\n{variables}" if variables else "")
    spec = NotesSpec(ask.title, e.definition, e.intuition, worked_text(e), timeline,
                     exercise=_exercise(e), answer=_answer(e), extra="\n\n".join(p for p in (key, extra) if p),
                     zh=ask.zh)
    return notes_markdown(spec)


def _exercise(e: Entry) -> str:
    return f"Redo the worked example step by step without looking, then explain each step of the animation: {e.example.statement}"


def _answer(e: Entry) -> str:
    return worked_text(e).split("\n\n")[-1]


def compose_card(entry: Entry, params: Params) -> Lesson:
    """The entry's formula card, whatever its composer."""
    return COMPOSERS["formula_card"](Ask(entry, params, numbers_in(params.concept)))


def compose(entry: Entry, params: Params) -> Lesson:
    """The entry's lesson from its composer, or its formula card when the composer does not draw this variant."""
    ask = Ask(entry, params, numbers_in(params.concept))
    fn = COMPOSERS.get(entry.composer)
    if fn is not None:
        try:
            return fn(ask)
        except Unsupported:
            pass
    return COMPOSERS["formula_card"](ask)
