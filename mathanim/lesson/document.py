"""The lesson document: one Markdown text with a section per scene (its goal, what is said, its formulas and
the notes its scene came with), and the scenes that are missing; notes.py makes the .tex and .pdf."""

from __future__ import annotations

import re
from pathlib import Path

from ..notes import write_notes

HEADINGS = {"en": ("Missing scenes", "Scene {i} ({t}) did not render after {n} attempt(s)"),
            "zh": ("缺少的场景", "场景 {i}（{t}）尝试 {n} 次后仍未渲染成功")}


def _demoted(md: str) -> str:
    """A scene's own notes inside its section: its headings two levels down, its title line dropped."""
    md = re.sub(r"\A\s*#\s+.*\n", "", md)
    return re.sub(r"^(#{1,2})\s", lambda m: "#" * min(3, len(m.group(1)) + 2) + " ", md, flags=re.M).strip()


def _section(run) -> str:
    s = run.scene
    parts = [f"## {run.index + 1}. {s.title}"]
    if s.goal:
        parts.append(f"*{s.goal}*")
    parts.append(s.notes.strip() or " ".join(s.narration))  # the written form when there is one
    parts += [f"$${f}$$" for f in s.formulas if f not in s.notes]
    if run.notes.strip():
        parts.append(_demoted(run.notes))
    return "\n\n".join(parts)


def missing_lines(runs, lang: str) -> list[str]:
    """One line per scene that never rendered: its number, title and why."""
    _, why = HEADINGS["zh" if lang == "zh" else "en"]
    return [why.format(i=r.index + 1, t=r.scene.title, n=r.attempts) + (f": {r.error.message}" if r.error else "")
            for r in runs if r.status != "done"]


def lesson_markdown(board, runs) -> str:
    """The whole lesson as Markdown, scene by scene, with the missing scenes named at the end."""
    parts = [f"# {board.title}", *(_section(r) for r in runs if r.status == "done")]
    missing = missing_lines(runs, board.language)
    if missing:
        head, _ = HEADINGS["zh" if board.language == "zh" else "en"]
        parts.append(f"## {head}\n\n" + "\n".join(f"- {m}" for m in missing))
    return "\n\n".join(parts) + "\n"


def write_document(board, runs, out: Path) -> dict[str, str]:
    """lesson.md, lesson.tex and (when it compiles) lesson.pdf in `out`; their paths by Result key."""
    try:
        return write_notes(lesson_markdown(board, runs), out, "lesson", board.title)
    except Exception as e:  # noqa: BLE001 - the document never sinks a finished lesson
        path = out / "lesson.md"
        path.write_text(lesson_markdown(board, runs), encoding="utf-8")
        return {"notes_md": str(path), "error": str(e)}
