"""Review in the web app (issue 19): the API that records verdicts, corrections, tags and notes
(a reviewer's bearer token, `ogi.web.auth`), the public read of a report's review, the users an
admin manages, and what the report page shows (`review_context`, template ``review.html``, the
form driven by ``static/review.js``). Everything is stored by `ogi.review` in the catalog."""

from __future__ import annotations

import threading
from typing import Any

from fastapi import APIRouter, Depends, FastAPI
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from ogi import review
from ogi.users import UserError, add_user, catalog, list_users, remove_user
from ogi.web.auth import Caller, require_admin, require_reviewer


class VerdictIn(BaseModel):
    target: str = Field(..., max_length=300, description="a failed check, flag or warning of the report, as listed "
                                                       "in its review's `targets` (check:<rule>:<scope>, warning:<code>:…)")
    verdict: str = Field(..., pattern="^(confirm|dismiss)$")
    comment: str = Field("", max_length=review.MAX_COMMENT)


class CorrectionIn(BaseModel):
    figure: str = Field(..., max_length=200, description="figure key, e.g. requests.new_received.total")
    value: float | int | str | None = Field(..., description="the corrected number; null withdraws the correction")
    comment: str = Field("", max_length=review.MAX_COMMENT, description="why (where the right value comes from)")


class TagIn(BaseModel):
    tag: str = Field(..., max_length=40)


class NoteIn(BaseModel):
    text: str = Field(..., max_length=review.MAX_COMMENT)


class UserIn(BaseModel):
    name: str = Field(..., max_length=64)
    role: str = Field("reviewer", pattern="^(reviewer|admin)$")


REFRESH_WAIT = 5.0  # seconds a review request waits for the report's index record to be rewritten
VALUES_HELP = ("printed (default): the figures as the reports print them; corrected: reviewers' corrected values "
               "in their place (the output says which)")


def corrected_aggregate_rows(settings: Any, backend: Any, agg: Any, rows: list[Any]) -> list[Any]:
    """Aggregate rows with the corrections in force (`ogi.review.corrected_aggregate`)."""
    with catalog(settings) as db:
        return review.corrected_aggregate(db, backend, agg, rows)


def values_column(csv_text: str, values: str) -> str:
    """An aggregate's CSV with a last column ``values`` saying which values it sums."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    for n, row in enumerate(csv.reader(io.StringIO(csv_text))):
        writer.writerow([*row, "values" if n == 0 else values])
    return out.getvalue()


def review_targets(view: Any) -> list[dict[str, str]]:
    """What a verdict may be given on: the report's failed identities and audit rules, its
    extraction warnings, peer outlier flags and disagreements between its files."""
    doc, record = view.document, view.record
    out: list[dict[str, str]] = []
    audit = record.get("audit") or {}
    for check in [*(doc.get("checks") or ()), *(audit.get("checks") or ())]:
        if check.get("ok") is False:
            label = f"{check.get('rule')} · {check.get('scope')}"
            if check.get("expected") is not None or check.get("actual") is not None:
                label += f": {check.get('expected')} ≠ {check.get('actual')}"
            out.append({"target": f"check:{check.get('rule')}:{check.get('scope')}", "kind": "check", "label": label})
    for flag in record.get("outlier") or ():
        out.append({"target": f"outlier:{flag}", "kind": "outlier", "label": f"outlier {flag}"})
    for d in doc.get("disagreements") or ():
        out.append({"target": f"disagreement:{d.get('key')}", "kind": "disagreement",
                    "label": f"files disagree on {d.get('key')}"})
    for w in doc.get("warnings") or ():
        message = str(w.get("message") or "")[:100]
        out.append({"target": f"warning:{w.get('code')}:{message}", "kind": "warning",
                    "label": f"{w.get('code')}: {message}"})
    seen: set[str] = set()
    return [t for t in out if not (t["target"] in seen or seen.add(t["target"]))]  # type: ignore[func-returns-value]


def review_json(settings: Any, report_id: str) -> dict[str, Any]:
    """A report's review as the API gives it (public)."""
    with catalog(settings) as db:
        return review.state_json(review.review_state(db, report_id))


def review_context(settings: Any, view: Any) -> dict[str, Any]:
    """What the report page's review section shows."""
    state = review_json(settings, str(view.record["id"]))  # the report's id, as in /reports/{id}
    targets = review_targets(view)
    verdicts = {v["target"]: v for v in state["verdicts"]}
    return {"review": state, "review_targets": targets, "review_verdicts": verdicts,
            "corrections": state["corrections"],
            "figure_keys": sorted(k for k, f in (view.document.get("figures") or {}).items())}


