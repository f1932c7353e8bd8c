"""Hanweb (大汉) jpage lists: records in <script type="text/xml"><datastore>, more by POST to dataproxy.jsp."""

from __future__ import annotations

import html as htmllib
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlparse

from crawler.links import Link

NAME = "hanweb"
_DATASTORE = re.compile(r"<datastore>(.*?)</datastore>", re.S | re.I)
_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S | re.I)
_NEXTGROUP = re.compile(r"<nextgroup>\s*<!\[CDATA\[(.*?)\]\]>\s*</nextgroup>", re.S | re.I)
_HREF = re.compile(r"href\s*=\s*['\"]([^'\"]+)['\"]", re.I)
_A = re.compile(r"<a\b[^>]*?href\s*=\s*['\"]([^'\"]+)['\"]([^>]*)>(.*?)</a>", re.I | re.S)
_TITLE_ATTR = re.compile(r"title\s*=\s*['\"]([^'\"]+)['\"]", re.I)
_NUM = {name: re.compile(rf"{name}\s*[:=]\s*['\"]?(\d+)", re.I) for name in ("totalRecord", "perPage", "groupSize", "totalPage")}
PROXY = "/module/web/jpage/dataproxy.jsp"


def detect(url: str, text: str) -> bool:
    return "<datastore>" in text or "/module/web/jpage/" in text or bool(re.search(r"/col/col\d+/", url))


def _records(url: str, text: str) -> list[Link]:
    out = []
    for block in _DATASTORE.findall(text):
        for record in _RECORD.findall(block):
            for href, attrs, inner in _A.findall(record):
                title_attr = _TITLE_ATTR.search(attrs)
                title = htmllib.unescape(title_attr.group(1) if title_attr else re.sub(r"<[^>]+>", "", inner)).strip()
                out.append(Link(urljoin(url, href.strip()), "candidate", title))
    return out


def links(url: str, text: str) -> list[Link]:
    out = _records(url, text)
    if "<datastore>" not in text:
        return out
    params: dict[str, str] = {}
    for group in _NEXTGROUP.findall(text):
        href = _HREF.search(group)
        if href:
            params.update(dict(parse_qsl(urlparse(htmllib.unescape(href.group(1))).query)))
    column = re.search(r"/col/col(\d+)/", url)
    params.setdefault("columnid", column.group(1) if column else "")
    for key in ("webid", "unitid"):
        if key not in params:
            m = re.search(rf"{key}\s*[:=]\s*['\"]?(\d+)", text, re.I)
            if m:
                params[key] = m.group(1)
    nums = {k: int(m.group(1)) for k, rx in _NUM.items() if (m := rx.search(text))}
    per_page = nums.get("perPage", 15) or 15
    group = nums.get("groupSize", 3) or 3
    total = nums.get("totalRecord")
    if total is None and "totalPage" in nums:
        total = nums["totalPage"] * per_page
    shown = len(_records(url, text))
    if not total or total <= shown:
        return out
    form = {"col": "1", "appid": params.get("appid", "1"), "webid": params.get("webid", ""), "path": "/",
            "columnid": params.get("columnid", ""), "sourceContentType": "1", "unitid": params.get("unitid", ""),
            "webname": params.get("webname", ""), "permissiontype": "0"}
    step = per_page * group
    for start in range(shown + 1, min(total, 20_000) + 1, step):
        end = min(start + step - 1, total)
        query = urlencode({"startrecord": start, "endrecord": end, "perpage": per_page})
        out.append(Link(urljoin(url, f"{PROXY}?{query}"), "list", method="POST", body=urlencode(form),
                        headers={"Content-Type": "application/x-www-form-urlencoded"}, parse_as="hanweb"))
    return out


def parse_api(url: str, text: str) -> list[Link]:
    """The dataproxy answer: the same XML datastore of records."""
    return _records(url, text)
