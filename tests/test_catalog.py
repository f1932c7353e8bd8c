"""The catalog contract, run on SQLite (the default) and on a real PostgreSQL server: the same
archive, extraction, index state, run history and saved searches, whichever database holds them."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from ogi.indexer.service import index_archive, search
from ogi.archive import Archive
from ogi.catalog import Catalog, sqlite_url
from ogi.pipeline import current_documents, extract_archive
from ogi.runs import (close_distributed_run, distributed_run, finish_part, finish_run, join_run, list_runs,
                      start_run)
from ogi.settings import Settings
from ogi.scheduler.alerts import delete_search, save_search, saved_searches
from tests.webdata import build

URL = "http://x.gov.example/r.html"


@pytest.fixture(params=["sqlite", "postgresql"])
def catalog_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "catalog.sqlite")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def data_dir(tmp_path: Path, catalog_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data directory whose catalog is `catalog_url`, as OGI_CATALOG_URL sets it for every stage."""
    monkeypatch.setenv("OGI_CATALOG_URL", catalog_url)
    return tmp_path / "data"


def test_versions_reports_and_removal(data_dir: Path) -> None:
    with Archive(data_dir) as ar:
        first = ar.record(source="s", url=URL, body=b"v1", kind="report", fetched_at="2024-01-01T00:00:00+00:00")
        again = ar.record(source="s", url=URL, body=b"v1", fetched_at="2024-02-01T00:00:00+00:00")
        changed = ar.record(source="s", url=URL, body=b"v2", fetched_at="2024-03-01T00:00:00+00:00")
        back = ar.record(source="s", url=URL, body=b"v1", fetched_at="2024-04-01T00:00:00+00:00")
        assert (first.first_capture, first.new_version) == (True, True)
        assert (again.new_version, changed.new_version, back.new_version) == (False, True, False)
        assert [(v["sha256"], v["last_seen"]) for v in ar.versions(URL)] == [
            (first.sha256, "2024-04-01T00:00:00+00:00"), (changed.sha256, "2024-03-01T00:00:00+00:00")]
        assert [c.fetched_at[:7] for c in ar.captures(URL)] == ["2024-01", "2024-02", "2024-03", "2024-04"]
        assert ar.latest(URL).sha256 == first.sha256 and ar.latest(URL).headers == {}
        assert ar.mark_report(url=URL, source="s", title="2023年报告", kind="page", parent_url=None,
                              sha256=first.sha256)
        ar.mark_removed(URL, "2024-05-01T00:00:00+00:00")
        ar.mark_removed(URL, "2024-06-01T00:00:00+00:00")  # the first removal time stays
        assert ar.reports(include_removed=False) == []
        assert ar.reports()[0]["removed_at"] == "2024-05-01T00:00:00+00:00"
        assert not ar.mark_report(url=URL, source="s", title=None, kind="page", parent_url=None, sha256=None)
        (report,) = ar.reports("s", include_removed=False)
        assert (report["title"], report["removed_at"], report["current_sha256"]) == ("2023年报告", None, first.sha256)


