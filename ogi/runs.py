"""Run history in the catalog: one row per source per crawl, whoever started it.

A row is written *before* the crawl starts (status ``running``) and completed after, so a
crawl that is killed, hangs or crashes still leaves its trace; pages and reports for a
run that ended badly are counted from the catalog's own captures.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any, Iterable

from ogi.archive import utcnow

RUNS_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    trigger TEXT NOT NULL,          -- cli | scheduler:<job id> | run-now
    mode TEXT NOT NULL,             -- full | update
    started_at TEXT NOT NULL,
    ended_at TEXT,
    status TEXT NOT NULL,           -- running | ok | failed | timeout
    pages INTEGER DEFAULT 0,
    reports_found INTEGER DEFAULT 0,
    reports_new INTEGER DEFAULT 0,
    reports_changed INTEGER DEFAULT 0,
    reports_removed INTEGER DEFAULT 0,
    failed INTEGER DEFAULT 0,       -- requests that failed
    errors TEXT DEFAULT '[]'        -- JSON list of messages
);
CREATE INDEX IF NOT EXISTS runs_source ON runs(source, started_at);
"""

STATUSES = ("running", "ok", "failed", "timeout")


@dataclass(frozen=True)
class Run:
    id: int
    source: str
    trigger: str
    mode: str
    started_at: str
    ended_at: str | None
    status: str
    pages: int
    reports_found: int
    reports_new: int
    reports_changed: int
    reports_removed: int
    failed: int
    errors: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "errors": list(self.errors)}


def _ensure(db: sqlite3.Connection) -> None:
    db.executescript(RUNS_SCHEMA)


def start_run(db: sqlite3.Connection, source: str, *, trigger: str, mode: str) -> int:
    _ensure(db)
    cur = db.execute("INSERT INTO runs (source, trigger, mode, started_at, status) VALUES (?,?,?,?, 'running')",
                     (source, trigger, mode, utcnow()))
    return int(cur.lastrowid or 0)


def finish_run(db: sqlite3.Connection, run_id: int, status: str, stats: dict[str, Any] | None = None,
               errors: Iterable[str] = ()) -> Run:
    """Close a run; without stats (a killed crawl) pages and new reports are counted from the catalog."""
    if status not in STATUSES:
        raise ValueError(status)
    _ensure(db)
    row = db.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
    stats = dict(stats or {})
    if not stats:
        started = row["started_at"]
        stats["pages"] = db.execute("SELECT COUNT(*) FROM captures WHERE source = ? AND fetched_at >= ?",
                                    (row["source"], started)).fetchone()[0]
        stats["reports_new"] = db.execute("SELECT COUNT(*) FROM reports WHERE source = ? AND first_seen >= ?",
                                          (row["source"], started)).fetchone()[0]
    messages = list(errors) + list(stats.get("errors") or [])
    db.execute("UPDATE runs SET ended_at = ?, status = ?, pages = ?, reports_found = ?, reports_new = ?,"
               " reports_changed = ?, reports_removed = ?, failed = ?, errors = ? WHERE id = ?",
               (utcnow(), status, int(stats.get("pages") or 0), int(stats.get("reports_found") or 0),
                int(stats.get("reports_new") or 0), int(stats.get("reports_changed") or 0),
                int(stats.get("reports_removed") or 0), int(stats.get("failed") or 0),
                json.dumps(messages[:200], ensure_ascii=False), run_id))
    return get_run(db, run_id)


def get_run(db: sqlite3.Connection, run_id: int) -> Run:
    _ensure(db)
    return _run(db.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone())


def list_runs(db: sqlite3.Connection, *, source: str | None = None, limit: int = 50) -> list[Run]:
    """Newest first."""
    _ensure(db)
    if source:
        rows = db.execute("SELECT * FROM runs WHERE source = ? ORDER BY id DESC LIMIT ?", (source, limit))
    else:
        rows = db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,))
    return [_run(r) for r in rows]


def changed_since(db: sqlite3.Connection, source: str, since: str) -> tuple[set[str], set[str]]:
    """(new, changed) report URLs of a source since a time: the reports a run brought in."""
    new = {r[0] for r in db.execute("SELECT url FROM reports WHERE source = ? AND first_seen >= ?", (source, since))}
    changed = {r[0] for r in db.execute(
        "SELECT DISTINCT v.url FROM versions v JOIN reports r ON r.url = v.url"
        " WHERE r.source = ? AND v.first_seen >= ? AND r.first_seen < ?", (source, since, since))}
    return new, changed


def _run(row: sqlite3.Row) -> Run:
    data = dict(row)
    data["errors"] = tuple(json.loads(data.get("errors") or "[]"))
    return Run(**data)
