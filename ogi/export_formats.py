"""Exports a spreadsheet user can open (issue 19): CSV with a UTF-8 BOM, Chinese column headers
(the official table, row and column labels of `ogi.figure_labels`), and XLSX with a "reports"
sheet (one row per report, numbers as numbers, frozen header) and a "columns" sheet explaining
every column.

Both formats take the rows `ogi.pipeline.csv_table` yields (its header first, then one list of
cells per row), so the CLI and the web app write the same rows as the CSV export, whatever
builds them. The XLSX is written in openpyxl's write-only mode: rows go to a temporary file as
they come, so an export's memory does not grow with the archive.
"""

from __future__ import annotations

import io
import re
import tempfile
from dataclasses import dataclass
from typing import IO, Any, BinaryIO, Iterable, Iterator

from ogi.document import TableFormat
from ogi.figure_keys import AMOUNT_COLUMNS, APPLICANT_PARTS, REQUEST_ROWS_2021, all_keys
from ogi.figure_labels import APPEAL_GROUP, APPEAL_OUTCOME, APPLICANT, PROACTIVE_COLUMN, PROACTIVE_ROW, \
    REQUEST_ROW, layouts

BOM = "\ufeff"
HEADER_STYLES = ("keys", "zh")
SEPARATOR = "/"  # between the parts of a Chinese header: table / row (and its parents) / column

# The table titles as printed (二、三、四), from the layouts the web app draws.
TABLE_TITLE = {name: layout.title for name, layout in
               zip(("proactive", "requests", "appeals"), layouts(TableFormat.F2021))}
APPLICANT_GROUP = "法人或其他组织"  # the printed header over 商业企业 … 其他 (not over 自然人 and 总计)

# The metadata columns of the exports: Chinese header, type, meaning (blank: what an empty cell says).
META: dict[str, tuple[str, str, str]] = {
    "id": ("编号", "text", "the report's stable id in this archive (from the address of its evidence file; "
                          "with --documents, the file's)"),
    "agency_id": ("机关编号", "text", "the agency's id in this archive: the same body in other years has the same id"),
    "agency": ("机关", "text", "the body the report is of (named in the title or opening sentence)"),
    "publisher": ("发布机构", "text", "the 发布机构 as printed; empty: none printed"),
    "agency_level": ("机关层级", "text", "ministry, province, city, county, township, department or other"),
    "province": ("省（自治区、直辖市）", "text", "the agency's province; empty: not known"),
    "city": ("市（地、州、盟）", "text", "the agency's city; empty: not known or not below a city"),
    "county": ("县（市、区、旗）", "text", "the agency's county; empty: not known or not below a county"),
    "township": ("乡镇（街道）", "text", "the agency's township; empty: not known or not a township"),
    "region_code": ("行政区划代码", "text", "6- or 9-digit division code of the agency's region; empty: not known"),
    "year": ("年度", "integer", "the year reported on (from the title or the statistics period)"),
    "published_at": ("发布日期", "date (text, YYYY-MM-DD)", "the publication date printed; empty: none found"),
    "title": ("标题", "text", "the title as published"),
    "url": ("网址", "text", "the page where the report was found"),
    "document_url": ("文件网址", "text", "the file the figures were read from (the page, or its attachment)"),
    "sha256": ("SHA-256", "text", "digest of that file's archived bytes"),
    "captured_at": ("采集时间", "date and time (text, ISO 8601, UTC)", "when that file was archived"),
    "documents": ("文件数", "integer", "how many captured files make the report (page, attachments, images)"),
    "document_urls": ("各文件网址", "text", "the address of every file of the report, separated by spaces"),
    "sources": ("来源", "text", "the crawl sources that found it, separated by spaces"),
    "format": ("文件格式", "text", "html, text, pdf, docx, doc, xlsx, xls or image"),
    "table_format": ("表格式", "text",
                     "2021 (国办公开办函〔2021〕30号), 2019 (〔2019〕60号) or none (no standard tables)"),
    "checks_ok": ("勾稽检查通过", "true/false",
                  "every identity (勾稽关系) holds; false: one fails; empty: none could be evaluated"),
    "documents_agree": ("各文件一致", "true/false",
                        "the report's files with tables print the same figures; empty: fewer than two have tables"),
    "disputed": ("有分歧的数字", "text", "figure keys the report's files print differently, separated by spaces"),
    "figures_verified": ("已核验数字数", "integer", "figures confirmed by an identity that holds and disputed by none"),
    "verified_share": ("已核验比例", "number (0–1)", "figures_verified ÷ figures printed; empty: no figures"),
    "removed_at": ("下线时间", "date and time (text)", "when the report was found gone from the site; empty: online"),
    "values": ("数值口径", "text", "(with --values corrected / values=corrected) corrected: reviewers' corrections "
               "stand in place of the printed figures where recorded"),
    "corrected": ("已更正的数字", "text", "(with --values corrected) the figure keys whose value is a reviewer's "
                  "correction, separated by spaces; empty: all as printed"),
    "error": ("错误", "text", "(rows per file, --documents) why the file could not be read; empty: it was read"),
}
FIGURE_BLANK = "empty: not printed (blank, /, —, -, 无), not in this table format, or unreadable; 0: a printed 0"


