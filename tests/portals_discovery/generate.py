"""Regenerate the list-discovery portals (site/, data/, portal.json, expected.json).

    python tests/portals_discovery/generate.py

Nine small imitation portals, one per way a 年报 column tells (or does not tell) where its
list ends.  Same layout as ogi/demo/portals/<family>/ and served by the same server::

    from ogi.demo.portals.server import serve
    with serve(Path("tests/portals_discovery/hanweb_probe")) as site: ...

Built blind: without reading the crawler or its tests.  Deterministic (seeded): the same code
gives the same bytes.  handlers.py and README.md are written by hand and not touched here.
The divisions and agencies are real; ids, dates, index numbers and ICP numbers are made up.
Detail pages are short (title, 发布机构, one paragraph): these portals test list discovery,
not extraction.
"""

from __future__ import annotations

import json
import math
import posixpath
import random
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
YEARS = range(2019, 2025)  # report years


# --------------------------------------------------------------------------- items


@dataclass
class Item:
    title: str
    pub: date
    agency: str
    year: int | None = None  # report year, None for a non-report
    reason: str | None = None  # non-report reason
    id: int = 0
    path: str = ""  # site path of the detail page
    href: str = ""  # the link as written in the list
    position: int = 0  # 1-based rank in the column (newest first)
    list_page: int = 0  # 1-based page / group / API page holding it

    @property
    def is_report(self) -> bool:
        return self.year is not None


@dataclass
class Site:
    name: str  # portal directory
    family: str
    cms: str
    gov: str  # 如皋市人民政府
    place: str  # 如皋市
    region: str
    code: str
    domain: str
    icp: str
    towns: list[str]
    depts: list[str]
    n_items: int
    n_non: int
    seed: int
    files: dict[str, bytes] = field(default_factory=dict)
    data: dict[str, object] = field(default_factory=dict)
    config: dict = field(default_factory=dict)
    expected: dict = field(default_factory=dict)

    def put(self, path: str, text: str | bytes) -> None:
        assert path.startswith("/") and path not in self.files, path
        self.files[path] = text.encode("utf-8") if isinstance(text, str) else text

    def write(self) -> None:
        root = HERE / self.name
        for sub in ("site", "data"):
            if (root / sub).exists():
                shutil.rmtree(root / sub)
        for path, data in sorted(self.files.items()):
            target = root / "site" / path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        for name, obj in sorted(self.data.items()):
            target = root / "data" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(obj, ensure_ascii=False, indent=1) + "\n", "utf-8")
        (root / "portal.json").write_text(
            json.dumps(self.config, ensure_ascii=False, indent=2) + "\n", "utf-8"
        )
        (root / "expected.json").write_text(
            json.dumps(self.expected, ensure_ascii=False, indent=2) + "\n", "utf-8"
        )


def town_agency(place: str, town: str, rng: random.Random) -> str:
    if town.endswith("街道"):
        suffix = "办事处"
    else:
        suffix = "人民政府"
    prefix = place if rng.random() < 0.5 else ""
    return f"{prefix}{town}{suffix}"


