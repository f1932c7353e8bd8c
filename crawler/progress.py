"""Progress of long crawls: one line per source (pages, reports found, errors, rate).

On a terminal the lines are redrawn in place; elsewhere (a log file, a pipe) plain lines are
written every few seconds. A crawl run in a child process (the harvest) writes machine lines
(`OGI_PROGRESS=lines`), which the parent renders on its own terminal with `ProgressBoard`.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any, TextIO

from scrapy import signals
from twisted.internet import task

PREFIX = "ogi-progress\t"


class ProgressBoard:
    """Lines by source, drawn live on a terminal or written plainly (at most every `every` s)."""

    def __init__(self, out: TextIO | None = None, *, live: bool | None = None, every: float = 10.0) -> None:
        self.out = out or sys.stderr
        self.live = self.out.isatty() if live is None else live
        self.every = every
        self.lines: dict[str, str] = {}
        self._drawn = 0
        self._last_plain: dict[str, float] = {}

    def update(self, state: dict[str, Any], *, final: bool = False) -> None:
        source = str(state.get("source"))
        line = describe(state)
        self.lines[source] = line
        if self.live:
            up = f"\x1b[{self._drawn}F" if self._drawn else ""
            self.out.write(up + "".join(f"\x1b[2K{text}\n" for text in self.lines.values()))
            self._drawn = len(self.lines)
        elif final or time.monotonic() - self._last_plain.get(source, 0.0) >= self.every:
            self._last_plain[source] = time.monotonic()
            self.out.write(line + "\n")
        self.out.flush()

    def feed(self, raw: str) -> bool:
        """A line a child crawl wrote to stderr: drawn when it is a progress line (True)."""
        if not raw.startswith(PREFIX):
            return False
        try:
            state = json.loads(raw[len(PREFIX):])
        except ValueError:
            return False
        self.update(state, final=bool(state.get("final")))
        return True


def describe(state: dict[str, Any]) -> str:
    elapsed = max(float(state.get("elapsed") or 0.0), 1e-6)
    rate = float(state.get("pages") or 0) / elapsed
    return (f"{state.get('source')}: {state.get('pages', 0)} pages ({rate:.1f}/s), "
            f"{state.get('reports_found', 0)} reports ({state.get('reports_new', 0)} new), "
            f"{state.get('failed', 0)} errors, {int(elapsed)} s" + (" — done" if state.get("final") else ""))


_BOARD: ProgressBoard | None = None  # one per process: the sources of one crawl share the terminal


class CrawlProgress:
    """Scrapy extension: the progress of each source's spider, every OGI_PROGRESS_INTERVAL s."""

    def __init__(self, crawler: Any, interval: float, mode: str) -> None:
        self.crawler = crawler
        self.interval = interval
        self.mode = mode  # auto (terminal: live, else plain lines) | lines (for a parent process) | off
        self.loop: task.LoopingCall | None = None
        self.started = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Any) -> "CrawlProgress":
        mode = os.environ.get("OGI_PROGRESS") or crawler.settings.get("OGI_PROGRESS", "auto")
        ext = cls(crawler, crawler.settings.getfloat("OGI_PROGRESS_INTERVAL", 2.0), mode)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def opened(self, spider: Any) -> None:
        if self.mode == "off":
            return
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.show, spider)
        self.loop.start(self.interval, now=False)

    def _state(self, spider: Any, final: bool) -> dict[str, Any]:
        st = spider.crawl_stats
        return {"source": st.source, "pages": st.pages + st.not_modified, "reports_found": st.reports_found,
                "reports_new": st.reports_new, "failed": st.failed, "elapsed": round(time.monotonic() - self.started, 1),
                "final": final}

    def show(self, spider: Any, final: bool = False) -> None:
        global _BOARD
        state = self._state(spider, final)
        if self.mode == "lines":
            sys.stderr.write(PREFIX + json.dumps(state, ensure_ascii=False) + "\n")
            sys.stderr.flush()
            return
        if _BOARD is None:
            _BOARD = ProgressBoard(sys.stderr, every=max(10.0, self.interval))
        _BOARD.update(state, final=final)

    def closed(self, spider: Any) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
            self.show(spider, final=True)
