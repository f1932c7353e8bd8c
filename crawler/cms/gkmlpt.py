"""Guangdong gkmlpt: a JavaScript app whose list is JSON from /gkmlpt/api/all/{catId}?page=N&sid=…"""

from __future__ import annotations

import json
import math
import re
from urllib.parse import parse_qs, urljoin, urlparse

from crawler.links import Link

NAME = "gkmlpt"
_CAT = re.compile(r"""(?:catId|cat_id|CATID|catid|CATEGORY_ID|categoryId|category_id)['"]?\s*[:=]\s*['"]?(\d+)""")
_SID = re.compile(r"""(?:\bsid|\bSID|site_id|SITE_ID)['"]?\s*[:=]\s*['"]?(\w+)""")
_API = re.compile(r"/gkmlpt/api/all/(\d+)")


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


def parse_api(url: str, text: str) -> list[Link]:
    """A JSON page of articles; the first page also yields the requests for the others."""
    try:
        data = json.loads(text)
    except ValueError:
        return []
    articles = data.get("articles") or data.get("data") or []
    out = [Link(urljoin(url, a["url"]), "candidate", a.get("title")) for a in articles if isinstance(a, dict) and a.get("url")]
    query = parse_qs(urlparse(url).query)
    page = int((query.get("page") or ["1"])[0])
    total = data.get("total") or 0
    if page == 1 and articles and total > len(articles):
        pages = min(math.ceil(total / len(articles)), 1000)
        base = url.split("?")[0]
        sid = (query.get("sid") or [None])[0]
        for n in range(2, pages + 1):
            q = f"page={n}" + (f"&sid={sid}" if sid else "")
            out.append(Link(f"{base}?{q}", "list", parse_as="gkmlpt"))
    return out
