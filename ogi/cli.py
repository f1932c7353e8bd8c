"""`ogi` command line: argument parsing only; the work is done by library functions."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from ogi.document import Document
from ogi.readers.base import ExtractionError


def _expand(paths: Sequence[str]) -> Iterator[Path]:
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            yield from sorted(q for q in p.rglob("*") if q.is_file() and not q.name.startswith("."))
        else:
            yield p


def summary(doc: Document) -> str:
    region = " / ".join(x for x in (doc.region.province, doc.region.city, doc.region.county, doc.region.township) if x)
    known = sum(1 for f in doc.figures.values() if f.value is not None)
    failed = [c.scope for c in doc.checks if c.ok is False]
    unevaluable = sum(1 for c in doc.checks if c.ok is None)
    lines = [
        f"  title:        {doc.title or '—'}",
        f"  report:       {'yes' if doc.is_annual_report else 'no — ' + (doc.not_report_reason or '')}",
        f"  agency:       {doc.agency or '—'} ({doc.agency_level.value if doc.agency_level else '—'})",
        f"  region:       {region or '—'} {doc.region.code or ''}".rstrip(),
        f"  year:         {doc.year or '—'}   published: {doc.published_at or '—'}",
        f"  format:       {doc.format.value}   table format: {doc.table_format.value}",
        f"  figures:      {known} of {len(doc.figures)} read",
        f"  checks:       {sum(1 for c in doc.checks if c.ok)} passed, {len(failed)} failed, {unevaluable} not evaluable",
    ]
    if failed:
        lines.append(f"  failed:       {', '.join(failed)}")
    lines.append(f"  sections:     {', '.join(s.title for s in doc.sections) or '—'}")
    for w in doc.warnings:
        lines.append(f"  warning:      [{w.code}] {w.message}")
    return "\n".join(lines)


def cmd_extract(args: argparse.Namespace) -> int:
    from ogi.extract import extract_path

    if args.data_dir and not args.paths:
        return _extract_archive(args.data_dir, force=args.force, jobs=args.jobs, shard=args.shard,
                                sources=args.sources)
    if not args.paths:
        print("ogi extract: give PATHs, or --data-dir to (re-)extract the archive", file=sys.stderr)
        return 2
    paths = list(_expand(args.paths))
    if args.url and len(paths) > 1:
        print("ogi extract: --url names the page of one file; give a single PATH with it", file=sys.stderr)
        return 2
    failures = 0
    out = sys.stdout
    for path in paths:
        try:
            doc = extract_path(path, url=args.url, region_hint=args.region)
        except ExtractionError as exc:
            failures += 1
            if args.json:
                out.write(json.dumps({"input": str(path), "error": str(exc)}, ensure_ascii=False) + "\n")
            else:
                out.write(f"{path}\n  error:        {exc}\n\n")
            continue
        if args.json:
            data = doc.to_dict()
            data = {"input": str(path), **data}
            out.write(json.dumps(data, ensure_ascii=False) + "\n")
        else:
            out.write(f"{path}\n{summary(doc)}\n\n")
        out.flush()
    return 1 if failures else 0


def _register_sources(data_dir: str, specs: Sequence[str] | None) -> int:
    """Keep the sources' regions and pinned aliases in the catalog (archives crawled before they were kept)."""
    if not specs:
        return 0
    from ogi.archive import Archive

    sources = _load_sources("extract", specs)
    if sources is None:
        return 2
    with Archive(data_dir) as archive:
        archive.register_sources(sources)
    return 0


def _extract_archive(data_dir: str, *, force: bool = False, jobs: int = 1, shard: str | None = None,
                     sources: Sequence[str] | None = None) -> int:
    from ogi.pipeline import Shard, extract_in_processes

    try:
        part = Shard.parse(shard) if shard else None
    except ValueError as exc:
        print(f"ogi extract: {exc}", file=sys.stderr)
        return 2
    if _register_sources(data_dir, sources):
        return 2
    summary = extract_in_processes(data_dir, jobs=jobs, force=force, shard=part)
    print(f"extracted {summary.extracted}, unchanged {summary.unchanged}, failed {summary.failed}")
    for why, count in sorted(summary.redone.items()):  # counted in extracted/failed: made again, and why
        print(f"  {count} made again: {why}")
    for error in summary.errors[:20]:
        print(f"  {error}")
    for hint in summary.hints(data_dir):
        print(f"hint: {hint}")
    return 0


def _print_run(run) -> None:
    print(f"{run.source}: {run.status}, {run.pages} pages, reports {run.reports_found} found / {run.reports_new} new / "
          f"{run.reports_changed} changed / {run.reports_removed} removed, {run.failed} failed")
    for entry in run.lists:
        print(f"  list {entry['list']}: {entry['pages']} pages, {entry['records']} records, end: {entry['end']}")
    for error in run.errors[:10]:
        print(f"  error: {error}")


def _load_sources(command: str, specs: Sequence[str]):
    from ogi.crawler.sources import SourceError, load_sources

    try:
        return load_sources(specs)
    except SourceError as exc:
        print(f"ogi {command}: {exc}", file=sys.stderr)
        return None


