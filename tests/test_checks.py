from __future__ import annotations

from ogi import figure_keys as fk
from ogi.checks import cross_year_checks, evaluate
from ogi.document import Document, Figure, Region, SourceFormat, TableFormat


def _figures(values: dict[str, float | None]) -> dict[str, Figure]:
    figs = {k: Figure(0, "0") for k in fk.all_keys(TableFormat.F2021)}
    for c in fk.APPLICANTS:
        figs[f"requests.other.{c}"] = Figure(None, None)
    figs.update({k: Figure(v, "" if v is None else str(v)) for k, v in values.items()})
    return figs


def _by_scope(checks):
    return {c.scope: c for c in checks}


def test_all_zero_report_passes_every_identity() -> None:
    checks = evaluate(_figures({}), TableFormat.F2021, "split")
    assert len(checks) == 25 + 7 + 7 + 3
    assert all(c.ok is True for c in checks)


def test_failures_are_recorded_with_both_sides() -> None:
    checks = _by_scope(evaluate(_figures({"appeals.review.total": 10, "appeals.review.upheld": 3,
                                          "appeals.review.corrected": 1}), TableFormat.F2021, "split"))
    review = checks["appeals.review.*"]
    assert review.ok is False and review.expected == 10 and review.actual == 4
    assert checks["appeals.litigation_direct.*"].ok is True


def test_null_cell_makes_a_check_not_evaluable() -> None:
    checks = _by_scope(evaluate(_figures({"requests.granted.total": None}), TableFormat.F2021, "split"))
    assert checks["requests.granted.*"].ok is None
    assert checks["requests.results_total.total"].ok is None
    assert checks["requests.granted.*"].expected is None


def test_single_other_row_variant() -> None:
    values: dict[str, float | None] = {f"requests.{r}.{c}": None for r in fk.OTHER_SUBROWS for c in fk.APPLICANTS}
    values.update({f"requests.other.{c}": 0 for c in fk.APPLICANTS})
    values.update({"requests.other.natural_person": 2, "requests.other.total": 2,
                   "requests.results_total.natural_person": 2, "requests.results_total.total": 2,
                   "requests.new_received.natural_person": 2, "requests.new_received.total": 2})
    checks = evaluate(_figures(values), TableFormat.F2021, "single")
    assert all(c.ok is True for c in checks), [c for c in checks if not c.ok]
    assert not any(c.scope.startswith("requests.other_") for c in checks)


def _doc(year: int, figures: dict[str, Figure]) -> Document:
    return Document(id=str(year), url=None, document_url=f"file:///{year}", sha256="", is_annual_report=True,
                    not_report_reason=None, title=None, agency="X", agency_level=None, region=Region(), year=year,
                    published_at=None, format=SourceFormat.TEXT, table_format=TableFormat.F2021, figures=figures,
                    checks=(), sections=(), text="")


def test_cross_year_carry() -> None:
    last = _doc(2022, _figures({"requests.carried_forward.natural_person": 3, "requests.carried_forward.total": 3}))
    this = _doc(2023, _figures({"requests.carried_over.natural_person": 3, "requests.carried_over.total": 2}))
    checks = _by_scope(cross_year_checks(this, last))
    assert checks["requests.carried_over.natural_person"].ok is True
    assert checks["requests.carried_over.total"].ok is False
    assert cross_year_checks(this, _doc(2021, {})) == ()
