"""Review (issue 19): what people say about a report, kept in the catalog beside what was printed.

* A **verdict** confirms or dismisses one failed check, flag or warning of a report, with a
  comment: ``check:<rule>:<scope>`` (an identity or an audit rule), ``warning:<code>``,
  ``outlier:<rate>:<low|high>``, ``disagreement:<figure>`` … Every verdict is kept; the latest
  per target counts.
* A **correction** gives a figure's corrected value, with why. The document's printed (raw) and
  extracted values are never touched: the correction sits beside them, every one is kept, the
  latest per figure counts, and a correction of ``None`` withdraws the earlier ones.
* **Tags** (a word per report, for finding it again) and **notes** (free text, kept in order).

Everything is written under the name of the person who did it, with the time (`ogi.users`,
`ogi.web.auth`). `ogi index` reads it when it builds records (`annotate_records`: the fields
``reviewed``, ``corrected``, ``tag``, folded into the digest), so it survives rebuilds, and
exports and aggregates overlay the corrections when asked for ``values="corrected"``
(`corrected_records`, `corrected_aggregate`) and say which values they hold.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from typing import Any, Iterable, Iterator, Mapping

from ogi.catalog import Catalog

VERDICTS = ("confirm", "dismiss")
VALUES = ("printed", "corrected")  # which figures an export or aggregate uses
_TARGET = re.compile(r"^(check|warning|outlier|disagreement|flag):[^\x00-\x1f]{1,200}$")
_TAG = re.compile(r"^[^\s,\x00-\x1f]{1,40}$")
MAX_COMMENT = 4000


class ReviewError(ValueError):
    """Something that cannot be recorded (unknown verdict, bad value, unknown figure)."""


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def check_values(values: str | None) -> str:
    values = (values or "printed").strip().lower()
    if values not in VALUES:
        raise ReviewError(f"values must be printed or corrected, not {values[:40]!r}")
    return values


def _comment(text: str | None) -> str:
    text = (text or "").strip()
    if len(text) > MAX_COMMENT:
        raise ReviewError(f"comment too long ({len(text)} characters, at most {MAX_COMMENT})")
    return text


def number(value: Any) -> float | int | None:
    """A corrected value: a finite number (a whole number stays an int); None withdraws."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ReviewError("a corrected value is a number")
    try:
        text = str(value).strip().replace(",", "")
        parsed = float(text)
    except ValueError:
        raise ReviewError(f"a corrected value is a number, not {str(value)[:40]!r}") from None
    if not math.isfinite(parsed) or abs(parsed) > 1e15:
        raise ReviewError("a corrected value is a finite number below 10¹⁵")
    return int(parsed) if parsed.is_integer() else parsed


# --- writing ---------------------------------------------------------------------------------

def record_verdict(db: Catalog, report_id: str, target: str, verdict: str, comment: str | None, who: str) -> dict[str, Any]:
    if verdict not in VERDICTS:
        raise ReviewError(f"verdict must be confirm or dismiss, not {str(verdict)[:40]!r}")
    if not _TARGET.match(target or ""):
        raise ReviewError("target must be check:<rule>:<scope>, warning:<code>, outlier:<rate>:<side>, "
                          "disagreement:<figure> or flag:<name>")
    row = {"report_id": report_id, "target": target, "verdict": verdict, "comment": _comment(comment),
           "who": who, "at": _now()}
    row["id"] = db.insert_id("INSERT INTO reviews (report_id, target, verdict, comment, who, at) VALUES (?,?,?,?,?,?)",
                             tuple(row[k] for k in ("report_id", "target", "verdict", "comment", "who", "at")))
    return row


def record_correction(db: Catalog, report_id: str, figure: str, value: Any, comment: str | None, who: str,
                      printed: Any = None) -> dict[str, Any]:
    """A corrected value of one figure (None withdraws the corrections before it). `printed` is the
    value as extracted at the time, kept for the record; the document itself is never changed."""
    from ogi.figure_keys import union_keys

    if figure not in set(union_keys()):
        raise ReviewError(f"unknown figure {str(figure)[:80]!r}")
    corrected = number(value)
    row = {"report_id": report_id, "figure": figure, "value": corrected,
           "printed": None if printed is None else printed, "comment": _comment(comment), "who": who, "at": _now()}
    row["id"] = db.insert_id(
        "INSERT INTO corrections (report_id, figure, value, printed, comment, who, at) VALUES (?,?,?,?,?,?,?)",
        (report_id, figure, None if corrected is None else json.dumps(corrected),
         None if printed is None else json.dumps(printed, ensure_ascii=False), row["comment"], who, row["at"]))
    return row


def add_tag(db: Catalog, report_id: str, tag: str, who: str) -> dict[str, Any]:
    tag = (tag or "").strip()
    if not _TAG.match(tag):
        raise ReviewError("a tag is 1-40 characters without spaces or commas")
    at = _now()
    db.execute("INSERT INTO report_tags (report_id, tag, who, at) VALUES (?,?,?,?) ON CONFLICT (report_id, tag) DO NOTHING",
               (report_id, tag, who, at))
    return {"report_id": report_id, "tag": tag, "who": who, "at": at}


