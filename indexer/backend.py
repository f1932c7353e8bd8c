"""The search-backend interface, its result types, and how a data directory picks a backend."""

from __future__ import annotations

from dataclasses import dataclass, field
import csv
from typing import IO, Any, Iterable, Iterator, Mapping, Protocol

from ogi.indexer.query import Aggregate, Query
from ogi.indexer.record import region_label
from ogi.indexer.textmatch import snippet_html

HIT_FIELDS = ("id", "title", "url", "document_url", "agency", "agency_level", "province", "city", "county",
              "township", "region_code", "year", "published_at", "format", "table_format", "checks_ok",
              "checks_failed", "removed", "sha256", "captured_at", "agency_id", "documents", "documents_agree",
              "sources", "reviewed", "corrected", "tag")


class IndexOutdated(RuntimeError):
    """The index on disk was built with another set of fields (an earlier version): rebuild it."""

    def __init__(self, where: str) -> None:
        super().__init__(f"the search index in {where} was built by an earlier version of OGI Archive; "
                         "rebuild it with `ogi index --data-dir DIR` (nothing is refetched)")


@dataclass(frozen=True)
class Hit:
    record: Mapping[str, Any]  # the stored record without its text
    snippet: str  # raw: highlights between textmatch.MARK_OPEN / MARK_CLOSE
    score: float | None = None

    def to_json(self) -> dict[str, Any]:
        out = {k: self.record.get(k) for k in HIT_FIELDS}
        out["region"] = region_label(self.record)
        out["snippet"] = snippet_html(self.snippet)
        return out


@dataclass(frozen=True)
class SearchResult:
    total: int
    hits: tuple[Hit, ...]
    facets: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"total": self.total, "hits": [h.to_json() for h in self.hits],
                "facets": {k: dict(v) for k, v in self.facets.items()}}


@dataclass(frozen=True)
class AggregateRow:
    group: Mapping[str, Any]  # {group field: value}
    reports: int  # matching reports in the group
    count: int  # of them, reports that give the figure
    sum: float
    mean: float | None

    def to_json(self) -> dict[str, Any]:
        return {**self.group, "reports": self.reports, "count": self.count, "sum": self.sum, "mean": self.mean}


AGGREGATE_COLUMNS = ("reports", "count", "sum", "mean")


def write_aggregate_csv(rows: Iterable[AggregateRow], group_by: Iterable[str], out: IO[str]) -> None:
    """Aggregate rows as CSV: the group fields, then reports, count, sum, mean (blank for none)."""
    columns = [*group_by, *AGGREGATE_COLUMNS]
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        data = row.to_json()
        writer.writerow(["" if data[c] is None else data[c] for c in columns])


def facet_key(value: Any) -> str:
    """How a facet value is spelled in results: bools as true/false, numbers without .0."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class SearchBackend(Protocol):
    """What the CLI, the web app and the scheduler need from an index."""

    name: str

    def replace_all(self, records: Iterable[Mapping[str, Any]]) -> int:
        """Rebuild the index from these records; searches keep working on the old one meanwhile."""

    def upsert(self, records: Iterable[Mapping[str, Any]]) -> int:
        """Add or replace records by id."""

    def delete(self, ids: Iterable[str]) -> int: ...

    def count(self) -> int: ...

    def search(self, query: Query) -> SearchResult: ...

    def iter_records(self, query: Query, fields: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        """Every record matching the query (text and filter; no paging), optionally only some fields."""

    def aggregate(self, agg: Aggregate) -> list[AggregateRow]: ...

    def close(self) -> None: ...


def aggregate_records(records: Iterable[Mapping[str, Any]], agg: Aggregate) -> list[AggregateRow]:
    """Aggregate by iterating records: the reference (and Meilisearch's way)."""
    groups: dict[tuple[Any, ...], list[float]] = {}
    reports: dict[tuple[Any, ...], int] = {}
    for rec in records:
        key = tuple(rec.get(g) for g in agg.group_by)  # None: the report has no such level
        reports[key] = reports.get(key, 0) + 1
        value = rec.get(agg.field)
        bucket = groups.setdefault(key, [])
        if value is not None:
            bucket.append(float(value))
    rows = []
    for key in sorted(reports, key=group_order):
        values = groups.get(key, [])
        total = float(sum(values))
        rows.append(AggregateRow(dict(zip(agg.group_by, key)), reports[key], len(values), total,
                                 total / len(values) if values else None))
    return rows


def group_order(key: tuple[Any, ...]) -> tuple[tuple[int, Any], ...]:
    """Sort key of an aggregate group: numbers, then text, then None (no such level)."""
    return tuple((2, "") if v is None else (0, v) if isinstance(v, (int, float)) else (1, str(v)) for v in key)
