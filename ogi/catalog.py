"""The catalog database, one schema for every stage: SQLite in the data directory by default,
or any SQLAlchemy URL (``postgresql+psycopg://…``) when several machines write to it.

Every table is declared here (SQLAlchemy Core) and created with ``IF NOT EXISTS``; columns
declared since a catalog was made are added to it (`_add_missing_columns`), so a catalog made by
an earlier version is upgraded in place. Statements are plain SQL with ``?``
placeholders, written in the dialect SQLite and PostgreSQL share (``ON CONFLICT … DO
UPDATE``, ``RETURNING``); `Catalog.execute` hands them to the driver in its own paramstyle
and gives rows that read by position and by column name, like ``sqlite3.Row``.

Writes that must see a consistent state (a URL's versions, a run's rows) take
`Catalog.transaction(lock=key)`: the whole database on SQLite (``BEGIN IMMEDIATE``), one
advisory lock per key on PostgreSQL, so workers on different machines do not block each other.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

from sqlalchemy import (BigInteger, Column, ForeignKey, Index, Integer, MetaData, Table, Text, create_engine,
                        event, inspect)
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool
from sqlalchemy.schema import CreateColumn, CreateIndex, CreateTable

metadata = MetaData()

captures = Table(
    "captures", metadata,
    Column("id", Integer, primary_key=True),
    Column("source", Text, nullable=False),
    Column("url", Text, nullable=False),
    Column("final_url", Text, nullable=False),
    Column("method", Text, nullable=False, server_default="GET"),
    Column("status", Integer, nullable=False),
    Column("fetched_at", Text, nullable=False),
    Column("headers", Text, nullable=False),  # JSON object
    Column("sha256", Text, nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("content_type", Text),
    Column("kind", Text, nullable=False),  # list | report | attachment | other
    Column("parent_url", Text),  # page on which the link was found
    Index("captures_url", "url"),
    Index("captures_sha256", "sha256"),
    Index("captures_source_time", "source", "fetched_at"),
)

versions = Table(
    "versions", metadata,
    Column("url", Text, primary_key=True),
    Column("sha256", Text, primary_key=True),
    Column("first_seen", Text, nullable=False),
    Column("last_seen", Text, nullable=False),
)

reports = Table(
    "reports", metadata,
    Column("url", Text, primary_key=True),  # the report's page or attachment
    Column("source", Text, nullable=False),
    Column("title", Text),
    Column("parent_url", Text),
    Column("kind", Text, nullable=False),  # page | attachment
    Column("first_seen", Text, nullable=False),
    Column("last_seen", Text, nullable=False),
    Column("removed_at", Text),  # set when gone upstream; the versions stay
    Column("current_sha256", Text),
)

documents = Table(
    "documents", metadata,
    Column("url", Text, primary_key=True),  # the report's page or attachment (document_url)
    Column("sha256", Text, primary_key=True),  # the archived version it was extracted from
    Column("extracted_at", Text, nullable=False),
    Column("document", Text),  # Document JSON, NULL when extraction failed
    Column("error", Text),
    # ogi.extract.EXTRACTOR_VERSION that made the row (NULL: before versions were recorded);
    # `ogi extract --data-dir` redoes rows made by an older one (added by `_add_missing_columns`)
    Column("extractor_version", Integer),
)

imports = Table(  # issue 19: files the crawler could not reach, archived by hand (`ogi import`, /import)
    "imports", metadata,  # one row per imported file version; its capture has source "import" or the given URL's
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False),  # the URL given, or import:sha256:<digest>.<ext>
    Column("sha256", Text, nullable=False),
    Column("imported_by", Text, nullable=False),  # a reviewer's name, or the user who ran `ogi import`
    Column("filename", Text, nullable=False),  # the file's name as given (sanitised)
    Column("imported_at", Text, nullable=False),
    Column("via", Text, nullable=False),  # cli | web
    Column("agency", Text),  # pinned by the importer: overrides what extraction finds
    Column("year", Integer),
    Column("region", Text),  # region hint, e.g. 湖南省株洲市攸县
    Column("parent_url", Text),  # the page file imported with it (several files, one report)
    Index("imports_url", "url", "sha256"),
    sqlite_autoincrement=True,
)

index_state = Table(
    "index_state", metadata,
    Column("backend", Text, primary_key=True),  # embedded | meilisearch:<url>/<uid>
    Column("id", Text, primary_key=True),  # document id
    Column("sha256", Text, nullable=False),  # digest of the version indexed
    Column("removed", Integer, nullable=False),  # removed upstream when indexed
)

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True),
    Column("source", Text, nullable=False),
    Column("trigger", Text, nullable=False),  # cli | scheduler:<job id> | run-now | distributed:<crawl id>
    Column("mode", Text, nullable=False),  # full | update
    Column("started_at", Text, nullable=False),
    Column("ended_at", Text),
    Column("status", Text, nullable=False),  # running | ok | partial | failed | timeout | interrupted
    Column("pages", Integer, server_default="0"),
    Column("reports_found", Integer, server_default="0"),
    Column("reports_new", Integer, server_default="0"),
    Column("reports_changed", Integer, server_default="0"),
    Column("reports_removed", Integer, server_default="0"),
    Column("failed", Integer, server_default="0"),  # requests that failed
    Column("errors", Text, server_default="[]"),  # JSON list of messages
    Index("runs_source", "source", "started_at"),
    sqlite_autoincrement=True,
)

run_owners = Table(  # the process that runs a crawl: a run it left `running` when it died is interrupted
    "run_owners", metadata,
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("host", Text, nullable=False),
    Column("pid", Integer, nullable=False),
    Column("alerts_done", Text),  # when the run's saved-search alerts were recorded (NULL: not yet)
)

run_lists = Table(  # per run, each list (a 年报 column and its pages) and how its end was found
    "run_lists", metadata,
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("list_url", Text, primary_key=True),
    Column("pages", Integer, nullable=False),
    Column("records", Integer, nullable=False),
    Column("how_ended", Text, nullable=False),  # stated total | API total | probed to an empty page | page limit hit | …
)

run_parts = Table(  # one row per worker of a distributed crawl, per source
    "run_parts", metadata,
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("worker", Text, primary_key=True),  # host:pid
    Column("started_at", Text, nullable=False),
    Column("ended_at", Text),  # NULL while running, or when the worker died
    Column("stats", Text),  # JSON: the worker's CrawlStats for this source
)

sources = Table(  # the configuration of every source crawled into this catalog (extraction and
    "sources", metadata,  # report assembly read the region and pinned aliases from here, not from a file)
    Column("name", Text, primary_key=True),
    Column("region", Text),  # the source's configured region, e.g. 湖南省株洲市攸县
    Column("config", Text, nullable=False, server_default="{}"),  # JSON: agency_aliases, expected_agencies, start_urls
    Column("updated_at", Text, nullable=False),
)

saved_searches = Table(
    "saved_searches", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("query", Text, nullable=False, server_default=""),
    Column("filters", Text, nullable=False, server_default="[]"),  # JSON list of filter expressions
    Column("webhook", Text),
    Column("created_at", Text, nullable=False),
    sqlite_autoincrement=True,
)

alerts = Table(
    "alerts", metadata,
    Column("id", Integer, primary_key=True),
    Column("search_id", Integer, ForeignKey("saved_searches.id", ondelete="CASCADE"), nullable=False),
    Column("runs", Text, nullable=False),  # JSON list of the run ids that brought the report in
    Column("document_id", Text, nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("created_at", Text, nullable=False),
    Column("delivered", Text),  # webhook outcome: ok | error message | NULL (no webhook)
    sqlite_autoincrement=True,
)

saved_search_recipients = Table(  # issue 19: email addresses a saved search's new matches are sent to
    "saved_search_recipients", metadata,
    Column("search_id", Integer, ForeignKey("saved_searches.id", ondelete="CASCADE"), primary_key=True),
    Column("address", Text, primary_key=True),
)

alert_emails = Table(  # one message per saved search per harvest: its outcome, like alerts.delivered
    "alert_emails", metadata,
    Column("id", Integer, primary_key=True),
    Column("search_id", Integer, ForeignKey("saved_searches.id", ondelete="CASCADE"), nullable=False),
    Column("runs", Text, nullable=False),  # JSON list of run ids, as alerts.runs
    Column("recipients", Text, nullable=False),  # JSON list of addresses
    Column("reports", Integer, nullable=False),  # matches the message listed
    Column("created_at", Text, nullable=False),
    Column("outcome", Text, nullable=False),  # ok | error message | not sent: why
    sqlite_autoincrement=True,
)


# --- review (issue 19, ogi/users.py, ogi/review.py): people and what they said; the printed and
# extracted values stay in the documents, corrections sit beside them; nothing here is rewritten
# by `ogi index`, which reads it when it builds records.
users = Table(
    "users", metadata,
    Column("name", Text, primary_key=True),
    Column("role", Text, nullable=False),  # reviewer | admin
    Column("token_id", Text, nullable=False, unique=True),  # public part of the token, to find its hash
    Column("token_hash", Text, nullable=False),  # scrypt$n$r$p$salt$hash of the secret part
    Column("created_at", Text, nullable=False),
)

reviews = Table(  # a verdict on a failed check, a flag or a warning of one report; the latest per target counts
    "reviews", metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Text, nullable=False),
    Column("target", Text, nullable=False),  # check:<rule>:<scope> | warning:<code> | flag:<name> …
    Column("verdict", Text, nullable=False),  # confirm | dismiss
    Column("comment", Text, nullable=False, server_default=""),
    Column("who", Text, nullable=False),
    Column("at", Text, nullable=False),
    Index("reviews_report", "report_id", "id"),
    sqlite_autoincrement=True,
)

corrections = Table(  # a corrected value beside the printed one; history kept, the latest per figure counts
    "corrections", metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Text, nullable=False),
    Column("figure", Text, nullable=False),  # figure key, e.g. 三.本年新收.总计
    Column("value", Text),  # the corrected number as text (NULL: the correction is withdrawn)
    Column("printed", Text),  # the value as extracted when the correction was made (for the record)
    Column("comment", Text, nullable=False, server_default=""),
    Column("who", Text, nullable=False),
    Column("at", Text, nullable=False),
    Index("corrections_report", "report_id", "figure", "id"),
    sqlite_autoincrement=True,
)

report_tags = Table(
    "report_tags", metadata,
    Column("report_id", Text, primary_key=True),
    Column("tag", Text, primary_key=True),
    Column("who", Text, nullable=False),
    Column("at", Text, nullable=False),
    Index("report_tags_tag", "tag"),
)

report_notes = Table(
    "report_notes", metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("who", Text, nullable=False),
    Column("at", Text, nullable=False),
    Index("report_notes_report", "report_id", "id"),
    sqlite_autoincrement=True,
)


def sqlite_url(path: str | Path) -> str:
    return f"sqlite:///{Path(path).resolve()}"


class CatalogRow(tuple):
    """A result row read by position or by column name; dict(row) gives the columns."""

    _index: dict[str, int]

    def __new__(cls, values: Sequence[Any], index: dict[str, int]) -> "CatalogRow":
        row = super().__new__(cls, values)
        row._index = index
        return row

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


class Rows:
    """What `Catalog.execute` returns: iterable rows, fetchone/fetchall, rowcount."""

    def __init__(self, result: Any) -> None:
        self._result = result
        self.rowcount: int = result.rowcount
        self._index = {name: i for i, name in enumerate(result.keys())} if result.returns_rows else {}

    def __iter__(self) -> Iterator[CatalogRow]:
        if not self._result.returns_rows:
            return
        for values in self._result:
            yield CatalogRow(tuple(values), self._index)

    def fetchone(self) -> CatalogRow | None:
        values = self._result.fetchone() if self._result.returns_rows else None
        if values is None:
            return None
        self._result.close()
        return CatalogRow(tuple(values), self._index)

    def fetchall(self) -> list[CatalogRow]:
        return list(self)


_engines: dict[str, Engine] = {}
_created: set[str] = set()
_lock = threading.Lock()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    for attempt in range(50):  # WAL: readers never block the crawl's writer (set once, kept in the file)
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError:  # switching needs a moment with no other writer
            if attempt == 49:
                raise
            time.sleep(0.1)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def engine_for(url: str) -> Engine:
    """One engine per URL and process (SQLite: no pool, a connection per Catalog, as sqlite3 would)."""
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            if url.startswith("sqlite"):
                engine = create_engine(url, poolclass=NullPool,
                                       connect_args={"timeout": 30, "check_same_thread": False})
                event.listen(engine, "connect", _sqlite_pragmas)
            else:
                engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
            _engines[url] = engine
        return engine


def create_schema(engine: Engine) -> None:
    """Create missing tables and indexes, and add columns declared since a table was made
    (`_add_missing_columns`); nothing is dropped or changed; safe when processes race."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":  # concurrent CREATE … IF NOT EXISTS can still collide
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(%s)", (_lock_id("ogi:schema"),))
        for table in metadata.sorted_tables:
            conn.execute(CreateTable(table, if_not_exists=True))
            for index in sorted(table.indexes, key=lambda ix: str(ix.name)):
                conn.execute(CreateIndex(index, if_not_exists=True))
        _add_missing_columns(conn)


