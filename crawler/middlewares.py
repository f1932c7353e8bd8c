"""Downloader middleware keeping every request — redirects included — inside its source."""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import IgnoreRequest


class SourceBoundsMiddleware:
    """Drop requests outside the spider's source (other hosts, unnamed private addresses)."""

    def process_request(self, request: Any, spider: Any = None) -> None:
        source = getattr(spider, "source", None)
        if source is not None and not source.allows(request.url):
            stats = getattr(spider, "crawl_stats", None)
            if stats is not None:
                stats.errors.append(f"{request.url}: outside the source, not fetched")
            raise IgnoreRequest(f"outside source {source.name}: {request.url}")
        return None
