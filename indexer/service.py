"""Index and search a data directory: the functions `ogi index`, `ogi search`, the web app
and the scheduler call.

What the index holds is recorded in the catalog (``index_state``: id, digest, backend), so
an update after a crawl pushes only the reports that are new or changed and deletes the
ones no longer current, while `index_archive(full=True)` rebuilds everything.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from ogi.indexer import open_backend
from ogi.indexer.backend import IndexOutdated, SearchBackend, SearchResult
from ogi.indexer.query import build_query
from ogi.indexer.record import to_record
from ogi.archive import Archive
from ogi.audit import annotate
from ogi.reports import assemble_archive
from ogi.settings import Settings

UPSERT_STATE = ("INSERT INTO index_state (backend, id, sha256, removed) VALUES (?,?,?,?)"
                " ON CONFLICT (backend, id) DO UPDATE SET sha256 = excluded.sha256, removed = excluded.removed")


@dataclass
class IndexSummary:
    indexed: int = 0  # records pushed
    unchanged: int = 0
    deleted: int = 0
    not_reports: int = 0  # captured pages that are not annual reports
    not_extracted: int = 0  # reports whose extraction failed or has not run
    total: int = 0  # records in the index afterwards
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)


def _backend_key(settings: Settings) -> str:
    if settings.search_backend == "meilisearch":
        return f"meilisearch:{settings.meili_url}/{settings.meili_index}"
    return "embedded"


def archive_records(archive: Archive, summary: IndexSummary | None = None) -> Iterator[dict[str, Any]]:
    """The index record of every current annual report in the archive: one per report
    (`ogi.reports`: a page and its attachments, or the same report found on two sources, are one)."""
    summary = summary if summary is not None else IndexSummary()
    assembly = assemble_archive(archive)
    annotate(assembly.reports)  # the audit: cross-year and text checks, rates, peers, reuse (ogi.audit)
    summary.not_reports += assembly.not_reports
    for group in assembly.unread:
        summary.not_extracted += 1
        summary.errors.append(f"{group.get('document_url')}: {group.get('error')}")
    from ogi.review import annotate_records  # issue 19: verdicts, corrections, tags live in the catalog

    yield from annotate_records(archive.db, (to_record(report, removed_at=report.get("removed_at"))
                                             for report in assembly.reports))


def index_archive(settings: Settings, *, full: bool = False, backend: SearchBackend | None = None) -> IndexSummary:
    """Bring the index up to date with the archive's current documents (everything with `full`)."""
    started = time.perf_counter()
    summary = IndexSummary()
    backend = backend or open_backend(settings)
    key = _backend_key(settings)
    with Archive.open(settings) as archive:
        if not full:
            try:
                backend.count()
            except IndexOutdated:  # built by an earlier version with other fields: rebuild it all
                full = True
        if full:
            records = list(archive_records(archive, summary))
            summary.indexed = backend.replace_all(records)
            rows = [(key, r["id"], r["digest"], int(bool(r["removed"]))) for r in records]
            with archive.db.transaction():
                archive.db.execute("DELETE FROM index_state WHERE backend = ?", (key,))
                archive.db.executemany(UPSERT_STATE, rows)
        else:
            state = {row[0]: (row[1], row[2]) for row in archive.db.execute(
                "SELECT id, sha256, removed FROM index_state WHERE backend = ?", (key,))}
            changed: list[dict[str, Any]] = []
            seen: set[str] = set()
            for record in archive_records(archive, summary):
                seen.add(record["id"])
                if state.get(record["id"]) == (record["digest"], int(bool(record["removed"]))):
                    summary.unchanged += 1
                    continue
                changed.append(record)
            gone = [doc_id for doc_id in state if doc_id not in seen]
            if changed:
                summary.indexed = backend.upsert(changed)
            if gone:
                summary.deleted = backend.delete(gone)
            with archive.db.transaction():
                archive.db.executemany(UPSERT_STATE,
                                       [(key, r["id"], r["digest"], int(bool(r["removed"]))) for r in changed])
                archive.db.executemany("DELETE FROM index_state WHERE backend = ? AND id = ?",
                                       [(key, doc_id) for doc_id in gone])
    summary.total = backend.count()
    summary.seconds = time.perf_counter() - started
    return summary


def search(
    settings: Settings,
    text: str | None = None,
    filters: Iterable[str] | str | None = None,
    facets: Iterable[str] | None = None,
    sort: str | None = None,
    limit: int = 20,
    offset: int = 0,
    *,
    backend: SearchBackend | None = None,
) -> SearchResult:
    """Run a search typed by a user; raises QueryError with a readable message when it is wrong."""
    query = build_query(text, filters, facets, sort, limit, offset)
    return (backend or open_backend(settings, public=True)).search(query)


def matching_ids(settings: Settings, text: str | None, filters: Iterable[str] | str | None,
                 *, backend: SearchBackend | None = None) -> set[str]:
    query = build_query(text, filters, limit=0)
    return {str(r["id"]) for r in (backend or open_backend(settings, public=True)).iter_records(query, ["id"])}
