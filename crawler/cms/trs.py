"""TRS WCM: list pages index.html, index_1.html … written by createPageHTML() in a script."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

from ogi.crawler.links import Link

NAME = "trs"
MAX_PAGES = 500
_PAGER = re.compile(r"createPageHTML\(\s*['\"]?(\d+)['\"]?\s*,\s*['\"]?(\d+)['\"]?\s*,\s*['\"]([\w-]+)['\"]\s*,\s*['\"](\w+)['\"]")
_DETAIL = re.compile(r"/\d{6}/t\d{8}_\d+\.s?html?$")
_DETAIL_HREF = re.compile(r"href\s*=\s*['\"][^'\"]*/?\d{6}/t\d{8}_\d+\.s?html?['\"]", re.I)
_LIST_PAGE = re.compile(r"/(index|default)(?:_(\d+))?\.(s?html?)$")


def detect(url: str, text: str) -> bool:
    return "createPageHTML" in text or "TRS_Editor" in text or bool(_DETAIL.search(url)) or bool(
        _DETAIL_HREF.search(text))


def links(url: str, text: str) -> list[Link]:
    out = []
    for m in _PAGER.finditer(text):
        pages, name, ext = int(m.group(1)), m.group(3), m.group(4)
        for n in range(min(pages, MAX_PAGES)):
            page = f"{name}.{ext}" if n == 0 else f"{name}_{n}.{ext}"
            out.append(Link(urljoin(url, page), "list", pagination="stated", limit_hit=pages > MAX_PAGES))
    if not out and _DETAIL_HREF.search(text):
        # a list of TRS articles with no createPageHTML call: ask for the next page in case it exists
        path = urlparse(url).path
        m = _LIST_PAGE.search(path)
        if m:
            n = int(m.group(2) or 0) + 1
            out.append(Link(urljoin(url, f"{m.group(1)}_{n}.{m.group(3)}"), "list", pagination="probe"))
        elif path.endswith("/"):
            out.append(Link(urljoin(url, "index_1.html"), "list", pagination="probe"))
    return out
