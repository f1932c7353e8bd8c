"""Plain text (as extracted from PDF/Word: tab-separated cells, markdown-ish headings)."""

from __future__ import annotations

import re

from ogi.document import SourceFormat
from ogi.grid import Row
from ogi.readers.base import ReaderOutput

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")


def read_text(text: str) -> ReaderOutput:
    rows: list[Row] = []
    title: str | None = None
    for n, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.rstrip("\r\n")
        if not line.strip():
            continue
        if "\t" in line:
            rows.append(Row.of_text(line.split("\t"), f"line {n}"))
            continue
        clean = _MD_HEADING.sub("", line).strip()
        if title is None:
            title = clean
        rows.append(Row.of_text([clean], f"line {n}", is_table_row=False))
    return ReaderOutput(format=SourceFormat.TEXT, rows=rows, title=title)
