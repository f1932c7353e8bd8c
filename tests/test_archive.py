from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import sqlite3
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from ogi.archive import Archive
from ogi.warc_export import export_warc


def test_body_stored_once_by_digest(tmp_path: Path) -> None:
    with Archive(tmp_path) as ar:
        a = ar.record(source="s", url="http://x/a", body=b"same")
        b = ar.record(source="s", url="http://x/b", body=b"same")
        assert a.sha256 == b.sha256 == hashlib.sha256(b"same").hexdigest()
        assert len(list((tmp_path / "blobs").rglob("*"))) == 3  # ab/, ab/cd/, the blob
        assert ar.blobs.get(a.sha256) == b"same"


def test_versions_and_seen_again(tmp_path: Path) -> None:
    with Archive(tmp_path) as ar:
        first = ar.record(source="s", url="http://x/r.html", body=b"v1", fetched_at="2024-01-01T00:00:00+00:00")
        again = ar.record(source="s", url="http://x/r.html", body=b"v1", fetched_at="2024-02-01T00:00:00+00:00")
        changed = ar.record(source="s", url="http://x/r.html", body=b"v2", fetched_at="2024-03-01T00:00:00+00:00")
        assert first.first_capture and first.new_version
        assert not again.new_version and not again.first_capture
        assert changed.new_version
        versions = ar.versions("http://x/r.html")
        assert [v["sha256"] for v in versions] == [first.sha256, changed.sha256]
        assert versions[0]["last_seen"] == "2024-02-01T00:00:00+00:00"
        assert len(list(ar.captures("http://x/r.html"))) == 3


def test_removed_report_keeps_its_versions(tmp_path: Path) -> None:
    with Archive(tmp_path) as ar:
        stored = ar.record(source="s", url="http://x/r.html", body=b"v1", kind="report")
        assert ar.mark_report(url="http://x/r.html", source="s", title="2023年报", kind="page", parent_url=None,
                              sha256=stored.sha256)
        ar.mark_removed("http://x/r.html")
        (report,) = ar.reports()
        assert report["removed_at"] is not None
        assert ar.blobs.get(stored.sha256) == b"v1"
        # seen again upstream: no longer removed
        assert not ar.mark_report(url="http://x/r.html", source="s", title=None, kind="page", parent_url=None,
                                  sha256=None)
        assert ar.reports()[0]["removed_at"] is None


def _record_forever(data_dir: str) -> None:
    ar = Archive(data_dir)
    i = 0
    while True:
        ar.record(source="s", url=f"http://x/{i}", body=os.urandom(50_000))
        i += 1


def test_kill_mid_write_leaves_a_consistent_archive(tmp_path: Path) -> None:
    proc = multiprocessing.get_context("spawn").Process(target=_record_forever, args=(str(tmp_path),))
    proc.start()
    try:
        deadline = 200
        while deadline and not (tmp_path / "catalog.sqlite").exists():
            deadline -= 1
            proc.join(0.05)
        proc.join(1.5)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.join()
    db = sqlite3.connect(tmp_path / "catalog.sqlite")
    rows = db.execute("SELECT sha256 FROM captures").fetchall()
    assert rows, "the writer made no progress"
    with Archive(tmp_path) as ar:
        for (digest,) in rows:  # every catalogued capture has its whole body
            assert hashlib.sha256(ar.blobs.get(digest)).hexdigest() == digest


def test_warc_export(tmp_path: Path) -> None:
    with Archive(tmp_path / "d") as ar:
        ar.record(source="s", url="http://x/a.html", body="年报".encode(), headers={"Content-Type": "text/html"})
        ar.record(source="s", url="http://x/b.pdf", body=b"%PDF-1.4", status=200)
        assert export_warc(ar, tmp_path / "out.warc.gz") == 2
    with open(tmp_path / "out.warc.gz", "rb") as fh:
        records = [(r.rec_headers.get_header("WARC-Target-URI"), r.content_stream().read())
                   for r in ArchiveIterator(fh) if r.rec_type == "response"]
    assert records == [("http://x/a.html", "年报".encode()), ("http://x/b.pdf", b"%PDF-1.4")]
