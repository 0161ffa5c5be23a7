"""End-to-end tests of the Gradio app in headless Chromium (Debian's chromium, driven by Playwright).

The app runs in a subprocess on a free port with its own media folder; scenes render for real through the
sandbox at quality "low". Most tests use the scripted backend of tests/ui_helpers.py; one goes through the
OpenAI-compatible backend against tests/fake_openai.py, one through the real offline engine.

The tests check what happened (the element shown, the error kind, the render process gone, the files served);
their timeouts only guard against a hang. How fast things happen is measured in bench/ui_latency.py.
Without Chromium or Playwright the module is skipped locally; under CI (CI set) that fails the run instead.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import threading
import time
import zipfile
from pathlib import Path

import pytest

from tests.ui_helpers import (
    CHROMIUM,
    NOTES,
    SLOW,
    ScriptedBackend,
    Server,
    free_port,
    launch_chromium,
    scene_code,
)


def require(available: bool, tool: str) -> None:
    """Skip this module when `tool` is missing; under CI a missing tool fails the run instead."""
    if available:
        return
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false"):
        pytest.fail(f"{tool} is required under CI", pytrace=False)
    pytest.skip(f"needs {tool}", allow_module_level=True)


try:
    from playwright import sync_api
except ImportError:
    sync_api = None

require(Path(CHROMIUM).exists(), f"Debian's chromium ({CHROMIUM})")
require(sync_api is not None, "playwright (the Python package)")

PROBE = """() => {
  const r = document.querySelector('#reasoning textarea');
  const c = document.querySelector('#code .cm-content');
  const n = document.querySelector('#notes');
  const v = document.querySelector('#video video');
  return {reasoning: r ? r.value : '', code: c ? c.innerText : '', notes: n ? n.innerText : '',
          video: v ? (v.getAttribute('src') || '') : '', status: document.querySelector('#status').innerText};
}"""
# Records when each pane first shows text, and when the video first gets a source, in page time.
WATCH = """() => {
  window.__seen = {};
  const probe = PROBE_FN;
  window.__watch = setInterval(() => {
    const s = probe();
    const got = {reasoning: s.reasoning.length > 0, code: s.code.includes('from manim'),
                 notes: s.notes.includes('area under'), video: s.video.length > 0};
    for (const k in got) if (got[k] && !(k in window.__seen)) window.__seen[k] = performance.now();
  }, 20);
}""".replace("PROBE_FN", PROBE)
PLAY = """async () => {
  const v = document.querySelector('#video video');
  v.muted = true;
  await v.play();
  await new Promise(r => setTimeout(r, 700));
  return {time: v.currentTime, width: v.videoWidth, height: v.videoHeight, ready: v.readyState,
          error: v.error ? v.error.code : null};
}"""


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


@pytest.fixture(scope="module")
def fake():
    """The local OpenAI-compatible test server the `local` backend talks to; tests append scripted replies."""
    from tests.fake_openai import FakeOpenAI

    with FakeOpenAI([]) as srv:
        yield srv


@pytest.fixture(scope="module")
def server(tmp_path_factory, fake):
    """One app for the module (restarted once by the history test), with the scripted, local and offline
    backends; the offline engine loads on first use (no warm-up) so it does not slow the other tests."""
    media = tmp_path_factory.mktemp("ui") / "media"
    media.mkdir()
    s = Server(media, backends="scripted,local,offline", extra_env={
        "MATHANIM_MAX_ROUNDS": "1", "MATHANIM_MAX_CONCEPT_CHARS": "300", "MATHANIM_RENDER_CONCURRENCY": "2",
        "MATHANIM_WARMUP": "0", "LOCAL_BASE_URL": fake.base_url, "LOCAL_MODEL": "lora"})
    yield s
    s.stop()


def new_page(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    return ctx.new_page()


def start(page, url: str, concept: str, formats: tuple[str, ...] = (), backend: str = "scripted") -> None:
    """Open the app, type `concept`, pick the backend, tick extra formats, press Generate."""
    page.goto(url)
    page.fill("#concept textarea", concept)
    page.locator("#backend label", has_text=backend).click()
    for label in formats:
        page.locator("#formats label", has_text=label).click()
    page.click("#generate")


def wait_status(page, pattern: str, timeout: float = 60) -> str:
    """Wait until the status line matches `pattern`; returns the status text."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        text = page.inner_text("#status")
        if re.search(pattern, text):
            return text
        time.sleep(0.1)
    raise AssertionError(f"status never matched {pattern!r}; last: {text!r}")