def _add_missing_columns(conn: Any) -> list[str]:
    """ALTER TABLE … ADD COLUMN for every declared column an existing table lacks (a catalog made
    by an earlier version); returns them as "table.column". The one migration rule: a column added
    to a table that already exists must be nullable or have a server default (old rows get NULL or
    the default), and is never renamed, retyped or dropped — a new meaning gets a new column."""
    dialect = conn.dialect
    added = []
    for table in metadata.sorted_tables:
        if dialect.name == "sqlite":
            have = {row[1] for row in conn.exec_driver_sql(f'PRAGMA table_info("{table.name}")')}
        else:
            have = {c["name"] for c in inspect(conn).get_columns(table.name)}
        for column in table.columns:
            if column.name in have:
                continue
            if not column.nullable and column.server_default is None:
                raise RuntimeError(f"catalog column {table.name}.{column.name} cannot be added to an existing "
                                   "table: declare it nullable or give it a server_default")
            spec = str(CreateColumn(column).compile(dialect=dialect))
            guard = "IF NOT EXISTS " if dialect.name == "postgresql" else ""
            try:
                conn.exec_driver_sql(f'ALTER TABLE "{table.name}" ADD COLUMN {guard}{spec}')
            except Exception as exc:  # noqa: BLE001 - SQLite: another process added it first
                if "duplicate column" not in str(exc).lower():
                    raise
            added.append(f"{table.name}.{column.name}")
    return added


