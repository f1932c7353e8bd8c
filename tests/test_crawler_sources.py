from __future__ import annotations

from pathlib import Path

import pytest

from ogi.crawler.recognise import link_kind
from ogi.crawler.sources import Source, SourceError, load_sources


def test_sources_file_and_bare_urls(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(
        "sources:\n"
        "  - name: 洪泽区人民政府\n    region: 江苏省淮安市洪泽区\n    cms: trs\n"
        "    start_urls: [\"http://www.hongze.gov.cn/hzqzf/zfxxgknb/\"]\n"
        "    allowed_domains: [hongze.gov.cn]\n",
        encoding="utf-8",
    )
    a, b = load_sources([str(f), "http://127.0.0.1:8000/nb/"])
    assert a.name == "洪泽区人民政府" and a.cms == "trs" and a.region == "江苏省淮安市洪泽区"
    assert b.name == "127.0.0.1:8000" and b.start_urls == ("http://127.0.0.1:8000/nb/",)


@pytest.mark.parametrize("text", ["sources: 3\n", "- a\n", "sources:\n  - name: x\n", ":\n  - ["])
def test_bad_sources_files_say_why(tmp_path: Path, text: str) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError):
        load_sources([str(f)])


def test_private_addresses_only_when_named() -> None:
    public = Source("x", ("http://www.xuwen.gov.cn/zfxxgk/",), allowed_domains=("xuwen.gov.cn",))
    assert public.allows("http://www.xuwen.gov.cn/a.html")
    assert public.allows("http://xxgk.xuwen.gov.cn/a.html")
    assert not public.allows("http://www.example.com/a.html")
    assert not public.allows("http://127.0.0.1:8000/a.html")
    assert not public.allows("http://10.0.0.5/a.html")
    local = Source("y", ("http://127.0.0.1:8000/",))
    assert local.allows("http://127.0.0.1:8000/nb/index.html")
    assert not local.allows("http://127.0.0.1:9000/")  # another port is another host
    assert not local.allows("ftp://127.0.0.1:8000/")


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("内乡县人民政府2023年政府信息公开工作年度报告", "report"),
        ("2022年政府信息公开工作年度报告（图片版）", "report"),
        ("二〇二二年政府信息公开工作年度报告", "report"),
        ("关于做好2023年政府信息公开工作年度报告编制发布工作的通知", None),
        ("政府信息公开指南", None),
        ("2024年政务公开工作要点", None),
        ("2023年政府工作报告", None),
        ("政府信息公开年报", "column"),
        ("XX县2023年政府信息公开工作年度...", "maybe"),
    ],
)
def test_link_kind(title: str, kind: str | None) -> None:
    assert link_kind(title, "http://x/a.html") == kind


def test_polite_defaults_read_in_one_place(monkeypatch) -> None:
    from ogi.crawler.run import crawl_settings

    s = crawl_settings()
    assert s["ROBOTSTXT_OBEY"] is True and s["AUTOTHROTTLE_ENABLED"] is True
    assert 1 <= s["CONCURRENT_REQUESTS_PER_DOMAIN"] <= 2
    assert 503 in s["RETRY_HTTP_CODES"] and s["RETRY_TIMES"] >= 2
    assert s["DOWNLOAD_MAXSIZE"] <= 200 * 1024 * 1024
    monkeypatch.setenv("OGI_CRAWL_SETTINGS", '{"DOWNLOAD_DELAY": 0}')
    assert crawl_settings()["DOWNLOAD_DELAY"] == 0
    assert crawl_settings(DOWNLOAD_DELAY=3)["DOWNLOAD_DELAY"] == 3
