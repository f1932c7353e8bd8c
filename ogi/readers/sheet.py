"""Spreadsheets (XLSX with openpyxl, XLS with xlrd) → rows, merged ranges kept as spans."""

from __future__ import annotations

import io
import re

from ogi.document import SourceFormat, Warning
from ogi.grid import Cell, Row
from ogi.readers.base import ExtractionError, ReaderOutput
from ogi.textutil import tidy_line

MAX_ROWS = 5000
MAX_COLS = 200


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "\n".join(tidy_line(p) for p in str(value).split("\n") if p.strip())


def _rows_from(values: list[list[object]], merges: list[tuple[int, int, int, int]], sheet: str) -> list[Row]:
    """values: the cell values; merges: (first_row, last_row, first_col, last_col), inclusive."""
    origin: dict[tuple[int, int], tuple[int, int]] = {}
    for r0, r1, c0, c1 in merges:  # clipped: a range may declare a million rows
        for r in range(r0, min(r1, MAX_ROWS - 1) + 1):
            for c in range(c0, min(c1, MAX_COLS - 1) + 1):
                origin[(r, c)] = (r0, c0)
    rows = []
    width = min(max((len(v) for v in values), default=0), MAX_COLS)
    for r, line in enumerate(values[:MAX_ROWS]):
        cells = []
        for c in range(width):
            o = origin.get((r, c), (r, c))
            text = _text(values[o[0]][o[1]] if o[1] < len(values[o[0]]) else None)
            cells.append(Cell(text, o, row_copy=o[0] != r))
        if any(cell.text for cell in cells):
            rows.append(Row(tuple(cells), f"sheet {sheet} row {r + 1}"))
    return rows


_MERGE_REF = re.compile(rb'(<(?:\w+:)?mergeCell\b[^>]*?\bref=")([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})(")')


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _col_letters(n: int) -> bytes:
    out = b""
    while n:
        n, r = divmod(n - 1, 26)
        out = bytes([65 + r]) + out
    return out


def _clipped_merges(data: bytes) -> bytes:
    """The XLSX with merged ranges beyond MAX_ROWS × MAX_COLS clipped (openpyxl creates an object
    for every cell of a merge: "A1:XFD1048576" is 17 billion of them)."""
    import zipfile

    def clip(m: re.Match[bytes]) -> bytes:
        c0, r0 = min(_col_number(m.group(2)), MAX_COLS), min(int(m.group(3)), MAX_ROWS)
        c1, r1 = max(c0, min(_col_number(m.group(4)), MAX_COLS)), max(r0, min(int(m.group(5)), MAX_ROWS))
        return (m.group(1) + _col_letters(c0) + str(r0).encode() + b":" + _col_letters(c1) + str(r1).encode()
                + m.group(6))

    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        names = [i.filename for i in src.infolist() if i.filename.startswith("xl/worksheets/")]
        parts = {name: src.read(name) for name in names}
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return data  # openpyxl reports the damage in its own words
    changed = {name: _MERGE_REF.sub(clip, body) for name, body in parts.items()}
    if all(changed[n] == parts[n] for n in names):
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, changed.get(info.filename, src.read(info.filename)))
    return out.getvalue()


def read_xlsx(data: bytes) -> ReaderOutput:
    import openpyxl

    from ogi.readers.base import check_zip

    check_zip(data)
    data = _clipped_merges(data)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    except Exception as exc:
        raise ExtractionError(f"broken XLSX, cannot be opened: {type(exc).__name__}: {exc}") from exc
    rows: list[Row] = []
    for ws in book.worksheets:
        values = [list(r) for r in ws.iter_rows(max_row=min(ws.max_row or 0, MAX_ROWS),
                                                max_col=min(ws.max_column or 0, MAX_COLS), values_only=True)]
        merges = [(m.min_row - 1, m.max_row - 1, m.min_col - 1, m.max_col - 1) for m in ws.merged_cells.ranges]
        rows.extend(_rows_from(values, merges, ws.title))
    return _output(rows, SourceFormat.XLSX)


def read_xls(data: bytes) -> ReaderOutput:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=False)
    except Exception as exc:
        raise ExtractionError(f"broken XLS, cannot be opened: {type(exc).__name__}: {exc}") from exc
    rows: list[Row] = []
    for ws in book.sheets():
        values = [ws.row_values(r) for r in range(min(ws.nrows, MAX_ROWS))]
        merges = [(r0, r1 - 1, c0, c1 - 1) for r0, r1, c0, c1 in ws.merged_cells]
        rows.extend(_rows_from(values, merges, ws.name))
    return _output(rows, SourceFormat.XLS)


def _output(rows: list[Row], fmt: SourceFormat) -> ReaderOutput:
    if not rows:
        raise ExtractionError("the spreadsheet has no cells with text")
    warnings = [Warning("spreadsheet", "a spreadsheet holds the tables only: title, agency and year may be missing")]
    return ReaderOutput(format=fmt, rows=rows, warnings=warnings)
