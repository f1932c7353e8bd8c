"""The APScheduler side: a persistent job store, one job per source and plan entry.

* APScheduler 3.x with a SQLAlchemy job store (SQLite in the data directory by default,
  any SQLAlchemy URL such as postgresql:// through OGI_SCHEDULER_DB), timezone Asia/Shanghai.
* Job defaults: ``max_instances=1``, ``coalesce=True`` (a run missed several times while
  the scheduler was down fires once on start-up), no misfire limit (a yearly harvest missed
  by days still runs).
* APScheduler 3 does not coordinate two schedulers on one job store, so the job itself
  claims its fire in the store's database before running (`claim`): a second scheduler that
  fires the same job finds the claim taken and does nothing. A per-source claim also keeps
  two jobs of one source (e.g. the yearly and the weekly entry) from overlapping.
* Each run executes the crawl in its own process with a time limit (`scheduler.harvest`).
"""

from __future__ import annotations

import logging
import sys
import signal
import threading
import time
from pathlib import Path
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from sqlalchemy import Column, Float, MetaData, String, Table, insert, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from ogi.crawler.sources import Source, load_sources
from ogi.catalog import engine_for as catalog_engine
from ogi.settings import Settings, redact
from ogi.scheduler.plan import TIMEZONE, job_id, plan_for

log = logging.getLogger("ogi.scheduler")

FIRE_WINDOW = 3600.0  # seconds: one fire of a job claims it for this long (fires are days apart)
_META = MetaData()
CLAIMS = Table("ogi_claims", _META, Column("key", String(300), primary_key=True), Column("until", Float))
_READY: set[str] = set()
_READY_LOCK = threading.Lock()


def engine_for(url: str) -> Engine:
    """The process's engine for the job store (shared with the catalog's when it is the same
    database: `ogi.catalog.engine_for`), with the claims table created once."""
    engine = catalog_engine(url)
    with _READY_LOCK:
        if url not in _READY:
            _META.create_all(engine)
            _READY.add(url)
    return engine


def claim(engine: Engine, key: str, seconds: float) -> bool:
    """Take `key` for `seconds` unless someone holds it; atomic across processes sharing the database."""
    now = time.time()
    for _ in range(5):
        try:
            with engine.begin() as conn:
                conn.execute(insert(CLAIMS).values(key=key, until=now + seconds))
            return True
        except IntegrityError:
            with engine.begin() as conn:
                taken = conn.execute(update(CLAIMS).where(CLAIMS.c.key == key, CLAIMS.c.until < now)
                                     .values(until=now + seconds)).rowcount
            return taken == 1
        except OperationalError:  # SQLite busy: another scheduler is writing the same row
            time.sleep(0.2)
    return False


def release(engine: Engine, key: str) -> None:
    with engine.begin() as conn:
        conn.execute(update(CLAIMS).where(CLAIMS.c.key == key).values(until=0.0))


def run_job(data_dir: str, sources_file: str, source_name: str, mode: str, job: str) -> str:
    """What a scheduled job runs (module level, so the job store can name it)."""
    settings = Settings.load(data_dir)
    engine = engine_for(settings.job_store_url)
    if not claim(engine, f"fire:{job}", FIRE_WINDOW):
        log.info("%s: already fired by another scheduler", job)
        return "skipped: claimed by another scheduler"
    sources = [s for s in load_sources([sources_file]) if s.name == source_name]
    if not sources:
        log.warning("%s: source %r is no longer in %s", job, source_name, sources_file)
        return "skipped: source gone"
    return _run_claimed(settings, engine, sources[0], mode, f"scheduler:{job}")


def run_now(settings: Settings, source: Source, *, mode: str = "update",
            crawl_settings: dict[str, object] | None = None) -> str:
    """`ogi schedule run-now SOURCE`: one run outside the plan, still never overlapping another."""
    return _run_claimed(settings, engine_for(settings.job_store_url), source, mode, "run-now",
                        crawl_settings=crawl_settings)


def _run_claimed(settings: Settings, engine: Engine, source: Source, mode: str, trigger: str,
                 crawl_settings: dict[str, object] | None = None) -> str:
    from ogi.scheduler.harvest import harvest

    limit = source.time_limit or settings.crawl_time_limit
    key = f"source:{source.name}"
    if not claim(engine, key, limit + 600):
        log.info("%s: a run of %s is still going", trigger, source.name)
        return "skipped: source busy"
    try:
        from ogi.crawler.progress import ProgressBoard

        result = harvest(settings, [source], trigger=trigger, mode=mode, time_limit=limit,
                         crawl_settings=crawl_settings, progress=ProgressBoard(sys.stderr, live=False, every=60.0))
    finally:
        release(engine, key)
    return ", ".join(f"{r.source}: {r.status}" for r in result.runs)


def make_scheduler(settings: Settings, *, workers: int = 4) -> BaseScheduler:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=engine_for(settings.job_store_url))},
        executors={"default": ThreadPoolExecutor(workers)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        timezone=TIMEZONE,
    )


def sync_jobs(scheduler: BaseScheduler, settings: Settings, sources_file: str | Path) -> list[str]:
    """Make the job store hold exactly the plan of the sources file (jobs keep their next run)."""
    sources = load_sources([str(sources_file)])
    wanted: dict[str, tuple[Source, Any]] = {}
    for source in sources:
        for entry in plan_for(source):
            wanted[job_id(source, entry)] = (source, entry)
    for job in scheduler.get_jobs():
        if job.id not in wanted:
            job.remove()
    for jid, (source, entry) in wanted.items():
        args = [str(settings.data_dir), str(Path(sources_file).resolve()), source.name, entry.mode, jid]
        existing = scheduler.get_job(jid)
        if existing is not None and existing.args == tuple(args) and str(existing.trigger) == str(entry.trigger()):
            continue  # unchanged: keep its next run time (a missed run stays missed, and fires)
        scheduler.add_job(run_job, entry.trigger(), id=jid, name=f"{source.name} {entry.name} ({entry.mode})",
                          args=args, replace_existing=True)
    return sorted(wanted)


def list_jobs(settings: Settings) -> list[dict[str, Any]]:
    """The jobs in the store, with their next run (without starting anything)."""
    scheduler = make_scheduler(settings)
    scheduler.start(paused=True)
    try:
        return [{"id": j.id, "name": j.name, "next_run_time": j.next_run_time.isoformat() if j.next_run_time else None,
                 "trigger": str(j.trigger)} for j in scheduler.get_jobs()]
    finally:
        scheduler.shutdown(wait=False)


def serve_forever(settings: Settings, sources_file: str | Path) -> None:
    """`ogi schedule start`: run in the foreground until SIGTERM / SIGINT, then stop cleanly."""
    from ogi.scheduler.harvest import stop_crawls

    scheduler = make_scheduler(settings)
    scheduler.start(paused=True)  # sync the plan before anything fires
    jobs = sync_jobs(scheduler, settings, sources_file)
    log.info("scheduler: %d jobs, store %s", len(jobs), redact(settings.job_store_url))
    stopping = threading.Event()

    def stop(signum: int, _frame: Any) -> None:
        log.info("scheduler: signal %d, stopping", signum)
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    scheduler.resume()
    while not stopping.wait(1.0):
        pass
    stopped = stop_crawls()  # running crawls end now, their runs recorded as failed
    scheduler.shutdown(wait=True)
    log.info("scheduler: stopped (%d crawl(s) interrupted)", stopped)


__all__ = ["make_scheduler", "sync_jobs", "run_job", "run_now", "serve_forever", "list_jobs", "claim"]
