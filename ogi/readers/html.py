"""HTML pages of government portals: find the article among the chrome, read its tables.

One pass of lxml's HTML parser (libxml2, recovering from broken markup — the parser under
BeautifulSoup's "lxml" builder, driven the way that builder drives it, with the same events)
builds a small tree of the page as BeautifulSoup would see it: strings joined and blank runs
collapsed as BeautifulSoup does, comments, scripts, styles, the <head>, form controls and
hidden elements left out as they arrive, and each element's text, link and chrome lengths
summed when it closes. The page's metadata, the candidates for the article body and title,
its links and images are noted on the way. Then the article body alone is walked once, with
explicit stacks (hostile nesting cannot blow the stack): data tables become grid rows with
rowspan/colspan expanded, everything else becomes text lines. No CSS selector engine and no
second walk of the whole page (issue 20: BeautifulSoup's tree alone cost more than this
whole reader does now).
"""

from __future__ import annotations

import re
from typing import Iterator

from lxml import etree

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


# the selectors as look-ups: tag name → rank; class or id → [(rank, tag name or "")]
_RANK_BY_TAG: dict[str, int] = {}
_RANK_BY_CLASS: dict[str, list[tuple[int, str]]] = {}
_RANK_BY_ID: dict[str, list[tuple[int, str]]] = {}
for _rank, (_name, _kind, _value) in enumerate(_PARSED_SELECTORS):
    if _kind == "tag":
        _RANK_BY_TAG.setdefault(_name, _rank)
    else:
        (_RANK_BY_CLASS if _kind == "class" else _RANK_BY_ID).setdefault(_value, []).append((_rank, _name))
# where a page may print the article's title: h1–h3, and ".title, .article-title, #title, .tit, .bt"
_HEADING_TAGS = frozenset(("h1", "h2", "h3"))
_TITLE_CLASSES = frozenset(("title", "article-title", "tit", "bt"))
_TITLE_ID = "title"
_CANDIDATE_LIMIT = 50
_LABEL_LIMIT = 200
_FALLBACK_TAGS = frozenset(("div", "td", "article", "section", "main", "center", "form"))
_MEDIA_TAGS = frozenset(("img", "iframe", "embed"))
_LINK_TAGS = frozenset(("a", "img", "iframe", "embed"))
_CHROME_TAGS = frozenset(("nav", "header", "footer", "aside"))
_INLINE_TAGS = frozenset(("font", "b", "strong", "em", "span", "label", "i"))
_CELL_TAGS = frozenset(("td", "th"))
_BREAK_TAGS = frozenset(("p", "div", "li"))
_DROP = frozenset(_DROP_TAGS)
# BeautifulSoup (HTMLTreeBuilder): whitespace kept as is inside these; strings inside these are
# not "text" for get_text (ruby annotations, scripts …)
_PRESERVE_TAGS = frozenset(("pre", "textarea"))
_CONTAINER_TAGS = frozenset(("rt", "rp", "style", "script", "template"))
_ASCII_SPACES = "\x20\x0a\x09\x0c\x0d"
_NON_WHITESPACE = re.compile(r"\S+")
_NO_ATTRS: dict[str, str] = {}


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
    page = parse_page(text)
    meta = _page_meta(page.metas)
    page_title = tidy_line("".join(page.title_parts)) if page.title_parts is not None else None
    meta.update(_metadata_table(page))
    body = _find_body(page)
    title = meta.get("article_title") or _heading_title(page) or None
    rows = list(_walk(body, warnings))
    return ReaderOutput(
        format=SourceFormat.HTML,
        rows=rows,
        title=title,
        page_title=page_title,
        meta=meta,
        warnings=warnings,
        attachments=_attachments(page, body),
    )


_ATTACHMENT_SUFFIX = re.compile(r"\.(pdf|docx?|wps|xlsx?|et|ofd|jpe?g|png|gif|bmp|tiff?)(?:$|[?#])", re.I)


def _attachments(page: "_Page", body: "_El") -> list[str]:
    """Links and images in the article that may hold the report itself (PDF, Word, 图片版 pages)."""
    found: dict[str, None] = {}
    for tag in page.linked:
        if not body.order < tag.order <= body.last:
            continue  # not inside the article
        attrs = tag.attrs
        ref = attrs.get("href") or attrs.get("src") or ""
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


# --- the one pass: parser events → a pruned tree with the page's stats ------------------------


