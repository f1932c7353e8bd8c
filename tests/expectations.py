"""Compare an extracted Document with a frozen expected JSON (seeds and HTML fixtures)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from ogi.document import Document
from ogi.extract import extract_path

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def extracted(source: Path, url: str | None = None) -> Document:
    """A fixture's document, extracted once per test session (OCR takes seconds a page)."""
    return _extracted(Path(source).resolve(), url)  # one cache key however it is called


@lru_cache(maxsize=None)
def _extracted(source: Path, url: str | None) -> Document:
    return extract_path(source, url=url)


def figure_mismatches(doc: Document, expected: dict[str, Any]) -> list[str]:
    problems = []
    want = expected["figures"]
    got = doc.figure_values()
    if set(got) != set(want):
        missing = sorted(set(want) - set(got))[:5]
        extra = sorted(set(got) - set(want))[:5]
        problems.append(f"key sets differ: missing {missing}, extra {extra}")
    for key, value in want.items():
        if key in got and not _same(got[key], value):
            problems.append(f"{key}: got {got[key]!r} (raw {doc.figures[key].raw!r}), want {value!r}")
    for key, raw in expected.get("raw", {}).items():
        if doc.figures[key].raw is None or raw.strip() != doc.figures[key].raw.strip():
            problems.append(f"{key}: raw {doc.figures[key].raw!r}, want {raw!r}")
    return problems


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) < 1e-9


def check_mismatches(doc: Document, expected: dict[str, Any]) -> list[str]:
    failing = sorted(c.scope for c in doc.checks if c.ok is False)
    want = sorted(expected.get("failing_checks", []))
    return [] if failing == want else [f"failing checks {failing}, want {want}"]


def warning_mismatches(doc: Document, expected: dict[str, Any]) -> list[str]:
    codes = {w.code for w in doc.warnings}
    return [f"warning {code} missing (got {sorted(codes)})" for code in expected.get("warnings_include", []) if code not in codes]


SHARED = FIXTURES.parent.parent.parent / "shared"
SKIP_DIRS = {"seeds", "real"}  # their sources live in ../shared (added below when present)


def fixture_sources() -> list[tuple[Path, Path]]:
    """(expected JSON, source file) of every fixture whose source is here."""
    out = []
    for expected in sorted(FIXTURES.rglob("*.expected.json")):
        if expected.parent.name in SKIP_DIRS:
            continue
        stem = expected.name[: -len(".expected.json")]
        exact = expected.with_name(stem)
        if exact.is_file() and exact.suffix:  # office style: FILE.pdf.expected.json
            out.append((expected, exact))
            continue
        found = [p for p in expected.parent.glob(stem + ".*") if p != expected and not p.name.endswith(".json")]
        if found:
            out.append((expected, found[0]))
    for expected in sorted((FIXTURES / "seeds").glob("*.expected.json")):
        seed = SHARED / "seeds" / json.loads(expected.read_text(encoding="utf-8"))["seed"]
        if seed.is_file():
            out.append((expected, seed))
    for expected in sorted((FIXTURES / "real").glob("*.expected.json")):
        real = SHARED / json.loads(expected.read_text(encoding="utf-8"))["file"]
        if real.is_file():
            out.append((expected, real))
    return out


def input_class(expected: dict, source: Path) -> str:
    """The class a fixture belongs to: its `input_class`, else from how it was made."""
    if expected.get("input_class"):
        return expected["input_class"]
    name = source.name
    if expected.get("ocr") or source.suffix.lower() in (".png", ".jpg", ".jpeg"):
        return "scan (OCR)"
    if source.suffix == ".md" or "markdown" in name:
        return "Markdown pipe tables"
    if "split" in name or "pagebreak" in name or "repeat" in name:
        return "table cut in two (page break)"
    if source.suffix == ".pdf":
        return "PDF, text layer"
    if source.suffix in (".docx", ".doc"):
        return "Word (DOCX/DOC)"
    if source.suffix == ".xlsx":
        return "spreadsheet"
    if source.suffix == ".txt":
        return "converted text"
    return "HTML page"
