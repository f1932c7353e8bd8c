"""HTML pages of government portals: find the article among the chrome, read its tables.

BeautifulSoup with the lxml parser. The page is walked iteratively (no recursion,
so hostile nesting cannot blow the stack); data tables become grid rows with
rowspan/colspan expanded, everything else becomes text lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from ogi.document import SourceFormat, Warning
from ogi.grid import Cell, GridBuilder, Row
from ogi.readers.base import ReaderOutput
from ogi.readers.pasted import pasted_row
from ogi.textutil import tidy_line

# Where the CMS families put the article body (most specific first).
BODY_SELECTORS = (
    "div.TRS_Editor",
    "div.TRS_UEDITOR",
    "#zoom",
    "#ivs_content",
    "#UCAP-CONTENT",
    ".article-content",
    ".article_content",
    "#article-content",
    ".pages_content",
    ".zw-content",
    "#zw",
    ".content-text",
    "#content",
    ".content",
    "article",
)

def _parse_selector(selector: str) -> tuple[str, str, str]:
    """"div.TRS_Editor" → ("div", "class", "TRS_Editor"); "#zoom" → ("", "id", "zoom")."""
    m = re.fullmatch(r"([a-z]*)(?:([.#])([\w-]+))?", selector)
    assert m, selector
    name, mark, value = m.groups()
    kind = {".": "class", "#": "id", None: "tag"}[mark]
    return name, kind, value or name


_PARSED_SELECTORS = tuple(_parse_selector(s) for s in BODY_SELECTORS)

_CHROME_WORDS = re.compile(
    r"(^|[-_\s])(nav|navbar|menu|header|head|top|topbar|footer|foot|bottom|breadcrumb|crumb|position|location|"
    r"dqwz|share|print|fx|related|xgxx|xglj|relate|sidebar|side|aside|links|friend|copyright|banner|search|login|"
    r"toolbar|tools|qrcode|ewm)([-_\s]|$)",
    re.I,
)
_CHROME_TEXT = re.compile(r"^\s*[【\[]?\s*(打印本页|打印|关闭窗口|关闭|收藏|分享到|字号|返回顶部|扫一扫)")
_BLOCK_TAGS = frozenset(
    "p div li h1 h2 h3 h4 h5 h6 section article header footer tr table ul ol dl dt dd blockquote pre center form main".split()
)
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "object", "embed", "head", "select", "button", "input", "textarea")
_META_LABELS = {
    "索引号": "index_no",
    "发布机构": "publisher",
    "发文机关": "publisher",
    "公开主体": "publisher",
    "信息来源": "source",
    "来源": "source",
    "发布日期": "published",
    "发布时间": "published",
    "成文日期": "written",
    "生成日期": "written",
    "文号": "doc_no",
    "发文字号": "doc_no",
    "主题分类": "topic",
    "公开方式": "open_mode",
    "名称": "name",
    "标题": "name",
}
_META_NAMES = {
    "articletitle": "article_title",
    "pubdate": "published",
    "contentsource": "source",
    "sitename": "site_name",
    "columnname": "column_name",
    "author": "author",
}
MAX_HTML_BYTES = 10_000_000  # after inline images, scripts and styles are stripped
MAX_TABLE_COLS = 200


def read_html(text: str, *, max_bytes: int = MAX_HTML_BYTES) -> ReaderOutput:
    from ogi.readers.base import ExtractionError

    warnings: list[Warning] = []
    if len(text) > 2_000_000:
        text, removed = _strip_heavy_parts(text)
        if removed:
            warnings.append(Warning("html_stripped", f"removed {removed:,} characters of inline data, scripts and styles"))
    if len(text.encode("utf-8", "ignore")) > max_bytes:
        raise ExtractionError(
            f"HTML too large: {len(text) / 1e6:.1f} M characters of markup after stripping scripts and inline data "
            f"(limit {max_bytes / 1e6:.0f} MB); not a report page"
        )
    soup = BeautifulSoup(text, "lxml")
    meta = _page_meta(soup)
    page_title = tidy_line(soup.title.get_text()) if soup.title else None
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_hidden):
        tag.decompose()  # text a reader never sees must not become a figure ("1<span hidden>1</span>")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    stats = _subtree_stats(soup)
    meta.update(_metadata_table(soup, stats))
    body = _find_body(soup, stats)
    title = meta.get("article_title") or _heading_title(soup, stats) or None
    rows = list(_walk(body, warnings))
    return ReaderOutput(
        format=SourceFormat.HTML,
        rows=rows,
        title=title,
        page_title=page_title,
        meta=meta,
        warnings=warnings,
        attachments=_attachments(body),
    )


_ATTACHMENT_SUFFIX = re.compile(r"\.(pdf|docx?|wps|xlsx?|et|ofd|jpe?g|png|gif|bmp|tiff?)(?:$|[?#])", re.I)


def _attachments(body: Tag) -> list[str]:
    """Links and images in the article that may hold the report itself (PDF, Word, 图片版 pages)."""
    found: dict[str, None] = {}
    for tag in body.find_all(("a", "img", "iframe", "embed")):
        ref = tag.get("href") or tag.get("src") or ""
        ref = str(ref).strip()
        if ref and not ref.startswith(("javascript:", "data:", "#", "mailto:")):
            if tag.name != "a" or _ATTACHMENT_SUFFIX.search(ref) or "file=" in ref:
                found.setdefault(ref, None)
    return list(found)


def _strip_heavy_parts(text: str) -> tuple[str, int]:
    before = len(text)
    text = re.sub(r"(?is)<script\b.*?</script\s*>", "", text)
    text = re.sub(r"(?is)<style\b.*?</style\s*>", "", text)
    text = re.sub(r"(?i)data:[a-z/+.-]+;base64,[a-z0-9+/=\s]+", "data:,", text)
    return text, before - len(text)


# --- metadata -------------------------------------------------------------------------


def _page_meta(soup: BeautifulSoup) -> dict[str, str]:
    meta: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        name = (tag.get("name") or tag.get("property") or "").strip().lower()
        key = _META_NAMES.get(name)
        content = tidy_line(tag.get("content") or "")
        if key and content and key not in meta:
            meta[key] = content
    return meta


_META_INLINE = re.compile(
    r"(索引号|发布机构|发文机关|公开主体|信息来源|发布日期|发布时间|成文日期|生成日期|文号|发文字号|主题分类)\s*[:：]\s*"
)


def _small(tag: Tag | None, stats: dict[int, _Stats], max_text: int = 120) -> bool:
    st = stats.get(id(tag)) if tag is not None else None
    return st is not None and 0 < st.text <= max_text and st.nodes <= 60


_META_LABEL_TEXT = re.compile("|".join(sorted({re.escape(k) for k in _META_LABELS} | {"索\\s*引\\s*号"}, key=len, reverse=True)))


def _metadata_table(soup: BeautifulSoup, stats: dict[int, _Stats]) -> dict[str, str]:
    """索引号 / 发布机构 / 发布日期 … from a metadata table or "label：value" lines."""
    found: dict[str, str] = {}
    seen: set[int] = set()
    for string in soup.find_all(string=_META_LABEL_TEXT, limit=200):
        cell = string.parent
        # climb to the element that holds the label (a <span> inside a <td> …)
        while cell is not None and cell.name in ("font", "b", "strong", "em", "span", "label", "i") and cell.parent is not None \
                and _small(cell.parent, stats):
            cell = cell.parent
        if cell is None or id(cell) in seen or not _small(cell, stats):
            continue
        seen.add(id(cell))
        own = tidy_line(cell.get_text(" ", strip=True))
        label = re.sub(r"[\s:：]", "", own)
        if label in _META_LABELS:
            nxt = cell.find_next_sibling(["td", "th", "dd", "span", "em", "b", "strong", "div"])
            if nxt is not None and _small(nxt, stats):
                value = tidy_line(nxt.get_text(" ", strip=True))
                if value and re.sub(r"[\s:：]", "", value) not in _META_LABELS:
                    found.setdefault(_META_LABELS[label], value)
            continue
        # "发布机构：XX县人民政府  发布日期：2024-01-20" in one element
        if _META_INLINE.search(own):
            parts = _META_INLINE.split(own)
            for i in range(1, len(parts) - 1, 2):
                key = _META_LABELS[parts[i]]
                value = parts[i + 1].strip(" |｜　")
                if value:
                    found.setdefault(key, value)
    return found


# --- the article body --------------------------------------------------------------------


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:px|pt|em)?\s*(?:;|$)", re.I)


def _is_hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden") or (tag.get("aria-hidden") == "true" and tag.name not in ("i", "svg")):
        return True
    style = tag.get("style")
    return bool(style and _HIDDEN_STYLE.search(str(style)))


def _is_chrome(tag: Tag) -> bool:
    if tag.name in ("nav", "header", "footer", "aside"):
        return True
    ident = " ".join([tag.get("id") or "", *(tag.get("class") or [])])
    return bool(ident and _CHROME_WORDS.search(ident))


@dataclass
class _Stats:
    text: int = 0  # characters of non-whitespace text below
    links: int = 0  # of which inside <a>
    chrome: int = 0  # of which inside navigation, footers, share bars …
    nodes: int = 1  # elements below, itself included
    depth: int = 0


def _subtree_stats(root: Tag) -> dict[int, _Stats]:
    """Text, link and chrome lengths of every element, in one iterative post-order pass."""
    stats: dict[int, _Stats] = {}
    stack: list[tuple[Tag, int, bool]] = [(root, 0, False)]
    while stack:
        tag, depth, done = stack.pop()
        if not done:
            stack.append((tag, depth, True))
            for child in tag.children:
                if isinstance(child, Tag):
                    stack.append((child, depth + 1, False))
            continue
        st = _Stats(depth=depth)
        for child in tag.children:
            if isinstance(child, Tag):
                cs = stats[id(child)]
                st.text += cs.text
                st.links += cs.links
                st.chrome += cs.chrome
                st.nodes += cs.nodes
            elif isinstance(child, NavigableString) and not isinstance(child, Comment):
                st.text += len("".join(str(child).split()))
        if tag.name == "a":
            st.links = st.text
        if _is_chrome(tag):
            st.chrome = st.text
        stats[id(tag)] = st
    return stats


def _selector_rank(tag: Tag) -> int | None:
    """Position in BODY_SELECTORS of the first selector the tag matches."""
    classes = tag.get("class") or []
    ident = tag.get("id")
    for rank, (name, kind, value) in enumerate(_PARSED_SELECTORS):
        if name and tag.name != name:
            continue
        if kind == "class" and value in classes or kind == "id" and value == ident or kind == "tag":
            return rank
    return None


def _find_body(soup: BeautifulSoup, stats: dict[int, _Stats]) -> Tag:
    best_known: tuple[int, int] | None = None
    known: Tag | None = None
    for tag in soup.find_all(True):
        rank = _selector_rank(tag)
        if rank is None or (best_known is not None and rank >= best_known[0]):
            continue
        st = stats.get(id(tag))
        if st is not None and (st.text >= 100 or tag.find(("img", "iframe", "embed"))) and not _is_chrome(tag):
            best_known, known = (rank, 0), tag
            if rank == 0:
                break
    if known is not None:
        return known
    root = soup.body or soup
    best: Tag = root
    best_score = -1.0
    scored: list[tuple[float, int, Tag]] = []
    for tag in root.find_all(("div", "td", "article", "section", "main", "center", "form")) + [root]:
        st = stats.get(id(tag))
        if st is None or st.text < 50 or _is_chrome(tag):
            continue
        score = st.text - 2 * st.links - st.chrome
        scored.append((score, st.depth, tag))
        if score > best_score:
            best_score, best = score, tag
    # the deepest element that still holds nearly all of the best content
    near = [(depth, tag) for score, depth, tag in scored if score >= 0.9 * best_score]
    if near:
        best = max(near, key=lambda dt: dt[0])[1]
    return best


def _heading_title(soup: BeautifulSoup, stats: dict[int, _Stats]) -> str | None:
    candidates = []
    for tag in soup.find_all(["h1", "h2", "h3"], limit=50) + soup.select(".title, .article-title, #title, .tit, .bt", limit=50):
        if not _small(tag, stats, 200):
            continue
        text = tidy_line(tag.get_text(" ", strip=True))
        if 4 <= len(text) <= 120:
            candidates.append(text)
    for text in candidates:
        if "报告" in text or "年报" in text:
            return text
    return candidates[0] if candidates else None


# --- walking the body ----------------------------------------------------------------------


def _line_row(raw: str, line_no: int) -> Row | None:
    """One line of text as a row: a table row when it is cells pasted as text (`pasted_row`),
    else a line of text; None when it is empty or page chrome."""
    pasted = pasted_row(raw)
    if pasted is not None:
        return Row(tuple(Cell(f, (line_no, i)) for i, f in enumerate(pasted.cells)),
                   f"text line {line_no} (cells pasted as text)", True, aligned=pasted.exact)
    text = tidy_line(raw)
    if not text or _CHROME_TEXT.match(text):
        return None
    return Row.of_text([text], f"text line {line_no}", is_table_row=False)


def _walk(body: Tag, warnings: list[Warning]) -> Iterator[Row]:
    """Rows in document order: data tables as grids, other blocks as text lines."""
    line: list[str] = []
    table_no = 0
    line_no = 0
    # stack items: a node to visit, or a marker string to flush a line
    stack: list[object] = [body]
    while stack:
        node = stack.pop()
        if node == "<flush>":
            row = _line_row("".join(line), line_no + 1)
            line = []
            if row is not None:
                line_no += 1
                yield row
            continue
        if isinstance(node, NavigableString):
            line.append(str(node))
            continue
        if not isinstance(node, Tag):
            continue
        if node is not body and _is_chrome(node):
            continue
        if node.name == "br":
            stack.append("<flush>")
            continue
        if node.name == "table" and _is_data_table(node):
            text = tidy_line("".join(line))
            line = []
            if text:
                line_no += 1
                yield Row.of_text([text], f"text line {line_no}", is_table_row=False)
            table_no += 1
            yield from _table_rows(node, table_no, warnings)
            continue
        block = node.name in _BLOCK_TAGS or node.name in ("td", "th")
        if block:
            stack.append("<flush>")
        stack.extend(reversed(list(node.children)))
        if block:
            stack.append("<flush>")
    row = _line_row("".join(line), line_no + 1)
    if row is not None:
        yield row


def _is_data_table(table: Tag) -> bool:
    """A table holding no other table (layout tables are walked into instead)."""
    return table.find("table") is None


def _cell_text(cell: Tag) -> str:
    parts: list[str] = []
    stack: list[object] = [cell]
    while stack:
        node = stack.pop()
        if isinstance(node, NavigableString):
            parts.append(str(node))
        elif isinstance(node, Tag):
            if node.name == "br":
                parts.append("\n")
                continue
            if node.name in ("p", "div", "li") and parts:
                parts.append("\n")
            stack.extend(reversed(list(node.children)))
    text = "".join(parts).replace("\xa0", " ")
    return "\n".join(tidy_line(part) for part in text.split("\n") if part.strip())


def _span(cell: Tag, name: str) -> int:
    raw = str(cell.get(name) or "1")
    m = re.match(r"\s*(\d+)", raw)
    return int(m.group(1)) if m else 1


def _table_rows(table: Tag, table_no: int, warnings: list[Warning]) -> Iterator[Row]:
    builder = GridBuilder(max_cols=MAX_TABLE_COLS)
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        cells = [
            (_cell_text(td), _span(td, "rowspan"), _span(td, "colspan"))
            for td in tr.find_all(["td", "th"], recursive=False)
        ]
        builder.add_row(cells)
    if builder.truncated_cols:
        warnings.append(
            Warning("table_too_wide", f"table {table_no} has more than {MAX_TABLE_COLS} columns; the rest was not read")
        )
    yield from builder.rows(f"table {table_no}")
