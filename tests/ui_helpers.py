"""Helpers for the browser tests: a scripted backend, an app server in a subprocess, and Chromium.

Run as a script it serves the UI with the backends named in UI_BACKENDS (comma-separated):
`scripted` (the scripted backend below), `offline` (the real offline engine), `local` (the OpenAI-compatible
backend pointed at LOCAL_BASE_URL, e.g. tests/fake_openai.py). Settings come from the environment as usual.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
SLOW = "[slow]"  # a concept containing this gets a scene that takes minutes to render (for Stop)
BROKEN = "broken fraction"  # a concept containing this gets a formula that LaTeX cannot compile
INTEGRAL = r"\int_0^1 x^2\,dx = \frac{1}{3}"

SCENE = '''from manim import *


class Lesson(Scene):
    def construct(self):
        title = Text({title!r}, font_size=34).to_edge(UP)
        self.play(Write(title), run_time=0.6)
        formula = MathTex({tex!r}).scale(0.9)
        self.play(FadeIn(formula), run_time=0.5)
        square = Square(side_length=1.5, color=BLUE).next_to(formula, DOWN)
        self.play(Create(square), run_time={run_time})
        self.wait(0.3)
'''

NOTES = """# {title}

The area under $y = x^2$ from 0 to 1:

$$\\int_0^1 x^2\\,dx = \\frac{{1}}{{3}}$$

## Exercise
Compute $\\int_0^2 x\\,dx$. Answer: $2$.
"""


def scene_code(title: str, run_time: float = 0.8, tex: str = INTEGRAL) -> str:
    """A short real scene: the title as Text, one MathTex formula, a square drawn in `run_time` seconds."""
    return SCENE.format(title=title, run_time=run_time, tex=tex)


class ScriptedBackend:
    """A stand-in model: streams reasoning deltas, then growing code and notes snapshots, with small pauses."""

    name = "scripted"
    trusted = False

    def __init__(self, delay: float = 0.12):
        self.delay = delay

    def stream(self, request) -> Iterator:
        from mathanim.events import Code, Notes, Reasoning

        concept = request.concept
        for line in (f"Recognised: {concept}\n", "Plan: title, then the formula, then a square.\n",
                     "Shot 1: write the title.\n", "Shot 2: fade in the integral.\n"):
            yield Reasoning(line)
            time.sleep(self.delay)
        title = concept.replace(SLOW, "").strip()[:40] or "Lesson"
        code = scene_code(title, 240 if SLOW in concept else 0.8, r"x + \undefinedcmd{y}" if BROKEN in concept else INTEGRAL)
        lines = code.splitlines(keepends=True)
        for cut in (len(lines) // 3, 2 * len(lines) // 3):
            yield Code("".join(lines[:cut]))
            time.sleep(self.delay)
        yield Code(code, final=True)
        notes = NOTES.format(title=title)
        yield Notes(notes[: len(notes) // 2])
        time.sleep(self.delay)
        yield Notes(notes, final=True)


class TimedBackend:
    """Wraps a backend and appends the wall-clock time of each first streamed text to a JSON-lines file."""

    def __init__(self, inner, log: Path):
        self.inner, self.log, self.name = inner, log, inner.name
        self.trusted = getattr(inner, "trusted", False)

    def stream(self, request) -> Iterator:
        first = True
        for ev in self.inner.stream(request):
            text = getattr(ev, "text", "")
            if first and text.strip():
                with self.log.open("a") as f:
                    f.write(json.dumps({"t": time.time(), "text": text}) + "\n")
                first = False
            yield ev


def serve() -> None:
    """Serve the UI with the backends named in UI_BACKENDS (the script entry point)."""
    from mathanim import ui
    from mathanim.backends import get_backend
    from mathanim.config import Settings

    settings = Settings.load(dotenv=False)
    timing = os.environ.get("UI_TIMING_LOG")
    factories = {}
    for name in os.environ.get("UI_BACKENDS", "scripted").split(","):
        make = ScriptedBackend if name == "scripted" else (lambda n=name: get_backend(n, settings))
        factories[name] = (lambda m=make: TimedBackend(m(), Path(timing))) if timing else make
    ui.launch(settings, backends=factories)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """The app in a subprocess on a free port with its own media folder."""

    def __init__(self, media: Path, backends: str = "scripted", extra_env: dict | None = None,
                 script: str = "tests/ui_helpers.py"):
        self.media, self.script = media, script
        self.env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1",
                    "MATHANIM_MEDIA_DIR": str(media), "GRADIO_TEMP_DIR": str(media / "gradio"),
                    "UI_BACKENDS": backends, **(extra_env or {})}
        self.env.pop("GRADIO_SERVER_NAME", None)
        self.start()

    def start(self) -> None:
        """Start the app process on a fresh free port and wait until it serves the page."""
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = open(self.media.parent / f"server-{self.port}.log", "w")  # noqa: SIM115 - closed in stop()
        self.t0 = time.monotonic()
        self.proc = subprocess.Popen([sys.executable, self.script], cwd=ROOT,
                                     env={**self.env, "GRADIO_SERVER_PORT": str(self.port)}, stdout=self.log,
                                     stderr=subprocess.STDOUT)
        self.ready_s = self.wait_ready()
        self.cpu_s = self.cpu_seconds()

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the app process has used so far: the start-up cost without the wait
        for a busy machine's cores."""
        fields = (Path("/proc") / str(self.proc.pid) / "stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def restart(self) -> None:
        """Stop the app and start a new process on the same media folder (history, files) and settings."""
        self.stop()
        self.start()

    def wait_ready(self, timeout: float = 60) -> float:
        """Seconds until the page is served (GET / answers 200)."""
        while time.monotonic() - self.t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the app exited: {self.output()[-2000:]}")
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(self.url, timeout=2) as r:
                    if r.status == 200:
                        return time.monotonic() - self.t0
            time.sleep(0.05)
        raise TimeoutError(f"the app did not start: {self.output()[-2000:]}")

    def output(self) -> str:
        if not self.log.closed:
            self.log.flush()
        return Path(self.log.name).read_text(errors="replace")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    serve()
