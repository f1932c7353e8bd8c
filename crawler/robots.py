"""robots.txt read before the first page of a host is requested.

Scrapy's RobotsTxtMiddleware lets requests through that were already in flight while
the host's robots.txt was being fetched (several first requests to one host), so the
crawl also checks here, with rules loaded once per host before any page is asked for.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urlparse
from urllib.robotparser import RobotFileParser


class RobotsGate:
    def __init__(self, user_agent: str, timeout: float = 20) -> None:
        self.user_agent = user_agent
        self.timeout = timeout
        self._rules: dict[str, RobotFileParser | None] = {}  # netloc → rules (None: allow all)

    def load(self, url: str) -> None:
        parsed = urlparse(url)
        netloc = parsed.netloc.lower()
        if netloc in self._rules:
            return
        robots_url = f"{parsed.scheme}://{parsed.netloc}/robots.txt"
        rules: RobotFileParser | None = None
        try:
            request = urllib.request.Request(robots_url, headers={"User-Agent": self.user_agent})
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310 (http(s) only)
                if answer.status == 200:
                    rules = RobotFileParser()
                    rules.parse(answer.read(512_000).decode("utf-8", "replace").splitlines())
        except urllib.error.HTTPError as exc:
            if exc.code in (401, 403):  # robots.txt itself forbidden: treat the site as disallowed
                rules = RobotFileParser()
                rules.disallow_all = True
        except (urllib.error.URLError, OSError, ValueError):
            rules = None  # unreachable robots.txt: Scrapy's own middleware decides again per request
        self._rules[netloc] = rules

    def allowed(self, url: str) -> bool:
        rules = self._rules.get(urlparse(url).netloc.lower())
        return True if rules is None else rules.can_fetch(self.user_agent, url)