def cmd_crawl(args: argparse.Namespace) -> int:
    from ogi.settings import Settings
    from ogi.scheduler.harvest import harvest

    sources = _load_sources("crawl", args.sources)
    if sources is None:
        return 2
    settings = Settings.load(args.data_dir)
    from ogi.crawler.progress import ProgressBoard

    result = harvest(settings, sources, trigger="cli", mode="full", time_limit=args.time_limit,
                     progress=ProgressBoard(sys.stderr))
    for run in result.runs:
        _print_run(run)
    print(f"extracted {result.extracted}, failed {result.extraction_failed}; indexed {result.indexed}"
          + (f"; {result.alerts} alerts" if result.alerts else ""))
    for message in result.messages[:20]:
        print(f"  {message}")
    for run in result.runs:
        if run.status != "ok":
            print(f"{run.source}: {run.status} — {'; '.join(run.errors[:3]) or 'see ogi runs'}", file=sys.stderr)
    return 1 if result.failed else 0


def cmd_crawl_finalize(args: argparse.Namespace) -> int:
    from ogi.crawler.distributed import finalize

    sources = _load_sources("crawl-finalize", args.sources)
    if sources is None:
        return 2
    done = finalize(args.data_dir, sources, args.crawl_id, args.redis, args.since)
    if not done.runs:
        print(f"ogi crawl-finalize: no worker of crawl {args.crawl_id!r} has written to this catalog",
              file=sys.stderr)
        return 2
    for run in done.runs:
        _print_run(run)
    if done.complete:
        print(f"distributed crawl {args.crawl_id}: {done.removed} reports no longer listed marked removed")
    else:
        print(f"distributed crawl {args.crawl_id}: incomplete ({', '.join(done.unfinished) or 'failed requests'});"
              " removals not judged")
    code = _extract_archive(args.data_dir, jobs=args.jobs)
    return code or _index(args.data_dir, full=False) or (0 if done.complete else 1)


def cmd_schedule(args: argparse.Namespace) -> int:
    import logging

    from ogi.settings import Settings, redact
    from ogi.scheduler import service

    settings = Settings.load(args.data_dir)
    if args.action == "start":
        if not args.sources:
            print("ogi schedule start: give --sources FILE", file=sys.stderr)
            return 2
        if _load_sources("schedule", [args.sources]) is None:
            return 2
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
        print(f"scheduler running on {redact(settings.job_store_url)} (Asia/Shanghai); SIGTERM or Ctrl-C stops it",
              flush=True)
        service.serve_forever(settings, args.sources)
        return 0
    if args.action == "list":
        for job in service.list_jobs(settings):
            print(f"{job['next_run_time'] or 'paused':<27} {job['id']:<40} {job['trigger']}")
        return 0
    # run-now SOURCE
    if not args.source:
        print("ogi schedule run-now: name a SOURCE (a name from --sources, or a URL)", file=sys.stderr)
        return 2
    sources = _load_sources("schedule", [args.sources] if args.sources else [args.source])
    if sources is None:
        return 2
    chosen = [s for s in sources if s.name == args.source] or (sources if not args.sources else [])
    if not chosen:
        print(f"ogi schedule run-now: no source named {args.source!r} in {args.sources}", file=sys.stderr)
        return 2
    print(service.run_now(settings, chosen[0], mode=args.mode))
    return 0


def cmd_runs(args: argparse.Namespace) -> int:
    from ogi.archive import Archive
    from ogi.runs import list_runs

    with Archive(args.data_dir) as archive:
        runs = list_runs(archive.db, source=args.source, limit=args.limit)
    if args.json:
        print(json.dumps([r.to_json() for r in runs], ensure_ascii=False))
        return 0
    for r in runs:
        print(f"#{r.id:<4} {r.started_at[:19]} → {(r.ended_at or '…')[:19]:<19} {r.status:<8} {r.source:<28} "
              f"{r.trigger:<26} pages {r.pages}, reports {r.reports_found} / new {r.reports_new} / changed "
              f"{r.reports_changed} / removed {r.reports_removed}, failed {r.failed}")
        for entry in r.cut_lists:
            print(f"      list {entry['list']} not read to its end: {entry['end']} after {entry['pages']} pages")
        for error in r.errors[:3]:
            print(f"      {error[:200]}")
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    from ogi.archive import Archive
    from ogi.scheduler.coverage import coverage

    sources = _load_sources("coverage", args.sources)
    if sources is None:
        return 2
    with Archive(args.data_dir) as archive:
        result = coverage(archive, sources, args.year)
    if args.json:
        print(json.dumps([c.to_json() for c in result], ensure_ascii=False))
        return 0
    for c in result:
        print(f"{c.source}: {len(c.published)} published for {args.year}, {len(c.missing)} of {len(c.expected)} "
              f"expected agencies missing, {len(c.late)} late, {len(c.changed)} changed after publication")
        if c.last_crawl and c.last_crawl != "ok":
            print(f"  warning   the last crawl of {c.source} was {c.last_crawl}: see `ogi runs --source {c.source}`")
        for entry in c.cut_lists:
            print(f"  warning   list {entry['list']} was not read to its end ({entry['end']}, {entry['pages']} pages):"
                  " a missing report may be beyond it")
        for name in c.missing:
            print(f"  missing   {name}")
        for p in c.late:
            print(f"  late      {p.agency}: {p.date}{' (first seen)' if p.date_is_capture else ''}, due {p.deadline}")
        for p in c.changed:
            print(f"  changed   {p.agency}: {p.versions} versions, last change {p.last_change}  {p.url}")
    return 0


