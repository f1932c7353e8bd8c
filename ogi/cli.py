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
        return _extract_archive(args.data_dir, force=args.force)
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


def _extract_archive(data_dir: str, *, force: bool = False) -> int:
    from ogi.archive import Archive
    from ogi.pipeline import extract_archive

    with Archive(data_dir) as archive:
        summary = extract_archive(archive, force=force)
    print(f"extracted {summary.extracted}, unchanged {summary.unchanged}, failed {summary.failed}")
    for error in summary.errors[:20]:
        print(f"  {error}")
    return 0


def cmd_crawl(args: argparse.Namespace) -> int:
    from crawler.run import run_crawl
    from crawler.sources import SourceError, load_sources

    try:
        sources = load_sources(args.sources)
    except SourceError as exc:
        print(f"ogi crawl: {exc}", file=sys.stderr)
        return 2
    stats = run_crawl(sources, args.data_dir)
    for st in stats:
        print(f"{st.source}: {st.pages} pages, {st.not_modified} not modified, reports {st.reports_found} found / "
              f"{st.reports_new} new / {st.reports_changed} changed / {st.reports_removed} removed, {st.failed} failed")
        for error in st.errors[:10]:
            print(f"  error: {error}")
    code = _extract_archive(args.data_dir)
    if code == 0:
        code = _index(args.data_dir, full=False)
    return 1 if any(st.failed for st in stats) else code


def _index(data_dir: str, *, full: bool) -> int:
    from indexer.service import index_archive
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
    code = _extract_archive(args.data_dir)
    return code or _index(args.data_dir, full=not args.changed)


def _query_error(command: str, exc: Exception) -> int:
    print(f"ogi {command}: {exc}", file=sys.stderr)
    return 2


def cmd_search(args: argparse.Namespace) -> int:
    from indexer.query import QueryError
    from indexer.service import search
    from indexer.textmatch import snippet_plain
    from ogi.settings import Settings

    settings = Settings.load(args.data_dir)
    from indexer.fields import DEFAULT_FACETS

    facets = args.facet if args.facet is not None else list(DEFAULT_FACETS)
    try:
        result = search(settings, " ".join(args.query), args.filter, facets, args.sort, args.limit, args.offset)
    except QueryError as exc:
        return _query_error("search", exc)
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
    for name, counts in result.facets.items():
        shown = " · ".join(f"{k} {v}" for k, v in list(counts.items())[:12])
        print(f"  {name}: {shown or '—'}")
    return 0


def cmd_aggregate(args: argparse.Namespace) -> int:
    import csv

    from indexer import open_backend
    from indexer.query import QueryError, build_aggregate, build_query
    from ogi.settings import Settings

    settings = Settings.load(args.data_dir)
    try:
        agg = build_aggregate(args.figure, args.by, build_query(" ".join(args.query), args.filter, limit=0))
    except QueryError as exc:
        return _query_error("aggregate", exc)
    rows = [row.to_json() for row in open_backend(settings, public=True).aggregate(agg)]
    if args.json:
        print(json.dumps({"figure": agg.field, "group_by": list(agg.group_by), "rows": rows}, ensure_ascii=False))
        return 0
    writer = csv.writer(sys.stdout)
    columns = list(agg.group_by) + ["reports", "count", "sum", "mean"]
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row[c] is None else row[c] for c in columns])
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from ogi.archive import Archive
    from ogi.pipeline import export_documents, export_parquet

    ids = None
    if args.query or args.filter:
        from indexer.query import QueryError
        from indexer.service import matching_ids
        from ogi.settings import Settings

        try:
            ids = matching_ids(Settings.load(args.data_dir), args.query, args.filter)
        except QueryError as exc:
            return _query_error("export", exc)
    with Archive(args.data_dir) as archive:
        if args.format == "parquet":
            if not args.output:
                print("ogi export: --format parquet needs --output FILE", file=sys.stderr)
                return 2
            count = export_parquet(archive, args.output, ids)
            print(f"{count} reports written to {args.output}", file=sys.stderr)
            return 0
        if args.format == "warc":
            from ogi.warc_export import export_warc

            if not args.output:
                print("ogi export: --format warc needs --output FILE", file=sys.stderr)
                return 2
            count = export_warc(archive, args.output)
            print(f"{count} captures written to {args.output}", file=sys.stderr)
            return 0
        out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
        try:
            export_documents(archive, args.format, out, ids)
        finally:
            if args.output:
                out.close()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ogi", description="OGI Archive: annual open-government-information reports")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="extract structured documents from captured files (HTML, text)")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (read recursively)")
    p.add_argument("--data-dir", help="without PATHs: extract every archived report not yet extracted")
    p.add_argument("--force", action="store_true", help="with --data-dir: extract everything again")
    p.add_argument("--url", help="URL of the page where the (single) file was found")
    p.add_argument("--region", help="configured region of the source, e.g. 江西省赣州市 (helps resolve townships)")
    p.add_argument("--json", action="store_true", help="one JSON document per input (JSON Lines), in input order")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("crawl", help="find, archive and extract reports of some sources")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="a sources YAML file or a bare URL")
    p.add_argument("--data-dir", default="./ogi-data")
    p.set_defaults(func=cmd_crawl)

    p = sub.add_parser("export", help="write the archived reports' documents")
    p.add_argument("--data-dir", default="./ogi-data")
    p.add_argument("--format", choices=("jsonl", "csv", "parquet", "warc"), default="jsonl")
    p.add_argument("--output", "-o", help="file to write (default: standard output; required for parquet and warc)")
    p.add_argument("--query", "-q", help="only reports whose text contains this (as in ogi search)")
    p.add_argument("--filter", "-f", action="append", help="only reports matching this filter (as in ogi search)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("index", help="(re-)build the search index from the archive's documents")
    p.add_argument("--data-dir", default="./ogi-data")
    p.add_argument("--changed", action="store_true", help="push only new and changed reports instead of rebuilding")
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
    p.set_defaults(func=cmd_aggregate)
    return parser


def main(argv: Iterable[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv) if argv is not None else None)
    if getattr(args, "by", "unset") is None:
        args.by = ["province,year"]
    try:
        return args.func(args)
    except BrokenPipeError:  # `ogi extract … | head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
