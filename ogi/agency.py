"""Agency identity: which body a report is *of*, however its name was printed.

The reporting body is the one named in the report's title (or its opening sentence); the
发布机构 printed beside it is the *publisher* (a government's report is usually published by
its 办公室). A name is normalised (NFKC, no spaces, no quotes), a bare place ("攸县2022年…")
means that place's people's government, and the region is resolved from the name first and
the source's configured region second (a township or a department printed without its
county is placed by the portal it was found on, and the identity says so).

The id is the division code plus the name with the region's own names stripped from its
front: "湛江市坡头区人民政府", "坡头区人民政府" and "坡头区 人民政府" are all
``440804:人民政府``; "攸县财政局" on 攸县's portal and "财政局" printed alone there are both
``430223:财政局``. A sources file may pin a printed name to another (a renamed or merged
county, an abbreviation): ``agency_aliases: {旧名: 新名}``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

from ogi.divisions import get_divisions, short_names
from ogi.document import Region
from ogi.region import resolve_region
from ogi.report_meta import _AGENCY_SUFFIX, agency_from_title, agency_level

_QUOTES = re.compile(r"[《》〈〉“”\"'‘’「」『』【】\s]")
_OFFICE = re.compile(r"^(?P<gov>.+?(?:人民政府|政府))(?:办公室|办公厅)$")
_OPENING = re.compile(
    r"(?:^|[,，。:：;；\n])(?:现(?:将|公布|发布)?|特)?(?:(?:19|20)\d\d\s*年度?)?\s*"
    r"(?P<name>[^,，。:：;；\n\s（(]{2,30}?(?:人民政府|政府|办事处|委员会|管委会|局|厅|委|办|署|院|中心))"
    r"\s*(?:(?:19|20)\d\d\s*年度?)?\s*(?:政府信息公开|政务公开)(?:工作)?年度报告"
)
_AFTER_YEAR = re.compile(r"^(?:19|20)\d\d年度?(?P<name>[^,，。:：;；\d]{2,40}?)(?:政府信息公开|政务公开|信息公开)")
# words that show a captured 发布机构/source field is not an agency at all
_NOT_AGENCY = re.compile(r"^(本网|本站|网站|门户|来源|原创|转载|信息公开)")


def normalise_name(name: str | None) -> str:
    """NFKC, no whitespace (ideographic spaces included), no quotes or brackets around it."""
    if not name:
        return ""
    return _QUOTES.sub("", unicodedata.normalize("NFKC", name))


@dataclass(frozen=True)
class AgencyIdentity:
    """Who a report is of: a stable id, the name, level and region, and how they were found."""

    id: str | None  # "<division code>:<name without its region's names>", None when no body is known
    name: str | None  # the reporting body as printed (normalised), e.g. "攸县人民政府"
    level: str | None  # AgencyLevel value
    region: Region
    publisher: str | None  # 发布机构 as printed (normalised), when there is one
    aliases: tuple[str, ...]  # other printed names of the same body on this report (its office as publisher …)
    evidence: tuple[str, ...]  # how the body and its region were decided, in words
    region_from_source: bool = False  # only the source's configured region placed it


def _place_government(name: str) -> str | None:
    """"攸县" → "攸县人民政府", "锦和镇" → "锦和镇人民政府", "城关街道" → "城关街道办事处";
    None when the name is not a bare division name."""
    data = get_divisions()
    if name in data.full or name in data.short:
        if name.endswith("街道"):
            return name + "办事处"
        return name + "人民政府"
    return None


def reporting_body(title: str | None, text: str | None) -> tuple[str | None, str | None]:
    """(name, where) of the body a report is of: its title, else its opening sentence."""
    t = normalise_name(title)
    name = agency_from_title(t) if t else None
    if not name and t:  # "2019年上海市人民政府办公厅政府信息公开工作年度报告": the body after the year
        m = _AFTER_YEAR.match(t)
        name = m.group("name") if m and (_AGENCY_SUFFIX.search(m.group("name"))
                                         or _place_government(m.group("name"))) else None
        if name in ("政府", "人民政府", "本机关", "本单位"):
            name = None
    if name:
        name = normalise_name(name)
        return (_place_government(name) or name), "title"
    opening = unicodedata.normalize("NFKC", (text or "")[:400])
    m = _OPENING.search(opening)
    if m:
        name = normalise_name(m.group("name"))
        return (_place_government(name) or name), "opening sentence"
    return None, None


@lru_cache(maxsize=65536)
def _strip_region(name: str, code: str | None) -> str:
    """The name without the names of its region (official or short forms) at its front."""
    if not code:
        return name
    data = get_divisions()
    division = data.by_code.get(code)
    if division is None:
        return name
    names: set[str] = set()
    for d in data.paths.get(code, (division,)):
        names.add(d.name)
        names.update(short_names(d.name, d.level))
    ordered = sorted(names, key=len, reverse=True)
    out = name
    changed = True
    while changed:
        changed = False
        for n in ordered:
            if out.startswith(n) and len(out) > len(n):
                out = out[len(n):]
                changed = True
                break
    return out


def agency_id(name: str, region: Region) -> str:
    return f"{region.code or '-'}:{_strip_region(name, region.code)}"


def identify(
    *,
    title: str | None,
    text: str | None,
    printed_agency: str | None,
    publisher: str | None = None,
    source_region: str | None = None,
    source_name: str | None = None,
    pins: Mapping[str, str] | None = None,
) -> AgencyIdentity:
    """The identity of the body a report is of (see the module's docstring).

    `printed_agency` is what extraction recorded as the agency (发布机构, signature …);
    `publisher` the 发布机构 when known separately.
    """
    pins = {normalise_name(k): normalise_name(v) for k, v in (pins or {}).items()}
    evidence: list[str] = []
    name, where = reporting_body(title, text)
    printed = normalise_name(printed_agency)
    if printed and _NOT_AGENCY.match(printed):
        printed = ""
    pub = normalise_name(publisher) or printed or None
    if name is None and printed:
        name, where = (_place_government(printed) or printed), "发布机构 or signature"
        office = _OFFICE.match(name)
        if office:  # "X人民政府办公室" published a report that names no body: still the office
            evidence.append("the report names no body; the printed 发布机构 is taken as it is")
    if name and name in pins:
        evidence.append(f"{name} pinned to {pins[name]} by the sources file")
        name = pins[name]
    if not name:
        return AgencyIdentity(None, None, None, Region(), pub, (), ("no reporting body printed",))
    evidence.insert(0, f"body named in the {where}")
    aliases: list[str] = []
    for other in {printed, normalise_name(publisher)} - {"", name}:
        office = _OFFICE.match(other)
        same = other == name or (office and office.group("gov") == name)
        if not same and other.endswith(name):  # "湛江市坡头区人民政府" vs "坡头区人民政府"
            same = True
        if not same and name.endswith(other) and len(other) >= 4:
            same = True
        if same:
            aliases.append(other)

    own = resolve_region(name, title)
    region, from_source = own.region, False
    if source_region:
        narrowed = resolve_region(name, title, source_region)
        if own.region.level is None or own.ambiguous:
            if narrowed.region.level is not None and not narrowed.ambiguous:
                region = narrowed.region
            else:  # the name alone ("财政局", an ambiguous township) gives nothing the source can narrow
                candidates = [c for c in own.candidates if _within(c, source_region)]
                if len(candidates) == 1:
                    region = candidates[0]
                elif own.region.level is None:
                    region = resolve_region(source_region).region
            if region.level is not None and region != own.region:
                from_source = True
                evidence.append(f"region {region.code} from the source{f' {source_name}' if source_name else ''}'s "
                                f"configured region ({source_region}): the report's name alone "
                                + ("fits several divisions" if own.ambiguous else "names no division"))
        elif narrowed.region.code and narrowed.region.code != own.region.code and _descends(narrowed.region, own.region):
            region, from_source = narrowed.region, True  # "城关镇" named, the source's county decides which one
            evidence.append(f"region {region.code} narrowed by the source's configured region ({source_region})")
    if region.level is not None and not from_source:
        evidence.append(f"region {region.code} from the name")
        evidence.extend(own.evidence)  # a 新区/开发区 placed under the division that administers it
    level = agency_level(name, region)
    return AgencyIdentity(agency_id(name, region), name, level.value if level else None, region, pub,
                          tuple(sorted(aliases)), tuple(evidence), from_source)


def _descends(child: Region, parent: Region) -> bool:
    data = get_divisions()
    if not child.code or not parent.code:
        return False
    return any(d.code == parent.code for d in data.paths.get(child.code, ()))


@lru_cache(maxsize=4096)
def _source_code(source_region: str) -> str | None:
    return resolve_region(source_region).region.code


def _within(region: Region, source_region: str) -> bool:
    code = _source_code(source_region)
    return bool(code) and (region.code == code or _descends(region, Region(code=code)))


__all__ = ["AgencyIdentity", "identify", "normalise_name", "reporting_body", "agency_id"]
