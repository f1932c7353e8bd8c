"""The official printed labels of the standard tables, by figure key (from the spec).

Used wherever a figure is shown to a person: the web app's tables and charts.
"""

from __future__ import annotations

from dataclasses import dataclass

from ogi.document import TableFormat
from ogi.figure_keys import APPEAL_GROUPS, APPEAL_OUTCOMES, APPLICANTS, PROACTIVE_2019, PROACTIVE_2021, \
    REQUEST_ROWS_2019, REQUEST_ROWS_2021

PROACTIVE_ROW = {"rules": "规章", "normative_documents": "行政规范性文件", "licensing": "行政许可",
                 "other_services": "其他对外管理服务事项", "penalty": "行政处罚", "coercion": "行政强制",
                 "fees": "行政事业性收费", "procurement": "政府集中采购"}
PROACTIVE_COLUMN = {"issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数",
                    "amount": "金额（万元）", "decisions": "处理决定数量", "made": "本年新制作数量",
                    "published": "本年新公开数量", "total_published": "对外公开总数量", "prior_items": "上一年项目数量",
                    "change": "本年增/减", "items": "采购项目数量"}
APPLICANT = {"natural_person": "自然人", "enterprise": "商业企业", "research": "科研机构",
             "social_org": "社会公益组织", "legal_service": "法律服务机构", "other_org": "其他", "total": "总计"}
REQUEST_ROW = {
    "new_received": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "三、本年度办理结果 （一）予以公开",
    "partially_granted": "（二）部分公开",
    "denied_state_secret": "（三）不予公开 1.属于国家秘密",
    "denied_prohibited_by_law": "2.其他法律行政法规禁止公开",
    "denied_security_stability": "3.危及“三安全一稳定”",
    "denied_third_party": "4.保护第三方合法权益",
    "denied_internal_affairs": "5.属于三类内部事务信息",
    "denied_process_info": "6.属于四类过程性信息",
    "denied_enforcement_files": "7.属于行政执法案卷",
    "denied_admin_query": "8.属于行政查询事项",
    "unable_not_held": "（四）无法提供 1.本机关不掌握相关政府信息",
    "unable_needs_creation": "2.没有现成信息需要另行制作",
    "unable_unclear": "3.补正后申请内容仍不明确",
    "rejected_petition": "（五）不予处理 1.信访举报投诉类申请",
    "rejected_repeat": "2.重复申请",
    "rejected_publication": "3.要求提供公开出版物",
    "rejected_excessive": "4.无正当理由大量反复申请",
    "rejected_confirmation": "5.要求行政机关确认或重新出具已获取信息",
    "other_no_correction": "（六）其他处理 1.申请人无正当理由逾期不补正",
    "other_unpaid_fee": "2.申请人逾期未按收费通知要求缴纳费用",
    "other_other": "3.其他",
    "other": "（六）其他处理",
    "results_total": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}
APPEAL_GROUP = {"review": "行政复议", "litigation_direct": "行政诉讼 未经复议直接起诉",
                "litigation_after_review": "行政诉讼 复议后起诉"}
APPEAL_OUTCOME = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结",
                  "total": "总计"}


def label(key: str) -> str:
    """"requests.granted.total" → "三、本年度办理结果 （一）予以公开 · 总计"."""
    parts = key.split(".")
    if len(parts) != 3:
        return key
    table, row, col = parts
    if table == "proactive":
        return f"{PROACTIVE_ROW.get(row, row)} · {PROACTIVE_COLUMN.get(col, col)}"
    if table == "requests":
        return f"{REQUEST_ROW.get(row, row)} · {APPLICANT.get(col, col)}"
    if table == "appeals":
        return f"{APPEAL_GROUP.get(row, row)} · {APPEAL_OUTCOME.get(col, col)}"
    return key


@dataclass(frozen=True)
class TableLayout:
    """One standard table as printed: title, column headers, rows of (label, keys)."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str | None, ...]], ...]


def layouts(table_format: TableFormat | str) -> tuple[TableLayout, ...]:
    fmt = TableFormat(table_format)
    if fmt is TableFormat.NONE:
        return ()
    items = PROACTIVE_2021 if fmt is TableFormat.F2021 else PROACTIVE_2019
    columns: list[str] = []
    for item in items:
        for col in item.columns:
            if col not in columns:
                columns.append(col)
    proactive = TableLayout(
        "二、主动公开政府信息情况", tuple(PROACTIVE_COLUMN[c] for c in columns),
        tuple((PROACTIVE_ROW[item.key], tuple(f"proactive.{item.key}.{c}" if c in item.columns else None
                                              for c in columns)) for item in items))
    request_rows = REQUEST_ROWS_2021 if fmt is TableFormat.F2021 else REQUEST_ROWS_2019
    requests = TableLayout(
        "三、收到和处理政府信息公开申请情况", tuple(APPLICANT[a] for a in APPLICANTS),
        tuple((REQUEST_ROW[r], tuple(f"requests.{r}.{a}" for a in APPLICANTS)) for r in request_rows))
    appeals = TableLayout(
        "四、政府信息公开行政复议、行政诉讼情况", tuple(APPEAL_OUTCOME[o] for o in APPEAL_OUTCOMES),
        tuple((APPEAL_GROUP[g], tuple(f"appeals.{g}.{o}" for o in APPEAL_OUTCOMES)) for g in APPEAL_GROUPS))
    return proactive, requests, appeals