def cmd_agencies(args: argparse.Namespace) -> int:
    from ogi.archive import Archive
    from ogi.reports import assemble_archive

    if _register_sources(args.data_dir, args.sources):
        return 2
    with Archive(args.data_dir) as archive:
        agencies = sorted(assemble_archive(archive).agencies.values(), key=lambda a: a.id)
    if args.json:
        print(json.dumps([a.to_json() for a in agencies], ensure_ascii=False))
        return 0
    for a in agencies:
        region = " ".join(v for k, v in a.region.items() if k != "code" and v)
        years = ", ".join(str(y) for y in sorted(a.years))
        print(f"{a.id:<28} {a.name}  [{a.level or '?'}; {region or 'region unknown'}]  years {years or '—'}")
        aliases = a.to_json()["aliases"]
        if aliases:
            print(f"{'':<28} also printed as: {'、'.join(aliases)}")
    return 0


def _audit_backend(args: argparse.Namespace):
    from ogi.indexer import open_backend
    from ogi.settings import Settings

    return open_backend(Settings.load(args.data_dir), public=True)


def _pct(v: object) -> str:
    return "—" if v is None else f"{float(v) * 100:.1f}%"  # type: ignore[arg-type]


def cmd_agency(args: argparse.Namespace) -> int:
    """One agency year on year (`ogi.audit_views.agency_view`, as /agencies/{id})."""
    from ogi.audit_views import agency_view

    view = agency_view(_audit_backend(args), args.agency_id)
    if view is None:
        print(f"ogi agency: no agency {args.agency_id!r} in the index (ids: ogi agencies)", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(view, ensure_ascii=False))
        return 0
    years = [y["year"] for y in view["years"]]
    print(f"{view['agency']}  {view['agency_id']}  years {', '.join(str(y) for y in years)}")
    print(f"{'':<24}" + "".join(f"{y:>16}" for y in years))
    for row in view["figures"]:
        cells = [("—" if v is None else f"{v:g}") + (f" ({c:+g})" if c is not None else "")
                 for v, c in zip(row["values"], row["changes"])]
        print(f"{row['title']:<24}" + "".join(f"{c:>16}" for c in cells))
    for row in view["rates"]:
        print(f"{row['title']:<24}" + "".join(f"{_pct(v):>16}" for v in row["values"]))
    for y in view["years"]:
        print(f"{y['year']}: checks {'ok' if y['checks_ok'] else 'FAILED' if y['checks_ok'] is False else '—'}"
              f"{' (' + ', '.join(y['failed']) + ')' if y['failed'] else ''}; text reused from last year "
              f"{_pct(y['reuse_prev_year'])}")
    for c in view["cross_year_failed"]:
        print(f"FAILED {c['year']} {c['rule']} {c['scope']}: expected {c['expected']}, printed {c['actual']}"
              f" — {c.get('evidence') or ''}")
    return 0


def cmd_rankings(args: argparse.Namespace) -> int:
    """Agencies of one level and region ranked by a rate or figure (`ogi.audit_views.rankings`)."""
    from ogi.indexer.query import QueryError
    from ogi.audit_views import rankings

    try:
        result = rankings(_audit_backend(args), args.by, level=args.level, province=args.province, city=args.city,
                          county=args.county, year=args.year, order=args.order)
    except QueryError as exc:
        return _query_error("rankings", exc)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    print(f"{result['title']} · {result['year']} · {result['n']} ranked · median "
          f"{result['median'] if result['median'] is not None else '—'}")
    if result["note"]:
        print(f"  {result['note']}")
    for row in result["rows"]:
        extra = f"  percentile {row['percentile']}" if row["percentile"] is not None else ""
        flag = f"  OUTLIER {row['outlier']}" if row["outlier"] else ""
        print(f"{row['rank']:>4}. {row['agency']:<24} {row['value']:g}{extra}{flag}")
    for row in result["unranked"]:
        print(f"   -  {row['agency']} (no value)")
    return 0


def cmd_rollup(args: argparse.Namespace) -> int:
    """Per region and year: reports, failures per rule, coverage (`ogi.audit_views.rollup`), CSV or JSON."""
    from ogi.indexer.query import QueryError
    from ogi.audit_views import rollup, rollup_csv

    try:
        rows = rollup(_audit_backend(args), args.level, year=args.year, province=args.province, city=args.city)
    except QueryError as exc:
        return _query_error("rollup", exc)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
    else:
        sys.stdout.write(rollup_csv(rows))
    return 0


