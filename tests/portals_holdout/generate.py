"""Regenerate the holdout portals (site/, data/, portal.json, expected.json).

    python tests/portals_holdout/generate.py      # rewrites tests/portals_holdout/<name>/...

A blind holdout set: four more imitation portals, built without looking at the crawler, in
the same layout as ogi/demo/portals/ and served by the same server::

    from ogi.demo.portals.server import serve
    with serve(Path("tests/portals_holdout/trs_shtml")) as site: ...

Deterministic: the same code gives the same bytes.  handlers.py and README.md are written by
hand and not touched here.  Report figures, text and the PDF/DOCX/RTF/JPEG bytes come from
ogi/demo/portals/_formats.py.  The divisions and agencies are real; the numbers, index numbers,
addresses, phone numbers and ICP numbers are made up.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from dataclasses import dataclass, field
from datetime import date
from html import escape, unescape
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/ -> "portals" package

from ogi.demo.portals._formats import (
    Report,
    body_html,
    make_pdf,
    make_rtf,
    page_scan_jpeg,
    text_lines,
)

LOCAL_HOSTS = ("127.0.0.1", "localhost")
EXTERNAL_RE = re.compile(
    r"""(?:href|src|action)\s*=\s*["'](https?://[^"'\s<>]+)["']""", re.IGNORECASE
)


@dataclass
class Rep(Report):
    """A Report whose title may differ from "<agency><year>年政府信息公开工作年度报告"."""

    custom_title: str = ""

    @property
    def title(self) -> str:  # type: ignore[override]
        return (
            self.custom_title or f"{self.agency}{self.year}年政府信息公开工作年度报告"
        )


@dataclass
class Portal:
    name: str
    meta: dict
    config: dict
    files: dict[str, bytes] = field(default_factory=dict)
    encodings: dict[str, str] = field(default_factory=dict)
    reports: list[dict] = field(default_factory=list)
    non_reports: list[dict] = field(default_factory=list)
    disallowed: list[str] = field(default_factory=list)
    list_pages: list[str] = field(default_factory=list)
    offsite: list[dict] = field(default_factory=list)
    external_extra: list[str] = field(default_factory=list)
    data: dict[str, object] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)

    def put(self, path: str, content: str | bytes, encoding: str = "utf-8") -> None:
        assert path.startswith("/") and path not in self.files, path
        if isinstance(content, str):
            content = content.encode(encoding)  # strict: a GBK page must be encodable
            self.encodings[path] = encoding
        self.files[path] = content

    def report(self, path: str, rep: Report, kind: str, **extra) -> None:
        entry = {
            "path": path,
            "title": rep.title,
            "year": rep.year,
            "kind": kind,
            "published": rep.published.isoformat(),
            "agency": rep.agency,
            "table_format": rep.fmt,
        }
        entry.update(extra)
        self.reports.append(entry)

    def report_raw(
        self,
        path: str,
        title: str,
        year: int,
        kind: str,
        published: date,
        agency: str,
        table_format: str,
        **extra,
    ) -> None:
        entry = {
            "path": path,
            "title": title,
            "year": year,
            "kind": kind,
            "published": published.isoformat(),
            "agency": agency,
            "table_format": table_format,
        }
        entry.update(extra)
        self.reports.append(entry)

    def non_report(self, path: str, title: str, reason: str, **extra) -> None:
        self.non_reports.append(
            {"path": path, "title": title, "reason": reason, **extra}
        )

    def externals(self) -> list[str]:
        found: set[str] = set(self.external_extra)
        texts = [
            self.files[p].decode(self.encodings[p])
            for p in self.files
            if p in self.encodings
        ]
        texts += [json.dumps(obj, ensure_ascii=False) for obj in self.data.values()]
        for text in texts:
            for url in EXTERNAL_RE.findall(text.replace('\\"', '"')):
                url = unescape(url)
                host = url.split("/", 3)[2].split(":")[0]
                if host not in LOCAL_HOSTS:
                    found.add(url)
        return sorted(found)

    def write(self) -> None:
        root = HERE / self.name
        for sub in ("site", "data"):
            if (root / sub).exists():
                shutil.rmtree(root / sub)
        for path, blob in sorted(self.files.items()):
            target = root / "site" / path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(blob)
        for fname, obj in sorted(self.data.items()):
            (root / "data").mkdir(parents=True, exist_ok=True)
            (root / "data" / fname).write_text(
                json.dumps(obj, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
        (root / "portal.json").write_text(
            json.dumps(self.config, ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
        expected = dict(self.meta)
        expected.update(self.extra)
        expected["list_pages"] = self.list_pages
        expected["reports"] = self.reports
        expected["non_reports"] = self.non_reports
        expected["disallowed"] = self.disallowed
        expected["offsite"] = self.offsite
        expected["external"] = self.externals()
        expected["faults"] = self.config.get("faults", {})
        (root / "expected.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def paragraphs(text: str, p: str = '<p style="text-indent:2em;">') -> str:
    return "\n".join(
        f"{p}{escape(line.strip())}</p>"
        for line in text.strip().splitlines()
        if line.strip()
    )


# ---------------------------------------------------------------------- non-report bodies


def notice_body(
    issuer: str, year: int, deadline: date, units: str, *, report_to: bool = False
) -> str:
    verb = "报送" if report_to else "编制发布"
    return f"""
{units}：
根据《中华人民共和国政府信息公开条例》第四十九条、第五十条规定和上级政务公开工作部署，现就{verb}{year}年度政府信息公开工作年度报告有关事项通知如下：
一、编制要求。年度报告须严格按照《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）编制，数据统计期限为{year}年1月1日至{year}年12月31日，确保各项数据真实准确、勾稽关系正确。
二、时间安排。请于{cn_date(deadline)}前完成年度报告审定，并在本单位政府信息公开专栏“政府信息公开年报”栏目公开，同时将电子版（Word格式）报送{issuer}。
三、工作要求。年度报告内容要全面反映本单位政府信息公开工作情况，总结问题要具体，改进措施要有针对性，不得简单照搬往年内容。
特此通知。
"""


def guide_body(agency: str, address: str, phone: str) -> str:
    return f"""
为便于公民、法人和其他组织依法获取{agency}政府信息，根据《中华人民共和国政府信息公开条例》，编制本指南。本指南每年更新。
一、主动公开
（一）公开范围。本机关主动公开机构职能、规范性文件、政策解读、行政许可和行政处罚、财政预决算、政府信息公开工作年度报告等信息。
（二）公开渠道。主要通过本机关门户网站政府信息公开专栏公开，并通过政务新媒体、新闻发布会等渠道发布。
（三）公开时限。属于主动公开范围的政府信息，自形成或者变更之日起20个工作日内予以公开。
二、依申请公开
（一）受理机构：{agency}政府信息公开工作机构。通讯地址：{address}。咨询电话：{phone}。
（二）提出申请。申请人可通过在线平台、信函、当面递交等方式提出申请，填写《政府信息公开申请表》并提供身份证明。
（三）答复时限。能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，延长期限最长不超过20个工作日。
三、监督保障
申请人认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。
"""


def workpoints_body(place: str, year: int) -> str:
    return f"""
为深入贯彻落实国务院办公厅和省、市关于政务公开工作的部署要求，进一步提升政务公开质效，结合{place}实际，制定{year}年政务公开工作要点。
一、加强政策发布解读。坚持政策文件与解读材料同步组织、同步审签、同步部署，丰富图表图解、音频视频等解读形式。
二、深化重点领域信息公开。做好财政预决算、重大建设项目、公共资源配置、社会公益事业等领域信息公开。
三、提升政府信息公开专栏规范化水平。动态更新机构职能、政策文件、政府信息公开工作年度报告等栏目内容。
四、规范依申请公开办理。严格按照法定程序和时限答复，加强答复文书规范化建设。
五、按时发布年度报告。严格按照统一格式编制{year - 1}年度政府信息公开工作年度报告，于{year}年1月31日前向社会公布。
"""


def rules_body(agency: str) -> str:
    return f"""
第一条 为规范{agency}政府信息公开工作，根据《中华人民共和国政府信息公开条例》，结合工作实际，制定本制度。
第二条 本机关办公室是政府信息公开工作机构，负责组织、协调、推进本机关政府信息公开工作。
第三条 政府信息公开前，应当依照《中华人民共和国保守国家秘密法》等法律法规进行保密审查。
第四条 本机关应当于每年1月31日前编制并公布本机关上一年度政府信息公开工作年度报告。
第五条 本制度自印发之日起施行。
"""


def budget_body(agency: str, year: int) -> str:
    return f"""
一、部门基本情况
{agency}是主管本行政区域相关工作的政府工作部门，内设办公室、政策法规科等科室。
二、收支预算情况说明
{year}年收入预算合计3{year % 10}56.42万元，其中一般公共预算拨款收入2{year % 10}87.15万元；支出预算合计3{year % 10}56.42万元，其中基本支出2{year % 10}14.80万元、项目支出1141.62万元。
三、“三公”经费预算情况说明
{year}年“三公”经费预算数为12.60万元，比上年减少0.85万元，主要原因是严格落实过紧日子要求，压减公务接待支出。
四、其他重要事项的情况说明
本部门{year}年政府采购预算总额462.30万元；本部门无政府性基金预算支出，无国有资本经营预算支出。
"""


def gov_work_report_body(place: str, year: int) -> str:
    return f"""
各位代表：
现在，我代表{place}人民政府，向大会报告政府工作，请予审议，并请县政协委员和其他列席人员提出意见。
一、{year - 1}年工作回顾
过去一年，面对复杂严峻的外部环境，全县上下坚持稳中求进工作总基调，地区生产总值增长6.2%，一般公共预算收入增长7.1%，城乡居民人均可支配收入分别增长5.1%和7.3%，经济社会发展主要目标任务圆满完成。
二、{year}年工作安排
今年政府工作的总体要求是：坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届二中全会精神，扎实推动高质量发展。主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%。
三、加强政府自身建设
坚持依法行政，自觉接受人大监督和政协民主监督，全面推进政务公开，持续改进工作作风。
各位代表，新征程上，我们将砥砺奋进、勇毅前行，奋力谱写现代化建设新篇章！
"""


def budget_report_body(place: str, year: int) -> str:
    return f"""
