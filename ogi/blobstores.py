"""Where the archive keeps response bodies: local disk or an S3-compatible object store.

Both stores address a body by its SHA-256 (64 lowercase hex) and fan it out the same way,
root/ab/cd/<digest> on disk or <prefix>ab/cd/<digest> in a bucket, so a data directory can be
copied into a bucket as it is. Every read is hashed again: a body that does not match its
digest raises BlobCorrupt, never comes back silently wrong.

    open_blob_store(None, data_dir)                  -> LocalBlobStore(data_dir / "blobs")
    open_blob_store("/srv/blobs", data_dir)          -> LocalBlobStore("/srv/blobs")
    open_blob_store("s3://ogi/archive/", data_dir)   -> S3BlobStore("ogi", "archive/")

S3 credentials and region come from boto3's usual sources (AWS_* env vars, ~/.aws, roles).
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import tempfile
from contextlib import closing
from pathlib import Path
from typing import Any, Protocol, runtime_checkable
from urllib.parse import unquote, urlsplit

__all__ = ["BlobCorrupt", "BlobStore", "LocalBlobStore", "S3BlobStore", "open_blob_store"]

_DIGEST = re.compile(r"[0-9a-f]{64}")
_MISSING_CODES = frozenset({"404", "NoSuchKey", "NotFound"})


class BlobCorrupt(ValueError):
    """A stored body whose SHA-256 is not the digest it is stored under."""


@runtime_checkable
class BlobStore(Protocol):
    """Bodies kept once, addressed by their SHA-256 hex digest."""

    def put(self, data: bytes) -> str:
        """Store data (once) and return its hex SHA-256."""
        ...

    def get(self, digest: str) -> bytes:
        """The body stored under digest; KeyError if absent, BlobCorrupt if it fails its hash."""
        ...

    def __contains__(self, digest: object) -> bool:
        """True when a body is stored under digest."""
        ...


def _check_digest(digest: object) -> str:
    """The digest itself, or ValueError unless it is 64 lowercase hex characters."""
    if not isinstance(digest, str) or not _DIGEST.fullmatch(digest):
        raise ValueError(f"not a SHA-256 hex digest: {digest!r}")
    return digest


def _verified(digest: str, data: bytes, where: str) -> bytes:
    """data, once its SHA-256 is checked against digest; BlobCorrupt otherwise."""
    actual = hashlib.sha256(data).hexdigest()
    if actual != digest:
        raise BlobCorrupt(f"blob {digest} at {where} is corrupt: its {len(data)} bytes hash to {actual}")
    return data


class LocalBlobStore:
    """Bodies stored once by SHA-256 under root/ab/cd/<digest>, written atomically."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def __repr__(self) -> str:
        return f"LocalBlobStore({str(self.root)!r})"

    def path(self, digest: str) -> Path:
        """Where the body for digest lives (or would live)."""
        _check_digest(digest)
        return self.root / digest[:2] / digest[2:4] / digest

    def put(self, data: bytes) -> str:
        """Store data (once) and return its hex SHA-256."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.path(digest)
        if target.exists() and self._intact(target, digest):
            return digest
        # absent, or stored corrupt (a flipped bit, a truncated copy): written again, atomically
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)  # atomic: a killed crawl never leaves half a blob
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return digest

    @staticmethod
    def _intact(target: Path, digest: str) -> bool:
        try:
            return hashlib.sha256(target.read_bytes()).hexdigest() == digest
        except OSError:
            return False

    def get(self, digest: str) -> bytes:
        """The body stored under digest; KeyError if absent, BlobCorrupt if it fails its hash."""
        target = self.path(digest)
        try:
            data = target.read_bytes()
        except FileNotFoundError:
            raise KeyError(digest) from None
        return _verified(digest, data, str(target))

    def __contains__(self, digest: object) -> bool:
        """True when a body is stored under digest."""
        return self.path(_check_digest(digest)).exists()


class S3BlobStore:
    """Bodies stored once by SHA-256 as objects <prefix>ab/cd/<digest> in an S3-compatible bucket."""

    def __init__(self, bucket: str, prefix: str = "blobs/", *, endpoint_url: str | None = None,
                 client: Any = None) -> None:
        if not bucket:
            raise ValueError("S3BlobStore needs a bucket name")
        self.bucket = bucket
        self.prefix = prefix if not prefix or prefix.endswith("/") else prefix + "/"
        if client is None:
            import boto3  # lazy: only S3 users pay for importing boto3

            client = boto3.client("s3", endpoint_url=endpoint_url)
        self.client = client

    def __repr__(self) -> str:
        return f"S3BlobStore({self.bucket!r}, {self.prefix!r})"

    def key(self, digest: str) -> str:
        """The object key for digest."""
        _check_digest(digest)
        return f"{self.prefix}{digest[:2]}/{digest[2:4]}/{digest}"

    def _missing(self, err: Exception) -> bool:
        """True when a botocore ClientError says the object does not exist."""
        code = getattr(err, "response", {}).get("Error", {}).get("Code")
        return str(code) in _MISSING_CODES

    def put(self, data: bytes) -> str:
        """Store data (once) and return its hex SHA-256; S3 rejects the upload if the bytes arrive altered."""
        sha = hashlib.sha256(data)
        digest = sha.hexdigest()
        if digest in self:
            return digest
        self.client.put_object(
            Bucket=self.bucket, Key=self.key(digest), Body=data, ContentLength=len(data),
            ContentType="application/octet-stream",
            ChecksumAlgorithm="SHA256",  # the server verifies the body against this, rejecting a damaged upload
            ChecksumSHA256=base64.b64encode(sha.digest()).decode("ascii"),
        )
        return digest

    def get(self, digest: str) -> bytes:
        """The body stored under digest; KeyError if absent, BlobCorrupt if it fails its hash."""
        from botocore.exceptions import FlexibleChecksumError

        key = self.key(digest)
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=key)
        except self.client.exceptions.ClientError as err:
            if self._missing(err):
                raise KeyError(digest) from None
            raise
        where = f"s3://{self.bucket}/{key}"
        try:
            with closing(response["Body"]) as body:
                data = body.read()
        except FlexibleChecksumError as err:  # the server's own checksum of the object failed
            raise BlobCorrupt(f"blob {digest} at {where} is corrupt: {err}") from err
        return _verified(digest, data, where)

    def __contains__(self, digest: object) -> bool:
        """True when a body is stored under digest."""
        try:
            self.client.head_object(Bucket=self.bucket, Key=self.key(_check_digest(digest)))
        except self.client.exceptions.ClientError as err:
            if self._missing(err):
                return False
            raise
        return True


def open_blob_store(spec: str | None, data_dir: Path, *, s3_endpoint_url: str | None = None) -> BlobStore:
    """The store a setting names: empty → data_dir/blobs, a path or file:///abs → local, s3://bucket/prefix → S3."""
    if not spec:
        return LocalBlobStore(Path(data_dir) / "blobs")
    if "://" not in spec:
        return LocalBlobStore(Path(spec).expanduser())
    parts = urlsplit(spec)
    scheme = parts.scheme.lower()
    if scheme == "file":
        if parts.netloc not in ("", "localhost") or not parts.path.startswith("/"):
            raise ValueError(f"blob store {spec!r}: a file URL must be file:///absolute/path")
        return LocalBlobStore(Path(unquote(parts.path)))
    if scheme == "s3":
        if not parts.netloc or parts.query or parts.fragment:
            raise ValueError(f"blob store {spec!r}: expected s3://bucket or s3://bucket/prefix")
        prefix = parts.path.strip("/")
        return S3BlobStore(parts.netloc, prefix + "/" if prefix else "blobs/", endpoint_url=s3_endpoint_url)
    raise ValueError(f"blob store {spec!r}: unsupported scheme {parts.scheme!r};"
                     " use a path, file:///absolute/path or s3://bucket/prefix")
