"""An Atom 1.0 feed per saved search (issue 19): `/feeds/{name}.atom`, every report the search
matches, newest capture first.

Public, like the saved searches' names and queries (`/alerts` lists them): the feed shows what
the public search shows, never a search's webhook or email recipients. Entries are built with
ElementTree (every value escaped) from crawled, untrusted titles with characters XML cannot
carry removed. An ETag and Last-Modified let a reader ask again cheaply (304).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import xml.etree.ElementTree as ET
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any, Iterable
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from ogi.scheduler.alerts import feed_path
from ogi.settings import Settings

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 200  # newest matches in one feed
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _clean(value: Any) -> str:
    return _NOT_XML.sub("", "" if value is None else str(value))


def _instant(value: Any) -> dt.datetime | None:
    """A capture or save time as an aware datetime (UTC when the text names no zone)."""
    if not value:
        return None
    try:
        when = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


def _rfc3339(when: dt.datetime) -> str:
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _published(value: Any) -> str | None:
    """A publication date (a day, as the agency printed it) at midnight Beijing time."""
    try:
        day = dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
    return f"{day.isoformat()}T00:00:00+08:00"


def matches(backend: Any, saved: Any, limit: int = FEED_SIZE) -> list[dict[str, Any]]:
    """The saved search's newest matches (by capture time, then id), as search hits."""
    from ogi.indexer.query import build_query

    query = build_query(saved.query, list(saved.filters), sort="captured_at:desc", limit=limit)
    hits = [h.to_json() for h in backend.search(query).hits]
    # the index sorts by capture day; within a day, by the full time
    hits.sort(key=lambda h: (_instant(h.get("captured_at")) or dt.datetime.min.replace(tzinfo=dt.timezone.utc),
                             str(h.get("id"))), reverse=True)
    return hits


def atom_feed(saved: Any, hits: Iterable[dict[str, Any]], base: str) -> tuple[bytes, dt.datetime]:
    """The feed document and the time it was last updated (newest capture, else the search's save)."""
    base = base.rstrip("/")
    hits = list(hits)
    self_url = base + feed_path(saved.name)
    times = [t for t in (_instant(h.get("captured_at")) for h in hits) if t]
    updated = max(times, default=None) or _instant(saved.created_at) or dt.datetime.now(dt.timezone.utc)
    updated = updated.replace(microsecond=0)

    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")

    def sub(parent: ET.Element, tag: str, text: Any = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _clean(v) for k, v in attrs.items()})
        if text is not None:
            el.text = _clean(text)
        return el

    what = " AND ".join([*([repr(saved.query)] if saved.query else []), *saved.filters]) or "every report"
    sub(feed, "id", self_url)
    sub(feed, "title", f"OGI Archive · {saved.name}")
    sub(feed, "subtitle", f"政府信息公开工作年度报告 matching the saved search {saved.name!r}: {what}")
    sub(feed, "updated", _rfc3339(updated))
    sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    sub(feed, "link", rel="alternate", type="text/html", href=f"{base}/alerts?search={quote(saved.name, safe='')}")
    sub(sub(feed, "author"), "name", "OGI Archive")
    sub(feed, "generator", "OGI Archive")
    for hit in hits:
        report_url = f"{base}/reports/{quote(str(hit['id']), safe='')}"
        captured = _instant(hit.get("captured_at")) or updated
        entry = sub(feed, "entry")
        sub(entry, "id", report_url)
        sub(entry, "title", hit.get("title") or hit["id"])
        sub(entry, "updated", _rfc3339(captured))
        published = _published(hit.get("published_at"))
        if published:
            sub(entry, "published", published)
        sub(sub(entry, "author"), "name", hit.get("agency") or "—")
        sub(entry, "link", rel="alternate", type="text/html", href=report_url)
        if hit.get("url"):
            sub(entry, "link", rel="via", href=hit["url"])
        if hit.get("year"):
            sub(entry, "category", term=str(hit["year"]), label=f"{hit['year']}年度")
        lines = [f"机关 Agency: {hit.get('agency') or '—'}", f"年度 Year: {hit.get('year') or '—'}",
                 f"地区 Region: {hit.get('region') or '—'}", f"原文 Original: {hit.get('url') or '—'}",
                 f"存档时间 Captured: {hit.get('captured_at') or '—'}", f"存档 In the archive: {report_url}"]
        sub(entry, "summary", "\n".join(lines), type="text")
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return body, updated


def router(settings: Settings, library: Any) -> APIRouter:
    api = APIRouter()

    @api.get("/feeds/{file:path}", tags=["harvest"], summary="Atom feed of a saved search's matches",
             response_class=Response, responses={200: {"content": {"application/atom+xml": {}}}})
    def feed(request: Request, file: str) -> Response:
        """`/feeds/{name}.atom`: the newest 200 reports the saved search matches, newest capture first.
        Public; answers 304 to If-None-Match / If-Modified-Since when nothing changed."""
        from ogi.scheduler.alerts import saved_search

        name = file.removesuffix(".atom")
        saved = saved_search(settings, name) if file.endswith(".atom") and name else None
        if saved is None:
            raise HTTPException(404, "no saved search of that name")
        base = settings.public_url or str(request.base_url).rstrip("/")
        body, updated = atom_feed(saved, matches(library.backend, saved), base)
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        headers = {"ETag": etag, "Last-Modified": format_datetime(updated.astimezone(dt.timezone.utc), usegmt=True),
                   "Cache-Control": "public, max-age=300"}
        asked = request.headers.get("if-none-match")
        if asked is not None:
            if etag in [t.strip().removeprefix("W/") for t in asked.split(",")] or asked.strip() == "*":
                return Response(status_code=304, headers=headers)
        elif request.headers.get("if-modified-since"):
            try:
                since = parsedate_to_datetime(request.headers["if-modified-since"])
            except (TypeError, ValueError):
                since = None
            if since is not None and since.tzinfo and updated <= since:
                return Response(status_code=304, headers=headers)
        return Response(body, media_type="application/atom+xml; charset=utf-8", headers=headers)

    return api
