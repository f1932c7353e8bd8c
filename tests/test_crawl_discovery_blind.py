"""Blind list-discovery portals (tests/portals_discovery, made without reading the crawler): each
column is read to its end, every report of expected.json is found, nothing else is taken for a
report, and the crawl says how the list ended."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ogi.crawler.run import crawl_in_subprocess
from ogi.demo.portals.server import load_expected, serve

PORTALS = Path(__file__).resolve().parent / "portals_discovery"
FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "OGI_RETRY_BACKOFF_BASE": 0.01}


@pytest.mark.parametrize("name", sorted(p.name for p in PORTALS.iterdir() if (p / "expected.json").is_file()))
def test_blind_portal_is_read_to_its_end(name: str, tmp_path: Path) -> None:
    expected = load_expected(PORTALS / name)
    truth = {r["path"] for r in expected["reports"]}
    assert len(truth) == expected["counts"]["reports"]
    with serve(PORTALS / name) as site:
        stats = crawl_in_subprocess([site.url(expected["start_path"])], tmp_path, timeout=300, settings=FAST)[0]
        base = site.base_url
    db = sqlite3.connect(tmp_path / "catalog.sqlite")
    found = {r[0].replace(base, "") for r in db.execute("SELECT url FROM reports")}
    assert found == truth, (sorted(truth - found)[:5], sorted(found - truth)[:5])
    assert stats["status"] == "ok"
    assert expected["list_end"] in [e["end"] for e in stats["lists"] if e["records"]], stats["lists"]
