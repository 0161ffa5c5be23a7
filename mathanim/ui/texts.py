"""What the page says to people: titles, example concepts, stage names, error advice per error kind, the CSS.

Plain data plus small functions that turn an error into words; nothing here imports Gradio or the pipeline.
"""

from __future__ import annotations

import re

from ..backends import REGISTRY

TITLE = "mathanim — concept to animation"
HEADING = "## mathanim — type a math or science concept, get an animation, its code and study notes"
PLACEHOLDER = "e.g. derivative of x^2 sin x · 勾股定理 · \\int_0^1 x^2\\,dx"
EXAMPLES = [
    "derivative of x^2 sin x",
    "Pythagorean theorem",
    "eigenvectors of [[2, 1], [1, 2]]",
    r"\int_0^1 x^2\,dx",
    "binomial distribution n=10, p=0.3",
    "勾股定理",
    "泰勒展开 e^x",
    "欧拉公式",
]
LATEX = [{"left": "$$", "right": "$$", "display": True}, {"left": "$", "right": "$", "display": False}]
HISTORY_HEADERS = ["id", "when (UTC)", "concept", "backend", "quality", "status", "seconds"]
STAGES = {"understand": "Understanding the concept", "generate": "Writing the scene",
          "continue": "Continuing a cut-off reply", "fix": "Fixing known slips", "check": "Checking the scene",
          "layout": "Checking the layout", "render": "Rendering", "convert": "Converting", "done": "Done"}
ADVICE = {
    "syntax": "The scene code has a syntax error{where}: {msg}. Fix it in the Code pane and press "
              "“Render edited code”, or press Generate to try again.",
    "refused": "The safety check refused the scene{where}: {msg}. Remove that part in the Code pane and press "
               "“Render edited code”.",
    "latex": "The LaTeX{where} failed: {msg}. Correct the formula in the Code pane and press “Render edited code”.",
    "runtime": "The scene stopped with an error{where}: {msg}. Fix it in the Code pane and press "
               "“Render edited code”, or press Generate to try again.",
    "timeout": "The render took too long: {msg}. Choose a lower quality or a shorter scene and try again.",
    "resources": "The render ran out of memory or disk space: {msg}. Choose a lower quality and try again.",
    "no_scene": "No animation scene was found: {msg}. The code needs exactly one class that extends Scene.",
    "backend": "The backend failed: {msg}. Check its key or server, or switch to the Offline backend.",
    "cancelled": "Stopped as you asked. The panes keep what was produced; press Generate to start again.",
    "usage": "{msg}.",
    "layout": "The layout check found problems: {msg}. Press Generate to try again, or move things in the Code pane.",
    "internal": "Something went wrong inside the app: {msg}. Please try again; if it happens again, report it "
                "with the concept you typed.",
}
STOPPED = "**Stopped**: " + ADVICE["cancelled"]
NO_CODE = "There is no code to render."
NO_QUALITY_OR_FORMAT = "Choose a quality and a format."
NO_FORMAT = "Choose at least one video format (MP4, GIF or WebM)."
NOT_FOUND = "The history entry was not found."
CSS = """
#reasoning textarea { color: var(--body-text-color-subdued) !important; opacity: 1 !important;
                      -webkit-text-fill-color: var(--body-text-color-subdued) !important; font-size: 0.85em; }
.ma-pane-label { font-size: var(--block-label-text-size); color: var(--block-label-text-color); }
#status { min-height: 1.6em; }
.ma-scenes { display: flex; flex-wrap: wrap; gap: 6px; }
.ma-scene { padding: 2px 8px; border-radius: 10px; font-size: 0.85em; background: var(--neutral-200); }
.ma-scene.ma-done { background: #c8ecd0; } .ma-scene.ma-failed { background: #f6c9c9; }
.ma-scene.ma-rendering, .ma-scene.ma-retrying { background: #fde9b6; }
.ma-progress { height: 8px; border-radius: 4px; background: var(--neutral-200); overflow: hidden; }
.ma-bar { height: 100%; background: var(--color-accent); transition: width 0.2s; }
.ma-progress-label { font-size: 0.8em; color: var(--body-text-color-subdued); }
#downloads .label-clear-button { display: none; }  /* results are read-only */
"""


def explain(kind: str, message: str, line: int | None = None) -> str:
    """An error in plain words with what to do next; never a stack trace."""
    msg = clean_message(message)
    where = f" in line {line}" if line else ""
    return ADVICE.get(kind, ADVICE["internal"]).format(msg=msg, where=where)


def hint_words(hint: str) -> str:
    """The API hint of an error (the real signature, the closest names), as a sentence to append; '' if none."""
    return f" Hint from manim's API: {clean_message(hint, 700)}." if hint else ""


def clean_message(message: object, limit: int = 400) -> str:
    """The first meaningful part of an error message, without any traceback."""
    text = str(message or "").split("Traceback (most recent call last)")[0].strip()
    text = re.sub(r"\s+", " ", text).rstrip(".")
    return (text[: limit - 1] + "…") if len(text) > limit else (text or "no details")


def backend_label(name: str) -> str:
    """The name people see for backend `name` (from the backend registry)."""
    return REGISTRY[name].label if name in REGISTRY else name
