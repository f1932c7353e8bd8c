from __future__ import annotations

import socket
import uuid
from pathlib import Path
from typing import Any, Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


def free_port() -> int:
    """A loopback port nobody listens on (for a test server, or a dead address)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared/ is not beside this checkout (a user's clone has none)")
    return SHARED


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server for the session (Debian's package; `.ci/run` installs it)."""
    from tests.pgserver import PostgresServer, find_bin_dir

    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e '.[test]')")
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (Debian package postgresql; .ci/run installs it)")
    server = PostgresServer(bin_dir)
    yield server
    server.stop()


@pytest.fixture
def pg_url(postgres) -> str:
    """The SQLAlchemy URL of a new, empty PostgreSQL database."""
    return postgres.create_database()


try:
    import boto3
    from moto.server import ThreadedMotoServer
except ImportError as exc:  # the S3 half needs boto3 and moto[server] (flask, werkzeug)
    S3_MISSING: str | None = f"S3 tests need boto3 and moto[server] (pip install -e '.[test]'): {exc}"
else:
    S3_MISSING = None


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """A moto S3 server on 127.0.0.1 and a free port, for the whole session."""
    if S3_MISSING:
        pytest.skip(S3_MISSING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Dummy credentials and region; no user AWS config or endpoint leaks in."""
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))


@pytest.fixture
def s3_bucket(s3_endpoint: str, aws_env: None) -> tuple[Any, str]:
    """A client for the moto server and a fresh bucket on it."""
    client = boto3.client("s3", endpoint_url=s3_endpoint)
    bucket = f"ogi-test-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=bucket)
    return client, bucket
