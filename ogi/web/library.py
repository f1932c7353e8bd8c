"""What the web app reads: reports from the index and the catalog, archived bytes, versions.

Everything here is read-only; the web layer never opens the archive for writing.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from typing import Any

from ogi.indexer import open_backend
from ogi.indexer.backend import SearchBackend
from ogi.indexer.query import Query, equals
from ogi.archive import Archive
from ogi.reports import rebuild
from ogi.settings import Settings

_DIGEST = re.compile(r"[0-9a-f]{64}")
_ACTIVE_TYPES = ("html", "xml", "svg", "javascript", "xhtml")


@dataclass(frozen=True)
class Version:
    sha256: str
    first_seen: str
    last_seen: str
    current: bool


@dataclass(frozen=True)
class DocumentView:
    """One file of a report (page, attachment, image) and its archived versions."""

    ref: dict[str, Any]  # ogi.reports document entry: url, document_url, role, sha256, captured_at, format …
    versions: tuple[Version, ...]


@dataclass(frozen=True)
class ReportView:
    record: dict[str, Any]  # the index record (without text)
    document: dict[str, Any]  # the report: its evidence document's Document.to_dict() with the report's fields
    versions: tuple[Version, ...]  # of the evidence document
    other_years: tuple[dict[str, Any], ...]  # records of the same agency's other reports
    removed_at: str | None
    documents: tuple[DocumentView, ...] = ()  # every file that carries the report


@dataclass(frozen=True)
class Archived:
    body: bytes
    content_type: str
    url: str
    fetched_at: str
    sha256: str

    @property
    def active(self) -> bool:
        """Content a browser could run scripts in (served sandboxed)."""
        return any(t in self.content_type.lower() for t in _ACTIVE_TYPES) or not self.content_type


class Library:
    def __init__(self, settings: Settings, backend: SearchBackend | None = None) -> None:
        self.settings = settings
        self.backend = backend or open_backend(settings, public=True)

    def record(self, doc_id: str) -> dict[str, Any] | None:
        hits = self.backend.search(Query(filter=equals("id", doc_id), limit=1)).hits
        return dict(hits[0].record) if hits else None

    def report(self, doc_id: str) -> ReportView | None:
        record = self.record(doc_id)
        if record is None:
            return None
        meta = record.get("report") or {}
        url, digest = record.get("document_url"), record.get("sha256")
        with Archive.open(self.settings) as archive:
            row = archive.db.execute("SELECT document FROM documents WHERE url = ? AND sha256 = ?",
                                     (url, digest)).fetchone()
            if row is None or not row["document"]:
                return None
            report = archive.db.execute("SELECT removed_at FROM reports WHERE url = ?", (url,)).fetchone()
            documents = tuple(
                DocumentView(ref, tuple(Version(v["sha256"], v["first_seen"], v["last_seen"], v["sha256"] == ref["sha256"])
                                        for v in archive.versions(str(ref["document_url"]))))
                for ref in meta.get("documents") or ())
            # the evidence document is one of them (a record without report fields: read its own)
            versions = next((d.versions for d in documents if d.ref["document_url"] == url), None)
            if versions is None:
                versions = tuple(Version(v["sha256"], v["first_seen"], v["last_seen"], v["sha256"] == digest)
                                 for v in archive.versions(str(url)))
        evidence = json.loads(row["document"])
        document = rebuild(evidence, meta) if meta else evidence
        others: tuple[dict[str, Any], ...] = ()
        same = (equals("agency_id", record["agency_id"]) if record.get("agency_id")
                else equals("agency", record["agency"]) if record.get("agency") else None)
        if same is not None:  # the same agency's other reports (by identity, not by spelling)
            found = self.backend.search(Query(filter=same, limit=50))
            others = tuple(dict(h.record) for h in found.hits if h.record["id"] != doc_id)
            others = tuple(sorted(others, key=lambda r: -(r.get("year") or 0)))
        removed_at = meta.get("removed_at") if meta else (report["removed_at"] if report else None)
        return ReportView(record, document, versions, others, removed_at, documents)

    def known_digests(self, view: ReportView) -> set[str]:
        """Every archived version of every document of the report."""
        return {v.sha256 for v in view.versions} | {v.sha256 for d in view.documents for v in d.versions}

    def archived(self, digest: str) -> Archived | None:
        """The bytes of a capture, only for digests the catalog knows (never a path from the URL)."""
        if not _DIGEST.fullmatch(digest):
            return None
        with Archive.open(self.settings) as archive:
            row = archive.db.execute("SELECT url, fetched_at, content_type FROM captures WHERE sha256 = ?"
                                     " ORDER BY fetched_at LIMIT 1", (digest,)).fetchone()
            if row is None or digest not in archive.blobs:
                return None
            body = archive.blobs.get(digest)
        return Archived(body, row["content_type"] or "", row["url"], row["fetched_at"], digest)

    def version_text(self, url: str, digest: str) -> str:
        """The clean text of one archived version (extracted again; older versions are not kept extracted)."""
        from ogi.extract import extract_bytes
        from ogi.readers.base import ExtractionError

        archived = self.archived(digest)
        if archived is None:
            return ""
        try:
            doc = extract_bytes(archived.body, document_url=url, url=url, filename=url.rsplit("/", 1)[-1],
                                content_type=archived.content_type)
        except ExtractionError as exc:
            return f"(this version could not be read: {exc})"
        return doc.text

    def diff(self, doc_id: str, old: str, new: str) -> list[tuple[str, str]] | None:
        """Line diff of two versions' texts: [(op, line)], op one of ' ', '-', '+'."""
        view = self.report(doc_id)
        if view is None:
            return None
        files = [(str(view.record["document_url"]), {v.sha256 for v in view.versions})]
        files += [(str(d.ref["document_url"]), {v.sha256 for v in d.versions}) for d in view.documents]
        url = next((u for u, known in files if old in known and new in known), None)
        if url is None:
            return None
        a = self.version_text(url, old).splitlines()
        b = self.version_text(url, new).splitlines()
        out: list[tuple[str, str]] = []
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
            if op == "equal":
                same = a[i1:i2]
                if len(same) > 6:
                    out += [(" ", line) for line in same[:2]] + [("…", f"{len(same) - 4} unchanged lines")]
                    out += [(" ", line) for line in same[-2:]]
                else:
                    out += [(" ", line) for line in same]
            else:
                out += [("-", line) for line in a[i1:i2]] + [("+", line) for line in b[j1:j2]]
        return out
