"""Issue 18's pages and API routes, registered on the app by `register` (kept out of app.py):
the rules (/rules), one agency year on year (/agencies/{id}), rankings (/rankings), the region
roll-up (/regions, CSV) and the printable audit reports (/audit/…, PDF with ?format=pdf, a ZIP of
a region's report PDFs). Every page reads `ogi.audit_views`, as the CLI does."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Query as Q, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from ogi.indexer.fields import RATE_FIELDS
from ogi.indexer.query import Query, QueryError, all_of, equals
from ogi import audit_views as views
from ogi.audit_rules import MIN_PEERS, RULES
from ogi.figure_keys import union_keys

PRINT_CSS = Path(__file__).parent / "static" / "print.css"
TEMPLATES = Path(__file__).parent / "templates"


def report_context(library: Any, doc_id: str) -> dict[str, Any] | None:
    """What the printable audit report of one report shows: its failed checks (the spec's and the
    audit's) with their evidence, rates, reuse, and the archived copy's citation."""
    view = library.report(doc_id)
    if view is None:
        return None
    doc = view.document
    spec = [{**c, "severity": "error", "evidence": None} for c in doc.get("checks") or () if c.get("ok") is False]
    audit = view.record.get("audit") or {}
    failed = spec + [c for c in audit.get("checks") or () if c.get("ok") is False]
    from ogi.web.review_pages import review_json  # issue 19: what reviewers said, beside each check

    review = review_json(library.settings, str(view.record["id"]))
    verdicts = {v["target"]: v for v in review["verdicts"]}
    failed = [{**c, "review": verdicts.get(f"check:{c.get('rule')}:{c.get('scope')}")} for c in failed]
    return {"kind": "report", "title": doc.get("title") or doc_id,
            "reports": [{"record": view.record, "doc": doc, "failed": failed, "audit": audit, "review": review}]}


def agency_context(library: Any, agency_id: str) -> dict[str, Any] | None:
    view = views.agency_view(library.backend, agency_id)
    if view is None:
        return None
    reports = [c["reports"][0] for c in (report_context(library, y["id"]) for y in view["years"]) if c]
    return {"kind": "agency", "title": f"{view['agency']} · {agency_id}", "agency": view, "reports": reports}


def region_ids(library: Any, year: str | int | None, province: str | None = None, city: str | None = None,
               county: str | None = None) -> tuple[str, list[str]]:
    """(title, report ids) of one region and year, by agency name."""
    if not year or not str(year).isdigit():
        raise QueryError("year is required (a number)")
    named = [(k, v) for k, v in (("province", province), ("city", city), ("county", county)) if v]
    if not named:
        raise QueryError("name a region: province, city or county")
    node = all_of(*(equals(k, v) for k, v in named), equals("year", str(year)))
    ids = [str(r["id"]) for r in sorted(library.backend.iter_records(Query(filter=node), ["id", "agency"]),
                                        key=lambda r: str(r.get("agency")))]
    return f"{' '.join(v for _, v in named)} {year}", ids


def region_context(library: Any, title: str, ids: list[str]) -> dict[str, Any]:
    reports = [c["reports"][0] for c in (report_context(library, i) for i in ids) if c]
    return {"kind": "region", "title": title, "reports": reports}


def print_environment() -> Any:
    """The Jinja2 environment of the printable pages outside the web app (the CLI)."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))
    env.globals.update(rule_title=views.rule_title, rate_title=views.rate_title, rule_list=lambda: RULES)
    return env


def render_print(env: Any, context: dict[str, Any]) -> str:
    """A printable page, self-contained (its CSS inline), as headless Chromium prints it."""
    return env.get_template("audit_print.html").render({**context, "inline_css": PRINT_CSS.read_text()})


def register(app: FastAPI, templates: Any, library: Any, settings: Any) -> None:
    templates.env.globals.update(rule_title=views.rule_title, rate_title=views.rate_title, rule_list=lambda: RULES)

    def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=status)

    def error(request: Request, status: int, message: str) -> HTMLResponse:
        return page(request, "error.html", {"message": message}, status)

    # --- rules ------------------------------------------------------------------------------------

    @app.get("/rules", response_class=HTMLResponse, include_in_schema=False)
    def rules_page(request: Request) -> HTMLResponse:
        return page(request, "rules.html", {"rules": RULES, "min_peers": MIN_PEERS})

    @app.get("/api/rules", tags=["audit"], summary="Every audit rule: name, what it checks, severity")
    def api_rules() -> list[dict[str, Any]]:
        return [r.__dict__ for r in RULES]

    # --- one agency year on year -----------------------------------------------------------------------

    @app.get("/agencies/{agency_id}", response_class=HTMLResponse, include_in_schema=False)
    def agency_page(request: Request, agency_id: str) -> HTMLResponse:
        view = views.agency_view(library.backend, agency_id)
        if view is None:
            return error(request, 404, "No such agency.")
        return page(request, "agency.html", {"a": view})

    @app.get("/api/agencies/{agency_id}", tags=["audit"],
             summary="One agency year on year: key figures, rates, changes, cross-year checks")
    def api_agency(agency_id: str) -> dict[str, Any]:
        view = views.agency_view(library.backend, agency_id)
        if view is None:
            raise HTTPException(404, "no such agency")
        return view

    # --- rankings ----------------------------------------------------------------------------------------

    def _rankings(request: Request) -> dict[str, Any]:
        p = request.query_params
        year = p.get("year")
        if year and not year.isdigit():
            raise QueryError("year must be a number")
        return views.rankings(library.backend, p.get("by") or "rate_disclosure", level=p.get("level") or None,
                              province=p.get("province") or None, city=p.get("city") or None,
                              county=p.get("county") or None, year=int(year) if year else None,
                              order=p.get("order") or "desc")

    @app.get("/rankings", response_class=HTMLResponse, include_in_schema=False)
    def rankings_page(request: Request) -> HTMLResponse:
        try:
            result = _rankings(request)
        except QueryError as exc:
            return error(request, 400, str(exc))
        return page(request, "rankings.html", {"r": result, "rates": RATE_FIELDS, "keys": union_keys(),
                                               "params": dict(request.query_params)})

    @app.get("/api/rankings", tags=["audit"], summary="Agencies of one level and region ranked by a rate or figure")
    def api_rankings(request: Request, by: str = "rate_disclosure", level: str | None = None,
                     province: str | None = None, city: str | None = None, county: str | None = None,
                     year: int | None = Q(None, ge=2007, le=2100), order: str = "desc") -> dict[str, Any]:
        return _rankings(request)

    # --- region roll-up --------------------------------------------------------------------------------------

    def _rollup(request: Request) -> tuple[list[dict[str, Any]], str, int | None]:
        p = request.query_params
        year = p.get("year")
        if year and not year.isdigit():
            raise QueryError("year must be a number")
        level = p.get("level") or "city"
        return (views.rollup(library.backend, level, year=int(year) if year else None,
                             province=p.get("province") or None, city=p.get("city") or None), level,
                int(year) if year else None)

    @app.get("/regions", response_class=HTMLResponse, include_in_schema=False)
    def regions_page(request: Request) -> HTMLResponse:
        try:
            rows, level, year = _rollup(request)
        except QueryError as exc:
            return error(request, 400, str(exc))
        params = {k: v for k, v in request.query_params.items()}
        return page(request, "regions.html", {"rows": rows, "level": level, "year": year, "rules": RULES,
                                              "csv_url": "/api/regions?" + urlencode({**params, "output": "csv"})})

    @app.get("/api/regions", tags=["audit"], summary="Per region and year: reports, failures per rule, coverage")
    def api_regions(request: Request, level: str = "city", year: int | None = Q(None, ge=2007, le=2100),
                    province: str | None = None, city: str | None = None,
                    output: str = Q("json", pattern="^(csv|json)$")) -> Response:
        rows, _, _ = _rollup(request)
        if output == "json":
            return JSONResponse({"level": level, "year": year, "rows": rows})
        response = Response(views.rollup_csv(rows).encode("utf-8-sig"), media_type="text/csv; charset=utf-8")
        response.headers["Content-Disposition"] = 'attachment; filename="ogi-regions.csv"'
        return response

    # --- printable audit reports ---------------------------------------------------------------------------

    def _print(request: Request, context: dict[str, Any], filename: str, as_pdf: bool) -> Response:
        if not as_pdf:
            return page(request, "audit_print.html", {**context, "inline_css": None})
        from ogi import audit_pdf

        reason = audit_pdf.available()
        if reason:
            return JSONResponse({"error": reason}, status_code=503)
        pdf = audit_pdf.html_to_pdf([render_print(templates.env, context)])[0]
        return Response(pdf, media_type="application/pdf",
                        headers={"Content-Disposition": f"inline; filename*=UTF-8''{quote(filename)}"})

    @app.get("/audit/reports/{doc_id}", include_in_schema=False)
    def audit_report(request: Request, doc_id: str, format: str = "html") -> Response:  # noqa: A002
        context = report_context(library, doc_id)
        if context is None:
            return error(request, 404, "No such report.")
        return _print(request, context, f"audit-{doc_id}.pdf", format == "pdf")

    @app.get("/audit/agencies/{agency_id}", include_in_schema=False)
    def audit_agency(request: Request, agency_id: str, format: str = "html") -> Response:  # noqa: A002
        context = agency_context(library, agency_id)
        if context is None:
            return error(request, 404, "No such agency.")
        return _print(request, context, f"audit-agency-{agency_id}.pdf", format == "pdf")

    def _region_ids(request: Request) -> tuple[str, list[str]]:
        p = request.query_params
        return region_ids(library, p.get("year"), p.get("province"), p.get("city"), p.get("county"))

    @app.get("/audit/regions", include_in_schema=False)
    def audit_region(request: Request, format: str = "html") -> Response:  # noqa: A002
        try:
            title, ids = _region_ids(request)
        except QueryError as exc:
            return error(request, 400, str(exc))
        return _print(request, region_context(library, title, ids), "audit-region.pdf", format == "pdf")

    @app.get("/audit/regions.zip", include_in_schema=False)
    def audit_region_zip(request: Request) -> Response:
        """Batch: one PDF per report of the region and year, in a ZIP."""
        from ogi import audit_pdf

        try:
            _, ids = _region_ids(request)
        except QueryError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        reason = audit_pdf.available()
        if reason:
            return JSONResponse({"error": reason}, status_code=503)
        contexts = [(i, c) for i, c in ((i, report_context(library, i)) for i in ids) if c]
        pages = [render_print(templates.env, c) for _, c in contexts]
        pdfs = audit_pdf.html_to_pdf(pages)
        data = audit_pdf.zip_pdfs((f"audit-{i}.pdf", pdf) for (i, _), pdf in zip(contexts, pdfs))
        return Response(data, media_type="application/zip",
                        headers={"Content-Disposition": 'attachment; filename="ogi-audit-region.zip"'})
