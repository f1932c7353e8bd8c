"""Any captured file → one canonical `Document` (the extraction stage).

`extract_bytes` is what the crawler and the archive re-run call; `extract_path`
is the local-file convenience the CLI uses. Neither does network I/O.
"""

from __future__ import annotations

import hashlib
import io
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Mapping
from urllib.parse import urljoin

from ogi import checks as checks_mod
from ogi.agency import normalise_name, reporting_body
from ogi.decoding import decode, looks_binary
from ogi.document import Document, Region, SourceFormat, TableFormat, Warning
from ogi.readers.base import ExtractionError, ReaderOutput
from ogi.readers.html import read_html
from ogi.readers.text import read_text
from ogi.region import resolve_region
from ogi.report_meta import (
    REPORT_TITLE,
    agency_from_title,
    agency_level,
    clean_title,
    decide_is_report,
    join_broken_title,
    parse_date,
    report_year,
    signature,
)
from ogi.sections import split_sections
from ogi.standard_tables import read_standard_tables

MAX_INPUT_BYTES = 200_000_000

# The version of the extractor, recorded with every document it makes (catalog column
# documents.extractor_version); `ogi extract --data-dir` redoes documents made by an older one.
# Bump it (by one) in the commit that changes what extraction gives for a file already read —
# a reader, the table recogniser, labels, agency/region/year rules, checks, the Document's
# fields; not for speed-ups or refactors that give the same documents. The next run of
# `ogi extract --data-dir` (and so of `ogi index` and the harvest) then reads every archived
# report again, which takes as long as the first extraction did.
EXTRACTOR_VERSION = 1

_HTML_SNIFF = re.compile(rb"<\s*(!doctype\s+html|html|head|body|table|div|p|meta|title)\b", re.I)


def read_binary(data: bytes, fmt: SourceFormat, filename: str | None) -> ReaderOutput:
    """The reader of a PDF, Word, spreadsheet or image file."""
    suffix = Path(filename or "").suffix.lower()
    if fmt is SourceFormat.PDF:
        from ogi.readers.pdf import read_pdf

        return read_pdf(data)
    if fmt is SourceFormat.DOCX:
        from ogi.readers.word import read_docx

        return read_docx(data)
    if fmt is SourceFormat.DOC:
        from ogi.readers.word import read_doc

        return read_doc(data, suffix if suffix in (".doc", ".wps", ".dot", ".rtf") else ".doc")
    if fmt is SourceFormat.XLSX:
        from ogi.readers.sheet import read_xlsx

        return read_xlsx(data)
    if fmt is SourceFormat.XLS:
        from ogi.readers.sheet import read_xls

        return read_xls(data)
    if fmt is SourceFormat.IMAGE:
        from ogi.readers.ocr import read_image_bytes

        return read_image_bytes(data)
    raise ExtractionError(f"{fmt.value} files are not readable")


def sniff_format(data: bytes, filename: str | None = None, content_type: str | None = None) -> SourceFormat:
    head = data[:2048]
    suffix = Path(filename or "").suffix.lower()
    if head.startswith(b"%PDF"):
        return SourceFormat.PDF
    if head.startswith(b"PK\x03\x04"):
        if b"xl/" in data[:200_000] and suffix not in (".docx", ".wps"):
            return SourceFormat.XLSX
        return SourceFormat.DOCX
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: Word 97, WPS, Excel 97
        if suffix in (".xls", ".et") or b"W\x00o\x00r\x00k\x00b\x00o\x00o\x00k" in data[:100_000]:
            return SourceFormat.XLS
        return SourceFormat.DOC
    if head.startswith(b"{\\rtf"):  # RTF served as .doc/.wps
        return SourceFormat.DOC
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM")):
        return SourceFormat.IMAGE
    ctype = (content_type or "").lower()
    suffix = Path(filename or "").suffix.lower()
    if "html" in ctype or suffix in (".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php"):
        return SourceFormat.HTML
    if suffix in (".txt", ".md", ".text") or "text/plain" in ctype:
        return SourceFormat.TEXT
    return SourceFormat.HTML if _HTML_SNIFF.search(head) else SourceFormat.TEXT


def document_id(document_url: str) -> str:
    return hashlib.sha256(document_url.encode("utf-8")).hexdigest()[:16]


def read_markup(data: bytes, content_type: str | None, fmt: SourceFormat = SourceFormat.HTML) -> ReaderOutput:
    """An HTML or text capture decoded (charset detected, a warning when guessed) and read."""
    if looks_binary(data):
        raise ExtractionError("binary data, not an HTML or text document")
    decoded = decode(data, content_type)
    reader = read_html(decoded.text) if fmt is SourceFormat.HTML else read_text(decoded.text)
    if decoded.warning:
        reader.warnings.insert(0, decoded.warning)
    return reader


