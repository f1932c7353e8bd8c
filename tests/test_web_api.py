"""The JSON API and the server-rendered pages, through the ASGI app (no browser)."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from ogi.web.app import create_app
from webdata import BASE, HOSTILE_TITLE, build


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    settings = build(tmp_path_factory.mktemp("web"))
    return TestClient(create_app(settings))


def _doc_id(client: TestClient, q: str) -> str:
    return client.get("/api/search", params={"q": q, "limit": 1}).json()["hits"][0]["id"]


def test_search_shape_filters_facets(client) -> None:
    body = client.get("/api/search", params={"q": "行政复议", "facet": ["province", "year"], "limit": 3}).json()
    assert set(body) == {"total", "hits", "facets"} and body["total"] >= 3 and len(body["hits"]) == 3
    assert set(body["facets"]) == {"province", "year"} and sum(body["facets"]["year"].values()) == body["total"]
    for key in ("id", "title", "url", "agency", "region", "year", "snippet", "captured_at", "sha256"):
        assert key in body["hits"][0]
    only = client.get("/api/search", params={"q": "行政复议", "year": "2023", "filter": "table_format = 2021"}).json()
    assert only["total"] and all(h["year"] == 2023 for h in only["hits"])
    failed = client.get("/api/search", params={"checks": "failed"}).json()
    assert failed["total"] >= 1 and all(h["checks_ok"] is False for h in failed["hits"])


@pytest.mark.parametrize("params", [
    {"filter": "nosuch = 1"}, {"filter": "year = abc"}, {"filter": "province = '河南"}, {"year": "二〇二三"},
    {"q": "x" * 10_000}, {"sort": "province"}, {"limit": "-1"}, {"limit": "100000"}, {"offset": "x"},
    {"facet": "figures.appeals.review.total"}, {"q": "'; DROP TABLE documents; --"},
])
def test_bad_search_parameters_are_4xx_never_500(client, params) -> None:
    response = client.get("/api/search", params=params)
    assert response.status_code in (200, 400, 422), response.text
    if response.status_code == 400:
        assert response.json()["error"]


def test_report_by_id_and_versions(client) -> None:
    doc_id = _doc_id(client, "2024年3月更正")
    body = client.get(f"/api/reports/{doc_id}").json()
    assert body["document"]["url"] == BASE + "blank_cells_2021.html"
    assert len(body["versions"]) == 2 and body["versions"][-1]["current"]
    assert client.get("/api/reports/nope").status_code == 404


def test_archived_copy_is_sandboxed_and_exact(client) -> None:
    doc_id = _doc_id(client, "onerror")
    sha = client.get(f"/api/reports/{doc_id}").json()["document"]["sha256"]
    raw = client.get(f"/archive/{sha}")
    assert raw.status_code == 200 and b"window.parent.__pwned" in raw.content  # kept byte for byte …
    csp = raw.headers["content-security-policy"]
    assert csp.startswith("sandbox") and "script-src" not in csp  # … and never run in the app's origin
    assert raw.headers["x-content-type-options"] == "nosniff" and raw.headers["x-ogi-captured-at"]
    page = client.get(f"/reports/{doc_id}/archived").text
    assert 'sandbox=""' in page and sha in page
    assert client.get("/archive/" + "0" * 64).status_code == 404
    assert client.get("/archive/..%2f..%2fcatalog.sqlite").status_code == 404


def test_pages_escape_untrusted_values(client) -> None:
    search = client.get("/", params={"q": "onerror"})
    assert search.status_code == 200
    assert "<script>alert(1)</script>" not in search.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in search.text
    assert "<img src=x" not in search.text
    doc_id = _doc_id(client, "onerror")
    report = client.get(f"/reports/{doc_id}")
    assert HOSTILE_TITLE not in report.text and "<img src=x" not in report.text
    for name in ("content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options"):
        assert name in report.headers
    assert "script-src 'self'" in report.headers["content-security-policy"]


def test_report_page_tables_and_failed_checks(client) -> None:
    doc_id = _doc_id(client, "临安区")
    page = client.get(f"/reports/{doc_id}").text
    assert "三、收到和处理政府信息公开申请情况" in page and "一、本年新收政府信息公开申请数量" in page
    assert 'class="failed' in page  # the cell of the failing identity is marked, with its rule in the title


def test_diff_between_versions(client) -> None:
    doc_id = _doc_id(client, "2024年3月更正")
    versions = client.get(f"/api/reports/{doc_id}").json()["versions"]
    page = client.get(f"/reports/{doc_id}/diff", params={"old": versions[0]["sha256"], "new": versions[1]["sha256"]})
    assert page.status_code == 200 and "213条" in page.text and "215条（2024年3月更正）" in page.text
    assert client.get(f"/reports/{doc_id}/diff", params={"old": "a" * 64, "new": "b" * 64}).status_code == 404


def test_figures_export_and_aggregate(client) -> None:
    response = client.get("/api/figures", params={"table_format": "2021"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows and {r["table_format"] for r in rows} == {"2021"} and "requests.new_received.total" in rows[0]
    agg = client.get("/api/aggregate", params={"figure": "requests.new_received.total", "by": "year"}).json()
    assert agg["label"].startswith("一、本年新收") and sum(r["reports"] for r in agg["rows"]) >= 5
    assert client.get("/api/aggregate", params={"figure": "nope"}).status_code == 400
    assert client.get("/api/aggregate", params={"figure": "requests.new_received.total", "by": "text"}).status_code == 400
    assert client.get("/api/figures", params={"output": "xml"}).status_code == 422
    pdfs = client.get("/api/figures", params={"format": "html", "output": "json"}).json()  # format: the report's
    assert pdfs["total"] >= 5 and {r["format"] for r in pdfs["rows"]} == {"html"}
    two = client.get("/api/aggregate", params={"figure": "requests.new_received.total", "by": "province,year",
                                               "output": "csv"})
    assert len(two.content.decode("utf-8-sig").splitlines()) >= 5
    page = client.get("/figures", params={"figure": "requests.new_received.total", "level": "province"})
    assert page.status_code == 200 and "<svg" in page.text
    assert client.get("/figures", params={"level": "galaxy"}).status_code == 400


def test_state_changing_endpoints_need_the_token(client) -> None:
    assert client.post("/api/admin/reindex").status_code == 401
    assert client.post("/api/admin/reindex", headers={"Authorization": "Bearer wrong"}).status_code == 401
    ok = client.post("/api/admin/reindex", headers={"Authorization": "Bearer s3cret-token"})
    assert ok.status_code in (202, 409)
    assert client.get("/api/admin/reindex").status_code == 405  # no GET side door
    assert client.post("/api/admin/crawl", params={"source": "x"},
                       headers={"Authorization": "Bearer s3cret-token"}).status_code == 409  # no sources file


def test_openapi_describes_every_public_endpoint(client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/search", "/api/reports/{doc_id}", "/api/figures", "/api/aggregate", "/api/admin/reindex"):
        assert path in paths


def test_search_page_state_in_the_url(client) -> None:
    page = client.get("/", params={"q": "行政复议", "province": "吉林省"}).text
    assert 'href="/?q=%E8%A1%8C%E6%94%BF%E5%A4%8D%E8%AE%AE&amp;province=%E5%90%89%E6%9E%97%E7%9C%81&amp;city=' in page
    bad = client.get("/", params={"filter": "nosuch = 1"})
    assert bad.status_code == 400 and "unknown field" in bad.text
    assert client.get("/", params={"page": "x"}).status_code == 400


def test_coverage_runs_and_alerts(client) -> None:
    cov = client.get("/api/coverage", params={"year": 2023}).json()
    (source,) = cov["sources"]
    assert source["source"] == "fixtures" and len(source["published"]) >= 3
    assert BASE + "blank_cells_2021.html" in source["changed"]  # edited upstream after publication
    assert client.get("/api/coverage", params={"year": "x"}).status_code == 422
    page = client.get("/coverage", params={"year": 2023})
    assert page.status_code == 200 and "changed after publication" in page.text
    assert client.get("/api/runs").json() == []  # the fixtures were archived without a crawl
    assert client.get("/api/alerts").json() == [] and client.get("/alerts").status_code == 200


def test_facet_links_keep_repeated_filters(client) -> None:
    page = client.get("/", params=[("q", "行政复议"), ("filter", "year >= 2019"), ("filter", "table_format = 2021")]).text
    assert page.count("filter=year+%3E%3D+2019&amp;filter=table_format+%3D+2021") >= 1


def test_coverage_defaults_to_the_latest_year_with_reports(client) -> None:
    years = client.get("/api/search", params={"facet": "year", "limit": 0}).json()["facets"]["year"]
    latest = max(int(y) for y in years)
    page = client.get("/coverage")
    assert page.status_code == 200 and f"{latest}" in page.text
    assert page.text == client.get("/coverage", params={"year": latest}).text


@pytest.mark.parametrize("year", ["abc", "20x3", "1900", "99999"])
def test_coverage_page_with_a_bad_year_is_a_page(client, year) -> None:
    page = client.get("/coverage", params={"year": year})
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")
    assert "year must be" in page.text and "<html" in page.text.lower()


@pytest.mark.parametrize("path", ["/api/search", "/api/figures", "/api/aggregate"])
def test_openapi_lists_every_parameter_an_endpoint_reads(client, path) -> None:
    from ogi.web.app import FACET_PARAMS

    operation = client.get("/openapi.json").json()["paths"][path]["get"]
    names = [p["name"] for p in operation["parameters"]]
    assert len(names) == len(set(names))
    for name in (*FACET_PARAMS, "checks", "filter", "q"):
        assert name in names, name
    assert next(p for p in operation["parameters"] if p["name"] == "filter")["schema"]["type"] == "array"


def test_docs_page_and_its_assets_are_served_here(client) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and "/docs/assets/swagger-ui-bundle.js" in page.text
    assert "http" not in page.text.split("<body>")[1].replace('href="/', "")  # no CDN
    assert client.get("/docs/assets/swagger-ui-bundle.js").status_code == 200


@pytest.mark.parametrize(("params", "suggested"), [
    ({"province": "河南"}, "'河南省'"), ({"agency_level": "County"}, "'county'"),
    ({"filter": "province = '河南 '"}, "'河南省'"),
])
def test_a_filter_value_no_report_has_is_named_with_close_ones(client, params, suggested) -> None:
    body = client.get("/api/search", params=params).json()
    assert body["total"] == 0 and len(body["notes"]) == 1 and suggested in body["notes"][0]
    assert "matches no report" in body["notes"][0]
    page = client.get("/", params=params)
    assert page.status_code == 200 and "matches no report" in page.text and "did you mean" in page.text
    agg = client.get("/api/aggregate", params={"figure": "requests.new_received.total", **params}).json()
    assert agg["rows"] == [] and suggested in agg["notes"][0]


def test_no_note_when_the_value_exists(client) -> None:
    body = client.get("/api/search", params={"province": "河南省", "year": "1999"}).json()
    assert body["total"] == 0 and "notes" not in body
    assert "notes" not in client.get("/api/search", params={"province": "河南省"}).json()
