"""Run a crawl of some sources into a data directory: capture → archive (→ extract on the fly).

`run_crawl` is what `ogi crawl` and the scheduler call. Scrapy's reactor cannot be
restarted in one process, so a caller that crawls more than once per process runs
`python -m ogi.crawler.run` in a subprocess (`crawl_in_subprocess`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Sequence

from ogi.crawler.sources import Source, load_sources
from ogi.crawler.spider import CrawlStats, ReportSpider

DEFAULT_DATA_DIR = "./ogi-data"


def crawl_settings(**overrides: object) -> dict[str, object]:
    """Polite defaults, read in one place; OGI_CRAWL_SETTINGS (JSON) and overrides on top."""
    settings: dict[str, object] = {
        "BOT_NAME": "ogi-archive",
        "USER_AGENT": "OGI-Archive/0.1 (+https://github.com/ogi-archive; annual-report archive)",
        "ROBOTSTXT_OBEY": True,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
        "DOWNLOAD_DELAY": 0.5,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": 0.5,
        "AUTOTHROTTLE_MAX_DELAY": 30,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": 3,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        "DOWNLOAD_TIMEOUT": 30,
        "DOWNLOAD_MAXSIZE": 100 * 1024 * 1024,
        "DOWNLOAD_WARNSIZE": 20 * 1024 * 1024,
        "REDIRECT_MAX_TIMES": 5,
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        # after RedirectMiddleware (600) hands back a redirect, before the download
        "DOWNLOADER_MIDDLEWARES": {
            "ogi.crawler.middlewares.SourceBoundsMiddleware": 650,
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "ogi.crawler.middlewares.BackoffRetryMiddleware": 550,
        },
        "OGI_RETRY_BACKOFF_BASE": 1.0,  # seconds before the first retry, doubled for each next one
        "OGI_RETRY_BACKOFF_MAX": 60.0,
        "EXTENSIONS": {"ogi.crawler.progress.CrawlProgress": 500},
    }
    env = os.environ.get("OGI_CRAWL_SETTINGS")  # JSON object of Scrapy overrides, e.g. for tests
    if env:
        settings.update(json.loads(env))
    settings.update(overrides)
    return settings


def distributed_settings(redis_url: str, crawl_id: str) -> dict[str, object]:
    """Scrapy settings that make this process one worker of crawl `crawl_id`: a request queue
    and a duplicate filter shared in Redis (scrapy-redis), kept until the crawl is finalised."""
    return {
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_QUEUE_KEY": f"ogi:{crawl_id}:%(spider)s:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"ogi:{crawl_id}:%(spider)s:dupefilter",
        "SCHEDULER_PERSIST": True,  # a worker that runs dry must not wipe the others' queue
        "OGI_IDLE_BEFORE_CLOSE": 10.0,  # seconds an idle worker waits for work others may still queue
        "REDIS_URL": redis_url,
        "OGI_DISTRIBUTED": True,  # removals are judged once, after every worker (crawler.distributed)
    }


def run_crawl(sources: Sequence[Source], data_dir: str | Path = DEFAULT_DATA_DIR,
              settings: dict[str, object] | None = None) -> list[CrawlStats]:
    """Crawl every source (in parallel, one spider each) in this process; one call per process."""
    from scrapy.crawler import CrawlerProcess

    Path(data_dir).mkdir(parents=True, exist_ok=True)
    process = CrawlerProcess(crawl_settings(**(settings or {})))
    all_stats = []
    for source in sources:
        stats = CrawlStats(source=source.name)
        all_stats.append(stats)
        process.crawl(ReportSpider, source=source, data_dir=str(data_dir), stats=stats)
    process.start()
    return all_stats


def crawl_command(specs: Sequence[str], data_dir: str | Path, *, settings: dict[str, object] | None = None,
                  redis_url: str | None = None, crawl_id: str | None = None) -> list[str]:
    """The command line of a crawl process (`main` below), printing its summary as JSON."""
    cmd = [sys.executable, "-m", "ogi.crawler.run", "--data-dir", str(data_dir), "--json"]
    if settings:
        cmd += ["--settings", json.dumps(settings)]
    if redis_url:
        cmd += ["--redis", redis_url, "--crawl-id", str(crawl_id)]
    return cmd + [str(spec) for spec in specs]


def parse_summary(stdout: str) -> list[dict[str, object]]:
    """The per-source summaries a crawl process printed last; ValueError when there are none."""
    lines = stdout.strip().splitlines()
    if not lines:
        raise ValueError("the crawl process printed no summary")
    return json.loads(lines[-1])


def crawl_in_subprocess(specs: Sequence[str], data_dir: str | Path, *, timeout: float | None = None,
                        settings: dict[str, object] | None = None) -> list[dict[str, object]]:
    """Run the crawl in its own Python process; returns the per-source summaries."""
    result = subprocess.run(crawl_command(specs, data_dir, settings=settings), capture_output=True, text=True,
                            timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"crawl failed ({result.returncode}): {result.stderr[-2000:]}")
    return parse_summary(result.stdout)


def _run_worker(sources: Sequence[Source], data_dir: str | Path, overrides: dict[str, object],
                crawl_id: str) -> list[CrawlStats]:
    """One worker of a distributed crawl: its part of each source's run row is kept in the catalog,
    so workers on several machines leave one history that `crawl-finalize` closes."""
    import socket

    from ogi.archive import Archive
    from ogi.runs import finish_part, join_run

    worker = f"{socket.gethostname()}:{os.getpid()}"
    with Archive(data_dir) as archive:
        run_ids = {s.name: join_run(archive.db, s.name, crawl_id=crawl_id, worker=worker) for s in sources}
    stats = run_crawl(sources, data_dir, overrides)
    with Archive(data_dir) as archive:
        for st in stats:
            finish_part(archive.db, run_ids[st.source], worker, asdict(st))
    return stats


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m ogi.crawler.run")
    parser.add_argument("specs", nargs="+")
    parser.add_argument("--data-dir", default=DEFAULT_DATA_DIR)
    parser.add_argument("--settings", default=None, help="JSON object of Scrapy setting overrides")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--redis", help="Redis URL: be one worker of a distributed crawl (with --crawl-id)")
    parser.add_argument("--crawl-id", help="name shared by the workers of one distributed crawl")
    args = parser.parse_args(argv)
    overrides = json.loads(args.settings) if args.settings else {}
    if args.redis:
        if not args.crawl_id:
            parser.error("--redis needs --crawl-id")
        overrides.update(distributed_settings(args.redis, args.crawl_id))
    sources = load_sources(args.specs)
    if args.redis:
        stats = _run_worker(sources, args.data_dir, overrides, args.crawl_id)
    else:
        stats = run_crawl(sources, args.data_dir, overrides or None)
    if args.json:
        print(json.dumps([asdict(s) for s in stats], ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