def test_extract_index_search_and_export_agree_with_sqlite(data_dir: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    settings = build(data_dir)
    docs = sorted(current_documents(Archive(data_dir)), key=lambda d: str(d.get("document_url")))
    result = search(settings, "行政复议", ["year = 2021"], facets=["province"])
    monkeypatch.delenv("OGI_CATALOG_URL")
    reference = build(tmp_path / "reference")  # the same reports on the default SQLite catalog
    expected = sorted(current_documents(Archive(tmp_path / "reference")), key=lambda d: str(d.get("document_url")))
    assert json.dumps(docs, ensure_ascii=False, sort_keys=True) == json.dumps(expected, ensure_ascii=False,
                                                                              sort_keys=True)
    same = search(reference, "行政复议", ["year = 2021"], facets=["province"])
    assert result.total == same.total > 0 and [h.record["id"] for h in result.hits] == [h.record["id"] for h in same.hits]


def test_incremental_index_state(data_dir: Path) -> None:
    settings = build(data_dir)
    again = index_archive(settings)
    assert again.indexed == 0 and again.deleted == 0 and again.unchanged == again.total > 0
    with Archive(data_dir) as ar:
        ar.mark_removed("http://www.gov.example/trs_2021_standard.html")
        extract_archive(ar)
    changed = index_archive(settings)
    assert changed.indexed == 1 and changed.total == again.total


def test_run_history(data_dir: Path) -> None:
    with Archive(data_dir) as ar:
        run_id = start_run(ar.db, "s", trigger="cli", mode="full")
        ar.record(source="s", url=URL, body=b"v1")
        ar.mark_report(url=URL, source="s", title=None, kind="page", parent_url=None, sha256=None)
        run = finish_run(ar.db, run_id, "timeout", errors=["killed after 10 s"])  # no stats: counted
        assert (run.status, run.pages, run.reports_new, run.errors) == ("timeout", 1, 1, ("killed after 10 s",))
        other = start_run(ar.db, "t", trigger="scheduler:t", mode="update")
        assert [r.id for r in list_runs(ar.db)] == [other, run_id]
        assert [r.source for r in list_runs(ar.db, source="s")] == ["s"]


def test_distributed_run_parts(data_dir: Path) -> None:
    with Archive(data_dir) as ar:
        a = join_run(ar.db, "s", crawl_id="c1", worker="host-a:1")
        b = join_run(ar.db, "s", crawl_id="c1", worker="host-b:7")
        assert a == b  # one run row per source and crawl, whichever worker came first
        finish_part(ar.db, a, "host-a:1", {"source": "s", "pages": 3, "reports_new": 1, "failed": 0, "errors": []})
        state = distributed_run(ar.db, "c1")
        assert state.workers == ("host-a:1", "host-b:7") and state.unfinished == ("host-b:7",)
        assert not state.complete
        finish_part(ar.db, a, "host-b:7", {"source": "s", "pages": 4, "reports_new": 2, "failed": 0, "errors": []})
        assert distributed_run(ar.db, "c1").complete
        (run,) = close_distributed_run(ar.db, distributed_run(ar.db, "c1"), removals_judged=True)
        assert (run.status, run.pages, run.reports_new, run.trigger) == ("ok", 7, 3, "distributed:c1")


def test_saved_searches(data_dir: Path) -> None:
    settings = Settings.load(data_dir)
    save_search(settings, "复议", "行政复议", ["year >= 2020"])
    save_search(settings, "复议", "行政复议 纠正", [], webhook="https://hooks.example/x")  # replaced
    save_search(settings, "诉讼", "行政诉讼")
    assert [(s.name, s.query, s.webhook) for s in saved_searches(settings)] == [
        ("复议", "行政复议 纠正", "https://hooks.example/x"), ("诉讼", "行政诉讼", None)]
    assert delete_search(settings, "诉讼") and not delete_search(settings, "诉讼")


def _record_same_urls(catalog_url: str, data_dir: str, worker: int) -> None:
    with Archive(data_dir, catalog_url=catalog_url) as ar:
        for i in range(40):
            ar.record(source="s", url=f"http://x/{i % 8}", body=f"body {i % 8}".encode(), kind="report")
            ar.mark_report(url=f"http://x/{i % 8}", source="s", title=f"w{worker}", kind="page", parent_url=None,
                           sha256=None)


def test_concurrent_writers_keep_one_version_per_content(catalog_url: str, tmp_path: Path) -> None:
    """Four processes (as workers on several machines would) record the same URLs at once."""
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_record_same_urls, args=(catalog_url, str(tmp_path / f"w{n}"), n))
             for n in range(4)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    catalog = Catalog(catalog_url)
    assert catalog.execute("SELECT COUNT(*) FROM captures").fetchone()[0] == 160
    assert catalog.execute("SELECT COUNT(*) FROM versions").fetchone()[0] == 8
    assert catalog.execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 8
    catalog.close()


OLD_SCHEMA = """
CREATE TABLE captures (id INTEGER PRIMARY KEY, source TEXT NOT NULL, url TEXT NOT NULL, final_url TEXT NOT NULL,
    method TEXT NOT NULL DEFAULT 'GET', status INTEGER NOT NULL, fetched_at TEXT NOT NULL, headers TEXT NOT NULL,
    sha256 TEXT NOT NULL, size INTEGER NOT NULL, content_type TEXT, kind TEXT NOT NULL, parent_url TEXT);
CREATE INDEX captures_url ON captures(url);
CREATE TABLE versions (url TEXT NOT NULL, sha256 TEXT NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
    PRIMARY KEY (url, sha256));
CREATE TABLE reports (url TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT, parent_url TEXT, kind TEXT NOT NULL,
    first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, removed_at TEXT, current_sha256 TEXT);
CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, trigger TEXT NOT NULL,
    mode TEXT NOT NULL, started_at TEXT NOT NULL, ended_at TEXT, status TEXT NOT NULL, pages INTEGER DEFAULT 0,
    reports_found INTEGER DEFAULT 0, reports_new INTEGER DEFAULT 0, reports_changed INTEGER DEFAULT 0,
    reports_removed INTEGER DEFAULT 0, failed INTEGER DEFAULT 0, errors TEXT DEFAULT '[]');
INSERT INTO captures VALUES (1, 's', 'http://x/a', 'http://x/a', 'GET', 200, '2024-01-01T00:00:00+00:00', '{}',
    'ab', 2, NULL, 'report', NULL);
INSERT INTO versions VALUES ('http://x/a', 'ab', '2024-01-01T00:00:00+00:00', '2024-01-01T00:00:00+00:00');
INSERT INTO runs (source, trigger, mode, started_at, status) VALUES ('s', 'cli', 'full', '2024-01-01', 'ok');
"""


