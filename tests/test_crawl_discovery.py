"""Complete discovery (issue 16): lists whose end is known only from an API's answer, or from
nowhere (probed), are read to the end, and the crawl says how. Each portal is written here into
a temporary directory (site files + handlers), served on 127.0.0.1 and crawled in a child
process; the truth is the list of report pages the portal was made with."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from ogi.crawler.run import crawl_in_subprocess
from ogi.demo.portals.server import serve

FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "OGI_RETRY_BACKOFF_BASE": 0.01}
TOWNS = ["长洛乡", "王母渡镇", "韩坊镇", "田村镇", "白石乡", "南塘镇", "吉埠镇", "三溪乡", "大埠乡", "茅店镇"]


def _report(title: str) -> str:
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><h1>{title}</h1>"
            "<p>一、总体情况</p><p>本机关依法做好政府信息公开工作。</p></body></html>")


def _records(n: int, prefix: str) -> list[tuple[str, str]]:
    out = []
    for i in range(n):
        title = (f"{TOWNS[i % len(TOWNS)]}{i}人民政府{2019 + i % 5}年政府信息公开工作年度报告" if i % 7
                 else f"关于做好{2020 + i % 4}年政务公开工作的通知{i}")  # every seventh item is not a report
        out.append((f"{prefix}{i}.html", title))
    return out


def _write(root: Path, files: dict[str, str], handlers: str | None = None) -> Path:
    for path, text in files.items():
        target = root / "site" / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    if handlers:
        (root / "handlers.py").write_text(handlers, encoding="utf-8")
    (root / "site" / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    return root


HANWEB_HANDLERS = '''
import json
from pathlib import Path

RECORDS = json.loads((Path(__file__).parent / "records.json").read_text(encoding="utf-8"))
TOTALS = (Path(__file__).parent / "totals").exists()


def proxy(req):
    start, end = int(req.params["startrecord"]), int(req.params["endrecord"])
    rows = "".join(f'<record><![CDATA[<li><a href="{u}" title="{t}">{t}</a></li>]]></record>'
                   for u, t in RECORDS[start - 1:end])
    total = f"<totalrecord>{len(RECORDS)}</totalrecord><totalpage>{-(-len(RECORDS) // 5)}</totalpage>" if TOTALS else ""
    return 200, {"Content-Type": "text/xml;charset=UTF-8"}, f"<datastore>{total}<recordset>{rows}</recordset></datastore>"


ROUTES = [("POST", r"/module/web/jpage/dataproxy\\.jsp", proxy)]
'''


def _hanweb(root: Path, totals: bool) -> tuple[Path, str, list[str]]:
    records = _records(52, "/art/2024/1/1/art_77_")  # perPage 5 × groupSize 3: four groups
    first = "".join(f'<record><![CDATA[<li><a href="{u}" title="{t}">{t}</a></li>]]></record>' for u, t in records[:15])
    column = ("<html><head><meta charset='utf-8'><title>年报</title></head><body><div id='div77'>"
              "<script type='text/xml'><datastore><nextgroup><![CDATA[<a href=\"/module/web/jpage/dataproxy.jsp?"
              "page=1&appid=1&webid=3&path=/&columnid=77&unitid=901&webname=x&permissiontype=0\"></a>]]></nextgroup>"
              f"<recordset>{first}</recordset></datastore></script></div>"
              "<script>$('#div77').jpage({perPage: 5, groupSize: 3, proxyUrl: '/module/web/jpage/dataproxy.jsp'});"
              "</script></body></html>")  # no total anywhere in the page
    files = {"/col/col77/index.html": column, **{u: _report(t) for u, t in records}}
    _write(root, files, HANWEB_HANDLERS)
    (root / "records.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    if totals:
        (root / "totals").write_text("1")
    return root, "/col/col77/index.html", [u for u, t in records if "年度报告" in t]


def _trs(root: Path) -> tuple[Path, str, list[str]]:
    records = _records(23, "/zfxxgk/nb/202401/t20240110_")
    files = {u: _report(t) for u, t in records}
    for page in range(5):  # index.html, index_1.html … index_4.html; no createPageHTML call
        chunk = records[page * 5:(page + 1) * 5]
        items = "".join(f'<li><a href="./202401/{u.rsplit("/", 1)[1]}" title="{t}">{t}</a></li>' for u, t in chunk)
        name = "index.html" if page == 0 else f"index_{page}.html"
        files[f"/zfxxgk/nb/{name}"] = f"<html><head><meta charset='utf-8'></head><body><ul>{items}</ul></body></html>"
    _write(root, files)
    return root, "/zfxxgk/nb/index.html", [u for u, t in records if "年度报告" in t]


GKMLPT_HANDLERS = '''
import json
from pathlib import Path

HERE = Path(__file__).parent
RECORDS = json.loads((HERE / "records.json").read_text(encoding="utf-8"))
TOTAL = (HERE / "totals").exists()


def api(req):
    page = int(req.params.get("page") or 1)
    chunk = RECORDS[(page - 1) * 10: page * 10]
    body = {"articles": [{"title": t, "url": u} for u, t in chunk]}
    if TOTAL and page == 1:
        body["total"] = len(RECORDS)
    return 200, {"Content-Type": "application/json"}, json.dumps(body, ensure_ascii=False)


ROUTES = [("GET", r"/gkmlpt/api/all/2810", api)]
'''


def _gkmlpt(root: Path, totals: bool) -> tuple[Path, str, list[str]]:
    records = _records(44, "/gkmlpt/content/1/1/post_")
    app = ("<html><head><meta charset='utf-8'><title>政府信息公开年报</title></head><body><div id='app'></div>"
           "<script>window._CONFIG = {SID: 'qj', catId: 2810};</script><script src='/gkmlpt/app.js'></script>"
           "</body></html>")
    _write(root, {"/gkmlpt/index.html": app, **{u: _report(t) for u, t in records}}, GKMLPT_HANDLERS)
    (root / "records.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    if totals:
        (root / "totals").write_text("1")
    return root, "/gkmlpt/index.html", [u for u, t in records if "年度报告" in t]


def _static_js(root: Path) -> tuple[Path, str, list[str]]:
    records = _records(19, "/xxgk/ndbg/c")
    files = {u: _report(t) for u, t in records}
    for page in range(1, 5):  # list.html, list_2.html … list_4.html: the pager is drawn by script
        chunk = records[(page - 1) * 5:page * 5]
        items = "".join(f'<li><a href="{u}" title="{t}">{t}</a></li>' for u, t in chunk)
        name = "list.html" if page == 1 else f"list_{page}.html"
        files[f"/xxgk/ndbg/{name}"] = ("<html><head><meta charset='utf-8'></head><body><ul>" + items + "</ul>"
                                       "<div id='pager'></div><script>var pageCount = 4; var pageUrl = "
                                       "'list_{page}.html'; drawPager(pageCount);</script></body></html>")
    _write(root, files)
    return root, "/xxgk/ndbg/list.html", [u for u, t in records if "年度报告" in t]


CASES = {
    "static_pager_drawn_by_script": (_static_js, "stated total"),
    "hanweb_total_only_in_the_proxy_answer": (lambda r: _hanweb(r, True), "API total"),
    "hanweb_no_total_anywhere": (lambda r: _hanweb(r, False), "probed to an empty page"),
    "trs_without_create_page_html": (_trs, "probed to an empty page"),
    "gkmlpt_total_in_the_first_answer": (lambda r: _gkmlpt(r, True), "API total"),
    "gkmlpt_no_total": (lambda r: _gkmlpt(r, False), "probed to an empty page"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_report_of_the_list_is_found_and_its_end_said(case: str, tmp_path: Path) -> None:
    make, end = CASES[case]
    root, start, truth = make(tmp_path / "portal")
    data = tmp_path / "data"
    with serve(root) as site:
        stats = crawl_in_subprocess([site.url(start)], data, timeout=300, settings=FAST)[0]
        base = site.base_url
    db = sqlite3.connect(data / "catalog.sqlite")
    found = {r[0].replace(base, "") for r in db.execute("SELECT url FROM reports")}
    assert found == set(truth), (sorted(set(truth) - found)[:5], sorted(found - set(truth))[:5])
    assert stats["status"] == "ok"
    ends = [entry["end"] for entry in stats["lists"] if entry["records"]]
    assert end in ends, stats["lists"]
