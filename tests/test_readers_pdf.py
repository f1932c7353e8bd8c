"""PDF with a text layer: the real published report, and broken input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ogi.extract import extract_bytes, extract_path
from ogi.readers.base import ExtractionError
from ogi.readers.pdf import read_pdf
from tests.conftest import FIXTURES
from tests.expectations import check_mismatches, figure_mismatches, warning_mismatches


def test_real_report_hongze_2023(shared_dir: Path) -> None:
    """淮安市洪泽区 2023 (WPS export): table 二 split over pages, one-character-per-line row
    header, table 三 continued without its header, table 四 as printed not adding up."""
    expected = json.loads((FIXTURES / "real" / "hongze_2023.expected.json").read_text(encoding="utf-8"))
    doc = extract_path(shared_dir / expected["file"])
    assert doc.format.value == "pdf" and doc.table_format.value == "2021"
    assert (doc.title, doc.agency, doc.year, doc.published_at) == (
        expected["title"], expected["agency"], expected["year"], expected["published_at"])
    assert doc.agency_level.value == expected["agency_level"] and doc.region.code == expected["region_code"]
    assert [s.number for s in doc.sections] == expected["sections"]
    problems = figure_mismatches(doc, expected) + check_mismatches(doc, expected) + warning_mismatches(doc, expected)
    assert not problems, "\n".join(problems)
    assert all(c.ok is not None for c in doc.checks)  # every identity evaluated


def test_truncated_pdf_is_a_clear_error(shared_dir: Path) -> None:
    data = (shared_dir / "real-reports" / "hongze_2023.pdf").read_bytes()
    with pytest.raises(ExtractionError, match="PDF"):
        extract_bytes(data[: len(data) // 3], document_url="file:///cut.pdf")


def test_pdf_garbage_is_a_clear_error() -> None:
    with pytest.raises(ExtractionError, match="PDF"):
        extract_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 100, document_url="file:///bad.pdf")


def _pdf_with_wide_table() -> bytes:
    """A one-page PDF whose ruled table runs past the right and top page edges."""
    ops = ["0.5 w"]
    xs = [40, 200, 400, 700]  # page is 595 wide: the last column is beyond the edge
    ys = [900, 780, 740, 700]  # page is 842 high: the first row is above the top
    for y in ys:
        ops.append(f"{xs[0]} {y} m {xs[-1]} {y} l S")
    for x in xs:
        ops.append(f"{x} {ys[0]} m {x} {ys[-1]} l S")
    words = [("A1", 50, 790), ("B1", 210, 790), ("A2", 50, 750), ("B2", 210, 750), ("C2", 410, 750),
             ("A3", 50, 710), ("B3", 210, 710), ("C3", 410, 710)]
    for text, x, y in words:
        ops.append(f"BT /F1 12 Tf {x} {y} Td ({text}) Tj ET")
    ops.append("BT /F1 12 Tf 40 600 Td (Text below the table) Tj ET")
    stream = "\n".join(ops).encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def test_a_table_running_past_the_page_edge_is_clipped_not_a_lost_page():
    """pdfplumber refuses to crop outside the page: the page used to be dropped (and the file taken
    for a scan). Now the table is read as far as the page shows it, and the text after it."""
    out = read_pdf(_pdf_with_wide_table())
    texts = [row.text for row in out.rows]
    assert "A2\tB2\tC2" in texts and "Text below the table" in texts
    assert not any(w.code == "ocr" for w in out.warnings)
