"""Run history in the catalog: one row per source per crawl, whoever started it.

A row is written *before* the crawl starts (status ``running``) and completed after, so a
crawl that is killed, hangs or crashes still leaves its trace; pages and reports for a
run that ended badly are counted from the catalog's own captures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any, Iterable

from ogi.archive import utcnow
from ogi.catalog import Catalog

STATUSES = ("running", "ok", "partial", "failed", "timeout", "interrupted")


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
    lists: tuple[dict[str, Any], ...] = ()  # per list: list, pages, records, end (how its end was found)

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "errors": list(self.errors), "lists": list(self.lists)}

    @property
    def cut_lists(self) -> tuple[dict[str, Any], ...]:
        """Lists whose end was not found: cut by a page limit, or a probe that failed."""
        return tuple(entry for entry in self.lists if entry["end"] in (LIMIT_END, "probe request failed"))


LIMIT_END = "page limit hit"


def start_run(db: Catalog, source: str, *, trigger: str, mode: str) -> int:
    """A run row for `source`, owned by this process; runs of the source left `running` by a
    process that died are closed as `interrupted` first."""
    import os
    import socket

    close_interrupted(db, source)
    run_id = db.insert_id("INSERT INTO runs (source, trigger, mode, started_at, status) VALUES (?,?,?,?, 'running')",
                          (source, trigger, mode, utcnow()))
    db.execute("INSERT INTO run_owners (run_id, host, pid) VALUES (?,?,?)", (run_id, socket.gethostname(), os.getpid()))
    return run_id


def _alive(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def close_interrupted(db: Catalog, source: str) -> list[int]:
    """Runs of `source` still `running` whose process (on this host) is gone: closed as
    `interrupted`, their pages and new reports counted from the catalog."""
    import socket

    host = socket.gethostname()
    rows = db.execute("SELECT r.id, o.host, o.pid FROM runs r JOIN run_owners o ON o.run_id = r.id"
                      " WHERE r.source = ? AND r.status = 'running'", (source,)).fetchall()
    dead = [int(r[0]) for r in rows if r[1] == host and not _alive(int(r[2]))]
    for run_id in dead:
        finish_run(db, run_id, "interrupted", None, ["the process running this crawl died (killed or crashed)"])
    return dead


def alerts_pending_since(db: Catalog, source: str, run_id: int) -> tuple[str, list[int]]:
    """Where this run's alerts start: its own start, or the start of an earlier run of the source
    that ended without recording its alerts (interrupted, or killed during them); and those runs."""
    rows = db.execute("SELECT r.id, r.started_at FROM runs r JOIN run_owners o ON o.run_id = r.id"
                      " WHERE r.source = ? AND o.alerts_done IS NULL AND (r.id = ? OR r.status != 'running')"
                      " ORDER BY r.started_at", (source, run_id)).fetchall()
    if not rows:
        started = db.execute("SELECT started_at FROM runs WHERE id = ?", (run_id,)).fetchone()[0]
        return started, [run_id]
    return rows[0][1], [int(r[0]) for r in rows]


def mark_alerts_done(db: Catalog, run_ids: Iterable[int]) -> None:
    ids = list(run_ids)
    if ids:
        db.execute(f"UPDATE run_owners SET alerts_done = ? WHERE run_id IN ({','.join('?' * len(ids))})",
                   [utcnow(), *ids])


def finish_run(db: Catalog, run_id: int, status: str, stats: dict[str, Any] | None = None,
               errors: Iterable[str] = ()) -> Run:
    """Close a run; without stats (a killed crawl) pages and new reports are counted from the catalog."""
    if status not in STATUSES:
        raise ValueError(status)
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
    lists = [entry for entry in stats.get("lists") or () if isinstance(entry, dict) and entry.get("list")]
    if lists:
        with db.transaction():
            db.execute("DELETE FROM run_lists WHERE run_id = ?", (run_id,))
            db.executemany('INSERT INTO run_lists (run_id, list_url, pages, records, how_ended) VALUES (?,?,?,?,?)'
                           " ON CONFLICT (run_id, list_url) DO NOTHING",
                           [(run_id, str(e["list"]), int(e.get("pages") or 0), int(e.get("records") or 0),
                             str(e.get("end") or "?")) for e in lists])
    return get_run(db, run_id)


def get_run(db: Catalog, run_id: int) -> Run:
    return _with_lists(db, [_run(db.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone())])[0]


def _with_lists(db: Catalog, runs: list[Run]) -> list[Run]:
    if not runs:
        return runs
    ids = [r.id for r in runs]
    marks = ",".join("?" * len(ids))
    by_run: dict[int, list[dict[str, Any]]] = {}
    for row in db.execute(f'SELECT run_id, list_url, pages, records, how_ended FROM run_lists WHERE run_id IN ({marks})'
                          " ORDER BY run_id, list_url", ids):
        by_run.setdefault(int(row[0]), []).append({"list": row[1], "pages": row[2], "records": row[3], "end": row[4]})
    return [replace(r, lists=tuple(by_run.get(r.id, ()))) for r in runs]


def list_runs(db: Catalog, *, source: str | None = None, limit: int = 50) -> list[Run]:
    """Newest first."""
    if source:
        rows = db.execute("SELECT * FROM runs WHERE source = ? ORDER BY id DESC LIMIT ?", (source, limit))
    else:
        rows = db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,))
    return _with_lists(db, [_run(r) for r in rows])


def changed_since(db: Catalog, source: str, since: str) -> tuple[set[str], set[str]]:
    """(new, changed) report URLs of a source since a time: the reports a run brought in."""
    new = {r[0] for r in db.execute("SELECT url FROM reports WHERE source = ? AND first_seen >= ?", (source, since))}
    changed = {r[0] for r in db.execute(
        "SELECT DISTINCT v.url FROM versions v JOIN reports r ON r.url = v.url"
        " WHERE r.source = ? AND v.first_seen >= ? AND r.first_seen < ?", (source, since, since))}
    return new, changed


# --- distributed crawls: workers on any machine write their part; finalize closes the run ----

def join_run(db: Catalog, source: str, *, crawl_id: str, worker: str, mode: str = "full") -> int:
    """A worker of crawl `crawl_id` joins its run row for `source` (the first one creates it)."""
    trigger = f"distributed:{crawl_id}"
    now = utcnow()
    with db.transaction(lock=f"run:{trigger}:{source}"):
        row = db.execute("SELECT id FROM runs WHERE source = ? AND trigger = ? ORDER BY id LIMIT 1",
                         (source, trigger)).fetchone()
        run_id = int(row[0]) if row else db.insert_id(
            "INSERT INTO runs (source, trigger, mode, started_at, status) VALUES (?,?,?,?, 'running')",
            (source, trigger, mode, now))
        db.execute("INSERT INTO run_parts (run_id, worker, started_at) VALUES (?,?,?)"
                   " ON CONFLICT (run_id, worker) DO NOTHING", (run_id, worker, now))
    return run_id


def finish_part(db: Catalog, run_id: int, worker: str, stats: dict[str, Any]) -> None:
    """A worker's figures for one source, written when it ends (a worker that dies leaves ended_at NULL)."""
    db.execute("UPDATE run_parts SET ended_at = ?, stats = ? WHERE run_id = ? AND worker = ?",
               (utcnow(), json.dumps(stats, ensure_ascii=False), run_id, worker))