def rand_date(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def make_items(s: Site) -> list[Item]:
    """The column's items, newest first: n_items in all, n_non of them non-reports."""
    rng = random.Random(s.seed)
    agencies = [s.gov] + [town_agency(s.place, t, rng) for t in s.towns] + list(s.depts)
    n_rep = s.n_items - s.n_non
    pairs = [(s.gov, y) for y in YEARS]  # the government itself reports every year
    others = [(a, y) for a in agencies[1:] for y in YEARS]
    rng.shuffle(others)
    pairs += others[: n_rep - len(pairs)]
    items: list[Item] = []
    for ag, y in pairs:
        last = date(y + 1, 2, 28) if y == 2024 else date(y + 1, 3, 31)
        pub = rand_date(rng, date(y + 1, 1, 6), last)
        if rng.random() < 0.22:
            title = f"{ag}{y}年度政府信息公开工作年度报告"
        else:
            title = f"{ag}{y}年政府信息公开工作年度报告"
        items.append(Item(title, pub, ag, year=y))
    office = s.gov.replace("人民政府", "") + "人民政府办公室"
    short = s.gov.replace("人民政府", "")
    pool: list[Item] = []
    for y in YEARS:
        pool.append(
            Item(
                f"{office}关于做好{y}年度政府信息公开工作年度报告编制发布工作的通知",
                rand_date(rng, date(y, 12, 3), date(y, 12, 28)),
                office,
                reason="notice",
            )
        )
        pool.append(
            Item(
                f"{short}{y}年政务公开工作要点",
                rand_date(rng, date(y, 3, 10), date(y, 4, 30)),
                office,
                reason="work_points",
            )
        )
    pool.append(Item(f"{s.gov}信息公开指南", rand_date(rng, date(2021, 5, 1), date(2021, 6, 30)), s.gov, reason="guide"))
    pool.append(Item(f"{s.gov}信息公开指南（2019年修订）", rand_date(rng, date(2019, 6, 1), date(2019, 7, 31)), s.gov, reason="guide"))
    dept = rng.choice(s.depts)
    pool.append(Item(f"{dept}政府信息公开指南", rand_date(rng, date(2022, 3, 1), date(2022, 5, 31)), dept, reason="guide"))
    pool.append(Item(f"{s.gov}政府信息公开保密审查制度", rand_date(rng, date(2020, 8, 1), date(2020, 9, 30)), s.gov, reason="rules"))
    pool.append(Item(f"{s.gov}依申请公开政府信息办理流程", rand_date(rng, date(2020, 10, 1), date(2020, 11, 30)), s.gov, reason="procedure"))
    ly = rng.choice([2021, 2022, 2023])
    pool.append(Item(f"{s.gov}{ly}年法治政府建设年度报告", rand_date(rng, date(ly + 1, 1, 10), date(ly + 1, 3, 20)), s.gov, reason="other_report"))
    rng.shuffle(pool)
    # keep the notice and the 法治政府 report (traps that read like reports), then the rest
    must = [i for i in pool if i.reason in ("notice", "other_report")][:3]
    rest = [i for i in pool if i not in must]
    items += (must + rest)[: s.n_non]
    assert len(items) == s.n_items, (s.name, len(items))
    items.sort(key=lambda i: (i.pub, i.title), reverse=True)
    # ids grow with the date
    for rank, it in enumerate(items, 1):
        it.position = rank
    return items


def paginate(items: list[Item], per: int) -> list[list[Item]]:
    pages = [items[i : i + per] for i in range(0, len(items), per)]
    for n, page in enumerate(pages, 1):
        for it in page:
            it.list_page = n
        assert any(i.is_report for i in page), "every page holds a report"
    assert sum(i.is_report for i in pages[-1]) >= 2, "the last page holds reports"
    return pages


def assign_ids(items: list[Item], rng: random.Random, start: int, gap: tuple[int, int]) -> None:
    n = start
    for it in sorted(items, key=lambda i: (i.pub, i.title)):
        n += rng.randint(*gap)
        it.id = n


REPORT_TEXT = (
    "本报告依据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》"
    "（{fmt}）编制，由{agency}发布。本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。"
)
OTHER_TEXT = {
    "notice": "各乡镇（街道）、各有关单位：请于次年1月31日前在本单位政府信息公开专栏发布年度报告，并报送政务公开办公室备案。",
    "work_points": "现将本年度政务公开工作要点印发给你们，请结合实际认真贯彻执行。",
    "guide": "本指南包括主动公开、依申请公开、监督和救济等内容。",
    "rules": "为规范政府信息公开保密审查工作，制定本制度。",
    "procedure": "本流程列明依申请公开的受理、登记、审查、答复等环节及办理时限。",
    "other_report": "现将本年度法治政府建设有关情况报告如下。",
}


def body_text(it: Item) -> str:
    if it.is_report:
        fmt = "国办公开办函〔2019〕60号" if it.year <= 2020 else "国办公开办函〔2021〕30号"
        return REPORT_TEXT.format(fmt=fmt, agency=escape(it.agency), y=it.year)
    return OTHER_TEXT[it.reason]


def ymd(d: date) -> str:
    return d.isoformat()


def report_entry(it: Item, **extra) -> dict:
    out = {
        "path": it.path,
        "title": it.title,
        "year": it.year,
        "published": ymd(it.pub),
        "agency": it.agency,
        "position": it.position,
        "list_page": it.list_page,
    }
    if it.href != it.path:
        out["linked_as"] = it.href
    out.update(extra)
    return out


def non_report_entry(it: Item) -> dict:
    out = {
        "path": it.path,
        "title": it.title,
        "reason": it.reason,
        "published": ymd(it.pub),
        "position": it.position,
        "list_page": it.list_page,
    }
    if it.href != it.path:
        out["linked_as"] = it.href
    return out


def base_expected(s: Site, home: str, items: list[Item], list_end: str, note: str) -> dict:
    reports = [i for i in items if i.is_report]
    return {
        "family": s.family,
        "case": s.name,
        "cms": s.cms,
        "site_name": s.gov,
        "region": s.region,
        "division_code": s.code,
        "home_path": home,
        "start_path": home,
        "list_end": list_end,
        "list_end_note": note,
        "counts": {
            "items": len(items),
            "reports": len(reports),
            "non_reports": len(items) - len(reports),
            "reports_on_first_page": sum(1 for i in reports if i.list_page == 1),
            "pages": max(i.list_page for i in items),
        },
    }


def home_page(s: Site, column: str) -> str:
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{s.gov}</title></head>
<body><h1>{s.gov}</h1>
<ul><li><a href="{column}">政府信息公开年报</a></li></ul>
<p>网站标识码：{s.code}0001 <a href="https://beian.miit.gov.cn/" target="_blank">{s.icp}</a></p>
</body></html>
"""


ROBOTS = "User-agent: *\nDisallow:\n"


def footer(s: Site) -> str:
    return (
        f'<div class="footer"><p>主办单位：{s.gov}办公室</p>'
        f'<p>网站标识码：{s.code}0001 <a href="https://beian.miit.gov.cn/" target="_blank">{s.icp}</a></p></div>'
    )


# --------------------------------------------------------------------------- Hanweb


JPAGE_JS = """/* jpage 3.0 -- Hanweb list pager (abridged).  The page holds the first group of records
   (perPage x groupSize) in <script type="text/xml"><datastore>.  The next groups come from
   POST proxyUrl?startrecord=S&endrecord=E&perpage=P with ajaxParam as the form body.  The pager
   stops at totalRecord when the page gives one, else at the <totalrecord> of the proxy answer,
   else when a group comes back with fewer records than asked for (or none). */
(function($){
  $.fn.jpage = function(opts){
    var o = $.extend({perPage:15, groupSize:3, proxyUrl:'/module/web/jpage/dataproxy.jsp'}, opts);
    var group = o.perPage * o.groupSize, total = o.totalRecord || null;
    function load(start){
      if (total !== null && start > total) return;
      var end = start + group - 1;
      $.post(o.proxyUrl + '?startrecord=' + start + '&endrecord=' + end + '&perpage=' + o.perPage,
             o.ajaxParam, function(xml){
        var recs = $(xml).find('record'), t = $(xml).find('totalrecord');
        if (t.length) total = parseInt(t.text(), 10);
        if (recs.length < group && total === null) return;
        load(end + 1);
      }, 'xml');
    }
    return this;
  };
})(jQuery);
"""


@dataclass
class HanwebConf:
    webid: int
    columnid: int
    unitid: int
    per_page: int
    group_size: int
    total_in_page: bool  # totalRecord in the jpage options
    proxy_total: bool  # <totalrecord>/<totalpage> in the proxy answers
    record_style: str  # "li" | "li_b"


def hanweb_record(it: Item, style: str) -> str:
    t = escape(it.title)
    if style == "li_b":
        return f'<li class="clearfix"><a target="_blank" href="{it.href}" title="{t}">{t}</a><b>{ymd(it.pub)}</b></li>'
    return f'<li><a href="{it.href}" title="{t}" target="_blank">{t}</a><span>{ymd(it.pub)}</span></li>'


def build_hanweb(s: Site, c: HanwebConf) -> None:
    items = make_items(s)
    rng = random.Random(s.seed + 1)
    assign_ids(items, rng, 2_380_000 + rng.randrange(100_000), (37, 2900))
    col = f"/col/col{c.columnid}/index.html"
    for it in items:
        it.path = f"/art/{it.pub.year}/{it.pub.month}/{it.pub.day}/art_{c.columnid}_{it.id}.html"
        it.href = it.path
    group = c.per_page * c.group_size
    groups = paginate(items, group)
    webname_q = quote(s.gov, safe="")
    nextgroup = (
        f"/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid={c.webid}&path=/"
        f"&columnid={c.columnid}&unitid={c.unitid}&webname={webname_q}&permissiontype=0"
    )
    records = "\n".join(f"<record><![CDATA[\n{hanweb_record(i, c.record_style)}\n]]></record>" for i in groups[0])
    param = (
        f"{{col:1,appid:1,webid:{c.webid},path:'/',columnid:{c.columnid},sourceContentType:1,"
        f"unitid:{c.unitid},webname:'{s.gov}',permissiontype:0}}"
    )
    div = f"div{c.unitid}"
    if c.total_in_page:
        script = f"""<script type="text/javascript">
$(function(){{
	$("#{div}").jpage({{dataStore: $("#{div} script[type='text/xml']").text(), themeName: "default", showMode: "full", dataBefore: '<ul class="list">', dataAfter: '</ul>', proxyUrl: "/module/web/jpage/dataproxy.jsp", perPage: {c.per_page}, groupSize: {c.group_size}, totalRecord: {len(items)}, barPosition: "bottom", ajaxParam: param_{c.unitid}}});
}});
</script>"""
    else:
        script = f"""<script language="javascript">
$(document).ready(function(){{
	$('#{div}').jpage({{
		dataStore : $('#{div} script[type="text/xml"]').text(),
		themeName : 'default',
		showMode : 'full',
		dataBefore : '<ul class="list">',
		dataAfter : '</ul>',
		proxyUrl : '/module/web/jpage/dataproxy.jsp',
		perPage : {c.per_page},
		groupSize : {c.group_size},
		barPosition : 'bottom',
		ajaxParam : param_{c.unitid}
	}});
}});
</script>"""
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>政府信息公开年报 {s.gov}</title>
<meta name="SiteName" content="{s.gov}">
<meta name="SiteDomain" content="{s.domain}">
<meta name="SiteIDCode" content="{s.code}0001">
<meta name="ColumnName" content="政府信息公开年报">
<script type="text/javascript" src="/module/web/jpage/jpage.js"></script>
</head>
<body>
<div class="bt-position">您当前的位置：<a href="/">首页</a> &gt; 政府信息公开 &gt; 政府信息公开年报</div>
<div class="right-list">
<div class="list-title">政府信息公开年报</div>
<div class="default_pgContainer" id="{div}">
<script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="{nextgroup}"></a>]]></nextgroup>
<recordset>
{records}
</recordset>
</datastore></script>
</div>
<script language="javascript">
var param_{c.unitid} = {param};
</script>
{script}
</div>
{footer(s)}
</body>
</html>
"""
    s.put("/index.html", home_page(s, col))
    s.put("/robots.txt", ROBOTS)
    s.put(col, page)
    s.put("/module/web/jpage/jpage.js", JPAGE_JS)
    for it in items:
        s.put(it.path, hanweb_detail(s, it, col))
    form = {
        "col": "1",
        "appid": "1",
        "webid": str(c.webid),
        "path": "/",
        "columnid": str(c.columnid),
        "sourceContentType": "1",
        "unitid": str(c.unitid),
        "webname": s.gov,
        "permissiontype": "0",
    }
    s.data["column.json"] = {
        "columnid": c.columnid,
        "unitid": c.unitid,
        "webid": c.webid,
        "per_page": c.per_page,
        "group_size": c.group_size,
        "states_total": c.proxy_total,
        "record_style": c.record_style,
        "records": [
            {"url": it.href, "title": it.title, "date": ymd(it.pub)} for it in items
        ],
    }
    s.config = {"server_header": "Apache-Coyote/1.1", "last_modified": "2025-03-10T01:30:00Z"}
    proxy = "/module/web/jpage/dataproxy.jsp"
    pages = [f"GET {col}"]
    posts, gets = [], []
    for g in range(2, len(groups) + 1):
        a, b = (g - 1) * group + 1, g * group
        posts.append(f"POST {proxy}?startrecord={a}&endrecord={b}&perpage={c.per_page}")
    n_get = math.ceil(len(items) / c.per_page)
    for p in range(1, n_get + 1):
        gets.append(f"GET {nextgroup.replace('page=1&', f'page={p}&', 1)}")
    pages += posts
    after = len(groups) * group
    past_post = f"POST {proxy}?startrecord={after + 1}&endrecord={after + group}&perpage={c.per_page}"
    past_get = f"GET {nextgroup.replace('page=1&', f'page={n_get + 1}&', 1)}"
    if c.total_in_page:
        end, note = "stated total", (
            f"totalRecord: {len(items)} in the page's jpage options; the proxy answers carry no total"
        )
    elif c.proxy_total:
        end, note = "API total", (
            f"no total in the page; every proxy answer carries <totalrecord>{len(items)}</totalrecord>"
            f" and <totalpage>{n_get}</totalpage> (pages of perPage={c.per_page})"
        )
    else:
        end, note = "probed to an empty page", (
            f"no total anywhere; every group is full ({group} records), so the end is only seen "
            f"when the group after the last ({past_post}) comes back with an empty recordset"
        )
    exp = base_expected(s, col, items, end, note)
    exp["pages"] = pages
    exp["past_end"] = [past_post + "  -> empty recordset", past_get + "  -> empty recordset"]
    exp["proxy"] = {
        "url": proxy,
        "per_page": c.per_page,
        "group_size": c.group_size,
        "group": group,
        "groups": len(groups),
        "states_total": c.proxy_total,
        "form": form,
        "nextgroup": nextgroup,
        "get_pages": gets,
        "notes": (
            "POST ?startrecord=S&endrecord=E&perpage=P (1-based, inclusive) with the form = the "
            "records S..E.  GET (or POST) with page=N and no startrecord = the records of jpage "
            "page N, i.e. (N-1)*perpage+1 .. N*perpage, perpage from the query or else the "
            "column's perPage; page=1 repeats the start of the page's own datastore.  columnid and "
            "unitid are read from the form, else from the query; wrong ones give an empty datastore."
        ),
    }
    exp["reports"] = [report_entry(i) for i in items if i.is_report]
    exp["non_reports"] = [non_report_entry(i) for i in items if not i.is_report]
    s.expected = exp


def hanweb_detail(s: Site, it: Item, col: str) -> str:
    t = escape(it.title)
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{t}</title>
<meta name="ArticleTitle" content="{t}">
<meta name="PubDate" content="{ymd(it.pub)} 09:30">
<meta name="ContentSource" content="{escape(it.agency)}">
</head>
<body>
<div class="bt-position">您当前的位置：<a href="/">首页</a> &gt; <a href="{col}">政府信息公开年报</a></div>
<table class="xxgk_table"><tr><td>发布机构：</td><td>{escape(it.agency)}</td><td>发文日期：</td><td>{ymd(it.pub)}</td></tr></table>
<div class="title">{t}</div>
<div id="zoom"><!--ZJEG_RSS.content.begin--><p>{body_text(it)}</p><!--ZJEG_RSS.content.end--></div>
</body>
</html>
"""


# --------------------------------------------------------------------------- TRS


CREATE_PAGE_HTML = """<script type="text/javascript">
// TRS WCM 分页：_nPageCount 总页数，_nCurrIndex 当前页（从0开始），_sPageName 文件名，_sPageExt 扩展名
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
	if(_nPageCount == null || _nPageCount<=1){ return; }
	var nCurrIndex = _nCurrIndex || 0;
	if(nCurrIndex == 0){ document.write("<span>首页</span><span>上一页</span>"); }
	else{
		document.write("<a href=\\""+_sPageName+"."+_sPageExt+"\\">首页</a>");
		var p = nCurrIndex - 1;
		document.write("<a href=\\""+(p == 0 ? _sPageName+"."+_sPageExt : _sPageName+"_"+p+"."+_sPageExt)+"\\">上一页</a>");
	}
	for(var i=0; i<_nPageCount; i++){
		var f = i == 0 ? _sPageName+"."+_sPageExt : _sPageName+"_"+i+"."+_sPageExt;
		if(i == nCurrIndex) document.write("<span class=\\"current\\">"+(i+1)+"</span>");
		else document.write("<a href=\\""+f+"\\">"+(i+1)+"</a>");
	}
	if(nCurrIndex == _nPageCount-1){ document.write("<span>下一页</span><span>尾页</span>"); }
	else{
		document.write("<a href=\\""+_sPageName+"_"+(nCurrIndex+1)+"."+_sPageExt+"\\">下一页</a>");
		document.write("<a href=\\""+_sPageName+"_"+(_nPageCount-1)+"."+_sPageExt+"\\">尾页</a>");
	}
}
</script>"""


def build_trs(s: Site, per: int, with_pager: bool, col_dir: str) -> None:
    items = make_items(s)
    rng = random.Random(s.seed + 1)
    assign_ids(items, rng, 900_000 + rng.randrange(200_000), (211, 4100))
    other_cols = {"notice": "/zwgk/tzgg/", "guide": "/zfxxgk/zfxxgkzn/"}
    for it in items:
        stem = f"{it.pub:%Y%m}/t{it.pub:%Y%m%d}_{it.id}.html"
        if it.reason in other_cols:
            it.path = other_cols[it.reason] + stem
            it.href = posixpath.relpath(it.path, col_dir)
        else:
            it.path = col_dir + stem
            it.href = "./" + stem
    pages = paginate(items, per)
    n = len(pages)
    list_paths = [col_dir + ("index.html" if k == 0 else f"index_{k}.html") for k in range(n)]
    for k, chunk in enumerate(pages):
        lis = "\n".join(
            f'<li><a href="{i.href}" target="_blank" title="{escape(i.title)}">{escape(i.title)}</a><span>{ymd(i.pub)}</span></li>'
            for i in chunk
        )
        if with_pager:
            pager = f'<div class="page"><script>createPageHTML({n}, {k}, "index", "html");</script></div>'
            head_js = CREATE_PAGE_HTML
        else:
            pager = '<div class="page" id="page_div"></div>'
            head_js = ""
        html = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>政府信息公开年报_{s.gov}</title>
<meta name="SiteName" content="{s.gov}">
<meta name="SiteDomain" content="{s.domain}">
<meta name="SiteIDCode" content="{s.code}0001">
<meta name="ColumnName" content="政府信息公开年报">
{head_js}
</head>
<body>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zfxxgk/">政府信息公开</a> &gt; 政府信息公开年报</div>
<div class="list_right">
<div class="list_title">政府信息公开年报</div>
<div class="list_con">
<ul>
{lis}
</ul>
</div>
{pager}
</div>
{footer(s)}
</body>
</html>
"""
        s.put(list_paths[k], html)
    s.put("/index.html", home_page(s, list_paths[0]))
    s.put("/robots.txt", ROBOTS)
    for it in items:
        s.put(it.path, trs_detail(s, it))
    s.config = {"server_header": "nginx", "last_modified": "2025-03-12T02:00:00Z"}
    past = col_dir + f"index_{n}.html"
    if with_pager:
        end, note = "stated total", (
            f'every list page calls createPageHTML({n}, k, "index", "html") (the function is '
            f"inline in the page's <head>); {past} answers 404"
        )
    else:
        end, note = "probed to an empty page", (
            "no createPageHTML call and no <a> between list pages (the pager <div> is empty); "
            f"index_1.html … index_{n - 1}.html exist and {past} answers 404"
        )
    exp = base_expected(s, list_paths[0], items, end, note)
    exp["pages"] = [f"GET {p}" for p in list_paths]
    exp["past_end"] = [f"GET {past}  -> 404"]
    exp["per_page"] = per
    exp["reports"] = [report_entry(i) for i in items if i.is_report]
    exp["non_reports"] = [non_report_entry(i) for i in items if not i.is_report]
    s.expected = exp


