from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ogi.cli import main
from tests.conftest import FIXTURES

HTML = FIXTURES / "html"


def test_extract_json_lines_in_input_order(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "empty.html"
    bad.write_bytes(b"")
    inputs = [HTML / "trs_2021_standard.html", bad, HTML / "format_2019_city.html"]
    code = main(["extract", "--json", *map(str, inputs)])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 1  # one input failed …
    assert [line["input"] for line in lines] == [str(p) for p in inputs]  # … and the others were still extracted
    assert "empty" in lines[1]["error"]
    assert lines[0]["table_format"] == "2021" and lines[2]["table_format"] == "2019"
    assert lines[0]["figures"]["requests.new_received.total"]["value"] is not None
    assert lines[0]["document_url"].startswith("file://")


def test_extract_with_url_and_region(capsys) -> None:
    code = main(["extract", "--json", "--url", "http://www.example.gov.cn/a.html", "--region", "河南省南阳市内乡县",
                 str(HTML / "trs_2021_standard.html")])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0
    assert doc["url"] == "http://www.example.gov.cn/a.html"


def test_url_with_several_files_is_refused(capsys) -> None:
    code = main(["extract", "--url", "http://x.gov.cn/", str(HTML / "trs_2021_standard.html"),
                 str(HTML / "format_2019_city.html")])
    assert code == 2
    assert "single PATH" in capsys.readouterr().err


def test_readable_summary(capsys) -> None:
    main(["extract", str(HTML / "failing_identity_2021.html")])
    out = capsys.readouterr().out
    assert "table format: 2021" in out
    assert "failed:" in out and "appeals.review.*" in out


def test_directory_is_read_recursively(capsys) -> None:
    main(["extract", "--json", str(HTML)])
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(list(HTML.iterdir()))


def test_console_script_runs() -> None:
    result = subprocess.run([sys.executable, "-m", "ogi.cli", "extract", str(HTML / "not_report_notice.html")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "report:       no" in result.stdout
