"""PDF with a text layer → rows: ruled tables as grids, the rest as text lines, in reading order.

Page text, character boxes and ruling lines come from pdfium (pypdfium2, Apache/BSD), page by
page (ogi.readers.pdf_geometry): characters placed as pdfminer.six places them and paths
classified as pdfminer classifies them, so that pdfplumber's table finder, ported there over
those boxes, finds the same grids — merged header cells (申请人情况 / 法人或其他组织),
one-character-per-line labels and rows broken over two lines come out as cells — without
pdfminer's parsing of every page in Python. A page without ruling lines both ways costs only its
text. A table continued on the next page is just more rows, which the label-based recogniser does
not mind. A PDF with no text at all is a scan: its pages are read by OCR (ogi.readers.ocr).
"""

from __future__ import annotations

import functools
import re
import threading
from typing import Any

from ogi.document import SourceFormat, Warning
from ogi.grid import Cell, Row
from ogi.readers.base import ExtractionError, ReaderOutput
from ogi.readers.pdf_geometry import find_tables, load_page, text_lines
from ogi.readers.pdf_geometry import outside_all as chars_outside
from ogi.readers.text import split_spaced_row
from ogi.textutil import tidy_line

MAX_PAGES = 300
UNRULED_CONFIDENCE = 0.6  # figures of tables without ruling lines: columns told apart by spaces only
_SENTENCE_END = re.compile(r"[。；！？：:;!?]$")
_STARTS_ITEM = re.compile(r"^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d+[.、．]|第[一二三四五六七八九十]+|[（(]\d+[）)])")
_PDFIUM = threading.Lock()  # pdfium is not thread-safe: one document at a time per process


def read_pdf(data: bytes) -> ReaderOutput:
    try:
        import pypdfium2 as pdfium
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise ExtractionError(f"PDF support is not installed: {exc}") from exc
    warnings: list[Warning] = []
    rows: list[Row] = []
    text_chars = 0
    with _PDFIUM:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise ExtractionError("encrypted PDF that needs a password to open") from exc
            raise ExtractionError(f"broken PDF, cannot be opened: {exc}") from exc
        except Exception as exc:  # pragma: no cover - pdfium raises PdfiumError, but never a traceback
            raise ExtractionError(f"broken PDF, cannot be opened: {type(exc).__name__}: {exc}") from exc
        try:
            n_pages = len(pdf)
            if n_pages > MAX_PAGES:
                warnings.append(Warning("pdf_truncated", f"{n_pages} pages; only the first {MAX_PAGES} were read"))
            table_no = 0
            wrapped: set[int] = set()  # ids of text rows that run to the right margin
            heights: dict[int, float] = {}  # id of a text row → its line height
            advances: dict = {}  # character widths by font, for every page of the document
            for page_no in range(1, min(n_pages, MAX_PAGES) + 1):
                try:
                    page = load_page(pdf, page_no - 1, advances)
                    items, table_no, chars = _read_page(page, page_no, table_no, wrapped, heights)
                except Exception as exc:  # one bad page must not lose the others
                    warnings.append(Warning("pdf_page_unreadable", f"page {page_no}: {type(exc).__name__}: {exc}"))
                    continue
                text_chars += chars
                rows.extend(items)
        finally:
            pdf.close()
    if text_chars == 0:  # a scan: read its pages by OCR
        from ogi.readers.ocr import read_scanned_pdf

        return read_scanned_pdf(data)
    rows = _join_broken_lines(rows, wrapped, heights)
    title = _title(rows)
    return ReaderOutput(format=SourceFormat.PDF, rows=rows, title=title, warnings=warnings)


def _clip(bbox: tuple[float, float, float, float],
          within: tuple[float, float, float, float]) -> tuple[float, float, float, float] | None:
    """`bbox` cut to `within` (a table running past the page edge); None when nothing is left."""
    x0, top, x1, bottom = max(bbox[0], within[0]), max(bbox[1], within[1]), min(bbox[2], within[2]), \
        min(bbox[3], within[3])
    return (x0, top, x1, bottom) if x0 < x1 and top < bottom else None


