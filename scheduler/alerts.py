"""Saved searches and their alerts: after each run, the new or changed reports that match.

A saved search is a query and filters as `ogi search` takes them (validated when saved).
Alerts are kept in the catalog (the feed `ogi alerts` and the web app show); a saved search
with a webhook also gets them POSTed as JSON, one with email recipients gets one plain-text
message per harvest (SMTP settings: ogi.settings); a webhook or mail server that fails is
recorded, not fatal, and neither stops the other nor the alerts being kept. Every saved search
also has an Atom feed of all its matches (`/feeds/{name}.atom`, ogi.web.feeds).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Iterable, Sequence
from urllib.parse import quote

from ogi.archive import Archive, utcnow
from ogi.settings import Settings

@dataclass(frozen=True)
class SavedSearch:
    id: int
    name: str
    query: str
    filters: tuple[str, ...]
    webhook: str | None
    created_at: str
    recipients: tuple[str, ...] = ()  # email addresses (table saved_search_recipients)

    def public(self) -> dict[str, Any]:
        """What anyone may read: no webhook URL (it may hold a secret), no addresses."""
        return {"name": self.name, "query": self.query, "filters": list(self.filters), "created_at": self.created_at,
                "feed": feed_path(self.name)}

    def to_json(self) -> dict[str, Any]:
        return {**self.public(), "id": self.id, "webhook": self.webhook, "recipients": list(self.recipients)}


MAX_RECIPIENTS = 20
MAX_LISTED = 200  # reports listed in one email; the rest are in the feed
_ADDRESS = re.compile(r"[^@\s<>,;:\"()\[\]\\]{1,64}@[^@\s<>,;:\"()\[\]\\]{1,189}")


def feed_path(name: str) -> str:
    return f"/feeds/{quote(name, safe='')}.atom"


def email_addresses(raw: str | Iterable[str] | None) -> tuple[str, ...]:
    """Addresses from a list or a text (commas, semicolons, spaces or lines between them), checked,
    duplicates dropped; ValueError names the first that is not an address."""
    if raw is None:
        return ()
    parts = re.split(r"[\s,;]+", raw) if isinstance(raw, str) else [p for r in raw for p in re.split(r"[\s,;]+", r)]
    out: list[str] = []
    for part in parts:
        if not part:
            continue
        if not _ADDRESS.fullmatch(part) or part.startswith(".") or part.endswith("."):
            raise ValueError(f"not an email address: {part[:80]!r}")
        if part.lower() not in (a.lower() for a in out):
            out.append(part)
    if len(out) > MAX_RECIPIENTS:
        raise ValueError(f"at most {MAX_RECIPIENTS} recipients for one saved search")
    return tuple(out)


def save_search(settings: Settings, name: str, query: str = "", filters: Iterable[str] = (),
                webhook: str | None = None, recipients: str | Iterable[str] | None = None) -> SavedSearch:
    """Save (or replace, recipients included) a search; QueryError if it would not run, ValueError
    for a bad name, webhook or address."""
    from ogi.indexer.query import build_query

    name = (name or "").strip()
    if not name or len(name) > 100 or any(c in name for c in "/\\\r\n\t") or not name.isprintable():
        raise ValueError("a saved search needs a name of 1–100 printable characters, without / or \\")
    addresses = email_addresses(recipients)
    filters = tuple(f.strip() for f in filters if f and f.strip())
    build_query(query, filters)  # validate now, not at alert time
    if webhook:
        from ogi.outbound import Policy, refusal

        why = refusal(webhook, Policy(explicit=frozenset(settings.webhook_hosts)))
        if why:
            raise ValueError(f"webhook refused: {why} (a private host must be listed in OGI_WEBHOOK_HOSTS)")
    with Archive.open(settings) as archive, archive.db.transaction():  # the search and its recipients at once
        db = archive.db
        db.execute("INSERT INTO saved_searches (name, query, filters, webhook, created_at) VALUES (?,?,?,?,?)"
                   " ON CONFLICT(name) DO UPDATE SET query = excluded.query, filters = excluded.filters,"
                   " webhook = excluded.webhook", (name, query, json.dumps(filters, ensure_ascii=False), webhook,
                                                   utcnow()))
        row = db.execute("SELECT * FROM saved_searches WHERE name = ?", (name,)).fetchone()
        db.execute("DELETE FROM saved_search_recipients WHERE search_id = ?", (row["id"],))
        if addresses:
            db.executemany("INSERT INTO saved_search_recipients (search_id, address) VALUES (?, ?)",
                           [(row["id"], a) for a in addresses])
        return _search(row, addresses)


def saved_searches(settings: Settings) -> list[SavedSearch]:
    with Archive.open(settings) as archive:
        return _with_recipients(archive.db, archive.db.execute("SELECT * FROM saved_searches ORDER BY id").fetchall())


def saved_search(settings: Settings, name: str) -> SavedSearch | None:
    with Archive.open(settings) as archive:
        rows = archive.db.execute("SELECT * FROM saved_searches WHERE name = ?", (name,)).fetchall()
        return (_with_recipients(archive.db, rows) or [None])[0]


def _with_recipients(db: Any, rows: Sequence[Any]) -> list[SavedSearch]:
    addresses: dict[int, list[str]] = {}
    for search_id, address in db.execute("SELECT search_id, address FROM saved_search_recipients"
                                         " ORDER BY search_id, address"):
        addresses.setdefault(search_id, []).append(address)
    return [_search(r, tuple(addresses.get(r["id"], ()))) for r in rows]


def delete_search(settings: Settings, name: str) -> bool:
    with Archive.open(settings) as archive, archive.db.transaction():
        db = archive.db
        row = db.execute("SELECT id FROM saved_searches WHERE name = ?", (name,)).fetchone()
        if row is None:
            return False
        for table in ("saved_search_recipients", "alert_emails", "alerts"):  # SQLite may not enforce the cascade
            db.execute(f"DELETE FROM {table} WHERE search_id = ?", (row[0],))
        return db.execute("DELETE FROM saved_searches WHERE id = ?", (row[0],)).rowcount > 0


def alerts(settings: Settings, name: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """The feed, newest first."""
    with Archive.open(settings) as archive:
        db = archive.db
        sql = ("SELECT a.*, s.name AS search, (SELECT e.outcome FROM alert_emails e WHERE e.search_id = a.search_id"
               " AND e.runs = a.runs ORDER BY e.id DESC LIMIT 1) AS emailed"
               " FROM alerts a JOIN saved_searches s ON s.id = a.search_id"
               + (" WHERE s.name = ?" if name else "") + " ORDER BY a.id DESC LIMIT ?")
        rows = db.execute(sql, ((name, limit) if name else (limit,))).fetchall()
        return [{**dict(r), "runs": json.loads(r["runs"])} for r in rows]


def emails(settings: Settings, name: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """The alert emails sent (or not: why), newest first."""
    with Archive.open(settings) as archive:
        sql = ("SELECT e.*, s.name AS search FROM alert_emails e JOIN saved_searches s ON s.id = e.search_id"
               + (" WHERE s.name = ?" if name else "") + " ORDER BY e.id DESC LIMIT ?")
        rows = archive.db.execute(sql, ((name, limit) if name else (limit,))).fetchall()
        return [{**dict(r), "runs": json.loads(r["runs"]), "recipients": json.loads(r["recipients"])} for r in rows]


def match_saved_searches(settings: Settings, report_urls: set[str], *, run_ids: list[int],
                         not_before: str | None = None) -> int:
    """Record (and deliver) an alert for every saved search matching a report these runs brought in;
    one already recorded since `not_before` (by a run that died after it) is not repeated."""
    from ogi.indexer.service import search as run_search

    if not report_urls:
        return 0
    with Archive.open(settings) as archive:
        db = archive.db
        searches = _with_recipients(db, db.execute("SELECT * FROM saved_searches ORDER BY id").fetchall())
        if not searches:
            return 0
        from ogi.reports import assemble_archive

        docs = {}  # one alert per report, however many of its files the runs brought in
        for report in assemble_archive(archive).reports:
            if any(d["document_url"] in report_urls for d in report["documents"]):
                docs[report["id"]] = report
    if not docs:
        return 0
    ids = sorted(docs)
    chunks = [ids[i:i + 100] for i in range(0, len(ids), 100)]  # filters have a length limit
    count = 0
    for saved in searches:
        hits = []
        for chunk in chunks:
            id_filter = "id IN [" + ", ".join(json.dumps(i) for i in chunk) + "]"
            result = run_search(settings, saved.query, [*saved.filters, id_filter], limit=len(chunk))
            hits += [h.to_json() for h in result.hits]
        if not_before and hits:
            with Archive.open(settings) as archive:
                done = {r[0] for r in archive.db.execute(
                    "SELECT document_id FROM alerts WHERE search_id = ? AND created_at >= ?", (saved.id, not_before))}
            hits = [h for h in hits if h["id"] not in done]
        if not hits:
            continue
        delivered = _deliver(saved, hits, settings) if saved.webhook else None
        emailed = _email(saved, hits, settings, run_ids) if saved.recipients else None
        with Archive.open(settings) as archive:
            db = archive.db
            for hit in hits:
                db.execute("INSERT INTO alerts (search_id, runs, document_id, url, title, created_at, delivered)"
                           " VALUES (?,?,?,?,?,?,?)", (saved.id, json.dumps(run_ids), hit["id"], hit["url"],
                                                       hit["title"], utcnow(), delivered))
            if emailed is not None:
                db.execute("INSERT INTO alert_emails (search_id, runs, recipients, reports, created_at, outcome)"
                           " VALUES (?,?,?,?,?,?)", (saved.id, json.dumps(run_ids),
                                                     json.dumps(list(saved.recipients)), len(hits), utcnow(), emailed))
        count += len(hits)
    return count


def alert_message(saved: SavedSearch, hits: list[dict[str, Any]], settings: Settings,
                  run_ids: Sequence[int] = ()) -> Any:
    """The email of one search's new matches: plain text, UTF-8, links into the web app."""
    from email.message import EmailMessage
    from email.utils import formatdate, make_msgid

    base = (settings.public_url or "http://localhost:8000").rstrip("/")
    message = EmailMessage()
    message["Subject"] = f"[OGI Archive] {saved.name}: {len(hits)} 份新报告 new report{'s' if len(hits) != 1 else ''}"
    message["From"] = settings.mail_sender
    message["To"] = ", ".join(saved.recipients)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=settings.mail_sender.rpartition("@")[2] or "localhost")
    what = " AND ".join([*([repr(saved.query)] if saved.query else []), *saved.filters]) or "everything"
    lines = [f"保存的检索 Saved search “{saved.name}” ({what}) matched {len(hits)} new or changed report(s)"
             + (f" in harvest run(s) {', '.join(str(r) for r in run_ids)}" if run_ids else "") + ":", ""]
    for n, hit in enumerate(hits[:MAX_LISTED], 1):
        about = " · ".join(str(v) for v in (hit.get("agency"), hit.get("year"), hit.get("region")) if v)
        lines += [f"{n}. {_one_line(hit.get('title') or hit['id'])}",
                  *([f"   {_one_line(about)}"] if about else []),
                  f"   In the archive: {base}/reports/{quote(str(hit['id']), safe='')}",
                  *([f"   Original: {_one_line(hit['url'])}"] if hit.get("url") else []),
                  *([f"   Captured: {hit['captured_at']}"] if hit.get("captured_at") else []), ""]
    if len(hits) > MAX_LISTED:
        lines += [f"… and {len(hits) - MAX_LISTED} more: see the feed.", ""]
    lines += [f"Atom feed: {base}{feed_path(saved.name)}",
              f"All alerts: {base}/alerts?search={quote(saved.name, safe='')}",
              "",
              "-- ",
              "Sent by OGI Archive to the recipients of this saved search; reviewers change them at "
              f"{base}/searches"]
    message.set_content("\n".join(lines), charset="utf-8")
    return message


