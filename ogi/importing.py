"""Files the crawler cannot reach, archived by hand (issue 19): a report obtained by 依申请公开,
a file a journalist was sent. `ogi import FILE… --agency … --year …` and the reviewers' upload
form (`ogi.web.import_pages`) both call `import_files`.

An import is a capture like any other: the bytes are stored once by SHA-256, the catalog gets
a capture (source ``import``), a version and a report row, and the file is extracted, assembled
and indexed as a crawled one is. What is particular to it:

* **Provenance**: a row of the catalog's ``imports`` table per imported file version — who
  (a reviewer's name, or the user who ran the command), the file's name as given (sanitised),
  when, how (``cli`` or ``web``) — copied into the document as ``imported`` so that the report
  page and the exports say "imported by X from file Y at T". A file captured only this way was
  not crawled: its report's ``sources`` is ``["import"]`` and the report page says so.
* **URL**: the page the report was published on when the importer knows it (``--url``, http or
  https only); otherwise a stable URI made from the bytes, ``import:sha256:<digest>.<ext>``, so
  importing the same file twice is the same capture.
* **Pins**: ``--agency``, ``--year`` (and ``--region``, a hint for the agency's division) override
  what extraction finds; they are kept in ``imports`` and applied again on every re-extraction
  (`imported_changes`, called by `ogi.pipeline.extract_archive`).
* **Several files, one report**: the page (the first HTML file, else the first file) is the
  report's page; the other files are its attachments, as a crawled page and its PDF are.
* **Idempotent**: the same bytes under the same URL with the same pins add nothing; new pins for
  the same bytes are recorded and the file is read again.
* **Hostile input** (uploads): at most `MAX_FILES` files of at most `MAX_IMPORT_BYTES` each, names
  reduced to a safe base name, the format sniffed from the bytes (never trusted from the name or
  the client's content type), binary data that is no document refused with a clear message.
"""

from __future__ import annotations

import getpass
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import urlsplit

from ogi.archive import Archive, utcnow
from ogi.document import SourceFormat

IMPORT_SOURCE = "import"  # the source of every imported capture: not crawled
IMPORT_SCHEME = "import:"
MAX_IMPORT_BYTES = 100_000_000  # the crawler's download cap
MAX_FILES = 20
MAX_NAME_CHARS = 200
YEARS = range(2007, 2101)  # the regulation's first reporting year (2007) …

FORMAT_TYPES = {  # sniffed format → (content type recorded with the capture, suffix of import: URIs)
    SourceFormat.HTML: ("text/html", ".html"),
    SourceFormat.TEXT: ("text/plain", ".txt"),
    SourceFormat.PDF: ("application/pdf", ".pdf"),
    SourceFormat.DOCX: ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    SourceFormat.DOC: ("application/msword", ".doc"),
    SourceFormat.XLSX: ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    SourceFormat.XLS: ("application/vnd.ms-excel", ".xls"),
    SourceFormat.IMAGE: ("image/*", ".img"),
}
_IMAGE_TYPES = ((b"\x89PNG", "image/png", ".png"), (b"\xff\xd8\xff", "image/jpeg", ".jpg"), (b"GIF8", "image/gif", ".gif"),
                (b"II*\x00", "image/tiff", ".tif"), (b"MM\x00*", "image/tiff", ".tif"), (b"BM", "image/bmp", ".bmp"))


class ImportRefused(ValueError):
    """The import cannot be done as asked; the message says why (shown to the user as it is)."""


@dataclass(frozen=True)
class ImportFile:
    name: str  # the file's name as given (sanitised before it is recorded)
    data: bytes
    url: str | None = None  # where it was published, when known


@dataclass
class ImportedFile:
    filename: str
    url: str
    sha256: str
    format: str
    kind: str  # page | attachment
    status: str  # new | new version | already imported | pins changed
    title: str | None = None
    is_report: bool | None = None
    not_report_reason: str | None = None
    agency: str | None = None
    year: int | None = None
    error: str | None = None  # extraction failed (the file stays archived)

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class ImportResult:
    files: list[ImportedFile] = field(default_factory=list)
    report_id: str | None = None  # the report the files are part of (None: not a report)
    indexed: bool = False
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"report_id": self.report_id, "indexed": self.indexed, "notes": self.notes,
                "files": [f.to_json() for f in self.files]}


