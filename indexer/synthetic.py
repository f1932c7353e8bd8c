"""Synthetic annual reports (index records) for the search benchmark and contract tests.

Deterministic for a seed: `synthetic_records(n, seed)` yields the same records every time,
so a benchmark can index them and later re-generate them for a brute-force check without
holding 100,000 texts in memory. Agencies sit in real divisions (the MCA dataset, down to
townships); texts are assembled from the phrasing real reports use (about 6,000 characters
by default); figures follow the 2021 table with the identities mostly holding.
"""

from __future__ import annotations

import hashlib
import random
from functools import lru_cache
from typing import Any, Iterator

from ogi.figure_keys import all_keys

_OPENING = ("依据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开"
            "工作年度报告格式〉的通知》要求，编制本报告。本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。")
_SENTENCES = (
    "{y}年，{a}坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署。",
    "全年主动公开政府信息{n}条，其中政策文件{m}件，工作动态{k}条。",
    "本年度共收到政府信息公开申请{n}件，其中自然人提出{m}件，法人或其他组织提出{k}件。",
    "因政府信息公开被申请行政复议{m}件，结果维持{k}件，纠正{j}件。",
    "因政府信息公开被提起行政诉讼{m}件，判决维持{k}件，尚未审结{j}件。",
    "严格落实保密审查制度，坚持“先审查、后公开”和“一事一审”原则，全年未发生泄密事件。",
    "依托政府门户网站、政务新媒体等平台，及时发布政策解读{m}篇，回应社会关切{k}次。",
    "规范依申请公开办理流程，做到依法依规、按时答复，全年无超期答复情况。",
    "加强政府信息公开平台建设，优化网站栏目设置，新增专题专栏{m}个。",
    "组织开展政务公开业务培训{m}次，参训人员{n}人次，工作人员业务水平不断提高。",
    "存在的主要问题：一是公开内容不够全面，二是政策解读形式较为单一，三是基层工作人员业务能力有待提升。",
    "下一步，我们将进一步完善工作机制，加大主动公开力度，提升依申请公开办理质量。",
    "本机关办理人大代表建议{m}件、政协提案{k}件，均已按期办结并公开答复全文。",
    "在重大行政决策前公开征求意见{m}次，收到意见建议{k}条，采纳{j}条。",
    "政府信息公开工作年度报告按规定时间在门户网站公开，接受社会监督。",
    "按照《政府信息公开信息处理费管理办法》规定，本年度未收取信息处理费。",
    "对申请人撤回申请的{m}件，依法予以登记并终止办理。",
    "推进基层政务公开标准化规范化建设，编制完善政务公开事项标准目录{m}项。",
    "聚焦乡村振兴、教育医疗、社会救助等重点领域，公开相关信息{n}条。",
    "{a}设立政府信息公开查阅点{m}个，方便群众查阅政府信息。",
)
_RARE = ("行政复议决定书", "信息处理费", "国家秘密", "商业秘密", "个人隐私", "重复申请", "不予处理", "三需要",
         "危及“三安全一稳定”", "工作秘密", "过程性信息", "行政执法案卷", "信访举报投诉", "要求提供公开出版物")
_LEVEL_SUFFIX = {1: "人民政府", 2: "人民政府", 3: "人民政府", 4: ""}
_DEPARTMENTS = ("教育局", "财政局", "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "卫生健康委员会",
                "市场监督管理局", "民政局", "人力资源和社会保障局", "农业农村局", "应急管理局", "司法局", "公安局")


@lru_cache(maxsize=1)
def _divisions() -> tuple[list[Any], dict[str, tuple[Any, ...]]]:
    from ogi.divisions import get_divisions

    d = get_divisions()
    units = sorted(d.by_code.values(), key=lambda x: x.code)
    return units, dict(d.paths)


def synthetic_record(i: int, seed: int = 0, text_chars: int = 6000) -> dict[str, Any]:
    """Report number `i` of the synthetic corpus `seed`, as an index record."""
    rng = random.Random(hashlib.sha256(f"{seed}:{i}".encode()).digest())
    units, paths = _divisions()
    unit = units[rng.randrange(len(units))]
    path = paths[unit.code]
    names = {("province", "city", "county", "township")[d.level - 1]: d.name for d in path if 1 <= d.level <= 4}
    department = rng.random() < 0.4 and unit.level <= 3
    agency = unit.name + (rng.choice(_DEPARTMENTS) if department else _LEVEL_SUFFIX.get(unit.level, ""))
    level = "department" if department else ("province", "city", "county", "township")[unit.level - 1]
    year = rng.choice((2019, 2020, 2021, 2022, 2023, 2024, 2025))
    pieces = [_OPENING.format(y=year)]
    size = len(pieces[0])
    while size < text_chars:
        if rng.random() < 0.03:
            sentence = f"其中{rng.choice(_RARE)}{rng.randint(1, 9)}件。"
        else:
            sentence = rng.choice(_SENTENCES).format(y=year, a=agency, n=rng.randint(0, 3000), m=rng.randint(0, 60),
                                                     k=rng.randint(0, 40), j=rng.randint(0, 9))
        pieces.append(sentence)
        size += len(sentence)
    text = "\n".join(pieces)
    figures = {}
    for key in all_keys("2021"):
        if rng.random() < 0.85:
            figures["figures." + key] = float(rng.choice((0, 0, 0, 1, 2, 3, rng.randint(0, 500))))
    ok = rng.random() < 0.8
    return {
        "id": f"syn{seed}-{i:07d}",
        "url": f"http://gov.example/{unit.code}/{year}/{i}.html",
        "document_url": f"http://gov.example/{unit.code}/{year}/{i}.html",
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
        "captured_at": f"{year + 1}-02-{rng.randint(1, 28):02d}T08:00:00Z",
        "title": f"{agency}{year}年政府信息公开工作年度报告",
        "agency": agency,
        "agency_level": level,
        **{k: names.get(k) for k in ("province", "city", "county", "township")},
        "region_code": unit.code,
        "region_level": ("province", "city", "county", "township")[unit.level - 1],
        "year": year,
        "published_at": f"{year + 1}-01-{rng.randint(1, 31):02d}",
        "format": rng.choice(("html", "html", "html", "pdf", "pdf", "docx", "doc", "image")),
        "table_format": "2021" if year >= 2021 else "2019",
        "checks_ok": ok if rng.random() < 0.95 else None,
        "checks_failed": [] if ok else ["row_total:requests.new_received"],
        "removed": rng.random() < 0.01,
        "sections": ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                     "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"],
        "text": text,
        **figures,
    }


def synthetic_records(n: int, seed: int = 0, text_chars: int = 6000) -> Iterator[dict[str, Any]]:
    for i in range(n):
        yield synthetic_record(i, seed, text_chars)
