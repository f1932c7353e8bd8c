"""The generic crawl: from a portal's home page or 年报 column to every report, archived.

CMS knowledge lives in crawler/cms/; this module only walks what they return, keeps
every response in the archive and decides, with the extraction core, what is a report.
"""

from __future__ import annotations

import html as htmllib
import re
import time
from dataclasses import dataclass, field
from typing import Any, AsyncIterator, Iterator
from urllib.parse import urljoin, urlparse

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.http import Response

from ogi.crawler import cms
from ogi.crawler.cms.static import DOC_SUFFIX, IMAGE_SUFFIX, viewer_file
from ogi.crawler.links import Link
from ogi.crawler.listends import PROBED, REPEAT, ListState
from ogi.crawler.recognise import link_kind
from ogi.crawler.robots import RobotsGate
from ogi.crawler.sources import Source
from ogi.archive import Archive, utcnow
from ogi.blobstores import BlobCorrupt
from ogi.decoding import decode
from ogi.extract import extract_bytes
from ogi.readers.base import ExtractionError

MAX_HUB_DEPTH = 2  # home page → 政务公开 → 政府信息公开 …
MAX_COLUMN_DEPTH = 5  # … → 年报 column → sub-column (本级 / 部门 / 乡镇, or by year)
_A = re.compile(r"<a\b([^>]*?)href\s*=\s*['\"]([^'\"#][^'\"]*)['\"]([^>]*)>(.*?)</a>", re.I | re.S)
_TITLE_ATTR = re.compile(r"title\s*=\s*['\"]([^'\"]+)['\"]", re.I)
_IMG = re.compile(r"<img\b[^>]*?src\s*=\s*['\"]([^'\"]+)['\"]", re.I)


@dataclass
class CrawlStats:
    """Per-source summary of one crawl."""

    source: str
    pages: int = 0
    not_modified: int = 0
    reports_found: int = 0
    reports_new: int = 0
    reports_changed: int = 0
    reports_removed: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # robots.txt Disallow, outside the source
    # ok: start pages answered and nothing failed; partial: some requests failed after their
    # retries (or the crawl was stopped); failed: nothing could be fetched
    status: str = "running"
    why: list[str] = field(default_factory=list)  # one line per cause of failure: DNS, refused, timeout, robots, HTTP …
    start_pages: int = 0  # start URLs that answered
    causes: dict[str, list[str]] = field(default_factory=dict)  # cause → URLs
    lists: list[dict[str, object]] = field(default_factory=list)  # per list: pages, records, how its end was found

    def note_failure(self, cause: str, url: str) -> None:
        self.causes.setdefault(cause, []).append(url)

    def finish(self, reason: str = "finished") -> None:
        """Set `status` and `why` from what happened."""
        self.why = [f"{cause}: {len(urls)} request{'s' if len(urls) > 1 else ''}, e.g. {urls[0]}"
                    for cause, urls in sorted(self.causes.items())]
        if self.pages + self.not_modified == 0:
            self.status = "failed"
            if not self.why:
                self.why = ["nothing was fetched (no start page answered)"]
        elif self.failed or not self.start_pages or reason != "finished":
            self.status = "partial"
            if reason != "finished":
                self.why.append(f"crawl stopped before the end ({reason})")
            if not self.start_pages:
                self.why.append("no start page answered")
        else:
            self.status = "ok"


def failure_cause(failure: Any) -> str:
    """DNS, refused, timeout, robots, outside source, HTTP <status> or the error's type."""
    from scrapy.spidermiddlewares.httperror import HttpError
    from twisted.internet import error as terr

    if failure.check(HttpError):
        return f"HTTP {failure.value.response.status}"
    if failure.check(terr.DNSLookupError):
        return "DNS"
    if failure.check(terr.ConnectionRefusedError):
        return "refused"
    if failure.check(terr.TimeoutError, terr.TCPTimedOutError):
        return "timeout"
    if failure.check(IgnoreRequest):
        message = failure.getErrorMessage()
        return "robots" if "robots" in message else "outside source" if "outside source" in message else "ignored"
    if failure.check(terr.ConnectionLost, terr.ConnectionDone):
        return "connection lost"
    name = type(failure.value).__name__
    return "no answer" if name == "ResponseNeverReceived" else name


def _headers(response: Response) -> dict[str, str]:
    return {k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in response.headers.items()}


