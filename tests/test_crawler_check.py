"""`ogi sources check` against local portals, a dead port, and the shipped real-portals file."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from ogi.crawler.check import check_sources
from ogi.crawler.sources import load_sources
from ogi.cli import main
from ogi.demo.portals.server import load_expected, serve_many
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parent.parent


def _dead_url() -> str:
    return f"http://127.0.0.1:{free_port()}/"


def test_families_detected_and_dead_port_reported(tmp_path: Path, capsys) -> None:
    with serve_many(["trs", "gkmlpt", "hanweb"]) as sites:
        entries = [{"name": f, "start_urls": [sites[f].url(load_expected(f)["start_path"])], "cms": f} for f in ("trs", "gkmlpt", "hanweb")]
        entries.append({"name": "dead", "start_urls": [_dead_url()], "verified": False})
        path = tmp_path / "s.yaml"
        path.write_text(yaml.safe_dump({"sources": entries}, allow_unicode=True), encoding="utf-8")
        results = {r.source: r for r in check_sources(load_sources([str(path)]), timeout=5)}
        assert [(results[f].ok, results[f].cms, results[f].cms_matches) for f in ("trs", "gkmlpt", "hanweb")] == \
            [(True, "trs", True), (True, "gkmlpt", True), (True, "hanweb", True)]
        assert not results["dead"].ok and results["dead"].error and results["dead"].status is None
        assert main(["sources", "check", str(path)]) == 1  # one start page did not answer
        out = capsys.readouterr().out
        assert "3 of 4 start pages answered" in out and "[unverified] dead" in out
        assert main(["sources", "check", str(path), "--json"]) == 1
        assert len(json.loads(capsys.readouterr().out)) == 4


def test_shipped_real_portals_load_and_are_marked_unverified() -> None:
    sources = load_sources([str(ROOT / "sources" / "real-portals.yaml")])
    assert len(sources) >= 10 and not any(s.verified for s in sources)
    assert all(s.start_urls and s.start_urls[0].startswith("http") for s in sources)
