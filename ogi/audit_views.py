"""The audit read back from the index: one agency year on year, rankings of a peer group, the
region roll-up. The web app (`ogi.web.audit_pages`) and the CLI (`ogi agency`, `ogi rankings`,
`ogi rollup`) call these same functions."""

from __future__ import annotations

import csv
import io
import statistics
from typing import Any, Iterable, Mapping

from ogi.indexer.fields import RATE_FIELDS, fields
from ogi.indexer.query import Query, QueryError, all_of, equals
from ogi.indexer.record import figure_values
from ogi.audit import RATES
from ogi.audit_rules import MIN_PEERS, RULES, severity

KEY_FIGURES: tuple[tuple[str, str], ...] = (
    ("requests.new_received.total", "本年新收申请"),
    ("requests.carried_over.total", "上年结转"),
    ("requests.results_total.total", "办理结果总计"),
    ("requests.granted.total", "予以公开"),
    ("requests.partially_granted.total", "部分公开"),
    ("requests.carried_forward.total", "结转下年度"),
    ("appeals.review.total", "行政复议"),
    ("appeals.litigation_direct.total", "行政诉讼 未经复议"),
    ("appeals.litigation_after_review.total", "行政诉讼 复议后"),
    ("proactive.rules.in_force", "规章 现行有效"),
    ("proactive.normative_documents.in_force", "行政规范性文件 现行有效"),
    ("proactive.licensing.decisions", "行政许可"),
    ("proactive.penalty.decisions", "行政处罚"),
)
CROSS_YEAR_RULES = tuple(r.name for r in RULES if r.scope == "cross_year")
REGION_LEVELS = ("province", "city", "county")


def rate_title(name: str) -> str:
    return RATES[name][0] if name in RATES else name


def rule_title(name: str) -> str:
    return next((r.title for r in RULES if r.name == name), name)


def _records(backend: Any, node: Any) -> list[dict[str, Any]]:
    return [dict(r) for r in backend.iter_records(Query(filter=node))]


