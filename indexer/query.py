"""The query model both backends answer: free text, a filter expression, facets, sort, paging.

A filter is parsed here into a small tree of typed comparisons against the field registry
(`indexer.fields`); backends compile the tree, never the user's string, so a query is data
and cannot inject SQL or Meilisearch filter syntax.

Filter syntax (close to Meilisearch's)::

    year >= 2022 AND (province = "河南省" OR province = 山东省)
    figures.appeals.review.corrected > 10 AND NOT checks_ok = false
    year 2021 TO 2023        agency_level IN [county, township]        figures.fees.amount EXISTS

Text syntax: words are ANDed; a word matches as a substring (复议 matches 行政复议);
"quoted words" are one phrase; a leading - excludes (-撤回). Whitespace inside a word
does not matter (see `indexer.textmatch`).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Iterable, Union

from ogi.indexer.fields import DEFAULT_FACETS, Field, lookup
from ogi.indexer.textmatch import normalise

MAX_TEXT = 500  # characters of free text
MAX_FILTER = 4000  # characters of one filter expression
MAX_DEPTH = 16
MAX_LIMIT = 1000
MAX_WINDOW = 100_000  # offset + limit


class QueryError(ValueError):
    """A query that cannot be run, with a message meant for the person who typed it."""


# --- filter tree ---------------------------------------------------------------------

Value = Union[str, int, float, bool]


@dataclass(frozen=True)
class Compare:
    field: str
    op: str  # = < <= > >=
    value: Value


@dataclass(frozen=True)
class InSet:
    field: str
    values: tuple[Value, ...]


@dataclass(frozen=True)
class Exists:
    field: str


@dataclass(frozen=True)
class And:
    items: tuple["Filter", ...]


@dataclass(frozen=True)
class Or:
    items: tuple["Filter", ...]


@dataclass(frozen=True)
class Not:
    item: "Filter"


Filter = Union[Compare, InSet, Exists, And, Or, Not]

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
      | (?P<op>!=|>=|<=|=|>|<)
      | (?P<punct>[()\[\],])
      | (?P<word>[^\s()\[\],=!<>"']+)
      | (?P<bad>["'].*)
    )""",
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class _Tok:
    kind: str  # str op punct word
    text: str


def _tokens(source: str) -> list[_Tok]:
    out: list[_Tok] = []
    pos = 0
    source = source.rstrip()
    while pos < len(source):
        m = _TOKEN.match(source, pos)
        if m is None or m.end() == pos:
            raise QueryError(f"cannot read the filter at {source[pos:pos + 20]!r}")
        kind = m.lastgroup or ""
        text = m.group(kind)
        if kind == "bad":
            raise QueryError(f"unbalanced quote in filter at {text[:20]!r}")
        if kind == "str":
            text = re.sub(r"\\(.)", r"\1", text[1:-1])
        out.append(_Tok(kind, text))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, tokens: list[_Tok]) -> None:
        self.toks = tokens
        self.i = 0

    def peek_word(self, *words: str) -> bool:
        t = self.toks[self.i] if self.i < len(self.toks) else None
        return t is not None and t.kind == "word" and t.text.upper() in words

    def take(self) -> _Tok:
        if self.i >= len(self.toks):
            raise QueryError("filter ends too early")
        t = self.toks[self.i]
        self.i += 1
        return t

    def expect(self, kind: str, text: str) -> None:
        t = self.take()
        if t.kind != kind or t.text != text:
            raise QueryError(f"expected {text!r} in filter, found {t.text!r}")

    def parse(self) -> Filter:
        node = self.or_(0)
        if self.i != len(self.toks):
            raise QueryError(f"unexpected {self.toks[self.i].text!r} in filter (join conditions with AND / OR)")
        return node

    def or_(self, depth: int) -> Filter:
        items = [self.and_(depth)]
        while self.peek_word("OR"):
            self.i += 1
            items.append(self.and_(depth))
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_(self, depth: int) -> Filter:
        items = [self.not_(depth)]
        while self.peek_word("AND"):
            self.i += 1
            items.append(self.not_(depth))
        return items[0] if len(items) == 1 else And(tuple(items))

    def not_(self, depth: int) -> Filter:
        if depth > MAX_DEPTH:
            raise QueryError("filter nested too deeply")
        if self.peek_word("NOT"):
            self.i += 1
            return Not(self.not_(depth + 1))
        t = self.take()
        if t.kind == "punct" and t.text == "(":
            node = self.or_(depth + 1)
            self.expect("punct", ")")
            return node
        if t.kind not in ("word", "str"):
            raise QueryError(f"expected a field name in filter, found {t.text!r}")
        return self.condition(lookup(t.text))

    def condition(self, f: Field) -> Filter:
        if self.peek_word("EXISTS"):
            self.i += 1
            return Exists(f.name)
        if self.peek_word("NOT"):
            self.i += 1
            if not self.peek_word("EXISTS", "IN"):
                raise QueryError(f"expected EXISTS or IN after {f.name} NOT")
            return Not(self.condition(f))
        if self.peek_word("IN"):
            self.i += 1
            self.expect("punct", "[")
            values = [self.value(f)]
            while True:
                t = self.take()
                if t.kind == "punct" and t.text == "]":
                    break
                if not (t.kind == "punct" and t.text == ","):
                    raise QueryError(f"expected ',' or ']' in IN list, found {t.text!r}")
                values.append(self.value(f))
            return InSet(f.name, tuple(values))
        t = self.take()
        if t.kind == "op":
            value = self.value(f)
            if t.text in ("<", "<=", ">", ">=") and f.kind in ("keyword", "bool"):
                raise QueryError(f"{f.name} is text: compare it with = or !=, not {t.text}")
            if t.text == "!=":
                return Not(Compare(f.name, "=", value))
            return Compare(f.name, t.text, value)
        if t.kind in ("word", "str") and self.peek_word("TO"):  # field LOW TO HIGH
            if f.kind in ("keyword", "bool"):
                raise QueryError(f"{f.name} is text: a range (TO) needs a number or date field")
            low = _convert(f, t.text)
            self.i += 1
            high = self.value(f)
            return And((Compare(f.name, ">=", low), Compare(f.name, "<=", high)))
        raise QueryError(f"expected an operator (=, !=, >, >=, <, <=, IN, TO, EXISTS) after {f.name}, found {t.text!r}")

    def value(self, f: Field) -> Value:
        t = self.take()
        if t.kind not in ("word", "str"):
            raise QueryError(f"expected a value for {f.name}, found {t.text!r}")
        return _convert(f, t.text)