def wait_video(page, timeout_ms: int) -> None:
    """Wait for the player to get a video; a timeout says what the status line showed instead."""
    try:
        page.wait_for_selector("#video video[src]", timeout=timeout_ms)
    except sync_api.TimeoutError:
        raise AssertionError(f"no video; the status line: {page.inner_text('#status')!r}") from None


def downloads(page) -> dict[str, bytes]:
    """Every download link of the page fetched over HTTP in the page's own session: name -> bytes."""
    out = {}
    for link in page.locator("#downloads a[download]").all():
        resp = page.request.get(link.get_attribute("href"))
        assert resp.ok, f"{link.get_attribute('download')}: HTTP {resp.status}"
        out[link.get_attribute("download")] = resp.body()
    return out


def ffprobe_bytes(data: bytes, tmp: Path, name: str) -> dict:
    path = tmp / name
    path.write_bytes(data)
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                          "stream=codec_name,width,height:format=duration", "-of", "default=nw=1", str(path)],
                         capture_output=True, text=True)
    assert out.returncode == 0, f"{name} is not a valid video: {out.stderr}"
    return dict(line.split("=", 1) for line in out.stdout.split())


def render_children(media: Path) -> list[int]:
    """Processes whose working folder is inside this app's render work folder (the sandboxed manim)."""
    work, found = str(media / "work"), []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if os.readlink(proc / "cwd").startswith(work):
                    found.append(int(proc.name))
            except OSError:
                continue
    return found


def sandbox_children(server: Server) -> int:
    """How many sandboxed render processes of this app run now: the app's direct children in its work folder
    (a fork made inside a render, e.g. for LaTeX, briefly shows the same command line but another parent)."""
    count = 0
    for pid in render_children(server.media):
        try:
            stat = (Path("/proc") / str(pid) / "stat").read_text()
        except OSError:
            continue
        count += int(stat.rsplit(")", 1)[1].split()[1]) == server.proc.pid
    return count


def check_downloads(files: dict[str, bytes], stem: str, formats: list[str], tmp: Path) -> None:
    """Each chosen video format is a real video, the .py and notes are there, the zip unpacks."""
    for fmt in formats:
        info = ffprobe_bytes(files[f"{stem}.{fmt}"], tmp, f"{stem}.{fmt}")
        assert info["codec_name"] == {"mp4": "h264", "gif": "gif", "webm": "vp9"}[fmt]
        assert float(info["duration"]) > 1.0
    assert files[f"{stem}.py"].decode().startswith("from manim import *")
    assert b"$$" in files[f"{stem}-notes.md"]
    assert files[f"{stem}-notes.pdf"].startswith(b"%PDF")
    with zipfile.ZipFile(io.BytesIO(files[f"{stem}.zip"])) as zf:
        assert zf.testzip() is None
        names = set(zf.namelist())
    assert {f"{stem}.{f}" for f in formats} | {f"{stem}.py", f"{stem}-notes.md", f"{stem}-notes.pdf"} <= names


def test_generate_streams_then_plays_and_downloads(server, browser, tmp_path):
    assert server.proc.poll() is None  # the app serves the page (its start-up time: bench/ui_latency.py)
    page = new_page(browser)
    start(page, server.url, "area under a parabola", formats=("GIF", "WebM"))
    page.evaluate(WATCH)
    page.wait_for_selector("#video video[src]", timeout=90_000)
    seen = page.evaluate("window.__seen")
    assert {"reasoning", "code", "notes", "video"} <= set(seen), seen
    assert max(seen["reasoning"], seen["code"], seen["notes"]) < seen["video"], seen
    status = wait_status(page, r"^Done")
    assert "854x480@30" in status
    state = page.evaluate(PROBE)
    assert "Recognised: area under a parabola" in state["reasoning"]
    assert page.locator("#notes .katex").count() >= 2  # the LaTeX is rendered as math
    played = page.evaluate(PLAY)
    assert played["error"] is None and played["time"] > 0.2 and (played["width"], played["height"]) == (854, 480)
    assert page.locator("#poster img").count() == 1
    check_downloads(downloads(page), "area-under-a-parabola", ["mp4", "gif", "webm"], tmp_path)
    page.context.close()