def _change(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else round(now - before, 4)


def agency_view(backend: Any, agency_id: str) -> dict[str, Any] | None:
    """Every year's key figures and rates side by side with the change from the year before, and the
    cross-year checks of each later report; None for an agency the index does not know."""
    records = sorted(_records(backend, equals("agency_id", agency_id)), key=lambda r: r.get("year") or 0)
    if not records:
        return None
    last = records[-1]
    years = []
    for r in records:
        audit = r.get("audit") or {}
        years.append({"year": r.get("year"), "id": r["id"], "title": r.get("title"), "checks_ok": r.get("checks_ok"),
                      "failed": list(r.get("check") or ()), "reuse_prev_year": r.get("reuse_prev_year"),
                      "url": r.get("url"), "sha256": r.get("sha256"), "captured_at": r.get("captured_at"),
                      "outliers": list(audit.get("outliers") or ())})

    def rows(items: Iterable[tuple[str, str]], get: Any) -> list[dict[str, Any]]:
        out = []
        for key, title in items:
            values = [get(r, key) for r in records]
            changes: list[float | None] = [None]
            for i in range(1, len(records)):
                consecutive = (records[i].get("year") or 0) - (records[i - 1].get("year") or 0) == 1
                changes.append(_change(values[i], values[i - 1]) if consecutive else None)
            out.append({"key": key, "title": title, "values": values, "changes": changes})
        return out

    cross = []
    for r in records:
        for c in (r.get("audit") or {}).get("checks") or ():
            if c.get("rule") in ("cross_year_carry", "cross_year_in_force"):
                cross.append({**c, "year": r.get("year"), "report_id": r["id"]})
    return {
        "agency_id": agency_id, "agency": last.get("agency"), "agency_level": last.get("agency_level"),
        "region": {k: last.get(k) for k in ("province", "city", "county", "township")},
        "aliases": last.get("agency_aliases") or [], "years": years,
        "figures": rows(KEY_FIGURES, lambda r, k: figure_values(r).get(k)),
        "rates": rows(((n, rate_title(n)) for n in RATE_FIELDS), lambda r, k: r.get(k)),
        "cross_year_checks": cross,
        "cross_year_failed": [c for c in cross if c.get("ok") is False],
    }


def _field(by: str) -> str:
    if by in RATE_FIELDS:
        return by
    name = by if by.startswith("figures.") else "figures." + by
    if name not in fields():
        raise QueryError(f"cannot rank by {by[:60]!r}: a rate ({', '.join(RATE_FIELDS)}) or a figure key")
    return name


def rankings(backend: Any, by: str = "rate_disclosure", *, level: str | None = None, province: str | None = None,
             city: str | None = None, county: str | None = None, year: int | None = None, order: str = "desc",
             min_peers: int = MIN_PEERS) -> dict[str, Any]:
    """Agencies of one level in one region (and year: the latest when not given) ranked by a rate or
    a figure: rank (ties share one), percentile in this group, the group's median and outlier
    flags — none under `min_peers` ranked reports, and `note` says so. Reports without the value
    are listed after, unranked."""
    name = _field(by)
    if order not in ("asc", "desc"):
        raise QueryError("order must be asc or desc")
    base = [equals(k, v) for k, v in (("agency_level", level), ("province", province), ("city", city),
                                      ("county", county)) if v]
    if year is None:
        years = [r.get("year") for r in backend.iter_records(Query(filter=all_of(*base)), ["year"]) if r.get("year")]
        year = max(years) if years else None
    node = all_of(*base, equals("year", str(year)) if year is not None else None)
    records = _records(backend, node)
    def get(r: Mapping[str, Any]) -> Any:
        return r.get(name)

    ranked = [r for r in records if get(r) is not None]
    unranked = [r for r in records if get(r) is None]
    ranked.sort(key=lambda r: (-get(r) if order == "desc" else get(r), r.get("agency") or ""))
    values = [float(get(r)) for r in ranked]
    n = len(values)
    rated = n >= min_peers
    q1 = q3 = None
    if rated:
        q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    rows = []
    for r in ranked:
        v = float(get(r))
        better = sum(1 for x in values if (x > v if order == "desc" else x < v))
        below = sum(1 for x in values if x < v)
        equal = sum(1 for x in values if x == v)
        outlier = None
        if rated and q1 is not None and q3 is not None:
            iqr = q3 - q1
            outlier = "high" if v > q3 + 1.5 * iqr else "low" if v < q1 - 1.5 * iqr else None
        rows.append({"rank": better + 1, "id": r["id"], "agency": r.get("agency"), "agency_id": r.get("agency_id"),
                     "year": r.get("year"), "value": v,
                     "percentile": round(100.0 * (below + 0.5 * equal) / n, 1) if rated else None,
                     "outlier": outlier, "checks_ok": r.get("checks_ok"), "failed": list(r.get("check") or ())})
    return {"by": name, "title": rate_title(name) if name in RATE_FIELDS else name.removeprefix("figures."),
            "level": level, "province": province, "city": city, "county": county, "year": year, "order": order,
            "n": n, "median": round(statistics.median(values), 4) if values else None, "rated": rated,
            "min_peers": min_peers,
            "note": None if rated else f"{n} report(s) with a value, fewer than {min_peers}: no percentile or outlier flag",
            "rows": rows,
            "unranked": [{"id": r["id"], "agency": r.get("agency"), "agency_id": r.get("agency_id")} for r in unranked]}


def rollup(backend: Any, level: str = "city", *, year: int | None = None, province: str | None = None,
           city: str | None = None) -> list[dict[str, Any]]:
    """Per region (at `level`) and year: reports, reports failing an error rule, failures per rule,
    and coverage — agencies of the region that published the year before and not this year are
    counted as missing (the index's own notion of who should have published)."""
    if level not in REGION_LEVELS:
        raise QueryError(f"level must be one of {', '.join(REGION_LEVELS)}")
    base = [equals(k, v) for k, v in (("province", province), ("city", city)) if v]
    wanted = ["id", "agency_id", "year", "province", "city", "county", "checks_ok", "check"]
    records = list(backend.iter_records(Query(filter=all_of(*base)), wanted))
    published: dict[tuple[Any, ...], set[str]] = {}
    groups: dict[tuple[Any, ...], list[Mapping[str, Any]]] = {}
    for r in records:
        if r.get(level) is None or not r.get("year"):
            continue
        region = tuple(r.get(k) for k in REGION_LEVELS[:REGION_LEVELS.index(level) + 1])
        groups.setdefault((region, int(r["year"])), []).append(r)
        published.setdefault((region, int(r["year"])), set()).add(str(r.get("agency_id")))
    rows = []
    for (region, y), items in sorted(groups.items(), key=lambda kv: (kv[0][1], [str(x) for x in kv[0][0]])):
        if year is not None and y != year:
            continue
        before = published.get((region, y - 1), set())
        missing = sorted(before - published[(region, y)])
        expected = len(before | published[(region, y)])
        row: dict[str, Any] = {"region": " ".join(str(x) for x in region if x), "level": level, "year": y,
                               "reports": len(items),
                               "failing_error_rules": sum(1 for r in items if r.get("checks_ok") is False),
                               "missing_agencies": len(missing),
                               "coverage": round(len(published[(region, y)]) / expected, 4) if expected else None,
                               "missing": missing}
        for rule in RULES:
            row[rule.name] = sum(1 for r in items if rule.name in (r.get("check") or ()))
        rows.append(row)
    return rows


ROLLUP_COLUMNS = ("region", "level", "year", "reports", "failing_error_rules", "missing_agencies", "coverage") + \
    tuple(r.name for r in RULES)


def rollup_csv(rows: Iterable[Mapping[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(ROLLUP_COLUMNS)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in ROLLUP_COLUMNS])
    return out.getvalue()


def failed_checks(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every failed check of an indexed report (the spec's identities and the audit's), errors first."""
    audit = record.get("audit") or {}
    out = [c for c in audit.get("checks") or () if c.get("ok") is False]
    spec = [{"rule": s.split(":", 1)[0], "scope": s.split(":", 1)[1] if ":" in s else "", "ok": False,
             "severity": "error", "evidence": None, "expected": None, "actual": None}
            for s in record.get("checks_failed") or () if s.split(":", 1)[0] in
            ("row_total", "column_balance", "results_total", "appeals_total")]
    every = spec + out
    return sorted(every, key=lambda c: (severity(c["rule"]) != "error", c["rule"], c.get("scope") or ""))
