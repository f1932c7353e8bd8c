"""CMS families: one small module each, all with the same two functions.

    detect(url, text) -> bool          is this page built by the family?
    links(url, text) -> list[Link]     list pagination, report links and API calls the
                                       generic crawl cannot see in plain <a> tags
    parse_api(url, text) -> list[Link] (optional) read an API answer (JSON/XML list)

The generic crawl (crawler/spider.py) asks every family; adding one means adding a
module here and its name to FAMILIES, nothing else.
"""

from __future__ import annotations

from types import ModuleType

from ogi.crawler.cms import gkmlpt, hanweb, static, trs

FAMILIES: tuple[ModuleType, ...] = (trs, hanweb, gkmlpt, static)
BY_NAME = {m.NAME: m for m in FAMILIES}


def detect(url: str, text: str) -> str:
    for family in FAMILIES:
        if family is not static and family.detect(url, text):
            return family.NAME
    return static.NAME
