"""A report's tables published as a spreadsheet (merged header and label cells)."""

from __future__ import annotations

import json

import pytest

from ogi.extract import extract_bytes, extract_path
from ogi.readers.base import ExtractionError
from tests.conftest import FIXTURES


def test_xlsx_tables_read_with_merges() -> None:
    expected = json.loads((FIXTURES / "sheets" / "requests_appeals_2021.expected.json").read_text(encoding="utf-8"))
    doc = extract_path(FIXTURES / "sheets" / "requests_appeals_2021.xlsx")
    assert doc.format.value == "xlsx" and doc.table_format.value == "2021"
    wrong = {k: (doc.figures[k].value, v) for k, v in expected["figures"].items() if doc.figures[k].value != v}
    assert not wrong
    assert any(w.code == "spreadsheet" for w in doc.warnings)


def test_broken_xlsx_is_a_clear_error() -> None:
    data = (FIXTURES / "sheets" / "requests_appeals_2021.xlsx").read_bytes()
    with pytest.raises(ExtractionError, match="XLSX"):
        extract_bytes(data[:2000], document_url="file:///cut.xlsx", filename="cut.xlsx")
