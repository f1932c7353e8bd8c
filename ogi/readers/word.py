"""Word documents → rows: DOCX read with python-docx (merged cells kept as spans), DOC and WPS
converted to DOCX by LibreOffice first.

The body is walked in order — paragraphs become text rows, tables become grids where a
`gridSpan` cell spans columns and a `vMerge` continuation repeats the cell above (as a
rowspan does in HTML) — so the same recogniser reads them.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Iterator

from ogi.document import SourceFormat, Warning
from ogi.grid import Cell, Row
from ogi.readers.base import ExtractionError, ReaderOutput, check_zip
from ogi.textutil import tidy_line

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CONVERT_TIMEOUT = 120  # seconds for one LibreOffice conversion
MAX_TABLE_COLS = 200


def read_docx(data: bytes, *, source_format: SourceFormat = SourceFormat.DOCX) -> ReaderOutput:
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise ExtractionError(f"DOCX support is not installed: {exc}") from exc
    check_zip(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # zipfile / lxml / python-docx errors on broken files
        raise ExtractionError(f"broken DOCX, cannot be opened: {type(exc).__name__}: {exc}") from exc
    warnings: list[Warning] = []
    rows: list[Row] = []
    table_no = 0
    for element in _body_blocks(document.element.body):
        if element.tag == f"{W}p":
            text = tidy_line(_text(element))
            if text:
                rows.append(Row.of_text([text], f"paragraph {len(rows) + 1}", is_table_row=False))
        elif element.tag == f"{W}tbl":
            table_no += 1
            rows.extend(_table_rows(element, table_no, warnings))
    if not rows:
        raise ExtractionError("the Word document has no text (a scan pasted as images?): OCR is needed")
    title = next((r.text for r in rows[:3] if not r.is_table_row), None)
    return ReaderOutput(format=source_format, rows=rows, title=title, warnings=warnings)


def _body_blocks(body) -> Iterator:
    """Paragraphs and tables in order, looking inside content controls (w:sdt)."""
    for child in body.iterchildren():
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _body_blocks(content)


def _text(element) -> str:
    parts = []
    for node in element.iter(f"{W}t", f"{W}br", f"{W}tab", f"{W}cr", f"{W}p"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif node.tag == f"{W}tab":
            parts.append(" ")
        elif node.tag == f"{W}p" and parts and node is not element:
            parts.append("\n")
    return "".join(parts)


def _val(tc, path: str) -> str | None:
    node = tc.find(path)
    return None if node is None else node.get(f"{W}val", "")


def _table_rows(tbl, table_no: int, warnings: list[Warning]) -> list[Row]:
    grid: list[dict[int, Cell]] = []
    truncated = False
    for r, tr in enumerate(tbl.findall(f"{W}tr")):
        row: dict[int, Cell] = {}
        col = int(_val(tr, f"{W}trPr/{W}gridBefore") or 0)
        for tc in tr.findall(f"{W}tc"):
            span = max(1, int(_val(tc, f"{W}tcPr/{W}gridSpan") or 1))
            merge = _val(tc, f"{W}tcPr/{W}vMerge")
            text = "\n".join(tidy_line(p) for p in _text(tc).split("\n") if p.strip())
            if col + span > MAX_TABLE_COLS:
                truncated = True
                break
            continues = merge is not None and merge != "restart"  # <w:vMerge/> or val="continue"
            above = grid[r - 1].get(col) if r and continues else None
            for c in range(col, col + span):
                if above is not None:
                    row[c] = Cell(above.text, above.origin, row_copy=True)
                else:
                    row[c] = Cell(text, (r, col))
            col += span
        grid.append(row)
    if truncated:
        warnings.append(Warning("table_too_wide", f"table {table_no} has more than {MAX_TABLE_COLS} columns"))
    width = max((max(r) + 1 for r in grid if r), default=0)
    return [Row(tuple(r.get(c, Cell("", None)) for c in range(width)), f"table {table_no} row {i + 1}")
            for i, r in enumerate(grid)]


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(data: bytes, suffix: str, target: str = "docx") -> bytes:
    """Convert a .doc/.wps/.xls/.et file with LibreOffice headless, in a private temp dir.

    The input is written under a fixed name (never a name from the crawl), the profile
    is private to this call (no lock shared with other conversions), and the call is
    killed at CONVERT_TIMEOUT.
    """
    binary = soffice()
    if binary is None:
        raise ExtractionError(
            f"{suffix} files need LibreOffice to be converted (Debian: apt-get install libreoffice-writer-nogui)"
        )
    with tempfile.TemporaryDirectory(prefix="ogi-soffice-") as tmp:
        src = Path(tmp) / f"input{suffix}"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        cmd = [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nolockcheck",
               "--convert-to", target, "--outdir", str(Path(tmp) / "out"), str(src)]
        env = {**os.environ, "HOME": tmp}
        try:
            subprocess.run(cmd, capture_output=True, timeout=CONVERT_TIMEOUT, env=env, check=False, cwd=tmp)
        except subprocess.TimeoutExpired as exc:
            raise ExtractionError(f"LibreOffice did not convert the {suffix} file within {CONVERT_TIMEOUT} s") from exc
        produced = list((Path(tmp) / "out").glob(f"*.{target}"))
        if not produced:
            raise ExtractionError(f"LibreOffice could not convert the {suffix} file (broken or not a document)")
        return produced[0].read_bytes()


def read_doc(data: bytes, suffix: str = ".doc") -> ReaderOutput:
    out = read_docx(convert_with_libreoffice(data, suffix), source_format=SourceFormat.DOC)
    out.warnings.append(Warning("converted", f"{suffix} converted to DOCX with LibreOffice before reading"))
    return out
