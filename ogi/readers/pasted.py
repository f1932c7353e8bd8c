"""Table rows pasted as text: a Word table turned into lines, with tabs, runs of non-breaking
spaces or ideographic spaces (U+3000) between the cells."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ogi.textutil import tidy_line

# a run of blanks between two cells: it holds a tab, an ideographic space or two non-breaking spaces
_GAP = re.compile(r"[ \t\u00a0\u3000\r\n]+")
NUMBER_CELL = re.compile(r"^[-+−]?\d[\d,]*(?:\.\d+)?$|^[/／—－-]$")
_SHORT_LABEL = 40


@dataclass(frozen=True)
class PastedRow:
    """The cells of one pasted line. `exact` when every gap was made of tabs only (Word's table
    → text): then each tab is one cell boundary, two tabs in a row enclose a blank cell, and
    the cells after the labels are the row's value columns in place."""

    cells: tuple[str, ...]
    exact: bool


def _is_gap(run: str) -> bool:
    return "\t" in run or "\u3000" in run or run.count("\u00a0") >= 2


def pasted_row(line: str) -> PastedRow | None:
    """The line as table cells, or None when it is not a row of a table pasted as text: it needs
    at least two numbers among three cells, or a short label followed by one number
    ("行政许可\u3000\u3000204")."""
    text = line.strip("\r\n ")
    if not text.strip() or not ("\t" in text or "\u3000" in text or "\u00a0\u00a0" in text):
        return None
    cells: list[str] = []
    start = 0
    exact = True
    gaps = 0
    for m in _GAP.finditer(text):
        run = m.group()
        if not _is_gap(run):
            continue
        cells.append(text[start:m.start()])
        tabs = run.count("\t")
        exact = exact and tabs > 0 and "\u3000" not in run and "\u00a0" not in run
        cells.extend([""] * max(0, tabs - 1))  # Word: every tab ends a cell, so tab tab is a blank
        start = m.end()
        gaps += 1
    cells.append(text[start:])
    if not gaps:
        return None
    cells = [tidy_line(c) for c in cells]
    if not exact and len(cells) > 1 and not cells[-1]:
        cells.pop()  # a line ending in a run of spaces (with tabs only, the last cell is blank)
    numbers = sum(1 for c in cells if NUMBER_CELL.match(c))
    filled = [c for c in cells if c]
    if len(filled) >= 3 and numbers >= 2:
        return PastedRow(tuple(cells), exact)
    if (len(filled) == 2 and NUMBER_CELL.match(filled[1]) and not NUMBER_CELL.match(filled[0])
            and len(filled[0]) <= _SHORT_LABEL and not re.search(r"[，。；：:]", filled[0])):
        return PastedRow(tuple(cells), exact)
    return None
