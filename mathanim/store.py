"""History of generations in SQLite, with numbered schema migrations (the pattern of simonw/llm).

Every migration is a function registered in order with `@migration`; the names of the applied ones are kept in
the `_migrations` table, so opening an old database upgrades it and opening a new one builds it from scratch.
Each call opens its own connection, so the store can be shared by the UI's worker threads.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(fn: Migration) -> Migration:
    """Register `fn` as the next schema migration; its name is recorded once it has run."""
    MIGRATIONS.append((fn.__name__, fn))
    return fn


@migration
def m001_generations(db: sqlite3.Connection) -> None:
    db.execute("""
        CREATE TABLE generations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created TEXT NOT NULL,
            concept TEXT NOT NULL,
            backend TEXT NOT NULL,
            preset TEXT NOT NULL,
            status TEXT NOT NULL,
            code TEXT,
            notes TEXT,
            files TEXT NOT NULL DEFAULT '{}'
        )""")


@migration
def m002_timings_and_errors(db: sqlite3.Connection) -> None:
    for column in ("formats TEXT NOT NULL DEFAULT '[]'", "error TEXT", "seconds TEXT NOT NULL DEFAULT '{}'",
                   "reasoning TEXT", "attempts INTEGER NOT NULL DEFAULT 0", "fixes TEXT NOT NULL DEFAULT '[]'"):
        db.execute(f"ALTER TABLE generations ADD COLUMN {column}")


@migration
def m003_owner_index(db: sqlite3.Connection) -> None:
    # owner: the signed-in user when basic auth is on, so each user sees only their own history
    db.execute("ALTER TABLE generations ADD COLUMN owner TEXT NOT NULL DEFAULT ''")
    db.execute("CREATE INDEX generations_owner_created ON generations (owner, created)")


@dataclass
class Generation:
    """One stored generation. `files` maps a kind (mp4, gif, webm, poster, py, notes_md, notes_tex,
    notes_pdf, zip) to a path; `seconds` holds the timings per stage and the total."""

    id: int
    created: str
    concept: str
    backend: str
    preset: str
    status: str
    code: str = ""
    notes: str = ""
    reasoning: str = ""
    formats: list[str] = field(default_factory=list)
    error: dict[str, Any] | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    attempts: int = 0
    fixes: list[str] = field(default_factory=list)
    owner: str = ""

    @property
    def poster(self) -> str | None:
        return self.files.get("poster")


_JSON_COLUMNS = ("formats", "error", "seconds", "files", "fixes")
_COLUMNS = ("created", "concept", "backend", "preset", "status", "code", "notes", "reasoning", "formats", "error",
            "seconds", "files", "attempts", "fixes", "owner")


class Store:
    """The history database at `path` (created and migrated on first use)."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._ready = False

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        self._migrate_once()
        db = sqlite3.connect(self.path, timeout=30)
        db.row_factory = sqlite3.Row
        try:
            with db:  # commits on success, rolls back on error
                yield db
        finally:
            db.close()

    def _migrate_once(self) -> None:
        with self._lock:
            if not self._ready:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                migrate(self.path)
                self._ready = True

    def add(self, *, concept: str, backend: str, preset: str, status: str, owner: str = "", **fields) -> int:
        """Insert one generation and return its id. Extra fields: any Generation attribute."""
        row = {"created": _now(), "concept": concept, "backend": backend, "preset": preset, "status": status,
               "owner": owner, **fields}
        unknown = set(row) - set(_COLUMNS)
        if unknown:
            raise TypeError(f"unknown history fields: {', '.join(sorted(unknown))}")
        values = [json.dumps(v, ensure_ascii=False) if k in _JSON_COLUMNS else v for k, v in row.items()]
        sql = f"INSERT INTO generations ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})"
        with self._connect() as db:
            return int(db.execute(sql, values).lastrowid)

    def add_result(self, res, *, code: str = "", notes: str = "", reasoning: str = "",
                   files: dict[str, str] | None = None, owner: str = "") -> int:
        """Insert a mathanim.result.Result with the texts it produced; `files` defaults to the result's paths."""
        if files is None:
            files = {**res.videos, "poster": res.poster, "py": res.code, "notes_md": res.notes_md,
                     "notes_tex": res.notes_tex, "notes_pdf": res.notes_pdf}
        return self.add(concept=res.concept, backend=res.backend, preset=res.quality, status=res.status,
                        owner=owner, code=code, notes=notes, reasoning=reasoning, formats=list(res.formats),
                        error=res.error, seconds=dict(res.seconds), attempts=res.attempts, fixes=list(res.fixes),
                        files={k: str(v) for k, v in files.items() if v})

    def get(self, gen_id: int, owner: str | None = None) -> Generation | None:
        """The generation with `gen_id` (and `owner`, when given), or None."""
        sql, args = "SELECT * FROM generations WHERE id = ?", [gen_id]
        if owner is not None:
            sql, args = sql + " AND owner = ?", [gen_id, owner]
        with self._connect() as db:
            row = db.execute(sql, args).fetchone()
        return _to_generation(row) if row else None

    def list(self, limit: int = 50, owner: str | None = None) -> list[Generation]:
        """The newest generations first (only `owner`'s when given)."""
        where, args = ("WHERE owner = ?", [owner]) if owner is not None else ("", [])
        with self._connect() as db:
            rows = db.execute(f"SELECT * FROM generations {where} ORDER BY id DESC LIMIT ?", [*args, limit])
            return [_to_generation(r) for r in rows.fetchall()]

    def gallery(self, limit: int = 24, owner: str | None = None) -> list[Generation]:
        """The newest finished generations whose poster file still exists."""
        out = []
        for gen in self.list(limit * 4, owner):
            if gen.status == "ok" and gen.poster and Path(gen.poster).is_file():
                out.append(gen)
            if len(out) == limit:
                break
        return out


def migrate(path: Path | str) -> list[str]:
    """Apply the migrations `path` has not had yet, in order; returns the names applied now."""
    db = sqlite3.connect(path, timeout=30)
    try:
        db.execute("PRAGMA journal_mode=WAL")  # readers never wait for the one writer
        db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
        done = {r[0] for r in db.execute("SELECT name FROM _migrations")}
        applied = []
        for name, fn in MIGRATIONS:
            if name in done:
                continue
            with db:  # each migration and its record commit together
                fn(db)
                db.execute("INSERT INTO _migrations (name, applied) VALUES (?, ?)", (name, _now()))
            applied.append(name)
        return applied
    finally:
        db.close()


def _to_generation(row: sqlite3.Row) -> Generation:
    data = dict(row)
    for key in _JSON_COLUMNS:
        data[key] = json.loads(data[key]) if data.get(key) else ({} if key in ("seconds", "files") else None)
    data["formats"] = data["formats"] or []
    data["fixes"] = data["fixes"] or []
    for key in ("code", "notes", "reasoning"):
        data[key] = data[key] or ""
    return Generation(**data)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
