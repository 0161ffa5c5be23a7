"""The page's lesson view, folded from events: the storyboard text, one chip per scene with its state, and a
status line that names the missing scenes."""

from __future__ import annotations

from mathanim.events import SceneStatus, StoryboardUpdate
from mathanim.result import Result
from mathanim.ui.lesson import LessonView
from mathanim.ui.view import Finished


def test_scene_chips_follow_the_events_and_the_status_names_what_is_missing():
    view = LessonView()
    view.apply(StoryboardUpdate("## 1. A\n", ("A",)))
    for ev in (SceneStatus(0, "A", "queued"), SceneStatus(1, "B <b>", "queued"),
               SceneStatus(0, "A", "rendering", 1, 3, 0.5), SceneStatus(1, "B <b>", "retrying", 2, 3, message="x")):
        view.apply(ev)
    strip = view.strip_html()
    assert 'data-state="rendering"' in strip and "1. A · rendering · 50%" in strip
    assert "2. B &lt;b&gt; · retrying · try 2 of 3" in strip and 'title="x"' in strip
    assert view.board == "## 1. A\n" and view.shows_text
    res = Result(status="ok", seconds={"total": 12.0, "video": 9.5},
                 scenes=[{"index": 0, "title": "A", "status": "done"}, {"index": 1, "title": "B", "status": "failed"}])
    view.apply(Finished(res, {}, None))
    assert view.status_md() == "**Done** in 12.0 s · lesson of 1 scene(s), 9.5 s of video · **missing**: scene 2 (B)"
