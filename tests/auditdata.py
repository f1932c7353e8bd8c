"""Hand-made reports for the audit tests (issue 18): six county reports of 河南省南阳市 whose
every number is written below, archived as a crawl would, extracted, assembled and indexed.

| report | what it is made to show (truths hand-counted in the tests) |
|---|---|
| 西峡县人民政府 2022, 2023 | 2023 breaks the carry-over (上年结转 自然人 2 and 总计 4, last year's 结转下年度 3 and 5) and 现行有效 (行政规范性文件 40 + 5 − 2 = 43, printed 45); 2023's text is rewritten |
| 镇平县人民政府 2022, 2023 | 2023's text is 2022's with this year's numbers typed in (a copy); its identities hold |
| 淅川县人民政府 2023 | the text says 新收申请85件, table 三 says 58; section 五 is "无。" |
| 社旗县人民政府 2023 | every cell 0: every rate has a zero denominator (null) |

The 2023 county reports of 南阳市 are 4, fewer than MIN_PEERS (5): no percentile, and said so.
"""

from __future__ import annotations

import os
from pathlib import Path

from ogi.archive import Archive
from ogi.settings import Settings

BASE = "http://www.nanyang.example/"
COLS = 7
REQUEST_LABELS = [
    ("new_received", "一、本年新收政府信息公开申请数量", ""),
    ("carried_over", "二、上年结转政府信息公开申请数量", ""),
    ("granted", "三、本年度办理结果", "（一）予以公开"),
    ("partially_granted", "", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied_state_secret", "", "（三）不予公开 1.属于国家秘密"),
    ("denied_prohibited_by_law", "", "2.其他法律行政法规禁止公开"),
    ("denied_security_stability", "", "3.危及“三安全一稳定”"),
    ("denied_third_party", "", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "", "5.属于三类内部事务信息"),
    ("denied_process_info", "", "6.属于四类过程性信息"),
    ("denied_enforcement_files", "", "7.属于行政执法案卷"),
    ("denied_admin_query", "", "8.属于行政查询事项"),
    ("unable_not_held", "", "（四）无法提供 1.本机关不掌握相关政府信息"),
    ("unable_needs_creation", "", "2.没有现成信息需要另行制作"),
    ("unable_unclear", "", "3.补正后申请内容仍不明确"),
    ("rejected_petition", "", "（五）不予处理 1.信访举报投诉类申请"),
    ("rejected_repeat", "", "2.重复申请"),
    ("rejected_publication", "", "3.要求提供公开出版物"),
    ("rejected_excessive", "", "4.无正当理由大量反复申请"),
    ("rejected_confirmation", "", "5.要求行政机关确认或重新出具已获取信息"),
    ("other_no_correction", "", "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_unpaid_fee", "", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_other", "", "3.其他"),
    ("results_total", "", "（七）总计"),
    ("carried_forward", "四、结转下年度继续办理", ""),
]

XIXIA_2022_TEXT = {
    1: "2022年，西峡县人民政府围绕猕猴桃产业发展和伏牛山生态保护，公开产业扶持资金分配、生态补偿标准等信息。"
       "全年收到政府信息公开申请13件，上年结转1件，结转下年度继续办理5件。",
    5: "一是部分乡镇公开栏更新不及时，群众查阅不便；二是依申请公开答复文书格式不够统一。下一步将开展乡镇公开栏专项检查，"
       "制定答复文书范本。",
    6: "本年度未收取信息处理费。",
}
XIXIA_2023_TEXT = {
    1: "过去一年，县政府把政务公开嵌入营商环境改造全过程：企业开办、工程审批、不动产登记三条链条的办事指南逐项重写，"
       "并在县融媒体中心开设“公开直通车”栏目，每周解读一项新政策。本年新收政府信息公开申请23件。",
    5: "对照省里的考核细则，我们发现基层站所的公开目录仍有空项，解读材料多为文字转载。今年计划组织两轮交叉互查，"
       "并把短视频解读纳入部门考核。",
    6: "本年度未收取信息处理费。",
}
ZHENPING_TEXT = {  # the same words both years; {y} the year, {n} the number of new requests
    1: "{y}年，镇平县人民政府认真落实政务公开各项要求，聚焦玉雕产业、乡村振兴和民生实事，及时公开重大项目建设、"
       "财政资金使用和社会救助等信息，全年共收到政府信息公开申请{n}件，均在法定期限内予以答复。县政府办公室"
       "牵头建立公开属性源头认定、保密审查和解读同步三项制度，确保信息发布规范有序。",
    5: "一是部分部门对政务公开工作重视不够，信息更新不及时；二是政策解读形式单一，图解和视频解读数量偏少。"
       "下一步，我县将加强督促检查，丰富解读形式，切实提升政务公开质量。",
    6: "本年度未收取信息处理费。",
}
XICHUAN_TEXT = {
    1: "2023年，淅川县人民政府围绕南水北调中线工程水源地保护，公开库区移民后扶、水质监测等信息。"
       "本机关新收政府信息公开申请85件，已全部办结。",
    5: "无。",
    6: "本年度未收取信息处理费。",
}
SHEQI_TEXT = {
    1: "2023年，社旗县人民政府持续推进基层政务公开标准化规范化建设，全年未收到政府信息公开申请。",
    5: "一是基层政务公开专区利用率不高；二是公开内容的针对性还需增强。下一步将优化专区服务，围绕群众关切精准发布。",
    6: "本年度未收取信息处理费。",
}


def zeros() -> dict[str, tuple[float, ...]]:
    return {key: (0,) * COLS for key, _, _ in REQUEST_LABELS}


def requests(**rows: tuple[float, ...]) -> dict[str, tuple[float, ...]]:
    table = zeros()
    table.update(rows)
    return table


REPORTS: list[dict] = [
    {"name": "xixia_2022", "agency": "西峡县人民政府", "year": 2022, "text": XIXIA_2022_TEXT,
     "proactive": {"rules": (0, 0, 0), "normative_documents": (3, 1, 40), "licensing": 100, "penalty": 20,
                   "coercion": 2, "fees": 10.5},
     "requests": requests(new_received=(10, 2, 0, 0, 1, 0, 13), carried_over=(1, 0, 0, 0, 0, 0, 1),
                          granted=(5, 1, 0, 0, 0, 0, 6), partially_granted=(2, 0, 0, 0, 0, 0, 2),
                          unable_not_held=(1, 0, 0, 0, 0, 0, 1), results_total=(8, 1, 0, 0, 0, 0, 9),
                          carried_forward=(3, 1, 0, 0, 1, 0, 5)),
     "appeals": (1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)},
    {"name": "xixia_2023", "agency": "西峡县人民政府", "year": 2023, "text": XIXIA_2023_TEXT,
     "proactive": {"rules": (0, 0, 0), "normative_documents": (5, 2, 45), "licensing": 120, "penalty": 18,
                   "coercion": 1, "fees": 11.0},
     "requests": requests(new_received=(20, 3, 0, 0, 0, 0, 23), carried_over=(2, 1, 0, 0, 1, 0, 4),
                          granted=(12, 2, 0, 0, 1, 0, 15), partially_granted=(3, 0, 0, 0, 0, 0, 3),
                          denied_third_party=(1, 0, 0, 0, 0, 0, 1), unable_not_held=(2, 1, 0, 0, 0, 0, 3),
                          results_total=(18, 3, 0, 0, 1, 0, 22), carried_forward=(4, 1, 0, 0, 0, 0, 5)),
     "appeals": (2, 1, 0, 0, 3, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0)},
    {"name": "zhenping_2022", "agency": "镇平县人民政府", "year": 2022, "text": ZHENPING_TEXT, "n": 5,
     "proactive": {"rules": (0, 0, 0), "normative_documents": (1, 0, 10), "licensing": 80, "penalty": 9,
                   "coercion": 0, "fees": 3.2},
     "requests": requests(new_received=(5, 0, 0, 0, 0, 0, 5), granted=(4, 0, 0, 0, 0, 0, 4),
                          rejected_repeat=(1, 0, 0, 0, 0, 0, 1), results_total=(5, 0, 0, 0, 0, 0, 5)),
     "appeals": (0,) * 15},
    {"name": "zhenping_2023", "agency": "镇平县人民政府", "year": 2023, "text": ZHENPING_TEXT, "n": 6,
     "proactive": {"rules": (0, 0, 0), "normative_documents": (2, 1, 11), "licensing": 85, "penalty": 7,
                   "coercion": 0, "fees": 3.4},
     "requests": requests(new_received=(6, 0, 0, 0, 0, 0, 6), granted=(5, 0, 0, 0, 0, 0, 5),
                          partially_granted=(1, 0, 0, 0, 0, 0, 1), results_total=(6, 0, 0, 0, 0, 0, 6)),
     "appeals": (0,) * 15},
    {"name": "xichuan_2023", "agency": "淅川县人民政府", "year": 2023, "text": XICHUAN_TEXT,
     "proactive": {"rules": (0, 0, 0), "normative_documents": (4, 0, 30), "licensing": 60, "penalty": 12,
                   "coercion": 3, "fees": 5.0},
     "requests": requests(new_received=(50, 8, 0, 0, 0, 0, 58), granted=(40, 6, 0, 0, 0, 0, 46),
                          partially_granted=(10, 2, 0, 0, 0, 0, 12), results_total=(50, 8, 0, 0, 0, 0, 58)),
     "appeals": (0,) * 15},
    {"name": "sheqi_2023", "agency": "社旗县人民政府", "year": 2023, "text": SHEQI_TEXT,
     "proactive": {"rules": (0, 0, 0), "normative_documents": (0, 0, 0), "licensing": 0, "penalty": 0,
                   "coercion": 0, "fees": 0},
     "requests": zeros(), "appeals": (0,) * 15},
]


def _td(x: object) -> str:
    return f"<td>{x}</td>"


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def page(report: dict) -> str:
    agency, year = report["agency"], report["year"]
    title = f"{agency}{year}年政府信息公开工作年度报告"
    text = {k: v.format(y=year, n=report.get("n", "")) for k, v in report["text"].items()}
    p = report["proactive"]
    t2 = ["<tr><td colspan=4>第二十条第（一）项</td></tr>",
          "<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>",
          "<tr>" + _td("规章") + "".join(_td(_num(x)) for x in p["rules"]) + "</tr>",
          "<tr>" + _td("行政规范性文件") + "".join(_td(_num(x)) for x in p["normative_documents"]) + "</tr>",
          "<tr><td colspan=4>第二十条第（五）项</td></tr>",
          "<tr><td>信息内容</td><td colspan=3>本年处理决定数量</td></tr>",
          f"<tr><td>行政许可</td><td colspan=3>{_num(p['licensing'])}</td></tr>",
          "<tr><td colspan=4>第二十条第（六）项</td></tr>",
          "<tr><td>信息内容</td><td colspan=3>本年处理决定数量</td></tr>",
          f"<tr><td>行政处罚</td><td colspan=3>{_num(p['penalty'])}</td></tr>",
          f"<tr><td>行政强制</td><td colspan=3>{_num(p['coercion'])}</td></tr>",
          "<tr><td colspan=4>第二十条第（八）项</td></tr>",
          "<tr><td>信息内容</td><td colspan=3>本年收费金额（单位：万元）</td></tr>",
          f"<tr><td>行政事业性收费</td><td colspan=3>{_num(p['fees'])}</td></tr>"]
    t3 = ["<tr><td>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td></td><td>申请人情况</td>"
          + "<td></td>" * 6 + "</tr>",
          "<tr><td></td><td></td><td>自然人</td><td>法人或其他组织</td>" + "<td></td>" * 4 + "<td>总计</td></tr>",
          "<tr><td></td><td></td><td></td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td>"
          "<td>其他</td><td></td></tr>"]
    for key, first, second in REQUEST_LABELS:
        t3.append("<tr>" + _td(first) + _td(second) + "".join(_td(_num(x)) for x in report["requests"][key]) + "</tr>")
    head = "<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>"
    t4 = ["<tr><td>行政复议</td>" + "<td></td>" * 4 + "<td>行政诉讼</td>" + "<td></td>" * 9 + "</tr>",
          "<tr>" + head + "<td>未经复议直接起诉</td>" + "<td></td>" * 4 + "<td>复议后起诉</td>" + "<td></td>" * 4 + "</tr>",
          "<tr>" + "<td></td>" * 5 + head + head + "</tr>",
          "<tr>" + "".join(_td(_num(x)) for x in report["appeals"]) + "</tr>"]

    def table(rows: list[str]) -> str:
        return '<table border="1">' + "\n".join(rows) + "</table>"

    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>
<meta name="ArticleTitle" content="{title}"><meta name="PubDate" content="{year + 1}-01-20 09:00"></head><body>
<h1>{title}</h1>
<p>本报告根据《中华人民共和国政府信息公开条例》编制。本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。</p>
<p><strong>一、总体情况</strong></p><p>{text[1]}</p>
<p><strong>二、主动公开政府信息情况</strong></p>{table(t2)}
<p><strong>三、收到和处理政府信息公开申请情况</strong></p>{table(t3)}
<p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>{table(t4)}
<p><strong>五、存在的主要问题及改进情况</strong></p><p>{text[5]}</p>
<p><strong>六、其他需要报告的事项</strong></p><p>{text[6]}</p>
<p style="text-align:right">{agency}</p><p style="text-align:right">{year + 1}年1月20日</p>
</body></html>"""


def build(data_dir: Path, *, index: bool = True) -> Settings:
    from ogi.indexer.service import index_archive
    from ogi.pipeline import extract_archive
    from webdata import put_page

    with Archive(data_dir) as archive:
        for report in REPORTS:
            put_page(archive, BASE + report["name"] + ".html", page(report).encode("utf-8"),
                     f"{report['year'] + 1}-02-03T08:00:00+00:00")
        extract_archive(archive)
    settings = Settings.load(data_dir, env={**os.environ, "OGI_ADMIN_TOKEN": "s3cret-token"})
    if index:
        index_archive(settings, full=True)
    return settings
