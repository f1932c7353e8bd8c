"""Which links of a column are reports, which lead to the 年报 column, which are neither."""

from __future__ import annotations

import re

from ogi.report_meta import decide_is_report
from crawler.cms.static import DOC_SUFFIX

COLUMN_NAMES = re.compile(r"(政府信息公开年报|信息公开年报|政府信息公开年度报告|政务公开年报|年度报告|年报)$")
_TRUNCATED = re.compile(r"(…|\.\.\.|。。。)$")


def link_kind(title: str | None, url: str) -> str | None:
    """report | column | maybe | None for one link on a list or home page."""
    text = re.sub(r"\s+", "", title or "")
    if not text:
        return None
    decision = decide_is_report(text, frozenset(), "")
    if decision.is_report:
        return "report"
    if COLUMN_NAMES.search(text) and not re.search(r"(19|20)\d\d", text) and len(text) <= 16:
        return "column"
    if _TRUNCATED.search(text) and re.search(r"(19|20)\d\d", text) and ("信息公开" in text or "年度" in text):
        return "maybe"  # a cut title: decide on the page itself
    if DOC_SUFFIX.search(url) and re.search(r"(年报|年度报告)", text) and re.search(r"(19|20)\d\d", text):
        return "report"
    return None
