from __future__ import annotations

import dataclasses
import json

import pytest

from ogi.document import Document
from ogi.extract import extract_path
from ogi.figure_keys import all_keys, union_keys
from ogi.document import TableFormat
from tests.conftest import FIXTURES


def test_json_round_trip() -> None:
    doc = extract_path(FIXTURES / "html" / "fullwidth_units_2021.html")
    data = json.loads(json.dumps(doc.to_dict(), ensure_ascii=False))
    again = Document.from_dict(data)
    assert again == doc
    assert data["checks_ok"] == doc.checks_ok


def test_document_is_immutable() -> None:
    doc = extract_path(FIXTURES / "html" / "fullwidth_units_2021.html")
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.title = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.region.code = "x"  # type: ignore[misc]


def test_raw_beside_value() -> None:
    doc = extract_path(FIXTURES / "html" / "fullwidth_units_2021.html")
    fee = doc.figures["proactive.fees.amount"]
    assert fee.value == pytest.approx(1.25)
    assert "元" in fee.raw and fee.note and "万元" in fee.note


def test_key_sets() -> None:
    assert len(all_keys(TableFormat.F2021)) == 10 + 26 * 7 + 15
    assert len(all_keys(TableFormat.F2019)) == 22 + 23 * 7 + 15
    assert all_keys(TableFormat.NONE) == ()
    assert len(union_keys()) == len(set(union_keys()))


def test_schema_module_imports_no_framework() -> None:
    import ast
    import ogi.document as module

    tree = ast.parse(open(module.__file__, encoding="utf-8").read())
    imported = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not any(name.split(".")[0] in ("scrapy", "twisted", "bs4", "lxml") for name in imported)
