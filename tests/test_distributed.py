"""Two crawl workers sharing one queue and duplicate filter in a real Redis (scrapy-redis):
every report is fetched exactly once, and the catalog equals a single-worker crawl."""

from __future__ import annotations

import json
import shutil
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from crawler.distributed import run_workers
from crawler.run import crawl_in_subprocess
from crawler.sources import load_sources
from ogi.demo.portals.server import load_expected, serve_many

REDIS = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(REDIS is None, reason="no redis-server (.ci/run installs Debian's redis-server)")
FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "OGI_RETRY_BACKOFF_BASE": 0.05}
FAMILIES = ["trs", "static", "hanweb"]


@pytest.fixture(scope="module")
def redis_url():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
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


def _catalog(data_dir: Path, bases: dict[str, str]) -> dict[str, tuple]:
    db = sqlite3.connect(data_dir / "catalog.sqlite")

    def rel(url: str | None) -> str | None:
        for family, base in bases.items():
            if url and url.startswith(base):
                return family + url[len(base):]
        return url

    return {rel(url): (kind, rel(parent), sha, removed) for url, kind, parent, sha, removed in db.execute(
        "SELECT url, kind, parent_url, current_sha256, removed_at FROM reports")}


def _fetches(data_dir: Path) -> dict[str, int]:
    db = sqlite3.connect(data_dir / "catalog.sqlite")
    return dict(db.execute("SELECT url, COUNT(*) FROM captures GROUP BY url"))


def test_two_workers_fetch_each_report_once_and_equal_one_worker(tmp_path: Path, redis_url: str) -> None:
    with serve_many(FAMILIES) as sites:
        bases = {f: sites[f].base_url for f in FAMILIES}
        entries = [{"name": f, "start_urls": [sites[f].url(load_expected(f)["home_path"])]} for f in FAMILIES]
        sources_file = tmp_path / "sources.yaml"
        sources_file.write_text(yaml.safe_dump({"sources": entries}, allow_unicode=True), encoding="utf-8")
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
    runs = sqlite3.connect(shared / "catalog.sqlite").execute(
        "SELECT source, status, pages, reports_found FROM runs ORDER BY source").fetchall()
    assert [(s, st) for s, st, _, _ in runs] == [(f, "ok") for f in sorted(FAMILIES)]
    assert sum(p for _, _, p, _ in runs) == sum(fetched.values())
    assert sum(n for _, _, _, n in runs) == len(reports)


def test_keys_are_dropped_after_the_crawl(redis_url: str) -> None:
    import redis

    assert not list(redis.Redis.from_url(redis_url).scan_iter(match="ogi:*"))
