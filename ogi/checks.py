"""The identities of the spec (勾稽关系), evaluated on a report's figures.

A failure is recorded, never "fixed"; a check over a null cell is not evaluable
(`ok` is None), never passed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Mapping, Sequence

from ogi import figure_keys as fk
from ogi.document import Check, Document, Figure, TableFormat

Number = float | int


def _value(figures: Mapping[str, Figure], key: str) -> Number | None:
    fig = figures.get(key)
    return None if fig is None else fig.value


def _equal(a: Number, b: Number) -> bool:
    return abs(a - b) < 1e-6


def _identity(rule: str, scope: str, figures: Mapping[str, Figure], lhs: Sequence[str], rhs: Sequence[str]) -> Check:
    left = [_value(figures, k) for k in lhs]
    right = [_value(figures, k) for k in rhs]
    cells = tuple(lhs) + tuple(rhs)
    if any(v is None for v in left + right):
        known_left = sum(v for v in left if v is not None) if all(v is not None for v in left) else None
        known_right = sum(v for v in right if v is not None) if all(v is not None for v in right) else None
        return Check(rule, scope, None, known_left, known_right, cells)
    expected = _tidy(sum(left))  # type: ignore[arg-type]
    actual = _tidy(sum(right))  # type: ignore[arg-type]
    return Check(rule, scope, _equal(expected, actual), expected, actual, cells)


def _tidy(n: Number) -> Number:
    if isinstance(n, float):
        n = round(n, 6)
        if n.is_integer():
            return int(n)
    return n


def request_rows_in_use(table_format: TableFormat, other_variant: str | None) -> tuple[str, ...]:
    """Rows of table 三 this report prints: （六） as three sub-rows or as one."""
    if table_format is TableFormat.F2019 or other_variant == "single":
        return fk.REQUEST_ROWS_2019
    return tuple(r for r in fk.REQUEST_ROWS_2021 if r != "other")


def evaluate(figures: Mapping[str, Figure], table_format: TableFormat, other_variant: str | None) -> tuple[Check, ...]:
    """Every identity of the spec for this report, in the spec's order."""
    if table_format is TableFormat.NONE:
        return ()
    rows = request_rows_in_use(table_format, other_variant)
    outcome_rows = [r for r in rows if r not in ("new_received", "carried_over", "results_total", "carried_forward")]
    checks: list[Check] = []
    # 1. every row: total = sum of the six applicant columns
    for row in rows:
        checks.append(
            _identity("row_total", f"requests.{row}.*", figures,
                      [f"requests.{row}.total"], [f"requests.{row}.{c}" for c in fk.APPLICANT_PARTS])
        )
    # 2. every column: new + carried over = results total + carried forward
    for col in fk.APPLICANTS:
        checks.append(
            _identity("column_balance", f"requests.balance.{col}", figures,
                      [f"requests.new_received.{col}", f"requests.carried_over.{col}"],
                      [f"requests.results_total.{col}", f"requests.carried_forward.{col}"])
        )
    # 3. every column: results total = sum of all outcome rows
    for col in fk.APPLICANTS:
        checks.append(
            _identity("results_total", f"requests.results_total.{col}", figures,
                      [f"requests.results_total.{col}"], [f"requests.{r}.{col}" for r in outcome_rows])
        )
    # 4. every group of table 四: total = upheld + corrected + other + pending
    for group in fk.APPEAL_GROUPS:
        checks.append(
            _identity("appeals_total", f"appeals.{group}.*", figures,
                      [f"appeals.{group}.total"], [f"appeals.{group}.{o}" for o in fk.APPEAL_OUTCOMES[:-1]])
        )
    return tuple(checks)


def verified_keys(results: Iterable[tuple[bool | None, Iterable[str]]]) -> frozenset[str]:
    """Figures an identity that holds confirms, minus every figure of an identity that fails;
    `results` are (ok, cells) of each check (from `Check`s or their JSON form)."""
    held: set[str] = set()
    failed: set[str] = set()
    for ok, cells in results:
        if ok is True:
            held.update(cells)
        elif ok is False:
            failed.update(cells)
    return frozenset(held - failed)


def mark_verified(figures: Mapping[str, Figure], checks: Sequence[Check]) -> dict[str, Figure]:
    """The figures with `verified` set from the identities (a null is never verified)."""
    keys = verified_keys((c.ok, c.cells) for c in checks)
    return {k: replace(f, verified=k in keys and f.value is not None) for k, f in figures.items()}


def cross_year_checks(this_year: Document, last_year: Document) -> tuple[Check, ...]:
    """The identities between two consecutive reports of one agency (rules in `ogi.audit_rules`):

    * ``cross_year_carry``, every column of table 三: this year's 上年结转 = last year's 结转下年度;
    * ``cross_year_in_force``, 规章 and 行政规范性文件 of table 二 (2021 format, both years):
      现行有效 = last year's 现行有效 + 本年制发 − 本年废止.

    They are checks of the later report (`ogi.audit` evaluates them when the index is built);
    a null cell makes one not evaluable, never passed.
    """
    if this_year.year is None or last_year.year is None or this_year.year != last_year.year + 1:
        return ()
    checks = []
    for col in fk.APPLICANTS:
        now = _value(this_year.figures, f"requests.carried_over.{col}")
        before = _value(last_year.figures, f"requests.carried_forward.{col}")
        ok = None if now is None or before is None else _equal(now, before)
        checks.append(Check("cross_year_carry", f"requests.carried_over.{col}", ok, before, now,
                            (f"requests.carried_over.{col}", f"{last_year.year}:requests.carried_forward.{col}")))
    if this_year.table_format is TableFormat.F2021 and last_year.table_format is TableFormat.F2021:
        for item in ("rules", "normative_documents"):
            before = _value(last_year.figures, f"proactive.{item}.in_force")
            issued = _value(this_year.figures, f"proactive.{item}.issued")
            repealed = _value(this_year.figures, f"proactive.{item}.repealed")
            now = _value(this_year.figures, f"proactive.{item}.in_force")
            parts = (before, issued, repealed)
            expected = None if any(v is None for v in parts) else _tidy(before + issued - repealed)  # type: ignore[operator]
            ok = None if expected is None or now is None else _equal(expected, now)
            checks.append(Check("cross_year_in_force", f"proactive.{item}.in_force", ok, expected, now,
                                (f"proactive.{item}.in_force", f"proactive.{item}.issued", f"proactive.{item}.repealed",
                                 f"{last_year.year}:proactive.{item}.in_force")))
    return tuple(checks)