def _read_page(page: Any, page_no: int, table_no: int, wrapped: set[int],
               heights: dict[int, float]) -> tuple[list[Row], int, int]:
    placed: list[tuple[float, int, list[Row]]] = []  # (top, order, rows)
    grids = []
    for table in find_tables(page):
        cells = table.extract()
        width = max((len(r) for r in cells), default=0)
        if width <= 1:
            continue  # a frame around the text, not a table: its words are read as text below
        grids.append((table.bbox, cells, _span_origins(table)))
    # a table running past the page edge is clipped to it
    clipped = [box for box in (_clip(bbox, page.bbox) for bbox, _, _ in grids) if box is not None]
    outside = chars_outside(page.chars, clipped)
    chars = 0
    order = 0
    lines = text_lines(outside)
    right_margin = max((line["x1"] for line in lines), default=0)
    left_margin = min((line["x0"] for line in lines), default=0)
    indent_limit = left_margin + 0.15 * (right_margin - left_margin)
    for line in lines:
        text = tidy_line(line["text"])
        at_edge = line["top"] < page.height * 0.08 or line["bottom"] > page.height * 0.92
        if not text or (at_edge and _is_page_furniture(text)):
            continue
        chars += len(text)
        cells = _split_unruled(line["text"]) if not grids else None
        last = placed[-1][2][-1] if placed else None
        if cells and last is not None and last.confidence == UNRULED_CONFIDENCE and _numbers_only(cells):
            # the row went on past the line's end ("… 9 2 0 0 3 0 1" / "4"): one row; if that makes
            # too many cells (a number cut in two), the recogniser leaves it null rather than guess
            merged = last.cells + tuple(Cell(c, (0, len(last.cells) + i)) for i, c in enumerate(cells))
            placed[-1][2][-1] = Row(merged, last.where, True, aligned=False, confidence=UNRULED_CONFIDENCE)
            continue
        if cells:  # a table drawn without ruling lines: cells cut at spaces, so trusted less
            row = Row(tuple(Cell(c, (0, i)) for i, c in enumerate(cells)), f"page {page_no} line", True,
                      aligned=False, confidence=UNRULED_CONFIDENCE)
        else:
            row = Row.of_text([text], f"page {page_no} line", is_table_row=False)
            heights[id(row)] = line["bottom"] - line["top"]  # the font size, near enough
            if line["x1"] >= right_margin * 0.92 and line["x0"] <= indent_limit:
                wrapped.add(id(row))  # a full line of a paragraph (not a right-aligned signature): it goes on
        placed.append((line["top"], order, [row]))
        order += 1
    for bbox, cells, origins in grids:
        table_no += 1
        rows = []
        for r, raw in enumerate(cells):
            if raw and raw[0] and all(v is None for v in raw[1:]):
                # one cell across the whole width: a heading or a paragraph the table frame took in
                for part in raw[0].split("\n"):
                    if part.strip():
                        chars += len(part)
                        rows.append(Row.of_text([tidy_line(part)], f"page {page_no} table {table_no} row {r + 1}",
                                                is_table_row=False))
                continue
            row_cells = tuple(_grid_cell(cells, origins, r, c) for c in range(len(raw)))
            chars += sum(len(c.text) for c in row_cells)
            rows.append(Row(row_cells, f"page {page_no} table {table_no} row {r + 1}"))
        placed.append((bbox[1], order, rows))
        order += 1
    placed.sort(key=lambda item: (item[0], item[1]))
    return [row for _, _, rows in placed for row in rows], table_no, chars


_TRAILING_CELLS = re.compile(r"^(?P<label>.*?[^\d\s.,、．])\s+(?P<cells>(?:[-+]?\d[\d,]*(?:\.\d+)?|/|—)(?:\s+(?:[-+]?\d[\d,]*(?:\.\d+)?|/|—))*)$")