def trs_detail(s: Site, it: Item) -> str:
    t = escape(it.title)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{t}_{s.gov}</title>
<meta name="ArticleTitle" content="{t}">
<meta name="PubDate" content="{ymd(it.pub)} 10:00">
<meta name="ContentSource" content="{escape(it.agency)}">
</head>
<body>
<div class="location">当前位置：<a href="/">首页</a> &gt; 政府信息公开 &gt; 政府信息公开年报</div>
<table class="xxgk_table"><tr><th>发布机构</th><td>{escape(it.agency)}</td><th>发布日期</th><td>{ymd(it.pub)}</td></tr><tr><th>名称</th><td colspan="3">{t}</td></tr></table>
<h1 class="article_title">{t}</h1>
<div class="TRS_Editor"><p>{body_text(it)}</p></div>
</body>
</html>
"""


# --------------------------------------------------------------------------- gkmlpt


GKMLPT_LIST_JS = """/* gkmlpt list app (abridged build).  Reads window._CONFIG and renders the category list
   from the JSON API: GET /gkmlpt/api/all/{CATEGORY_ID}?page={n}&sid={SID}.  The pager uses
   "total" when the answer has one; without it, it offers 下一页 while a page comes back full. */
(function(){
  var cfg = window._CONFIG || {}, app = document.getElementById('app'), size = cfg.PAGE_SIZE || 20;
  function load(page){
    var xhr = new XMLHttpRequest();
    xhr.open('GET', '/gkmlpt/api/all/' + cfg.CATEGORY_ID + '?page=' + page + '&sid=' + cfg.SID);
    xhr.onload = function(){
      var data = JSON.parse(xhr.responseText), html = '<ul class="gkml-list">';
      for (var i = 0; i < data.articles.length; i++) {
        var a = data.articles[i];
        html += '<li><a target="_blank" href="' + a.url + '">' + a.title + '</a></li>';
      }
      var more = data.total != null ? page * size < data.total : data.articles.length == size;
      app.innerHTML = html + '</ul>' + (more ? '<a class="next" data-page="' + (page + 1) + '">下一页</a>' : '');
    };
    xhr.send();
  }
  load(1);
})();
"""


def build_gkmlpt(s: Site, sid: str, cat: int, per: int, states_total: bool, col_dir: str) -> None:
    items = make_items(s)
    rng = random.Random(s.seed + 1)
    assign_ids(items, rng, 4_600_000 + rng.randrange(900_000), (523, 21_000))
    for it in items:
        it.path = f"/gkmlpt/content/{it.id // 1_000_000}/{it.id // 1000}/post_{it.id}.html"
        it.href = "http://127.0.0.1:PORT" + it.path
    pages = paginate(items, per)
    home = col_dir + "index.html"
    shell = f"""<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width,initial-scale=1,user-scalable=no">
