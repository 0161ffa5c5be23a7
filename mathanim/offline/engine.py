"""The offline backend: understand the concept, compute with sympy, write the scene and the notes, and stream
it all as events (Reasoning deltas, then Code snapshots, then Notes snapshots) like a model backend would.
"""

from __future__ import annotations

import multiprocessing as mp
import textwrap
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..backends.base import Request
from ..config import Settings
from ..events import Code, Event, Notes, Reasoning, Topic, Usage
from .base import Lesson, Params, families
from .common import scene_module, text_literal, title_code
from .composers import compose, compose_card
from .params import describe, extract, language
from .topics import SPECIALISTS, catalogue_key, topics
from .understand import Classifier, Match

BUILD_TIMEOUT_S = 25.0
CHUNK = 48  # characters per reasoning delta: small pieces, shown live like a model's stream


@dataclass
class Understanding:
    """What the engine made of one concept."""

    params: Params
    match: Match
    lesson: Lesson
    fallback_reason: str = ""  # set when the chosen family failed and a fallback built the lesson
    suggestions: list[str] = field(default_factory=list)  # the nearest topics' titles, when not recognised

    @property
    def topic(self) -> str | None:
        """The catalogue entry (or family without one) that was animated; None when nothing was recognised."""
        return catalogue_key(self.match.key) if self.match.recognised and self.match.key != "formula" else None


class _Composed:
    """A catalogue entry as something with build(params), so entries and families share the time limit."""

    def __init__(self, entry):
        self.entry = entry

    def build(self, p: Params) -> Lesson:
        return compose(self.entry, p)


_classifier: Classifier | None = None
_lock = threading.Lock()


def classifier(settings: Settings | None = None) -> Classifier:
    """One shared classifier per process (the embedding model is big and slow to load)."""
    global _classifier
    with _lock:
        if _classifier is None:
            _classifier = Classifier(cache_dir=(settings or Settings()).vectors_dir)
        return _classifier


def warm_vectors(settings: Settings | None = None) -> None:
    """Load the embedding model, encode the topics' phrases and train the learned head into the shared cache (a
    no-op when cached). `make test` runs it before the tests, so their processes read one file instead of waiting
    on one another; the app runs it at start."""
    c = classifier(settings)
    c.similarities("warm up")
    c.warm_head()


def suggestions(m: Match, zh: bool, n: int = 3) -> list[str]:
    """The titles of the `n` nearest topics (one click away in the UI)."""
    ts = topics()
    keys = [k for k, _ in m.ranked if k in ts and k != "formula"][:n]
    return [(ts[k].title_zh if zh and ts[k].title_zh else ts[k].title_en) for k in keys]


def _unrecognised_note(p: Params, near: list[str]) -> str:
    """Plain words: the request is not in the offline catalogue; what is shown instead; where to go."""
    if p.language == "zh":
        return (f"“{p.concept}”不在离线目录中，离线引擎不会用别的主题的动画冒充它。"
                + (f"最接近的主题：{'、'.join(near)}。" if near else "")
                + ("下面只讲解文中找到的公式。" if p.expr is not None else "")
                + "需要这个主题的动画，请改用模型后端（DeepSeek 或本地模型）。")
    return (f"“{p.concept}” is not in the offline catalogue, and the offline engine will not show another topic's "
            "animation in its place."
            + (f" Nearest topics: {', '.join(near)}." if near else "")
            + (" Below, only the formula found in it is explained." if p.expr is not None else "")
            + " For an animation of this topic, use a model backend (DeepSeek or the local model).")


def entry_lesson(entry, p: Params) -> Lesson:
    """The lesson a catalogue entry gets: its family's where a family animates it (SPECIALISTS), else its
    composer's."""
    return _builder(SPECIALISTS.get(entry.id, entry.id), p).build(p)


def _builder(key: str, p: Params):
    """What builds the lesson of topic `key`: its family (unless it does not draw this request), or its catalogue
    entry's composer."""
    t = topics()[key]
    if t.kind == "family" and (families()[key].draws(p) or t.entry is None):
        return families()[key]
    return _Composed(t.entry)


