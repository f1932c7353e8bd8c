"""What every reader (HTML, text, later PDF/Word/OCR) hands to the extractor."""

from __future__ import annotations

from dataclasses import dataclass, field

from ogi.document import SourceFormat, Warning
from ogi.grid import Row


class ExtractionError(Exception):
    """The input cannot be read at all (empty, binary, too large …); the message says why."""


@dataclass
class ReaderOutput:
    format: SourceFormat
    rows: list[Row]  # body in document order: table rows and one-cell text rows
    title: str | None = None  # title as the page states it (metadata or heading)
    page_title: str | None = None  # <title> of the page, with site-name suffixes
    meta: dict[str, str] = field(default_factory=dict)  # 发布机构, 发布日期, 索引号, site_name …
    warnings: list[Warning] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)  # links/images in the body that may hold the report


MAX_UNZIPPED = 300 * 1024 * 1024  # bytes a DOCX/XLSX may unpack to
MAX_ZIP_RATIO = 200  # a document compresses 5–20×; a bomb thousands of times


def check_zip(data: bytes) -> None:
    """Refuse a zip container (DOCX, XLSX, ODT) whose members declare more than MAX_UNZIPPED
    bytes, or compress suspiciously well, before anything is unpacked."""
    import io
    import zipfile

    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # not a readable zip: the reader says so in its own words
    total = sum(m.file_size for m in members)
    if total > MAX_UNZIPPED or (total > 20 * 1024 * 1024 and total > MAX_ZIP_RATIO * max(len(data), 1)):
        raise ExtractionError(f"zip container declares {total / 1e6:.0f} MB unpacked from {len(data) / 1e3:.0f} kB "
                              f"(limit {MAX_UNZIPPED / 1e6:.0f} MB, ratio {MAX_ZIP_RATIO}): not unpacked")
