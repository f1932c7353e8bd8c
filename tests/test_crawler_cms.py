"""The CMS family modules on frozen snippets of the markup their list pages carry."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

from ogi.crawler import cms
from ogi.crawler.cms import gkmlpt, hanweb, static, trs

TRS_LIST = '<ul><li><a href="./202401/t20240125_1.html">…</a></li></ul><script>createPageHTML(3, 0, "index", "html");</script>'
HANWEB_LIST = """<div id="300520"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=42&path=/&columnid=1453&unitid=300520&webname=%E6%B1%9F&permissiontype=0"></a>]]></nextgroup>
<recordset><record><![CDATA[<li><a href="/art/2024/1/25/art_1453_123.html" title="2023年政府信息公开工作年度报告">2023年…</a></li>]]></record>
<record><![CDATA[<li><a href="/art/2023/1/20/art_1453_99.html">2022年政府信息公开工作年度报告</a></li>]]></record></recordset></datastore></script></div>
<script>$('#300520').jpage({perPage: 2, totalRecord: 9, groupSize: 2, proxyUrl: '/module/web/jpage/dataproxy.jsp'});</script>"""


def test_trs_pages_from_create_page_html() -> None:
    links = trs.links("http://x.gov.cn/zfxxgk/nb/index.html", TRS_LIST)
    assert [l.url for l in links] == ["http://x.gov.cn/zfxxgk/nb/index.html", "http://x.gov.cn/zfxxgk/nb/index_1.html",
                                      "http://x.gov.cn/zfxxgk/nb/index_2.html"]
    assert cms.detect("http://x.gov.cn/zfxxgk/nb/index.html", TRS_LIST) == "trs"


def test_hanweb_records_and_dataproxy_posts() -> None:
    links = hanweb.links("http://x.gov.cn/col/col1453/index.html", HANWEB_LIST)
    records = [l for l in links if l.kind == "candidate"]
    assert [(l.url, l.title) for l in records] == [
        ("http://x.gov.cn/art/2024/1/25/art_1453_123.html", "2023年政府信息公开工作年度报告"),
        ("http://x.gov.cn/art/2023/1/20/art_1453_99.html", "2022年政府信息公开工作年度报告"),
    ]
    posts = [l for l in links if l.method == "POST"]
    ranges = [(parse_qs(urlparse(p.url).query)["startrecord"][0], parse_qs(urlparse(p.url).query)["endrecord"][0])
              for p in posts]
    assert ranges == [("3", "6"), ("7", "9")]
    form = parse_qs(posts[0].body)
    assert form["columnid"] == ["1453"] and form["unitid"] == ["300520"] and form["webid"] == ["42"]
    assert posts[0].parse_as == "hanweb"


def test_gkmlpt_api_calls_and_paging() -> None:
    shell = '<div id="app"></div><script>window._CONFIG = {"SID": "755", "catId": 2655};</script><script src="/gkmlpt/app.js"></script>'
    (first,) = gkmlpt.links("http://www.sz.gov.cn/cn/xxgk/ndxxgkbg/", shell)
    assert first.url == "http://www.sz.gov.cn/gkmlpt/api/all/2655?page=1&sid=755"
    answer = json.dumps({"articles": [{"title": "2023年政府信息公开工作年度报告", "url": "http://www.sz.gov.cn/cn/xxgk/content/post_1.html"},
                                      {"title": "2022年…", "url": "/cn/xxgk/content/post_2.html"}], "total": 5})
    links = gkmlpt.parse_api(first.url, answer)
    assert [l.url for l in links if l.kind == "candidate"][1] == "http://www.sz.gov.cn/cn/xxgk/content/post_2.html"
    assert [l.url for l in links if l.kind == "list"] == [
        "http://www.sz.gov.cn/gkmlpt/api/all/2655?page=2&sid=755", "http://www.sz.gov.cn/gkmlpt/api/all/2655?page=3&sid=755"]
    assert gkmlpt.parse_api(first.url, "<html>not json") == []


def test_static_pagination_viewers_iframes_onclick() -> None:
    page = ('<a href="list_2.html">下一页</a><a href="list_9.html">尾页</a><a href="/about.html">关于我们</a>'
            '<iframe src="/upload/a.pdf"></iframe><span onclick="window.open(\'/upload/b.doc\')">下载</span>')
    links = static.links("http://x.gov.cn/nb/list.html", page)
    assert sorted((l.url, l.kind) for l in links) == [
        ("http://x.gov.cn/nb/list_2.html", "list"), ("http://x.gov.cn/nb/list_9.html", "list"),
        ("http://x.gov.cn/upload/a.pdf", "attachment"), ("http://x.gov.cn/upload/b.doc", "attachment")]
    assert static.viewer_file("http://x.gov.cn/pdfjs/web/viewer.html?file=/upload/r.pdf") == "http://x.gov.cn/upload/r.pdf"


# --- pagination evidence: stated in the page, stated by the API, or probed -------------------


def _ranges(links):
    return [(parse_qs(urlparse(l.url).query)["startrecord"][0], parse_qs(urlparse(l.url).query)["endrecord"][0],
             l.pagination) for l in links if l.method == "POST"]


def test_hanweb_without_a_total_probes_the_proxy_and_reads_its_total() -> None:
    page = HANWEB_LIST.replace("totalRecord: 9, ", "")
    links = hanweb.links("http://x.gov.cn/col/col1453/index.html", page)
    assert _ranges(links) == [("3", "6", "probe")]  # the next group, asked for in case it exists
    probe = [l for l in links if l.method == "POST"][0]
    answer = ("<datastore><totalrecord>11</totalrecord><totalpage>6</totalpage><recordset>"
              "<record><![CDATA[<li><a href='/art/2022/1/1/art_1453_1.html'>2021年政府信息公开工作年度报告</a></li>]]></record>"
              "</recordset></datastore>")
    after = hanweb.parse_api(probe.url, answer, probe)
    assert [l.kind for l in after][:1] == ["candidate"]
    assert _ranges(after) == [("7", "10", "api")]  # the proxy's own total says the next group exists
    assert parse_qs([l for l in after if l.method == "POST"][0].body)["columnid"] == ["1453"]  # same column
    last = [l for l in after if l.method == "POST"][0]
    assert _ranges(hanweb.parse_api(last.url, answer.replace("art_1453_1", "art_1453_2"), last)) == [
        ("11", "11", "api")]
    silent = answer.replace("<totalrecord>11</totalrecord><totalpage>6</totalpage>", "")
    assert _ranges(hanweb.parse_api(probe.url, silent, probe)) == [("7", "10", "probe")]
    assert _ranges(hanweb.parse_api(probe.url, "<datastore><recordset></recordset></datastore>", probe)) == []


def test_hanweb_total_in_the_page_or_its_datastore_is_stated() -> None:
    links = hanweb.links("http://x.gov.cn/col/col1453/index.html", HANWEB_LIST)
    assert {p for _, _, p in _ranges(links)} == {"stated"}
    tagged = HANWEB_LIST.replace("totalRecord: 9, ", "").replace("<datastore>", "<datastore><totalrecord>9</totalrecord>")
    assert _ranges(hanweb.links("http://x.gov.cn/col/col1453/index.html", tagged)) == [
        ("3", "6", "stated"), ("7", "9", "stated")]


def test_trs_without_create_page_html_probes_the_next_page() -> None:
    page = '<ul><li><a href="./202401/t20240125_1.html">2023年年度报告</a></li></ul>'
    assert cms.detect("http://x.gov.cn/zfxxgk/nb/index.html", page) == "trs"
    (first,) = trs.links("http://x.gov.cn/zfxxgk/nb/index.html", page)
    assert (first.url, first.pagination) == ("http://x.gov.cn/zfxxgk/nb/index_1.html", "probe")
    (second,) = trs.links(first.url, page)
    assert second.url == "http://x.gov.cn/zfxxgk/nb/index_2.html"
    assert {l.pagination for l in trs.links("http://x.gov.cn/zfxxgk/nb/index.html", TRS_LIST)} == {"stated"}


def test_gkmlpt_without_a_total_probes_the_next_page() -> None:
    url = "http://x.gov.cn/gkmlpt/api/all/2655?page=2&sid=755"
    answer = json.dumps({"articles": [{"title": "2021年报", "url": "/post_3.html"}]})
    links = [l for l in gkmlpt.parse_api(url, answer) if l.kind == "list"]
    assert [(l.url, l.pagination) for l in links] == [("http://x.gov.cn/gkmlpt/api/all/2655?page=3&sid=755", "probe")]
    assert [l for l in gkmlpt.parse_api(url, json.dumps({"articles": []})) if l.kind == "list"] == []


def test_static_page_count_and_numbered_probe() -> None:
    page = '<div class="page">共 4 页 <a href="list_2.html">2</a></div><ul><li><a href="/a/1.html">报告</a></li></ul>'
    stated = [l for l in static.links("http://x.gov.cn/nb/list.html", page) if l.pagination == "stated"]
    assert [l.url for l in stated] == [f"http://x.gov.cn/nb/list_{n}.html" for n in range(1, 5)]
    bare = '<ul><li><a href="/a/1.html">报告</a></li></ul>'
    (probe,) = static.links("http://x.gov.cn/nb/list.html?page=3", bare)
    assert (probe.url, probe.pagination) == ("http://x.gov.cn/nb/list.html?page=4", "probe")
    assert static.links("http://x.gov.cn/nb/list.html", bare) == []  # no number to go on: nothing guessed


def test_static_pager_drawn_by_script_from_a_page_count() -> None:
    cases = [
        ('<script>var pageCount = 4; var pageUrl = "list_{page}.html";</script>', "http://x.gov.cn/nb/list.html",
         "http://x.gov.cn/nb/list_{}.html"),
        ("<script>createPage(4, 0, 'list', 'html');</script>", "http://x.gov.cn/nb/list.html",
         "http://x.gov.cn/nb/list_{}.html"),
        ('<script>var totalPage = 4; url = "list.jsp?page=" + n;</script>', "http://x.gov.cn/nb/list.jsp",
         "http://x.gov.cn/nb/list.jsp?page={}"),
    ]
    for page, url, template in cases:
        stated = [l.url for l in static.links(url, page) if l.pagination == "stated"]
        assert stated == [template.format(n) for n in range(1, 5)], page
