"""Issue 19 in headless Chromium: from a search page, "save as alert" opens the saved-search form
prefilled with the page's filters; a reader without a token is refused; a reviewer saves it with
a recipient, edits it and deletes it; the search page then links the search's Atom feed, which
feedparser reads."""

from __future__ import annotations


import pytest

from ogi.scheduler import alerts
from tests.browsing import chromium, needs_chromium, served as serve_app

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test dependency")
feedparser = pytest.importorskip("feedparser", reason="feedparser is a test dependency")
pytestmark = needs_chromium


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from ogi.users import add_user, catalog
    from ogi.web.app import create_app
    from tests import webdata

    settings = webdata.build(tmp_path_factory.mktemp("saved-browser") / "data")
    with catalog(settings) as db:
        _, token = add_user(db, "reviewer-wang", "reviewer")
    with serve_app(create_app(settings)) as base:
        yield base, settings, token


@pytest.fixture()
def page():
    with chromium() as browser:
        context = browser.new_context(locale="zh-CN")
        yield context.new_page()
        context.close()


def test_save_a_search_from_the_search_page_and_follow_its_feed(page, served) -> None:
    base_url, settings, token = served
    page.goto(f"{base_url}/?year=2023")
    page.click("p.save-search a >> text=保存为提醒")
    page.wait_for_url("**/searches?year=2023")
    assert page.input_value("form.saved textarea[name=filters]") == 'year = "2023"'

    page.fill("form.saved input[name=name]", "2023年报")
    page.fill("form.saved textarea[name=recipients]", "editor@newsroom.example")
    page.fill("form.saved input[name=token]", "not-a-token")
    page.click("form.saved button")
    assert "reviewer's token is needed" in page.text_content("p.error")
    assert alerts.saved_search(settings, "2023年报") is None

    page.fill("form.saved input[name=token]", token)
    page.click("form.saved button")
    assert "Saved “2023年报” (reviewer-wang)" in page.text_content("p.notice")
    assert alerts.saved_search(settings, "2023年报").recipients == ("editor@newsroom.example",)
    row = page.locator("tr[data-search='2023年报']")
    assert "editor@newsroom.example" in row.text_content()  # the reviewer's view

    # edit: a second recipient
    row.locator("summary").click()
    row.locator("textarea[name=recipients]").fill("editor@newsroom.example\ndesk@newsroom.example")
    row.locator("form.saved button").click()
    assert "Saved “2023年报”" in page.text_content("p.notice")
    assert alerts.saved_search(settings, "2023年报").recipients == ("desk@newsroom.example", "editor@newsroom.example")

    # a reader sees the search and its feed, not the addresses
    page.goto(f"{base_url}/searches")
    assert "editor@newsroom.example" not in page.content()
    page.goto(f"{base_url}/?year=2023")
    href = page.get_attribute("p.save-search a[type='application/atom+xml']", "href")
    assert href == "/feeds/2023%E5%B9%B4%E6%8A%A5.atom"
    feed = feedparser.parse(page.request.get(base_url + href).body())
    assert not feed.bozo and len(feed.entries) == 4 and feed.entries[0].title == "长春市体育局2023年政府信息公开工作年度报告"

    # delete
    page.goto(f"{base_url}/searches")
    page.fill("form[action='/searches/manage'] input[name=token]", token)
    page.click("form[action='/searches/manage'] button")
    page.locator("tr[data-search='2023年报'] form[action='/searches/delete'] button").click()
    assert "Deleted “2023年报”" in page.text_content("p.notice")
    assert alerts.saved_search(settings, "2023年报") is None
