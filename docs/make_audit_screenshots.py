"""Screenshots of the audit pages (issue 18) for the README: `python docs/make_audit_screenshots.py`.

Builds the audit tests' hand-made reports (tests/auditdata.py), serves the app on a free port and
photographs the agency, rankings, roll-up pages and a report's audit section with Debian's
headless Chromium through Playwright.
"""

from __future__ import annotations

import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def main() -> None:
    import uvicorn
    from playwright.sync_api import sync_playwright

    from auditdata import build
    from ogi.web.app import create_app

    settings = build(Path(tempfile.mkdtemp(prefix="ogi-audit-shots-")))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.1)
    base = f"http://127.0.0.1:{port}"
    out = ROOT / "docs"
    shots = {"audit-agency.png": f"/agencies/{quote('411323:人民政府')}",
             "audit-rankings.png": "/rankings?level=county&year=2023&by=rate_disclosure",
             "audit-regions.png": "/regions?level=county&year=2023"}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="zh-CN")
        for name, path in shots.items():
            page.goto(base + path)
            page.screenshot(path=str(out / name))
        page.goto(f"{base}/agencies/{quote('411323:人民政府')}")
        page.click("table.yoy thead a >> text=2023")
        page.wait_for_selector("section.audit")
        page.locator("section.audit").screenshot(path=str(out / "audit-report.png"))
        browser.close()
    server.should_exit = True
    print("wrote", ", ".join(str(out / n) for n in [*shots, "audit-report.png"]))


if __name__ == "__main__":
    main()
