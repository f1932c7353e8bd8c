"""The production backend: Meilisearch through its official Python client.

* `INDEX_SETTINGS` is the one place the index is configured (searchable, filterable and
  sortable attributes, faceting and pagination limits, Chinese for the text fields).
* Documents are the index records with the figures nested under ``figures`` (Meilisearch
  flattens them to the same dotted names the query model uses) and dates doubled as
  YYYYMMDD numbers (``published_day``) because Meilisearch compares only numbers.
* Every push is batched, and every task is waited for and checked: a failed task raises
  `IndexingError` with Meilisearch's own message.
* `replace_all` builds ``<uid>_next``, swaps it with the live index in one task, and drops
  the old one: searches never see a half-built index.
* Filters are compiled from the parsed tree (`indexer.query`), with every value quoted
  and escaped: no user string reaches the filter syntax as code.

Word matching is Meilisearch's own (Chinese segmented into words), so unlike the embedded
index it does not promise that every substring of a report finds it.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Mapping

import meilisearch
from meilisearch.errors import MeilisearchApiError

from ogi.indexer.backend import Aggregate, AggregateRow, Hit, SearchResult, aggregate_records, facet_key
from ogi.indexer.fields import DEFAULT_FACETS, FIGURE_PREFIX, fields
from ogi.indexer.query import And, Compare, Exists, Filter, InSet, Not, Or, Query, date_number
from ogi.indexer.textmatch import MARK_CLOSE, MARK_OPEN

BATCH = 1000
TASK_TIMEOUT_MS = 10 * 60 * 1000
DAY_SUFFIX = "_day"

_KEYWORDS = [f.name for f in fields().values() if f.kind in ("keyword", "bool", "int")]
_DATES = [f.name + DAY_SUFFIX for f in fields().values() if f.kind == "date"]
_NUMBERS = [f.name for f in fields().values() if f.kind == "float" and not f.name.startswith(FIGURE_PREFIX)]
_SORTABLE_INTS = [f.name for f in fields().values() if f.kind == "int" and f.sort and f.name != "year"]

INDEX_SETTINGS: dict[str, Any] = {
    "searchableAttributes": ["title", "agency", "text"],
    "filterableAttributes": _KEYWORDS + _DATES + _NUMBERS + ["figures"],
    "sortableAttributes": ["year"] + _SORTABLE_INTS + _DATES + _NUMBERS + ["figures"],
    "displayedAttributes": ["*"],
    "faceting": {"maxValuesPerFacet": 100_000, "sortFacetValuesBy": {"*": "count"}},
    "pagination": {"maxTotalHits": 1_000_000},
    "localizedAttributes": [{"attributePatterns": ["title", "agency", "text"], "locales": ["cmn"]}],
    "typoTolerance": {"enabled": False},  # a typo in Chinese is another word
    "rankingRules": ["words", "proximity", "attribute", "exactness", "sort", "typo"],
}
PUBLIC_KEY_DESCRIPTION = "ogi-archive public search (read-only)"


class IndexingError(RuntimeError):
    """A Meilisearch task that did not succeed."""


def to_meili(record: Mapping[str, Any]) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    figures: dict[str, Any] = {}
    for key, value in record.items():
        if key.startswith(FIGURE_PREFIX):
            node = figures
            parts = key[len(FIGURE_PREFIX):].split(".")
            for part in parts[:-1]:
                node = node.setdefault(part, {})
            node[parts[-1]] = value
        else:
            doc[key] = value
    doc["figures"] = figures
    for name in (f.name for f in fields().values() if f.kind == "date"):
        try:
            doc[name + DAY_SUFFIX] = date_number(doc[name]) if doc.get(name) else None
        except ValueError:
            doc[name + DAY_SUFFIX] = None
    return doc


def from_meili(doc: Mapping[str, Any]) -> dict[str, Any]:
    record = {k: v for k, v in doc.items() if not k.endswith(DAY_SUFFIX) and k not in ("figures", "_formatted")}

    def walk(node: Mapping[str, Any], prefix: str) -> None:
        for key, value in node.items():
            if isinstance(value, Mapping):
                walk(value, f"{prefix}{key}.")
            elif value is not None:
                record[FIGURE_PREFIX + prefix + key] = value

    walk(doc.get("figures") or {}, "")
    return record


def _literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _name(field: str) -> str:
    return field + DAY_SUFFIX if fields()[field].kind == "date" else field


def compile_filter(node: Filter) -> str:
    """The Meilisearch filter string of a parsed filter."""
    if isinstance(node, And):
        return "(" + " AND ".join(compile_filter(n) for n in node.items) + ")"
    if isinstance(node, Or):
        return "(" + " OR ".join(compile_filter(n) for n in node.items) + ")"
    if isinstance(node, Not):
        return "(NOT " + compile_filter(node.item) + ")"
    name = _name(node.field)
    if isinstance(node, Exists):
        return f"{name} EXISTS"
    if isinstance(node, InSet):
        return f"{name} IN [" + ", ".join(_literal(v) for v in node.values) + "]"
    assert isinstance(node, Compare)
    return f"{name} {node.op} {_literal(node.value)}"


def compile_text(query: Query) -> str:
    parts = []
    for term in query.text:
        phrase = "".join(term.raw.split()).replace('"', "") or term.phrase
        parts.append(("-" if term.negated else "") + f'"{phrase}"')
    return " ".join(parts)


class MeiliIndex:
    """SearchBackend on a Meilisearch server."""

    name = "meilisearch"

    def __init__(self, url: str, api_key: str | None = None, uid: str = "reports", *, timeout: int = 60) -> None:
        self.client = meilisearch.Client(url, api_key, timeout=timeout)
        self.uid = uid

    @property
    def index(self) -> Any:
        return self.client.index(self.uid)

    # --- tasks ----------------------------------------------------------------------

    def _wait(self, task_info: Any) -> Any:
        uid = getattr(task_info, "task_uid", None)
        if uid is None and isinstance(task_info, Mapping):
            uid = task_info.get("taskUid")
        task = self.client.wait_for_task(uid, timeout_in_ms=TASK_TIMEOUT_MS, interval_in_ms=100)
        if task.status != "succeeded":
            raise IndexingError(f"Meilisearch task {uid} ({task.type}) {task.status}: {task.error}")
        return task

    def _ensure(self, uid: str) -> None:
        try:
            self.client.get_index(uid)
        except MeilisearchApiError as exc:
            if getattr(exc, "code", None) != "index_not_found":
                raise
            self._wait(self.client.create_index(uid, {"primaryKey": "id"}))
        self._wait(self.client.index(uid).update_settings(INDEX_SETTINGS))

    def _push(self, uid: str, records: Iterable[Mapping[str, Any]]) -> int:
        index = self.client.index(uid)
        count = 0
        batch: list[dict[str, Any]] = []
        for record in records:
            batch.append(to_meili(record))
            if len(batch) >= BATCH:
                self._wait(index.add_documents(batch, primary_key="id"))
                count += len(batch)
                batch = []
        if batch:
            self._wait(index.add_documents(batch, primary_key="id"))
            count += len(batch)
        return count

    # --- writing --------------------------------------------------------------------

    def setup(self) -> None:
        """Create the live index with its settings if missing; re-apply the settings."""
        self._ensure(self.uid)

    def replace_all(self, records: Iterable[Mapping[str, Any]]) -> int:
        staging = self.uid + "_next"
        try:
            self._wait(self.client.delete_index(staging))
        except (MeilisearchApiError, IndexingError):
            pass
        self._ensure(staging)
        count = self._push(staging, records)
        self._ensure(self.uid)
        self._wait(self.client.swap_indexes([{"indexes": [self.uid, staging]}]))
        self._wait(self.client.delete_index(staging))  # now holds the previous generation
        return count

    def upsert(self, records: Iterable[Mapping[str, Any]]) -> int:
        self._ensure(self.uid)
        return self._push(self.uid, records)

    def delete(self, ids: Iterable[str]) -> int:
        ids = [str(i) for i in ids]
        if ids:
            self._wait(self.index.delete_documents(ids))
        return len(ids)

    def public_key(self) -> str:
        """A search-only API key for this index (created once, then found by its description)."""
        for key in self.client.get_keys({"limit": 1000}).results:
            if key.description == PUBLIC_KEY_DESCRIPTION:
                return key.key
        created = self.client.create_key({"description": PUBLIC_KEY_DESCRIPTION, "actions": ["search"],
                                          "indexes": [self.uid], "expiresAt": None})
        return created.key

    # --- reading --------------------------------------------------------------------

    def count(self) -> int:
        try:
            return int(self.index.get_stats().number_of_documents)
        except MeilisearchApiError:
            return 0

    def _params(self, query: Query) -> dict[str, Any]:
        params: dict[str, Any] = {"matchingStrategy": "all", "attributesToRetrieve": ["*"]}
        if query.filter is not None:
            params["filter"] = compile_filter(query.filter)
        if query.sort is not None:
            params["sort"] = [f"{_name(query.sort.field)}:{'desc' if query.sort.descending else 'asc'}"]
        elif not query.phrases:
            params["sort"] = ["year:desc"]
        return params

    def search(self, query: Query) -> SearchResult:
        params = self._params(query)
        params.update({"attributesToCrop": ["text"], "cropLength": 40, "cropMarker": "…",
                       "attributesToHighlight": ["text"] if query.phrases else [],
                       "highlightPreTag": MARK_OPEN, "highlightPostTag": MARK_CLOSE})
        if query.facets:
            params["facets"] = list(query.facets)
        skip = 0
        if query.limit == 0:
            params.update({"page": 0, "hitsPerPage": 1})
        elif query.offset % query.limit == 0:
            params.update({"page": query.offset // query.limit + 1, "hitsPerPage": query.limit})
        else:
            params.update({"page": 1, "hitsPerPage": query.offset + query.limit})
            skip = query.offset
        response = self.index.search(compile_text(query), params)
        hits = []
        for doc in response.get("hits", [])[skip: skip + query.limit]:
            formatted = doc.get("_formatted") or {}
            raw = formatted.get("text") or ""
            record = from_meili(doc)
            record.pop("text", None)
            hits.append(Hit(record, raw, doc.get("_rankingScore")))
        facets = {name: {facet_key(_facet_value(name, k)): int(v) for k, v in
                         (response.get("facetDistribution") or {}).get(name, {}).items()}
                  for name in query.facets}
        return SearchResult(int(response.get("totalHits") or 0), tuple(hits), facets)

    def iter_records(self, query: Query, fields: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        wanted = None
        if fields is not None:
            wanted = sorted({"figures" if f.startswith(FIGURE_PREFIX) else f for f in fields} | {"id"})
        if not query.text:
            offset = 0
            while True:
                params: dict[str, Any] = {"limit": BATCH, "offset": offset}
                if query.filter is not None:
                    params["filter"] = compile_filter(query.filter)
                if wanted:
                    params["fields"] = wanted
                page = self.index.get_documents(params)
                docs = [dict(d) for d in page.results]
                for doc in docs:
                    yield from_meili(doc)
                if len(docs) < BATCH:
                    return
                offset += BATCH
        params = self._params(query)
        if wanted:
            params["attributesToRetrieve"] = wanted
        page_no = 1
        while True:
            response = self.index.search(compile_text(query), {**params, "page": page_no, "hitsPerPage": BATCH})
            for doc in response.get("hits", []):
                yield from_meili(doc)
            if page_no >= int(response.get("totalPages") or 0):
                return
            page_no += 1

    def aggregate(self, agg: Aggregate) -> list[AggregateRow]:
        return aggregate_records(self.iter_records(agg.query, fields=(*agg.group_by, agg.field)), agg)

    def close(self) -> None:
        pass


def _facet_value(name: str, key: str) -> Any:
    kind = fields()[name].kind
    if kind == "int":
        try:
            return int(float(key))
        except ValueError:
            return key
    return key


__all__ = ["MeiliIndex", "INDEX_SETTINGS", "IndexingError", "compile_filter", "to_meili", "from_meili",
           "DEFAULT_FACETS"]
