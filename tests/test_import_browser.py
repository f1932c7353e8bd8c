"""The reviewers' upload form in headless Chromium (issue 19): a reviewer picks a report's page
and its PDF, gives the agency and year and their token, imports, and opens the report, which says
who imported it from which files and that it was not crawled; a wrong token imports nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browsing import chromium, needs_chromium, served

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test dependency")
pytestmark = needs_chromium

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from ogi.archive import Archive
    from ogi.settings import Settings
    from ogi.users import add_user, catalog
    from ogi.web.app import create_app

    data_dir = tmp_path_factory.mktemp("import-browser") / "data"
    Archive(data_dir).close()
    settings = Settings.load(data_dir)
    with catalog(settings) as db:
        _, token = add_user(db, "王审核", "reviewer")
    with served(create_app(settings)) as base:
        yield base, token, data_dir


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def _captures(data_dir: Path) -> int:
    from ogi.archive import Archive

    with Archive(data_dir) as archive:
        return archive.db.execute("SELECT COUNT(*) FROM captures").fetchone()[0]


def test_a_reviewer_imports_a_page_and_its_pdf_and_opens_the_report(browser, server) -> None:
    base_url, token, data_dir = server
    page = browser.new_page()
    try:
        files = [str(FIXTURES / "html" / "trs_2021_standard.html"), str(FIXTURES / "office" / "trs_2021_standard.pdf")]
        page.goto(base_url + "/import")
        page.set_input_files("input[name=file]", files)
        page.fill("input[name=agency]", "内乡县人民政府")
        page.fill("input[name=year]", "2023")
        page.fill("input[name=token]", "ogi_0000000000000000_" + "x" * 30)  # a wrong token
        page.click("form.import button")
        page.wait_for_selector("p.error")
        assert "not valid" in page.text_content("p.error") and _captures(data_dir) == 0
        page.set_input_files("input[name=file]", files)
        page.fill("input[name=token]", token)
        page.click("form.import button")
        page.wait_for_selector("a.report-link", timeout=120_000)
        assert page.locator("section.imported li").count() == 2
        page.click("a.report-link")
        page.wait_for_selector("section.imported-note")
        note = page.text_content("section.imported-note")
        assert "Not crawled" in note and "王审核" in note
        assert "trs_2021_standard.html" in note and "trs_2021_standard.pdf" in note
        assert page.text_content("h1") == "内乡县人民政府2023年政府信息公开工作年度报告"
    finally:
        page.close()
