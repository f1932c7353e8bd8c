"""Dynamic part of the static_pagejsp portal.

- ``GET /xxgk/ndbg/list.jsp`` (= ``?page=1``) … ``?page=5``: the 年报 column, 3 a page.
  The pager has 首页 / 上一页 / a window of three page numbers / 下一页 / 尾页, all written as
  ``list.jsp?page=N``.  Items link with ``../../art/...`` relative paths.  A page past the
  end lists nothing; a non-numeric page is page 1.
- ``GET /content.jsp?id=15872``: 301 to the canonical ``/art/2022/1/28/art_3187_15872.html``
  (absolute Location on the same host, as Tomcat's sendRedirect writes it).
- ``GET /link.jsp?id=1031``: 302 to a page on www.kaifeng.gov.cn (another host).
- Unknown ids answer 404.

Records: ``server.state["list"]["records"]`` (from data/list.json); page chrome from
data/list_template.json; redirect targets from data/redirects.json.
"""

from __future__ import annotations

import copy
import json
from html import escape
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
HTML = {"Content-Type": "text/html;charset=UTF-8"}


def setup(server) -> None:
    server.state["list"] = copy.deepcopy(
        json.loads((DATA / "list.json").read_text(encoding="utf-8"))
    )
    server.state["list_template"] = json.loads(
        (DATA / "list_template.json").read_text(encoding="utf-8")
    )["html"]
    server.state["redirects"] = json.loads(
        (DATA / "redirects.json").read_text(encoding="utf-8")
    )


def _not_found():
    return (
        404,
        HTML,
        "<html><body><h1>HTTP Status 404 - 信息不存在或已删除</h1></body></html>",
    )


def ndbg_list(req):
    data = req.state["list"]
    records, per = data["records"], data["per_page"]
    pages = max((len(records) + per - 1) // per, 1)
    try:
        page = int(req.params.get("page") or 1)
    except ValueError:
        page = 1
    page = max(page, 1)
    chunk = records[(page - 1) * per : page * per]
    lis = "\n".join(
        f'<li><a href="{r["href"]}" target="_blank" title="{escape(r["title"])}">{escape(r["title"])}</a>'
        f"<span>[{r['date']}]</span></li>"
        for r in chunk
    )
    nav = ['<a href="list.jsp?page=1">首页</a>']
    nav.append(
        f'<a href="list.jsp?page={page - 1}">上一页</a>'
        if page > 1
        else "<span>上一页</span>"
    )
    lo = min(max(page - 1, 1), max(pages - 2, 1))
    for n in range(lo, min(lo + 2, pages) + 1):
        nav.append(
            f"<b>{n}</b>" if n == page else f'<a href="list.jsp?page={n}">{n}</a>'
        )
    nav.append(
        f'<a href="list.jsp?page={page + 1}">下一页</a>'
        if page < pages
        else "<span>下一页</span>"
    )
    nav.append(f'<a href="list.jsp?page={pages}">尾页</a>')
    body = f"""<div class="lmtitle">政府信息公开年报</div>
<ul class="list">
{lis}
</ul>
<div class="pages">共{len(records)}条记录　每页{per}条　第{page}/{pages}页　{" ".join(nav)}　转到第<input type="text" id="pageNo" size="2" />页 <a href="javascript:goPage({pages})">GO</a></div>"""
    return 200, HTML, req.state["list_template"].replace("{{BODY}}", body)


def content(req):
    target = req.state["redirects"]["content"].get(req.params.get("id", ""))
    if target is None:
        return _not_found()
    return 301, {"Location": req.base_url + target, **HTML}, ""


def link(req):
    target = req.state["redirects"]["link"].get(req.params.get("id", ""))
    if target is None:
        return _not_found()
    return 302, {"Location": target, **HTML}, ""


ROUTES = [
    ("GET", r"/xxgk/ndbg/list\.jsp", ndbg_list),
    ("GET", r"/content\.jsp", content),
    ("GET", r"/link\.jsp", link),
]
