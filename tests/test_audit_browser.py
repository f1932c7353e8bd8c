"""Issue 18 in headless Chromium: the agency page (year on year, failed cross-year checks), the
rankings page (a peer group below the minimum says so), the roll-up page and its CSV, the report
page's audit section; the printable audit report as a PDF that opens and whose text (pdftotext,
or pdfplumber without it) names the failed checks."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.browsing import chromium, needs_chromium, served

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test dependency")
pytestmark = needs_chromium
XIXIA = "411323:人民政府"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    from auditdata import build
    from ogi.web.app import create_app

    settings = build(tmp_path_factory.mktemp("audit-browser"))
    with served(create_app(settings)) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture()
def page(browser):
    context = browser.new_context(accept_downloads=True, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


def test_agency_page_year_on_year(page, base_url) -> None:
    page.goto(f"{base_url}/agencies/{quote(XIXIA)}")
    assert "西峡县人民政府" in page.text_content("h1")
    row = page.locator("tr[data-key='requests.new_received.total'] td")
    assert [row.nth(i).text_content().strip() for i in range(4)] == ["13", "", "23", "+10"]
    failed = page.locator("section.cross-year li")
    assert failed.count() == 3
    texts = " ".join(failed.all_text_contents())
    assert "cross_year_in_force" in texts and "expected 43, printed 45" in texts
    # from the agency page to the 2023 report, whose audit section lists the same failures
    page.click("table.yoy thead a >> text=2023")
    page.wait_for_selector("section.audit")
    assert page.locator("section.audit ul.failed-checks li").count() == 3


def test_rankings_page_says_the_group_is_too_small(page, base_url) -> None:
    page.goto(f"{base_url}/rankings")
    page.select_option("select[name=level]", "county")
    page.fill("input[name=year]", "2023")
    page.click("form.rankings button")
    page.wait_for_selector("table.ranking tbody tr")
    assert page.locator("table.ranking tbody tr").count() == 3
    assert "fewer than 5" in page.text_content("span.not-rated")
    assert "社旗县人民政府" in page.text_content("p.unranked")
    first = page.locator("table.ranking tbody tr").first.locator("td")
    assert first.nth(0).text_content().strip() == "1" and first.nth(2).text_content().strip() == "100.0 %"


def test_regions_page_and_csv(page, base_url) -> None:
    page.goto(f"{base_url}/regions?level=city&year=2023")
    cells = page.locator("table.rollup tbody tr").first.locator("td")
    assert cells.nth(0).text_content().strip() == "河南省 南阳市" and cells.nth(2).text_content().strip() == "4"
    with page.expect_download() as info:
        page.click("text=download CSV")
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[1].startswith("河南省 南阳市,city,2023,4,2,0,1.0,")


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "audit.pdf"
    path.write_bytes(data)
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages)


def test_printable_audit_pdf(base_url, tmp_path) -> None:
    import httpx

    html = httpx.get(f"{base_url}/audit/agencies/{quote(XIXIA)}", timeout=60)
    assert html.status_code == 200 and "FAILED cross_year_carry" in html.text
    pdf = httpx.get(f"{base_url}/audit/agencies/{quote(XIXIA)}", params={"format": "pdf"}, timeout=120)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    text = _pdf_text(pdf.content, tmp_path)
    assert "FAILED cross_year_carry" in text and "FAILED cross_year_in_force" in text
    assert "SHA-256" in text
    batch = httpx.get(f"{base_url}/audit/regions.zip", params={"province": "河南省", "city": "南阳市", "year": 2023},
                      timeout=180)
    assert batch.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(batch.content)).namelist()
    assert len(names) == 4 and all(n.endswith(".pdf") for n in names)
    one = zipfile.ZipFile(io.BytesIO(batch.content))
    texts = [_pdf_text(one.read(n), tmp_path) for n in names]
    assert sum("FAILED text_vs_table" in t for t in texts) == 1


def test_search_page_facet_by_failed_rule(page, base_url) -> None:
    page.goto(base_url + "/")
    page.wait_for_selector("section.facet[data-facet=check]")
    page.click("section.facet[data-facet=check] a >> text=text_vs_table")
    assert "check=text_vs_table" in page.url
    assert int(page.text_content("p.total strong")) == 1
    assert "淅川县人民政府" in page.text_content("ol.hits li")


def test_cli_region_pdf(tmp_path_factory, tmp_path) -> None:
    from auditdata import build
    from ogi.cli import main

    settings = build(tmp_path_factory.mktemp("audit-cli-pdf"))
    out = tmp_path / "region.pdf"
    assert main(["audit-pdf", "--year", "2023", "--city", "南阳市", "-o", str(out),
                 "--data-dir", str(settings.data_dir)]) == 0
    text = _pdf_text(out.read_bytes(), tmp_path)
    # hand count: 西峡 3 (carry 自然人, carry 总计, 现行有效), 镇平 1 (text reused), 淅川 2 (85 ≠ 58, 五 "无"), 社旗 0
    assert text.count("FAILED ") == 6
    assert "FAILED text_vs_table (error) · requests.new_received.total: expected 85, printed 58" in text


def test_report_page_marks_the_cells_of_failed_audit_checks(page, base_url) -> None:
    page.goto(base_url + "/?q=淅川")
    page.click("ol.hits li a.title >> nth=0")
    page.wait_for_selector("section.audit")
    cell = page.locator("td[data-key='requests.new_received.total']")
    assert "failed" in cell.get_attribute("class") and "text_vs_table" in cell.get_attribute("title")
    assert cell.text_content().strip() == "58"
