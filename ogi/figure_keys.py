"""The figure keys of shared/spec/annual-report-figures.md, in code.

This module is the data contract: every key a document, an export column or an
index filter can carry is listed here, in the order of the printed tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from ogi.document import TableFormat

# --- Table 二 主动公开政府信息情况 -------------------------------------------------


@dataclass(frozen=True)
class ProactiveItem:
    key: str
    labels: tuple[str, ...]  # normalised row labels that name this item
    columns: tuple[str, ...]  # column keys, in printed order


PROACTIVE_2021 = (
    ProactiveItem("rules", ("规章",), ("issued", "repealed", "in_force")),
    ProactiveItem("normative_documents", ("行政规范性文件", "规范性文件"), ("issued", "repealed", "in_force")),
    ProactiveItem("licensing", ("行政许可",), ("decisions",)),
    ProactiveItem("penalty", ("行政处罚",), ("decisions",)),
    ProactiveItem("coercion", ("行政强制",), ("decisions",)),
    ProactiveItem("fees", ("行政事业性收费",), ("amount",)),
)

PROACTIVE_2019 = (
    ProactiveItem("rules", ("规章",), ("made", "published", "total_published")),
    ProactiveItem("normative_documents", ("规范性文件", "行政规范性文件"), ("made", "published", "total_published")),
    ProactiveItem("licensing", ("行政许可",), ("prior_items", "change", "decisions")),
    ProactiveItem("other_services", ("其他对外管理服务事项",), ("prior_items", "change", "decisions")),
    ProactiveItem("penalty", ("行政处罚",), ("prior_items", "change", "decisions")),
    ProactiveItem("coercion", ("行政强制",), ("prior_items", "change", "decisions")),
    ProactiveItem("fees", ("行政事业性收费",), ("prior_items", "change")),
    ProactiveItem("procurement", ("政府集中采购",), ("items", "amount")),
)

# Column header labels of table 二 (normalised) → column key. Order matters: the
# longer, more specific label first.
PROACTIVE_COLUMN_LABELS: tuple[tuple[str, str], ...] = (
    ("本年制发件数", "issued"),
    ("本年废止件数", "repealed"),
    ("现行有效件数", "in_force"),
    ("本年收费金额", "amount"),
    ("本年新制作数量", "made"),
    ("本年新公开数量", "published"),
    ("对外公开总数量", "total_published"),
    ("上一年项目数量", "prior_items"),
    ("本年增/减", "change"),
    ("本年增减", "change"),
    ("处理决定数量", "decisions"),
    ("本年处理决定数量", "decisions"),
    ("采购项目数量", "items"),
    ("采购总金额", "amount"),
)

# Columns whose amounts the spec puts in 万元.
AMOUNT_COLUMNS = frozenset({"proactive.fees.amount", "proactive.procurement.amount"})

# --- Table 三 收到和处理政府信息公开申请情况 -------------------------------------

APPLICANTS = ("natural_person", "enterprise", "research", "social_org", "legal_service", "other_org", "total")
APPLICANT_PARTS = APPLICANTS[:-1]

APPLICANT_LABELS: tuple[tuple[str, str], ...] = (
    ("自然人", "natural_person"),
    ("商业企业", "enterprise"),
    ("科研机构", "research"),
    ("社会公益组织", "social_org"),
    ("法律服务机构", "legal_service"),
    ("其他", "other_org"),
    ("总计", "total"),
)

REQUEST_ROWS_2021 = (
    "new_received",
    "carried_over",
    "granted",
    "partially_granted",
    "denied_state_secret",
    "denied_prohibited_by_law",
    "denied_security_stability",
    "denied_third_party",
    "denied_internal_affairs",
    "denied_process_info",
    "denied_enforcement_files",
    "denied_admin_query",
    "unable_not_held",
    "unable_needs_creation",
    "unable_unclear",
    "rejected_petition",
    "rejected_repeat",
    "rejected_publication",
    "rejected_excessive",
    "rejected_confirmation",
    "other_no_correction",
    "other_unpaid_fee",
    "other_other",
    "other",
    "results_total",
    "carried_forward",
)
OTHER_SUBROWS = ("other_no_correction", "other_unpaid_fee", "other_other")
REQUEST_ROWS_2019 = tuple(r for r in REQUEST_ROWS_2021 if r not in OTHER_SUBROWS)

# Outcome rows whose sum is results_total (identity 3), before the （六） variant.
OUTCOME_ROWS_BASE = REQUEST_ROWS_2021[2:20]

# --- Table 四 行政复议、行政诉讼 ----------------------------------------------------

APPEAL_GROUPS = ("review", "litigation_direct", "litigation_after_review")
APPEAL_OUTCOMES = ("upheld", "corrected", "other", "pending", "total")


def appeal_keys() -> tuple[str, ...]:
    return tuple(f"appeals.{g}.{o}" for g in APPEAL_GROUPS for o in APPEAL_OUTCOMES)


def proactive_keys(table_format: TableFormat) -> tuple[str, ...]:
    items = PROACTIVE_2021 if table_format is TableFormat.F2021 else PROACTIVE_2019
    return tuple(f"proactive.{item.key}.{col}" for item in items for col in item.columns)


def request_keys(table_format: TableFormat) -> tuple[str, ...]:
    rows = REQUEST_ROWS_2021 if table_format is TableFormat.F2021 else REQUEST_ROWS_2019
    return tuple(f"requests.{row}.{col}" for row in rows for col in APPLICANTS)


def all_keys(table_format: TableFormat) -> tuple[str, ...]:
    """Every figure key of a report in this format, in printed order; none for `none`."""
    if table_format is TableFormat.NONE:
        return ()
    return proactive_keys(table_format) + request_keys(table_format) + appeal_keys()


def union_keys() -> tuple[str, ...]:
    """Every key of either format, without repeats (export columns)."""
    seen: dict[str, None] = {}
    for fmt in (TableFormat.F2021, TableFormat.F2019):
        for key in all_keys(fmt):
            seen.setdefault(key, None)
    return tuple(seen)
