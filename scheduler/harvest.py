"""One harvest run: crawl (in its own process, with a time limit), extract, index, alert.

`ogi crawl`, `ogi schedule run-now` and every scheduled job call `harvest`; each records
its runs in the catalog (`ogi.runs`) whatever happens to the crawl.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from ogi.crawler.run import crawl_command, parse_summary
from ogi.crawler.sources import Source
from ogi.archive import Archive
from ogi.runs import Run, alerts_pending_since, changed_since, finish_run, mark_alerts_done, start_run
from ogi.settings import Settings


@dataclass
class HarvestResult:
    runs: list[Run]
    extracted: int = 0
    extraction_failed: int = 0
    indexed: int = 0
    alerts: int = 0
    messages: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.status == "ok" for r in self.runs)

    @property
    def failed(self) -> bool:
        """Some source could not be crawled at all (or its crawl was killed)."""
        return any(r.status in ("failed", "timeout") for r in self.runs)


def _sources_file(sources: Sequence[Source], path: Path) -> Path:
    """The sources as a YAML file the crawl process reads (so no object crosses the process line)."""
    import yaml

    entries = []
    for s in sources:
        entry: dict[str, object] = {"name": s.name, "start_urls": list(s.start_urls)}
        if s.region:
            entry["region"] = s.region
        if s.cms:
            entry["cms"] = s.cms
        if s.allowed_domains:
            entry["allowed_domains"] = list(s.allowed_domains)
        entries.append(entry)
    path.write_text(yaml.safe_dump({"sources": entries}, allow_unicode=True), encoding="utf-8")
    return path


_CHILDREN: set[subprocess.Popen] = set()  # crawls running now, for a clean shutdown
_STOPPED: set[subprocess.Popen] = set()


def stop_crawls() -> int:
    """Ask every running crawl to stop (SIGTERM: Scrapy closes cleanly); their runs end as failed."""
    stopping = list(_CHILDREN)
    for proc in stopping:
        _STOPPED.add(proc)
        proc.terminate()
    return len(stopping)


def crawl_process(sources: Sequence[Source], data_dir: Path, *, time_limit: float,
                  crawl_settings: dict[str, object] | None = None,
                  progress: Any = None) -> tuple[str, dict[str, dict], str]:
    """Run `python -m ogi.crawler.run` on the sources; (status, stats by source, error text).
    With `progress` (an ogi.crawler.progress.ProgressBoard), the child's progress lines are drawn on it."""
    import os
    import tempfile
    import threading

    with tempfile.TemporaryDirectory(prefix="ogi-harvest-") as tmp:
        spec = _sources_file(sources, Path(tmp) / "sources.yaml")
        env = {**os.environ, "OGI_PROGRESS": "lines" if progress is not None else "off"}
        proc = subprocess.Popen(crawl_command([str(spec)], data_dir, settings=crawl_settings),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        _CHILDREN.add(proc)
        out: list[str] = []
        err: list[str] = []

        def read_stdout() -> None:
            out.append(proc.stdout.read())  # type: ignore[union-attr]

        def read_stderr() -> None:
            for line in proc.stderr:  # type: ignore[union-attr]
                if progress is None or not progress.feed(line.rstrip("\n")):
                    err.append(line)
                    del err[:-200]  # the tail is what an error message needs

        readers = [threading.Thread(target=read_stdout, daemon=True), threading.Thread(target=read_stderr, daemon=True)]
        for reader in readers:
            reader.start()
        try:
            proc.wait(timeout=time_limit)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            return "timeout", {}, f"crawl killed after its time limit of {time_limit:g} s"
        finally:
            for reader in readers:
                reader.join(timeout=10)
            _CHILDREN.discard(proc)
        stdout, stderr = "".join(out), "".join(err)
    if proc in _STOPPED:
        return "failed", {}, "crawl stopped: the scheduler was shut down"
    if proc.returncode != 0:
        return "failed", {}, f"crawl process exited with {proc.returncode}: {stderr[-1500:]}"
    try:
        stats = {str(s["source"]): s for s in parse_summary(stdout)}
    except (ValueError, KeyError, TypeError):
        return "failed", {}, f"crawl process printed no summary: {stderr[-1500:]}"
    return "ok", stats, ""


def harvest(settings: Settings, sources: Sequence[Source], *, trigger: str = "cli", mode: str = "update",
            time_limit: float | None = None, crawl_settings: dict[str, object] | None = None,
            index: bool = True, progress: Any = None) -> HarvestResult:
    """Crawl the sources (in parallel, one process), then extract, index and match saved searches."""
    from ogi.pipeline import extract_archive

    data_dir = settings.data_dir
    limit = time_limit or max([s.time_limit or 0 for s in sources] + [0]) or settings.crawl_time_limit
    with Archive.open(settings) as archive:
        archive.register_sources(sources)  # regions and aliases for extraction and report assembly
        run_ids = {s.name: start_run(archive.db, s.name, trigger=trigger, mode=mode) for s in sources}
    status, stats, error = crawl_process(sources, data_dir, time_limit=limit, crawl_settings=crawl_settings,
                                         progress=progress)
    result = HarvestResult(runs=[])
    with Archive.open(settings) as archive:
        for source in sources:
            st = stats.get(source.name)
            if status == "ok" and st is None:
                result.runs.append(finish_run(archive.db, run_ids[source.name], "failed", None,
                                              ["the crawl returned no summary for this source"]))
            elif status == "ok":  # the crawl process ended: each source says how it went
                st_status = str(st.get("status") or "ok")
                st_status = st_status if st_status in ("ok", "partial", "failed") else "failed"
                result.runs.append(finish_run(archive.db, run_ids[source.name], st_status, st,
                                              list(st.get("why") or ())))
            else:
                result.runs.append(finish_run(archive.db, run_ids[source.name], status, None, [error]))
        summary = extract_archive(archive)
        result.extracted, result.extraction_failed = summary.extracted, summary.failed
        result.messages += summary.hints(str(settings.data_dir)) + summary.errors[:20]  # what to do first
        touched: set[str] = set()
        alert_runs: list[int] = []
        since_all: list[str] = []
        for source in sources:
            # from this run's start, or an earlier run's whose alerts a crash kept from being recorded
            since, runs = alerts_pending_since(archive.db, source.name, run_ids[source.name])
            new, changed = changed_since(archive.db, source.name, since)
            touched |= new | changed
            alert_runs += runs
            since_all.append(since)
    if index:
        from ogi.indexer.service import index_archive

        result.indexed = index_archive(settings).indexed
        if touched:
            from ogi.scheduler.alerts import match_saved_searches

            result.alerts = match_saved_searches(settings, touched, run_ids=[r.id for r in result.runs],
                                                 not_before=min(since_all))
        with Archive.open(settings) as archive:
            mark_alerts_done(archive.db, alert_runs)
    return result
