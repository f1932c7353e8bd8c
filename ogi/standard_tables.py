"""Recognise the standard tables 二, 三 and 四 in a stream of rows and read their figures.

Rows are matched to keys by their normalised labels, never by position in the
document, so that a table cut in two, a repeated header or a dropped row header
does not shift anything. Values are placed in columns only when their count says
so without doubt; otherwise the row stays null and a warning says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations, product
from math import prod

from ogi import figure_keys as fk
from ogi import labels, numbers
from ogi.document import Figure, TableFormat, Warning
from ogi.grid import Cell, Row
from ogi.labels import strip_enum
from ogi.numbers import NULL_MARKERS

# Pure functions of one cell's text, called many times per row: the same labels and small
# numbers recur in every table and every report, so each distinct text is worked out once.
norm_label = lru_cache(maxsize=65536)(labels.norm_label)
looks_numeric = lru_cache(maxsize=65536)(numbers.looks_numeric)
normalise_cell_text = lru_cache(maxsize=65536)(numbers.normalise_cell_text)
parse_number = lru_cache(maxsize=65536)(numbers.parse_number)  # ParsedNumber is frozen: shared safely

# --- row labels of table 三, most specific first ----------------------------------

_REQUEST_ROW_PATTERNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("new_received", ("本年新收",)),
    ("carried_over", ("上年结转",)),
    ("carried_forward", ("结转下年度", "下年度继续办理", "结转下一年度")),
    ("partially_granted", ("部分公开",)),
    ("denied_state_secret", ("国家秘密",)),
    ("denied_prohibited_by_law", ("法规禁止公开", "法律行政法规禁止", "其他法律行政法规", "其他法律行政")),
    ("denied_security_stability", ("三安全一稳定", "危及三安全")),
    ("denied_third_party", ("第三方合法权益", "保护第三方")),
    ("denied_internal_affairs", ("内部事务",)),
    ("denied_process_info", ("过程性信息",)),
    ("denied_enforcement_files", ("执法案卷",)),
    ("denied_admin_query", ("行政查询事项", "查询事项")),
    ("unable_not_held", ("不掌握",)),
    ("unable_needs_creation", ("另行制作", "没有现成信息")),
    ("unable_unclear", ("仍不明确", "补正后申请")),
    ("rejected_petition", ("信访举报投诉", "信访举报")),
    ("rejected_repeat", ("重复申请",)),
    ("rejected_publication", ("公开出版",)),
    ("rejected_excessive", ("大量反复",)),
    ("rejected_confirmation", ("重新出具", "确认或重新")),
    ("other_no_correction", ("逾期不补正",)),
    ("other_unpaid_fee", ("缴纳费用", "收费通知")),
    ("granted", ("予以公开",)),
)

_TABLE2_SIGNS = ("主动公开政府信息情况", "第二十条第")
_TABLE3_SIGNS = ("收到和处理政府信息公开申请", "申请人情况")
_TABLE4_SIGNS = ("行政复议、行政诉讼", "行政复议.行政诉讼", "行政复议和行政诉讼", "被申请行政复议")
_END_SIGNS = ("存在的主要问题", "主要问题及改进", "其他需要报告的事项")

_PROACTIVE_HEADER_HINTS = ("信息内容",) + tuple(label for label, _ in fk.PROACTIVE_COLUMN_LABELS)


@dataclass(frozen=True)
class Reading:
    """What the standard tables of one report say."""

    table_format: TableFormat
    figures: dict[str, Figure]
    warnings: tuple[Warning, ...]
    other_variant: str | None  # "split" (三 sub-rows of （六）), "single" or None
    tables_found: frozenset[str]  # subset of {"二", "三", "四"}
    # table 三 rows printed twice with different values, or with two rows' worth of values side by
    # side: a document that prints two reports' tables (a comparison of two years) has many
    repeated_rows: int = 0


@dataclass
class _State:
    context: str | None = None  # "二" | "三" | "四" | None
    proactive_columns: tuple[str, ...] | None = None
    # the header row's cells from its first column label on: the key each holds, None for a
    # blank header cell (a grid's empty fourth column) — where a row's values sit in a grid
    proactive_slots: tuple[str | None, ...] | None = None
    proactive_unit_yuan: bool = False
    pending_label: str = ""
    # origins of the current row's cells that also cover a neighbouring row with values of its own
    spanning: frozenset = frozenset()
    votes_2021: int = 0
    votes_2019: int = 0
    figures: dict[str, Figure] = field(default_factory=dict)
    warnings: list[Warning] = field(default_factory=list)
    found: set[str] = field(default_factory=set)
    request_rows: list[str] = field(default_factory=list)
    blank_rows: list[str] = field(default_factory=list)  # table 三 rows printed with every cell blank
    appeals_header_seen: bool = False
    appeals_filled: int = 0  # how many of the 15 numbers of table 四 are read
    requests_header_seen: bool = False
    proactive_header_seen: bool = False

    request_warnings: list[Warning] = field(default_factory=list)  # about table 三 rows
    ambiguous: list["_Ambiguous"] = field(default_factory=list)  # rows the identities may place
    repeated_rows: int = 0

    def warn(self, code: str, message: str) -> None:
        self.warnings.append(Warning(code, message))


@dataclass(frozen=True)
class _Ambiguous:
    """A row whose values fit its columns in more than one way."""

    key: str  # row of table 三
    candidates: tuple[tuple[Cell | None, ...], ...]
    row: Row
    why: str


def read_standard_tables(rows: list[Row], *, year_hint: int | None = None) -> Reading:
    st = _State()
    spans = _spanning_cells(rows)
    for i, row in enumerate(rows):
        st.spanning = spans.get(i, frozenset())
        _consume(st, row)
    _drop_stray_rows(st)
    table_format = _decide_format(st, year_hint)
    _place_by_identities(st, table_format, _other_variant(st))
    st.warnings.extend(st.request_warnings)
    figures: dict[str, Figure] = {}
    if table_format is not TableFormat.NONE:
        for key in fk.all_keys(table_format):
            figures[key] = st.figures.get(key, Figure(None, None))
        extra = [k for k in st.figures if k not in figures]
        for key in extra:  # e.g. 2019-only item printed in a 2021 table
            st.warn("unexpected_figure", f"{key} is not part of the {table_format.value} format; kept")
            figures[key] = st.figures[key]
        _completeness_warnings(st, table_format)
    found = set(st.found)
    for name, prefix in (("二", "proactive."), ("三", "requests."), ("四", "appeals.")):
        # labels and no values: an empty table (a blank template), not a table read
        if name in found and not any(f.value is not None for k, f in st.figures.items() if k.startswith(prefix)):
            found.discard(name)
            st.warnings.append(Warning("table_empty", f"table {name} is printed with its labels and no values at all"))
    return Reading(table_format, figures, tuple(st.warnings), _other_variant(st), frozenset(found),
                   st.repeated_rows)


def _row_has_values(row: Row) -> bool:
    return row.is_table_row and any(not c.row_copy and c.text.strip() and looks_numeric(c.text) for c in row.cells)


def _spanning_cells(rows: list[Row]) -> dict[int, frozenset]:
    """Per row, the cells (by origin) that span into a neighbouring row which has values of its
    own. Such a cell cannot label one of those rows for sure: in a real table a row's label
    covers that row alone, so this is a ruling line lost in a scan, or rows printed into one."""
    out: dict[int, frozenset] = {}
    for i in range(len(rows) - 1):
        a, b = rows[i], rows[i + 1]
        if not (_row_has_values(a) and _row_has_values(b)):
            continue
        shared = {c.origin for c in a.cells if c.origin is not None} & {c.origin for c in b.cells if c.row_copy}
        if shared:
            out[i] = out.get(i, frozenset()) | shared
            out[i + 1] = out.get(i + 1, frozenset()) | shared
    return out


def _other_variant(st: _State) -> str | None:
    if any(r in st.request_rows for r in fk.OTHER_SUBROWS):
        return "split"
    if "other" in st.request_rows:
        return "single"
    return None


# --- per-row processing -----------------------------------------------------------


def _splits(row: Row) -> list[tuple[list[Cell], list[Cell]]]:
    """Ways to cut a row into (label cells, value cells), most likely first.

    Normally the labels run up to the last non-numeric cell. A value cell holding
    words ("见附件") would pass for a label, so the cuts before each earlier
    non-numeric cell are offered too; the caller takes the first whose labels name
    a known row.
    """
    cells = row.distinct_cells()
    first_value = next((i for i, c in enumerate(cells) if not c.row_copy and c.text.strip() and looks_numeric(c.text)),
                       len(cells))
    # a cell of an earlier row reaching in among the values (a header cell whose ruling line was
    # lost in a scan, a value printed once for two rows) is no label of this row
    label_positions = [i for i, c in enumerate(cells) if c.text.strip() and not looks_numeric(c.text)
                       and not (c.row_copy and i > first_value)]
    cuts = list(reversed(label_positions)) or [-1]
    out = []
    for cut in cuts:
        labels = [c for c in cells[: cut + 1] if c.text.strip()]
        # … and it holds no value of this row: kept as an unread cell so the values after it
        # stay in their columns, or dropped where it is only a label reaching down
        values = [Cell("", c.origin, row_copy=True) if c.row_copy and i > first_value else c
                  for i, c in enumerate(cells[cut + 1:], start=cut + 1)
                  if not c.row_copy or i > first_value]
        out.append((labels, values))
    return out


def _has_values(values: list[Cell]) -> bool:
    return any(c.text.strip() for c in values)


def _consume(st: _State, row: Row) -> None:
    splits = _splits(row)
    labels, values = splits[0]
    label_texts = [norm_label(c.text) for c in labels]
    joined = "".join(label_texts)

    if not row.is_table_row:
        _update_context_from_text(st, joined)
        if len(joined) <= 80 and _looks_proactive_header(label_texts):  # a header printed as a line of text
            _set_proactive_header(st, label_texts)
        # inside table 三 a line of words may be a row label whose numbers follow on the next line
        st.pending_label = joined if st.context == "三" and len(joined) <= 80 else ""
        return

    # a row of table 三 printed with its label and every value cell blank: null as printed, not missing
    if not _has_values(values) and st.context == "三" and labels and len(values) >= len(fk.APPLICANT_PARTS):
        key = _request_row_key(label_texts[-1], joined, st)
        if key is not None and key not in st.request_rows:
            st.found.add("三")
            st.request_rows.append(key)
            st.blank_rows.append(key)
            for col in fk.APPLICANTS:
                st.figures.setdefault(f"requests.{key}.{col}", Figure(None, "", None, row.confidence))
            st.pending_label = ""
            return

    # context from header-like rows
    if not _has_values(values):
        _update_context_from_text(st, joined)
        if _looks_proactive_header(label_texts):
            _set_proactive_header(st, label_texts, row)
            st.context = "二"
            st.found.add("二")
        elif "申请人情况" in joined or ("自然人" in joined and "法人" in joined):
            st.context = "三"
            st.requests_header_seen = True
        elif ("维持" in joined and "纠正" in joined) or ("行政复议" in joined and "行政诉讼" in joined):
            st.context = "四"
            st.appeals_header_seen = True
        # a label without values may be the first half of a row broken across lines
        st.pending_label = joined if joined else st.pending_label
        return

    merged = [i for i, c in enumerate(values) if c.row_copy]
    if merged:
        st.warn("cell_merged", f"{row.where}: value cell(s) {', '.join(str(i + 1) for i in merged)} are covered by a "
                               "cell of an earlier row (a ruling line lost?); left null")
    for n, (labels, values) in enumerate(splits):
        if n and not any(looks_numeric(c.text) and c.text.strip() for c in values):
            break
        if _consume_data_row(st, row, labels, values):
            return

    labels, values = splits[0]
    if (not labels or st.context == "四") and (st.context == "四" or st.appeals_header_seen or len(values) >= 15):
        if _store_appeals(st, values, row):
            return
    if labels:
        st.pending_label = "".join(norm_label(c.text) for c in labels)


def _consume_data_row(st: _State, row: Row, labels: list[Cell], values: list[Cell]) -> bool:
    """Store the row if its labels name a row of table 三 or an item of table 二."""
    label_texts = [norm_label(c.text) for c in labels]
    joined = "".join(label_texts)
    last = label_texts[-1] if label_texts else ""
    key = _request_row_key(last, joined, st)
    if key is None and st.pending_label and labels:
        key = _request_row_key(last, st.pending_label + joined, st)
    if key is None and not labels and st.pending_label and st.context == "三":
        key = _request_row_key(st.pending_label, st.pending_label, st)
    if key is not None and labels and labels[-1].origin in st.spanning:
        st.context = "三"
        st.found.add("三")
        st.pending_label = ""
        st.request_warnings.append(Warning(
            "cell_ambiguous", f"{row.where}: the label {labels[-1].text!r} also covers a neighbouring row with values "
                              f"(a ruling line lost?); which row is {key} cannot be told, row left null"))
        return True
    if key is not None:
        st.context = "三"
        st.found.add("三")
        st.pending_label = ""
        _store_row(st, f"requests.{key}", fk.APPLICANTS, values, row, key)
        if key not in st.request_rows:
            st.request_rows.append(key)
        return True

    item = _proactive_item(strip_enum(last) if last else strip_enum(st.pending_label))
    if item is not None and (st.context in ("二", None) or st.proactive_columns):
        st.pending_label = ""
        _store_proactive(st, item, values, row)
        return True
    return False


def _update_context_from_text(st: _State, joined: str) -> None:
    if not joined:
        return
    if any(s in joined for s in _END_SIGNS) and len(joined) < 40:
        st.context = None
        st.proactive_columns = None
    elif any(s in joined for s in _TABLE4_SIGNS) and len(joined) < 60:
        st.context = "四"
        st.appeals_header_seen = False
    elif any(s in joined for s in _TABLE3_SIGNS) and len(joined) < 60:
        st.context = "三"
    elif any(s in joined for s in _TABLE2_SIGNS) and len(joined) < 60:
        st.context = "二"


def _request_row_key(last: str, joined: str, st: _State) -> str | None:
    base = strip_enum(last)
    if base in ("其他",) and st.context == "三":
        # "3.其他" under （六）其他处理; the applicant column "其他" never has values
        return "other_other" if st.request_rows else None
    if base == "总计" or (base.endswith("总计") and "(七)" in last):
        if st.context == "三" and st.request_rows:
            return "results_total"
        return None
    key = _label_row_key(last)
    if key is not None:
        return key
    if "其他处理" in last:
        # "（六）其他处理 3.其他" in one cell is the sub-row, not the single （六） row
        return "other_other" if re.search(r"\d\.?其他$", last) else "other"
    if last and len(last) <= 3 and "总计" in joined and st.context == "三":
        return "results_total"
    # the item label may sit in an earlier cell of the same row (flat layouts)
    return _joined_row_key(joined)


@lru_cache(maxsize=65536)
def _label_row_key(last: str) -> str | None:
    """The row of table 三 a label names: as printed, then with only its Chinese characters (OCR
    reads quote marks and dust as digits or letters between them: "3.危及46三安全一稳")."""
    for text in (last, re.sub(r"[^\u4e00-\u9fff]", "", last)):
        for key, patterns in _REQUEST_ROW_PATTERNS:
            if any(p in text for p in patterns):
                return key
    return None


@lru_cache(maxsize=65536)
def _joined_row_key(joined: str) -> str | None:
    for key, patterns in _REQUEST_ROW_PATTERNS:
        if any(p in joined for p in patterns):
            if key == "granted" and "不予公开" in joined:
                continue
            return key
    if "其他处理" in joined:
        return "other_other" if re.search(r"3\.?其他$", joined) else "other"
    return None


def _proactive_item(base: str) -> str | None:
    if not base:
        return None
    for item in fk.PROACTIVE_2019 + fk.PROACTIVE_2021:
        if base in item.labels:
            return item.key
    return None


def _looks_proactive_header(label_texts: list[str]) -> bool:
    return any(h in t for t in label_texts for h in ("信息内容", "本年制发件数", "本年新制作数量", "上一年项目数量",
                                                       "本年处理决定数量", "本年收费金额", "采购项目数量"))


def _set_proactive_header(st: _State, label_texts: list[str], row: Row | None = None) -> None:
    """Column keys from a header row, in printed order — from cells, or from one line of text."""
    st.proactive_slots = _proactive_slots(row) if row is not None and row.is_table_row and row.aligned else None
    columns: list[str] = []
    unit_yuan = False
    labels = sorted(fk.PROACTIVE_COLUMN_LABELS, key=lambda lk: -len(lk[0]))
    for text in label_texts:
        i = 0
        while i < len(text):
            hit = next(((label, key) for label, key in labels if text.startswith(label, i)), None)
            if hit is None:
                i += 1
                continue
            label, key = hit
            columns.append(key)
            i += len(label)
            if key == "amount":
                unit = text[i:i + 12]
                if "元" in unit and "万元" not in unit:
                    unit_yuan = True
    if not columns:
        return
    st.proactive_columns = tuple(columns)
    st.proactive_unit_yuan = unit_yuan
    st.proactive_header_seen = True
    if set(columns) & {"issued", "repealed", "in_force"}:
        st.votes_2021 += 2
    if set(columns) & {"made", "published", "total_published", "prior_items", "change", "items"}:
        st.votes_2019 += 2


def _proactive_slots(row: Row) -> tuple[str | None, ...] | None:
    labels = sorted(fk.PROACTIVE_COLUMN_LABELS, key=lambda lk: -len(lk[0]))
    slots: list[str | None] = []
    for cell in row.distinct_cells():
        text = norm_label(cell.text)
        hits = [key for label, key in labels if label in text]
        if len(hits) > 1:
            return None  # two column labels in one cell: positions cannot be told
        if hits or slots:
            slots.append(hits[0] if hits else None)
    return tuple(slots) if slots else None


def _by_slots(st: _State, columns: tuple[str, ...], values: list[Cell], row: Row) -> list[Cell | None] | None:
    """A grid row's values placed under the header's own cells (same count of cells), blank
    header cells holding blanks; None when the row does not line up with its header."""
    slots = st.proactive_slots
    if not row.aligned or slots is None or len(values) != len(slots) or tuple(k for k in slots if k) != columns:
        return None
    if any(key is None and cell.text.strip() for key, cell in zip(slots, values)):
        return None
    return [cell for key, cell in zip(slots, values) if key is not None]


def _store_proactive(st: _State, item_key: str, values: list[Cell], row: Row) -> None:
    st.context = "二"
    st.found.add("二")
    if item_key in ("other_services", "procurement"):
        st.votes_2019 += 1
    columns = st.proactive_columns
    if columns is None:
        # no header seen: take the columns of whichever format has this many
        n = len(_trim(values, 3, row.aligned))
        for items in (fk.PROACTIVE_2021, fk.PROACTIVE_2019):
            cand = next((i.columns for i in items if i.key == item_key), None)
            if cand and len(cand) == n:
                columns = cand
                break
        if columns is None:
            st.warn("cell_ambiguous", f"{row.where}: {item_key} row without a column header; left null")
            return
        st.warn("header_missing", f"{row.where}: {item_key} read without a column header, as {', '.join(columns)}")
    placed = _by_slots(st, columns, values, row) or _place(values, len(columns), row.aligned)
    if placed is None:
        st.warn(
            "cell_ambiguous",
            f"{row.where}: {item_key} has {len(_nonblank(values))} values for {len(columns)} columns "
            f"({' | '.join(c.text for c in values)}); left null",
        )
        return
    for col, cell in zip(columns, placed):
        key = f"proactive.{item_key}.{col}"
        amount = key in fk.AMOUNT_COLUMNS
        text = cell.text if cell is not None else ""
        if amount and st.proactive_unit_yuan and text and not re.search(r"元", text):
            text_for_parse = text + "元"
        else:
            text_for_parse = text
        parsed = parse_number(text_for_parse, amount_in_wan=amount)
        note = parsed.note
        if amount and parsed.unit == "万元" and text_for_parse != text:
            note = (note + "; " if note else "") + "header unit 元, converted to 万元"
        elif amount and parsed.unit == "万元" and "元" in text and "万元" not in text:
            note = (note + "; " if note else "") + "printed in 元, converted to 万元"
        _put(st, key, Figure(parsed.value, text, note, row.confidence), row, parsed.problem)


def _store_row(st: _State, prefix: str, columns: tuple[str, ...], values: list[Cell], row: Row, key: str) -> None:
    if prefix + "." + columns[0] in st.figures or any(a.key == key for a in st.ambiguous):
        if prefix + "." + columns[0] in st.figures:
            old = [st.figures[f"{prefix}.{c}"].raw for c in columns]
            placed = _place(values, len(columns), row.aligned)
            new = [c.text if c is not None else "" for c in placed] if placed is not None else None
            if old != new:
                st.repeated_rows += 1
                st.request_warnings.append(Warning(
                    "duplicate_row", f"{row.where}: row {key} printed twice with different values; first kept"))
        return
    candidates = _placements(values, len(columns), row.aligned)
    if len(candidates) != 1:
        n = len(_nonblank(values))
        why = ("which cell is missing cannot be told" if n < len(columns) and candidates
               else "which cell is layout cannot be told" if candidates
               else "more values than columns (a number cut in two?)")
        where = f"{row.where}: row {key} has {n} values for {len(columns)} columns ({' | '.join(c.text for c in values)})"
        if n >= 2 * len(columns) - 1:
            st.repeated_rows += 1  # two rows' values side by side (and perhaps a change column)
        if candidates and prefix == f"requests.{key}":
            st.ambiguous.append(_Ambiguous(key, tuple(tuple(c) for c in candidates), row, f"{where}; {why}"))
        else:
            st.request_warnings.append(Warning("cell_ambiguous", f"{where}; {why}, row left null"))
        return
    _fill_row(st, prefix, columns, candidates[0], row)


def _fill_row(st: _State, prefix: str, columns: tuple[str, ...], placed: tuple[Cell | None, ...] | list[Cell | None],
              row: Row) -> None:
    for col, cell in zip(columns, placed):
        text = cell.text if cell is not None else ""
        parsed = parse_number(text)
        _put(st, f"{prefix}.{col}", Figure(parsed.value, text, parsed.note, row.confidence), row, parsed.problem)


def _store_appeals(st: _State, values: list[Cell], row: Row) -> bool:
    """The 15 numbers of table 四 — in one row, or as 行政复议 (5) then 行政诉讼 (10)."""
    keys = fk.appeal_keys()
    start = st.appeals_filled
    if start >= len(keys):
        return True
    targets = keys[start:]
    placed = _place(values, len(targets), True)  # no labels: every field counts
    if placed is None and start == 0 and st.context == "四":
        placed = _place(values, len(fk.APPEAL_OUTCOMES), True)  # the 行政复议 part alone
        targets = keys[: len(fk.APPEAL_OUTCOMES)]
    if placed is None:
        n = len(_nonblank(values))
        if n >= 10 or (n >= 5 and st.context == "四"):
            st.warn("cell_ambiguous", f"{row.where}: table 四 row has {n} values for {len(targets)} columns; left null")
            st.found.add("四")
            st.appeals_filled = len(keys)
            return True
        return False
    st.found.add("四")
    for key, cell in zip(targets, placed):
        text = cell.text if cell is not None else ""
        parsed = parse_number(text)
        _put(st, key, Figure(parsed.value, text, parsed.note, row.confidence), row, parsed.problem)
    st.appeals_filled = start + len(placed)
    if st.appeals_filled >= len(keys):
        st.context = None
    return True


def _put(st: _State, key: str, figure: Figure, row: Row, problem: str | None) -> None:
    if problem and figure.raw and normalise_cell_text(figure.raw) not in NULL_MARKERS:
        st.warn("cell_unparsed", f"{row.where}: {key} cell {figure.raw!r}: {problem}; left null")
    st.figures[key] = figure


# --- placing values in columns ------------------------------------------------------


def _nonblank(values: list[Cell]) -> list[Cell]:
    return [c for c in values if c.text.strip()]


def _trim(values: list[Cell], n: int, aligned: bool = True) -> list[Cell]:
    """Drop cells that are layout, not values, until at most n remain.

    Grid padding (no cell at all) goes first. In unaligned text, empty fields right
    after the labels are placeholders of merged label cells and always go (`aligned`
    False); in a grid, or in a text row without labels, they are dropped only while
    there are more cells than columns. Surplus empty cells at the end (text rows
    often end in a tab) go last.
    """
    vals = list(values)
    while vals and vals[-1].origin is None and len(vals) > n:
        vals.pop()
    if not aligned:
        while vals and not vals[0].text.strip():
            vals.pop(0)
    while len(vals) > n and vals and not vals[0].text.strip():
        vals.pop(0)
    while len(vals) > n and vals and not vals[-1].text.strip():
        vals.pop()
    return vals


def _place(values: list[Cell], n: int, aligned: bool = True) -> list[Cell | None] | None:
    """Values for n columns in order, or None when their placement is not certain."""
    vals = _trim(values, n, aligned)
    if len(vals) != n:
        return None
    return list(vals)


MAX_PLACEMENTS = 64  # per row; a row with more ways to be read stays null


def _placements(values: list[Cell], n: int, aligned: bool = True) -> list[tuple[Cell | None, ...]]:
    """Every way the row's cells can fill n columns in their printed order: one when the count
    says it (as `_place`); with fewer cells than columns, each choice of the columns the missing
    cells were in; with more, each way of dropping blank cells at the ends."""
    placed = _place(values, n, aligned)
    if placed is not None:
        return [tuple(placed)]
    vals = list(values)
    while vals and vals[-1].origin is None:
        vals.pop()
    if not aligned:
        while vals and not vals[0].text.strip():
            vals.pop(0)
    if not _nonblank(vals):
        return []
    out: list[tuple[Cell | None, ...]] = []
    if len(vals) < n:
        for cols in combinations(range(n), len(vals)):
            slots: list[Cell | None] = [None] * n
            for col, cell in zip(cols, vals):
                slots[col] = cell
            out.append(tuple(slots))
            if len(out) > MAX_PLACEMENTS:
                return []
    else:
        extra = len(vals) - n
        for lead in range(extra + 1):
            dropped = vals[:lead] + vals[lead + n:]
            if not any(c.text.strip() for c in dropped):
                out.append(tuple(vals[lead: lead + n]))
    return out


MAX_COMBINATIONS = 1024  # placements of all ambiguous rows tried together


def _place_by_identities(st: _State, table_format: TableFormat, other_variant: str | None) -> None:
    """Rows that fit their columns in several ways. Every combination of their placements is
    tried against the identities; a cell is placed when every combination under which no
    identity over these rows fails puts the same printed text there, and an identity that holds
    confirms it in each. Other cells of those rows stay null, with `cell_ambiguous`."""
    from ogi.checks import evaluate

    pending, st.ambiguous = st.ambiguous, []
    if not pending:
        return
    if table_format is TableFormat.NONE or prod(len(a.candidates) for a in pending) > MAX_COMBINATIONS:
        for a in pending:
            st.request_warnings.append(Warning("cell_ambiguous", f"{a.why}, row left null"))
        return
    keys = {f"requests.{a.key}.{c}" for a in pending for c in fk.APPLICANTS}
    consistent: list[tuple[tuple[tuple[Cell | None, ...], ...], set[str]]] = []
    for combo in product(*(a.candidates for a in pending)):
        figures = dict(st.figures)
        for a, placed in zip(pending, combo):
            for col, cell in zip(fk.APPLICANTS, placed):
                text = cell.text if cell is not None else ""
                figures[f"requests.{a.key}.{col}"] = Figure(parse_number(text).value, text)
        checks = [c for c in evaluate(figures, table_format, other_variant) if keys & set(c.cells)]
        if not any(c.ok is False for c in checks):
            consistent.append((combo, {k for c in checks if c.ok for k in c.cells}))
    for n, a in enumerate(pending):
        placed: list[Cell | None] = []
        for i, col in enumerate(fk.APPLICANTS):
            key = f"requests.{a.key}.{col}"
            cells = {id(combo[n][i]) for combo, _ in consistent}
            cell = consistent[0][0][n][i] if consistent and len(cells) == 1 else None
            sure = cell is not None and (not cell.text.strip() or parse_number(cell.text).value is None
                                         or all(key in held for _, held in consistent))
            placed.append(cell if sure else None)
        known = [c for c in placed if c is not None]
        if not known:
            why = "no placement makes the identities hold" if not consistent else "the identities do not tell"
            st.request_warnings.append(Warning("cell_ambiguous", f"{a.why}; {why}, row left null"))
            continue
        for col, cell in zip(fk.APPLICANTS, placed):
            if cell is None:
                st.figures[f"requests.{a.key}.{col}"] = Figure(None, None)
            else:
                text = cell.text
                parsed = parse_number(text)
                _put(st, f"requests.{a.key}.{col}", Figure(parsed.value, text, parsed.note, a.row.confidence),
                     a.row, parsed.problem)
        unsure = [col for col, cell in zip(fk.APPLICANTS, placed) if cell is None]
        st.request_warnings.append(Warning(
            "cell_placed_by_identity",
            f"{a.why}; placed where the identities prove it"
            + (f", {', '.join(unsure)} left null" if unsure else "")))


# --- format and completeness ----------------------------------------------------------


def _drop_stray_rows(st: _State) -> None:
    """A lone "同意部分公开答复数" in a pre-2019 statistics table is not table 三.

    A standard table counts as found only with its header or enough of its rows.
    """
    if "三" in st.found and not st.requests_header_seen and len(st.request_rows) < 4:
        st.found.discard("三")
        st.request_rows.clear()
        for key in [k for k in st.figures if k.startswith("requests.")]:
            del st.figures[key]
        st.request_warnings.clear()
        st.ambiguous.clear()
    items = {k.split(".")[1] for k in st.figures if k.startswith("proactive.")}
    if "二" in st.found and not st.proactive_header_seen and len(items) < 2:
        st.found.discard("二")
        for key in [k for k in st.figures if k.startswith("proactive.")]:
            del st.figures[key]


def _decide_format(st: _State, year_hint: int | None) -> TableFormat:
    if not st.found:
        return TableFormat.NONE
    if any(r in st.request_rows for r in fk.OTHER_SUBROWS):
        st.votes_2021 += 1
    if st.votes_2021 > st.votes_2019:
        return TableFormat.F2021
    if st.votes_2019 > st.votes_2021:
        return TableFormat.F2019
    guess = TableFormat.F2021 if (year_hint or 2021) >= 2021 else TableFormat.F2019
    st.warn("format_uncertain", f"table labels do not tell the format; taken as {guess.value} from the year")
    return guess


def _completeness_warnings(st: _State, table_format: TableFormat) -> None:
    expected_rows = list(fk.REQUEST_ROWS_2021 if table_format is TableFormat.F2021 else fk.REQUEST_ROWS_2019)
    if "other" in st.request_rows:
        expected_rows = [r for r in expected_rows if r not in fk.OTHER_SUBROWS]
    elif table_format is TableFormat.F2021:
        expected_rows = [r for r in expected_rows if r != "other"]
    headers = {"二": st.proactive_header_seen, "三": st.requests_header_seen, "四": st.appeals_header_seen}
    for name in ("二", "三", "四"):
        if name not in st.found:
            if headers[name]:  # its header is printed: the table is there, with no values
                st.warn("table_empty", f"table {name} is printed with its header and no values")
            else:
                st.warn("table_incomplete", f"table {name} not found")
    if "三" in st.found:
        missing = [r for r in expected_rows if r not in st.request_rows]
        if missing:
            st.warn("table_incomplete", f"table 三 is incomplete: rows {', '.join(missing)} missing")
        if st.blank_rows and len(st.blank_rows) < len(st.request_rows):
            st.warn("row_blank", f"table 三 rows {', '.join(st.blank_rows)} are printed with every cell blank "
                                 "(null as printed, not missing)")
    if "四" in st.found and st.appeals_filled < len(fk.appeal_keys()):
        st.warn("table_incomplete", "table 四 is incomplete: only the 行政复议 numbers were found")
    if "二" in st.found:
        items = fk.PROACTIVE_2021 if table_format is TableFormat.F2021 else fk.PROACTIVE_2019
        missing_items = [i.key for i in items if not any(k.startswith(f"proactive.{i.key}.") for k in st.figures)]
        if missing_items:
            st.warn("table_incomplete", f"table 二 is incomplete: items {', '.join(missing_items)} missing")
