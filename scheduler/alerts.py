"""Saved searches and their alerts: after each run, the new or changed reports that match.

A saved search is a query and filters as `ogi search` takes them (validated when saved).
Alerts are kept in the catalog (the feed `ogi alerts` and the web app show); a saved search
with a webhook also gets them POSTed as JSON; a webhook that fails is recorded, not fatal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable

from ogi.archive import Archive, utcnow
from ogi.settings import Settings

@dataclass(frozen=True)
class SavedSearch:
    id: int
    name: str
    query: str
    filters: tuple[str, ...]
    webhook: str | None
    created_at: str


def save_search(settings: Settings, name: str, query: str = "", filters: Iterable[str] = (),
                webhook: str | None = None) -> SavedSearch:
    """Save (or replace) a search; QueryError if it would not run."""
    from ogi.indexer.query import build_query

    filters = tuple(f for f in filters if f and f.strip())
    build_query(query, filters)  # validate now, not at alert time
    if webhook:
        from ogi.outbound import Policy, refusal

        why = refusal(webhook, Policy(explicit=frozenset(settings.webhook_hosts)))
        if why:
            raise ValueError(f"webhook refused: {why} (a private host must be listed in OGI_WEBHOOK_HOSTS)")
    with Archive.open(settings) as archive:
        db = archive.db
        db.execute("INSERT INTO saved_searches (name, query, filters, webhook, created_at) VALUES (?,?,?,?,?)"
                   " ON CONFLICT(name) DO UPDATE SET query = excluded.query, filters = excluded.filters,"
                   " webhook = excluded.webhook", (name, query, json.dumps(filters, ensure_ascii=False), webhook,
                                                   utcnow()))
        return _search(db.execute("SELECT * FROM saved_searches WHERE name = ?", (name,)).fetchone())


def saved_searches(settings: Settings) -> list[SavedSearch]:
    with Archive.open(settings) as archive:
        return [_search(r) for r in archive.db.execute("SELECT * FROM saved_searches ORDER BY id")]


def delete_search(settings: Settings, name: str) -> bool:
    with Archive.open(settings) as archive:
        return archive.db.execute("DELETE FROM saved_searches WHERE name = ?", (name,)).rowcount > 0


def alerts(settings: Settings, name: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """The feed, newest first."""
    with Archive.open(settings) as archive:
        db = archive.db
        sql = ("SELECT a.*, s.name AS search FROM alerts a JOIN saved_searches s ON s.id = a.search_id"
               + (" WHERE s.name = ?" if name else "") + " ORDER BY a.id DESC LIMIT ?")
        rows = db.execute(sql, ((name, limit) if name else (limit,))).fetchall()
        return [{**dict(r), "runs": json.loads(r["runs"])} for r in rows]


def match_saved_searches(settings: Settings, report_urls: set[str], *, run_ids: list[int],
                         not_before: str | None = None) -> int:
    """Record (and deliver) an alert for every saved search matching a report these runs brought in;
    one already recorded since `not_before` (by a run that died after it) is not repeated."""
    from ogi.indexer.service import search as run_search

    if not report_urls:
        return 0
    with Archive.open(settings) as archive:
        db = archive.db
        searches = [_search(r) for r in db.execute("SELECT * FROM saved_searches")]
        if not searches:
            return 0
        from ogi.reports import assemble_archive

        docs = {}  # one alert per report, however many of its files the runs brought in
        for report in assemble_archive(archive).reports:
            if any(d["document_url"] in report_urls for d in report["documents"]):
                docs[report["id"]] = report
    if not docs:
        return 0
    ids = sorted(docs)
    chunks = [ids[i:i + 100] for i in range(0, len(ids), 100)]  # filters have a length limit
    count = 0
    for saved in searches:
        hits = []
        for chunk in chunks:
            id_filter = "id IN [" + ", ".join(json.dumps(i) for i in chunk) + "]"
            result = run_search(settings, saved.query, [*saved.filters, id_filter], limit=len(chunk))
            hits += [h.to_json() for h in result.hits]
        if not_before and hits:
            with Archive.open(settings) as archive:
                done = {r[0] for r in archive.db.execute(
                    "SELECT document_id FROM alerts WHERE search_id = ? AND created_at >= ?", (saved.id, not_before))}
            hits = [h for h in hits if h["id"] not in done]
        if not hits:
            continue
        delivered = _deliver(saved, hits, settings) if saved.webhook else None
        with Archive.open(settings) as archive:
            db = archive.db
            for hit in hits:
                db.execute("INSERT INTO alerts (search_id, runs, document_id, url, title, created_at, delivered)"
                           " VALUES (?,?,?,?,?,?,?)", (saved.id, json.dumps(run_ids), hit["id"], hit["url"],
                                                       hit["title"], utcnow(), delivered))
        count += len(hits)
    return count


def _deliver(saved: SavedSearch, hits: list[dict[str, Any]], settings: Settings) -> str:
    """POST the hits to the search's webhook, under the outbound policy: http(s), every redirect
    checked, no private or link-local address (169.254.169.254 …) unless listed in OGI_WEBHOOK_HOSTS."""
    from ogi.outbound import OutboundRefused, Policy, fetch

    body = json.dumps({"search": saved.name, "query": saved.query, "filters": list(saved.filters),
                       "reports": hits}, ensure_ascii=False).encode("utf-8")
    try:
        answer = fetch(saved.webhook or "", policy=Policy(explicit=frozenset(settings.webhook_hosts)),
                       method="POST", data=body, timeout=15, max_bytes=10_000,
                       headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": "OGI-Archive alerts"})
    except OutboundRefused as exc:
        return f"refused: {exc}"[:300]
    except Exception as exc:  # the alert is kept; delivery is retried by nobody but reported
        return f"error: {exc}"[:300]
    return "ok" if 200 <= answer.status < 300 else f"HTTP {answer.status}"


def _search(row: Any) -> SavedSearch:
    return SavedSearch(row["id"], row["name"], row["query"], tuple(json.loads(row["filters"])), row["webhook"],
                       row["created_at"])
