"""Plain sites: 下一页/尾页 links, list_2.html, ?page=2; PDF viewers, iframes, onclick downloads."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urljoin, urlparse

from ogi.crawler.links import Link

NAME = "static"
_NEXT_WORDS = ("下一页", "下页", "尾页", "末页", "后一页", ">", "»", "›")
_PAGED = re.compile(r"(?:[_-](\d{1,4})\.s?html?$|[?&](?:page|pageNo|pageIndex|p|curpage)=\d+)", re.I)
_A = re.compile(r"<a\b[^>]*?href\s*=\s*['\"]([^'\"#]+)['\"][^>]*>(.*?)</a>", re.I | re.S)
_ONCLICK = re.compile(r"""(?:window\.open|location\.href\s*=|window\.location\s*=|downloadFile)\s*\(?\s*['"]([^'"]+)['"]""", re.I)
_IFRAME = re.compile(r"<(?:iframe|embed)\b[^>]*?src\s*=\s*['\"]([^'\"]+)['\"]", re.I)
_PAGE_COUNT = re.compile(r"共\s*(\d{1,4})\s*页|\d{1,4}\s*/\s*(\d{1,4})\s*页")
_NUMBERED = re.compile(r"([_-])(\d{1,4})(\.s?html?)$|([?&](?:page|pageNo|pageIndex|p|curpage)=)(\d{1,4})(?=$|&)", re.I)
MAX_PAGES = 500
DOC_SUFFIX = re.compile(r"\.(pdf|docx?|wps|xlsx?|et|ofd|zip|rar)(?:$|[?#])", re.I)
IMAGE_SUFFIX = re.compile(r"\.(jpe?g|png|gif|bmp|tiff?)(?:$|[?#])", re.I)


def detect(url: str, text: str) -> bool:
    return True


def _strip_tags(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).strip()


def links(url: str, text: str) -> list[Link]:
    out: list[Link] = []
    numbered: list[str] = []
    for href, inner in _A.findall(text):
        label = _strip_tags(inner)
        target = urljoin(url, href.strip())
        if label in _NEXT_WORDS or re.fullmatch(r"\d{1,4}", label) or (label and _PAGED.search(href) and len(label) <= 4):
            out.append(Link(target, "list", label, pagination="next"))
            if _NUMBERED.search(target):
                numbered.append(target)
    for raw in _ONCLICK.findall(text) + _IFRAME.findall(text):
        target = urljoin(url, raw.strip())
        out.append(Link(viewer_file(target) or target, "attachment"))
    out += _stated_pages(url, text, numbered) or _js_pages(url, text) or _probe(url, text, bool(numbered))
    return out


_JS_COUNT = re.compile(r"\b(?:pageCount|pagecount|page_count|totalPages?|totalpage|pageTotal|countPage|maxPage|pageNum)"
                       r"\s*[:=]\s*['\"]?(\d{1,4})\b")
_JS_CALL = re.compile(r"\b(?:createPage\w*|showPage\w*|pageNav\w*|initPage\w*)\(\s*['\"]?(\d{1,4})['\"]?\s*,"
                      r"\s*['\"]?\d{1,4}['\"]?\s*,\s*['\"]([\w-]+)['\"]\s*,\s*['\"](s?html?)['\"]")
_JS_PLACEHOLDER = re.compile(r"['\"]([^'\"<>\s]*?)\{(?:page|pageNo|p|n|i)\}([^'\"<>\s]*)['\"]")
_JS_CONCAT = re.compile(r"['\"]([^'\"<>\s]*?(?:[_-]|[?&](?:page|pageNo|pageIndex|p|curpage)=))['\"]\s*\+\s*\w+"
                        r"(?:\s*\+\s*['\"](\.s?html?)['\"])?")


def _js_pages(url: str, text: str) -> list[Link]:
    """A pager drawn by script from a page count (`createPage(5, 0, "list", "html")`,
    `var pageCount = 5` with `"list_{page}.html"` or `"list_" + i + ".html"`): every page."""
    scripts = " ".join(re.findall(r"<script\b[^>]*>(.*?)</script>", text, re.I | re.S))
    call = _JS_CALL.search(scripts)
    if call:
        pages, name, ext = int(call.group(1)), call.group(2), call.group(3)
        template = urljoin(url, f"{name}_{{n}}.{ext}")
    else:
        count = _JS_COUNT.search(scripts)
        if not count:
            return []
        pages = int(count.group(1))
        if (m := _JS_PLACEHOLDER.search(scripts)):
            template = urljoin(url, f"{m.group(1)}{{n}}{m.group(2)}")
        elif (m := _JS_CONCAT.search(scripts)):
            template = urljoin(url, f"{m.group(1)}{{n}}{m.group(2) or ''}")
        else:
            path = urlparse(url).path
            stem = re.search(r"/([\w-]+)\.(s?html?)$", path)
            if not stem:
                return []
            template = urljoin(url, f"{stem.group(1)}_{{n}}.{stem.group(2)}")
    # pages numbered from 1 (list_2 is the second) or from 0 (index_1 is the second): ask 1..pages
    return [Link(template.replace("{n}", str(n)), "list", pagination="stated", limit_hit=pages > MAX_PAGES)
            for n in range(1, min(pages, MAX_PAGES) + 1)]


def _with_number(url: str, n: int) -> str:
    def repl(m: re.Match[str]) -> str:
        return f"{m.group(1)}{n}{m.group(3)}" if m.group(1) else f"{m.group(4)}{n}"

    return _NUMBERED.sub(repl, url, count=1)


def _stated_pages(url: str, text: str, numbered: list[str]) -> list[Link]:
    """"共 5 页" or "1/5页" with numbered page links: every page, by the links' own pattern."""
    m = _PAGE_COUNT.search(re.sub(r"<[^>]+>", " ", text))
    if not m or not numbered:
        return []
    pages = int(m.group(1) or m.group(2))
    return [Link(_with_number(numbered[0], n), "list", pagination="stated", limit_hit=pages > MAX_PAGES)
            for n in range(1, min(pages, MAX_PAGES) + 1)]


def _probe(url: str, text: str, has_page_links: bool) -> list[Link]:
    """A numbered list page (list_3.html, ?page=3) that links no further page: the next number,
    asked for in case it exists."""
    if has_page_links or not _NUMBERED.search(url):
        return []
    m = _NUMBERED.search(url)
    n = int(m.group(2) or m.group(5))
    return [Link(_with_number(url, n + 1), "list", pagination="probe")]


def viewer_file(url: str) -> str | None:
    """"/viewer.html?file=/upload/a.pdf" → the PDF's URL."""
    parsed = urlparse(url)
    files = parse_qs(parsed.query).get("file")
    if files and DOC_SUFFIX.search(files[0]):
        return urljoin(url, files[0])
    return None
