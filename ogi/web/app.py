"""The web app and JSON API (FastAPI, server-rendered Jinja2 templates, no front-end build).

Pages: search (`/`), report (`/reports/{id}`), its archived copy (`/reports/{id}/archived`
framing `/archive/{sha256}`), version diff, figures (`/figures`). API under `/api`, described
at `/openapi.json`. Public endpoints only read; `/api/admin/*` needs the bearer token of
OGI_ADMIN_TOKEN. Crawled content is untrusted: templates escape every value, archived HTML
is served with a `sandbox` CSP (and framed with an empty `sandbox` attribute) so no script
in it runs in the app's origin, and every response carries strict security headers.
"""

from __future__ import annotations

import io
import json
import logging
import threading
import time
from pathlib import Path
from typing import Any, AsyncIterator, Iterator
from urllib.parse import urlencode, urlsplit, urlunsplit

from fastapi import FastAPI, Query as Q, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.templating import Jinja2Templates
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from ogi.indexer.backend import IndexOutdated, SearchResult, write_aggregate_csv
from ogi.indexer.fields import DEFAULT_FACETS, REGION_LEVELS
from ogi.indexer.hints import unmatched
from ogi.indexer.query import MAX_WINDOW, Query, QueryError, all_of, build_aggregate, build_query, equals, parse_filter, \
    parse_sort, parse_text, whole_number
from ogi.blobstores import BlobCorrupt
from ogi.figure_labels import label, layouts
from ogi.settings import Settings
from ogi.web.api_docs import FILTER_HELP, filter_parameters, register as register_api_docs
from ogi.web.auth import require_admin
from ogi.web.library import Library
from ogi.web.review_pages import VALUES_HELP, corrected_aggregate_rows, review_context, review_json, values_column

HERE = Path(__file__).parent
log = logging.getLogger(__name__)
PAGE_SIZE = 20
# URL parameters of the search page that are equality filters (the facets one can click)
FACET_PARAMS = ("province", "city", "county", "township", "year", "agency_level", "format", "table_format", "agency_id",
                "check", "review", "tag")  # check: a failed audit rule (ogi/audit_rules.py); review, tag: issue 19
APP_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
           "frame-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'")
ARCHIVE_CSP = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'"


def _security_headers(response: Response, csp: str = APP_CSP) -> None:
    response.headers.setdefault("Content-Security-Policy", csp)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"


def _filters_from(request: Request) -> tuple[Any, dict[str, str]]:
    """The equality filters in the URL (validated), plus checks=failed and removed=…"""
    chosen: dict[str, str] = {}
    nodes = []
    for name in FACET_PARAMS:
        value = request.query_params.get(name)
        if value:
            nodes.append(equals(name, value))
            chosen[name] = value
    if request.query_params.get("checks") == "failed":
        nodes.append(equals("checks_ok", "false"))
        chosen["checks"] = "failed"
    for expr in request.query_params.getlist("filter"):
        nodes.append(parse_filter(expr))
    return all_of(*nodes), chosen


