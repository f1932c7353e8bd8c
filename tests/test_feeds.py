"""The Atom feed of a saved search (issue 19), read back with feedparser: one entry per matching
report (counted by hand from tests/webdata.py), newest capture first, links to the report page and
the original, escaped titles, 304 when unchanged, 404 for a search nobody saved."""

from __future__ import annotations

import dataclasses
from urllib.parse import quote

import feedparser
import pytest
from fastapi.testclient import TestClient

from ogi.scheduler import alerts
from ogi.web.app import create_app
from tests import webdata

# the four 2023 reports of tests/webdata.py; 长春市体育局's was edited upstream and captured again on 10 March
REPORTS_2023 = ["长春市体育局2023年政府信息公开工作年度报告", "内乡县人民政府2023年政府信息公开工作年度报告",
                "徐闻县司法局2023年政府信息公开工作年度报告", "杭州市临安区人民政府2023年政府信息公开工作年度报告"]


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    settings = webdata.build(tmp_path_factory.mktemp("feeds") / "data")
    alerts.save_search(settings, "2023年报", "", ["year = 2023"])
    alerts.save_search(settings, "河南 county", "", ['province = "河南省"', 'agency_level = "county"'],
                       recipients=["hidden@newsroom.example"])
    alerts.save_search(settings, "nothing", "不会出现的词")
    return settings, TestClient(create_app(settings))


def _feed(client: TestClient, name: str):
    response = client.get(f"/feeds/{quote(name, safe='')}.atom")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10"
    return response, parsed


def test_feed_has_one_entry_per_match_newest_first(setup) -> None:
    settings, client = setup
    response, feed = _feed(client, "2023年报")
    assert feed.feed.title == "OGI Archive · 2023年报"
    assert feed.feed.id == "http://testserver/feeds/2023%E5%B9%B4%E6%8A%A5.atom"
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [feed.feed.id]
    assert feed.feed.updated == "2024-03-10T08:00:00Z"  # the newest capture
    titles = [e.title for e in feed.entries]
    assert sorted(titles) == sorted(REPORTS_2023) and titles[0] == REPORTS_2023[0]  # newest capture first
    first = feed.entries[0]
    report_id = first.link.rsplit("/", 1)[1]
    assert first.link == f"http://testserver/reports/{report_id}" and first.id == first.link
    assert client.get(f"/reports/{report_id}").status_code == 200
    assert [link.href for link in first.links if link.rel == "via"] == ["http://www.gov.example/blank_cells_2021.html"]
    assert first.author == "长春市体育局" and first.updated == "2024-03-10T08:00:00Z"
    assert "年度 Year: 2023" in first.summary and "存档时间 Captured: 2024-03-10T08:00:00+00:00" in first.summary
    assert [t.term for t in first.tags] == ["2023"]
    for entry in feed.entries[1:]:
        assert entry.updated == "2024-02-03T08:00:00Z"
    # the public search agrees
    assert client.get("/api/search", params={"filter": "year = 2023"}).json()["total"] == len(REPORTS_2023)
    assert "Last-Modified" in response.headers and response.headers["Last-Modified"] == "Sun, 10 Mar 2024 08:00:00 GMT"


def test_untrusted_titles_are_escaped_and_recipients_never_shown(setup) -> None:
    settings, client = setup
    response, feed = _feed(client, "河南 county")
    # 内乡县 2023 and the hostile page (a 2022 report whose title carries a script tag)
    assert sorted(e.title for e in feed.entries) == sorted(["内乡县人民政府2023年政府信息公开工作年度报告",
                                                           webdata.HOSTILE_TITLE])
    assert b"<script>" not in response.content and b"&lt;script&gt;" in response.content
    assert b"hidden@newsroom.example" not in response.content


def test_empty_unknown_and_conditional(setup) -> None:
    settings, client = setup
    response, feed = _feed(client, "nothing")
    assert feed.entries == [] and feed.feed.updated  # updated: when the search was saved
    assert client.get("/feeds/nobody-saved-this.atom").status_code == 404
    assert client.get("/feeds/2023年报.rss").status_code == 404
    first = client.get("/feeds/2023年报.atom")
    again = client.get("/feeds/2023年报.atom", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.content == b""
    since = client.get("/feeds/2023年报.atom", headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304
    assert client.get("/feeds/2023年报.atom", headers={"If-None-Match": '"other"'}).status_code == 200


def test_public_url_setting_makes_links_absolute_there(setup) -> None:
    settings, _ = setup
    client = TestClient(create_app(dataclasses.replace(settings, public_url="https://ogi.example.org")))
    _, feed = _feed(client, "2023年报")
    assert feed.feed.id == "https://ogi.example.org/feeds/2023%E5%B9%B4%E6%8A%A5.atom"
    assert all(e.link.startswith("https://ogi.example.org/reports/") for e in feed.entries)


def test_feeds_are_linked_from_saved_searches_and_the_search_page(setup) -> None:
    settings, client = setup
    feed_url = "/feeds/2023%E5%B9%B4%E6%8A%A5.atom"
    assert f'href="{feed_url}"' in client.get("/searches").text
    assert feed_url in client.get("/alerts").text
    assert [s["feed"] for s in client.get("/api/searches").json() if s["name"] == "2023年报"] == [feed_url]
    page = client.get("/", params={"year": "2023"}).text  # the same search as the saved one: its feed
    assert f'href="{feed_url}"' in page and 'type="application/atom+xml"' in page
    other = client.get("/", params={"year": "2022"}).text  # not saved: an offer to save it, prefilled
    assert feed_url not in other and "/searches?year=2022" in other
    form = client.get("/searches", params={"year": "2022", "q": "公开"}).text
    assert "year = &#34;2022&#34;" in form or 'year = "2022"' in form
