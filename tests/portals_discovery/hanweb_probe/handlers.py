"""Dynamic part of a Hanweb (大汉) discovery portal: the jpage list proxy.

The same file serves hanweb_api_total, hanweb_probe and hanweb_js_total; what differs is in
data/column.json (``states_total``: whether answers carry ``<totalrecord>``/``<totalpage>``).

``/module/web/jpage/dataproxy.jsp`` answers GET and POST alike:

- ``?startrecord=S&endrecord=E&perpage=P`` (what jpage POSTs, with the column's
  ``param_<unitid>`` as an urlencoded form body): the records S..E, 1-based and inclusive.
- else ``?page=N`` (the ``<nextgroup>`` link of the column page, a plain GET): the records of
  jpage page N, i.e. (N-1)*P+1 .. N*P, P = ``perpage`` of the query or else the column's
  perPage.  page=1 repeats the start of the page's own datastore.  page 0 or absent = 1.
- neither: 500 (as the real JSP does on a missing number).

columnid and unitid are read from the form, else from the query; wrong or missing ones give an
empty datastore (with totalrecord 0 when totals are stated).  A range past the end gives an
empty ``<recordset>`` (with the same total when totals are stated).

Answer::

    <datastore><totalrecord>N</totalrecord><totalpage>P</totalpage>
    <recordset><record><![CDATA[<li><a href="..." title="...">...</a><span>date</span></li>]]></record>…</recordset>
    </datastore>

without the first two elements when ``states_total`` is false.  totalpage counts pages of
``perpage`` records.  Records: ``server.state["column"]["records"]`` (from data/column.json,
newest first); a test may change them.
"""

from __future__ import annotations

import copy
import json
from html import escape
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "column.json"
XML = {"Content-Type": "text/xml;charset=UTF-8"}


def setup(server) -> None:
    server.state["column"] = copy.deepcopy(json.loads(DATA.read_text(encoding="utf-8")))


def _record(rec: dict, style: str) -> str:
    t = escape(rec["title"])
    if style == "li_b":
        li = (
            f'<li class="clearfix"><a target="_blank" href="{rec["url"]}" title="{t}">{t}</a>'
            f"<b>{rec['date']}</b></li>"
        )
    else:
        li = f'<li><a href="{rec["url"]}" title="{t}" target="_blank">{t}</a><span>{rec["date"]}</span></li>'
    return f"<record><![CDATA[\n{li}\n]]></record>"


def _datastore(col: dict, records: list[dict], total: int, per_page: int) -> str:
    head = ""
    if col["states_total"]:
        pages = (total + per_page - 1) // per_page if per_page > 0 else 0
        head = f"<totalrecord>{total}</totalrecord>\n<totalpage>{pages}</totalpage>\n"
    body = "".join(_record(r, col["record_style"]) + "\n" for r in records)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<datastore>\n'
        + head
        + "<recordset>\n"
        + body
        + "</recordset>\n</datastore>\n"
    )


def _int(value: str | None, default: int | None = None) -> int | None:
    if value is None or value == "":
        return default
    return int(value)


def dataproxy(req):
    col = req.state["column"]

    def field(name: str) -> str | None:
        return req.form.get(name, req.params.get(name))

    try:
        per_page = _int(req.params.get("perpage"), col["per_page"]) or col["per_page"]
        start = _int(req.params.get("startrecord"))
        if start is not None:
            end = _int(req.params.get("endrecord"), start + per_page * col["group_size"] - 1)
        else:
            page = _int(req.params.get("page"))
            if page is None:
                raise ValueError("no startrecord, no page")
            page = max(page, 1)
            start, end = (page - 1) * per_page + 1, page * per_page
    except ValueError:
        return (
            500,
            {"Content-Type": "text/html;charset=UTF-8"},
            "<html><body>java.lang.NumberFormatException: null</body></html>",
        )
    if field("columnid") != str(col["columnid"]) or field("unitid") != str(col["unitid"]):
        return 200, XML, _datastore(col, [], 0, per_page)
    records = col["records"]
    start = max(start, 1)
    chunk = records[start - 1 : max(end, 0)]
    return 200, XML, _datastore(col, chunk, len(records), per_page)


ROUTES = [
    (("GET", "HEAD", "POST"), r"/module/web/jpage/dataproxy\.jsp", dataproxy),
]
