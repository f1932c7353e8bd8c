"""When each source is harvested: the default yearly plan and per-source schedules.

Departments at county level and above publish by 31 January, every level of government by
31 March, and many are late or edit later. So by default: a full harvest early in February,
weekly update passes February–April while reports still come in, then monthly to the year's
end to catch late reports and quiet edits. An update pass is the same crawl; conditional
requests (ETag / Last-Modified) make unchanged pages cost a 304. A source may replace the
plan with its own crontab lines (`schedule:` in the sources file).
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from ogi.crawler.sources import Source

TIMEZONE = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class PlanEntry:
    name: str
    crontab: str  # minute hour day month weekday
    mode: str  # full | update

    def trigger(self) -> CronTrigger:
        return CronTrigger.from_crontab(self.crontab, timezone=TIMEZONE)


DEFAULT_PLAN = (
    PlanEntry("yearly-full", "0 2 2 2 *", "full"),  # 2 February, 02:00
    PlanEntry("spring-weekly", "0 3 * 2-4 mon", "update"),  # every Monday, February to April
    PlanEntry("monthly", "0 3 1 5-12 *", "update"),  # the 1st of each month, May to December
)


def plan_for(source: Source) -> tuple[PlanEntry, ...]:
    if not source.schedule:
        return DEFAULT_PLAN
    entries = []
    for n, line in enumerate(source.schedule, start=1):
        *fields, mode = line.split()
        entries.append(PlanEntry(f"custom-{n}", " ".join(fields), mode))
    return tuple(entries)


def job_id(source: Source, entry: PlanEntry) -> str:
    return f"{source.name}::{entry.name}"
