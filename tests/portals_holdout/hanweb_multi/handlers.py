"""Dynamic part of the hanweb_multi portal: one jpage proxy shared by two columns.

``POST /module/web/jpage/dataproxy.jsp?startrecord=S&endrecord=E&perpage=P`` with the
column's ``param_<unitid>`` object as an urlencoded form body::

    col=1&appid=1&webid=71&path=/&columnid=2001&sourceContentType=1&unitid=62305
    &webname=宝应县人民政府&permissiontype=0

Both columns page with the same query string; only the form (columnid, unitid) tells them
apart.  col 2001 (县政府本级) is unitid 62305, col 2002 (部门) is unitid 62311.  A form whose
columnid and unitid do not belong together gets an empty datastore with total 0, as the real
proxy does.  startrecord/endrecord are 1-based and inclusive.  GET answers 405; a missing or
non-numeric startrecord/endrecord answers 500 (the JSP throws).

Records: ``server.state["columns"]["2001"]["records"]`` (from data/columns.json), newest first.
"""

from __future__ import annotations

import copy
import json
from html import escape
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "columns.json"
XML = {"Content-Type": "text/xml;charset=UTF-8"}


def setup(server) -> None:
    server.state["columns"] = copy.deepcopy(
        json.loads(DATA.read_text(encoding="utf-8"))
    )


def _record(rec: dict) -> str:
    return (
        "<record><![CDATA[\n"
        '<table width="100%" border="0" cellspacing="0" cellpadding="0"><tr>'
        f'<td><a href="{rec["url"]}" target="_blank" title="{escape(rec["title"])}">{escape(rec["title"])}</a></td>'
        f'<td class="bt_time">[{rec["date"]}]</td></tr></table>'
        "\n]]></record>"
    )


def _datastore(records: list[dict], total: int, per_page: int) -> str:
    pages = (total + per_page - 1) // per_page if per_page > 0 else 0
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<datastore>\n<recordset>\n'
        + "".join(_record(r) + "\n" for r in records)
        + f"</recordset>\n<totalrecord>{total}</totalrecord>\n<totalpage>{pages}</totalpage>\n</datastore>\n"
    )


def dataproxy(req):
    try:
        start = int(req.params["startrecord"])
        end = int(req.params["endrecord"])
        per_page = int(req.params.get("perpage") or 15)
    except (KeyError, ValueError):
        return (
            500,
            {"Content-Type": "text/html;charset=UTF-8"},
            "<html><body><h1>HTTP Status 500 - java.lang.NumberFormatException: null</h1></body></html>",
        )
    col = req.state["columns"].get(req.form.get("columnid", ""))
    if col is None or req.form.get("unitid") != str(col["unitid"]):
        return 200, XML, _datastore([], 0, per_page)
    records = col["records"]
    start = max(start, 1)
    return (
        200,
        XML,
        _datastore(records[start - 1 : max(end, 0)], len(records), per_page),
    )


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