def _page_query(request: Request, node: Any, facets: tuple[str, ...]) -> Query:
    page = whole_number(request.query_params.get("page") or 1, "page", low=1, high=MAX_WINDOW // PAGE_SIZE)
    offset = (page - 1) * PAGE_SIZE
    if offset + PAGE_SIZE > MAX_WINDOW:
        raise QueryError(f"page too far (at most {MAX_WINDOW // PAGE_SIZE})")
    return Query(parse_text(request.query_params.get("q")), node, facets,
                 parse_sort(request.query_params.get("sort")), PAGE_SIZE, offset)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.load()
    library = Library(settings)
    app = FastAPI(title="OGI Archive", version="0.1.0", docs_url=None, redoc_url=None,
                  description="Search China's annual open-government-information reports (政府信息公开工作年度报告): "
                              "full text, figures, archived copies.")
    app.state.settings = settings  # ogi.web.auth reads it (who is calling)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(label=label, region_levels=REGION_LEVELS)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    from ogi.web.glossary import add_glossary

    add_glossary(app, templates)  # /glossary and /glossary.md: docs/figures.md, from the code

    @app.middleware("http")
    async def headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        try:
            response = await call_next(request)
        except Exception:  # noqa: BLE001 - an error page is a page: same headers, no traceback
            log.exception("error answering %s", request.url.path)
            response = (JSONResponse({"error": "internal error"}, status_code=500)
                        if request.url.path.startswith("/api/") else
                        HTMLResponse("<!doctype html><title>Error</title><p>Internal error.</p>", status_code=500))
        location = response.headers.get("location")
        if location and "://" in location:  # never echo the request's Host header back in a redirect
            parts = urlsplit(location)
            response.headers["location"] = urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
        _security_headers(response)
        return response

    def url_with(request: Request, **changes: Any) -> str:
        """This page's URL with some parameters set or (None) removed; repeated ones (filter) kept."""
        dropped = set(changes) | ({"page"} if "page" not in changes else set())
        params = [(k, v) for k, v in request.query_params.multi_items() if k not in dropped]
        params += [(k, str(v)) for k, v in changes.items() if v is not None]
        return "/?" + urlencode(params) if params else "/"

    def html_error(request: Request, status: int, message: str) -> HTMLResponse:
        return templates.TemplateResponse(request, "error.html", {"message": message}, status_code=status)

    # --- pages ------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request) -> HTMLResponse:
        facets = ["province", "year", "agency_level", "format", "table_format", "checks_ok", "check", "review", "tag"]
        chosen: dict[str, str] = {}
        try:
            node, chosen = _filters_from(request)
            if chosen.get("province"):
                facets.append("city")
            if chosen.get("city"):
                facets.append("county")
            result = library.backend.search(_page_query(request, node, tuple(facets)))
        except QueryError as exc:
            return templates.TemplateResponse(request, "search.html", _search_context(request, None, chosen, str(exc),
                                                                                      url_with), status_code=400)
        context = _search_context(request, result, chosen, None, url_with)
        context["notes"] = unmatched(library.backend, node) if not result.total else []
        return templates.TemplateResponse(request, "search.html", context)

    @app.get("/reports/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def report_page(request: Request, doc_id: str) -> HTMLResponse:
        view = library.report(doc_id)
        if view is None:
            return html_error(request, 404, "No such report.")
        doc = view.document
        failed: dict[str, list[str]] = {}
        audit_checks = (view.record.get("audit") or {}).get("checks") or []  # ogi.audit: text vs table, cross-year
        for check in [*(doc.get("checks") or []), *(c for c in audit_checks if c.get("severity") == "error")]:
            if check.get("ok") is False:
                for cell in check.get("cells") or [check.get("scope")]:
                    failed.setdefault(cell, []).append(
                        f"{check['rule']} {check['scope']}: {check.get('expected')} ≠ {check.get('actual')}")
        sections = doc.get("sections") or []
        text = doc.get("text") or ""
        cut = text.find(sections[0]["title"]) if sections else -1
        preamble = text[:cut] if cut > 0 else ""  # the opening lines before 一、总体情况
        return templates.TemplateResponse(request, "report.html", {
            "view": view, "doc": doc, "preamble": preamble, "record": view.record, "tables": layouts(doc.get("table_format") or "none"),
            "figures": doc.get("figures") or {}, "failed": failed, **review_context(settings, view)})

    @app.get("/reports/{doc_id}/archived", response_class=HTMLResponse, include_in_schema=False)
    def archived_page(request: Request, doc_id: str, sha256: str | None = None) -> HTMLResponse:
        view = library.report(doc_id)
        if view is None:
            return html_error(request, 404, "No such report.")
        digest = sha256 or str(view.record["sha256"])
        archived = library.archived(digest)
        if archived is None or digest not in library.known_digests(view):
            return html_error(request, 404, "No such archived version.")
        return templates.TemplateResponse(request, "archived.html", {"view": view, "archived": archived})

    @app.get("/archive/{digest}", include_in_schema=False)
    def archive_bytes(digest: str) -> Response:
        archived = library.archived(digest)
        if archived is None:
            raise HTTPException(404, "unknown digest")
        media = archived.content_type or "application/octet-stream"
        response = Response(archived.body, media_type=media)
        response.headers["Content-Security-Policy"] = ARCHIVE_CSP  # sandboxed: no script, opaque origin
        name = archived.url.rstrip("/").rsplit("/", 1)[-1].split("?")[0] or "archived"
        response.headers["Content-Disposition"] = f"inline; filename*=UTF-8''{_quote(name)}"
        response.headers["X-OGI-Captured-At"] = archived.fetched_at
        response.headers["X-OGI-Original-URL"] = _quote(archived.url, safe=":/?&=%#")
        return response

    @app.get("/reports/{doc_id}/diff", response_class=HTMLResponse, include_in_schema=False)
    def diff_page(request: Request, doc_id: str, old: str, new: str) -> HTMLResponse:
        lines = library.diff(doc_id, old, new)
        view = library.report(doc_id)
        if lines is None or view is None:
            return html_error(request, 404, "No such versions.")
        return templates.TemplateResponse(request, "diff.html", {"view": view, "lines": lines, "old": old, "new": new})

    @app.get("/figures", response_class=HTMLResponse, include_in_schema=False)
    def figures_page(request: Request, figure: str = "requests.new_received.total", level: str = "province",
                     q: str = "", values: str = "printed") -> HTMLResponse:
        try:
            if level not in REGION_LEVELS:
                raise QueryError(f"level must be one of {', '.join(REGION_LEVELS)}")
            node, chosen = _filters_from(request)
            query = Query(parse_text(q), node)
            if values not in ("printed", "corrected"):
                raise QueryError("values must be printed or corrected")
            by_region = library.backend.aggregate(agg_region := build_aggregate(figure, [level], query))
            by_year = library.backend.aggregate(agg_year := build_aggregate(figure, ["year"], query))
            if values == "corrected":  # issue 19: reviewers' corrections in place of the printed values
                by_region = corrected_aggregate_rows(settings, library.backend, agg_region, by_region)
                by_year = corrected_aggregate_rows(settings, library.backend, agg_year, by_year)
        except QueryError as exc:
            return html_error(request, 400, str(exc))
        from ogi.figure_keys import union_keys

        peak = max([r.sum for r in by_year] + [0]) or 1
        params = {k: v for k, v in request.query_params.multi_items()}
        return templates.TemplateResponse(request, "figures.html", {
            "figure": figure.removeprefix("figures."), "level": level, "q": q, "chosen": chosen, "values": values,
            "by_region": by_region, "by_year": by_year, "peak": peak, "keys": union_keys(),
            "notes": unmatched(library.backend, node) if not by_year else [],
            "csv_url": "/api/aggregate?" + urlencode({**params, "by": f"{level},year", "output": "csv"}),
            "json_url": "/api/aggregate?" + urlencode({**params, "by": f"{level},year", "output": "json"}),
            "reports_csv": "/api/figures?" + urlencode({**{k: v for k, v in params.items()
                                                          if k not in ("figure", "level")}, "output": "csv"}),
            "reports_xlsx": "/api/figures?" + urlencode({**{k: v for k, v in params.items()
                                                           if k not in ("figure", "level")}, "output": "xlsx"})})

    def _coverage(year: int) -> list[Any]:
        from ogi.crawler.sources import Source, load_sources
        from ogi.archive import Archive
        from ogi.scheduler.coverage import coverage

        with Archive.open(settings) as archive:
            if settings.sources_file:
                sources = load_sources([settings.sources_file])
            else:  # no sources file: every source in the catalog, expected = agencies of earlier years
                names = [r[0] for r in archive.db.execute("SELECT DISTINCT source FROM reports ORDER BY source")]
                sources = [Source(name=n, start_urls=()) for n in names]
            return coverage(archive, sources, year)

    def _default_year() -> int:
        """The latest year that has reports in the index (last calendar year when it is empty)."""
        import datetime as dt

        facet = library.backend.search(Query(facets=("year",), limit=0)).facets.get("year") or {}
        years = [int(y) for y, n in facet.items() if n and str(y).isdigit()]
        return max(years) if years else dt.date.today().year - 1

    @app.get("/coverage", response_class=HTMLResponse, include_in_schema=False)
    def coverage_page(request: Request, year: str | None = None) -> HTMLResponse:
        try:  # a bad year is a page saying so, not the API's JSON
            chosen = whole_number(year, "year", low=2007, high=2100) if year else _default_year()
        except QueryError as exc:
            return html_error(request, 400, f"{exc} (for example /coverage?year=2023)")
        year = chosen  # type: ignore[assignment]
        from ogi.archive import Archive
        from ogi.runs import list_runs

        with Archive.open(settings) as archive:
            runs = list_runs(archive.db, limit=20)
        return templates.TemplateResponse(request, "coverage.html",
                                          {"year": year, "coverage": _coverage(year), "runs": runs})

    @app.get("/alerts", response_class=HTMLResponse, include_in_schema=False)
    def alerts_page(request: Request, search: str | None = None) -> HTMLResponse:
        from ogi.scheduler.alerts import alerts, saved_searches

        return templates.TemplateResponse(request, "alerts.html", {
            "feed": alerts(settings, search, 200), "searches": saved_searches(settings), "search": search})

    # --- API --------------------------------------------------------------------------

    @app.get("/api/coverage", tags=["harvest"], summary="Who has not published for a year, who was late, what changed")
    def api_coverage(year: int = Q(..., ge=2007, le=2100)) -> dict[str, Any]:
        return {"year": year, "sources": [c.to_json() for c in _coverage(year)]}

    @app.get("/api/runs", tags=["harvest"], summary="Crawl run history, newest first")
    def api_runs(source: str | None = None, limit: int = Q(50, ge=1, le=1000)) -> list[dict[str, Any]]:
        from ogi.archive import Archive
        from ogi.runs import list_runs

        with Archive.open(settings) as archive:
            return [r.to_json() for r in list_runs(archive.db, source=source, limit=limit)]

    @app.get("/api/alerts", tags=["harvest"], summary="New or changed reports matching saved searches")
    def api_alerts(search: str | None = None, limit: int = Q(100, ge=1, le=1000)) -> list[dict[str, Any]]:
        from ogi.scheduler.alerts import alerts

        return alerts(settings, search, limit)

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=400)

    @app.exception_handler(IndexOutdated)
    async def index_outdated(request: Request, exc: IndexOutdated) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=503)

    @app.exception_handler(BlobCorrupt)
    async def blob_corrupt(request: Request, exc: BlobCorrupt) -> Response:
        message = ("The archived copy is damaged on this server (its bytes no longer match their digest); "
                   "the next crawl fetches it again to repair it.")
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=503)
        return html_error(request, 503, message)

    @app.get("/api/search", tags=["search"], summary="Full-text search with filters and facets",
             openapi_extra=filter_parameters(FACET_PARAMS))
    def api_search(request: Request, q: str = "", filter: list[str] = Q(default=[], description=FILTER_HELP),  # noqa: A002
                   facet: list[str] = Q(default=[]), sort: str | None = None,
                   limit: int = Q(20, ge=0, le=1000), offset: int = Q(0, ge=0)) -> dict[str, Any]:
        """Same shape as `ogi search --json`: `{"total", "hits": [...], "facets": {field: {value: count}}}`.
        Equality parameters (province, city, county, year, agency_level, format, table_format, checks=failed)
        are ANDed with the `filter` expressions."""
        node, _ = _filters_from(request)
        query = build_query(q, None, facet or list(DEFAULT_FACETS), sort, limit, offset)
        query = Query(query.text, node, query.facets, query.sort, query.limit, query.offset)
        body = library.backend.search(query).to_json()
        if not body["total"] and (notes := unmatched(library.backend, query.filter)):
            body["notes"] = notes  # a typed value no report has, with close ones
        return body

    @app.get("/api/reports/{doc_id}", tags=["reports"], summary="One report: document, versions, other years")
    def api_report(doc_id: str) -> dict[str, Any]:
        view = library.report(doc_id)
        if view is None:
            raise HTTPException(404, "no such report")
        return {"document": view.document, "removed_at": view.removed_at, "review": review_json(settings, doc_id),
                "archived_url": f"/archive/{view.record['sha256']}",
                "versions": [v.__dict__ for v in view.versions],
                "other_years": [{"id": r["id"], "year": r.get("year"), "title": r.get("title")}
                                for r in view.other_years],
                "documents": [{**d.ref, "archived_url": f"/archive/{d.ref['sha256']}",
                               "versions": [v.__dict__ for v in d.versions]} for d in view.documents]}

    @app.get("/api/figures", tags=["figures"], summary="Figures of every matching report (CSV or JSON)",
             openapi_extra=filter_parameters(FACET_PARAMS))
    def api_figures(request: Request, q: str = "", output: str = Q("csv", pattern="^(csv|json|xlsx)$",
                                                                 description="csv (UTF-8 with a BOM), json, or xlsx "
                                                                 "(sheets reports and columns)"),
                    headers: str = Q("keys", pattern="^(keys|zh)$", description="csv/xlsx header row: the figure "
                                     "keys, or zh: the official Chinese labels (see /glossary)"),
                    filter: list[str] = Q(default=[], description=FILTER_HELP),  # noqa: A002
                    values: str = Q("printed", pattern="^(printed|corrected)$", description=VALUES_HELP)) -> Response:
        """Streamed, a few hundred rows at a time; stopped when the client goes away or after
        EXPORT_SECONDS; at most EXPORTS_AT_ONCE at a time (others: 503 with Retry-After)."""
        node, _ = _filters_from(request)
        if not _EXPORTS.acquire(blocking=False):
            return JSONResponse({"error": f"{EXPORTS_AT_ONCE} exports are running: retry in a little while"},
                                status_code=503, headers={"Retry-After": "15"})
        try:
            from ogi.pipeline import report_order

            ids = report_order(library.backend, Query(parse_text(q), node))  # ids only; rows are read per chunk
        except BaseException:
            _EXPORTS.release()
            raise
        chunks = _figure_chunks(settings, library.backend, ids, output, headers, values)
        from ogi.export_formats import XLSX_MEDIA

        media = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX_MEDIA}.get(output, "application/json")
        response = StreamingResponse(_bounded(chunks, time.monotonic() + EXPORT_SECONDS), media_type=media)
        if output != "json":
            response.headers["Content-Disposition"] = f'attachment; filename="ogi-figures.{output}"'
        response.headers["X-OGI-Values"] = values  # printed or corrected (issue 19), whatever the format
        return response

    @app.get("/api/aggregate", tags=["figures"], summary="Sum / count / mean of a figure by region level and year",
             openapi_extra=filter_parameters(FACET_PARAMS))
    def api_aggregate(request: Request, figure: str = Q(..., description="a figure key, e.g. requests.new_received.total"),
                      by: str = Q("province,year", description="group by: region levels and/or year, comma-separated"),
                      q: str = "", output: str = Q("json", pattern="^(csv|json)$"),
                      filter: list[str] = Q(default=[], description=FILTER_HELP),  # noqa: A002
                      values: str = Q("printed", pattern="^(printed|corrected)$", description=VALUES_HELP)) -> Response:
        node, _ = _filters_from(request)
        agg = build_aggregate(figure, [by], Query(parse_text(q), node))
        rows = library.backend.aggregate(agg)
        if values == "corrected":  # issue 19: reviewers' corrections in place of the printed values
            rows = corrected_aggregate_rows(settings, library.backend, agg, rows)
        if output == "json":
            body = {"figure": agg.field, "values": values, "label": label(agg.field.removeprefix("figures.")),
                    "group_by": list(agg.group_by), "rows": [r.to_json() for r in rows]}
            if not rows and (notes := unmatched(library.backend, node)):
                body["notes"] = notes
            return JSONResponse(body, headers={"X-OGI-Values": values})
        out = io.StringIO()
        write_aggregate_csv(rows, agg.group_by, out)
        text = out.getvalue() if values == "printed" else values_column(out.getvalue(), values)
        response = _download(text, f"ogi-{agg.field.removeprefix('figures.')}{'' if values == 'printed' else '-corrected'}.csv")
        response.headers["X-OGI-Values"] = values  # printed or corrected (issue 19)
        return response

    def require_token(request: Request) -> None:
        """OGI_ADMIN_TOKEN or an admin's own token (`ogi users add NAME --role admin`)."""
        require_admin(request)

    jobs: dict[str, threading.Thread] = {}

    def start_job(name: str, target: Any) -> JSONResponse:
        running = jobs.get(name)
        if running is not None and running.is_alive():
            return JSONResponse({"status": "already running", "job": name}, status_code=409)
        jobs[name] = threading.Thread(target=target, name=f"ogi-{name}", daemon=True)
        jobs[name].start()
        return JSONResponse({"status": "started", "job": name}, status_code=202)

    @app.post("/api/admin/reindex", tags=["admin"], summary="Rebuild the index from the archive (token)")
    def api_reindex(request: Request) -> JSONResponse:
        require_token(request)
        from ogi.indexer.service import index_archive

        return start_job("reindex", lambda: index_archive(settings, full=True))

    @app.post("/api/admin/crawl", tags=["admin"], summary="Harvest one source now (token)")
    def api_crawl(request: Request, source: str) -> JSONResponse:
        require_token(request)
        from ogi.crawler.sources import load_sources
        from ogi.scheduler.service import run_now

        if not settings.sources_file:
            raise HTTPException(409, "no sources file configured (OGI_SOURCES)")
        chosen = [s for s in load_sources([settings.sources_file]) if s.name == source]
        if not chosen:
            raise HTTPException(404, f"no source named {source!r}")
        return start_job(f"crawl:{source}", lambda: run_now(settings, chosen[0]))

    register_api_docs(app)
    from ogi.web.audit_pages import register as register_audit  # issue 18: agencies, rankings, regions, audit

    register_audit(app, templates, library, settings)
    from ogi.web import feeds, saved_pages  # issue 19: Atom feed per saved search; saved searches for reviewers

    app.include_router(feeds.router(settings, library))
    saved_pages.register(app, templates, settings)
    from ogi.web import review_pages  # issue 19: verdicts, corrections, tags, notes; users

    review_pages.register(app, templates, library, settings)
    from ogi.web import import_pages  # issue 19: reviewers import files the crawler cannot reach

    import_pages.register(app, templates, settings)
    return app


