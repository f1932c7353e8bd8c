"""The fields a report is indexed under: one registry both backends and the query parser read.

A field's kind decides what a filter on it may compare:
``keyword`` (exact string, =/!=), ``int`` and ``float`` (=, !=, <, <=, >, >=, TO),
``date`` (ISO ``YYYY-MM-DD``, compared as a day number), ``bool`` (true/false).
Every figure of the spec is a ``float`` field named by its dotted key under ``figures.``,
e.g. ``figures.appeals.review.corrected`` (administrative reviews that corrected the agency).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ogi.figure_keys import union_keys

Kind = Literal["keyword", "int", "float", "date", "bool"]

FIGURE_PREFIX = "figures."


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    facet: bool = False  # facet counts may be asked for it
    sort: bool = False  # results may be sorted by it


_META: tuple[Field, ...] = (
    Field("id", "keyword"),
    Field("sha256", "keyword"),
    Field("agency", "keyword", facet=True),
    Field("agency_id", "keyword", facet=True),
    Field("agency_level", "keyword", facet=True),
    Field("province", "keyword", facet=True),
    Field("city", "keyword", facet=True),
    Field("county", "keyword", facet=True),
    Field("township", "keyword", facet=True),
    Field("region_code", "keyword"),
    Field("region_level", "keyword", facet=True),
    Field("year", "int", facet=True, sort=True),
    Field("published_at", "date", sort=True),
    Field("captured_at", "date", sort=True),
    Field("format", "keyword", facet=True),
    Field("table_format", "keyword", facet=True),
    Field("checks_ok", "bool", facet=True),
    Field("removed", "bool", facet=True),
    Field("documents_agree", "bool", facet=True),
    Field("figures_verified", "int", sort=True),  # figures an identity that holds confirms
    Field("verified_share", "float", sort=True),  # of the figures read, the share verified (0–1)  # false: the report's page and attachment print different figures
    # the audit (ogi.audit): failed rules, derived rates, peer outliers, text reuse
    Field("check", "keyword", facet=True),  # many-valued: every rule of ogi.audit_rules the report fails
    Field("outlier", "keyword", facet=True),  # many-valued: "rate_disclosure:low" … (peer groups of MIN_PEERS or more)
    Field("reuse_prev_year", "float", sort=True),  # share of own words found in last year's report (0–1)
    Field("reuse_region", "float", sort=True),  # highest share found in another agency's report of the region and year
    # review (ogi.review, issue 19): read from the catalog when the index is built
    Field("reviewed", "bool", facet=True),  # a verdict or a correction was recorded
    Field("corrected", "bool", facet=True),  # a figure has a corrected value beside the printed one
    Field("review", "keyword", facet=True),  # many-valued: confirmed, dismissed, corrected
    Field("tag", "keyword", facet=True),  # many-valued: the report's tags
    Field("unreviewed", "int", sort=True),  # failed checks no reviewer has confirmed or dismissed yet
)
# derived rates (ogi.audit.RATES): null when a cell is null or the denominator is 0
RATE_FIELDS = ("rate_disclosure", "rate_review_correction", "rate_litigation_correction", "rate_carry_forward",
               "rate_unable", "rate_denied")
_META = _META + tuple(Field(name, "float", facet=True, sort=True) for name in RATE_FIELDS)

# facets asked for when a caller names none (the search page's sidebar)
DEFAULT_FACETS = ("province", "city", "county", "year", "agency_level", "table_format", "checks_ok")
REGION_LEVELS = ("province", "city", "county", "township")


@lru_cache(maxsize=1)
def fields() -> dict[str, Field]:
    """Every indexed filterable field by name: metadata, then one per figure key."""
    out = {f.name: f for f in _META}
    for key in union_keys():
        name = FIGURE_PREFIX + key
        out[name] = Field(name, "float", sort=True)
    return out


def figure_field_names() -> tuple[str, ...]:
    return tuple(name for name in fields() if name.startswith(FIGURE_PREFIX))


def lookup(name: str) -> Field:
    """The field called `name`, or a QueryError naming the closest known ones."""
    from ogi.indexer.query import QueryError

    found = fields().get(name)
    if found is not None:
        return found
    import difflib

    close = difflib.get_close_matches(name, list(fields()), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    shown = name if len(name) <= 60 else name[:60] + "…"
    raise QueryError(f"unknown field {shown!r}{hint}")
