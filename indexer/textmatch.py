"""What "a report contains the query" means, and the highlighted snippet that shows it.

Chinese has no spaces and PDF layouts put spaces inside words ("纠 正"), so matching is
done on a normalised form: NFKC (full-width digits and letters become ASCII), lower case,
whitespace removed. Punctuation is kept, so "纠。正" does not contain "纠正". The embedded
index tokenises this normalised form one character per token, which makes a phrase query
an exact substring test; `contains` is the reference the tests and benchmark check it by.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# joins the title and the text in the searchable content; never produced by normalise()
SEPARATOR = "\u241e"
# marks a highlighted span in a raw snippet until it is escaped into HTML
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    if ch.isspace() or ch in (SEPARATOR, MARK_OPEN, MARK_CLOSE):
        return ""
    out = unicodedata.normalize("NFKC", ch).lower()
    return "".join(c for c in out if not c.isspace())


# Blocks where nearly all Chinese report text lives: ASCII and Latin, general punctuation, CJK
# symbols and punctuation, CJK ideographs, full-width forms. Text made only of them is folded
# by replacing each distinct character that folding changes (full-width punctuation, capitals,
# whitespace) by its `_fold_char`, in C: the same string as folding every character, since
# what they fold to is already folded (checked when the patterns are built; ideographs are
# their own folding, which tests/test_textmatch.py checks for every one of them).
_FAST_BLOCKS = ((0x0000, 0x024F), (0x2000, 0x206F), (0x2100, 0x218F), (0x2460, 0x24FF), (0x3000, 0x303F),
                (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xFF01, 0xFF5E), (0xFFE0, 0xFFE6))
_IDEOGRAPHS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))


@lru_cache(maxsize=1)
def _fast_patterns() -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """(text made only of the fast blocks, one character there that folding changes), or None
    when some character folds to one that folds again (then every text takes the slow path)."""
    changed = [chr(p) for lo, hi in _FAST_BLOCKS if (lo, hi) not in _IDEOGRAPHS for p in range(lo, hi + 1)
               if _fold_char(chr(p)) != chr(p)]
    if any(_fold_char(c) != c for ch in changed for c in _fold_char(ch)):
        return None
    ranges = "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in _FAST_BLOCKS)
    return re.compile(f"[{ranges}]*"), re.compile("[" + "".join(re.escape(c) for c in changed) + "]")


def normalise(text: str) -> str:
    """The form text is matched in: NFKC, lower case, no whitespace, each character folded on
    its own (`_fold_char`)."""
    if text.isascii():
        return "".join(text.lower().split())
    patterns = _fast_patterns()
    if patterns is not None and patterns[0].fullmatch(text):
        for ch in set(patterns[1].findall(text)):
            text = text.replace(ch, _fold_char(ch))
        return text
    return "".join(_fold_char(ch) for ch in text)


def searchable(title: str | None, text: str | None) -> str:
    """The one field searched: normalised title and text, kept apart by SEPARATOR."""
    return normalise(title or "") + SEPARATOR + normalise(text or "")


def contains(title: str | None, text: str | None, phrase: str) -> bool:
    """True when the report's title or text contains `phrase` (both normalised)."""
    needle = normalise(phrase)
    return bool(needle) and needle in searchable(title, text)


@dataclass(frozen=True)
class _Folded:
    text: str  # normalised
    origin: tuple[int, ...]  # for each normalised char, the index of the original char


def _folded(text: str) -> _Folded:
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for c in _fold_char(ch):
            chars.append(c)
            origin.append(i)
    return _Folded("".join(chars), tuple(origin))


def strip_marks(text: str) -> str:
    """Text without the two highlight characters (a crawled page may contain them)."""
    return text.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")


