"""PDF from the printable audit pages: headless Chromium (Debian's `chromium`, driven by
Playwright — the browser tests' own dependency). Without either, `available()` says why and
the web app answers 503 with that reason instead of a PDF."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from typing import Iterable


def chromium_path() -> str | None:
    return os.environ.get("OGI_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def available() -> str | None:
    """None when PDFs can be made, else the reason they cannot."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "PDF needs Playwright (pip install playwright) and Debian's chromium"
    if chromium_path() is None:
        return "PDF needs chromium on PATH (apt-get install chromium) or OGI_CHROMIUM"
    return None


def html_to_pdf(pages: Iterable[str]) -> list[bytes]:
    """Each self-contained HTML page (inline CSS, no external resources) as an A4 PDF. Chromium is
    driven from a thread of its own: Playwright's sync API refuses a thread with an event loop
    (a caller inside asyncio, or another Playwright session)."""
    reason = available()
    if reason:
        raise RuntimeError(reason)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1, thread_name_prefix="ogi-pdf") as pool:
        return pool.submit(_print_pages, list(pages)).result()


def _print_pages(pages: list[str]) -> list[bytes]:
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox", "--disable-gpu"])
        try:
            context = browser.new_context(java_script_enabled=False, offline=True)
            page = context.new_page()
            for html in pages:
                page.set_content(html, wait_until="load")
                out.append(page.pdf(format="A4", print_background=True,
                                    margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"}))
            context.close()
        finally:
            browser.close()
    return out


def zip_pdfs(named: Iterable[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in named:
            z.writestr(name, data)
    return buffer.getvalue()