def _email(saved: SavedSearch, hits: list[dict[str, Any]], settings: Settings, run_ids: Sequence[int]) -> str:
    """Send the message; the outcome as alerts.delivered has it (ok | error: … | not sent: …)."""
    import smtplib
    import ssl

    address = settings.smtp_address
    if address is None:
        return "not sent: no mail server configured (OGI_SMTP_HOST)"
    try:
        message = alert_message(saved, hits, settings, run_ids)
        context = ssl.create_default_context()
        if settings.smtp_tls == "ssl":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(*address, timeout=15, context=context)
        else:
            smtp = smtplib.SMTP(*address, timeout=15)
        with smtp:
            if settings.smtp_tls == "starttls":
                smtp.starttls(context=context)  # never falls back to plain text: an error if not offered
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password or "")
            refused = smtp.send_message(message, from_addr=settings.mail_sender, to_addrs=list(saved.recipients))
    except Exception as exc:  # the alerts are kept and the webhook went; the failure is reported
        return f"error: {type(exc).__name__}: {exc}"[:300]
    if refused:
        return f"partly refused: {', '.join(sorted(refused))}"[:300]
    return "ok"


def _one_line(text: Any) -> str:
    return " ".join(str(text).split())


def _deliver(saved: SavedSearch, hits: list[dict[str, Any]], settings: Settings) -> str:
    """POST the hits to the search's webhook, under the outbound policy: http(s), every redirect
    checked, no private or link-local address (169.254.169.254 …) unless listed in OGI_WEBHOOK_HOSTS."""
    from ogi.outbound import OutboundRefused, Policy, fetch

    body = json.dumps({"search": saved.name, "query": saved.query, "filters": list(saved.filters),
                       "reports": hits}, ensure_ascii=False).encode("utf-8")
    try:
        answer = fetch(saved.webhook or "", policy=Policy(explicit=frozenset(settings.webhook_hosts)),
                       method="POST", data=body, timeout=15, max_bytes=10_000,
                       headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": "OGI-Archive alerts"})
    except OutboundRefused as exc:
        return f"refused: {exc}"[:300]
    except Exception as exc:  # the alert is kept; delivery is retried by nobody but reported
        return f"error: {exc}"[:300]
    return "ok" if 200 <= answer.status < 300 else f"HTTP {answer.status}"


def _search(row: Any, recipients: tuple[str, ...] = ()) -> SavedSearch:
    return SavedSearch(row["id"], row["name"], row["query"], tuple(json.loads(row["filters"])), row["webhook"],
                       row["created_at"], recipients)
