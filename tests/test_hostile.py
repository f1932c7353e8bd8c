"""Hostile inputs (issue 17): files that declare sizes meant to exhaust the machine are refused
before anything is allocated, and one bad file never stops a batch. Every bomb is generated
here, never committed."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from ogi.extract import extract_bytes
from ogi.readers.base import ExtractionError
from tests.conftest import FIXTURES

GOOD_PAGE = FIXTURES / "html" / "trs_2021_standard.html"


def _png_header(width: int, height: int) -> bytes:
    """A PNG that declares width×height pixels and carries one tiny (broken) data chunk."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def _xlsx(dimension: str, merge: str | None) -> bytes:
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'<dimension ref="{dimension}"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>收到申请</t></is></c></row>'
             '</sheetData>' + (f'<mergeCells count="1"><mergeCell ref="{merge}"/></mergeCells>' if merge else "")
             + "</worksheet>")
    files = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return out.getvalue()


def _zip_bomb_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w") as member:
            block = b"\0" * (1 << 20)
            for _ in range(400):  # 400 MB of zeros, ~400 kB compressed
                member.write(block)
    return out.getvalue()


def _huge_pages_pdf() -> bytes:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(3):
        pdf.new_page(14400, 14400)  # 200 inches square: 900 M pixels at 150 dpi, no text layer
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


BOMBS = {
    "png_40000": (lambda: _png_header(40_000, 40_000), "bomb.png"),
    "png_13000": (lambda: _png_header(13_000, 13_000), "big.png"),
    "xlsx_dimension": (lambda: _xlsx("A1:XFD1048576", None), "sheet.xlsx"),
    "xlsx_merge": (lambda: _xlsx("A1:XFD1048576", "A1:XFD1048576"), "merged.xlsx"),
    "pdf_huge_pages": (_huge_pages_pdf, "pages.pdf"),
    "docx_zip_bomb": (_zip_bomb_docx, "bomb.docx"),
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_a_file_declaring_a_huge_size_is_refused_quickly_and_in_little_memory(name: str, tmp_path: Path) -> None:
    make, filename = BOMBS[name]
    path = tmp_path / filename
    path.write_bytes(make())
    # in a child limited to 1.5 GB of address space beyond the interpreter: a bomb would die there
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30));"
            "from ogi.extract import extract_path; from ogi.readers.base import ExtractionError\n"
            "try:\n    extract_path(sys.argv[1]); print('read')\n"
            "except ExtractionError as exc:\n    print('refused:', exc)\n")
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert time.monotonic() - started < 60
    assert result.stdout.startswith(("refused:", "read")), result.stdout


def test_one_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(_png_header(40_000, 40_000))
    result = subprocess.run([sys.executable, "-m", "ogi.cli", "extract", "--json", str(bomb), str(GOOD_PAGE)],
                            capture_output=True, text=True, timeout=120)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 1  # a file failed, and the command says so
    assert [("error" in line) for line in lines] == [True, False]
    assert "pixels" in lines[0]["error"] and lines[1]["is_annual_report"]


def test_any_library_failure_on_one_file_is_an_extraction_error_of_that_file() -> None:
    broken_zip = b"PK\x03\x04" + b"\0" * 100  # a zip that is not one
    with pytest.raises(ExtractionError):
        extract_bytes(broken_zip, document_url="http://x.gov.cn/a.docx", filename="a.docx")


# --- numbers at the edge (item 5): a bad number is a 400 and a one-line error, never a 500 ---

BAD_NUMBERS = ["99999999999999999999", "²", "٣", "1" * 5000, "1e999", "nan", "-0x10"]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from fastapi.testclient import TestClient

    from ogi.web.app import create_app
    from tests.webdata import build

    return TestClient(create_app(build(tmp_path_factory.mktemp("hostile-web"))), raise_server_exceptions=False)


@pytest.mark.parametrize("bad", BAD_NUMBERS)
def test_a_bad_number_in_any_filter_or_page_is_a_400(client, bad: str) -> None:
    for url in (f"/api/search?filter=year={bad}", f"/api/search?filter=figures.requests.new_received.total>{bad}",
                f"/api/search?offset={bad}", f"/api/aggregate?figure=requests.new_received.total&filter=year={bad}"):
        response = client.get(url)
        assert response.status_code in (400, 422), (url, response.status_code, response.text[:200])
    for url in (f"/?page={bad}", f"/?filter=year={bad}", f"/coverage?year={bad}"):
        response = client.get(url)
        assert response.status_code < 500, (url, response.status_code)


