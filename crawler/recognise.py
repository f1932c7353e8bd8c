"""Which links of a column are reports, which lead to the 年报 column, which are neither."""

from __future__ import annotations

import re
import unicodedata

from ogi.report_meta import decide_is_report
from ogi.crawler.cms.static import DOC_SUFFIX

COLUMN_NAMES = re.compile(r"(政府信息公开年报|信息公开年报|政府信息公开年度报告|政务公开年报|年度报告|年报)(专栏)?$")
# pages on the way from a home page to the 年报 column
HUB_NAMES = re.compile(r"^(政府)?(信息公开|政务公开)(平台|目录|专栏|专题)?$|^法定主动公开内容$|^主动公开$|^政府信息公开目录$")
# sub-columns of a 年报 column: by level of government or by year
SUBCOLUMN_NAMES = re.compile(
    r"^(省|市|县|区|旗)?(政府|人民政府)?本级$|^(市|县|区)?(直|级|政府)?部门$|^(各)?(乡镇|街道|镇街|乡镇街道|乡镇[（(]街道[)）])$"
    r"|^(市|县|区)?(政府|人民政府)?(工作)?部门(年报)?$|^(19|20)\d\d年?度?$|^更多|^more$|^>>$"
)
_TRUNCATED = re.compile(r"(…|\.\.\.|。。。)$")


def link_kind(title: str | None, url: str) -> str | None:
    """report | column | hub | subcolumn | maybe | None for one link on a list or home page."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", title or ""))  # ２０２１ is 2021
    if not text:
        return None
    decision = decide_is_report(text, frozenset(), "")
    if decision.is_report:
        return "report"
    if COLUMN_NAMES.search(text) and not re.search(r"(19|20)\d\d", text) and len(text) <= 16:
        return "column"
    if HUB_NAMES.match(text):
        return "hub"
    if SUBCOLUMN_NAMES.match(text.strip("»>")) or text.strip("»>") == "":
        return "subcolumn" if text.strip("»>") else None
    if _TRUNCATED.search(text) and re.search(r"(19|20)\d\d", text) and ("信息公开" in text or "年度" in text):
        return "maybe"  # a cut title: decide on the page itself
    if DOC_SUFFIX.search(url) and re.search(r"(年报|年度报告)", text) and re.search(r"(19|20)\d\d", text):
        return "report"
    return None
