"""The page's lesson mode: Generate lesson (storyboard streamed into its pane, then the scenes with a status
strip), Plan storyboard (the storyboard only, to edit), Render storyboard (the edited text), and the finished
lesson in the player with its captions track. Jobs go through the App's own session, queue, history and
downloads (App._start, _stream, _finish)."""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass, field

import gradio as gr

from ..events import SceneStatus, StoryboardUpdate
from ..job import Job
from ..lesson.context import LessonJob, language_of
from ..speech import voice_spec
from .files import serve
from .view import View, refused

NO_BOARD = "The storyboard is empty: press Plan storyboard (or Generate lesson), edit it, then Render storyboard."


@dataclass
class LessonView(View):
    """A View that also holds the storyboard text and each scene's state."""

    board: str = ""
    scenes: dict[int, SceneStatus] = field(default_factory=dict)

    def apply(self, ev) -> None:
        if isinstance(ev, StoryboardUpdate):
            self.board = ev.text
        elif isinstance(ev, SceneStatus):
            self.scenes[ev.index] = ev
        else:
            super().apply(ev)

    @property
    def shows_text(self) -> bool:  # batch the many scene updates (at most ~20 page updates a second)
        return bool(self.board) or super().shows_text

    def strip_html(self) -> str:
        """One chip per scene: its number, title, state, attempt and render progress."""
        chips = []
        for i in sorted(self.scenes):
            s = self.scenes[i]
            extra = f" · try {s.attempt} of {s.of}" if s.attempt > 1 else ""
            extra += f" · {round(s.fraction * 100)}%" if s.state == "rendering" and s.fraction else ""
            tip = f' title="{html.escape(s.message)}"' if s.message else ""
            chips.append(f'<span class="ma-scene ma-{s.state}" data-state="{s.state}"{tip}>{i + 1}. '
                         f"{html.escape(s.title)} · {s.state}{extra}</span>")
        return f'<div class="ma-scenes">{" ".join(chips)}</div>' if chips else ""

    def status_md(self) -> str:
        res = self.finished.result if self.finished else None
        if res is None or not res.ok or not res.scenes:
            return super().status_md()
        done = sum(s["status"] == "done" for s in res.scenes)
        lost = [f"{s['index'] + 1} ({s['title']})" for s in res.scenes if s["status"] != "done"]
        missing = f" · **missing**: scene {', '.join(lost)}" if lost else ""
        return (f"**Done** in {res.seconds.get('total', 0):.1f} s · lesson of {done} scene(s), "
                f"{res.seconds.get('video', 0):.1f} s of video{missing}")

    def values(self, c, clear: bool = False, text: bool = True) -> dict:
        shown = super().values(c, clear, text=False)
        shown |= {c.storyboard: self.board, c.scene_strip: self.strip_html()} if self.board or clear else {}
        if clear:  # a lesson streams no code: the panes of an earlier single scene are emptied
            shown |= {c.reasoning: "", c.code: "", c.notes: ""}
        if self.finished:  # offline, not recognised: the nearest topics, one click away (as for single scenes)
            near = self.finished.result.suggestions
            shown[c.suggestions] = gr.Dataset(samples=[[s] for s in near], visible=bool(near))
        if self.finished and self.finished.result.ok and self.finished.result.notes_md:
            shown[c.notes] = _read(self.finished.result.notes_md)
        if self.finished and self.finished.result.subtitles.get("vtt"):
            video, _, _ = self.media()
            shown[c.video] = gr.Video(value=video, subtitles=serve(self.finished.result.subtitles["vtt"]))
        return shown


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read()


@dataclass(frozen=True)
class Choice:
    """The lesson inputs of the page."""

    narration: str
    voice: str
    language: str

    def spec(self, text: str, settings):
        """The VoiceSpec (ValueError in plain words for a missing voice file, an unusable endpoint...)."""
        language = language_of(text) if self.language in ("", "auto", None) else self.language
        engine = None if self.narration in ("", "auto", None) else self.narration
        return voice_spec(engine, self.voice or None, language, settings)


@dataclass(frozen=True)
class Ask:
    """One lesson request from the page."""

    concept: str
    backend: str
    quality: str
    formats: list[str]
    choice: Choice
    board: str | None = None


