"""robots.txt read before the first page of a host is requested.

Scrapy's RobotsTxtMiddleware lets requests through that were already in flight while
the host's robots.txt was being fetched (several first requests to one host), so the
crawl also checks here, with rules loaded once per host before any page is asked for.
"""

from __future__ import annotations

import urllib.error
from urllib.parse import urlparse
from urllib.robotparser import RobotFileParser

from ogi.outbound import OutboundRefused, Policy, fetch


class RobotsGate:
    def __init__(self, user_agent: str, timeout: float = 20, explicit_hosts: frozenset[str] = frozenset()) -> None:
        self.user_agent = user_agent
        self.timeout = timeout
        self.policy = Policy(explicit=explicit_hosts, same_origin=True)  # robots.txt of this host, nowhere else
        self._rules: dict[str, RobotFileParser | None] = {}  # netloc → rules (None: allow all)

    def load(self, url: str) -> None:
        parsed = urlparse(url)
        netloc = parsed.netloc.lower()
        if netloc in self._rules:
            return
        robots_url = f"{parsed.scheme}://{parsed.netloc}/robots.txt"
        rules: RobotFileParser | None = None
        try:
            answer = fetch(robots_url, policy=self.policy, headers={"User-Agent": self.user_agent},
                           timeout=self.timeout, max_bytes=512_000)
            if answer.status == 200:
                rules = RobotFileParser()
                rules.parse(answer.body.decode("utf-8", "replace").splitlines())
            elif answer.status in (401, 403):  # robots.txt itself forbidden: treat the site as disallowed
                rules = RobotFileParser()
                rules.disallow_all = True
        except (OutboundRefused, urllib.error.URLError, OSError, ValueError):
            rules = None  # unreachable (or redirected off the host): Scrapy's own middleware decides again
        self._rules[netloc] = rules

    def allowed(self, url: str) -> bool:
        rules = self._rules.get(urlparse(url).netloc.lower())
        return True if rules is None else rules.can_fetch(self.user_agent, url)
