"""Fast checks of the UI's logic without a browser: launch options, backend availability, plain-words errors,
the pane view, the downloads bundle, and the handlers as plain generators."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from mathanim import ui
from mathanim.events import Code, Error, Notes, Progress, Reasoning, Status
from mathanim.result import Result


def test_launch_options_are_private_by_default():
    assert ui.launch_options({}) == {"server_name": "127.0.0.1", "server_port": 7860, "share": False}
    opts = ui.launch_options({"GRADIO_SERVER_NAME": "0.0.0.0", "GRADIO_SERVER_PORT": "9001",
                              "MATHANIM_SHARE": "1", "MATHANIM_AUTH": "ann:pw1, bob:p:w2"})
    assert opts == {"server_name": "0.0.0.0", "server_port": 9001, "share": True,
                    "auth": [("ann", "pw1"), ("bob", "p:w2")]}


def test_model_backends_only_when_configured(settings):
    with socket.socket() as s:  # a port where nothing listens
        s.bind(("127.0.0.1", 0))
        dead = s.getsockname()[1]
    plain = settings.with_(local_base_url=ui.Settings().local_base_url.replace("8000", str(dead)))
    reasons = ui.backend_availability(plain)
    assert reasons["offline"] == ""
    assert "DEEPSEEK_API_KEY" in reasons["deepseek"]
    keyed = settings.with_(deepseek_api_key="sk-test", local_base_url="http://gpu-box:8000/v1")
    assert ui.backend_availability(keyed) == {"offline": "", "deepseek": "", "local": ""}
    backends = ui.Backends(settings.with_(deepseek_api_key=""))
    assert "deepseek" not in backends.available and "DEEPSEEK_API_KEY" in backends.hint()
    with pytest.raises(ValueError, match="DEEPSEEK_API_KEY"):
        backends.get("deepseek")


def test_local_server_probe():
    with socket.socket() as srv:
        srv.bind(("127.0.0.1", 0))
        srv.listen()
        assert ui.reachable(f"http://127.0.0.1:{srv.getsockname()[1]}/v1")
        port = srv.getsockname()[1]
    assert not ui.reachable(f"http://127.0.0.1:{port}/v1")


def test_errors_are_plain_words_with_a_next_step():
    text = ui.explain("latex", "Undefined control sequence \\undefinedcmd", 12)
    assert text.startswith("The LaTeX in line 12 failed: Undefined control sequence")
    assert "Render edited code" in text
    raw = 'boom\nTraceback (most recent call last):\n  File "x.py", line 3, in f\nValueError: no'
    assert "Traceback" not in ui.explain("internal", raw) and "File" not in ui.explain("internal", raw)
    assert "Offline" in ui.explain("backend", "HTTP 401")
    assert ui.explain("unknown-kind", "x").startswith("Something went wrong inside the app")
    assert len(ui.clean_message("y" * 5000)) <= 400


def test_view_folds_events_into_panes_and_status():
    view = ui.View()
    for ev in (Status("generate", "writing", 1, 3), Reasoning("a"), Reasoning("b"), Code("x = 1"),
               Notes("# N"), Status("fix", "ShowCreation → Create"), Status("check"), Status("render", "", 1, 3),
               Progress(0.42, "animation 2 of 3")):
        view.apply(ev)
    assert (view.reasoning, view.code, view.notes) == ("ab", "x = 1", "# N")
    status = view.status_md()
    assert status.startswith("**Rendering…** · attempt 1 of 3") and "ShowCreation → Create" in status
    assert 'aria-valuenow="42"' in view.progress_html() and "animation 2 of 3" in view.progress_html()
    view.apply(Error("latex", "bad", 4))
    assert "The LaTeX in line 4 failed" in view.status_md()


def test_collect_files_names_and_zip(tmp_path: Path):
    out = tmp_path / "run"
    out.mkdir()
    for name in ("animation.mp4", "animation.gif", "scene.py", "notes.md", "animation.png", "reasoning.txt"):
        (out / name).write_text(name)
    res = Result(status="ok", concept="勾股定理 a^2+b^2", formats=["mp4", "gif"],
                 videos={"mp4": str(out / "animation.mp4"), "gif": str(out / "animation.gif")},
                 poster=str(out / "animation.png"), code=str(out / "scene.py"), notes_md=str(out / "notes.md"),
                 reasoning=str(out / "reasoning.txt"))
    files = ui.collect_files(res, out)
    stem = "勾股定理-a-2-b-2"
    assert Path(files["mp4"]).name == f"{stem}.mp4" and Path(files["notes_md"]).name == f"{stem}-notes.md"
    with zipfile.ZipFile(files["zip"]) as zf:
        assert sorted(zf.namelist()) == sorted(Path(p).name for k, p in files.items() if k != "zip")
        assert zf.read(f"{stem}.py") == b"scene.py"


def page(settings, auth: bool = False) -> ui.App:
    """The handlers of a page built with a scripted backend (the page's components are `app.c`)."""
    return ui.build_ui(settings, {"scripted": lambda: None}, auth=auth).mathanim


def test_generate_handler_reports_usage_problems_without_running_anything(settings):
    app = page(settings.with_(max_concept_chars=10))
    req = SimpleNamespace(session_hash="s1", username=None)
    *_, last = list(app.generate("far too long a concept", "scripted", "low", ["mp4"], req))
    assert "limit is 10" in last[app.c.status] and last[app.c.video] is None
    *_, last = list(app.generate("ok", "scripted", "low", [], req))
    assert "Choose at least one video format" in last[app.c.status]
    *_, last = list(app.generate("ok", "nope", "low", ["mp4"], req))
    assert "Choose a backend" in last[app.c.status]
    assert not (settings.media_dir / "sessions").exists()  # nothing was started


def test_rerender_handler_updates_only_the_results(settings):
    app = page(settings)
    req = SimpleNamespace(session_hash="r1", username=None)
    *_, last = list(app.rerender("   ", "low", ["mp4"], req))
    assert set(last) == set(app.c.results()) and "There is no code to render" in last[app.c.status]
    *_, last = list(app.rerender("x = 1", "low", [], req))
    assert "Choose a quality and a format" in last[app.c.status]


def test_history_is_per_user_when_auth_is_on(settings):
    app = page(settings, auth=True)
    app.store.add(concept="ann's", backend="scripted", preset="low", status="error", owner="ann")
    app.store.add(concept="bob's", backend="scripted", preset="low", status="error", owner="bob")
    lists = app.history(SimpleNamespace(session_hash="a", username="ann"))
    assert [r[2] for r in lists[app.c.history_table]] == ["ann's"]
    ids = lists[app.c.table_ids]
    shown = app.open_entry(ids[0], SimpleNamespace(session_hash="b", username="bob"))
    assert shown == {app.c.history_message: "The history entry was not found."}
    reopened = app.open_entry(ids[0], SimpleNamespace(session_hash="a", username="ann"))
    assert reopened[app.c.concept] == "ann's" and reopened[app.c.history_message] == ""
    shared = page(settings)
    assert len(shared.history(SimpleNamespace(session_hash="c", username=None))[shared.c.history_table]) == 2


def test_a_failing_worker_ends_in_plain_words(settings):
    def broken_events():
        yield Reasoning("thinking")
        raise RuntimeError("disk full\nTraceback (most recent call last):\n  File 'x'")

    app = page(settings)
    run = app._start(SimpleNamespace(session_hash="w", username=None), "a concept", "low", ["mp4"])
    *_, last = list(app._stream(broken_events(), ui.View(), run))
    assert last.reasoning == "thinking"
    status = last.status_md()
    assert status.startswith("**Could not finish**: Something went wrong inside the app: disk full")
    assert "Traceback" not in status and run.session.idle.is_set()


def test_after_stop_the_job_s_late_updates_leave_the_panes_alone(settings):
    """A stopped job can take seconds to end (its render is being killed); meanwhile the person may edit the
    code. CI saw the job's late updates put the old code back over the edit, so "Render edited code" rendered
    the old scene. After Stop, the job's updates carry the status and the result, never the text panes."""
    app = page(settings)
    run = app._start(SimpleNamespace(session_hash="st", username=None), "a concept", "low", ["mp4"])

    def events():
        yield Code("old scene, streamed before Stop")
        while not run.cancel.is_set():
            time.sleep(0.02)
        yield Code("old scene, sent while the job ends")
        yield Status("render", "ending")

    view, shown = ui.View(), []
    for v in app._stream(events(), view, run):
        values = v.values(app.c)
        shown.append(values)
        if app.c.code in values and not run.cancel.is_set():
            run.cancel.set()  # the person presses Stop once the code is on screen
    before = [s for s in shown if app.c.code in s]
    assert before and before[0][app.c.code] == "old scene, streamed before Stop"
    after = shown[len(before):]
    assert after and all(app.c.code not in s and app.c.reasoning not in s for s in after)
    assert app.c.status in after[-1] and app.c.downloads in after[-1]  # the end still shows


def test_page_keeps_its_element_ids(settings):
    """The element ids, labels and button texts are what the browser tests and bench/ui_latency.py use."""
    demo = ui.build_ui(settings, {"scripted": lambda: None})
    ids = {b.elem_id for b in demo.blocks.values() if getattr(b, "elem_id", None)}
    assert ids >= {"tabs", "concept", "backend", "quality", "formats", "generate", "stop", "status", "progress",
                   "reasoning", "code", "rerender", "notes", "video", "poster", "downloads", "history",
                   "history_refresh", "history_gallery", "history_table", "history_message"}
    buttons = {b.value for b in demo.blocks.values() if type(b).__name__ == "Button"}
    assert buttons == {"Generate", "Stop", "Render edited code", "Refresh",
                       "Generate lesson", "Plan storyboard", "Render storyboard"}  # the lesson mode (ui/lesson.py)
    c = demo.mathanim.c
    labels = [c.concept.label, c.backend.label, c.quality.label, c.formats.label, c.code.label, c.video.label,
              c.poster.label, c.downloads.label]
    assert labels == ["Concept", "Backend", "Quality", "Formats", "Code (editable)", "Animation", "Poster",
                      "Downloads"]


def test_building_the_page_defers_heavy_imports(tmp_path: Path):
    """A cold start imports gradio but none of manim, sympy, openai, torch or the embedding model."""
    code = ("import sys; from mathanim.config import Settings; from mathanim import ui; "
            f"ui.build_ui(Settings.load(env={{'MATHANIM_MEDIA_DIR': {str(tmp_path)!r}}}, dotenv=False)); "
            "print(sorted(m for m in ('manim', 'sympy', 'openai', 'torch', 'sentence_transformers', "
            "'transformers', 'mathanim.offline.engine') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "GRADIO_ANALYTICS_ENABLED": "False"}, cwd=Path(__file__).parent.parent)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_gif_only_result_shows_the_gif_as_the_picture(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(ui.view, "serve", lambda p: f"served:{Path(p).name}" if p else None)
    view = ui.View()
    files = {"gif": str(tmp_path / "a.gif"), "py": str(tmp_path / "a.py"), "zip": str(tmp_path / "a.zip")}
    view.finished = ui.Finished(Result(status="ok", formats=["gif"]), files, 1)
    video, picture, downloads = view.media()
    assert video is None and picture == "served:a.gif"
    assert downloads == ["served:a.gif", "served:a.py", "served:a.zip"]


def test_preview_shows_in_the_poster_area_once_until_the_video_comes(tmp_path):
    from PIL import Image

    from mathanim.events import Preview
    from mathanim.ui import View
    from mathanim.ui.layout import Components

    frame = tmp_path / "preview.png"
    Image.new("RGB", (8, 8)).save(frame)
    c = Components.__new__(Components)  # only the attribute names matter to View.values
    for name in ("status", "progress", "reasoning", "code", "notes", "video", "poster", "downloads"):
        setattr(c, name, name)
    view = View()
    assert "poster" not in view.values(c)
    view.apply(Preview(str(frame), 1.2))
    first = view.values(c)
    assert first["poster"] and Path(first["poster"]).read_bytes() == frame.read_bytes()
    assert "poster" not in view.values(c)  # sent once; the page keeps it