def extract_bytes(
    data: bytes,
    *,
    document_url: str,
    url: str | None = None,
    filename: str | None = None,
    content_type: str | None = None,
    region_hint: str | None = None,
    site_name: str | None = None,
) -> Document:
    """Extract one captured file. Raises ExtractionError when the input cannot be read at all."""
    if not data or not data.strip():
        raise ExtractionError("empty input: nothing to extract")
    if len(data) > MAX_INPUT_BYTES:
        raise ExtractionError(f"input too large: {len(data) / 1e6:.0f} MB (limit {MAX_INPUT_BYTES / 1e6:.0f} MB)")
    fmt = sniff_format(data, filename, content_type)
    with _file_errors(document_url):
        if fmt not in (SourceFormat.HTML, SourceFormat.TEXT):
            reader = read_binary(data, fmt, filename)
        else:
            reader = read_markup(data, content_type, fmt)
        return build_document(reader, sha256=hashlib.sha256(data).hexdigest(), document_url=document_url,
                              url=url, region_hint=region_hint, site_name=site_name)


@contextmanager
def _file_errors(where: str) -> Iterator[None]:
    """Whatever a reader or library raises on one file (a decompression bomb, a broken zip, a
    recursion limit, memory) is an ExtractionError of that file, so a batch goes on."""
    try:
        yield
    except ExtractionError:
        raise
    except (KeyboardInterrupt, SystemExit):
        raise
    except MemoryError as exc:
        raise ExtractionError(f"out of memory reading this file ({exc or 'MemoryError'})") from exc
    except Exception as exc:  # noqa: BLE001 - any library's failure on hostile input
        raise ExtractionError(f"{type(exc).__name__}: {str(exc)[:300] or 'cannot be read'}") from exc


IMAGE_SUFFIX = re.compile(r"\.(jpe?g|png|gif|bmp|tiff?|webp)(?:$|[?#])", re.I)


def is_image(url: str, content_type: str | None) -> bool:
    """An image capture (a page of a 图片版 report), by its content type or file name."""
    return (content_type or "").lower().startswith("image/") or bool(IMAGE_SUFFIX.search(url))


def extract_image_report(
    page: bytes,
    images: Mapping[str, bytes],
    *,
    document_url: str,
    url: str | None = None,
    content_type: str | None = None,
    region_hint: str | None = None,
    site_name: str | None = None,
) -> Document:
    """A 图片版 report as one document: the page's own text and metadata, then its images
    (absolute URL → bytes), in the order the page shows them, read by OCR; an unreadable image
    is a warning, not a failure."""
    from PIL import Image, UnidentifiedImageError

    from ogi.readers.ocr import read_images

    if not page or not page.strip():
        raise ExtractionError("empty input: nothing to extract")
    reader = read_markup(page, content_type)
    warnings = list(reader.warnings)
    shown = [urljoin(document_url, ref) for ref in reader.attachments]
    order = sorted(images, key=lambda u: (shown.index(u) if u in shown else len(shown), u))
    pictures = []
    for image_url in order:
        data = images[image_url]
        if not data:
            warnings.append(Warning("image_unreadable", f"{image_url}: not in the archive"))
            continue
        try:
            picture = Image.open(io.BytesIO(data))
            picture.load()
            pictures.append(picture)
        except (UnidentifiedImageError, OSError, ValueError) as exc:
            warnings.append(Warning("image_unreadable", f"{image_url}: broken or unknown image ({exc})"))
    rows = list(reader.rows)
    if pictures:
        try:
            rows += read_images(pictures, SourceFormat.IMAGE).rows
            warnings.append(Warning("ocr", f"图片版: {len(pictures)} image(s) of the page read by OCR; "
                                           "figures carry a confidence below 1"))
        except ExtractionError as exc:
            warnings.append(Warning("image_unreadable", f"OCR of the page's {len(pictures)} image(s): {exc}"))
    joined = ReaderOutput(format=reader.format, rows=rows, title=reader.title, page_title=reader.page_title,
                          meta=reader.meta, warnings=warnings, attachments=reader.attachments)
    return build_document(joined, sha256=hashlib.sha256(page).hexdigest(), document_url=document_url, url=url,
                          region_hint=region_hint, site_name=site_name)


def image_part(image_url: str, sha256: str, report_url: str) -> Document:
    """What an image of a 图片版 report is on its own: not a report (the page's document holds it)."""
    empty = ReaderOutput(format=SourceFormat.IMAGE, rows=[])
    doc = build_document(empty, sha256=sha256, document_url=image_url, url=report_url)
    return doc.with_changes(not_report_reason=f"an image of the 图片版 report {report_url}, read with it")


