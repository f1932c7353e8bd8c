"""Who has published their report for a year, who is late, who is missing, what changed.

Expected agencies of a source: its ``expected_agencies`` list plus every agency that
published a report for an earlier year, all as agency identities (`ogi.agency`): "攸县人民政府"
listed and "攸县人民政府办公室" printed as 发布机构 are one body. Deadlines (政府信息公开条例 art. 49–50 as applied by
the State Council's notices): departments by 31 January of the next year, people's
governments of every level by 31 March. A report's date is its printed publication date,
else the day the archive first saw it (marked so).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Sequence

from ogi.crawler.sources import Source
from ogi.agency import identify
from ogi.archive import Archive, SourceConfig
from ogi.reports import archive_entries, assemble
from ogi.runs import list_runs

GOVERNMENT_LEVELS = ("province", "city", "county", "township")


def deadline(level: str | None, year: int) -> dt.date:
    if level in GOVERNMENT_LEVELS:
        return dt.date(year + 1, 3, 31)
    return dt.date(year + 1, 1, 31)


@dataclass(frozen=True)
class Published:
    agency: str
    url: str
    date: str | None  # ISO date
    date_is_capture: bool  # no printed date: the first capture's
    deadline: str
    late: bool
    versions: int  # versions archived of its evidence document; > 1: changed after publication
    last_change: str | None
    agency_id: str | None = None
    report_id: str | None = None
    documents: int = 1


@dataclass
class SourceCoverage:
    source: str
    expected: list[str] = field(default_factory=list)
    published: list[Published] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    expected_ids: dict[str, str] = field(default_factory=dict)  # agency id -> name
    last_crawl: str | None = None  # status of the source's latest finished crawl
    cut_lists: list[dict[str, Any]] = field(default_factory=list)  # lists that crawl did not see the end of

    @property
    def late(self) -> list[Published]:
        return [p for p in self.published if p.late]

    @property
    def changed(self) -> list[Published]:
        return [p for p in self.published if p.versions > 1]

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "expected": self.expected, "missing": self.missing,
                "last_crawl": self.last_crawl, "cut_lists": self.cut_lists,
                "expected_ids": self.expected_ids,
                "published": [p.__dict__ for p in self.published],
                "late": [p.agency for p in self.late], "changed": [p.url for p in self.changed]}


def coverage(archive: Archive, sources: Sequence[Source], year: int) -> list[SourceCoverage]:
    """Who of each source's expected agencies published a report for `year`: agencies are
    matched by identity (`ogi.agency`), never by spelling; a report counts once however many
    files carry it, on every source it was found on."""
    configs = dict(archive.source_configs())
    for source in sources:  # the file given now is what the user means
        configs[source.name] = SourceConfig(source.name, source.region, source.agency_aliases,
                                            source.expected_agencies)
    assembly = assemble(list(archive_entries(archive)), configs)
    out = []
    for source in sources:
        reports = [r for r in assembly.reports if source.name in (r.get("sources") or ())]
        expected: dict[str, str] = {}
        for name in source.expected_agencies:
            ident = identify(title=None, text=None, printed_agency=name, source_region=source.region,
                             source_name=source.name, pins=dict(source.agency_aliases))
            if ident.id:
                known = assembly.agencies.get(ident.id)
                expected.setdefault(ident.id, known.name if known else name)
        for report in reports:
            if report.get("year") and report["year"] < year and report.get("agency_id"):
                expected.setdefault(report["agency_id"], str(report["agency"]))
        cov = SourceCoverage(source.name)
        finished = [r for r in list_runs(archive.db, source=source.name, limit=20) if r.status != "running"]
        if finished:  # a missing agency may be in a part of a list the last crawl never reached
            cov.last_crawl = finished[0].status
            cov.cut_lists = [dict(entry) for entry in finished[0].cut_lists]
        seen: set[str] = set()
        for report in sorted((r for r in reports if r.get("year") == year),
                             key=lambda r: (str(r.get("agency") or ""), r["id"])):
            url = str(report["evidence_document"])
            versions = archive.versions(url)
            date, from_capture = report.get("published_at"), False
            if not date:
                firsts = [d.get("captured_at") for d in report.get("documents") or () if d.get("captured_at")]
                date, from_capture = (min(firsts)[:10] if firsts else
                                      (versions[0]["first_seen"][:10] if versions else None)), True
            due = deadline(report.get("agency_level"), year)
            late = bool(date) and dt.date.fromisoformat(date[:10]) > due
            cov.published.append(Published(
                str(report.get("agency") or report.get("title") or "?"), str(report["url"]), date, from_capture,
                due.isoformat(), late, len(versions), versions[-1]["first_seen"] if len(versions) > 1 else None,
                report.get("agency_id"), report["id"], len(report.get("documents") or ())))
            if report.get("agency_id"):
                seen.add(report["agency_id"])
        cov.expected_ids = dict(sorted(expected.items()))
        cov.expected = sorted(expected.values())
        cov.missing = sorted(name for key, name in expected.items() if key not in seen)
        out.append(cov)
    return out
