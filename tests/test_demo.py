"""`ogi demo` as a new user runs it: a subprocess that harvests the bundled portals and
ends with the web app answering a search (and, with Chromium present, a browser loading it)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from tests.conftest import free_port



def test_demo_ends_with_the_web_app_answering_a_search(tmp_path: Path) -> None:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "ogi.cli", "demo", "--port", str(port),
                             "--data-dir", str(tmp_path / "demo")],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 600
        url = None
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "is ready:" in line:
                url = line.split("is ready:")[1].split()[0]
                break
        assert url == f"http://127.0.0.1:{port}/", "".join(lines)
        query = urllib.parse.urlencode({"q": "行政复议", "facet": "province"})
        with urllib.request.urlopen(f"{url}api/search?{query}", timeout=30) as response:
            body = json.loads(response.read())
        assert body["total"] >= 15, body  # reports of the four portals
        assert len(body["facets"]["province"]) == 4  # 湖南, 江苏, 广东, 河北
        hit = body["hits"][0]
        with urllib.request.urlopen(f"{url}reports/{hit['id']}", timeout=30) as response:
            assert "三、收到和处理政府信息公开申请情况" in response.read().decode("utf-8") or hit["table_format"] == "none"
        if shutil.which("chromium"):
            from playwright.sync_api import sync_playwright

            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
                page = browser.new_page()
                page.goto(url + "?q=复议")
                assert int(page.text_content("p.total strong")) >= 15
                browser.close()
        harvest = [line for line in lines if line.strip().startswith("demo-")]
        assert len(harvest) == 4 and all(": ok," in line for line in harvest), "".join(lines)
    finally:
        proc.terminate()
        proc.wait(20)


def test_demo_refuses_a_used_data_dir(tmp_path: Path) -> None:
    (tmp_path / "x").write_text("keep me")
    result = subprocess.run([sys.executable, "-m", "ogi.cli", "demo", "--data-dir", str(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "not empty" in result.stderr + result.stdout
    assert (tmp_path / "x").read_text() == "keep me"


def test_demo_checks_its_port_before_harvesting(tmp_path: Path) -> None:
    """A busy port fails at once, before any harvest, and the data directory can be used again."""
    import socket
    import time

    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    port = busy.getsockname()[1]
    target = tmp_path / "demo"
    try:
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "ogi.cli", "demo", "--port", str(port),
                                 "--data-dir", str(target)], capture_output=True, text=True, timeout=120)
        took = time.monotonic() - started
    finally:
        busy.close()
    said = result.stderr + result.stdout
    assert result.returncode != 0 and f"127.0.0.1:{port}" in said and "--port" in said, said
    assert "harvesting" not in said and took < 60
    assert not target.exists() or not any(target.iterdir())
