"""The embedded default backend: a tantivy index inside the data directory, no server.

Chosen by measurement (shared/notes, and `bench/search_bench.py`): SQLite FTS5's trigram
tokenizer cannot answer one- and two-character queries from the index, tantivy with one
token per character answers every substring as a phrase query, exactly, in milliseconds.

* The normalised title and text (`textmatch.searchable`) are indexed twice: ``chars``, one
  token per character without positions (a one-character query is a term query), and
  ``pairs``, one token per overlapping character pair *with* positions (pair i starts at
  character i). A word of n ≥ 2 characters is a phrase of the pairs at offsets 0, 2, 4, …
  and n-2, which cover every character: exactly the reports containing it, and pairs are
  far rarer than single characters, so phrases of common characters run 3–8× faster than a
  phrase over single characters. ``title_n`` (characters, with positions) only raises the
  score of reports whose title matches.
* Tokenising is tantivy's (Rust) whitespace tokenizer over strings numpy builds in bulk
  ("a b c" for characters, "ab bc" for pairs): the same tokens and positions a regex
  tokenizer per character gave, without a Python or regex step per character (issue 20).
* Every filterable field (`indexer.fields`) is a fast field: keywords as raw text (terms
  aggregations give the facet counts), numbers, dates as YYYYMMDD integers. Numbers are only
  fast fields (ranges, sorting, stats run on them), not terms as well.
* The record itself is stored as JSON for hits, exports and snippets.
* Generations: `replace_all` builds ``gen-N`` next to the live one and then switches the
  ``CURRENT`` pointer atomically; open searchers notice the switch on their next query.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import threading
import time
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import tantivy

from ogi.indexer.backend import Aggregate, AggregateRow, Hit, IndexOutdated, SearchResult, facet_key, group_order
from ogi.indexer.fields import Field, fields
from ogi.indexer.query import And, Exists, Filter, InSet, Not, Or, Query, QueryError, date_number
from ogi.indexer.textmatch import SEPARATOR, normalise, snippet

TOKENIZER = "ogi_chars"
PAIRS = "ogi_pairs"
_FACET_SIZE = 100_000  # more than any facet's distinct values (there are ~41,000 townships)
_MISSING_KEYWORD = "\u0000"  # a group value for "the report has no such field"
_MISSING_NUMBER = -1
_WRITER_HEAP = 256_000_000
_BATCH = 5_000


def _analyzer() -> Any:
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()


def _pair_analyzer() -> Any:
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()


_SPACE = ord(" ")


def _codepoints(text: str) -> Any:
    import numpy as np  # here, not at import: `ogi search` never tokenises

    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _chars(text: str) -> str:
    """"abc" -> "a b c": one token per character for tantivy's whitespace tokenizer (normalised
    text has no whitespace), built in numpy rather than a Python loop over the characters."""
    if len(text) < 2:
        return text
    points = _codepoints(text)
    out = points.repeat(2)
    out[1::2] = _SPACE
    return out.tobytes()[:-4].decode("utf-32-le")


def _pairs(text: str) -> str:
    """"abcd" -> "ab bc cd": overlapping pairs, space-separated (normalised text has no spaces)."""
    if len(text) < 2:
        return ""
    points = _codepoints(text)
    out = points[:-1].repeat(3)
    out[1::3] = points[1:]
    out[2::3] = _SPACE
    return out.tobytes()[:-4].decode("utf-32-le")


def _schema() -> Any:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw", fast=True)
    sb.add_text_field("chars", stored=False, tokenizer_name=TOKENIZER, index_option="basic")
    sb.add_text_field("pairs", stored=False, tokenizer_name=PAIRS)
    sb.add_text_field("title_n", stored=False, tokenizer_name=TOKENIZER)
    sb.add_bytes_field("record", stored=True)
    for f in fields().values():
        if f.name == "id":
            continue
        if f.kind in ("keyword", "bool"):
            sb.add_text_field(f.name, stored=False, tokenizer_name="raw", fast=True)
        elif f.kind in ("int", "date"):  # numbers are compared on their fast field alone: no terms
            sb.add_integer_field(f.name, stored=False, indexed=False, fast=True)
        else:
            sb.add_float_field(f.name, stored=False, indexed=False, fast=True)
    return sb.build()


@lru_cache(maxsize=1)
def _plan() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The filterable fields but id by kind: (keyword, bool, int, date, float)."""
    kinds: dict[str, list[str]] = {"keyword": [], "bool": [], "int": [], "date": [], "float": []}
    for name, f in fields().items():
        if name != "id":
            kinds[f.kind].append(name)
    return tuple(tuple(kinds[k]) for k in ("keyword", "bool", "int", "date", "float"))  # type: ignore[return-value]


