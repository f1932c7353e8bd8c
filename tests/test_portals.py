"""Tests of the local imitation portals (ogi/demo/portals/) and their server, not of any crawler.

They check that the server serves what the portals hold, that the dynamic parts (Hanweb
jpage proxy, gkmlpt API, ?page=N list) answer like the real ones, that the fault switches
work, and that every expected.json agrees with what its portal actually serves.
"""

from __future__ import annotations

import http.client
import io
import json
import re
import socket
import time
import xml.etree.ElementTree as ET
import zipfile
from email.utils import formatdate
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import pytest
from ogi.demo.portals.server import (
    FAMILIES,
    PortalServer,
    load_expected,
    portal_dir,
    serve,
    serve_many,
)


class Reply:
    def __init__(self, status: int, headers: http.client.HTTPMessage, body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    def text(self, encoding: str = "utf-8") -> str:
        return self.body.decode(encoding)


def fetch(
    url: str,
    method: str = "GET",
    *,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    timeout: float = 5.0,
) -> Reply:
    """One request, no redirect following, no exception on 4xx/5xx."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        target = parts.path + ("?" + parts.query if parts.query else "")
        conn.request(method, target, body=body, headers=headers or {})
        resp = conn.getresponse()
        return Reply(resp.status, resp.headers, resp.read())
    finally:
        conn.close()


def post_form(url: str, form: dict[str, object]) -> Reply:
    return fetch(
        url,
        "POST",
        body=urlencode(form).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"},
    )


class Links(HTMLParser):
    """hrefs/srcs of a page, plus window.open('...') targets and viewer ?file= targets."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if not value:
                continue
            if name in ("href", "src"):
                self.links.append(value)
                m = re.search(r"[?&]file=([^&]+)", value)
                if m:
                    self.links.append(m.group(1))
            if name == "onclick":
                self.links += re.findall(r"window\.open\('([^']+)'", value)


def links_of(html: str, base: str) -> set[str]:
    parser = Links()
    parser.feed(html)
    out = set()
    for link in parser.links:
        if link.startswith(("javascript:", "mailto:", "#")):
            continue
        url = urljoin(base, link)
        if url.startswith(base.split("/", 3)[0] + "//" + urlsplit(base).netloc):
            out.add(urlsplit(url).path)
    return out


HANWEB_FORM = {
    "col": 1,
    "appid": 1,
    "webid": 26,
    "path": "/",
    "columnid": 1453,
    "sourceContentType": 1,
    "unitid": 7843,
    "webname": "南通市自然资源和规划局",
    "permissiontype": 0,
}


def hanweb_records(xml_text: str) -> list[tuple[str, str]]:
    """(href, date) of each <record> of a Hanweb <datastore>."""
    root = ET.fromstring(xml_text.strip())
    out = []
    for rec in root.iter("record"):
        m = re.search(r'href="([^"]+)".*<span>([\d-]+)</span>', rec.text or "", re.DOTALL)
        assert m, rec.text
        out.append((m.group(1), m.group(2)))
    return out


# --------------------------------------------------------------------------- the server


@pytest.mark.parametrize("family", FAMILIES)
def test_every_file_of_every_portal_is_served(family: str) -> None:
    with serve(portal_dir(family)) as site:
        site.clear_faults()
        files = site.files()
        assert files
        for path in files:
            reply = fetch(site.url(path))
            assert reply.status == 200, path
            assert reply.body == (site.site_dir / path.lstrip("/")).read_bytes(), path
            assert int(reply.headers["Content-Length"]) == len(reply.body)


def test_content_types() -> None:
    with serve_many(["trs", "gkmlpt", "static", "hanweb"]) as sites:
        trs, gk, st, hw = sites["trs"], sites["gkmlpt"], sites["static"], sites["hanweb"]
        # HTML: bare text/html, no charset, unless the portal declares one for a file
        assert fetch(trs + "/zfxxgk/zfxxgknb/index.html").headers["Content-Type"] == "text/html"
        assert fetch(hw + "/art/2020/1/21/art_1453_23.html").headers["Content-Type"] == "text/html"
        assert (
            fetch(st + "/xxgk/ndbg/202001/1655.html").headers["Content-Type"]
            == "text/html; charset=gb2312"
        )
        assert fetch(gk + "/gkmlpt/index").headers["Content-Type"] == "text/html; charset=utf-8"
        pdf = trs + "/zfxxgk/zfxxgknb/202401/P020240126538704512369.pdf"
        assert fetch(pdf).headers["Content-Type"] == "application/pdf"
        assert (
            fetch(st + "/upload/202201/2021ndbg.doc").headers["Content-Type"]
            == "application/msword"
        )
        docx = fetch(gk + "/attachment/0/518/518264/1733106.docx").headers["Content-Type"]
        assert docx == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        jpg = fetch(gk + "/attachment/0/470/470112/1538342_1.jpg").headers["Content-Type"]
        assert jpg == "image/jpeg"
        assert fetch(trs + "/robots.txt").headers["Content-Type"] == "text/plain"
        assert (
            fetch(gk + "/gkmlpt/api/all/3562?page=1&sid=759014").headers["Content-Type"]
            == "application/json"
        )
        # the Server header each portal imitates
        assert fetch(hw + "/index.html").headers["Server"].startswith("Apache-Coyote")
        assert fetch(st + "/index.html").headers["Server"].startswith("Microsoft-IIS")


def test_directories_index_and_redirect_and_404() -> None:
    with serve(portal_dir("trs")) as site:
        home = fetch(site.url("/"))
        assert home.status == 200 and home.body == site.read("/index.html")
        moved = fetch(site.url("/zfxxgk/zfxxgknb?x=1"))
        assert moved.status == 301 and moved.headers["Location"] == "/zfxxgk/zfxxgknb/?x=1"
        assert fetch(site.url("/zfxxgk/zfxxgknb/")).body == site.read("/zfxxgk/zfxxgknb/index.html")
        assert fetch(site.url("/no/such/page.html")).status == 404
        assert fetch(site.url("/zfxxgk/zfxxgkzn/")).status == 404  # a directory without index
        assert fetch(site.url("/../server.py")).status == 404
        assert fetch(site.url("/index.html"), "POST", body=b"a=1").status == 405


def test_head_has_headers_but_no_body() -> None:
    with serve(portal_dir("trs")) as site:
        reply = fetch(site.url("/index.html"), "HEAD")
        assert reply.status == 200 and reply.body == b""
        assert int(reply.headers["Content-Length"]) == len(site.read("/index.html"))


def test_requests_are_logged() -> None:
    with serve(portal_dir("hanweb")) as site:
        fetch(
            site.url("/index.html?a=1"),
            headers={"User-Agent": "ogi-test/1.0", "If-None-Match": '"x"'},
        )
        post_form(
            site.url("/module/web/jpage/dataproxy.jsp?startrecord=5&endrecord=8&perpage=2"),
            HANWEB_FORM,
        )
        first, second = site.requests
        assert (first.method, first.path, first.query, first.status) == (
            "GET",
            "/index.html",
            "a=1",
            200,
        )
        assert first.headers["User-Agent"] == "ogi-test/1.0"
        assert first.header("if-none-match") == '"x"'
        assert first.params == {"a": "1"}
        assert second.method == "POST" and second.params["startrecord"] == "5"
        assert (
            second.form["columnid"] == "1453" and second.form["webname"] == "南通市自然资源和规划局"
        )
        assert site.count("/index.html") == 1 and site.requests_for("/index.html?a=1")
        assert site.fetched_paths() == {"/index.html", "/module/web/jpage/dataproxy.jsp"}
        site.clear_requests()
        assert site.requests == []


def test_conditional_get_answers_304() -> None:
    with serve(portal_dir("trs")) as site:
        url = site.url("/zfxxgk/zfxxgknb/index.html")
        first = fetch(url)
        etag, last_modified = first.headers["ETag"], first.headers["Last-Modified"]
        assert etag and last_modified
        again = fetch(url, headers={"If-None-Match": etag})
        assert again.status == 304 and again.body == b"" and again.headers["ETag"] == etag
        assert fetch(url, headers={"If-None-Match": f'W/{etag}, "other"'}).status == 304
        assert fetch(url, headers={"If-Modified-Since": last_modified}).status == 304
        assert (
            fetch(url, headers={"If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"}).status == 200
        )
        # If-None-Match wins over If-Modified-Since
        both = fetch(url, headers={"If-None-Match": '"stale"', "If-Modified-Since": last_modified})
        assert both.status == 200
        assert [r.status for r in site.requests_for("/zfxxgk/zfxxgknb/index.html")] == [
            200,
            304,
            304,
            304,
            200,
            200,
        ]


def test_validators_can_be_switched_off(tmp_path) -> None:
    site_dir = tmp_path / "p" / "site"
    site_dir.mkdir(parents=True)
    (site_dir / "a.html").write_text("<p>a</p>")
    (tmp_path / "p" / "portal.json").write_text(json.dumps({"validators": []}))
    with serve(tmp_path / "p") as site:
        reply = fetch(site.url("/a.html"))
        assert "ETag" not in reply.headers and "Last-Modified" not in reply.headers
        assert fetch(site.url("/a.html"), headers={"If-None-Match": "*"}).status == 200


def test_replace_changes_content_and_validators() -> None:
    with serve(portal_dir("trs")) as site:
        path = "/zfxxgk/zfxxgknb/index.html"
        before = fetch(site.url(path))
        site.replace(path, "<html><body>新的列表</body></html>")
        after = fetch(site.url(path), headers={"If-None-Match": before.headers["ETag"]})
        assert after.status == 200 and "新的列表" in after.text()
        assert after.headers["ETag"] != before.headers["ETag"]
        assert after.headers["Last-Modified"] != before.headers["Last-Modified"]
        assert fetch(site.url(path), headers={"If-None-Match": after.headers["ETag"]}).status == 304
        # two quick replacements still give two different validators
        site.replace(path, b"<html>v3</html>")
        third = fetch(site.url(path))
        assert third.body == b"<html>v3</html>" and third.headers["ETag"] != after.headers["ETag"]
        # a new page
        site.replace("/zfxxgk/zfxxgknb/202404/t20240401_1270001.html", "<html>新增</html>")
        new = fetch(site.url("/zfxxgk/zfxxgknb/202404/t20240401_1270001.html"))
        assert new.status == 200 and new.headers["Content-Type"] == "text/html"
        site.restore(path)
        assert fetch(site.url(path)).body == before.body
        assert site.read(path) == before.body


def test_delete_gives_404_until_restored() -> None:
    with serve_many(["trs", "gkmlpt"]) as sites:
        trs = sites["trs"]
        path = "/zfxxgk/zfxxgknb/202401/t20240125_1234567.html"
        trs.delete(path)
        assert fetch(trs.url(path)).status == 404
        assert trs.read(path) is None
        trs.restore(path)
        assert fetch(trs.url(path)).status == 200
        trs.delete("/index.html")
        assert fetch(trs.url("/")).status == 404
        gk = sites["gkmlpt"]
        gk.delete("/gkmlpt/api/all/3562")  # dynamic routes can be deleted too
        assert fetch(gk.url("/gkmlpt/api/all/3562?page=1&sid=759014")).status == 404


def test_503_then_200() -> None:
    # the Hanweb portal declares this fault itself (portal.json)
    with serve(portal_dir("hanweb")) as site:
        path = "/art/2023/1/28/art_1453_87.html"
        assert site.pending_failures(path) == 2
        assert [fetch(site.url(path)).status for _ in range(4)] == [503, 503, 200, 200]
        # a switch set by the test: other status, exact query only
        site.fail("/index.html?x=1", times=1, status=502)
        assert fetch(site.url("/index.html")).status == 200
        assert fetch(site.url("/index.html?x=1")).status == 502
        assert fetch(site.url("/index.html?x=1")).status == 200
    # faults= of serve() override the portal's own: 0 removes it
    with serve(
        portal_dir("hanweb"), faults={"fail": {"/art/2023/1/28/art_1453_87.html": 0}}
    ) as site:
        assert fetch(site.url("/art/2023/1/28/art_1453_87.html")).status == 200
    with serve(
        portal_dir("trs"), faults={"fail": {"/robots.txt": [1, 500]}, "delete": ["/index.html"]}
    ) as site:
        assert fetch(site.url("/robots.txt")).status == 500
        assert fetch(site.url("/robots.txt")).status == 200
        assert fetch(site.url("/index.html")).status == 404
    with pytest.raises(ValueError):
        PortalServer(portal_dir("trs"), faults={"slow": {}})


def test_hang_longer_than_the_client_timeout() -> None:
    with serve(portal_dir("trs"), faults={"hang": {"/zfxxgk/zfxxgknb/index_1.html": 30}}) as site:
        start = time.monotonic()
        with pytest.raises((socket.timeout, TimeoutError)):
            fetch(site.url("/zfxxgk/zfxxgknb/index_1.html"), timeout=0.3)
        assert time.monotonic() - start < 2
        # other paths are not held up meanwhile
        assert fetch(site.url("/zfxxgk/zfxxgknb/index.html"), timeout=2).status == 200
        site.hang("/zfxxgk/zfxxgknb/index_1.html", 0)
        assert fetch(site.url("/zfxxgk/zfxxgknb/index_1.html"), timeout=2).status == 200
        site.hang("/index.html", 0.2)  # a short hang still answers
        assert fetch(site.url("/index.html"), timeout=2).status == 200
        site.hang("/index.html", 30)
        hung_at = time.monotonic()
        with pytest.raises((socket.timeout, TimeoutError)):
            fetch(site.url("/index.html"), timeout=0.2)
    # leaving the context did not wait for the 30 s hang
    assert time.monotonic() - hung_at < 5


def test_serve_many_runs_portals_on_different_ports() -> None:
    with serve_many(FAMILIES) as sites:
        assert set(sites) == set(FAMILIES)
        assert len({s.port for s in sites.values()}) == len(FAMILIES)
        for family, site in sites.items():
            assert str(site) == site.base_url.rstrip("/")
            assert fetch(site.url(load_expected(family)["home_path"])).status == 200


def test_robots_txt() -> None:
    with serve_many(FAMILIES) as sites:
        for family, site in sites.items():
            expected = load_expected(family)
            reply = fetch(site + "/robots.txt")
            if family == "gkmlpt":  # like many real sites it has none: everything is allowed
                assert reply.status == 404 and not expected["disallowed"]
                continue
            assert reply.status == 200
            robots = RobotFileParser()
            robots.parse(reply.text().splitlines())
            for path in expected["disallowed"]:
                assert not robots.can_fetch("ogi-archive", site.url(path)), path
            for item in expected["reports"] + expected["non_reports"]:
                assert robots.can_fetch("ogi-archive", site.url(item["path"])), item["path"]
        assert "Disallow: /zfxxgk/private/" in fetch(sites["trs"] + "/robots.txt").text()


# --------------------------------------------------------------------------- the portals


def test_trs_pagination_is_only_in_the_script() -> None:
    with serve(portal_dir("trs")) as site:
        pages = ["index.html", "index_1.html", "index_2.html"]
        for n, name in enumerate(pages):
            html = fetch(site.url("/zfxxgk/zfxxgknb/" + name)).text()
            assert f'<script>createPageHTML(3, {n}, "index", "html");</script>' in html
            assert not re.search(r'href="[^"]*index_\d\.html', html)
            assert '<script src="/common/js/createPageHTML.js"></script>' in html
        js = fetch(site.url("/common/js/createPageHTML.js")).text()
        assert "function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt)" in js
        assert fetch(site.url("/zfxxgk/zfxxgknb/index_3.html")).status == 404


def test_hanweb_first_group_in_page_then_dataproxy() -> None:
    with serve(portal_dir("hanweb")) as site:
        html = fetch(site.url("/col/col1453/index.html")).text()
        m = re.search(r'<script type="text/xml">(.*?)</script>', html, re.DOTALL)
        assert m
        first = hanweb_records(m.group(1))
        assert len(first) == 4
        assert "totalRecord : 10" in html and "perPage : 2" in html and "groupSize : 2" in html
        assert "var param_7843 = {col:1,appid:1,webid:26,path:'/',columnid:1453" in html
        assert "<nextgroup><![CDATA[" in html

        proxy = site.url("/module/web/jpage/dataproxy.jsp")
        second = post_form(proxy + "?startrecord=5&endrecord=8&perpage=2", HANWEB_FORM)
        assert second.status == 200 and second.headers["Content-Type"].startswith("text/xml")
        assert "<totalrecord>10</totalrecord>" in second.text()
        assert "<totalpage>5</totalpage>" in second.text()
        third = post_form(proxy + "?startrecord=9&endrecord=12&perpage=2", HANWEB_FORM)
        records = first + hanweb_records(second.text()) + hanweb_records(third.text())
        assert len(records) == 10 and len({href for href, _ in records}) == 10
        assert [d for _, d in records] == sorted((d for _, d in records), reverse=True)
        assert hanweb_records(second.text())[0][0] != first[-1][0]
        for href, _ in records:
            assert fetch(site.url(href)).status in (200, 503)  # one page fails twice first

        # only POST with the column's form answers records
        assert fetch(proxy + "?startrecord=5&endrecord=8&perpage=2").status == 405
        wrong = post_form(
            proxy + "?startrecord=5&endrecord=8&perpage=2", {**HANWEB_FORM, "columnid": 1}
        )
        assert "<totalrecord>0</totalrecord>" in wrong.text() and not hanweb_records(wrong.text())
        assert post_form(proxy, HANWEB_FORM).status == 500  # no startrecord: the JSP fails
        past = post_form(proxy + "?startrecord=13&endrecord=16&perpage=2", HANWEB_FORM)
        assert hanweb_records(past.text()) == [] and "<totalrecord>10</totalrecord>" in past.text()

        # a test can add a record between two crawls
        site.state["col1453"]["records"].insert(
            0, {"url": "/art/2024/4/2/art_1453_160.html", "title": "新增", "date": "2024-04-02"}
        )
        again = post_form(proxy + "?startrecord=5&endrecord=8&perpage=2", HANWEB_FORM)
        assert "<totalrecord>11</totalrecord>" in again.text()


def test_hanweb_gbk_page_has_no_charset_anywhere() -> None:
    with serve(portal_dir("hanweb")) as site:
        reply = fetch(site.url("/art/2020/1/21/art_1453_23.html"))
        assert reply.headers["Content-Type"] == "text/html"
        with pytest.raises(UnicodeDecodeError):
            reply.body.decode("utf-8")
        text = reply.body.decode("gbk")
        assert "charset" not in text.lower()
        assert "2019年政府信息公开工作年度报告" in text and '<div id="zoom">' in text


def test_gkmlpt_api_paginates_and_totals() -> None:
    expected = load_expected("gkmlpt")
    with serve(portal_dir("gkmlpt")) as site:
        shell = fetch(site.url(expected["start_path"])).text()
        assert "SID: '759014'" in shell and "CATEGORY_ID: '3562'" in shell
        assert "post_" not in shell and "content/" not in shell  # no article links in the shell

        api = site.url("/gkmlpt/api/all/3562")
        pages = [json.loads(fetch(f"{api}?page={n}&sid=759014").body) for n in (1, 2, 3)]
        assert [len(p["articles"]) for p in pages] == [5, 4, 0]
        assert [p["total"] for p in pages] == [9, 9, 9]
        assert [p["page"] for p in pages] == [1, 2, 3]
        assert json.loads(fetch(f"{api}?sid=759014").body)["articles"] == pages[0]["articles"]
        articles = pages[0]["articles"] + pages[1]["articles"]
        times = [a["publish_time"] for a in articles]
        assert times == sorted(times, reverse=True)
        for art in articles:
            assert art["url"].startswith(site.base_url + "/")
            assert re.search(r"/content/post_\d+\.html$", art["url"])
            assert {"id", "title", "publish_time", "display_publish_time", "created_at"} <= set(art)
            assert fetch(art["url"]).status == 200
        assert json.loads(fetch(f"{api}?page=1&sid=1").body)["total"] == 0
        assert json.loads(fetch(site.url("/gkmlpt/api/all/1?page=1&sid=759014")).body)["total"] == 0


def test_gkmlpt_urls_follow_the_live_port() -> None:
    with serve_many({"a": portal_dir("gkmlpt"), "b": portal_dir("gkmlpt")}) as sites:
        for site in sites.values():
            data = json.loads(fetch(site.url("/gkmlpt/api/all/3562?page=1&sid=759014")).body)
            assert all(a["url"].startswith(site.base_url) for a in data["articles"])


def test_static_lists_and_query_paginated_column() -> None:
    with serve(portal_dir("static")) as site:
        first = fetch(site.url("/xxgk/ndbg/list.html")).text()
        assert (
            '<a href="list_2.html">下一页</a>' in first
            and '<a href="list_3.html">尾页</a>' in first
        )
        last = fetch(site.url("/xxgk/ndbg/list_3.html")).text()
        assert "下一页" in last and 'href="list_4.html"' not in last
        page1 = fetch(site.url("/xxgk/bmnb/list.jsp")).text()
        assert '<a href="list.jsp?page=2">下一页</a>' in page1
        page2 = fetch(site.url("/xxgk/bmnb/list.jsp?page=2")).text()
        assert page1 != page2 and "第2/2页" in page2
        assert "2099.html" in page2 and "2099.html" not in page1
        assert "·<a" not in fetch(site.url("/xxgk/bmnb/list.jsp?page=9")).text()


def test_binary_attachments_are_valid() -> None:
    for family in FAMILIES:
        base = portal_dir(family) / "site"
        for path in base.rglob("*"):
            data = path.read_bytes() if path.is_file() else b""
            if path.suffix == ".pdf":
                assert data.startswith(b"%PDF-1.") and data.rstrip().endswith(b"%%EOF"), path
                startxref = int(data.rsplit(b"startxref", 1)[1].split()[0])
                assert data[startxref:].startswith(b"xref"), path
            elif path.suffix == ".docx":
                with zipfile.ZipFile(io.BytesIO(data)) as z:
                    assert "word/document.xml" in z.namelist()
                    ET.fromstring(z.read("word/document.xml"))
            elif path.suffix == ".jpg":
                assert data.startswith(b"\xff\xd8\xff") and data.endswith(b"\xff\xd9"), path
            elif path.suffix == ".doc":
                assert data.startswith(b"{\\rtf1"), path


@pytest.mark.parametrize("family", FAMILIES)
def test_expected_json_matches_the_portal(family: str) -> None:
    """Every item of expected.json is served, and the column lists exactly these items."""
    expected = load_expected(family)
    reports, non_reports = expected["reports"], expected["non_reports"]
    assert 4 <= len(reports) <= 8 and len(non_reports) >= 3
    assert all(2019 <= r["year"] <= 2023 and r["kind"] in ("page", "attachment") for r in reports)
    assert len({r["path"] for r in reports}) == len(reports)
    with serve(portal_dir(family)) as site:
        site.clear_faults()
        for item in reports + non_reports:
            assert fetch(site.url(item["path"])).status == 200, item["path"]
        for path in expected["disallowed"]:
            assert fetch(site.url(path)).status == 200  # it exists: a crawler must skip it itself

        # what the column lists (list pages, proxy, API), as paths
        listed: set[str] = set()
        for entry in expected["list_pages"]:
            method, target = entry.split(" ", 1)
            url = site.url(target)
            if family == "hanweb":
                reply = post_form(url, HANWEB_FORM) if method == "POST" else fetch(url)
                text = reply.text()
                if method == "GET":
                    text = re.search(
                        r'<script type="text/xml">(.*?)</script>', text, re.DOTALL
                    ).group(1)
                listed |= {href for href, _ in hanweb_records(text)}
            elif family == "gkmlpt":
                listed |= {urlsplit(a["url"]).path for a in json.loads(fetch(url).body)["articles"]}
            else:
                html = fetch(url).text()
                body = html.split('class="list_con"')[-1] if family == "trs" else html
                listed |= {
                    p for p in links_of(body, url) if re.search(r"/(t\d{8}_\d+|\d{4})\.html$", p)
                }
        via = {r["via"] for r in reports if r["kind"] == "attachment"}
        pages = {r["path"] for r in reports if r["kind"] == "page"}
        assert listed == pages | via | {n["path"] for n in non_reports} | set(
            expected["disallowed"]
        )

        # each attachment is linked from its detail page
        for rep in reports:
            if rep["kind"] == "attachment":
                html = fetch(site.url(rep["via"])).text()
                assert rep["path"] in links_of(html, site.url(rep["via"])), rep["path"]


def test_portals_stay_small() -> None:
    from ogi.demo.portals.server import PORTALS_DIR

    size = sum(
        p.stat().st_size
        for p in PORTALS_DIR.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )
    assert size < 1_500_000


def test_last_modified_is_an_http_date() -> None:
    with serve(portal_dir("static")) as site:
        lm = fetch(site.url("/index.html")).headers["Last-Modified"]
        assert lm == formatdate(1706853600, usegmt=True)  # 2024-02-02T06:00:00Z from portal.json
