from __future__ import annotations

import pytest

from ogi.extract import extract_bytes
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


def _pasted_page(seed: int, sep: str, wrap: str, blank_share: float) -> tuple[bytes, object]:
    """A report page whose three tables were pasted as text: one line per row, cells separated
    by `sep`, lines in <p> or split by <br>, label columns empty at the start of a line."""
    import html as htmllib
    import random

    from ogi.demo.portals import _formats as F

    figures = F.make_figures(seed, "2021", 1.0)
    rng = random.Random(seed)
    title = "攸县人民政府2023年政府信息公开工作年度报告"
    parts = []
    for heading, rows in (("二、主动公开政府信息情况", F.table2(figures)),
                          ("三、收到和处理政府信息公开申请情况", F.table3(figures)),
                          ("四、政府信息公开行政复议、行政诉讼情况", F.table4(figures))):
        grid = [[("" if c.isdigit() and rng.random() < blank_share else c) for c in r] for r in F.table_grid(rows)]
        lines = [sep.join(htmllib.escape(c) for c in r) for r in grid]
        if wrap == "p":
            parts.append(f"<p>{heading}</p>" + "".join(f"<p>{line}</p>" for line in lines))
        else:
            parts.append(f"<div>{heading}<br>" + "<br>".join(lines) + "</div>")
    page = f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{''.join(parts)}</body></html>"
    return page.encode("utf-8"), figures


@pytest.mark.parametrize("sep,wrap", [("\t", "p"), ("\t", "br"), ("&nbsp;&nbsp;&nbsp;", "br"), ("\u3000\u3000", "p")])
def test_tables_pasted_as_text_lines_are_read(sep, wrap):
    columns = ("natural_person", "enterprise", "research", "social_org", "legal_service", "other_org", "total")
    for blank_share in (0.0, 0.15):
        right = wrong = 0
        for seed in range(3):
            data, figures = _pasted_page(seed, sep, wrap, blank_share)
            doc = extract_bytes(data, document_url="http://gov.example/pasted.html")
            for key, values in figures.requests.items():
                for column, value in zip(columns, values):
                    got = doc.figures[f"requests.{key}.{column}"].value
                    right += got == value
                    wrong += got is not None and got != value
            if blank_share == 0.0:
                assert doc.figures["appeals.review.total"].value == figures.appeals[4]
        assert wrong == 0  # with blanks, a row that cannot be placed for sure stays null
        if blank_share == 0.0:
            assert right == 3 * 25 * 7