def test_media_folder_is_never_served(server, browser):
    """Files are served only from the cache copies handed to a session, never from the media folder."""
    page = new_page(browser)
    page.goto(server.url)
    page.get_by_role("tab", name="History").click()  # the history database exists once the page has loaded
    db = server.media / "history.sqlite3"
    page.wait_for_selector("#history_table")
    targets = [db, *list((server.media / "sessions").rglob("*.py"))[:3]]  # session files of earlier tests
    assert db.is_file()
    for path in targets:
        assert page.request.get(f"{server.url}gradio_api/file={path}").status == 403, path
    page.context.close()


def listening_addresses(port: int) -> set[str]:
    """Local IPv4 addresses (hex, as in /proc/net/tcp) with a listening socket on `port`."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        addr, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:
            found.add(addr)
    return found


def test_binds_to_localhost_by_default(server):
    assert listening_addresses(server.port) == {"0100007F"}  # 127.0.0.1, not 0.0.0.0


def test_basic_auth_is_opt_in_and_enforced(browser, settings):
    """Served in this process (gradio is imported already), so it costs no second cold start."""
    from mathanim import ui

    port = free_port()
    env = {"MATHANIM_AUTH": "ann:s3cret", "GRADIO_SERVER_PORT": str(port), "MATHANIM_WARMUP": "0"}
    demo = ui.launch(settings, env=env, backends={"scripted": ScriptedBackend}, prevent_thread_lock=True,
                     quiet=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        page = new_page(browser)
        assert page.request.get(f"{url}config").status == 401
        wrong = page.request.post(f"{url}login", form={"username": "ann", "password": "wrong"})
        assert wrong.status >= 400
        page.goto(url)
        page.fill("input[type=text]", "ann")
        page.fill("input[type=password]", "s3cret")
        page.keyboard.press("Enter")
        page.wait_for_selector("#concept textarea", timeout=30_000)
        page.context.close()
    finally:
        demo.close()


def test_errors_in_plain_words_and_panes_keep_output(server, browser):
    page = new_page(browser)
    start(page, server.url, "x" * 301)
    status = wait_status(page, r"Could not finish")
    assert "301 characters" in status and "limit is 300" in status
    start(page, server.url, "a formula with a broken fraction \\frac{1}{")
    status = wait_status(page, r"Could not finish")
    assert re.search(r"The LaTeX in line \d+ failed", status), status
    assert "Traceback" not in status and "File \"" not in status
    state = page.evaluate(PROBE)
    assert "class Lesson" in state["code"] and "area under" in state["notes"]  # what was produced stays
    page.context.close()


def edit_code(page, code: str, marker: str) -> None:
    """Replace the Code pane's text the way a person would: select all, then type over it. Under load the click
    can land before the editor takes focus (then the keys go nowhere), so a person's second try is allowed."""
    shown = f"document.querySelector('#code .cm-content').innerText.includes({marker!r})"
    for attempt in range(3):
        page.click("#code .cm-content")
        page.keyboard.press("Control+A")
        page.keyboard.insert_text(code)
        try:
            page.wait_for_function(shown, timeout=10_000)
            return
        except sync_api.TimeoutError:
            if attempt == 2:
                raise


def test_stop_kills_the_render_then_edited_code_renders(server, browser, tmp_path):
    page = new_page(browser)
    concept = f"{SLOW} spinning square"
    start(page, server.url, concept)
    end = time.monotonic() + 60
    while not render_children(server.media) and time.monotonic() < end:
        time.sleep(0.1)
    assert render_children(server.media), "the render never started"
    page.wait_for_function("+(document.querySelector('#progress [role=progressbar]')"
                           "?.getAttribute('aria-valuenow') || 0) >= 1", timeout=30_000)
    page.click("#stop")
    assert "Stopped as you asked" in wait_status(page, r"Stopped")
    end = time.monotonic() + 60  # a hang guard: the render is killed, not waited for (it would take minutes)
    while render_children(server.media) and time.monotonic() < end:
        time.sleep(0.1)
    assert not render_children(server.media), "the render process survived Stop"
    assert page.locator("#video video[src]").count() == 0
    assert "run_time=240" in page.evaluate(PROBE)["code"]  # the pane keeps the code
    edited = scene_code("EDITED by hand", 0.5)
    edit_code(page, edited, "EDITED by hand")
    page.locator("#concept textarea").click()  # leave the editor, as a person does, so the page sends its text
    page.wait_for_selector("#rerender:enabled", timeout=30_000)  # Stop's backstop has fired: the job is over
    assert "EDITED by hand" in page.evaluate(PROBE)["code"]  # the stopped job's late updates left the edit alone
    page.click("#rerender")
    wait_video(page, 60_000)
    wait_status(page, r"^Done")
    assert page.evaluate(PLAY)["error"] is None
    # the stopped run listed its code (and no video) for download; the new run's list comes with its video
    page.wait_for_selector("#downloads a[download='slow-spinning-square.mp4']", state="attached", timeout=30_000)
    files = downloads(page)
    assert files["slow-spinning-square.py"].decode().strip() == edited.strip()
    probe = ffprobe_bytes(files["slow-spinning-square.mp4"], tmp_path, "edited.mp4")
    assert float(probe["duration"]) < 10  # the edited scene (about 2 s), not the 240 s one
    page.context.close()


