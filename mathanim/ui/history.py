"""The History tab's data: the rows and posters of past generations, and a finished View rebuilt from one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..result import Result
from ..store import Generation, Store
from .files import serve
from .view import Finished, View


def outcome(gen: Generation) -> str:
    """ok, stopped, or the error kind (latex, timeout, backend…) for the history table."""
    if gen.status == "ok":
        return "ok"
    kind = (gen.error or {}).get("kind", "error")
    return "stopped" if kind == "cancelled" else f"failed: {kind}"


def listing(store: Store, owner: str | None) -> tuple[list, list[list], list[int], list[int]]:
    """(gallery items, table rows, gallery ids, table ids) of `owner`'s history."""
    gallery = [(serve(g.poster), f"#{g.id} {g.concept[:60]}") for g in store.gallery(owner=owner)]
    gens = store.list(100, owner=owner)
    rows = [[g.id, g.created.replace("T", " ")[:19], g.concept[:80], g.backend, g.preset, outcome(g),
             round(g.seconds.get("total", 0.0), 1)] for g in gens]
    return gallery, rows, [g.id for g in store.gallery(owner=owner)], [g.id for g in gens]


def view_of(gen: Generation) -> View:
    """A finished View rebuilt from a history entry."""
    res = Result(status=gen.status, backend=gen.backend, concept=gen.concept, quality=gen.preset,
                 formats=gen.formats, attempts=gen.attempts, seconds=gen.seconds, error=gen.error,
                 fixes=gen.fixes)
    view = View(reasoning=gen.reasoning, code=gen.code, notes=gen.notes, fixes=list(gen.fixes), of=gen.attempts)
    view.progress = (1.0, "finished") if gen.status == "ok" else None
    view.finished = Finished(res, {k: v for k, v in gen.files.items() if Path(v).is_file()}, gen.id)
    return view


def last_of(gen: Generation) -> dict[str, Any]:
    """What "Render edited code" reuses of a reopened entry: its concept, notes and reasoning."""
    return {"concept": gen.concept, "notes": gen.notes, "reasoning": gen.reasoning,
            "notes_md": gen.files.get("notes_md"), "notes_tex": gen.files.get("notes_tex"),
            "notes_pdf": gen.files.get("notes_pdf")}


def pick(ids: list[int], index: Any) -> int | None:
    """The history id at a gallery index or a table [row, column] index."""
    row = index[0] if isinstance(index, (list, tuple)) else index
    return ids[row] if isinstance(row, int) and 0 <= row < len(ids) else None
