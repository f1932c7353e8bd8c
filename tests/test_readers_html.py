from __future__ import annotations

from ogi.readers.html import read_html


def _page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_hidden_text_never_reaches_a_cell() -> None:
    out = read_html(_page('<div id="zoom"><p>' + "正文" * 60 + '</p><table><tr><td>规章</td>'
                          '<td>1<span style="display:none">4</span></td></tr></table></div>'))
    rows = [r for r in out.rows if r.is_table_row]
    assert [c.text for c in rows[0].cells] == ["规章", "1"]


def test_metadata_table_and_meta_tags() -> None:
    html = _page(
        '<table class="xxgk"><tr><td>索 引 号：</td><td>11410000/2024-00012</td><td>发布机构：</td><td>内乡县人民政府</td></tr>'
        "<tr><td>发布日期：</td><td>2024-01-22</td><td>文号：</td><td></td></tr></table>"
        '<div class="TRS_Editor"><p>' + "正文内容" * 40 + "</p></div>",
        head='<meta name="ArticleTitle" content="内乡县2023年政府信息公开工作年度报告"><meta name="SiteName" content="内乡县人民政府">',
    )
    out = read_html(html)
    assert out.meta["publisher"] == "内乡县人民政府"
    assert out.meta["published"] == "2024-01-22"
    assert out.meta["index_no"] == "11410000/2024-00012"
    assert out.meta["site_name"] == "内乡县人民政府"
    assert out.title == "内乡县2023年政府信息公开工作年度报告"


def test_chrome_is_left_out_and_attachments_listed() -> None:
    html = _page(
        '<div class="nav"><a href="/">首页</a><a href="/x">政务公开</a></div>'
        '<div class="main"><div class="article-con"><p>' + "报告正文" * 40 + "</p>"
        '<p><a href="/u/2024/report.pdf">附件：年度报告.pdf</a></p><p><img src="/u/p1.jpg"></p></div>'
        '<div class="share">【打印本页】【关闭窗口】</div></div><div class="footer">主办单位：某某县人民政府办公室</div>'
    )
    out = read_html(html)
    text = "\n".join(r.text for r in out.rows)
    assert "报告正文" in text
    assert "首页" not in text and "主办单位" not in text and "打印本页" not in text
    assert out.attachments == ["/u/2024/report.pdf", "/u/p1.jpg"]
