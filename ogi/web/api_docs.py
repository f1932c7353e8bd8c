"""`/docs`: Swagger UI over the app's own OpenAPI, its assets served by the app (no CDN), and
the OpenAPI description of the filter parameters the search, figures and aggregate endpoints
read from the query string."""

from __future__ import annotations

import importlib.resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

# the CSP of /docs: Swagger UI sets inline styles and shows data: images; no inline script
DOCS_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
            "object-src 'none'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'")

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>OGI Archive — API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><p style="margin:1em 2em"><a href="/">← OGI Archive</a> · the JSON API, described by
<a href="/openapi.json">/openapi.json</a></p>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</body></html>
"""


def swagger_dir() -> Path | None:
    """The bundled Swagger UI (package swagger-ui-bundle-v2), or None when it is not installed."""
    try:
        vendor = importlib.resources.files("swagger_ui_bundle") / "vendor"
    except ModuleNotFoundError:
        return None
    found = sorted((Path(str(p)) for p in vendor.iterdir() if p.name.startswith("swagger-ui-")), reverse=True)
    return found[0] if found and (found[0] / "swagger-ui-bundle.js").exists() else None


def register(app: FastAPI) -> None:
    """Add `/docs` (and its assets under `/docs/assets`) to the app."""
    assets = swagger_dir()
    if assets is not None:
        app.mount("/docs/assets", StaticFiles(directory=str(assets)), name="swagger-assets")

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs_page() -> HTMLResponse:
        if assets is None:
            return HTMLResponse("<!doctype html><title>API</title><p>Swagger UI is not installed "
                                "(pip install swagger-ui-bundle-v2); the API is described at "
                                "<a href='/openapi.json'>/openapi.json</a>.", status_code=503)
        response = HTMLResponse(_PAGE)
        response.headers["Content-Security-Policy"] = DOCS_CSP
        return response


def filter_parameters(facet_params: tuple[str, ...]) -> dict[str, Any]:
    """`openapi_extra` for an endpoint that reads the search filters from the query string."""
    from ogi.indexer.fields import REGION_LEVELS

    described = {
        "province": "省 (e.g. 河北省)", "city": "市 (e.g. 株洲市)", "county": "县（区）",
        "township": "乡镇（街道）", "year": "report year (e.g. 2023)",
        "agency_level": "level of the reporting body: " + ", ".join((*REGION_LEVELS, "…")),
        "format": "file format of the best document (html, pdf, docx, doc, image …)",
        "table_format": "table layout: 2019 (old) or 2021 (current)",
        "agency_id": "an agency's id (division code:name, see /agencies)",
        "check": "a failed audit rule (see /rules)",
    }
    params: list[dict[str, Any]] = [
        {"name": name, "in": "query", "required": False, "description": f"equality filter: {described.get(name, name)}",
         "schema": {"type": "integer" if name == "year" else "string"}}
        for name in facet_params]
    params.append({"name": "checks", "in": "query", "required": False,
                   "description": "`failed`: only reports whose 勾稽 identities or error rules fail",
                   "schema": {"type": "string", "enum": ["failed"]}})
    return {"parameters": params}


FILTER_HELP = ("filter expression, repeatable and ANDed: `year >= 2019`, "
               "`figures.requests.new_received.total > 100`, `province = '河北省'`")
