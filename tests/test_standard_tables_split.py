"""Table 三 cut in two by a page break (Word pasted into a CMS as two <table>s): the continuation
has no group-label column and blank cells — sometimes a whole column of them, when nobody in
that part applied as, say, a 科研机构. No value may land in another column: a cell is right or
null, never wrong (property-style: blanks shuffled into random rows and whole columns)."""

from __future__ import annotations

import random

import pytest

from ogi.demo.portals import _formats as F
from ogi.extract import extract_bytes

COLUMNS = ("natural_person", "enterprise", "research", "social_org", "legal_service", "other_org", "total")
TITLE = "攸县人民政府2023年政府信息公开工作年度报告"


def _split_report(seed: int, split_at: int, blank_column: int | None, blank_share: float) -> tuple[bytes, dict]:
    """The report's table 三 cut before row `split_at`; the continuation loses its rowspan label
    cells, some value cells are blanked (all of `blank_column`). Returns (html, truth)."""
    figures = F.make_figures(seed, "2021", 1.0)
    rows = F.table3(figures)
    rng = random.Random(seed * 1000 + split_at)
    head, tail = rows[:split_at], []
    blanked: set[tuple[str, str]] = set()
    for row in rows[split_at:]:
        cells = [cell for cell in row if not (cell[1] > 1 and not str(cell[0]).isdigit())]  # no group column
        labels = len(cells) - len(COLUMNS)
        out = []
        for i, (text, rs, cs) in enumerate(cells):
            column = i - labels
            if column >= 0 and (column == blank_column or rng.random() < blank_share):
                out.append(("", rs, cs))
                blanked.add((str(cells[0][0]), COLUMNS[column]))
            else:
                out.append((text, rs, cs))
        tail.append(out)
    html = (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
            "<p>三、收到和处理政府信息公开申请情况</p>" + F.table_html(head, "word") + "<p>&nbsp;</p>"
            + F.table_html(tail, "word") + "</body></html>")
    labels = dict(F.ROWS_2021)
    truth = {}
    for key, values in figures.requests.items():
        for column, value in zip(COLUMNS, values):
            blank = (labels.get(key, ""), column) in blanked
            truth[f"requests.{key}.{column}"] = None if blank else value
    return html.encode("utf-8"), truth


@pytest.mark.parametrize("blank_column", [None, *range(len(COLUMNS))])
def test_no_value_moves_to_another_column(blank_column):
    wrong, right = [], 0
    for seed in (1, 2, 3):
        for split_at in (8, 12, 17):
            html, truth = _split_report(seed, split_at, blank_column, 0.2)
            doc = extract_bytes(html, document_url="http://gov.example/split.html")
            for key, expected in truth.items():
                fig = doc.figures.get(key)
                if fig is None or fig.value is None:
                    continue
                if expected is None or fig.value != expected:
                    wrong.append((seed, split_at, key, fig.value, expected, fig.confidence))
                else:
                    right += 1
    assert not wrong, wrong[:10]
    assert right > 0.5 * 9 * 21 * len(COLUMNS)  # and most cells are still read
