"""Two crawl workers sharing one queue and duplicate filter in a real Redis (scrapy-redis):
every report is fetched exactly once, and the catalog equals a single-worker crawl — on one
machine (one data directory), and as on several machines (nothing shared but Redis, a
PostgreSQL catalog and an S3-compatible bucket, each run by the test on loopback)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from ogi.crawler.distributed import run_workers, start_worker
from ogi.crawler.run import crawl_in_subprocess
from ogi.crawler.sources import load_sources
from ogi.catalog import Catalog, sqlite_url
from ogi.demo.portals.server import load_expected, serve_many
from tests.conftest import free_port

REDIS = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(REDIS is None, reason="no redis-server (.ci/run installs Debian's redis-server)")
FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "OGI_RETRY_BACKOFF_BASE": 0.05}
FAMILIES = ["trs", "static", "hanweb"]


@pytest.fixture(scope="module")
def redis_url():
    port = free_port()
    proc = subprocess.Popen([REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import redis

    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(10)


def _url(where: Path | str) -> str:
    return sqlite_url(where / "catalog.sqlite") if isinstance(where, Path) else where


def _catalog(where: Path | str, bases: dict[str, str]) -> dict[str, tuple]:
    """The reports of a catalog (a data directory's SQLite file, or a URL), portal addresses made relative."""
    def rel(url: str | None) -> str | None:
        for family, base in bases.items():
            if url and url.startswith(base):
                return family + url[len(base):]
        return url

    db = Catalog(_url(where))
    try:
        return {rel(url): (kind, rel(parent), sha, removed) for url, kind, parent, sha, removed in db.execute(
            "SELECT url, kind, parent_url, current_sha256, removed_at FROM reports")}
    finally:
        db.close()


def _fetches(where: Path | str) -> dict[str, int]:
    db = Catalog(_url(where))
    try:
        return {url: count for url, count in db.execute("SELECT url, COUNT(*) FROM captures GROUP BY url")}
    finally:
        db.close()


def _runs(where: Path | str) -> list[tuple]:
    db = Catalog(_url(where))
    try:
        return [tuple(r) for r in db.execute("SELECT source, status, pages, reports_found FROM runs ORDER BY source")]
    finally:
        db.close()


def _sources_file(tmp_path: Path, sites) -> Path:
    entries = [{"name": f, "start_urls": [sites[f].url(load_expected(f)["home_path"])]} for f in FAMILIES]
    sources_file = tmp_path / "sources.yaml"
    sources_file.write_text(yaml.safe_dump({"sources": entries}, allow_unicode=True), encoding="utf-8")
    return sources_file


def test_two_workers_fetch_each_report_once_and_equal_one_worker(tmp_path: Path, redis_url: str) -> None:
    with serve_many(FAMILIES) as sites:
        bases = {f: sites[f].base_url for f in FAMILIES}
        sources_file = _sources_file(tmp_path, sites)
        sources = load_sources([str(sources_file)])

        single = tmp_path / "single"
        crawl_in_subprocess([str(sources_file)], single, timeout=300, settings=FAST)
        shared = tmp_path / "shared"
        results, done = run_workers(sources, sources_file, shared, redis_url, workers=2,
                                       settings={**FAST, "DOWNLOAD_DELAY": 0.5, "CONCURRENT_REQUESTS": 2}, timeout=300)

    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    assert done.removed == 0 and done.complete
    assert _catalog(shared, bases) == _catalog(single, bases)
    fetched = _fetches(shared)
    reports = _catalog(shared, bases)
    assert len(reports) >= 15
    assert all(count == 1 for count in fetched.values()), {u: c for u, c in fetched.items() if c > 1}
    assert sum(fetched.values()) == sum(_fetches(single).values())
    pages = [sum(s["pages"] for s in r.stats) for r in results]
    assert sum(pages) == sum(fetched.values())  # the workers split the pages between them
    assert all(p > 0 for p in pages), pages  # and both did some
    runs = _runs(shared)
    assert [(s, st) for s, st, _, _ in runs] == [(f, "ok") for f in sorted(FAMILIES)]
    assert sum(p for _, _, p, _ in runs) == sum(fetched.values())
    assert sum(n for _, _, _, n in runs) == len(reports)


def test_workers_on_separate_machines_share_postgres_and_s3(tmp_path: Path, redis_url: str, pg_url: str,
                                                           s3_endpoint: str, s3_bucket, monkeypatch) -> None:
    """Each worker has its own empty data directory, as on its own machine; the third machine
    closes the crawl with `ogi crawl-finalize`, extracts from the bucket and searches."""
    _, bucket = s3_bucket
    with serve_many(FAMILIES) as sites:
        bases = {f: sites[f].base_url for f in FAMILIES}
        sources_file = _sources_file(tmp_path, sites)
        single = tmp_path / "single"  # the reference: one worker, the default local archive
        crawl_in_subprocess([str(sources_file)], single, timeout=300, settings=FAST)

        monkeypatch.setenv("OGI_CATALOG_URL", pg_url)  # what every machine's environment says
        monkeypatch.setenv("OGI_BLOB_STORE", f"s3://{bucket}/archive")
        monkeypatch.setenv("OGI_S3_ENDPOINT_URL", s3_endpoint)
        machines = [tmp_path / f"machine-{n}" for n in (1, 2, 3)]
        procs = [start_worker(sources_file, machine, redis_url, "national-2027",
                              {**FAST, "DOWNLOAD_DELAY": 0.5, "CONCURRENT_REQUESTS": 2}) for machine in machines[:2]]
        outcomes = [proc.communicate(timeout=300) for proc in procs]
        assert [p.returncode for p in procs] == [0, 0], [err[-2000:] for _, err in outcomes]
        finalize = subprocess.run(
            [sys.executable, "-m", "ogi.cli", "crawl-finalize", str(sources_file), "--crawl-id", "national-2027",
             "--redis", redis_url, "--data-dir", str(machines[2])], capture_output=True, text=True, timeout=300)
    assert finalize.returncode == 0, finalize.stdout + finalize.stderr
    assert "0 reports no longer listed marked removed" in finalize.stdout

    for machine in machines:  # nothing of the archive is kept on a machine
        assert not (machine / "blobs").exists() and not (machine / "catalog.sqlite").exists()
    assert _catalog(pg_url, bases) == _catalog(single, bases)
    fetched = _fetches(pg_url)
    assert all(count == 1 for count in fetched.values()), {u: c for u, c in fetched.items() if c > 1}
    assert sum(fetched.values()) == sum(_fetches(single).values())
    runs = _runs(pg_url)  # one history row per source, written by the workers, closed by finalize
    assert [(s, st) for s, st, _, _ in runs] == [(f, "ok") for f in sorted(FAMILIES)]
    assert sum(p for _, _, p, _ in runs) == sum(fetched.values())
    catalog = Catalog(pg_url)
    workers = {w for (w,) in catalog.execute("SELECT DISTINCT worker FROM run_parts")}
    captured = {sha for (sha,) in catalog.execute("SELECT DISTINCT sha256 FROM captures")}
    catalog.close()
    assert len(workers) == 2
    from ogi.blobstores import open_blob_store

    store = open_blob_store(f"s3://{bucket}/archive", machines[2], s3_endpoint_url=s3_endpoint)
    assert all(digest in store for digest in captured)  # every body is in the bucket

    search = subprocess.run([sys.executable, "-m", "ogi.cli", "search", "年度报告", "--data-dir", str(machines[2])],
                            capture_output=True, text=True, timeout=120)
    assert search.returncode == 0 and "年度报告" in search.stdout, search.stdout + search.stderr


def test_keys_are_dropped_after_the_crawl(redis_url: str) -> None:
    import redis

    assert not list(redis.Redis.from_url(redis_url).scan_iter(match="ogi:*"))
