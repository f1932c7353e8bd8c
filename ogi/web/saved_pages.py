"""Saved searches managed in the web app (issue 19): a public list with each search's Atom feed,
and for reviewers create / edit / delete with webhook and email recipients.

API: `GET /api/searches` (public fields; a reviewer's bearer token adds webhook and recipients),
`GET /api/searches/{name}`, `PUT /api/searches/{name}` and `DELETE /api/searches/{name}`
(reviewer, `ogi.web.auth.require_reviewer`).

Pages: `/searches` lists them (prefilled from a search page's URL: "save as alert"); a reviewer
types their token into the page's forms. The token travels in the form body, never in a cookie
or URL, so another site cannot forge a request (no CSRF), and the answers are not cached.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from ogi.indexer.query import QueryError
from ogi.scheduler import alerts
from ogi.settings import Settings
from ogi.web.auth import Caller, caller_for, optional_caller, require_reviewer

MAX_FORM_BYTES = 64_000


class SavedSearchIn(BaseModel):
    query: str = Field("", max_length=1000, description="full-text query, as `ogi search` takes it")
    filters: list[str] = Field(default_factory=list, max_length=20, description="filter expressions, ANDed")
    webhook: str | None = Field(None, max_length=2000, description="POST new matches as JSON to this URL")
    recipients: list[str] = Field(default_factory=list, max_length=alerts.MAX_RECIPIENTS,
                                  description="email addresses sent the new matches after each harvest")


def _save(settings: Settings, name: str, query: str, filters: list[str], webhook: str | None,
          recipients: Any) -> alerts.SavedSearch:
    try:
        return alerts.save_search(settings, name, query, filters, (webhook or "").strip() or None, recipients)
    except (QueryError, ValueError) as exc:
        raise HTTPException(400, str(exc)) from exc


def _url_search(request: Request) -> tuple[str, list[str]]:
    """The query and filter expressions of a search page's URL (its facet parameters as `name = "value"`)."""
    from ogi.web.app import FACET_PARAMS

    params = request.query_params
    filters = [f"{name} = {json.dumps(params[name], ensure_ascii=False)}" for name in FACET_PARAMS if params.get(name)]
    if params.get("checks") == "failed":
        filters.append("checks_ok = false")
    filters += [f for f in params.getlist("filter") if f.strip()]
    return params.get("q", "").strip(), filters


def saved_feed_for(request: Request, settings: Settings) -> str | None:
    """The feed of the saved search that is exactly this search page's query and filters, if any."""
    from ogi.indexer.query import parse_filter, parse_text

    query, filters = _url_search(request)
    if not query and not filters:
        return None
    try:
        wanted = (parse_text(query), frozenset(parse_filter(f) for f in filters))  # `year = "2023"` is `year = 2023`
        for saved in alerts.saved_searches(settings):
            if (parse_text(saved.query), frozenset(parse_filter(f) for f in saved.filters)) == wanted:
                return alerts.feed_path(saved.name)
    except Exception:  # noqa: BLE001 - a link on the search page is never worth failing it
        return None
    return None


