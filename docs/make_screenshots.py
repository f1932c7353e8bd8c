"""Screenshots of the web app for the README: `python docs/make_screenshots.py`.

Builds the web tests' small data directory (fixture reports, archived, extracted, indexed),
serves the app on a free port and photographs the search page and a report page with
Debian's headless Chromium through Playwright.
"""

from __future__ import annotations

import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def main() -> None:
    import uvicorn
    from playwright.sync_api import sync_playwright

    from ogi.web.app import create_app
    from webdata import build

    settings = build(Path(tempfile.mkdtemp(prefix="ogi-shots-")))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.1)
    base = f"http://127.0.0.1:{port}"
    out = ROOT / "docs"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        page.goto(base + "/?q=" + "行政复议 纠正")
        page.screenshot(path=str(out / "search.png"))
        page.click("ol.hits li a.title >> nth=0")
        page.wait_for_selector("article.report h1")
        page.screenshot(path=str(out / "report.png"), full_page=False)
        page.goto(base + "/figures?figure=requests.new_received.total&level=province")
        page.screenshot(path=str(out / "figures.png"))
        browser.close()
    server.should_exit = True
    print("wrote", ", ".join(str(out / n) for n in ("search.png", "report.png", "figures.png")))


if __name__ == "__main__":
    main()