def test_a_job_started_right_after_stop_is_not_cancelled_by_it(server, browser):
    """Stop's backstop (cancels=) fires after the stopped job has had its moment to end itself; a job started
    before it fired was cancelled with it (CI saw an edited render never arrive). The start buttons are now off
    from the Stop click until the backstop has fired, and a job started after that renders."""
    page = new_page(browser)
    start(page, server.url, "held circle")
    page.wait_for_function("document.querySelector('#code .cm-content').innerText.includes('self.wait')",
                           timeout=30_000)
    page.click("#stop")
    page.wait_for_selector("#rerender:disabled", timeout=10_000)
    page.click("#rerender", timeout=30_000)  # a click waits while the button is off
    wait_video(page, 90_000)
    wait_status(page, r"^Done")
    assert page.evaluate(PLAY)["error"] is None
    assert page.locator("#generate:disabled").count() == 0
    page.context.close()


def test_four_concurrent_sessions_each_get_their_own_result(server, browser):
    concepts = ["alpha circle", "beta circle", "gamma circle", "delta circle"]
    pages = [new_page(browser) for _ in concepts]
    peak, stop = [0], threading.Event()

    def sample():  # the queue lets at most MATHANIM_RENDER_CONCURRENCY=2 jobs run, so at most 2 renders
        while not stop.is_set():
            peak[0] = max(peak[0], sandbox_children(server))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        for page, concept in zip(pages, concepts, strict=True):
            start(page, server.url, concept)
        for page in pages:
            page.wait_for_selector("#video video[src]", timeout=120_000)
    finally:
        stop.set()
        sampler.join()
    assert 1 <= peak[0] <= 2, peak
    srcs = set()
    for page, concept in zip(pages, concepts, strict=True):
        state = page.evaluate(PROBE)
        assert f"Recognised: {concept}" in state["reasoning"]
        assert repr(concept) in state["code"] and not any(repr(c) in state["code"] for c in concepts if c != concept)
        py = downloads(page)[f"{concept.replace(' ', '-')}.py"].decode()
        assert repr(concept) in py
        srcs.add(state["video"])
    assert len(srcs) == 4  # four different videos
    folders = {run.parent for c in concepts for run in (server.media / "sessions").glob(f"*/*-{c.replace(' ', '-')}")}
    assert len(folders) == 4  # each session rendered into its own folder
    for page in pages:
        page.context.close()


def test_local_model_backend_against_the_fake_openai_server(server, browser, fake):
    from tests.fake_openai import Reply, reply_chunks

    code = scene_code("from the model", 0.5)
    content = f"The integral is $\\int_0^1 x^2\\,dx$.\n\n```python\n{code}```\n\n{NOTES.format(title='Model notes')}"
    fake.script.append(Reply(chunks=reply_chunks(content, reasoning="Thinking about the area under x squared.",
                                                 style="vllm")))
    page = new_page(browser)
    start(page, server.url, "area under x squared", backend="Local model")
    page.wait_for_selector("#video video[src]", timeout=90_000)
    state = page.evaluate(PROBE)
    assert "Thinking about the area" in state["reasoning"]
    assert "'from the model'" in state["code"] and "Model notes" in state["notes"]
    assert page.evaluate(PLAY)["error"] is None
    page.context.close()
    request = fake.requests[-1]
    assert request["body"]["model"] == "lora" and request["body"].get("stream") is True
    assert "area under x squared" in str(request["body"]["messages"])