def _split_unruled(text: str) -> list[str] | None:
    """Cells of a line of an unruled table: "label n n …", "n n …", or a long label and its first number."""
    text = text.strip()
    if re.fullmatch(r"[-+]?\d[\d,.]*(\s+[-+]?\d[\d,.]*)*", text):
        return text.split()
    cells = split_spaced_row(text)
    if cells:
        return cells
    m = _TRAILING_CELLS.match(text)
    if m and not _SENTENCE_END.search(m.group("label")):
        return [m.group("label").strip()] + m.group("cells").split()
    return None


def _span_origins(table: Any) -> dict[tuple[int, int], tuple[int, int]]:
    """For each position pdfplumber leaves empty (None), the merged cell that covers it.

    A cell spanning columns reaches past the left edge of the next column; one spanning
    rows reaches below the top of the next row. Positions covered by neither are empty.
    """
    boxes = [row.cells for row in table.rows]
    n_rows, n_cols = len(boxes), max((len(b) for b in boxes), default=0)
    col_x0 = [min((b[c][0] for b in boxes if c < len(b) and b[c]), default=None) for c in range(n_cols)]
    row_top = [min((bb[1] for bb in b if bb), default=None) for b in boxes]
    origins: dict[tuple[int, int], tuple[int, int]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            if c < len(boxes[r]) and boxes[r][c] is not None:
                origins[(r, c)] = (r, c)
                continue
            left = origins.get((r, c - 1)) if c else None
            if left is not None and col_x0[c] is not None and boxes[left[0]][left[1]][2] > col_x0[c] + 1:
                origins[(r, c)] = left
                continue
            up = origins.get((r - 1, c)) if r else None
            if up is not None and row_top[r] is not None and boxes[up[0]][up[1]][3] > row_top[r] + 1:
                origins[(r, c)] = up
    return origins


def _grid_cell(cells: list[list[str | None]], origins: dict[tuple[int, int], tuple[int, int]], r: int, c: int) -> Cell:
    origin = origins.get((r, c))
    if origin is None:
        return Cell("", None)
    text = cells[origin[0]][origin[1]]
    return Cell(_cell_text(text or ""), origin, row_copy=origin[0] != r)


def _numbers_only(cells: list[str]) -> bool:
    return all(re.fullmatch(r"[-+]?\d[\d,.]*|/|—|-", c) for c in cells)


@functools.lru_cache(maxsize=8192)
def _cell_text(value: str) -> str:
    """A cell's lines tidied (cached: labels and small numbers recur in every table)."""
    return "\n".join(tidy_line(part) for part in value.split("\n") if part.strip())


def _is_page_furniture(text: str) -> bool:
    return bool(re.fullmatch(r"[—\-－–\s]*\d+[—\-－–\s]*|第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+", text))


def _join_broken_lines(rows: list[Row], wrapped: set[int], heights: dict[int, float]) -> list[Row]:
    """Lines of one paragraph, broken at the right margin, joined back into one text row.

    Only a full-width line in the same font size as the next one is continued: a title
    in a larger font is not the start of the paragraph below it.
    """
    out: list[Row] = []
    joinable = False  # the last row in `out` ends a line that ran to the margin
    height = 0.0  # the line height of that line
    for row in rows:
        prev = out[-1] if out else None
        h = heights.get(id(row), 0.0)
        same_size = height > 0 and abs(h - height) <= 0.15 * height
        if prev is not None and joinable and same_size and not row.is_table_row and not _STARTS_ITEM.match(row.text):
            out[-1] = Row.of_text([prev.text + row.text], prev.where, is_table_row=False)
        else:
            out.append(row)
        joinable = not row.is_table_row and id(row) in wrapped and not _SENTENCE_END.search(row.text)
        height = h
    return out


def _title(rows: list[Row]) -> str | None:
    lines = []
    for row in rows[:4]:
        if row.is_table_row:
            break
        lines.append(row.text)
    if not lines:
        return None
    if len(lines) > 1 and not re.search(r"(报告|年报)$", lines[0]) and re.search(r"(报告|年报)$", lines[1]) \
            and len(lines[1]) <= 20:
        return lines[0] + lines[1]
    return lines[0]
