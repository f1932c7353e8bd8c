"""Bad input ends in a clear error or a recorded warning — never a hang, a traceback or a wrong number."""

from __future__ import annotations

import base64
import os
import time

import pytest

from ogi.extract import extract_bytes, extract_path
from ogi.readers.base import ExtractionError
from tests.conftest import FIXTURES

REPORT = (FIXTURES / "html" / "trs_2021_standard.html").read_bytes()
ARTICLE = b'<div class=TRS_Editor>'  # the article body of that page


def _extract(data: bytes, name: str = "page.html"):
    return extract_bytes(data, document_url=f"file:///tmp/{name}", filename=name)


@pytest.mark.parametrize("data", [b"", b"   \n\t  "])
def test_empty_input(data: bytes) -> None:
    with pytest.raises(ExtractionError, match="empty"):
        _extract(data)


def test_binary_garbage() -> None:
    garbage = os.urandom(64 * 1024)
    with pytest.raises(ExtractionError, match="binary|undecodable"):
        _extract(garbage, "report.html")


def test_broken_word_file_is_a_clear_error() -> None:
    with pytest.raises(ExtractionError, match="broken DOCX"):
        _extract(b"PK\x03\x04 not really a zip", "report.docx")


def test_broken_image_is_a_clear_error() -> None:
    with pytest.raises(ExtractionError, match="broken or unknown image"):
        _extract(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "page-1.png")


def test_missing_file() -> None:
    with pytest.raises(ExtractionError, match="cannot read"):
        extract_path("/nonexistent/report.html")


def test_50mb_of_markup_is_refused_quickly() -> None:
    row = b"<tr><td>\xe8\xa1\x8c\xe6\x94\xbf</td><td>1</td><td>2</td></tr>\n"
    data = b"<html><body><table>" + row * (50_000_000 // len(row)) + b"</table></body></html>"
    started = time.monotonic()
    with pytest.raises(ExtractionError, match="too large"):
        _extract(data)
    assert time.monotonic() - started < 30


def test_50mb_of_inline_images_is_stripped_and_the_report_read() -> None:
    image = b'<p><img src="data:image/png;base64,' + base64.b64encode(os.urandom(38_000_000)) + b'"></p>'
    data = REPORT.replace(b"</body>", image + b"</body>")
    assert len(data) > 50_000_000
    doc = _extract(data)
    assert any(w.code == "html_stripped" for w in doc.warnings)
    assert doc.table_format.value == "2021"
    assert doc.figures["requests.new_received.total"].value is not None


def test_table_with_500_columns() -> None:
    cells = "".join(f"<td>{i}</td>" for i in range(500))
    data = REPORT.replace(ARTICLE, ARTICLE + f"<table><tr>{cells}</tr><tr>{cells}</tr></table>".encode(), 1)
    doc = _extract(data)
    assert any(w.code == "table_too_wide" for w in doc.warnings)
    assert doc.figures["requests.new_received.total"].value is not None


def test_absurd_spans_are_capped() -> None:
    data = REPORT.replace(
        ARTICLE, ARTICLE + b'<table><tr><td rowspan="99999999" colspan="99999999">x</td><td>1</td></tr></table>', 1
    )
    doc = _extract(data)
    assert doc.table_format.value == "2021"


def test_gbk_page_without_charset() -> None:
    html = REPORT.decode("utf-8")
    html = html.replace('charset="utf-8"', "").replace("charset=utf-8", "").replace('charset="UTF-8"', "")
    data = html.encode("gbk", errors="ignore")
    doc = _extract(data)
    reference = _extract(REPORT)
    assert any(w.code in ("encoding_guessed", "encoding_mismatch") for w in doc.warnings)
    assert doc.title == reference.title
    assert doc.figure_values() == reference.figure_values()


def test_page_lying_about_its_charset() -> None:
    html = REPORT.decode("utf-8")
    data = html.replace("<head>", '<head><meta charset="gb2312">', 1).encode("utf-8")
    doc = _extract(data)
    assert doc.figure_values() == _extract(REPORT).figure_values()


def test_deeply_nested_markup_does_not_crash() -> None:
    data = b"<html><body>" + b"<div>" * 50_000 + "二〇二三年政府信息公开工作年度报告".encode() + b"</div>" * 50_000 + b"</body></html>"
    doc = _extract(data)
    assert doc.table_format.value == "none"


def test_truncated_html() -> None:
    cut = REPORT[: len(REPORT) * 2 // 3]
    doc = _extract(cut)
    # what is there is read; what is not is null and said to be missing
    assert doc.figures["requests.new_received.total"].value is not None
    assert any(w.code == "table_incomplete" for w in doc.warnings)
    assert all(f.value is None for k, f in doc.figures.items() if k.startswith("appeals."))


def test_hostile_markup_is_text_not_code() -> None:
    data = REPORT.replace(
        ARTICLE, ARTICLE + b"<p onclick=\"alert(1)\"><script>alert(1)</script><img src=x onerror=alert(2)>\xe6\x96\x87</p>", 1
    )
    doc = _extract(data)
    assert "alert(1)" not in doc.text
    assert "onerror" not in doc.text


def test_a_cell_that_is_not_a_number_is_null_with_a_warning() -> None:
    doc = _extract(REPORT)
    raw = doc.figures["proactive.rules.issued"].raw
    assert raw
    # the rules row's first cell: make it words instead of a number
    page = REPORT.decode("utf-8")
    row_start = page.index("规章")
    cell = page.index(f">{raw}<", row_start)
    changed = (page[:cell] + ">见附件<" + page[cell + len(raw) + 2:]).encode("utf-8")
    bad = _extract(changed)
    assert bad.figures["proactive.rules.issued"].value is None
    assert bad.figures["proactive.rules.issued"].raw == "见附件"
    assert any(w.code == "cell_unparsed" and "proactive.rules.issued" in w.message for w in bad.warnings)
    # nothing else moved
    others = {k: v for k, v in bad.figure_values().items() if k != "proactive.rules.issued"}
    assert others == {k: v for k, v in doc.figure_values().items() if k != "proactive.rules.issued"}