<meta name="SiteName" content="{s.gov}门户网站">
<meta name="SiteDomain" content="{s.domain}">
<meta name="ColumnName" content="政府信息公开年报">
<title>政府信息公开年报-{s.gov}门户网站</title>
<script>window._CONFIG = {{ SID: '{sid}', CATEGORY_ID: '{cat}', PAGE_SIZE: {per} }};</script>
</head>
<body>
<div class="gkmlpt-wrap">
<div class="breadcrumb"><a href="/">首页</a> &gt; <span>政府信息公开</span> &gt; <span>政府信息公开年报</span></div>
<div id="app"><noscript>请开启浏览器的JavaScript功能后浏览本栏目。</noscript></div>
</div>
<script src="/gkmlpt/dist/js/list.js"></script>
</body>
</html>
"""
    s.put("/index.html", home_page(s, home))
    s.put("/robots.txt", ROBOTS)
    s.put(home, shell)
    s.put("/gkmlpt/dist/js/list.js", GKMLPT_LIST_JS)
    for it in items:
        s.put(it.path, gkmlpt_detail(s, it, home))
    code = s.code
    arts = []
    for it in items:
        ts = int((date(it.pub.year, it.pub.month, it.pub.day) - date(1970, 1, 1)).total_seconds()) + 2 * 3600
        arts.append(
            {
                "id": it.id,
                "title": it.title,
                "identifier": f"{code}00/{it.pub.year}-{it.id % 100000:05d}",
                "publisher": it.agency,
                "publish_time": ts,
                "display_publish_time": ts,
                "created_at": f"{ymd(it.pub)} 10:00:00",
                "classify_main_name": "政府信息公开年报",
                "path": it.path,
            }
        )
    s.data["articles.json"] = {
        "sid": sid,
        "category_id": cat,
        "per_page": per,
        "states_total": states_total,
        "articles": arts,
    }
    s.config = {"server_header": "nginx", "last_modified": "2025-03-06T03:00:00Z"}
    api = f"/gkmlpt/api/all/{cat}"
    n = len(pages)
    if states_total:
        end, note = "API total", (
            f'no total in the page; every API answer carries "total": {len(items)} '
            f"({per} articles a page, {n} pages)"
        )
    else:
        end, note = "probed to an empty page", (
            f"no total anywhere: answers are only {{\"articles\": [...]}}; every page is full "
            f"({per} articles), and page {n + 1} answers {{\"articles\": []}}"
        )
    exp = base_expected(s, home, items, end, note)
    exp["sid"] = sid
    exp["category_id"] = cat
    exp["api"] = f"{api}?page=N&sid={sid}"
    exp["per_page"] = per
    exp["pages"] = [f"GET {home}"] + [f"GET {api}?page={p}&sid={sid}" for p in range(1, n + 1)]
    exp["past_end"] = [
        f"GET {api}?page={n + 1}&sid={sid}  -> "
        + ('{"articles": [], ..., "total": %d}' % len(items) if states_total else '{"articles": []}')
    ]
    exp["reports"] = [report_entry(i, linked_as="http://127.0.0.1:PORT" + i.path) for i in items if i.is_report]
    exp["non_reports"] = [non_report_entry(i) for i in items if not i.is_report]
    s.expected = exp


def gkmlpt_detail(s: Site, it: Item, home: str) -> str:
    t = escape(it.title)
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<title>{t}</title>
<meta name="ArticleTitle" content="{t}">
<meta name="PubDate" content="{ymd(it.pub)} 10:00">
<meta name="ContentSource" content="{escape(it.agency)}">
</head>
<body>
<div class="breadcrumb"><a href="/">首页</a> &gt; <a href="{home}">政府信息公开年报</a></div>
<div class="classify"><table><tr><td>发布机构：</td><td>{escape(it.agency)}</td><td>成文日期：</td><td>{ymd(it.pub)}</td></tr><tr><td>名称：</td><td colspan="3">{t}</td></tr></table></div>
<div class="content"><h1 class="title">{t}</h1><div class="article-content"><p>{body_text(it)}</p></div></div>
</body>
</html>
"""