MAX_MAGNITUDE = 10**15  # beyond any count, amount or date number; and within every index's 64-bit range
_WHOLE = re.compile(r"[+-]?[0-9]{1,16}")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]{1,16}(?:\.[0-9]{0,12})?|\.[0-9]{1,12})(?:[eE][+-]?[0-9]{1,3})?")


def whole_number(text: object, name: str, *, low: int = -MAX_MAGNITUDE, high: int = MAX_MAGNITUDE) -> int:
    """A whole number written in ASCII digits within [low, high], or a QueryError naming `name`
    (not "²", not 5,000 digits, not beyond 64 bits)."""
    raw = str(text).strip()
    if not _WHOLE.fullmatch(raw) or not low <= int(raw) <= high:
        raise QueryError(f"{name} must be a whole number from {low} to {high}, not {raw[:40]!r}")
    return int(raw)


def _convert(f: Field, text: str) -> Value:
    try:
        if f.kind == "int":
            return whole_number(text, f.name)
        if f.kind == "float":
            if not _DECIMAL.fullmatch(text.strip()):
                raise ValueError
            value = float(text)
            if value != value or abs(value) > MAX_MAGNITUDE:
                raise ValueError
            return value
        if f.kind == "date":
            return date_number(text)
        if f.kind == "bool":
            low = text.lower()
            if low not in ("true", "false"):
                raise ValueError
            return low == "true"
    except ValueError:
        raise QueryError(f"{f.name} takes {_KIND_HELP[f.kind]}, not {text[:40]!r}") from None
    return text


_KIND_HELP = {"int": "a whole number", "float": "a number", "date": "a date YYYY-MM-DD", "bool": "true or false",
              "keyword": "text"}


def date_number(text: str) -> int:
    """YYYY-MM-DD (or a longer ISO timestamp) as the number YYYYMMDD the backends compare."""
    day = _dt.date.fromisoformat(str(text)[:10])
    return day.year * 10000 + day.month * 100 + day.day


def parse_filter(expressions: str | Iterable[str] | None) -> Filter | None:
    """One filter tree from one expression or several (ANDed); None for no filter."""
    if expressions is None:
        return None
    if isinstance(expressions, str):
        expressions = [expressions]
    nodes: list[Filter] = []
    for expr in expressions:
        if not expr or not expr.strip():
            continue
        if len(expr) > MAX_FILTER:
            raise QueryError(f"filter too long: {len(expr)} characters (at most {MAX_FILTER})")
        nodes.append(_Parser(_tokens(expr)).parse())
    if not nodes:
        return None
    return nodes[0] if len(nodes) == 1 else And(tuple(nodes))


def equals(name: str, raw: str) -> Filter:
    """`name = raw` as a filter node, the value checked against the field's type (for URL parameters)."""
    f = lookup(name)
    return Compare(f.name, "=", _convert(f, raw))


def all_of(*nodes: Filter | None) -> Filter | None:
    kept = tuple(n for n in nodes if n is not None)
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else And(kept)