def test_the_cli_says_what_is_wrong_with_a_number_without_a_traceback(tmp_path: Path) -> None:
    from tests.webdata import build

    settings = build(tmp_path / "data")
    for args in (["search", "报告", "--filter", "year=99999999999999999999"],
                 ["aggregate", "requests.new_received.total", "--filter", "year=²"],
                 ["export", "--filter", f"year={'1' * 30}"]):
        result = subprocess.run([sys.executable, "-m", "ogi.cli", *args, "--data-dir", str(settings.data_dir)],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 2, (args, result.stderr[-500:])
        assert "Traceback" not in result.stderr and "year" in result.stderr


def test_a_saved_search_with_a_bad_number_is_refused(tmp_path: Path) -> None:
    from tests.webdata import build

    settings = build(tmp_path / "data")
    result = subprocess.run([sys.executable, "-m", "ogi.cli", "searches", "add", "bad", "--filter",
                             "year=99999999999999999999", "--data-dir", str(settings.data_dir)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr[-500:]


# --- paths (item 10): a mistyped data dir or output path is a one-line error ---------------


@pytest.mark.parametrize("command", [["search", "报告"], ["export"], ["runs"], ["agencies"], ["index"],
                                     ["aggregate", "requests.new_received.total"], ["extract"]])
def test_a_missing_or_wrong_data_dir_is_refused_not_created(command: list[str], tmp_path: Path) -> None:
    missing = tmp_path / "ogi-dta"  # a typo of ogi-data
    afile = tmp_path / "notes.txt"
    afile.write_text("x")
    for data_dir in (missing, afile):
        result = subprocess.run([sys.executable, "-m", "ogi.cli", *command, "--data-dir", str(data_dir)],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 2, (command, result.stdout, result.stderr[-500:])
        assert "Traceback" not in result.stderr and str(data_dir) in result.stderr
    assert not missing.exists()  # nothing was created for a command that only reads


def test_export_to_a_missing_directory_is_a_one_line_error(tmp_path: Path) -> None:
    from tests.webdata import build

    settings = build(tmp_path / "data")
    result = subprocess.run([sys.executable, "-m", "ogi.cli", "export", "-o", str(tmp_path / "missing" / "x.csv"),
                             "--format", "csv", "--data-dir", str(settings.data_dir)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "does not exist" in result.stderr and "Traceback" not in result.stderr


# --- a crash loses no alert (item 7) ----------------------------------------------------------


def test_alerts_of_a_run_killed_before_them_come_with_the_next_run_once(tmp_path: Path, monkeypatch) -> None:
    from ogi.crawler.run import crawl_in_subprocess
    from ogi.crawler.sources import load_sources
    from ogi.archive import Archive
    from ogi.demo.portals.server import portal_dir, serve
    from ogi.runs import list_runs, start_run
    from ogi.settings import Settings
    from ogi.scheduler.alerts import save_search
    from ogi.scheduler.harvest import harvest

    fast = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "OGI_RETRY_BACKOFF_BASE": 0.01}
    monkeypatch.setenv("OGI_CRAWL_SETTINGS", json.dumps(fast))
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    with serve(portal_dir("static")) as site:
        url = site.url("/index.html")
        (source,) = load_sources([url])
        counts = []
        for name, killed in (("clean", False), ("killed", True)):
            settings = Settings.load(tmp_path / name, env={})
            settings.data_dir.mkdir(parents=True)
            save_search(settings, "all reports", "年度报告")
            if killed:  # a harvest that crawled, then died (kill -9) before extracting and alerting
                with Archive.open(settings) as archive:
                    run_id = start_run(archive.db, source.name, trigger="cli", mode="full")
                    archive.db.execute("UPDATE run_owners SET pid = ? WHERE run_id = ?", (dead.pid, run_id))
                crawl_in_subprocess([url], settings.data_dir, timeout=300, settings=fast)
            counts.append(harvest(settings, [source]).alerts)
        again = harvest(settings, [source]).alerts
        with Archive.open(settings) as archive:
            statuses = [r.status for r in reversed(list_runs(archive.db))]
    assert counts[0] > 0 and counts[1] == counts[0]  # nothing lost to the crash
    assert again == 0  # and nothing alerted twice
    assert statuses == ["interrupted", "ok", "ok"]


# --- a corrupted blob (item 2): an error of that capture, never a removal; repaired by a re-fetch ---


def _flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def test_a_corrupted_blob_is_repaired_by_the_next_crawl_and_its_report_kept(tmp_path: Path) -> None:
    from ogi.crawler.run import crawl_in_subprocess
    from ogi.archive import Archive
    from ogi.demo.portals.server import portal_dir, serve

    fast = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "OGI_RETRY_BACKOFF_BASE": 0.01}
    with serve(portal_dir("trs")) as site:
        url = site.url("/index.html")
        crawl_in_subprocess([url], tmp_path, timeout=300, settings=fast)
        with Archive(tmp_path) as archive:
            report = next(r for r in archive.reports(include_removed=False) if r["kind"] == "page")
            digest = archive.latest(report["url"]).sha256
            blob = archive.blobs.path(digest)
        _flip_a_byte(blob)
        crawl_in_subprocess([url], tmp_path, timeout=300, settings=fast)  # the 304 meets the damaged copy
        with Archive(tmp_path) as archive:
            kept = {r["url"]: r for r in archive.reports(include_removed=True)}
            assert kept[report["url"]]["removed_at"] is None  # damaged storage is not a report gone upstream
            assert archive.blobs.get(digest)  # fetched again and stored whole
            assert archive.latest(report["url"]).sha256 == digest


def test_damaged_storage_is_named_not_a_crash(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from ogi.archive import Archive
    from ogi.pipeline import extract_archive
    from ogi.web.app import create_app
    from tests.webdata import build

    settings = build(tmp_path / "data")
    with Archive.open(settings) as archive:
        url, digest = archive.db.execute("SELECT url, sha256 FROM documents WHERE document IS NOT NULL"
                                         " ORDER BY url LIMIT 1").fetchone()
        before = archive.db.execute("SELECT document FROM documents WHERE url = ? AND sha256 = ?", (url, digest)).fetchone()
        blob = archive.blobs.path(digest)
    _flip_a_byte(blob)
    with Archive.open(settings) as archive:  # extract --force: the good document stays
        extract_archive(archive, force=True)
        after = archive.db.execute("SELECT document FROM documents WHERE url = ? AND sha256 = ?", (url, digest)).fetchone()
    assert before[0] is not None and after[0] == before[0]
    out = tmp_path / "all.warc.gz"  # WARC export: every other capture written, the damaged one named
    result = subprocess.run([sys.executable, "-m", "ogi.cli", "export", "--format", "warc", "-o", str(out),
                             "--data-dir", str(settings.data_dir)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "is corrupt; left out" in result.stderr and out.stat().st_size > 0
    client = TestClient(create_app(settings), raise_server_exceptions=False)
    response = client.get(f"/archive/{digest}")
    assert response.status_code == 503 and "damaged" in response.text


# --- one outbound policy (item 8) --------------------------------------------------------------


class _Redirect:
    """A loopback server answering every request with a redirect to `target`."""

    def __init__(self, target: str) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        outer = self
        self.hits: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                outer.hits.append(self.path)
                self.send_response(302)
                self.send_header("Location", target)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_POST = do_GET  # noqa: N815

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()


def test_every_hop_is_checked_by_one_policy() -> None:
    from ogi.outbound import OutboundRefused, Policy, fetch, refusal

    assert refusal("ftp://x.gov.cn/a") and refusal("file:///etc/passwd")
    assert "169.254.169.254" in refusal("http://169.254.169.254/latest/meta-data/")
    assert refusal("http://localhost:8080/") and refusal("http://[::1]/")
    assert refusal("http://127.0.0.1:8080/", Policy(explicit=frozenset({"127.0.0.1:8080"}))) is None
    other = _Redirect("http://127.0.0.1:9/")  # a named host that redirects to one the operator did not name
    to_ftp = _Redirect("ftp://example.org/x")
    try:
        mine = Policy(explicit=frozenset({other.url.split("//")[1], to_ftp.url.split("//")[1]}))
        with pytest.raises(OutboundRefused, match="private or local"):
            fetch(other.url + "/x", policy=mine)
        with pytest.raises(OutboundRefused, match="not an http"):
            fetch(to_ftp.url + "/x", policy=mine)
    finally:
        other.close()
        to_ftp.close()


def test_robots_txt_is_read_from_its_own_host_only() -> None:
    from ogi.crawler.robots import RobotsGate

    elsewhere = _Redirect("http://127.0.0.1:1/robots.txt")
    try:
        gate = RobotsGate("test", explicit_hosts=frozenset({elsewhere.url.split("//")[1], "127.0.0.1:1"}))
        gate.load(elsewhere.url + "/index.html")
        assert elsewhere.hits == ["/robots.txt"]  # asked once, the redirect to another port not followed
        assert gate.allowed(elsewhere.url + "/index.html")  # no rules read: Scrapy's middleware decides
    finally:
        elsewhere.close()


def test_sources_check_and_webhooks_refuse_private_and_non_http_targets(tmp_path: Path) -> None:
    from ogi.crawler.check import check_url
    from ogi.crawler.sources import load_sources
    from ogi.scheduler.alerts import save_search
    from ogi.settings import Settings

    to_ftp = _Redirect("ftp://example.org/x")
    try:
        (source,) = load_sources([to_ftp.url + "/index.html"])
        result = check_url(source, to_ftp.url + "/index.html", timeout=5)
        assert not result.ok and "not an http" in result.error
    finally:
        to_ftp.close()
    settings = Settings.load(tmp_path, env={})
    with pytest.raises(ValueError, match="169.254.169.254"):
        save_search(settings, "metadata", "报告", webhook="http://169.254.169.254/latest/meta-data/")


def test_a_name_inside_the_domains_that_resolves_to_a_private_address_is_not_crawled() -> None:
    from ogi.crawler.sources import Source

    import socket

    from ogi.outbound import private_address

    name = socket.gethostname().lower()  # this machine's own name: it resolves to a private address
    if "." in name or private_address(name) is None or name == "localhost":
        pytest.skip(f"this machine's name {name!r} does not resolve to a private address")
    source = Source(name="x", start_urls=(f"http://www.{name}.gov/",), allowed_domains=(name,))
    assert not source.allows(f"http://{name}/zfxxgk/")  # inside the allowed domains, resolves privately
    assert source.allows(f"http://www.{name}.gov/zfxxgk/")


# --- responses (item 9) --------------------------------------------------------------------------


def test_error_pages_carry_the_security_headers_and_redirects_do_not_echo_the_host(client, monkeypatch) -> None:
    from ogi.web import library

    def boom(self, *args, **kwargs):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(library.Library, "report", boom)
    response = client.get("/reports/anything")
    assert response.status_code == 500 and "secret detail" not in response.text
    assert response.headers["X-Content-Type-Options"] == "nosniff" and "Content-Security-Policy" in response.headers
    redirect = client.get("/api/search/", headers={"Host": "evil.example"}, follow_redirects=False)
    assert redirect.status_code == 307 and redirect.headers["location"] == "/api/search"  # relative, no Host


def test_crawled_text_with_the_highlight_characters_cannot_break_the_marks() -> None:
    from ogi.indexer.textmatch import MARK_CLOSE, MARK_OPEN, snippet, snippet_html

    text = f"本机关{MARK_CLOSE}</mark><script>收到{MARK_OPEN}行政复议申请3件，纠正1件。"
    html = snippet_html(snippet(text, ["行政复议"]))
    assert html.count("<mark>") == html.count("</mark>") == 1 and "<script>" not in html


# --- exports are streamed and bounded (item 1) ---------------------------------------------------


def test_the_figures_export_streams_and_runs_a_bounded_number_at_once(client) -> None:
    import csv as csvmod

    from ogi.web import app as webapp

    with client.stream("GET", "/api/figures") as response:
        assert response.headers["content-type"].startswith("text/csv")
        body = b"".join(response.iter_bytes())
    rows = list(csvmod.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows and "requests.new_received.total" in rows[0]
    held = [webapp._EXPORTS.acquire(blocking=False) for _ in range(webapp.EXPORTS_AT_ONCE)]
    try:  # every slot taken by exports still running: the next one is told to come back, at once
        busy = client.get("/api/figures")
        assert busy.status_code == 503 and busy.headers["Retry-After"]
        assert client.get("/api/search").status_code == 200  # searches are not held up
    finally:
        for taken in held:
            if taken:
                webapp._EXPORTS.release()
    assert client.get("/api/figures", params={"output": "json"}).json()["total"] == len(rows)


def test_an_export_whose_client_left_frees_its_slot() -> None:
    import asyncio

    from ogi.web import app as webapp

    def endless():
        while True:
            yield "x" * 1000

    async def client_that_leaves() -> None:
        assert webapp._EXPORTS.acquire(blocking=False)
        stream = webapp._bounded(endless(), deadline=float("inf"))
        for _ in range(3):
            await stream.__anext__()
        await stream.aclose()  # what Starlette does when the client disconnects

    before = webapp._EXPORTS._value
    asyncio.run(client_that_leaves())
    assert webapp._EXPORTS._value == before  # released


# --- index generations (item 6): kept until no reader holds them ---------------------------------


def test_readers_never_fail_while_the_index_is_rebuilt(tmp_path: Path) -> None:
    import threading

    from ogi.indexer.embedded import EmbeddedIndex
    from ogi.indexer.query import build_query
    from ogi.indexer.synthetic import synthetic_records

    records = list(synthetic_records(60))
    EmbeddedIndex(tmp_path / "index").replace_all(records)
    errors: list[str] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            try:  # a new reader each time, as a web request in a new process opens the live generation
                total = EmbeddedIndex(tmp_path / "index").search(build_query(None, limit=0)).total
                assert total in (len(records), len(records) - 1), total
            except Exception as exc:  # noqa: BLE001
                errors.append(f"{type(exc).__name__}: {exc}")

    readers = [threading.Thread(target=read) for _ in range(3)]
    for thread in readers:
        thread.start()
    writer = EmbeddedIndex(tmp_path / "index")
    for n in range(20):
        writer.replace_all(records if n % 2 else records[:-1])
    done.set()
    for thread in readers:
        thread.join()
    assert not errors, errors[:5]
    generations = [p for p in (tmp_path / "index").glob("gen-*") if p.is_dir()]
    assert len(generations) <= 4  # old ones go once nobody holds them


# --- per-file limits in archive extraction (item 3) -------------------------------------------------


def _sleeps(data: bytes, **kwargs):
    import time as t

    t.sleep(30)


def _allocates(data: bytes, **kwargs):
    blocks = []
    while True:
        blocks.append(bytearray(100 * 2**20))


def test_a_file_that_hangs_or_eats_memory_is_stopped_and_named() -> None:
    from ogi.isolation import run_limited

    started = time.monotonic()
    with pytest.raises(ExtractionError, match="longer than 1 s"):
        run_limited(_sleeps, b"x", seconds=1, memory=2**30)
    assert time.monotonic() - started < 10
    with pytest.raises(ExtractionError, match="more than|died"):
        run_limited(_allocates, b"x", seconds=60, memory=512 * 2**20)
    doc = run_limited(extract_bytes, GOOD_PAGE.read_bytes(), seconds=60, memory=2**30,
                      document_url="http://x.gov.cn/a.html")
    assert doc.is_annual_report  # a good file comes back whole through the pipe


def test_archive_extraction_goes_on_past_a_file_that_hangs(tmp_path: Path, monkeypatch) -> None:
    from ogi import pipeline
    from ogi.archive import Archive
    from tests.webdata import build

    settings = build(tmp_path / "data")
    with Archive.open(settings) as archive:  # one PDF among the pages, whose reader never returns
        archive.record(source="t", url="http://x.gov.cn/hang.pdf", final_url="http://x.gov.cn/hang.pdf",
                       body=b"%PDF-1.4 hanging", status=200, headers={"Content-Type": "application/pdf"},
                       method="GET", kind="attachment", parent_url=None)
        archive.mark_report(url="http://x.gov.cn/hang.pdf", source="t", title="2023年年度报告", kind="attachment",
                            parent_url=None, sha256=archive.latest("http://x.gov.cn/hang.pdf").sha256)
        real = pipeline.extract_bytes
        monkeypatch.setattr(pipeline, "extract_bytes",
                            lambda data, **kw: _sleeps(data) if data.startswith(b"%PDF") else real(data, **kw))
        summary = pipeline.extract_archive(archive, force=True, limits=pipeline.Limits(seconds=2, memory_mb=1024))
    assert summary.failed == 1 and summary.extracted >= 5
    assert any("hang.pdf" in e and "longer than 2 s" in e for e in summary.errors)
