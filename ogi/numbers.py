"""Parse a table cell as printed into a number, keeping what is not the number."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Cells that mean "not applicable" / "nothing": the spec makes them null, not 0.
NULL_MARKERS = frozenset({"", "/", "／", "\\", "—", "——", "–", "-", "－", "─", "无", "不适用", "空", "/-", "--", "——/", "×"})

_UNITS = ("万元", "千元", "元", "件", "条", "项", "个", "次", "人", "人次", "份", "宗", "起", "家")
_NUMBER = re.compile(
    r"""
    (?P<sign>[-−－+]?)\s*
    (?P<int>\d{1,3}(?:,\d{3})+|\d+)
    (?:\.(?P<frac>\d+))?
    \s*(?P<unit>万元|千元|元|件|条|项|个|人次|人|次|份|宗|起|家)?
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class ParsedNumber:
    value: int | float | None
    raw: str
    note: str | None = None
    unit: str | None = None
    problem: str | None = None  # why a non-empty cell gave no number


def normalise_cell_text(text: str) -> str:
    """NFKC (full-width digits and signs → ASCII), collapse whitespace."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u00a0", " ").replace("\u3000", " ")
    return re.sub(r"\s+", " ", text).strip()


def parse_number(raw: str | None, *, amount_in_wan: bool = False) -> ParsedNumber:
    """Parse one cell. `amount_in_wan`: the column is in 万元, so a 元 amount is converted."""
    if raw is None:
        return ParsedNumber(None, "")
    text = normalise_cell_text(raw)
    if text in NULL_MARKERS:
        return ParsedNumber(None, raw)
    compact = re.sub(r"(?<!\d) | (?!\d)", "", text)  # keep only spaces between two digits
    # "1 234" printed with a space as thousands separator, or digits spaced out by layout
    if re.fullmatch(r"[-−+]?\d{1,3}( \d{3})+(\.\d+)?", text):
        compact_num = text.replace(" ", "")
        return _finish(raw, compact_num, "", amount_in_wan)
    match = _NUMBER.match(compact)
    if not match:
        return ParsedNumber(None, raw, note=text, problem="no number in cell")
    rest = compact[match.end():]
    note = _clean_note(rest)
    if rest.startswith(" "):
        return ParsedNumber(None, raw, note=text, problem="more than one number in cell")
    if note is not None and re.match(r"^[\d.,]", note):
        # "12 34" or "1.2.3": two numbers in one cell — never guess which one is meant
        return ParsedNumber(None, raw, note=text, problem="more than one number in cell")
    return _finish(raw, match.group(0), note or "", amount_in_wan)


def _finish(raw: str, number_text: str, note: str, amount_in_wan: bool) -> ParsedNumber:
    m = _NUMBER.fullmatch(number_text.strip())
    if m is None:  # spaced thousands form, already digits only
        m = _NUMBER.fullmatch(number_text.replace(" ", ""))
    assert m is not None
    sign = -1 if m.group("sign") in ("-", "−", "－") else 1
    int_part = m.group("int").replace(",", "")
    frac = m.group("frac")
    unit = m.group("unit")
    value: int | float
    if frac:
        value = sign * float(f"{int_part}.{frac}")
    else:
        value = sign * int(int_part)
    if unit in ("元", "千元") and amount_in_wan:
        divisor = 10000 if unit == "元" else 10
        value = round(value / divisor, 6)
        if float(value).is_integer():
            value = int(value)
        note_out = note or None
        return ParsedNumber(value, raw, note=note_out, unit="万元", problem=None)
    return ParsedNumber(value, raw, note=note or None, unit=unit)


def _clean_note(rest: str) -> str | None:
    rest = rest.strip()
    if not rest:
        return None
    # "（其中修订16件）" → "其中修订16件"
    stripped = rest
    if stripped[0] in "(（[【" and stripped[-1] in ")）]】":
        stripped = stripped[1:-1].strip()
    return stripped or None


def looks_numeric(text: str | None) -> bool:
    """True for a cell that is a number, a null marker or empty — a value cell, not a label."""
    if text is None:
        return True
    t = normalise_cell_text(text)
    if t in NULL_MARKERS:
        return True
    compact = re.sub(r"(?<!\d) | (?!\d)", "", t)
    m = _NUMBER.match(compact)
    if not m:
        return False
    rest = compact[m.end():]
    return not rest or bool(re.fullmatch(r"[(（].*[)）]", rest))


__all__ = ["ParsedNumber", "parse_number", "looks_numeric", "normalise_cell_text", "NULL_MARKERS"]