def cmd_audit_pdf(args: argparse.Namespace) -> int:
    """The printable audit report of one report, one agency or one region and year, as a PDF (or
    its HTML with --html): the pages /audit/… of the web app, from the same functions."""
    from ogi.indexer.query import QueryError
    from ogi import audit_pdf
    from ogi.settings import Settings
    from ogi.web import audit_pages
    from ogi.web.library import Library

    library = Library(Settings.load(args.data_dir))
    try:
        if args.report:
            context = audit_pages.report_context(library, args.report)
        elif args.agency:
            context = audit_pages.agency_context(library, args.agency)
        else:
            title, ids = audit_pages.region_ids(library, args.year, args.province, args.city, args.county)
            context = audit_pages.region_context(library, title, ids)
    except QueryError as exc:
        return _query_error("audit-pdf", exc)
    if context is None:
        print("ogi audit-pdf: no such report or agency in the index", file=sys.stderr)
        return 1
    html = audit_pages.render_print(audit_pages.print_environment(), context)
    if args.html:
        Path(args.output).write_text(html, encoding="utf-8")
    else:
        reason = audit_pdf.available()
        if reason:
            print(f"ogi audit-pdf: {reason} (--html writes the printable page instead)", file=sys.stderr)
            return 2
        Path(args.output).write_bytes(audit_pdf.html_to_pdf([html])[0])
    failed = sum(len(r["failed"]) for r in context["reports"])
    print(f"wrote {args.output}: {len(context['reports'])} report(s), {failed} failed check(s)")
    return 0


def cmd_searches(args: argparse.Namespace) -> int:
    from ogi.indexer.query import QueryError
    from ogi.settings import Settings
    from ogi.scheduler import alerts

    settings = Settings.load(args.data_dir)
    if args.action == "add":
        if not args.name:
            print("ogi searches add: give a NAME", file=sys.stderr)
            return 2
        try:
            saved = alerts.save_search(settings, args.name, " ".join(args.query), args.filter or (), args.webhook,
                                       args.email or ())
        except (QueryError, ValueError) as exc:
            return _query_error("searches", exc)
        print(f"saved search #{saved.id} {saved.name!r}")
        return 0
    if args.action == "delete":
        return 0 if alerts.delete_search(settings, args.name or "") else 1
    for saved in alerts.saved_searches(settings):
        print(f"#{saved.id} {saved.name}: {saved.query!r} {' AND '.join(saved.filters)}"
              + (f" → {saved.webhook}" if saved.webhook else "")
              + (f" ✉ {', '.join(saved.recipients)}" if saved.recipients else "")
              + f"  feed: {alerts.feed_path(saved.name)}")
    return 0


def cmd_alerts(args: argparse.Namespace) -> int:
    from ogi.settings import Settings
    from ogi.scheduler.alerts import alerts

    feed = alerts(Settings.load(args.data_dir), args.search, args.limit)
    if args.json:
        print(json.dumps(feed, ensure_ascii=False))
        return 0
    for a in feed:
        print(f"{a['created_at'][:19]} [{a['search']}] {a['title']}  {a['url']}"
              + (f"  (webhook: {a['delivered']})" if a["delivered"] else "")
              + (f"  (email: {a['emailed']})" if a.get("emailed") else ""))
    return 0


def _index(data_dir: str, *, full: bool) -> int:
    from ogi.indexer.service import index_archive
    from ogi.settings import Settings

    settings = Settings.load(data_dir)
    summary = index_archive(settings, full=full)
    print(f"indexed {summary.indexed} ({settings.search_backend}), unchanged {summary.unchanged}, "
          f"deleted {summary.deleted}, not reports {summary.not_reports}, not extracted {summary.not_extracted}; "
          f"{summary.total} in the index ({summary.seconds:.1f} s)")
    for error in summary.errors[:10]:
        print(f"  not indexed: {error}")
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    code = _extract_archive(args.data_dir, jobs=args.jobs, sources=args.sources)
    return code or _index(args.data_dir, full=not args.changed)


def _query_error(command: str, exc: Exception) -> int:
    print(f"ogi {command}: {exc}", file=sys.stderr)
    return 2


