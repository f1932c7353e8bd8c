"""Reports and agencies: the units the archive counts, assembled from its documents.

A *document* is one captured file (a report page, its PDF/Word attachment, an image of a
图片版). A *report* is one agency's annual report for one year: every document that carries
it, wherever it was found (a department's report listed on its county's portal and on its
own is one report found on two sources). An *agency* is one body however its name was
printed (`ogi.agency`).

Assembly runs over the current documents of the catalog every time it is asked (index,
export, coverage, `ogi agencies`): nothing is stored, so re-running `ogi index` on an
archive made by an earlier version is enough, and shards extracted on several machines are
assembled together.

* Documents are grouped by (agency id, year); an attachment joins the page it was found on
  unless both name different reports (a page listing two years' files), and an image joins
  its 图片版 page.
* A report's figures come from its best evidence: the document with standard tables whose
  identities hold, most complete, most certain; a tie prefers the attachment the page points
  to. Every other document's figures are compared with them: a cell that differs is named in
  a ``figures_disagree`` warning with both values, its confidence is lowered to 0.5, and the
  report's ``documents_agree`` is false — never a silent choice.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Iterable, Iterator, Mapping, Sequence

from ogi.agency import AgencyIdentity, identify, normalise_name
from ogi.checks import verified_keys
from ogi.extract import EXTRACTOR_VERSION

ASSEMBLY_VERSION = 1  # part of every report's digest: a new assembly re-indexes everything
REPORT_KIND = "annual"
DISPUTED_CONFIDENCE = 0.5
IMAGE_PART = "an image of the 图片版 report"
NOT_EXTRACTED = "not extracted yet (run ogi extract --data-dir)"


@dataclass(frozen=True)
class Entry:
    """One current captured file the crawler judged part of a report, with its extraction."""

    url: str  # the file's URL (document_url)
    kind: str  # page | attachment
    parent_url: str | None  # the page it was found on
    sha256: str
    sources: tuple[str, ...]  # every source that captured it
    removed_at: str | None
    doc: Mapping[str, Any] | None  # Document.to_dict(), None when extraction failed or has not run
    error: str | None = None
    title: str | None = None  # the link's title, when there is no document


@dataclass
class Agency:
    """One body of the registry, with every name printed for it."""

    id: str
    name: str
    level: str | None
    region: Mapping[str, Any]
    names: Counter = field(default_factory=Counter)  # printed names -> how many reports
    years: set[int] = field(default_factory=set)
    printed_by_year: dict[int, set[str]] = field(default_factory=dict)  # the history of its names
    reports: int = 0
    sources: set[str] = field(default_factory=set)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "level": self.level, "region": dict(self.region),
                "aliases": sorted(n for n in self.names if n != self.name), "years": sorted(self.years),
                "printed_by_year": {str(y): sorted(n) for y, n in sorted(self.printed_by_year.items())},
                "reports": self.reports, "sources": sorted(self.sources)}


@dataclass
class Assembly:
    reports: list[dict[str, Any]]  # report records (Document-shaped dicts, see `_report`)
    agencies: dict[str, Agency]
    unread: list[dict[str, Any]]  # groups none of whose files could be read: {url, document_url, error, …}
    not_reports: int = 0  # captured files that are neither a report nor part of one


def _is_image_part(doc: Mapping[str, Any] | None) -> bool:
    return bool(doc) and str(doc.get("not_report_reason") or "").startswith(IMAGE_PART)


class _Groups:
    """Union-find over entries, refusing to join two groups that name different reports."""

    def __init__(self, keys: Sequence[tuple[str, int] | None]) -> None:
        self.parent = list(range(len(keys)))
        self.key = list(keys)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ka, kb = self.key[ra], self.key[rb]
        if ka is not None and kb is not None and ka != kb:
            return False
        self.parent[rb] = ra
        self.key[ra] = ka if ka is not None else kb
        return True


def _identity(entry: Entry, configs: Mapping[str, Any]) -> AgencyIdentity | None:
    doc = entry.doc
    if not doc or not doc.get("is_annual_report"):
        return None
    source = next((s for s in entry.sources if s in configs and configs[s].region), None)
    region = configs[source].region if source else None
    imported = doc.get("imported") or {}  # ogi.importing: what the person who imported the file pinned
    if imported.get("agency"):
        found = identify(title=None, text=None, printed_agency=imported["agency"], publisher=doc.get("publisher"),
                         source_region=imported.get("region") or region, source_name=source)
        return replace(found, evidence=(f"agency given by {imported.get('by')} when importing", *found.evidence[1:]))
    pins: dict[str, str] = {}
    for s in entry.sources:
        if s in configs:
            pins.update(dict(configs[s].agency_aliases))
    return identify(title=doc.get("title"), text=doc.get("text"), printed_agency=doc.get("agency"),
                    publisher=doc.get("publisher"), source_region=imported.get("region") or region,
                    source_name=source, pins=pins)


def _evidence_rank(entry: Entry) -> tuple:
    """Higher is better evidence for a report's figures."""
    doc = entry.doc or {}
    figures = doc.get("figures") or {}
    values = [f.get("value") for f in figures.values() if isinstance(f, Mapping)]
    known = sum(v is not None for v in values)
    confidences = [f.get("confidence", 1.0) for f in figures.values() if isinstance(f, Mapping) and f.get("value") is not None]
    checks = doc.get("checks") or []
    failed = sum(c.get("ok") is False for c in checks)
    held = sum(c.get("ok") is True for c in checks)
    return (bool(doc.get("is_annual_report")), doc.get("table_format") not in (None, "none"), failed == 0,
            known, held, round(sum(confidences) / len(confidences), 3) if confidences else 0.0,
            entry.kind == "attachment")


