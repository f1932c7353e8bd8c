"""What the crawl follows: a link with what it is believed to be. No Scrapy import."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Link:
    url: str
    kind: str  # list | report | attachment | column | other
    title: str | None = None
    method: str = "GET"
    body: str | None = None  # form body of a POST (Hanweb's dataproxy)
    headers: dict[str, str] = field(default_factory=dict)
    parse_as: str | None = None  # how to read the answer: "html" (default) or a family's API format
    # list pages only: what says this page exists — "stated" (a total printed in the page),
    # "api" (a total in an API's answer), "next" (a 下一页 link), or "probe" (no total anywhere:
    # asked for in case it exists; followed only while each page adds records not seen before)
    pagination: str | None = None
    limit_hit: bool = False  # the family stopped at its page limit before the stated total
