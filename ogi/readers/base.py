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