def register(app: Any, templates: Any, settings: Settings) -> None:
    api = APIRouter()
    templates.env.globals["saved_feed_for"] = lambda request: saved_feed_for(request, settings)

    # --- API --------------------------------------------------------------------------

    @api.get("/api/searches", tags=["harvest"], summary="Saved searches (a reviewer's token adds webhook and recipients)")
    def api_searches(caller: Caller | None = Depends(optional_caller)) -> list[dict[str, Any]]:
        return [s.to_json() if caller else s.public() for s in alerts.saved_searches(settings)]

    @api.get("/api/searches/{name}", tags=["harvest"], summary="One saved search")
    def api_search_one(name: str, caller: Caller | None = Depends(optional_caller)) -> dict[str, Any]:
        saved = alerts.saved_search(settings, name)
        if saved is None:
            raise HTTPException(404, "no saved search of that name")
        return saved.to_json() if caller else saved.public()

    @api.put("/api/searches/{name}", tags=["harvest"], summary="Create or replace a saved search (reviewer)")
    def api_search_put(name: str, body: SavedSearchIn,
                       caller: Caller = Depends(require_reviewer)) -> dict[str, Any]:
        return _save(settings, name, body.query, body.filters, body.webhook, body.recipients).to_json()

    @api.delete("/api/searches/{name}", tags=["harvest"], summary="Delete a saved search and its alerts (reviewer)",
                status_code=204)
    def api_search_delete(name: str, caller: Caller = Depends(require_reviewer)) -> Response:
        if not alerts.delete_search(settings, name):
            raise HTTPException(404, "no saved search of that name")
        return Response(status_code=204)

    # --- pages ------------------------------------------------------------------------

    def page(request: Request, *, caller: Caller | None = None, token: str = "", message: str | None = None,
             error: str | None = None, draft: dict[str, Any] | None = None, status: int = 200) -> HTMLResponse:
        query, filters = _url_search(request) if request.method == "GET" else ("", [])
        response = templates.TemplateResponse(request, "searches.html", {
            "searches": alerts.saved_searches(settings), "caller": caller, "token": token, "message": message,
            "error": error, "draft": draft or {"name": "", "query": query, "filters": "\n".join(filters),
                                               "webhook": "", "recipients": ""},
            "smtp": settings.smtp_address is not None}, status_code=status)
        response.headers["Cache-Control"] = "no-store"
        return response

    async def form(request: Request) -> dict[str, str]:
        body = await request.body()
        if len(body) > MAX_FORM_BYTES:
            raise HTTPException(413, "form too large")
        fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        return {k: v[-1] for k, v in fields.items()}

    def reviewer(request: Request, fields: dict[str, str]) -> tuple[Caller | None, HTMLResponse | None]:
        token = fields.get("token", "").strip()
        caller = caller_for(settings, token) if token else None
        if caller is None:
            return None, page(request, error="A reviewer's token is needed for that (ogi users add NAME --role reviewer)"
                              + (" — this one is not valid." if token else "."), status=401,
                              draft=_draft(fields))
        return caller, None

    @api.get("/searches", response_class=HTMLResponse, include_in_schema=False)
    def searches_page(request: Request) -> HTMLResponse:
        return page(request)

    @api.post("/searches/manage", response_class=HTMLResponse, include_in_schema=False)
    async def searches_manage(request: Request) -> HTMLResponse:
        fields = await form(request)
        caller, refused = reviewer(request, fields)
        if refused:
            return refused
        return page(request, caller=caller, token=fields["token"].strip(), draft=_draft(fields))

    @api.post("/searches/save", response_class=HTMLResponse, include_in_schema=False)
    async def searches_save(request: Request) -> HTMLResponse:
        fields = await form(request)
        caller, refused = reviewer(request, fields)
        if refused:
            return refused
        token = fields["token"].strip()
        filters = [line.strip() for line in fields.get("filters", "").splitlines() if line.strip()]
        try:
            saved = _save(settings, fields.get("name", ""), fields.get("query", ""), filters,
                          fields.get("webhook"), fields.get("recipients", ""))
        except HTTPException as exc:
            return page(request, caller=caller, token=token, error=str(exc.detail), draft=_draft(fields), status=400)
        return page(request, caller=caller, token=token, message=f"Saved “{saved.name}” ({caller.name}).")

    @api.post("/searches/delete", response_class=HTMLResponse, include_in_schema=False)
    async def searches_delete(request: Request) -> HTMLResponse:
        fields = await form(request)
        caller, refused = reviewer(request, fields)
        if refused:
            return refused
        name = fields.get("name", "")
        done = alerts.delete_search(settings, name)
        return page(request, caller=caller, token=fields["token"].strip(),
                    message=f"Deleted “{name}” and its alerts." if done else None,
                    error=None if done else f"No saved search named “{name}”.", status=200 if done else 404)

    app.include_router(api)


def _draft(fields: dict[str, str]) -> dict[str, str]:
    return {k: fields.get(k, "") for k in ("name", "query", "filters", "webhook", "recipients")}


__all__ = ["register", "saved_feed_for"]