# --------------------------------------------------------------------------- static


def static_detail(s: Site, it: Item, back: str) -> str:
    t = escape(it.title)
    return f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{t} - {s.gov}</title>
</head>
<body>
<div>当前位置：<a href="/index.html">首页</a> &gt; <a href="{back}">政府信息公开年报</a></div>
<h2 align="center">{t}</h2>
<p align="center">发布机构：{escape(it.agency)}　发布时间：{ymd(it.pub)}</p>
<div class="content"><p>{body_text(it)}</p></div>
</body>
</html>
"""


def static_shell(s: Site, rows: str, pager: str) -> str:
    return f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>政府信息公开年报 - {s.gov}</title>
</head>
<body topmargin="0">
<table width="990" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td height="30">当前位置：<a href="/index.html">首页</a> &gt; 政府信息公开 &gt; 政府信息公开年报</td></tr>
<tr><td valign="top">
<table width="100%" border="0" cellpadding="0" cellspacing="0" class="list">
{rows}
</table>
{pager}
</td></tr>
<tr><td height="60" align="center">版权所有：{s.gov}办公室　网站标识码：{s.code}0001　<a href="https://beian.miit.gov.cn/" target="_blank">{s.icp}</a></td></tr>
</table>
</body>
</html>
"""


def static_rows(chunk: list[Item]) -> str:
    return "\n".join(
        f'<tr><td height="28">·<a href="{i.href}" target="_blank" title="{escape(i.title)}">{escape(i.title)}</a></td><td width="90">{ymd(i.pub)}</td></tr>'
        for i in chunk
    )


