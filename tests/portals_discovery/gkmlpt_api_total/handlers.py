"""Dynamic part of a gkmlpt discovery portal: the list API the column's JavaScript app calls.

The same file serves gkmlpt_api_total and gkmlpt_probe; data/articles.json says which
(``states_total``).

``GET /gkmlpt/api/all/{catId}?page=N&sid=SID`` gives ``per_page`` articles a page (page 0 or
absent = 1)::

    states_total true:   {"articles": [...], "classify": {"id", "name"}, "total": N, "page": N}
    states_total false:  {"articles": [...]}

Each article: id, title, url (absolute, on the live base URL), identifier, publisher,
publish_time, display_publish_time, created_at, classify_main_name.  A page past the end has
``"articles": []`` (and the same total when totals are stated).  A wrong sid or category gives
no articles (total 0 when stated).

Articles: ``server.state["gkmlpt"]["articles"]`` (from data/articles.json, newest first, each
with the site ``path`` its url is made from); a test may change them.
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
    ok = req.params.get("sid") == data["sid"] and int(req.match["cat"]) == data["category_id"]
    articles = data["articles"] if ok else []
    per = data["per_page"]
    out = []
    for art in articles[(page - 1) * per : page * per]:
        item = {k: v for k, v in art.items() if k != "path"}
        item["url"] = req.base_url + art["path"]
        out.append(item)
    body: dict = {"articles": out}
    if data["states_total"]:
        body["classify"] = {"id": int(req.match["cat"]), "name": "政府信息公开年报" if ok else ""}
        body["total"] = len(articles)
        body["page"] = page
    return 200, JSON, json.dumps(body, ensure_ascii=False)


ROUTES = [("GET", r"/gkmlpt/api/all/(?P<cat>\d+)", api_all)]
