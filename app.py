"""Start the web app: `python app.py` (or `make run`), then open http://127.0.0.1:7860.

Environment: GRADIO_SERVER_NAME / GRADIO_SERVER_PORT (default 127.0.0.1:7860), MATHANIM_SHARE=1 for a public
Gradio link, MATHANIM_AUTH=user:password[,user2:password2] for basic auth; the rest comes from .env (see
mathanim/config.py).
"""

from __future__ import annotations

import os

# Before gradio is imported: no analytics or hub look-ups, so the app starts with no network at all.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def main() -> None:
    """Read the settings, keep Gradio's file cache inside the media folder, build and serve the page."""
    from mathanim.config import Settings, environment

    env = environment()  # .env is read into memory only: keys never sit in os.environ
    settings = Settings.load(env)
    # Gradio serves only files in its cache; keeping that cache under media/ keeps it private to this app.
    os.environ.setdefault("GRADIO_TEMP_DIR", str(settings.media_dir / "gradio"))
    from mathanim import ui  # imports gradio (the slow part of a cold start); backends load on first use

    ui.launch(settings, env)


if __name__ == "__main__":
    main()
