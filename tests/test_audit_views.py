"""Issue 18, parts 2–5 without a browser: the year-on-year view (API and `ogi agency`), derived
rates (null on a zero denominator), peers (median, percentile, outlier, and no rating under the
minimum sample), rankings, text reuse (a copy ≥ 90 %, a rewrite low, the `reuse_prev_year`
filter), the region roll-up and its CSV. Every expected number is counted by hand from the
numbers written in tests/auditdata.py (or below)."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from ogi.indexer.query import Query
from ogi.indexer.reference import matches
from ogi import audit, audit_views, reuse

XIXIA, ZHENPING, XICHUAN, SHEQI = "411323:人民政府", "411324:人民政府", "411326:人民政府", "411327:人民政府"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from auditdata import build
    from ogi.indexer import open_backend
    from ogi.web.app import create_app

    settings = build(tmp_path_factory.mktemp("audit-views"))
    backend = open_backend(settings)
    records = {(r["agency_id"], r["year"]): r for r in backend.iter_records(Query())}
    return settings, backend, records, TestClient(create_app(settings))


class ListBackend:
    """A backend over a list of records (the reference semantics), for peer groups made up here."""

    def __init__(self, records):
        self.records = records

    def iter_records(self, query, fields=None):
        for r in self.records:
            if matches(query, r):
                yield r if fields is None else {k: v for k, v in r.items() if k in fields}


# --- rates --------------------------------------------------------------------------------------------

def test_rates_by_hand(built) -> None:
    _, _, records, _ = built
    xx23 = records[(XIXIA, 2023)]
    # (予以公开 15 + 部分公开 3) / 总计 22; 复议 纠正 1 / (总计 3 − 尚未审结 0); 诉讼 纠正 0 / 审结 1;
    # 结转 5 / (23 + 4); 无法提供 3 / 22; 不予公开 1 / 22
    assert xx23["rate_disclosure"] == 0.8182 and xx23["rate_review_correction"] == 0.3333
    assert xx23["rate_litigation_correction"] == 0.0 and xx23["rate_carry_forward"] == 0.1852
    assert xx23["rate_unable"] == 0.1364 and xx23["rate_denied"] == 0.0455
    xx22 = records[(XIXIA, 2022)]  # 8 / 9; 0 / 1; no lawsuit: null; 5 / 14; 1 / 9; 0 / 9
    assert (xx22["rate_disclosure"], xx22["rate_review_correction"], xx22["rate_litigation_correction"],
            xx22["rate_carry_forward"], xx22["rate_unable"], xx22["rate_denied"]) == (0.8889, 0.0, None, 0.3571,
                                                                                       0.1111, 0.0)


def test_zero_denominators_are_null_not_zero_nor_an_error(built) -> None:
    settings, backend, records, _ = built
    sq = records[(SHEQI, 2023)]  # every cell 0
    assert all(sq[name] is None for name in audit.RATES)
    zp = records[(ZHENPING, 2023)]  # no review, no lawsuit: those two null; 0 carried forward of 6: 0.0
    assert zp["rate_review_correction"] is None and zp["rate_litigation_correction"] is None
    assert zp["rate_carry_forward"] == 0.0 and zp["rate_disclosure"] == 1.0
    from ogi.indexer.service import search

    with_rate = search(settings, filters=["rate_disclosure >= 0"], backend=backend)
    assert with_rate.total == 5  # all but 社旗
    top = search(settings, filters=["year = 2023"], sort="rate_carry_forward:desc", limit=1, backend=backend)
    assert top.hits[0].record["agency_id"] == XIXIA  # 0.1852, the only one above 0
    assert audit.rates({"figures": {}}) == {name: None for name in audit.RATES}  # blank cells: null too
    from ogi.indexer.query import build_aggregate

    rows = {r.group["year"]: r for r in backend.aggregate(build_aggregate("rate_disclosure", ["year"]))}
    # 2023: 淅川 1.0 + 镇平 1.0 + 西峡 0.8182, 社旗 none; 2022: 西峡 8 / 9 = 0.8889 + 镇平 (4 + 0) / 5 = 0.8
    assert (rows[2023].reports, rows[2023].count, round(rows[2023].sum, 4)) == (4, 3, 2.8182)
    assert (rows[2022].count, round(rows[2022].sum, 4)) == (2, 1.6889)


# --- peers --------------------------------------------------------------------------------------------

def test_peer_stats_by_hand() -> None:
    values = [0.2, 0.5, 0.55, 0.6, 0.65, 0.7]
    # quartiles (inclusive): q1 = 0.5 + 0.25 × 0.05 = 0.5125, q3 = 0.6 + 0.75 × 0.05 = 0.6375, IQR 0.125,
    # low fence 0.5125 − 0.1875 = 0.325: 0.2 is a low outlier; median (0.55 + 0.6) / 2
    low = audit.peer_stats(0.2, values)
    assert low["median"] == 0.575 and low["outlier"] == "low" and low["percentile"] == 8.3 and low["rated"]
    mid = audit.peer_stats(0.6, values)  # 3 below, itself half: 3.5 / 6
    assert mid["percentile"] == 58.3 and mid["outlier"] is None
    few = audit.peer_stats(0.2, values[:4])
    assert few["rated"] is False and few["percentile"] is None and few["outlier"] is None
    assert "fewer than 5" in few["note"]


def test_peer_group_below_the_minimum_sample_says_so(built) -> None:
    _, _, records, _ = built
    # 2023, county, 河南省 南阳市: 4 reports, 3 with a 实质公开率 (1.0, 1.0, 0.8182; 社旗 has none)
    peers = records[(XIXIA, 2023)]["audit"]["peers"]["rate_disclosure"]
    assert (peers["reports"], peers["n"], peers["median"], peers["rated"]) == (4, 3, 1.0, False)
    assert peers["percentile"] is None and peers["outlier"] is None and "fewer than 5" in peers["note"]
    assert records[(XIXIA, 2023)]["outlier"] == []


def test_rankings_below_and_above_the_minimum(built) -> None:
    _, backend, _, client = built
    result = audit_views.rankings(backend, "rate_disclosure", level="county", city="南阳市", year=2023)
    assert [(r["agency"], r["rank"]) for r in result["rows"]] == [("淅川县人民政府", 1), ("镇平县人民政府", 1),
                                                                  ("西峡县人民政府", 3)]
    assert [u["agency"] for u in result["unranked"]] == ["社旗县人民政府"]
    assert result["rated"] is False and "fewer than 5" in result["note"]
    assert all(r["percentile"] is None and r["outlier"] is None for r in result["rows"])
    api = client.get("/api/rankings", params={"by": "rate_disclosure", "level": "county", "year": 2023}).json()
    assert api["n"] == 3 and api["note"] == result["note"]
    assert client.get("/api/rankings", params={"by": "nosuch"}).status_code == 400
    figures = audit_views.rankings(backend, "requests.new_received.total", level="county", year=2023, order="asc")
    assert [r["value"] for r in figures["rows"]] == [0, 6, 23, 58]  # 社旗, 镇平, 西峡, 淅川
    # a group of six made up here: 0.2 is ranked last, percentile 8.3, a low outlier
    made = [{"id": str(i), "agency": f"机关{i}", "agency_id": f"x:{i}", "agency_level": "county", "year": 2023,
             "rate_disclosure": v} for i, v in enumerate([0.2, 0.5, 0.55, 0.6, 0.65, 0.7])]
    rated = audit_views.rankings(ListBackend(made), "rate_disclosure", level="county", year=2023)
    assert rated["rated"] and rated["note"] is None and rated["median"] == 0.575
    assert [r["value"] for r in rated["rows"]] == [0.7, 0.65, 0.6, 0.55, 0.5, 0.2]
    last = rated["rows"][-1]
    assert (last["rank"], last["percentile"], last["outlier"]) == (6, 8.3, "low")


# --- reuse ----------------------------------------------------------------------------------------------

def test_copied_report_and_rewritten_one(built) -> None:
    settings, backend, records, _ = built
    copied = records[(ZHENPING, 2023)]  # 2022's words with 2023's numbers typed in
    assert copied["reuse_prev_year"] >= 0.9
    sections = copied["audit"]["reuse"]["sections"]
    assert sections["一"] >= 0.9 and sections["五"] >= 0.9
    assert "text_reused" in copied["check"] and copied["checks_ok"] is True  # a warning, not an error
    rewritten = records[(XIXIA, 2023)]  # written anew (only the template's phrases in common)
    assert rewritten["reuse_prev_year"] < 0.3 and "text_reused" not in rewritten["check"]
    assert records[(XICHUAN, 2023)]["reuse_prev_year"] is None  # no 2022 report
    from ogi.indexer.service import search

    found = search(settings, filters=["reuse_prev_year >= 0.9"], backend=backend)
    assert [h.record["agency_id"] for h in found.hits] == [ZHENPING]


def test_template_and_numbers_are_not_own_words() -> None:
    assert reuse.own_words("一、本年新收政府信息公开申请数量\t5\t0\n本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。") == ""
    assert reuse.own_words("全年收到申请58件。") == "全年收到申请#件"


def test_region_reuse_finds_the_copy_of_another_agency() -> None:
    base = ("县政府围绕乡村振兴战略，公开高标准农田建设、农村人居环境整治、衔接资金使用等信息，开设专题栏目集中发布，"
            "组织乡镇开展政务公开专区标准化建设，配备查阅终端和引导人员，推动基层公开向村组延伸。"
            "针对群众反映的办事指南不清问题，逐项梳理并重新编写了一百余项高频事项的办理说明。")
    other = ("市场监管局聚焦食品安全和特种设备监管，发布抽检结果和行政处罚决定，建立企业信用信息公示平台，"
             "并对直播带货等新业态开展专项整治，向社会公开典型案例，接受群众监督和舆论监督。")
    reports = [{"id": "a", "agency_id": "a", "agency": "甲县人民政府", "text": base},
               {"id": "b", "agency_id": "b", "agency": "乙县人民政府", "text": base.replace("县政府", "我县")},
               {"id": "c", "agency_id": "c", "agency": "丙县市场监督管理局", "text": other}]
    found = reuse.region_reuse(reports)
    assert found["b"]["other_id"] == "a" and found["b"]["share"] >= 0.8
    assert "c" not in found


# --- the year-on-year view ---------------------------------------------------------------------------------

def test_agency_view_by_hand(built, capsys) -> None:
    settings, backend, _, client = built
    view = audit_views.agency_view(backend, XIXIA)
    assert [y["year"] for y in view["years"]] == [2022, 2023]
    rows = {r["key"]: r for r in view["figures"]}
    assert rows["requests.new_received.total"]["values"] == [13, 23]
    assert rows["requests.new_received.total"]["changes"] == [None, 10]
    assert rows["proactive.normative_documents.in_force"]["changes"] == [None, 5]
    rate = {r["key"]: r for r in view["rates"]}["rate_disclosure"]
    assert rate["values"] == [0.8889, 0.8182] and rate["changes"] == [None, -0.0707]
    assert sorted((c["rule"], c["scope"]) for c in view["cross_year_failed"]) == [
        ("cross_year_carry", "requests.carried_over.natural_person"), ("cross_year_carry", "requests.carried_over.total"),
        ("cross_year_in_force", "proactive.normative_documents.in_force")]
    assert all(c["year"] == 2023 for c in view["cross_year_failed"])
    api = client.get(f"/api/agencies/{quote(XIXIA)}")
    assert api.status_code == 200 and api.json()["cross_year_failed"] == json.loads(json.dumps(view["cross_year_failed"]))
    assert client.get("/api/agencies/nope").status_code == 404
    from ogi.cli import main

    assert main(["agency", XIXIA, "--data-dir", str(settings.data_dir), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["years"][1]["failed"] == ["cross_year_carry", "cross_year_in_force"]
    assert main(["agency", XIXIA, "--data-dir", str(settings.data_dir)]) == 0
    out = capsys.readouterr().out
    assert "FAILED 2023 cross_year_in_force proactive.normative_documents.in_force: expected 43, printed 45" in out
    assert main(["agency", "nope", "--data-dir", str(settings.data_dir)]) == 1


def test_cli_printable_html(built, tmp_path, capsys) -> None:
    settings, _, records, _ = built
    from ogi.cli import main

    out = tmp_path / "audit.html"
    doc_id = records[(XICHUAN, 2023)]["id"]
    assert main(["audit-pdf", "--report", doc_id, "--html", "-o", str(out), "--data-dir", str(settings.data_dir)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "FAILED text_vs_table" in html and "FAILED section5_empty" in html and "<style>" in html
    assert records[(XICHUAN, 2023)]["sha256"] in html  # the archived copy's citation
    assert "2 failed check(s)" in capsys.readouterr().out


# --- region roll-up ---------------------------------------------------------------------------------------

def test_rollup_by_hand(built, capsys) -> None:
    settings, backend, _, client = built
    rows = {(r["region"], r["year"]): r for r in audit_views.rollup(backend, "city")}
    y23 = rows[("河南省 南阳市", 2023)]
    # 4 reports; 西峡 and 淅川 fail an error rule; one each of carry, in force, reuse, text vs table, section 五
    assert (y23["reports"], y23["failing_error_rules"], y23["missing_agencies"], y23["coverage"]) == (4, 2, 0, 1.0)
    assert (y23["cross_year_carry"], y23["cross_year_in_force"], y23["text_reused"], y23["text_vs_table"],
            y23["section5_empty"], y23["row_total"]) == (1, 1, 1, 1, 1, 0)
    assert rows[("河南省 南阳市", 2022)]["reports"] == 2
    response = client.get("/api/regions", params={"level": "city", "year": 2023, "output": "csv"})
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0][:7] == ["region", "level", "year", "reports", "failing_error_rules", "missing_agencies", "coverage"]
    assert table[1] == ["河南省 南阳市", "city", "2023", "4", "2", "0", "1.0", "0", "0", "0", "0", "1", "1", "0", "1",
                        "1", "1", "0", "0", "0"]
    from ogi.cli import main

    assert main(["rollup", "--level", "city", "--year", "2023", "--data-dir", str(settings.data_dir)]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("河南省 南阳市,city,2023,4,2,")
    # coverage: three agencies of a city published for 2022, two of them for 2023
    made = [{"id": f"{a}{y}", "agency_id": a, "year": y, "province": "P省", "city": "C市", "checks_ok": True, "check": []}
            for a, y in (("a", 2022), ("b", 2022), ("c", 2022), ("a", 2023), ("b", 2023))]
    y = {r["year"]: r for r in audit_views.rollup(ListBackend(made), "city")}
    assert (y[2023]["missing"], y[2023]["coverage"]) == (["c"], 0.6667)
