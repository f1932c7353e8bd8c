"""Export archived captures as WARC (ISO 28500), so other web-archive tools can open them."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ogi.archive import Archive

_REASONS = {200: "OK", 301: "Moved Permanently", 302: "Found", 304: "Not Modified", 404: "Not Found",
            410: "Gone", 500: "Internal Server Error", 503: "Service Unavailable"}


def export_warc(archive: Archive, target: str | Path, *, source: str | None = None,
                problems: list[str] | None = None) -> int:
    """Write one gzipped `response` record per capture; returns the number of records. A capture
    whose stored body is damaged or missing is left out and named in `problems`, the rest written."""
    from ogi.blobstores import BlobCorrupt

    count = 0
    with open(target, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for cap in archive.captures():
            if source and cap.source != source:
                continue
            try:
                body = archive.blobs.get(cap.sha256)
            except (BlobCorrupt, KeyError) as exc:
                if problems is not None:
                    problems.append(f"{cap.url} ({cap.fetched_at}): stored body {cap.sha256[:12]} "
                                    f"{'is corrupt' if isinstance(exc, BlobCorrupt) else 'is missing'}; left out")
                continue
            headers = [(k, v) for k, v in cap.headers.items()
                       if k.lower() not in ("content-length", "transfer-encoding", "content-encoding")]
            status_line = f"{cap.status} {_REASONS.get(cap.status, 'Unknown')}"
            http_headers = StatusAndHeaders(status_line, headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(
                cap.url,
                "response",
                payload=BytesIO(body),
                length=len(body),
                http_headers=http_headers,
                warc_headers_dict={"WARC-Date": cap.fetched_at.replace("+00:00", "Z"),
                                   "WARC-Payload-Digest": f"sha256:{cap.sha256}"},
            )
            writer.write_record(record)
            count += 1
    return count
