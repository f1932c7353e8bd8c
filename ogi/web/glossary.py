"""The glossary of figure keys in the web app (issue 19): /glossary (a page) and /glossary.md
(the text of docs/figures.md, generated from the code as `python -m ogi.figure_docs` does), so
the app serves it itself, installed or not."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response


def add_glossary(app: FastAPI, templates: Any) -> None:
    from ogi.export_formats import META
    from ogi.figure_docs import TABLE_KEYS, figure_rows, render

    @app.get("/glossary", response_class=HTMLResponse, include_in_schema=False)
    def glossary_page(request: Request) -> HTMLResponse:
        rows = list(figure_rows())
        tables = [(pattern, [r for r in rows if r["key"].split(".")[0] == table])
                  for table, pattern in TABLE_KEYS.items()]
        return templates.TemplateResponse(request, "glossary.html", {"tables": tables, "meta": META})

    @app.get("/glossary.md", tags=["figures"], summary="The glossary of figure keys (docs/figures.md) as Markdown",
             response_class=Response)
    def glossary_markdown() -> Response:
        return Response(render(), media_type="text/markdown; charset=utf-8")


__all__ = ["add_glossary"]
