"""The web app in headless Chromium (Debian's chromium, driven by Playwright): what a
journalist does — search, drill down, open a report and its archived copy, download a CSV —
and a hostile report that must run nothing."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.browsing import chromium, needs_chromium, served

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test dependency")
pytestmark = needs_chromium



@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    from ogi.web.app import create_app
    from webdata import build

    settings = build(tmp_path_factory.mktemp("browser"))
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
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def test_search_drill_down_open_report_and_archive(page, base_url) -> None:
    page.goto(base_url + "/")
    page.fill("input[name=q]", "行政复议")
    page.click("form.search button")
    page.wait_for_selector("ol.hits li")
    total = int(page.text_content("p.total strong"))
    assert total >= 3 and "<mark>" in page.inner_html("ol.hits")
    # drill down: province → city, the URL carries the state
    page.click("section.facet[data-facet=province] a >> nth=0")
    province = page.text_content("p.chosen a.chip").replace("✕", "").strip()
    assert "province=" in page.url and province
    page.click("section.facet[data-facet=city] a >> nth=0")
    assert "city=" in page.url and page.locator("p.chosen a.chip").count() == 2
    narrowed = int(page.text_content("p.total strong"))
    assert 1 <= narrowed <= total
    shared = page.url
    page.goto(shared)  # the same search from a pasted URL
    assert int(page.text_content("p.total strong")) == narrowed
    # open the first report, then its archived copy
    page.click("ol.hits li a.title >> nth=0")
    page.wait_for_selector("article.report h1")
    assert page.locator("section.std-table table").count() == 3
    page.click("text=Archived copy 存档")
    page.wait_for_selector("iframe.archived")
    assert "captured" in page.text_content("p.cite")
    frame = page.frame_locator("iframe.archived")
    assert frame.locator("body").inner_text(timeout=10_000)  # the archived page renders, inert
    assert page.dialogs == []


def test_download_figures_csv(page, base_url) -> None:
    page.goto(base_url + "/figures?figure=requests.new_received.total&level=province")
    assert page.locator("svg.bars rect").count() >= 2
    page.click("table.sortable th >> nth=3")  # sort by sum
    with page.expect_download() as info:
        page.click("text=download CSV")
    path = Path(info.value.path())
    text = path.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "province,year,reports,count,sum,mean" and len(text.splitlines()) >= 3


def test_hostile_report_runs_nothing(page, base_url) -> None:
    page.goto(base_url + "/?q=onerror")
    page.wait_for_selector("ol.hits li")
    assert "<script>alert(1)</script>" in page.text_content("ol.hits li a.title")  # shown as text
    page.click("ol.hits li a.title >> nth=0")
    page.wait_for_selector("article.report h1")
    assert "onerror=alert(1)" in page.text_content("section.text")
    page.click("text=Archived copy 存档")
    page.wait_for_selector("iframe.archived")
    time.sleep(1.0)  # give any script or broken image time to fire
    assert page.evaluate("window.__pwned === undefined")
    assert page.dialogs == []
    page.goto(base_url + page.get_attribute("iframe.archived", "src"))  # the raw copy opened on its own
    time.sleep(0.5)
    assert page.dialogs == [] and page.evaluate("window.__pwned === undefined")


def test_figures_chart_counts_reports_and_keeps_its_labels_inside(page, base_url) -> None:
    """Each bar says how many reports it sums; no label is clipped by the chart's edges."""
    import json
    import urllib.request

    page.goto(base_url + "/figures?figure=requests.new_received.total&level=province")
    with urllib.request.urlopen(base_url + "/api/aggregate?figure=requests.new_received.total&by=year") as r:
        rows = json.load(r)["rows"]
    counts = page.locator("svg.bars text.n").all_text_contents()
    assert counts == [f"{row['count']} reports" for row in rows]
    inside = page.evaluate("""() => {
        const svg = document.querySelector('svg.bars').getBoundingClientRect();
        return Array.from(document.querySelectorAll('svg.bars text')).map(t => {
            const b = t.getBoundingClientRect();
            return b.top >= svg.top - 0.5 && b.bottom <= svg.bottom + 0.5 && b.left >= svg.left - 0.5
                && b.right <= svg.right + 0.5;
        });
    }""")
    assert inside and all(inside)


def test_report_page_has_a_legend(page, base_url) -> None:
    page.goto(base_url + "/?q=" + "2024年3月更正")
    page.click("ol.hits li a.title >> nth=0")
    page.wait_for_selector("article.report h1")
    legend = page.text_content("p.legend")
    for words in ("italic", "OCR", "blank as printed", "not read", "verified"):
        assert words in legend
    assert page.locator("section.std-table td", has_text="·").count() >= 1  # blank_cells_2021: blanks printed


def test_api_docs_render_from_local_assets(page, base_url) -> None:
    """/docs is Swagger UI over /openapi.json; every request stays on this server."""
    hosts: list[str] = []
    page.on("request", lambda request: hosts.append(request.url.split("/")[2]))
    page.goto(base_url + "/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=20_000)
    paths = page.locator(".opblock-summary-path").all_text_contents()
    assert any("/api/search" in p for p in paths) and any("/api/aggregate" in p for p in paths)
    assert set(hosts) == {base_url.split("/")[2]}, hosts
    assert page.dialogs == []