def remove_tag(db: Catalog, report_id: str, tag: str) -> bool:
    return db.execute("DELETE FROM report_tags WHERE report_id = ? AND tag = ?", (report_id, tag)).rowcount > 0


def add_note(db: Catalog, report_id: str, text: str, who: str) -> dict[str, Any]:
    text = _comment(text)
    if not text:
        raise ReviewError("a note needs some text")
    row = {"report_id": report_id, "text": text, "who": who, "at": _now()}
    row["id"] = db.insert_id("INSERT INTO report_notes (report_id, text, who, at) VALUES (?,?,?,?)",
                             (report_id, text, who, row["at"]))
    return row


# --- reading ---------------------------------------------------------------------------------

def _in(ids: Iterable[str] | None) -> tuple[str, tuple[str, ...]]:
    if ids is None:
        return "", ()
    ids = tuple(dict.fromkeys(str(i) for i in ids))
    return f" WHERE report_id IN ({','.join('?' * len(ids))})", ids


def _chunks(ids: Iterable[str] | None, size: int = 500) -> Iterator[tuple[str, ...] | None]:
    if ids is None:
        yield None
        return
    ids = tuple(dict.fromkeys(str(i) for i in ids))
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _loads(text: Any) -> Any:
    return None if text is None else json.loads(text)