class _El:
    """An element of the page that is kept (not dropped, not hidden), with its subtree's
    lengths: `text` characters of non-whitespace text below, `links` of them inside <a>,
    `chrome` of them inside navigation, footers, share bars …; `nodes` elements below,
    itself included; `order` its position in document order and `last` the position of its
    last descendant (so `a.order < b.order <= a.last` when b is inside a)."""

    __slots__ = ("name", "attrs", "ident", "classes", "parent", "children", "depth", "order", "last",
                 "text", "links", "chrome", "nodes", "media", "has_table", "is_chrome")

    def __init__(self, name: str, attrs: dict, parent: "_El | None", depth: int, order: int) -> None:
        self.name = name
        self.attrs = attrs
        if attrs:
            ident = attrs.get("id")
            cls = attrs.get("class")
            self.ident = ident
            self.classes = _NON_WHITESPACE.findall(cls) if cls else ()
        else:
            self.ident = None
            self.classes = ()
        self.parent = parent
        self.children: list[_El | str] = []
        self.depth = depth
        self.order = order
        self.last = order
        self.text = 0
        self.links = 0
        self.chrome = 0
        self.nodes = 1
        self.media = False  # an <img>, <iframe> or <embed> below
        self.has_table = False  # a <table> below
        if name in _CHROME_TAGS:
            self.is_chrome = True
        elif self.ident or self.classes:
            label = " ".join([self.ident or "", *self.classes])
            self.is_chrome = bool(label and _CHROME_WORDS.search(label))
        else:
            self.is_chrome = False


class _Other(str):
    """A string that is not text to BeautifulSoup's get_text: the doctype, a processing
    instruction (Word's <?xml:namespace …>), ruby annotations. Walks of the article keep it,
    as they always did."""

    __slots__ = ()


