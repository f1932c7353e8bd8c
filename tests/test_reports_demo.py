"""Reports and agencies on `ogi demo`'s portals, counted against their hand-written expected.json
(never against the archive's own output): a page and its attachment are one report, an image
of a 图片版 is never a row or a hit, coverage names no agency that published, exports have one
row per report, aggregates count reports."""

from __future__ import annotations

import csv
import io
from collections import Counter
from urllib.parse import urlparse

import pytest

from ogi.indexer.query import build_aggregate, build_query
from ogi.indexer.service import search
from ogi.indexer import open_backend
from ogi.archive import Archive
from ogi.demo.portals.server import FAMILIES, load_expected
from ogi.pipeline import export_documents
from ogi.reports import assemble_archive


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from ogi.crawler.sources import load_sources
    from ogi.demo.run import demo_portals, prepare

    data_dir = tmp_path_factory.mktemp("demo")
    with demo_portals() as start_urls:
        settings = prepare(data_dir, start_urls, say=lambda _: None)
        ports = {family: urlparse(url).netloc for family, url in start_urls.items()}
    sources = load_sources([str(data_dir / "demo-sources.yaml")])
    return settings, sources, ports


def _truth() -> list[dict]:
    """Every report of the four portals as their authors listed it: family, path, via page."""
    return [{**r, "family": family} for family in FAMILIES for r in load_expected(family)["reports"]]


def _path(url: str) -> str:
    parsed = urlparse(url)
    return parsed.path + (f"?{parsed.query}" if parsed.query else "")


def test_every_page_and_attachment_pair_is_one_report(demo):
    settings, _, ports = demo
    with Archive.open(settings) as archive:
        reports = assemble_archive(archive).reports
    truth = _truth()
    assert len(reports) == len(truth) == 25
    by_file = {}
    for report in reports:
        for d in report["documents"]:
            by_file[(urlparse(d["document_url"]).netloc, _path(d["document_url"]))] = report["id"]
    for expected in truth:
        host = ports[expected["family"]]
        rid = by_file[(host, expected["path"])]
        if expected.get("via"):  # the page the attachment was reached from is the same report
            assert by_file[(host, expected["via"])] == rid, expected
    assert len({by_file[(ports[t["family"]], t["path"])] for t in truth}) == 25
    pairs = [r for r in reports if {d["role"] for d in r["documents"]} >= {"page", "attachment"}]
    assert len(pairs) == sum(1 for t in truth if t.get("via")) == 5


def test_no_image_part_is_a_row_or_a_hit(demo):
    settings, _, _ = demo
    with Archive.open(settings) as archive:
        reports = assemble_archive(archive).reports
        rows = list(csv.DictReader(io.StringIO(_csv(archive))))
    [picture] = [r for r in reports if any(d["role"] == "image" for d in r["documents"])]
    images = {d["document_url"] for d in picture["documents"] if d["role"] == "image"}
    assert len(images) >= 2 and picture["year"] == 2021
    result = search(settings, None, None, limit=100)
    assert result.total == 25
    assert not images & {h.record.get("document_url") for h in result.hits}
    assert not images & {h.record.get("url") for h in result.hits}
    assert len(rows) == 25 and all(r["title"] and r["year"] for r in rows)


def _csv(archive) -> str:
    out = io.StringIO()
    export_documents(archive, "csv", out)
    return out.getvalue()


def test_export_rows_equal_reports_and_documents_flag_gives_files(demo):
    settings, _, _ = demo
    with Archive.open(settings) as archive:
        assert export_documents(archive, "csv", io.StringIO()) == 25
        files = export_documents(archive, "csv", io.StringIO(), unit="documents")
        captured = archive.db.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
    assert files == captured > 25  # pages, attachments and the images of the 图片版


def test_coverage_2023_lists_no_agency_that_published(demo):
    from ogi.scheduler.coverage import coverage

    settings, sources, _ = demo
    with Archive.open(settings) as archive:
        result = {c.source: c for c in coverage(archive, sources, 2023)}
    for family in FAMILIES:
        published = {r["agency"] for r in load_expected(family)["reports"] if r["year"] == 2023}
        cov = result[f"demo-{family}"]
        assert cov.missing == [], (family, cov.to_json())
        assert sorted(p.agency for p in cov.published) == sorted(published)
        assert len(cov.published) == len(published)


def test_aggregate_counts_reports_by_year(demo):
    settings, _, _ = demo
    truth = Counter(t["year"] for t in _truth())
    agg = build_aggregate("requests.new_received.total", ["year"], build_query(None, None, limit=0))
    rows = open_backend(settings, public=True).aggregate(agg)
    assert {r.group["year"]: r.reports for r in rows} == dict(truth)


def test_agencies_one_per_body_with_the_office_as_alias(demo):
    settings, _, _ = demo
    with Archive.open(settings) as archive:
        agencies = assemble_archive(archive).agencies
    truth = {t["agency"] for t in _truth()}
    assert sorted(a.name for a in agencies.values()) == sorted(truth)
    [youxian] = [a for a in agencies.values() if a.name == "攸县人民政府"]
    assert youxian.years == {2019, 2020, 2021, 2022, 2023}
    assert "攸县人民政府办公室" in youxian.to_json()["aliases"]


def test_report_page_lists_documents_and_other_years_by_agency(demo):
    from fastapi.testclient import TestClient

    from ogi.web.app import create_app

    settings, _, _ = demo
    client = TestClient(create_app(settings))
    hits = client.get("/api/search", params={"q": "攸县财政局", "limit": 5}).json()["hits"]
    [hit] = [h for h in hits if h["agency"] == "攸县财政局"]
    assert [d["role"] for d in hit["documents"]] == ["page", "attachment"]
    body = client.get(f"/api/reports/{hit['id']}").json()
    assert [d["role"] for d in body["documents"]] == ["page", "attachment"]
    assert all(d["versions"] for d in body["documents"])
    pdf = next(d for d in body["documents"] if d["role"] == "attachment")
    page = client.get(f"/reports/{hit['id']}/archived", params={"sha256": pdf["sha256"]})
    assert page.status_code == 200 and pdf["sha256"] in page.text
    gov = [h for h in client.get("/api/search", params={"q": "攸县人民政府", "limit": 20}).json()["hits"]
           if h["agency"] == "攸县人民政府" and h["year"] == 2023]
    others = client.get(f"/api/reports/{gov[0]['id']}").json()["other_years"]
    assert sorted(o["year"] for o in others) == [2019, 2020, 2021, 2022]


def test_the_picture_report_is_read_from_its_scans(demo):
    """The 图片版's five scanned pages give its 2021 tables, most cells confirmed by the identities."""
    settings, _, _ = demo
    with Archive.open(settings) as archive:
        reports = assemble_archive(archive).reports
    [picture] = [r for r in reports if any(d["role"] == "image" for d in r["documents"])]
    assert str(picture["table_format"]).endswith("2021")
    figures = {k: f for k, f in (picture.get("figures") or {}).items() if f.get("value") is not None}
    verified = sum(1 for f in figures.values() if f.get("verified"))
    assert len(figures) >= 150 and verified / len(figures) >= 0.9, (len(figures), verified)
    assert not [c for c in picture.get("checks") or [] if c.get("ok") is False]
