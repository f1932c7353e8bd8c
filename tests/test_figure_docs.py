"""docs/figures.md is what the code generates (it cannot drift from ogi/figure_keys.py and
ogi/figure_labels.py), lists every figure key once with its label, table, format and type, and
the README links it instead of a file outside the repository."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from ogi.figure_docs import COMMAND, render
from ogi.figure_keys import union_keys

ROOT = Path(__file__).parents[1]
DOC = ROOT / "docs" / "figures.md"


def test_committed_glossary_is_what_the_code_generates() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), f"docs/figures.md is out of date: run {COMMAND}"


def test_the_module_prints_it() -> None:
    result = subprocess.run([sys.executable, "-m", "ogi.figure_docs"], capture_output=True, timeout=60, check=True,
                            cwd=ROOT)
    assert result.stdout.decode("utf-8") == DOC.read_text(encoding="utf-8")


def test_every_key_once_with_label_table_format_and_type() -> None:
    rows = re.findall(r"^\| `([a-z_]+\.[a-z_]+\.[a-z_]+)` \| ([^|]+) \| ([二三四]) \| ([0-9, ]+) \| ([^|]+) \|$",
                      DOC.read_text(encoding="utf-8"), flags=re.M)
    assert [r[0] for r in rows] == [k for t in ("proactive", "requests", "appeals") for k in union_keys()
                                    if k.startswith(t + ".")]
    by_key = {r[0]: r[1:] for r in rows}
    # by hand, from the printed tables
    assert by_key["requests.granted.natural_person"] == ("三、本年度办理结果/（一）予以公开/自然人", "三", "2021, 2019",
                                                         "integer (a count)")
    assert by_key["requests.other_other.total"][:3] == ("三、本年度办理结果/（六）其他处理/3.其他/总计", "三", "2021")
    assert by_key["proactive.procurement.amount"] == ("政府集中采购/金额（万元）", "二", "2019",
                                                      "number, 万元 (decimals as printed)")
    assert by_key["proactive.licensing.change"][3] == "integer, may be negative (本年增/减)"
    assert by_key["appeals.litigation_direct.pending"][:2] == ("行政诉讼/未经复议直接起诉/尚未审结", "四")


def test_readme_links_the_glossary_in_the_repository() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/figures.md)" in readme
    assert "../shared/spec" not in readme