class _Page:
    """The parser target. BeautifulSoup's lxml builder gets the same events from the same
    parser; this builds the tree it would build, minus what read_html removed from it."""

    def __init__(self) -> None:
        root = _El("[document]", {}, None, 0, -1)
        self.root = root
        self.current = root  # innermost open element that is kept
        self.open: list[tuple[str, _El | None]] = [("[document]", root)]
        self.skip = 0  # open elements that are dropped (the first one and those inside it)
        self.pending: list[str] = []
        self.preserve = 0
        self.containers: list[tuple[str, _El | None]] = []
        self.order = 0
        self.body: _El | None = None
        self.metas: list[dict] = []  # attributes of every <meta>, in order
        self.title_parts: list[str] | None = None  # the text of the first <title>
        self.title_level = 0  # depth of that <title> while it is open
        self.labels: list[tuple[str, _El]] = []  # strings naming a metadata label, with their element
        self.ranked: list[tuple[_El, int]] = []  # elements matching BODY_SELECTORS, with the best rank
        self.headings: list[_El] = []
        self.titled: list[_El] = []
        self.fallback: list[_El] = []
        self.linked: list[_El] = []

    # lxml's parser-target interface (the methods BeautifulSoup's builder has)

    def start(self, tag: str, attrib: dict, nsmap: object = None) -> None:
        if self.pending:
            self._flush(False)
        if type(attrib) is not dict:
            attrib = _NO_ATTRS  # lxml's empty mapping (its .get is slow); never changed
        if self.skip or tag in _DROP or (attrib and _is_hidden(tag, attrib)):
            self.skip += 1
            entry: tuple[str, _El | None] = (tag, None)
        else:
            parent = self.current
            el = _El(tag, attrib, parent, parent.depth + 1, self.order)
            self.order += 1
            parent.children.append(el)
            self.current = el
            entry = (tag, el)
            self._note(el)
        self.open.append(entry)
        if tag in _PRESERVE_TAGS:
            self.preserve += 1
        if tag in _CONTAINER_TAGS:
            self.containers.append(entry)
        if tag == "meta":
            self.metas.append(attrib)
        elif tag == "title" and self.title_parts is None:
            self.title_parts = []
            self.title_level = len(self.open)

    def end(self, tag: str) -> None:
        if self.pending:
            self._flush(False)
        open_ = self.open
        if open_[-1][0] != tag:  # BeautifulSoup pops up to the innermost open tag of that name, if any
            if not any(name == tag for name, _ in open_[1:]):
                return
            while open_[-1][0] != tag:
                self._pop()
        self._pop()

    def data(self, data: str) -> None:
        self.pending.append(data)

    def comment(self, text: str) -> None:
        if self.pending:
            self._flush(False)  # the comment itself is dropped (never text)

    def pi(self, target: str, data: str) -> None:
        if self.pending:
            self._flush(False)
        self.pending.append(target + " " + data)
        self._flush(True)

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        if self.pending:
            self._flush(False)
        value = name or ""
        if pubid is not None:
            value += ' PUBLIC "%s"' % pubid
            if system is not None:
                value += ' "%s"' % system
        elif system is not None:
            value += ' SYSTEM "%s"' % system
        self.pending.append(value)
        self._flush(True)

    def close(self) -> "_Page":
        if self.pending:
            self._flush(False)
        while len(self.open) > 1:
            self._pop()
        root = self.root
        root.last = self.order - 1
        return self

    # the tree

    def _note(self, el: _El) -> None:
        """What the later steps look for, noted as the element arrives (document order)."""
        name = el.name
        rank = _RANK_BY_TAG.get(name)
        if not el.attrs:
            pass
        elif el.classes:
            for c in el.classes:
                for r, n in _RANK_BY_CLASS.get(c, ()):
                    if (not n or n == name) and (rank is None or r < rank):
                        rank = r
            if len(self.titled) < _CANDIDATE_LIMIT and not _TITLE_CLASSES.isdisjoint(el.classes):
                self.titled.append(el)
            elif el.ident == _TITLE_ID and len(self.titled) < _CANDIDATE_LIMIT:
                self.titled.append(el)
        elif el.ident == _TITLE_ID and len(self.titled) < _CANDIDATE_LIMIT:
            self.titled.append(el)
        if el.ident and el.ident in _RANK_BY_ID:
            for r, n in _RANK_BY_ID.get(el.ident, ()):
                if (not n or n == name) and (rank is None or r < rank):
                    rank = r
        if rank is not None:
            self.ranked.append((el, rank))
        if name in _HEADING_TAGS:
            if len(self.headings) < _CANDIDATE_LIMIT:
                self.headings.append(el)
        elif name in _FALLBACK_TAGS:
            self.fallback.append(el)
        elif name == "body":
            if self.body is None:
                self.body = el
        if name in _LINK_TAGS:
            self.linked.append(el)

    def _flush(self, other: bool) -> None:
        """BeautifulSoup's endData: the pending data as one string; all ASCII blanks → one blank."""
        pending = self.pending
        text = pending[0] if len(pending) == 1 else "".join(pending)
        self.pending = []
        if not self.preserve and not text.strip(_ASCII_SPACES):
            text = "\n" if "\n" in text else " "
        if self.containers:
            other = True
        if self.title_level and not other:
            self.title_parts.append(text)  # type: ignore[union-attr]
        if self.skip:
            return
        parent = self.current
        parent.children.append(_Other(text) if other else text)
        parent.text += len("".join(text.split()))
        if len(self.labels) < _LABEL_LIMIT and _META_LABEL_TEXT.search(text):
            self.labels.append((text, parent))

    def _pop(self) -> None:
        entry = self.open.pop()
        name, el = entry
        if name in _PRESERVE_TAGS and self.preserve:
            self.preserve -= 1
        if self.containers and self.containers[-1] is entry:
            self.containers.pop()
        if self.title_level > len(self.open):
            self.title_level = 0
        if el is None:
            self.skip -= 1
            return
        el.last = self.order - 1
        if name == "a":
            el.links = el.text
        if el.is_chrome:
            el.chrome = el.text
        parent = el.parent
        assert parent is not None
        parent.text += el.text
        parent.links += el.links
        parent.chrome += el.chrome
        parent.nodes += el.nodes
        if el.media or name in _MEDIA_TAGS:
            parent.media = True
        if el.has_table or name == "table":
            parent.has_table = True
        self.current = parent


class ParserRejectedMarkup(Exception):
    """The parser refused the page (as BeautifulSoup reports it)."""


_PARSER_ERRORS = (UnicodeDecodeError, LookupError, etree.ParserError)


