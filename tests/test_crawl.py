"""The crawl against local imitation portals (ogi/demo/portals), one per CMS family.

Every crawl runs in its own process (Scrapy's reactor cannot restart), as the CLI and
the scheduler run it.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ogi.crawler.run import crawl_in_subprocess
from ogi.demo.portals.server import load_expected, portal_dir, serve, serve_many

FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "OGI_RETRY_BACKOFF_BASE": 0.05}
FAMILIES = ("trs", "hanweb", "gkmlpt", "static")
# portals built blind, after the crawler, by someone who never saw its code
HOLDOUT = Path(__file__).parent / "portals_holdout"
HOLDOUT_PORTALS = ("trs_shtml", "hanweb_multi", "gkmlpt_dept", "static_pagejsp")


def _expected(site) -> dict:
    return json.loads((Path(site.portal_dir) / "expected.json").read_text(encoding="utf-8"))


def _crawl(site, data_dir: Path, path: str | None = None, **settings):
    expected = _expected(site)
    return crawl_in_subprocess([site.url(path or expected["home_path"])], data_dir, timeout=300,
                               settings={**FAST, **settings})[0]


def _catalog(data_dir: Path, base_url: str) -> dict[str, dict]:
    db = sqlite3.connect(data_dir / "catalog.sqlite")
    db.row_factory = sqlite3.Row
    return {r["url"].replace(base_url, ""): dict(r) for r in db.execute("SELECT * FROM reports")}


def _report_set(catalog: dict[str, dict], base_url: str) -> set[str]:
    """Reports as a reader counts them: a page, or an attachment that no report page carries."""
    pages = {p for p, r in catalog.items() if r["kind"] == "page"}
    return pages | {p for p, r in catalog.items()
                    if r["kind"] == "attachment" and (r["parent_url"] or "").replace(base_url, "") not in pages}


@pytest.fixture(scope="module", params=[portal_dir(f) for f in FAMILIES] + [HOLDOUT / p for p in HOLDOUT_PORTALS],
                ids=FAMILIES + HOLDOUT_PORTALS)
def crawled(request, tmp_path_factory):
    with serve(request.param) as site:
        data_dir = tmp_path_factory.mktemp(request.param.name)
        stats = _crawl(site, data_dir)
        yield site, data_dir, stats, _expected(site)


def test_every_report_found(crawled) -> None:
    site, data_dir, stats, expected = crawled
    found = _report_set(_catalog(data_dir, site.base_url), site.base_url)
    for report in expected["reports"]:
        assert report["path"] in found or report.get("via") in found, report
    assert stats["failed"] == 0, stats["errors"]


def test_no_non_report_kept(crawled) -> None:
    site, data_dir, _, expected = crawled
    catalog = _catalog(data_dir, site.base_url)
    wanted = {r["path"] for r in expected["reports"]} | {r.get("via") for r in expected["reports"]}
    assert not [n["path"] for n in expected["non_reports"] if n["path"] in catalog]
    for path, report in catalog.items():  # anything else kept belongs to a wanted report
        assert path in wanted or (report["parent_url"] or "").replace(site.base_url, "") in wanted, path


def test_disallowed_never_fetched_and_robots_read(crawled) -> None:
    site, _, stats, expected = crawled
    assert site.requests_for("/robots.txt")
    for path in expected.get("disallowed", []):
        assert not site.requests_for(path), path


def test_requests_stay_on_the_portal(crawled) -> None:
    site, data_dir, stats, expected = crawled
    db = sqlite3.connect(data_dir / "catalog.sqlite")
    assert all(url.startswith(site.base_url) for (url,) in db.execute("SELECT final_url FROM captures"))
    for url in expected.get("external", []):  # never asked for (nor a redirect to it followed)
        host = url.split("/")[2]
        assert not any(host in e for e in stats["errors"]), stats["errors"]


def test_every_capture_kept_by_digest(crawled) -> None:
    import hashlib

    _, data_dir, _, _ = crawled
    db = sqlite3.connect(data_dir / "catalog.sqlite")
    for sha, size in db.execute("SELECT sha256, size FROM captures"):
        blob = (data_dir / "blobs" / sha[:2] / sha[2:4] / sha).read_bytes()
        assert hashlib.sha256(blob).hexdigest() == sha and len(blob) == size


def test_503_is_retried_with_backoff(tmp_path: Path) -> None:
    with serve(portal_dir("hanweb")) as site:
        _crawl(site, tmp_path, OGI_RETRY_BACKOFF_BASE=0.4)
        path = "/art/2023/1/28/art_1453_87.html"
        requests = site.requests_for(path)
        assert [r.status for r in requests] == [503, 503, 200]
        gaps = [b.time - a.time for a, b in zip(requests, requests[1:])]
        assert gaps[0] >= 0.4 and gaps[1] >= 0.8, gaps
        assert path in _catalog(tmp_path, site.base_url)


def test_gbk_page_without_charset_is_read(tmp_path: Path) -> None:
    with serve(portal_dir("hanweb")) as site:
        _crawl(site, tmp_path)
    subprocess.run([sys.executable, "-m", "ogi.cli", "extract", "--data-dir", str(tmp_path)], check=True,
                   capture_output=True, timeout=120)
    out = subprocess.run([sys.executable, "-m", "ogi.cli", "export", "--data-dir", str(tmp_path)], check=True,
                         capture_output=True, text=True, timeout=120).stdout
    docs = {d["document_url"].split("/", 3)[3]: d for d in map(json.loads, out.splitlines())}
    gbk = docs["art/2020/1/21/art_1453_23.html"]
    assert gbk["title"] == "南通市自然资源和规划局2019年政府信息公开工作年度报告"
    assert any(w["code"] == "encoding_guessed" for w in gbk["warnings"])


def test_second_crawl_archives_nothing_new_then_versions_and_removals(tmp_path: Path) -> None:
    with serve(portal_dir("trs")) as site:
        first = _crawl(site, tmp_path)
        db = sqlite3.connect(tmp_path / "catalog.sqlite")
        versions_before = db.execute("SELECT url, sha256 FROM versions ORDER BY 1, 2").fetchall()
        blobs_before = sorted(p.name for p in (tmp_path / "blobs").rglob("*") if p.is_file())
        site.clear_requests()

        second = _crawl(site, tmp_path)
        assert db.execute("SELECT url, sha256 FROM versions ORDER BY 1, 2").fetchall() == versions_before
        assert sorted(p.name for p in (tmp_path / "blobs").rglob("*") if p.is_file()) == blobs_before
        report_pages = [r["path"] for r in load_expected("trs")["reports"]]
        for path in report_pages:  # asked conditionally, answered 304
            for req in site.requests_for(path):
                assert req.header("If-None-Match") or req.header("If-Modified-Since"), path
                assert req.status == 304, path
        assert second["reports_new"] == 0 and second["not_modified"] >= len(report_pages)
        assert second["reports_found"] == first["reports_found"]

        # an agency edits its report: a second version, the first kept
        page = "/zfxxgk/zfxxgknb/202401/t20240125_1234567.html"
        site.replace(page, site.read(page).replace("攸县人民政府".encode(), "攸县人民政府（修订）".encode(), 1))
        third = _crawl(site, tmp_path)
        assert third["reports_changed"] == 1
        url = site.url(page)
        assert len(db.execute("SELECT sha256 FROM versions WHERE url = ?", (url,)).fetchall()) == 2

        # …then deletes it: marked removed, never deleted
        site.delete(page)
        _crawl(site, tmp_path)
        removed_at, = db.execute("SELECT removed_at FROM reports WHERE url = ?", (url,)).fetchone()
        assert removed_at is not None
        shas = [s for (s,) in db.execute("SELECT sha256 FROM versions WHERE url = ?", (url,))]
        assert all((tmp_path / "blobs" / s[:2] / s[2:4] / s).exists() for s in shas)


def _catalog_state(data_dir: Path, base_url: str):
    db = sqlite3.connect(data_dir / "catalog.sqlite")
    reports = sorted((u.replace(base_url, ""), k, r is None) for u, k, r in
                     db.execute("SELECT url, kind, removed_at FROM reports"))
    versions = sorted((u.replace(base_url, ""), s) for u, s in db.execute("SELECT url, sha256 FROM versions"))
    return reports, versions


def test_kill_9_mid_crawl_then_rerun_equals_an_uninterrupted_crawl(tmp_path: Path) -> None:
    with serve(portal_dir("static")) as site:
        whole = tmp_path / "whole"
        _crawl(site, whole)
        killed = tmp_path / "killed"
        killed.mkdir()
        start = site.url(load_expected("static")["home_path"])
        cmd = [sys.executable, "-m", "ogi.crawler.run", "--data-dir", str(killed), "--json",
               "--settings", json.dumps({"DOWNLOAD_DELAY": 0.15, "AUTOTHROTTLE_ENABLED": False}), start]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # let it archive a few pages, then kill it hard
            db_path = killed / "catalog.sqlite"
            if db_path.exists():
                try:
                    (n,) = sqlite3.connect(db_path).execute("SELECT COUNT(*) FROM captures").fetchone()
                except sqlite3.OperationalError:
                    n = 0
                if n >= 4:
                    break
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        partial, _ = _catalog_state(killed, site.base_url)
        assert len(partial) < len(_catalog_state(whole, site.base_url)[0]), "killed too late to test anything"
        _crawl(site, killed)
        assert _catalog_state(killed, site.base_url) == _catalog_state(whole, site.base_url)


def test_ogi_crawl_then_export_one_row_per_report(tmp_path: Path) -> None:
    with serve(portal_dir("trs")) as site:
        env = {**os.environ, "OGI_CRAWL_SETTINGS": json.dumps(FAST)}
        result = subprocess.run([sys.executable, "-m", "ogi.cli", "crawl", site.url("/index.html"),
                                 "--data-dir", str(tmp_path)], capture_output=True, text=True, timeout=300, env=env)
        assert result.returncode == 0, result.stderr
        assert "reports 7 found" in result.stdout
    out = subprocess.run([sys.executable, "-m", "ogi.cli", "export", "--data-dir", str(tmp_path), "--format", "jsonl"],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 6  # 6 reports: one of them a page that only links to its PDF (one report, two files)
    assert not [r for r in records if "error" in r]
    for doc in records:
        assert doc["url"] and doc["document_url"] and doc["sha256"] and doc["captured_at"]
    [pair] = [r for r in records if len(r["documents"]) == 2]
    assert [d["role"] for d in pair["documents"]] == ["page", "attachment"]
    assert pair["evidence_document"].endswith(".pdf") and pair["url"].endswith(".html")
    files = subprocess.run([sys.executable, "-m", "ogi.cli", "export", "--data-dir", str(tmp_path), "--format",
                            "jsonl", "--documents"], capture_output=True, text=True, timeout=120, check=True).stdout
    assert len(files.splitlines()) == 7  # --documents: one row per captured file
    records = [json.loads(line) for line in files.splitlines()]
    for doc in records:
        assert doc["is_annual_report"]
    # the page of 攸县财政局 only links to its PDF: no tables, and it says where they are …
    (bare,) = [d for d in records if d["table_format"] == "none"]
    assert any(w["code"] == "tables_in_attachments" for w in bare["warnings"])
    # … and the PDF (a table without ruling lines) is read, its figures marked less certain
    (pdf,) = [d for d in records if d["document_url"].endswith(".pdf")]
    assert pdf["format"] == "pdf" and pdf["url"] == bare["document_url"] and pdf["year"] == 2023
    assert pdf["figures"]["requests.new_received.total"]["confidence"] < 1
    assert sorted(d["year"] for d in records if d["table_format"] != "none") == [2019, 2020, 2021, 2022, 2023, 2023]


def test_two_portals_on_one_ip_crawl_in_parallel(tmp_path: Path) -> None:
    with serve_many(["trs", "static"]) as sites:
        specs = [sites["trs"].url("/index.html"), sites["static"].url(load_expected("static")["home_path"])]
        stats = crawl_in_subprocess(specs, tmp_path, timeout=300,
                                    settings={"DOWNLOAD_DELAY": 0.2, "AUTOTHROTTLE_ENABLED": False})
        assert all(s["reports_found"] > 0 for s in stats)
        a = [r.time for r in sites["trs"].requests]
        b = [r.time for r in sites["static"].requests]
        assert min(b) < max(a) and min(a) < max(b), "one portal waited for the other"
