"""Stages after capture, re-runnable from the archive without refetching.

`extract_archive` turns the current version of every report in a data directory into
a Document, stored in the catalog; `export_documents` writes them out. The CLI and
the scheduler call these functions.
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Sequence

from ogi.archive import Archive
from ogi.blobstores import BlobCorrupt
from ogi.document import Document
from ogi.extract import EXTRACTOR_VERSION, extract_bytes, extract_image_report, image_part, is_image
from ogi.figure_keys import union_keys
from ogi.readers.base import ExtractionError

@dataclass
class ExtractionSummary:
    extracted: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    redone: dict[str, int] = field(default_factory=dict)  # why documents already made were made again → how many
    missing_tools: dict[str, int] = field(default_factory=dict)  # converter not installed → files it kept unread

    def add(self, other: "ExtractionSummary") -> "ExtractionSummary":
        return ExtractionSummary(self.extracted + other.extracted, self.unchanged + other.unchanged,
                                 self.failed + other.failed, self.errors + other.errors,
                                 _sum_counts(self.redone, other.redone),
                                 _sum_counts(self.missing_tools, other.missing_tools))

    def hints(self, data_dir: str = "DIR") -> list[str]:
        """What the user can do about files a missing converter kept unread."""
        return [f"{count} file(s) need {tool}: install it ({MISSING_TOOLS[tool][1]}), then run "
                f"`ogi extract --data-dir {data_dir}` again — files that failed for want of it are read again "
                "(no --force needed)" for tool, count in sorted(self.missing_tools.items())]


MISSING_TOOLS = {  # converter → (what its absence makes a reader's error say, how to install it)
    "LibreOffice": ("need LibreOffice", "Debian: apt-get install libreoffice-writer-nogui"),
}


def _sum_counts(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    return {k: a.get(k, 0) + b.get(k, 0) for k in {*a, *b}}


def missing_tool(error: str | None) -> str | None:
    """The converter whose absence an extraction error reports (`MISSING_TOOLS`), if any."""
    return next((tool for tool, (says, _) in MISSING_TOOLS.items() if error and says in error), None)


def tool_present(tool: str) -> bool:
    if tool == "LibreOffice":
        from ogi.readers.word import soffice

        return soffice() is not None
    return False


def redo_reason(row: Any) -> str | None:
    """Why a document already made (a documents row) must be made again, or None."""
    version = row["extractor_version"]
    if version is None:
        return "made before extractor versions were recorded"
    if int(version) < EXTRACTOR_VERSION:
        return f"made by an older extractor (v{version} < v{EXTRACTOR_VERSION})"
    tool = missing_tool(row["error"]) if row["document"] is None else None
    if tool and tool_present(tool):
        return f"unread for want of {tool}, now installed"
    return None


@dataclass(frozen=True)
class Shard:
    """One of `count` disjoint parts of the archive, by report version digest (`index` from 1):
    machines or processes given different shards extract without coordinating."""

    index: int
    count: int

    def __post_init__(self) -> None:
        if not 1 <= self.index <= self.count:
            raise ValueError(f"shard {self.index}/{self.count}: need 1 ≤ I ≤ N")

    @classmethod
    def parse(cls, text: str) -> "Shard":
        try:
            index, count = (int(part) for part in text.split("/"))
        except ValueError:
            raise ValueError(f"shard {text!r}: write I/N, e.g. 2/4") from None
        return cls(index, count)

    def owns(self, digest: str) -> bool:
        return int(digest[:12], 16) % self.count == self.index - 1

    def split(self, parts: int) -> list["Shard"]:
        """`parts` shards that together own exactly what this one owns."""
        return [Shard(self.index + self.count * k, self.count * parts) for k in range(parts)]


def extract_archive(archive: Archive, *, force: bool = False, shard: Shard | None = None,
                    limits: Limits | None = None, urls: set[str] | None = None, jobs: int = 1) -> ExtractionSummary:
    """Extract the current version of every report not yet extracted, made by an older extractor
    (`redo_reason`), or unread for want of a converter now installed (all of them with force),
    of those in `shard` or `urls` only if given; each PDF/Word/sheet/image within `limits`
    (default: the settings'). Files imported by hand keep what their importer pinned (`ogi.importing`).
    With `jobs` > 1 the files are read in that many worker processes; this process plans, reads the
    bodies and writes every row, in the same order as with one."""
    if limits is None:
        from ogi.settings import Settings

        settings = Settings.load(archive.data_dir)
        limits = Limits(settings.extract_seconds, settings.extract_memory_mb)

    summary = ExtractionSummary()
    reports = archive.reports()
    if urls is not None:  # some files only (an import): nothing else is looked at
        reports = [r for r in reports if r["url"] in urls]
    regions = {name: config.region for name, config in archive.source_configs().items()}
    images = _image_pages(archive, reports)
    image_of = {image: page for page, urls in images.items() for image in urls}
    readers = _Readers(jobs, limits)
    for report in reports:
        latest = archive.latest(report["url"])
        if latest is None or (shard is not None and not shard.owns(latest.sha256)):
            continue
        done = archive.db.execute("SELECT document, error, extractor_version FROM documents WHERE url = ? AND"
                                  " sha256 = ?", (report["url"], latest.sha256)).fetchone()
        if done and not force:
            why = redo_reason(done)
            if why is None:
                summary.unchanged += 1
                tool = missing_tool(done["error"]) if done["document"] is None else None
                if tool:  # still missing: the hint is repeated until it is installed
                    summary.missing_tools[tool] = summary.missing_tools.get(tool, 0) + 1
                continue
            summary.redone[why] = summary.redone.get(why, 0) + 1
        page_url = report["parent_url"] if report["kind"] == "attachment" else report["url"]
        hint = regions.get(str(report["source"]))  # the source's configured region
        try:
            if report["url"] in image_of:  # read with its page, below
                call: Any = (image_part, (report["url"], latest.sha256, image_of[report["url"]]), {})
            elif report["url"] in images:  # 图片版: the page and its images, one report
                call = (extract_image_report, (archive.blobs.get(latest.sha256),
                                               _image_bodies(archive, images[report["url"]])),
                        dict(document_url=report["url"], url=report["url"], content_type=latest.content_type,
                             region_hint=hint))
            else:
                call = (extract_guarded, (archive.blobs.get(latest.sha256), limits),
                        dict(document_url=report["url"], url=page_url,
                             filename=report["url"].rsplit("/", 1)[-1].split("?")[0],
                             content_type=latest.content_type, region_hint=hint))
        except Exception as exc:  # noqa: BLE001 - the body is missing or damaged: this file's error
            call = exc
        if not isinstance(call, BaseException):  # the worker also dates the document and writes its JSON
            call = (_document_json, (call, *_dating(archive, report, latest)), {})
        for item in readers.put((report, latest), call):
            _store_extracted(archive, summary, *item)
    for item in readers.drain():
        _store_extracted(archive, summary, *item)
    return summary


@dataclass(frozen=True)
class _Failed:
    """Why reading a file failed, as `extract_archive` records it (made in the worker that read it)."""

    kind: str  # extraction | missing | damaged | other
    message: str


def _failure(exc: BaseException) -> _Failed:
    if isinstance(exc, KeyError):
        return _Failed("missing", "")
    if isinstance(exc, (ExtractionError, BlobCorrupt)):
        return _Failed("damaged" if isinstance(exc, BlobCorrupt) else "extraction", str(exc))
    return _Failed("other", f"{type(exc).__name__}: {str(exc)[:300]}")


def _read(call: Any) -> Any:
    """Run one (function, args, kwargs) reading a file: its Document, or `_Failed` (never raises)."""
    if isinstance(call, BaseException):  # the body could not even be fetched from the store
        return _failure(call)
    fn, args, kwargs = call
    try:
        return fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - one file's failure, whatever it is, is that file's error
        return _failure(exc)


def _dating(archive: Archive, report: Any, latest: Any) -> tuple[Any, dict[str, Any], dict[str, Any]]:
    """(first capture time of this version, what an importer pinned, its provenance): catalog reads."""
    from ogi.importing import imported_changes

    first = archive.db.execute("SELECT MIN(fetched_at) FROM captures WHERE url = ? AND sha256 = ?",
                               (report["url"], latest.sha256)).fetchone()[0]
    pinned, provenance = imported_changes(archive, report["url"], latest.sha256)
    return first or latest.fetched_at, pinned, provenance


def _document_json(call: Any, captured_at: Any, pinned: dict[str, Any], provenance: dict[str, Any]) -> str:
    """Read the file (`call`), date it, apply what its importer pinned: the documents row's JSON."""
    fn, args, kwargs = call
    doc = fn(*args, **kwargs).with_changes(captured_at=captured_at)
    doc = doc.with_changes(**pinned) if pinned else doc
    return json.dumps({**doc.to_dict(), **provenance}, ensure_ascii=False)


def _store_extracted(archive: Archive, summary: ExtractionSummary, report: Any, latest: Any, read: Any) -> None:
    """Write what reading one report's file gave (the document's JSON or `_Failed`) to the catalog."""
    from ogi.archive import utcnow

    doc_json, error = None, None
    if isinstance(read, _Failed):
        error = read.message if read.kind != "missing" else f"archived body {latest.sha256} is missing"
        summary.failed += 1
        summary.errors.append(f"{report['url']}: {error}")
        tool = missing_tool(error) if read.kind != "other" else None
        if tool:
            summary.missing_tools[tool] = summary.missing_tools.get(tool, 0) + 1
        if read.kind in ("missing", "damaged") and archive.db.execute(
                "SELECT 1 FROM documents WHERE url = ? AND sha256 = ? AND document IS NOT NULL",
                (report["url"], latest.sha256)).fetchone():
            return  # a damaged stored body never replaces a document read from it when it was whole
    else:
        doc_json = read
        summary.extracted += 1
    archive.db.execute("INSERT INTO documents (url, sha256, extracted_at, document, error, extractor_version)"
                       " VALUES (?,?,?,?,?,?) ON CONFLICT (url, sha256) DO UPDATE SET"
                       " extracted_at = excluded.extracted_at, document = excluded.document,"
                       " error = excluded.error, extractor_version = excluded.extractor_version",
                       (report["url"], latest.sha256, utcnow(), doc_json, error, EXTRACTOR_VERSION))


class _Readers:
    """Reads files in order: in this process (jobs 1) or in `jobs` worker processes, at most a few
    files a worker ahead; `put` and `drain` give back (key..., what `_read` gave) in the order put."""

    def __init__(self, jobs: int, limits: Limits | None) -> None:
        self.jobs, self.limits = max(1, jobs), limits
        self.pool: Any = None
        self.waiting: Any = None
        if self.jobs > 1:
            from collections import deque
            from concurrent.futures import ProcessPoolExecutor
            from multiprocessing import get_all_start_methods, get_context

            # forked workers start at once with the readers and the division table already loaded
            # (warmed here first); they never touch the catalog connection they inherit
            _warm_worker()
            method = "fork" if "fork" in get_all_start_methods() else "spawn"
            self.pool = ProcessPoolExecutor(self.jobs, mp_context=get_context(method), initializer=_warm_worker)
            self.waiting = deque()

    def put(self, key: tuple[Any, ...], call: Any) -> Iterator[tuple[Any, ...]]:
        if self.pool is None:
            yield (*key, _read(call))
            return
        from concurrent.futures.process import BrokenProcessPool

        try:
            future = self.pool.submit(_read, call)
        except BrokenProcessPool:
            future = None
        self.waiting.append((key, call, future))
        while len(self.waiting) > 4 * self.jobs:
            yield self._next()

    def drain(self) -> Iterator[tuple[Any, ...]]:
        try:
            while self.waiting:
                yield self._next()
        finally:
            if self.pool is not None:
                self.pool.shutdown(cancel_futures=True)

    def _next(self) -> tuple[Any, ...]:
        from concurrent.futures.process import BrokenProcessPool

        key, call, future = self.waiting.popleft()
        try:
            if future is not None:
                return (*key, future.result())
        except BrokenProcessPool:
            pass
        # a worker died (a crash in a native library): this file is read again alone, in a forked child
        from ogi.isolation import run_limited

        limits = self.limits or Limits()
        try:
            return (*key, run_limited(_read, call, seconds=limits.seconds, memory=limits.memory_mb * 2**20))
        except Exception as exc:  # noqa: BLE001
            return (*key, _failure(exc))


def _warm_worker() -> None:
    """The readers' imports and the division table, once per process (cached after)."""
    import ogi.extract  # noqa: F401
    from ogi.divisions import get_divisions

    get_divisions()


def _image_pages(archive: Archive, reports: list[dict[str, object]]) -> dict[str, dict[str, str]]:
    """Report pages whose attachments are images (图片版): each image's URL and current digest."""
    pages = {str(r["url"]) for r in reports if r["kind"] == "page"}
    found: dict[str, dict[str, str]] = {}
    for report in reports:
        parent, url = report["parent_url"], str(report["url"])
        if report["kind"] != "attachment" or parent not in pages:
            continue
        latest = archive.latest(url)
        if latest is not None and is_image(url, latest.content_type):
            found.setdefault(str(parent), {})[url] = latest.sha256
    return found


def _image_bodies(archive: Archive, digests: dict[str, str]) -> dict[str, bytes]:
    """The bytes of each image (empty when its body is missing: the document says so)."""
    bodies = {}
    for url, digest in digests.items():
        try:
            bodies[url] = archive.blobs.get(digest)
        except KeyError:
            bodies[url] = b""
    return bodies


@dataclass(frozen=True)
class Limits:
    """What one archived file's extraction may take (Settings: OGI_EXTRACT_SECONDS / _MEMORY_MB)."""

    seconds: float = 300.0
    memory_mb: int = 3072


def extract_guarded(data: bytes, limits: Limits | None, **kwargs: Any) -> Document:
    """extract_bytes, in a child process with the limits for formats read by native libraries
    (PDF, Word, sheets, images); HTML and text in process."""
    from ogi.document import SourceFormat
    from ogi.extract import sniff_format
    from ogi.isolation import run_limited

    fmt = sniff_format(data, kwargs.get("filename"), kwargs.get("content_type"))
    if limits is None or fmt in (SourceFormat.HTML, SourceFormat.TEXT):
        return extract_bytes(data, **kwargs)
    return run_limited(extract_bytes, data, seconds=limits.seconds, memory=limits.memory_mb * 2**20, **kwargs)


def extract_in_processes(data_dir: str | Path, *, jobs: int, force: bool = False,
                         shard: Shard | None = None) -> ExtractionSummary:
    """`extract_archive` with its files read in `jobs` processes of this machine; this process
    alone writes the catalog (SQLite or PostgreSQL), in the order of one process."""
    with Archive(str(data_dir)) as archive:
        return extract_archive(archive, force=force, shard=shard, jobs=jobs)


def current_documents(archive: Archive) -> Iterator[dict[str, object]]:
    """One record per captured file of a report: its Document (as a dict), or the error that kept
    it from being read (`current_reports` groups them into reports)."""
    from ogi.reports import NOT_EXTRACTED, archive_entries

    for entry in archive_entries(archive):
        if entry.doc is not None:
            yield {**entry.doc, "removed_at": entry.removed_at}
            continue
        base = {"url": entry.parent_url if entry.kind == "attachment" else entry.url, "document_url": entry.url,
                "sha256": entry.sha256, "removed_at": entry.removed_at}
        yield {**base, "error": entry.error} if entry.error == NOT_EXTRACTED else \
            {**base, "title": entry.title, "error": entry.error}


TABLE_COLUMNS = ("id", "url", "document_url", "sha256", "captured_at", "title", "agency", "agency_level", "province",
                 "city", "county", "township", "region_code", "year", "published_at", "format", "table_format",
                 "checks_ok", "removed_at", "error")
REPORT_COLUMNS = ("id", "agency_id", "agency", "publisher", "agency_level", "province", "city", "county", "township",
                  "region_code", "year", "published_at", "title", "url", "document_url", "sha256", "captured_at",
                  "documents", "document_urls", "sources", "format", "table_format", "checks_ok", "documents_agree",
                  "disputed", "figures_verified", "verified_share", "removed_at")
UNITS = ("reports", "documents")


def _columns(unit: str) -> tuple[str, ...]:
    if unit not in UNITS:
        raise ValueError(f"unknown export unit {unit!r} (reports or documents)")
    return REPORT_COLUMNS if unit == "reports" else TABLE_COLUMNS


def _flat(record: dict[str, object], columns: tuple[str, ...], keys: list[str]) -> dict[str, object]:
    region = record.get("region") or {}
    figures = record.get("figures") or {}
    row: dict[str, object] = {name: record.get(name) for name in columns}
    row.update({"province": region.get("province"), "city": region.get("city"),  # type: ignore[union-attr]
                "county": region.get("county"), "township": region.get("township"),  # type: ignore[union-attr]
                "region_code": region.get("code")})  # type: ignore[union-attr]
    if "documents" in columns:
        docs = record.get("documents") or []
        row["documents"] = len(docs)  # type: ignore[arg-type]
        row["document_urls"] = " ".join(str(d["document_url"]) for d in docs)  # type: ignore[index,union-attr]
        row["sources"] = " ".join(record.get("sources") or [])  # type: ignore[arg-type]
        row["disputed"] = " ".join(d["key"] for d in record.get("disagreements") or [])  # type: ignore[index,union-attr]
    row.update({k: (figures.get(k) or {}).get("value") for k in keys})  # type: ignore[union-attr]
    return row


def current_reports(archive: Archive, ids: set[str] | None = None) -> Iterator[dict[str, object]]:
    """One record per report (`ogi.reports`), those in `ids` if given."""
    from ogi.reports import assemble_archive

    for report in assemble_archive(archive).reports:
        if ids is None or report["id"] in ids:
            yield report


def _records(archive: Archive, ids: set[str] | None, unit: str) -> Iterator[dict[str, object]]:
    if unit == "reports":
        yield from current_reports(archive, ids)
        return
    wanted: set[str] | None = None
    if ids is not None:  # ids are reports' (the index's): their documents
        wanted = {str(d["document_url"]) for r in current_reports(archive, ids) for d in r["documents"]}  # type: ignore[index,union-attr]
    for record in current_documents(archive):
        if wanted is None or record.get("document_url") in wanted:
            yield record


EXPORT_CHUNK = 200  # reports read together from the index and the catalog by `indexed_reports`


def report_order(backend: Any, query: Any) -> list[str]:
    """The ids of the indexed reports matching `query` (an `indexer.query.Query`), in the order
    `current_reports` yields reports (agency id, newest year first, id). Only three small
    values per matching report are kept, never the records (the embedded index reads them from
    its fast fields: `report_keys`)."""
    fast = getattr(backend, "report_keys", None)
    triples = fast(query) if fast is not None else \
        [(r.get("agency_id"), r.get("year"), r["id"]) for r in backend.iter_records(query, ["id", "agency_id", "year"])]
    keys = sorted((str(agency or "~"), -int(year or 0), str(doc_id)) for agency, year, doc_id in triples)
    return [k[2] for k in keys]


def indexed_reports(archive: Archive, backend: Any, ids: Sequence[str], *,
                    chunk: int = EXPORT_CHUNK) -> Iterator[dict[str, object]]:
    """The reports `ids` (in that order) as `current_reports` gives them, read `chunk` at a time:
    the index holds what assembly added to each report's evidence document (`ogi.reports.summary`),
    the catalog holds that document, and `ogi.reports.rebuild` joins them, as the report page does.
    Nothing of the archive beyond the current chunk is held, so memory does not grow with the
    archive. A report no longer in the index (a rebuild since `ids` was read) is left out."""
    from ogi.indexer.query import InSet, Query
    from ogi.reports import rebuild

    wanted = ["id", "document_url", "sha256", "report"]
    for start in range(0, len(ids), chunk):
        part = [str(i) for i in ids[start:start + chunk]]
        found = {str(r["id"]): r for r in backend.iter_records(Query(filter=InSet("id", tuple(part))), wanted)}
        for doc_id in part:
            record = found.pop(doc_id, None)
            if record is None:
                continue
            row = archive.db.execute("SELECT document FROM documents WHERE url = ? AND sha256 = ?",
                                     (record.get("document_url"), record.get("sha256"))).fetchone()
            if row is None or not row["document"]:
                continue
            evidence = json.loads(row["document"])
            meta = record.get("report")
            yield rebuild(evidence, meta) if meta else evidence


CORRECTED_COLUMNS = ("values", "corrected")  # with values="corrected": which values, which figures were corrected


def with_values(archive: Archive, records: Iterable[dict[str, object]], unit: str = "reports",
                values: str = "printed") -> Iterable[dict[str, object]]:
    """The records as printed (unchanged), or with the reviewers' corrected figures in place
    (`ogi.review.overlay`: each record then says ``values: corrected`` and lists the keys)."""
    from ogi.review import check_values, corrected_records

    if check_values(values) == "printed":
        return records
    if unit != "reports":
        raise ValueError("corrected values are recorded per report: export reports, not --documents")
    return corrected_records(archive.db, records)  # type: ignore[arg-type]


def table_rows(archive: Archive, ids: set[str] | None = None, *, unit: str = "reports",
               records: Iterable[dict[str, object]] | None = None,
               values: str = "printed") -> Iterator[dict[str, object]]:
    """One flat row per report (per captured file with unit="documents"): metadata, then one
    column per dotted figure key. `records` (e.g. `indexed_reports`) replaces the archive's.
    values="corrected": reviewers' corrections in place of the printed figures, and two more
    columns (CORRECTED_COLUMNS) saying so."""
    keys = list(union_keys())
    columns = _columns(unit) + (CORRECTED_COLUMNS if values == "corrected" else ())
    source = _records(archive, ids, unit) if records is None else records
    for record in with_values(archive, source, unit, values):
        row = _flat(record, columns, keys)
        if values == "corrected":
            row["corrected"] = " ".join(record.get("corrected") or ())  # type: ignore[arg-type]
        yield row


def csv_table(archive: Archive, ids: set[str] | None = None, *, unit: str = "reports",
              records: Iterable[dict[str, object]] | None = None, values: str = "printed") -> Iterator[list[object]]:
    """The CSV export: its header, then one list of cells per row (a null is an empty cell)."""
    header = list(_columns(unit)) + list(CORRECTED_COLUMNS if values == "corrected" else ()) + list(union_keys())
    yield header
    for row in table_rows(archive, ids, unit=unit, records=records, values=values):
        yield ["" if row[c] is None else row[c] for c in header]


def export_documents(archive: Archive, fmt: str = "jsonl", out: IO[str] = sys.stdout,
                     ids: set[str] | None = None, *, unit: str = "reports", values: str = "printed") -> int:
    """Write the current reports (or, with unit="documents", every captured file), those in
    `ids` if given, as JSON Lines or CSV; returns the number of rows."""
    count = 0
    _columns(unit)  # an unknown unit is an error before anything is written
    if fmt == "jsonl":
        for record in with_values(archive, _records(archive, ids, unit), unit, values):
            out.write(json.dumps({**record, "values": values} if values == "corrected" else record,
                                 ensure_ascii=False) + "\n")
            count += 1
        return count
    if fmt == "csv":
        writer = csv.writer(out)
        for count, cells in enumerate(csv_table(archive, ids, unit=unit, values=values)):
            writer.writerow(cells)
        return count
    raise ValueError(f"unknown export format {fmt!r} (jsonl, csv or parquet)")


def export_parquet(archive: Archive, path: str, ids: set[str] | None = None, *, unit: str = "reports",
                   values: str = "printed") -> int:
    """The CSV table as a typed Parquet file (figures as float64, year as int, counts as int)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    keys = list(union_keys())
    columns = _columns(unit) + (CORRECTED_COLUMNS if values == "corrected" else ())
    typed = {"year": pa.int32(), "checks_ok": pa.bool_(), "documents_agree": pa.bool_(), "documents": pa.int32(),
             "figures_verified": pa.int32(), "verified_share": pa.float64()}
    schema = pa.schema([(c, typed.get(c, pa.string())) for c in columns] + [(k, pa.float64()) for k in keys])
    rows = list(table_rows(archive, ids, unit=unit, values=values))
    data = {}
    for name in schema.names:
        values = [row.get(name) for row in rows]
        if name in keys:
            values = [None if v is None else float(v) for v in values]
        elif name not in typed:
            values = [None if v is None else str(v) for v in values]
        data[name] = values
    pq.write_table(pa.table(data, schema=schema), path)
    return len(rows)


__all__ = ["extract_archive", "extract_in_processes", "Shard", "export_documents", "export_parquet", "table_rows",
           "current_documents", "current_reports", "indexed_reports", "report_order", "Document"]
