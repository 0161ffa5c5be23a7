"""The page layout: the Create tab (inputs, three live panes, the player and the downloads) and the History tab.

`build` places every component inside the current `gr.Blocks` and returns them by name in `Components`, which
the handlers read and write. The element ids (`elem_id`), labels and button texts are a contract: the browser
tests and bench/ui_latency.py find the page's parts by them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import gradio as gr

from .lesson_layout import lesson_button, lesson_inputs, lesson_panes
from .texts import EXAMPLES, HEADING, HISTORY_HEADERS, LATEX, PLACEHOLDER


@dataclass(frozen=True)
class Choices:
    """What the inputs offer: (label, value) pairs, the preselected values, the backend hint, the length limit."""

    backends: list[tuple[str, str]]
    backend_hint: str
    qualities: list[tuple[str, str]]
    quality: str
    formats: list[tuple[str, str]]
    format: str
    max_concept_chars: int
    backgrounds: list[tuple[str, str]] = field(default_factory=lambda: [("None (plain)", "none")])


def _slot() -> object:
    """A component field, set while the page is built (components exist only inside a Blocks context)."""
    return field(init=False)


@dataclass(eq=False, repr=False)
class Components:
    """Every component the handlers read or write, by name."""

    tabs: gr.Tabs = _slot()
    # Create tab: inputs
    concept: gr.Textbox = _slot()
    backend: gr.Radio = _slot()
    quality: gr.Radio = _slot()
    formats: gr.CheckboxGroup = _slot()
    background: gr.Dropdown = _slot()  # a procedural background, "image" (the upload) or "none"
    background_image: gr.Image = _slot()
    candidates: gr.Slider = _slot()  # model backends: best-of-N
    generate: gr.Button = _slot()
    lesson: gr.Checkbox = _slot()  # lessons (lesson_layout.py): the toggle, voice and language, the storyboard
    narration: gr.Dropdown = _slot()
    voice: gr.Textbox = _slot()
    language: gr.Radio = _slot()
    generate_lesson: gr.Button = _slot()
    lesson_box: gr.Accordion = _slot()
    storyboard: gr.Textbox = _slot()
    plan: gr.Button = _slot()
    render_board: gr.Button = _slot()
    scene_strip: gr.HTML = _slot()
    stop: gr.Button = _slot()
    # Create tab: what a job shows
    status: gr.Markdown = _slot()
    scores: gr.Markdown = _slot()  # best-of-N: each candidate's reward components and total
    suggestions: gr.Dataset = _slot()  # offline: the nearest topics when a request is not in the catalogue
    progress: gr.HTML = _slot()
    reasoning: gr.Textbox = _slot()
    code: gr.Code = _slot()
    rerender: gr.Button = _slot()
    notes: gr.Markdown = _slot()
    video: gr.Video = _slot()
    poster: gr.Image = _slot()
    downloads: gr.File = _slot()
    # History tab
    history_refresh: gr.Button = _slot()
    history_gallery: gr.Gallery = _slot()
    history_table: gr.Dataframe = _slot()
    history_message: gr.Markdown = _slot()
    gallery_ids: gr.State = _slot()  # the history id of each gallery item, in order
    table_ids: gr.State = _slot()  # the history id of each table row, in order

    def results(self) -> list[gr.components.Component]:
        """What a render changes: the status line, the candidates' scores, the progress bar, the player, the
        poster, the downloads."""
        return [self.status, self.scores, self.progress, self.video, self.poster, self.downloads]

    def panes(self) -> list[gr.components.Component]:
        """What a generation changes: the three text panes, the suggestions and the results."""
        return [self.reasoning, self.code, self.notes, self.suggestions, *self.results()]

    def starts(self) -> list[gr.components.Component]:
        """The buttons that start a job (Stop holds them off until its cancellation has gone through)."""
        return [self.generate, self.rerender, self.generate_lesson, self.plan, self.render_board]

    def history(self) -> list[gr.components.Component]:
        """The history lists: the gallery, the table and the ids behind them."""
        return [self.history_gallery, self.history_table, self.gallery_ids, self.table_ids]

    def reopened(self) -> list[gr.components.Component]:
        """What reopening a history entry changes: the inputs it had, its panes, the tab, the history message."""
        return [self.concept, self.quality, *self.panes(), self.tabs, self.history_message]


def build(choices: Choices) -> Components:
    """The page inside the current Blocks context; returns its components by name."""
    c = Components()
    gr.Markdown(HEADING)
    with gr.Tabs(elem_id="tabs") as c.tabs:
        with gr.Tab("Create", id="create"):
            _inputs(c, choices)
            c.status = gr.Markdown(elem_id="status")
            c.scores = gr.Markdown(elem_id="candidate_scores")
            c.suggestions = gr.Dataset(components=[c.concept], samples=[], visible=False, elem_id="suggestions",
                                       label="Not in the offline catalogue. Nearest topics (click one to use it):")
            c.progress = gr.HTML(elem_id="progress")
            lesson_panes(c)
            _text_panes(c)
            _media(c)
        with gr.Tab("History", id="history_tab"):
            _history(c)
    return c


def _inputs(c: Components, choices: Choices) -> None:
    with gr.Row():
        with gr.Column(scale=3):
            c.concept = gr.Textbox(label="Concept", lines=3, elem_id="concept", placeholder=PLACEHOLDER,
                                   info=f"Up to {choices.max_concept_chars} characters.")
            gr.Examples(EXAMPLES, inputs=[c.concept], label="Examples (English and 中文)")
        with gr.Column(scale=2):
            c.backend = gr.Radio(choices.backends, value=choices.backends[0][1], label="Backend",
                                 info=choices.backend_hint, elem_id="backend")
            c.quality = gr.Radio(choices.qualities, value=choices.quality, label="Quality", elem_id="quality")
            c.formats = gr.CheckboxGroup(choices.formats, value=[choices.format], label="Formats",
                                         elem_id="formats")
            _extras(c, choices)
            lesson_inputs(c)
            with gr.Row():
                c.generate = gr.Button("Generate", variant="primary", elem_id="generate")
                lesson_button(c)
                c.stop = gr.Button("Stop", variant="stop", elem_id="stop")


def _extras(c: Components, choices: Choices) -> None:
    """The background picker (a name, or "image" with the upload) and the number of candidates."""
    with gr.Accordion("Background and candidates", open=False):
        c.background = gr.Dropdown(choices.backgrounds, value="none", label="Background", elem_id="background",
                                   info="Composited under the scene; text is kept at WCAG 4.5:1 contrast")
        c.background_image = gr.Image(label="Background image (with 'Your image')", type="filepath",
                                      sources=["upload"], elem_id="background_image", height=120)
        c.candidates = gr.Slider(1, 4, value=1, step=1, label="Candidates (model backends: best of N)",
                                 elem_id="candidates")


def _text_panes(c: Components) -> None:
    with gr.Row(equal_height=False):
        with gr.Column(min_width=280):
            with gr.Accordion("Reasoning", open=True):
                c.reasoning = gr.Textbox(show_label=False, lines=20, max_lines=20, interactive=False,
                                         autoscroll=True, elem_id="reasoning")
        with gr.Column(min_width=320):
            c.code = gr.Code(language="python", label="Code (editable)", interactive=True, lines=20,
                             max_lines=20, elem_id="code")
            c.rerender = gr.Button("Render edited code", elem_id="rerender")
        with gr.Column(min_width=280):
            gr.Markdown("Study notes (Markdown with LaTeX)", elem_classes=["ma-pane-label"])
            c.notes = gr.Markdown(label="Study notes", show_label=True, latex_delimiters=LATEX, height=480,
                                  elem_id="notes", container=True)


def _media(c: Components) -> None:
    with gr.Row():
        c.video = gr.Video(label="Animation", elem_id="video", interactive=False, autoplay=True, loop=True)
        c.poster = gr.Image(label="Poster", elem_id="poster", interactive=False, type="filepath")
        c.downloads = gr.File(label="Downloads", file_count="multiple", elem_id="downloads", interactive=False)


def _history(c: Components) -> None:
    with gr.Column(elem_id="history"):
        c.history_refresh = gr.Button("Refresh", elem_id="history_refresh", size="sm")
        c.history_gallery = gr.Gallery(label="Posters (click to reopen)", columns=5, height=300,
                                       fit_columns=False, object_fit="contain", allow_preview=False,
                                       elem_id="history_gallery")
        c.history_table = gr.Dataframe(headers=HISTORY_HEADERS, interactive=False, elem_id="history_table",
                                       label="All generations (click to reopen)")
        c.history_message = gr.Markdown(elem_id="history_message")
    c.gallery_ids, c.table_ids = gr.State([]), gr.State([])
