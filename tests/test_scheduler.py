"""The yearly harvest: plan, persistent job store, fires under a fake clock, time limits,
run history, coverage and saved-search alerts — against a portal served on 127.0.0.1.

The clock is moved with time-machine (no sleeping for a year); crawls are real, in their
own processes, against a small static portal the test writes and then changes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import time_machine
import yaml

from ogi.crawler.sources import load_sources
from ogi.archive import Archive
from ogi.runs import list_runs
from ogi.settings import Settings
from ogi.demo.portals.server import serve
from ogi.scheduler import alerts, service
from ogi.scheduler.coverage import coverage, deadline
from ogi.scheduler.harvest import harvest
from ogi.scheduler.plan import DEFAULT_PLAN, TIMEZONE

FIXTURES = Path(__file__).parent / "fixtures"
FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "OGI_RETRY_BACKOFF_BASE": 0.05}
REPORTS = {  # page name -> (fixture, agency)
    "r1.html": (FIXTURES / "html" / "blank_cells_2021.html", "长春市体育局"),
    "r2.html": (FIXTURES / "holdout" / "group_rows_2021.html", "济南市历城区教育和体育局"),
    "r3.html": (FIXTURES / "holdout" / "title_niandu_pub2024.html", "贵阳市观山湖区人民政府"),
}


def _shanghai(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=TIMEZONE)


def _write_portal(root: Path, pages: list[str], *, late: bool = False) -> None:
    site = root / "site"
    (site / "xxgk" / "ndbg").mkdir(parents=True, exist_ok=True)
    (site / "index.html").write_text('<html><head><meta charset="utf-8"><title>政府信息公开</title></head><body>'
                                     '<a href="/xxgk/ndbg/list.html">政府信息公开年报</a></body></html>',
                                     encoding="utf-8")
    links = []
    for name in pages:
        fixture, agency = REPORTS[name]
        html = fixture.read_text(encoding="utf-8")
        if late and name == "r1.html":
            html = html.replace("2024-01-15", "2024-02-20")  # a department, due 31 January
        (site / "xxgk" / "ndbg" / name).write_text(html, encoding="utf-8")
        links.append(f'<li><a href="/xxgk/ndbg/{name}">{agency}2023年政府信息公开工作年度报告</a><span>2024-01-20</span></li>')
    (site / "xxgk" / "ndbg" / "list.html").write_text(
        '<html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body><ul>'
        + "".join(links) + "</ul></body></html>", encoding="utf-8")


def _sources_file(path: Path, url: str, **extra) -> Path:
    entry = {"name": "portal", "start_urls": [url], "expected_agencies": [a for _, a in REPORTS.values()], **extra}
    path.write_text(yaml.safe_dump({"sources": [entry]}, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture()
def fast_crawls(monkeypatch):
    monkeypatch.setenv("OGI_CRAWL_SETTINGS", json.dumps(FAST))


def _wait_for_runs(data_dir: Path, n: int, timeout: float = 120) -> list:
    deadline_at = time.monotonic() + timeout
    while time.monotonic() < deadline_at:
        with Archive(data_dir) as archive:
            runs = list_runs(archive.db)
        if len(runs) >= n and all(r.status != "running" for r in runs):
            return runs
        time.sleep(0.3)
    raise AssertionError(f"expected {n} finished runs, have {runs}")


# --- the plan ---------------------------------------------------------------------------


def test_default_plan_fires_in_february_then_weekly_then_monthly() -> None:
    now = _shanghai(2027, 1, 15, 12, 0)
    fires = {e.name: e.trigger().get_next_fire_time(None, now) for e in DEFAULT_PLAN}
    assert fires["yearly-full"] == _shanghai(2027, 2, 2, 2, 0)
    assert fires["spring-weekly"] == _shanghai(2027, 2, 1, 3, 0)  # the first Monday of February
    assert fires["monthly"] == _shanghai(2027, 5, 1, 3, 0)
    weekly = [e for e in DEFAULT_PLAN if e.name == "spring-weekly"][0].trigger()
    assert weekly.get_next_fire_time(None, _shanghai(2027, 4, 27, 0, 0)) == _shanghai(2028, 2, 7, 3, 0)


def test_deadlines_by_level() -> None:
    assert deadline("department", 2023) == dt.date(2024, 1, 31)
    assert deadline("county", 2023) == dt.date(2024, 3, 31)


def test_bad_schedule_line_is_refused(tmp_path: Path) -> None:
    from ogi.crawler.sources import SourceError

    with pytest.raises(SourceError, match="five crontab fields"):
        load_sources([str(_sources_file(tmp_path / "s.yaml", "http://127.0.0.1:9/", schedule=["weekly"]))])


# --- the job store under a fake clock ---------------------------------------------------------


def test_job_store_survives_a_restart(tmp_path: Path) -> None:
    settings = Settings.load(tmp_path, env={})
    sources = _sources_file(tmp_path / "sources.yaml", "http://127.0.0.1:9/")
    with time_machine.travel(_shanghai(2027, 1, 10, 9, 0), tick=True):
        first = service.make_scheduler(settings)
        first.start(paused=True)
        ids = service.sync_jobs(first, settings, sources)
        before = {j.id: j.next_run_time for j in first.get_jobs()}
        first.shutdown()
        again = service.make_scheduler(settings)
        again.start(paused=True)
        assert {j.id: j.next_run_time for j in again.get_jobs()} == before
        assert sorted(before) == ids == ["portal::monthly", "portal::spring-weekly", "portal::yearly-full"]
        again.shutdown()


def test_missed_runs_fire_once_on_start_up(tmp_path: Path, fast_crawls) -> None:
    settings = Settings.load(tmp_path / "data", env={})
    with serve(_portal(tmp_path, ["r1.html"])) as site:
        sources = _sources_file(tmp_path / "sources.yaml", site.url("/index.html"), schedule=["0 3 * * mon update"])
        with time_machine.travel(_shanghai(2027, 2, 1, 0, 0), tick=True):
            down = service.make_scheduler(settings)
            down.start(paused=True)
            service.sync_jobs(down, settings, sources)
            down.shutdown()
        # three Mondays pass with the scheduler down (1, 8 and 15 February)
        with time_machine.travel(_shanghai(2027, 2, 17, 12, 0), tick=True):
            up = service.make_scheduler(settings)
            up.start()
            runs = _wait_for_runs(settings.data_dir, 1)
            time.sleep(1.5)
            assert len(_wait_for_runs(settings.data_dir, 1)) == 1
            (job,) = up.get_jobs()
            assert job.next_run_time == _shanghai(2027, 2, 22, 3, 0)
            up.shutdown()
    assert runs[0].status == "ok" and runs[0].trigger == "scheduler:portal::custom-1"
    assert runs[0].reports_new == 1


def test_two_schedulers_on_one_store_run_a_job_once(tmp_path: Path, fast_crawls) -> None:
    settings = Settings.load(tmp_path / "data", env={})
    with serve(_portal(tmp_path, ["r1.html"])) as site:
        sources = _sources_file(tmp_path / "sources.yaml", site.url("/index.html"), schedule=["0 3 * * mon update"])
        with time_machine.travel(_shanghai(2027, 2, 7, 0, 0), tick=True):
            setup = service.make_scheduler(settings)
            setup.start(paused=True)
            service.sync_jobs(setup, settings, sources)
            setup.shutdown()
        with time_machine.travel(_shanghai(2027, 2, 8, 3, 0, 1), tick=True):
            a, b = service.make_scheduler(settings), service.make_scheduler(settings)
            starters = [threading.Thread(target=s.start) for s in (a, b)]
            for t in starters:
                t.start()
            for t in starters:
                t.join()
            _wait_for_runs(settings.data_dir, 1)
            time.sleep(2)
            runs = _wait_for_runs(settings.data_dir, 1)
            a.shutdown()
            b.shutdown()
    assert len(runs) == 1 and runs[0].status == "ok"


def test_a_hanging_crawl_is_killed_at_its_limit_and_recorded(tmp_path: Path) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)  # accepts connections, never answers
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    try:
        settings = Settings.load(tmp_path, env={})
        started = time.monotonic()
        result = harvest(settings, load_sources([url]), trigger="cli", time_limit=4)
        took = time.monotonic() - started
    finally:
        listener.close()
    (run,) = result.runs
    assert run.status == "timeout" and "time limit of 4 s" in run.errors[0]
    assert took < 60
    with Archive(tmp_path) as archive:
        assert [r.status for r in list_runs(archive.db)] == ["timeout"]


# --- passes over a portal that changes ---------------------------------------------------


def _portal(tmp_path: Path, pages: list[str], **kw) -> Path:
    root = tmp_path / "portal"
    _write_portal(root, pages, **kw)
    return root


class _Hook(BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        _Hook.received.append(json.loads(self.rfile.read(length)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def test_passes_find_only_what_is_new_and_coverage_shrinks(tmp_path: Path, fast_crawls) -> None:
    settings = Settings.load(tmp_path / "data", env={})
    root = _portal(tmp_path, ["r1.html", "r2.html"], late=True)
    hook = ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
    threading.Thread(target=hook.serve_forever, daemon=True).start()
    _Hook.received = []
    # a webhook on a local address is refused unless the operator lists it (OGI_WEBHOOK_HOSTS)
    settings = dataclasses.replace(settings, webhook_hosts=(f"127.0.0.1:{hook.server_address[1]}",))
    try:
        with serve(root) as site:
            sources = load_sources([str(_sources_file(tmp_path / "sources.yaml", site.url("/index.html")))])
            first = harvest(settings, sources, trigger="cli")
            assert [(r.status, r.reports_found, r.reports_new) for r in first.runs] == [("ok", 2, 2)]
            with Archive(settings.data_dir) as archive:
                (cov,) = coverage(archive, sources, 2023)
            assert cov.missing == ["贵阳市观山湖区人民政府"], cov.to_json()
            assert [p.agency for p in cov.late] == ["长春市体育局"]  # a department, published 20 February

            alerts.save_search(settings, "观山湖", "观山湖区", ["year = 2023"],
                               webhook=f"http://127.0.0.1:{hook.server_address[1]}/hook")
            alerts.save_search(settings, "nothing", "不会出现的词")
            _write_portal(root, ["r1.html", "r2.html", "r3.html"], late=True)  # the third agency publishes
            second = harvest(settings, sources, trigger="cli")
            assert [(r.status, r.reports_found, r.reports_new, r.reports_changed) for r in second.runs] == \
                [("ok", 3, 1, 0)]
            with Archive(settings.data_dir) as archive:
                (cov,) = coverage(archive, sources, 2023)
                history = list_runs(archive.db)
            assert cov.missing == [] and len(cov.published) == 3
            assert [r.id for r in history] == [second.runs[0].id, first.runs[0].id]  # newest first
    finally:
        hook.shutdown()
    feed = alerts.alerts(settings)
    assert [(a["search"], a["title"]) for a in feed] == [("观山湖", "贵阳市观山湖区人民政府2023年度政府信息公开工作年度报告")]
    assert feed[0]["delivered"] == "ok"
    assert [r["url"] for r in _Hook.received[0]["reports"]] == [feed[0]["url"]]


def test_schedule_start_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    sources = _sources_file(tmp_path / "sources.yaml", "http://127.0.0.1:9/")
    proc = subprocess.Popen([sys.executable, "-m", "ogi.cli", "schedule", "start", "--sources", str(sources),
                             "--data-dir", str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        assert "scheduler running" in proc.stdout.readline()
        time.sleep(1.0)
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0, out
    listed = subprocess.run([sys.executable, "-m", "ogi.cli", "schedule", "list", "--data-dir", str(tmp_path)],
                            capture_output=True, text=True, timeout=60)
    assert "portal::yearly-full" in listed.stdout and "portal::spring-weekly" in listed.stdout
