"""Importing files the crawler cannot reach (issue 19): `ogi import` and the reviewers' upload
(form and API). An imported file is archived like a capture, with who imported it, from which
file and when; it is extracted, indexed, exported, shown on its report page as not crawled; the
agency and year given override what extraction finds; the same import twice adds nothing; a
reader without a reviewer's token cannot import; hostile uploads are refused with the reason."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ogi import importing
from ogi.archive import Archive
from ogi.cli import main
from ogi.extract import EXTRACTOR_VERSION
from ogi.settings import Settings
from ogi.users import add_user, catalog
from ogi.web import import_pages
from ogi.web.app import create_app

FIXTURES = Path(__file__).parent / "fixtures"
PAGE = FIXTURES / "html" / "trs_2021_standard.html"
PDF = FIXTURES / "office" / "trs_2021_standard.pdf"  # the same report as a PDF
CITY_PDF = FIXTURES / "office" / "format_2019_city.pdf"  # 湛江市住房和城乡建设局, printed year 2019
URL = "https://www.neixiang.gov.cn/zwgk/2024/ndbg.html"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def _counts(data_dir: Path) -> dict[str, int]:
    with Archive(data_dir) as archive:
        return {table: archive.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in ("captures", "versions", "reports", "documents", "imports")}


def _export(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> list[dict]:
    code, out = _run(capsys, "export", "--data-dir", str(data_dir), "--format", "jsonl")
    assert code == 0
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two imports by the CLI: a page and its PDF (one report, with its URL), and a PDF alone
    (no URL) whose printed year the importer overrides."""
    data_dir = tmp_path_factory.mktemp("import") / "data"
    assert main([
        "import", str(PAGE), str(PDF), "--data-dir", str(data_dir), "--url", URL,
        "--agency", "内乡县人民政府", "--year", "2023", "--by", "张记者"]) == 0
    assert main(["import", str(CITY_PDF), "--data-dir", str(data_dir), "--agency", "湛江市住房和城乡建设局",
                 "--year", "2020", "--by", "alice"]) == 0
    return data_dir


def test_cli_import_archives_each_file_with_its_provenance(imported: Path) -> None:
    pdf_sha = hashlib.sha256(PDF.read_bytes()).hexdigest()
    city_sha = hashlib.sha256(CITY_PDF.read_bytes()).hexdigest()
    with Archive(imported) as archive:
        captures = {c.url: c for c in archive.captures()}
        # the page keeps the address given; files without one get a stable URI from their bytes
        assert set(captures) == {URL, f"import:sha256:{pdf_sha}.pdf", f"import:sha256:{city_sha}.pdf"}
        assert {c.source for c in captures.values()} == {importing.IMPORT_SOURCE}
        assert captures[URL].content_type == "text/html"
        assert captures[f"import:sha256:{pdf_sha}.pdf"].content_type == "application/pdf"
        assert archive.blobs.get(pdf_sha) == PDF.read_bytes()  # content-addressed like every capture
        rows = {r["url"]: dict(r) for r in archive.db.execute("SELECT * FROM imports")}
        assert rows[URL]["imported_by"] == "张记者" and rows[URL]["filename"] == PAGE.name
        assert rows[URL]["via"] == "cli" and rows[URL]["year"] == 2023
        assert rows[f"import:sha256:{pdf_sha}.pdf"]["parent_url"] == URL  # the PDF is the page's attachment
        assert rows[f"import:sha256:{city_sha}.pdf"]["imported_by"] == "alice"
        reports = {r["url"]: r for r in archive.reports()}
        assert reports[URL]["kind"] == "page" and reports[f"import:sha256:{pdf_sha}.pdf"]["kind"] == "attachment"
        documents = list(archive.db.execute("SELECT url, document, error, extractor_version FROM documents"))
        assert len(documents) == 3
        assert all(d["document"] and d["error"] is None and d["extractor_version"] == EXTRACTOR_VERSION
                   for d in documents)
        doc = json.loads(next(d["document"] for d in documents if d["url"] == URL))
        assert doc["imported"]["by"] == "张记者" and doc["imported"]["filename"] == PAGE.name
        assert doc["imported"]["url_given"] is True and doc["imported"]["at"].startswith("20")


