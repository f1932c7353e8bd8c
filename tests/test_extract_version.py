"""Re-extraction when the extractor changes (issue 19): every document records the
EXTRACTOR_VERSION that made it; `ogi extract --data-dir` redoes documents made by an older
version or before versions were recorded (and says how many and why), leaves current ones alone,
and reads again files that failed for want of LibreOffice once it is installed — the hint says
so, no --force needed. A catalog made before the column existed is upgraded in place, on SQLite
and on PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from ogi import pipeline
from ogi.archive import Archive
from ogi.catalog import Catalog, sqlite_url
from ogi.cli import main
from ogi.extract import EXTRACTOR_VERSION
from ogi.pipeline import extract_archive
from ogi.readers import word

FIXTURES = Path(__file__).parent / "fixtures"
BASE = "http://www.gov.example/"
PAGES = ["trs_2021_standard.html", "blank_cells_2021.html", "format_2019_city.html"]


def _archive(data_dir: Path, names: list[str] = PAGES, folder: str = "html") -> None:
    with Archive(data_dir) as archive:
        for name in names:
            url = BASE + name
            ctype = "text/html" if name.endswith(".html") else "application/msword"
            stored = archive.record(source="fixtures", url=url, body=(FIXTURES / folder / name).read_bytes(),
                                    headers={"Content-Type": ctype}, kind="report")
            archive.mark_report(url=url, source="fixtures", title=None, kind="page", parent_url=None,
                                sha256=stored.sha256)


def _rows(data_dir: Path) -> dict[str, dict]:
    with Archive(data_dir) as archive:
        return {r["url"].rsplit("/", 1)[-1]: dict(r) for r in archive.db.execute(
            "SELECT url, extracted_at, extractor_version, document, error FROM documents")}


def _extract(capsys: pytest.CaptureFixture[str], data_dir: Path, *more: str) -> str:
    assert main(["extract", "--data-dir", str(data_dir), *more]) == 0
    return capsys.readouterr().out


def test_older_and_unversioned_documents_are_redone_current_ones_not(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "data"
    _archive(data_dir)
    assert _extract(capsys, data_dir).startswith("extracted 3, unchanged 0, failed 0")
    rows = _rows(data_dir)
    assert {r["extractor_version"] for r in rows.values()} == {EXTRACTOR_VERSION}
    with Archive(data_dir) as archive:  # one made by an older extractor, one before versions were kept
        archive.db.execute("UPDATE documents SET extractor_version = ?, extracted_at = 'old' WHERE url = ?",
                           (EXTRACTOR_VERSION - 1, BASE + PAGES[0]))
        archive.db.execute("UPDATE documents SET extractor_version = NULL, extracted_at = 'old' WHERE url = ?",
                           (BASE + PAGES[1],))
    out = _extract(capsys, data_dir)
    assert out.startswith("extracted 2, unchanged 1, failed 0"), out
    assert f"1 made again: made by an older extractor (v{EXTRACTOR_VERSION - 1} < v{EXTRACTOR_VERSION})" in out
    assert "1 made again: made before extractor versions were recorded" in out
    after = _rows(data_dir)
    assert {r["extractor_version"] for r in after.values()} == {EXTRACTOR_VERSION}
    assert after[PAGES[0]]["extracted_at"] != "old" and after[PAGES[1]]["extracted_at"] != "old"
    assert after[PAGES[2]]["extracted_at"] == rows[PAGES[2]]["extracted_at"]  # current: left alone
    assert after[PAGES[0]]["document"] == rows[PAGES[0]]["document"]  # same extractor, same document
    assert _extract(capsys, data_dir).startswith("extracted 0, unchanged 3, failed 0")


def test_the_extractor_version_is_part_of_the_report_digest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An incremental `ogi index` pushes reports again after a new extractor redid them."""
    from ogi import reports

    data_dir = tmp_path / "data"
    _archive(data_dir, PAGES[:1])
    with Archive(data_dir) as archive:
        extract_archive(archive)
        before = reports.assemble_archive(archive).reports[0]["digest"]
        monkeypatch.setattr(reports, "EXTRACTOR_VERSION", EXTRACTOR_VERSION + 1)
        assert reports.assemble_archive(archive).reports[0]["digest"] != before