def snippet(text: str, phrases: list[str], *, width: int = 120, max_parts: int = 2) -> str:
    """A short passage of `text` around the first matches, highlights as MARK_OPEN/CLOSE."""
    text = strip_marks(text or "")
    needles = [n for n in (normalise(p) for p in phrases) if n]
    if not needles:
        return _clip(text, 0, width)
    spans = _spans_fast(text, needles)
    if spans is None and not unicodedata.is_normalized("NFKC", text):  # full-width forms etc.: fold first
        norm = normalise(text)  # fast; the per-character map below only when a needle is in the text
        present = [needle for needle in needles if needle in norm]
        if not present:
            spans = []
        elif _one_to_one(text):  # each character folds to one or none: a regex of foldings is exact
            spans = _spans_fast(text, present, _equivalents())
        if spans is None:  # a form folding to several characters (㈠ is (一)): fold it all
            folded = _folded(text)
            spans = []
            for needle in present:
                for m in re.finditer(re.escape(needle), folded.text):
                    spans.append((folded.origin[m.start()], folded.origin[m.end() - 1] + 1))
                    if len(spans) > 50:
                        break
    if not spans:  # the match is in the title only
        return _clip(text, 0, width)
    spans = _merge(sorted(spans))
    parts: list[str] = []
    used_until = -1
    for start, end in spans:
        if len(parts) >= max_parts:
            break
        if start < used_until:
            continue
        lo = max(0, start - width // 3)
        hi = min(len(text), lo + width)
        inside = [(s, e) for s, e in spans if s >= lo and e <= hi]
        piece = []
        pos = lo
        for s, e in inside:
            piece.append(text[pos:s] + MARK_OPEN + text[s:e] + MARK_CLOSE)
            pos = e
        piece.append(text[pos:hi])
        body = " ".join("".join(piece).split())
        parts.append(("…" if lo > 0 and not parts else "") + body + ("…" if hi < len(text) else ""))
        used_until = hi
    return " ".join(parts)


@lru_cache(maxsize=1)
def _equivalents() -> dict[str, str]:
    """For a folded character, the characters of the common blocks that fold to it alone (，for ,)."""
    out: dict[str, str] = {}
    for lo, hi in _FAST_BLOCKS:
        if (lo, hi) in _IDEOGRAPHS:
            continue
        for p in range(lo, hi + 1):
            folded = _fold_char(chr(p))
            if len(folded) == 1 and folded != chr(p):
                out[folded] = out.get(folded, "") + chr(p)
    return out


def _one_to_one(text: str) -> bool:
    """True when every character of `text` is of the common blocks and folds to at most one character."""
    patterns = _fast_patterns()
    return patterns is not None and patterns[0].fullmatch(text) is not None and _multiple().search(text) is None


@lru_cache(maxsize=1)
def _multiple() -> re.Pattern[str]:
    """A character of the common blocks that folds to several (㈠ is (一), … is ...)."""
    chars = [chr(p) for lo, hi in _FAST_BLOCKS if (lo, hi) not in _IDEOGRAPHS for p in range(lo, hi + 1)
             if len(_fold_char(chr(p))) > 1]
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


def _char_pattern(c: str, equivalents: dict[str, str] | None) -> str:
    more = equivalents.get(c) if equivalents else None
    return f"[{re.escape(c + more)}]" if more else re.escape(c)


def _spans_fast(text: str, needles: list[str],
                equivalents: dict[str, str] | None = None) -> list[tuple[int, int]] | None:
    """Spans of every needle in the raw text, whitespace allowed between characters (and, with
    `equivalents`, a full-width form for its folding); None if one is missing."""
    spans: list[tuple[int, int]] = []
    for needle in needles:
        pattern = re.compile(r"\s*".join(_char_pattern(c, equivalents) for c in needle), re.IGNORECASE)
        found = [(m.start(), m.end()) for _, m in zip(range(50), pattern.finditer(text))]
        if not found:
            return None
        spans += found
    return spans


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _clip(text: str, start: int, width: int) -> str:
    body = " ".join(text[start:start + width].split())
    return body + ("…" if len(text) > start + width else "")


def snippet_html(raw: str) -> str:
    """Escape a raw snippet for HTML and turn its marks into <mark> elements."""
    return html.escape(raw).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")


def snippet_plain(raw: str, open_: str = "【", close: str = "】") -> str:
    return raw.replace(MARK_OPEN, open_).replace(MARK_CLOSE, close)
