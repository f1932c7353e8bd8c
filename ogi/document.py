"""The canonical document: what every stage after extraction reads and writes.

Plain frozen dataclasses, no Scrapy (nor any other framework) import, so that the
crawler, the indexer, the web app and the tests all share one definition.
`Document.to_dict()` / `Document.from_dict()` give the JSON form used by
`ogi extract --json`, the archive and the index.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from enum import Enum
from typing import Any, Mapping

SCHEMA_VERSION = 1


class AgencyLevel(str, Enum):
    MINISTRY = "ministry"
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    TOWNSHIP = "township"
    DEPARTMENT = "department"
    OTHER = "other"


class SourceFormat(str, Enum):
    HTML = "html"
    TEXT = "text"
    PDF = "pdf"
    DOCX = "docx"
    DOC = "doc"
    XLSX = "xlsx"
    XLS = "xls"
    IMAGE = "image"


class TableFormat(str, Enum):
    F2021 = "2021"
    F2019 = "2019"
    NONE = "none"


@dataclass(frozen=True)
class Region:
    """Where the reporting agency sits; names as in the division dataset."""

    province: str | None = None
    city: str | None = None
    county: str | None = None
    township: str | None = None
    code: str | None = None  # 6-digit (county and above) or 9-digit (township) division code

    @property
    def level(self) -> str | None:
        for name in ("township", "county", "city", "province"):
            if getattr(self, name):
                return name
        return None


@dataclass(frozen=True)
class Figure:
    """One number of a standard table: the parsed value beside the cell as printed."""

    value: float | int | None
    raw: str | None = None  # cell text as printed (None: the cell was not found at all)
    note: str | None = None  # text inside the cell besides the number, e.g. "其中修订16件"
    confidence: float = 1.0  # below 1 for OCR or for cells placed by inference
    verified: bool = False  # an identity that holds confirms it, and no failed identity involves it


@dataclass(frozen=True)
class Check:
    """One identity of the spec (勾稽关系) evaluated on this report."""

    rule: str  # row_total | column_balance | results_total | appeals_total
    scope: str  # dotted key the identity is about, e.g. "requests.granted"
    ok: bool | None  # None: some cell was null, the identity could not be evaluated
    expected: float | int | None  # the left-hand side, e.g. the printed total
    actual: float | int | None  # the right-hand side, e.g. the sum of the parts
    cells: tuple[str, ...] = ()  # keys taking part in the identity


@dataclass(frozen=True)
class Section:
    """One of the six parts 一…六 of a report."""

    number: int  # 1..6
    title: str
    text: str


@dataclass(frozen=True)
class Warning:
    """Something the extractor could not do cleanly; recorded, never silent."""

    code: str
    message: str


@dataclass(frozen=True)
class Document:
    id: str
    url: str | None  # page where the report was found
    document_url: str  # file the text came from; file:// URL for a local file
    sha256: str  # digest of the bytes the document was extracted from
    is_annual_report: bool
    not_report_reason: str | None
    title: str | None
    agency: str | None
    agency_level: AgencyLevel | None
    region: Region
    year: int | None  # year reported on, not the publication year
    published_at: str | None  # ISO date
    format: SourceFormat
    table_format: TableFormat
    figures: Mapping[str, Figure]
    checks: tuple[Check, ...]
    sections: tuple[Section, ...]
    text: str
    warnings: tuple[Warning, ...] = ()
    captured_at: str | None = None  # when the archive fetched `document_url` (None for a local file)
    publisher: str | None = None  # 发布机构 as printed; `agency` is the body the report is of
    schema_version: int = SCHEMA_VERSION

    def figure_values(self) -> dict[str, float | int | None]:
        """Figures as a flat {dotted key: value} mapping (for the index and exports)."""
        return {key: fig.value for key, fig in self.figures.items()}

    @property
    def checks_ok(self) -> bool | None:
        """True when every evaluable check passed, False if one failed, None if none evaluable."""
        results = [c.ok for c in self.checks if c.ok is not None]
        if not results:
            return None
        return all(results)

    def with_changes(self, **changes: Any) -> "Document":
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Enum):
                value = value.value
            elif f.name == "region":
                value = asdict(value)
            elif f.name == "figures":
                value = {key: asdict(fig) for key, fig in value.items()}
            elif f.name in ("checks", "sections", "warnings"):
                value = [_plain(asdict(item)) for item in value]
            data[f.name] = value
        data["checks_ok"] = self.checks_ok
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Document":
        return cls(
            id=data["id"],
            url=data.get("url"),
            document_url=data["document_url"],
            sha256=data["sha256"],
            is_annual_report=data["is_annual_report"],
            not_report_reason=data.get("not_report_reason"),
            title=data.get("title"),
            agency=data.get("agency"),
            agency_level=AgencyLevel(data["agency_level"]) if data.get("agency_level") else None,
            region=Region(**data.get("region", {})),
            year=data.get("year"),
            published_at=data.get("published_at"),
            format=SourceFormat(data["format"]),
            table_format=TableFormat(data["table_format"]),
            figures={k: Figure(**v) for k, v in data.get("figures", {}).items()},
            checks=tuple(Check(**{**c, "cells": tuple(c.get("cells", ()))}) for c in data.get("checks", ())),
            sections=tuple(Section(**s) for s in data.get("sections", ())),
            text=data.get("text", ""),
            warnings=tuple(Warning(**w) for w in data.get("warnings", ())),
            captured_at=data.get("captured_at"),
            publisher=data.get("publisher"),
            schema_version=data.get("schema_version", SCHEMA_VERSION),
        )


def _plain(d: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in d.items()}


__all__ = [
    "AgencyLevel",
    "Check",
    "Document",
    "Figure",
    "Region",
    "Section",
    "SourceFormat",
    "TableFormat",
    "Warning",
    "SCHEMA_VERSION",
]
