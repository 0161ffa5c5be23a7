"""The SQLite history: migrations, add/get/list, the poster gallery, owners, and surviving a reopen."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mathanim import store
from mathanim.result import Result


def test_migrations_run_once_in_order(tmp_path: Path):
    db = tmp_path / "h.sqlite3"
    names = [name for name, _ in store.MIGRATIONS]
    assert names == sorted(names) and names[0].startswith("m001_")
    assert store.migrate(db) == names
    assert store.migrate(db) == []  # a second open applies nothing
    with sqlite3.connect(db) as con:
        cols = {r[1] for r in con.execute("PRAGMA table_info(generations)")}
        applied = [r[0] for r in con.execute("SELECT name FROM _migrations ORDER BY rowid")]
    assert applied == names
    assert {"concept", "backend", "preset", "code", "notes", "status", "seconds", "files", "owner"} <= cols


def test_old_database_is_upgraded_and_keeps_rows(tmp_path: Path):
    db = tmp_path / "old.sqlite3"
    first_name, first = store.MIGRATIONS[0]
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
    first(con)
    con.execute("INSERT INTO _migrations VALUES (?, 'then')", (first_name,))
    con.execute("INSERT INTO generations (created, concept, backend, preset, status) "
                "VALUES ('2026-01-01', 'old row', 'offline', 'low', 'ok')")
    con.commit()
    con.close()
    s = store.Store(db)
    (gen,) = s.list()
    assert gen.concept == "old row" and gen.owner == "" and gen.seconds == {} and gen.fixes == []


def test_add_get_list_and_reopen(tmp_path: Path):
    db = tmp_path / "h.sqlite3"
    s = store.Store(db)
    a = s.add(concept="勾股定理", backend="offline", preset="low", status="ok", code="print(1)", notes="# N",
              seconds={"total": 1.5}, files={"mp4": "/x/a.mp4"}, formats=["mp4"], fixes=["f1"], attempts=2)
    b = s.add(concept="bad", backend="deepseek", preset="high", status="error",
              error={"kind": "latex", "message": "m", "line": 3})
    again = store.Store(db)  # a new process would see the same rows
    assert [g.id for g in again.list()] == [b, a]
    got = again.get(a)
    assert (got.concept, got.code, got.notes, got.seconds, got.files, got.fixes, got.attempts) == (
        "勾股定理", "print(1)", "# N", {"total": 1.5}, {"mp4": "/x/a.mp4"}, ["f1"], 2)
    assert again.get(b).error == {"kind": "latex", "message": "m", "line": 3}
    assert again.get(999) is None
    with pytest.raises(TypeError):
        s.add(concept="c", backend="b", preset="low", status="ok", nonsense=1)


def test_owner_scoping(tmp_path: Path):
    s = store.Store(tmp_path / "h.sqlite3")
    mine = s.add(concept="a", backend="offline", preset="low", status="ok", owner="ann")
    s.add(concept="b", backend="offline", preset="low", status="ok", owner="bob")
    assert [g.concept for g in s.list(owner="ann")] == ["a"]
    assert s.get(mine, owner="bob") is None and s.get(mine, owner="ann").concept == "a"
    assert len(s.list()) == 2


def test_gallery_only_finished_with_existing_poster(tmp_path: Path):
    s = store.Store(tmp_path / "h.sqlite3")
    poster = tmp_path / "p.png"
    poster.write_bytes(b"\x89PNG")
    ok = s.add(concept="ok", backend="offline", preset="low", status="ok", files={"poster": str(poster)})
    s.add(concept="gone", backend="offline", preset="low", status="ok", files={"poster": str(tmp_path / "no.png")})
    s.add(concept="err", backend="offline", preset="low", status="error", files={"poster": str(poster)})
    assert [g.id for g in s.gallery()] == [ok]


def test_add_result_takes_the_result_fields(tmp_path: Path):
    s = store.Store(tmp_path / "h.sqlite3")
    res = Result(status="ok", backend="offline", concept="c", quality="medium", formats=["mp4", "gif"],
                 videos={"mp4": "/r/a.mp4", "gif": "/r/a.gif"}, poster="/r/a.png", code="/r/scene.py",
                 notes_md="/r/notes.md", attempts=1, seconds={"total": 2.0})
    gen = s.get(s.add_result(res, code="src", notes="md"))
    assert gen.preset == "medium" and gen.formats == ["mp4", "gif"] and gen.code == "src"
    assert gen.files == {"mp4": "/r/a.mp4", "gif": "/r/a.gif", "poster": "/r/a.png", "py": "/r/scene.py",
                         "notes_md": "/r/notes.md"}
