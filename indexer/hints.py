"""Say when an equality filter's value matches no report at all, and suggest close values
(`河北` → 河北省, `County` → county): an empty result should not look like an empty archive."""

from __future__ import annotations

import difflib
import unicodedata
from typing import Any

from ogi.indexer.query import And, Compare, Filter, InSet, Query, equals

# keyword fields whose values a user types by hand
HINTED = ("province", "city", "county", "township", "agency_level", "format", "table_format", "agency_id")
MAX_SUGGESTIONS = 3


def typed_values(node: Filter | None) -> list[tuple[str, str]]:
    """(field, value) of every equality the filter requires (under AND; not under OR/NOT)."""
    if isinstance(node, And):
        return [pair for item in node.items for pair in typed_values(item)]
    if isinstance(node, Compare) and node.op == "=" and node.field in HINTED:
        return [(node.field, str(node.value))]
    if isinstance(node, InSet) and node.field in HINTED:
        return [(node.field, str(v)) for v in node.values]
    return []


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def close_values(value: str, known: list[str]) -> list[str]:
    """Known values a user probably meant: same letters but case or width, a prefix or a part
    of a longer name (河北 → 河北省), then spelling neighbours."""
    typed = _folded(value)
    if not typed:
        return []
    same = [k for k in known if _folded(k) == typed]
    if same:
        return same[:MAX_SUGGESTIONS]
    parts = sorted((k for k in known if typed in _folded(k) or _folded(k) in typed and len(_folded(k)) >= 2),
                   key=lambda k: (not _folded(k).startswith(typed), abs(len(k) - len(value)), k))
    if parts:
        return parts[:MAX_SUGGESTIONS]
    folded = {_folded(k): k for k in known}
    return [folded[m] for m in difflib.get_close_matches(typed, list(folded), n=MAX_SUGGESTIONS, cutoff=0.7)]


def unmatched(backend: Any, node: Filter | None) -> list[str]:
    """One sentence for each typed value that no report in the index has, with suggestions."""
    notes = []
    for field, value in typed_values(node):
        if backend.search(Query(filter=equals(field, value), limit=0)).total:
            continue
        known = [str(k) for k in (backend.search(Query(facets=(field,), limit=0)).facets.get(field) or {})]
        near = close_values(value, known)
        notes.append(f"{field} = {value!r} matches no report"
                     + (f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else
                        f" (the index has {len(known)} values of {field})"))
    return notes
