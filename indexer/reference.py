"""What a Query means, by brute force over records: the yardstick for backends.

Slow and obviously right: the contract tests and the benchmark compare every backend's
answers with these.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from ogi.indexer.backend import facet_key
from ogi.indexer.fields import fields
from ogi.indexer.query import And, Compare, Exists, Filter, InSet, Not, Or, Query, date_number
from ogi.indexer.textmatch import normalise, searchable


def _value(record: Mapping[str, Any], name: str) -> Any:
    value = record.get(name)
    if value is None:
        return None
    kind = fields()[name].kind
    if kind == "date":
        try:
            return date_number(value)
        except ValueError:
            return None
    if kind == "bool":
        return bool(value)
    if kind in ("int", "float"):
        return float(value)
    return str(value)


def matches_filter(node: Filter | None, record: Mapping[str, Any]) -> bool:
    if node is None:
        return True
    if isinstance(node, And):
        return all(matches_filter(n, record) for n in node.items)
    if isinstance(node, Or):
        return any(matches_filter(n, record) for n in node.items)
    if isinstance(node, Not):
        return not matches_filter(node.item, record)
    raw = record.get(node.field)
    if isinstance(raw, list):  # a many-valued keyword field (`check`, `outlier`): any of its values
        if isinstance(node, Exists):
            return bool(raw)
        return any(matches_filter(node, {**record, node.field: item}) for item in raw)
    value = _value(record, node.field)
    if isinstance(node, Exists):
        return value is not None
    if value is None:
        return False
    if isinstance(node, InSet):
        return any(_equal(value, v) for v in node.values)
    assert isinstance(node, Compare)
    if node.op == "=":
        return _equal(value, node.value)
    target = float(node.value)
    return {"<": value < target, "<=": value <= target, ">": value > target, ">=": value >= target}[node.op]


def _equal(value: Any, target: Any) -> bool:
    if isinstance(value, float):
        return value == float(target)
    if isinstance(value, bool):
        return value == bool(target)
    return value == str(target)


def matches(query: Query, record: Mapping[str, Any], *, content: str | None = None) -> bool:
    """Does the record answer the query's text and filter? (`content`: its searchable form, if known)."""
    if not matches_filter(query.filter, record):
        return False
    if query.text:
        content = content if content is not None else searchable(record.get("title"), record.get("text"))
        for term in query.text:
            if (normalise(term.phrase) in content) == term.negated:
                return False
    return True


def facet_counts(query: Query, records: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {name: {} for name in query.facets}
    for record in records:
        if not matches(query, record):
            continue
        for name in query.facets:
            value = record.get(name)
            for item in (value if isinstance(value, list) else [value]):
                if item is None:
                    continue
                key = facet_key(item)
                counts[name][key] = counts[name].get(key, 0) + 1
    return counts