def _lock_id(key: str) -> int:
    """A signed 64-bit advisory-lock number for a key."""
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big", signed=True)


class Catalog:
    """A connection to the catalog, in autocommit mode unless inside `transaction()`."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = engine_for(url)
        self.dialect = self.engine.dialect.name
        if self.dialect == "sqlite" or url not in _created:  # a SQLite file may be new at any time
            create_schema(self.engine)
            _created.add(url)
        self._conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        self._depth = 0

    def close(self) -> None:
        self._conn.close()

    def _sql(self, sql: str) -> str:
        if self.dialect == "sqlite":
            return sql
        if "%" in sql:
            raise ValueError("catalog SQL uses ? placeholders; write literal % signs as parameters")
        return sql.replace("?", "%s")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        return Rows(self._conn.exec_driver_sql(self._sql(sql), tuple(params)))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        rows = [tuple(r) for r in rows]
        if rows:
            self._conn.exec_driver_sql(self._sql(sql), rows)

    def insert_id(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run an INSERT and return the new row's id."""
        return int(self.execute(sql + " RETURNING id", params).fetchone()[0])  # type: ignore[index]

    def _advisory_lock(self, key: str | None) -> None:
        if key is not None and self.dialect == "postgresql":  # held until the transaction ends
            self._conn.exec_driver_sql("SELECT pg_advisory_xact_lock(%s)", (_lock_id(key),))

    @contextmanager
    def transaction(self, lock: str | None = None) -> Iterator["Catalog"]:
        """One transaction (nested calls join it); with `lock`, serialised with others taking that key."""
        if self._depth:
            self._depth += 1
            try:
                self._advisory_lock(lock)
                yield self
            finally:
                self._depth -= 1
            return
        self._conn.exec_driver_sql("BEGIN IMMEDIATE" if self.dialect == "sqlite" else "BEGIN")
        self._depth = 1
        try:
            self._advisory_lock(lock)
            yield self
        except BaseException:
            self._conn.exec_driver_sql("ROLLBACK")
            raise
        else:
            self._conn.exec_driver_sql("COMMIT")
        finally:
            self._depth = 0
