"""Regenerate the four imitation portals (site/, data/, portal.json, expected.json).

    python ogi/demo/portals/generate.py          # rewrites ogi/demo/portals/<family>/...

Deterministic: the same code gives the same bytes.  handlers.py, server.py and README.md are
written by hand and are not touched.  Each portal imitates one CMS family the way its real
sites are built (see README.md); the names are real divisions and agencies, the numbers
are made up (but satisfy the identities of the spec).
"""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass, field
from datetime import date
from html import escape
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _formats import (
    Report,
    body_html,
    make_docx,
    make_pdf,
    make_rtf,
    page_scans,
    text_lines,
)

HERE = Path(__file__).resolve().parent


@dataclass
class Portal:
    family: str
    meta: dict
    files: dict[str, bytes] = field(default_factory=dict)
    reports: list[dict] = field(default_factory=list)
    non_reports: list[dict] = field(default_factory=list)
    disallowed: list[str] = field(default_factory=list)
    list_pages: list[str] = field(default_factory=list)
    config: dict = field(default_factory=dict)
    data: dict[str, object] = field(default_factory=dict)

    def put(self, path: str, content: str | bytes, encoding: str = "utf-8") -> None:
        assert path.startswith("/") and path not in self.files, path
        self.files[path] = content.encode(encoding) if isinstance(content, str) else content

    def report(
        self, path: str, rep_or_title: Report | str, year: int, kind: str, published: date, **extra
    ) -> None:
        if isinstance(rep_or_title, Report):
            title, agency, fmt = rep_or_title.title, rep_or_title.agency, rep_or_title.fmt
        else:
            title, agency, fmt = rep_or_title, extra.pop("agency"), extra.pop("table_format")
        entry = {
            "path": path,
            "title": title,
            "year": year,
            "kind": kind,
            "published": published.isoformat(),
            "agency": agency,
            "table_format": fmt,
        }
        entry.update(extra)
        self.reports.append(entry)

    def write(self) -> None:
        root = HERE / self.family
        site = root / "site"
        if site.exists():
            shutil.rmtree(site)
        for path, data in sorted(self.files.items()):
            target = site / path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        data_dir = root / "data"
        if data_dir.exists():
            shutil.rmtree(data_dir)
        for name, obj in self.data.items():
            data_dir.mkdir(parents=True, exist_ok=True)
            (data_dir / name).write_text(
                json.dumps(obj, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
        if self.config:
            (root / "portal.json").write_text(
                json.dumps(self.config, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
        expected = dict(self.meta)
        expected["list_pages"] = self.list_pages
        expected["reports"] = self.reports
        expected["non_reports"] = self.non_reports
        expected["disallowed"] = self.disallowed
        expected["faults"] = self.config.get("faults", {})
        (root / "expected.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def paragraphs(text: str, p: str = '<p style="text-indent:2em;">') -> str:
    return "\n".join(
        f"{p}{escape(line.strip())}</p>" for line in text.strip().splitlines() if line.strip()
    )


# Bodies of the non-report items every 年报 column carries.
def notice_body(issuer: str, year: int, deadline: date, units: str) -> str:
    return f"""
{units}：
为做好{year}年度政府信息公开工作年度报告（以下简称年度报告）编制和发布工作，根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，现就有关事项通知如下：
一、严格按照格式编制。各单位要严格按照统一格式编制年度报告，全面、准确统计本单位{year}年政府信息公开工作数据，确保数据之间勾稽关系正确。
二、按时公开发布。各单位要于{cn_date(deadline)}前在门户网站政府信息公开专栏“政府信息公开年报”栏目发布本单位年度报告，并将发布链接报送{issuer}。
三、加强审核把关。年度报告发布前须经本单位主要负责同志审定，严格落实保密审查要求。
联系电话见各单位政务公开工作群通知。
"""


def guide_body(
    agency: str,
    address: str,
    phone: str,
    hours: str = "周一至周五上午8:30-12:00，下午14:30-17:30（法定节假日除外）",
) -> str:
    return f"""
为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。需要获得{agency}政府信息公开服务的公民、法人或者其他组织，建议阅读本指南。
一、主动公开
（一）公开范围。对涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策的政府信息，予以主动公开。
（二）公开方式。主要通过门户网站政府信息公开专栏公开，并辅以政府公报、新闻发布会、政务新媒体等方式。
（三）公开时限。属于主动公开范围的政府信息，自该政府信息形成或者变更之日起20个工作日内予以公开。
二、依申请公开
（一）受理机构：{agency}政府信息公开工作机构。地址：{address}。联系电话：{phone}。受理时间：{hours}。
（二）申请方式。申请人可以通过当面提交、邮寄、互联网在线申请等方式提出政府信息公开申请，并填写《政府信息公开申请表》。
（三）答复时限。能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复。
三、监督和救济
公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。
"""


def workpoints_body(place: str, year: int) -> str:
    return f"""
{year}年是全面贯彻落实党的二十大精神的关键之年。{place}政务公开工作要以习近平新时代中国特色社会主义思想为指导，坚持以公开为常态、不公开为例外，持续提升政务公开质量和实效。
一、围绕稳预期强信心加强政策发布解读。及时公开促进经济社会发展的政策措施，做好政策解读和回应关切。
二、围绕优化营商环境加强信息公开。持续做好“双随机、一公开”监管信息、行政许可和行政处罚信息公开。
三、加强政府信息管理。严格落实公文公开属性源头认定机制，做好行政规范性文件统一公开工作。
四、做好政府信息公开工作年度报告编制发布工作。严格按照统一格式编制发布{year - 1}年度政府信息公开工作年度报告，于{year}年1月31日前向社会公布。
五、强化工作保障。各单位要明确分管负责同志和工作人员，将政务公开纳入年度绩效考核。
"""


# ============================================================================ TRS


def build_trs() -> Portal:
    agency = "攸县人民政府"
    office = "攸县人民政府办公室"
    p = Portal(
        "trs",
        {
            "family": "trs",
            "cms": "TRS WCM",
            "site_name": agency,
            "region": "湖南省株洲市攸县",
            "division_code": "430223",
            "home_path": "/index.html",
            "start_path": "/zfxxgk/zfxxgknb/index.html",
        },
        config={"server_header": "nginx", "last_modified": "2024-03-20T02:00:00Z"},
    )
    col = "/zfxxgk/zfxxgknb/"
    addr = "攸县联星街道建设中路1号县政府大院"
    phone = "0731-24222350"

    def rep(ag, year, fmt, seed, pub, scale, off=None):
        return Report(
            ag,
            year,
            fmt,
            seed,
            pub,
            scale=scale,
            office=off or office,
            place="攸县",
            address=addr,
            phone=phone,
        )

    css = """body{margin:0;font:14px/1.8 "Microsoft YaHei",SimSun,sans-serif;color:#333}
a{color:#333;text-decoration:none}.header{background:#c40000;color:#fff;height:110px}
.header .logo{width:1200px;margin:0 auto;font-size:34px;line-height:110px}
.nav{background:#a80000}.nav ul{width:1200px;margin:0 auto;padding:0;list-style:none;overflow:hidden}
.nav li{float:left}.nav li a{display:block;padding:0 28px;line-height:46px;color:#fff;font-size:16px}
.container{width:1200px;margin:20px auto}.location{border-bottom:1px solid #ddd;line-height:40px}
.list_con li{border-bottom:1px dashed #ddd;line-height:42px;list-style:none}.list_con li span{float:right;color:#999}
.page{text-align:center;margin:20px 0}.page a,.page span{margin:0 4px}
.xxgk_table{width:100%;border-collapse:collapse;background:#f7f7f7}.xxgk_table td{border:1px solid #e3e3e3;padding:4px 10px}
.article_title{text-align:center;font-size:24px;color:#c40000}.article_info{text-align:center;color:#999}
.TRS_Editor table{border-collapse:collapse}.TRS_Editor td{border:1px solid #000}
.footer{background:#f2f2f2;text-align:center;padding:20px 0;color:#666;margin-top:30px}
"""
    p.put("/css/style.css", css)
    p.put(
        "/common/js/createPageHTML.js",
        """// TRS WCM 分页（模板置标 <TRS_PAGE> 生成的列表页调用）
// _nPageCount: 总页数；_nCurrIndex: 当前页（从0开始）；_sPageName: 文件名；_sPageExt: 扩展名
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
\tif(_nPageCount == null || _nPageCount<=1){
\t\treturn;
\t}
\tvar nCurrIndex = _nCurrIndex || 0;
\tif(nCurrIndex == 0){
\t\tdocument.write("<span class=\\"disabled\\">首页</span><span class=\\"disabled\\">上一页</span>");
\t}else{
\t\tdocument.write("<a href=\\""+_sPageName+"."+_sPageExt+"\\">首页</a>");
\t\tvar nPreIndex = nCurrIndex - 1;
\t\tvar sPreFile = nPreIndex == 0 ? _sPageName+"."+_sPageExt : _sPageName+"_"+nPreIndex+"."+_sPageExt;
\t\tdocument.write("<a href=\\""+sPreFile+"\\">上一页</a>");
\t}
\tfor(var i=0; i<_nPageCount; i++){
\t\tvar sFile = i == 0 ? _sPageName+"."+_sPageExt : _sPageName+"_"+i+"."+_sPageExt;
\t\tif(i == nCurrIndex) document.write("<span class=\\"current\\">"+(i+1)+"</span>");
\t\telse document.write("<a href=\\""+sFile+"\\">"+(i+1)+"</a>");
\t}
\tif(nCurrIndex == _nPageCount-1){
\t\tdocument.write("<span class=\\"disabled\\">下一页</span><span class=\\"disabled\\">尾页</span>");
\t}else{
\t\tdocument.write("<a href=\\""+_sPageName+"_"+(nCurrIndex+1)+"."+_sPageExt+"\\">下一页</a>");
\t\tdocument.write("<a href=\\""+_sPageName+"_"+(_nPageCount-1)+"."+_sPageExt+"\\">尾页</a>");
\t}
\tdocument.write("<span>共"+_nPageCount+"页</span>");
}
""",
    )
    p.put(
        "/robots.txt",
        "User-agent: *\nDisallow: /zfxxgk/private/\nDisallow: /was5/\nDisallow: /wcm/\n",
    )

    nav = (
        '<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zjyx/">走进攸县</a></li>'
        '<li><a href="/zwdt/">政务动态</a></li><li><a href="/zfxxgk/">政府信息公开</a></li>'
        '<li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>'
    )

    def page(
        title: str,
        column: str,
        body: str,
        crumbs: str,
        *,
        pub: str = "",
        source: str = office,
        article_title: str = "",
    ) -> str:
        metas = (
            f'<meta name="SiteName" content="{agency}">\n<meta name="SiteDomain" content="www.youxian.gov.cn">\n'
            f'<meta name="SiteIDCode" content="4302230001">\n<meta name="ColumnName" content="{column}">\n'
        )
        if article_title:
            metas += (
                f'<meta name="ArticleTitle" content="{escape(article_title)}">\n<meta name="PubDate" content="{pub}">\n'
                f'<meta name="ContentSource" content="{source}">\n'
            )
        return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{escape(title)}</title>
{metas}<link rel="stylesheet" href="/css/style.css">
<script src="/common/js/createPageHTML.js"></script>
</head>
<body>
<div class="header"><div class="logo">攸县人民政府</div></div>
{nav}
<div class="container">
<div class="location">当前位置：{crumbs}</div>
{body}
</div>
<div class="footer">
<p>相关链接：<a href="http://www.gov.cn/" target="_blank">中国政府网</a> <a href="http://www.hunan.gov.cn/" target="_blank">湖南省人民政府</a> <a href="http://www.zhuzhou.gov.cn/" target="_blank">株洲市人民政府</a></p>
<p>主办：攸县人民政府办公室 承办：攸县政务服务中心 地址：{addr}</p>
<p>网站标识码：4302230001 <a href="https://beian.miit.gov.cn/" target="_blank">湘ICP备05005432号</a> 湘公网安备 43022302000113号</p>
<p><a href="javascript:void(0)" onclick="window.print()">打印本页</a> <a href="#top">返回顶部</a></p>
</div>
</body>
</html>
"""

    crumbs_col = '<a href="/">首页</a> &gt; <a href="/zfxxgk/">政府信息公开</a> &gt; <a href="/zfxxgk/zfxxgknb/">政府信息公开年报</a>'

    def meta_table(
        index_no: str,
        pub: date,
        title: str,
        publisher: str = office,
        topic: str = "综合政务\\政务公开",
    ) -> str:
        return f"""<div class="xxgk_info">
<table class="xxgk_table">
<tr><td class="label">索引号：</td><td>{index_no}</td><td class="label">主题分类：</td><td>{topic}</td></tr>
<tr><td class="label">发布机构：</td><td>{publisher}</td><td class="label">发布日期：</td><td>{pub.isoformat()}</td></tr>
<tr><td class="label">文号：</td><td></td><td class="label">有效性：</td><td>有效</td></tr>
<tr><td class="label">名称：</td><td colspan="3">{escape(title)}</td></tr>
</table>
</div>"""

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
        crumbs: str = crumbs_col,
        extra: str = "",
    ) -> None:
        body = f"""{meta_table(index_no, pub, title, publisher)}
<div class="article">
<h1 class="article_title">{escape(title)}</h1>
<div class="article_info">发布时间：{pub.isoformat()} {time_} 来源：{publisher} 【字体：<a href="javascript:void(0)">大</a> <a href="javascript:void(0)">中</a> <a href="javascript:void(0)">小</a>】</div>
<div class="article_con">
<div class="TRS_Editor"><div class="Custom_UnionStyle">
{inner}
</div></div>
</div>
{extra}
<div class="share">分享到：<a href="javascript:void(0)">微信</a> <a href="javascript:void(0)">微博</a></div>
</div>"""
        p.put(
            path,
            page(
                f"{title}_{column}_{agency}",
                column,
                body,
                crumbs,
                pub=f"{pub.isoformat()} {time_}",
                source=publisher,
                article_title=title,
            ),
        )

    items: list[tuple[str, str, date]] = []  # (href relative to the column, title, date)

    # 1. work points (non-report)
    d = date(2024, 3, 18)
    t = "攸县人民政府办公室关于印发《攸县2024年政务公开工作要点》的通知"
    detail(
        col + "202403/t20240318_1262210.html",
        t,
        d,
        "16:05",
        "4302230001/2024-00311",
        paragraphs(workpoints_body("全县", 2024)),
    )
    items.append(("./202403/t20240318_1262210.html", t, d))
    p.non_reports.append(
        {"path": col + "202403/t20240318_1262210.html", "title": t, "reason": "work_points"}
    )

    # 2. department report published only as a PDF attachment
    d = date(2024, 1, 26)
    fin = rep("攸县财政局", 2023, "2021", 2301, d, 25, "攸县财政局办公室")
    pdf_name = "P020240126538704512369.pdf"
    pdf_path = col + "202401/" + pdf_name
    p.put(pdf_path, make_pdf(text_lines(fin), title=fin.title))
    inner = (
        f'<p style="text-indent:2em;">现将《{fin.title}》予以公布，详见附件。</p>\n'
        f'<p style="text-indent:2em;">附件：<a href="./{pdf_name}" OLDSRC="/protect/P0202401/P020240126/{pdf_name}" '
        f'target="_blank">{fin.title}.pdf</a></p>'
    )
    detail(
        col + "202401/t20240126_1234602.html",
        fin.title,
        d,
        "09:40",
        "4302230011/2024-00021",
        inner,
        publisher="攸县财政局",
    )
    items.append(("./202401/t20240126_1234602.html", fin.title, d))
    p.report(
        pdf_path,
        fin,
        2023,
        "attachment",
        d,
        via=col + "202401/t20240126_1234602.html",
        notes="detail page body is only a link to this PDF",
    )

    # 3. the county report 2023
    d = date(2024, 1, 25)
    r = rep(agency, 2023, "2021", 2302, d, 60)
    detail(
        col + "202401/t20240125_1234567.html",
        r.title,
        d,
        "10:32",
        "4302230001/2024-00125",
        body_html(r, "word"),
    )
    items.append(("./202401/t20240125_1234567.html", r.title, d))
    p.report(col + "202401/t20240125_1234567.html", r, 2023, "page", d)

    # 4. a page under a robots.txt-disallowed path, linked from the list
    d = date(2024, 1, 10)
    t = "攸县人民政府2023年政府信息公开工作年度报告（送审稿）"
    priv = "/zfxxgk/private/202401/t20240110_1230001.html"
    detail(
        priv,
        t,
        d,
        "11:20",
        "4302230001/2024-00098",
        paragraphs("本稿为内部审核稿，仅供县政府办公室审核使用，请勿转载。"),
    )
    items.append(("../private/202401/t20240110_1230001.html", t, d))
    p.disallowed.append(priv)

    # 5. the notice about compiling the reports (lives in another column)
    d = date(2023, 12, 20)
    t = "攸县人民政府办公室关于做好2023年度政府信息公开工作年度报告编制发布工作的通知"
    notice_path = "/zwgk/tzgg/202312/t20231220_1221876.html"
    detail(
        notice_path,
        t,
        d,
        "15:12",
        "4302230001/2023-01187",
        paragraphs(
            notice_body(
                "县政务公开办",
                2023,
                date(2024, 1, 31),
                "各乡镇人民政府、街道办事处，县直及驻县各单位",
            )
        ),
        column="通知公告",
        crumbs='<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/tzgg/">通知公告</a>',
    )
    items.append(("../../zwgk/tzgg/202312/t20231220_1221876.html", t, d))
    p.non_reports.append({"path": notice_path, "title": t, "reason": "notice"})

    # 6-10: older reports and the guide
    for year, fmt, pub, time_, tid, seed, style in (
        (2022, "2021", date(2023, 1, 30), "17:02", "t20230130_1187342", 2202, "word"),
        (2021, "2021", date(2022, 1, 27), "09:15", "t20220127_1098865", 2102, "plain"),
    ):
        r = rep(agency, year, fmt, seed, pub, 55 + year % 7)
        path = col + f"{pub:%Y%m}/{tid}.html"
        detail(
            path, r.title, pub, time_, f"4302230001/{pub.year}-000{pub.day}", body_html(r, style)
        )
        items.append((f"./{pub:%Y%m}/{tid}.html", r.title, pub))
        p.report(path, r, year, "page", pub)
        if year == 2022:
            d = date(2023, 1, 12)
            t = "攸县人民政府信息公开指南"
            gpath = "/zfxxgk/zfxxgkzn/202301/t20230112_1180011.html"
            detail(
                gpath,
                t,
                d,
                "10:00",
                "4302230001/2023-00012",
                paragraphs(guide_body(agency, addr, phone)),
                column="政府信息公开指南",
                crumbs='<a href="/">首页</a> &gt; <a href="/zfxxgk/">政府信息公开</a> &gt; <a href="/zfxxgk/zfxxgkzn/">政府信息公开指南</a>',
            )
            items.append(("../zfxxgkzn/202301/t20230112_1180011.html", t, d))
            p.non_reports.append({"path": gpath, "title": t, "reason": "guide"})
    for year, pub, time_, tid, seed in (
        (2020, date(2021, 1, 29), "16:48", "t20210129_1012345", 2002),
        (2019, date(2020, 1, 20), "08:55", "t20200120_917533", 1902),
    ):
        r = rep(agency, year, "2019", seed, pub, 50)
        path = col + f"{pub:%Y%m}/{tid}.html"
        detail(
            path, r.title, pub, time_, f"4302230001/{pub.year}-000{pub.day}", body_html(r, "word")
        )
        items.append((f"./{pub:%Y%m}/{tid}.html", r.title, pub))
        p.report(path, r, year, "page", pub)

    # list pages: 4 a page, pagination written only by createPageHTML()
    per = 4
    chunks = [items[i : i + per] for i in range(0, len(items), per)]
    for n, chunk in enumerate(chunks):
        lis = "\n".join(
            f'<li><a href="{href}" target="_blank" title="{escape(t)}">{escape(t)}</a><span>{d.isoformat()}</span></li>'
            for href, t, d in chunk
        )
        body = f"""<div class="list_left">
<div class="left_title">政府信息公开</div>
<ul class="left_nav">
<li><a href="../zfxxgkzn/">政府信息公开指南</a></li>
<li><a href="../zfxxgkzd/">政府信息公开制度</a></li>
<li><a href="../fdzdgknr/">法定主动公开内容</a></li>
<li class="on"><a href="./">政府信息公开年报</a></li>
</ul>
</div>
<div class="list_right">
<div class="list_title">政府信息公开年报</div>
<div class="list_con">
<ul>
{lis}
</ul>
</div>
<div class="page"><script>createPageHTML({len(chunks)}, {n}, "index", "html");</script></div>
</div>"""
        name = "index.html" if n == 0 else f"index_{n}.html"
        p.put(
            col + name,
            page(
                f"政府信息公开年报_{agency}",
                "政府信息公开年报",
                body,
                '<a href="/">首页</a> &gt; <a href="/zfxxgk/">政府信息公开</a> &gt; 政府信息公开年报',
            ),
        )
        p.list_pages.append("GET " + col + name)

    # 政府信息公开 platform page and the home page
    p.put(
        "/zfxxgk/index.html",
        page(
            f"政府信息公开_{agency}",
            "政府信息公开",
            """<div class="xxgk_home">
<ul>
<li><a href="/zfxxgk/zfxxgkzn/202301/t20230112_1180011.html">政府信息公开指南</a></li>
<li><a href="/zfxxgk/zfxxgkzd/">政府信息公开制度</a></li>
<li><a href="/zfxxgk/fdzdgknr/">法定主动公开内容</a></li>
<li><a href="/zfxxgk/zfxxgknb/index.html">政府信息公开年报</a></li>
<li><a href="/was5/web/search?channelid=229130" rel="nofollow">信息检索</a></li>
</ul>
</div>""",
            '<a href="/">首页</a> &gt; 政府信息公开',
        ),
    )
    p.put(
        "/index.html",
        page(
            agency,
            "首页",
            """<div class="home">
<div class="news"><h3>政务动态</h3><ul><li><a href="/zwdt/">县政府召开第38次常务会议</a></li></ul></div>
<div class="xxgk"><h3>政府信息公开</h3>
<ul>
<li><a href="/zfxxgk/index.html">政府信息公开平台</a></li>
<li><a href="/zfxxgk/zfxxgknb/index.html">政府信息公开年报</a></li>
<li><a href="/zfxxgk/zfxxgkzn/202301/t20230112_1180011.html">政府信息公开指南</a></li>
</ul></div>
</div>""",
            '<a href="/">首页</a>',
        ),
    )
    return p


# ============================================================================ Hanweb


def build_hanweb() -> Portal:
    agency = "南通市自然资源和规划局"
    office = "南通市自然资源和规划局办公室"
    webid, unitid, colid = 26, 7843, 1453
    p = Portal(
        "hanweb",
        {
            "family": "hanweb",
            "cms": "Hanweb (大汉) jcms",
            "site_name": agency,
            "region": "江苏省南通市",
            "division_code": "320600",
            "home_path": "/index.html",
            "start_path": f"/col/col{colid}/index.html",
        },
        config={
            "server_header": "Apache-Coyote/1.1",
            "last_modified": "2024-03-05T01:30:00Z",
        },
    )
    addr = "南通市崇川区世纪大道6号"
    phone = "0513-59000312"

    def rep(ag, year, fmt, seed, pub, scale, off=None):
        return Report(
            ag,
            year,
            fmt,
            seed,
            pub,
            scale=scale,
            office=off or office,
            place="南通",
            address=addr,
            phone=phone,
        )

    p.put("/robots.txt", "User-agent: *\nDisallow: /manage/\nDisallow: /jcms/\n")
    p.put(
        "/images/style.css",
        'body{margin:0;font:14px/1.8 "Microsoft YaHei";}#zoom{font-size:16px;line-height:2}#zoom table{border-collapse:collapse}'
        "#zoom td{border:1px solid #333;padding:2px}.xxgk_table td{border:1px solid #ccc;padding:3px 8px}\n",
    )
    p.put(
        "/module/web/jpage/jpage.js",
        """/* jpage 3.0 -- Hanweb list pager (abridged). Renders the records of the <datastore> found
   in the page; for pages beyond the first group it POSTs ajaxParam to proxyUrl with
   startrecord/endrecord/perpage in the query string and reads the same <datastore> XML. */
(function($){
  $.fn.jpage = function(opts){
    var o = $.extend({perPage:15, groupSize:3, proxyUrl:'/module/web/jpage/dataproxy.jsp'}, opts);
    var group = o.perPage * o.groupSize;
    function load(startrecord, cb){
      var endrecord = startrecord + group - 1;
      $.post(o.proxyUrl + '?startrecord=' + startrecord + '&endrecord=' + endrecord + '&perpage=' + o.perPage,
             o.ajaxParam, function(xml){ cb($(xml).find('record')); }, 'xml');
    }
    return this;
  };
})(jQuery);
""",
    )

    header = (
        '<div class="top"><div class="logo"><a href="/"><img src="/images/logo.png" alt="南通市自然资源和规划局"></a></div></div>\n'
        '<div class="nav"><a href="/">首页</a> | <a href="/col/col1401/index.html">机构概况</a> | '
        '<a href="/col/col1449/index.html">政府信息公开</a> | <a href="/col/col1410/index.html">政务服务</a> | '
        '<a href="/col/col1420/index.html">互动交流</a></div>'
    )
    footer = (
        '<div class="footer"><p>主办单位：南通市自然资源和规划局 地址：'
        + addr
        + " 邮编：226007</p>"
        '<p>网站标识码：3206000040 <a href="https://beian.miit.gov.cn/" target="_blank">苏ICP备05085437号-1</a> '
        '<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=32060202000123" target="_blank">苏公网安备 32060202000123号</a></p>'
        '<p><a href="http://www.jiangsu.gov.cn/" target="_blank">江苏省人民政府</a> <a href="http://www.nantong.gov.cn/" target="_blank">南通市人民政府</a></p></div>'
    )
    crumbs = (
        '<div class="bt-position">您当前的位置：<a href="/">首页</a> &gt; '
        '<a href="/col/col1449/index.html">政府信息公开</a> &gt; '
        f'<a href="/col/col{colid}/index.html">政府信息公开年报</a></div>'
    )

    def detail(
        path: str,
        title: str,
        pub: date,
        time_: str,
        index_no: str,
        inner: str,
        *,
        encoding: str = "utf-8",
        publisher: str = agency,
    ) -> None:
        charset_meta = (
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            if encoding == "utf-8"
            else '<meta http-equiv="Content-Type" content="text/html">'
        )
        html = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
{charset_meta}
<title>{escape(title)} {agency}</title>
<meta name="SiteName" content="{agency}">
<meta name="SiteDomain" content="zrzy.nantong.gov.cn">
<meta name="SiteIDCode" content="3206000040">
<meta name="ColumnName" content="政府信息公开年报">
<meta name="ColumnType" content="政府信息公开年报">
<meta name="ArticleTitle" content="{escape(title)}">
<meta name="PubDate" content="{pub.isoformat()} {time_}">
<meta name="ContentSource" content="{publisher}">
<meta name="Keywords" content="政府信息公开 年度报告">
<link href="/images/style.css" rel="stylesheet" type="text/css">
<script type="text/javascript" src="/script/jquery.min.js"></script>
</head>
<body>
{header}
<div class="main">
{crumbs}
<table class="xxgk_table" width="100%" cellspacing="0" cellpadding="0">
<tr><td width="12%">索引号</td><td width="38%">{index_no}</td><td width="12%">分类</td><td>政府信息公开年报</td></tr>
<tr><td>发布机构</td><td>{publisher}</td><td>发文日期</td><td>{pub.isoformat()}</td></tr>
<tr><td>标题</td><td colspan="3">{escape(title)}</td></tr>
<tr><td>文号</td><td></td><td>主题词</td><td>年度报告</td></tr>
</table>
<div class="article">
<div class="title">{escape(title)}</div>
<div class="info">发布日期：{pub.isoformat()} {time_} 信息来源：{publisher} 浏览次数：<span id="c">--</span> 字体：[ <a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a> ]</div>
<!--ZJEG_RSS.content.begin--><meta name="ContentStart">
<div id="zoom">
{inner}
</div>
<meta name="ContentEnd"><!--ZJEG_RSS.content.end-->
<div class="tool"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
</div>
{footer}
</body>
</html>
"""
        p.put(path, html, encoding=encoding)

    records: list[dict] = []  # the column's records, newest first

    def add(path: str, title: str, pub: date) -> None:
        records.append({"url": path, "title": title, "date": pub.isoformat()})

    d = date(2024, 3, 1)
    t = f"{agency}2024年政务公开工作要点"
    detail(
        "/art/2024/3/1/art_1453_151.html",
        t,
        d,
        "10:20",
        "014151581/2024-00031",
        paragraphs(workpoints_body("我局", 2024)),
    )
    add("/art/2024/3/1/art_1453_151.html", t, d)
    p.non_reports.append(
        {"path": "/art/2024/3/1/art_1453_151.html", "title": t, "reason": "work_points"}
    )

    d = date(2024, 1, 25)
    r = rep(agency, 2023, "2021", 3302, d, 45)
    detail(
        "/art/2024/1/25/art_1453_123.html",
        r.title,
        d,
        "15:36",
        "014151581/2024-00012",
        body_html(r, "plain"),
    )
    add("/art/2024/1/25/art_1453_123.html", r.title, d)
    p.report("/art/2024/1/25/art_1453_123.html", r, 2023, "page", d)

    d = date(2024, 1, 22)
    r = rep("南通市不动产登记中心", 2023, "2021", 3303, d, 20, "南通市不动产登记中心综合科")
    detail(
        "/art/2024/1/22/art_1453_119.html",
        r.title,
        d,
        "09:08",
        "014151581/2024-00009",
        body_html(r, "plain"),
        publisher="南通市不动产登记中心",
    )
    add("/art/2024/1/22/art_1453_119.html", r.title, d)
    p.report("/art/2024/1/22/art_1453_119.html", r, 2023, "page", d)

    d = date(2023, 12, 18)
    t = "关于做好2023年度政府信息公开工作年度报告编制发布工作的通知"
    detail(
        "/art/2023/12/18/art_1453_108.html",
        t,
        d,
        "16:40",
        "014151581/2023-00215",
        paragraphs(notice_body("局办公室", 2023, date(2024, 1, 20), "局各处室、各直属单位")),
    )
    add("/art/2023/12/18/art_1453_108.html", t, d)
    p.non_reports.append(
        {"path": "/art/2023/12/18/art_1453_108.html", "title": t, "reason": "notice"}
    )

    d = date(2023, 1, 28)
    r = rep(agency, 2022, "2021", 3202, d, 42)
    detail(
        "/art/2023/1/28/art_1453_87.html",
        r.title,
        d,
        "11:02",
        "014151581/2023-00015",
        body_html(r, "plain"),
    )
    add("/art/2023/1/28/art_1453_87.html", r.title, d)
    p.report(
        "/art/2023/1/28/art_1453_87.html",
        r,
        2022,
        "page",
        d,
        notes="answers 503 twice, then 200 (portal.json faults)",
    )
    p.config["faults"] = {"fail": {"/art/2023/1/28/art_1453_87.html": 2}}

    d = date(2022, 1, 26)
    r = rep(agency, 2021, "2021", 3102, d, 40)
    detail(
        "/art/2022/1/26/art_1453_62.html",
        r.title,
        d,
        "14:25",
        "014151581/2022-00011",
        body_html(r, "plain"),
    )
    add("/art/2022/1/26/art_1453_62.html", r.title, d)
    p.report("/art/2022/1/26/art_1453_62.html", r, 2021, "page", d)

    d = date(2021, 12, 8)
    t = f"{agency}政府信息公开指南"
    detail(
        "/art/2021/12/8/art_1453_58.html",
        t,
        d,
        "10:00",
        "014151581/2021-00188",
        paragraphs(guide_body(agency, addr, phone)),
    )
    add("/art/2021/12/8/art_1453_58.html", t, d)
    p.non_reports.append({"path": "/art/2021/12/8/art_1453_58.html", "title": t, "reason": "guide"})

    d = date(2021, 1, 27)
    r = rep(agency, 2020, "2019", 3002, d, 38)
    detail(
        "/art/2021/1/27/art_1453_41.html",
        r.title,
        d,
        "17:30",
        "014151581/2021-00010",
        body_html(r, "plain"),
    )
    add("/art/2021/1/27/art_1453_41.html", r.title, d)
    p.report("/art/2021/1/27/art_1453_41.html", r, 2020, "page", d, notes="2019-format tables")

    d = date(2020, 1, 21)
    r = rep(agency, 2019, "2019", 2902, d, 35)
    detail(
        "/art/2020/1/21/art_1453_23.html",
        r.title,
        d,
        "09:45",
        "014151581/2020-00006",
        body_html(r, "plain"),
        encoding="gbk",
    )
    add("/art/2020/1/21/art_1453_23.html", r.title, d)
    p.report(
        "/art/2020/1/21/art_1453_23.html",
        r,
        2019,
        "page",
        d,
        encoding="gbk",
        notes="GBK bytes; no charset in the header nor in the page",
    )

    d = date(2019, 6, 12)
    t = f"{agency}政府信息公开保密审查制度"
    detail(
        "/art/2019/6/12/art_1453_9.html",
        t,
        d,
        "15:00",
        "014151581/2019-00075",
        paragraphs(
            """第一条 为规范政府信息公开保密审查工作，根据《中华人民共和国保守国家秘密法》《中华人民共和国政府信息公开条例》，制定本制度。
第二条 拟公开的政府信息，由承办处室按照“谁公开、谁审查”的原则进行保密审查。
第三条 对不能确定是否可以公开的政府信息，应当依照法律、法规和国家有关规定报有关主管部门或者保密行政管理部门确定。
第四条 本制度自印发之日起施行。"""
        ),
    )
    add("/art/2019/6/12/art_1453_9.html", t, d)
    p.non_reports.append({"path": "/art/2019/6/12/art_1453_9.html", "title": t, "reason": "rules"})

    per_page, group_size = 2, 2
    first_group = per_page * group_size
    p.data["col1453.json"] = {
        "webid": webid,
        "unitid": unitid,
        "columnid": colid,
        "webname": agency,
        "per_page": per_page,
        "group_size": group_size,
        "records": records,
    }

    def record_xml(rec: dict) -> str:
        return (
            f'<record><![CDATA[\n<li><a href="{rec["url"]}" title="{escape(rec["title"])}" target="_blank">'
            f"{escape(rec['title'])}</a><span>{rec['date']}</span></li>\n]]></record>"
        )

    webname_q = quote(agency)
    nextgroup = (
        f'<a href="/module/web/jpage/dataproxy.jsp?page=1&webid={webid}&path=/&columnid={colid}'
        f'&unitid={unitid}&webname={webname_q}&permissiontype=0"></a>'
    )
    datastore = (
        f"<datastore>\n<nextgroup><![CDATA[{nextgroup}]]></nextgroup>\n<recordset>\n"
        + "\n".join(record_xml(rec) for rec in records[:first_group])
        + "\n</recordset>\n</datastore>"
    )
    total = len(records)
    col_html = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>政府信息公开年报 {agency}</title>
<meta name="SiteName" content="{agency}">
<meta name="SiteDomain" content="zrzy.nantong.gov.cn">
<meta name="SiteIDCode" content="3206000040">
<meta name="ColumnName" content="政府信息公开年报">
<meta name="ColumnType" content="政府信息公开年报">
<link href="/images/style.css" rel="stylesheet" type="text/css">
<script type="text/javascript" src="/script/jquery.min.js"></script>
<script type="text/javascript" src="/module/web/jpage/jpage.js"></script>
</head>
<body>
{header}
<div class="main">
<div class="bt-position">您当前的位置：<a href="/">首页</a> &gt; <a href="/col/col1449/index.html">政府信息公开</a> &gt; 政府信息公开年报</div>
<div class="left-nav"><ul>
<li><a href="/col/col1450/index.html">政府信息公开指南</a></li>
<li><a href="/col/col1451/index.html">政府信息公开制度</a></li>
<li><a href="/col/col1452/index.html">法定主动公开内容</a></li>
<li class="on"><a href="/col/col{colid}/index.html">政府信息公开年报</a></li>
</ul></div>
<div class="right-list">
<div class="list-title">政府信息公开年报</div>
<div class="default_pgContainer" id="{unitid}">
<script type="text/xml">{datastore}</script>
</div>
<script language="javascript">
var param_{unitid} = {{col:1,appid:1,webid:{webid},path:'/',columnid:{colid},sourceContentType:1,unitid:{unitid},webname:'{agency}',permissiontype:0}};
</script>
<script language="javascript">
$(document).ready(function(){{
	$('#{unitid}').jpage({{
		dataStore : $('#{unitid} script[type="text/xml"]').text(),
		themeName : 'default',
		showMode : 'full',
		dataBefore : '<ul class="list">',
		dataAfter : '</ul>',
		proxyUrl : '/module/web/jpage/dataproxy.jsp',
		perPage : {per_page},
		groupSize : {group_size},
		totalRecord : {total},
		barPosition : 'bottom',
		ajaxParam : param_{unitid}
	}});
}});
</script>
</div>
</div>
{footer}
</body>
</html>
"""
    p.put(f"/col/col{colid}/index.html", col_html)
    p.list_pages.append(f"GET /col/col{colid}/index.html")
    start = first_group + 1
    while start <= total:
        end = start + first_group - 1
        p.list_pages.append(
            f"POST /module/web/jpage/dataproxy.jsp?startrecord={start}&endrecord={end}&perpage={per_page}"
        )
        start = end + 1

    p.put(
        "/index.html",
        f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{agency}</title>
<meta name="SiteName" content="{agency}"><link href="/images/style.css" rel="stylesheet" type="text/css"></head>
<body>
{header}
<div class="main">
<div class="xxgk"><h3><a href="/col/col1449/index.html">政府信息公开</a></h3>
<ul><li><a href="/col/col{colid}/index.html">政府信息公开年报</a></li>
<li><a href="/art/2021/12/8/art_1453_58.html">政府信息公开指南</a></li></ul></div>
</div>
{footer}
</body></html>
""",
    )
    return p


# ============================================================================ gkmlpt


def build_gkmlpt() -> Portal:
    agency = "湛江市坡头区人民政府"
    office = "湛江市坡头区人民政府办公室"
    sid, cat = "759014", 3562
    colpath = "/zwgk/xxgkndbg/"
    p = Portal(
        "gkmlpt",
        {
            "family": "gkmlpt",
            "cms": "Guangdong gkmlpt (政府信息公开目录管理平台) on NFCMS",
            "site_name": "湛江市坡头区人民政府门户网站",
            "region": "广东省湛江市坡头区",
            "division_code": "440804",
            "home_path": "/index.html",
            "start_path": colpath,
            "sid": sid,
            "category_id": cat,
            "api": f"/gkmlpt/api/all/{cat}?page=N&sid={sid}",
        },
        config={
            "server_header": "nginx",
            "last_modified": "2024-03-06T03:00:00Z",
            "content_types": {
                "/gkmlpt/index": "text/html; charset=utf-8",
                "/gkmlpt/annualreport": "text/html; charset=utf-8",
            },
        },
    )
    addr = "湛江市坡头区坡头镇建设路2号"
    phone = "0759-3332016"

    def rep(ag, year, fmt, seed, pub, scale):
        return Report(
            ag,
            year,
            fmt,
            seed,
            pub,
            scale=scale,
            office=office,
            place="坡头区",
            address=addr,
            phone=phone,
        )

    p.put(
        "/gkmlpt/dist/js/list.js",
        """/* gkmlpt list app (abridged build). Reads window._CONFIG and renders the category list
   from the JSON API: GET /gkmlpt/api/all/{CATEGORY_ID}?page={n}&sid={SID}
   -> {"articles":[{"id","title","url","publish_time",...}],"total":N,"page":n} */
(function(){
  var cfg = window._CONFIG || {};
  var app = document.getElementById('app');
  function load(page){
    var xhr = new XMLHttpRequest();
    xhr.open('GET', '/gkmlpt/api/all/' + cfg.CATEGORY_ID + '?page=' + page + '&sid=' + cfg.SID);
    xhr.onload = function(){
      var data = JSON.parse(xhr.responseText), html = '<ul class="gkml-list">';
      for (var i = 0; i < data.articles.length; i++) {
        var a = data.articles[i];
        html += '<li><a target="_blank" href="' + a.url + '">' + a.title + '</a><span>' +
                new Date(a.publish_time * 1000).toISOString().slice(0, 10) + '</span></li>';
      }
      app.innerHTML = html + '</ul>';
    };
    xhr.send();
  }
  load(1);
})();
""",
    )
    p.put(
        "/gkmlpt/dist/css/detail.css",
        ".gkmlpt-wrap{width:1100px;margin:0 auto}.classify table{width:100%;border-collapse:collapse}.classify td{border:1px solid #ddd;padding:6px}.article-content table{border-collapse:collapse}\n",
    )

    def shell(title: str, extra_config: str, script: str) -> str:
        return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width,initial-scale=1,user-scalable=no">
<meta name="SiteName" content="湛江市坡头区人民政府门户网站">
<meta name="SiteDomain" content="www.potou.gov.cn">
<meta name="ColumnName" content="{title}">
<title>{title}-湛江市坡头区人民政府门户网站</title>
<link rel="stylesheet" href="/gkmlpt/dist/css/detail.css">
<script>window._CONFIG = {{ SID: '{sid}'{extra_config} }};</script>
</head>
<body>
<div class="gkmlpt-wrap">
<div class="top-bar"><a href="/">湛江市坡头区人民政府门户网站</a><span class="tip">政府信息公开</span><a class="ml" href="/gkmlpt/index">信息公开目录</a><a href="/gkmlpt/annualreport">政府信息公开年报</a></div>
<div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/gkmlpt/index">政府信息公开</a> &gt; <span>{title}</span></div>
<div id="app"><noscript>请开启浏览器的JavaScript功能后浏览本栏目。</noscript></div>
</div>
<script src="{script}"></script>
</body>
</html>
"""

    # the column page: a JS app shell, no links to articles
    p.put(
        colpath + "index.html",
        shell(
            "政府信息公开年报", f", CATEGORY_ID: '{cat}', PAGE_SIZE: 5", "/gkmlpt/dist/js/list.js"
        ),
    )
    p.put("/gkmlpt/index", shell("政府信息公开目录", "", "/gkmlpt/dist/js/list.js"))
    p.put(
        "/gkmlpt/annualreport",
        shell("政府信息公开年报", f", CATEGORY_ID: '{cat}'", "/gkmlpt/dist/js/list.js"),
    )

    articles: list[dict] = []

    def detail(
        post_id: int,
        title: str,
        pub: date,
        time_: str,
        identifier: str,
        inner: str,
        *,
        written: date | None = None,
        attachments: str = "",
    ) -> str:
        path = f"{colpath}content/post_{post_id}.html"
        written = written or pub
        html = f"""<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width,initial-scale=1,user-scalable=no">
<meta name="SiteName" content="湛江市坡头区人民政府门户网站">
<meta name="SiteDomain" content="www.potou.gov.cn">
<meta name="SiteIDCode" content="4408040001">
<meta name="ColumnName" content="政府信息公开年报">
<meta name="ArticleTitle" content="{escape(title)}">
<meta name="PubDate" content="{pub.isoformat()} {time_}">
<meta name="ContentSource" content="{office}">
<title>{escape(title)}-湛江市坡头区人民政府门户网站</title>
<link rel="stylesheet" href="/gkmlpt/dist/css/detail.css">
<script>window._CONFIG = {{ SID: '{sid}', POST_ID: '{post_id}', CATEGORY_ID: '{cat}' }};</script>
</head>
<body>
<div class="gkmlpt-wrap">
  <div class="top-bar"><a href="/">湛江市坡头区人民政府门户网站</a><span class="tip">政府信息公开</span><a class="ml" href="/gkmlpt/index">信息公开目录</a><a href="/gkmlpt/annualreport">政府信息公开年报</a></div>
  <div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/gkmlpt/index">政府信息公开</a> &gt; <a href="{colpath}">政府信息公开年报</a></div>
  <div class="content-box">
    <div class="classify">
      <table>
        <tbody>
          <tr><td class="td-label">索引号：</td><td class="td-value"><span>{identifier}</span></td><td class="td-label">分类：</td><td class="td-value"><span>综合政务、政务公开</span></td></tr>
          <tr><td class="td-label">发布机构：</td><td class="td-value"><span>{office}</span></td><td class="td-label">成文日期：</td><td class="td-value"><span>{written.isoformat()}</span></td></tr>
          <tr><td class="td-label">名称：</td><td class="td-value" colspan="3"><span>{escape(title)}</span></td></tr>
          <tr><td class="td-label">文号：</td><td class="td-value"><span></span></td><td class="td-label">发布日期：</td><td class="td-value"><span>{pub.isoformat()}</span></td></tr>
        </tbody>
      </table>
    </div>
    <div class="content">
      <h1 class="title document-number">{escape(title)}</h1>
      <div class="date-row"><span>发布日期：{pub.isoformat()}</span><span>来源：{office}</span><span class="fontsize">字体：<a href="javascript:;">大</a> <a href="javascript:;">中</a> <a href="javascript:;">小</a></span></div>
      <div class="article-content">
{inner}
      </div>
{attachments}
    </div>
  </div>
  <div class="footer"><p>主办：湛江市坡头区人民政府办公室 网站标识码：4408040001 <a href="https://beian.miit.gov.cn/" target="_blank">粤ICP备05082133号</a></p>
  <p><a href="http://www.gd.gov.cn/" target="_blank">广东省人民政府</a> <a href="http://www.zhanjiang.gov.cn/" target="_blank">湛江市人民政府</a></p></div>
</div>
</body>
</html>
"""
        p.put(path, html)
        ts = _epoch(pub, time_)
        articles.append(
            {
                "id": post_id,
                "title": title,
                "identifier": identifier,
                "document_number": "",
                "publisher": office,
                "date": _epoch(written, "00:00"),
                "created_at": f"{pub.isoformat()} {time_}:00",
                "first_publish_time": ts,
                "publish_time": ts,
                "display_publish_time": ts,
                "path": path,
                "classify_main": cat,
                "classify_main_name": "政府信息公开年报",
                "classify_genre_name": "",
                "classify_theme_name": "综合政务、政务公开",
                "abstract": "",
                "keywords": "",
                "is_expired": 0,
                "is_abolished": 0,
            }
        )
        return path

    d = date(2024, 3, 5)
    t = "湛江市坡头区2024年政务公开工作要点"
    path = detail(
        1902233, t, d, "09:30", "007023915/2024-00061", paragraphs(workpoints_body("全区", 2024))
    )
    p.non_reports.append({"path": path, "title": t, "reason": "work_points"})

    d = date(2024, 1, 29)
    r = rep(agency, 2023, "2021", 4302, d, 70)
    path = detail(
        1871569,
        r.title,
        d,
        "15:20",
        "007023915/2024-00021",
        body_html(r, "gkmlpt"),
        written=date(2024, 1, 26),
    )
    p.report(path, r, 2023, "page", d)

    d = date(2023, 12, 25)
    t = "湛江市坡头区人民政府办公室关于做好2023年度政府信息公开工作年度报告编制发布工作的通知"
    path = detail(
        1859874,
        t,
        d,
        "17:05",
        "007023915/2023-00412",
        paragraphs(
            notice_body(
                "区政务公开办", 2023, date(2024, 1, 31), "各镇人民政府、街道办事处，区直各单位"
            )
        ),
    )
    p.non_reports.append({"path": path, "title": t, "reason": "notice"})

    d = date(2023, 1, 31)
    r = rep(agency, 2022, "2021", 4202, d, 66)
    docx_path = "/attachment/0/518/518264/1733106.docx"
    p.put(docx_path, make_docx(r))
    att = (
        '      <div class="article-attachment"><p>附件：</p><ul>'
        f'<li><a href="{docx_path}" target="_blank">{escape(r.title)}.docx</a></li></ul></div>'
    )
    path = detail(
        1733106,
        r.title,
        d,
        "10:12",
        "007023915/2023-00024",
        f'<p style="text-indent:2em;">现将《{escape(r.title)}》全文公布，详见附件。</p>',
        attachments=att,
    )
    p.report(
        docx_path, r, 2022, "attachment", d, via=path, notes="DOCX with the tables as Word tables"
    )

    d = date(2022, 1, 28)
    r = rep(agency, 2021, "2021", 4102, d, 60)
    # the 图片版: the printed report scanned page by page (made once with Chromium, then kept)
    kept = sorted((HERE / "gkmlpt/site/attachment/0/470/470112").glob("1538342_*.jpg"),
                  key=lambda f: int(f.stem.rsplit("_", 1)[1]))
    imgs = []
    for i, scan in enumerate(page_scans(r, "gkmlpt", kept)):
        img = f"/attachment/0/470/470112/1538342_{i + 1}.jpg"
        p.put(img, scan)
        imgs.append(
            f'<p style="text-align:center;"><img src="{img}" title="" alt="" width="800" height="1131"/></p>'
        )
    path = detail(1538342, r.title, d, "16:40", "007023915/2022-00019", "\n".join(imgs))
    p.report(
        path,
        r.title,
        2021,
        "page",
        d,
        agency=agency,
        table_format="2021",
        notes="图片版: the body is only scanned images (the printed report, tables included)",
    )

    d = date(2021, 12, 10)
    t = "湛江市坡头区人民政府信息公开指南"
    path = detail(
        1487320, t, d, "11:00", "007023915/2021-00377", paragraphs(guide_body(agency, addr, phone))
    )
    p.non_reports.append({"path": path, "title": t, "reason": "guide"})

    for year, pub, time_, post_id, seed in (
        (2020, date(2021, 1, 29), "10:45", 1302581, 4002),
        (2019, date(2020, 1, 22), "09:10", 1106733, 3902),
    ):
        r = rep(agency, year, "2019", seed, pub, 60)
        path = detail(
            post_id,
            r.title,
            pub,
            time_,
            f"007023915/{pub.year}-000{pub.day}",
            body_html(r, "gkmlpt"),
        )
        p.report(path, r, year, "page", pub, notes="2019-format tables")

    d = date(2019, 5, 20)
    t = "湛江市坡头区政府信息公开申请办理流程"
    path = detail(
        965001,
        t,
        d,
        "14:30",
        "007023915/2019-00102",
        paragraphs(
            """一、申请人填写《湛江市坡头区政府信息公开申请表》，通过当面、邮寄或网上方式提交。
二、受理机关对申请进行登记、审查，需要补正的一次性告知申请人。
三、受理机关在法定期限内作出答复，并按申请人要求的形式提供政府信息。"""
        ),
    )
    p.non_reports.append({"path": path, "title": t, "reason": "procedure"})

    per_page = 5
    p.data["articles.json"] = {
        "sid": sid,
        "category_id": cat,
        "per_page": per_page,
        "articles": articles,
    }
    pages = (len(articles) + per_page - 1) // per_page
    for n in range(1, pages + 1):
        p.list_pages.append(f"GET /gkmlpt/api/all/{cat}?page={n}&sid={sid}")

    p.put(
        "/index.html",
        f"""<!DOCTYPE html>
<html><head><meta charset="UTF-8"><title>湛江市坡头区人民政府门户网站</title><meta name="SiteName" content="湛江市坡头区人民政府门户网站"></head>
<body>
<div class="header"><h1>湛江市坡头区人民政府门户网站</h1></div>
<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/gkmlpt/index">政府信息公开</a> <a href="/bsfw/">办事服务</a></div>
<div class="xxgk"><ul><li><a href="/gkmlpt/index">政府信息公开目录</a></li><li><a href="{colpath}">政府信息公开年报</a></li></ul></div>
<div class="footer">主办：湛江市坡头区人民政府办公室</div>
</body></html>
""",
    )
    return p


def _epoch(d: date, hm: str) -> int:
    from datetime import datetime, timedelta, timezone

    h, m = (int(x) for x in hm.split(":"))
    return int(
        datetime(d.year, d.month, d.day, h, m, tzinfo=timezone(timedelta(hours=8))).timestamp()
    )


# ============================================================================ static


def build_static() -> Portal:
    agency = "涞水县人民政府"
    office = "涞水县人民政府办公室"
    p = Portal(
        "static",
        {
            "family": "static",
            "cms": "plain static site",
            "site_name": agency,
            "region": "河北省保定市涞水县",
            "division_code": "130623",
            "home_path": "/index.html",
            "start_path": "/xxgk/ndbg/list.html",
            "other_columns": ["/xxgk/bmnb/list.jsp"],
        },
        config={
            "server_header": "Microsoft-IIS/7.5",
            "last_modified": "2024-02-02T06:00:00Z",
            "content_types": {"/xxgk/ndbg/202001/1655.html": "text/html; charset=gb2312"},
        },
    )
    addr = "涞水县涞水镇府前街9号"
    phone = "0312-4522106"

    def rep(ag, year, fmt, seed, pub, scale, off=None):
        return Report(
            ag,
            year,
            fmt,
            seed,
            pub,
            scale=scale,
            office=off or office,
            place="涞水县",
            address=addr,
            phone=phone,
        )

    p.put("/robots.txt", "User-agent: *\nDisallow: /admin/\nDisallow: /search/\n")

    def page(title: str, body: str, crumbs: str, *, meta_charset: bool = True) -> str:
        charset = (
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
            if meta_charset
            else ""
        )
        return f"""<html>
<head>
{charset}<title>{escape(title)}</title>
<style type="text/css">body{{font-size:12px;margin:0}} .con td{{border:1px solid #000}} table.con{{border-collapse:collapse}}</style>
</head>
<body topmargin="0">
<table width="990" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td height="120" bgcolor="#1a5fb4"><font size="6" color="#ffffff">&nbsp;涞水县人民政府</font></td></tr>
<tr><td height="32" bgcolor="#e9eef5">&nbsp;<a href="/index.html">首页</a> | <a href="/zwdt/">政务动态</a> | <a href="/xxgk/">信息公开</a> | <a href="/bsfw/">办事服务</a> | <a href="/hdjl/">互动交流</a></td></tr>
<tr><td height="30">当前位置：{crumbs}</td></tr>
<tr><td valign="top">
{body}
</td></tr>
<tr><td height="80" align="center" bgcolor="#e9eef5">版权所有：涞水县人民政府办公室　地址：{addr}　电话：{phone}<br>
网站标识码：1306230001　<a href="https://beian.miit.gov.cn/" target="_blank">冀ICP备05012345号</a>　<a href="mailto:lsxzfb@163.com">联系我们</a></td></tr>
</table>
</body>
</html>
"""

    crumbs = '<a href="/index.html">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; <a href="/xxgk/ndbg/list.html">政府信息公开年报</a>'

    def detail(
        path: str,
        title: str,
        pub: date,
        inner: str,
        *,
        encoding: str = "utf-8",
        source: str = office,
        crumbs_: str = crumbs,
    ) -> None:
        body = f"""<table width="100%" border="0" cellpadding="0" cellspacing="0">
<tr><td align="center" height="60"><font size="4"><b>{escape(title)}</b></font></td></tr>
<tr><td align="center" height="30" style="border-bottom:1px solid #ccc">发布时间：{pub.isoformat()}　来源：{source}　【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</td></tr>
<tr><td class="content" style="padding:20px;font-size:14px;line-height:2">
{inner}
</td></tr>
</table>"""
        p.put(
            path,
            page(title + " - 涞水县人民政府", body, crumbs_, meta_charset=encoding == "utf-8"),
            encoding=encoding,
        )

    items: list[tuple[str, str, date]] = []

    # 1. 2023: PDF through a pdf.js viewer
    d = date(2024, 1, 26)
    r = rep(agency, 2023, "2021", 5302, d, 45)
    p.put("/upload/report2023.pdf", make_pdf(text_lines(r), title=r.title))
    detail(
        "/xxgk/ndbg/202401/2831.html",
        r.title,
        d,
        f"<p>　　《{escape(r.title)}》已编制完成，现予公布。</p>\n"
        '<p>　　<a href="/generic/web/viewer.html?file=/upload/report2023.pdf" target="_blank">点击查看全文</a></p>',
    )
    items.append(("/xxgk/ndbg/202401/2831.html", r.title, d))
    p.report(
        "/upload/report2023.pdf",
        r,
        2023,
        "attachment",
        d,
        via="/xxgk/ndbg/202401/2831.html",
        notes="linked only through viewer.html?file=",
    )

    d = date(2024, 1, 10)
    t = "涞水县人民政府办公室关于做好2023年度政府信息公开工作年度报告编制发布工作的通知"
    detail(
        "/xxgk/ndbg/202401/2790.html",
        t,
        d,
        paragraphs(
            notice_body("县政务公开办", 2023, date(2024, 1, 31), "各乡镇人民政府，县政府各部门"),
            "<p>　　",
        ),
    )
    items.append(("/xxgk/ndbg/202401/2790.html", t, d))
    p.non_reports.append({"path": "/xxgk/ndbg/202401/2790.html", "title": t, "reason": "notice"})

    # 3. 2022: PDF in an iframe
    d = date(2023, 1, 30)
    r = rep(agency, 2022, "2021", 5202, d, 42)
    pdf = "/upload/202301/20230130_nb2022.pdf"
    p.put(pdf, make_pdf(text_lines(r), title=r.title))
    detail(
        "/xxgk/ndbg/202301/2544.html",
        r.title,
        d,
        f'<iframe src="{pdf}" width="100%" height="900" frameborder="0"></iframe>',
    )
    items.append(("/xxgk/ndbg/202301/2544.html", r.title, d))
    p.report(
        pdf,
        r,
        2022,
        "attachment",
        d,
        via="/xxgk/ndbg/202301/2544.html",
        notes="embedded with <iframe src>",
    )

    d = date(2022, 4, 20)
    t = "涞水县2022年政务公开工作要点"
    detail(
        "/xxgk/ndbg/202204/2376.html", t, d, paragraphs(workpoints_body("全县", 2022), "<p>　　")
    )
    items.append(("/xxgk/ndbg/202204/2376.html", t, d))
    p.non_reports.append(
        {"path": "/xxgk/ndbg/202204/2376.html", "title": t, "reason": "work_points"}
    )

    # 5. 2021: a .doc opened by onclick="window.open(...)"
    d = date(2022, 1, 28)
    r = rep(agency, 2021, "2021", 5102, d, 40)
    doc = "/upload/202201/2021ndbg.doc"
    p.put(doc, make_rtf(r))
    detail(
        "/xxgk/ndbg/202201/2301.html",
        r.title,
        d,
        f"<p>　　现将《{escape(r.title)}》予以公开。</p>\n"
        f'<p>　　附件：<a href="javascript:void(0)" onclick="window.open(\'{doc}\')">{escape(r.title)}.doc</a></p>',
    )
    items.append(("/xxgk/ndbg/202201/2301.html", r.title, d))
    p.report(
        doc,
        r,
        2021,
        "attachment",
        d,
        via="/xxgk/ndbg/202201/2301.html",
        notes="link only in onclick=window.open(); the bytes are RTF, as many .doc files on portals are",
    )

    d = date(2021, 1, 29)
    r = rep(agency, 2020, "2019", 5002, d, 38)
    detail("/xxgk/ndbg/202101/1987.html", r.title, d, body_html(r, "plain", p_style='align="left"'))
    items.append(("/xxgk/ndbg/202101/1987.html", r.title, d))
    p.report("/xxgk/ndbg/202101/1987.html", r, 2020, "page", d, notes="2019-format tables")

    d = date(2020, 11, 16)
    t = "涞水县人民政府信息公开指南"
    detail(
        "/xxgk/ndbg/202011/1902.html", t, d, paragraphs(guide_body(agency, addr, phone), "<p>　　")
    )
    items.append(("/xxgk/ndbg/202011/1902.html", t, d))
    p.non_reports.append({"path": "/xxgk/ndbg/202011/1902.html", "title": t, "reason": "guide"})

    d = date(2020, 1, 21)
    r = rep(agency, 2019, "2019", 4902, d, 36)
    detail(
        "/xxgk/ndbg/202001/1655.html",
        r.title,
        d,
        body_html(r, "plain", p_style='align="left"'),
        encoding="gbk",
    )
    items.append(("/xxgk/ndbg/202001/1655.html", r.title, d))
    p.report(
        "/xxgk/ndbg/202001/1655.html",
        r,
        2019,
        "page",
        d,
        encoding="gbk",
        notes="GBK; charset only in the Content-Type header (text/html; charset=gb2312)",
    )

    per = 3
    chunks = [items[i : i + per] for i in range(0, len(items), per)]
    names = ["list.html"] + [f"list_{n}.html" for n in range(2, len(chunks) + 1)]
    for n, chunk in enumerate(chunks):
        rows = "\n".join(
            f'<tr><td height="28">·<a href="{href}" target="_blank">{escape(t)}</a></td><td width="90">{d.isoformat()}</td></tr>'
            for href, t, d in chunk
        )
        nav = [f'<a href="{names[0]}">首页</a>']
        nav.append(f'<a href="{names[n - 1]}">上一页</a>' if n > 0 else "上一页")
        nav.append(f'<a href="{names[n + 1]}">下一页</a>' if n < len(chunks) - 1 else "下一页")
        nav.append(f'<a href="{names[-1]}">尾页</a>')
        body = f"""<table width="100%" border="0" cellpadding="0" cellspacing="0">
<tr><td colspan="2" height="36"><b>政府信息公开年报</b>　<a href="/xxgk/bmnb/list.jsp">部门年报</a></td></tr>
{rows}
<tr><td colspan="2" align="center" height="40">共{len(items)}条　第{n + 1}/{len(chunks)}页　{"　".join(nav)}</td></tr>
</table>"""
        p.put(
            "/xxgk/ndbg/" + names[n],
            page(
                "政府信息公开年报 - 涞水县人民政府",
                body,
                '<a href="/index.html">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; 政府信息公开年报',
            ),
        )
        p.list_pages.append("GET /xxgk/ndbg/" + names[n])

    # the department column, paginated by ?page=N (handlers.py renders the list)
    dept: list[dict] = []
    bm_crumbs = '<a href="/index.html">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; <a href="/xxgk/bmnb/list.jsp">部门年报</a>'
    for ag, year, pub, num, seed, scale in (
        ("涞水县卫生健康局", 2023, date(2024, 1, 30), 2850, 5311, 18),
        ("涞水县市场监督管理局", 2023, date(2024, 1, 29), 2846, 5312, 22),
        ("涞水县卫生健康局", 2022, date(2023, 1, 31), 2551, 5211, 17),
    ):
        r = rep(ag, year, "2021", seed, pub, scale, ag + "办公室")
        path = f"/xxgk/bmnb/{pub:%Y%m}/{num}.html"
        detail(
            path,
            r.title,
            pub,
            body_html(r, "plain", p_style='align="left"'),
            source=ag,
            crumbs_=bm_crumbs,
        )
        dept.append({"url": path, "title": r.title, "date": pub.isoformat()})
        p.report(path, r, year, "page", pub, notes="in the ?page=N column /xxgk/bmnb/list.jsp")
    d = date(2021, 6, 2)
    t = "涞水县卫生健康局政府信息公开指南"
    detail(
        "/xxgk/bmnb/202106/2099.html",
        t,
        d,
        paragraphs(
            guide_body("涞水县卫生健康局", "涞水县涞水镇健康路12号", "0312-4521180"), "<p>　　"
        ),
        source="涞水县卫生健康局",
        crumbs_=bm_crumbs,
    )
    dept.append({"url": "/xxgk/bmnb/202106/2099.html", "title": t, "date": d.isoformat()})
    p.non_reports.append({"path": "/xxgk/bmnb/202106/2099.html", "title": t, "reason": "guide"})
    p.data["bmnb.json"] = {"per_page": 2, "records": dept}
    p.list_pages += ["GET /xxgk/bmnb/list.jsp", "GET /xxgk/bmnb/list.jsp?page=2"]
    # the page template handlers.py fills in
    p.data["bmnb_template.json"] = {
        "html": page(
            "部门年报 - 涞水县人民政府",
            "{{BODY}}",
            '<a href="/index.html">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; 部门年报',
        )
    }

    # a pdf.js viewer shell, as portals deploy it
    p.put(
        "/generic/web/viewer.html",
        """<!DOCTYPE html>
<html dir="ltr" mozdisallowselectionprint>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">
<title>PDF.js viewer</title>
<link rel="stylesheet" href="viewer.css">
<script src="../build/pdf.js"></script>
<script src="viewer.js"></script>
</head>
<body tabindex="1">
<div id="outerContainer"><div id="mainContainer"><div id="viewerContainer" tabindex="0"><div id="viewer" class="pdfViewer"></div></div></div></div>
<!-- the document comes from the ?file= parameter: PDFViewerApplication.open(new URL(location).searchParams.get('file')) -->
</body>
</html>
""",
    )
    p.put(
        "/index.html",
        page(
            "涞水县人民政府",
            """<table width="100%"><tr><td width="50%" valign="top"><b>政务动态</b><br>·<a href="/zwdt/">县政府召开常务会议</a></td>
<td valign="top"><b>信息公开</b><br>·<a href="/xxgk/ndbg/list.html">政府信息公开年报</a><br>·<a href="/xxgk/bmnb/list.jsp">部门年报</a><br>·<a href="/xxgk/ndbg/202011/1902.html">政府信息公开指南</a></td></tr></table>""",
            '<a href="/index.html">首页</a>',
        ),
    )
    return p


def main() -> None:
    total = 0
    for build in (build_trs, build_hanweb, build_gkmlpt, build_static):
        portal = build()
        portal.write()
        size = sum(len(b) for b in portal.files.values())
        total += size
        print(
            f"{portal.family:8s} {len(portal.files):3d} files {size / 1024:7.1f} KiB  "
            f"{len(portal.reports)} reports, {len(portal.non_reports)} non-reports"
        )
    print(f"total site bytes {total / 1024:.1f} KiB")


if __name__ == "__main__":
    main()
