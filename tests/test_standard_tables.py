"""ogi.standard_tables: warnings that say what is true — a row printed blank is not missing, a
table with labels and no values is empty, not absent (and no value is made up for either)."""

from __future__ import annotations

import pytest

from ogi.demo.portals import _formats as F
from ogi.extract import extract_bytes

TITLE = "攸县人民政府2023年政府信息公开工作年度报告"


def _page(blank) -> bytes:
    rows = []
    for row in F.table3(F.make_figures(3, "2021", 1.0)):
        label = " ".join(str(cell[0]) for cell in row)
        rows.append([("", rs, cs) if str(text).isdigit() and blank(label) else (text, rs, cs) for text, rs, cs in row])
    html = (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><p>三、收到和处理政府信息公开申请情况</p>"
            + F.table_html(rows, "word") + "</body></html>")
    return html.encode("utf-8")


def _codes(doc):
    return {w.code: w.message for w in doc.warnings}


def test_a_row_printed_blank_is_null_as_printed_not_missing():
    doc = extract_bytes(_page(lambda label: "不掌握" in label), document_url="http://gov.example/a.html")
    codes = _codes(doc)
    assert "unable_not_held" in codes["row_blank"]
    assert "unable_not_held" not in codes.get("table_incomplete", "")
    fig = doc.figures["requests.unable_not_held.total"]
    assert fig.value is None and fig.raw == ""  # printed, blank (raw None would mean "not found")
    assert doc.figures["requests.granted.total"].value is not None


def test_a_table_with_labels_and_no_values_is_empty_not_missing():
    doc = extract_bytes(_page(lambda label: True), document_url="http://gov.example/a.html")
    assert "table_empty" in _codes(doc)
    assert all(f.value is None for k, f in doc.figures.items() if k.startswith("requests."))


def _template(title: str, fill: bool) -> bytes:
    """The official tables with their labels; every value blank unless `fill`."""
    import re

    figures = F.make_figures(4, "2021", 1.0)
    number = re.compile(r"^\d+(\.\d+)?$")
    body = ""
    for heading, rows in (("二、主动公开政府信息情况", F.table2(figures)),
                          ("三、收到和处理政府信息公开申请情况", F.table3(figures)),
                          ("四、政府信息公开行政复议、行政诉讼情况", F.table4(figures))):
        if not fill:
            rows = [[("" if number.match(str(t)) else t, rs, cs) for t, rs, cs in row] for row in rows]
        body += f"<p>{heading}</p>" + F.table_html(rows, "word")
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>".encode("utf-8")


def test_the_blank_official_template_is_not_a_report():
    doc = extract_bytes(_template("中华人民共和国政府信息公开工作年度报告格式", fill=False),
                        document_url="http://gov.example/template.html")
    assert not doc.is_annual_report and "template" in doc.not_report_reason
    assert sum(1 for w in doc.warnings if w.code == "table_empty") == 3


def test_the_same_tables_filled_are_a_report_even_without_a_year_in_the_title():
    doc = extract_bytes(_template("中华人民共和国政府信息公开工作年度报告格式", fill=True),
                        document_url="http://gov.example/filled.html")
    assert doc.is_annual_report and not any(w.code == "table_empty" for w in doc.warnings)
    doc = extract_bytes(_template(TITLE, fill=False), document_url="http://gov.example/a.html")
    assert doc.is_annual_report  # a real report (agency and year) that printed empty tables stays a report


def _two_years(title: str, side_by_side: bool) -> bytes:
    """One city's 2023 and 2024 table 三: one after the other, or in one table side by side
    (each row: the 2023 values, the 2024 values, the change)."""
    a, b = F.table_grid(F.table3(F.make_figures(7, "2021", 3.0))), F.table_grid(F.table3(F.make_figures(8, "2021", 3.0)))
    if side_by_side:
        rows = []
        for ra, rb in zip(a[3:], b[3:]):
            change = [str(int(y) - int(x)) for x, y in zip(ra[-7:], rb[-7:])]
            rows.append("<tr>" + "".join(f"<td>{t}</td>" for t in ra[:-7] + ra[-7:] + rb[-7:] + change) + "</tr>")
        tables = "<p>三、收到和处理政府信息公开申请情况（2023年 / 2024年 / 变化）</p><table>" + "".join(rows) + "</table>"
    else:
        tables = "".join(f"<p>{year}年 三、收到和处理政府信息公开申请情况</p><table>"
                         + "".join("<tr>" + "".join(f"<td>{t}</td>" for t in row) + "</tr>" for row in grid)
                         + "</table>" for year, grid in ((2023, a), (2024, b)))
    return (f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
            f"<p>本表对照2023年、2024年两个年度报告的统计数据。</p>{tables}</body></html>").encode("utf-8")


@pytest.mark.parametrize("title,side_by_side", [
    ("永州市2023年与2024年政府信息公开工作年度报告数据对比", False),
    ("永州市2023年与2024年政府信息公开工作年度报告数据对比", True),
    ("永州市政府信息公开工作年度报告（2023年、2024年）", False),  # no comparison word: the tables say it
])
def test_two_years_tables_in_one_document_are_a_comparison_not_a_report(title, side_by_side):
    doc = extract_bytes(_two_years(title, side_by_side), document_url="http://gov.example/cmp.html")
    assert not doc.is_annual_report
    assert "comparison" in doc.not_report_reason and "2023 and 2024" in doc.not_report_reason


def test_a_report_that_compares_with_last_year_stays_a_report():
    html = _template("永州市人民政府2023年政府信息公开工作年度报告", fill=True).decode("utf-8").replace(
        "<body>", "<body><p>与上年相比，2023年共收到申请数较2022年增长12%，对比去年有所上升。</p>"
        "<table><tr><td>指标</td><td>2022年</td><td>2023年</td></tr><tr><td>收到申请数</td><td>50</td><td>56</td></tr></table>")
    doc = extract_bytes(html.encode("utf-8"), document_url="http://gov.example/r.html")
    assert doc.is_annual_report and doc.year == 2023
