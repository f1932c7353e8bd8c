"""Plain sites: 下一页/尾页 links, list_2.html, ?page=2; PDF viewers, iframes, onclick downloads."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urljoin, urlparse

from crawler.links import Link

NAME = "static"
_NEXT_WORDS = ("下一页", "下页", "尾页", "末页", "后一页", ">", "»", "›")
_PAGED = re.compile(r"(?:[_-](\d{1,4})\.s?html?$|[?&](?:page|pageNo|pageIndex|p|curpage)=\d+)", re.I)
_A = re.compile(r"<a\b[^>]*?href\s*=\s*['\"]([^'\"#]+)['\"][^>]*>(.*?)</a>", re.I | re.S)
_ONCLICK = re.compile(r"""(?:window\.open|location\.href\s*=|window\.location\s*=|downloadFile)\s*\(?\s*['"]([^'"]+)['"]""", re.I)
_IFRAME = re.compile(r"<(?:iframe|embed)\b[^>]*?src\s*=\s*['\"]([^'\"]+)['\"]", re.I)
DOC_SUFFIX = re.compile(r"\.(pdf|docx?|wps|xlsx?|et|ofd|zip|rar)(?:$|[?#])", re.I)
IMAGE_SUFFIX = re.compile(r"\.(jpe?g|png|gif|bmp|tiff?)(?:$|[?#])", re.I)


def detect(url: str, text: str) -> bool:
    return True


def _strip_tags(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).strip()


def links(url: str, text: str) -> list[Link]:
    out: list[Link] = []
    for href, inner in _A.findall(text):
        label = _strip_tags(inner)
        target = urljoin(url, href.strip())
        if label in _NEXT_WORDS or re.fullmatch(r"\d{1,4}", label) or (label and _PAGED.search(href) and len(label) <= 4):
            out.append(Link(target, "list", label))
    for raw in _ONCLICK.findall(text) + _IFRAME.findall(text):
        target = urljoin(url, raw.strip())
        out.append(Link(viewer_file(target) or target, "attachment"))
    return out


def viewer_file(url: str) -> str | None:
    """"/viewer.html?file=/upload/a.pdf" → the PDF's URL."""
    parsed = urlparse(url)
    files = parse_qs(parsed.query).get("file")
    if files and DOC_SUFFIX.search(files[0]):
        return urljoin(url, files[0])
    return None