def understand(concept: str, settings: Settings | None = None) -> Understanding:
    """Extract parameters, pick a topic and build its lesson; an unrecognised request gets an honest card."""
    p = extract(concept)
    m = classifier(settings).classify(concept, p)
    if not m.recognised:
        near = suggestions(m, p.language == "zh")
        p.notes.insert(0, _unrecognised_note(p, near))
        lesson = build_with_timeout(families()["formula"], p) if p.expr is not None else not_in_catalogue(p, near)
        lesson.notes_md = _prepend_section(lesson.notes_md, p)
        return Understanding(p, m, lesson, "", near)
    try:
        return Understanding(p, m, build_with_timeout(_builder(m.key, p), p))
    except Exception as e:  # noqa: BLE001 - a builder bug must not sink the request: explain instead
        reason = f"{m.key} failed ({type(e).__name__}: {e})"
        p.notes.append(f"The {m.key} scene could not be built for this input; showing its formulas instead.")
        return Understanding(p, m, _same_topic_card(m.key, p), reason)


def _same_topic_card(key: str, p: Params) -> Lesson:
    """The formula card of the same topic (never another topic), or the plain-text scene."""
    entry = topics()[key].entry
    try:
        return compose_card(entry, p) if entry is not None else build_with_timeout(families()["formula"], p)
    except Exception:  # noqa: BLE001
        return safe_lesson(p)


def _build_child(fam, p: Params, conn) -> None:
    try:
        conn.send(("ok", fam.build(p)))
    except Exception as e:  # noqa: BLE001 - sent back to the parent, which decides
        conn.send(("error", f"{type(e).__name__}: {e}"))
    finally:
        conn.close()


def build_with_timeout(fam, p: Params, seconds: float = BUILD_TIMEOUT_S) -> Lesson:
    """fam.build(p) in a forked child with a time limit: sympy can take forever on some inputs.

    Where fork is unavailable, builds in-process. Raises TimeoutError or RuntimeError on failure.
    """
    if "fork" not in mp.get_all_start_methods():
        return fam.build(p)
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_build_child, args=(fam, p, child), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(seconds):
            raise TimeoutError(f"sympy took more than {seconds:.0f} s")
        status, value = parent.recv()
    except EOFError:
        raise RuntimeError("the build process died") from None
    finally:
        proc.kill() if proc.is_alive() else None
        proc.join(1)
        parent.close()
    if status != "ok":
        raise RuntimeError(value)
    return value


def _prepend_section(md: str, p: Params) -> str:
    """Put the 'what was (not) recognised' paragraph right after the notes' title."""
    head, _, rest = md.partition("\n\n")
    title = "识别说明" if p.language == "zh" else "What was recognised"
    return f"{head}\n\n## {title}\n\n{p.notes[0]}\n\n{rest}"


def safe_lesson(p: Params) -> Lesson:
    """The last resort: a scene with plain Text only (no LaTeX, no maths), which cannot fail to render."""
    title = " ".join(p.concept.split())[:48] or "?"
    body = textwrap.dedent(title_code(title)) + textwrap.dedent(f'''
        self.play(FadeIn(title), run_time=1)
        msg = Text({text_literal("This concept could not be animated offline." if p.language != "zh"
                                 else "此概念暂时无法离线生成动画。")}, font_size=30)
        self.play(Write(msg), run_time=1.5)
        self.wait(2)
        ''')
    md = f"# {title}\n\n{p.notes[0] if p.notes else ''}\n"
    return Lesson("formula", title, "SafeScene", scene_module("SafeScene", body), md, [f"Fallback scene for {title}"])


