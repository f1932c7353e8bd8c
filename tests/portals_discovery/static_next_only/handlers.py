"""Dynamic part of static_next_only: a PHP list paged by ``?page=N`` that links only 下一页.

``GET /xxgk/ndbg/list.php`` (= ``?page=1``) … ``?page=5`` list ``per_page`` records each.  The
pager is only ``上一页`` / ``下一页`` as ``list.php?page=N`` links: no page numbers, no 尾页,
no total.  On page 1 上一页 is plain text; on the last page 下一页 is plain text.  A page past
the end lists nothing and has no 下一页 (上一页 still links back).  A non-numeric page is 1.

Records: ``server.state["list"]["records"]`` (from data/list.json, newest first); the page
chrome is data/list.json's ``template`` with {{ROWS}} and {{PAGER}}.
"""

from __future__ import annotations

import copy
import json
from html import escape
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "list.json"


def setup(server) -> None:
    server.state["list"] = copy.deepcopy(json.loads(DATA.read_text(encoding="utf-8")))


def list_page(req):
    data = req.state["list"]
    records, per = data["records"], data["per_page"]
    try:
        page = max(int(req.params.get("page") or 1), 1)
    except ValueError:
        page = 1
    chunk = records[(page - 1) * per : page * per]
    rows = "\n".join(
        f'<tr><td height="28">·<a href="{r["url"]}" target="_blank" title="{escape(r["title"])}">'
        f'{escape(r["title"])}</a></td><td width="90">{r["date"]}</td></tr>'
        for r in chunk
    )
    prev = f'<a href="list.php?page={page - 1}">上一页</a>' if page > 1 else "<span>上一页</span>"
    more = page * per < len(records)
    nxt = f'<a href="list.php?page={page + 1}">下一页</a>' if more else "<span>下一页</span>"
    pager = f'<div class="pager" align="center">{prev}　{nxt}</div>'
    html = data["template"].replace("{{ROWS}}", rows).replace("{{PAGER}}", pager)
    return 200, {"Content-Type": "text/html; charset=utf-8"}, html


ROUTES = [("GET", r"/xxgk/ndbg/list\.php", list_page)]
