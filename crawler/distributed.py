"""A crawl shared by several worker processes (on one machine or many) through Redis.

Workers are ordinary crawl processes (`python -m crawler.run --redis URL --crawl-id ID
sources.yaml`) whose Scrapy scheduler and duplicate filter live in Redis (scrapy-redis):
each request is fetched by exactly one worker, whichever pops it. They write to one data
directory (content-addressed blobs; the catalog in WAL mode). What one worker cannot judge
alone — which reports disappeared upstream — the coordinator does once, after all workers
have finished (`finalize`), and then drops the crawl's Redis keys.
"""

from __future__ import annotations

import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from crawler.run import crawl_command, parse_summary
from crawler.sources import Source
from ogi.archive import Archive, utcnow


@dataclass(frozen=True)
class WorkerResult:
    returncode: int
    stats: list[dict]
    stderr: str


def start_worker(sources_file: str | Path, data_dir: str | Path, redis_url: str, crawl_id: str,
                 settings: dict[str, object] | None = None) -> subprocess.Popen:
    cmd = crawl_command([str(sources_file)], data_dir, settings=settings, redis_url=redis_url, crawl_id=crawl_id)
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finalize(data_dir: str | Path, sources: Sequence[Source], started_at: str, redis_url: str | None = None,
             crawl_id: str | None = None) -> int:
    """Mark reports not seen since the crawl started as removed; drop the crawl's keys. Returns removals."""
    removed = 0
    with Archive(data_dir) as archive:
        for source in sources:
            for report in archive.reports(source.name, include_removed=False):
                if str(report["last_seen"]) < started_at:
                    archive.mark_removed(str(report["url"]))
                    removed += 1
    if redis_url and crawl_id:
        import redis

        client = redis.Redis.from_url(redis_url)
        keys = list(client.scan_iter(match=f"ogi:{crawl_id}:*"))
        if keys:
            client.delete(*keys)
    return removed


def run_workers(sources: Sequence[Source], sources_file: str | Path, data_dir: str | Path, redis_url: str,
                workers: int = 2, *, settings: dict[str, object] | None = None, timeout: float | None = None,
                crawl_id: str | None = None) -> tuple[list[WorkerResult], int]:
    """Run `workers` local worker processes of one crawl and finalise it (a one-machine coordinator)."""
    from ogi.runs import finish_run, start_run

    crawl_id = crawl_id or uuid.uuid4().hex[:12]
    started = utcnow()
    with Archive(data_dir) as archive:
        run_ids = {s.name: start_run(archive.db, s.name, trigger=f"distributed:{crawl_id}", mode="full")
                   for s in sources}
    procs = [start_worker(sources_file, data_dir, redis_url, crawl_id, settings) for _ in range(workers)]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=timeout)
        results.append(WorkerResult(proc.returncode, parse_summary(out) if proc.returncode == 0 else [],
                                    err[-2000:]))
    complete = all(r.returncode == 0 for r in results) and not any(
        s.get("failed") for r in results for s in r.stats)
    removed = finalize(data_dir, sources, started, redis_url, crawl_id) if complete else 0
    with Archive(data_dir) as archive:  # one history row per source, the workers' figures summed
        for source in sources:
            parts = [st for r in results for st in r.stats if st.get("source") == source.name]
            total = {k: sum(int(p.get(k) or 0) for p in parts) for k in
                     ("pages", "reports_new", "reports_changed", "failed")}
            seen = archive.db.execute("SELECT COUNT(*) FROM reports WHERE source = ? AND last_seen >= ?",
                                      (source.name, started)).fetchone()[0]
            gone = archive.db.execute("SELECT COUNT(*) FROM reports WHERE source = ? AND removed_at >= ?",
                                      (source.name, started)).fetchone()[0]
            total.update(reports_found=seen, reports_removed=gone,
                         errors=[e for p in parts for e in p.get("errors") or []])
            failed = [r.stderr for r in results if r.returncode != 0]
            finish_run(archive.db, run_ids[source.name], "ok" if complete else "failed", total if parts else None,
                       [f"worker failed: {e[-300:]}" for e in failed])
    return results, removed
