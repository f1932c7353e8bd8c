"""Text reuse: how much of a report's own words another report already printed.

A report's *own words* are its prose with the standard template taken out: table rows (lines
with cells), the printed labels of the tables and the section headings, the set phrases every
report copies from the template and the instructions, and digits (a number is replaced by ``#``,
so a copy with this year's numbers typed in is still a copy). What remains is cut into
overlapping character shingles (`K` characters).

* Between an agency's consecutive years the share is exact: of this year's shingles, the share
  that last year's report has (per section 一…六 and overall).
* Between agencies of one region and year, candidates are found with MinHash LSH
  (`datasketch`) and the containment is estimated from the MinHash Jaccard and the set sizes.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from typing import Any, Iterable, Mapping, Sequence

from ogi.figure_labels import APPEAL_GROUP, APPEAL_OUTCOME, APPLICANT, PROACTIVE_COLUMN, PROACTIVE_ROW, REQUEST_ROW

K = 6  # characters per shingle
MIN_SHINGLES = 20  # fewer own words than this: no share (a token section is not "copied")
NUM_PERM = 64
LSH_PARAMS = (16, 4)  # bands, rows per band: NUM_PERM = 16 × 4
NUMERALS = "一二三四五六"

# Set phrases of the template and of every report's opening; removed before comparing.
TEMPLATE_PHRASES: tuple[str, ...] = (
    "本报告根据《中华人民共和国政府信息公开条例》", "中华人民共和国政府信息公开条例", "政府信息公开条例",
    "以下简称《条例》", "以下简称条例", "和国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知",
    "政府信息公开工作年度报告", "本报告中所列数据的统计期限自", "本报告所列数据的统计期限自", "年1月1日起至", "年12月31日止",
    "本报告的电子版可在", "如对本报告有任何疑问", "请与", "联系", "编制", "总体情况", "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况",
    "其他需要报告的事项", "以习近平新时代中国特色社会主义思想为指导", "深入贯彻党的二十大精神", "全面贯彻党的二十大精神",
    "认真贯彻落实", "党中央、国务院", "关于政务公开工作的决策部署", "第二十条第（一）项", "第二十条第（五）项",
    "第二十条第（六）项", "第二十条第（八）项", "第二十条第（九）项", "信息内容", "申请人情况", "法人或其他组织",
    "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和",
)
_LABELS = tuple(sorted({*TEMPLATE_PHRASES, *PROACTIVE_ROW.values(), *PROACTIVE_COLUMN.values(), *APPLICANT.values(),
                        *REQUEST_ROW.values(), *APPEAL_GROUP.values(), *APPEAL_OUTCOME.values()}, key=len, reverse=True))
_DROP = re.compile(r"[^\u4e00-\u9fffA-Za-z#]+")


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "")


_LABELS_N = tuple(sorted({_nfkc(x) for x in _LABELS if x}, key=len, reverse=True))


def own_words(text: str) -> str:
    """The prose of `text` without table rows, template labels and phrases, digits as `#`,
    only CJK characters, Latin letters and `#` kept."""
    lines = [line for line in _nfkc(text).splitlines() if "\t" not in line and "|" not in line]
    prose = re.sub(r"[^。\n]*统计期限[^。\n]*", "\n", "\n".join(lines))  # the statistics period sentence
    prose = re.sub(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日", "\n", prose)  # dates (the signature)
    for phrase in _LABELS_N:
        prose = prose.replace(phrase, "\n")
    prose = re.sub(r"\d+(?:\.\d+)?", "#", prose)
    return _DROP.sub("", prose)


def shingles(words: str, k: int = K) -> set[str]:
    if len(words) < k:
        return set()
    return {words[i:i + k] for i in range(len(words) - k + 1)}


def containment(new: set[str], old: set[str]) -> float | None:
    """Share of `new` found in `old`; None when `new` is too small to say."""
    if len(new) < MIN_SHINGLES:
        return None
    return round(len(new & old) / len(new), 4)


def section_texts(report: Mapping[str, Any]) -> dict[str, str]:
    """{"一": text, …} of the report's sections; {"全文": text} when it has none."""
    out: dict[str, str] = {}
    for s in report.get("sections") or ():
        number = int(s.get("number") or 0)
        if 1 <= number <= 6:
            out[NUMERALS[number - 1]] = out.get(NUMERALS[number - 1], "") + "\n" + (s.get("text") or "")
    if not out:
        out["全文"] = report.get("text") or ""
    return out


def report_shingles(report: Mapping[str, Any]) -> tuple[dict[str, set[str]], set[str]]:
    """(shingles per section, shingles of all of it)."""
    per = {name: shingles(own_words(text)) for name, text in section_texts(report).items()}
    whole: set[str] = set()
    for part in per.values():
        whole |= part
    return per, whole


def compare(this: Mapping[str, Any], last: Mapping[str, Any]) -> dict[str, Any]:
    """How much of `this` report's own words `last` report printed: overall and per section
    (a section of `this` compared with the whole of `last`, since parts move between sections)."""
    per, whole = report_shingles(this)
    _, before = report_shingles(last)
    return {"share": containment(whole, before), "shingles": len(whole),
            "sections": {name: containment(s, before) for name, s in per.items()}}


def region_reuse(reports: Sequence[Mapping[str, Any]], *, threshold: float = 0.5) -> dict[str, dict[str, Any]]:
    """For reports of one region and year: each report's highest estimated share of own words
    found in another agency's report, {id: {"share", "other_id", "other_agency"}}; reports with no
    candidate pair are left out. MinHash LSH (Jaccard ≥ `threshold`) finds the candidates."""
    from datasketch import MinHash, MinHashLSH

    signatures: dict[str, tuple[Any, int, Mapping[str, Any]]] = {}
    # bands × rows fixed (16 × 4: the S-curve's midpoint (1/16)^(1/4) = 0.5) instead of datasketch's
    # numerical optimisation, which integrates anew for every LSH made — once per region and year
    lsh = MinHashLSH(num_perm=NUM_PERM, params=LSH_PARAMS) if threshold == 0.5 else \
        MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    for report in reports:
        _, whole = report_shingles(report)
        if len(whole) < MIN_SHINGLES:
            continue
        m = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32)  # deterministic and far faster than SHA-1
        m.update_batch([s.encode("utf-8") for s in whole])
        rid = str(report["id"])
        signatures[rid] = (m, len(whole), report)
        lsh.insert(rid, m)
    out: dict[str, dict[str, Any]] = {}
    for rid, (m, size, report) in signatures.items():
        best: tuple[float, str] | None = None
        for other in lsh.query(m):
            if other == rid:
                continue
            om, osize, oreport = signatures[other]
            if oreport.get("agency_id") == report.get("agency_id"):
                continue
            j = m.jaccard(om)
            share = min(1.0, j * (size + osize) / (1 + j) / size)  # |A∩B| / |A| from the Jaccard
            if best is None or share > best[0]:
                best = (share, other)
        if best is not None:
            other = signatures[best[1]][2]
            out[rid] = {"share": round(best[0], 4), "other_id": best[1], "other_agency": other.get("agency")}
    return out


def group_by(items: Iterable[Mapping[str, Any]], key: Any) -> dict[Any, list[Mapping[str, Any]]]:
    groups: dict[Any, list[Mapping[str, Any]]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups
