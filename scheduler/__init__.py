"""Stage 6, the yearly harvest: APScheduler with a persistent job store runs `harvest` per source.

`plan` says when (default yearly plan, per-source crontabs), `service` runs the scheduler
(job store, claims so that two schedulers never run a fire twice), `harvest` is one run
(crawl in its own process with a time limit, extract, index, alerts), `coverage` says who
has not published, `alerts` keeps saved searches and their matches.
"""
