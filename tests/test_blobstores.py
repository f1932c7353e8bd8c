"""The blob-store contract, run against local disk and a real S3 HTTP server (moto) on loopback."""

from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest

try:
    import boto3
except ImportError:  # the S3 fixtures skip, saying why
    boto3 = None

from ogi.blobstores import BlobCorrupt, BlobStore, LocalBlobStore, S3BlobStore, open_blob_store

HOSTILE = ["../../etc/passwd", "", "A" * 64, "0" * 63, "0" * 65, "0" * 62 + "/x", "g" * 64,
           "../" + "0" * 61, "0" * 64 + "\n"]


@dataclass
class Case:
    """A store under test and a way to overwrite one of its blobs behind its back."""

    store: BlobStore
    tamper: Callable[[str, bytes], None]


@pytest.fixture(params=["local", "s3"])
def case(request: pytest.FixtureRequest, tmp_path: Path) -> Case:
    """Each contract test runs once on LocalBlobStore and once on S3BlobStore."""
    if request.param == "local":
        local = LocalBlobStore(tmp_path / "blobs")
        return Case(local, lambda digest, data: local.path(digest).write_bytes(data))
    client, bucket = request.getfixturevalue("s3_bucket")
    s3 = S3BlobStore(bucket, "archive/blobs/", client=client)
    return Case(s3, lambda digest, data: client.put_object(Bucket=bucket, Key=s3.key(digest), Body=data))


# --- the contract, on both stores ----------------------------------------------------------

def test_round_trip(case: Case) -> None:
    digest = case.store.put(b"report body")
    assert digest == hashlib.sha256(b"report body").hexdigest()
    assert case.store.get(digest) == b"report body"


def test_put_is_idempotent(case: Case) -> None:
    first = case.store.put(b"same bytes")
    assert case.store.put(b"same bytes") == first
    assert case.store.get(first) == b"same bytes"


def test_contains(case: Case) -> None:
    digest = case.store.put(b"here")
    assert digest in case.store
    assert hashlib.sha256(b"not here").hexdigest() not in case.store


def test_missing_digest_is_key_error(case: Case) -> None:
    digest = hashlib.sha256(b"never stored").hexdigest()
    with pytest.raises(KeyError) as err:
        case.store.get(digest)
    assert err.value.args == (digest,)


@pytest.mark.parametrize("digest", HOSTILE)
def test_hostile_digest_is_value_error(case: Case, digest: str) -> None:
    case.store.put(b"something")
    with pytest.raises(ValueError):
        case.store.get(digest)
    with pytest.raises(ValueError):
        digest in case.store  # noqa: B015


def test_non_string_digest_is_value_error(case: Case) -> None:
    with pytest.raises(ValueError):
        None in case.store  # type: ignore[operator]  # noqa: B015


def test_empty_body(case: Case) -> None:
    digest = case.store.put(b"")
    assert digest == hashlib.sha256(b"").hexdigest()
    assert digest in case.store
    assert case.store.get(digest) == b""


def test_five_megabyte_body(case: Case) -> None:
    body = os.urandom(5 * 1024 * 1024)
    digest = case.store.put(body)
    assert digest == hashlib.sha256(body).hexdigest()
    assert case.store.get(digest) == body


def test_corrupted_blob_is_detected(case: Case) -> None:
    digest = case.store.put(b"the original")
    case.tamper(digest, b"the 0riginal")
    with pytest.raises(BlobCorrupt, match=digest) as err:
        case.store.get(digest)
    assert isinstance(err.value, ValueError)


def test_satisfies_protocol(case: Case) -> None:
    assert isinstance(case.store, BlobStore)


# --- local specifics -----------------------------------------------------------------------

def test_local_layout_is_the_archive_layout(tmp_path: Path) -> None:
    """Existing data dirs (root/ab/cd/<digest>, written by the former archive.BlobStore) keep working."""
    old_body = b"written before the blob stores existed"
    old = hashlib.sha256(old_body).hexdigest()
    (tmp_path / old[:2] / old[2:4]).mkdir(parents=True)
    (tmp_path / old[:2] / old[2:4] / old).write_bytes(old_body)
    store = LocalBlobStore(tmp_path)
    assert old in store and store.get(old) == old_body
    new = store.put(b"written by LocalBlobStore")
    assert store.path(new) == tmp_path / new[:2] / new[2:4] / new
    assert (tmp_path / new[:2] / new[2:4] / new).read_bytes() == b"written by LocalBlobStore"
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == sorted([old, new])  # no temp files left


@pytest.mark.parametrize("digest", HOSTILE)
def test_local_path_refuses_hostile_digest(tmp_path: Path, digest: str) -> None:
    with pytest.raises(ValueError):
        LocalBlobStore(tmp_path).path(digest)


# --- S3 specifics --------------------------------------------------------------------------

def test_s3_keys_fan_out_like_local(s3_bucket: tuple[Any, str]) -> None:
    client, bucket = s3_bucket
    digest = S3BlobStore(bucket, "blobs", client=client).put(b"fan out")
    keys = [o["Key"] for o in client.list_objects_v2(Bucket=bucket)["Contents"]]
    assert keys == [f"blobs/{digest[:2]}/{digest[2:4]}/{digest}"]


