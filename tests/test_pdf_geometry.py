"""The PDF reader takes its geometry from pdfium (issue 20): on every text-layer PDF fixture and
the real report, the tables it finds, the text of each of their cells and the text lines
around them are pdfplumber's (pdfminer.six) — the reader that the accuracy tests were written
against."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from ogi.readers import pdf_geometry
from ogi.readers.pdf import _clip
from ogi.textutil import tidy_line
from tests.conftest import FIXTURES

_SHARED = Path(__file__).resolve().parents[2] / "shared" / "real-reports"
PDFS = sorted(p for p in FIXTURES.rglob("*.pdf") if "_scan" not in p.name) + sorted(_SHARED.glob("*.pdf"))
# pdfium maps a few compatibility ideographs to their unified form where pdfminer keeps them
_SAME = str.maketrans({"戶": "户"})


def _tidy(text: str | None) -> str | None:
    return None if text is None else "\n".join(tidy_line(t).translate(_SAME) for t in text.split("\n") if t.strip())


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_pdfium_geometry_finds_what_pdfplumber_finds(path: Path) -> None:
    _same_as_pdfplumber(path.read_bytes(), path.name)


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_rotated_pages_are_read_as_shown(degrees: int) -> None:
    """/Rotate: characters and lines as on the page shown, as pdfminer turns them."""
    import io

    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument((FIXTURES / "office" / "trs_2021_standard.pdf").read_bytes())
    for page in pdf:
        page.set_rotation(degrees)
    out = io.BytesIO()
    pdf.save(out)
    # turned a quarter, a line's left and right are its characters' bottoms and tops: within the
    # fonts' descents (pdfium's font descent, where pdfminer reads the descriptor's)
    _same_as_pdfplumber(out.getvalue(), f"rotated {degrees}", x_tolerance=0.01 if degrees == 180 else 2.5)


def _same_as_pdfplumber(data: bytes, name: str, x_tolerance: float = 0.01) -> None:
    import io

    pdfplumber = pytest.importorskip("pdfplumber")
    import pypdfium2 as pdfium

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    doc = pdfium.PdfDocument(data)
    try:
        with pdfplumber.open(io.BytesIO(data)) as plumber:
            assert len(plumber.pages) == len(doc)
            for index, ref in enumerate(plumber.pages):
                page = pdf_geometry.load_page(doc, index)
                where = f"{name} page {index + 1}"
                tables, ref_tables = pdf_geometry.find_tables(page), ref.find_tables()
                assert len(tables) == len(ref_tables), where
                outside, ref_outside = page.chars, ref
                for table, ref_table in zip(tables, ref_tables):
                    assert table.bbox == pytest.approx(ref_table.bbox, abs=0.01), where
                    assert [[c is None for c in r.cells] for r in table.rows] == \
                        [[c is None for c in r.cells] for r in ref_table.rows], where
                    got = [[_tidy(t) for t in row] for row in table.extract()]
                    want = [[_tidy(t) for t in row] for row in ref_table.extract()]
                    assert got == want, where
                    clipped = _clip(table.bbox, page.bbox)
                    if clipped is not None:
                        outside = pdf_geometry.outside(outside, clipped)
                        ref_outside = ref_outside.outside_bbox(_clip(ref_table.bbox, ref.bbox))
                lines = pdf_geometry.text_lines(outside)
                ref_lines = ref_outside.extract_text_lines(layout=False, strip=True, return_chars=False)
                assert [_tidy(line["text"]) for line in lines] == [_tidy(line["text"]) for line in ref_lines], where
                for line, ref_line in zip(lines, ref_lines):  # boxes: x exact, heights within the fonts' descents
                    assert (line["x0"], line["x1"]) == pytest.approx((ref_line["x0"], ref_line["x1"]),
                                                                     abs=x_tolerance), where
                    assert line["bottom"] - line["top"] == pytest.approx(ref_line["bottom"] - ref_line["top"],
                                                                          abs=2.5), where
    finally:
        doc.close()
