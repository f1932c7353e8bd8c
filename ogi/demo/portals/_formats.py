"""Building blocks of the portal generator (generate.py): report figures and text, the
standard tables as HTML, and small but valid PDF / DOCX / RTF (.doc) / JPEG files.

Only the standard library.  Everything is deterministic (seeded), so regenerating gives
the same bytes.
"""

from __future__ import annotations

import io
import random
import zipfile
from dataclasses import dataclass, field
from datetime import date
from html import escape
from pathlib import Path

APPLICANTS = (
    "natural_person",
    "enterprise",
    "research",
    "social_org",
    "legal_service",
    "other_org",
)

# --------------------------------------------------------------------------- figures

ROWS_2021 = [
    ("granted", "（一）予以公开"),
    ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied_state_secret", "1.属于国家秘密"),
    ("denied_prohibited_by_law", "2.其他法律行政法规禁止公开"),
    ("denied_security_stability", "3.危及“三安全一稳定”"),
    ("denied_third_party", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "5.属于三类内部事务信息"),
    ("denied_process_info", "6.属于四类过程性信息"),
    ("denied_enforcement_files", "7.属于行政执法案卷"),
    ("denied_admin_query", "8.属于行政查询事项"),
    ("unable_not_held", "1.本机关不掌握相关政府信息"),
    ("unable_needs_creation", "2.没有现成信息需要另行制作"),
    ("unable_unclear", "3.补正后申请内容仍不明确"),
    ("rejected_petition", "1.信访举报投诉类申请"),
    ("rejected_repeat", "2.重复申请"),
    ("rejected_publication", "3.要求提供公开出版物"),
    ("rejected_excessive", "4.无正当理由大量反复申请"),
    ("rejected_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    ("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    (
        "other_unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    ("other_other", "3.其他"),
]
OUTCOMES_2021 = [k for k, _ in ROWS_2021]
OUTCOMES_2019 = [k for k in OUTCOMES_2021 if not k.startswith("other_")] + ["other"]

# rough weight of each outcome (the share of answers that end so)
_OUTCOME_WEIGHT = {
    "granted": 10,
    "partially_granted": 2,
    "denied_state_secret": 0.1,
    "denied_prohibited_by_law": 0.2,
    "denied_security_stability": 0.2,
    "denied_third_party": 0.4,
    "denied_internal_affairs": 0.5,
    "denied_process_info": 0.6,
    "denied_enforcement_files": 0.2,
    "denied_admin_query": 0.5,
    "unable_not_held": 4,
    "unable_needs_creation": 0.8,
    "unable_unclear": 0.6,
    "rejected_petition": 0.8,
    "rejected_repeat": 0.5,
    "rejected_publication": 0.1,
    "rejected_excessive": 0.2,
    "rejected_confirmation": 0.3,
    "other_no_correction": 0.6,
    "other_unpaid_fee": 0.1,
    "other_other": 0.4,
    "other": 1.0,
}
_APPLICANT_SHARE = (1.0, 0.22, 0.02, 0.03, 0.06, 0.05)


@dataclass
class Figures:
    fmt: str  # "2021" or "2019"
    proactive: dict[str, dict[str, str]]
    requests: dict[str, list[int]]  # row key -> 7 numbers (6 applicants + total)
    appeals: list[int]  # 15 numbers
    published_items: int  # 全年主动公开政府信息 N 条 (for the text)
    normative_docs: int


def make_figures(seed: int, fmt: str, scale: float) -> Figures:
    """Numbers of one report; the identities (勾稽关系) of the spec hold."""
    rng = random.Random(seed)
    outcomes = OUTCOMES_2021 if fmt == "2021" else OUTCOMES_2019
    requests: dict[str, list[int]] = {}
    per_col: dict[str, list[int]] = {k: [] for k in outcomes}
    co_row, cf_row, new_row = [], [], []
    for share in _APPLICANT_SHARE:
        base = scale * share
        col_total = 0
        for key in outcomes:
            lam = base * _OUTCOME_WEIGHT[key] / 10
            n = _poissonish(rng, lam)
            per_col[key].append(n)
            col_total += n
        carried_over = min(_poissonish(rng, base * 0.06), col_total)
        carried_forward = _poissonish(rng, base * 0.05)
        new_row.append(col_total + carried_forward - carried_over)
        co_row.append(carried_over)
        cf_row.append(carried_forward)
    requests["new_received"] = new_row + [sum(new_row)]
    requests["carried_over"] = co_row + [sum(co_row)]
    for key in outcomes:
        requests[key] = per_col[key] + [sum(per_col[key])]
    totals = [sum(per_col[k][i] for k in outcomes) for i in range(6)]
    requests["results_total"] = totals + [sum(totals)]
    requests["carried_forward"] = cf_row + [sum(cf_row)]

    appeals: list[int] = []
    for group_scale in (0.04, 0.02, 0.01):
        parts = [_poissonish(rng, scale * group_scale * w) for w in (0.6, 0.15, 0.15, 0.1)]
        appeals += parts + [sum(parts)]

    docs = max(1, int(scale * 0.15 + rng.randint(0, 6)))
    if fmt == "2021":
        proactive = {
            "rules": {"issued": "0", "repealed": "0", "in_force": "0"},
            "normative_documents": {
                "issued": str(docs),
                "repealed": str(rng.randint(0, 3)),
                "in_force": str(docs * 3 + rng.randint(5, 40)),
            },
            "licensing": {"decisions": str(int(scale * rng.uniform(8, 40)))},
            "penalty": {"decisions": str(int(scale * rng.uniform(1, 12)))},
            "coercion": {"decisions": str(int(scale * rng.uniform(0, 1.5)))},
            "fees": {"amount": rng.choice(["0", "0", f"{rng.uniform(2, 90):.2f}"])},
        }
    else:

        def change() -> str:
            v = rng.randint(-4, 5)
            return f"+{v}" if v > 0 else str(v)

        proactive = {
            "rules": {"made": "0", "published": "0", "total_published": "0"},
            "normative_documents": {
                "made": str(docs),
                "published": str(docs),
                "total_published": str(docs * 4 + rng.randint(3, 30)),
            },
            "licensing": {
                "prior_items": str(rng.randint(12, 160)),
                "change": change(),
                "decisions": str(int(scale * rng.uniform(8, 40))),
            },
            "other_services": {
                "prior_items": str(rng.randint(5, 60)),
                "change": change(),
                "decisions": str(int(scale * rng.uniform(2, 15))),
            },
            "penalty": {
                "prior_items": str(rng.randint(30, 400)),
                "change": change(),
                "decisions": str(int(scale * rng.uniform(1, 12))),
            },
            "coercion": {
                "prior_items": str(rng.randint(2, 40)),
                "change": change(),
                "decisions": str(int(scale * rng.uniform(0, 1.5))),
            },
            "fees": {
                "prior_items": str(rng.randint(0, 6)),
                "change": change() if rng.random() < 0.5 else "0",
            },
            "procurement": {
                "items": str(rng.randint(3, 40)),
                "amount": f"{rng.uniform(30, 2400):.2f}",
            },
        }
    published = int(scale * rng.uniform(18, 45)) + rng.randint(50, 400)
    return Figures(fmt, proactive, requests, appeals, published, docs)


def _poissonish(rng: random.Random, lam: float) -> int:
    """A small non-negative count around ``lam`` (Knuth's Poisson for small lam)."""
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, int(rng.gauss(lam, lam**0.5)))
    import math

    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


# --------------------------------------------------------------------------- tables

Cell = tuple[str, int, int]  # text, rowspan, colspan


def c(text: object, rowspan: int = 1, colspan: int = 1) -> Cell:
    return (str(text), rowspan, colspan)


def table2(f: Figures) -> list[list[Cell]]:
    p = f.proactive
    if f.fmt == "2021":
        return [
            [c("第二十条第（一）项", 1, 4)],
            [c("信息内容"), c("本年制发件数"), c("本年废止件数"), c("现行有效件数")],
            [c("规章")] + [c(p["rules"][k]) for k in ("issued", "repealed", "in_force")],
            [c("行政规范性文件")]
            + [c(p["normative_documents"][k]) for k in ("issued", "repealed", "in_force")],
            [c("第二十条第（五）项", 1, 4)],
            [c("信息内容"), c("本年处理决定数量", 1, 3)],
            [c("行政许可"), c(p["licensing"]["decisions"], 1, 3)],
            [c("第二十条第（六）项", 1, 4)],
            [c("信息内容"), c("本年处理决定数量", 1, 3)],
            [c("行政处罚"), c(p["penalty"]["decisions"], 1, 3)],
            [c("行政强制"), c(p["coercion"]["decisions"], 1, 3)],
            [c("第二十条第（八）项", 1, 4)],
            [c("信息内容"), c("本年收费金额（单位：万元）", 1, 3)],
            [c("行政事业性收费"), c(p["fees"]["amount"], 1, 3)],
        ]
    three = ("prior_items", "change", "decisions")
    return [
        [c("第二十条第（一）项", 1, 4)],
        [c("信息内容"), c("本年新制作数量"), c("本年新公开数量"), c("对外公开总数量")],
        [c("规章")] + [c(p["rules"][k]) for k in ("made", "published", "total_published")],
        [c("规范性文件")]
        + [c(p["normative_documents"][k]) for k in ("made", "published", "total_published")],
        [c("第二十条第（五）项", 1, 4)],
        [c("信息内容"), c("上一年项目数量"), c("本年增/减"), c("处理决定数量")],
        [c("行政许可")] + [c(p["licensing"][k]) for k in three],
        [c("其他对外管理服务事项")] + [c(p["other_services"][k]) for k in three],
        [c("第二十条第（六）项", 1, 4)],
        [c("信息内容"), c("上一年项目数量"), c("本年增/减"), c("处理决定数量")],
        [c("行政处罚")] + [c(p["penalty"][k]) for k in three],
        [c("行政强制")] + [c(p["coercion"][k]) for k in three],
        [c("第二十条第（八）项", 1, 4)],
        [c("信息内容"), c("上一年项目数量"), c("本年增/减", 1, 2)],
        [c("行政事业性收费"), c(p["fees"]["prior_items"]), c(p["fees"]["change"], 1, 2)],
        [c("第二十条第（九）项", 1, 4)],
        [c("信息内容"), c("采购项目数量"), c("采购总金额", 1, 2)],
        [c("政府集中采购"), c(p["procurement"]["items"]), c(p["procurement"]["amount"], 1, 2)],
    ]


def table3(f: Figures) -> list[list[Cell]]:
    r = f.requests

    def nums(key: str) -> list[Cell]:
        return [c(v) for v in r[key]]

    rows: list[list[Cell]] = [
        [
            c("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
            c("申请人情况", 1, 7),
        ],
        [c("自然人", 2), c("法人或其他组织", 1, 5), c("总计", 2)],
        [c("商业企业"), c("科研机构"), c("社会公益组织"), c("法律服务机构"), c("其他")],
        [c("一、本年新收政府信息公开申请数量", 1, 3)] + nums("new_received"),
        [c("二、上年结转政府信息公开申请数量", 1, 3)] + nums("carried_over"),
    ]
    labels = dict(ROWS_2021)
    n_result_rows = 22 if f.fmt == "2021" else 20
    rows.append(
        [c("三、本年度办理结果", n_result_rows), c(labels["granted"], 1, 2)] + nums("granted")
    )
    rows.append([c(labels["partially_granted"], 1, 2)] + nums("partially_granted"))
    groups = [
        ("（三）不予公开", [k for k in OUTCOMES_2021 if k.startswith("denied_")]),
        ("（四）无法提供", [k for k in OUTCOMES_2021 if k.startswith("unable_")]),
        ("（五）不予处理", [k for k in OUTCOMES_2021 if k.startswith("rejected_")]),
    ]
    if f.fmt == "2021":
        groups.append(("（六）其他处理", [k for k in OUTCOMES_2021 if k.startswith("other_")]))
    for head, keys in groups:
        for i, key in enumerate(keys):
            first = [c(head, len(keys))] if i == 0 else []
            rows.append(first + [c(labels[key])] + nums(key))
    if f.fmt == "2019":
        rows.append([c("（六）其他处理", 1, 2)] + nums("other"))
    rows.append([c("（七）总计", 1, 2)] + nums("results_total"))
    rows.append([c("四、结转下年度继续办理", 1, 3)] + nums("carried_forward"))
    return rows


def table4(f: Figures) -> list[list[Cell]]:
    outcomes = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    return [
        [c("行政复议", 1, 5), c("行政诉讼", 1, 10)],
        [c(o, 2) for o in outcomes] + [c("未经复议直接起诉", 1, 5), c("复议后起诉", 1, 5)],
        [c(o) for o in outcomes * 2],
        [c(v) for v in f.appeals],
    ]


def table_html(rows: list[list[Cell]], style: str) -> str:
    """One table as HTML in one of the looks real portals have."""
    if style == "word":  # pasted from Word into a TRS editor
        open_tag = (
            '<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" '
            'style="border-collapse:collapse;width:100%">'
        )

        def cell(text: str) -> str:
            return f'<p class="MsoNormal" align="center"><span style="font-size:10.5pt">{escape(text)}</span></p>'

    elif style == "gkmlpt":
        open_tag = '<table style="border-collapse:collapse;width:100%;" border="1" cellspacing="0" cellpadding="0">'

        def cell(text: str) -> str:
            return f'<p style="text-align:center;"><span style="font-size:14px;">{escape(text)}</span></p>'

    else:  # plain
        open_tag = '<table width="100%" border="1" cellspacing="0" cellpadding="4" align="center">'

        def cell(text: str) -> str:
            return escape(text)

    out = [open_tag, "<tbody>"]
    for row in rows:
        tds = []
        for text, rs, cs in row:
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            tds.append(f"<td{attrs}>{cell(text)}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def table_grid(rows: list[list[Cell]]) -> list[list[str]]:
    """The table as a plain grid (spans expanded, repeated text left blank)."""
    grid: dict[tuple[int, int], str] = {}
    width = 0
    for r, row in enumerate(rows):
        col = 0
        for text, rs, cs in row:
            while (r, col) in grid:
                col += 1
            for dr in range(rs):
                for dc in range(cs):
                    grid[(r + dr, col + dc)] = text if (dr, dc) == (0, 0) else ""
            col += cs
            width = max(width, col)
    return [[grid.get((r, k), "") for k in range(width)] for r in range(len(rows))]


# --------------------------------------------------------------------------- report text


@dataclass
class Report:
    """One annual report: who, which year, its figures and its words."""

    agency: str
    year: int
    fmt: str
    seed: int
    published: date
    scale: float = 40.0
    office: str = ""  # 编制单位 (defaults to agency)
    place: str = ""  # short place name for the text ("攸县")
    address: str = ""
    phone: str = ""
    figures: Figures = field(init=False)

    def __post_init__(self) -> None:
        self.figures = make_figures(self.seed, self.fmt, self.scale)
        self.office = self.office or self.agency

    @property
    def title(self) -> str:
        return f"{self.agency}{self.year}年政府信息公开工作年度报告"


_FOCUS = [
    "优化营商环境",
    "乡村振兴",
    "民生保障",
    "重大建设项目",
    "财政预决算",
    "安全生产",
    "生态环境保护",
    "教育医疗",
]


def sections(rep: Report) -> list[tuple[str, object]]:
    """The report as ("h"|"p"|"table", content) blocks, in order."""
    rng = random.Random(rep.seed * 7 + 1)
    f = rep.figures
    y = rep.year
    focus = rng.sample(_FOCUS, 3)
    new_total = f.requests["new_received"][6]
    carried = f.requests["carried_over"][6]
    granted = f.requests["granted"][6]
    out: list[tuple[str, object]] = [
        (
            "p",
            f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和"
            f"《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
            f"（{'国办公开办函〔2021〕30号' if rep.fmt == '2021' else '国办公开办函〔2019〕60号'}）要求，"
            f"由{rep.office}编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
            f"政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。"
            f"本报告中所列数据统计期限自{y}年1月1日起至{y}年12月31日止。"
            f"本报告电子版可在{rep.agency}门户网站（政府信息公开专栏）查阅或下载。"
            f"如对本报告有疑问，请与{rep.office}联系（地址：{rep.address}；电话：{rep.phone}）。",
        ),
        ("h", "一、总体情况"),
        (
            "p",
            f"{y}年，{rep.agency}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》"
            f"和上级关于政务公开工作的部署要求，围绕{focus[0]}、{focus[1]}等中心工作，"
            f"持续推进决策、执行、管理、服务、结果公开，政务公开工作取得新成效。",
        ),
        (
            "p",
            f"（一）主动公开。全年通过门户网站主动公开政府信息{f.published_items}条，"
            f"其中制发行政规范性文件{f.normative_docs}件，发布政策解读{rng.randint(4, 30)}篇，"
            f"及时公开{focus[2]}等重点领域信息。",
        ),
        (
            "p",
            f"（二）依申请公开。全年新收政府信息公开申请{new_total}件，上年结转{carried}件，"
            f"予以公开{granted}件，均在法定期限内答复。",
        ),
        (
            "p",
            "（三）政府信息管理。落实公文公开属性源头认定机制，严格执行信息发布保密审查制度，"
            "对已公开的规范性文件开展清理，确保公开信息准确、有效。",
        ),
        (
            "p",
            f"（四）平台建设。加强政府网站政府信息公开专栏建设，优化栏目设置，"
            f"全年更新维护栏目{rng.randint(12, 60)}个，政务新媒体同步发布信息{rng.randint(80, 900)}条。",
        ),
        (
            "p",
            f"（五）监督保障。将政务公开工作纳入年度绩效考核，组织开展业务培训{rng.randint(1, 5)}次，"
            f"全年未发生因政府信息公开工作被追责的情况。",
        ),
        ("h", "二、主动公开政府信息情况"),
        ("table", table2(f)),
        ("h", "三、收到和处理政府信息公开申请情况"),
        ("table", table3(f)),
        ("h", "四、政府信息公开行政复议、行政诉讼情况"),
        ("table", table4(f)),
        ("h", "五、存在的主要问题及改进情况"),
        (
            "p",
            f"{y}年，我单位政府信息公开工作虽取得一定成效，但仍存在一些不足：一是政策解读形式较为单一，"
            f"图解、视频等多样化解读运用不够；二是部分栏目信息更新不够及时。"
            f"{y + 1}年，我们将进一步加强政策解读，丰富解读形式；建立栏目更新台账，"
            f"定期检查，确保信息发布及时、准确、规范。",
        ),
        ("h", "六、其他需要报告的事项"),
        (
            "p",
            f"本年度{rep.agency}未收取信息处理费。"
            + (
                f"{y}年度政务公开工作要点落实情况：已全部按要求完成。"
                if rep.fmt == "2021"
                else "无其他需要报告的事项。"
            ),
        ),
    ]
    return out


def body_html(rep: Report, style: str, *, p_style: str = 'style="text-indent:2em;"') -> str:
    """Report body as HTML paragraphs and tables."""
    out = []
    for kind, content in sections(rep):
        if kind == "h":
            out.append(f"<p {p_style}><strong>{escape(str(content))}</strong></p>")
        elif kind == "p":
            out.append(f"<p {p_style}>{escape(str(content))}</p>")
        else:
            out.append(table_html(content, style))  # type: ignore[arg-type]
    out.append(f'<p style="text-align:right;">{escape(rep.agency)}</p>')
    out.append(
        f'<p style="text-align:right;">{rep.published.year}年{rep.published.month}月{rep.published.day}日</p>'
    )
    return "\n".join(out)


def text_lines(rep: Report) -> list[str]:
    """Report as plain lines (tables as tab-separated rows), for PDF/DOCX/RTF."""
    lines = [rep.title, ""]
    for kind, content in sections(rep):
        if kind in ("h", "p"):
            lines.append(str(content))
        else:
            for row in table_grid(content):  # type: ignore[arg-type]
                lines.append("\t".join(row))
    lines += ["", rep.agency, f"{rep.published.year}年{rep.published.month}月{rep.published.day}日"]
    return lines


# --------------------------------------------------------------------------- PDF


def make_pdf(lines: list[str], *, title: str = "") -> bytes:
    """A small valid PDF whose text (Chinese included) is extractable.

    Uses the predefined CJK font STSong-Light with the UniGB-UCS2-H CMap (not embedded, as
    PDF 1.4 allows), so pdftotext/pdfminer read the text back without any font file.
    """
    page_w, page_h, margin, size, leading = 595, 842, 56, 10.5, 16
    max_chars = int((page_w - 2 * margin) / size)
    wrapped: list[str] = []
    for line in lines:
        line = line.replace("\t", "  ")
        while len(line) > max_chars:
            wrapped.append(line[:max_chars])
            line = line[max_chars:]
        wrapped.append(line)
    per_page = int((page_h - 2 * margin) / leading)
    pages = [wrapped[i : i + per_page] for i in range(0, len(wrapped), per_page)] or [[]]

    objects: list[bytes] = []  # object n is objects[n-1]

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # placeholders filled below
    pages_obj = add(b"")
    font = add(b"")
    cidfont = add(b"")
    descriptor = add(
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"
    )
    objects[font - 1] = (
        f"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        f"/DescendantFonts [{cidfont} 0 R] >>"
    ).encode()
    objects[cidfont - 1] = (
        f"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        f"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
        f"/FontDescriptor {descriptor} 0 R /DW 1000 /W [1 95 500] >>"
    ).encode()
    page_ids = []
    for page_lines in pages:
        ops = [b"BT", f"/F1 {size} Tf".encode()]
        y = page_h - margin
        for line in page_lines:
            hexs = line.encode("utf-16-be").hex().upper()
            ops.append(f"1 0 0 1 {margin} {y} Tm <{hexs}> Tj".encode())
            y -= leading
        ops.append(b"ET")
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_ids.append(
            add(
                (
                    f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 {page_w} {page_h}] "
                    f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>"
                ).encode()
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode()
    kids = " ".join(f"{p} 0 R" for p in page_ids)
    objects[pages_obj - 1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()
    info = add(
        b"<< /Title <FEFF"
        + title.encode("utf-16-be").hex().upper().encode()
        + b"> /Producer (ogi-archive test portal) /CreationDate (D:20240125090000+08'00') >>"
    )

    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R /Info {info} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


# --------------------------------------------------------------------------- DOCX

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_docx(rep: Report) -> bytes:
    """A minimal valid .docx: paragraphs and the three tables as real Word tables."""

    def run(text: str, bold: bool = False) -> str:
        rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
        return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'

    def para(text: str, *, bold: bool = False, center: bool = False, right: bool = False) -> str:
        jc = "center" if center else "right" if right else ""
        ppr = f'<w:pPr><w:jc w:val="{jc}"/></w:pPr>' if jc else ""
        return f"<w:p>{ppr}{run(text, bold)}</w:p>"

    def table(rows: list[list[Cell]]) -> str:
        grid = table_grid(rows)
        width = len(grid[0])
        # real merges: gridSpan for colspans, vMerge for rowspans
        out = [
            '<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>'
            + "".join(
                f'<w:{b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                for b in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + "</w:tblBorders></w:tblPr><w:tblGrid>"
            + "".join('<w:gridCol w:w="800"/>' for _ in range(width))
            + "</w:tblGrid>"
        ]
        occupied: dict[tuple[int, int], tuple[int, bool]] = {}  # (r,c) -> (colspan, is_start)
        placed: list[list[tuple[int, str, int, str]]] = []  # per row: (col, text, colspan, vmerge)
        for r, row in enumerate(rows):
            cells = []
            col = 0
            for text, rs, cs in row:
                while (r, col) in occupied:
                    col += occupied[(r, col)][0]
                vm = "restart" if rs > 1 else ""
                cells.append((col, text, cs, vm))
                for dr in range(1, rs):
                    occupied[(r + dr, col)] = (cs, False)
                col += cs
            for (rr, cc), (cs, _) in occupied.items():
                if rr == r:
                    cells.append((cc, "", cs, "continue"))
            placed.append(sorted(cells))
        for cells in placed:
            tr = ["<w:tr>"]
            for _, text, cs, vm in cells:
                tcpr = ""
                if cs > 1:
                    tcpr += f'<w:gridSpan w:val="{cs}"/>'
                if vm == "restart":
                    tcpr += '<w:vMerge w:val="restart"/>'
                elif vm == "continue":
                    tcpr += "<w:vMerge/>"
                tr.append(f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{para(text, center=True)}</w:tc>")
            tr.append("</w:tr>")
            out.append("".join(tr))
        out.append("</w:tbl>")
        return "".join(out)

    body = [para(rep.title, bold=True, center=True)]
    for kind, content in sections(rep):
        if kind == "h":
            body.append(para(str(content), bold=True))
        elif kind == "p":
            body.append(para(str(content)))
        else:
            body.append(table(content))  # type: ignore[arg-type]
            body.append("<w:p/>")
    body.append(para(rep.agency, right=True))
    body.append(
        para(f"{rep.published.year}年{rep.published.month}月{rep.published.day}日", right=True)
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{_W}"><w:body>'
        + "".join(body)
        + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" '
        'w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>'
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/>'
        '<Relationship Id="rId2" '
        'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
        'Target="docProps/core.xml"/>'
        "</Relationships>"
    )
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(rep.title)}</dc:title><dc:creator>{escape(rep.office)}</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{rep.published.isoformat()}T09:00:00Z</dcterms:created>'
        "</cp:coreProperties>"
    )
    buf = io.BytesIO()
    stamp = (rep.published.year, rep.published.month, rep.published.day, 9, 0, 0)
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (
            ("[Content_Types].xml", content_types),
            ("_rels/.rels", rels),
            ("docProps/core.xml", core),
            ("word/document.xml", document),
        ):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


# --------------------------------------------------------------------------- RTF (.doc)


def make_rtf(rep: Report) -> bytes:
    """The report as RTF: what many portals really serve under a .doc name (Word opens it)."""

    def enc(text: str) -> str:
        out = []
        for ch in text:
            o = ord(ch)
            if ch in "\\{}":
                out.append("\\" + ch)
            elif o < 128:
                out.append(ch)
            else:
                out.append(f"\\u{o if o < 32768 else o - 65536}?")
        return "".join(out)

    parts = [
        r"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 SimSun;}}",
        r"{\info{\title " + enc(rep.title) + r"}{\author " + enc(rep.office) + "}}",
        r"\paperw11906\paperh16838\margl1800\margr1800\margt1440\margb1440\f0\fs24",
        r"\pard\qc\b " + enc(rep.title) + r"\b0\par",
    ]
    for kind, content in sections(rep):
        if kind == "h":
            parts.append(r"\pard\b " + enc(str(content)) + r"\b0\par")
        elif kind == "p":
            parts.append(r"\pard\fi480 " + enc(str(content)) + r"\par")
        else:
            grid = table_grid(content)  # type: ignore[arg-type]
            width = len(grid[0])
            cellx = "".join(
                rf"\clbrdrt\brdrs\clbrdrl\brdrs\clbrdrb\brdrs\clbrdrr\brdrs\cellx{int(8300 * (i + 1) / width)}"
                for i in range(width)
            )
            for row in grid:
                parts.append(
                    r"\trowd\trgaph60"
                    + cellx
                    + "".join(r"\pard\intbl\qc " + enc(t) + r"\cell" for t in row)
                    + r"\row"
                )
            parts.append(r"\pard\par")
    parts.append(r"\pard\qr " + enc(rep.agency) + r"\par")
    parts.append(
        r"\pard\qr "
        + enc(f"{rep.published.year}年{rep.published.month}月{rep.published.day}日")
        + r"\par}"
    )
    return "\n".join(parts).encode("ascii")


# --------------------------------------------------------------------------- JPEG

SCAN_DPI = 120  # the 图片版's pages: A4 at 120 dpi (992 × 1403), as an office scanner makes them
CHROMIUM = "/usr/bin/chromium"


def page_scans(rep: Report, style: str, kept: list[Path]) -> list[bytes]:
    """The 图片版's pages as JPEG scans of the printed report (title, text, the standard tables):
    headless Chromium prints the report to A4, pdfium renders the pages in grey, Pillow adds a
    paper tone and a slight blur. Chromium and the fonts are needed only to make them: when the
    files in `kept` exist they are reused as they are, so a regeneration stays byte-identical."""
    if kept and all(path.exists() for path in kept):
        return [path.read_bytes() for path in kept]
    import subprocess
    import tempfile

    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    html = (f'<!doctype html><html><head><meta charset="utf-8"><style>'
            f'@page{{size:A4;margin:14mm 16mm}}body{{font:15px/1.8 "Noto Serif CJK SC",serif;margin:0}}h1{{font-size:22px;text-align:center}}'
            f'table{{border-collapse:collapse;width:100%}}td{{border:1px solid #000;padding:2px 4px;font-size:13px}}'
            f'</style></head><body><h1>{escape(rep.title)}</h1>{body_html(rep, style)}</body></html>')
    with tempfile.TemporaryDirectory(prefix="demo-scan-") as tmp:
        src, pdf = Path(tmp) / "in.html", Path(tmp) / "out.pdf"
        src.write_text(html, encoding="utf-8")
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--user-data-dir={tmp}/profile", f"--print-to-pdf={pdf}", src.as_uri()],
                       check=True, timeout=180, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        doc = pdfium.PdfDocument(str(pdf))
        pages = [page.render(scale=SCAN_DPI / 72, grayscale=True).to_pil().convert("L") for page in doc]
        doc.close()
    scans = []
    for n, page in enumerate(pages):
        tone = Image.new("L", page.size, 238)  # paper
        page = Image.composite(page, tone, page.point(lambda v: 255 if v < 200 else 0))
        page = page.rotate(0.3 * (1 if n % 2 else -1), resample=Image.BICUBIC, fillcolor=238)
        page = page.filter(ImageFilter.GaussianBlur(0.5))
        out = io.BytesIO()
        page.save(out, format="JPEG", quality=82, dpi=(SCAN_DPI, SCAN_DPI))
        scans.append(out.getvalue())
    return scans
