"""Title, agency, year, dates and "is this a report at all" from a report's text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ogi.document import AgencyLevel, Region
from ogi.textutil import tidy_title

_CN_DIGITS = {"〇": "0", "零": "0", "○": "0", "Ｏ": "0", "O": "0", "一": "1", "二": "2", "三": "3", "四": "4",
              "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}

REPORT_TITLE = re.compile(r"(政府信息公开|政务公开|信息公开).{0,8}(年度报告|年报|工作报告)|信息公开年报|政府信息公开.{0,6}年度.{0,4}报告")
_NOT_REPORT_ENDINGS = (
    "通知", "函", "公告", "通告", "指南", "要点", "工作要点", "方案", "意见", "办法", "规定", "批复", "决定", "目录",
    "预算", "决算", "政府工作报告", "财政报告", "解读", "问答", "征求意见稿", "细则", "制度", "清单", "计划",
)
_NOT_REPORT_WORDS = ("政府工作报告", "财政预算", "财政决算", "预算执行情况", "国民经济和社会发展")


def cn_year_to_int(text: str) -> int | None:
    """"二〇二三" or "2023" → 2023."""
    digits = "".join(_CN_DIGITS.get(ch, ch) for ch in text)
    if re.fullmatch(r"(19|20)\d\d", digits):
        return int(digits)
    return None


_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d\d|[二〇○零一三四五六七八九]{4})\s*年\s*(?:度)?")
_PERIOD = re.compile(
    r"统计期限[^。；\n]{0,20}?((?:19|20)\d\d)\s*年\s*1\s*月\s*1\s*日[^。；\n]{0,10}?至[^。；\n]{0,6}?(?:((?:19|20)\d\d)\s*年\s*)?12\s*月\s*31\s*日"
)


def report_year(title: str | None, text: str) -> int | None:
    """The year reported on: from the title, else from the statistics period in the text."""
    if title:
        title = unicodedata.normalize("NFKC", title)  # ２０２１ is 2021
        for m in _YEAR_IN_TITLE.finditer(title):
            year = cn_year_to_int(m.group(1))
            if year:
                return year
    m = _PERIOD.search(text[:5000])
    if m:
        return int(m.group(1))
    m = re.search(r"((?:19|20)\d\d)\s*年度?\s*(?:政府信息公开|政务公开)", text[:3000])
    if m:
        return int(m.group(1))
    return None


_COLUMN_NAME = re.compile(r"^(政府)?(信息公开|政务公开)?(工作)?(年报|年度报告)(专栏)?$|^政府信息公开年报$")


_GENERIC_HEADINGS = frozenset({"政府信息公开", "信息公开", "政务公开", "首页", "正文", "详情", "文章详情", "内容详情", "信息详情"})


def clean_title(candidates: list[str | None], site_name: str | None = None) -> str | None:
    """The report title: the first candidate that is a title, site and column names removed.

    Candidates come most trustworthy first (article metadata, the heading, the text's
    first line, the page's <title>). A page <title> "标题_栏目_网站" keeps its first part
    that names a report, else its first part; column names ("政府信息公开年报") and the
    site's name are never a title.
    """
    column_name: str | None = None  # the title of a list page, if nothing better is found
    for cand in candidates:
        if not cand:
            continue
        t = tidy_title(cand)
        if len(t) > 100 or "。" in t:
            continue  # a paragraph, not a title
        parts = [p for p in re.split(r"\s*(?:_|\||｜| - |—{1,2}|-{2})\s*", t) if p]
        column_name = column_name or next((p for p in parts if _COLUMN_NAME.match(p)), None)
        parts = [p for p in parts if not _COLUMN_NAME.match(p) and p != site_name]
        if not parts:
            continue
        with_year = [p for p in parts if REPORT_TITLE.search(p) and _YEAR_IN_TITLE.search(p)]
        t = with_year[0] if with_year and len(parts) > 1 else parts[0]
        if site_name and t.endswith(site_name) and t != site_name:
            t = t[: -len(site_name)].rstrip(" _-|")
        if t and t not in _GENERIC_HEADINGS:
            return t
    return column_name


def join_broken_title(lines: list[str]) -> str | None:
    """A title printed over two lines ("…政府信息公开" / "工作年度报告") joined back."""
    if not lines:
        return None
    first = lines[0]
    if len(lines) > 1 and not re.search(r"(报告|年报)$", first):
        second = lines[1]
        if len(second) <= 20 and re.search(r"(报告|年报)$", second):
            return first + second
    return first


@dataclass(frozen=True)
class ReportDecision:
    is_report: bool
    reason: str | None


_COMPARISON_WORDS = ("对比", "比较", "对照")


def decide_is_report(title: str | None, tables_found: frozenset[str], text: str, *,
                     repeated_rows: int = 0, empty_tables: bool = False) -> ReportDecision:
    t = re.sub(r"\s+", "", title or "")
    for word in _NOT_REPORT_WORDS:
        if word in t:
            return ReportDecision(False, f"title names a {word}, not an open-government-information annual report")
    stripped = re.sub(r"[（(][^）)]*[）)]$", "", t)  # "（图片版）", "（全文）"
    for ending in _NOT_REPORT_ENDINGS:
        if stripped.endswith(ending) and not stripped.endswith("年度报告"):
            return ReportDecision(False, f"title is a {ending} (…{ending}), not an annual report")
    years = sorted({y for m in _YEAR_IN_TITLE.finditer(unicodedata.normalize("NFKC", t))
                    if (y := cn_year_to_int(m.group(1)))})
    compares = any(w in stripped[-12:] for w in _COMPARISON_WORDS) or (
        len(years) >= 2 and any(w in t for w in _COMPARISON_WORDS))
    if compares or (len(years) >= 2 and repeated_rows >= 5):
        printed = f" of {' and '.join(map(str, years))}" if len(years) >= 2 else ""
        evidence = f"; {repeated_rows} rows of table 三 are printed twice" if repeated_rows else ""
        return ReportDecision(False, f"a comparison of reports{printed} (two years' tables in one document"
                                     f"{evidence}), not a report")
    if "三" in tables_found or "二" in tables_found:
        return ReportDecision(True, None)
    if REPORT_TITLE.search(t) and _YEAR_IN_TITLE.search(t):
        return ReportDecision(True, None)
    if empty_tables:
        return ReportDecision(False, "a blank template: the standard tables are printed without values"
                                     + ("" if years else ", and no year is named"))
    if REPORT_TITLE.search(t):
        return ReportDecision(False, "title names an annual report but no year, and no standard tables were found")
    if re.search(r"(年度报告|年报)$", stripped) and re.search(r"政府信息公开", text[:3000]):
        return ReportDecision(True, None)
    if not t:
        return ReportDecision(False, "no title and no standard tables")
    return ReportDecision(False, "title does not name an annual report and no standard tables were found")


_DATE = re.compile(r"((?:19|20)\d\d)\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?")
_CN_DATE = re.compile(r"([二〇○零一三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")


def _cn_small(text: str) -> int:
    vals = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + vals.get(text[1:], 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return vals[tens] * 10 + (vals.get(ones, 0) if ones else 0)
    return vals.get(text, 0)


def parse_date(text: str | None) -> str | None:
    """First date in the text as ISO yyyy-mm-dd."""
    if not text:
        return None
    m = _DATE.search(text)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = _CN_DATE.search(text)
        if not m:
            return None
        y = cn_year_to_int(m.group(1)) or 0
        mo, d = _cn_small(m.group(2)), _cn_small(m.group(3))
    if 1 <= mo <= 12 and 1 <= d <= 31 and y:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


_AGENCY_SUFFIX = re.compile(
    r"(人民政府办公室|人民政府办公厅|人民政府|政府办公室|办事处|委员会|管理委员会|管委会|办公室|办公厅|局|厅|委|办|署|院|中心|部|所|站|处|队|馆|会)$"
)


def signature(lines: list[str]) -> tuple[str | None, str | None]:
    """(agency, date) from the signature block at the end: a name line, then a date line."""
    tail = [l for l in lines[-8:] if l.strip()]
    for i in range(len(tail) - 1, 0, -1):
        date = parse_date(tail[i]) if len(tail[i]) <= 20 else None
        if date:
            name = tail[i - 1].strip()
            if 2 <= len(name) <= 40 and _AGENCY_SUFFIX.search(name) and not re.search(r"[，。；：]", name):
                return name, date
            return None, date
    return None, None


def agency_from_title(title: str | None) -> str | None:
    """"余关镇人民政府2023年政府信息公开…" → "余关镇人民政府"."""
    if not title:
        return None
    m = re.match(r"^(.{2,40}?)\s*(?:(?:19|20)\d\d|[二〇○零一三四五六七八九]{4})\s*年", title)
    if m:
        name = m.group(1).strip(" 《“\"")
        if name and not re.search(r"关于|做好|印发", name):
            return name
    return None


def agency_level(agency: str | None, region: Region) -> AgencyLevel | None:
    if not agency:
        return None
    name = re.sub(r"\s+", "", agency)
    government = re.search(r"(人民政府|政府)(办公室|办公厅)?$", name) or name.endswith("街道办事处")
    if re.search(r"(乡|镇|街道|苏木)(人民政府|政府|办事处)?$", name) or name.endswith("街道办事处"):
        return AgencyLevel.TOWNSHIP
    if government:
        level = region.level
        if level in ("township", "county", "city", "province"):
            return AgencyLevel(level)
        if re.search(r"(省|自治区)(人民政府|政府)", name):
            return AgencyLevel.PROVINCE
        if re.search(r"(县|区|旗)(人民政府|政府)", name):
            return AgencyLevel.COUNTY
        if re.search(r"(市|州|盟)(人民政府|政府)", name):
            return AgencyLevel.CITY
        return AgencyLevel.OTHER
    if region.level is None and re.match(r"^(国务院|中华人民共和国|国家|中国)", name) or (
        region.level is None and re.search(r"^[^省市县区乡镇]{2,10}(部|委员会|总局|署|银行)$", name)
    ):
        return AgencyLevel.MINISTRY
    if re.search(r"(局|委员会|委|办公室|办|厅|中心|院|所|站|处|队|部|馆|管委会|管理委员会)$", name):
        return AgencyLevel.DEPARTMENT
    if region.level == "township" and re.search(r"(乡|镇|街道)$", name):
        return AgencyLevel.TOWNSHIP
    return AgencyLevel.OTHER