def test_files_of_one_report_join_and_the_pins_override_extraction(imported: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    reports = {r["agency"]: r for r in _export(imported, capsys)}
    assert len(reports) == 2
    neixiang = reports["内乡县人民政府"]
    assert neixiang["year"] == 2023 and neixiang["sources"] == ["import"]
    assert len(neixiang["documents"]) == 2 and neixiang["url"] == URL
    assert {d["role"] for d in neixiang["documents"]} == {"page", "attachment"}
    assert {d["imported"]["filename"] for d in neixiang["documents"]} == {PAGE.name, PDF.name}
    assert neixiang["documents_agree"] is True  # the page and its PDF print the same tables
    city = reports["湛江市住房和城乡建设局"]
    assert city["year"] == 2020  # printed 2019; the importer's --year wins
    assert city["agency_evidence"][0] == "agency given by alice when importing"
    assert city["documents"][0]["imported"]["url_given"] is False
    code, out = _run(capsys, "export", "--data-dir", str(imported), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert code == 0 and [r["sources"] for r in rows] == ["import", "import"]  # not crawled, in the export too


def test_imported_reports_are_searchable(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, "search", "住房和城乡建设", "--data-dir", str(imported), "--json")
    assert code == 0
    result = json.loads(out)
    assert result["total"] == 1 and result["hits"][0]["year"] == 2020
    assert result["hits"][0]["agency"] == "湛江市住房和城乡建设局"
    code, out = _run(capsys, "search", "内乡", "-f", "year = 2023", "--data-dir", str(imported), "--json")
    assert json.loads(out)["total"] == 1


def test_the_same_import_again_adds_nothing(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _counts(imported)
    code, out = _run(capsys, "import", str(PAGE), str(PDF), "--data-dir", str(imported), "--url", URL,
                     "--agency", "内乡县人民政府", "--year", "2023", "--by", "someone else")
    assert code == 0 and out.count("already imported") == 2
    code, out = _run(capsys, "import", str(CITY_PDF), "--data-dir", str(imported), "--agency", "湛江市住房和城乡建设局",
                     "--year", "2020", "--json")
    assert code == 0 and [f["status"] for f in json.loads(out)["files"]] == ["already imported"]
    assert _counts(imported) == before
    assert len(_export(imported, capsys)) == 2


def test_cli_refuses_with_the_reason(imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "x.pdf"
    junk.write_bytes(bytes(range(256)) * 40)
    assert main(["import", str(junk), "--data-dir", str(imported)]) == 2
    assert "not a document" in capsys.readouterr().err
    assert main(["import", str(PAGE), "--data-dir", str(imported), "--year", "二〇二三"]) == 2
    assert "--year" in capsys.readouterr().err
    assert main(["import", str(PAGE), "--data-dir", str(imported), "--url", "javascript:alert(1)"]) == 2
    assert "http(s)" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "missing.pdf"), "--data-dir", str(imported)]) == 2


def test_report_page_says_imported_by_whom_from_which_file_and_not_crawled(imported: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    reports = {r["agency"]: r for r in _export(imported, capsys)}
    client = TestClient(create_app(Settings.load(imported)))
    page = client.get(f"/reports/{reports['内乡县人民政府']['id']}")
    assert page.status_code == 200
    assert "Not crawled" in page.text and "imported by <strong>张记者</strong>" in page.text
    assert f"from file <code>{PDF.name}</code>" in page.text and f"<code>{PAGE.name}</code>" in page.text
    assert 'href="import:' not in page.text  # no link to an address that does not exist
    archived = client.get(f"/reports/{reports['湛江市住房和城乡建设局']['id']}/archived").text
    assert "a file imported by hand" in archived and 'href="import:' not in archived
    for query in ("住房和城乡建设", "内乡"):  # search hits say so too, and link no import: address
        hits = client.get("/", params={"q": query}).text
        assert "imported, not crawled" in hits and 'href="import:' not in hits
    api = client.get(f"/api/reports/{reports['湛江市住房和城乡建设局']['id']}").json()
    assert "alice" in json.dumps(api, ensure_ascii=False)


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory):
    data_dir = tmp_path_factory.mktemp("upload") / "data"
    Archive(data_dir).close()  # an empty archive, as on a new server
    settings = Settings.load(data_dir)
    with catalog(settings) as db:
        _, token = add_user(db, "reviewer1", "reviewer")
    return settings, TestClient(create_app(settings)), token


def _file(path: Path, name: str | None = None, ctype: str = "application/octet-stream"):
    return ("file", (name or path.name, path.read_bytes(), ctype))


def test_upload_by_a_reviewer_over_the_api(web) -> None:
    settings, client, token = web
    fields = {"agency": "内乡县人民政府", "year": "2023"}
    # without a token, or with a wrong one: refused before anything is archived
    assert client.post("/api/import", files=[_file(PDF)], data=fields).status_code == 401
    wrong = client.post("/api/import", files=[_file(PDF)], data=fields,
                        headers={"Authorization": "Bearer ogi_0000000000000000_" + "x" * 30})
    assert wrong.status_code == 401
    assert _counts(settings.data_dir)["captures"] == 0
    made = client.post("/api/import", files=[_file(PDF)], data={**fields, "url": URL},
                       headers={"Authorization": f"Bearer {token}"})
    assert made.status_code == 201, made.text
    body = made.json()
    assert body["indexed"] and body["report_id"] and body["files"][0]["status"] == "new"
    assert body["files"][0]["url"] == URL and body["files"][0]["is_report"] is True
    page = client.get(f"/reports/{body['report_id']}")
    assert "imported by <strong>reviewer1</strong>" in page.text and "(web)" in page.text
    assert "Not crawled" in page.text
    hits = client.get("/api/search", params={"q": "内乡"}).json()
    assert hits["total"] == 1
    described = client.get("/openapi.json").json()["paths"]["/api/import"]["post"]
    assert set(described["requestBody"]["content"]["multipart/form-data"]["schema"]["properties"]) == \
        {"file", "url", "agency", "year", "region"}
    again = client.post("/api/import", files=[_file(PDF)], data={**fields, "url": URL},
                        headers={"Authorization": f"Bearer {token}"})
    assert again.json()["files"][0]["status"] == "already imported"


def test_upload_form(web) -> None:
    settings, client, token = web
    form = client.get("/import")
    assert form.status_code == 200 and 'enctype="multipart/form-data"' in form.text
    assert form.headers["cache-control"] == "no-store"
    docx = FIXTURES / "office" / "blank_cells_2021.docx"
    before = _counts(settings.data_dir)
    refused = client.post("/import", files=[_file(docx)], data={"year": "2023"})
    assert refused.status_code == 401 and "reviewer" in refused.text
    assert _counts(settings.data_dir) == before
    done = client.post("/import", files=[_file(docx, "C:\\fakepath\\../../年报<script>.docx")],
                       data={"token": token, "year": "2023"})
    assert done.status_code == 200, done.text
    assert "Open the report" in done.text and "<script>" not in done.text
    with Archive(settings.data_dir) as archive:
        row = archive.db.execute("SELECT filename, via FROM imports ORDER BY id DESC LIMIT 1").fetchone()
    assert row["filename"] == "年报_script_.docx" and row["via"] == "web"  # no directories, no markup


def test_hostile_uploads_are_refused_with_the_reason(web, monkeypatch: pytest.MonkeyPatch) -> None:
    settings, client, token = web
    auth = {"Authorization": f"Bearer {token}"}
    before = _counts(settings.data_dir)
    junk = client.post("/api/import", files=[("file", ("report.pdf", os.urandom(64) + b"\x00" * 4096, "application/pdf"))],
                       headers=auth)
    assert junk.status_code == 400 and "not a document" in junk.json()["error"]
    empty = client.post("/api/import", files=[("file", ("a.html", b"", "text/html"))], headers=auth)
    assert empty.status_code == 400
    assert client.post("/api/import", data={"year": "2023"}, headers=auth).status_code == 400  # no file
    bad_year = client.post("/api/import", files=[_file(PAGE)], data={"year": "abc"}, headers=auth)
    assert bad_year.status_code == 400 and "--year" in bad_year.json()["error"]
    bad_url = client.post("/api/import", files=[_file(PAGE)], data={"url": "javascript:alert(1)"}, headers=auth)
    assert bad_url.status_code == 400
    monkeypatch.setattr(import_pages, "MAX_REQUEST_BYTES", 10_000)
    big = client.post("/api/import", files=[_file(PDF)], headers=auth)
    assert big.status_code == 413 and "too large" in big.text
    page = client.post("/import", files=[_file(PDF)], data={"token": token})
    assert page.status_code == 413 and "too large" in page.text
    monkeypatch.setattr(import_pages, "MAX_REQUEST_BYTES", 10_000_000)
    monkeypatch.setattr(importing, "MAX_IMPORT_BYTES", 1000)
    one = client.post("/api/import", files=[_file(PAGE)], headers=auth)
    assert one.status_code == 400 and "too large" in one.json()["error"]
    assert _counts(settings.data_dir) == before


def test_importing_a_file_the_crawler_already_has_adds_provenance_and_pins(tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "data"
    crawled = "http://www.gov.example/trs_2021_standard.html"
    with Archive(data_dir) as archive:  # as a crawl would have left it, extracted
        stored = archive.record(source="portal", url=crawled, body=PAGE.read_bytes(),
                                headers={"Content-Type": "text/html"}, kind="report")
        archive.mark_report(url=crawled, source="portal", title=None, kind="page", parent_url=None,
                            sha256=stored.sha256)
    assert _run(capsys, "extract", "--data-dir", str(data_dir))[0] == 0
    code, out = _run(capsys, "import", str(PAGE), "--data-dir", str(data_dir), "--url", crawled, "--year", "2022",
                     "--by", "alice", "--json")
    assert code == 0 and json.loads(out)["files"][0]["status"] == "already archived"
    [report] = _export(data_dir, capsys)
    assert report["sources"] == ["import", "portal"] and report["year"] == 2022  # read again with the pin
    assert report["documents"][0]["imported"]["by"] == "alice"
    page = TestClient(create_app(Settings.load(data_dir))).get(f"/reports/{report['id']}").text
    assert "imported by <strong>alice</strong>" in page and "also crawled" in page and "Not crawled" not in page


def test_import_on_a_postgres_catalog(tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("OGI_CATALOG_URL", pg_url)
    data_dir = tmp_path / "data"
    argv = ["import", str(PAGE), str(PDF), "--data-dir", str(data_dir), "--agency", "内乡县人民政府", "--year", "2023",
            "--by", "alice", "--json"]
    code, out = _run(capsys, *argv)
    assert code == 0 and [f["status"] for f in json.loads(out)["files"]] == ["new", "new"]
    code, out = _run(capsys, *argv)
    assert [f["status"] for f in json.loads(out)["files"]] == ["already imported", "already imported"]
    assert _counts(data_dir) == {"captures": 2, "versions": 2, "reports": 2, "documents": 2, "imports": 2}
    [report] = _export(data_dir, capsys)
    assert report["sources"] == ["import"] and len(report["documents"]) == 2