def _search_context(request: Request, result: SearchResult | None, chosen: dict[str, str], error: str | None,
                    url_with: Any) -> dict[str, Any]:
    try:
        page = whole_number(request.query_params.get("page") or 1, "page", low=1, high=MAX_WINDOW // PAGE_SIZE)
    except QueryError:
        page = 1
    total = result.total if result else 0
    pages = min((total + PAGE_SIZE - 1) // PAGE_SIZE, MAX_WINDOW // PAGE_SIZE)
    return {"q": request.query_params.get("q", ""), "result": result, "chosen": chosen, "error": error,
            "page": page, "pages": pages, "url_with": lambda **kw: url_with(request, **kw),
            "facet_titles": {"province": "省", "city": "市", "county": "县（区）", "year": "年度",
                             "agency_level": "机关层级", "format": "格式", "table_format": "表格式",
                             "checks_ok": "勾稽检查", "check": "未通过的审计规则 failed rule",
                             "review": "审核 review", "tag": "标签 tag"},
            "sort": request.query_params.get("sort", "")}


EXPORTS_AT_ONCE = 2  # figure exports running at one time: each reads every matching report
EXPORT_SECONDS = 300  # an export still running after this is cut (and says so)
_EXPORTS = threading.BoundedSemaphore(EXPORTS_AT_ONCE)
_ROWS_PER_CHUNK = 500


def _figure_chunks(settings: Settings, backend: Any, ids: list[str], output: str,
                   headers: str = "keys", values: str = "printed") -> Iterator[str | bytes]:
    """The export as text chunks: CSV (with a BOM for spreadsheets) or one JSON object; or, for
    XLSX, the workbook's bytes once written (`export_formats.xlsx_chunks`, write-only). Reports
    are read a chunk at a time from the index and the catalog (`pipeline.indexed_reports`): the
    memory an export takes does not grow with the archive."""
    from ogi.archive import Archive
    from ogi.export_formats import csv_chunks, xlsx_chunks
    from ogi.pipeline import csv_table, indexed_reports, table_rows

    with Archive.open(settings) as archive:
        reports = indexed_reports(archive, backend, ids)
        if output == "xlsx":
            yield from xlsx_chunks(csv_table(archive, records=reports, values=values), headers=headers,
                                   deadline=time.monotonic() + EXPORT_SECONDS)
            return
        if output == "csv":
            yield from csv_chunks(csv_table(archive, records=reports, values=values), bom=True, headers=headers,
                                  rows_per_chunk=_ROWS_PER_CHUNK)
            return
        rows = table_rows(archive, records=reports, values=values)
        yield f'{{"values": "{values}", "rows": ['
        total = 0
        for row in rows:
            yield ("," if total else "") + json.dumps(row, ensure_ascii=False)
            total += 1
        yield f'], "total": {total}}}'


async def _bounded(chunks: Iterator[str | bytes], deadline: float) -> AsyncIterator[str | bytes]:
    """Chunks produced in a worker thread; the export stops (and frees its slot) when the client
    disconnects — Starlette cancels the stream — or at the deadline."""
    from starlette.concurrency import iterate_in_threadpool

    try:
        async for chunk in iterate_in_threadpool(chunks):
            yield chunk
            if time.monotonic() > deadline:
                if isinstance(chunk, str):  # an XLSX is sent once written: never cut half-way
                    yield "\n# cut: the export ran past its time limit; narrow the filter\n"
                    break
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()
        _EXPORTS.release()


def _download(text: str, filename: str) -> Response:
    response = Response(text.encode("utf-8-sig"), media_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _quote(text: str, safe: str = "") -> str:
    from urllib.parse import quote

    return quote(text, safe=safe)


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """`ogi serve`: the app under uvicorn."""
    import uvicorn

    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


__all__ = ["create_app", "serve"]
