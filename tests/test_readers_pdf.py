"""PDF with a text layer: the real published report, and broken input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ogi.extract import extract_bytes, extract_path
from ogi.readers.base import ExtractionError
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
