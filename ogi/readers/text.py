"""Plain text (as extracted from PDF/Word: tab-separated cells, markdown-ish headings and pipe tables)."""

from __future__ import annotations

import re

from ogi.document import SourceFormat
from ogi.grid import Cell, Row
from ogi.readers.base import ReaderOutput

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
# Markdown pipe tables: "| 一、本年新收… | 12 | … |" rows and "|---|:---:|" separator lines
_PIPE_ROW = re.compile(r"^\s*\|(?P<cells>.*)\|\s*$")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
# page furniture of converted documents: "— 3 —", "- 3 -", "第 2 页 共 5 页", "2/5"
_PAGE_FURNITURE = re.compile(r"^\s*(?:[—\-－–]\s*\d+\s*[—\-－–]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$")
_CELL = r"(?:[-+−]?\d[\d,]*(?:\.\d+)?|/|／|—|－|-|无)"
# "1.属于国家秘密 0 0 0 0 0 0 0" or "0 0 0 … 0": cells separated by spaces instead of tabs
_SPACED_ROW = re.compile(
    rf"^(?P<label>.*?[^\d\s.,、．])\s+(?P<cells>{_CELL}(?:\s+{_CELL}){{2,}})\s*$"  # any label, 3+ cells
    rf"|^(?P<short>[^\d\s][^，。；：]{{0,14}}[^\d\s.,、．])\s+(?P<few>{_CELL}(?:\s+{_CELL})?)\s*$"  # "行政许可 0"
    rf"|^(?P<only>{_CELL}(?:\s+{_CELL}){{2,}})\s*$"  # numbers only
)


def split_spaced_row(line: str) -> list[str] | None:
    """[label, cell, cell …] when a line is a table row printed with spaces between cells."""
    spaced = _SPACED_ROW.match(line.strip())
    if not spaced:
        return None
    label = spaced.group("label") or spaced.group("short")
    cells = (spaced.group("cells") or spaced.group("few") or spaced.group("only")).split()
    return ([label.strip()] if label else []) + cells


def read_text(text: str) -> ReaderOutput:
    rows: list[Row] = []
    title: str | None = None
    for n, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.rstrip("\r\n")
        if not line.strip():
            continue
        if _PIPE_SEPARATOR.match(line):
            continue
        pipe = _PIPE_ROW.match(line)
        if pipe and "|" in pipe.group("cells"):
            # a grid: every row has its cells, blanks included, so positions are real columns
            fields = [f.strip() for f in pipe.group("cells").split("|")]
            rows.append(Row(tuple(Cell(f, (n, i)) for i, f in enumerate(fields)), f"line {n}", True, aligned=True))
            continue
        if "\t" in line:
            rows.append(Row.of_text(line.split("\t"), f"line {n}"))
            continue
        if _PAGE_FURNITURE.match(line):
            continue
        cells = split_spaced_row(line)
        if cells:
            rows.append(Row.of_text(cells, f"line {n}"))
            continue
        clean = _MD_HEADING.sub("", line).strip()
        if title is None:
            title = clean
        rows.append(Row.of_text([clean], f"line {n}", is_table_row=False))
    return ReaderOutput(format=SourceFormat.TEXT, rows=rows, title=title)
