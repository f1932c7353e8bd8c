"""Extraction over the archive split into shards (machines) and processes: the same documents
as one pass, each report extracted exactly once."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ogi.archive import Archive
from ogi.cli import main
from ogi.pipeline import Shard, extract_archive, extract_in_processes
from tests.webdata import BASE, FIXTURES, PAGES, put_page


def _fill(data_dir: Path) -> None:
    with Archive(data_dir) as archive:
        for name in PAGES:
            put_page(archive, BASE + name, (FIXTURES / "html" / name).read_bytes(), "2024-02-03T08:00:00+00:00")


def _documents(data_dir: Path) -> dict[tuple[str, str], tuple]:
    with Archive(data_dir) as archive:
        return {(r["url"], r["sha256"]): (r["document"], r["error"])
                for r in archive.db.execute("SELECT url, sha256, document, error FROM documents")}


def test_shards_partition_the_digests() -> None:
    digests = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(2000)]
    shards = [Shard(i, 3) for i in (1, 2, 3)]
    assert all(sum(s.owns(d) for s in shards) == 1 for d in digests)
    assert min(sum(s.owns(d) for d in digests) for s in shards) > 600  # roughly even
    for shard in shards:  # a machine's shard split over its processes owns exactly the same reports
        parts = shard.split(4)
        assert all(shard.owns(d) == (sum(p.owns(d) for p in parts) == 1) for d in digests)
        assert all(sum(p.owns(d) for p in parts) <= 1 for d in digests)
    assert Shard.parse("2/4") == Shard(2, 4)
    for bad in ("0/2", "3/2", "x", "1/0", "1/2/3"):
        with pytest.raises(ValueError):
            Shard.parse(bad)


def test_two_machines_by_shard_equal_one_pass(tmp_path: Path) -> None:
    _fill(tmp_path / "one")
    with Archive(tmp_path / "one") as archive:
        whole = extract_archive(archive)
    _fill(tmp_path / "split")
    with Archive(tmp_path / "split") as archive:
        first = extract_archive(archive, shard=Shard(1, 2))
        second = extract_archive(archive, shard=Shard(2, 2))
        again = extract_archive(archive)
    assert first.extracted > 0 and second.extracted > 0
    assert first.add(second).extracted + first.add(second).failed == whole.extracted + whole.failed == len(PAGES)
    assert again.extracted == 0 and again.unchanged == len(PAGES)
    assert _documents(tmp_path / "split") == _documents(tmp_path / "one")


def test_processes_equal_one_pass(tmp_path: Path) -> None:
    _fill(tmp_path / "one")
    extract_in_processes(tmp_path / "one", jobs=1)
    _fill(tmp_path / "two")
    summary = extract_in_processes(tmp_path / "two", jobs=2)
    assert summary.extracted + summary.failed == len(PAGES)
    assert _documents(tmp_path / "two") == _documents(tmp_path / "one")


def test_cli_shard_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(tmp_path)
    assert main(["extract", "--data-dir", str(tmp_path), "--shard", "3/2"]) == 2
    assert "1 ≤ I ≤ N" in capsys.readouterr().err
    assert main(["extract", "--data-dir", str(tmp_path), "--shard", "1/1", "--jobs", "2"]) == 0
    assert f"extracted {len(PAGES)}" in capsys.readouterr().out


# --- 图片版: a page whose report is a series of images ----------------------------------------

OFFICE = FIXTURES / "office"
PAGE = BASE + "tpb/2023.html"
IMAGE_PAGE = """<html><head><meta charset="utf-8"><title>内乡县人民政府2023年政府信息公开工作年度报告（图片版）_内乡县人民政府</title>
<meta name="ArticleTitle" content="内乡县人民政府2023年政府信息公开工作年度报告（图片版）">
<meta name="PubDate" content="2024-01-19"></head><body><img src="/logo.png">
<div class="article">{images}<p>内乡县人民政府</p><p>2024年1月19日</p></div></body></html>"""


def _image_report(data_dir: Path, images: dict[str, bytes]) -> None:
    tags = "".join(f'<p><img src="{name}" width="800"></p>' for name in images)
    with Archive(data_dir) as archive:
        stored = archive.record(source="s", url=PAGE, body=IMAGE_PAGE.format(images=tags).encode("utf-8"),
                                headers={"Content-Type": "text/html; charset=utf-8"}, kind="report")
        archive.mark_report(url=PAGE, source="s", title=None, kind="page", parent_url=None, sha256=stored.sha256)
        for name in reversed(list(images)):  # captured in another order than the page shows them
            url = BASE + "tpb/" + name
            if images[name] is not None:
                image = archive.record(source="s", url=url, body=images[name], kind="attachment", parent_url=PAGE,
                                       headers={"Content-Type": "image/png"})
                archive.mark_report(url=url, source="s", title=None, kind="attachment", parent_url=PAGE,
                                    sha256=image.sha256)


def _current(data_dir: Path) -> dict[str, dict]:
    from ogi.pipeline import current_documents

    with Archive(data_dir) as archive:
        return {str(d["document_url"]): d for d in current_documents(archive)}


def test_an_image_report_is_read_as_one_document(tmp_path: Path) -> None:
    """The four scanned pages of a report shown as images: one document with every table, in page order."""
    import json

    expected = json.loads((OFFICE / "trs_2021_standard_scan.pdf.expected.json").read_text(encoding="utf-8"))
    _image_report(tmp_path, {f"scan-{n}.png": (OFFICE / f"trs_2021_standard_scan-{n}.png").read_bytes()
                             for n in (1, 2, 3, 4)})
    with Archive(tmp_path) as archive:
        summary = extract_archive(archive)
    assert summary.failed == 0 and summary.extracted == 5
    docs = _current(tmp_path)
    page = docs[PAGE]
    assert page["is_annual_report"] and page["table_format"] == "2021" and page["year"] == 2023
    assert page["agency"] == "内乡县人民政府" and page["published_at"] == "2024-01-19"
    right = sum(1 for k, v in expected["figures"].items() if page["figures"][k]["value"] == v)
    assert right / len(expected["figures"]) >= expected["min_cell_accuracy"], right
    assert any(w["code"] == "ocr" for w in page["warnings"])
    assert all(phrase in page["text"].replace(" ", "") for phrase in expected["text_contains"])
    for n in (1, 2, 3, 4):  # each image on its own is part of the page's report, not a report
        part = docs[BASE + f"tpb/scan-{n}.png"]
        assert not part["is_annual_report"] and PAGE in part["not_report_reason"]


def test_unreadable_images_are_warnings_not_failures(tmp_path: Path) -> None:
    _image_report(tmp_path, {"broken.png": b"\x89PNG\r\n\x1a\n truncated", "tiny.png": _blank_png(),
                             "never-archived.png": None})
    with Archive(tmp_path) as archive:
        summary = extract_archive(archive)
    assert summary.failed == 0
    page = _current(tmp_path)[PAGE]
    assert page["is_annual_report"] and page["table_format"] == "none"
    messages = " ".join(w["message"] for w in page["warnings"] if w["code"] == "image_unreadable")
    assert "broken.png" in messages and "OCR" in messages


def _blank_png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 40), "white").save(out, format="PNG")
    return out.getvalue()


def test_a_missing_or_corrupt_body_is_an_error_for_that_report_only(tmp_path: Path) -> None:
    _fill(tmp_path)
    with Archive(tmp_path) as archive:
        gone = archive.latest(BASE + PAGES[0]).sha256
        bad = archive.latest(BASE + PAGES[1]).sha256
        archive.blobs.path(gone).unlink()
        archive.blobs.path(bad).write_bytes(b"not what was fetched")
        summary = extract_archive(archive)
    assert summary.failed == 2 and summary.extracted == len(PAGES) - 2
    assert any("missing" in e for e in summary.errors) and any("corrupt" in e for e in summary.errors)
