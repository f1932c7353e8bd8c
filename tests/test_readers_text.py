"""ogi.readers.text: Markdown pipe tables in a .txt/.md report read as tables, with the same
guarantee as every other reader — a cell is right or null (blank as printed), never wrong."""

from __future__ import annotations

import random

from ogi.demo.portals import _formats as F
from ogi.extract import extract_bytes

TITLE = "攸县人民政府2023年政府信息公开工作年度报告"
COLUMNS = ("natural_person", "enterprise", "research", "social_org", "legal_service", "other_org", "total")


def _markdown(seed: int) -> tuple[bytes, dict[str, int | None]]:
    figures = F.make_figures(seed, "2021", 1.0)
    rng = random.Random(seed)
    parts, blanked = [], set()
    for heading, rows in (("二、主动公开政府信息情况", F.table2(figures)),
                          ("三、收到和处理政府信息公开申请情况", F.table3(figures)),
                          ("四、政府信息公开行政复议、行政诉讼情况", F.table4(figures))):
        grid = F.table_grid(rows)
        lines = []
        for r, row in enumerate(grid):
            cells = []
            for c, text in enumerate(row):
                if heading.startswith("三") and text.isdigit() and rng.random() < 0.1:
                    blanked.add((r, c))
                    text = ""
                cells.append(text)
            lines.append("| " + " | ".join(cells) + " |")
            if r == 0:
                lines.append("|" + "---|" * len(row))
        parts.append(heading + "\n\n" + "\n".join(lines))
        if heading.startswith("三"):
            table3 = grid
    truth: dict[str, int | None] = {}
    labels = {label: key for key, label in F.ROWS_2021}
    for r, row in enumerate(table3):
        key = next((labels[cell] for cell in row if cell in labels), None)
        if key is None or key not in figures.requests:
            continue
        for column, value, c in zip(COLUMNS, figures.requests[key], range(len(row) - 7, len(row))):
            truth[f"requests.{key}.{column}"] = None if (r, c) in blanked else value
    return (TITLE + "\n\n" + "\n\n".join(parts)).encode("utf-8"), truth


def test_pipe_tables_are_read_and_no_cell_is_wrong():
    right = 0
    for seed in range(6):
        data, truth = _markdown(seed)
        doc = extract_bytes(data, document_url="http://gov.example/report.md", filename="report.md")
        assert doc.table_format.value == "2021"
        for key, want in truth.items():
            got = doc.figures[key].value
            assert got is None or got == want, (seed, key, got, want)
            right += got == want and want is not None
        assert doc.figures["appeals.review.total"].value is not None
        assert doc.figures["proactive.licensing.decisions"].value is not None
    assert right > 0.8 * 6 * len(truth)
