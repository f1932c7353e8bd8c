"""Scrapy extension: a one-line progress display per crawl on a terminal (stderr)."""

from __future__ import annotations

import sys
from typing import Any

from scrapy import signals
from twisted.internet import task


class TerminalProgress:
    def __init__(self, crawler: Any, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> "TerminalProgress":
        ext = cls(crawler, crawler.settings.getfloat("OGI_PROGRESS_INTERVAL", 2.0))
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def opened(self, spider: Any) -> None:
        if sys.stderr.isatty():
            self.loop = task.LoopingCall(self.show, spider)
            self.loop.start(self.interval, now=False)

    def show(self, spider: Any) -> None:
        st = spider.crawl_stats
        sys.stderr.write(f"\r{st.source}: {st.pages} pages, {st.not_modified} not modified, "
                         f"{st.reports_found} reports ({st.reports_new} new), {st.failed} failed   ")
        sys.stderr.flush()

    def closed(self, spider: Any) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
            self.show(spider)
            sys.stderr.write("\n")