@dataclass(frozen=True)
class WorkerPart:
    """One worker's part of one source's run: None stats while it runs (or after it died)."""

    run_id: int
    worker: str
    ended_at: str | None
    stats: dict[str, Any] | None


@dataclass(frozen=True)
class DistributedRun:
    """A distributed crawl as its workers left it in the catalog."""

    crawl_id: str
    runs: tuple[Run, ...]
    parts: tuple[WorkerPart, ...]

    @property
    def workers(self) -> tuple[str, ...]:
        return tuple(sorted({p.worker for p in self.parts}))

    @property
    def unfinished(self) -> tuple[str, ...]:
        """Workers that joined and never reported."""
        return tuple(sorted({p.worker for p in self.parts if p.ended_at is None}))

    @property
    def failed_requests(self) -> int:
        return sum(int(p.stats.get("failed") or 0) for p in self.parts if p.stats)

    @property
    def started_at(self) -> str | None:
        return min((r.started_at for r in self.runs), default=None)

    @property
    def complete(self) -> bool:
        """Every worker finished and no request failed: removals can be judged."""
        return bool(self.runs) and not self.unfinished and not self.failed_requests


def distributed_run(db: Catalog, crawl_id: str) -> DistributedRun:
    trigger = f"distributed:{crawl_id}"
    rows = db.execute("SELECT * FROM runs WHERE trigger = ? ORDER BY source", (trigger,)).fetchall()
    parts = db.execute("SELECT p.run_id, p.worker, p.ended_at, p.stats FROM run_parts p JOIN runs r ON r.id = p.run_id"
                       " WHERE r.trigger = ? ORDER BY p.worker", (trigger,)).fetchall()
    return DistributedRun(crawl_id, tuple(_run(r) for r in rows), tuple(
        WorkerPart(int(p["run_id"]), p["worker"], p["ended_at"], json.loads(p["stats"]) if p["stats"] else None)
        for p in parts))


def close_distributed_run(db: Catalog, state: DistributedRun, *, removals_judged: bool) -> list[Run]:
    """Finish the crawl's run rows: the workers' figures summed, reports found and removed counted."""
    closed = []
    for run in state.runs:
        parts = [p for p in state.parts if p.run_id == run.id]
        figures = [p.stats for p in parts if p.stats]
        total: dict[str, Any] = {k: sum(int(f.get(k) or 0) for f in figures)
                                 for k in ("pages", "reports_new", "reports_changed", "failed")}
        total["reports_found"] = db.execute("SELECT COUNT(*) FROM reports WHERE source = ? AND last_seen >= ?",
                                            (run.source, run.started_at)).fetchone()[0]
        total["reports_removed"] = db.execute("SELECT COUNT(*) FROM reports WHERE source = ? AND removed_at >= ?",
                                              (run.source, run.started_at)).fetchone()[0]
        total["errors"] = [e for f in figures for e in f.get("errors") or []]
        errors = [f"worker {p.worker} did not finish (killed, or still running)" for p in parts if p.ended_at is None]
        if not parts:
            errors.append("no worker joined this crawl")
        if not removals_judged:
            errors.append("removals not judged: the crawl was incomplete")
        ok = state.complete and removals_judged and not errors
        closed.append(finish_run(db, run.id, "ok" if ok else "failed", total, errors))
    return closed


def _run(row: Any) -> Run:
    data = dict(row)
    data["errors"] = tuple(json.loads(data.get("errors") or "[]"))
    return Run(**data)