def build_static_js_option(s: Site, per: int, col_dir: str) -> None:
    items = make_items(s)
    rng = random.Random(s.seed + 1)
    assign_ids(items, rng, 1200 + rng.randrange(600), (3, 40))
    for it in items:
        it.path = f"{col_dir}{it.pub:%Y%m}/{it.id}.html"
        it.href = f"./{it.pub:%Y%m}/{it.id}.html"
    pages = paginate(items, per)
    n = len(pages)
    list_paths = [col_dir + ("list.html" if k == 1 else f"list_{k}.html") for k in range(1, n + 1)]
    for k, chunk in enumerate(pages, 1):
        pager = f"""<div class="pagebar" id="pagebar"></div>
<script type="text/javascript">
var pageCount = {n};   // 总页数
var currentPage = {k}; // 当前页
var pageUrl = "list_{{page}}.html";
(function(){{
  function u(p){{ return p == 1 ? "list.html" : pageUrl.replace("{{page}}", p); }}
  var h = [];
  h.push(currentPage > 1 ? '<a href="' + u(1) + '">首页</a>' : '<span>首页</span>');
  h.push(currentPage > 1 ? '<a href="' + u(currentPage - 1) + '">上一页</a>' : '<span>上一页</span>');
  for (var p = 1; p <= pageCount; p++) h.push(p == currentPage ? '<b>' + p + '</b>' : '<a href="' + u(p) + '">' + p + '</a>');
  h.push(currentPage < pageCount ? '<a href="' + u(currentPage + 1) + '">下一页</a>' : '<span>下一页</span>');
  h.push(currentPage < pageCount ? '<a href="' + u(pageCount) + '">尾页</a>' : '<span>尾页</span>');
  document.getElementById("pagebar").innerHTML = h.join(" ");
}})();
</script>"""
        s.put(list_paths[k - 1], static_shell(s, static_rows(chunk), pager))
    s.put("/index.html", home_page(s, list_paths[0]))
    s.put("/robots.txt", ROBOTS)
    for it in items:
        s.put(it.path, static_detail(s, it, list_paths[0]))
    s.config = {"server_header": "Microsoft-IIS/8.5", "last_modified": "2025-02-20T06:00:00Z"}
    past = col_dir + f"list_{n + 1}.html"
    exp = base_expected(
        s,
        list_paths[0],
        items,
        "stated total",
        f'each list page has `var pageCount = {n};` and `var pageUrl = "list_{{page}}.html";` '
        f"(page 1 is list.html) and draws the pager by script; the HTML has no <a> to another "
        f"list page; {past} answers 404",
    )
    exp["pages"] = [f"GET {p}" for p in list_paths]
    exp["past_end"] = [f"GET {past}  -> 404"]
    exp["per_page"] = per
    exp["reports"] = [report_entry(i) for i in items if i.is_report]
    exp["non_reports"] = [non_report_entry(i) for i in items if not i.is_report]
    s.expected = exp


def build_static_next_only(s: Site, per: int, col_dir: str) -> None:
    items = make_items(s)
    rng = random.Random(s.seed + 1)
    assign_ids(items, rng, 5000 + rng.randrange(3000), (5, 60))
    for it in items:
        it.path = f"/html/{it.pub:%Y}/{it.pub:%m%d}/{it.id}.html"
        it.href = it.path
    pages = paginate(items, per)
    n = len(pages)
    lst = col_dir + "list.php"
    s.put("/index.html", home_page(s, lst))
    s.put("/robots.txt", ROBOTS)
    for it in items:
        s.put(it.path, static_detail(s, it, lst))
    chrome = static_shell(s, "{{ROWS}}", "{{PAGER}}")
    s.data["list.json"] = {
        "per_page": per,
        "template": chrome,
        "records": [{"url": i.href, "title": i.title, "date": ymd(i.pub)} for i in items],
    }
    s.config = {"server_header": "nginx/1.18.0", "last_modified": "2025-02-25T06:00:00Z"}
    exp = base_expected(
        s,
        lst,
        items,
        "followed 下一页 to the last page",
        f"list.php?page=N ({per} a page) is served by handlers.py.  A page links only 上一页 / "
        f"下一页 (no page numbers, no total); page {n} has 下一页 as plain text.  "
        f"?page={n + 1} and beyond list nothing",
    )
    exp["pages"] = [f"GET {lst}"] + [f"GET {lst}?page={p}" for p in range(2, n + 1)]
    exp["past_end"] = [f"GET {lst}?page={n + 1}  -> 200, no items, no 下一页"]
    exp["per_page"] = per
    exp["reports"] = [report_entry(i) for i in items if i.is_report]
    exp["non_reports"] = [non_report_entry(i) for i in items if not i.is_report]
    s.expected = exp


# --------------------------------------------------------------------------- the portals


