"""Who has published their report for a year, who is late, who is missing, what changed.

Expected agencies of a source: its ``expected_agencies`` list plus every agency that
published a report for an earlier year. Deadlines (政府信息公开条例 art. 49–50 as applied by
the State Council's notices): departments by 31 January of the next year, people's
governments of every level by 31 March. A report's date is its printed publication date,
else the day the archive first saw it (marked so).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, Sequence

from crawler.sources import Source
from ogi.archive import Archive

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
    versions: int  # versions archived; > 1: changed after publication
    last_change: str | None


@dataclass
class SourceCoverage:
    source: str
    expected: list[str] = field(default_factory=list)
    published: list[Published] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def late(self) -> list[Published]:
        return [p for p in self.published if p.late]

    @property
    def changed(self) -> list[Published]:
        return [p for p in self.published if p.versions > 1]

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "expected": self.expected, "missing": self.missing,
                "published": [p.__dict__ for p in self.published],
                "late": [p.agency for p in self.late], "changed": [p.url for p in self.changed]}


def _key(name: str | None) -> str:
    return "".join((name or "").split())


def coverage(archive: Archive, sources: Sequence[Source], year: int) -> list[SourceCoverage]:
    by_source: dict[str, list[dict[str, Any]]] = {}
    for report in archive.reports():
        latest = archive.latest(str(report["url"]))
        if latest is None:
            continue
        row = archive.db.execute("SELECT document FROM documents WHERE url = ? AND sha256 = ?",
                                 (report["url"], latest.sha256)).fetchone()
        if row is None or not row["document"]:
            continue
        doc = json.loads(row["document"])
        if doc.get("is_annual_report") and doc.get("agency"):
            by_source.setdefault(str(report["source"]), []).append({**doc, "_report": report})
    out = []
    for source in sources:
        docs = by_source.get(source.name, [])
        expected = {_key(a): a for a in source.expected_agencies}
        for doc in docs:
            if doc.get("year") and doc["year"] < year:
                expected.setdefault(_key(doc["agency"]), doc["agency"])
        cov = SourceCoverage(source.name)
        seen: set[str] = set()
        for doc in sorted((d for d in docs if d.get("year") == year), key=lambda d: d["agency"]):
            url = str(doc["_report"]["url"])
            versions = archive.versions(url)
            date, from_capture = doc.get("published_at"), False
            if not date:
                date, from_capture = (versions[0]["first_seen"][:10] if versions else None), True
            due = deadline(doc.get("agency_level"), year)
            late = bool(date) and dt.date.fromisoformat(date[:10]) > due
            cov.published.append(Published(doc["agency"], url, date, from_capture, due.isoformat(), late,
                                            len(versions), versions[-1]["first_seen"] if len(versions) > 1 else None))
            seen.add(_key(doc["agency"]))
        cov.expected = sorted(expected.values())
        cov.missing = sorted(name for key, name in expected.items() if key not in seen)
        out.append(cov)
    return out