def cmd_search(args: argparse.Namespace) -> int:
    from ogi.indexer.query import QueryError
    from ogi.indexer.service import search
    from ogi.indexer.textmatch import snippet_plain
    from ogi.settings import Settings

    settings = Settings.load(args.data_dir)
    from ogi.indexer.fields import DEFAULT_FACETS

    facets = args.facet if args.facet is not None else list(DEFAULT_FACETS)
    try:
        result = search(settings, " ".join(args.query), args.filter, facets, args.sort, args.limit, args.offset)
    except QueryError as exc:
        return _query_error("search", exc)
    if not result.total:
        from ogi.indexer.hints import unmatched
        from ogi.indexer.query import parse_filter
        from ogi.indexer.service import open_backend

        for note in unmatched(open_backend(settings, public=True), parse_filter(args.filter)):
            print(f"ogi search: {note}", file=sys.stderr)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
        return 0
    print(f"{result.total} report{'s' if result.total != 1 else ''}")
    for n, hit in enumerate(result.hits, start=args.offset + 1):
        data = hit.to_json()
        where = " · ".join(str(x) for x in (data["agency"], data["region"], data["year"]) if x)
        print(f"{n:>3}. {data['title'] or '(untitled)'}\n     {where}")
        if hit.snippet:
            print(f"     {snippet_plain(hit.snippet)}")
        print(f"     {data['url']}  (captured {data['captured_at'] or '—'})")
        documents = data.get("documents") or []
        if len(documents) > 1:  # one hit per report; its files under it
            for d in documents:
                mark = " (figures)" if d.get("evidence") else ""
                print(f"       {d.get('role')}: {d.get('document_url')}  {d.get('format') or ''}{mark}  "
                      f"captured {(d.get('captured_at') or '—')[:19]}  sha256 {str(d.get('sha256'))[:12]}")
        if data.get("documents_agree") is False:
            print("       ! its files print different figures (see the report's warnings)")
    for name, counts in result.facets.items():
        shown = " · ".join(f"{k} {v}" for k, v in list(counts.items())[:12])
        print(f"  {name}: {shown or '—'}")
    return 0


def cmd_aggregate(args: argparse.Namespace) -> int:
    from ogi.indexer import open_backend
    from ogi.indexer.backend import write_aggregate_csv
    from ogi.indexer.query import QueryError, build_aggregate, build_query
    from ogi.settings import Settings

    settings = Settings.load(args.data_dir)
    try:
        agg = build_aggregate(args.figure, args.by, build_query(" ".join(args.query), args.filter, limit=0))
    except QueryError as exc:
        return _query_error("aggregate", exc)
    backend = open_backend(settings, public=True)
    rows = backend.aggregate(agg)
    if args.values == "corrected":  # issue 19: reviewers' corrections in place of the printed values
        from ogi.web.review_pages import corrected_aggregate_rows, values_column

        rows = corrected_aggregate_rows(settings, backend, agg, rows)
    if args.json:
        print(json.dumps({"figure": agg.field, "values": args.values, "group_by": list(agg.group_by),
                          "rows": [r.to_json() for r in rows]}, ensure_ascii=False))
        return 0
    if args.values == "corrected":
        import io

        out = io.StringIO()
        write_aggregate_csv(rows, agg.group_by, out)
        sys.stdout.write(values_column(out.getvalue(), args.values))
        return 0
    write_aggregate_csv(rows, agg.group_by, sys.stdout)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from ogi.archive import Archive
    from ogi.pipeline import export_documents, export_parquet

    ids = None
    if args.values == "corrected" and (args.documents or args.format == "warc"):
        print("ogi export: --values corrected is for reports (corrections are recorded per report)", file=sys.stderr)
        return 2
    if args.headers != "keys" and args.format not in ("csv", "xlsx"):
        print("ogi export: --headers zh is for --format csv or xlsx", file=sys.stderr)
        return 2
    if args.output:
        target = Path(args.output)
        if target.is_dir() or not target.resolve().parent.is_dir():
            why = "is a directory" if target.is_dir() else f"its directory {target.resolve().parent} does not exist"
            print(f"ogi export: cannot write {args.output}: {why}", file=sys.stderr)
            return 2
    if args.query or args.filter:
        from ogi.indexer.query import QueryError
        from ogi.indexer.service import matching_ids
        from ogi.settings import Settings

        try:
            ids = matching_ids(Settings.load(args.data_dir), args.query, args.filter)
        except QueryError as exc:
            return _query_error("export", exc)
    unit = "documents" if args.documents else "reports"
    with Archive(args.data_dir) as archive:
        if args.format == "parquet":
            if not args.output:
                print("ogi export: --format parquet needs --output FILE", file=sys.stderr)
                return 2
            count = export_parquet(archive, args.output, ids, unit=unit, values=args.values)
            print(f"{count} {unit} written to {args.output}", file=sys.stderr)
            return 0
        if args.format == "warc":
            from ogi.warc_export import export_warc

            if not args.output:
                print("ogi export: --format warc needs --output FILE", file=sys.stderr)
                return 2
            problems: list[str] = []
            count = export_warc(archive, args.output, problems=problems)
            print(f"{count} captures written to {args.output}", file=sys.stderr)
            for problem in problems[:20]:
                print(f"  warning: {problem}", file=sys.stderr)
            return 1 if problems else 0
        if args.format in ("csv", "xlsx"):  # spreadsheets: BOM, Chinese headers, XLSX (ogi.export_formats)
            from ogi.export_formats import export_table

            if args.format == "xlsx" and not args.output:
                print("ogi export: --format xlsx needs --output FILE", file=sys.stderr)
                return 2
            count = export_table(archive, args.format, args.output, ids, unit=unit, bom=args.bom, headers=args.headers,
                                 values=args.values)
            if args.output:
                print(f"{count} {unit} written to {args.output}", file=sys.stderr)
            return 0
        out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
        try:
            count = export_documents(archive, args.format, out, ids, unit=unit, values=args.values)
            if args.output:
                print(f"{count} {unit} written to {args.output}", file=sys.stderr)
        finally:
            if args.output:
                out.close()
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    from ogi.crawler.check import check_sources

    sources = _load_sources("sources", args.sources)
    if sources is None:
        return 2
    results = check_sources(sources, timeout=args.timeout)
    if args.json:
        print(json.dumps([{**r.__dict__, "cms_matches": r.cms_matches} for r in results], ensure_ascii=False))
    else:
        for r in results:
            state = f"ok {r.status}" if r.ok else f"FAIL {r.error or r.status}"
            family = f"looks like {r.cms}" if r.cms else "family unknown"
            if r.cms_matches is False:
                family += f" (configured: {r.configured_cms})"
            print(f"{state:<28} {family:<32} {'' if r.verified else '[unverified] '}{r.source}  {r.url}")
        answered = sum(r.ok for r in results)
        print(f"{answered} of {len(results)} start pages answered")
    return 0 if all(r.ok for r in results) else 1


