"""Extraction over the archive split into shards (machines) and processes: the same documents
as one pass, each report extracted exactly once."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ogi.archive import Archive
from ogi.cli import main
from ogi.pipeline import Shard, extract_archive, extract_in_processes
from tests.webdata import BASE, FIXTURES, PAGES


def _fill(data_dir: Path) -> None:
    with Archive(data_dir) as archive:
        for name in PAGES:
            url = BASE + name
            stored = archive.record(source="fixtures", url=url, body=(FIXTURES / "html" / name).read_bytes(),
                                    headers={"Content-Type": "text/html"}, kind="page",
                                    fetched_at="2024-02-03T08:00:00+00:00")
            archive.mark_report(url=url, source="fixtures", title=None, kind="page", parent_url=None,
                                sha256=stored.sha256, seen_at="2024-02-03T08:00:00+00:00")


def _documents(data_dir: Path) -> dict[tuple[str, str], tuple]:
    with Archive(data_dir) as archive:
        return {(r["url"], r["sha256"]): (r["document"], r["error"])
                for r in archive.db.execute("SELECT url, sha256, document, error FROM documents")}


def test_shards_partition_the_digests() -> None:
    digests = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(2000)]
    shards = [Shard(i, 3) for i in (1, 2, 3)]
    assert all(sum(s.owns(d) for s in shards) == 1 for d in digests)
    assert min(sum(s.owns(d) for d in digests) for s in shards) > 600  # roughly even
    for shard in shards:  # a machine's shard split over its processes owns exactly the same reports
        parts = shard.split(4)
        assert all(shard.owns(d) == (sum(p.owns(d) for p in parts) == 1) for d in digests)
        assert all(sum(p.owns(d) for p in parts) <= 1 for d in digests)
    assert Shard.parse("2/4") == Shard(2, 4)
    for bad in ("0/2", "3/2", "x", "1/0", "1/2/3"):
        with pytest.raises(ValueError):
            Shard.parse(bad)


def test_two_machines_by_shard_equal_one_pass(tmp_path: Path) -> None:
    _fill(tmp_path / "one")
    with Archive(tmp_path / "one") as archive:
        whole = extract_archive(archive)
    _fill(tmp_path / "split")
    with Archive(tmp_path / "split") as archive:
        first = extract_archive(archive, shard=Shard(1, 2))
        second = extract_archive(archive, shard=Shard(2, 2))
        again = extract_archive(archive)
    assert first.extracted > 0 and second.extracted > 0
    assert first.add(second).extracted + first.add(second).failed == whole.extracted + whole.failed == len(PAGES)
    assert again.extracted == 0 and again.unchanged == len(PAGES)
    assert _documents(tmp_path / "split") == _documents(tmp_path / "one")


def test_processes_equal_one_pass(tmp_path: Path) -> None:
    _fill(tmp_path / "one")
    extract_in_processes(tmp_path / "one", jobs=1)
    _fill(tmp_path / "two")
    summary = extract_in_processes(tmp_path / "two", jobs=2)
    assert summary.extracted + summary.failed == len(PAGES)
    assert _documents(tmp_path / "two") == _documents(tmp_path / "one")


def test_cli_shard_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(tmp_path)
    assert main(["extract", "--data-dir", str(tmp_path), "--shard", "3/2"]) == 2
    assert "1 ≤ I ≤ N" in capsys.readouterr().err
    assert main(["extract", "--data-dir", str(tmp_path), "--shard", "1/1", "--jobs", "2"]) == 0
    assert f"extracted {len(PAGES)}" in capsys.readouterr().out
