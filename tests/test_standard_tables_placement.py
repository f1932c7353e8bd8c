"""ogi.standard_tables: a row with fewer values than columns (a blank cell lost when the table
was pasted as text) is placed only where the identities prove it — the one placement under
which the row totals and the column identities hold — and is otherwise null, never shifted."""

from __future__ import annotations

import random

import pytest

from ogi import figure_keys as fk
from ogi.demo.portals import _formats as F
from ogi.grid import Row
from ogi.standard_tables import read_standard_tables

HEADINGS = ["三、收到和处理政府信息公开申请情况", "申请人情况", "自然人 法人或其他组织 总计",
            "商业企业 科研机构 社会公益组织 法律服务机构 其他"]


def _rows(figures, blanks: dict[str, set[int]]) -> list[Row]:
    """Table 三 as lines of text with single spaces between fields: a blank cell leaves no
    trace. `blanks` maps a row label fragment to the columns printed blank."""
    rows = [Row.of_text([h], f"line {i}", is_table_row=False) for i, h in enumerate(HEADINGS)]
    for n, grid_row in enumerate(F.table_grid(F.table3(figures))[3:]):
        label = next(t for t in reversed(grid_row[:-7]) if t)
        values = grid_row[-7:]
        drop = next((cols for frag, cols in blanks.items() if frag in label), set())
        rows.append(Row.of_text([label] + [v for i, v in enumerate(values) if i not in drop], f"row {n}"))
    return rows


def _truth(figures) -> dict[str, int]:
    return {f"requests.{row}.{col}": v for row, vals in figures.requests.items()
            for col, v in zip(fk.APPLICANTS, vals)}


def _set(figures, row: str, values: list[int]) -> None:
    """Rewrite one outcome row and keep every identity: the difference goes to 予以公开."""
    old = figures.requests[row]
    diff = [n - o for n, o in zip(values, old)]
    figures.requests[row] = values
    for key in ("results_total", "new_received"):
        figures.requests[key] = [v + d for v, d in zip(figures.requests[key], diff)]


def test_a_lost_blank_between_non_zero_values_is_placed_by_the_identities():
    figures = F.make_figures(3, "2021", 4.0)
    _set(figures, "denied_third_party", [3, 2, 0, 0, 0, 1, 6])
    # the 科研机构 cell (a 0) printed blank and lost: "3 2 0 0 1 6" — 6 values for 7 columns
    reading = read_standard_tables(_rows(figures, {"第三方": {2}}))
    got = {k: f.value for k, f in reading.figures.items() if k.startswith("requests.denied_third_party.")}
    assert got["requests.denied_third_party.natural_person"] == 3
    assert got["requests.denied_third_party.enterprise"] == 2
    assert got["requests.denied_third_party.total"] == 6
    assert got["requests.denied_third_party.other_org"] == 1
    # the cells around the blank are 0 or blank in some order: the identities cannot tell which
    for col in ("research", "social_org", "legal_service"):
        assert got[f"requests.denied_third_party.{col}"] in (0, None)
    codes = [w.code for w in reading.warnings]
    assert "cell_placed_by_identity" in codes


def test_a_row_the_identities_cannot_place_stays_null():
    figures = F.make_figures(5, "2021", 4.0)
    _set(figures, "granted", [7, 7, 0, 0, 0, 0, 14])
    _set(figures, "partially_granted", [7, 7, 0, 0, 0, 0, 14])
    # both rows lose their 自然人 cell: "7 0 0 0 0 14" — which 7 is missing cannot be proven in
    # either row alone, and the swap keeps every column identity
    reading = read_standard_tables(_rows(figures, {"予以公开": {0}, "部分公开": {0}}))
    truth = _truth(figures)
    for row in ("granted", "partially_granted"):
        for col in fk.APPLICANTS:
            key = f"requests.{row}.{col}"
            got = reading.figures[key].value
            assert got is None or (got == truth[key] and col not in ("natural_person",)), (key, got)


@pytest.mark.parametrize("seed", range(12))
def test_no_value_lands_in_a_wrong_column(seed):
    """Property: lose 1–2 cells in 1–3 random rows of a consistent table; every figure read is
    the printed one or null."""
    rng = random.Random(seed)
    figures = F.make_figures(seed, "2021", rng.choice([1.0, 4.0, 20.0]))
    truth = _truth(figures)
    grid = F.table_grid(F.table3(figures))[3:]
    labels = [next(t for t in reversed(r[:-7]) if t) for r in grid]
    chosen = rng.sample(range(len(labels)), rng.randint(1, 3))
    blanks = {labels[i]: set(rng.sample(range(7), rng.randint(1, 2))) for i in chosen}
    reading = read_standard_tables(_rows(figures, blanks))
    dropped = {(lab, c) for lab, cols in blanks.items() for c in cols}
    for key, fig in reading.figures.items():
        if not key.startswith("requests.") or fig.value is None:
            continue
        row, col = key.split(".")[1:]
        label = next((lab for lab, k in zip(labels, _row_keys(figures)) if k == row), None)
        assert (label, fk.APPLICANTS.index(col)) not in dropped, (key, fig)  # a lost cell is never made up
        assert fig.value == truth[key], (key, fig.value, truth[key], blanks)


def _row_keys(figures) -> list[str]:
    rows = ["new_received", "carried_over"] + [k for k in F.OUTCOMES_2021] + ["results_total", "carried_forward"]
    return rows
