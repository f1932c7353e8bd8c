"""The audit of the archive's reports: more checks within a report, checks between an agency's
consecutive reports, derived rates, peer comparison and text reuse.

`annotate(reports)` runs over the assembled reports (`ogi.reports.assemble`) when the index is
built and adds ``report["audit"]``:

* ``checks`` — the rules of `ogi.audit_rules` beyond the spec's identities (which stay in
  ``report["checks"]``), each ``{rule, scope, ok, expected, actual, cells, severity, evidence}``;
  cross-year rules are checks of the later report;
* ``failed`` — every rule that failed (the spec's identities too): the ``check`` facet;
* ``checks_ok`` — no ``error`` rule failed (None when nothing could be evaluated);
* ``rates`` — the derived rates (`RATES`), null when a cell is null or the denominator is 0;
* ``peers`` — per rate: the peer group (same year, level, province and city), its size, median,
  this report's percentile and outlier flag — no percentile nor flag under `MIN_PEERS` reports,
  and the entry says so;
* ``reuse`` — share of own words found in last year's report (overall, per section) and the
  highest share found in another agency's report of the same region and year.

Nothing is stored apart from the index: the audit is recomputed whenever the index is built, and
folded into each report's digest so an incremental `ogi index` pushes a report whose audit
changed (last year's report edited, a new peer).
"""

from __future__ import annotations

import hashlib
import json
import re
import statistics
import unicodedata
from typing import Any, Iterable, Mapping, MutableMapping, Sequence

from ogi import figure_keys as fk
from ogi.audit_rules import MIN_PEERS, REUSE_THRESHOLD, severity

Report = MutableMapping[str, Any]

# --- derived rates ---------------------------------------------------------------------------------

DENIED = tuple(r for r in fk.REQUEST_ROWS_2021 if r.startswith("denied_"))
UNABLE = tuple(r for r in fk.REQUEST_ROWS_2021 if r.startswith("unable_"))

# name → (title, numerator keys, denominator keys, what it is)
RATES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], str]] = {
    "rate_disclosure": ("实质公开率", ("requests.granted.total", "requests.partially_granted.total"),
                        ("requests.results_total.total",), "(予以公开 + 部分公开) / 办理结果总计"),
    "rate_review_correction": ("复议纠错率", ("appeals.review.corrected",),
                               ("appeals.review.total", "-appeals.review.pending"), "行政复议 结果纠正 / 已审结"),
    "rate_litigation_correction": (
        "诉讼纠错率", ("appeals.litigation_direct.corrected", "appeals.litigation_after_review.corrected"),
        ("appeals.litigation_direct.total", "-appeals.litigation_direct.pending",
         "appeals.litigation_after_review.total", "-appeals.litigation_after_review.pending"),
        "行政诉讼 结果纠正 / 已审结 (两类诉讼合计)"),
    "rate_carry_forward": ("结转率", ("requests.carried_forward.total",),
                           ("requests.new_received.total", "requests.carried_over.total"),
                           "结转下年度 / (本年新收 + 上年结转)"),
    "rate_unable": ("无法提供占比", tuple(f"requests.{r}.total" for r in UNABLE), ("requests.results_total.total",),
                    "无法提供 (三项合计) / 办理结果总计"),
    "rate_denied": ("不予公开占比", tuple(f"requests.{r}.total" for r in DENIED), ("requests.results_total.total",),
                    "不予公开 (八项合计) / 办理结果总计"),
}


def value(report: Mapping[str, Any], key: str) -> float | None:
    fig = (report.get("figures") or {}).get(key)
    if isinstance(fig, Mapping):
        v = fig.get("value")
    else:
        v = fig
    return None if v is None or isinstance(v, bool) else float(v)


def _sum(report: Mapping[str, Any], keys: Iterable[str]) -> float | None:
    total = 0.0
    for key in keys:
        sign = -1.0 if key.startswith("-") else 1.0
        v = value(report, key.lstrip("-"))
        if v is None:
            return None
        total += sign * v
    return total


def rates(report: Mapping[str, Any]) -> dict[str, float | None]:
    """Every rate of `RATES`; null when a cell is null or the denominator is 0 (never 0, never an error)."""
    out: dict[str, float | None] = {}
    for name, (_, num, den, _) in RATES.items():
        n, d = _sum(report, num), _sum(report, den)
        out[name] = None if n is None or d is None or d <= 0 else round(n / d, 4)
    return out


# --- checks within one report ------------------------------------------------------------------------


