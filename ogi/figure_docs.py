"""docs/figures.md, the glossary of figure keys, generated from the code (issue 19).

    python -m ogi.figure_docs > docs/figures.md

Every key of `ogi.figure_keys` with its official printed label (`ogi.figure_labels`), its table,
the table formats that print it and its type; then the other columns of the exports. The web
app serves the same text (/glossary and /glossary.md); tests/test_figure_docs.py fails when
the committed file differs from what this prints.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ogi.export_formats import FIGURE_BLANK, META, SEPARATOR, TABLE_TITLE, describe, figure_path
from ogi.figure_keys import union_keys

TABLE_KEYS = {"proactive": "proactive.<item>.<column>", "requests": "requests.<row>.<applicant>",
              "appeals": "appeals.<group>.<outcome>"}
TABLE_NUMBER = {"proactive": "二", "requests": "三", "appeals": "四"}
COMMAND = "python -m ogi.figure_docs > docs/figures.md"


def figure_rows() -> Iterator[dict[str, str]]:
    """One entry per figure key, by table, in printed order (2021 format, then the keys only the
    2019 format prints)."""
    keys = union_keys()
    for table in TABLE_KEYS:
        for key in keys:
            if key.split(".")[0] != table:
                continue
            column = describe(key)
            yield {"key": key, "label": SEPARATOR.join(figure_path(key)[1:]), "table": TABLE_NUMBER[table],
                   "table_title": TABLE_TITLE[table], "formats": column.formats, "type": column.type,
                   "header": column.label}


def render() -> str:
    """The Markdown of docs/figures.md."""
    out: list[str] = [
        "# Figure keys: the glossary",
        "",
        f"<!-- Generated from ogi/figure_keys.py and ogi/figure_labels.py by `{COMMAND}`;",
        "     do not edit by hand (tests/test_figure_docs.py fails when it differs). -->",
        "",
        "Every standard figure of a 政府信息公开工作年度报告 has a dotted key: the column name in",
        "`ogi export` and `/api/figures` (CSV, XLSX, Parquet, JSON) and the field in search filters",
        "(`figures.<key>`). This glossary lists each key with the official label printed in the",
        "report (row, with its parent rows, then column), the table it is in, the table formats that",
        "print it and its type. `--headers zh` (CLI) and `headers=zh` (web) put the official labels",
        "in the header row instead of the keys: table title, row and column joined by `/`.",
        "",
        "Values are the numbers as printed, never repaired. An empty cell (`null`) means the report",
        "printed nothing there (a blank cell, or `/`, `—`, `-`, `无` for \"not applicable\"), the",
        "report's table format has no such cell, or the cell could not be read; `0` means a 0 was",
        "printed. Amounts are in 万元.",
        "",
        "| table format | prescribed by | used for report years |",
        "|---|---|---|",
        "| `2021` | 国办公开办函〔2021〕30号 | 2021 onward (some agencies already in 2020) |",
        "| `2019` | 国办公开办函〔2019〕60号 | 2019 and 2020 |",
        "| `none` | — | before 2019, and anything without the standard tables (no figures) |",
        "",
    ]
    rows = list(figure_rows())
    for table, pattern in TABLE_KEYS.items():
        mine = [r for r in rows if r["key"].split(".")[0] == table]
        out += [f"## {TABLE_TITLE[table]} — `{pattern}` ({len(mine)} keys)", "",
                "| key | official label | table | format | type |", "|---|---|---|---|---|"]
        out += [f"| `{r['key']}` | {r['label']} | {r['table']} | {r['formats']} | {r['type']} |" for r in mine]
        out.append("")
    out += ["## The other columns of the exports", "",
            "One row per report (`ogi export`, `/api/figures`): these columns, then one per figure key above.",
            "", "| column | 中文 header | type | meaning |", "|---|---|---|---|"]
    out += [f"| `{key}` | {name} | {kind} | {meaning} |" for key, (name, kind, meaning) in META.items()]
    out += ["", f"A figure column: {FIGURE_BLANK}.", ""]
    return "\n".join(out)


def main() -> int:
    sys.stdout.buffer.write(render().encode("utf-8"))  # UTF-8 whatever the locale
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
