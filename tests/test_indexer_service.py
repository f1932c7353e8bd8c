"""Indexing a data directory and the `ogi index / search / aggregate / export` commands on it.

The archive is filled from the frozen HTML fixtures, as a crawl would fill it.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from ogi.indexer.service import index_archive, search
from ogi.archive import Archive
from ogi.cli import main
from ogi.pipeline import extract_archive
from ogi.settings import Settings

HTML = Path(__file__).parent / "fixtures" / "html"
BASE = "http://gov.example/"


def _capture(archive: Archive, name: str, body: bytes | None = None) -> str:
    url = BASE + name
    body = body if body is not None else (HTML / name).read_bytes()
    stored = archive.record(source="test", url=url, body=body, headers={"Content-Type": "text/html"}, kind="page")
    archive.mark_report(url=url, source="test", title=None, kind="page", parent_url=None, sha256=stored.sha256)
    return url


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    with Archive(tmp_path) as archive:
        for path in sorted(HTML.glob("*.html")):
            _capture(archive, path.name)
        extract_archive(archive)
    return tmp_path


def _reports() -> int:
    return sum(1 for p in HTML.glob("*.expected.json") if json.loads(p.read_text())["is_annual_report"])


def test_full_then_incremental(data_dir: Path) -> None:
    settings = Settings.load(data_dir, env={})
    first = index_archive(settings, full=True)
    assert first.indexed == first.total == _reports() and first.not_reports >= 1
    again = index_archive(settings)
    assert (again.indexed, again.unchanged, again.deleted) == (0, _reports(), 0)

    page = (HTML / "blank_cells_2021.html").read_text(encoding="utf-8")
    with Archive(data_dir) as archive:  # the agency edits one report upstream …
        _capture(archive, "blank_cells_2021.html", page.replace("全年主动公开政府信息213条", "全年主动公开政府信息213条（更正一处笔误）").encode())
        extract_archive(archive)
        archive.mark_removed(BASE + "format_2019_city.html")  # … and deletes another
    update = index_archive(settings)
    assert (update.indexed, update.unchanged) == (2, _reports() - 2)
    assert search(settings, "更正一处笔误").total == 1
    removed = search(settings, None, "removed = true")
    assert [h.record["url"] for h in removed.hits] == [BASE + "format_2019_city.html"]  # kept, flagged


def test_search_json_shape(data_dir: Path, capsys) -> None:
    main(["index", "--data-dir", str(data_dir)])
    capsys.readouterr()
    assert main(["search", "行政复议", "--data-dir", str(data_dir), "--json", "--facet", "province,year",
                 "-f", "year >= 2019", "--limit", "2"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"total", "hits", "facets"} and out["total"] >= 2 and len(out["hits"]) == 2
    hit = out["hits"][0]
    for key in ("id", "title", "url", "agency", "region", "year", "snippet", "captured_at", "sha256"):
        assert key in hit
    assert "<mark>行政复议</mark>" in hit["snippet"]
    assert sum(out["facets"]["year"].values()) == out["total"]


def test_search_text_output_and_errors(data_dir: Path, capsys) -> None:
    main(["index", "--data-dir", str(data_dir)])
    capsys.readouterr()
    assert main(["search", "复议", "--data-dir", str(data_dir), "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "【复议】" in out and "reports" in out
    assert main(["search", "x", "--data-dir", str(data_dir), "-f", "nosuch = 1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ogi search: unknown field") and "Traceback" not in err
    assert main(["search", "x", "--data-dir", str(data_dir), "--sort", "province"]) == 2


def test_export_with_filters_and_aggregate(data_dir: Path, capsys, tmp_path: Path) -> None:
    main(["index", "--data-dir", str(data_dir)])
    capsys.readouterr()
    assert main(["export", "--data-dir", str(data_dir), "--format", "csv", "-f", "table_format = 2019"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and {r["table_format"] for r in rows} == {"2019"}
    assert "requests.new_received.total" in rows[0]  # columns are the dotted figure keys

    target = tmp_path / "out.parquet"
    assert main(["export", "--data-dir", str(data_dir), "--format", "parquet", "-o", str(target), "-q", "复议"]) == 0
    import pyarrow.parquet as pq

    table = pq.read_table(target)
    assert table.num_rows >= 2 and str(table.schema.field("requests.new_received.total").type) == "double"

    assert main(["aggregate", "requests.new_received.total", "--by", "table_format", "--data-dir", str(data_dir),
                 "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    by_format = {r["table_format"]: r for r in result["rows"]}
    values = [float(r["requests.new_received.total"]) for r in
              csv.DictReader(io.StringIO(_export_csv(data_dir, capsys))) if r["requests.new_received.total"]
              and r["table_format"] == "2019"]
    assert by_format["2019"]["sum"] == pytest.approx(sum(values)) and by_format["2019"]["count"] == len(values)


def _export_csv(data_dir: Path, capsys) -> str:
    main(["export", "--data-dir", str(data_dir), "--format", "csv", "-f", "year EXISTS OR year NOT EXISTS"])
    return capsys.readouterr().out


def test_settings_pick_the_backend(tmp_path: Path) -> None:
    assert Settings.load(tmp_path, env={}).search_backend == "embedded"
    meili = Settings.load(tmp_path, env={"MEILI_URL": "http://127.0.0.1:7700", "MEILI_MASTER_KEY": "k"})
    assert meili.search_backend == "meilisearch" and meili.meili_index == "reports"
    with pytest.raises(ValueError, match="needs MEILI_URL"):
        Settings.load(tmp_path, env={"OGI_SEARCH_BACKEND": "meilisearch"})


def test_an_index_built_with_other_fields_is_rebuilt_not_a_crash(data_dir: Path, capsys) -> None:
    """An archive indexed by an earlier version (fewer fields): `ogi search` says how to rebuild,
    `ogi index --changed` rebuilds it instead of failing."""
    import tantivy

    root = data_dir / "index"
    (root / "gen-1").mkdir(parents=True)
    old = tantivy.SchemaBuilder()
    old.add_text_field("id", stored=True, tokenizer_name="raw", fast=True)
    tantivy.Index(old.build(), path=str(root / "gen-1"))
    (root / "CURRENT").write_text("gen-1")
    assert main(["search", "复议", "--data-dir", str(data_dir)]) == 2
    assert "ogi index --data-dir" in capsys.readouterr().err
    assert main(["index", "--changed", "--data-dir", str(data_dir)]) == 0
    assert search(Settings.load(data_dir, env={}), "复议").total >= 1