def _check(rule: str, scope: str, ok: bool | None, expected: Any = None, actual: Any = None,
           cells: Sequence[str] = (), evidence: str | None = None) -> dict[str, Any]:
    return {"rule": rule, "scope": scope, "ok": ok, "expected": expected, "actual": actual, "cells": list(cells),
            "severity": severity(rule), "evidence": evidence}


def _tidy(v: float | None) -> float | int | None:
    if v is None:
        return None
    return int(v) if float(v).is_integer() else v


_CLAUSE = re.compile(r"[^。；;，,：:\n]+")
_NUM = r"(\d+)\s*(?:件|条|个|宗|起|份|人次)"
_GAP = r"[^。；;，,\d]{0,12}?"
# (key or keys summed, pattern on one clause, words that exclude the clause)
_STATEMENTS: tuple[tuple[tuple[str, ...], re.Pattern[str], tuple[str, ...]], ...] = (
    (("requests.new_received.total",), re.compile(r"(?:新收|收到|受理|接收|共收)[^。；;，,]*?申请" + _GAP + _NUM),
     ("复议", "诉讼", "举报", "投诉", "信访", "12345", "来信", "结转下")),
    (("requests.carried_over.total",), re.compile(r"上(?:一)?年(?:度)?结转" + _GAP + _NUM), ()),
    (("requests.carried_forward.total",), re.compile(r"结转(?:至|到)?下(?:一)?年(?:度)?" + _GAP + _NUM), ()),
    (("requests.results_total.total",), re.compile(r"(?:办结|答复|办理完毕|处理完毕)" + _GAP + _NUM),
     ("复议", "诉讼", "结转下", "上年结转", "率")),
    (("appeals.review.total",), re.compile(r"行政复议" + _GAP + _NUM), ("诉讼",)),
    (("appeals.litigation_direct.total", "appeals.litigation_after_review.total"),
     re.compile(r"行政诉讼" + _GAP + _NUM), ("复议",)),
)
_NONE_STATEMENTS: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    (("requests.new_received.total",), re.compile(r"(?:未|没有)(?:收到|受理)[^。；;，,]*?政府信息公开申请")),
    (("appeals.review.total",), re.compile(r"(?:未|没有)(?:发生|收到|出现|产生)[^。；;，,]*?行政复议")),
    (("appeals.litigation_direct.total", "appeals.litigation_after_review.total"),
     re.compile(r"(?:未|没有)(?:发生|收到|出现|产生)[^。；;，,]*?行政诉讼")),
)


def prose(report: Mapping[str, Any]) -> str:
    """The report's own sentences: its text without table rows (lines with cells), NFKC."""
    lines = (line for line in (report.get("text") or "").splitlines() if "\t" not in line and "|" not in line)
    return unicodedata.normalize("NFKC", "\n".join(lines))


_STATEMENT_WORDS = re.compile(r"申请|结转|办结|答复|办理完毕|处理完毕|复议|诉讼")


def _sentence_of(text: str, start: int) -> str:
    left = max(text.rfind(c, 0, start) for c in "。；;\n") + 1
    ends = [i for i in (text.find(c, start) for c in "。；;\n") if i >= 0]
    return text[left:(min(ends) + 1 if ends else len(text))].strip()


def stated_numbers(report: Mapping[str, Any]) -> list[tuple[tuple[str, ...], float, str]]:
    """(figure keys, number stated, the sentence) for every number the text states about the tables."""
    text = prose(report)
    found: list[tuple[tuple[str, ...], float, str]] = []
    seen: set[tuple[tuple[str, ...], float]] = set()
    for clause in _CLAUSE.finditer(text):
        part = clause.group(0)
        if _STATEMENT_WORDS.search(part) is None:
            continue
        for keys, pattern, excluded in _STATEMENTS:
            m = pattern.search(part)
            if m is None or any(w in part for w in excluded):
                continue
            if keys[0] == "requests.new_received.total" and "申请" not in part:
                continue
            n = float(m.group(1))
            if (keys, n) not in seen:
                seen.add((keys, n))
                found.append((keys, n, _sentence_of(text, clause.start())))
        for keys, pattern in _NONE_STATEMENTS:
            if pattern.search(part) and not re.search(r"\d", part) and (keys, 0.0) not in seen:
                seen.add((keys, 0.0))
                found.append((keys, 0.0, _sentence_of(text, clause.start())))
    return found


