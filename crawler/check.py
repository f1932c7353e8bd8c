"""`ogi sources check`: does each source's start page answer, and which CMS family is it?

One polite GET per start URL (robots.txt is read first and obeyed), no crawl. Used before
a harvest on a new sources file, e.g. the shipped `sources/real-portals.yaml`, whose entries
are unverified until checked from a machine that can reach them.
"""

from __future__ import annotations

import urllib.error
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Sequence

from ogi.crawler.cms import detect
from ogi.crawler.robots import RobotsGate
from ogi.crawler.sources import Source
from ogi.decoding import decode
from ogi.outbound import OutboundRefused, Policy, fetch, refusal

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


def _allowed(url: str, timeout: float, policy: Policy) -> bool:
    """robots.txt of the URL's own host, read as the crawl reads it (unreadable: allowed)."""
    gate = RobotsGate(USER_AGENT, timeout, explicit_hosts=policy.explicit)
    gate.load(url)
    return gate.allowed(url)


def check_url(source: Source, url: str, timeout: float = 15.0) -> SourceCheck:
    base = dict(source=source.name, url=url, configured_cms=source.cms, verified=source.verified)
    policy = Policy(explicit=source.explicit_hosts)
    why = refusal(url, policy)
    if why:
        return SourceCheck(ok=False, status=None, cms=None, final_url=None, error=why, **base)
    if not _allowed(url, timeout, policy):
        return SourceCheck(ok=False, status=None, cms=None, final_url=None, error="disallowed by robots.txt", **base)
    try:  # every redirect is checked at its hop: http(s) only, no private address the source did not name
        answer = fetch(url, policy=policy, headers={"User-Agent": USER_AGENT}, timeout=timeout, max_bytes=MAX_BYTES)
    except OutboundRefused as exc:
        return SourceCheck(ok=False, status=None, cms=None, final_url=None, error=f"refused: {exc}", **base)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return SourceCheck(ok=False, status=None, cms=None, final_url=None, error=str(reason)[:200], **base)
    if not 200 <= answer.status < 300:
        return SourceCheck(ok=False, status=answer.status, cms=None, final_url=None, error=f"HTTP {answer.status}",
                           **base)
    body, final, status = answer.body, answer.url, answer.status
    ctype = next((v for k, v in answer.headers.items() if k.lower() == "content-type"), None)
    text = decode(body, ctype).text if body else ""
    return SourceCheck(ok=200 <= status < 300, status=status, cms=detect(final, text), final_url=final, error=None,
                       **base)


def check_sources(sources: Sequence[Source], timeout: float = 15.0, workers: int = 8) -> list[SourceCheck]:
    jobs = [(s, u) for s in sources for u in s.start_urls]
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(jobs) or 1))) as pool:
        return list(pool.map(lambda job: check_url(job[0], job[1], timeout), jobs))