def register(app: FastAPI, templates: Any, library: Any, settings: Any) -> None:
    api = APIRouter(tags=["review"])

    def report_view(doc_id: str) -> Any:
        view = library.report(doc_id)
        if view is None:
            raise HTTPException(404, "no such report")
        return view

    def done(doc_id: str, body: dict[str, Any], status: int = 201) -> JSONResponse:
        """The answer, once the report's index record shows the review (what `ogi index` would write),
        or after REFRESH_WAIT s — a rebuild holds the index's write lock — with "indexed": "pending"
        (the record is rewritten when the lock is free; the catalog has it either way)."""
        outcome: dict[str, bool] = {}
        worker = threading.Thread(target=lambda: outcome.update(ok=review.refresh_index(settings, doc_id)),
                                  name=f"ogi-review-index-{doc_id}", daemon=True)
        worker.start()
        worker.join(REFRESH_WAIT)
        return JSONResponse({**body, "indexed": outcome.get("ok", "pending")}, status_code=status)

    def bad(exc: Exception) -> HTTPException:
        return HTTPException(400, str(exc))

    @api.get("/api/reports/{doc_id}/review", summary="A report's review: verdicts, corrections, tags, notes, history")
    def api_review(doc_id: str) -> dict[str, Any]:
        view = report_view(doc_id)
        return {"report_id": doc_id, **review_json(settings, doc_id), "targets": review_targets(view)}

    @api.post("/api/reports/{doc_id}/verdicts", status_code=201,
              summary="Confirm or dismiss a failed check, flag or warning, with a comment (reviewer)")
    def api_verdict(doc_id: str, body: VerdictIn, caller: Caller = Depends(require_reviewer)) -> JSONResponse:
        view = report_view(doc_id)
        if body.target not in {t["target"] for t in review_targets(view)}:
            raise HTTPException(400, f"{body.target[:100]!r} is not a failed check, flag or warning of this report "
                                     f"(GET /api/reports/{doc_id}/review lists its targets)")
        with catalog(settings) as db:
            try:
                row = review.record_verdict(db, doc_id, body.target, body.verdict, body.comment, caller.name)
            except review.ReviewError as exc:
                raise bad(exc) from None
        return done(doc_id, row)

    @api.post("/api/reports/{doc_id}/corrections", status_code=201,
              summary="Record a corrected value for a figure beside the printed one (reviewer)")
    def api_correction(doc_id: str, body: CorrectionIn, caller: Caller = Depends(require_reviewer)) -> JSONResponse:
        view = report_view(doc_id)
        cell = (view.document.get("figures") or {}).get(body.figure)
        printed = cell.get("value") if isinstance(cell, dict) else cell
        with catalog(settings) as db:
            try:
                row = review.record_correction(db, doc_id, body.figure, body.value, body.comment, caller.name, printed)
            except review.ReviewError as exc:
                raise bad(exc) from None
        return done(doc_id, row)

    @api.post("/api/reports/{doc_id}/tags", status_code=201, summary="Tag a report (reviewer)")
    def api_tag(doc_id: str, body: TagIn, caller: Caller = Depends(require_reviewer)) -> JSONResponse:
        report_view(doc_id)
        with catalog(settings) as db:
            try:
                row = review.add_tag(db, doc_id, body.tag, caller.name)
            except review.ReviewError as exc:
                raise bad(exc) from None
        return done(doc_id, row)

    @api.delete("/api/reports/{doc_id}/tags/{tag}", summary="Remove a tag (reviewer)")
    def api_untag(doc_id: str, tag: str, caller: Caller = Depends(require_reviewer)) -> JSONResponse:
        report_view(doc_id)
        with catalog(settings) as db:
            if not review.remove_tag(db, doc_id, tag):
                raise HTTPException(404, "the report has no such tag")
        return done(doc_id, {"report_id": doc_id, "tag": tag, "removed_by": caller.name}, status=200)

    @api.post("/api/reports/{doc_id}/notes", status_code=201, summary="Add a note to a report (reviewer)")
    def api_note(doc_id: str, body: NoteIn, caller: Caller = Depends(require_reviewer)) -> JSONResponse:
        report_view(doc_id)
        with catalog(settings) as db:
            try:
                row = review.add_note(db, doc_id, body.text, caller.name)
            except review.ReviewError as exc:
                raise bad(exc) from None
        return JSONResponse(row, status_code=201)

    @api.get("/api/me", summary="Who this token is (reviewer or admin)")
    def api_me(caller: Caller = Depends(require_reviewer)) -> dict[str, str]:
        return caller.to_json()

    @api.get("/api/users", summary="Reviewers and admins (admin)")
    def api_users(caller: Caller = Depends(require_admin)) -> list[dict[str, str]]:
        with catalog(settings) as db:
            return [u.to_json() for u in list_users(db)]

    @api.post("/api/users", status_code=201, summary="Add a reviewer or admin; the token is shown once (admin)")
    def api_user_add(body: UserIn, caller: Caller = Depends(require_admin)) -> JSONResponse:
        with catalog(settings) as db:
            try:
                user, token = add_user(db, body.name, body.role)
            except UserError as exc:
                raise HTTPException(409 if "exists" in str(exc) else 400, str(exc)) from None
        return JSONResponse({**user.to_json(), "token": token}, status_code=201)

    @api.delete("/api/users/{name}", status_code=204, summary="Remove a reviewer or admin (admin)")
    def api_user_remove(name: str, caller: Caller = Depends(require_admin)) -> Response:
        with catalog(settings) as db:
            if not remove_user(db, name):
                raise HTTPException(404, "no such user")
        return Response(status_code=204)

    app.include_router(api)


__all__ = ["register", "review_context", "review_json", "review_targets"]
