"""A small data directory for the web tests: fixture reports archived as a crawl would,
one of them edited upstream (two versions), one hostile (script and onerror in its title,
text and markup), then extracted and indexed."""

from __future__ import annotations

import os
from pathlib import Path

from ogi.indexer.service import index_archive
from ogi.archive import Archive
from ogi.pipeline import extract_archive
from ogi.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures"
BASE = "http://www.gov.example/"
HOSTILE_TITLE = "内乡县人民政府2022年政府信息公开工作年度报告<script>alert(1)</script>"
PAGES = ["trs_2021_standard.html", "blank_cells_2021.html", "failing_identity_2021.html", "flat_labels_2021.html",
         "format_2019_city.html", "fullwidth_units_2021.html", "gbk_no_charset.html", "mixed_2021_single_other.html",
         "pre2019_report.html", "not_report_notice.html"]


def hostile_page() -> bytes:
    html = (FIXTURES / "html" / "trs_2021_standard.html").read_text(encoding="utf-8")
    escaped = "内乡县人民政府2022年政府信息公开工作年度报告&lt;script&gt;alert(1)&lt;/script&gt;"
    html = html.replace("内乡县人民政府2023年政府信息公开工作年度报告", escaped)
    html = html.replace("本报告根据", "本报告&lt;img src=x onerror=alert(1)&gt;根据", 1)
    # live markup too: if the archived copy ran in the app's origin, these would fire
    html = html.replace("</head>", "<script>window.parent.__pwned = 1; alert(1)</script></head>", 1)
    html = html.replace("</body>", '<img src="x" onerror="window.parent.__pwned = 2; alert(2)"></body>', 1)
    return html.encode("utf-8")


def put_page(archive: Archive, url: str, body: bytes, when: str) -> None:
    """Archive a page as the crawl would, as a report seen at `when`."""
    stored = archive.record(source="fixtures", url=url, body=body, headers={"Content-Type": "text/html"},
                            kind="page", fetched_at=when)
    archive.mark_report(url=url, source="fixtures", title=None, kind="page", parent_url=None, sha256=stored.sha256,
                        seen_at=when)


def build(data_dir: Path) -> Settings:
    with Archive(data_dir) as archive:
        for name in PAGES:
            body = (FIXTURES / "html" / name).read_bytes()
            put_page(archive, BASE + name, body, "2024-02-03T08:00:00+00:00")
        edited = (FIXTURES / "html" / "blank_cells_2021.html").read_text(encoding="utf-8")
        edited = edited.replace("全年主动公开政府信息213条", "全年主动公开政府信息215条（2024年3月更正）")
        put_page(archive, BASE + "blank_cells_2021.html", edited.encode("utf-8"), "2024-03-10T08:00:00+00:00")
        put_page(archive, BASE + "hostile.html", hostile_page(), "2024-02-03T08:00:00+00:00")
        extract_archive(archive)
    settings = Settings.load(data_dir, env={**os.environ, "OGI_ADMIN_TOKEN": "s3cret-token"})
    index_archive(settings, full=True)
    return settings