class LessonHandlers:
    """The lesson handlers, on top of the App (its settings, backends, sessions, history)."""

    def __init__(self, app):
        self.app = app

    def _refuse(self, concept: str, problem: str, view: LessonView) -> dict:
        view.finished = refused(concept, "usage", problem)
        return view.values(self.app.c)

    def _checked(self, concept: str, backend: str, quality: str, formats: list[str], choice: Choice):
        """(backend instance, VoiceSpec, '') when the inputs are usable, else (None, None, the problem)."""
        problem = self.app.check_input(concept, backend, quality, formats)
        engine, problem = (None, problem) if problem else self.app._engine(backend)
        if problem:
            return None, None, problem
        try:
            return engine, choice.spec(concept, self.app.settings), ""
        except ValueError as e:  # a missing voice file, an unusable endpoint: said in plain words
            return None, None, str(e)

    def _run(self, ask: Ask, request: gr.Request) -> Iterator[dict]:
        view = LessonView(board=ask.board or "")
        yield view.values(self.app.c, clear=True)
        engine, spec, problem = self._checked(ask.concept, ask.backend, ask.quality, ask.formats, ask.choice)
        if problem:
            yield self._refuse(ask.concept, problem, view)
            return
        from ..lesson.run import generate_lesson  # loads the offline engine's helpers (sympy): not at page build

        run = self.app._start(request, ask.concept, ask.quality, ask.formats, prefix="lesson-")
        job = Job.make(self.app.settings, run.quality, run.formats, run.folder, cancel=run.cancel)
        events = generate_lesson(ask.concept.strip(), engine, LessonJob(job, spec, board_text=ask.board))
        for shown in self.app._stream(events, view, run):
            yield shown.values(self.app.c)

    def generate(self, concept, backend, quality, formats, request: gr.Request, *voice) -> Iterator[dict]:
        """Generate lesson: the storyboard streams into its pane, then every scene renders.
        voice: the narration engine, voice and language choices."""
        yield from self._run(Ask(concept, backend, quality, formats, Choice(*voice[:3])), request)

    def render_board(self, concept, backend, quality, formats, request: gr.Request, *rest) -> Iterator[dict]:
        """Render storyboard: the pane's (edited) text as the lesson; unchanged scenes come from the cache.
        rest: the narration engine, voice and language choices, then the storyboard text."""
        board = rest[3] if len(rest) > 3 else ""
        if not (board or "").strip():
            yield self._refuse(concept, NO_BOARD, LessonView())
            return
        yield from self._run(Ask(concept, backend, quality, formats, Choice(*rest[:3]), board), request)

    def plan(self, concept, backend, narration, voice, language, request: gr.Request) -> Iterator[dict]:
        """Plan storyboard: only the storyboard, streamed into its pane, to edit before rendering."""
        c = self.app.c
        engine, spec, problem = self._checked(concept, backend, "low", ["mp4"], Choice(narration, voice, language))
        if problem:
            yield {c.status: self._refuse(concept, problem, LessonView())[c.status]}
            return
        from ..lesson.run import plan_lesson

        run = self.app._start(request, concept, "low", ["mp4"], prefix="plan-")
        lj = LessonJob(Job.make(self.app.settings, cancel=run.cancel, out_dir=run.folder), spec)
        for ev in plan_lesson(concept.strip(), engine, lj):
            if isinstance(ev, StoryboardUpdate):
                yield {c.storyboard: ev.text, c.status: "**Storyboard…** " + " · ".join(ev.titles)}
            elif getattr(ev, "result", None) is not None and not ev.result.ok:
                yield {c.status: self._refuse(concept, ev.result.error.get("message", ""), LessonView())[c.status]}
            elif getattr(ev, "result", None) is not None:
                yield {c.status: "**Storyboard ready**: edit it, then press Render storyboard"}


def wire_lesson(app) -> None:
    """Connect the lesson controls: the toggle, Generate lesson, Plan and Render storyboard, Stop."""
    c, lh, limit = app.c, LessonHandlers(app), max(1, app.settings.render_concurrency)
    toggle = lambda on: (gr.update(visible=not on), gr.update(visible=on), gr.update(visible=on))  # noqa: E731
    c.lesson.change(toggle, c.lesson, [c.generate, c.generate_lesson, c.lesson_box], queue=False)
    choice = [c.narration, c.voice, c.language]
    outputs = [*c.panes(), c.storyboard, c.scene_strip]
    asked = [c.concept, c.backend, c.quality, c.formats, *choice]
    gen = c.generate_lesson.click(lh.generate, asked, outputs, concurrency_limit=limit, concurrency_id="render",
                                  show_progress="hidden")
    again = c.render_board.click(lh.render_board, [*asked, c.storyboard], outputs, concurrency_limit=limit,
                                 concurrency_id="render", show_progress="hidden")
    plan = c.plan.click(lh.plan, [c.concept, c.backend, *choice], [c.storyboard, c.status], show_progress="hidden")
    c.stop.click(None, None, None, cancels=[gen, again, plan], queue=False)
    for done in (gen, again):
        done.then(app.history, None, c.history(), show_progress="hidden")