def test_files_unread_for_want_of_libreoffice_are_read_once_it_is_installed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    if word.soffice() is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs libreoffice-writer-nogui)")
    data_dir = tmp_path / "data"
    _archive(data_dir, ["trs_2021_standard.doc"], folder="office")
    with monkeypatch.context() as m:
        m.setattr(word, "soffice", lambda: None)  # as on a machine without LibreOffice
        out = _extract(capsys, data_dir)
        assert out.startswith("extracted 0, unchanged 0, failed 1"), out
        assert "need LibreOffice" in out
        hint = next(line for line in out.splitlines() if line.startswith("hint:"))
        assert f"then run `ogi extract --data-dir {data_dir}` again" in hint and "no --force needed" in hint
        assert "apt-get install libreoffice-writer-nogui" in hint
        row = _rows(data_dir)["trs_2021_standard.doc"]
        assert row["document"] is None and row["extractor_version"] == EXTRACTOR_VERSION
        # still missing: not tried again, and the hint is given again
        out = _extract(capsys, data_dir)
        assert out.startswith("extracted 0, unchanged 1, failed 0") and "hint: 1 file(s) need LibreOffice" in out
    out = _extract(capsys, data_dir)  # LibreOffice is there now: read again without --force
    assert out.startswith("extracted 1, unchanged 0, failed 0"), out
    assert "1 made again: unread for want of LibreOffice, now installed" in out
    doc = json.loads(_rows(data_dir)["trs_2021_standard.doc"]["document"])
    assert doc["format"] == "doc" and doc["year"] == 2023 and doc["is_annual_report"]
    out = _extract(capsys, data_dir)
    assert out.startswith("extracted 0, unchanged 1, failed 0") and "hint:" not in out


OLD_DOCUMENTS = ("CREATE TABLE documents (url TEXT NOT NULL, sha256 TEXT NOT NULL, extracted_at TEXT NOT NULL,"
                 " document TEXT, error TEXT, PRIMARY KEY (url, sha256))")


@pytest.fixture(params=["sqlite", "postgresql"])
def old_catalog(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A catalog whose documents table was made before extractor_version existed, with one row."""
    url = sqlite_url(tmp_path / "catalog.sqlite") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(OLD_DOCUMENTS)
        conn.exec_driver_sql("INSERT INTO documents (url, sha256, extracted_at, document) VALUES"
                             " ('http://x.gov.example/a.html', 'ab', '2024-01-01', '{}')")
    engine.dispose()
    return url


def test_a_catalog_without_the_column_is_upgraded(old_catalog: str) -> None:
    db = Catalog(old_catalog)
    try:
        rows = [dict(r) for r in db.execute("SELECT url, document, extractor_version FROM documents")]
        assert rows == [{"url": "http://x.gov.example/a.html", "document": "{}", "extractor_version": None}]
        row = db.execute("SELECT * FROM documents").fetchone()
        assert pipeline.redo_reason(row) == "made before extractor versions were recorded"
        db.execute("UPDATE documents SET extractor_version = ?", (EXTRACTOR_VERSION,))
        assert pipeline.redo_reason(db.execute("SELECT * FROM documents").fetchone()) is None
        db.execute("SELECT COUNT(*) FROM imports").fetchone()  # new tables are there too
    finally:
        db.close()
    again = Catalog(old_catalog)  # opening it again changes nothing
    try:
        assert again.execute("SELECT extractor_version FROM documents").fetchone()[0] == EXTRACTOR_VERSION
    finally:
        again.close()


def test_an_extracted_archive_made_before_versions_is_upgraded_and_redone(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """A real data directory whose catalog lost the column (as one made by an earlier version)."""
    import sqlite3

    data_dir = tmp_path / "data"
    _archive(data_dir, PAGES[:2])
    _extract(capsys, data_dir)
    con = sqlite3.connect(data_dir / "catalog.sqlite")
    con.execute("ALTER TABLE documents DROP COLUMN extractor_version")
    con.commit()
    con.close()
    out = _extract(capsys, data_dir)
    assert out.startswith("extracted 2, unchanged 0, failed 0") and \
        "2 made again: made before extractor versions were recorded" in out
    assert {r["extractor_version"] for r in _rows(data_dir).values()} == {EXTRACTOR_VERSION}
