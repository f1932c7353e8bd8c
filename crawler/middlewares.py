"""Downloader middleware keeping every request — redirects included — inside its source and its robots.txt."""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import IgnoreRequest


class SourceBoundsMiddleware:
    """Drop requests outside the spider's source (other hosts, unnamed private addresses)."""

    def process_request(self, request: Any, spider: Any = None) -> None:
        source = getattr(spider, "source", None)
        if source is not None and not source.allows(request.url):
            raise IgnoreRequest(f"outside source {source.name}: {request.url}")
        robots = getattr(spider, "robots", None)
        if robots is not None and not request.url.endswith("/robots.txt") and not robots.allowed(request.url):
            raise IgnoreRequest(f"Forbidden by robots.txt: {request.url}")
        return None
