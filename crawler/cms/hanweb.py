"""Hanweb (大汉) jpage lists: records in <script type="text/xml"><datastore>, more by POST to dataproxy.jsp."""

from __future__ import annotations

import html as htmllib
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlparse

from ogi.crawler.links import Link

NAME = "hanweb"
_DATASTORE = re.compile(r"<datastore>(.*?)</datastore>", re.S | re.I)
_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S | re.I)
_NEXTGROUP = re.compile(r"<nextgroup>\s*<!\[CDATA\[(.*?)\]\]>\s*</nextgroup>", re.S | re.I)
_HREF = re.compile(r"href\s*=\s*['\"]([^'\"]+)['\"]", re.I)
_A = re.compile(r"<a\b[^>]*?href\s*=\s*['\"]([^'\"]+)['\"]([^>]*)>(.*?)</a>", re.I | re.S)
_TITLE_ATTR = re.compile(r"title\s*=\s*['\"]([^'\"]+)['\"]", re.I)
_NUM = {name: re.compile(rf"{name}\s*[:=]\s*['\"]?(\d+)", re.I) for name in ("totalRecord", "perPage", "groupSize", "totalPage")}
_TAG = {name: re.compile(rf"<{name}>\s*(?:<!\[CDATA\[)?\s*(\d+)", re.I) for name in ("totalrecord", "totalpage")}
PROXY = "/module/web/jpage/dataproxy.jsp"
MAX_RECORDS = 20_000


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


def _numbers(text: str) -> dict[str, int]:
    """totalRecord/perPage/groupSize/totalPage from a jpage JS option, or the datastore's own
    <totalrecord>/<totalpage> (a proxy answer carries them)."""
    nums = {k: int(m.group(1)) for k, rx in _NUM.items() if (m := rx.search(text))}
    for tag, key in (("totalrecord", "totalRecord"), ("totalpage", "totalPage")):
        if key not in nums and (m := _TAG[tag].search(text)):
            nums[key] = int(m.group(1))
    return nums


def _total(nums: dict[str, int], per_page: int) -> int | None:
    if nums.get("totalRecord"):
        return nums["totalRecord"]
    if nums.get("totalPage"):
        return nums["totalPage"] * per_page
    return None


def _group_request(url: str, start: int, end: int, per_page: int, body: str, pagination: str,
                   limit_hit: bool = False) -> Link:
    query = urlencode({"startrecord": start, "endrecord": end, "perpage": per_page})
    return Link(urljoin(url, f"{PROXY}?{query}"), "list", method="POST", body=body,
                headers={"Content-Type": "application/x-www-form-urlencoded"}, parse_as="hanweb",
                pagination=pagination, limit_hit=limit_hit)


def _groups(url: str, after: int, total: int, per_page: int, step: int, body: str, pagination: str) -> list[Link]:
    """Requests for every group of records after the first `after`, up to the total."""
    out = []
    for start in range(after + 1, min(total, MAX_RECORDS) + 1, step):
        out.append(_group_request(url, start, min(start + step - 1, total), per_page, body, pagination,
                                  limit_hit=total > MAX_RECORDS))
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
    nums = _numbers(text)
    per_page = nums.get("perPage", 15) or 15
    group = nums.get("groupSize", 3) or 3
    total = _total(nums, per_page)
    shown = len(_records(url, text))
    form = {"col": "1", "appid": params.get("appid", "1"), "webid": params.get("webid", ""), "path": "/",
            "columnid": params.get("columnid", ""), "sourceContentType": "1", "unitid": params.get("unitid", ""),
            "webname": params.get("webname", ""), "permissiontype": "0"}
    step = per_page * group
    if total is not None:
        return out + _groups(url, shown, total, per_page, step, urlencode(form), "stated")
    if shown:  # no total in the page: ask the proxy for the next group; its answer may state one
        out.append(_group_request(url, shown + 1, shown + step, per_page, urlencode(form), "probe"))
    return out


def parse_api(url: str, text: str, origin: Link | None = None) -> list[Link]:
    """The dataproxy answer: the same XML datastore of records; the total it states (or, without
    one, a probe for the next group)."""
    out = _records(url, text)
    query = dict(parse_qsl(urlparse(url).query))
    try:
        start, end = int(query["startrecord"]), int(query["endrecord"])
        per_page = int(query.get("perpage") or 15) or 15
    except (KeyError, ValueError):
        return out
    body = origin.body if origin is not None and origin.body else ""
    step = end - start + 1
    total = _total(_numbers(text), per_page)
    if total is not None:  # the next group, known to exist (one answer at a time: no request asked twice)
        if end >= min(total, MAX_RECORDS):
            return out
        return out + [_group_request(url, end + 1, min(end + step, total), per_page, body, "api",
                                     limit_hit=total > MAX_RECORDS)]
    if out:
        out.append(_group_request(url, end + 1, end + step, per_page, body, "probe"))
    return out