def _report_id(key: tuple[str, int] | None, fallback: str) -> str:
    if key is None:
        return fallback
    return hashlib.sha256(f"{key[0]}|{key[1]}|{REPORT_KIND}".encode("utf-8")).hexdigest()[:16]


def _role(entry: Entry) -> str:
    if _is_image_part(entry.doc):
        return "image"
    return "attachment" if entry.kind == "attachment" else "page"


def _disagreements(best: Entry, others: Iterable[Entry]) -> list[dict[str, Any]]:
    """Cells another document of the report prints differently from the best evidence."""
    base = (best.doc or {}).get("figures") or {}
    out: dict[str, dict[str, Any]] = {}
    for other in others:
        doc = other.doc or {}
        if doc.get("table_format") != (best.doc or {}).get("table_format"):
            continue
        for key, fig in (doc.get("figures") or {}).items():
            mine = base.get(key) or {}
            a, b = mine.get("value"), (fig or {}).get("value")
            if a is None or b is None or float(a) == float(b):
                continue
            item = out.setdefault(key, {"key": key, "values": {best.url: a}})
            item["values"][other.url] = b
    return [out[k] for k in sorted(out)]


def _digest(parts: Iterable[Any]) -> str:
    return hashlib.sha256(json.dumps(list(parts), ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _report(members: list[Entry], key: tuple[str, int] | None, identity: AgencyIdentity | None,
            identities: Mapping[str, AgencyIdentity | None]) -> dict[str, Any] | None:
    readable = [e for e in members if e.doc is not None and not _is_image_part(e.doc)]
    if not any((e.doc or {}).get("is_annual_report") for e in readable):
        return None
    best = max(readable, key=_evidence_rank)
    doc = dict(best.doc or {})
    pages = [e for e in readable if e.kind == "page" and (e.doc or {}).get("is_annual_report")]
    page = pages[0] if pages else None
    report_warnings: list[dict[str, str]] = []  # what assembly found, beside the evidence document's own
    with_tables = [e for e in readable if (e.doc or {}).get("table_format") not in (None, "none")]
    disagreements = _disagreements(best, [e for e in with_tables if e is not best])
    if disagreements:
        cells = "; ".join(f"{d['key']}: " + ", ".join(f"{v} in {u}" for u, v in d["values"].items())
                          for d in disagreements)
        report_warnings.append({
            "code": "figures_disagree",
            "message": f"the report's documents print different values — {cells}; the figures shown are those of "
                       f"{best.url} (best evidence), marked uncertain"})
    for e in members:
        if e.doc is None:
            report_warnings.append({"code": "document_unreadable", "message": f"{e.url}: {e.error or 'not extracted'}"})
    if identity is not None and identity.region_from_source:
        report_warnings.append({"code": "region_from_source", "message": "; ".join(identity.evidence[1:])})
    documents = []
    for e in sorted(members, key=lambda e: (e.kind != "page", e.url)):
        d = e.doc or {}
        documents.append({
            "id": d.get("id"), "url": e.parent_url if e.kind == "attachment" and e.parent_url else e.url,
            "document_url": e.url, "role": _role(e), "sha256": e.sha256, "captured_at": d.get("captured_at"),
            "format": d.get("format"), "title": d.get("title") or e.title, "table_format": d.get("table_format"),
            "checks_ok": d.get("checks_ok"), "is_annual_report": d.get("is_annual_report"),
            "sources": list(e.sources), "removed_at": e.removed_at, "error": e.error,
            "evidence": e is best, "imported": d.get("imported")})
    removed = [e.removed_at for e in members]
    removed_at = max(r for r in removed if r) if removed and all(removed) else None
    title_doc = page.doc if page is not None and (page.doc or {}).get("title") else best.doc
    published = next((x for x in ((page.doc or {}).get("published_at") if page else None,
                                  doc.get("published_at")) if x), None)
    meta: dict[str, Any] = {
        "id": _report_id(key, str(best.doc.get("id") if page is None else page.doc.get("id"))),  # type: ignore[union-attr]
        "kind": REPORT_KIND,
        "url": (page.url if page is not None else (best.parent_url if best.kind == "attachment" and best.parent_url
                                                    else best.url)),
        "document_url": best.url,
        "sha256": best.sha256,
        "captured_at": doc.get("captured_at"),
        "title": (title_doc or {}).get("title") or doc.get("title"),
        "published_at": published,
        "report_warnings": report_warnings,
        "documents": documents,
        "sources": sorted({s for e in members for s in e.sources}),
        "evidence_document": best.url,
        "disagreements": disagreements,
        "documents_agree": None if len(with_tables) < 2 else not disagreements,
        "removed_at": removed_at,
    }
    if identity is not None:
        meta.update({
            "agency_id": identity.id, "agency": identity.name, "agency_level": identity.level,
            "region": asdict(identity.region), "publisher": identity.publisher or doc.get("publisher"),
            "agency_evidence": list(identity.evidence),
            "agency_printed": sorted({n for n in [identity.name, *identity.aliases] if n}
                                     | {normalise_name(i.name) for i in identities.values() if i and i.name}),
        })
    else:
        meta.update({"agency_id": None, "agency_evidence": ["no reporting body printed"], "agency_printed": []})
    report = rebuild(doc, meta)
    return report


SUMMARY_FIELDS = ("id", "kind", "url", "document_url", "sha256", "captured_at", "title", "published_at",
                  "report_warnings", "documents", "sources", "evidence_document", "disagreements", "documents_agree",
                  "removed_at", "agency_id", "agency", "agency_level", "region", "publisher", "agency_evidence",
                  "agency_printed", "agency_aliases", "digest")


def summary(report: Mapping[str, Any]) -> dict[str, Any]:
    """What a report adds to its evidence document (kept in index records; `rebuild` inverts it)."""
    return {k: report[k] for k in SUMMARY_FIELDS if k in report}


def rebuild(evidence: Mapping[str, Any], meta: Mapping[str, Any]) -> dict[str, Any]:
    """A report record from its evidence document (`Document.to_dict()`) and its `summary`:
    figures other documents dispute are marked uncertain, assembly's warnings follow the document's."""
    report = {**evidence, **meta}
    disputed = {d["key"] for d in meta.get("disagreements") or ()}
    confirmed = verified_keys((c.get("ok"), c.get("cells") or ()) for c in evidence.get("checks") or ())
    figures = {}
    for key, value in (evidence.get("figures") or {}).items():
        fig = dict(value)
        # verified: an identity that holds confirms it, none that fails involves it, no other file disputes it
        fig["verified"] = fig.get("value") is not None and key in confirmed and key not in disputed
        if key in disputed:
            fig["confidence"] = min(float(fig.get("confidence", 1.0)), DISPUTED_CONFIDENCE)
        figures[key] = fig
    report["figures"] = figures
    known = [f for f in figures.values() if f.get("value") is not None]
    report["figures_verified"] = sum(1 for f in known if f["verified"])
    report["verified_share"] = round(report["figures_verified"] / len(known), 4) if known else None
    report["warnings"] = list(evidence.get("warnings") or []) + list(meta.get("report_warnings") or [])
    return report


def assemble(entries: Sequence[Entry], configs: Mapping[str, Any] | None = None) -> Assembly:
    """Group the current documents into reports and agencies (see the module docstring)."""
    configs = configs or {}
    identities = [_identity(e, configs) for e in entries]
    keys: list[tuple[str, int] | None] = []
    for e, ident in zip(entries, identities):
        year = (e.doc or {}).get("year")
        keys.append((ident.id, int(year)) if ident is not None and ident.id and year else None)
    groups = _Groups(keys)
    first: dict[tuple[str, int], int] = {}
    for i, key in enumerate(keys):
        if key is not None:
            if key in first:
                groups.union(first[key], i)
            else:
                first[key] = i
    by_url = {e.url: i for i, e in enumerate(entries)}
    for i, e in enumerate(entries):  # attachments and images join the page they were found on
        if e.kind == "attachment" and e.parent_url in by_url:
            groups.union(by_url[e.parent_url], i)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(entries)):
        members[groups.find(i)].append(i)

    reports: list[dict[str, Any]] = []
    unread: list[dict[str, Any]] = []
    not_reports = 0
    agencies: dict[str, Agency] = {}
    for root, idx in members.items():
        group = [entries[i] for i in idx]
        key = groups.key[root]
        group_ids = {entries[i].url: identities[i] for i in idx}
        identity = next((identities[i] for i in sorted(idx, key=lambda i: (entries[i].kind != "page", entries[i].url))
                         if identities[i] is not None and keys[i] == key and key is not None), None)
        if identity is None:
            identity = next((identities[i] for i in idx if identities[i] is not None), None)
        report = _report(group, key, identity, group_ids)
        if report is None:
            if all(e.doc is None for e in group):
                e = group[0]
                unread.append({"id": None, "url": e.parent_url if e.kind == "attachment" and e.parent_url else e.url,
                               "document_url": e.url, "sha256": e.sha256, "title": e.title, "removed_at": e.removed_at,
                               "sources": sorted({s for x in group for s in x.sources}),
                               "error": "; ".join(f"{x.url}: {x.error or 'not extracted yet'}" for x in group)})
            else:
                not_reports += len(group)
            continue
        reports.append(report)
        if report.get("agency_id"):
            agency = agencies.get(report["agency_id"])
            if agency is None:
                agency = agencies[report["agency_id"]] = Agency(report["agency_id"], report["agency"],
                                                                report.get("agency_level"), report.get("region") or {})
            for name in report.get("agency_printed") or ():
                agency.names[name] += 1
            if report.get("agency"):
                agency.names[report["agency"]] += 2  # the body named in titles counts most for the display name
            if report.get("year"):
                agency.years.add(int(report["year"]))
                agency.printed_by_year.setdefault(int(report["year"]), set()).update(report.get("agency_printed") or ())
            agency.reports += 1
            agency.sources.update(report.get("sources") or ())
    for agency in agencies.values():  # one display name per agency, the one printed most (then the longest)
        agency.name = max(agency.names, key=lambda n: (agency.names[n], len(n), n)) if agency.names else agency.name
    for report in reports:
        if report.get("agency_id") in agencies:
            agency = agencies[report["agency_id"]]
            report["agency"] = agency.name
            report["agency_aliases"] = sorted(n for n in agency.names if n != agency.name)
        report["digest"] = _digest([ASSEMBLY_VERSION, EXTRACTOR_VERSION, report["id"], report.get("agency"), report.get("agency_id"),
                                    report.get("agency_aliases"), report.get("sources"),
                                    [(d["document_url"], d["sha256"], d["removed_at"], d["role"])
                                     for d in report["documents"]]])
    reports.sort(key=lambda r: (r.get("agency_id") or "~", -(r.get("year") or 0), r["id"]))
    return Assembly(reports, agencies, unread, not_reports)


def archive_entries(archive: Any) -> Iterator[Entry]:
    """Every file the crawler judged part of a report, at its current version, with its extraction."""
    sources_of: dict[str, set[str]] = defaultdict(set)
    for row in archive.db.execute("SELECT DISTINCT url, source FROM captures"):
        sources_of[row["url"]].add(row["source"])
    for report in archive.reports():
        url = str(report["url"])
        latest = archive.latest(url)
        if latest is None:
            continue
        row = archive.db.execute("SELECT document, error FROM documents WHERE url = ? AND sha256 = ?",
                                 (url, latest.sha256)).fetchone()
        doc = json.loads(row["document"]) if row is not None and row["document"] else None
        error = None if doc is not None else (row["error"] if row is not None else NOT_EXTRACTED)
        sources = tuple(sorted(sources_of.get(url) or {str(report["source"])}))
        yield Entry(url, str(report["kind"]), report["parent_url"], latest.sha256, sources, report["removed_at"],
                    doc, error, report["title"])


def assemble_archive(archive: Any) -> Assembly:
    """The reports and agencies of an archive as they stand now."""
    return assemble(list(archive_entries(archive)), archive.source_configs())


__all__ = ["Agency", "Assembly", "Entry", "assemble", "assemble_archive", "archive_entries", "rebuild", "summary"]