def text_vs_table(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    if report.get("table_format") in (None, "none"):
        return []
    checks = []
    for keys, stated, sentence in stated_numbers(report):
        table = _sum(report, keys)
        ok: bool | None = None if table is None else abs(table - stated) < 1e-6
        if ok is False and keys == ("requests.new_received.total",) and "结转" in sentence:
            with_carried = _sum(report, keys + ("requests.carried_over.total",))
            ok = with_carried is not None and abs(with_carried - stated) < 1e-6
        checks.append(_check("text_vs_table", "+".join(keys), ok, _tidy(stated), _tidy(table), keys,
                             f"text: “{sentence[:200]}” — table: {_tidy(table) if table is not None else 'blank'}"))
    return checks


_TOKEN_ANSWERS = {"无", "暂无", "没有", "无问题", "不存在", "略", "无相关情况", "无此项", "无存在的问题", "本年度无"}


def _section(report: Mapping[str, Any], number: int) -> Mapping[str, Any] | None:
    return next((s for s in report.get("sections") or () if int(s.get("number") or 0) == number), None)


def section5(report: Mapping[str, Any]) -> dict[str, Any]:
    sections = report.get("sections") or ()
    if not sections:
        return _check("section5_empty", "sections.5", None, evidence="the report's sections were not found")
    part = _section(report, 5)
    if part is None:
        return _check("section5_empty", "sections.5", False, evidence="no section 五 (存在的主要问题及改进情况)")
    text = unicodedata.normalize("NFKC", part.get("text") or "")
    words = "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")
    token = not words or words in _TOKEN_ANSWERS or len(words) < 15
    return _check("section5_empty", "sections.5", not token, evidence=f"section 五: “{text.strip()[:120]}”"
                  if text.strip() else "section 五 is empty")


_FEE_NONE = re.compile(r"(?:未|没有|不|无|免)(?:收取|收|产生|征收)?(?:任何)?(?:政府)?(?:信息)?(?:处理)?(?:费|收费)|"
                       r"信息处理费[^。；;]*?(?:0|零)(?:\.0+)?元|收取信息处理费[^。；;\d]*?(?:0|零)(?:\.0+)?元")
_FEE_CHARGED = re.compile(r"收取(?:了)?(?:政府信息公开)?信息处理费[^。；;\d]{0,10}?(\d+(?:\.\d+)?)\s*(?:万)?元")


def fee_statement(report: Mapping[str, Any]) -> dict[str, Any]:
    part = _section(report, 6)
    if not report.get("sections"):
        return _check("fee_statement", "sections.6", None, evidence="the report's sections were not found")
    text = unicodedata.normalize("NFKC", (part or {}).get("text") or "")
    charged = _FEE_CHARGED.search(text)
    says_none = _FEE_NONE.search(text) if "费" in text else None
    unpaid = value(report, "requests.other_unpaid_fee.total")
    if charged and float(charged.group(1)) > 0:
        return _check("fee_statement", "sections.6", True, evidence=f"section 六: “{_sentence_of(text, charged.start())}”")
    if says_none:
        sentence = _sentence_of(text, says_none.start())
        if unpaid is not None and unpaid > 0:
            return _check("fee_statement", "sections.6", False, 0, _tidy(unpaid), ("requests.other_unpaid_fee.total",),
                          f"section 六 says “{sentence}” but table 三 counts {_tidy(unpaid)} request(s) ended for a fee "
                          f"notice not paid (申请人逾期未按收费通知要求缴纳费用)")
        return _check("fee_statement", "sections.6", True, evidence=f"section 六: “{sentence}”")
    return _check("fee_statement", "sections.6", False,
                  evidence="section 六 does not say whether 信息处理费 was charged"
                  if part is not None else "no section 六 (其他需要报告的事项)")


_TABLE3_WORDS = ("本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "本年度办理结果", "结转下年度继续办理",
                 "予以公开", "不予公开")
_BLANK_RAW = {"", "/", "-", "—", "－", "无", "不适用", "／"}


