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
