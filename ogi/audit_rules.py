"""Every rule a report is checked against, in one place: its name, what it checks, how serious a
failure is. The checks (`ogi.checks`, `ogi.audit`), the web pages (/rules, the report and agency
pages) and the README's table (`python -m ogi.audit_rules` prints it) all read this registry.

Severity:

* ``error`` — the report contradicts itself or last year's report (an identity of the spec, a
  cross-year identity, a number stated in the text that the tables contradict). A failed
  ``error`` rule makes the report's ``checks_ok`` false.
* ``warning`` — the report is incomplete or suspicious (section 五 empty, tables blank, text copied
  from last year). Searchable through the ``check`` facet, but ``checks_ok`` is about errors only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Rule:
    name: str
    title: str  # short Chinese name, as a page shows it
    checks: str  # what it checks, one sentence
    severity: Severity
    scope: Literal["report", "cross_year"] = "report"


RULES: tuple[Rule, ...] = (
    # --- identities of the spec (ogi.checks.evaluate) --------------------------------------------
    Rule("row_total", "行合计", "every row of table 三: 总计 = the six applicant columns added up", "error"),
    Rule("column_balance", "列平衡", "every column of table 三: 本年新收 + 上年结转 = 办理结果总计 + 结转下年度",
         "error"),
    Rule("results_total", "办理结果合计", "every column of table 三: （七）总计 = the outcome rows added up", "error"),
    Rule("appeals_total", "复议诉讼合计", "every group of table 四: 总计 = 维持 + 纠正 + 其他 + 尚未审结", "error"),
    # --- against last year's report of the same agency (ogi.audit.cross_year) ----------------------
    Rule("cross_year_carry", "跨年结转", "every column of table 三: this year's 上年结转 = last year's 结转下年度",
         "error", "cross_year"),
    Rule("cross_year_in_force", "跨年现行有效",
         "规章 and 行政规范性文件 in table 二: 现行有效 = last year's 现行有效 + 本年制发 − 本年废止", "error",
         "cross_year"),
    Rule("tables_same_as_last_year", "表格与上年相同",
         "tables 二–四 print exactly last year's numbers (at least 10 non-zero cells, all equal)", "warning",
         "cross_year"),
    Rule("text_reused", "文字沿用上年",
         "90 % or more of the report's own words (template removed) are last year's report's", "warning",
         "cross_year"),
    # --- within the report (ogi.audit.report_checks) ------------------------------------------------
    Rule("text_vs_table", "文字与表格不符",
         "a number stated in the text (本年新收, 上年结转, 办结/答复, 结转下年度, 行政复议, 行政诉讼) "
         "equals the table's", "error"),
    Rule("section5_empty", "第五部分空泛",
         "section 五 (存在的主要问题及改进情况) is present and says more than a token (无, 暂无, 没有 …)", "warning"),
    Rule("fee_statement", "收费说明",
         "section 六 says whether 信息处理费 was charged; if table 三 counts requests ended for an unpaid fee notice, "
         "section 六 does not say no fee was charged", "warning"),
    Rule("tables_missing", "缺少统计表",
         "a report of 2019 or later prints the standard tables (not only their words in the text)", "warning"),
    Rule("tables_mostly_blank", "统计表大多空白",
         "at most half of the cells of the standard tables are blank or “/”", "warning"),
)

BY_NAME = {r.name: r for r in RULES}
MIN_PEERS = 5  # a peer group smaller than this gets no percentile rating nor outlier flag
REUSE_THRESHOLD = 0.9  # text_reused fails at this share of reused words


def rule(name: str) -> Rule:
    return BY_NAME[name]


def severity(name: str) -> Severity:
    found = BY_NAME.get(name)
    return found.severity if found else "error"


def markdown_table() -> str:
    """The README's rule table."""
    lines = ["| rule | | severity | checks |", "|---|---|---|---|"]
    for r in RULES:
        lines.append(f"| `{r.name}` | {r.title} | {r.severity} | {r.checks} |")
    return "\n".join(lines)


if __name__ == "__main__":  # python -m ogi.audit_rules
    print(markdown_table())