def portals() -> list[Site]:
    out = []

    s = Site(
        "hanweb_api_total", "hanweb", "Hanweb (大汉) jcms", "如皋市人民政府", "如皋市",
        "江苏省南通市如皋市", "320682", "www.rugao.gov.cn", "苏ICP备05011822号-1",
        ["如城街道", "城北街道", "城南街道", "东陈镇", "丁堰镇", "白蒲镇", "下原镇", "九华镇",
         "石庄镇", "长江镇", "吴窑镇", "江安镇", "搬经镇", "磨头镇"],
        ["如皋市发展和改革委员会", "如皋市教育体育局", "如皋市科学技术局", "如皋市工业和信息化局",
         "如皋市公安局", "如皋市民政局", "如皋市司法局", "如皋市财政局", "如皋市人力资源和社会保障局",
         "如皋市自然资源和规划局", "如皋市住房和城乡建设局", "如皋市交通运输局", "如皋市水务局",
         "如皋市农业农村局", "如皋市商务局", "如皋市文化广电和旅游局", "如皋市卫生健康委员会",
         "如皋市退役军人事务局", "如皋市应急管理局", "如皋市审计局", "如皋市市场监督管理局",
         "如皋市统计局", "如皋市医疗保障局", "如皋市城市管理局", "南通市如皋生态环境局"],
        n_items=77, n_non=8, seed=101,
    )
    build_hanweb(s, HanwebConf(webid=31, columnid=33482, unitid=167452, per_page=10, group_size=3,
                               total_in_page=False, proxy_total=True, record_style="li"))
    out.append(s)

    s = Site(
        "hanweb_probe", "hanweb", "Hanweb (大汉) jcms", "德清县人民政府", "德清县",
        "浙江省湖州市德清县", "330521", "www.deqing.gov.cn", "浙ICP备05017632号",
        ["武康街道", "舞阳街道", "阜溪街道", "下渚湖街道", "乾元镇", "新市镇", "洛舍镇", "钟管镇",
         "禹越镇", "新安镇", "雷甸镇", "莫干山镇"],
        ["德清县发展和改革局", "德清县经济和信息化局", "德清县教育局", "德清县科学技术局",
         "德清县公安局", "德清县民政局", "德清县司法局", "德清县财政局", "德清县人力资源和社会保障局",
         "湖州市自然资源和规划局德清分局", "湖州市生态环境局德清分局", "德清县住房和城乡建设局",
         "德清县交通运输局", "德清县水利局", "德清县农业农村局", "德清县商务局",
         "德清县文化和广电旅游体育局", "德清县卫生健康局", "德清县退役军人事务局", "德清县应急管理局",
         "德清县审计局", "德清县市场监督管理局", "德清县统计局", "德清县医疗保障局",
         "德清县综合行政执法局"],
        n_items=96, n_non=9, seed=202,
    )
    build_hanweb(s, HanwebConf(webid=2814, columnid=1229212375, unitid=6012347, per_page=8, group_size=3,
                               total_in_page=False, proxy_total=False, record_style="li_b"))
    out.append(s)

    s = Site(
        "hanweb_js_total", "hanweb", "Hanweb (大汉) jcms", "沭阳县人民政府", "沭阳县",
        "江苏省宿迁市沭阳县", "321322", "www.shuyang.gov.cn", "苏ICP备05003917号",
        ["沭城街道", "南关街道", "章集街道", "梦溪街道", "七雄街道", "十字街道", "庙头镇", "韩山镇",
         "胡集镇", "龙庙镇", "钱集镇", "塘沟镇", "贤官镇", "高墟镇", "马厂镇", "扎下镇", "新河镇",
         "颜集镇", "桑墟镇", "悦来镇", "陇集镇", "吴集镇", "耿圩镇", "华冲镇", "周集乡", "张圩乡"],
        ["沭阳县发展和改革局", "沭阳县教育局", "沭阳县公安局", "沭阳县民政局", "沭阳县财政局",
         "沭阳县人力资源和社会保障局", "沭阳县住房和城乡建设局", "沭阳县交通运输局", "沭阳县水利局",
         "沭阳县农业农村局", "沭阳县商务局", "沭阳县卫生健康委员会", "沭阳县应急管理局",
         "沭阳县审计局", "沭阳县市场监督管理局", "沭阳县医疗保障局"],
        n_items=74, n_non=7, seed=303,
    )
    build_hanweb(s, HanwebConf(webid=42, columnid=79215, unitid=301553, per_page=10, group_size=3,
                               total_in_page=True, proxy_total=False, record_style="li"))
    out.append(s)

    s = Site(
        "trs_no_pager", "trs", "TRS WCM", "浏阳市人民政府", "浏阳市",
        "湖南省长沙市浏阳市", "430181", "www.liuyang.gov.cn", "湘ICP备05010288号",
        ["淮川街道", "集里街道", "荷花街道", "关口街道", "永安镇", "北盛镇", "洞阳镇", "沙市镇",
         "淳口镇", "高坪镇", "社港镇", "大围山镇", "达浒镇", "古港镇", "官渡镇", "张坊镇", "小河乡",
         "枨冲镇", "镇头镇", "柏加镇", "澄潭江镇", "龙伏镇", "中和镇", "文家市镇", "大瑶镇",
         "金刚镇", "永和镇"],
        ["浏阳市发展和改革局", "浏阳市教育局", "浏阳市公安局", "浏阳市民政局", "浏阳市财政局",
         "浏阳市人力资源和社会保障局", "浏阳市自然资源局", "长沙市生态环境局浏阳分局",
         "浏阳市住房和城乡建设局", "浏阳市交通运输局", "浏阳市水利局", "浏阳市农业农村局",
         "浏阳市商务局", "浏阳市文化旅游广电体育局", "浏阳市卫生健康局", "浏阳市应急管理局",
         "浏阳市审计局", "浏阳市市场监督管理局"],
        n_items=87, n_non=9, seed=404,
    )
    build_trs(s, per=18, with_pager=False, col_dir="/zfxxgk/zfxxgknb/")
    out.append(s)

    s = Site(
        "trs_js_pager", "trs", "TRS WCM", "当阳市人民政府", "当阳市",
        "湖北省宜昌市当阳市", "420582", "www.dangyang.gov.cn", "鄂ICP备05003345号",
        ["玉阳街道", "坝陵街道", "玉泉街道", "两河镇", "河溶镇", "淯溪镇", "庙前镇", "王店镇",
         "半月镇", "草埠湖镇"],
        ["当阳市发展和改革局", "当阳市教育局", "当阳市科学技术和经济信息化局", "当阳市公安局",
         "当阳市民政局", "当阳市司法局", "当阳市财政局", "当阳市人力资源和社会保障局",
         "当阳市自然资源和规划局", "当阳市住房和城乡建设局", "当阳市交通运输局", "当阳市水利和湖泊局",
         "当阳市农业农村局", "当阳市商务局", "当阳市文化和旅游局", "当阳市卫生健康局",
         "当阳市退役军人事务局", "当阳市应急管理局", "当阳市审计局", "当阳市市场监督管理局",
         "当阳市统计局", "当阳市医疗保障局", "当阳市城市管理执法局", "当阳市林业局"],
        n_items=84, n_non=8, seed=505,
    )
    build_trs(s, per=15, with_pager=True, col_dir="/zwgk/zfxxgknb/")
    out.append(s)

    s = Site(
        "gkmlpt_api_total", "gkmlpt", "Guangdong gkmlpt (政府信息公开目录管理平台)",
        "佛山市南海区人民政府", "佛山市南海区", "广东省佛山市南海区", "440605", "www.nanhai.gov.cn",
        "粤ICP备05092343号",
        ["桂城街道", "九江镇", "西樵镇", "丹灶镇", "狮山镇", "大沥镇", "里水镇"],
        ["佛山市南海区发展和改革局", "佛山市南海区教育局", "佛山市南海区科学技术局",
         "佛山市南海区经济促进局", "佛山市公安局南海分局", "佛山市南海区民政局", "佛山市南海区司法局",
         "佛山市南海区财政局", "佛山市南海区人力资源和社会保障局", "佛山市自然资源局南海分局",
         "佛山市生态环境局南海分局", "佛山市南海区住房城乡建设和水利局", "佛山市南海区交通运输局",
         "佛山市南海区农业农村局", "佛山市南海区文化广电旅游体育局", "佛山市南海区卫生健康局",
         "佛山市南海区退役军人事务局", "佛山市南海区应急管理局", "佛山市南海区审计局",
         "佛山市南海区市场监督管理局", "佛山市南海区统计局", "佛山市南海区医疗保障局",
         "佛山市南海区城市管理和综合执法局", "佛山市南海区政务服务数据管理局"],
        n_items=86, n_non=8, seed=606,
    )
    build_gkmlpt(s, sid="757007", cat=3011, per=20, states_total=True, col_dir="/zwgk/zfxxgkndbg/")
    out.append(s)

    s = Site(
        "gkmlpt_probe", "gkmlpt", "Guangdong gkmlpt (政府信息公开目录管理平台)",
        "兴宁市人民政府", "兴宁市", "广东省梅州市兴宁市", "441481", "www.xingning.gov.cn",
        "粤ICP备05081426号",
        ["兴田街道", "福兴街道", "宁新街道", "黄槐镇", "黄陂镇", "石马镇", "罗浮镇", "叶塘镇",
         "永和镇", "大坪镇", "坭陂镇", "水口镇", "新圩镇", "刁坊镇", "龙田镇", "罗岗镇", "合水镇",
         "径南镇", "新陂镇"],
        ["兴宁市发展和改革局", "兴宁市教育局", "兴宁市科学技术局", "兴宁市工业和信息化局",
         "兴宁市公安局", "兴宁市民政局", "兴宁市司法局", "兴宁市财政局", "兴宁市人力资源和社会保障局",
         "兴宁市自然资源局", "梅州市生态环境局兴宁分局", "兴宁市住房和城乡建设局", "兴宁市交通运输局",
         "兴宁市水务局", "兴宁市农业农村局", "兴宁市卫生健康局", "兴宁市应急管理局",
         "兴宁市市场监督管理局"],
        n_items=80, n_non=7, seed=707,
    )
    build_gkmlpt(s, sid="753128", cat=4270, per=20, states_total=False, col_dir="/xxgk/zfxxgknb/")
    out.append(s)

    s = Site(
        "static_js_option", "static", "plain static site", "五台县人民政府", "五台县",
        "山西省忻州市五台县", "140922", "www.wutai.gov.cn", "晋ICP备05002637号",
        ["台城镇", "台怀镇", "耿镇镇", "豆村镇", "白家庄镇", "东冶镇", "沟南乡", "茹村乡",
         "陈家庄乡", "阳白乡", "蒋坊乡", "高洪口乡", "石咀乡", "金岗库乡", "门限石乡"],
        ["五台县发展和改革局", "五台县教育科技局", "五台县公安局", "五台县民政局", "五台县财政局",
         "五台县人力资源和社会保障局", "五台县自然资源局", "五台县住房和城乡建设管理局",
         "五台县交通运输局", "五台县水利局", "五台县农业农村局", "五台县文化和旅游局",
         "五台县卫生健康和体育局", "五台县应急管理局", "五台县市场监督管理局"],
        n_items=55, n_non=6, seed=808,
    )
    build_static_js_option(s, per=12, col_dir="/xxgk/zfxxgknb/")
    out.append(s)

    s = Site(
        "static_next_only", "static", "plain PHP site", "宾川县人民政府", "宾川县",
        "云南省大理白族自治州宾川县", "532924", "www.binchuan.gov.cn", "滇ICP备05004419号",
        ["金牛镇", "宾居镇", "州城镇", "大营镇", "乔甸镇", "力角镇", "平川镇", "鸡足山镇", "拉乌乡",
         "钟英傈僳族彝族乡"],
        ["宾川县发展和改革局", "宾川县教育体育局", "宾川县公安局", "宾川县民政局", "宾川县财政局",
         "宾川县人力资源和社会保障局", "宾川县自然资源局", "宾川县住房和城乡建设局",
         "宾川县交通运输局", "宾川县水务局", "宾川县农业农村局", "宾川县卫生健康局",
         "宾川县应急管理局", "宾川县市场监督管理局"],
        n_items=48, n_non=6, seed=909,
    )
    build_static_next_only(s, per=10, col_dir="/xxgk/ndbg/")
    out.append(s)
    return out


def main() -> None:
    for s in portals():
        s.write()
        c = s.expected["counts"]
        print(f"{s.name:18} {c['items']:3} items  {c['reports']:3} reports  {c['pages']} pages")


if __name__ == "__main__":
    main()
