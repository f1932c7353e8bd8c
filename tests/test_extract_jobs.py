"""`ogi extract --data-dir D --jobs N` (issue 20): files read in N worker processes, every catalog
row written by the parent, the same rows in the same order as one process writes them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ogi.archive import Archive
from ogi.cli import main

HTML = Path(__file__).parent / "fixtures" / "html"
OFFICE = Path(__file__).parent / "fixtures" / "office"
BASE = "http://gov.example/"


def _archive(path: Path) -> None:
    with Archive(path) as archive:
        files = sorted(HTML.glob("*.html"))[:8] + [OFFICE / "blank_cells_2021.docx"]
        for name in files:
            url = BASE + name.name
            stored = archive.record(source="test", url=url, body=name.read_bytes(), kind="page",
                                    headers={"Content-Type": "text/html" if name.suffix == ".html" else
                                             "application/octet-stream"})
            archive.mark_report(url=url, source="test", title=None, kind="page", parent_url=None,
                                sha256=stored.sha256)
        gone = archive.record(source="test", url=BASE + "gone.html", body=b"<html>gone</html>", kind="page")
        archive.mark_report(url=BASE + "gone.html", source="test", title=None, kind="page", parent_url=None,
                            sha256=gone.sha256)
        archive.blobs.path(gone.sha256).unlink()  # a body lost from the store: that file's error only


def _rows(path: Path) -> list[tuple]:
    with Archive(path) as archive:
        rows = archive.db.execute("SELECT url, sha256, document, error FROM documents ORDER BY rowid").fetchall()
    return [(r[0], r[1], json.loads(r[2]) if r[2] else None, r[3]) for r in rows]


def test_jobs_write_the_same_rows_in_the_same_order(tmp_path: Path, capsys) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    _archive(one)
    shutil.copytree(one, two)
    assert main(["extract", "--data-dir", str(one), "--jobs", "1"]) == 0
    out_one = capsys.readouterr().out
    assert main(["extract", "--data-dir", str(two), "--jobs", "2"]) == 0
    out_two = capsys.readouterr().out
    assert out_one.splitlines()[0] == out_two.splitlines()[0]  # extracted N, unchanged 0, failed 1
    assert "failed 1" in out_two and "gone.html" in out_two
    rows_one, rows_two = _rows(one), _rows(two)
    assert len(rows_one) == 10 and [r[0] for r in rows_one] == [r[0] for r in rows_two]
    assert rows_one == rows_two
    assert main(["extract", "--data-dir", str(two), "--jobs", "2"]) == 0
    assert "extracted 0, unchanged 10" in capsys.readouterr().out
