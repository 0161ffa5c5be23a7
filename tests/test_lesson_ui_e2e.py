"""A narrated lesson made in the browser (headless Debian Chromium driven by Playwright, the app in a
subprocess with the real offline engine): Lesson toggle, Plan storyboard, the storyboard edited in its pane,
Render storyboard, the per-scene strip, the player with a captions track, and valid downloads (video with
sound, subtitles, lesson notes, zip)."""

from __future__ import annotations

import io
import json
import subprocess
import time
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from mathanim.lesson.board_text import from_text, to_text
from mathanim.ui.files import file_stem
from tests.test_ui_e2e import downloads, new_page, require, wait_status
from tests.ui_helpers import CHROMIUM, Server, launch_chromium

try:
    from playwright import sync_api
except ImportError:
    sync_api = None

require(Path(CHROMIUM).exists(), f"Debian's chromium ({CHROMIUM})")
require(sync_api is not None, "playwright (the Python package)")

CONCEPT = "a^2 + b^2 = c^2"  # recognised without the embedding model: the app starts its engine quickly


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    media = tmp_path_factory.mktemp("lesson-ui") / "media"
    media.mkdir()
    s = Server(media, backends="offline", extra_env={"MATHANIM_RENDER_CONCURRENCY": "2", "MATHANIM_WARMUP": "0"})
    yield s
    s.stop()


def shortened(text: str) -> str:
    """The planned storyboard cut to 3 scenes of one short sentence each (what a person might do in the pane)."""
    board = from_text(text)
    keep = [replace(s, narration=(" ".join(s.narration[0].split()[:6]) + ".",), on_screen=s.on_screen[:1])
            for s in board.scenes]
    return to_text(board.with_scenes([keep[0], keep[1], keep[-1]]))


def wait_value(page, selector: str, needle: str, timeout: float = 120) -> str:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = page.input_value(selector)
        if needle in value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"{selector} never contained {needle!r}")


def streams(data: bytes, tmp: Path) -> dict:
    path = tmp / "lesson.mp4"
    path.write_bytes(data)
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "stream=codec_type,codec_name",
                          "-of", "json", str(path)], capture_output=True, text=True, check=True).stdout
    return {s["codec_type"]: s["codec_name"] for s in json.loads(out)["streams"]}


def test_a_lesson_planned_edited_and_rendered_in_the_browser(server, tmp_path):
    with sync_api.sync_playwright() as p:
        browser = launch_chromium(p)
        page = new_page(browser)
        page.goto(server.url)
        page.fill("#concept textarea", CONCEPT)
        page.locator("#backend label", has_text="offline").click()
        page.get_by_text("Lesson (narrated, several scenes)").click()
        page.locator("#lesson input[type=checkbox]").check()
        page.wait_for_selector("#generate_lesson", state="visible")
        assert not page.locator("#generate").is_visible()
        page.click("#plan")
        planned = wait_value(page, "#storyboard textarea", "## 5. Summary")
        assert "## 3. Worked example" in planned and "Narration:" in planned
        page.fill("#storyboard textarea", shortened(planned))
        page.click("#render_storyboard")
        status = wait_status(page, r"^(Done in|Could not)", timeout=300)
        assert status.startswith("Done") and "lesson of 3 scene(s)" in status, status
        chips = page.locator("#scene_strip .ma-scene")
        assert chips.count() == 3 and all(chips.nth(i).get_attribute("data-state") == "done" for i in range(3))
        track = page.locator("#video video track")
        assert track.count() == 1
        captions = page.request.get(track.get_attribute("src"))
        assert captions.ok and captions.text().startswith("WEBVTT") and "right triangle" in captions.text()
        files = downloads(page)
        browser.close()
    stem = file_stem(CONCEPT)
    found = streams(files[f"{stem}.mp4"], tmp_path)
    assert (found["video"], found["audio"]) == ("h264", "aac")  # (and a data stream: the chapters)
    assert files[f"{stem}.vtt"].startswith(b"WEBVTT") and b"-->" in files[f"{stem}.srt"]
    assert b"## 1. Definition" in files[f"{stem}-notes.md"] and files[f"{stem}-notes.pdf"].startswith(b"%PDF")
    with zipfile.ZipFile(io.BytesIO(files[f"{stem}.zip"])) as zf:
        assert zf.testzip() is None
        names = set(zf.namelist())
    assert {f"{stem}.mp4", f"{stem}.srt", f"{stem}.vtt", f"{stem}-notes.md", f"{stem}-storyboard.txt"} <= names