class ReportSpider(scrapy.Spider):
    name = "ogi-reports"

    def __init__(self, source: Source, data_dir: str, stats: CrawlStats, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.name = f"ogi-reports:{source.name}"  # per source: distributed queues are keyed by it
        self.source = source
        self.archive = Archive(data_dir)
        self.archive.register_sources([source])  # its region and aliases, for extraction and assembly later
        self.crawl_stats = stats
        self.started_at: str | None = None
        self.seen_reports: set[str] = set()
        self.list_failures = 0
        self.robots: RobotsGate | None = None
        self._idle_since: float | None = None
        self.lists: dict[str, ListState] = {}

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> "ReportSpider":
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._idle, signal=signals.spider_idle)
        return spider

    def _idle(self) -> None:
        """A distributed worker with nothing to do waits a while: the others may still queue work."""
        if not self.settings.getbool("OGI_DISTRIBUTED"):
            return
        now = time.monotonic()
        self._idle_since = self._idle_since or now
        if now - self._idle_since < self.settings.getfloat("OGI_IDLE_BEFORE_CLOSE", 10.0):
            raise DontCloseSpider

    # --- requests --------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        import asyncio

        self.started_at = utcnow()
        if self.settings.getbool("ROBOTSTXT_OBEY"):
            self.robots = RobotsGate(self.settings.get("USER_AGENT"), explicit_hosts=self.source.explicit_hosts)
            for url in self.source.start_urls:
                await asyncio.to_thread(self.robots.load, url)
        for url in self.source.start_urls:
            for request in self._request(Link(url, "column"), parent=None, depth=0):
                yield request

    def _request(self, link: Link, *, parent: str | None, depth: int, report_parent: str | None = None,
                 title: str | None = None, in_column: bool = False,
                 list_key: str | None = None) -> Iterator[scrapy.Request]:
        url = link.url  # a fragment is not sent, but a JS app may take its category from it (gkmlpt #2810)
        if not self.source.allows(url):
            return
        headers = dict(link.headers)
        if link.kind in ("report", "attachment", "maybe"):
            headers.update(self._conditional_headers(url))
        meta = {
            "kind": link.kind,
            "title": title or link.title,
            "parent": parent,
            "report_parent": report_parent,
            "depth": depth,
            "in_column": in_column,
            "link_url": url,
            "parse_as": link.parse_as,
            "download_slot": urlparse(url).netloc,  # host:port, so local portals on one IP crawl in parallel
            "list": list_key or (url if link.kind == "column" else None),  # the list a list page belongs to
            "probe": link.pagination == "probe",
            "start": depth == 0 and parent is None,
            "handle_httpstatus_list": [304, 404, 410],
        }
        # Scrapy's duplicate filter ignores fragments: "/gkmlpt/index#2810" is not "/gkmlpt/index"
        app_route = bool(re.search(r"#\d+$", url)) and link.kind == "column"
        yield scrapy.Request(url, method=link.method, body=link.body, headers=headers, meta=meta,
                             callback=self.parse, errback=self.failed, dont_filter=app_route)

    def _conditional_headers(self, url: str) -> dict[str, str]:
        latest = self.archive.latest(url)
        if latest is None:
            return {}
        out = {}
        hdrs = {k.lower(): v for k, v in latest.headers.items()}
        if "etag" in hdrs:
            out["If-None-Match"] = hdrs["etag"]
        if "last-modified" in hdrs:
            out["If-Modified-Since"] = hdrs["last-modified"]
        return out

    # --- responses ---------------------------------------------------------------------------

    def failed(self, failure: Any) -> None:
        request = failure.request
        cause = failure_cause(failure)
        if request.meta.get("probe") and request.meta.get("list") in self.lists:
            self.lists[request.meta["list"]].probe_failed = True
        if failure.check(IgnoreRequest) and not cause.startswith("HTTP "):  # robots.txt Disallow, outside the
            # source: skipped, not failed (an HTTP error after the retries is an IgnoreRequest too)
            self.crawl_stats.skipped.append(f"{request.url}: {failure.getErrorMessage()}")
            if request.meta.get("start"):  # a start page the crawl may not fetch: say why nothing came
                self.crawl_stats.note_failure(cause, request.url)
            return
        self.crawl_stats.note_failure(cause, request.url)
        self.crawl_stats.failed += 1
        self.crawl_stats.errors.append(f"{request.url}: {failure.getErrorMessage()}")
        if request.meta.get("kind") in ("list", "column"):
            self.list_failures += 1

    def parse(self, response: Response, **_: Any) -> Iterator[scrapy.Request]:
        self._idle_since = None
        meta = response.meta
        kind = meta["kind"]
        if response.status == 304:
            self.crawl_stats.not_modified += 1
            latest = self.archive.latest(response.url)
            if latest is not None and kind in ("report", "attachment", "maybe"):
                # not modified: a capture row saying so, the body it confirms, no new version
                try:
                    body = self.archive.blobs.get(latest.sha256)
                except (BlobCorrupt, KeyError) as exc:  # the archived copy is damaged: fetch it whole again
                    problem = "corrupt" if isinstance(exc, BlobCorrupt) else "missing"
                    self.crawl_stats.errors.append(f"{response.url}: archived copy {latest.sha256[:12]} is {problem}; "
                                                   "fetched again to repair it")
                    request = response.request
                    headers = {k: v for k, v in request.headers.items()
                               if k.lower() not in (b"if-none-match", b"if-modified-since")}
                    yield request.replace(headers=headers, dont_filter=True,
                                          meta={**request.meta, "repair": True})
                    return
                headers = {**latest.headers, **_headers(response)}
                stored = self.archive.record(source=self.source.name, url=response.url, body=body, status=304,
                                             headers=headers, kind=latest.kind, parent_url=meta["parent"])
                if kind == "attachment":
                    self._note_report(response.url, "attachment", meta["title"], meta["parent"], stored.sha256,
                                      changed=False, is_new_version=False)
                else:  # read the archived page again: its attachments are still part of the report
                    yield from self._parse_report(response.replace(status=200, body=body), headers, stored)
            return
        if meta.get("start"):
            self.crawl_stats.start_pages += 1
        if response.status in (404, 410):
            if kind in ("report", "attachment", "maybe"):
                self.archive.mark_removed(response.url)
            elif meta.get("probe") and meta.get("list") in self.lists:
                state = self.lists[meta["list"]]
                state.probe_end = state.probe_end or PROBED
            elif meta.get("start"):
                self.crawl_stats.note_failure(f"HTTP {response.status}", response.url)
            return
        self.crawl_stats.pages += 1
        headers = _headers(response)
        redirected_from = meta.get("redirect_urls")
        if redirected_from:  # kept under the URL it ended at; where it started is noted
            headers["X-OGI-Redirected-From"] = redirected_from[0]
        archive_kind = {"column": "list", "list": "list", "maybe": "report"}.get(kind, kind)
        stored = self.archive.record(
            source=self.source.name, url=response.url, final_url=response.url,
            body=response.body, status=response.status, headers=headers, method=response.request.method,
            kind=archive_kind, parent_url=meta["parent"],
        )
        if meta["parse_as"]:
            family = cms.BY_NAME[meta["parse_as"]]
            text = decode(response.body, headers.get("Content-Type")).text
            origin = Link(response.url, "list", method=response.request.method,
                          body=response.request.body.decode("latin-1") or None, parse_as=meta["parse_as"])
            yield from self._follow_list(family.parse_api(response.url, text, origin), response, in_column=True)
            return
        if kind in ("column", "list"):
            yield from self._parse_list(response, headers, meta["depth"], meta.get("in_column", False))
        elif kind in ("report", "maybe"):
            yield from self._parse_report(response, headers, stored)
        elif kind == "attachment":
            self._note_report(response.url, "attachment", meta["title"], meta["parent"], stored.sha256,
                              changed=stored.new_version, is_new_version=stored.new_version)

    def _parse_list(self, response: Response, headers: dict[str, str], depth: int,
                    in_column: bool) -> Iterator[scrapy.Request]:
        text = decode(response.body, headers.get("Content-Type")).text
        page_url = response.meta.get("link_url") or response.url  # with its #fragment
        family = cms.BY_NAME.get(self.source.cms or "") or cms.BY_NAME[cms.detect(page_url, text)]
        links = list(family.links(page_url, text))
        if family is not cms.static:
            links += cms.static.links(response.url, text)  # plain 下一页 links exist on CMS sites too
        for m in _A.finditer(text):
            before, href, after, inner = m.groups()
            title_attr = _TITLE_ATTR.search(before + " " + after)
            title = htmllib.unescape(title_attr.group(1) if title_attr else re.sub(r"<[^>]+>", "", inner)).strip()
            links.append(Link(urljoin(response.url, htmllib.unescape(href.strip())), "candidate", title))
        yield from self._follow_list(links, response, in_column=in_column)

    def _follow_list(self, links: list[Link], response: Response, *, in_column: bool) -> Iterator[scrapy.Request]:
        """Follow a list page's links, keeping its list's evidence: records new to the list, how
        the next pages are known; probe pages only while each adds records."""
        meta = response.meta
        key = meta.get("list") or response.url
        state = self.lists.setdefault(key, ListState(key))
        state.pages += 1
        records = [link.url for link in links if link.kind == "candidate"
                   and link_kind(link.title, link.url) in ("report", "maybe")]
        new = state.add_records(records)
        if meta.get("probe") and not new:
            state.probe_end = state.probe_end or (REPEAT if records else PROBED)
        for link in links:
            if link.kind == "list":
                state.saw(link.pagination)
                state.limit_hit = state.limit_hit or link.limit_hit
                if link.pagination == "probe" and (not new or not state.may_probe()):
                    continue
                yield from self._request(link, parent=response.url, depth=meta["depth"], in_column=in_column,
                                         list_key=key)
            else:
                yield from self._follow(link, response.url, meta["depth"], in_column=in_column)

    @staticmethod
    def _same_area(url: str, parent: str) -> bool:
        """A sub-column link stays on the parent's host."""
        return urlparse(url).netloc == urlparse(parent).netloc

    def _follow(self, link: Link, parent: str, depth: int, *, in_column: bool = False) -> Iterator[scrapy.Request]:
        if link.kind in ("list",):
            yield from self._request(link, parent=parent, depth=depth, in_column=in_column)
            return
        if link.kind == "attachment":
            return  # attachments of list pages belong to no report
        kind = link_kind(link.title, link.url)
        if kind == "column" and depth < MAX_COLUMN_DEPTH:
            yield from self._request(Link(link.url, "column", link.title), parent=parent, depth=depth + 1,
                                     in_column=True)
        elif kind == "hub" and depth < MAX_HUB_DEPTH and not in_column:
            yield from self._request(Link(link.url, "column", link.title), parent=parent, depth=depth + 1)
        elif kind == "subcolumn" and in_column and depth < MAX_COLUMN_DEPTH and self._same_area(link.url, parent):
            yield from self._request(Link(link.url, "column", link.title), parent=parent, depth=depth + 1,
                                     in_column=True)
        elif kind in ("report", "maybe"):
            target = viewer_file(link.url) or link.url
            as_kind = "attachment" if DOC_SUFFIX.search(target) else kind
            yield from self._request(Link(target, as_kind, link.title), parent=parent, depth=depth)

    def _parse_report(self, response: Response, headers: dict[str, str], stored: Any) -> Iterator[scrapy.Request]:
        meta = response.meta
        try:
            doc = extract_bytes(response.body, document_url=response.url, url=response.url,
                                content_type=headers.get("Content-Type"), region_hint=self.source.region)
        except ExtractionError as exc:
            self.crawl_stats.errors.append(f"{response.url}: {exc}")
            return
        if not doc.is_annual_report:
            return
        self._note_report(response.url, "page", doc.title or meta["title"], meta["parent"], stored.sha256,
                          changed=stored.new_version, is_new_version=stored.new_version)
        text = decode(response.body, headers.get("Content-Type")).text
        attachments = [l for l in cms.static.links(response.url, text) if l.kind == "attachment"]
        for m in _A.finditer(text):
            target = urljoin(response.url, htmllib.unescape(m.group(2).strip()))
            target = viewer_file(target) or target
            if DOC_SUFFIX.search(target):
                attachments.append(Link(target, "attachment", re.sub(r"<[^>]+>", "", m.group(4)).strip()))
        if doc.table_format.value == "none":  # 图片版: the images are the report
            for src in _IMG.findall(text):
                target = urljoin(response.url, src)
                if IMAGE_SUFFIX.search(target) and not re.search(r"(logo|banner|icon|ewm|qrcode|wza)", target, re.I):
                    attachments.append(Link(target, "attachment", doc.title))
        for link in attachments:
            yield from self._request(Link(link.url, "attachment", link.title), parent=response.url,
                                     depth=meta["depth"], report_parent=response.url, title=link.title or doc.title)

    def _note_report(self, url: str, kind: str, title: str | None, parent: str | None, sha256: str,
                     *, changed: bool, is_new_version: bool) -> None:
        if url in self.seen_reports:
            return
        self.seen_reports.add(url)
        new = self.archive.mark_report(url=url, source=self.source.name, title=title, kind=kind,
                                       parent_url=parent, sha256=sha256)
        self.crawl_stats.reports_found += 1
        if new:
            self.crawl_stats.reports_new += 1
        elif changed and is_new_version:
            self.crawl_stats.reports_changed += 1

    def closed(self, reason: str) -> None:
        self.crawl_stats.lists = [s.to_json() for s in self.lists.values() if s.records or s.evidence]
        self.crawl_stats.finish(reason)
        # a report no longer listed anywhere is gone upstream — only judged after a clean, complete crawl
        distributed = self.settings.getbool("OGI_DISTRIBUTED")  # judged by the coordinator instead
        if reason == "finished" and not self.list_failures and self.started_at and not distributed:
            for report in self.archive.reports(self.source.name, include_removed=False):
                if report["url"] not in self.seen_reports and report["last_seen"] < self.started_at:
                    self.archive.mark_removed(report["url"])
                    self.crawl_stats.reports_removed += 1
        self.archive.close()