def filter_fields(node: Filter | None) -> set[str]:
    if node is None:
        return set()
    if isinstance(node, (And, Or)):
        return set().union(*(filter_fields(n) for n in node.items))
    if isinstance(node, Not):
        return filter_fields(node.item)
    return {node.field}


# --- free text -------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    phrase: str  # normalised (see textmatch.normalise)
    negated: bool = False
    raw: str = ""


def parse_text(text: str | None) -> tuple[Term, ...]:
    """Words and "phrases" of a free-text query; an unclosed quote runs to the end."""
    if not text:
        return ()
    if len(text) > MAX_TEXT:
        raise QueryError(f"query too long: {len(text)} characters (at most {MAX_TEXT})")
    terms: list[Term] = []
    for m in re.finditer(r'(-?)"([^"]*)"?|(-?)(\S+)', text):
        if m.group(2) is not None:
            negated, raw = m.group(1) == "-", m.group(2)
        else:
            negated, raw = m.group(3) == "-", m.group(4)
            if raw == "-":  # a dash on its own excludes nothing
                continue
        phrase = normalise(raw.replace('"', ""))
        if phrase:
            terms.append(Term(phrase, negated, raw))
    return tuple(terms)


# --- the query ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Sort:
    field: str
    descending: bool = False


def parse_sort(spec: str | None) -> Sort | None:
    """`year:desc`, `figures.requests.new_received.total:asc`; None or 'relevance' for best first."""
    if not spec or spec.strip() in ("relevance", "_score"):
        return None
    name, _, direction = spec.strip().partition(":")
    direction = (direction or "asc").lower()
    if direction not in ("asc", "desc"):
        raise QueryError(f"sort direction must be asc or desc, not {direction[:20]!r}")
    f = lookup(name)
    if not f.sort:
        raise QueryError(f"cannot sort by {f.name}")
    return Sort(f.name, direction == "desc")


@dataclass(frozen=True)
class Query:
    text: tuple[Term, ...] = ()
    filter: Filter | None = None
    facets: tuple[str, ...] = ()
    sort: Sort | None = None
    limit: int = 20
    offset: int = 0

    @property
    def phrases(self) -> list[str]:
        return [t.phrase for t in self.text if not t.negated]


def build_query(
    text: str | None = None,
    filters: str | Iterable[str] | None = None,
    facets: Iterable[str] | None = None,
    sort: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> Query:
    """A validated Query from the strings a user typed; QueryError says what is wrong."""
    facet_names: list[str] = []
    for name in facets if facets is not None else ():
        for part in str(name).split(","):
            part = part.strip()
            if not part:
                continue
            f = lookup(part)
            if not f.facet:
                raise QueryError(f"{f.name} is not a facet (facets: {', '.join(DEFAULT_FACETS)}, ...)")
            if f.name not in facet_names:
                facet_names.append(f.name)
    limit, offset = whole_number(limit, "limit", low=0, high=MAX_LIMIT), whole_number(offset, "offset", low=0)
    if not 0 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 0 and {MAX_LIMIT}")
    if offset < 0 or offset + limit > MAX_WINDOW:
        raise QueryError(f"offset must be at least 0 and offset + limit at most {MAX_WINDOW}")
    return Query(parse_text(text), parse_filter(filters), tuple(facet_names), parse_sort(sort), limit, offset)


@dataclass(frozen=True)
class Aggregate:
    """sum / count / mean of one figure, grouped by region level and/or year, over a query's matches."""

    figure: str  # dotted key, with or without the figures. prefix
    group_by: tuple[str, ...] = ("province", "year")
    query: Query = field(default_factory=Query)

    @property
    def field(self) -> str:
        from ogi.indexer.fields import RATE_FIELDS

        if self.figure.startswith("figures.") or self.figure in RATE_FIELDS:  # a rate (ogi.audit) is its own field
            return self.figure
        return "figures." + self.figure


GROUPABLE = ("province", "city", "county", "township", "region_level", "year", "agency_level", "table_format", "format")


def build_aggregate(figure: str, group_by: Iterable[str] = ("province", "year"), query: Query | None = None) -> Aggregate:
    from ogi.indexer.fields import RATE_FIELDS

    name = figure if figure.startswith("figures.") or figure in RATE_FIELDS else "figures." + figure
    f = lookup(name)
    if f.kind != "float":
        raise QueryError(f"{figure} is not a figure")
    groups = tuple(g.strip() for part in group_by for g in str(part).split(",") if g.strip())
    for g in groups:
        if g not in GROUPABLE:
            raise QueryError(f"cannot group by {g[:40]!r} (one of {', '.join(GROUPABLE)})")
    if len(groups) > 3:
        raise QueryError("group by at most three fields")
    return Aggregate(f.name, groups, query or Query())
