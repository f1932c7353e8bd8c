"""PDF, DOCX and DOC files made from the HTML fixtures (tests/fixtures/office): every cell right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ogi.extract import extract_path
from ogi.readers.base import ExtractionError
from ogi.readers.word import soffice
from tests.conftest import FIXTURES
from tests.expectations import check_mismatches, figure_mismatches

OFFICE = FIXTURES / "office"
EXPECTED = sorted(OFFICE.glob("*.expected.json"))
TEXT_LAYER = [p for p in EXPECTED if not json.loads(p.read_text(encoding="utf-8")).get("ocr")]
SCANS = [p for p in EXPECTED if json.loads(p.read_text(encoding="utf-8")).get("ocr")]


def _source(expected_path: Path) -> Path:
    return expected_path.with_name(expected_path.name.replace(".expected.json", ""))


@pytest.mark.parametrize("expected_path", TEXT_LAYER, ids=lambda p: p.name.replace(".expected.json", ""))
def test_every_cell_right(expected_path: Path) -> None:
    source = _source(expected_path)
    if source.suffix == ".doc" and soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: .doc files cannot be converted here")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    doc = extract_path(source)
    assert doc.format.value == expected["format"]
    assert doc.table_format.value == expected["table_format"]
    assert doc.title == expected["title"] and doc.year == expected["year"]
    assert doc.published_at == expected.get("published_at", doc.published_at)
    problems = figure_mismatches(doc, expected) + check_mismatches(doc, expected)
    for phrase in expected.get("text_contains", []):
        if phrase not in doc.text.replace(" ", ""):
            problems.append(f"text lacks {phrase!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("expected_path", [p for p in SCANS if p.name.endswith(".pdf.expected.json")],
                         ids=lambda p: p.name.replace(".expected.json", ""))
def test_scans_read_by_ocr(expected_path: Path) -> None:
    """150-dpi scans: >= 99% of cells right, and no wrong number without a mark on it."""
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    doc = extract_path(_source(expected_path))
    assert doc.table_format.value == expected["table_format"]
    figures = expected["figures"]
    right = sum(1 for k, v in figures.items() if doc.figures[k].value == v)
    assert right / len(figures) >= expected.get("min_cell_accuracy", 0.99), right
    failing = {cell for c in doc.checks if c.ok is False for cell in c.cells}
    for key, want in figures.items():
        fig = doc.figures[key]
        if fig.raw is not None:  # every figure read by OCR says so
            assert fig.confidence < 1, (key, fig)
        if fig.value != want and fig.value is not None:
            assert key in failing or fig.confidence < 0.85, (key, fig, want)
