"""Issue 18, part 1: the rules registry and the checks beyond the spec's identities — cross-year
(carry-over, 现行有效), text vs tables, section 五, the fee statement, missing or blank tables —
on hand-made reports whose truths are counted by hand (tests/auditdata.py), and searchable
(`checks_ok`, the `check` facet)."""

from __future__ import annotations

import pytest

from ogi import audit, audit_rules
from ogi import figure_keys as fk
from ogi.document import TableFormat


# --- the registry ------------------------------------------------------------------------------------

def test_every_rule_a_check_can_report_is_registered() -> None:
    names = {r.name for r in audit_rules.RULES}
    assert {"row_total", "column_balance", "results_total", "appeals_total", "cross_year_carry",
            "cross_year_in_force", "text_vs_table", "section5_empty", "fee_statement", "tables_missing",
            "tables_mostly_blank", "tables_same_as_last_year", "text_reused"} <= names
    assert all(r.severity in ("error", "warning") and r.checks and r.title for r in audit_rules.RULES)
    table = audit_rules.markdown_table()
    assert all(f"`{n}`" in table for n in names)


def test_readme_lists_the_registry() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert audit_rules.markdown_table() in readme, "README's rule table is out of date: python -m ogi.audit_rules"


# --- within one report, on dicts -----------------------------------------------------------------------

def _report(text: str = "", sections: dict[int, str] | None = None, values: dict[str, float | None] | None = None,
            table_format: str = "2021", year: int = 2023) -> dict:
    figures = {k: {"value": 0, "raw": "0"} for k in fk.all_keys(TableFormat(table_format))} if table_format != "none" \
        else {}
    for k, v in (values or {}).items():
        figures[k] = {"value": v, "raw": "" if v is None else str(v)}
    secs = [{"number": n, "title": "", "text": t} for n, t in (sections or {}).items()]
    return {"id": "r", "year": year, "table_format": table_format, "figures": figures, "sections": secs,
            "text": text or "\n".join(t for t in (sections or {}).values())}


def _one(checks: list[dict], rule: str) -> dict:
    found = [c for c in checks if c["rule"] == rule]
    assert len(found) == 1, checks
    return found[0]


def test_text_says_85_new_requests_table_says_58() -> None:
    r = _report(sections={1: "本机关新收政府信息公开申请85件，已全部办结。"},
                values={"requests.new_received.total": 58})
    check = _one(audit.text_vs_table(r), "text_vs_table")
    assert check["ok"] is False and check["expected"] == 85 and check["actual"] == 58
    assert "85件" in check["evidence"] and check["severity"] == "error"


def test_text_numbers_that_agree_pass_and_each_statement_is_checked() -> None:
    text = ("全年共收到政府信息公开申请214件，上年结转22件，已全部按照法定时限答复224件，结转下年度继续办理12件。"
            "全年发生政府信息公开行政复议3件，行政诉讼2件。")
    r = _report(sections={1: text}, values={
        "requests.new_received.total": 214, "requests.carried_over.total": 22, "requests.results_total.total": 224,
        "requests.carried_forward.total": 12, "appeals.review.total": 3, "appeals.litigation_direct.total": 1,
        "appeals.litigation_after_review.total": 1})
    checks = audit.text_vs_table(r)
    assert {c["scope"] for c in checks} == {
        "requests.new_received.total", "requests.carried_over.total", "requests.results_total.total",
        "requests.carried_forward.total", "appeals.review.total",
        "appeals.litigation_direct.total+appeals.litigation_after_review.total"}
    assert all(c["ok"] is True for c in checks), checks


def test_new_requests_stated_with_last_years_included() -> None:
    r = _report(sections={1: "共收到政府信息公开申请236件（含上年结转22件）。"},
                values={"requests.new_received.total": 214, "requests.carried_over.total": 22})
    assert all(c["ok"] for c in audit.text_vs_table(r) if c["scope"] == "requests.new_received.total")


def test_none_received_is_a_zero_and_a_blank_cell_is_not_evaluable() -> None:
    r = _report(sections={1: "全年未收到政府信息公开申请。"}, values={"requests.new_received.total": 3})
    check = _one(audit.text_vs_table(r), "text_vs_table")
    assert check["ok"] is False and check["expected"] == 0 and check["actual"] == 3
    r = _report(sections={1: "本年新收政府信息公开申请7件。"}, values={"requests.new_received.total": None})
    assert _one(audit.text_vs_table(r), "text_vs_table")["ok"] is None


