"""A crawl shared by several worker processes (on one machine or many) through Redis.

Workers are ordinary crawl processes (`python -m ogi.crawler.run --redis URL --crawl-id ID
sources.yaml`) whose Scrapy scheduler and duplicate filter live in Redis (scrapy-redis):
each request is fetched by exactly one worker, whichever pops it. They write to one archive:
on one machine a data directory (content-addressed blobs, the catalog in WAL mode); on
several, a PostgreSQL catalog (OGI_CATALOG_URL) and a shared path or S3-compatible bucket
(OGI_BLOB_STORE). Each worker writes its part of the run history (`ogi.runs.join_run`).
What one worker cannot judge alone — which reports disappeared upstream — `finalize` does
once, after all workers have finished, then closes the run rows and drops the Redis keys.
"""

from __future__ import annotations

import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ogi.crawler.run import crawl_command, parse_summary
from ogi.crawler.sources import Source
from ogi.archive import Archive
from ogi.runs import Run, close_distributed_run, distributed_run


@dataclass(frozen=True)
class WorkerResult:
    returncode: int
    stats: list[dict]
    stderr: str


def start_worker(sources_file: str | Path, data_dir: str | Path, redis_url: str, crawl_id: str,
                 settings: dict[str, object] | None = None) -> subprocess.Popen:
    cmd = crawl_command([str(sources_file)], data_dir, settings=settings, redis_url=redis_url, crawl_id=crawl_id)
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@dataclass(frozen=True)
class Finalized:
    removed: int  # reports no longer listed, now marked removed
    runs: list[Run]  # the crawl's run rows, closed
    complete: bool  # every worker finished without failed requests (else removals were not judged)
    unfinished: tuple[str, ...]


def finalize(data_dir: str | Path, sources: Sequence[Source], crawl_id: str, redis_url: str | None = None,
             since: str | None = None) -> Finalized:
    """After every worker: mark reports not seen since the crawl started as removed (only when it
    was complete), close its run rows, drop its Redis keys."""
    with Archive(data_dir) as archive:
        state = distributed_run(archive.db, crawl_id)
        started_at = since or state.started_at
        removed = 0
        if state.complete and started_at:
            for source in sources:
                for report in archive.reports(source.name, include_removed=False):
                    if str(report["last_seen"]) < started_at:
                        archive.mark_removed(str(report["url"]))
                        removed += 1
        runs = close_distributed_run(archive.db, state, removals_judged=state.complete)
    if redis_url:
        import redis

        client = redis.Redis.from_url(redis_url)
        keys = list(client.scan_iter(match=f"ogi:{crawl_id}:*"))
        if keys:
            client.delete(*keys)
    return Finalized(removed, runs, state.complete, state.unfinished)


def run_workers(sources: Sequence[Source], sources_file: str | Path, data_dir: str | Path, redis_url: str,
                workers: int = 2, *, settings: dict[str, object] | None = None, timeout: float | None = None,
                crawl_id: str | None = None) -> tuple[list[WorkerResult], Finalized]:
    """Run `workers` local worker processes of one crawl and finalise it (a one-machine coordinator)."""
    crawl_id = crawl_id or uuid.uuid4().hex[:12]
    procs = [start_worker(sources_file, data_dir, redis_url, crawl_id, settings) for _ in range(workers)]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=timeout)
        results.append(WorkerResult(proc.returncode, parse_summary(out) if proc.returncode == 0 else [],
                                    err[-2000:]))
    return results, finalize(data_dir, sources, crawl_id, redis_url)
