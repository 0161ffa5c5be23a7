"""The lesson storyboard: a model's JSON validated with errors that say where, the editable text and back,
the partial scenes of a reply still streaming, speakable narration, and offline scene code timed to cues."""

from __future__ import annotations

import ast
import json

import pytest

from mathanim.lesson.board_text import from_text, to_text
from mathanim.lesson.offline_scene import narrated_scene, step_times
from mathanim.lesson.speakable import display_text, spoken
from mathanim.lesson.storyboard import StoryboardError, StoryScene, parse_json, partial_scenes


def board_json(n: int = 3, **changes) -> dict:
    scenes = [{"title": f"Step {i}", "goal": f"goal {i}", "narration": [f"Sentence {i}a.", f"Sentence {i}b."],
               "on_screen": [f"picture {i}"], "formulas": ["a^2 + b^2 = c^2"]} for i in range(1, n + 1)]
    return {"title": "Pythagoras", "language": "en", "scenes": scenes, **changes}


def test_a_model_storyboard_in_a_fence_parses():
    reply = "Here is the plan.\n```json\n" + json.dumps(board_json(4)) + "\n```\nEnjoy."
    board = parse_json(reply)
    assert board.title == "Pythagoras" and len(board.scenes) == 4
    assert board.scenes[1] == StoryScene("Step 2", "goal 2", ("Sentence 2a.", "Sentence 2b."), ("picture 2",),
                                         ("a^2 + b^2 = c^2",))


def test_narration_given_as_one_string_is_split_into_sentences():
    raw = board_json()
    raw["scenes"][0]["narration"] = "First we draw. Then we measure! 然后计算。最后总结。"
    assert parse_json(json.dumps(raw)).scenes[0].narration == ("First we draw.", "Then we measure!", "然后计算。",
                                                                "最后总结。")


@pytest.mark.parametrize("change, message", [
    (lambda b: b["scenes"].pop(), "has 2 scene(s); a lesson has 3 to 8"),
    (lambda b: b["scenes"].extend(b["scenes"] * 2), "has 9 scene(s)"),
    (lambda b: b["scenes"][1].pop("title"), "scene 2 has no title"),
    (lambda b: b["scenes"][2].update(narration=[]), "scene 3 (Step 3) has no narration"),
    (lambda b: b["scenes"][0].update(formulas="x" * 3 and 5), "scene 1: 'formulas' must be a list of strings"),
    (lambda b: b["scenes"][0].update(narration=["x" * 500]), "a narration sentence is 500 characters long"),
    (lambda b: b.pop("scenes"), "needs a 'scenes' list"),
])
def test_a_bad_storyboard_names_the_scene_and_field(change, message):
    raw = board_json()
    change(raw)
    with pytest.raises(StoryboardError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_json(json.dumps(raw))


def test_broken_json_and_no_json_are_clear_errors():
    with pytest.raises(StoryboardError, match="not valid JSON.*line 1"):
        parse_json('{"title": "x", "scenes": [}')
    with pytest.raises(StoryboardError, match="no JSON object"):
        parse_json("I cannot help with that.")


def test_the_editable_text_round_trips_and_keeps_offline_code():
    board = parse_json(json.dumps(board_json()))
    board = board.with_scenes([board.scenes[0], board.scenes[1].__class__(**{**board.scenes[1].__dict__,
                                                                            "code": "class S: pass"}), board.scenes[2]])
    text = to_text(board)
    assert "## 2. Step 2" in text and "Narration:\n- Sentence 2a." in text
    assert from_text(text, board) == board
    edited = text.replace("- Sentence 1b.\n", "- A new sentence.\n").replace("## 3. Step 3", "## 3. Recap")
    again = from_text(edited, board)
    assert again.scenes[0].narration == ("Sentence 1a.", "A new sentence.")
    assert again.scenes[1].code == "class S: pass"  # unchanged title: keeps what the text does not show
    assert again.scenes[2].title == "Recap" and again.scenes[2].code == ""


@pytest.mark.parametrize("text, message", [
    ("Lesson: x\n## 1. A\nNarration:\n- one\n## 2. B\nNarration:\n- two\n", "2 scene"),
    ("## 1. A\nNarration:\n- a\n## 2. B\n- stray\n## 3. C\nNarration:\n- c\n", "line 5: a '- ' item outside"),
    ("## 1. A\nColour: red\n", "line 2: unknown field 'colour'"),
    ("## 1. A\nNarration:\n- a\n## 2. B\nGoal: g\n## 3. C\nNarration:\n- c\n", "line 4: scene 2 \\(B\\) has no narration"),
    ("## 1. A\njust words\n", "line 2: expected 'Goal:'"),
])
def test_an_edited_storyboard_with_a_mistake_names_the_line(text, message):
    with pytest.raises(StoryboardError, match=message):
        from_text(text)


def test_partial_scenes_grow_while_the_reply_streams():
    text = json.dumps(board_json(3), indent=1)
    seen = [len(partial_scenes(text[:n])) for n in [*range(0, len(text), 25), len(text)]]
    assert seen[0] == 0 and seen[-1] == 3
    assert seen == sorted(seen) and set(seen) == {0, 1, 2, 3}


def test_maths_is_spoken_in_words_and_shown_without_latex():
    assert spoken("Then $a^2 + b^2 = c^2$.") == "Then a squared plus b squared equals c squared."
    assert spoken(r"$\frac{1}{2}$ of **it**") == "1 over 2 of it"
    assert spoken("则 $a^2 + b^2 = c^2$", "zh") == "则 a的平方 加 b的平方 等于 c的平方"
    assert display_text(r"area $\pi r^2$ and `code`") == "area pi r² and code"


def test_offline_scene_steps_last_as_long_as_their_sentences():
    assert step_times([0.0, 2.5, 6.0], 9.0) == [2.5, 3.5, 3.0]
    scene = StoryScene("Definition", "g", ("One.", "Two.", "Three."), ("a right triangle",), ("a^2+b^2=c^2",))
    code = narrated_scene(scene, [0.0, 2.5, 6.0], 9.0, "en", "LessonScene1")
    tree = ast.parse(code)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") in ("play", "wait")]
    total = 0.0
    for c in calls:
        kw = {k.arg: ast.literal_eval(k.value) for k in c.keywords if k.arg == "run_time"}
        total += kw.get("run_time", 0.0) if c.func.attr == "play" else ast.literal_eval(c.args[0])
    assert total == pytest.approx(9.0, abs=0.01)
    assert "Text(s, font_size=32) for s in ['Three.']" in code  # a step with nothing else shows its sentence
