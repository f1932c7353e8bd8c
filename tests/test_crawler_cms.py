"""The CMS family modules on frozen snippets of the markup their list pages carry."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

from crawler import cms
from crawler.cms import gkmlpt, hanweb, static, trs

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