各位代表：
受{place}人民政府委托，现将{place}{year - 1}年预算执行情况和{year}年预算草案提请大会审议，并请县政协委员和其他列席人员提出意见。
一、{year - 1}年预算执行情况
全县一般公共预算收入完成16.82亿元，为预算的101.3%；一般公共预算支出完成48.27亿元。政府性基金预算收入完成9.64亿元。
二、{year}年预算草案
{year}年全县一般公共预算收入预期增长5%，安排一般公共预算支出45.80亿元。
三、完成{year}年预算的主要措施
持续加强收入征管，坚持党政机关过紧日子，加强预算绩效管理，防范化解财政运行风险。
"""


def law_report_body(agency: str, year: int) -> str:
    return f"""
{year}年，{agency}坚持以习近平法治思想为指导，深入贯彻落实中央和省、市关于法治政府建设的决策部署，现将本年度法治政府建设情况报告如下：
一、主要举措和成效
（一）健全依法决策机制。严格落实重大行政决策程序规定，全年重大行政决策事项均经合法性审查和集体讨论决定。
（二）严格规范公正文明执法。全面推行行政执法公示、执法全过程记录、重大执法决定法制审核制度。
（三）强化行政权力监督。自觉接受人大监督、民主监督、司法监督，认真办理人大代表建议和政协委员提案。
二、存在的不足和原因
法治宣传教育的针对性有待增强，基层执法人员的法治素养有待进一步提升。
三、下一年度工作安排
持续深化依法行政，加强执法队伍建设，推动法治政府建设再上新台阶。
"""


# ============================================================================ 1. trs_shtml


def build_trs_shtml() -> Portal:
    agency = "晋城市生态环境局"
    office = "晋城市生态环境局办公室"
    addr = "晋城市城区凤台东街2299号"
    phone = "0356-2196107"
    domain = "sthjj.jcgov.gov.cn"
    site_code = "1405000031"
    p = Portal(
        "trs_shtml",
        {
            "family": "trs",
            "cms": "TRS WCM (.shtml)",
            "site_name": agency,
            "region": "山西省晋城市",
            "division_code": "140500",
            "home_path": "/index.shtml",
            "start_path": "/zfxxgk/zfxxgknb/index.shtml",
        },
        {"server_header": "nginx/1.20.1", "last_modified": "2024-03-22T01:10:00Z"},
    )
    p.extra["discovery"] = ["/index.shtml", "/zfxxgk/", "/zfxxgk/zfxxgknb/"]
    col = "/zfxxgk/zfxxgknb/"

    def rep(ag, year, fmt, seed, pub, scale, off=office):
        return Rep(
            ag,
            year,
            fmt,
            seed,
            pub,
            scale=scale,
            office=off,
            place="晋城市",
            address=addr,
            phone=phone,
        )

    p.put(
        "/robots.txt",
        "# robots.txt for "
        + domain
        + "\nUser-agent: *\nDisallow: /search/\nDisallow: /wcm/\nDisallow: /pub/\n",
    )
    p.put(
        "/css/common.css",
        """body{margin:0;font:14px/1.8 "Microsoft YaHei",SimSun,sans-serif;color:#333;background:#f4f6f5}
a{color:#333;text-decoration:none}a:hover{color:#0a7d3e}
.top{background:#0a7d3e url(/images/top_bg.jpg) no-repeat center;height:130px}
.top .w{width:1200px;margin:0 auto;color:#fff;font-size:32px;line-height:130px;letter-spacing:4px}
.menu{background:#086331}.menu ul{width:1200px;margin:0 auto;padding:0;list-style:none;overflow:hidden}
.menu li{float:left;width:16.66%;text-align:center}.menu li a{display:block;color:#fff;line-height:50px;font-size:17px}
.w1200{width:1200px;margin:15px auto;background:#fff;padding:20px;box-sizing:border-box}
.crumb{border-bottom:2px solid #0a7d3e;line-height:38px;margin-bottom:10px}
.side{float:left;width:260px}.side h2{background:#0a7d3e;color:#fff;margin:0;font-size:18px;line-height:48px;text-align:center}
.side li{list-style:none;line-height:44px;border-bottom:1px solid #e5e5e5}.side li.cur a{color:#0a7d3e;font-weight:bold}
.main{float:right;width:880px}.list-ul{padding:0}.list-ul li{list-style:none;line-height:44px;border-bottom:1px dashed #d9d9d9;overflow:hidden}
.list-ul li span.date{float:right;color:#999}.pagebar{text-align:center;margin:24px 0}.pagebar a,.pagebar span{display:inline-block;padding:0 10px;border:1px solid #ddd;margin:0 2px}
.xxgk-meta{width:100%;border-collapse:collapse;background:#f8faf9;margin-bottom:20px}.xxgk-meta th,.xxgk-meta td{border:1px solid #dde5e0;padding:6px 10px;font-weight:normal}
.xxgk-meta th{width:110px;background:#eef4f0;text-align:right}
.art-title{text-align:center;font-size:24px;color:#222;margin:20px 0 10px}.art-info{text-align:center;color:#888;border-bottom:1px solid #eee;padding-bottom:10px}
.TRS_UEDITOR table,.TRS_Editor table{border-collapse:collapse;margin:0 auto}.TRS_UEDITOR td,.TRS_Editor td{border:1px solid #333;padding:2px 4px}
.foot{background:#2b3a33;color:#bbb;text-align:center;padding:22px 0;font-size:13px}.foot a{color:#bbb}
.clear{clear:both}
""",
    )

    nav = (
        '<div class="menu"><ul>'
        '<li><a href="/index.shtml">网站首页</a></li>'
        '<li><a href="/jgzn/">机构职能</a></li>'
        '<li><a href="/xwdt/">新闻动态</a></li>'
        '<li><a href="/zfxxgk/">政府信息公开</a></li>'
        '<li><a href="/hjzl/">环境质量</a></li>'
        '<li><a href="/hdjl/">互动交流</a></li>'
        "</ul></div>"
    )
    foot = f"""<div class="foot">
<p>主办单位：{agency}　地址：{addr}　联系电话：{phone}</p>
<p>网站标识码：{site_code}　<a href="https://beian.miit.gov.cn/" target="_blank">晋ICP备06002418号-3</a>　<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=14050202000211" target="_blank">晋公网安备 14050202000211号</a></p>
<p>友情链接：<a href="https://www.gov.cn/" target="_blank">中国政府网</a>　<a href="https://www.mee.gov.cn/" target="_blank">生态环境部</a>　<a href="http://sthjt.shanxi.gov.cn/" target="_blank">山西省生态环境厅</a>　<a href="http://www.jcgov.gov.cn/" target="_blank">晋城市人民政府</a></p>
<p><a href="https://bszs.conac.cn/sitename?method=show&amp;id=0A5C1E4B0D1F2E3CE053012819AC6F21" target="_blank">党政机关</a>　<a href="http://pucha.kaipuyun.cn/exposure/jiucuo.html?site_code={site_code}" target="_blank">政府网站找错</a></p>
</div>"""

    def page(
        title: str, column: str, body: str, *, head_extra: str = "", metas: str = ""
    ) -> str:
        return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1" />
<title>{escape(title)}</title>
<meta name="SiteName" content="{agency}" />
<meta name="SiteDomain" content="{domain}" />
<meta name="SiteIDCode" content="{site_code}" />
<meta name="ColumnName" content="{column}" />
<meta name="ColumnType" content="{column}" />
{metas}<link rel="stylesheet" type="text/css" href="/css/common.css" />
<script type="text/javascript" src="/js/jquery-1.11.3.min.js"></script>
{head_extra}</head>
<body>
<div class="top"><div class="w">{agency}</div></div>
{nav}
{body}
{foot}
</body>
</html>
"""

    crumb_col = (
        '<div class="crumb">当前位置：<a href="/index.shtml">首页</a> &gt; '
        '<a href="/zfxxgk/">政府信息公开</a> &gt; <a href="/zfxxgk/zfxxgknb/">政府信息公开年报</a></div>'
    )

    def detail(
        path: str,
        title: str,
        pub: date,
        time_: str,
        index_no: str,
        inner: str,
        *,
        publisher: str = office,
        column: str = "政府信息公开年报",
        crumb: str = crumb_col,
        editor: str = "ueditor",
        topic: str = "综合政务/政务公开",
        doc_no: str = "",
    ) -> None:
        wrap = (
            '<div class="view TRS_UEDITOR trs_paper_default trs_web">'
            if editor == "ueditor"
            else '<div class="TRS_Editor"><div class="Custom_UnionStyle">'
        )
        close = "</div>" if editor == "ueditor" else "</div></div>"
        metas = (
            f'<meta name="ArticleTitle" content="{escape(title)}" />\n'
            f'<meta name="PubDate" content="{pub.isoformat()} {time_}" />\n'
            f'<meta name="ContentSource" content="{publisher}" />\n'
            f'<meta name="Keywords" content="" />\n<meta name="Description" content="{escape(title)}" />\n'
        )
        body = f"""<div class="w1200">
{crumb}
<table class="xxgk-meta">
<tr><th>索 引 号：</th><td>{index_no}</td><th>主题分类：</th><td>{topic}</td></tr>
<tr><th>发布机构：</th><td>{publisher}</td><th>生成日期：</th><td>{pub.isoformat()}</td></tr>
<tr><th>文　　号：</th><td>{doc_no}</td><th>有 效 性：</th><td>有效</td></tr>
<tr><th>名　　称：</th><td colspan="3">{escape(title)}</td></tr>
</table>
<div class="art">
<h1 class="art-title">{escape(title)}</h1>
<div class="art-info">发布时间：{pub.isoformat()} {time_}　来源：{publisher}　浏览次数：<script>document.write(Math.floor(Math.random()*900)+100)</script>　【<a href="javascript:void(0)" onclick="doZoom(18)">大</a> <a href="javascript:void(0)" onclick="doZoom(16)">中</a> <a href="javascript:void(0)" onclick="doZoom(14)">小</a>】</div>
<div class="art-con" id="zoom">
{wrap}
{inner}
{close}
</div>
<div class="art-tool"><a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a></div>
</div>
</div>"""
        p.put(path, page(f"{title}_{column}_{agency}", column, body, metas=metas))

    items: list[
        tuple[str, str, str]
    ] = []  # (href relative to the column, title, date or "")

    # 1. 2024 work points (non-report)
    d = date(2024, 3, 8)
    t = f"{agency}2024年政务公开工作要点"
    path = col + "202403/t20240308_5189012.shtml"
    detail(
        path,
        t,
        d,
        "15:20",
        "11140500MB1956413D/2024-00046",
        paragraphs(workpoints_body("我局", 2024)),
        doc_no="晋市环办发〔2024〕9号",
    )
    items.append(("./202403/t20240308_5189012.shtml", t, d.isoformat()))
    p.non_report(path, t, "work_points")

    # 2. the 2023 report, only through a pdf.js viewer iframe
    d = date(2024, 2, 5)
    r = rep(agency, 2023, "2021", 7301, d, 34)
    pdf = "/upload/2024/02/P020240205368754129876.pdf"
    p.put(pdf, make_pdf(text_lines(r), title=r.title))
    path = col + "202402/t20240205_5123456.shtml"
    detail(
        path,
        r.title,
        d,
        "09:30",
        "11140500MB1956413D/2024-00021",
        f'<p style="text-align:center;"><iframe src="/pdfjs/web/viewer.html?file={pdf}" '
        'width="100%" height="1100" frameborder="0" scrolling="auto"></iframe></p>',
    )
    items.append(("./202402/t20240205_5123456.shtml", r.title, d.isoformat()))
    p.report(
        pdf,
        r,
        "attachment",
        via=path,
        notes="detail page shows it only in <iframe src=/pdfjs/web/viewer.html?file=...>",
    )

    # 3. notice whose title mentions 年度报告 (lives in the 通知公告 column)
    d = date(2024, 1, 10)
    t = f"{agency}关于报送2023年度政府信息公开工作年度报告有关事项的通知"
    path = "/zwgk/tzgg/202401/t20240110_5101234.shtml"
    detail(
        path,
        t,
        d,
        "17:45",
        "11140500MB1956413D/2024-00008",
        paragraphs(
            notice_body(
                "局办公室",
                2023,
                date(2024, 1, 20),
                "各县（市、区）分局，局机关各科室、局属各单位",
                report_to=True,
            )
        ),
        column="通知公告",
        crumb='<div class="crumb">当前位置：<a href="/index.shtml">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/tzgg/">通知公告</a></div>',
        doc_no="晋市环办函〔2024〕3号",
    )
    items.append(("../../zwgk/tzgg/202401/t20240110_5101234.shtml", t, d.isoformat()))
    p.non_report(path, t, "notice")

    # 4. department budget misfiled in the column
    d = date(2023, 12, 20)
    t = f"{agency}2024年部门预算公开"
    path = col + "202312/t20231220_5087654.shtml"
    detail(
        path,
        t,
        d,
        "11:02",
        "11140500MB1956413D/2023-00311",
        paragraphs(budget_body(agency, 2024)),
        topic="财政、金融、审计/预算",
    )
    items.append(("./202312/t20231220_5087654.shtml", t, d.isoformat()))
    p.non_report(path, t, "budget")

    # 5. 2022 report, Word-pasted tables
    d = date(2023, 1, 29)
    r = rep(agency, 2022, "2021", 7201, d, 31)
    path = col + "202301/t20230129_4987654.shtml"
    detail(
        path,
        r.title,
        d,
        "16:12",
        "11140500MB1956413D/2023-00019",
        body_html(r, "word"),
        editor="word",
    )
    items.append(("./202301/t20230129_4987654.shtml", r.title, d.isoformat()))
    p.report(path, r, "page")

    # 6. guide (another column)
    d = date(2022, 6, 15)
    t = f"{agency}政府信息公开指南"
    path = "/zfxxgk/zfxxgkzn/202206/t20220615_4712345.shtml"
    detail(
        path,
        t,
        d,
        "10:00",
        "11140500MB1956413D/2022-00150",
        paragraphs(guide_body(agency, addr, phone)),
        column="政府信息公开指南",
        crumb='<div class="crumb">当前位置：<a href="/index.shtml">首页</a> &gt; <a href="/zfxxgk/">政府信息公开</a> &gt; <a href="/zfxxgk/zfxxgkzn/">政府信息公开指南</a></div>',
    )
    items.append(("../zfxxgkzn/202206/t20220615_4712345.shtml", t, d.isoformat()))
    p.non_report(path, t, "guide")

    # 7. 2021 report, 图片版 (three scanned pages, no text)
    d = date(2022, 1, 28)
    title = f"{agency}2021年政府信息公开工作年度报告"
    imgs = [
        "W020220128539872460125.jpg",
        "W020220128539872460126.jpg",
        "W020220128539872460127.jpg",
    ]
    for n, name in enumerate(imgs):
        p.put(col + "202201/" + name, page_scan_jpeg(7100 + n))
    inner = "\n".join(
        f'<p style="text-align:center;"><img src="./{name}" OLDSRC="{name}" title="{n + 1}.jpg" '
        f'alt="" style="width:100%;" /></p>'
        for n, name in enumerate(imgs)
    )
    path = col + "202201/t20220128_4598765.shtml"
    detail(path, title, d, "08:50", "11140500MB1956413D/2022-00017", inner)
    items.append(("./202201/t20220128_4598765.shtml", title, d.isoformat()))
    p.report_raw(
        path,
        title,
        2021,
        "page",
        d,
        agency,
        "none",
        notes="图片版: the body is only three JPEG scans",
    )

    # 8-9. 2020 and 2019 reports, 2019-format tables
    for year, pub, time_, tid, seed, style in (
        (2020, date(2021, 1, 27), "10:41", "t20210127_4123456", 7001, "plain"),
        (2019, date(2020, 1, 21), "15:03", "t20200121_3798765", 6901, "word"),
    ):
        r = rep(agency, year, "2019", seed, pub, 28)
        path = col + f"{pub:%Y%m}/{tid}.shtml"
        detail(
            path,
            r.title,
            pub,
            time_,
            f"11140500MB1956413D/{pub.year}-000{pub.day}",
            body_html(r, style),
            editor="word" if style == "word" else "ueditor",
        )
        items.append((f"./{pub:%Y%m}/{tid}.shtml", r.title, pub.isoformat()))
        p.report(path, r, "page", notes="2019-format tables")

    # 10. rules (non-report)
    d = date(2019, 11, 20)
    t = f"{agency}政府信息公开工作制度"
    path = col + "201911/t20191120_3712345.shtml"
    detail(
        path,
        t,
        d,
        "09:12",
        "11140500MB1956413D/2019-00233",
        paragraphs(rules_body(agency)),
    )
    items.append(("./201911/t20191120_3712345.shtml", t, d.isoformat()))
    p.non_report(path, t, "rules")

    # 11. a link into the site search (robots.txt: Disallow /search/)
    q = quote("年度报告")
    search_href = (
        f"/search/result.shtml?searchword={q}&channelid=281643&searchscope=zfxxgknb"
    )
    items.append((search_href, "2018年及以前年度报告请点此检索", ""))
    p.disallowed.append("/search/result.shtml")
    p.put(
        "/search/result.shtml",
        page(
            f"检索结果_{agency}",
            "站内检索",
            """<div class="w1200"><div class="crumb">当前位置：<a href="/index.shtml">首页</a> &gt; 站内检索</div>
<div class="search-result"><p>检索词“年度报告”，共找到 3 条结果（检索服务按请求实时生成，此处为静态示例）</p>
<ul class="list-ul">
<li><a href="/zfxxgk/zfxxgknb/201901/t20190130_3301122.shtml">晋城市环境保护局2018年政府信息公开工作年度报告</a><span class="date">2019-01-30</span></li>
<li><a href="/zfxxgk/zfxxgknb/201801/t20180126_2987301.shtml">晋城市环境保护局2017年政府信息公开工作年度报告</a><span class="date">2018-01-26</span></li>
<li><a href="/zfxxgk/zfxxgknb/201701/t20170124_2610458.shtml">晋城市环境保护局2016年政府信息公开工作年度报告</a><span class="date">2017-01-24</span></li>
</ul></div></div>""",
        ),
    )

    # pdf.js viewer (reads ?file= in JavaScript; no link to the file in its HTML)
    p.put(
        "/pdfjs/web/viewer.html",
        """<!DOCTYPE html>
<html dir="ltr" mozdisallowselectionprint>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">
<meta name="google" content="notranslate">
<title>PDF.js viewer</title>
<link rel="stylesheet" href="viewer.css">
<script src="../build/pdf.js"></script>
<script src="viewer.js"></script>
</head>
<body tabindex="1">
<div id="outerContainer"><div id="mainContainer">
<div class="toolbar"><div id="toolbarContainer"><div id="toolbarViewer">
<button id="print" class="toolbarButton print" title="打印">打印</button>
<button id="download" class="toolbarButton download" title="下载">下载</button>
</div></div></div>
<div id="viewerContainer" tabindex="0"><div id="viewer" class="pdfViewer"></div></div>
</div></div>
</body>
</html>
""",
    )
    p.put(
        "/pdfjs/web/viewer.js",
        "/* pdf.js viewer (abridged): opens the document named by the ?file= parameter. */\n"
        "(function(){var m=/[?&]file=([^&#]+)/.exec(location.search);"
        "var file=m?decodeURIComponent(m[1]):'compressed.tracemonkey-pldi-09.pdf';"
        "window.PDFViewerApplicationOptions={defaultUrl:file};})();\n",
    )

    # list pages: 3 a page, 4 pages, paging only through createPageHTML(4, n, "index", "shtml")
    create_page_js = """<script type="text/javascript">
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
	if(_nPageCount == null || _nPageCount<=1){ return; }
	var nCurrIndex = _nCurrIndex || 0;
	if(nCurrIndex == 0){
		document.write("<span>首页</span> <span>上一页</span> ");
	}else{
		document.write("<a href=\\""+_sPageName+"."+_sPageExt+"\\">首页</a> ");
		if(nCurrIndex == 1) document.write("<a href=\\""+_sPageName+"."+_sPageExt+"\\">上一页</a> ");
		else document.write("<a href=\\""+_sPageName+"_" + (nCurrIndex-1) + "."+_sPageExt+"\\">上一页</a> ");
	}
	if(nCurrIndex == _nPageCount-1){
		document.write("<span>下一页</span> <span>尾页</span>");
	}else{
		document.write("<a href=\\""+_sPageName+"_" + (nCurrIndex+1) + "."+_sPageExt+"\\">下一页</a> ");
		document.write("<a href=\\""+_sPageName+"_" + (_nPageCount-1) + "."+_sPageExt+"\\">尾页</a>");
	}
	document.write(" <span>第"+(nCurrIndex+1)+"/"+_nPageCount+"页</span>");
}
</script>
"""
    per = 3
    chunks = [items[i : i + per] for i in range(0, len(items), per)]
    assert len(chunks) == 4
    for n, chunk in enumerate(chunks):
        lis = "\n".join(
            f'<li><a href="{href}" target="_blank" title="{escape(t)}">{escape(t)}</a>'
            f'<span class="date">{dt}</span></li>'
            for href, t, dt in chunk
        )
        body = f"""<div class="w1200">
<div class="crumb">当前位置：<a href="/index.shtml">首页</a> &gt; <a href="/zfxxgk/">政府信息公开</a> &gt; <a href="./">政府信息公开年报</a></div>
<div class="side"><h2>政府信息公开</h2><ul>
<li><a href="../zfxxgkzn/">政府信息公开指南</a></li>
<li><a href="../zfxxgkzd/">政府信息公开制度</a></li>
<li><a href="../fdzdgknr/">法定主动公开内容</a></li>
<li class="cur"><a href="./">政府信息公开年报</a></li>
<li><a href="../ysqgk/">依申请公开</a></li>
</ul></div>
<div class="main">
<div class="main-tit">政府信息公开年报</div>
<ul class="list-ul">
{lis}
</ul>
<div class="pagebar"><script type="text/javascript">createPageHTML(4, {n}, "index", "shtml");</script></div>
</div>
<div class="clear"></div>
</div>"""
        name = "index.shtml" if n == 0 else f"index_{n}.shtml"
        p.put(
            col + name,
            page(
                f"政府信息公开年报_{agency}",
                "政府信息公开年报",
                body,
                head_extra=create_page_js,
            ),
        )
        p.list_pages.append("GET " + col + name)

    # 政府信息公开 platform page (the only page that links the column) and the home page
    p.put(
        "/zfxxgk/index.shtml",
        page(
            f"政府信息公开_{agency}",
            "政府信息公开",
            """<div class="w1200">
<div class="crumb">当前位置：<a href="/index.shtml">首页</a> &gt; 政府信息公开</div>
<div class="xxgk-platform">
<div class="xxgk-search"><form action="/search/result.shtml" method="get"><input type="text" name="searchword" placeholder="请输入关键字"><input type="hidden" name="channelid" value="281643"><button type="submit">搜索</button></form></div>
<div class="xxgk-entry">
<a class="e1" href="./zfxxgkzn/">政府信息公开指南</a>
<a class="e2" href="./zfxxgkzd/">政府信息公开制度</a>
<a class="e3" href="./fdzdgknr/">法定主动公开内容</a>
<a class="e4" href="./zfxxgknb/">政府信息公开年报</a>
<a class="e5" href="./ysqgk/">依申请公开</a>
</div>
<div class="xxgk-box"><h3>法定主动公开内容</h3><ul>
<li><a href="./fdzdgknr/jgzn/">机构职能</a></li><li><a href="./fdzdgknr/zcwj/">政策文件</a></li>
<li><a href="./fdzdgknr/ghxx/">规划信息</a></li><li><a href="./fdzdgknr/czzj/">财政资金</a></li>
<li><a href="./fdzdgknr/xzxk/">行政许可</a></li><li><a href="./fdzdgknr/xzcf/">行政处罚</a></li>
</ul></div>
</div>
</div>""",
        ),
    )
    p.put(
        "/index.shtml",
        page(
            agency,
            "首页",
            """<div class="w1200">
<div class="home-news"><h3>工作动态 <a href="/xwdt/">更多&gt;&gt;</a></h3><ul>
<li><a href="/xwdt/">市生态环境局召开2024年全市生态环境保护工作会议</a></li>
<li><a href="/xwdt/">我市一季度环境空气质量综合指数持续改善</a></li>
</ul></div>
<div class="home-notice"><h3>通知公告</h3><ul>
<li><a href="/zwgk/tzgg/202401/t20240110_5101234.shtml">关于报送2023年度政府信息公开工作年度报告有关事项的通知</a></li>
</ul></div>
<div class="home-entry">
<a href="/zfxxgk/">政府信息公开</a>
<a href="/hjzl/">环境质量</a>
<a href="https://www.sxzwfw.gov.cn/" target="_blank">政务服务</a>
<a href="/hdjl/">局长信箱</a>
</div>
</div>""",
        ),
    )
    return p


# ============================================================================ 2. hanweb_multi


def build_hanweb_multi() -> Portal:
    site_name = "宝应县人民政府"
    office = "宝应县人民政府办公室"
    addr = "宝应县安宜镇叶挺路1号"
    phone = "0514-88212018"
    domain = "www.baoying.gov.cn"
    site_code = "3210230001"
    webid = 71
    p = Portal(
        "hanweb_multi",
        {
            "family": "hanweb",
            "cms": "Hanweb (大汉) jcms",
            "site_name": site_name,
            "region": "江苏省扬州市宝应县",
            "division_code": "321023",
            "home_path": "/index.html",
            "start_path": "/col/col2000/index.html",
        },
        {
            "server_header": "Apache-Coyote/1.1",
            "last_modified": "2024-03-12T07:40:00Z",
        },
    )
    columns = {
        2001: {"name": "县政府本级", "unitid": 62305},
        2002: {"name": "部门", "unitid": 62311},
    }
    per_page, group_size = 3, 2

    def rep(ag, year, fmt, seed, pub, scale, off):
        return Rep(
            ag,
            year,
            fmt,
            seed,
            pub,
            scale=scale,
            office=off,
            place="宝应县",
            address=addr,
            phone=phone,
        )

    p.put("/robots.txt", "User-agent: *\nDisallow: /jrobot/\nDisallow: /manager/\n")
    p.put(
        "/images/bysite.css",
        """body{margin:0;font:14px/1.75 "Microsoft YaHei",SimSun;color:#333}a{color:#333;text-decoration:none}
.head{height:150px;background:#b71c1c}.head .logo{width:1200px;margin:0 auto;color:#fff;font-size:36px;line-height:150px}
.navbar{background:#8e1212;height:52px}.navbar a{color:#fff;font-size:17px;line-height:52px;padding:0 34px}
.wrap{width:1200px;margin:16px auto}.position{line-height:40px;border-bottom:1px solid #e0e0e0}
.lm-left{float:left;width:250px}.lm-left .lm-name{background:#b71c1c;color:#fff;font-size:18px;line-height:54px;text-align:center}
.lm-left li{line-height:46px;border-bottom:1px solid #eee;list-style:none;text-align:center}.lm-left li.on a{color:#b71c1c;font-weight:bold}
.lm-right{float:right;width:920px}.lm-right table td{line-height:40px;border-bottom:1px dashed #ddd}.bt_time{color:#999;width:110px;text-align:right}
.xxgk_table{width:100%;border-collapse:collapse;margin:10px 0}.xxgk_table td{border:1px solid #e2e2e2;padding:5px 10px}
#zoom{font-size:16px;line-height:2}#zoom table{border-collapse:collapse}#zoom td{border:1px solid #000;padding:2px 4px}
.foot{background:#f3f3f3;border-top:3px solid #b71c1c;text-align:center;padding:18px 0;color:#555}
""",
    )
    p.put(
        "/module/web/jpage/jpage.js",
        """/* jpage -- Hanweb list pager (abridged).  The page's <datastore> holds the first group
   (perPage x groupSize records); the next groups are POSTed for:
   proxyUrl?startrecord=S&endrecord=E&perpage=P with ajaxParam (the param_<unitid> object)
   as the urlencoded form body.  The answer is the same <datastore> XML. */
(function($){
  $.fn.jpage = function(o){
    var group = o.perPage * o.groupSize, self = this;
    function fetchGroup(start){
      $.ajax({type:'POST', url:o.proxyUrl + '?startrecord=' + start + '&endrecord=' + (start + group - 1) + '&perpage=' + o.perPage,
              data:o.ajaxParam, dataType:'xml', success:function(xml){ render($(xml).find('record')); }});
    }
    function render(records){ var h = o.dataBefore; records.each(function(){ h += $(this).text(); }); self.html(h + o.dataAfter); }
    return this;
  };
})(jQuery);
""",
    )

    head = (
        f'<div class="head"><div class="logo">{site_name}</div></div>\n'
        '<div class="navbar"><a href="/index.html">首页</a><a href="/col/col1880/index.html">走进宝应</a>'
        '<a href="/col/col1990/index.html">政务公开</a><a href="/col/col1900/index.html">政务服务</a>'
        '<a href="/col/col1910/index.html">互动交流</a></div>'
    )
    foot = f"""<div class="foot">
<p>主办：{office}　承办：宝应县大数据管理中心　地址：{addr}　邮编：225800</p>
<p>网站标识码：{site_code}　<a href="https://beian.miit.gov.cn/" target="_blank">苏ICP备05017386号-1</a>　<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=32102302010021" target="_blank">苏公网安备 32102302010021号</a></p>
<p><a href="http://www.jiangsu.gov.cn/" target="_blank">江苏省人民政府</a>　<a href="http://www.yangzhou.gov.cn/" target="_blank">扬州市人民政府</a>　<a href="https://www.gov.cn/" target="_blank">中国政府网</a></p>
</div>"""

    def left_nav(current: int | None) -> str:
        lis = []
        for cid, name in (
            (2000, "政府信息公开年报"),
            (2001, "县政府本级"),
            (2002, "部门"),
        ):
            cls = ' class="on"' if cid == current else ""
            lis.append(f'<li{cls}><a href="/col/col{cid}/index.html">{name}</a></li>')
        return (
            '<div class="lm-left"><div class="lm-name">信息公开年报</div><ul>'
            + "".join(lis)
            + "</ul></div>"
        )

    def shell(
        title: str, column: str, body: str, *, charset_meta: str, metas: str = ""
    ) -> str:
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
{charset_meta}
<title>{escape(title)}</title>
<meta name="SiteName" content="{site_name}">
<meta name="SiteDomain" content="{domain}">
<meta name="SiteIDCode" content="{site_code}">
<meta name="ColumnName" content="{column}">
<meta name="ColumnType" content="政府信息公开年报">
{metas}<link href="/images/bysite.css" rel="stylesheet" type="text/css">
<script type="text/javascript" src="/script/jquery.min.js"></script>
<script type="text/javascript" src="/module/web/jpage/jpage.js"></script>
</head>
<body>
{head}
{body}
{foot}
</body>
</html>
"""

    def detail(
        path: str,
        title: str,
        pub: date,
        time_: str,
        index_no: str,
        inner: str,
        colid: int,
        publisher: str,
        *,
        encoding: str = "utf-8",
    ) -> None:
        cname = columns[colid]["name"]
        charset_meta = (
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            if encoding == "utf-8"
            else '<meta http-equiv="X-UA-Compatible" content="IE=edge">'
        )
        metas = (
            f'<meta name="ArticleTitle" content="{escape(title)}">\n'
            f'<meta name="PubDate" content="{pub.isoformat()} {time_}">\n'
            f'<meta name="ContentSource" content="{publisher}">\n'
            '<meta name="Keywords" content="">\n<meta name="Author" content="">\n'
            f'<meta name="Url" content="http://{domain}{path}">\n'
        )
        body = f"""<div class="wrap">
<div class="position">您当前的位置：<a href="/index.html">首页</a> &gt; <a href="/col/col1990/index.html">政务公开</a> &gt; <a href="/col/col2000/index.html">政府信息公开年报</a> &gt; <a href="/col/col{colid}/index.html">{cname}</a></div>
<table class="xxgk_table" cellspacing="0" cellpadding="0">
<tr><td width="13%">索引号</td><td width="37%">{index_no}</td><td width="13%">分类</td><td>综合政务 \\ 政务公开</td></tr>
<tr><td>发布机构</td><td>{publisher}</td><td>发文日期</td><td>{pub.isoformat()}</td></tr>
<tr><td>文件名称</td><td colspan="3">{escape(title)}</td></tr>
<tr><td>文号</td><td></td><td>时效</td><td>有效</td></tr>
</table>
<div class="article">
<div class="title" style="text-align:center;font-size:24px;font-weight:bold;">{escape(title)}</div>
<div class="info" style="text-align:center;color:#888;">发布日期：{pub.isoformat()}　来源：{publisher}　浏览次数：<span id="ArticleCount"></span>　字号：[ <a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a> ]</div>
<!--ZJEG_RSS.content.begin--><meta name="ContentStart">
<div id="zoom">
{inner}
</div>
<meta name="ContentEnd"><!--ZJEG_RSS.content.end-->
<div class="tool"><a href="javascript:window.print()">[打印本页]</a> <a href="javascript:window.close()">[关闭窗口]</a></div>
</div>
</div>"""
        p.put(
            path,
            shell(
                f"{title} {site_name}",
                cname,
                body,
                charset_meta=charset_meta,
                metas=metas,
            ),
            encoding=encoding,
        )

    records: dict[int, list[dict]] = {2001: [], 2002: []}

    def add(colid: int, url: str, title: str, pub: date) -> None:
        records[colid].append({"url": url, "title": title, "date": pub.isoformat()})

    county = site_name
    # ---- col 2001 县政府本级: 11 records, newest first
    d = date(2024, 3, 6)
    t = "宝应县2024年政务公开工作要点"
    path = "/art/2024/3/6/art_2001_3745218.html"
    detail(
        path,
        t,
        d,
        "16:30",
        "014170218/2024-00027",
        paragraphs(workpoints_body("全县", 2024)),
        2001,
        office,
    )
    add(2001, path, t, d)
    p.non_report(path, t, "work_points", column=2001)

    d = date(2024, 1, 26)
    r = rep(county, 2023, "2021", 7302, d, 66, office)
    path = "/art/2024/1/26/art_2001_3698765.html"
    detail(
        path,
        r.title,
        d,
        "10:18",
        "014170218/2024-00011",
        body_html(r, "plain"),
        2001,
        office,
    )
    add(2001, path, r.title, d)
    p.report(path, r, "page", column=2001)

    d = date(2024, 1, 15)
    t = "2024年宝应县人民政府工作报告"
    path = "/art/2024/1/15/art_2001_3679013.html"
    detail(
        path,
        t,
        d,
        "09:00",
        "014170218/2024-00006",
        paragraphs(gov_work_report_body("宝应县", 2024)),
        2001,
        office,
    )
    add(2001, path, t, d)
    p.non_report(path, t, "gov_work_report", column=2001)

    d = date(2024, 1, 8)
    t = "宝应县人民政府办公室关于做好2023年度政府信息公开工作年度报告编制发布工作的通知"
    path = "/art/2024/1/8/art_2001_3667702.html"
    detail(
        path,
        t,
        d,
        "17:20",
        "014170218/2024-00003",
        paragraphs(
            notice_body(
                "县政务公开办",
                2023,
                date(2024, 1, 31),
                "各镇人民政府，县各办局，县各直属单位",
            )
        ),
        2001,
        office,
    )
    add(2001, path, t, d)
    p.non_report(path, t, "notice", column=2001)

    d = date(2023, 1, 28)
    r = rep(county, 2022, "2021", 7202, d, 61, office)
    path = "/art/2023/1/28/art_2001_3352047.html"
    detail(
        path,
        r.title,
        d,
        "11:47",
        "014170218/2023-00015",
        body_html(r, "plain"),
        2001,
        office,
    )
    add(2001, path, r.title, d)
    p.report(path, r, "page", column=2001)

    d = date(2023, 1, 18)
    t = "关于宝应县2022年预算执行情况与2023年预算草案的报告"
    path = "/art/2023/1/18/art_2001_3338190.html"
    detail(
        path,
        t,
        d,
        "15:05",
        "014170218/2023-00009",
        paragraphs(budget_report_body("宝应县", 2023)),
        2001,
        "宝应县财政局",
    )
    add(2001, path, t, d)
    p.non_report(path, t, "budget", column=2001)

    d = date(2022, 1, 27)
    r = rep(county, 2021, "2021", 7102, d, 58, office)
    path = "/art/2022/1/27/art_2001_2987611.html"
    detail(
        path,
        r.title,
        d,
        "16:55",
        "014170218/2022-00014",
        body_html(r, "plain"),
        2001,
        office,
    )
    add(2001, path, r.title, d)
    p.report(
        path,
        r,
        "page",
        column=2001,
        notes="answers 500 once, then 200 (portal.json faults)",
    )
    p.config["faults"] = {"fail": {path: [1, 500]}}

    d = date(2022, 1, 20)
    ext_title = "扬州市人民政府2021年政府信息公开工作年度报告"
    ext_url = "https://www.yangzhou.gov.cn/zfxxgk/fdzdgknr/ndbg/202201/b7c3e91f5a2d4e0b8c6f1a9d2e3b4c5d.shtml"
    add(2001, ext_url, ext_title, d)
    p.external_extra.append(ext_url)
    p.offsite.append(
        {
            "linked_as": ext_url,
            "title": ext_title,
            "column": 2001,
            "notes": "a record of col 2001 (in the dataproxy part) pointing to another host",
        }
    )

    d = date(2021, 6, 10)
    t = "宝应县人民政府信息公开指南"
    path = "/art/2021/6/10/art_2001_2765530.html"
    detail(
        path,
        t,
        d,
        "10:00",
        "014170218/2021-00088",
        paragraphs(guide_body(county, addr, phone)),
        2001,
        office,
    )
    add(2001, path, t, d)
    p.non_report(path, t, "guide", column=2001)

    for year, pub, time_, aid, seed in (
        (2020, date(2021, 1, 29), "14:22", "art_2001_2613308", 7002),
        (2019, date(2020, 1, 22), "09:35", "art_2001_2240917", 6902),
    ):
        r = rep(county, year, "2019", seed, pub, 52, office)
        path = f"/art/{pub.year}/{pub.month}/{pub.day}/{aid}.html"
        detail(
            path,
            r.title,
            pub,
            time_,
            f"014170218/{pub.year}-000{pub.day}",
            body_html(r, "plain"),
            2001,
            office,
        )
        add(2001, path, r.title, pub)
        p.report(path, r, "page", column=2001, notes="2019-format tables")

    # ---- col 2002 部门: 7 records
    depts = {
        "卫健": ("宝应县卫生健康委员会", "宝应县卫生健康委员会办公室", "014170391"),
        "教育": ("宝应县教育局", "宝应县教育局办公室", "014170305"),
        "财政": ("宝应县财政局", "宝应县财政局办公室", "014170330"),
    }
    for key, pub, time_, aid, seed, scale in (
        ("卫健", date(2024, 1, 30), "15:40", "art_2002_3705126", 7311, 18),
        ("教育", date(2024, 1, 29), "10:05", "art_2002_3703390", 7312, 26),
        ("财政", date(2024, 1, 26), "08:58", "art_2002_3698102", 7313, 12),
    ):
        ag, off, code = depts[key]
        r = rep(ag, 2023, "2021", seed, pub, scale, off)
        path = f"/art/{pub.year}/{pub.month}/{pub.day}/{aid}.html"
        detail(
            path,
            r.title,
            pub,
            time_,
            f"{code}/2024-000{pub.day}",
            body_html(r, "plain"),
            2002,
            ag,
        )
        add(2002, path, r.title, pub)
        p.report(path, r, "page", column=2002)

    d = date(2023, 6, 12)
    t = "宝应县住房和城乡建设局政府信息公开指南"
    path = "/art/2023/6/12/art_2002_3489975.html"
    detail(
        path,
        t,
        d,
        "09:20",
        "014170348/2023-00061",
        paragraphs(
            guide_body(
                "宝应县住房和城乡建设局", "宝应县安宜镇白田中路88号", "0514-88262105"
            )
        ),
        2002,
        "宝应县住房和城乡建设局",
    )
    add(2002, path, t, d)
    p.non_report(path, t, "guide", column=2002)

    d = date(2023, 2, 10)
    t = "宝应县卫生健康委员会2023年部门预算"
    path = "/art/2023/2/10/art_2002_3371864.html"
    detail(
        path,
        t,
        d,
        "11:11",
        "014170391/2023-00012",
        paragraphs(budget_body("宝应县卫生健康委员会", 2023)),
        2002,
        "宝应县卫生健康委员会",
    )
    add(2002, path, t, d)
    p.non_report(path, t, "budget", column=2002)

    # 教育局 2022: GBK bytes, no charset in the header nor in the page
    ag, off, code = depts["教育"]
    d = date(2023, 1, 31)
    r = rep(ag, 2022, "2021", 7212, d, 24, off)
    path = "/art/2023/1/31/art_2002_3360251.html"
    detail(
        path,
        r.title,
        d,
        "16:02",
        f"{code}/2023-00007",
        body_html(r, "plain"),
        2002,
        ag,
        encoding="gbk",
    )
    add(2002, path, r.title, d)
    p.report(
        path,
        r,
        "page",
        column=2002,
        encoding="gbk",
        notes="GBK bytes; no charset in the header nor in the page",
    )

    ag, off, code = depts["财政"]
    d = date(2023, 1, 29)
    r = rep(ag, 2022, "2021", 7213, d, 11, off)
    path = "/art/2023/1/29/art_2002_3355418.html"
    detail(
        path, r.title, d, "09:44", f"{code}/2023-00004", body_html(r, "plain"), 2002, ag
    )
    add(2002, path, r.title, d)
    p.report(
        path,
        r,
        "page",
        column=2002,
        notes="the only record past the first group of col 2002",
    )

    assert len(records[2001]) == 11 and len(records[2002]) == 7

    # ---- column pages: the first group (perPage x groupSize) in <datastore>, rest by POST
    def record_html(rec: dict) -> str:
        return (
            '<table width="100%" border="0" cellspacing="0" cellpadding="0"><tr>'
            f'<td><a href="{rec["url"]}" target="_blank" title="{escape(rec["title"])}">{escape(rec["title"])}</a></td>'
            f'<td class="bt_time">[{rec["date"]}]</td></tr></table>'
        )

    group = per_page * group_size
    data_columns = {}
    for colid, info in columns.items():
        unitid = info["unitid"]
        recs = records[colid]
        webname_q = quote(site_name)
        first = "\n".join(
            f"<record><![CDATA[\n{record_html(rec)}\n]]></record>"
            for rec in recs[:group]
        )
        body = f"""<div class="wrap">
<div class="position">您当前的位置：<a href="/index.html">首页</a> &gt; <a href="/col/col1990/index.html">政务公开</a> &gt; <a href="/col/col2000/index.html">政府信息公开年报</a> &gt; {info["name"]}</div>
{left_nav(colid)}
<div class="lm-right">
<div class="lm-title">{info["name"]}</div>
<div id="{unitid}">
<script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid={webid}&path=/&columnid={colid}&unitid={unitid}&webname={webname_q}&permissiontype=0"></a>]]></nextgroup>
<recordset>
{first}
</recordset>
</datastore></script>
</div>
<script language="javascript">
var param_{unitid} = {{col:1,appid:1,webid:{webid},path:'/',columnid:{colid},sourceContentType:1,unitid:{unitid},webname:'{site_name}',permissiontype:0}};
</script>
<script language="javascript">
$(function(){{
	$('#{unitid}').jpage({{
		dataStore : $('#{unitid} script[type="text/xml"]').text(),
		themeName : 'default',
		showMode : 'full',
		dataBefore : '<div class="default_pgContainer">',
		dataAfter : '</div>',
		proxyUrl : '/module/web/jpage/dataproxy.jsp',
		perPage : {per_page},
		groupSize : {group_size},
		totalRecord : {len(recs)},
		barPosition : 'bottom',
		ajaxParam : param_{unitid}
	}});
}});
</script>
</div>
<div style="clear:both"></div>
</div>"""
        cpath = f"/col/col{colid}/index.html"
        p.put(
            cpath,
            shell(
                f"{info['name']} {site_name}",
                info["name"],
                body,
                charset_meta='<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
            ),
        )
        p.list_pages.append("GET " + cpath)
        start = group + 1
        while start <= len(recs):
            p.list_pages.append(
                f"POST /module/web/jpage/dataproxy.jsp?startrecord={start}&endrecord={start + group - 1}&perpage={per_page}"
            )
            start += group
        data_columns[str(colid)] = {
            "name": info["name"],
            "columnid": colid,
            "unitid": unitid,
            "webid": webid,
            "webname": site_name,
            "per_page": per_page,
            "group_size": group_size,
            "records": recs,
        }
    p.data["columns.json"] = data_columns
    p.extra["columns"] = [
        {
            "path": f"/col/col{colid}/index.html",
            "name": info["name"],
            "columnid": colid,
            "unitid": info["unitid"],
            "total_record": len(records[colid]),
            "per_page": per_page,
            "group_size": group_size,
            "form": {
                "col": 1,
                "appid": 1,
                "webid": webid,
                "path": "/",
                "columnid": colid,
                "sourceContentType": 1,
                "unitid": info["unitid"],
                "webname": site_name,
                "permissiontype": 0,
            },
        }
        for colid, info in columns.items()
    ]

    # the 信息公开年报 parent column: only links to the two sub-columns
    p.put(
        "/col/col2000/index.html",
        shell(
            f"政府信息公开年报 {site_name}",
            "政府信息公开年报",
            f"""<div class="wrap">
<div class="position">您当前的位置：<a href="/index.html">首页</a> &gt; <a href="/col/col1990/index.html">政务公开</a> &gt; 政府信息公开年报</div>
{left_nav(2000)}
<div class="lm-right">
<div class="sub-col"><div class="sub-col-title"><span>县政府本级</span><a class="more" href="/col/col2001/index.html">更多&gt;&gt;</a></div></div>
<div class="sub-col"><div class="sub-col-title"><span>部门</span><a class="more" href="/col/col2002/index.html">更多&gt;&gt;</a></div></div>
<div class="sub-col-tip">各镇（区）政府信息公开工作年度报告请到各镇（区）政府信息公开专栏查阅。</div>
</div>
<div style="clear:both"></div>
</div>""",
            charset_meta='<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
        ),
    )
    p.put(
        "/index.html",
        shell(
            site_name,
            "首页",
            """<div class="wrap">
<div class="home-news"><h3>宝应要闻</h3><ul>
<li><a href="/col/col1885/index.html">县委常委会召开会议 研究部署近期重点工作</a></li>
<li><a href="/col/col1885/index.html">我县召开2024年优化营商环境工作推进会</a></li>
</ul></div>
<div class="home-gk"><h3>政务公开</h3><ul>
<li><a href="/col/col1991/index.html">政府信息公开指南</a></li>
<li><a href="/col/col1992/index.html">政府信息公开制度</a></li>
<li><a href="/col/col1993/index.html">法定主动公开内容</a></li>
<li><a href="/col/col2000/index.html">信息公开年报</a></li>
<li><a href="http://www.yangzhou.gov.cn/zfxxgk/" target="_blank">扬州市政府信息公开</a></li>
</ul></div>
</div>""",
            charset_meta='<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
        ),
    )
    return p


# ============================================================================ 3. gkmlpt_dept


def _epoch(d: date, hm: str) -> int:
    """Unix time of a Beijing-time date and "HH:MM"."""
    from datetime import datetime, timedelta, timezone

    h, m = (int(x) for x in hm.split(":"))
    dt = datetime(d.year, d.month, d.day, h, m, tzinfo=timezone(timedelta(hours=8)))
    return int(dt.timestamp())


def build_gkmlpt_dept() -> Portal:
    agency = "广州市人力资源和社会保障局"
    office = "广州市人力资源和社会保障局办公室"
    addr = "广州市越秀区解放南路133号"
    phone = "020-83355512"
    domain = "rsj.gz.gov.cn"
    site_code = "4401000054"
    sid, cat = "200034", 2810
    p = Portal(
        "gkmlpt_dept",
        {
            "family": "gkmlpt",
            "cms": "Guangdong gkmlpt (政府信息公开目录管理平台), department site",
            "site_name": agency,
            "region": "广东省广州市",
            "division_code": "440100",
            "home_path": "/index.html",
            "start_path": f"/gkmlpt/index#{cat}",
            "sid": sid,
            "category_id": cat,
            "api": f"/gkmlpt/api/all/{cat}?page=N&sid={sid}",
        },
        {
            "server_header": "nginx",
            "last_modified": "2024-04-01T02:20:00Z",
            "content_types": {"/gkmlpt/index": "text/html; charset=utf-8"},
        },
    )
    p.extra["start_note"] = (
        "the category is only in the fragment: /gkmlpt/index is the same shell for every category; "
        "its _CONFIG has SID but no CATEGORY_ID"
    )

    def rep(year, fmt, seed, pub, scale, title=""):
        return Rep(
            agency,
            year,
            fmt,
            seed,
            pub,
            scale=scale,
            office=office,
            place="广州市",
            address=addr,
            phone=phone,
            custom_title=title,
        )

    p.put("/robots.txt", "User-agent: *\nDisallow: /cms/\nDisallow: /admin/\n")
    p.put(
        "/gkmlpt/dist/css/app.css",
        """body{margin:0;font:14px/1.7 "Microsoft YaHei";color:#333;background:#f5f5f5}a{color:#333;text-decoration:none}
.gk-head{background:#1f5aa6;color:#fff;height:90px;line-height:90px;font-size:28px;padding-left:40px}
.gk-main{width:1200px;margin:16px auto;background:#fff;padding:20px}.gk-classify{width:100%;border-collapse:collapse}
.gk-classify td{border:1px solid #dfe6ee;padding:6px 10px}.gk-classify .lab{background:#f1f5fa;width:100px}
.article-content table{border-collapse:collapse}.article-content td{border:1px solid #000}
""",
    )
    p.put(
        "/gkmlpt/dist/js/index.js",
        """/* gkmlpt index app (abridged build).  The shell is the same for every category: the
   category id is the location hash (/gkmlpt/index#2810).  Lists come from
   GET /gkmlpt/api/all/{catId}?page={n}&sid={SID}  ->  {"articles":[...],"total":N,"page":n} */
(function(){
  var cfg = window._CONFIG || {};
  var app = document.getElementById('app');
  function cat(){ var m = /^#(\\d+)/.exec(location.hash); return m ? m[1] : ''; }
  function load(page){
    var c = cat();
    if (!c) { app.innerHTML = '<div class="gk-tree">请选择左侧目录分类</div>'; return; }
    var xhr = new XMLHttpRequest();
    xhr.open('GET', '/gkmlpt/api/all/' + c + '?page=' + page + '&sid=' + cfg.SID);
    xhr.onload = function(){
      var d = JSON.parse(xhr.responseText), h = '<ul class="gk-list">';
      d.articles.forEach(function(a){
        h += '<li><a target="_blank" href="' + a.url + '">' + a.title + '</a><span>' +
             new Date(a.display_publish_time * 1000).toISOString().slice(0, 10) + '</span></li>';
      });
      var pages = Math.ceil(d.total / 4);
      h += '</ul><div class="gk-pager">共' + d.total + '条 第' + page + '/' + pages + '页</div>';
      app.innerHTML = h;
    };
    xhr.send();
  }
  window.addEventListener('hashchange', function(){ load(1); });
  load(1);
})();
""",
    )
    p.put(
        "/gkmlpt/index",
        f"""<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="SiteName" content="{agency}">
<meta name="SiteDomain" content="{domain}">
<meta name="SiteIDCode" content="{site_code}">
<meta name="ColumnName" content="政府信息公开">
<title>政府信息公开-{agency}</title>
<link rel="stylesheet" href="/gkmlpt/dist/css/app.css">
<script>window._CONFIG = {{ SID: '{sid}', SITE_NAME: '{agency}', API_PREFIX: '/gkmlpt/api' }};</script>
</head>
<body>
<div class="gk-head">{agency}　政府信息公开</div>
<div class="gk-main">
<div class="gk-crumb"><a href="/">首页</a> &gt; <span>政府信息公开</span></div>
<div id="app"><noscript>本栏目需要开启浏览器JavaScript功能后浏览。</noscript></div>
</div>
<script src="/gkmlpt/dist/js/index.js"></script>
</body>
</html>
""",
    )

    def post_path(pid: int) -> str:
        return f"/gkmlpt/content/{pid // 1000000}/{pid // 1000}/post_{pid}.html"

    foot = f"""<div class="gk-foot"><p>主办单位：{agency}　地址：{addr}　政务服务便民热线：12345</p>
<p>网站标识码：{site_code}　<a href="https://beian.miit.gov.cn/" target="_blank">粤ICP备12071580号</a>　<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=44010402000871" target="_blank">粤公网安备 44010402000871号</a></p>
<p><a href="http://www.gd.gov.cn/" target="_blank">广东省人民政府</a>　<a href="https://www.gz.gov.cn/" target="_blank">广州市人民政府</a>　<a href="http://hrss.gd.gov.cn/" target="_blank">广东省人力资源和社会保障厅</a></p></div>"""

    articles: list[dict] = []

    def detail(
        pid: int,
        title: str,
        pub: date,
        hm: str,
        index_no: str,
        inner: str,
        *,
        attachment: str = "",
        attachment_name: str = "",
        publisher: str = agency,
        theme: str = "综合政务、政务公开",
    ) -> str:
        path = post_path(pid)
        att = ""
        if attachment:
            att = (
                '<div class="article-attachment"><p>附件：</p><ul>'
                f'<li><a href="{attachment}" target="_blank" download="{escape(attachment_name)}">{escape(attachment_name)}</a></li>'
                "</ul></div>"
            )
        html = f"""<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="SiteName" content="{agency}">
<meta name="SiteDomain" content="{domain}">
<meta name="SiteIDCode" content="{site_code}">
<meta name="ColumnName" content="政府信息公开年报">
<meta name="ArticleTitle" content="{escape(title)}">
<meta name="PubDate" content="{pub.isoformat()} {hm}">
<meta name="ContentSource" content="{publisher}">
<title>{escape(title)} - {agency}</title>
<link rel="stylesheet" href="/gkmlpt/dist/css/app.css">
<script>window._CONFIG = {{ SID: '{sid}', POST_ID: '{pid}', CATEGORY_ID: '{cat}' }};</script>
</head>
<body>
<div class="gk-head">{agency}　政府信息公开</div>
<div class="gk-main">
<div class="gk-crumb"><a href="/">首页</a> &gt; <a href="/gkmlpt/index">政府信息公开</a> &gt; <a href="/gkmlpt/index#{cat}">政府信息公开年报</a></div>
<div class="classify">
<table class="gk-classify">
<tr><td class="lab">索引号：</td><td>{index_no}</td><td class="lab">分类：</td><td>{theme}</td></tr>
<tr><td class="lab">发布机构：</td><td>{publisher}</td><td class="lab">成文日期：</td><td>{pub.isoformat()}</td></tr>
<tr><td class="lab">名称：</td><td colspan="3">{escape(title)}</td></tr>
<tr><td class="lab">文号：</td><td></td><td class="lab">发布日期：</td><td>{pub.isoformat()}</td></tr>
</table>
</div>
<div class="content">
<h1 class="title document-number">{escape(title)}</h1>
<div class="date-row"><span>发布日期：{pub.isoformat()} {hm}</span>　<span>来源：{publisher}</span></div>
<div class="article-content">
{inner}
</div>
{att}
</div>
</div>
{foot}
</body>
</html>
"""
        p.put(path, html)
        articles.append(
            {
                "id": pid,
                "title": title,
                "identifier": index_no,
                "document_number": "",
                "publisher": publisher,
                "date": _epoch(pub, "00:00"),
                "created_at": f"{pub.isoformat()} {hm}:00",
                "first_publish_time": _epoch(pub, hm),
                "publish_time": _epoch(pub, hm),
                "display_publish_time": _epoch(pub, hm),
                "path": path,
                "classify_main": cat,
                "classify_main_name": "政府信息公开年报",
                "classify_theme_name": theme,
                "abstract": "",
                "keywords": "",
                "is_expired": 0,
                "is_abolished": 0,
            }
        )
        return path

    code = "007482672"
    d = date(2024, 3, 28)
    t = f"{agency}2023年法治政府建设年度报告"
    path = detail(
        9538214,
        t,
        d,
        "17:05",
        f"{code}/2024-00342",
        paragraphs(law_report_body(agency, 2023)),
    )
    p.non_report(
        path, t, "other_report", notes="a 年度报告 that is not a 政府信息公开 report"
    )

    d = date(2024, 3, 15)
    t = f"{agency}2024年政务公开工作要点"
    path = detail(
        9523416,
        t,
        d,
        "10:30",
        f"{code}/2024-00301",
        paragraphs(workpoints_body("我局", 2024)),
    )
    p.non_report(path, t, "work_points")

    d = date(2024, 1, 26)
    r = rep(2023, "2021", 7303, d, 70, f"{agency}政府信息公开工作年度报告（2023年度）")
    path = detail(
        9461238, r.title, d, "16:40", f"{code}/2024-00098", body_html(r, "gkmlpt")
    )
    p.report(path, r, "page", notes="year only in the trailing （2023年度）")

    d = date(2023, 12, 28)
    t = f"{office}关于做好2023年度政府信息公开工作年度报告编制工作的通知"
    path = detail(
        9401275,
        t,
        d,
        "15:15",
        f"{code}/2023-01377",
        paragraphs(
            notice_body("局办公室", 2023, date(2024, 1, 19), "局属各单位，机关各处室")
        ),
        publisher=office,
    )
    p.non_report(path, t, "notice")

    d = date(2023, 2, 15)
    t = f"{agency}2023年部门预算"
    path = detail(
        8801234,
        t,
        d,
        "09:00",
        f"{code}/2023-00166",
        paragraphs(budget_body(agency, 2023)),
        theme="财政、金融、审计",
    )
    p.non_report(path, t, "budget")

    d = date(2023, 1, 30)
    r = rep(2022, "2021", 7203, d, 64, f"{agency}政府信息公开工作年度报告（2022年度）")
    path = detail(
        8776543, r.title, d, "11:20", f"{code}/2023-00102", body_html(r, "gkmlpt")
    )
    p.report(path, r, "page", notes="year only in the trailing （2022年度）")

    d = date(2022, 1, 28)
    r = rep(2021, "2021", 7103, d, 60, f"{agency}2021年度政府信息公开工作年度报告")
    path = detail(
        8012345, r.title, d, "14:48", f"{code}/2022-00091", body_html(r, "gkmlpt")
    )
    p.report(path, r, "page")

    d = date(2021, 9, 10)
    t = f"{agency}政府信息公开指南"
    path = detail(
        7654321,
        t,
        d,
        "10:10",
        f"{code}/2021-00913",
        paragraphs(guide_body(agency, addr, "020-83355512")),
    )
    p.non_report(path, t, "guide")

    d = date(2021, 1, 29)
    r = rep(2020, "2019", 7003, d, 55)
    pdf = "/attachment/7/7049/7049876/7052341.pdf"
    p.put(pdf, make_pdf(text_lines(r), title=r.title))
    path = detail(
        7052341,
        r.title,
        d,
        "17:30",
        f"{code}/2021-00120",
        f'<p style="text-indent:2em;">现将《{r.title}》予以公布，全文见附件。</p>',
        attachment=pdf,
        attachment_name=f"{r.title}.pdf",
    )
    p.report(pdf, r, "attachment", via=path, notes="PDF attachment; 2019-format tables")

    d = date(2020, 1, 20)
    r = rep(2019, "2019", 6903, d, 50)
    path = detail(
        6487012, r.title, d, "09:25", f"{code}/2020-00077", body_html(r, "gkmlpt")
    )
    p.report(path, r, "page", notes="2019-format tables")

    assert len(articles) == 10
    per = 4
    p.data["articles.json"] = {
        "sid": sid,
        "category_id": cat,
        "per_page": per,
        "articles": articles,
    }
    for n in range(1, (len(articles) + per - 1) // per + 1):
        p.list_pages.append(f"GET /gkmlpt/api/all/{cat}?page={n}&sid={sid}")

    p.put(
        "/index.html",
        f"""<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<title>{agency}</title>
<meta name="SiteName" content="{agency}">
<meta name="SiteDomain" content="{domain}">
<meta name="SiteIDCode" content="{site_code}">
<meta name="ColumnName" content="首页">
<link rel="stylesheet" href="/gkmlpt/dist/css/app.css">
</head>
<body>
<div class="gk-head">{agency}</div>
<div class="gk-main">
<div class="nav"><a href="/">首页</a> <a href="/xwzx/">新闻中心</a> <a href="/gkmlpt/index">政务公开</a> <a href="/bsfw/">办事服务</a> <a href="/hdjl/">互动交流</a></div>
<div class="home-gk"><h3>政务公开</h3><ul>
<li><a href="/gkmlpt/index">政府信息公开目录</a></li>
<li><a href="/gkmlpt/index#2806">政府信息公开指南</a></li>
<li><a href="/gkmlpt/index#2807">政府信息公开制度</a></li>
<li><a href="/gkmlpt/index#2808">机构职能</a></li>
<li><a href="/gkmlpt/index#{cat}">政府信息公开年报</a></li>
<li><a href="https://www.gz.gov.cn/gkmlpt/index" target="_blank">广州市政府信息公开目录</a></li>
</ul></div>
<div class="home-news"><h3>工作动态</h3><ul>
<li><a href="/xwzx/">市人社局召开2024年全市人社工作会议</a></li>
<li><a href="/xwzx/">广州发布2024年度就业创业政策清单</a></li>
</ul></div>
</div>
{foot}
</body>
</html>
""",
    )
    return p


# ============================================================================ 4. static_pagejsp


def build_static_pagejsp() -> Portal:
    site_name = "兰考县人民政府"
    office = "兰考县人民政府办公室"
    addr = "兰考县城关镇中山北街1号"
    phone = "0371-26962101"
    site_code = "4102250001"
    p = Portal(
        "static_pagejsp",
        {
            "family": "static",
            "cms": "plain JSP site (list.jsp?page=N)",
            "site_name": site_name,
            "region": "河南省开封市兰考县",
            "division_code": "410225",
            "home_path": "/index.html",
            "start_path": "/xxgk/ndbg/list.jsp",
        },
        {"server_header": "nginx/1.18.0", "last_modified": "2024-03-15T09:00:00Z"},
    )

    def rep(ag, year, fmt, seed, pub, scale, off=office):
        return Rep(
            ag,
            year,
            fmt,
            seed,
            pub,
            scale=scale,
            office=off,
            place="兰考县",
            address=addr,
            phone=phone,
        )

    p.put(
        "/robots.txt",
        "User-agent: Baiduspider\nAllow: /\n\nUser-agent: *\nDisallow: /admin/\nDisallow: /WEB-INF/\n",
    )
    p.put(
        "/css/style.css",
        """body{margin:0;font:12px/1.8 SimSun,"Microsoft YaHei";color:#333}a{color:#1b3d7a;text-decoration:none}
#top{height:140px;background:#1d4e9e}#top h1{margin:0;width:1000px;margin:0 auto;color:#fff;font-size:34px;line-height:140px}
#nav{background:#163e7e;height:40px;line-height:40px;text-align:center}#nav a{color:#fff;font-size:15px;padding:0 26px}
.box{width:1000px;margin:10px auto}.dqwz{height:34px;line-height:34px;border-bottom:1px solid #ccc}
.list li{list-style:none;height:32px;line-height:32px;border-bottom:1px dotted #ccc;font-size:14px}.list li span{float:right;color:#888}
.pages{text-align:center;margin:18px 0;font-size:13px}.pages a,.pages b{margin:0 3px}
.detail h2{text-align:center;font-size:22px;color:#c00}.detail .info{text-align:center;color:#777;border-bottom:1px solid #ddd}
.detail .con{font-size:15px;line-height:2;padding:12px 20px}.detail .con table{border-collapse:collapse}.detail .con td{border:1px solid #000}
#foot{border-top:2px solid #1d4e9e;text-align:center;padding:14px 0;color:#555}
""",
    )
    p.put(
        "/js/common.js",
        """/* site helpers */
function downloadFile(url){
  if(!url){ return; }
  window.location.href = url;
}
function goPage(total){
  var n = parseInt(document.getElementById('pageNo').value, 10);
  if(isNaN(n) || n < 1 || n > total){ alert('请输入正确的页码'); return; }
  window.location.href = 'list.jsp?page=' + n;
}
""",
    )

    header = f"""<div id="top"><h1>{site_name}</h1></div>
<div id="nav"><a href="/index.html">网站首页</a><a href="/zwdt/">政务动态</a><a href="/xxgk/">政府信息公开</a><a href="/bsfw/">办事服务</a><a href="/hdjl/">政民互动</a><a href="/zjlk/">走进兰考</a></div>"""
    footer = f"""<div id="foot">
<p>主办：{office}　地址：{addr}　电话：{phone}　邮编：475300</p>
<p>网站标识码：{site_code}　<a href="https://beian.miit.gov.cn/" target="_blank">豫ICP备05016217号</a>　<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=41022502000105" target="_blank">豫公网安备 41022502000105号</a></p>
<p><a href="http://www.henan.gov.cn/" target="_blank">河南省人民政府</a>　<a href="http://www.kaifeng.gov.cn/" target="_blank">开封市人民政府</a>　<a href="https://www.gov.cn/" target="_blank">中国政府网</a></p>
</div>"""

    def shell(title: str, body: str) -> str:
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{escape(title)}</title>
<link href="/css/style.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/js/common.js"></script>
</head>
<body>
{header}
{body}
{footer}
</body>
</html>
"""

    crumbs = (
        '<div class="dqwz">您现在的位置：<a href="/index.html">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; '
        '<a href="/xxgk/ndbg/list.jsp">政府信息公开年报</a></div>'
    )

    def detail(path: str, title: str, pub: date, source: str, inner: str) -> None:
        body = f"""<div class="box">
{crumbs}
<div class="detail">
<h2>{escape(title)}</h2>
<div class="info">发布时间：{pub.isoformat()}　信息来源：{source}　点击数：<span id="hits">--</span>　【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</div>
<div class="con">
{inner}
</div>
</div>
</div>"""
        p.put(path, shell(f"{title}--{site_name}", body))

    records: list[dict] = []

    def add(href: str, title: str, pub: date) -> None:
        records.append({"href": href, "title": title, "date": pub.isoformat()})

    def art(pub: date, n: int) -> str:
        return f"/art/{pub.year}/{pub.month}/{pub.day}/art_3187_{n}.html"

    d = date(2024, 3, 12)
    t = "兰考县2024年政务公开工作要点"
    path = art(d, 21045)
    detail(path, t, d, office, paragraphs(workpoints_body("全县", 2024)))
    add("../.." + path, t, d)
    p.non_report(path, t, "work_points")

    d = date(2024, 1, 30)
    r = rep(site_name, 2023, "2021", 7304, d, 72)
    path = art(d, 20931)
    detail(path, r.title, d, office, body_html(r, "plain"))
    add("../.." + path, r.title, d)
    p.report(path, r, "page")

    d = date(2024, 1, 29)
    r = rep(
        "兰考县发展和改革委员会",
        2023,
        "2021",
        7314,
        d,
        16,
        "兰考县发展和改革委员会办公室",
    )
    path = art(d, 20925)
    detail(path, r.title, d, "兰考县发展和改革委员会", body_html(r, "plain"))
    add("../.." + path, r.title, d)
    p.report(path, r, "page")

    # a list link that redirects (302) to another host
    d = date(2024, 1, 25)
    ext_title = "开封市人民政府2023年政府信息公开工作年度报告"
    ext_url = "http://www.kaifeng.gov.cn/sitegroup/root/html/8a28897b41c065ad01415d9c8ff00002/2024012515372812.html"
    add("../../link.jsp?id=1031", ext_title, d)
    p.offsite.append(
        {
            "linked_as": "/link.jsp?id=1031",
            "location": ext_url,
            "status": 302,
            "title": ext_title,
            "notes": "same-host link that answers 302 to another host: the Location must not be followed",
        }
    )
    p.external_extra.append(ext_url)

    d = date(2024, 1, 10)
    t = "兰考县人民政府办公室关于做好2023年度政府信息公开工作年度报告编制发布工作的通知"
    path = art(d, 20802)
    detail(
        path,
        t,
        d,
        office,
        paragraphs(
            notice_body(
                "县政务公开办",
                2023,
                date(2024, 1, 31),
                "各乡镇人民政府、街道办事处，县政府各部门",
            )
        ),
    )
    add("../.." + path, t, d)
    p.non_report(path, t, "notice")

    d = date(2024, 1, 5)
    t = "2024年兰考县人民政府工作报告"
    path = art(d, 20771)
    detail(path, t, d, office, paragraphs(gov_work_report_body("兰考县", 2024)))
    add("../.." + path, t, d)
    p.non_report(path, t, "gov_work_report")

    # 2022 county report: a .wps download through onclick="downloadFile('...')"
    d = date(2023, 1, 30)
    r = rep(site_name, 2022, "2021", 7204, d, 68)
    wps = "/files/2022nb.wps"
    p.put(wps, make_rtf(r))
    path = art(d, 18320)
    detail(
        path,
        r.title,
        d,
        office,
        f"<p>　　现将《{r.title}》予以公开，请点击下载查看。</p>\n"
        f'<p>　　附件：<a href="javascript:;" onclick="downloadFile(\'{wps}\')">{r.title}.wps</a></p>',
    )
    add("../.." + path, r.title, d)
    p.report(
        wps,
        r,
        "attachment",
        via=path,
        notes="link only in onclick=\"downloadFile('/files/2022nb.wps')\"; the bytes are RTF "
        "(WPS and Word open it); served as application/kswps",
    )

    d = date(2023, 1, 18)
    r = rep("兰考县财政局", 2022, "2021", 7214, d, 14, "兰考县财政局办公室")
    path = art(d, 18211)
    detail(path, r.title, d, "兰考县财政局", body_html(r, "plain"))
    add("../.." + path, r.title, d)
    p.report(path, r, "page")

    d = date(2022, 2, 15)
    t = "关于兰考县2021年财政预算执行情况和2022年财政预算草案的报告"
    path = art(d, 15990)
    detail(path, t, d, "兰考县财政局", paragraphs(budget_report_body("兰考县", 2022)))
    add("../.." + path, t, d)
    p.non_report(path, t, "budget")

    # 2021 report: the list links an old URL that answers 301 to the canonical page
    d = date(2022, 1, 28)
    r = rep(site_name, 2021, "2021", 7104, d, 63)
    path = art(d, 15872)
    detail(path, r.title, d, office, body_html(r, "plain"))
    add("../../content.jsp?id=15872", r.title, d)
    p.report(
        path,
        r,
        "page",
        redirected_from="/content.jsp?id=15872",
        notes="listed as ../../content.jsp?id=15872, which answers 301 to this path",
    )

    d = date(2021, 12, 1)
    t = "兰考县人民政府信息公开指南"
    path = art(d, 15501)
    detail(path, t, d, office, paragraphs(guide_body(site_name, addr, phone)))
    add("../.." + path, t, d)
    p.non_report(path, t, "guide")

    for year, pub, n, seed in (
        (2020, date(2021, 1, 29), 12633, 7004),
        (2019, date(2020, 1, 20), 9876, 6904),
    ):
        r = rep(site_name, year, "2019", seed, pub, 55)
        path = art(pub, n)
        detail(path, r.title, pub, office, body_html(r, "plain"))
        add("../.." + path, r.title, pub)
        p.report(path, r, "page", notes="2019-format tables")

    assert len(records) == 13
    per = 3
    pages = (len(records) + per - 1) // per
    assert pages == 5
    p.data["list.json"] = {"per_page": per, "records": records}
    p.data["redirects.json"] = {
        "content": {"15872": art(date(2022, 1, 28), 15872)},
        "link": {"1031": ext_url},
    }
    template = shell(
        f"政府信息公开年报--{site_name}",
        """<div class="box">
<div class="dqwz">您现在的位置：<a href="/index.html">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; 政府信息公开年报</div>
<table width="100%" border="0" cellspacing="0" cellpadding="0"><tr>
<td width="220" valign="top" class="left">
<div class="lm">政府信息公开</div>
<ul class="lmlist">
<li><a href="../zn/list.jsp">政府信息公开指南</a></li>
<li><a href="../zd/list.jsp">政府信息公开制度</a></li>
<li><a href="../fdzdgknr/list.jsp">法定主动公开内容</a></li>
<li><b>政府信息公开年报</b></li>
</ul>
</td>
<td valign="top">
{{BODY}}
</td></tr></table>
</div>""",
    )
    p.data["list_template.json"] = {"html": template}
    p.list_pages.append("GET /xxgk/ndbg/list.jsp")
    for n in range(2, pages + 1):
        p.list_pages.append(f"GET /xxgk/ndbg/list.jsp?page={n}")

    p.put(
        "/index.html",
        shell(
            site_name,
            """<div class="box">
<div class="home-news"><h3>兰考要闻</h3><ul class="list">
<li><a href="/zwdt/">我县召开2024年经济工作会议</a></li>
<li><a href="/zwdt/">兰考县举行重点项目集中开工仪式</a></li>
</ul></div>
<div class="home-xxgk"><h3>政府信息公开</h3><ul class="list">
<li><a href="/xxgk/zn/list.jsp">政府信息公开指南</a></li>
<li><a href="/xxgk/fdzdgknr/list.jsp">法定主动公开内容</a></li>
<li><a href="/xxgk/ndbg/list.jsp">政府信息公开年报</a></li>
<li><a href="http://www.kaifeng.gov.cn/sitegroup/root/html/8a28897b41c065ad01415d9c8ff00002/index.html" target="_blank">开封市政府信息公开</a></li>
</ul></div>
</div>""",
        ),
    )
    return p


BUILDERS = (
    build_trs_shtml,
    build_hanweb_multi,
    build_gkmlpt_dept,
    build_static_pagejsp,
)


def main() -> None:
    for build in BUILDERS:
        portal = build()
        portal.write()
        print(
            f"{portal.name}: {len(portal.files)} files, {len(portal.reports)} reports, "
            f"{len(portal.non_reports)} non-reports"
        )


if __name__ == "__main__":
    main()