def test_s3_put_skips_upload_when_present(s3_bucket: tuple[Any, str]) -> None:
    client, bucket = s3_bucket
    uploads: list[str] = []
    client.meta.events.register("before-call.s3.PutObject", lambda params, **_: uploads.append(params["url_path"]))
    store = S3BlobStore(bucket, client=client)
    store.put(b"once")
    store.put(b"once")
    assert len(uploads) == 1


def test_s3_uploads_carry_sha256_checksum(s3_bucket: tuple[Any, str]) -> None:
    """The upload names its SHA-256, so the server can refuse bytes damaged on the way."""
    client, bucket = s3_bucket
    sent: list[Any] = []
    client.meta.events.register("before-send.s3.PutObject", lambda request, **_: sent.append(request.headers))
    store = S3BlobStore(bucket, client=client)
    digest = store.put(b"checked")
    assert base64.b64decode(sent[0]["x-amz-checksum-sha256"]).hex() == digest
    head = client.head_object(Bucket=bucket, Key=store.key(digest), ChecksumMode="ENABLED")
    assert base64.b64decode(head["ChecksumSHA256"]).hex() == digest
    assert head["ContentLength"] == len(b"checked")


@pytest.mark.parametrize("digest", HOSTILE)
def test_s3_key_refuses_hostile_digest(s3_bucket: tuple[Any, str], digest: str) -> None:
    client, bucket = s3_bucket
    with pytest.raises(ValueError):
        S3BlobStore(bucket, client=client).key(digest)


def test_s3_other_errors_propagate(s3_endpoint: str, aws_env: None) -> None:
    """A missing bucket is not a missing blob: it must not read as KeyError or False."""
    client = boto3.client("s3", endpoint_url=s3_endpoint)
    store = S3BlobStore(f"no-such-bucket-{uuid.uuid4().hex[:8]}", client=client)
    digest = hashlib.sha256(b"x").hexdigest()
    with pytest.raises(client.exceptions.NoSuchBucket):
        store.get(digest)


# --- open_blob_store -----------------------------------------------------------------------

def test_open_default_is_data_dir_blobs(tmp_path: Path) -> None:
    for spec in (None, ""):
        store = open_blob_store(spec, tmp_path)
        assert isinstance(store, LocalBlobStore) and store.root == tmp_path / "blobs"


def test_open_plain_path_and_file_url(tmp_path: Path) -> None:
    plain = open_blob_store(str(tmp_path / "elsewhere"), tmp_path / "data")
    assert isinstance(plain, LocalBlobStore) and plain.root == tmp_path / "elsewhere"
    url = open_blob_store((tmp_path / "with space").as_uri(), tmp_path / "data")
    assert isinstance(url, LocalBlobStore) and url.root == tmp_path / "with space"
    local = open_blob_store(f"file://localhost{tmp_path}/l", tmp_path)
    assert isinstance(local, LocalBlobStore) and local.root == tmp_path / "l"


@pytest.mark.parametrize("spec, bucket, prefix", [
    ("s3://ogi-archive", "ogi-archive", "blobs/"),
    ("s3://ogi-archive/", "ogi-archive", "blobs/"),
    ("s3://ogi-archive/crawl/blobs", "ogi-archive", "crawl/blobs/"),
    ("s3://ogi-archive/crawl/blobs/", "ogi-archive", "crawl/blobs/"),
])
def test_open_s3(aws_env: None, tmp_path: Path, spec: str, bucket: str, prefix: str) -> None:
    pytest.importorskip("boto3")
    store = open_blob_store(spec, tmp_path, s3_endpoint_url="http://127.0.0.1:9000")
    assert isinstance(store, S3BlobStore)
    assert (store.bucket, store.prefix) == (bucket, prefix)
    assert store.client.meta.endpoint_url == "http://127.0.0.1:9000"
    assert not (tmp_path / "blobs").exists()


@pytest.mark.parametrize("spec", ["s3://", "s3:///prefix", "s3://b/p?x=1", "gs://bucket/p", "http://host/blobs",
                                  "file://otherhost/srv/blobs", "file://relative/path"])
def test_open_rejects_other_specs(tmp_path: Path, spec: str) -> None:
    with pytest.raises(ValueError, match="blob store"):
        open_blob_store(spec, tmp_path)


def test_boto3_is_imported_lazily() -> None:
    code = "import sys, ogi.blobstores; assert 'boto3' not in sys.modules and 'botocore' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parent.parent)


def test_s3_server_checksum_mismatch_is_blob_corrupt(s3_bucket: tuple[Any, str]) -> None:
    """An object whose bytes disagree with its stored checksum (bit rot in the store) reads as BlobCorrupt."""
    client, bucket = s3_bucket
    store = S3BlobStore(bucket, client=client)
    digest = store.put(b"the original")
    stale = base64.b64encode(bytes.fromhex(digest)).decode()  # moto, unlike S3, stores a wrong checksum as given
    client.put_object(Bucket=bucket, Key=store.key(digest), Body=b"rotten bytes", ChecksumAlgorithm="SHA256",
                      ChecksumSHA256=stale)
    with pytest.raises(BlobCorrupt, match=f"{digest}.*(?i:checksum)"):  # botocore's check fires before ours
        store.get(digest)