def review_states(db: Catalog, ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """{report id: state} for the reports in `ids` (every reviewed report when None) that have any."""
    states: dict[str, dict[str, Any]] = {}

    def state(rid: str) -> dict[str, Any]:
        return states.setdefault(rid, {"verdicts": {}, "verdict_history": [], "corrections": {},
                                       "correction_history": [], "tags": [], "notes": []})

    for part in _chunks(ids):
        where, params = _in(part)
        for r in db.execute(f"SELECT id, report_id, target, verdict, comment, who, at FROM reviews{where} ORDER BY id",
                            params):
            entry = {k: r[k] for k in ("id", "target", "verdict", "comment", "who", "at")}
            s = state(r["report_id"])
            s["verdict_history"].append(entry)
            s["verdicts"][r["target"]] = entry  # the latest per target counts
        for r in db.execute("SELECT id, report_id, figure, value, printed, comment, who, at FROM corrections"
                            f"{where} ORDER BY id", params):
            entry = {"id": r["id"], "figure": r["figure"], "value": _loads(r["value"]), "printed": _loads(r["printed"]),
                     "comment": r["comment"], "who": r["who"], "at": r["at"]}
            s = state(r["report_id"])
            s["correction_history"].append(entry)
            if entry["value"] is None:
                s["corrections"].pop(r["figure"], None)  # withdrawn
            else:
                s["corrections"][r["figure"]] = entry
        for r in db.execute(f"SELECT report_id, tag, who, at FROM report_tags{where} ORDER BY tag", params):
            state(r["report_id"])["tags"].append({"tag": r["tag"], "who": r["who"], "at": r["at"]})
        for r in db.execute(f"SELECT id, report_id, text, who, at FROM report_notes{where} ORDER BY id", params):
            state(r["report_id"])["notes"].append({k: r[k] for k in ("id", "text", "who", "at")})
    return states


def empty_state() -> dict[str, Any]:
    return {"verdicts": {}, "verdict_history": [], "corrections": {}, "correction_history": [], "tags": [], "notes": []}


def review_state(db: Catalog, report_id: str) -> dict[str, Any]:
    return review_states(db, [report_id]).get(report_id) or empty_state()


def state_json(state: Mapping[str, Any]) -> dict[str, Any]:
    """A report's review as the API gives it."""
    return {"verdicts": list(state["verdicts"].values()), "corrections": state["corrections"],
            "tags": [t["tag"] for t in state["tags"]], "notes": state["notes"],
            "history": {"verdicts": state["verdict_history"], "corrections": state["correction_history"],
                        "tags": state["tags"]}}


def latest_corrections(db: Catalog, ids: Iterable[str] | None = None) -> dict[str, dict[str, float | int]]:
    """{report id: {figure: corrected value}}: the corrections in force."""
    out: dict[str, dict[str, Any]] = {}
    for part in _chunks(ids):
        where, params = _in(part)
        for r in db.execute(f"SELECT report_id, figure, value FROM corrections{where} ORDER BY id", params):
            figures = out.setdefault(r["report_id"], {})
            value = _loads(r["value"])
            if value is None:
                figures.pop(r["figure"], None)
            else:
                figures[r["figure"]] = value
    return {rid: f for rid, f in out.items() if f}


# --- the index ------------------------------------------------------------------------------

_SAID = {"confirm": "confirmed", "dismiss": "dismissed"}


def record_fields(state: Mapping[str, Any] | None, record: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """What a report's review adds to its index record: searchable and shown in hits.
    ``unreviewed`` counts the record's failed checks (``checks_failed``) no verdict was given on:
    the review queue is ``filter=unreviewed > 0``."""
    state = state or empty_state()
    failed = (record or {}).get("checks_failed") or ()
    return {"reviewed": bool(state["verdicts"] or state["corrections"]),
            "corrected": bool(state["corrections"]),
            "tag": sorted(t["tag"] for t in state["tags"]),
            "review": sorted({_SAID[v["verdict"]] for v in state["verdicts"].values()}
                             | ({"corrected"} if state["corrections"] else set())),
            "unreviewed": sum(1 for f in failed if f"check:{f}" not in state["verdicts"])}


def annotate_records(db: Catalog, records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Index records with their review fields; the review is folded into the digest, so an
    incremental `ogi index` re-pushes a report reviewed since."""
    states = review_states(db)
    for record in records:
        state = states.get(str(record.get("id")))
        record.update(record_fields(state, record))
        if state is not None:
            stamp = json.dumps([record.get("digest"), record["tag"], sorted(state["verdicts"]),
                                [v["verdict"] for _, v in sorted(state["verdicts"].items())],
                                sorted((k, v["value"]) for k, v in state["corrections"].items())],
                               ensure_ascii=False, default=str)
            record["digest"] = hashlib.sha256(stamp.encode("utf-8")).hexdigest()
        yield record


def refresh_index(settings: Any, report_id: str) -> bool:
    """Rewrite one report's review fields in the index at once (what `ogi index` would write), so
    searches see a verdict, a correction or a tag without a rebuild. False when it could not."""
    from ogi.indexer import open_backend
    from ogi.indexer.query import Query, equals

    try:
        backend = open_backend(settings)
        records = list(backend.iter_records(Query(filter=equals("id", report_id))))
        if not records:
            return False
        db = Catalog(settings.catalog)
        try:
            record = records[0]
            record.update(record_fields(review_state(db, report_id), record))
            backend.upsert([record])
        finally:
            db.close()
        return True
    except Exception:  # noqa: BLE001 - the catalog has it; the next `ogi index` writes it
        import logging

        logging.getLogger(__name__).warning("review of %s not pushed to the index", report_id, exc_info=True)
        return False


# --- exports and aggregates -------------------------------------------------------------------

def overlay(report: Mapping[str, Any], corrections: Mapping[str, Any] | None) -> dict[str, Any]:
    """A report with its corrected figures in place of the extracted ones (a copy; the printed
    value stays under ``printed``, ``corrected`` lists the keys)."""
    out = dict(report)
    figures = dict(report.get("figures") or {})
    for key, value in (corrections or {}).items():
        cell = figures.get(key)
        cell = dict(cell) if isinstance(cell, Mapping) else {"value": cell}
        figures[key] = {**cell, "value": value, "printed": cell.get("value"), "corrected": True}
    out["figures"] = figures
    out["values"] = "corrected"
    out["corrected"] = sorted(corrections or ())
    return out


def corrected_records(db: Catalog, reports: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    """Reports (`ogi.reports` dicts) with the corrections in force overlaid."""
    corrections = latest_corrections(db)
    for report in reports:
        yield overlay(report, corrections.get(str(report.get("id"))))


def corrected_aggregate(db: Catalog, backend: Any, agg: Any, rows: list[Any]) -> list[Any]:
    """Aggregate rows of printed values adjusted to the corrected ones: for each report matching
    the aggregate's query with a correction of its figure, its group's sum (and count, when the
    printed cell was blank) changes by the difference."""
    from ogi.indexer.backend import AggregateRow, group_order
    from ogi.indexer.fields import FIGURE_PREFIX
    from ogi.indexer.query import InSet, Query, all_of

    if not agg.field.startswith(FIGURE_PREFIX):
        return rows  # a rate is derived, not printed
    key = agg.field[len(FIGURE_PREFIX):]
    wanted = {rid: f[key] for rid, f in latest_corrections(db).items() if key in f}
    if not wanted:
        return rows
    groups = {tuple(r.group.get(g) for g in agg.group_by): [r.reports, r.count, r.sum] for r in rows}
    q = agg.query
    for part in _chunks(sorted(wanted)):
        query = Query(q.text, all_of(q.filter, InSet("id", tuple(part or ()))))
        for record in backend.iter_records(query, ["id", agg.field, *agg.group_by]):
            group = tuple(record.get(g) for g in agg.group_by)
            entry = groups.setdefault(group, [1, 0, 0.0])
            printed = record.get(agg.field)
            if printed is None:
                entry[1] += 1
                entry[2] += float(wanted[str(record["id"])])
            else:
                entry[2] += float(wanted[str(record["id"])]) - float(printed)
    return [AggregateRow(dict(zip(agg.group_by, k)), n, c, s, s / c if c else None)
            for k, (n, c, s) in sorted(groups.items(), key=lambda kv: group_order(kv[0]))]


__all__ = ["VALUES", "VERDICTS", "ReviewError", "add_note", "add_tag", "annotate_records", "check_values",
           "corrected_aggregate", "corrected_records", "latest_corrections", "overlay", "record_correction",
           "record_fields", "record_verdict", "refresh_index", "remove_tag", "review_state", "review_states",
           "state_json"]