def parse_page(text: str) -> _Page:
    """The page in one pass of lxml's HTML parser. As BeautifulSoup does: a leading byte-order
    mark dropped; markup the parser rejects as text tried again as UTF-8 bytes."""
    if text[:1] == "\ufeff":
        text = text[1:]
    rejections: list[Exception] = []
    for markup, encoding in ((text, None), (text.encode("utf8"), "utf8")):
        page = _Page()
        parser = etree.HTMLParser(target=page, recover=True, huge_tree=False, encoding=encoding)
        try:
            parser.feed(markup)
            parser.close()
            return page
        except _PARSER_ERRORS as exc:
            rejections.append(exc)
    raise ParserRejectedMarkup(
        "The markup you provided was rejected by the parser. Trying a different parser or a different encoding may "
        "help.\n\nOriginal exception(s) from parser:\n " + "\n ".join(str(e) for e in rejections)
    )


def _get_text(el: _El, separator: str = "", strip: bool = False) -> str:
    """BeautifulSoup's get_text: the text strings below, in order (no doctype, instructions, ruby)."""
    parts: list[str] = []
    stack: list[_El | str] = [el]
    while stack:
        node = stack.pop()
        if type(node) is _El:
            stack.extend(reversed(node.children))  # type: ignore[union-attr]
        elif type(node) is str:
            if strip:
                node = node.strip()
                if not node:
                    continue
            parts.append(node)
    return separator.join(parts)


def _descendants(el: _El, name: str) -> Iterator[_El]:
    """Elements of that name below el, in document order."""
    stack = list(reversed(el.children))
    while stack:
        node = stack.pop()
        if type(node) is _El:
            if node.name == name:  # type: ignore[union-attr]
                yield node  # type: ignore[misc]
            stack.extend(reversed(node.children))  # type: ignore[union-attr]


# --- metadata -------------------------------------------------------------------------


def _page_meta(metas: list[dict]) -> dict[str, str]:
    meta: dict[str, str] = {}
    for attrs in metas:
        name = (attrs.get("name") or attrs.get("property") or "").strip().lower()
        key = _META_NAMES.get(name)
        content = tidy_line(attrs.get("content") or "")
        if key and content and key not in meta:
            meta[key] = content
    return meta


_META_INLINE = re.compile(
    r"(索引号|发布机构|发文机关|公开主体|信息来源|发布日期|发布时间|成文日期|生成日期|文号|发文字号|主题分类)\s*[:：]\s*"
)


def _small(tag: _El | None, max_text: int = 120) -> bool:
    return tag is not None and 0 < tag.text <= max_text and tag.nodes <= 60


_META_LABEL_TEXT = re.compile("|".join(sorted({re.escape(k) for k in _META_LABELS} | {"索\\s*引\\s*号"}, key=len, reverse=True)))
_META_VALUE_TAGS = frozenset(("td", "th", "dd", "span", "em", "b", "strong", "div"))


def _next_sibling(el: _El, names: frozenset[str]) -> _El | None:
    parent = el.parent
    if parent is None:
        return None
    siblings = parent.children
    for i in range(siblings.index(el) + 1, len(siblings)):
        node = siblings[i]
        if type(node) is _El and node.name in names:  # type: ignore[union-attr]
            return node  # type: ignore[return-value]
    return None


def _metadata_table(page: _Page) -> dict[str, str]:
    """索引号 / 发布机构 / 发布日期 … from a metadata table or "label：value" lines."""
    found: dict[str, str] = {}
    seen: set[int] = set()
    for _string, cell in page.labels:
        # climb to the element that holds the label (a <span> inside a <td> …)
        while cell.name in _INLINE_TAGS and cell.parent is not None and _small(cell.parent):
            cell = cell.parent
        if id(cell) in seen or not _small(cell):
            continue
        seen.add(id(cell))
        own = tidy_line(_get_text(cell, " ", True))
        label = re.sub(r"[\s:：]", "", own)
        if label in _META_LABELS:
            nxt = _next_sibling(cell, _META_VALUE_TAGS)
            if nxt is not None and _small(nxt):
                value = tidy_line(_get_text(nxt, " ", True))
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


def _is_hidden(name: str, attrs: dict) -> bool:
    """Text a reader never sees must not become a figure ("1<span hidden>1</span>")."""
    if "hidden" in attrs or (attrs.get("aria-hidden") == "true" and name not in ("i", "svg")):
        return True
    style = attrs.get("style")
    return bool(style and _HIDDEN_STYLE.search(str(style)))


