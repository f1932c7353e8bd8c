"""PDF with a text layer → rows: ruled tables as grids, the rest as text lines, in reading order.

pdfplumber (MIT) finds tables from their ruling lines, so merged header cells
(申请人情况 / 法人或其他组织), one-character-per-line labels and rows broken over two
lines come out as cells; a table continued on the next page is just more rows, which
the label-based recogniser does not mind. A page with no text at all is a scan: the
OCR path (a later stage) is needed, and the error says so.
"""

from __future__ import annotations

import io
import re
from typing import Any

from ogi.document import SourceFormat, Warning
from ogi.grid import Cell, Row
from ogi.readers.base import ExtractionError, ReaderOutput
from ogi.readers.text import split_spaced_row
from ogi.textutil import tidy_line

MAX_PAGES = 300
UNRULED_CONFIDENCE = 0.6  # figures of tables without ruling lines: columns told apart by spaces only
_SENTENCE_END = re.compile(r"[。；！？：:;!?]$")
_STARTS_ITEM = re.compile(r"^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d+[.、．]|第[一二三四五六七八九十]+|[（(]\d+[）)])")


def read_pdf(data: bytes) -> ReaderOutput:
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise ExtractionError(f"PDF support is not installed: {exc}") from exc
    warnings: list[Warning] = []
    rows: list[Row] = []
    text_chars = 0
    try:
        pdf = pdfplumber.open(io.BytesIO(data), password="")
    except PDFPasswordIncorrect as exc:
        raise ExtractionError("encrypted PDF that needs a password to open") from exc
    except (PDFSyntaxError, Exception) as exc:  # pdfminer raises many kinds on broken files
        raise ExtractionError(f"broken PDF, cannot be opened: {type(exc).__name__}: {exc}") from exc
    with pdf:
        pages = pdf.pages
        if len(pages) > MAX_PAGES:
            warnings.append(Warning("pdf_truncated", f"{len(pages)} pages; only the first {MAX_PAGES} were read"))
        table_no = 0
        wrapped: set[int] = set()  # ids of text rows that run to the right margin
        for page_no, page in enumerate(pages[:MAX_PAGES], start=1):
            try:
                items, table_no, chars = _read_page(page, page_no, table_no, wrapped)
            except Exception as exc:  # one bad page must not lose the others
                warnings.append(Warning("pdf_page_unreadable", f"page {page_no}: {type(exc).__name__}: {exc}"))
                continue
            text_chars += chars
            rows.extend(items)
    if text_chars == 0:
        raise ExtractionError("PDF has no text layer (a scan): OCR is needed to read it")
    rows = _join_broken_lines(rows, wrapped)
    title = _title(rows)
    return ReaderOutput(format=SourceFormat.PDF, rows=rows, title=title, warnings=warnings)


def _read_page(page: Any, page_no: int, table_no: int, wrapped: set[int]) -> tuple[list[Row], int, int]:
    placed: list[tuple[float, int, list[Row]]] = []  # (top, order, rows)
    grids = []
    for table in page.find_tables():
        cells = table.extract()
        width = max((len(r) for r in cells), default=0)
        if width <= 1:
            continue  # a frame around the text, not a table: its words are read as text below
        grids.append((table.bbox, cells))
    outside = page
    for bbox, _ in grids:
        outside = outside.outside_bbox(bbox)
    chars = 0
    order = 0
    lines = outside.extract_text_lines(layout=False, strip=True, return_chars=False)
    right_margin = max((line["x1"] for line in lines), default=0)
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
            if line["x1"] >= right_margin * 0.92:
                wrapped.add(id(row))  # runs to the right margin: the paragraph goes on below
        placed.append((line["top"], order, [row]))
        order += 1
    for bbox, cells in grids:
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
            row_cells = tuple(
                Cell("", None) if value is None else Cell(_cell_text(value), (r, c)) for c, value in enumerate(raw)
            )
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


def _numbers_only(cells: list[str]) -> bool:
    return all(re.fullmatch(r"[-+]?\d[\d,.]*|/|—|-", c) for c in cells)


def _cell_text(value: str) -> str:
    return "\n".join(tidy_line(part) for part in value.split("\n") if part.strip())


def _is_page_furniture(text: str) -> bool:
    return bool(re.fullmatch(r"[—\-－–\s]*\d+[—\-－–\s]*|第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+", text))


def _join_broken_lines(rows: list[Row], wrapped: set[int]) -> list[Row]:
    """Lines of one paragraph, broken at the right margin, joined back into one text row."""
    out: list[Row] = []
    joinable = False  # the last row in `out` ends a line that ran to the margin
    for row in rows:
        prev = out[-1] if out else None
        if prev is not None and joinable and not row.is_table_row and not _STARTS_ITEM.match(row.text):
            out[-1] = Row.of_text([prev.text + row.text], prev.where, is_table_row=False)
        else:
            out.append(row)
        joinable = not row.is_table_row and id(row) in wrapped and not _SENTENCE_END.search(row.text)
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
