"""Archive write speed: captures recorded per second into each catalog and blob store.

    python bench/archive_bench.py [--n 2000] [--size 30000] [--writers 1] [--postgres] [--s3]

Each capture is a new URL with a distinct body of `--size` bytes (a report page is 20-200 KB),
recorded with `Archive.record` + `mark_report`, as the spider does. `--writers N` runs N
processes at once (workers of a distributed crawl). Stores measured:

* sqlite+disk: the laptop default (D/catalog.sqlite, D/blobs);
* postgresql+disk (`--postgres`): a throwaway local PostgreSQL cluster (Debian's binaries, as
  the tests start it; fsync off, so this is the catalog's CPU cost, not a disk's);
* postgresql+s3 (`--postgres --s3`): blobs on a local S3 server (moto: Python, far slower than
  MinIO or a real store, so read it as an upper bound on our own overhead).

Prints captures/s per store. Network latency to a remote database or bucket is not modelled.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ogi.archive import Archive  # noqa: E402


def _write(data_dir: str, catalog_url: str | None, start: int, n: int, size: int) -> None:
    with Archive(data_dir, catalog_url=catalog_url) as archive:
        pad = os.urandom(size)
        for i in range(start, start + n):
            url = f"http://bench.gov.example/{i}.html"
            stored = archive.record(source="bench", url=url, body=i.to_bytes(8, "big") + pad, kind="report",
                                    headers={"Content-Type": "text/html"})
            archive.mark_report(url=url, source="bench", title=None, kind="page", parent_url=None,
                                sha256=stored.sha256)


def measure(label: str, data_dir: Path, catalog_url: str | None, n: int, size: int, writers: int) -> None:
    _write(str(data_dir / "warm"), catalog_url, 10_000_000, 5, size)  # schema, connections, imports
    ctx = multiprocessing.get_context("spawn")
    per = n // writers
    started = time.perf_counter()
    if writers == 1:
        _write(str(data_dir), catalog_url, 0, per, size)
    else:
        procs = [ctx.Process(target=_write, args=(str(data_dir / f"w{w}"), catalog_url, w * per, per, size))
                 for w in range(writers)]
        for proc in procs:
            proc.start()
        for proc in procs:
            proc.join()
    seconds = time.perf_counter() - started
    print(f"{label:18s} {per * writers:6d} captures, {writers} writer(s): {per * writers / seconds:8.0f} captures/s"
          f"  ({seconds:.2f} s)", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--size", type=int, default=30_000)
    parser.add_argument("--writers", type=int, default=1)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--s3", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ.pop("OGI_CATALOG_URL", None)
        os.environ.pop("OGI_BLOB_STORE", None)
        measure("sqlite+disk", root / "sqlite", None, args.n, args.size, args.writers)
        if not args.postgres:
            return 0
        from tests.pgserver import PostgresServer, find_bin_dir

        bin_dir = find_bin_dir()
        if bin_dir is None:
            print("PostgreSQL is not installed (Debian package postgresql)", file=sys.stderr)
            return 1
        server = PostgresServer(bin_dir)
        try:
            measure("postgresql+disk", root / "pg", server.create_database(), args.n, args.size, args.writers)
            if args.s3:
                import boto3
                from moto.server import ThreadedMotoServer

                moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
                moto.start()
                host, port = moto.get_host_and_port()
                os.environ.update(AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench",
                                  AWS_DEFAULT_REGION="us-east-1", OGI_BLOB_STORE="s3://bench/blobs",
                                  OGI_S3_ENDPOINT_URL=f"http://{host}:{port}")
                boto3.client("s3", endpoint_url=f"http://{host}:{port}").create_bucket(Bucket="bench")
                measure("postgresql+s3", root / "pgs3", server.create_database(), args.n, args.size, args.writers)
                moto.stop()
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
