"""TRS WCM: list pages index.html, index_1.html … written by createPageHTML() in a script."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from crawler.links import Link

NAME = "trs"
_PAGER = re.compile(r"createPageHTML\(\s*['\"]?(\d+)['\"]?\s*,\s*['\"]?(\d+)['\"]?\s*,\s*['\"]([\w-]+)['\"]\s*,\s*['\"](\w+)['\"]")
_DETAIL = re.compile(r"/\d{6}/t\d{8}_\d+\.s?html?$")


def detect(url: str, text: str) -> bool:
    return "createPageHTML" in text or "TRS_Editor" in text or bool(_DETAIL.search(url))


def links(url: str, text: str) -> list[Link]:
    out = []
    for m in _PAGER.finditer(text):
        pages, name, ext = int(m.group(1)), m.group(3), m.group(4)
        for n in range(min(pages, 500)):
            page = f"{name}.{ext}" if n == 0 else f"{name}_{n}.{ext}"
            out.append(Link(urljoin(url, page), "list"))
    return out
