"""UI latency: cold start of `python app.py` to a served page, and first streamed text on screen.

    .venv/bin/python bench/ui_latency.py [--starts 3] [--trials 5] [--backend scripted|offline]

Cold start: seconds from launching app.py (fresh process, empty media folder) until GET / answers 200.
First text: the backend is wrapped so the server logs the wall-clock time at which it yields its first text;
the page (headless Debian chromium) records the wall-clock time at which that text appears in the Reasoning
pane; both clocks are this machine's. Each trial presses Stop once the text is seen.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.ui_helpers import Server, launch_chromium  # noqa: E402

WATCH = """() => {
  window.__first = null;
  const t = setInterval(() => {
    const r = document.querySelector('#reasoning textarea');
    if (r && r.value.length > 0) { window.__first = Date.now() / 1000; clearInterval(t); }
  }, 5);
}"""


def cold_starts(n: int) -> list[tuple[float, float]]:
    """(wall seconds to a served page, CPU seconds the app used by then) for `n` fresh starts of app.py."""
    out = []
    for _ in range(n):
        with tempfile.TemporaryDirectory() as tmp:
            media = Path(tmp) / "media"
            media.mkdir()
            srv = Server(media, script="app.py")
            out.append((srv.ready_s, srv.cpu_s))
            srv.stop()
    return out


def first_text(n: int, backend: str) -> list[float]:
    """Seconds between the backend yielding its first text and that text being on screen, `n` times."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        media, log = Path(tmp) / "media", Path(tmp) / "first.jsonl"
        media.mkdir()
        srv = Server(media, backends=backend, extra_env={"UI_TIMING_LOG": str(log), "MATHANIM_WARMUP": "0"})
        lags = []
        try:
            with sync_playwright() as p:
                browser = launch_chromium(p)
                page = browser.new_page()
                for i in range(n):
                    lags.append(_one_trial(page, srv.url, log, i))
                browser.close()
        finally:
            srv.stop()
    return lags


def _one_trial(page, url: str, log: Path, i: int) -> float:
    page.goto(url)
    page.fill("#concept textarea", ["derivative of x^2", "勾股定理", "area of a circle", "binomial n=10",
                                    "unit circle"][i % 5])
    page.evaluate(WATCH)
    page.click("#generate")
    page.wait_for_function("window.__first !== null", timeout=120_000)
    shown = page.evaluate("window.__first")
    page.click("#stop")
    time.sleep(0.5)
    emitted = json.loads(log.read_text().splitlines()[i])["t"]
    return shown - emitted


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--starts", type=int, default=3)
    ap.add_argument("--trials", type=int, default=5)
    ap.add_argument("--backend", default="scripted", help="scripted (tests/ui_helpers.py) or offline")
    args = ap.parse_args()
    starts = cold_starts(args.starts)
    walls, cpus = [w for w, _ in starts], [c for _, c in starts]
    print(f"cold start to served page: median {statistics.median(walls):.2f} s wall, "
          f"{statistics.median(cpus):.2f} s CPU (runs: {', '.join(f'{w:.2f}/{c:.2f}' for w, c in starts)}; "
          f"load average {os.getloadavg()[0]:.1f})")
    lags = first_text(args.trials, args.backend)
    print(f"first streamed text on screen after the backend emitted it ({args.backend}): "
          f"median {statistics.median(lags) * 1000:.0f} ms, max {max(lags) * 1000:.0f} ms "
          f"(trials: {', '.join(f'{x * 1000:.0f}' for x in lags)} ms)")


if __name__ == "__main__":
    main()