def _find_body(page: _Page) -> _El:
    best_rank: int | None = None
    known: _El | None = None
    for tag, rank in page.ranked:
        if best_rank is not None and rank >= best_rank:
            continue
        if (tag.text >= 100 or tag.media) and not tag.is_chrome:
            best_rank, known = rank, tag
            if rank == 0:
                break
    if known is not None:
        return known
    root = page.body or page.root
    best: _El = root
    best_score = -1.0
    scored: list[tuple[float, int, _El]] = []
    for tag in [t for t in page.fallback if root.order < t.order <= root.last] + [root]:
        if tag.text < 50 or tag.is_chrome:
            continue
        score = tag.text - 2 * tag.links - tag.chrome
        scored.append((score, tag.depth, tag))
        if score > best_score:
            best_score, best = score, tag
    # the deepest element that still holds nearly all of the best content
    near = [(depth, tag) for score, depth, tag in scored if score >= 0.9 * best_score]
    if near:
        best = max(near, key=lambda dt: dt[0])[1]
    return best


def _heading_title(page: _Page) -> str | None:
    candidates = []
    for tag in page.headings + page.titled:
        if not _small(tag, 200):
            continue
        text = tidy_line(_get_text(tag, " ", True))
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


_FLUSH = object()  # on the walk's stack: the end of a block, which ends a line


def _walk(body: _El, warnings: list[Warning]) -> Iterator[Row]:
    """Rows in document order: data tables as grids, other blocks as text lines."""
    line: list[str] = []
    table_no = 0
    line_no = 0
    stack: list[object] = [body]
    while stack:
        node = stack.pop()
        if node is _FLUSH:
            if line:
                row = _line_row("".join(line), line_no + 1)
                line = []
                if row is not None:
                    line_no += 1
                    yield row
            continue
        if type(node) is not _El:
            line.append(node)  # type: ignore[arg-type]
            continue
        if node is not body and node.is_chrome:  # type: ignore[attr-defined]
            continue
        name = node.name  # type: ignore[attr-defined]
        if name == "br":
            stack.append(_FLUSH)
            continue
        if name == "table" and not node.has_table:  # type: ignore[attr-defined]  # a data table
            text = tidy_line("".join(line))
            line = []
            if text:
                line_no += 1
                yield Row.of_text([text], f"text line {line_no}", is_table_row=False)
            table_no += 1
            yield from _table_rows(node, table_no, warnings)  # type: ignore[arg-type]
            continue
        children = node.children  # type: ignore[attr-defined]
        if name in _BLOCK_TAGS or name in _CELL_TAGS:
            stack.append(_FLUSH)
            stack.extend(reversed(children))
            stack.append(_FLUSH)
        else:
            stack.extend(reversed(children))
    if line:
        row = _line_row("".join(line), line_no + 1)
        if row is not None:
            yield row


def _cell_text(cell: _El) -> str:
    parts: list[str] = []
    stack: list[_El | str] = [cell]
    while stack:
        node = stack.pop()
        if type(node) is _El:
            name = node.name  # type: ignore[union-attr]
            if name == "br":
                parts.append("\n")
                continue
            if name in _BREAK_TAGS and parts:
                parts.append("\n")
            stack.extend(reversed(node.children))  # type: ignore[union-attr]
        else:
            parts.append(node)  # type: ignore[arg-type]
    text = "".join(parts).replace("\xa0", " ")
    if "\n" not in text:
        return tidy_line(text) if text.strip() else ""
    return "\n".join(tidy_line(part) for part in text.split("\n") if part.strip())


def _span(cell: _El, name: str) -> int:
    raw = str(cell.attrs.get(name) or "1")
    if raw == "1":
        return 1
    m = re.match(r"\s*(\d+)", raw)
    return int(m.group(1)) if m else 1


def _table_rows(table: _El, table_no: int, warnings: list[Warning]) -> Iterator[Row]:
    builder = GridBuilder(max_cols=MAX_TABLE_COLS)
    # a data table holds no other table: every <tr> below is one of its rows
    for tr in _descendants(table, "tr"):
        cells = [
            (_cell_text(td), _span(td, "rowspan"), _span(td, "colspan"))  # type: ignore[arg-type]
            for td in tr.children
            if type(td) is _El and td.name in _CELL_TAGS  # type: ignore[union-attr]
        ]
        builder.add_row(cells)
    if builder.truncated_cols:
        warnings.append(
            Warning("table_too_wide", f"table {table_no} has more than {MAX_TABLE_COLS} columns; the rest was not read")
        )
    yield from builder.rows(f"table {table_no}")