@pytest.mark.parametrize("text, ok", [("无。", False), ("暂无", False), ("", False), ("没有。", False),
                                      ("一是政策解读形式单一；二是答复文书格式不统一，下一步将加强培训。", True)])
def test_section_five(text, ok) -> None:
    check = audit.section5(_report(sections={1: "总体", 5: text, 6: "未收取信息处理费。"}))
    assert check["ok"] is ok and check["severity"] == "warning"


def test_section_five_missing_and_no_sections() -> None:
    assert audit.section5(_report(sections={1: "总体", 6: "x"}))["ok"] is False
    assert audit.section5(_report(text="一段没有标题的文字"))["ok"] is None


def test_fee_statement() -> None:
    # 行政事业性收费 in table 二 is not the 信息处理费 of section 六: 1846.27 万元 there and "未收取" here agree
    fine = _report(sections={1: "x", 6: "本年度未收取信息处理费。"}, values={"proactive.fees.amount": 1846.27})
    assert audit.fee_statement(fine)["ok"] is True
    charged = _report(sections={1: "x", 6: "本年度共收取信息处理费120元。"})
    assert audit.fee_statement(charged)["ok"] is True
    silent = _report(sections={1: "x", 6: "无其他需要报告的事项。"})
    assert audit.fee_statement(silent)["ok"] is False
    unpaid = _report(sections={1: "x", 6: "本年度未收取信息处理费。"}, values={"requests.other_unpaid_fee.total": 2})
    check = audit.fee_statement(unpaid)
    assert check["ok"] is False and check["actual"] == 2 and "收费通知" in check["evidence"]


def test_tables_missing_or_as_text() -> None:
    as_text = _report(text="一、本年新收政府信息公开申请数量 5 二、上年结转政府信息公开申请数量 0 三、本年度办理结果 予以公开 5",
                      table_format="none")
    check = _one(audit.tables(as_text), "tables_missing")
    assert check["ok"] is False and "printed as text" in check["evidence"]
    assert _one(audit.tables(_report(text="x", table_format="none", year=2015)), "tables_missing")["ok"] is None


