"""Dynamic part of the Hanweb (大汉) portal: the jpage list proxy.

Real Hanweb column pages carry the first group of records (perPage x groupSize) inside
``<script type="text/xml"><datastore>…</datastore></script>``; the records after that come
only from ``POST /module/web/jpage/dataproxy.jsp?startrecord=N&endrecord=M&perpage=K`` with
the column's ``param_<unitid>`` object as an urlencoded form body::

    col=1&appid=1&webid=26&path=/&columnid=1453&sourceContentType=1&unitid=7843
    &webname=南通市自然资源和规划局&permissiontype=0

The answer is the same ``<datastore>`` XML: ``<recordset>`` of CDATA ``<record>``s, plus
``<totalrecord>`` and ``<totalpage>``.  startrecord/endrecord are 1-based and inclusive.
A form without the right columnid/unitid gets an empty datastore (totalrecord 0), as the
real proxy does; GET is refused (405).

The records are ``server.state["col1453"]["records"]`` (loaded from data/col1453.json); a
test may add or remove records there between two crawls.
"""

from __future__ import annotations

import copy
import json
from html import escape
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "col1453.json"


def setup(server) -> None:
    server.state["col1453"] = copy.deepcopy(json.loads(DATA.read_text(encoding="utf-8")))


def _record(rec: dict) -> str:
    return (
        f'<record><![CDATA[\n<li><a href="{rec["url"]}" title="{escape(rec["title"])}" target="_blank">'
        f"{escape(rec['title'])}</a><span>{rec['date']}</span></li>\n]]></record>"
    )


def _datastore(records: list[dict], total: int, per_page: int) -> str:
    pages = (total + per_page - 1) // per_page if per_page > 0 else 0
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<datastore>\n<recordset>\n'
        + "".join(_record(r) + "\n" for r in records)
        + f"</recordset>\n<totalrecord>{total}</totalrecord>\n<totalpage>{pages}</totalpage>\n</datastore>\n"
    )


XML = {"Content-Type": "text/xml;charset=UTF-8"}


def dataproxy(req):
    col = req.state["col1453"]
    try:
        start = int(req.params["startrecord"])
        end = int(req.params["endrecord"])
        per_page = int(req.params.get("perpage") or col["per_page"])
    except (KeyError, ValueError):
        return (
            500,
            {"Content-Type": "text/html;charset=UTF-8"},
            "<html><body>java.lang.NumberFormatException</body></html>",
        )
    if req.form.get("columnid") != str(col["columnid"]) or req.form.get("unitid") != str(
        col["unitid"]
    ):
        return 200, XML, _datastore([], 0, per_page)
    records = col["records"]
    start = max(start, 1)
    return 200, XML, _datastore(records[start - 1 : max(end, 0)], len(records), per_page)


def not_allowed(req):
    return (
        405,
        {"Allow": "POST"},
        "<html><body><h1>HTTP Status 405 - Request method 'GET' not supported</h1></body></html>",
    )


ROUTES = [
    ("POST", r"/module/web/jpage/dataproxy\.jsp", dataproxy),
    (("GET", "HEAD"), r"/module/web/jpage/dataproxy\.jsp", not_allowed),
]
