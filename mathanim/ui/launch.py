"""Build the page and serve it: the launch options from the environment, the Blocks, the server."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from typing import Any

import gradio as gr

from ..backends.base import Backend
from ..config import Settings
from .handlers import App, Backends, choices, wire
from .layout import build as build_layout
from .texts import CSS, TITLE

TRUE, FALSE = ("1", "true", "yes"), ("0", "false", "no")


def launch_options(env: Mapping[str, str]) -> dict[str, Any]:
    """launch() arguments from the environment: 127.0.0.1 unless GRADIO_SERVER_NAME says otherwise,
    GRADIO_SERVER_PORT, and sharing / basic auth only when MATHANIM_SHARE / MATHANIM_AUTH ask for them."""
    opts: dict[str, Any] = {"server_name": env.get("GRADIO_SERVER_NAME") or "127.0.0.1",
                            "server_port": int(env.get("GRADIO_SERVER_PORT") or 7860),
                            "share": env.get("MATHANIM_SHARE", "").strip().lower() in TRUE}
    pairs = [p.split(":", 1) for p in env.get("MATHANIM_AUTH", "").split(",") if ":" in p]
    if pairs:
        opts["auth"] = [(u.strip(), pw) for u, pw in pairs]
    return opts


def build_ui(settings: Settings, backends: Mapping[str, Callable[[], Backend]] | None = None,
             auth: bool = False) -> gr.Blocks:
    """The Blocks page. `backends` (name -> factory) replaces the configured ones, e.g. in tests."""
    offered = Backends(settings, backends)
    # delete_cache: Gradio's served copies older than a day go (the originals stay in the session folders)
    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=(3600, 86400)) as demo:
        app = App(settings, offered, build_layout(choices(settings, offered)), auth)
        wire(demo, app)
    demo.mathanim = app  # for tests and scripts
    return demo


def launch(settings: Settings, env: Mapping[str, str] | None = None,
           backends: Mapping[str, Callable[[], Backend]] | None = None, **kwargs) -> gr.Blocks:
    """Build the page and serve it; blocks until the server stops unless prevent_thread_lock=True, in which
    case it returns the running Blocks (close it with .close())."""
    env = os.environ if env is None else env
    opts = {**launch_options(env), **kwargs}
    block = not opts.pop("prevent_thread_lock", False)
    demo = build_ui(settings, backends, auth=bool(opts.get("auth")))
    demo.queue(default_concurrency_limit=max(1, settings.render_concurrency), max_size=64)
    demo.launch(css=CSS, show_error=False, footer_links=[], prevent_thread_lock=True,
                blocked_paths=blocked_paths(settings), **opts)
    if env.get("MATHANIM_WARMUP", "1").strip().lower() not in FALSE:
        # the page is already served; the offline engine's imports and model load now happen in the background
        threading.Thread(target=demo.mathanim.warm_up, daemon=True).start()
    if block:
        demo.block_thread()
    return demo


def blocked_paths(settings: Settings) -> list[str]:
    """The media folders and the history database: never served, even by a mistake elsewhere (the files a
    session gets are copies in Gradio's cache)."""
    m = settings.media_dir.resolve()
    return [str(p) for p in (m / "sessions", m / "runs", m / "work", m / "cache", settings.db_path.resolve())]