def build_document(
    reader: ReaderOutput,
    *,
    sha256: str,
    document_url: str,
    url: str | None,
    region_hint: str | None = None,
    site_name: str | None = None,
) -> Document:
    """Reader output → Document: the format-independent part of extraction."""
    warnings: list[Warning] = list(reader.warnings)
    rows = reader.rows
    text_lines = [r.text if not r.is_table_row else r.text.strip("\t") for r in rows]
    text = "\n".join(line for line in text_lines if line.strip())

    plain_lines = [r.text for r in rows if not r.is_table_row][:3]
    site_name = site_name or reader.meta.get("site_name")
    first_line = join_broken_title(plain_lines)
    if reader.format is SourceFormat.TEXT:  # the first line(s) of a converted document are its title
        candidates = [first_line, reader.title]
    else:  # metadata and heading first; the article's first line only when it names a report
        candidates = [reader.title, first_line if first_line and REPORT_TITLE.search(first_line) else None,
                      reader.page_title]
    title = clean_title(candidates, site_name=site_name)
    year = report_year(title, text)

    reading = read_standard_tables(rows, year_hint=year)
    warnings.extend(reading.warnings)
    decision = decide_is_report(title, reading.tables_found, text, repeated_rows=reading.repeated_rows,
                                empty_tables=any(w.code == "table_empty" for w in reading.warnings))
    table_format = reading.table_format
    figures = reading.figures
    if not decision.is_report and table_format is not TableFormat.NONE:
        # a template's empty cells or a comparison's two years are no report's figures: none are
        # kept, so no count, export or aggregate can take them for one
        warnings.append(Warning("tables_in_non_report", f"standard tables (format {table_format.value}) found in a "
                                                        "document that is not a report; their cells are not kept"))
        table_format, figures = TableFormat.NONE, {}

    if decision.is_report and table_format is TableFormat.NONE and reader.attachments and (year or 0) >= 2019:
        warnings.append(Warning(
            "tables_in_attachments",
            f"no standard tables in the page; {len(reader.attachments)} attachment(s) or image(s) may hold them "
            "(PDF, Word and OCR readers: a later stage)",
        ))

    sig_agency, sig_date = signature([r.text for r in rows if not r.is_table_row])
    publisher = reader.meta.get("publisher") or None
    # the body the report is of (its title or opening sentence); 发布机构 is only the publisher
    if decision.is_report:
        body, _ = reporting_body(title, text)
        fuller = [n for n in (publisher, sig_agency) if n and body and len(n) > len(body) and
                  normalise_name(n).endswith(body)]  # "赣州市赣县区长洛乡人民政府" for "长洛乡人民政府"
        agency = (normalise_name(fuller[0]) if fuller else body) or publisher or sig_agency or reader.meta.get("source")
    else:
        agency = publisher or sig_agency or agency_from_title(title) or reader.meta.get("source")
    published_at = parse_date(reader.meta.get("published")) or parse_date(reader.meta.get("written")) or sig_date

    resolution = resolve_region(agency, title, site_name, region_hint)
    if resolution.region.level is None and not resolution.national and decision.is_report:
        # "示范区党政办": the full name is often printed in the opening paragraphs
        from_text = resolve_region(text[:600])
        if from_text.region.level is not None and not from_text.ambiguous:
            warnings.append(Warning("region_from_text", f"region taken from the report's opening text: {from_text.region.code}"))
            resolution = from_text
    region: Region = resolution.region
    if resolution.evidence and decision.is_report:
        warnings.append(Warning("region_from_zone", "; ".join(resolution.evidence)))
    if resolution.warning and decision.is_report:
        warnings.append(Warning("region_unresolved" if not region.level else "region_ambiguous", resolution.warning))

    sections, section_warnings = split_sections(rows)
    if decision.is_report:
        warnings.extend(section_warnings)

    checks = checks_mod.evaluate(figures, table_format, reading.other_variant)
    figures = checks_mod.mark_verified(figures, checks)
    return Document(
        id=document_id(document_url),
        url=url,
        document_url=document_url,
        sha256=sha256,
        is_annual_report=decision.is_report,
        not_report_reason=decision.reason,
        title=title,
        agency=agency,
        publisher=publisher,
        agency_level=agency_level(agency, region),
        region=region,
        year=year if decision.is_report else None,
        published_at=published_at,
        format=reader.format,
        table_format=table_format,
        figures=figures,
        checks=checks,
        sections=sections,
        text=text,
        warnings=tuple(warnings),
    )


def extract_path(
    path: str | Path, *, url: str | None = None, region_hint: str | None = None, site_name: str | None = None
) -> Document:
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise ExtractionError(f"cannot read {p}: {exc.strerror or exc}") from exc
    if size > MAX_INPUT_BYTES:
        raise ExtractionError(f"input too large: {size / 1e6:.0f} MB (limit {MAX_INPUT_BYTES / 1e6:.0f} MB)")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ExtractionError(f"cannot read {p}: {exc.strerror or exc}") from exc
    return extract_bytes(
        data,
        document_url=p.resolve().as_uri(),
        url=url,
        filename=p.name,
        region_hint=region_hint,
        site_name=site_name,
    )
