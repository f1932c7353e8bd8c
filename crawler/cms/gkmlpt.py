"""Guangdong gkmlpt: a JavaScript app whose list is JSON from /gkmlpt/api/all/{catId}?page=N&sid=…"""

from __future__ import annotations

import json
import math
import re
from urllib.parse import parse_qs, urljoin, urlparse

from ogi.crawler.links import Link

NAME = "gkmlpt"
_CAT = re.compile(r"""(?:catId|cat_id|CATID|catid|CATEGORY_ID|categoryId|category_id)['"]?\s*[:=]\s*['"]?(\d+)""")
_SID = re.compile(r"""(?:\bsid|\bSID|site_id|SITE_ID)['"]?\s*[:=]\s*['"]?(\w+)""")
_API = re.compile(r"/gkmlpt/api/all/(\d+)")
MAX_PAGES = 1000


def detect(url: str, text: str) -> bool:
    return "gkmlpt" in url or "gkmlpt" in text


def links(url: str, text: str) -> list[Link]:
    cats = set(_CAT.findall(text)) | set(_API.findall(text))
    hash_cat = re.search(r"#(\d+)$", url)
    if hash_cat:
        cats.add(hash_cat.group(1))
    sid = _SID.search(text)
    out = []
    for cat in sorted(cats):
        query = f"page=1&sid={sid.group(1)}" if sid else "page=1"
        out.append(Link(urljoin(url, f"/gkmlpt/api/all/{cat}?{query}"), "list", parse_as="gkmlpt"))
    return out


def parse_api(url: str, text: str, origin: Link | None = None) -> list[Link]:
    """A JSON page of articles: requests for the other pages when the answer states a total,
    else a probe for the next page."""
    try:
        data = json.loads(text)
    except ValueError:
        return []
    if not isinstance(data, dict):
        return []
    articles = data.get("articles") or data.get("data") or []
    if not isinstance(articles, list):
        articles = []
    out = [Link(urljoin(url, a["url"]), "candidate", a.get("title")) for a in articles if isinstance(a, dict) and a.get("url")]
    query = parse_qs(urlparse(url).query)
    try:
        page = int((query.get("page") or ["1"])[0])
    except ValueError:
        return out
    base = url.split("?")[0]
    sid = (query.get("sid") or [None])[0]

    def page_link(n: int, pagination: str, limit_hit: bool = False) -> Link:
        return Link(f"{base}?page={n}" + (f"&sid={sid}" if sid else ""), "list", parse_as="gkmlpt",
                    pagination=pagination, limit_hit=limit_hit)

    total = data.get("total") or data.get("count") or data.get("totalCount")
    per_page = data.get("per_page") or data.get("pageSize") or len(articles)
    if isinstance(total, (int, str)) and str(total).isdigit() and per_page:
        pages = math.ceil(int(total) / int(per_page))
        if page != 1:  # the first answer asked for every page already
            return out
        return out + [page_link(n, "api", pages > MAX_PAGES) for n in range(2, min(pages, MAX_PAGES) + 1)]
    if articles:
        out.append(page_link(page + 1, "probe"))
    return out
