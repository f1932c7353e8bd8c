"""Small text helpers shared by the readers and the metadata logic."""

from __future__ import annotations

import re
import unicodedata

_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0\u3000]+(?=[{_CJK}])")
_SPACE_CJK_DIGIT = re.compile(rf"(?<=[{_CJK}])[ \u00a0]+(?=\d)|(?<=\d)[ \u00a0]+(?=[{_CJK}])")
# Kangxi radicals (U+2F00–U+2FD5) and CJK compatibility ideographs look like the common
# characters and are what some PDF fonts (Chromium's subsets among them) map glyphs to:
# "政府信息公开⼯作" must read and search as "政府信息公开工作"
_LOOKALIKES = {cp: unicodedata.normalize("NFKC", chr(cp))
               for cp in [*range(0x2F00, 0x2FD6), *range(0xF900, 0xFB00)]
               if unicodedata.normalize("NFKC", chr(cp)) != chr(cp)}
# radicals of the supplement that stand alone as characters (Unicode's EquivalentUnifiedIdeograph)
_LOOKALIKES.update({ord(r): c for r, c in zip("⺠⺟⻄⻅⻆⻉⻋⻓⻔⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳",
                                             "民母西见角贝车长门青韦页风飞食马骨鬼鱼鸟卤麦黄黾齐齿龙龟")})


def unify_cjk(text: str) -> str:
    """Kangxi radicals and compatibility ideographs as the unified ideographs they stand for."""
    return text.translate(_LOOKALIKES)


def tidy_line(text: str) -> str:
    """One line of clean text: whitespace collapsed, no layout spaces between CJK characters,
    look-alike radicals as the characters they stand for."""
    text = unify_cjk(text)
    text = re.sub(r"[\s\u00a0\u200b\ufeff]+", " ", text).strip()
    return _SPACE_BETWEEN_CJK.sub("", text)


def tidy_title(text: str) -> str:
    """A title as readers expect it: also no spaces between CJK characters and digits."""
    text = tidy_line(text)
    return _SPACE_CJK_DIGIT.sub("", text)