def test_tables_mostly_blank() -> None:
    keys = [k for k in fk.all_keys(TableFormat.F2021)
            if not (k.startswith("requests.") and k.split(".")[1] in ("other", *fk.OTHER_SUBROWS))]
    # hand count, 2021 format: table 二 3 + 3 + 1 + 1 + 1 + 1 = 10; table 三 26 rows less （六） as one row and
    # as three (one of the two is always blank) = 22 rows × 7 columns = 154; table 四 15
    assert len(keys) == 10 + 154 + 15 == 179
    blank = {k: None for k in keys[:100]}
    check = _one(audit.tables(_report(values=blank)), "tables_mostly_blank")
    assert check["ok"] is False and check["actual"] == 100
    half = {k: None for k in keys[: len(keys) // 2]}
    assert _one(audit.tables(_report(values=half)), "tables_mostly_blank")["ok"] is True


# --- cross-year, on dicts ------------------------------------------------------------------------------

def test_cross_year_needs_consecutive_years() -> None:
    this = _report(values={"requests.carried_over.total": 1}, year=2023)
    assert [c for c in audit.cross_year(this, _report(year=2021)) if c["rule"].startswith("cross_year")] == []


# --- end to end: the hand-made reports, extracted, assembled and indexed -------------------------------

@pytest.fixture(scope="module")
def records(tmp_path_factory):
    from auditdata import build
    from ogi.indexer import open_backend
    from ogi.indexer.query import Query

    settings = build(tmp_path_factory.mktemp("audit"))
    backend = open_backend(settings)
    found = {(r["agency"], r["year"]): r for r in backend.iter_records(Query())}
    return settings, backend, found


def _failed(record: dict, rule: str) -> dict[str, dict]:
    return {c["scope"]: c for c in record["audit"]["checks"] if c["rule"] == rule and c["ok"] is False}


def test_broken_carry_over_and_in_force_are_checks_of_the_later_report(records) -> None:
    _, _, found = records
    later, earlier = found[("西峡县人民政府", 2023)], found[("西峡县人民政府", 2022)]
    # 2022 结转下年度 (3,1,0,0,1,0,5); 2023 上年结转 (2,1,0,0,1,0,4): 自然人 and 总计 differ
    carry = {c["scope"]: c for c in later["audit"]["checks"] if c["rule"] == "cross_year_carry"}
    assert len(carry) == 7
    assert set(_failed(later, "cross_year_carry")) == {"requests.carried_over.natural_person",
                                                         "requests.carried_over.total"}
    assert (carry["requests.carried_over.total"]["expected"], carry["requests.carried_over.total"]["actual"]) == (5, 4)
    # 行政规范性文件: 40 + 5 − 2 = 43, printed 45; 规章 0 + 0 − 0 = 0, printed 0
    in_force = {c["scope"]: c for c in later["audit"]["checks"] if c["rule"] == "cross_year_in_force"}
    assert in_force["proactive.normative_documents.in_force"]["ok"] is False
    assert (in_force["proactive.normative_documents.in_force"]["expected"],
            in_force["proactive.normative_documents.in_force"]["actual"]) == (43, 45)
    assert in_force["proactive.rules.in_force"]["ok"] is True
    assert later["checks_ok"] is False and set(later["check"]) == {"cross_year_carry", "cross_year_in_force"}
    assert earlier["checks_ok"] is True and earlier["check"] == []  # the earlier report is not blamed
    # 镇平: 2022 结转下年度 0 = 2023 上年结转 0; 10 + 2 − 1 = 11 printed 11
    zp = found[("镇平县人民政府", 2023)]
    assert not _failed(zp, "cross_year_carry") and not _failed(zp, "cross_year_in_force")


def test_text_vs_table_and_section_five_end_to_end(records) -> None:
    _, _, found = records
    xc = found[("淅川县人民政府", 2023)]
    check = _failed(xc, "text_vs_table")["requests.new_received.total"]
    assert (check["expected"], check["actual"]) == (85, 58)
    assert "section5_empty" in xc["check"] and xc["checks_ok"] is False
    sq = found[("社旗县人民政府", 2023)]  # "全年未收到政府信息公开申请" and 0 in the table
    assert [c["ok"] for c in sq["audit"]["checks"] if c["rule"] == "text_vs_table"] == [True]
    assert sq["check"] == [] and sq["checks_ok"] is True


def test_checks_are_searchable(records) -> None:
    settings, backend, _ = records
    from ogi.indexer.service import search

    result = search(settings, filters=["check = cross_year_carry"], facets=["check", "checks_ok"], backend=backend)
    assert [(h.record["agency"], h.record["year"]) for h in result.hits] == [("西峡县人民政府", 2023)]
    every = search(settings, facets=["check", "checks_ok"], backend=backend)
    assert every.total == 6
    assert every.facets["check"] == {"cross_year_carry": 1, "cross_year_in_force": 1, "text_vs_table": 1,
                                     "section5_empty": 1, "text_reused": 1}
    assert every.facets["checks_ok"] == {"true": 4, "false": 2}


def test_tables_identical_to_last_years() -> None:
    values = {f"requests.new_received.{c}": v for c, v in zip(fk.APPLICANTS, (5, 1, 1, 1, 1, 1, 10))}
    values.update({f"requests.granted.{c}": v for c, v in zip(fk.APPLICANTS, (5, 1, 1, 1, 1, 1, 10))})
    last, this = _report(values=values, year=2022), _report(values=values, year=2023)
    # 14 non-zero cells, every cell equal: flagged
    check = _one(audit.cross_year(this, last), "tables_same_as_last_year")
    assert check["ok"] is False and check["severity"] == "warning"
    changed = _report(values={**values, "requests.granted.total": 11}, year=2023)
    assert _one(audit.cross_year(changed, last), "tables_same_as_last_year")["ok"] is True
    few = {k: v for k, v in list(values.items())[:7]}  # 7 non-zero cells: too few to call it a copy
    assert _one(audit.cross_year(_report(values=few, year=2023), _report(values=few, year=2022)),
                "tables_same_as_last_year")["ok"] is True
