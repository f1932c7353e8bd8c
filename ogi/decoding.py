"""Bytes → text for HTML and plain-text captures, with the charset recorded."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ogi.document import Warning
from ogi.readers.base import ExtractionError

_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "cp936": "gb18030",
            "utf8": "utf-8", "unicode": "utf-8"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warning: Warning | None = None


def _canonical(name: str) -> str | None:
    name = name.strip().lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    if content_type:
        m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", content_type, re.I)
        if m:
            return _canonical(m.group(1))
    m = _META_CHARSET.search(data[:4096])
    if m:
        return _canonical(m.group(1).decode("ascii", "ignore"))
    return None


def decode(data: bytes, content_type: str | None = None) -> Decoded:
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(data[3:].decode("utf-8", "replace"), "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(data.decode("utf-16", "replace"), "utf-16")
    declared = declared_charset(data, content_type)
    if declared:
        try:
            return Decoded(data.decode(declared), declared)
        except UnicodeDecodeError:
            pass  # the page lies about its charset: fall through to detection
    try:
        text = data.decode("utf-8")
        warning = None
        if declared and declared != "utf-8":
            warning = Warning("encoding_mismatch", f"page declares {declared} but is UTF-8; read as UTF-8")
        return Decoded(text, "utf-8", warning)
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        why = f"declared {declared} does not decode" if declared else "no charset declared"
        return Decoded(text, "gb18030", Warning("encoding_guessed", f"{why}; read as GB18030 (GBK)"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:2_000_000]).best()
    if best is None or best.encoding is None:
        raise ExtractionError("binary or undecodable data: no text encoding fits")
    return Decoded(
        data.decode(best.encoding, "replace"),
        best.encoding,
        Warning("encoding_guessed", f"charset detected as {best.encoding}; some characters may be wrong"),
    )


def looks_binary(data: bytes) -> bool:
    """Control bytes other than whitespace in the first KB: not a text document."""
    head = data[:4096]
    if not head:
        return False
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > 0.05
