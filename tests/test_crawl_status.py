"""A crawl's status is what happened (crawler.spider.CrawlStats.finish): ok, partial when some
requests failed after their retries, failed when nothing could be fetched — in the crawl's
summary, in `ogi runs`, and in `ogi crawl`'s exit code."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from ogi.demo.portals.server import portal_dir, serve

FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "OGI_RETRY_BACKOFF_BASE": 0.01, "RETRY_TIMES": 1}


def _ogi(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "OGI_CRAWL_SETTINGS": json.dumps(FAST)}
    return subprocess.run([sys.executable, "-m", "ogi.cli", *args, "--data-dir", str(data_dir)],
                          capture_output=True, text=True, timeout=300, env=env)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens there once the socket is closed


def test_an_unreachable_source_is_failed_and_exits_non_zero(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/xxgk/ndbg/index.html"
    result = _ogi("crawl", url, data_dir=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert ": failed, 0 pages" in result.stdout
    assert "refused" in result.stdout + result.stderr  # why, in one line
    runs = json.loads(_ogi("runs", "--json", data_dir=tmp_path).stdout)
    assert [r["status"] for r in runs] == ["failed"]
    assert any("refused" in e for e in runs[0]["errors"])


def test_a_source_whose_requests_partly_fail_is_partial(tmp_path: Path) -> None:
    with serve(portal_dir("static")) as site:
        expected = json.loads((Path(site.portal_dir) / "expected.json").read_text(encoding="utf-8"))
        broken = next(r["path"] for r in expected["reports"] if r["path"].endswith(".html"))
        site.fail(broken, times=100, status=500)  # every try, retries included
        result = _ogi("crawl", site.url(expected["home_path"]), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr  # partial is not a failed crawl: what could be read was
    assert ": partial," in result.stdout
    runs = json.loads(_ogi("runs", "--json", data_dir=tmp_path).stdout)
    assert [r["status"] for r in runs] == ["partial"]
    assert any("HTTP 500" in e for e in runs[0]["errors"])


def test_a_clean_crawl_is_ok_and_says_how_each_list_ended(tmp_path: Path) -> None:
    with serve(portal_dir("trs")) as site:
        expected = json.loads((Path(site.portal_dir) / "expected.json").read_text(encoding="utf-8"))
        result = _ogi("crawl", site.url(expected["home_path"]), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    runs = json.loads(_ogi("runs", "--json", data_dir=tmp_path).stdout)
    assert [r["status"] for r in runs] == ["ok"]
    ends = {entry["end"] for entry in runs[0]["lists"]}
    assert "stated total" in ends  # the TRS column's createPageHTML


def test_progress_is_a_plain_line_per_source_off_a_terminal(tmp_path: Path) -> None:
    with serve(portal_dir("trs")) as site:
        expected = json.loads((Path(site.portal_dir) / "expected.json").read_text(encoding="utf-8"))
        result = _ogi("crawl", site.url(expected["home_path"]), data_dir=tmp_path)
        host = site.base_url.split("//")[1]
    lines = [line for line in result.stderr.splitlines() if "pages (" in line]
    assert lines and lines[-1].endswith("— done"), result.stderr
    assert "\x1b[" not in result.stderr and "\r" not in result.stderr  # no terminal control codes in a log
    assert f"{host}: " in lines[-1] and "reports" in lines[-1] and "errors" in lines[-1]


def test_progress_on_a_terminal_redraws_one_line_per_source() -> None:
    import io

    from ogi.crawler.progress import ProgressBoard

    out = io.StringIO()
    board = ProgressBoard(out, live=True)
    for pages in (1, 5):
        for source in ("a", "b"):
            board.feed("ogi-progress\t" + json.dumps({"source": source, "pages": pages, "elapsed": 2.0}))
    assert not board.feed("Traceback (most recent call last):")  # not progress: left to the caller
    text = out.getvalue()
    assert text.count("\x1b[1F") == 1 and text.count("\x1b[2F") == 2  # each redraw goes back over what is drawn
    assert text.rstrip("\n").split("\n")[-2:] == ["\x1b[2F\x1b[2Ka: 5 pages (2.5/s), 0 reports (0 new), 0 errors, 2 s",
                                                  "\x1b[2Kb: 5 pages (2.5/s), 0 reports (0 new), 0 errors, 2 s"]
