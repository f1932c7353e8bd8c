"""Reports and agencies on portals built blind for this (`tests/portals_identity/`, README there):
a county portal and one department's own site, crawled, extracted, indexed, and compared with
the hand-counted `truth.json` — one report reachable from two sources, a page and its DOCX that
disagree in one cell, one agency under several spellings over the years, a township report found
on the county portal (its name fits 17 townships; the source's region decides)."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from ogi.indexer import open_backend
from ogi.indexer.query import build_aggregate, build_query
from ogi.indexer.service import search
from ogi.archive import Archive
from ogi.demo.portals.server import serve_many
from ogi.pipeline import export_documents
from ogi.reports import assemble_archive
from ogi.settings import Settings

ROOT = Path(__file__).parent / "portals_identity"
TRUTH = json.loads((ROOT / "truth.json").read_text(encoding="utf-8"))
FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "OGI_RETRY_BACKOFF_BASE": 0.05}


@pytest.fixture(scope="module")
def harvested(tmp_path_factory):
    from ogi.crawler.sources import load_sources
    from ogi.scheduler.harvest import harvest

    data_dir = tmp_path_factory.mktemp("identity")
    with serve_many([ROOT / s["portal"] for s in TRUTH["sources"]]) as sites:
        hosts = {}
        entries = []
        for spec in TRUTH["sources"]:
            site = sites[spec["portal"]]
            hosts[spec["portal"]] = site.base_url
            entries.append({"name": spec["name"], "start_urls": [site.url(spec["home_path"])],
                            "region": spec["region"], "expected_agencies": spec["expected_agencies"]})
        path = data_dir / "sources.yaml"
        path.write_text(yaml.safe_dump({"sources": entries}, allow_unicode=True), encoding="utf-8")
        sources = load_sources([str(path)])
        settings = Settings.load(data_dir, env={})
        result = harvest(settings, sources, trigger="cli", mode="full", crawl_settings=FAST, time_limit=300)
    assert [r.status for r in result.runs] == ["ok", "ok"], result.messages
    with Archive.open(settings) as archive:
        assembly = assemble_archive(archive)
    return settings, sources, hosts, assembly


def _url(hosts, doc):
    return hosts[doc["portal"]] + doc["path"]


def _report_of(assembly, hosts, truth):
    """The one archived report holding the truth report's documents (all of them, and only its)."""
    urls = {_url(hosts, d) for d in truth["documents"]}
    found = [r for r in assembly.reports if urls & {d["document_url"] for d in r["documents"]}]
    assert len(found) == 1, (truth["id"], [r["id"] for r in found])
    assert {d["document_url"] for d in found[0]["documents"]} == urls, truth["id"]
    return found[0]


def test_one_report_per_agency_and_year(harvested):
    _, _, hosts, assembly = harvested
    assert len(assembly.reports) == TRUTH["counts"]["reports"]
    assert sum(len(r["documents"]) for r in assembly.reports) == TRUTH["counts"]["documents"]
    for truth in TRUTH["reports"]:
        report = _report_of(assembly, hosts, truth)
        assert (report["agency"], report["year"], report["agency_level"]) == \
            (truth["agency"], truth["year"], truth["agency_level"]), truth["id"]
        assert report["region"]["code"] == truth["region"]["code"], truth["id"]
        assert report["sources"] == sorted(truth["found_on"]), truth["id"]
        for key, value in truth["figures"].items():
            assert report["figures"][key]["value"] == value, (truth["id"], key)


def test_same_report_on_two_sources_is_one_report_found_twice(harvested):
    _, _, hosts, assembly = harvested
    [truth] = [t for t in TRUTH["reports"] if len(t["found_on"]) == 2]
    report = _report_of(assembly, hosts, truth)
    assert report["sources"] == ["identity-county", "identity-dept"]
    assert report["documents_agree"] is True


def test_page_and_attachment_that_disagree_are_flagged(harvested):
    _, _, hosts, assembly = harvested
    for truth in TRUTH["reports"]:
        report = _report_of(assembly, hosts, truth)
        expected = {d["key"]: {hosts["county"] + p if p.startswith("/") else p: v for p, v in d["values"].items()}
                    for d in truth["disagreements"]}
        got = {d["key"]: d["values"] for d in report["disagreements"]}
        assert got == expected, truth["id"]
        if expected:
            assert report["documents_agree"] is False
            assert any(w["code"] == "figures_disagree" for w in report["warnings"])
            for key in expected:
                assert report["figures"][key]["confidence"] < 1


