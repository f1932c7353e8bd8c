"""Compare an extracted Document with a frozen expected JSON (seeds and HTML fixtures)."""

from __future__ import annotations

from typing import Any

from ogi.document import Document


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
