"""ogi.standard_tables: warnings that say what is true — a row printed blank is not missing, a
table with labels and no values is empty, not absent (and no value is made up for either)."""

from __future__ import annotations

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
