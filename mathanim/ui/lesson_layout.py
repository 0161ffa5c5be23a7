"""The lesson parts of the page: the Lesson toggle with voice and language choices, the "Generate lesson"
button, the storyboard pane (editable before rendering) and the per-scene status strip. Element ids are a
contract (the browser tests find them): lesson, narration, voice, language, generate_lesson, storyboard, plan,
render_storyboard, scene_strip."""

from __future__ import annotations

import gradio as gr

NARRATIONS = [("Automatic (Piper for English, espeak-ng otherwise)", "auto"), ("Piper (neural, offline)", "piper"),
              ("espeak-ng (offline, many languages)", "espeak"), ("OpenAI-compatible endpoint", "openai"),
              ("None (subtitles only)", "none")]
LANGUAGES = [("From the concept", "auto"), ("English", "en"), ("中文", "zh")]


def lesson_inputs(c) -> None:
    """The Lesson toggle and its voice and language choices."""
    with gr.Accordion("Lesson (narrated, several scenes)", open=False):
        c.lesson = gr.Checkbox(label="Lesson: a storyboard of 3-8 narrated scenes with subtitles", value=False,
                               elem_id="lesson")
        c.narration = gr.Dropdown(NARRATIONS, value="auto", label="Narration", elem_id="narration")
        c.voice = gr.Textbox(label="Voice", placeholder="optional: a Piper .onnx path, an espeak or OpenAI voice name",
                             elem_id="voice")
        c.language = gr.Radio(LANGUAGES, value="auto", label="Language", elem_id="language")


def lesson_button(c) -> None:
    """Shown instead of Generate while the Lesson toggle is on."""
    c.generate_lesson = gr.Button("Generate lesson", variant="primary", visible=False, elem_id="generate_lesson")


def lesson_panes(c) -> None:
    """The storyboard pane with its two buttons, and the per-scene status strip."""
    with gr.Accordion("Storyboard (lessons; edit it, then render it)", open=True, visible=False) as c.lesson_box:
        c.storyboard = gr.Textbox(show_label=False, lines=14, max_lines=30, interactive=True, elem_id="storyboard",
                                  placeholder="Plan a storyboard, or Generate lesson: its scenes appear here")
        with gr.Row():
            c.plan = gr.Button("Plan storyboard", elem_id="plan", size="sm")
            c.render_board = gr.Button("Render storyboard", elem_id="render_storyboard", size="sm")
        c.scene_strip = gr.HTML(elem_id="scene_strip")