def not_in_catalogue(p: Params, near: list[str]) -> Lesson:
    """A plain-text card for a request the offline catalogue does not hold: it says so, names the nearest
    topics and points to the model backends. Plain Text only: it cannot fail to render."""
    zh = p.language == "zh"
    title = " ".join(p.concept.split())[:48] or "?"
    lines = ["不在离线目录中" if zh else "Not in the offline catalogue"]
    if near:
        lines.append(("最接近的主题：" if zh else "Nearest topics: ") + ("、" if zh else ", ").join(near))
    lines.append("请改用模型后端（DeepSeek 或本地模型）" if zh else "Try a model backend (DeepSeek or the local model)")
    body = textwrap.dedent(title_code(title)) + textwrap.dedent(f'''
        self.play(FadeIn(title), run_time=0.8)
        lines = VGroup(*[Text(s, font_size=28) for s in {lines!r}]).arrange(DOWN, buff=0.4)
        fit(lines, 12.5).next_to(title, DOWN, buff=0.8)
        self.play(FadeIn(lines, shift=0.2 * UP), run_time=1.2)
        self.wait(2)
        ''')
    md = f"# {title}\n\n{p.notes[0] if p.notes else ''}\n"
    return Lesson("none", title, "NotInCatalogueScene", scene_module("NotInCatalogueScene", body), md,
                  ["Nothing in the offline catalogue fits: an honest card instead of another topic's animation"])


def chunks(text: str, size: int = CHUNK) -> Iterator[str]:
    """Split text into small pieces at spaces where possible."""
    while text:
        cut = len(text) if len(text) <= size else (text.rfind(" ", 0, size) + 1 or size)
        yield text[:cut]
        text = text[cut:]


class OfflineBackend:
    """The default backend: no key, no network. Implements the Backend protocol."""

    name = "offline"
    trusted = True  # its scenes are generated from templates: the pipeline skips the model-oriented check

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()

    def warm_up(self) -> None:
        """Load the classifier's embedding model with one throwaway lesson (the engine renders nothing)."""
        for _ in self.stream(Request("derivative of x^2")):
            pass
        warm_vectors(self.settings)  # an alias decided that one: the topics' vectors may still be unencoded

    def stream(self, request: Request) -> Iterator[Event]:
        yield Reasoning(("修复：改用最简场景。\n" if _zh(request.concept) else
                         "Repair: falling back to the simplest scene.\n") if request.is_repair else "")
        if request.is_repair:
            lesson = safe_lesson(extract(request.concept))
            yield Code(lesson.code, final=True)
            yield Notes(lesson.notes_md, final=True)
            return
        u = understand(request.concept, self.settings)
        yield Topic(u.topic, u.match.recognised, tuple(u.suggestions))
        for line in self.reasoning_lines(u):
            for piece in chunks(line + "\n"):
                yield Reasoning(piece)
        yield from self._snapshots(u.lesson.code, Code, lines_per=12)
        yield from self._snapshots(u.lesson.notes_md, Notes, lines_per=6)
        yield Usage(0, 0)

    @staticmethod
    def _snapshots(text: str, kind, lines_per: int) -> Iterator[Event]:
        lines = text.splitlines(keepends=True)
        for i in range(lines_per, len(lines), lines_per):
            yield kind("".join(lines[:i]))
        yield kind(text, final=True)

    @staticmethod
    def reasoning_lines(u: Understanding) -> list[str]:
        """What was read, how it was classified, then the family's own lines (values and storyboard)."""
        zh = u.params.language == "zh"
        found = describe(u.params)
        m = u.match
        lines = [("读取：" if zh else "Reading: ") + u.params.concept,
                 ("提取到：" if zh else "Found: ") + ("; ".join(found) if found else ("无公式或数值" if zh else
                                                                                "no formula or numbers"))]
        how = {"alias": "alias match", "alias+embedding": "aliases and embedding similarity", "formula": "a bare formula",
               "embedding": "embedding similarity", "head": "the learned classifier (no name decided it)",
               "fallback": "no match"}[m.source]
        top = ", ".join(f"{k} {s:.2f}" for k, s in m.ranked[:3])
        if m.recognised:
            lines.append(f"Classified as '{m.key}' by {how}" + (f" (matched: {', '.join(m.matched)})" if m.matched
                                                                 else "") + (f"; candidates: {top}" if top else ""))
        else:
            lines.append("Not in the offline catalogue" + (f" (closest scores: {top})" if top else ""))
        lines += [n for n in u.params.notes if n]
        if u.fallback_reason:
            lines.append("Fallback: " + u.fallback_reason)
        own = list(u.lesson.reasoning)
        if not m.recognised:  # the family's "Recognised: …" line would contradict the note above
            own = [ln for ln in own if not ln.startswith(("Recognised:", "识别为："))]
        return lines + own


def _zh(text: str) -> bool:
    return language(text) == "zh"
