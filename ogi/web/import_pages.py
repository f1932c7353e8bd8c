"""Importing files in the web app (issue 19): a reviewer uploads a report the crawler cannot
reach (a reply to a 依申请公开 request, a file a journalist was sent); it is archived with its
provenance, extracted and indexed by `ogi.importing`, as `ogi import` does.

* Page ``/import``: a form (multipart) with the reviewer's token in the form body, as the saved
  searches' forms (`ogi.web.saved_pages`): never in a cookie or the URL, so another site cannot
  post it (no CSRF); answers are not cached.
* API ``POST /api/import``: the same fields as multipart/form-data with ``Authorization: Bearer``
  (`ogi.web.auth.require_reviewer`, checked before the body is read).

Uploads are hostile input: the request is refused before it is read when it is larger than
`MAX_REQUEST_BYTES` (or has no length), at most `importing.MAX_FILES` files of at most
`importing.MAX_IMPORT_BYTES` each are read, file names are reduced to a safe base name, and the
format comes from the bytes (`ogi.extract.sniff_format`), never from the name or the client's
content type. Every refusal says why (400, 401, 411, 413).
"""

from __future__ import annotations

import threading
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from ogi import importing
from ogi.archive import Archive
from ogi.settings import Settings
from ogi.web.auth import Caller, caller_for, require_reviewer

MAX_REQUEST_BYTES = importing.MAX_IMPORT_BYTES + 1_000_000  # one file at its largest, and the form's fields
MAX_FIELD_CHARS = 2000
FIELDS = ("url", "agency", "year", "region")
_one_at_a_time = threading.Lock()  # imports extract and index: one after the other, never two at once

UPLOAD_SCHEMA = {  # the API's request body, for /openapi.json (the body is read by hand, after the token)
    "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["file"],
        "properties": {
            "file": {"type": "array", "items": {"type": "string", "format": "binary"},
                     "description": f"one report's files (its page and/or attachments), at most {importing.MAX_FILES}, "
                                    f"each at most {importing.MAX_IMPORT_BYTES // 1_000_000} MB"},
            "url": {"type": "string", "description": "the http(s) address the report was published at (optional)"},
            "agency": {"type": "string", "description": "the agency the report is of (overrides extraction)"},
            "year": {"type": "integer", "description": "the year the report covers (overrides extraction)"},
            "region": {"type": "string", "description": "the agency's region, e.g. 湖南省株洲市攸县"}}}}}}}


def _check_length(request: Request) -> None:
    length = request.headers.get("content-length")
    if length is None:
        raise HTTPException(411, "send the upload with a Content-Length")
    try:
        size = int(length)
    except ValueError:
        raise HTTPException(400, "bad Content-Length") from None
    if size > MAX_REQUEST_BYTES:
        raise HTTPException(413, f"upload too large: {size / 1e6:.0f} MB (at most "
                                 f"{importing.MAX_IMPORT_BYTES / 1e6:.0f} MB a file, {MAX_REQUEST_BYTES / 1e6:.0f} MB "
                                 "a request)")


async def _read_form(request: Request) -> tuple[dict[str, str], list[importing.ImportFile]]:
    """The form's text fields and its files (read up to the limits)."""
    _check_length(request)
    if not request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        raise HTTPException(400, "send the files as multipart/form-data (field file)")
    try:
        form = await request.form(max_files=importing.MAX_FILES, max_fields=20, max_part_size=MAX_FIELD_CHARS * 4)
    except HTTPException:
        raise
    except Exception as exc:  # noqa: BLE001 - a malformed body is the client's mistake, said plainly
        raise HTTPException(400, f"cannot read the upload: {str(exc)[:200] or type(exc).__name__}") from None
    fields: dict[str, str] = {}
    files: list[importing.ImportFile] = []
    try:
        for key, value in form.multi_items():
            if isinstance(value, UploadFile):
                if key != "file" or (not value.filename and not value.size):
                    continue  # an empty file input
                data = await value.read(importing.MAX_IMPORT_BYTES + 1)
                files.append(importing.ImportFile(value.filename or "unnamed", data))
            elif key in FIELDS or key == "token":
                fields[key] = str(value)[:MAX_FIELD_CHARS]
    finally:
        await form.close()
    return fields, files


def _import(settings: Settings, caller: Caller, fields: dict[str, str],
            files: list[importing.ImportFile]) -> importing.ImportResult:
    with _one_at_a_time:
        with Archive.open(settings) as archive:
            result = importing.import_files(archive, files, by=caller.name, via="web",
                                            agency=fields.get("agency") or None, year=fields.get("year") or None,
                                            region=fields.get("region") or None, url=fields.get("url") or None)
        importing.index_imported(settings)
        result.indexed = True
        return result


def register(app: FastAPI, templates: Any, settings: Settings) -> None:
    def page(request: Request, *, result: importing.ImportResult | None = None, error: str | None = None,
             fields: dict[str, str] | None = None, status: int = 200) -> HTMLResponse:
        response = templates.TemplateResponse(request, "import.html", {
            "result": result, "error": error, "fields": {k: (fields or {}).get(k, "") for k in FIELDS},
            "max_files": importing.MAX_FILES, "max_mb": importing.MAX_IMPORT_BYTES // 1_000_000}, status_code=status)
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.get("/import", response_class=HTMLResponse, include_in_schema=False)
    def import_page(request: Request) -> HTMLResponse:
        return page(request)

    @app.post("/import", response_class=HTMLResponse, include_in_schema=False)
    async def import_form(request: Request) -> HTMLResponse:
        try:
            fields, files = await _read_form(request)
        except HTTPException as exc:
            return page(request, error=str(exc.detail), status=exc.status_code)
        token = fields.pop("token", "").strip()
        caller = await run_in_threadpool(caller_for, settings, token) if token else None
        if caller is None:
            return page(request, fields=fields, status=401,
                        error="A reviewer's token is needed to import files (ogi users add NAME --role reviewer)"
                              + (" — this one is not valid." if token else "."))
        try:
            result = await run_in_threadpool(_import, settings, caller, fields, files)
        except importing.ImportRefused as exc:
            return page(request, error=str(exc), fields=fields, status=400)
        return page(request, result=result)

    @app.post("/api/import", tags=["review"], summary="Import files the crawler cannot reach (reviewer)",
              openapi_extra=UPLOAD_SCHEMA, status_code=201)
    async def api_import(request: Request, caller: Caller = Depends(require_reviewer)) -> JSONResponse:
        fields, files = await _read_form(request)
        fields.pop("token", None)
        try:
            result = await run_in_threadpool(_import, settings, caller, fields, files)
        except importing.ImportRefused as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse(result.to_json(), status_code=201)


__all__ = ["register", "MAX_REQUEST_BYTES"]