def tables(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    fmt = report.get("table_format")
    year = report.get("year")
    if fmt in (None, "none"):
        if year is not None and int(year) < 2019:
            return [_check("tables_missing", "tables", None, evidence=f"{year}: before the standard tables (2019)")]
        text = unicodedata.normalize("NFKC", report.get("text") or "")
        words = [w for w in _TABLE3_WORDS if w in text]
        evidence = ("table 三's rows are printed as text (" + "、".join(words) + ") but no table was read"
                    if len(words) >= 3 else "no standard table found")
        return [_check("tables_missing", "tables", False, evidence=evidence)]
    figures = report.get("figures") or {}
    variant_rows = ("other", *fk.OTHER_SUBROWS)  # （六） as one row or three: one of the two is always blank
    counted = [k for k in fk.all_keys(fk.TableFormat(fmt))
               if not (k.startswith("requests.") and k.split(".")[1] in variant_rows)]
    blank = slash = 0
    for key in counted:
        fig = figures.get(key) or {}
        if fig.get("value") is None:
            blank += 1
            if (fig.get("raw") or "").strip() in _BLANK_RAW - {""}:
                slash += 1
    share = blank / len(counted) if counted else 0.0
    return [_check("tables_mostly_blank", "tables", share <= 0.5, len(counted), blank, (),
                   f"{blank} of {len(counted)} cells blank ({slash} printed as “/”, “—” or 无)")]


def report_checks(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The within-report rules of `ogi.audit_rules` beyond the spec's identities."""
    return [*text_vs_table(report), section5(report), fee_statement(report), *tables(report)]


# --- between consecutive reports of one agency -------------------------------------------------------


def cross_year(this: Mapping[str, Any], last: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Checks of `this` report against last year's (`ogi.checks.cross_year_checks`, and tables
    printed unchanged)."""
    from ogi.checks import cross_year_checks
    from ogi.document import Document

    out: list[dict[str, Any]] = []
    try:
        found = cross_year_checks(Document.from_dict(_as_document(this)), Document.from_dict(_as_document(last)))
    except (KeyError, TypeError, ValueError):
        found = ()
    for c in found:
        if c.rule == "cross_year_carry":
            evidence = (f"{last.get('year')} 结转下年度 {c.scope.rsplit('.', 1)[1]} = {c.expected}; "
                        f"{this.get('year')} 上年结转 = {c.actual}")
        else:
            item = c.scope.split(".")[1]
            evidence = (f"{last.get('year')} 现行有效 {_tidy(value(last, f'proactive.{item}.in_force'))} + 本年制发 "
                        f"{_tidy(value(this, f'proactive.{item}.issued'))} − 本年废止 "
                        f"{_tidy(value(this, f'proactive.{item}.repealed'))} = {c.expected}; printed {c.actual}")
        out.append(_check(c.rule, c.scope, c.ok, c.expected, c.actual, c.cells, evidence))
    if this.get("table_format") not in (None, "none") and this.get("table_format") == last.get("table_format"):
        mine = {k: value(this, k) for k in (this.get("figures") or {})}
        theirs = {k: value(last, k) for k in (last.get("figures") or {})}
        nonzero = [k for k, v in mine.items() if v not in (None, 0.0)]
        same = len(nonzero) >= 10 and all(mine[k] == theirs.get(k) for k in mine if mine[k] is not None) \
            and all(theirs[k] == mine.get(k) for k in theirs if theirs[k] is not None)
        out.append(_check("tables_same_as_last_year", "tables", not same, None, None, (),
                          f"all {sum(v is not None for v in mine.values())} cells equal {last.get('year')}'s"
                          if same else None))
    return out


def _as_document(report: Mapping[str, Any]) -> dict[str, Any]:
    figures = {k: {f: v.get(f) for f in ("value", "raw", "note", "confidence", "verified") if f in v}
               for k, v in (report.get("figures") or {}).items() if isinstance(v, Mapping)}
    return {"id": str(report.get("id")), "url": report.get("url"), "document_url": report.get("document_url") or "",
            "sha256": report.get("sha256") or "", "is_annual_report": True, "not_report_reason": None,
            "title": report.get("title"), "agency": report.get("agency"), "agency_level": None, "region": {},
            "year": report.get("year"), "published_at": None, "format": report.get("format") or "html",
            "table_format": report.get("table_format") or "none", "figures": figures}


# --- peers ---------------------------------------------------------------------------------------------


def peer_key(report: Mapping[str, Any]) -> tuple[Any, ...]:
    region = report.get("region") or {}
    return (report.get("year"), report.get("agency_level"), region.get("province"), region.get("city"))


def peer_group(values: Sequence[float]) -> dict[str, Any]:
    """What `peer_stats` needs of a group, computed once: its values sorted, median and quartiles."""
    ordered = sorted(values)
    out: dict[str, Any] = {"sorted": ordered, "median": statistics.median(ordered) if ordered else None,
                           "q1": None, "q3": None}
    if len(ordered) >= 2:
        out["q1"], _, out["q3"] = statistics.quantiles(ordered, n=4, method="inclusive")
    return out


def peer_stats(v: float | None, values: Sequence[float], min_peers: int = MIN_PEERS,
               reports: int | None = None, group: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """This value among its peer group's `values` (itself included): size, median, percentile
    (share of peers below, ties counted half) and outlier (Tukey's fences: beyond 1.5 × IQR of the
    quartiles), with no percentile nor flag under `min_peers` values — and `note` says so.
    `group` (`peer_group(values)`) saves sorting the values again for every member."""
    import bisect

    group = group or peer_group(values)
    ordered = group["sorted"]
    n = len(ordered)
    out: dict[str, Any] = {"n": n, "reports": n if reports is None else reports,
                           "median": round(group["median"], 4) if group["median"] is not None else None,
                           "percentile": None, "outlier": None, "rated": False, "note": None}
    if v is None:
        out["note"] = "no rate for this report"
        return out
    if n < min_peers:
        out["note"] = f"not rated: {n} report(s) of the peer group have this rate, fewer than {min_peers}"
        return out
    below = bisect.bisect_left(ordered, v)
    equal = bisect.bisect_right(ordered, v) - below
    q1, q3 = group["q1"], group["q3"]
    iqr = q3 - q1
    out.update({"percentile": round(100.0 * (below + 0.5 * equal) / n, 1), "rated": True,
                "q1": round(q1, 4), "q3": round(q3, 4)})
    if v > q3 + 1.5 * iqr:
        out["outlier"] = "high"
    elif v < q1 - 1.5 * iqr:
        out["outlier"] = "low"
    return out


# --- all reports ---------------------------------------------------------------------------------------


def annotate(reports: Sequence[Report], *, min_peers: int = MIN_PEERS, region_reuse: bool = True) -> None:
    """Add ``report["audit"]`` to every report (see the module docstring) and fold it into the digest."""
    from ogi import reuse

    for report in reports:
        report["audit"] = {"checks": report_checks(report), "rates": rates(report), "peers": {},
                           "reuse": {"prev_year": None, "prev_year_id": None, "sections": {}, "region": None}}
    by_agency = reuse.group_by((r for r in reports if r.get("agency_id") and r.get("year")),
                               lambda r: r["agency_id"])
    for group in by_agency.values():
        by_year = {int(r["year"]): r for r in group}
        for year, this in by_year.items():
            last = by_year.get(year - 1)
            if last is None:
                continue
            audit = this["audit"]
            audit["checks"].extend(cross_year(this, last))
            found = reuse.compare(this, last)
            audit["reuse"].update({"prev_year": found["share"], "prev_year_id": last.get("id"),
                                   "sections": found["sections"]})
            if found["share"] is not None:
                audit["checks"].append(_check(
                    "text_reused", "text", found["share"] < REUSE_THRESHOLD, REUSE_THRESHOLD, found["share"], (),
                    f"{found['share']:.0%} of the report's own words (template removed) are in the {last.get('year')} "
                    f"report"))
    for group in reuse.group_by(reports, peer_key).values():
        for name in RATES:
            values = [r["audit"]["rates"][name] for r in group if r["audit"]["rates"][name] is not None]
            stats = peer_group(values)
            for r in group:
                r["audit"]["peers"][name] = peer_stats(r["audit"]["rates"][name], values, min_peers, len(group), stats)
    if region_reuse:
        regions = reuse.group_by((r for r in reports if r.get("year")), lambda r: (
            r.get("year"), (r.get("region") or {}).get("province"), (r.get("region") or {}).get("city")))
        for group in regions.values():
            if len(group) < 2:
                continue
            by_id = {str(r["id"]): r for r in group}
            for rid, found in reuse.region_reuse(group).items():
                by_id[rid]["audit"]["reuse"]["region"] = found
    for report in reports:
        audit = report["audit"]
        every = [*(report.get("checks") or ()), *audit["checks"]]
        audit["failed"] = sorted({c["rule"] for c in every if c.get("ok") is False})
        judged = [c for c in every if c.get("ok") is not None and severity(c["rule"]) == "error"]
        audit["checks_ok"] = all(c["ok"] for c in judged) if judged else None
        audit["outliers"] = sorted(f"{name}:{p['outlier']}" for name, p in audit["peers"].items() if p.get("outlier"))
        blob = json.dumps(audit, ensure_ascii=False, sort_keys=True, default=str)
        report["digest"] = hashlib.sha256(f"{report.get('digest')}|{blob}".encode("utf-8")).hexdigest()
