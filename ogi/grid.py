"""The table model every reader feeds: rows of cells in document order.

HTML tables (rowspan/colspan expanded), tab-separated text lines and, later, PDF and
Word tables all become `Row`s; text between tables becomes one-cell rows, so that a
section heading printed between two table parts is seen in the same stream.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ogi import numbers

looks_numeric = lru_cache(maxsize=65536)(numbers.looks_numeric)  # a pure function of one cell's text


@dataclass(frozen=True)
class Cell:
    text: str
    origin: tuple[int, int] | None = None  # (row, col) of the cell that spans here; None: no cell
    row_copy: bool = False  # a rowspan continuation of a cell that starts in an earlier row


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    where: str  # human-readable location, for warnings ("table 3 row 7", "line 57")
    is_table_row: bool = True
    # True when cell positions are real grid columns (HTML, ruled PDF tables); False for
    # tab-separated text, where empty fields next to labels may be mere layout.
    aligned: bool = True
    confidence: float = 1.0  # below 1 when the cells were cut by guesswork (unruled PDF text, OCR)

    @classmethod
    def of_text(cls, fields: list[str] | tuple[str, ...], where: str, *, is_table_row: bool = True) -> "Row":
        return cls(tuple(Cell(f, (0, i)) for i, f in enumerate(fields)), where, is_table_row, aligned=False)

    def distinct_cells(self) -> tuple[Cell, ...]:
        """Cells with colspan copies collapsed (one entry per spanning cell)."""
        cached = self.__dict__.get("_distinct")  # a row is frozen: worked out once, kept beside its fields
        if cached is not None:
            return cached
        out: list[Cell] = []
        last_origin: tuple[int, int] | None = None
        for cell in self.cells:
            if cell.origin is not None and cell.origin == last_origin:
                continue
            out.append(cell)
            last_origin = cell.origin
        self.__dict__["_distinct"] = cached = tuple(out)
        return cached

    @property
    def text(self) -> str:
        cached = self.__dict__.get("_text")
        if cached is None:
            self.__dict__["_text"] = cached = "\t".join(c.text for c in self.distinct_cells())
        return cached


class GridBuilder:
    """Expand rowspan/colspan of one HTML-like table into a rectangular grid."""

    def __init__(self, max_cols: int = 200, max_span: int = 100) -> None:
        self.max_cols = max_cols
        self.max_span = max_span
        self.truncated_cols = False
        self._rows: list[dict[int, Cell]] = []
        self._pending: dict[tuple[int, int], Cell] = {}  # (row, col) → rowspan copy

    def add_row(self, cells: list[tuple[str, int, int]]) -> None:
        """cells: (text, rowspan, colspan) in source order."""
        r = len(self._rows)
        row: dict[int, Cell] = {}
        for (rr, cc), cell in list(self._pending.items()):
            if rr == r:
                row[cc] = cell
                del self._pending[(rr, cc)]
        col = 0
        for text, rowspan, colspan in cells:
            while col in row:
                col += 1
            rowspan = max(1, min(rowspan, self.max_span))
            colspan = max(1, min(colspan, self.max_span))
            if col + colspan > self.max_cols:
                self.truncated_cols = True
                colspan = max(0, self.max_cols - col)
                if colspan == 0:
                    break
            origin = (r, col)
            for dc in range(colspan):
                row[col + dc] = Cell(text, origin)
                for dr in range(1, rowspan):
                    self._pending[(r + dr, col + dc)] = Cell(text, origin, row_copy=True)
            col += colspan
        self._rows.append(row)

    def _is_spacer(self, col: int) -> bool:
        """A column with no text of its own, top to bottom (header included), and some empty cell,
        blank even in a row that prints words on both sides of it (a header row): a layout gap.

        Text of a cell spanning several columns (申请人情况) belongs to its other columns too.
        A column that is only blank in rows of numbers (a continuation table without its header,
        where nobody in this part applied as 自然人) is a column of blank values, never a spacer:
        dropping it would move every value after it one column to the left.
        """
        some_empty = False
        between_words = False
        for row in self._rows:
            cell = row.get(col)
            if cell is None or not cell.text.strip():
                some_empty = True
                left, right = row.get(col - 1), row.get(col + 1)
                if all(n is not None and n.text.strip() and not looks_numeric(n.text) for n in (left, right)):
                    between_words = True
                continue
            neighbours = (row.get(col - 1), row.get(col + 1))
            if not any(n is not None and n.origin == cell.origin for n in neighbours):
                return False
        return some_empty and between_words

    def rows(self, where_prefix: str) -> list[Row]:
        # rowspans reaching past the last row are dropped, as browsers do
        width = max((max(r) + 1 for r in self._rows if r), default=0)
        keep = [c for c in range(width) if not self._is_spacer(c)] if len(self._rows) > 1 else list(range(width))
        out = []
        for i, row in enumerate(self._rows):
            cells = tuple(row.get(c, Cell("", None)) for c in keep)
            out.append(Row(cells, f"{where_prefix} row {i + 1}"))
        return out
