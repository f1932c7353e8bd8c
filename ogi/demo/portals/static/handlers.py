"""Dynamic part of the static portal: the 部门年报 column paginated by a query string.

``GET /xxgk/bmnb/list.jsp`` (= ``?page=1``) and ``?page=2`` list the department reports, 2
a page, with 首页/上一页/下一页/尾页 links written as ``list.jsp?page=N``.  A page past the
end lists nothing (as a real JSP list does); a non-numeric page is page 1.

Records: ``server.state["bmnb"]["records"]`` (from data/bmnb.json); page chrome from
data/bmnb_template.json.
"""

from __future__ import annotations

import copy
import json
from html import escape
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def setup(server) -> None:
    server.state["bmnb"] = copy.deepcopy(
        json.loads((DATA / "bmnb.json").read_text(encoding="utf-8"))
    )
    server.state["bmnb_template"] = json.loads(
        (DATA / "bmnb_template.json").read_text(encoding="utf-8")
    )["html"]


def bmnb_list(req):
    data = req.state["bmnb"]
    records, per = data["records"], data["per_page"]
    pages = max((len(records) + per - 1) // per, 1)
    try:
        page = int(req.params.get("page") or 1)
    except ValueError:
        page = 1
    page = max(page, 1)
    chunk = records[(page - 1) * per : page * per]
    rows = "\n".join(
        f'<tr><td height="28">·<a href="{r["url"]}" target="_blank">{escape(r["title"])}</a></td>'
        f'<td width="90">{r["date"]}</td></tr>'
        for r in chunk
    )
    nav = ['<a href="list.jsp?page=1">首页</a>']
    nav.append(f'<a href="list.jsp?page={page - 1}">上一页</a>' if page > 1 else "上一页")
    nav.append(f'<a href="list.jsp?page={page + 1}">下一页</a>' if page < pages else "下一页")
    nav.append(f'<a href="list.jsp?page={pages}">尾页</a>')
    body = f"""<table width="100%" border="0" cellpadding="0" cellspacing="0">
<tr><td colspan="2" height="36"><a href="/xxgk/ndbg/list.html">政府信息公开年报</a>　<b>部门年报</b></td></tr>
{rows}
<tr><td colspan="2" align="center" height="40">共{len(records)}条　第{page}/{pages}页　{"　".join(nav)}</td></tr>
</table>"""
    html = req.state["bmnb_template"].replace("{{BODY}}", body)
    return 200, {"Content-Type": "text/html;charset=UTF-8"}, html


ROUTES = [("GET", r"/xxgk/bmnb/list\.jsp", bmnb_list)]
