"""Dynamic part of the gkmlpt portal: the list API the column's JavaScript app calls.

``GET /gkmlpt/api/all/{catId}?page=N&sid=SID`` answers

    {"articles": [{"id", "title", "url", "publish_time", "display_publish_time",
                   "created_at", "identifier", "publisher", ...}, ...],
     "classify": {"id": catId, "name": "政府信息公开年报"}, "total": N, "page": N}

``url`` is absolute and carries the live base URL of the server (as the real API carries
the site's own host).  ``page`` starts at 1 (0 or absent = 1); 5 articles a page here (real
sites use bigger pages); a page past the end has no articles but the same total.  A wrong
``sid`` or another category gives no articles and total 0.

The articles are ``server.state["gkmlpt"]["articles"]`` (from data/articles.json, newest
first, each with the site ``path`` the url is made from); a test may change them.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "articles.json"
JSON = {"Content-Type": "application/json"}


def setup(server) -> None:
    server.state["gkmlpt"] = copy.deepcopy(json.loads(DATA.read_text(encoding="utf-8")))


def api_all(req):
    data = req.state["gkmlpt"]
    try:
        page = max(int(req.params.get("page") or 1), 1)
    except ValueError:
        page = 1
    ok = req.params.get("sid") == data["sid"] and int(req.match["cat"]) == data["category_id"]
    articles = data["articles"] if ok else []
    per = data["per_page"]
    chunk = articles[(page - 1) * per : page * per]
    out = []
    for art in chunk:
        item = {k: v for k, v in art.items() if k != "path"}
        item["url"] = req.base_url + art["path"]
        out.append(item)
    body = {
        "articles": out,
        "classify": {"id": int(req.match["cat"]), "name": "政府信息公开年报" if ok else ""},
        "total": len(articles),
        "page": page,
    }
    return 200, JSON, json.dumps(body, ensure_ascii=False)


ROUTES = [("GET", r"/gkmlpt/api/all/(?P<cat>\d+)", api_all)]
