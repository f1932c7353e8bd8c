"""One report as the index holds it: a flat record built from a Document.

Both backends store exactly this record (Meilisearch nests the figures under
``figures``); hits, exports and aggregates are read back from it.
"""

from __future__ import annotations

from typing import Any, Mapping

from ogi.indexer.fields import FIGURE_PREFIX
from ogi.indexer.textmatch import strip_marks
from ogi.reports import summary


def to_record(doc: Mapping[str, Any], *, removed_at: str | None = None) -> dict[str, Any]:
    """The index record of a report (`ogi.reports`) or a Document in its dict form."""
    region = doc.get("region") or {}
    figures = doc.get("figures") or {}
    checks = doc.get("checks") or []
    results = [c.get("ok") for c in checks if c.get("ok") is not None]
    level = next((name for name in ("township", "county", "city", "province") if region.get(name)), None)
    record: dict[str, Any] = {
        "id": doc["id"],
        "url": doc.get("url") or doc.get("document_url"),
        "document_url": doc.get("document_url"),
        "sha256": doc.get("sha256"),
        "captured_at": doc.get("captured_at"),
        "title": strip_marks(doc.get("title") or ""),
        "agency": doc.get("agency"),
        "agency_level": doc.get("agency_level"),
        "province": region.get("province"),
        "city": region.get("city"),
        "county": region.get("county"),
        "township": region.get("township"),
        "region_code": region.get("code"),
        "region_level": level,
        "year": doc.get("year"),
        "published_at": doc.get("published_at"),
        "format": doc.get("format"),
        "table_format": doc.get("table_format"),
        "checks_ok": all(results) if results else None,
        "checks_failed": [f"{c.get('rule')}:{c.get('scope')}" for c in checks if c.get("ok") is False],
        "removed": removed_at is not None or bool(doc.get("removed_at")),
        "sections": [s.get("title") for s in doc.get("sections") or []],
        "agency_id": doc.get("agency_id"),
        "publisher": doc.get("publisher"),
        "agency_aliases": list(doc.get("agency_aliases") or ()),
        "sources": list(doc.get("sources") or ()),
        "documents": [_document_ref(d) for d in doc.get("documents") or ()],
        "documents_agree": doc.get("documents_agree"),
        "disputed": [d.get("key") for d in doc.get("disagreements") or ()],
        "digest": doc.get("digest") or doc.get("sha256"),
        "figures_verified": doc.get("figures_verified"),
        "verified_share": doc.get("verified_share"),
        "report": summary(doc) if "documents" in doc else None,  # what the report adds to its evidence document
        "text": strip_marks(doc.get("text") or ""),
    }
    audit = doc.get("audit")
    if audit is not None:  # ogi.audit.annotate ran: its rules join the spec's identities
        record["checks_ok"] = audit.get("checks_ok")
        record["checks_failed"] += [f"{c.get('rule')}:{c.get('scope')}" for c in audit.get("checks") or ()
                                    if c.get("ok") is False]
        record["check"] = list(audit.get("failed") or ())
        record["outlier"] = list(audit.get("outliers") or ())
        record.update({name: v for name, v in (audit.get("rates") or {}).items()})
        reuse = audit.get("reuse") or {}
        record["reuse_prev_year"] = reuse.get("prev_year")
        record["reuse_region"] = (reuse.get("region") or {}).get("share")
        record["audit"] = audit
    for key, fig in figures.items():
        value = fig.get("value") if isinstance(fig, Mapping) else fig
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            record[FIGURE_PREFIX + key] = float(value)
    return record


_REF_FIELDS = ("id", "url", "document_url", "role", "sha256", "captured_at", "format", "sources", "removed_at",
               "error", "evidence")


def _document_ref(ref: Mapping[str, Any]) -> dict[str, Any]:
    """A document of a report as hits list it: where it is, its digest, capture time, format."""
    return {k: ref.get(k) for k in _REF_FIELDS}


def figure_values(record: Mapping[str, Any]) -> dict[str, float]:
    """The {dotted key: value} figures of a record (keys without the ``figures.`` prefix)."""
    n = len(FIGURE_PREFIX)
    return {k[n:]: v for k, v in record.items() if k.startswith(FIGURE_PREFIX)}


def region_label(record: Mapping[str, Any]) -> str:
    """"河南省 郑州市 金水区": the region levels present, most general first."""
    return " ".join(str(record[k]) for k in ("province", "city", "county", "township") if record.get(k))