def cmd_demo(args: argparse.Namespace) -> int:
    from ogi.demo.run import run_demo

    run_demo(port=args.port, data_dir=args.data_dir, host=args.host)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from ogi.settings import Settings
    from ogi.web.app import serve

    settings = Settings.load(args.data_dir)
    if settings.search_backend == "meilisearch" and not (settings.meili_search_key or settings.meili_master_key):
        print("ogi serve: Meilisearch needs a key; set MEILI_SEARCH_KEY (search-only: print it with"
              " MeiliIndex(MEILI_URL, MEILI_MASTER_KEY).public_key(), see README)", file=sys.stderr)
        return 2
    print(f"OGI Archive on http://{args.host}:{args.port}/ (data {args.data_dir})", flush=True)
    serve(settings, host=args.host, port=args.port)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ogi", description="OGI Archive: annual open-government-information reports")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="extract structured documents from captured files (HTML, text, PDF, Word, spreadsheets, images)")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (read recursively)")
    p.add_argument("--data-dir", help="without PATHs: extract every archived report not yet extracted")
    p.add_argument("--force", action="store_true", help="with --data-dir: extract everything again")
    p.add_argument("--jobs", type=int, default=1, help="with --data-dir: processes to extract in (default 1)")
    p.add_argument("--shard", metavar="I/N", help="with --data-dir: only part I of N (one per machine sharing a catalog)")
    p.add_argument("--url", help="URL of the page where the (single) file was found")
    p.add_argument("--region", help="configured region of the source, e.g. 江西省赣州市 (helps resolve townships)")
    p.add_argument("--json", action="store_true", help="one JSON document per input (JSON Lines), in input order")
    p.add_argument("--sources", nargs="*", metavar="SOURCE",
                   help="with --data-dir: sources file(s) whose regions and agency aliases the catalog should keep")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("crawl", help="find, archive, extract and index the reports of some sources")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="a sources YAML file or a bare URL")
    p.add_argument("--data-dir", default="./ogi-data")
    p.add_argument("--time-limit", type=float, help="seconds before the crawl is stopped (default OGI_CRAWL_TIME_LIMIT)")
    p.set_defaults(func=cmd_crawl)

    p = sub.add_parser("crawl-finalize", help="after the workers of a distributed crawl: removals, extract, index")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="the sources file the workers crawled")
    p.add_argument("--crawl-id", required=True, help="the id the workers were given")
    p.add_argument("--since", help="when the crawl started (ISO time, UTC; default: when its first worker joined)")
    p.add_argument("--redis", help="Redis URL, to drop the crawl's queue and duplicate filter")
    p.add_argument("--jobs", type=int, default=1, help="processes to extract in (default 1)")
    p.add_argument("--data-dir", default="./ogi-data")
    p.set_defaults(func=cmd_crawl_finalize)

    p = sub.add_parser("schedule", help="the yearly harvest: start the scheduler, list its jobs, run one now")
    p.add_argument("action", choices=("start", "list", "run-now"))
    p.add_argument("source", nargs="?", help="run-now: the source's name (with --sources) or a URL")
    p.add_argument("--sources", help="sources YAML file (the plan of every source in it)")
    p.add_argument("--mode", choices=("full", "update"), default="update", help="run-now: kind of pass")
    p.add_argument("--data-dir", default="./ogi-data")
    p.set_defaults(func=cmd_schedule)

    p = sub.add_parser("runs", help="history of crawl runs (scheduled or not)")
    p.add_argument("--data-dir", default="./ogi-data")
    p.add_argument("--source")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_runs)

    p = sub.add_parser("coverage", help="who has not published a year's report, who was late, what changed")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="sources YAML file(s) (expected_agencies) or URLs")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--data-dir", default="./ogi-data")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_coverage)

    p = sub.add_parser("searches", help="saved searches that raise alerts after each run")
    p.add_argument("action", choices=("add", "list", "delete"))
    p.add_argument("name", nargs="?")
    p.add_argument("query", nargs="*", metavar="QUERY")
    p.add_argument("--filter", "-f", action="append")
    p.add_argument("--webhook", help="POST new matches as JSON to this URL")
    p.add_argument("--email", action="append", metavar="ADDRESS",
                   help="email new matches to this address after each harvest (repeat for more; OGI_SMTP_* settings)")
    p.add_argument("--data-dir", default="./ogi-data")
    p.set_defaults(func=cmd_searches)

    p = sub.add_parser("alerts", help="new or changed reports matching saved searches, newest first")
    p.add_argument("--search", help="only this saved search")
    p.add_argument("--limit", type=int, default=100)
    p.add_argument("--data-dir", default="./ogi-data")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_alerts)

    p = sub.add_parser("export", help="write the archived reports (one row each), or their files with --documents")
    p.add_argument("--data-dir", default="./ogi-data")
    p.add_argument("--format", choices=("jsonl", "csv", "xlsx", "parquet", "warc"), default="jsonl",
                   help="xlsx: sheet 'reports' (one row each, numbers as numbers) and sheet 'columns' explaining "
                        "every column")
    p.add_argument("--output", "-o",
                   help="file to write (default: standard output; required for xlsx, parquet and warc)")
    p.add_argument("--headers", choices=("keys", "zh"), default="keys",
                   help="csv/xlsx header row: the dotted figure keys (default) or the official Chinese labels "
                        "(table/row/column, see docs/figures.md)")
    p.add_argument("--bom", action=argparse.BooleanOptionalAction, default=None,
                   help="csv: start with a UTF-8 BOM so spreadsheets read the Chinese. Default: a BOM when writing "
                        "a file (-o, or > file), none into a pipe or terminal (scripts); --no-bom / --bom force it")
    p.add_argument("--query", "-q", help="only reports whose text contains this (as in ogi search)")
    p.add_argument("--filter", "-f", action="append", help="only reports matching this filter (as in ogi search)")
    p.add_argument("--documents", action="store_true",
                   help="one row per captured file (page, attachment, image) instead of one per report")
    p.add_argument("--values", choices=("printed", "corrected"), default="printed",
                   help="figures as printed (default), or with reviewers' corrections in their place (columns "
                        "values and corrected say so; reports only)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("agencies", help="the agencies of the archive: id, name, aliases, level, region, years published")
    p.add_argument("--data-dir", default="./ogi-data")
    p.add_argument("--sources", nargs="*", metavar="SOURCE", help="sources file(s) to remember first (regions, aliases)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_agencies)

    p = sub.add_parser("agency", help="one agency year on year: key figures, rates, changes, cross-year checks")
    p.add_argument("agency_id", help="the agency id (ogi agencies), e.g. 411323:人民政府")
    p.add_argument("--data-dir", default="ogi-data")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_agency)

    p = sub.add_parser("rankings", help="agencies of one level and region ranked by a rate or a figure")
    p.add_argument("--by", default="rate_disclosure", help="a rate (rate_disclosure …) or a figure key")
    p.add_argument("--level", help="agency level: province, city, county, township, department")
    p.add_argument("--province")
    p.add_argument("--city")
    p.add_argument("--county")
    p.add_argument("--year", type=int, help="default: the latest year")
    p.add_argument("--order", choices=("desc", "asc"), default="desc")
    p.add_argument("--data-dir", default="ogi-data")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_rankings)

    p = sub.add_parser("rollup", help="per region and year: reports, failures per audit rule, coverage (CSV)")
    p.add_argument("--level", default="city", choices=("province", "city", "county"))
    p.add_argument("--year", type=int)
    p.add_argument("--province")
    p.add_argument("--city")
    p.add_argument("--data-dir", default="ogi-data")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_rollup)

    p = sub.add_parser("audit-pdf", help="printable audit report (PDF) of a report, an agency or a region and year")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--report", metavar="ID", help="one report (its id)")
    which.add_argument("--agency", metavar="ID", help="one agency over its years (its agency id)")
    which.add_argument("--year", type=int, help="every report of a region (--province/--city/--county) for a year")
    p.add_argument("--province")
    p.add_argument("--city")
    p.add_argument("--county")
    p.add_argument("-o", "--output", required=True, help="the PDF (or HTML with --html) to write")
    p.add_argument("--html", action="store_true", help="write the printable HTML instead of a PDF")
    p.add_argument("--data-dir", default="ogi-data")
    p.set_defaults(func=cmd_audit_pdf)

    p = sub.add_parser("sources", help="check sources: does each start page answer, which CMS family is it")
    p.add_argument("action", choices=("check",))
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="sources YAML file(s) or URLs")
    p.add_argument("--timeout", type=float, default=15.0)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sources)

    p = sub.add_parser("demo", help="serve sample portals, harvest them, open the web app (no server needed)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--data-dir", help="a new directory for the demo's data (default: a fresh temporary one)")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("import", help="archive, extract and index files the crawler cannot reach (ogi.importing)")
    p.add_argument("files", nargs="+", metavar="FILE", help="one report's files: its page (HTML) and/or attachments")
    p.add_argument("--data-dir", default="./ogi-data")
    p.add_argument("--url", help="the address the report was published at (else a stable import:sha256:… URI)")
    p.add_argument("--agency", help="the agency the report is of (overrides what extraction finds)")
    p.add_argument("--year", help="the year the report covers (overrides what extraction finds)")
    p.add_argument("--region", help="the agency's region, e.g. 湖南省株洲市攸县 (helps place a township or department)")
    p.add_argument("--by", dest="importer", help="who imports them, recorded as provenance (default: your login name)")
    p.add_argument("--no-index", action="store_true", help="archive and extract only; `ogi index` later")
    p.add_argument("--json", action="store_true", help="what was imported, as one JSON object")
    p.set_defaults(func=lambda args: __import__("ogi.importing", fromlist=["cli"]).cli(args))

    p = sub.add_parser("serve", help="the web app and JSON API")
    p.add_argument("--data-dir", default="./ogi-data")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("index", help="(re-)build the search index from the archive's documents")
    p.add_argument("--data-dir", default="./ogi-data")
    p.add_argument("--changed", action="store_true", help="push only new and changed reports instead of rebuilding")
    p.add_argument("--jobs", type=int, default=1, help="processes to extract reports not yet extracted in (default 1)")
    p.add_argument("--sources", nargs="*", metavar="SOURCE",
                   help="sources file(s) whose regions and agency aliases the catalog should keep")
    p.set_defaults(func=cmd_index)

    filter_help = ('filter, e.g. \'year >= 2022 AND province = 河南省\' or '
                   '\'figures.appeals.review.corrected > 10\'; repeat to AND several')
    p = sub.add_parser("search", help="full-text search with filters and facets")
    p.add_argument("query", nargs="*", metavar="QUERY", help='words (substrings) to find; "quote" a phrase; -word excludes')
    p.add_argument("--data-dir", default="./ogi-data")
    p.add_argument("--filter", "-f", action="append", help=filter_help)
    p.add_argument("--facet", action="append", help="count results by this field (repeat, or comma-separate)")
    p.add_argument("--sort", help="FIELD:asc|desc, e.g. year:desc (default: best match first)")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--json", action="store_true", help='print {"total", "hits", "facets"} as JSON')
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("aggregate", help="sum / count / mean of a figure by region level and year")
    p.add_argument("figure", help="dotted figure key, e.g. requests.new_received.total")
    p.add_argument("query", nargs="*", metavar="QUERY", help="only reports containing these words")
    p.add_argument("--by", action="append", help="group fields (default province,year)")
    p.add_argument("--data-dir", default="./ogi-data")
    p.add_argument("--filter", "-f", action="append", help=filter_help)
    p.add_argument("--json", action="store_true", help="JSON instead of CSV")
    p.add_argument("--values", choices=("printed", "corrected"), default="printed",
                   help="sum the printed figures (default) or the reviewers' corrected ones (the output says which)")
    p.set_defaults(func=cmd_aggregate)
    from ogi.review_cli import add_commands as add_review_commands  # issue 19: ogi users, ogi review

    add_review_commands(sub)
    return parser