def test_spellings_over_the_years_are_one_agency(harvested):
    _, _, _, assembly = harvested
    assert len(assembly.agencies) == TRUTH["counts"]["agencies"]
    by_name = {a.name: a for a in assembly.agencies.values()}
    for truth in TRUTH["reports"]:
        agency = by_name[truth["agency"]]
        assert truth["year"] in agency.years
    [gov] = [a for a in assembly.agencies.values() if a.name == "永新县人民政府"]
    assert gov.years == {2021, 2022, 2023}
    assert "永新县人民政府办公室" in gov.to_json()["aliases"]  # its office publishes its report


def test_township_region_comes_from_the_source_and_says_so(harvested):
    _, _, hosts, assembly = harvested
    [truth] = [t for t in TRUTH["reports"] if t["agency_level"] == "township"]
    report = _report_of(assembly, hosts, truth)
    assert report["region"] == truth["region"]
    assert any(w["code"] == "region_from_source" for w in report["warnings"])


def test_coverage_against_the_hand_count(harvested):
    from ogi.scheduler.coverage import coverage

    settings, sources, _, _ = harvested
    for year, per_source in TRUTH["coverage"].items():
        with Archive.open(settings) as archive:
            result = {c.source: c for c in coverage(archive, sources, int(year))}
        for name, truth in per_source.items():
            cov = result[name]
            assert cov.missing == sorted(truth["missing"]), (name, cov.to_json())
            assert sorted(p.agency for p in cov.published) == sorted(truth["published"]), name
            assert sorted(cov.expected) == sorted(truth["expected"]), name


def test_search_export_and_aggregates_count_reports(harvested):
    settings, _, _, _ = harvested
    assert search(settings, None, None).total == TRUTH["counts"]["reports"]
    with Archive.open(settings) as archive:
        assert export_documents(archive, "csv", io.StringIO()) == TRUTH["counts"]["reports"]
        assert export_documents(archive, "csv", io.StringIO(), unit="documents") == TRUTH["counts"]["documents"]
    backend = open_backend(settings, public=True)
    by_year = Counter({int(y): n for y, n in TRUTH["counts"]["reports_by_year"].items()})
    for key, sums in TRUTH["sums"].items():
        rows = backend.aggregate(build_aggregate(key, ["year"], build_query(None, None, limit=0)))
        assert {r.group["year"]: r.reports for r in rows} == dict(by_year), key
        assert {r.group["year"]: r.sum for r in rows} == {int(y): v for y, v in sums.items()}, key


def test_the_web_figures_export_reads_reports_a_chunk_at_a_time_and_writes_ogi_exports_rows(harvested):
    """The web export does not assemble the archive: it reads the matching reports a chunk at a time
    from the index (what assembly added) and the catalog (evidence documents). Same reports, same
    order, same cells as `ogi export` — here with a report on two sources and documents that disagree."""
    from fastapi.testclient import TestClient

    from ogi.indexer.service import matching_ids
    from ogi.pipeline import current_reports, indexed_reports, report_order, table_rows
    from ogi.web.app import create_app

    settings, _, _, _ = harvested
    backend = open_backend(settings, public=True)
    client = TestClient(create_app(settings))
    with Archive.open(settings) as archive:
        assembled = list(current_reports(archive))
        ids = report_order(backend, build_query(None, None, limit=0))
        assert ids == [r["id"] for r in assembled]

        class RecordsOnly:  # a backend without fast keys (Meilisearch): the order from its records
            iter_records = staticmethod(backend.iter_records)

        assert report_order(RecordsOnly(), build_query(None, None, limit=0)) == ids
        assert any(r["disagreements"] for r in assembled) and any(len(r["sources"]) > 1 for r in assembled)
        def same(report):  # the index's digest also covers the audit (ogi.audit folds it in); no export has it
            return {k: v for k, v in report.items() if k != "digest"}

        for chunk in (1, 3, 1000):
            assert [same(r) for r in indexed_reports(archive, backend, ids, chunk=chunk)] == \
                [same(r) for r in assembled]
        everything = io.StringIO()
        export_documents(archive, "csv", everything)
        assert client.get("/api/figures").content.decode("utf-8") == "\ufeff" + everything.getvalue()
        rows = client.get("/api/figures", params={"output": "json"}).json()
        assert rows["rows"] == json.loads(json.dumps(list(table_rows(archive)), ensure_ascii=False))
        chosen = matching_ids(settings, None, "year = 2023")
        assert 0 < len(chosen) < len(assembled)
        some = io.StringIO()
        export_documents(archive, "csv", some, chosen)
        assert client.get("/api/figures", params={"year": "2023"}).content.decode("utf-8") == "\ufeff" + some.getvalue()
