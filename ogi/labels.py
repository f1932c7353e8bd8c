"""Normalise printed table labels so that variants of one label compare equal.

Real reports print the same label many ways: full-width or half-width brackets
and digits, spaces inside words ("自然 人", from PDF layout or `<br>`), one
character per line, curly, straight or full-width quotes, 、 or . after numbers.
`norm_label` maps all of them to one compact form used for matching only; the
printed text is kept elsewhere.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({c: "" for c in "\"'“”‘’「」『』〝〞＂＇`´"})
_PUNCT_MAP = str.maketrans({"、": ".", "，": ",", "：": ":", "；": ";", "．": ".", "。": "."})


def norm_label(text: str | None) -> str:
    """Compact, comparable form of a label: NFKC, no whitespace, no quotes, () brackets."""
    if not text:
        return ""
    t = unicodedata.normalize("NFKC", text)
    t = t.translate(_QUOTES).translate(_PUNCT_MAP)
    t = re.sub(r"[\s\u200b\u200c\u200d\ufeff]+", "", t)
    t = t.replace("[", "(").replace("]", ")").replace("【", "(").replace("】", ")")
    return t


_ENUM_PREFIX = re.compile(
    r"^(?:\(?[一二三四五六七八九十]+\)|[一二三四五六七八九十]+[.:]|\(?\d{1,2}\)|\d{1,2}[.:]?(?=\D))"
)


def strip_enum(label: str) -> str:
    """Remove leading enumerations such as "(一)", "一.", "3." from a normalised label."""
    prev = None
    while prev != label:
        prev = label
        label = _ENUM_PREFIX.sub("", label, count=1)
    return label


def enum_prefix(label: str) -> str | None:
    """The first enumeration of a normalised label: "(三)", "三.", "3." or None."""
    m = _ENUM_PREFIX.match(label)
    return m.group(0) if m else None


__all__ = ["norm_label", "strip_enum", "enum_prefix"]