# commands that read an archive: a data dir that does not exist is a mistake, not an empty archive
# (`ogi serve` may start on an empty volume before the first harvest, as docker-compose does)
READING_COMMANDS = frozenset({"runs", "coverage", "searches", "alerts", "export", "agencies", "index",
                              "search", "aggregate", "crawl-finalize", "agency", "rankings", "rollup", "audit-pdf"})


def _missing_archive(args: argparse.Namespace) -> str | None:
    data_dir = getattr(args, "data_dir", None)
    reading = args.command in READING_COMMANDS or (args.command == "extract" and data_dir and not args.paths)
    if not reading or not data_dir:
        return None
    from ogi.settings import Settings

    path = Path(data_dir)
    if path.exists() and not path.is_dir():
        return f"--data-dir {data_dir} is a file, not a data directory"
    if Settings.load(data_dir).catalog_url:
        return None  # the catalog is a database elsewhere: the directory may be made as needed
    if not (path / "catalog.sqlite").is_file():
        return (f"no archive at {data_dir} (no catalog.sqlite there): give the --data-dir of a crawl "
                "(`ogi crawl … --data-dir DIR`) or run `ogi demo`")
    return None


def main(argv: Iterable[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv) if argv is not None else None)
    if getattr(args, "by", "unset") is None:
        args.by = ["province,year"]
    from ogi.indexer.backend import IndexOutdated

    problem = _missing_archive(args)
    if problem:
        print(f"ogi {args.command}: {problem}", file=sys.stderr)
        return 2
    try:
        return args.func(args)
    except BrokenPipeError:  # `ogi extract … | head`
        return 0
    except IndexOutdated as exc:
        print(f"ogi {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