def _request_paths() -> dict[str, tuple[str, ...]]:
    """Each row of table 三 with its parents: "denied_state_secret" → ("三、本年度办理结果",
    "（三）不予公开", "1.属于国家秘密"); the printed label of a sub-row names only itself."""
    paths: dict[str, tuple[str, ...]] = {}
    levels: list[str] = ["", "", ""]
    for row in REQUEST_ROWS_2021:
        for part in REQUEST_ROW[row].split(" "):
            depth = 0 if re.match(r"^[一二三四五六七八九十]+、", part) else 1 if part.startswith("（") else 2
            levels[depth] = part
            for deeper in range(depth + 1, 3):
                levels[deeper] = ""
        paths[row] = tuple(p for p in levels if p)
    return paths


REQUEST_PATH = _request_paths()


def figure_path(key: str) -> tuple[str, ...]:
    """The printed labels that place a figure: table title, row (with its parents), column.
    "requests.granted.natural_person" → ("三、收到和处理政府信息公开申请情况", "三、本年度办理结果",
    "（一）予以公开", "自然人"). A key of no standard table is its own one part."""
    parts = key.split(".")
    if len(parts) != 3 or parts[0] not in TABLE_TITLE:
        return (key,)
    table, row, col = parts
    if table == "proactive":
        return TABLE_TITLE[table], PROACTIVE_ROW.get(row, row), PROACTIVE_COLUMN.get(col, col)
    if table == "requests":
        column = (APPLICANT_GROUP, APPLICANT[col]) if col in APPLICANT_PARTS[1:] else (APPLICANT.get(col, col),)
        return (TABLE_TITLE[table], *REQUEST_PATH.get(row, (row,)), *column)
    return (TABLE_TITLE[table], *APPEAL_GROUP.get(row, row).split(" "), APPEAL_OUTCOME.get(col, col))


def zh_header(column: str) -> str:
    """The Chinese header of an export column: the official labels of a figure joined by "/"
    ("三、收到和处理政府信息公开申请情况/三、本年度办理结果/（一）予以公开/自然人"), or the
    Chinese name of a metadata column ("年度"); a column of neither kind keeps its key."""
    if column in META:
        return META[column][0]
    return SEPARATOR.join(figure_path(column))


def header_names(columns: Iterable[str], style: str = "keys") -> list[str]:
    """The header row in `style`: "keys" (the dotted keys of the data contract) or "zh"."""
    columns = list(columns)
    if style == "keys":
        return columns
    if style != "zh":
        raise ValueError(f"unknown header style {style!r} (keys or zh)")
    names = [zh_header(c) for c in columns]
    seen: dict[str, int] = {}
    for i, name in enumerate(names):  # never two columns of one name (a spreadsheet would merge them)
        if name in seen:
            names[i] = f"{name} ({columns[i]})"
        seen[name] = i
    return names


def _formats(key: str) -> tuple[str, ...]:
    return tuple(f.value for f in (TableFormat.F2021, TableFormat.F2019) if key in _KEYS[f])


_KEYS = {f: frozenset(all_keys(f)) for f in (TableFormat.F2021, TableFormat.F2019)}


@dataclass(frozen=True)
class Column:
    """One export column as the "columns" sheet and docs/figures.md explain it."""

    key: str
    label: str  # Chinese: the official labels of a figure, or the name of a metadata column
    table: str  # the printed table (二、三、四) of a figure; "" for metadata
    formats: str  # the table formats that print it ("2021, 2019"); "" for metadata
    type: str
    meaning: str

    @property
    def is_figure(self) -> bool:
        return bool(self.table)


