"""Stage 2, the archive: every fetched byte kept once by its SHA-256, and a catalog of captures.

Layout of a data directory:

    D/blobs/ab/cd/abcd…   response bodies, content-addressed, written atomically
    D/catalog.sqlite      captures (URL, final URL, time, status, headers, digest, source),
                          versions per URL (first/last seen, removed), reports

Recrawling a URL with new content adds a version; unchanged content only moves its
"last seen" time; a report gone upstream is marked removed, never deleted.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Mapping

SCHEMA = """
CREATE TABLE IF NOT EXISTS captures (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    url TEXT NOT NULL,
    final_url TEXT NOT NULL,
    method TEXT NOT NULL DEFAULT 'GET',
    status INTEGER NOT NULL,
    fetched_at TEXT NOT NULL,
    headers TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    content_type TEXT,
    kind TEXT NOT NULL,              -- list | report | attachment | other
    parent_url TEXT                  -- page on which the link was found
);
CREATE INDEX IF NOT EXISTS captures_url ON captures(url);
CREATE TABLE IF NOT EXISTS versions (
    url TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    PRIMARY KEY (url, sha256)
);
CREATE TABLE IF NOT EXISTS reports (
    url TEXT PRIMARY KEY,            -- the report's page or attachment
    source TEXT NOT NULL,
    title TEXT,
    parent_url TEXT,
    kind TEXT NOT NULL,              -- page | attachment
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    removed_at TEXT,                 -- set when gone upstream; the versions stay
    current_sha256 TEXT
);
"""


def utcnow() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class BlobStore:
    """Bodies stored once by SHA-256 under root/ab/cd/<digest>."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def path(self, digest: str) -> Path:
        return self.root / digest[:2] / digest[2:4] / digest

    def put(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        target = self.path(digest)
        if target.exists():
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)  # atomic: a killed crawl never leaves half a blob
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return digest

    def get(self, digest: str) -> bytes:
        return self.path(digest).read_bytes()

    def __contains__(self, digest: str) -> bool:
        return self.path(digest).exists()


@dataclass(frozen=True)
class Capture:
    id: int
    source: str
    url: str
    final_url: str
    method: str
    status: int
    fetched_at: str
    headers: dict[str, str]
    sha256: str
    size: int
    content_type: str | None
    kind: str
    parent_url: str | None


@dataclass(frozen=True)
class Stored:
    """What recording one response changed."""

    sha256: str
    new_version: bool  # the URL's content differs from every earlier capture
    first_capture: bool  # the URL was never captured before


class Archive:
    def __init__(self, data_dir: str | Path) -> None:
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.blobs = BlobStore(self.data_dir / "blobs")
        self.db = sqlite3.connect(self.data_dir / "catalog.sqlite", timeout=30, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- recording ---------------------------------------------------------------------

    def record(
        self,
        *,
        source: str,
        url: str,
        body: bytes,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        final_url: str | None = None,
        method: str = "GET",
        kind: str = "other",
        parent_url: str | None = None,
        fetched_at: str | None = None,
    ) -> Stored:
        """Keep the body and log the capture; blob first, so a crash leaves no dangling row."""
        digest = self.blobs.put(body)
        when = fetched_at or utcnow()
        hdrs = {str(k): str(v) for k, v in (headers or {}).items()}
        content_type = next((v for k, v in hdrs.items() if k.lower() == "content-type"), None)
        with self.db:  # one transaction
            self.db.execute("BEGIN IMMEDIATE")
            previous = self.db.execute("SELECT sha256 FROM versions WHERE url = ?", (url,)).fetchall()
            known = {row["sha256"] for row in previous}
            self.db.execute(
                "INSERT INTO captures (source, url, final_url, method, status, fetched_at, headers, sha256, size,"
                " content_type, kind, parent_url) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (source, url, final_url or url, method, status, when, json.dumps(hdrs, ensure_ascii=False), digest,
                 len(body), content_type, kind, parent_url),
            )
            if digest in known:
                self.db.execute("UPDATE versions SET last_seen = ? WHERE url = ? AND sha256 = ?", (when, url, digest))
            else:
                self.db.execute("INSERT INTO versions (url, sha256, first_seen, last_seen) VALUES (?,?,?,?)",
                                (url, digest, when, when))
        return Stored(digest, new_version=digest not in known, first_capture=not known)

    def mark_report(self, *, url: str, source: str, title: str | None, kind: str, parent_url: str | None,
                    sha256: str | None, seen_at: str | None = None) -> bool:
        """Note that url is a report (seen now); True when it was not known before."""
        when = seen_at or utcnow()
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            row = self.db.execute("SELECT url FROM reports WHERE url = ?", (url,)).fetchone()
            if row is None:
                self.db.execute(
                    "INSERT INTO reports (url, source, title, parent_url, kind, first_seen, last_seen, current_sha256)"
                    " VALUES (?,?,?,?,?,?,?,?)",
                    (url, source, title, parent_url, kind, when, when, sha256),
                )
                return True
            self.db.execute(
                "UPDATE reports SET last_seen = ?, removed_at = NULL, title = COALESCE(?, title),"
                " current_sha256 = COALESCE(?, current_sha256) WHERE url = ?",
                (when, title, sha256, url),
            )
            return False

    def mark_removed(self, url: str, when: str | None = None) -> None:
        """The report is gone upstream (404/410, or no longer listed): flag it, keep its versions."""
        with self.db:
            self.db.execute("UPDATE reports SET removed_at = COALESCE(removed_at, ?) WHERE url = ?",
                            (when or utcnow(), url))

    # --- reading --------------------------------------------------------------------------

    def latest(self, url: str) -> Capture | None:
        row = self.db.execute(
            "SELECT * FROM captures WHERE url = ? AND status < 400 ORDER BY id DESC LIMIT 1", (url,)
        ).fetchone()
        return _capture(row) if row else None

    def captures(self, url: str | None = None) -> Iterator[Capture]:
        sql, args = ("SELECT * FROM captures WHERE url = ? ORDER BY id", (url,)) if url else (
            "SELECT * FROM captures ORDER BY id", ())
        for row in self.db.execute(sql, args):
            yield _capture(row)

    def versions(self, url: str) -> list[dict[str, str]]:
        return [dict(r) for r in self.db.execute(
            "SELECT sha256, first_seen, last_seen FROM versions WHERE url = ? ORDER BY first_seen, rowid", (url,))]

    def reports(self, source: str | None = None, *, include_removed: bool = True) -> list[dict[str, object]]:
        sql = "SELECT * FROM reports"
        clauses, args = [], []
        if source:
            clauses.append("source = ?")
            args.append(source)
        if not include_removed:
            clauses.append("removed_at IS NULL")
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        return [dict(r) for r in self.db.execute(sql + " ORDER BY url", args)]


def _capture(row: sqlite3.Row) -> Capture:
    data = dict(row)
    data["headers"] = json.loads(data["headers"])
    return Capture(**data)
