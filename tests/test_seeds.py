"""The five real seed reports (text taken from published files) against hand-read values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ogi.extract import extract_path
from tests.conftest import FIXTURES
from tests.expectations import check_mismatches, figure_mismatches, warning_mismatches

EXPECTED = sorted((FIXTURES / "seeds").glob("*.expected.json"))


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_seed(expected_path: Path, shared_dir: Path) -> None:
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    doc = extract_path(shared_dir / "seeds" / expected["seed"])
    assert doc.is_annual_report
    assert doc.table_format.value == expected["table_format"]
    assert doc.title == expected["title"]
    assert doc.agency == expected["agency"]
    assert doc.agency_level.value == expected["agency_level"]
    assert doc.year == expected["year"]
    assert doc.published_at == expected["published_at"]
    assert doc.region.__dict__ == expected["region"]
    assert [s.number for s in doc.sections] == expected["sections"]
    problems = figure_mismatches(doc, expected) + check_mismatches(doc, expected) + warning_mismatches(doc, expected)
    assert not problems, "\n".join(problems)
    # every identity evaluated; not evaluable exactly where a cell it needs is null
    assert len(doc.checks) == 42
    for check in doc.checks:
        needs_null = any(doc.figures.get(k) is None or doc.figures[k].value is None for k in check.cells)
        assert (check.ok is None) == needs_null, check


def test_truncated_seed_says_so(shared_dir: Path) -> None:
    doc = extract_path(shared_dir / "seeds" / "003_464edf78f41b86e1.txt")
    messages = " ".join(w.message for w in doc.warnings if w.code == "table_incomplete")
    assert "results_total" in messages and "carried_forward" in messages
    # the rows printed with one number too few are named, not guessed
    ambiguous = [w.message for w in doc.warnings if w.code == "cell_ambiguous"]
    assert any("granted" in m for m in ambiguous)
    assert doc.figures["requests.rejected_publication.total"].value == 0
    assert doc.figures["requests.rejected_excessive.total"].value is None
    assert doc.figures["requests.rejected_excessive.total"].raw is None


def test_raw_cell_text_kept(shared_dir: Path) -> None:
    doc = extract_path(shared_dir / "seeds" / "002_993b10d7eafd07e2.txt")
    fig = doc.figures["requests.new_received.natural_person"]
    assert (fig.value, fig.raw) == (2, "2")
    blank = extract_path(shared_dir / "seeds" / "000_df809919c7a5e4a0.txt").figures["appeals.review.total"]
    assert blank.value is None and blank.raw == ""
