"""Small text helpers shared by the readers and the metadata logic."""

from __future__ import annotations

import re

_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0\u3000]+(?=[{_CJK}])")
_SPACE_CJK_DIGIT = re.compile(rf"(?<=[{_CJK}])[ \u00a0]+(?=\d)|(?<=\d)[ \u00a0]+(?=[{_CJK}])")


def tidy_line(text: str) -> str:
    """One line of clean text: whitespace collapsed, no layout spaces between CJK characters."""
    text = re.sub(r"[\s\u00a0\u200b\ufeff]+", " ", text).strip()
    return _SPACE_BETWEEN_CJK.sub("", text)


def tidy_title(text: str) -> str:
    """A title as readers expect it: also no spaces between CJK characters and digits."""
    text = tidy_line(text)
    return _SPACE_CJK_DIGIT.sub("", text)
