"""Downloader middlewares: requests kept inside their source and robots.txt; retries with backoff."""

from __future__ import annotations

import asyncio
from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest


class SourceBoundsMiddleware:
    """Drop requests outside the spider's source (other hosts, unnamed private addresses)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> "SourceBoundsMiddleware":
        return cls(crawler)

    def process_request(self, request: Any, spider: Any = None) -> None:
        spider = spider or self.crawler.spider  # newer Scrapy no longer passes the spider
        source = getattr(spider, "source", None)
        if source is not None and not source.allows(request.url):
            raise IgnoreRequest(f"outside source {source.name}: {request.url}")
        robots = getattr(spider, "robots", None)
        if robots is not None and not request.url.endswith("/robots.txt") and not robots.allowed(request.url):
            raise IgnoreRequest(f"Forbidden by robots.txt: {request.url}")
        return None


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry on 5xx/timeouts, waiting base·2^(n-1) seconds (capped) before retry n."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("OGI_RETRY_BACKOFF_BASE", 1.0)
        self.cap = settings.getfloat("OGI_RETRY_BACKOFF_MAX", 60.0)

    async def _later(self, result: Any) -> Any:
        if isinstance(result, Request):
            attempt = int(result.meta.get("retry_times", 1))
            delay = min(self.cap, self.base * 2 ** (attempt - 1))
            if delay > 0:
                await asyncio.sleep(delay)
        return result

    async def process_response(self, request: Any, response: Any, spider: Any = None) -> Any:  # type: ignore[override]
        return await self._later(super().process_response(request, response))

    async def process_exception(self, request: Any, exception: Exception, spider: Any = None) -> Any:  # type: ignore[override]
        return await self._later(super().process_exception(request, exception))
