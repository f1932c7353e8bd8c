"""Spreadsheets (XLSX with openpyxl, XLS with xlrd) → rows, merged ranges kept as spans."""

from __future__ import annotations

import io

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
    for r0, r1, c0, c1 in merges:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
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


def read_xlsx(data: bytes) -> ReaderOutput:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    except Exception as exc:
        raise ExtractionError(f"broken XLSX, cannot be opened: {type(exc).__name__}: {exc}") from exc
    rows: list[Row] = []
    for ws in book.worksheets:
        values = [list(r) for r in ws.iter_rows(max_row=min(ws.max_row or 0, MAX_ROWS), values_only=True)]
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