def figure_type(key: str) -> str:
    if key in AMOUNT_COLUMNS:
        return "number, 万元 (decimals as printed)"
    if key.endswith(".change"):
        return "integer, may be negative (本年增/减)"
    return "integer (a count)"


def describe(column: str) -> Column:
    if column in META:
        name, kind, meaning = META[column]
        return Column(column, name, "", "", kind, meaning)
    formats = _formats(column)
    if not formats:
        return Column(column, column, "", "", "", "")
    path = figure_path(column)
    return Column(column, SEPARATOR.join(path), path[0], ", ".join(formats), figure_type(column), FIGURE_BLANK)


# --- CSV --------------------------------------------------------------------------------------


def csv_chunks(cells: Iterable[list[Any]], *, bom: bool = True, headers: str = "keys",
               rows_per_chunk: int = 500) -> Iterator[str]:
    """The rows of `pipeline.csv_table` as CSV text, a few hundred rows a chunk: a BOM first if
    `bom` (so that a spreadsheet reads UTF-8, and then no text cell may run as a formula), the
    header row in `headers` style. The CLI's files and the web's streamed download both come from here."""
    import csv

    if headers not in HEADER_STYLES:
        raise ValueError(f"unknown header style {headers!r} (keys or zh)")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if bom:
        buffer.write(BOM)
    for n, row in enumerate(cells):
        # bound for a spreadsheet (BOM): crawled text never becomes a formula; for scripts, as is
        writer.writerow(header_names(row, headers) if n == 0 else spreadsheet_safe(row) if bom else row)
        if n % rows_per_chunk == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def write_csv(cells: Iterable[list[Any]], out: IO[str], *, bom: bool = True, headers: str = "keys") -> int:
    """`csv_chunks` written to `out`; returns the number of rows after the header."""
    rows = 0

    def counted() -> Iterator[list[Any]]:
        nonlocal rows
        for row in cells:
            rows += 1
            yield row

    for chunk in csv_chunks(counted(), bom=bom, headers=headers):
        out.write(chunk)
    return max(rows - 1, 0)


_FORMULA_START = re.compile(r"[=+@\t\r]|-(?![\d.])")


def spreadsheet_safe(row: Iterable[Any]) -> list[Any]:
    """A CSV row a spreadsheet cannot run: a text cell starting like a formula (= + @, a tab, or a
    minus sign not starting a number) gets a leading apostrophe, as spreadsheets themselves do.
    Numbers are left alone."""
    return [f"'{cell}" if isinstance(cell, str) and _FORMULA_START.match(cell) else cell for cell in row]


