"""Exports a spreadsheet user can open (issue 19): CSV with a UTF-8 BOM from the CLI (none into a
pipe), Chinese headers (the official labels, written out here by hand), XLSX opened with openpyxl
(header row, one row per report, numbers as numbers, a columns sheet explaining every column),
and the same from the web app (/api/figures?output=xlsx&headers=zh, /glossary)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient

from ogi.cli import main
from ogi.export_formats import write_xlsx
from ogi.figure_keys import union_keys
from ogi.pipeline import REPORT_COLUMNS
from ogi.web.app import create_app
from webdata import BASE, PAGES, build

# The fixture archive (tests/webdata.py): the ten PAGES and hostile.html, less the 通知 that is not
# a report (not_report_notice.html); blank_cells_2021.html has two versions but is one report.
REPORTS = len(PAGES) + 1 - 1
assert REPORTS == 10
COLUMNS = list(REPORT_COLUMNS) + list(union_keys())
BOM = "\ufeff".encode()

# By hand, from the printed tables (the spec's labels): table title / row (with its parents) / column.
ZH = {
    "year": "年度",
    "requests.granted.natural_person": "三、收到和处理政府信息公开申请情况/三、本年度办理结果/（一）予以公开/自然人",
    "requests.new_received.total": "三、收到和处理政府信息公开申请情况/一、本年新收政府信息公开申请数量/总计",
    "requests.denied_state_secret.enterprise":
        "三、收到和处理政府信息公开申请情况/三、本年度办理结果/（三）不予公开/1.属于国家秘密/法人或其他组织/商业企业",
    "requests.rejected_repeat.total": "三、收到和处理政府信息公开申请情况/三、本年度办理结果/（五）不予处理/2.重复申请/总计",
    "requests.carried_forward.total": "三、收到和处理政府信息公开申请情况/四、结转下年度继续办理/总计",
    "proactive.fees.amount": "二、主动公开政府信息情况/行政事业性收费/金额（万元）",
    "appeals.review.total": "四、政府信息公开行政复议、行政诉讼情况/行政复议/总计",
    "appeals.litigation_after_review.upheld": "四、政府信息公开行政复议、行政诉讼情况/行政诉讼/复议后起诉/结果维持",
}
# trs_2021_standard.html as printed: 一、本年新收 … 148 20 7 9 12 18 | 214; 行政事业性收费 1846.27 万元
TRS = {"requests.new_received.natural_person": 148, "requests.new_received.total": 214, "proactive.fees.amount": 1846.27}


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    return build(tmp_path_factory.mktemp("exports"))


@pytest.fixture(scope="module")
def client(settings) -> TestClient:
    return TestClient(create_app(settings))


def _export(settings, tmp_path: Path, *args: str, name: str = "out.csv") -> Path:
    target = tmp_path / name
    assert main(["export", "--data-dir", str(settings.data_dir), "-o", str(target), *args]) == 0
    return target


def test_cli_csv_file_starts_with_a_bom_and_no_bom_on_request(settings, tmp_path: Path) -> None:
    with_bom = _export(settings, tmp_path, "--format", "csv").read_bytes()
    assert with_bom.startswith(BOM + b"id,agency_id,")
    rows = list(csv.DictReader(io.StringIO(with_bom.decode("utf-8-sig"))))
    assert len(rows) == REPORTS and list(rows[0]) == COLUMNS
    plain = _export(settings, tmp_path, "--format", "csv", "--no-bom", name="plain.csv").read_bytes()
    assert plain == with_bom[len(BOM):]  # the same rows, only the BOM differs


def test_cli_csv_into_a_pipe_has_no_bom_unless_asked(settings, capsys) -> None:
    assert main(["export", "--data-dir", str(settings.data_dir), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("id,agency_id,")  # a script reading standard output gets no BOM …
    assert main(["export", "--data-dir", str(settings.data_dir), "--format", "csv", "--bom"]) == 0
    assert capsys.readouterr().out == "\ufeff" + out  # … unless it asks for one


def test_cli_chinese_headers_are_the_official_labels(settings, tmp_path: Path) -> None:
    text = _export(settings, tmp_path, "--format", "csv", "--headers", "zh").read_text(encoding="utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert len(header) == len(COLUMNS) == len(set(header))  # one name per column, none repeated
    for key, name in ZH.items():
        assert header[COLUMNS.index(key)] == name, key
    assert header[:3] == ["编号", "机关编号", "机关"]
    keyed = list(csv.reader(io.StringIO(_export(settings, tmp_path, "--format", "csv", name="k.csv")
                                        .read_text(encoding="utf-8-sig"))))
    assert rows == keyed[1:]  # only the header changes


def test_cli_refuses_what_it_cannot_do(settings, capsys) -> None:
    assert main(["export", "--data-dir", str(settings.data_dir), "--format", "xlsx"]) == 2
    assert "needs --output" in capsys.readouterr().err
    assert main(["export", "--data-dir", str(settings.data_dir), "--format", "jsonl", "--headers", "zh"]) == 2
    assert "--headers zh is for" in capsys.readouterr().err


def _check_workbook(book: openpyxl.Workbook, header: list[str]) -> None:
    assert book.sheetnames == ["reports", "columns"]
    sheet = book["reports"]
    assert sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == header
    assert len(rows) - 1 == REPORTS  # one row per report
    url = COLUMNS.index("url")
    [trs] = [r for r in rows[1:] if r[url] == BASE + "trs_2021_standard.html"]
    for key, value in TRS.items():
        assert trs[COLUMNS.index(key)] == value and not isinstance(trs[COLUMNS.index(key)], str)  # numbers
    assert isinstance(trs[COLUMNS.index("year")], int) and trs[COLUMNS.index("year")] == 2023
    [old] = [r for r in rows[1:] if r[url] == BASE + "pre2019_report.html"]
    assert old[COLUMNS.index("requests.new_received.total")] is None  # no tables: an empty cell, not 0 or ""
    info = list(book["columns"].iter_rows(values_only=True))
    assert info[0][:4] == ("column", "header", "key", "中文标签 label")
    described = [r for r in info[1:] if r[2]]
    assert [r[2] for r in described] == COLUMNS  # every column explained, in order
    assert [r[1] for r in described] == header
    assert all(r[3] and r[6] and r[7] for r in described)  # label, type, meaning
    fees = described[COLUMNS.index("proactive.fees.amount")]
    assert fees[4] == "二、主动公开政府信息情况" and fees[5] == "2021" and "万元" in fees[6]
    assert "0: a printed 0" in fees[7] and "empty" in fees[7]


def test_cli_xlsx_opens_with_a_header_and_one_row_per_report(settings, tmp_path: Path) -> None:
    _check_workbook(openpyxl.load_workbook(_export(settings, tmp_path, "--format", "xlsx", name="a.xlsx")), COLUMNS)
    zh = openpyxl.load_workbook(_export(settings, tmp_path, "--format", "xlsx", "--headers", "zh", name="zh.xlsx"))
    header = [c.value for c in zh["reports"][1]]
    _check_workbook(zh, header)
    assert header[COLUMNS.index("requests.granted.natural_person")] == ZH["requests.granted.natural_person"]


def test_xlsx_text_is_never_a_formula_nor_a_broken_file(tmp_path: Path) -> None:
    target = tmp_path / "hostile.xlsx"
    rows = [["title", "year", "requests.new_received.total"],
            ["=HYPERLINK(\"http://evil\",\"x\")", 2023, 0], ["bell\x07 and\x00nul", "", 1.5]]
    assert write_xlsx(str(target), rows) == 2
    sheet = openpyxl.load_workbook(target)["reports"]
    assert sheet["A2"].value == "=HYPERLINK(\"http://evil\",\"x\")" and sheet["A2"].data_type == "s"
    assert sheet["A3"].value == "bell andnul" and sheet["B3"].value is None
    assert sheet["C2"].value == 0 and sheet["C3"].value == 1.5


def test_web_xlsx_download(client) -> None:
    response = client.get("/api/figures", params={"output": "xlsx"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert 'filename="ogi-figures.xlsx"' in response.headers["content-disposition"]
    _check_workbook(openpyxl.load_workbook(io.BytesIO(response.content)), COLUMNS)
    some = client.get("/api/figures", params={"output": "xlsx", "headers": "zh", "table_format": "2019"})
    sheet = openpyxl.load_workbook(io.BytesIO(some.content))["reports"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][COLUMNS.index("appeals.review.total")] == ZH["appeals.review.total"]
    assert len(rows) == 2 and rows[1][COLUMNS.index("url")] == BASE + "format_2019_city.html"  # the one 2019 report


def test_web_csv_chinese_headers(client) -> None:
    response = client.get("/api/figures", params={"headers": "zh"})
    assert response.status_code == 200 and response.content.startswith(BOM)
    header, *rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == REPORTS
    for key, name in ZH.items():
        assert header[COLUMNS.index(key)] == name
    assert client.get("/api/figures", params={"headers": "fr"}).status_code == 422
    assert client.get("/api/figures", params={"output": "xlsx", "headers": "fr"}).status_code == 422


def test_web_serves_the_glossary_and_links_it(client) -> None:
    page = client.get("/glossary")
    assert page.status_code == 200
    for key in union_keys():
        assert f'id="{key}"' in page.text
    assert "（一）予以公开/自然人" in page.text
    markdown = client.get("/glossary.md")
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.text == (Path(__file__).parents[1] / "docs" / "figures.md").read_text(encoding="utf-8")
    assert 'href="/glossary"' in client.get("/").text  # in the navigation of every page
    figures = client.get("/figures").text
    assert "output=xlsx" in figures and 'href="/glossary"' in figures
    assert "/api/figures" in client.get("/openapi.json").json()["paths"]
    params = {p["name"] for p in client.get("/openapi.json").json()["paths"]["/api/figures"]["get"]["parameters"]}
    assert {"output", "headers"} <= params


def test_corrected_values_columns_are_explained_too(client) -> None:
    response = client.get("/api/figures", params={"output": "xlsx", "headers": "zh", "values": "corrected"})
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    header = [c.value for c in book["reports"][1]]
    assert "数值口径" in header and "已更正的数字" in header and len(header) == len(set(header))
    assert book["reports"].max_row - 1 == REPORTS
    info = {r[2]: r for r in book["columns"].iter_rows(min_row=2, values_only=True) if r[2]}
    assert info["values"][7].startswith("(with --values corrected") and info["corrected"][3] == "已更正的数字"
    notes = [r[1] for r in book["columns"].iter_rows(min_row=2, values_only=True) if not r[2] and r[1]]
    assert any(n.startswith("Values: reviewers' corrections") for n in notes)


def test_xlsx_past_its_deadline_stops_adding_rows_and_says_so(tmp_path: Path) -> None:
    target = tmp_path / "cut.xlsx"
    assert write_xlsx(str(target), [["year"], [2023], [2024]], deadline=0.0) == 0
    book = openpyxl.load_workbook(target)
    assert book["reports"].max_row == 1
    assert any(str(r[1]).startswith("CUT: the export ran past its time limit after 0 rows")
               for r in book["columns"].iter_rows(values_only=True))


def test_cli_xlsx_of_documents_has_one_row_per_captured_file(settings, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_export(settings, tmp_path, "--format", "xlsx", "--documents", name="d.xlsx"))
    assert book.sheetnames == ["documents", "columns"]
    # every archived URL once (blank_cells_2021.html: its current version), the 通知 included
    assert book["documents"].max_row - 1 == len(PAGES) + 1


def test_csv_for_a_spreadsheet_never_runs_a_formula() -> None:
    """With a BOM (bound for a spreadsheet) text that starts like a formula gets an apostrophe;
    numbers, dates and text for scripts (no BOM) are left as they are."""
    from ogi.export_formats import write_csv

    rows = [["title", "published_at", "requests.new_received.total"],
            ['=HYPERLINK("http://evil","x")', "2024-01-31", 12], ["@SUM(A1)", "+86", -3], ["-x", "\tpad", 0]]
    out = io.StringIO()
    write_csv(rows, out, bom=True)
    read = list(csv.reader(io.StringIO(out.getvalue().removeprefix("\ufeff"))))
    assert read[1] == ["'=HYPERLINK(\"http://evil\",\"x\")", "2024-01-31", "12"]
    assert read[2] == ["'@SUM(A1)", "'+86", "-3"] and read[3] == ["'-x", "'\tpad", "0"]
    plain = io.StringIO()
    write_csv(rows, plain, bom=False)
    assert list(csv.reader(io.StringIO(plain.getvalue())))[1][0] == '=HYPERLINK("http://evil","x")'
