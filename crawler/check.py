"""`ogi sources check`: does each source's start page answer, and which CMS family is it?

One polite GET per start URL (robots.txt is read first and obeyed), no crawl. Used before
a harvest on a new sources file, e.g. the shipped `sources/real-portals.yaml`, whose entries
are unverified until checked from a machine that can reach them.
"""

from __future__ import annotations

import urllib.error
import urllib.request
import urllib.robotparser
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Sequence
from urllib.parse import urljoin

from crawler.cms import detect
from crawler.sources import Source
from ogi.decoding import decode

USER_AGENT = "OGI-Archive/0.1 (+https://github.com/ogi-archive; annual-report archive; sources check)"
MAX_BYTES = 2_000_000


@dataclass(frozen=True)
class SourceCheck:
    source: str
    url: str
    ok: bool
    status: int | None  # HTTP status, None when nothing answered
    cms: str | None  # detected family (trs, hanweb, gkmlpt, static), None when not fetched
    configured_cms: str | None
    final_url: str | None
    error: str | None
    verified: bool

    @property
    def cms_matches(self) -> bool | None:
        if self.cms is None or not self.configured_cms or self.configured_cms == "other":
            return None
        return self.cms == self.configured_cms


def _allowed(url: str, timeout: float) -> bool:
    robots = urllib.robotparser.RobotFileParser()
    try:
        request = urllib.request.Request(urljoin(url, "/robots.txt"), headers={"User-Agent": USER_AGENT})
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) only, checked)
            robots.parse(response.read(200_000).decode("utf-8", "replace").splitlines())
    except (urllib.error.URLError, OSError, ValueError):
        return True  # no robots.txt (or none readable): allowed, as crawlers treat it
    return robots.can_fetch(USER_AGENT, url)


def check_url(source: Source, url: str, timeout: float = 15.0) -> SourceCheck:
    base = dict(source=source.name, url=url, configured_cms=source.cms, verified=source.verified)
    if not url.startswith(("http://", "https://")):
        return SourceCheck(ok=False, status=None, cms=None, final_url=None, error="not an http(s) URL", **base)
    if not _allowed(url, timeout):
        return SourceCheck(ok=False, status=None, cms=None, final_url=None, error="disallowed by robots.txt", **base)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body = response.read(MAX_BYTES)
            final = response.geturl()
            status = response.status
            ctype = response.headers.get("Content-Type")
    except urllib.error.HTTPError as exc:
        return SourceCheck(ok=False, status=exc.code, cms=None, final_url=None, error=f"HTTP {exc.code}", **base)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return SourceCheck(ok=False, status=None, cms=None, final_url=None, error=str(reason)[:200], **base)
    text = decode(body, ctype).text if body else ""
    return SourceCheck(ok=200 <= status < 300, status=status, cms=detect(final, text), final_url=final, error=None,
                       **base)


def check_sources(sources: Sequence[Source], timeout: float = 15.0, workers: int = 8) -> list[SourceCheck]:
    jobs = [(s, u) for s in sources for u in s.start_urls]
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(jobs) or 1))) as pool:
        return list(pool.map(lambda job: check_url(job[0], job[1], timeout), jobs))
