"""Dynamic part of the gkmlpt_dept portal: the list API of the gkmlpt app.

``GET /gkmlpt/api/all/{catId}?page=N&sid=SID`` answers

    {"articles": [{"id", "title", "url", "publish_time", "display_publish_time",
                   "first_publish_time", "created_at", "date", "identifier", "publisher", ...}],
     "classify": {"id": catId, "name": ...}, "total": N, "page": N}

The column is category 2810 of sid 200034, 4 articles a page, 10 in all.  The shell page
/gkmlpt/index does not name the category: it is only in the link's fragment (#2810).
``url`` is absolute and carries the live base URL.  page 0 or no page = page 1; a page past
the end has no articles but the same total.  A wrong sid or another category: total 0.

Articles: ``server.state["gkmlpt"]["articles"]`` (from data/articles.json, newest first).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "articles.json"
JSON = {"Content-Type": "application/json;charset=UTF-8"}


def setup(server) -> None:
    server.state["gkmlpt"] = copy.deepcopy(json.loads(DATA.read_text(encoding="utf-8")))


def api_all(req):
    data = req.state["gkmlpt"]
    try:
        page = max(int(req.params.get("page") or 1), 1)
    except ValueError:
        page = 1
    ok = (
        req.params.get("sid") == data["sid"]
        and int(req.match["cat"]) == data["category_id"]
    )
    articles = data["articles"] if ok else []
    per = data["per_page"]
    out = []
    for art in articles[(page - 1) * per : page * per]:
        item = {k: v for k, v in art.items() if k != "path"}
        item["url"] = req.base_url + art["path"]
        out.append(item)
    body = {
        "articles": out,
        "classify": {
            "id": int(req.match["cat"]),
            "name": "政府信息公开年报" if ok else "",
        },
        "total": len(articles),
        "page": page,
    }
    return 200, JSON, json.dumps(body, ensure_ascii=False)


ROUTES = [("GET", r"/gkmlpt/api/all/(?P<cat>\d+)", api_all)]