# --- XLSX -------------------------------------------------------------------------------------

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what an XLSX cell cannot hold
MAX_CELL = 32767  # characters a cell holds
XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS_SHEET_HEADER = ("column", "header", "key", "中文标签 label", "table", "table formats", "type", "meaning")


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _text_cell(sheet: Any, value: str, font: Any = None) -> Any:
    """A string cell that stays a string: text from a crawled page beginning with "=" is never a
    formula, control characters are dropped, and it is cut to what a cell holds."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=_ILLEGAL.sub("", value)[:MAX_CELL])
    cell.data_type = "s"
    if font is not None:
        cell.font = font
    return cell


def _cell(sheet: Any, value: Any) -> Any:
    if value is None or value == "":
        return None  # an empty cell, not an empty string
    if isinstance(value, (bool, int, float)):
        return value  # numbers as numbers, true/false as booleans
    return _text_cell(sheet, str(value))


def write_xlsx(target: str | BinaryIO, cells: Iterable[list[Any]], *, headers: str = "keys",
               title: str = "OGI Archive export", note: str = "", deadline: float | None = None,
               sheet_name: str = "reports") -> int:
    """The rows of `pipeline.csv_table` as an XLSX workbook: sheet `sheet_name` (header row in
    `headers` style, frozen; one row per row of `cells`) and sheet "columns" (one row per column:
    its header, key, Chinese label, table, formats, type and what an empty cell means). Returns
    the number of rows written after the header. `note` (e.g. which values) heads the notes under
    the columns sheet. Past `deadline` (time.monotonic) no more rows are written, and the
    columns sheet says the export was cut."""
    import time

    from openpyxl import Workbook
    from openpyxl.styles import Font

    if headers not in HEADER_STYLES:
        raise ValueError(f"unknown header style {headers!r} (keys or zh)")
    bold = Font(bold=True)
    book = Workbook(write_only=True)
    book.properties.title = title
    book.properties.creator = "OGI Archive"
    sheet = book.create_sheet(sheet_name)
    sheet.freeze_panes = "A2"
    rows = iter(cells)
    columns = [str(c) for c in next(rows, [])]
    names = header_names(columns, headers)
    for i, column in enumerate(columns):
        wide = 12 if column in META or "." not in column else 10
        sheet.column_dimensions[_column_letter(i)].width = 40 if column in ("title", "url", "document_url") else wide
    sheet.append([_text_cell(sheet, name, bold) for name in names])
    count = 0
    cut = False
    for row in rows:
        if deadline is not None and time.monotonic() > deadline:
            cut = True
            break
        sheet.append([_cell(sheet, v) for v in row])
        count += 1

    info = book.create_sheet("columns")
    info.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGH", (8, 40, 40, 50, 30, 12, 28, 80)):
        info.column_dimensions[letter].width = width
    info.append([_text_cell(info, h, bold) for h in COLUMNS_SHEET_HEADER])
    for i, (column, name) in enumerate(zip(columns, names)):
        c = describe(column)
        info.append([_text_cell(info, v) for v in (_column_letter(i), name, c.key, c.label, c.table, c.formats,
                                                    c.type, c.meaning)])
    info.append([])
    values = ("Values: reviewers' corrections in place of the printed figures where recorded (column corrected "
              "lists them)." if "values" in columns else "Values: as printed in the reports.")
    for line in (f"CUT: the export ran past its time limit after {count} rows; narrow the filter" if cut else "",
                 note, values, "Figures are numbers as printed in the report, never repaired. " + FIGURE_BLANK + ".",
                 "Glossary of every figure key: docs/figures.md, or /glossary in the web app."):
        if line:
            info.append([None, _text_cell(info, line)])
    book.save(target)
    return count


def xlsx_chunks(cells: Iterable[list[Any]], *, headers: str = "keys", note: str = "", deadline: float | None = None,
                chunk: int = 1 << 16) -> Iterator[bytes]:
    """`write_xlsx` into a temporary file, then its bytes a chunk at a time (for a streamed
    download: a workbook is a zip, whose directory comes last, so it is sent once written)."""
    with tempfile.TemporaryFile() as spool:
        write_xlsx(spool, cells, headers=headers, note=note, deadline=deadline)
        spool.seek(0)
        while True:
            data = spool.read(chunk)
            if not data:
                return
            yield data




# --- the CLI's `ogi export --format csv|xlsx` ---------------------------------------------------


def wants_bom(choice: bool | None, out: IO[str]) -> bool:
    """`--bom` / `--no-bom` if given; else a BOM when writing a file (`-o`, or standard output
    redirected to a file: what a spreadsheet opens) and none into a pipe or a terminal (what a
    script reads)."""
    import os
    import stat

    if choice is not None:
        return choice
    try:
        return stat.S_ISREG(os.fstat(out.fileno()).st_mode)
    except (AttributeError, OSError, ValueError):
        return False


def export_table(archive: Any, fmt: str, output: str | None, ids: set[str] | None = None, *,
                 unit: str = "reports", bom: bool | None = None, headers: str = "keys", values: str = "printed") -> int:
    """`ogi export --format csv|xlsx`: the rows of `pipeline.csv_table` into `output` (standard
    output for CSV when None); returns the number of rows."""
    import sys

    from ogi.pipeline import csv_table

    cells = csv_table(archive, ids, unit=unit, values=values)  # values: printed or corrected (ogi.review)
    if fmt == "xlsx":
        if not output:
            raise ValueError("--format xlsx needs --output FILE")
        return write_xlsx(output, cells, headers=headers, sheet_name="reports" if unit == "reports" else "documents")
    if fmt != "csv":
        raise ValueError(f"unknown spreadsheet format {fmt!r} (csv or xlsx)")
    if not output:
        return write_csv(cells, sys.stdout, bom=wants_bom(bom, sys.stdout), headers=headers)
    with open(output, "w", encoding="utf-8", newline="") as out:
        return write_csv(cells, out, bom=wants_bom(bom, out), headers=headers)


__all__ = ["BOM", "HEADER_STYLES", "Column", "csv_chunks", "describe", "export_table", "figure_path", "header_names", "spreadsheet_safe", "wants_bom",
           "write_csv", "write_xlsx", "xlsx_chunks", "zh_header", "XLSX_MEDIA"]