def test_a_catalog_written_before_ogi_catalog_is_used_as_it_is(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OGI_CATALOG_URL", raising=False)
    db = sqlite3.connect(tmp_path / "catalog.sqlite")
    db.executescript(OLD_SCHEMA)
    db.close()
    with Archive(tmp_path) as ar:
        assert [v["sha256"] for v in ar.versions("http://x/a")] == ["ab"]
        new = start_run(ar.db, "s", trigger="cli", mode="full")
        assert [r.id for r in list_runs(ar.db)] == [new, 1]
        assert ar.record(source="s", url="http://x/a", body=b"new").new_version


def test_web_app_on_postgres_and_s3(tmp_path: Path, pg_url: str, s3_endpoint: str, s3_bucket,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """What a journalist opens — a report, its versions, the archived copy, runs — when the catalog
    is on PostgreSQL and the bodies in a bucket (nothing of the archive on the web host's disk)."""
    from fastapi.testclient import TestClient

    from ogi.web.app import create_app

    _, bucket = s3_bucket
    monkeypatch.setenv("OGI_CATALOG_URL", pg_url)
    monkeypatch.setenv("OGI_BLOB_STORE", f"s3://{bucket}/archive")
    monkeypatch.setenv("OGI_S3_ENDPOINT_URL", s3_endpoint)
    settings = build(tmp_path / "web")
    assert not (tmp_path / "web" / "blobs").exists() and not (tmp_path / "web" / "catalog.sqlite").exists()
    client = TestClient(create_app(settings))
    hit = client.get("/api/search", params={"q": "2024年3月更正", "limit": 1}).json()["hits"][0]
    body = client.get(f"/api/reports/{hit['id']}").json()
    assert len(body["versions"]) == 2 and body["versions"][-1]["current"]
    archived = client.get(f"/archive/{body['document']['sha256']}")
    assert archived.status_code == 200 and "2024年3月更正".encode() in archived.content
    assert client.get(f"/reports/{hit['id']}").status_code == 200
    assert client.get("/api/runs").status_code == 200


def test_scheduler_job_store_and_claims_share_the_postgres_catalog(tmp_path: Path, pg_url: str) -> None:
    """With OGI_CATALOG_URL on PostgreSQL the scheduler keeps its jobs and claims there too:
    a second scheduler host sees the same jobs, and a fire claimed on one is not taken on the other."""
    from ogi.scheduler import service

    settings = Settings.load(tmp_path, env={"OGI_CATALOG_URL": pg_url})
    assert settings.job_store_url == pg_url
    sources = tmp_path / "sources.yaml"
    sources.write_text("sources:\n  - name: portal\n    start_urls: ['http://127.0.0.1:9/']\n", encoding="utf-8")
    first = service.make_scheduler(settings)
    first.start(paused=True)
    ids = service.sync_jobs(first, settings, sources)
    first.shutdown()
    other_host = Settings.load(tmp_path / "elsewhere", env={"OGI_CATALOG_URL": pg_url})
    assert sorted(j["id"] for j in service.list_jobs(other_host)) == ids
    engine = service.engine_for(pg_url)
    assert service.claim(engine, "portal::yearly-full@2027", 60)
    assert not service.claim(service.engine_for(other_host.job_store_url), "portal::yearly-full@2027", 60)
    service.release(engine, "portal::yearly-full@2027")
    assert service.claim(engine, "portal::yearly-full@2027", 60)


def test_settings_name_the_catalog_and_never_print_its_password(tmp_path: Path) -> None:
    from ogi.settings import redact

    laptop = Settings.load(tmp_path, env={})
    assert laptop.catalog == sqlite_url(tmp_path / "catalog.sqlite")
    assert laptop.job_store_url == sqlite_url(tmp_path / "scheduler.sqlite") and laptop.blob_store is None
    url = "postgresql+psycopg://ogi:s3cret@db.internal:5432/ogi"
    shared = Settings.load(tmp_path, env={"OGI_CATALOG_URL": url, "OGI_BLOB_STORE": "s3://ogi/archive",
                                          "OGI_S3_ENDPOINT_URL": "http://minio:9000"})
    assert (shared.catalog, shared.job_store_url, shared.blob_store) == (url, url, "s3://ogi/archive")
    assert redact(url) == "postgresql+psycopg://ogi:***@db.internal:5432/ogi"