def default_importer() -> str:
    """Who runs `ogi import` when --by is not given: the login name."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (a container without a passwd entry)
        return os.environ.get("USER") or "unknown"


def safe_filename(name: str | None) -> str:
    """The base name of a client-given file name, without directories, control characters or
    anything that could be read as markup or a path; at most MAX_NAME_CHARS characters."""
    text = unicodedata.normalize("NFC", str(name or ""))
    text = re.split(r"[\\/]", text)[-1]  # C:\fakepath\x.pdf, ../../x.pdf
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")  # control, format, private use
    text = re.sub(r"[<>:\"|?*`$]", "_", text).strip().strip(".").strip()
    if len(text) > MAX_NAME_CHARS:
        stem, dot, suffix = text.rpartition(".")
        text = (stem[:MAX_NAME_CHARS - len(suffix) - 1] + "." + suffix) if dot and len(suffix) <= 8 else \
            text[:MAX_NAME_CHARS]
    return text or "unnamed"


def check_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or len(url) > 2000 or \
            any(ch.isspace() or unicodedata.category(ch)[0] == "C" for ch in url):
        raise ImportRefused(f"--url must be the http(s) address the report was published at, not {url[:100]!r}")
    return url


def _format(data: bytes, name: str) -> tuple[SourceFormat, str, str]:
    """The format sniffed from the bytes (the name only tells .doc from .xls and .txt from .html
    when the bytes do not), its content type and the suffix of its import: URI."""
    from ogi.decoding import looks_binary
    from ogi.extract import sniff_format

    fmt = sniff_format(data, name)
    if fmt in (SourceFormat.HTML, SourceFormat.TEXT) and looks_binary(data):
        raise ImportRefused(f"{name}: not a document this archive can read (binary data that is not PDF, Word, "
                            "WPS, RTF, a spreadsheet or an image)")
    ctype, suffix = FORMAT_TYPES.get(fmt, ("application/octet-stream", ".bin"))
    if fmt is SourceFormat.IMAGE:
        ctype, suffix = next(((t, s) for magic, t, s in _IMAGE_TYPES if data.startswith(magic)), (ctype, suffix))
    return fmt, ctype, suffix


def import_uri(sha256: str, suffix: str) -> str:
    return f"{IMPORT_SCHEME}sha256:{sha256}{suffix}"


def is_import_uri(url: str | None) -> bool:
    return bool(url) and str(url).startswith(IMPORT_SCHEME)


def _pins(agency: str | None, year: int | str | None, region: str | None) -> tuple[str | None, int | None, str | None]:
    from ogi.agency import normalise_name

    agency = normalise_name(agency) or None if agency else None
    if agency is not None and not 2 <= len(agency) <= 100:
        raise ImportRefused(f"--agency {agency[:100]!r}: give the agency's name as printed (2 to 100 characters)")
    if year in (None, ""):
        year = None
    else:
        try:
            year = int(str(year).strip())
        except ValueError:
            raise ImportRefused(f"--year takes a year such as 2023, not {str(year)[:20]!r}") from None
        if year not in YEARS:
            raise ImportRefused(f"--year {year}: the reports exist from 2007 on")
    region = (region or "").strip() or None
    if region is not None and len(region) > 100:
        raise ImportRefused("--region is a division's name, e.g. 湖南省株洲市攸县")
    return agency, year, region


def import_files(archive: Archive, files: Sequence[ImportFile], *, by: str, via: str = "cli",
                 agency: str | None = None, year: int | str | None = None, region: str | None = None,
                 url: str | None = None, at: str | None = None) -> ImportResult:
    """Archive `files` as one report's files (the first HTML file, else the first file, is its
    page), record who imported them, and extract them. `url` is the page's address (or give each
    ImportFile its own). Nothing is archived when any file is refused. Index afterwards
    (`index_imported`)."""
    if not files:
        raise ImportRefused("no file to import")
    if len(files) > MAX_FILES:
        raise ImportRefused(f"{len(files)} files: at most {MAX_FILES} at a time (one report's files)")
    if not by or not by.strip():
        raise ImportRefused("who imports the files must be named")
    agency, year, region = _pins(agency, year, region)
    at = at or utcnow()
    checked = []
    for item in files:
        name = safe_filename(item.name)
        if not item.data:
            raise ImportRefused(f"{name}: the file is empty")
        if len(item.data) > MAX_IMPORT_BYTES:
            raise ImportRefused(f"{name}: {len(item.data) / 1e6:.0f} MB is too large (at most "
                                f"{MAX_IMPORT_BYTES / 1e6:.0f} MB)")
        fmt, ctype, suffix = _format(item.data, name)
        checked.append((item, name, fmt, ctype, suffix, check_url(item.url) if item.url else None))
    page_at = next((i for i, c in enumerate(checked) if c[2] is SourceFormat.HTML), 0)
    if url:
        url = check_url(url)
        item, name, fmt, ctype, suffix, own = checked[page_at]
        if own and own != url:
            raise ImportRefused(f"{name}: two URLs given ({own} and {url})")
        checked[page_at] = (item, name, fmt, ctype, suffix, url)
    given = [c[5] for c in checked if c[5]]
    if len(set(given)) != len(given):
        raise ImportRefused("two files were given the same URL: each file has its own address")

    from hashlib import sha256 as _sha256

    result = ImportResult()
    digests = [_sha256(c[0].data).hexdigest() for c in checked]
    urls = [c[5] or import_uri(d, c[4]) for c, d in zip(checked, digests)]
    if len(set(urls)) != len(urls):
        raise ImportRefused("the same file was given twice")
    page_url = urls[page_at]
    redo: set[str] = set()
    order = [page_at] + [i for i in range(len(checked)) if i != page_at]  # the page first: attachments name it
    for i in order:
        item, name, fmt, ctype, suffix, _ = checked[i]
        kind = "page" if i == page_at else "attachment"
        parent = None if i == page_at else page_url
        file_url, digest = urls[i], digests[i]
        status = _record(archive, item.data, url=file_url, digest=digest, kind=kind, parent=parent, name=name,
                         ctype=ctype, by=by, via=via, at=at, pins=(agency, year, region))
        if status in ("pins changed", "already archived"):  # read before without these pins and provenance
            redo.add(file_url)
        result.files.append(ImportedFile(name, file_url, digest, fmt.value, kind, status))
    result.files.sort(key=lambda f: urls.index(f.url))  # in the order given

    from ogi.pipeline import extract_archive

    if redo:
        extract_archive(archive, force=True, urls=redo)
    summary = extract_archive(archive, urls=set(urls))
    result.notes += summary.hints(str(archive.data_dir))
    for f in result.files:
        row = archive.db.execute("SELECT document, error FROM documents WHERE url = ? AND sha256 = ?",
                                 (f.url, f.sha256)).fetchone()
        if row is None:
            f.error = "not extracted"
            continue
        if not row["document"]:
            f.error = row["error"]
            continue
        doc = json.loads(row["document"])
        f.title, f.is_report, f.not_report_reason = doc.get("title"), doc.get("is_annual_report"), \
            doc.get("not_report_reason")
        f.agency, f.year = doc.get("agency"), doc.get("year")
        if not f.is_report and f.kind == "page":
            result.notes.append(f"{f.filename} was not recognised as an annual report"
                                + (f": {f.not_report_reason}" if f.not_report_reason else ""))
    for i in order:  # the page's report, else the first attachment's that is one
        result.report_id = report_id_of(archive, urls[i], digests[i])
        if result.report_id:
            break
    return result


def _record(archive: Archive, data: bytes, *, url: str, digest: str, kind: str, parent: str | None, name: str,
            ctype: str, by: str, via: str, at: str, pins: tuple[str | None, int | None, str | None]) -> str:
    """Archive one file and its provenance, unless this very import was done before."""
    agency, year, region = pins
    with archive.db.transaction(lock=f"url:{url}"):
        last = archive.db.execute("SELECT agency, year, region, parent_url FROM imports WHERE url = ? AND sha256 = ?"
                                  " ORDER BY id DESC LIMIT 1", (url, digest)).fetchone()
        if last is not None and (last["agency"], last["year"], last["region"], last["parent_url"]) == \
                (agency, year, region, parent):
            return "already imported"
        if last is None:
            stored = archive.record(source=IMPORT_SOURCE, url=url, body=data, kind="report" if kind == "page" else kind,
                                    parent_url=parent, fetched_at=at,
                                    headers={"Content-Type": ctype, "X-OGI-Imported-By": by,
                                             "X-OGI-Imported-From": name})
            status = "new" if stored.first_capture else "new version" if stored.new_version else "already archived"
        else:
            status = "pins changed"
        archive.db.execute("INSERT INTO imports (url, sha256, imported_by, filename, imported_at, via, agency, year,"
                           " region, parent_url) VALUES (?,?,?,?,?,?,?,?,?,?)",
                           (url, digest, by.strip(), name, at, via, agency, year, region, parent))
    archive.mark_report(url=url, source=IMPORT_SOURCE, title=None, kind=kind, parent_url=parent, sha256=digest,
                        seen_at=at)
    return status


def imported_changes(archive: Archive, url: str, sha256: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """For a file version imported by hand: the Document fields its importer pinned (year; the
    agency is applied by report assembly, `ogi.reports`) and the provenance to keep with the
    document ({"imported": {by, filename, at, via, url_given, agency, year, region}}); ({}, {})
    for a crawled file."""
    row = archive.db.execute("SELECT * FROM imports WHERE url = ? AND sha256 = ? ORDER BY id DESC LIMIT 1",
                             (url, sha256)).fetchone()
    if row is None:
        return {}, {}
    first = archive.db.execute("SELECT imported_by, filename, imported_at, via FROM imports WHERE url = ? AND"
                               " sha256 = ? ORDER BY id LIMIT 1", (url, sha256)).fetchone()
    changes: dict[str, Any] = {}
    if row["year"] is not None:
        changes["year"] = int(row["year"])
    if row["agency"]:
        changes["agency"] = row["agency"]
    provenance = {"by": first["imported_by"], "filename": first["filename"], "at": first["imported_at"],
                  "via": first["via"], "url_given": not is_import_uri(url), "agency": row["agency"],
                  "year": row["year"], "region": row["region"]}
    if row["id"] != archive.db.execute("SELECT MIN(id) FROM imports WHERE url = ? AND sha256 = ?",
                                       (url, sha256)).fetchone()[0]:
        provenance.update(pinned_by=row["imported_by"], pinned_at=row["imported_at"])
    return changes, {"imported": provenance}


def report_id_of(archive: Archive, url: str, sha256: str) -> str | None:
    """The id of the report a just-extracted file is part of, as report assembly makes it."""
    from ogi.reports import Entry, _identity, _report_id

    row = archive.db.execute("SELECT document FROM documents WHERE url = ? AND sha256 = ?", (url, sha256)).fetchone()
    if row is None or not row["document"]:
        return None
    doc = json.loads(row["document"])
    if not doc.get("is_annual_report"):
        return None
    sources = tuple(sorted({r["source"] for r in archive.db.execute("SELECT DISTINCT source FROM captures"
                                                                      " WHERE url = ?", (url,))}))
    identity = _identity(Entry(url, "page", None, sha256, sources, None, doc), archive.source_configs())
    key = (identity.id, int(doc["year"])) if identity is not None and identity.id and doc.get("year") else None
    return _report_id(key, str(doc.get("id")))


def index_imported(settings: Any) -> Any:
    """Bring the search index up to date (what `ogi index` does without a rebuild)."""
    from ogi.indexer.service import index_archive

    return index_archive(settings)


def read_files(paths: Sequence[str | Path]) -> list[ImportFile]:
    """The files named on the command line (each at most MAX_IMPORT_BYTES)."""
    out = []
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            raise ImportRefused(f"{raw}: no such file")
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise ImportRefused(f"{path.name}: {size / 1e6:.0f} MB is too large (at most {MAX_IMPORT_BYTES / 1e6:.0f} MB)")
        out.append(ImportFile(path.name, path.read_bytes()))
    return out


__all__ = ["IMPORT_SOURCE", "ImportFile", "ImportRefused", "ImportResult", "ImportedFile", "import_files",
           "imported_changes", "index_imported", "read_files", "report_id_of", "safe_filename"]


def cli(args: Any) -> int:
    """`ogi import FILE… --data-dir D [--url URL] [--agency NAME] [--year Y] [--region R] [--by NAME]`."""
    import sys

    from ogi.settings import Settings

    try:
        files = read_files(args.files)
        settings = Settings.load(args.data_dir)
        with Archive.open(settings) as archive:
            result = import_files(archive, files, by=args.importer or default_importer(), via="cli", agency=args.agency,
                                  year=args.year, region=args.region, url=args.url)
    except ImportRefused as exc:
        print(f"ogi import: {exc}", file=sys.stderr)
        return 2
    if not args.no_index:
        index_imported(settings)
        result.indexed = True
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
        return 0
    for f in result.files:
        what = (f"error: {f.error}" if f.error else
                f"{'report' if f.is_report else 'not a report'}: {f.title or '(untitled)'}"
                f"{f' · {f.agency}' if f.agency else ''}{f' · {f.year}' if f.year else ''}")
        print(f"{f.filename} → {f.url} ({f.status}, {f.format}, {f.kind})\n  {what}")
    if result.report_id:
        print(f"report {result.report_id}{' (indexed)' if result.indexed else ' (not indexed: run ogi index)'}: "
              f"/reports/{result.report_id} in `ogi serve --data-dir {args.data_dir}`")
    for note in result.notes:
        print(f"note: {note}")
    return 1 if any(f.error for f in result.files) else 0  # archived, but not read: as `ogi extract`