def test_stop_during_a_stalled_model_stream(server, browser, fake):
    """A model that stops sending mid-reply: Stop frees the page while the reply still stalls, and the page
    keeps the streamed text."""
    from tests.fake_openai import Reply, chunk

    # the stall outlasts the test (the fake server ends it at teardown): "Stopped" cannot come from its end
    fake.script.append(Reply(chunks=[chunk({"reasoning": "Half a thought about limits"})], mode="stall",
                             stall_s=600))
    page = new_page(browser)
    start(page, server.url, "limit of sin x over x", backend="Local model")
    page.wait_for_function("document.querySelector('#reasoning textarea').value.includes('Half a thought')",
                           timeout=30_000)
    page.click("#stop")
    assert "Stopped as you asked" in wait_status(page, r"Stopped")
    assert "Half a thought" in page.evaluate(PROBE)["reasoning"]
    page.context.close()


def test_offline_engine_in_the_browser(server, browser):
    page = new_page(browser)
    start(page, server.url, "derivative of x^2", backend="Offline")
    page.wait_for_selector("#video video[src]", timeout=150_000)
    state = page.evaluate(PROBE)
    assert state["reasoning"].strip() and "from manim import" in state["code"] and state["notes"].strip()
    assert page.evaluate(PLAY)["error"] is None
    page.context.close()


def test_history_survives_a_restart_and_reopens(server, browser):
    """Last in the module: restarts the app on the same media folder and reopens an earlier result."""
    page = new_page(browser)
    start(page, server.url, "history of a square")
    page.wait_for_selector("#video video[src]", timeout=90_000)
    server.restart()
    page.goto(server.url)
    page.get_by_role("tab", name="History").click()
    item = page.locator("#history_gallery button", has_text="history of a square")
    item.wait_for(timeout=60_000)
    assert "history of a square" in page.inner_text("#history_table")
    item.click()
    page.wait_for_selector("#video video[src]", timeout=60_000)
    state = page.evaluate(PROBE)
    assert "'history of a square'" in state["code"] and "Recognised: history of a square" in state["reasoning"]
    assert page.input_value("#concept textarea") == "history of a square"
    assert page.evaluate(PLAY)["error"] is None
    assert any(name.endswith(".zip") for name in downloads(page))
    page.fill("#concept textarea", "")
    page.get_by_role("tab", name="History").click()  # the table reopens entries too
    page.locator("#history_table [role=gridcell]", has_text="history of a square").first.click()
    page.wait_for_function("document.querySelector('#concept textarea').value === 'history of a square'",
                           timeout=60_000)
    page.context.close()



LABELS = """() => {
  window.__labels = [];
  setInterval(() => {
    const l = document.querySelector('.ma-progress-label');
    if (l && !window.__labels.includes(l.innerText)) window.__labels.push(l.innerText);
  }, 50);
}"""


def test_one_generation_on_celery_workers(browser, tmp_path):
    """The same generation with MATHANIM_RENDER_BROKER set: a real Redis and one Celery worker render it."""
    from conftest import require

    from mathanim.executor.cluster import LocalCluster

    require("redis-server")
    media = tmp_path / "media"
    media.mkdir()
    with LocalCluster(media, visibility_s=120, logs=tmp_path) as cluster:
        cluster.start_redis()
        cluster.start_worker("uiworker")
        env = {k: v for k, v in cluster.env().items() if k.startswith("MATHANIM_")}
        app = Server(media, backends="scripted", extra_env={**env, "MATHANIM_MAX_ROUNDS": "1", "MATHANIM_WARMUP": "0"})
        try:
            cluster.wait_ready()
            page = new_page(browser)
            start(page, app.url, "area under a parabola")
            page.evaluate(LABELS)
            page.wait_for_selector("#video video[src]", timeout=120_000)
            wait_status(page, r"^Done")
            labels = page.evaluate("window.__labels")
            assert any(re.search(r"animation \d+ of \d+ on uiworker@", t) for t in labels), labels
            assert page.evaluate(PLAY)["error"] is None
            page.context.close()
        finally:
            app.stop()
    assert "mathanim.sandbox" in (tmp_path / "uiworker.log").read_text()  # the worker ran the tasks
