"""Split a report into its six parts 一…六 by their headings."""

from __future__ import annotations

import re

from ogi.document import Section, Warning
from ogi.grid import Row
from ogi.labels import norm_label

_NUMERALS = "一二三四五六"
# words that must appear in the heading of each part (any one of them)
_HEADING_WORDS = {
    1: ("总体情况", "概述", "基本情况", "总体", "工作情况"),
    2: ("主动公开",),
    3: ("收到和处理", "依申请", "申请情况", "处理政府信息公开申请"),
    4: ("行政复议", "行政诉讼"),
    5: ("存在的主要问题", "主要问题", "问题及改进", "存在问题", "改进情况"),
    6: ("其他需要报告", "其他事项", "需要报告的事项"),
}
_HEADING = re.compile(r"^[#\s]*([一二三四五六])\s*[、.．:：]\s*(.+)$")


def heading_number(text: str) -> int | None:
    """1..6 when the line is the heading of one of the six parts."""
    m = _HEADING.match(text.strip())
    if not m or len(text) > 60:
        return None
    number = _NUMERALS.index(m.group(1)) + 1
    rest = norm_label(m.group(2))
    if any(w in rest for w in _HEADING_WORDS[number]):
        return number
    return None


def split_sections(rows: list[Row]) -> tuple[tuple[Section, ...], list[Warning]]:
    sections: list[Section] = []
    current: tuple[int, str] | None = None
    lines: list[str] = []
    last_number = 0

    def close() -> None:
        if current is not None:
            sections.append(Section(current[0], current[1], "\n".join(lines).strip()))

    for row in rows:
        text = row.text
        number = heading_number(text) if not row.is_table_row else None
        if number is not None and number > last_number:
            close()
            current = (number, re.sub(r"^[#\s]+", "", text).strip())
            lines = []
            last_number = number
            continue
        if current is not None:
            lines.append(text.strip("\t") if row.is_table_row else text)
    close()
    warnings: list[Warning] = []
    found = [s.number for s in sections]
    if found and found != list(range(1, 7)):
        missing = [f"{_NUMERALS[n - 1]}" for n in range(1, 7) if n not in found]
        if missing:
            warnings.append(Warning("sections_missing", f"no heading found for part(s) {'、'.join(missing)}"))
    return tuple(sections), warnings
