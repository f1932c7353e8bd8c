"""Run-time settings, read in one place: the environment, with defaults for one laptop.

=====================  ==========================================================
OGI_DATA_DIR           data directory when a command is given none (default ./ogi-data)
OGI_SEARCH_BACKEND     ``embedded`` (default, no server) or ``meilisearch``
MEILI_URL              Meilisearch address; setting it alone selects ``meilisearch``
MEILI_MASTER_KEY       key used to create indexes and push documents
MEILI_SEARCH_KEY       search-only key for the public side (created when absent)
OGI_MEILI_INDEX        index uid (default ``reports``)
OGI_CATALOG_URL        SQLAlchemy URL of the catalog (default: SQLite ``D/catalog.sqlite``;
                       ``postgresql+psycopg://user:pw@host/db`` when several machines write to it)
OGI_BLOB_STORE         where archived bodies live: a directory (default ``D/blobs``) or
                       ``s3://bucket/prefix`` on an S3-compatible store (credentials: AWS_* variables)
OGI_S3_ENDPOINT_URL    the S3-compatible store's address (MinIO, Ceph…; unset: AWS)
OGI_SCHEDULER_DB       SQLAlchemy URL of the scheduler's job store (default: the catalog when
                       OGI_CATALOG_URL is set, else SQLite in the data directory)
OGI_CRAWL_TIME_LIMIT   seconds one harvest run may take before it is killed (default 21600)
OGI_ADMIN_TOKEN        bearer token for the web API's state-changing endpoints (unset: disabled)
OGI_SOURCES            sources file the web app and scheduler read (crawl requests, coverage)
OGI_EXTRACT_SECONDS    time one archived PDF/Word/sheet/image may take to extract (default 300)
OGI_EXTRACT_MEMORY_MB  memory it may take on top of the extracting process (default 3072)
OGI_WEBHOOK_HOSTS      comma-separated host:port of private or local addresses webhooks may reach
                       (webhooks to 127.0.0.1, 10.x, 169.254.x … are refused otherwise)
OGI_PUBLIC_URL         the web app's address as readers reach it: links in alert emails (default
                       http://localhost:8000) and feeds (default: the address the feed was asked at)
OGI_SMTP_HOST          mail server for alert emails (unset: emails are not sent, and say so)
OGI_SMTP_PORT          its port (default 587 with starttls, 465 with ssl, 25 with none)
OGI_SMTP_TLS           ``starttls`` (default; refused if the server does not offer it), ``ssl``
                       (TLS from the first byte) or ``none`` (a relay on the same machine)
OGI_SMTP_USER          login name (unset: no login)
OGI_SMTP_PASSWORD      its password
OGI_SMTP_FROM          sender address (default OGI_SMTP_USER, else ogi-archive@localhost)
=====================  ==========================================================

Crawl settings have their own single place, `crawler.run.crawl_settings`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping


def redact(url: str) -> str:
    """A database URL fit for logs: its password replaced by ***."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL SQLAlchemy reads: show only its scheme
        return url.split("://", 1)[0] + "://…"


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    search_backend: str = "embedded"
    meili_url: str | None = None
    meili_master_key: str | None = None
    meili_search_key: str | None = None
    meili_index: str = "reports"
    catalog_url: str | None = None
    blob_store: str | None = None
    s3_endpoint_url: str | None = None
    scheduler_db: str | None = None
    crawl_time_limit: float = 6 * 3600
    admin_token: str | None = None
    sources_file: str | None = None
    webhook_hosts: tuple[str, ...] = ()  # host:port of private addresses webhooks may reach
    extract_seconds: float = 300.0  # one file's extraction (PDF, Word, sheet, image) in the archive
    extract_memory_mb: int = 3072  # memory one such extraction may take on top of the process
    public_url: str | None = None  # the web app as readers reach it (links in emails and feeds)
    smtp_host: str | None = None  # alert emails (ogi.scheduler.alerts); None: not sent
    smtp_port: int | None = None  # None: by smtp_tls (587, 465, 25)
    smtp_tls: str = "starttls"  # starttls | ssl | none
    smtp_user: str | None = None
    smtp_password: str | None = field(default=None, repr=False)
    smtp_from: str | None = None

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def catalog(self) -> str:
        """The catalog's SQLAlchemy URL."""
        return self.catalog_url or f"sqlite:///{(self.data_dir / 'catalog.sqlite').resolve()}"

    @property
    def job_store_url(self) -> str:
        return (self.scheduler_db or self.catalog_url
                or f"sqlite:///{(self.data_dir / 'scheduler.sqlite').resolve()}")

    @classmethod
    def load(cls, data_dir: str | Path | None = None, env: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if env is None else env
        url = env.get("MEILI_URL") or None
        backend = (env.get("OGI_SEARCH_BACKEND") or ("meilisearch" if url else "embedded")).strip().lower()
        if backend not in ("embedded", "meilisearch"):
            raise ValueError(f"OGI_SEARCH_BACKEND must be embedded or meilisearch, not {backend!r}")
        if backend == "meilisearch" and not url:
            raise ValueError("OGI_SEARCH_BACKEND=meilisearch needs MEILI_URL")
        return cls(
            data_dir=Path(data_dir or env.get("OGI_DATA_DIR") or "ogi-data"),
            search_backend=backend,
            meili_url=url,
            meili_master_key=env.get("MEILI_MASTER_KEY") or None,
            meili_search_key=env.get("MEILI_SEARCH_KEY") or None,
            meili_index=env.get("OGI_MEILI_INDEX") or "reports",
            catalog_url=env.get("OGI_CATALOG_URL") or None,
            blob_store=env.get("OGI_BLOB_STORE") or None,
            s3_endpoint_url=env.get("OGI_S3_ENDPOINT_URL") or None,
            scheduler_db=env.get("OGI_SCHEDULER_DB") or None,
            crawl_time_limit=float(env.get("OGI_CRAWL_TIME_LIMIT") or 6 * 3600),
            admin_token=env.get("OGI_ADMIN_TOKEN") or None,
            sources_file=env.get("OGI_SOURCES") or None,
            extract_seconds=float(env.get("OGI_EXTRACT_SECONDS") or 300),
            extract_memory_mb=int(env.get("OGI_EXTRACT_MEMORY_MB") or 3072),
            webhook_hosts=tuple(h.strip().lower() for h in (env.get("OGI_WEBHOOK_HOSTS") or "").split(",") if h.strip()),
            public_url=(env.get("OGI_PUBLIC_URL") or "").rstrip("/") or None,
            smtp_host=env.get("OGI_SMTP_HOST") or None,
            smtp_port=int(env["OGI_SMTP_PORT"]) if env.get("OGI_SMTP_PORT") else None,
            smtp_tls=_smtp_tls(env.get("OGI_SMTP_TLS")),
            smtp_user=env.get("OGI_SMTP_USER") or None,
            smtp_password=env.get("OGI_SMTP_PASSWORD") or None,
            smtp_from=env.get("OGI_SMTP_FROM") or None,
        )

    @property
    def smtp_address(self) -> tuple[str, int] | None:
        """(host, port) of the mail server, or None when alert emails are off."""
        if not self.smtp_host:
            return None
        return self.smtp_host, self.smtp_port or {"starttls": 587, "ssl": 465}.get(self.smtp_tls, 25)

    @property
    def mail_sender(self) -> str:
        return self.smtp_from or (self.smtp_user if self.smtp_user and "@" in self.smtp_user else "ogi-archive@localhost")


def _smtp_tls(value: str | None) -> str:
    mode = (value or "starttls").strip().lower()
    if mode not in ("starttls", "ssl", "none"):
        raise ValueError(f"OGI_SMTP_TLS must be starttls, ssl or none, not {mode!r}")
    return mode