def _tantivy_doc(record: Mapping[str, Any]) -> Any:
    title = normalise(record.get("title") or "")
    content = title + SEPARATOR + normalise(record.get("text") or "")  # = searchable(title, text)
    doc = tantivy.Document()
    doc.add_text("id", str(record["id"]))
    doc.add_text("chars", _chars(content))
    doc.add_text("pairs", _pairs(content))
    doc.add_text("title_n", _chars(title))
    keywords, bools, ints, dates, floats = _plan()
    get = record.get
    for name in keywords:
        value = get(name)
        if value is None:
            continue
        if isinstance(value, list):  # many-valued (`check`, `outlier`): one term each
            for v in value:
                doc.add_text(name, str(v))
        else:
            doc.add_text(name, str(value))
    for name in bools:
        value = get(name)
        if value is not None:
            doc.add_text(name, facet_key(bool(value)))
    for name in ints:
        value = get(name)
        if value is not None:
            doc.add_integer(name, int(value))
    for name in dates:
        value = get(name)
        if value is not None:
            try:
                doc.add_integer(name, date_number(value))
            except ValueError:
                pass
    for name in floats:
        value = get(name)
        if value is not None:
            doc.add_float(name, float(value))
    doc.add_bytes("record", json.dumps(record, ensure_ascii=False).encode("utf-8"))
    return doc


