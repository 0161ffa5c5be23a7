"""The Gradio app: a concept in; reasoning, code and notes streaming live; a video, a poster and downloads out.

Modules: `texts` (what the page says), `layout` (the page and its named components), `view` (what the panes
show for one job), `handlers` (the event handlers and their wiring), `history`, `sessions`, `files`, `launch`.

Files: each browser session renders into its own folder under `media/sessions/<random token>/`; the media
folder is never an allowed path, so the only files the server hands out are the copies `files.serve` puts into
Gradio's cache for the session that asked for them (their URLs carry a keyed content hash).
"""

from __future__ import annotations

from ..backends import availability as backend_availability
from ..backends import reachable
from ..config import Settings
from .files import collect_files, file_stem, serve
from .handlers import App, Backends, Run
from .launch import build_ui, launch, launch_options
from .layout import Components
from .texts import clean_message, explain
from .view import Finished, View

__all__ = ["App", "Backends", "Components", "Finished", "Run", "Settings", "View", "backend_availability",
           "build_ui", "clean_message", "collect_files", "explain", "file_stem", "launch", "launch_options",
           "reachable", "serve"]
