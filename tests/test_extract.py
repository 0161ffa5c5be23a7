"""Incremental extraction of code and notes from a streamed reply, and <think> splitting across deltas."""

from __future__ import annotations

import random

from mathanim.extract import ReplySplitter, ThinkSplitter, split_reply

SCENE = "from manim import *\n\n\nclass A(Scene):\n    def construct(self):\n        self.wait(1)\n"
REPLY = f"## Key formulas\n$$f'(x) = 2x$$\n\n```python\n{SCENE}```\n\n## Notes\nThe slope is $2x$.\n"


def feed_all(text: str, sizes=(1, 2, 3, 5, 8, 13)) -> tuple[ReplySplitter, list[str], list[str]]:
    sp, codes, notes, i, rnd = ReplySplitter(), [], [], 0, random.Random(7)
    while i < len(text):
        n = rnd.choice(sizes)
        code_changed, notes_changed = sp.feed(text[i:i + n])
        i += n
        if code_changed:
            codes.append(sp.code)
        if notes_changed:
            notes.append(sp.notes)
    return sp, codes, notes


def test_code_and_notes_from_a_whole_reply():
    code, notes = split_reply(REPLY)
    assert code == SCENE
    assert notes.startswith("## Key formulas") and "The slope is $2x$." in notes and "```" not in notes


def test_incremental_snapshots_grow_and_show_the_open_block():
    sp, codes, notes = feed_all(REPLY)
    assert (sp.code, sp.notes) == split_reply(REPLY)
    assert len(codes) > 10  # the code pane updates while the block is still open
    assert all("`" not in c for c in codes), "a partial closing fence leaked into the code"
    assert all(SCENE.startswith(c[:-1]) for c in codes)  # each snapshot is a prefix of the scene
    assert any(n.startswith("## Key formulas") for n in notes) and notes[-1].endswith("$2x$.")


def test_open_block_at_the_end_is_reported():
    sp = ReplySplitter()
    sp.feed("Intro\n```python\nfrom manim import *\nclass A(Scene):\n    def constr")
    assert sp.code_open and sp.code.endswith("def constr\n") and sp.notes == "Intro"
    sp.feed("uct(self):\n        pass\n```\n")
    assert not sp.code_open


def test_several_blocks_choose_the_scene():
    text = ("Install with\n```bash\npip install manim\n```\nA helper:\n```python\ndef f(x):\n    return x\n```\n"
            f"The scene:\n```python\n{SCENE}```\nRun it with ```manim -ql```.\n")
    code, notes = split_reply(text)
    assert code == SCENE
    assert "pip install manim" in notes and "def f(x)" in notes


def test_later_scene_block_wins_and_untagged_fence_is_accepted():
    first = SCENE.replace("class A", "class Draft")
    text = f"```python\n{first}```\nOops, corrected:\n```\n{SCENE}```\n"
    assert split_reply(text)[0] == SCENE


def test_no_block_at_all():
    assert split_reply("I cannot draw that, but here is the idea: $e^{i\\pi}=-1$.") == (
        "", "I cannot draw that, but here is the idea: $e^{i\\pi}=-1$.")
    code, notes = split_reply(SCENE)  # bare code without a fence
    assert code == SCENE and notes == ""


def test_tildes_and_snippet_after_scene():
    text = f"~~~python\n{SCENE}~~~\nTry also:\n```python\nself.wait(2)\n```\n"
    sp, _, _ = feed_all(text)
    assert sp.code == SCENE and "self.wait(2)" in sp.notes


def test_think_tags_split_across_deltas():
    text = "<think>Plan: draw a parabola.</think>\nHere it is."
    for n in (1, 2, 3, 7):
        ts, r, c = ThinkSplitter(), "", ""
        for i in range(0, len(text), n):
            dr, dc = ts.feed(text[i:i + n])
            r, c = r + dr, c + dc
        dr, dc = ts.flush()
        assert (r + dr, c + dc) == ("Plan: draw a parabola.", "\nHere it is."), n


def test_unclosed_think_is_reasoning_and_a_lone_angle_bracket_is_content():
    ts = ThinkSplitter()
    assert ts.feed("a < b and <thi") == ("", "a < b and ")
    assert ts.feed("nk>still thinking") == ("still thinking", "")
    assert ts.flush() == ("", "")


def test_orphan_close_tag_turns_earlier_content_into_reasoning():
    text = "Let me plan the scene.\nFirst the axes.</think>\n\nThe answer."
    for n in (1, 4, 9):
        ts, r, c = ThinkSplitter(), "", ""
        for i in range(0, len(text), n):
            dr, dc = ts.feed(text[i:i + n])
            if ts.retract:
                c = ""
            r, c = r + dr, c + dc
        dr, dc = ts.flush()
        assert (r + dr, c + dc) == ("Let me plan the scene.\nFirst the axes.", "\n\nThe answer."), n


def test_close_tag_after_a_think_block_is_not_an_orphan():
    ts = ThinkSplitter()
    assert ts.feed("<think>a</think>b") == ("a", "b")
    assert ts.feed(" and </think> in text") == ("", " and </think> in text") and not ts.retract
