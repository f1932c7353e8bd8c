"""Stage 2, the archive: every fetched byte kept once by its SHA-256, and a catalog of captures.

Layout of a data directory (the defaults; `ogi.settings` moves either part elsewhere):

    D/blobs/ab/cd/abcd…   response bodies, content-addressed, written atomically
                          (or s3://bucket/prefix/ab/cd/abcd… — `ogi.blobstores`)
    D/catalog.sqlite      captures (URL, final URL, time, status, headers, digest, source),
                          versions per URL (first/last seen, removed), reports
                          (or PostgreSQL — `ogi.catalog`, which declares every table)

Recrawling a URL with new content adds a version; unchanged content only moves its
"last seen" time; a report gone upstream is marked removed, never deleted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from ogi.blobstores import BlobStore, open_blob_store
from ogi.catalog import Catalog
from ogi.settings import Settings


def utcnow() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


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
class SourceConfig:
    """A source as the catalog remembers it."""

    name: str
    region: str | None
    agency_aliases: tuple[tuple[str, str], ...] = ()  # (printed name, the name it stands for)
    expected_agencies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stored:
    """What recording one response changed."""

    sha256: str
    new_version: bool  # the URL's content differs from every earlier capture
    first_capture: bool  # the URL was never captured before


class Archive:
    """The blobs and the catalog of one data directory, where `ogi.settings` says they live."""

    def __init__(self, data_dir: str | Path, *, settings: Settings | None = None, catalog_url: str | None = None,
                 blobs: BlobStore | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        settings = settings or Settings.load(self.data_dir)
        self.blobs = blobs if blobs is not None else open_blob_store(settings.blob_store, self.data_dir,
                                                                     s3_endpoint_url=settings.s3_endpoint_url)
        self.db = Catalog(catalog_url or settings.catalog)

    @classmethod
    def open(cls, settings: Settings) -> "Archive":
        """The archive these settings point at (data directory, catalog URL, blob store)."""
        return cls(settings.data_dir, settings=settings)

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
        with self.db.transaction(lock=f"url:{url}"):
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
        with self.db.transaction(lock=f"url:{url}"):
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
        self.db.execute("UPDATE reports SET removed_at = COALESCE(removed_at, ?) WHERE url = ?",
                        (when or utcnow(), url))

    def register_sources(self, sources: "Iterable[Any]") -> None:
        """Remember each source's configured region, pinned aliases and expected agencies
        (`crawler.sources.Source`), so that re-running extraction and assembly needs no file."""
        when = utcnow()
        for source in sources:
            config = {"agency_aliases": dict(getattr(source, "agency_aliases", ()) or ()),
                      "expected_agencies": list(getattr(source, "expected_agencies", ()) or ()),
                      "start_urls": list(getattr(source, "start_urls", ()) or ())}
            self.db.execute("INSERT INTO sources (name, region, config, updated_at) VALUES (?,?,?,?)"
                            " ON CONFLICT (name) DO UPDATE SET region = excluded.region, config = excluded.config,"
                            " updated_at = excluded.updated_at",
                            (source.name, source.region, json.dumps(config, ensure_ascii=False), when))

    def source_configs(self) -> dict[str, "SourceConfig"]:
        """What `register_sources` kept, by source name."""
        out = {}
        for row in self.db.execute("SELECT name, region, config FROM sources"):
            config = json.loads(row["config"] or "{}")
            out[row["name"]] = SourceConfig(row["name"], row["region"],
                                            tuple(sorted((config.get("agency_aliases") or {}).items())),
                                            tuple(config.get("expected_agencies") or ()))
        return out

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
            "SELECT sha256, first_seen, last_seen FROM versions v WHERE url = ? ORDER BY first_seen,"
            " (SELECT MIN(c.id) FROM captures c WHERE c.url = v.url AND c.sha256 = v.sha256)", (url,))]

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


def _capture(row: Any) -> Capture:
    data = dict(row)
    data["headers"] = json.loads(data["headers"])
    return Capture(**data)