class EmbeddedIndex:
    """SearchBackend on tantivy in `root` (normally ``<data-dir>/index``)."""

    name = "embedded"

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.schema = _schema()
        self._lock = threading.Lock()
        self._gen: str | None = None
        self._index: Any = None
        self._searcher: Any = None
        self._stamp: float = -1.0
        self._held: Any = None  # the open file of the shared lock on the generation in use

    # --- generations ---------------------------------------------------------------

    @property
    def _pointer(self) -> Path:
        return self.root / "CURRENT"

    def _current_gen(self) -> str | None:
        try:
            return self._pointer.read_text().strip() or None
        except FileNotFoundError:
            return None

    def _open(self, gen: str) -> Any:
        try:
            index = tantivy.Index(self.schema, path=str(self.root / gen), reuse=True)
        except ValueError as exc:
            if "schema does not match" in str(exc):
                raise IndexOutdated(str(self.root)) from None
            raise
        index.register_tokenizer(TOKENIZER, _analyzer())
        index.register_tokenizer(PAIRS, _pair_analyzer())
        return index

    def _readers(self, gen: str) -> Path:
        return self.root / f".{gen}.readers"

    def _hold(self, gen: str) -> Any | None:
        """A shared lock on `gen` (a rebuild deletes an old generation only when nobody holds
        one), or None when the generation was deleted before the lock was taken."""
        handle = open(self._readers(gen), "a+")
        fcntl.flock(handle, fcntl.LOCK_SH)
        if not (self.root / gen / "meta.json").exists():
            handle.close()
            return None
        return handle

    def _live(self) -> Any:
        """The live index, reopened when another process switched or changed it."""
        with self._lock:
            for _ in range(5):  # a rebuild may switch and drop generations between our steps
                gen = self._current_gen()
                if gen is None:
                    gen = self._new_generation()
                    self._switch(gen)
                if gen == self._gen and self._index is not None:
                    break
                held = self._hold(gen)
                if held is not None:
                    try:
                        index = self._open(gen)
                    except BaseException:
                        held.close()
                        raise
                    if self._held is not None:
                        self._held.close()  # the old generation may go now
                    self._held, self._index, self._gen = held, index, gen
                    self._stamp, self._searcher = _mtime(self.root / gen / "meta.json"), None
                    self._drop_old(gen)  # generations readers kept past a rebuild go once let go
                    break
            stamp = _mtime(self.root / gen / "meta.json")
            if gen != self._gen or self._index is None:
                raise RuntimeError(f"index generation {gen} vanished while opening it (rebuilds too fast?)")
            elif stamp != self._stamp:
                self._index.reload()
                self._stamp, self._searcher = stamp, None
            if self._searcher is None:
                self._searcher = self._index.searcher()
            return self._index

    def _searcher_now(self) -> Any:
        self._live()
        return self._searcher

    def _new_generation(self) -> str:
        n = 1 + max((int(p.name[4:]) for p in self.root.glob("gen-*") if p.name[4:].isdigit()), default=0)
        path = self.root / f"gen-{n}"
        path.mkdir()
        self._open(path.name)  # creates an empty index
        return path.name

    def _switch(self, gen: str) -> None:
        tmp = self.root / f".CURRENT.{os.getpid()}"
        tmp.write_text(gen)
        os.replace(tmp, self._pointer)

    @contextlib.contextmanager
    def _writing(self) -> Any:
        """One writer at a time per index directory, across processes (rebuilds, upserts, deletes)."""
        with open(self.root / ".write.lock", "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _drop_old(self, keep: str) -> None:
        """Delete generations older than `keep` that nobody reads; one a reader still holds is
        left until it lets go (newer ones may be a rebuild in progress: never touched)."""
        keep_n = int(keep[4:]) if keep[4:].isdigit() else 0
        for path in self.root.glob("gen-*"):
            if not path.is_dir() or not path.name[4:].isdigit() or int(path.name[4:]) >= keep_n:
                continue
            lock = self._readers(path.name)
            with open(lock, "a+") as handle:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # a searcher has it open
                shutil.rmtree(path, ignore_errors=True)
                lock.unlink(missing_ok=True)

    # --- writing -----------------------------------------------------------------------

    def replace_all(self, records: Iterable[Mapping[str, Any]]) -> int:
        with self._writing():
            gen = self._new_generation()
            try:
                count = self._write(self._open(gen), records, replace=False)
            except BaseException:
                shutil.rmtree(self.root / gen, ignore_errors=True)
                raise
            with self._lock:
                self._switch(gen)
            self._live()  # this process moves to the new generation (and lets go of the old one)
            self._drop_old(gen)
        return count

    def upsert(self, records: Iterable[Mapping[str, Any]]) -> int:
        with self._writing():
            return self._write(self._live(), records, replace=True)

    def _write(self, index: Any, records: Iterable[Mapping[str, Any]], *, replace: bool) -> int:
        writer = index.writer(heap_size=_WRITER_HEAP, num_threads=min(2, os.cpu_count() or 1))
        count = 0
        try:
            for record in records:
                if replace:
                    writer.delete_documents_by_term("id", str(record["id"]))
                writer.add_document(_tantivy_doc(record))
                count += 1
                if count % (_BATCH * 10) == 0:
                    writer.commit()
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            writer.rollback()
            raise
        return count

    def delete(self, ids: Iterable[str]) -> int:
        with self._writing():
            writer = self._live().writer(heap_size=50_000_000, num_threads=1)
            n = 0
            for doc_id in ids:
                writer.delete_documents_by_term("id", str(doc_id))
                n += 1
            writer.commit()
            writer.wait_merging_threads()
        return n

    # --- reading ----------------------------------------------------------------------

    def count(self) -> int:
        return self._searcher_now().num_docs

    def _compile(self, query: Query) -> tuple[Any, Any | None]:
        """(matching query, title-boost query or None)."""
        must: list[tuple[Any, Any]] = []
        boost: list[tuple[Any, Any]] = []
        for term in query.text:
            q = self._content(term.phrase)
            if term.negated:
                must.append((tantivy.Occur.MustNot, q))
            else:
                must.append((tantivy.Occur.Must, q))
                boost.append((tantivy.Occur.Should, self._phrase("title_n", term.phrase)))
        if query.filter is not None:
            must.append((tantivy.Occur.Must, self._filter(query.filter)))
        if not any(occ == tantivy.Occur.Must for occ, _ in must):
            must.append((tantivy.Occur.Must, tantivy.Query.all_query()))
        matching = must[0][1] if len(must) == 1 else tantivy.Query.boolean_query(must)
        if not boost:
            return matching, None
        scored = tantivy.Query.boolean_query([(tantivy.Occur.Must, matching)] + [
            (occ, tantivy.Query.boost_query(q, 3.0)) for occ, q in boost])
        return matching, scored

    def _content(self, phrase: str) -> Any:
        """Reports whose normalised title or text contains `phrase` (see the module docstring)."""
        if len(phrase) == 1:
            return tantivy.Query.term_query(self.schema, "chars", phrase)
        if len(phrase) == 2:
            return tantivy.Query.term_query(self.schema, "pairs", phrase)
        offsets = list(range(0, len(phrase) - 1, 2))
        if offsets[-1] != len(phrase) - 2:
            offsets.append(len(phrase) - 2)
        return tantivy.Query.phrase_query(self.schema, "pairs", [(o, phrase[o:o + 2]) for o in offsets])

    def _phrase(self, field: str, phrase: str) -> Any:
        chars = list(phrase)
        if len(chars) == 1:
            return tantivy.Query.term_query(self.schema, field, chars[0])
        return tantivy.Query.phrase_query(self.schema, field, chars)

    def _filter(self, node: Filter) -> Any:
        if isinstance(node, And):
            return tantivy.Query.boolean_query([(tantivy.Occur.Must, self._filter(n)) for n in node.items])
        if isinstance(node, Or):
            return tantivy.Query.boolean_query([(tantivy.Occur.Should, self._filter(n)) for n in node.items])
        if isinstance(node, Not):
            return tantivy.Query.boolean_query([(tantivy.Occur.Must, tantivy.Query.all_query()),
                                                (tantivy.Occur.MustNot, self._filter(node.item))])
        f = fields()[node.field]
        if isinstance(node, Exists):
            return tantivy.Query.exists_query(node.field)
        if isinstance(node, InSet):
            if f.kind in ("keyword", "bool"):
                return tantivy.Query.term_set_query(self.schema, node.field, [_term(f, v) for v in node.values])
            return tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, self._compare(f, "=", v)) for v in node.values])
        return self._compare(f, node.op, node.value)

    def _compare(self, f: Field, op: str, value: Any) -> Any:
        if f.kind in ("keyword", "bool"):
            if op != "=":
                raise QueryError(f"{f.name} can only be compared with = or !=")
            return tantivy.Query.term_query(self.schema, f.name, _term(f, value))
        ftype = tantivy.FieldType.Float if f.kind == "float" else tantivy.FieldType.Integer
        value = float(value) if f.kind == "float" else int(value)
        lo, hi, inc_lo, inc_hi = {
            "=": (value, value, True, True),
            ">": (value, None, False, True),
            ">=": (value, None, True, True),
            "<": (None, value, True, False),
            "<=": (None, value, True, True),
        }[op]
        return tantivy.Query.range_query(self.schema, f.name, ftype, lo, hi, include_lower=inc_lo,
                                         include_upper=inc_hi)

    def search(self, query: Query) -> SearchResult:
        searcher = self._searcher_now()
        matching, scored = self._compile(query)
        wanted = max(query.limit, 1)
        if query.sort is not None:
            order = tantivy.Order.Desc if query.sort.descending else tantivy.Order.Asc
            result = searcher.search(matching, wanted, count=True, order_by_field=query.sort.field,
                                     offset=query.offset, order=order)
        elif not query.phrases:  # nothing to rank by: newest reports first
            result = searcher.search(matching, wanted, count=True, order_by_field="year", offset=query.offset,
                                     order=tantivy.Order.Desc)
        else:
            result = searcher.search(scored or matching, wanted, count=True, offset=query.offset)
        hits = []
        for score, address in result.hits[: query.limit]:
            record = json.loads(bytes(searcher.doc(address)["record"][0]).decode("utf-8"))
            text = record.pop("text", "")
            raw = snippet(text, query.phrases) if text else ""
            hits.append(Hit(record, raw, score if isinstance(score, float) and query.sort is None else None))
        facets = self._facets(searcher, matching, query.facets) if query.facets else {}
        return SearchResult(result.count if result.count is not None else len(hits), tuple(hits), facets)

    def _facets(self, searcher: Any, matching: Any, names: tuple[str, ...]) -> dict[str, dict[str, int]]:
        spec = {name: {"terms": {"field": name, "size": _FACET_SIZE, "segment_size": _FACET_SIZE}}
                for name in names}
        out = searcher.aggregate(matching, spec)
        facets: dict[str, dict[str, int]] = {}
        for name in names:
            buckets = out.get(name, {}).get("buckets", [])
            facets[name] = {facet_key(b["key"]): int(b["doc_count"]) for b in buckets}
        return facets

    def iter_records(self, query: Query, fields: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        searcher = self._searcher_now()
        matching, _ = self._compile(query)
        if searcher.num_docs == 0:
            return
        keep = set(fields) if fields is not None else None
        result = searcher.search(matching, searcher.num_docs, count=False, order_by_field="year",
                                 order=tantivy.Order.Asc)
        for _, address in result.hits:
            record = json.loads(bytes(searcher.doc(address)["record"][0]).decode("utf-8"))
            yield record if keep is None else {k: v for k, v in record.items() if k in keep}

    def report_keys(self, query: Query) -> list[tuple[str | None, int | None, str]]:
        """(agency_id, year, id) of every record matching the query, read from the fast fields of one
        searcher (no stored record is decoded): what an export needs to put reports in order."""
        searcher = self._searcher_now()
        if searcher.num_docs == 0:
            return []
        matching, _ = self._compile(query)
        by_agency = searcher.search(matching, searcher.num_docs, count=False, order_by_field="agency_id",
                                    order=tantivy.Order.Asc).hits
        by_id = searcher.search(matching, searcher.num_docs, count=False, order_by_field="id",
                                order=tantivy.Order.Asc).hits
        ids = {(address.segment_ord, address.doc): str(doc_id) for doc_id, address in by_id}
        years = searcher.fast_field_values("year", [address for _, address in by_agency])
        return [(agency, None if year is None else int(year), ids[(address.segment_ord, address.doc)])
                for (agency, address), year in zip(by_agency, years)]

    def aggregate(self, agg: Aggregate) -> list[AggregateRow]:
        searcher = self._searcher_now()
        matching, _ = self._compile(agg.query)
        spec: dict[str, Any] = {"v": {"stats": {"field": agg.field}}}
        for name in reversed(agg.group_by):
            f = fields()[name]
            missing = _MISSING_KEYWORD if f.kind == "keyword" else _MISSING_NUMBER
            spec = {"g": {"terms": {"field": name, "size": _FACET_SIZE, "segment_size": _FACET_SIZE,
                                    "missing": missing}, "aggs": spec}}
        out = searcher.aggregate(matching, spec)
        rows: list[AggregateRow] = []

        def walk(node: Mapping[str, Any], depth: int, group: dict[str, Any], doc_count: int) -> None:
            if depth == len(agg.group_by):
                stats = node["v"]
                count = int(stats.get("count") or 0)
                total = float(stats.get("sum") or 0.0)
                rows.append(AggregateRow(dict(group), doc_count, count, total, total / count if count else None))
                return
            name = agg.group_by[depth]
            for bucket in node["g"]["buckets"]:
                key = bucket["key"]
                if key in (_MISSING_KEYWORD, _MISSING_NUMBER, float(_MISSING_NUMBER)):
                    key = None
                elif fields()[name].kind == "int":
                    key = int(key)
                walk(bucket, depth + 1, {**group, name: key}, int(bucket["doc_count"]))

        ungrouped = 0 if agg.group_by else (searcher.search(matching, 1, count=True).count or 0)
        walk(out, 0, {}, ungrouped)
        rows.sort(key=lambda r: group_order(tuple(r.group.get(g) for g in agg.group_by)))
        return [r for r in rows if r.reports > 0]

    def close(self) -> None:
        with self._lock:
            self._index = self._searcher = None
            self._gen = None


def _term(f: Field, value: Any) -> str:
    return facet_key(bool(value)) if f.kind == "bool" else str(value)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime_ns / 1e9
    except FileNotFoundError:
        return time.time()
